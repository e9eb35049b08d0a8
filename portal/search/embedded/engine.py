"""Turning a `SearchQuery` into ranked service ids, over whole segments at once.

For each segment of the index (see `portal.search.embedded.segments`) a search is a few array
operations: the live documents, the filters (needs and audiences from keyword postings; days,
times, modes, free and access from the bits of the `facets` column; age from the age columns),
the words (`portal.search.embedded.text`) and, with a place, the stored positions inside the
radius's bounding box, measured exactly (haversine, vectorised). What survives is ordered (best
match, nearest, next session or most recently checked) and only the ids of the page shown leave
this module: the database loads those rows.

With a place, in-person results within the radius come first, then online ones, which suit any
place and are labelled on the page. Above all that, open listings come before temporarily closed
ones, in every order: a closed activity still shows (labelled), but never ahead of one a person
can go to. Whether a listing is temporarily closed is a bit of its `facets` column, written
with the rest of its document whenever the listing changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from portal.geo.distance import EARTH_RADIUS_KM, bounding_box
from portal.search.backend import Centre, Ranked
from portal.search.documents import BITS, facet_bit, next_session_key
from portal.search.embedded.index import directory
from portal.search.embedded.readers import Leaf, Snapshot, open_index_for
from portal.search.embedded.text import Scorer, did_you_mean
from portal.search.ordering import freshness, nearness
from portal.search.plans import TextPlan, Thesaurus, plans
from portal.search.query import KM_PER_MILE, SearchQuery

CLOSED = facet_bit("status", "closed")


@dataclass
class _Found:
    """The matches of one segment, as parallel arrays."""

    docs: np.ndarray  # global document numbers
    score: np.ndarray
    km: np.ndarray  # inf when not measured (no place, or online)
    reviewed: np.ndarray
    nearby: np.ndarray  # bool: in person within the radius
    closed: np.ndarray  # bool: temporarily closed
    leaf: Leaf
    local: np.ndarray  # document numbers inside the segment


def _any_bits(facet: str, values) -> int:
    bits = 0
    for value in values:
        bits |= facet_bit(facet, value)
    return bits


def filter_mask(leaf: Leaf, query: SearchQuery) -> np.ndarray:
    """Live documents passing every filter but place: OR within a repeatable filter (any of
    the chosen days), AND across filters, every chosen access feature required."""
    data, mask = leaf.data, leaf.live.copy()
    for name, values in (("needs", query.needs), ("audiences", query.audiences)):
        if values:
            tagged = np.zeros(data.size, bool)
            for value in values:
                tagged |= data.keyword(leaf.reader, name, value)
            mask &= tagged
    for facet, values in (("day", query.days), ("time", (query.time,) if query.time else ())):
        if values:
            mask &= (data.facets & np.uint64(_any_bits(facet, values))) != 0
    required = _any_bits("access", [a for a in query.access if ("access", a) in BITS])
    if query.free:
        required |= facet_bit("free", "yes")
    if query.referrals:
        required |= facet_bit("referrals", "yes")
    if query.mode:
        required |= facet_bit("mode", query.mode)
    if required:
        mask &= (data.facets & np.uint64(required)) == np.uint64(required)
    if query.age is not None:
        mask &= (data.min_age <= query.age) & (data.max_age >= query.age)
    return mask


def _distances_km(data, centre: Centre, km: float) -> np.ndarray:
    """Each document's nearest stored position to `centre` in km (inf beyond the box)."""
    south, west, north, east = bounding_box(centre.latitude, centre.longitude, km)
    boxed = np.flatnonzero(
        (data.pos_lat >= south)
        & (data.pos_lat <= north)
        & (data.pos_lon >= west)
        & (data.pos_lon <= east)
    )
    nearest = np.full(data.size, np.inf)
    if len(boxed):
        lat, lon = np.radians(data.pos_lat[boxed]), np.radians(data.pos_lon[boxed])
        lat0, lon0 = np.radians(centre.latitude), np.radians(centre.longitude)
        a = np.sin((lat - lat0) / 2) ** 2
        a += np.cos(lat0) * np.cos(lat) * np.sin((lon - lon0) / 2) ** 2
        np.minimum.at(nearest, data.pos_doc[boxed], 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a)))
    return nearest


def _find(
    leaf: Leaf,
    query: SearchQuery,
    centre: Centre | None,
    scorer: Scorer | None,
) -> _Found:
    mask = filter_mask(leaf, query)
    score = np.zeros(leaf.data.size, np.float32)
    if scorer is not None:
        matched, score = scorer.match(leaf)
        mask &= matched
    km = np.full(leaf.data.size, np.inf)
    nearby = np.zeros(leaf.data.size, bool)
    if centre is not None and query.mode != "online":
        limit = query.effective_radius * KM_PER_MILE
        km = _distances_km(leaf.data, centre, limit)
        nearby = mask & (km <= limit)
        online = facet_bit("mode", "online")
        elsewhere = (leaf.data.facets & np.uint64(online)) != 0
        mask = nearby if query.mode == "in_person" else nearby | (mask & elsewhere)
    local = np.flatnonzero(mask)
    return _Found(
        local + leaf.offset,
        score[local],
        np.where(nearby[local], km[local], np.inf),
        leaf.data.reviewed[local],
        nearby[local],
        (leaf.data.facets[local] & np.uint64(CLOSED)) != 0,
        leaf,
        local,
    )


def _order(found: list[_Found], query: SearchQuery, scored: bool, today: date) -> np.ndarray:
    """Positions into the concatenated matches, in the order the page lists them: open ones
    before temporarily closed ones; within each, nearby ones first, then the rest (online),
    each in the chosen order. Best match orders by the words' score times how fresh and how
    near the listing is (`portal.search.ordering`). (`np.lexsort` sorts by its last key
    first.)"""
    docs = np.concatenate([f.docs for f in found])
    score = np.concatenate([f.score for f in found])
    km = np.concatenate([f.km for f in found])
    reviewed = np.concatenate([f.reviewed for f in found])
    later = ~np.concatenate([f.nearby for f in found])
    closed = np.concatenate([f.closed for f in found])
    sort = query.effective_sort
    keys: tuple[np.ndarray, ...]
    if sort == "next":
        soonest = np.concatenate(
            [
                f.leaf.data.next_sessions(
                    f.leaf.reader, f.local, today, lambda s: next_session_key(s, today)
                )
                for f in found
            ]
        )
        keys = (docs, km, soonest, later, closed)
    elif sort == "distance" or not scored:
        keys = (docs, -reviewed, -score, km, later, closed)
    else:
        weighted = score * freshness(today.toordinal() - reviewed) * nearness(km)
        keys = (docs, -reviewed, km, -weighted, later, closed)
    return np.lexsort(keys)


def _ranked(
    snapshot: Snapshot,
    query: SearchQuery,
    centre: Centre | None,
    window: tuple[int, int],
    plan: TextPlan | None,
    today: date,
) -> Ranked:
    scorer = Scorer(snapshot, plan) if plan is not None else None
    found = [_find(leaf, query, centre, scorer) for leaf in snapshot.leaves]
    total = sum(len(f.docs) for f in found)
    if not total:
        return Ranked([], 0)
    start, stop = window
    # The thesaurus's needs alone score every match alike: nearest first, as in PostgreSQL.
    scored = plan is not None and not plan.needs_only
    chosen = _order(found, query, scored, today)[start:stop]
    docs = np.concatenate([f.docs for f in found])[chosen]
    km = np.concatenate([f.km for f in found])[chosen]
    ids = [snapshot.service_id(int(d)) for d in docs]
    distances = (
        {i: (float(k) if np.isfinite(k) else None) for i, k in zip(ids, km, strict=True)}
        if centre
        else {}
    )
    return Ranked(ids, total, distances, any_word=plan is not None and plan.any_word)


def rank(
    query: SearchQuery,
    centre: Centre | None,
    start: int,
    stop: int,
    thesaurus: Thesaurus,
    today: date,
    folder=None,
) -> Ranked:
    """The ids for positions `start:stop` of the ordered results, and how many there are.

    Words are tried as `portal.search.plans.plans` says until something matches; temporarily
    closed listings (a bit of the `facets` column) go after every other match. Raises
    `IndexUnavailable` when the index cannot be read, `WhooshChanged` when Whoosh does not
    store it as the fast paths read it.
    """
    with open_index_for(folder or directory()).snapshot() as snapshot:
        attempts: Sequence[TextPlan | None] = (
            plans(query.text, thesaurus, query.also) if query.text else [None]
        )
        ranked = Ranked([], 0)
        for plan in attempts:
            ranked = _ranked(snapshot, query, centre, (start, stop), plan, today)
            if ranked.total:
                break
        return ranked


def suggest(text: str, folder=None) -> str | None:
    """`text` with each word the index does not know replaced by its nearest known one."""
    with open_index_for(folder or directory()).snapshot() as snapshot:
        return did_you_mean(snapshot, text)

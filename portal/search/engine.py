"""Turning a `SearchQuery` into ranked service ids with Whoosh.

Filters are keyword terms (cheap in Whoosh); a place becomes the grid cells around it, and
exact distances are worked out only for what those cells hold. Only the ids of the page being
shown leave this module: the database loads those rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, time
from types import SimpleNamespace

from whoosh.qparser import AndGroup, FieldsPlugin, MultifieldParser, OrGroup
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    ConstantScoreQuery,
    Every,
    NumericRange,
    Or,
    Query,
    Term,
)

from portal.directory.schedules import next_occurrence
from portal.geo import distance_km
from portal.search.documents import cells_around
from portal.search.index import open_index
from portal.search.query import SearchQuery

KM_PER_MILE = 1.609344
TEXT_FIELDS = ["name", "description", "organisation", "term_names", "place"]
#: Sorting by next session or distance needs every candidate's stored values; beyond this
#: many matches we sort the best-scoring (or, without words, first-found) ones only.
CANDIDATE_CAP = 3000


@dataclass(frozen=True)
class Centre:
    latitude: float
    longitude: float


@dataclass
class Ranked:
    ids: list[str]
    total: int
    distances: dict[str, float | None] = field(default_factory=dict)
    suggestion: str | None = None
    any_word: bool = False  # no service had every word, so these match some of them


def _any_of(name: str, values) -> Query:
    return Or([Term(name, v) for v in values])


def _place_filter(query: SearchQuery, centre: Centre) -> Query:
    km = query.effective_radius * KM_PER_MILE
    dlat = km / 111.2
    dlon = km / (111.2 * math.cos(math.radians(centre.latitude)))
    cells = cells_around(
        centre.latitude - dlat,
        centre.longitude - dlon,
        centre.latitude + dlat,
        centre.longitude + dlon,
    )
    return _any_of("cells", cells)


def filter_parts(query: SearchQuery) -> list[Query]:
    """Every filter except place, as keyword terms to And together."""
    parts: list[Query] = []
    for name, values in (
        ("needs", query.needs),
        ("audiences", query.audiences),
        ("days", query.days),
    ):
        if values:
            parts.append(_any_of(name, values))
    parts += [Term("access", code) for code in query.access]
    if query.time:
        parts.append(Term("times", query.time))
    if query.free:
        parts.append(Term("flags", "free"))
    if query.mode:
        parts.append(Term("modes", query.mode))
    if query.age is not None:
        parts.append(NumericRange("min_age", None, query.age))
        parts.append(NumericRange("max_age", query.age, None))
    return parts


def text_query(
    schema,
    text: str,
    thesaurus: dict[str, tuple[list[str], list[str]]],
    every_word: bool = True,
    needs_only: bool = False,
) -> Query | None:
    """The words as typed (stemmed, favouring names and needs), widened by the thesaurus.

    With `every_word` a service must match all the words (each in any field); otherwise any
    word will do, more matching words ranking higher.
    """
    if not text:
        return None
    group = AndGroup if every_word else OrGroup.factory(0.9)
    parser = MultifieldParser(TEXT_FIELDS, schema, group=group)
    parser.remove_plugin_class(FieldsPlugin)
    base = parser.parse(text)
    phrases: list[Query] = []
    needs: list[Query] = []
    for words in _word_runs(text):
        more_phrases, more_needs = thesaurus.get(words, ([], []))
        phrases += [parser.parse(phrase) for phrase in more_phrases]
        needs += [Term("needs", code) for code in more_needs]
    if phrases:
        widened = Or(phrases)
        widened.boost = 0.7
        base = Or([base, widened])
    if needs_only:
        return Or(needs) if needs else None
    if not needs:
        return base
    # A thesaurus need ranks its services higher among the matches, and finds them on its
    # own only when the words and phrases find nothing (a need can cover half the directory).
    return AndMaybe(base, Or(needs))


def _attempts(text: str, thesaurus) -> list[tuple[bool, bool]]:
    """(every word, thesaurus needs only) in the order to try until something matches: all
    the words; any of them; the needs the thesaurus gives for them."""
    attempts = [(True, False)]
    if len(text.split()) > 1:
        attempts.append((False, False))
    if text and _thesaurus_needs(text, thesaurus):
        attempts.append((False, True))
    return attempts


def _thesaurus_needs(text: str, thesaurus: dict[str, tuple[list[str], list[str]]]) -> bool:
    return any(thesaurus.get(words, ([], []))[1] for words in _word_runs(text))


def _word_runs(text: str, longest: int = 3) -> list[str]:
    """Every run of one to three words, so thesaurus entries like "lunch club" match too."""
    words = [w.strip(".,!?;:\"'()") for w in text.lower().split()]
    words = [w for w in words if w]
    return [
        " ".join(words[i : i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)
    ]


def _schedules(stored: list[tuple]) -> list[SimpleNamespace]:
    def parse_date(value):
        return date.fromisoformat(value) if value else None

    return [
        SimpleNamespace(
            freq=f,
            interval=i,
            byday=b,
            dtstart=parse_date(d),
            valid_from=parse_date(vf),
            valid_to=parse_date(vt),
            opens_at=time.fromisoformat(o) if o else None,
            closes_at=None,
        )
        for f, i, b, d, vf, vt, o in stored
    ]


def next_session_key(stored: list[tuple], today: date) -> tuple:
    """Sort key: soonest session first, then those with no known session."""
    found = [
        (d, s.opens_at or time(0)) for s in _schedules(stored) if (d := next_occurrence(s, today))
    ]
    return min(found) if found else (date.max, time(0))


def _nearest(positions: list, centre: Centre) -> float | None:
    if not positions:
        return None
    return min(distance_km(centre.latitude, centre.longitude, lat, lon) for lat, lon in positions)


def _collect(
    searcher, q: Query, query: SearchQuery, centre: Centre | None, today: date
) -> tuple[list[str], dict[str, float | None]]:
    """Every candidate with its stored values, cut to the radius and put in the asked order."""
    results = searcher.search(q, limit=CANDIDATE_CAP)
    rows = []
    limit_km = query.effective_radius * KM_PER_MILE
    for rank, hit in enumerate(results):
        km = _nearest(hit.get("positions") or [], centre) if centre else None
        if centre and km is not None and km > limit_km:
            continue
        rows.append((rank, hit["id"], km, hit.get("schedules") or []))
    sort = query.effective_sort
    if sort == "distance" and centre:
        rows.sort(key=lambda r: (r[2] is None, r[2] if r[2] is not None else 0, r[0]))
    elif sort == "next":
        rows.sort(key=lambda r: (next_session_key(r[3], today), r[0]))
    return [r[1] for r in rows], {r[1]: r[2] for r in rows} if centre else {}


def rank(
    query: SearchQuery,
    centre: Centre | None,
    start: int,
    stop: int,
    thesaurus: dict[str, tuple[list[str], list[str]]],
    today: date,
) -> Ranked:
    """The ids for positions `start:stop` of the ordered results, and how many there are."""
    ix = open_index()
    try:
        with ix.searcher() as searcher:
            for every_word, needs_only in _attempts(query.text, thesaurus):
                ranked = _ranked(
                    searcher,
                    ix.schema,
                    query,
                    centre,
                    (start, stop),
                    thesaurus,
                    today,
                    every_word=every_word,
                    needs_only=needs_only,
                )
                ranked.any_word = not every_word and not needs_only
                if ranked.total:
                    break
            if query.text and ranked.total == 0:
                ranked.suggestion = _did_you_mean(searcher, query.text)
            return ranked
    finally:
        ix.close()


def _ranked(
    searcher,
    schema,
    query: SearchQuery,
    centre: Centre | None,
    window: tuple[int, int],
    thesaurus,
    today: date,
    every_word: bool,
    needs_only: bool = False,
) -> Ranked:
    start, stop = window
    textq = text_query(schema, query.text, thesaurus, every_word, needs_only)
    if centre and query.mode != "online":
        return _near(searcher, textq, query, centre, window, today)
    q = _matching(textq, filter_parts(query))
    if query.effective_sort == "next":
        ids, _ = _collect(searcher, q, query, None, today)
        return Ranked(ids[start:stop], len(ids))
    results = _best(searcher, q, bool(textq), stop)
    return Ranked([h["id"] for h in results[start:stop]], len(results))


def _matching(textq: Query | None, parts: list[Query]) -> Query:
    """Words and filters as one query. Filters go in the query, not Whoosh's `filter=`, which
    would first build the set of every document they match (most of the index for a common
    need); in the query they are intersected lazily. They add nothing to the score."""
    if not parts:
        return textq or Every()
    filters = ConstantScoreQuery(And(parts), 0.0)
    return And([textq, filters]) if textq else filters


def _best(searcher, q: Query, scored: bool, limit: int):
    """Best matches for words; without words, the most recently checked first."""
    if scored:
        return searcher.search(q, limit=limit)
    return searcher.search(q, limit=limit, sortedby="reviewed", reverse=True)


def _near(
    searcher,
    textq: Query | None,
    query: SearchQuery,
    centre: Centre,
    window: tuple[int, int],
    today: date,
) -> Ranked:
    """In-person results within the radius (exact distances only for what the grid cells
    hold), then online ones, which suit any place and are labelled on the page."""
    start, stop = window
    cells = _place_filter(query, centre)
    parts = filter_parts(query)
    ids, distances = _collect(searcher, _matching(textq, [*parts, cells]), query, centre, today)
    if query.mode == "in_person":
        return Ranked(ids[start:stop], len(ids), distances)
    # A service both online and nearby is listed once, with the nearby ones.
    online_q = AndNot(_matching(textq, [*parts, Term("modes", "online")]), cells)
    wanted = max(0, stop - len(ids))
    online = _best(searcher, online_q, bool(textq), max(wanted, 1))
    combined = ids + [h["id"] for h in online][:wanted]
    return Ranked(combined[start:stop], len(ids) + len(online), distances)


def _did_you_mean(searcher, text: str) -> str | None:
    corrector = searcher.corrector("spell")
    words = text.split()
    fixed = []
    for word in words:
        options = corrector.suggest(word.lower(), limit=1, maxdist=2)
        fixed.append(options[0] if options else word)
    suggestion = " ".join(fixed)
    return suggestion if suggestion.lower() != text.lower() else None

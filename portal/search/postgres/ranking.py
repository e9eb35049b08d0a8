"""Turning a `SearchQuery` into the page's listing ids with one SQL statement per plan.

The rules are the embedded engine's (`portal.search.embedded.engine`): filters (needs and
audiences: any of those chosen; days and times of day: any of them; access features, free and
mode: all of them; age), the words (`matching`), and with a place the listings meeting in
person within the radius first, then online ones, which suit any place (unless a mode is
chosen). Above all, open listings come before temporarily closed ones in every order.

Two steps keep a search quick however many listings match. First the matches are counted
and put in a plain order (`PRE_RANK`: open first, nearby first, nearest, most recently
checked), reading only narrow columns: with a place, the cells covering its box are
intersected with the words', needs' and audiences' index entries before any row is read
(`cells`), and only the listings left are measured exactly. Then the words are scored
(`ts_rank`, `matching`) for the first `CANDIDATES` of those only, which the page lists in the
chosen order; any beyond them follow in the plain order. Scoring every match of a common word
and its thesaurus phrases (a third of 100,000 listings) took 60 to 300 ms; this takes 30 to
60 ms on the same machine. Ordering by next session reads the candidates' schedules and
orders them here, with `portal.directory.schedules` as the listing page does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row, text
from sqlalchemy.orm import Session

from portal.geo.distance import EARTH_RADIUS_KM, bounding_box
from portal.search.backend import Centre, Ranked
from portal.search.documents import BITS, NO_SESSION, facet_bit, next_session_key
from portal.search.ordering import FRESH_DAYS, HALF_KM, STALE_FACTOR, STALE_PER_DAY
from portal.search.plans import TextPlan, Thesaurus, plans
from portal.search.postgres.cells import covering
from portal.search.postgres.matching import Binds, CompiledPlan, compile_plan
from portal.search.postgres.rarity import rarity
from portal.search.query import SearchQuery

KM_PER_MILE = 1.609344
#: Words are scored for at most this many matches: those that come first before the words
#: count (nearest with a place, else most recently checked; open ones first). Ranking every
#: match of a common word cost 60 to 300 ms at 100,000 listings; the rest follow them.
CANDIDATES = 500
#: How PostgreSQL runs a search's statements (`_planner_settings` says why).
PLANNER = {
    "enable_seqscan": "off",
    "max_parallel_workers_per_gather": "0",
    "jit": "off",
    "work_mem": "32MB",
}
#: The order before the words count, and of the matches beyond the candidates.
PRE_RANK = "closed, later, km, reviewed DESC, service_id"

_DISTANCE = (
    f"2 * {EARTH_RADIUS_KM} * asin(sqrt(power(sin(radians(p.latitude - :lat) / 2), 2)"
    " + cos(radians(:lat)) * cos(radians(p.latitude))"
    " * power(sin(radians(p.longitude - :lon) / 2), 2)))"
)


def _any_bits(facet: str, values) -> int:
    bits = 0
    for value in values:
        bits |= facet_bit(facet, value)
    return bits


def filters(query: SearchQuery, sql: Binds) -> list[str]:
    """Conditions on `search_listings l` for every filter but place and words."""
    found = []
    for column, values in (("needs", query.needs), ("audiences", query.audiences)):
        if values:
            found.append(f"l.{column} && CAST({sql.bind(list(values), 'f')} AS varchar[])")
    for facet, values in (("day", query.days), ("time", (query.time,) if query.time else ())):
        if values:
            found.append(f"(l.facets & {_any_bits(facet, values)}) <> 0")
    required = _any_bits("access", [a for a in query.access if ("access", a) in BITS])
    if query.free:
        required |= facet_bit("free", "yes")
    if query.referrals:
        required |= facet_bit("referrals", "yes")
    if query.mode:
        required |= facet_bit("mode", query.mode)
    if required:
        found.append(f"(l.facets & {required}) = {required}")
    if query.mode == "online":  # the same, through the small index of online listings
        found.append("l.online")
    if query.age is not None:
        found.append(f"l.min_age <= {int(query.age)} AND l.max_age >= {int(query.age)}")
    return found


def _matches(query: SearchQuery, centre: Centre | None, where: str, sql: Binds) -> str:
    """`WITH ... matches AS (...)`: each matching listing's id, `closed`, `reviewed`, `km`
    (None unless in person within the radius) and `later` (not nearby: online, or no place)."""
    columns = "l.service_id, l.closed, l.reviewed"
    if centre is None or query.mode == "online":
        return (
            f"WITH matches AS (SELECT {columns}, NULL::float8 AS km, TRUE AS later "
            f"FROM search_listings l {where})"
        )
    limit = query.effective_radius * KM_PER_MILE
    south, west, north, east = bounding_box(centre.latitude, centre.longitude, limit)
    sql.params.update(lat=centre.latitude, lon=centre.longitude, limit_km=limit)
    sql.params["cells"] = covering(south, west, north, east)
    inside = "l.cells && CAST(:cells AS integer[])"
    near = "d.km <= :limit_km"
    kept = (
        f"{inside} AND {near}" if query.mode else f"({inside} OR l.online) AND ({near} OR l.online)"
    )
    return (
        f"WITH matches AS (SELECT {columns}, CASE WHEN {near} THEN d.km END AS km, "
        f"NOT coalesce({near}, FALSE) AS later FROM search_listings l "
        f"LEFT JOIN LATERAL (SELECT min({_DISTANCE}) AS km FROM search_positions p "
        f"WHERE p.service_id = l.service_id AND {inside}) AS d ON TRUE {where} AND {kept})"
    )


#: `portal.search.ordering.freshness` of a candidate's `reviewed` on `:today_ordinal`.
_FRESHNESS = (
    f"GREATEST({STALE_FACTOR!r}::float8, LEAST(1.0::float8, "
    f"1.0::float8 - {STALE_PER_DAY!r}::float8 * (:today_ordinal - reviewed - {FRESH_DAYS})))"
)
#: `portal.search.ordering.nearness` of a candidate's `km` (NULL for online ones: 1).
_NEARNESS = f"1.0::float8 / (1.0::float8 + coalesce(km, 0) / {HALF_KM!r}::float8)"


def _order(query: SearchQuery) -> str:
    """The page's order among the candidates (`engine._order`): open first; nearby before
    the rest; the chosen order (best match: the score times how fresh and how near, as
    `portal.search.ordering` says); newer checked first; then id."""
    if query.effective_sort == "distance":
        return "closed, later, km, score DESC, reviewed DESC, service_id"
    return f"closed, later, score * {_FRESHNESS} * {_NEARNESS} DESC, km, reviewed DESC, service_id"


@dataclass
class _Statement:
    """One plan's matches as SQL, and how to page them."""

    matches: str  # WITH ... matches AS (...)
    params: dict
    compiled: CompiledPlan

    def prerank(self, session: Session, window: tuple[int, int]) -> Sequence[Row]:
        """Rows (service_id, km, total) of `window` in the pre-rank order: the final order
        when no words are scored; after the candidates when they are."""
        start, stop = window
        return session.execute(
            text(
                f"{self.matches} SELECT service_id, km, count(*) OVER () FROM matches "
                f"ORDER BY {PRE_RANK} LIMIT :limit OFFSET :offset"
            ),
            {**self.params, "offset": start, "limit": max(stop - start, 0)},
        ).all()

    def candidates(self, columns: str) -> str:
        return (
            f"{self.matches}, candidates AS MATERIALIZED (SELECT m.*, count(*) OVER () AS total "
            f"FROM matches m ORDER BY {PRE_RANK} LIMIT {CANDIDATES}) "
            f"SELECT {columns} FROM candidates c "
            "JOIN search_listings l ON l.service_id = c.service_id "
        )

    def scored(
        self, session: Session, query: SearchQuery, window: tuple[int, int]
    ) -> Sequence[Row]:
        """Rows (service_id, km, total) of `window` (inside the candidates), best first."""
        start, stop = window
        compiled = self.compiled
        lateral = f"CROSS JOIN LATERAL (SELECT {compiled.ranks} OFFSET 0) AS r"
        inner = self.candidates(
            f"c.service_id, c.km, c.total, c.closed, c.later, c.reviewed, {compiled.score} AS score"
        )
        return session.execute(
            text(
                f"SELECT service_id, km, total FROM ({inner}{lateral}) AS s "
                f"ORDER BY {_order(query)} LIMIT :limit OFFSET :offset"
            ),
            {**self.params, "offset": start, "limit": max(stop - start, 0)},
        ).all()

    def count(self, session: Session) -> int:
        """How many match, for a page past the end (no row came back to carry it)."""
        return session.execute(
            text(f"{self.matches} SELECT count(*) FROM matches"), self.params
        ).scalar_one()


def _page(
    session: Session, statement: _Statement, query: SearchQuery, window: tuple[int, int]
) -> tuple[Sequence[tuple[Any, ...]], int | None]:
    """The rows of `window`: the candidates in the page's order, then (past them) the rest
    in the pre-rank order; and the total when a row carried it."""
    start, stop = window
    if not statement.compiled.ranks:
        found = statement.prerank(session, window)
        return found, found[0][2] if found else None
    scored = (
        statement.scored(session, query, (start, min(stop, CANDIDATES)))
        if start < CANDIDATES
        else []
    )
    rest = statement.prerank(session, (max(start, CANDIDATES), stop)) if stop > CANDIDATES else []
    rows = [*scored, *rest]
    return rows, rows[0][2] if rows else None


def _ranked(
    session: Session,
    query: SearchQuery,
    centre: Centre | None,
    window: tuple[int, int],
    plan: TextPlan | None,
    today: date,
) -> Ranked:
    any_word = plan is not None and plan.any_word
    compiled = compile_plan(session, plan, rarity(session, plan))
    if compiled.match is None:
        return Ranked([], 0, any_word=any_word)
    sql = Binds(dict(compiled.params))
    where = "WHERE " + " AND ".join([compiled.match, *filters(query, sql)])
    sql.params["today_ordinal"] = today.toordinal()  # for the best match order (`_order`)
    statement = _Statement(_matches(query, centre, where, sql), sql.params, compiled)
    if query.effective_sort == "next":
        rows, total = _by_next_session(session, statement, window, today)
    else:
        rows, total = _page(session, statement, query, window)
    if total is None:
        total = statement.count(session) if window[0] else 0
    ids = [str(r[0]) for r in rows]
    distances = {str(r[0]): r[1] for r in rows} if centre else {}
    return Ranked(ids, total, distances, any_word=any_word)


def _by_next_session(
    session: Session, statement: _Statement, window: tuple[int, int], today: date
) -> tuple[Sequence[tuple[Any, ...]], int | None]:
    """The candidates ordered by their next session here (`next_session_key`), then the rest
    in the pre-rank order."""
    start, stop = window
    found = session.execute(
        text(statement.candidates("c.service_id, c.km, c.total, c.closed, c.later, l.schedules")),
        statement.params,
    ).all()
    ordered = sorted(
        found,
        key=lambda r: (
            r.closed,
            r.later,
            next_session_key(r.schedules, today),
            NO_SESSION if r.km is None else r.km,
            str(r.service_id),
        ),
    )
    rows: list[tuple[Any, ...]] = [(r.service_id, r.km, r.total) for r in ordered[start:stop]]
    if stop > CANDIDATES:
        rows += statement.prerank(session, (max(start, CANDIDATES), stop))
    total = found[0].total if found else None
    return rows, total


@contextmanager
def _planner_settings(session: Session) -> Iterator[None]:
    """`PLANNER` for the search's statements only, then as they were (an error leaves them to
    the rollback that follows it). Measured at 100,000 and 1,000,000 listings: the planner
    priced a GIN bitmap for a word and its thesaurus phrases above reading the whole table,
    which took four times as long; a search is too short to gain from parallel workers or
    from compiling its expressions (JIT added 10 ms); and with the default 4 MB the bitmaps
    of common words went lossy, so every row of their pages was checked again."""
    before = _set(session, PLANNER)
    yield
    _set(session, before)


def _set(session: Session, values: dict[str, str]) -> dict[str, str]:
    """Set these planner settings until the transaction ends; returns what they were."""
    params, reads, calls = {}, [], []
    for i, (name, value) in enumerate(values.items()):
        params.update({f"n{i}": name, f"v{i}": value})
        reads.append(f"current_setting(:n{i})")
        calls.append(f"set_config(:n{i}, :v{i}, true)")
    row = session.execute(text(f"SELECT {', '.join(reads + calls)}"), params).one()
    return dict(zip(values, row[: len(values)], strict=True))


def rank(
    session: Session,
    query: SearchQuery,
    centre: Centre | None,
    window: tuple[int, int],
    thesaurus: Thesaurus,
    today: date,
) -> Ranked:
    """Positions `window` of the ordered results and how many there are, trying the plans
    of `portal.search.plans` in turn until one matches."""
    attempts: Sequence[TextPlan | None] = (
        plans(query.text, thesaurus, query.also) if query.text else [None]
    )
    ranked = Ranked([], 0)
    with _planner_settings(session):
        for plan in attempts:
            ranked = _ranked(session, query, centre, window, plan, today)
            if ranked.total:
                break
    return ranked

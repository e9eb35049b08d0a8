"""Search by place and need: read the question, find the place, rank with the search backend
(`portal.search.backend.current_backend`), load the page from the database, and log the search
(without personal data) for unmet-need insight. While the backend cannot answer, the database
does (`portal.search.fallback`), and the page says the results may be incomplete.
"""

from __future__ import annotations

import difflib
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from flask import current_app
from sqlalchemy import func, insert, select

from portal.caching import cached
from portal.db import utcnow
from portal.directory.models import Location
from portal.directory.services import Page
from portal.directory.summaries import ServiceSummary, service_summaries
from portal.extensions import db
from portal.geo import (
    PlaceKind,
    PlaceMatch,
    distance_km,
    find_named_places,
    find_place,
    postcode_district,
    suggest_places,
)
from portal.search.backend import Centre, Ranked, SearchUnavailable, current_backend
from portal.search.fallback import database_rank
from portal.search.models import SearchLog, Synonym
from portal.search.plans import FILLER_WORDS, Thesaurus, typed_words
from portal.search.query import RADII, SearchQuery
from portal.search.reading import AREA_KM, outside_area, place_in_words


@dataclass
class SearchOutcome:
    query: SearchQuery
    page: Page[ServiceSummary]
    place: PlaceMatch | None = None
    distances: dict[str, float | None] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    suggestion: str | None = None
    place_suggestions: list[str] = field(default_factory=list)
    further: list[tuple[ServiceSummary, float | None]] = field(default_factory=list)
    any_word: bool = False
    #: Answered from the database while the index is rebuilt: may miss or misorder some.
    incomplete: bool = False
    #: No search asked yet: the page shows the empty form.
    blank: bool = False
    #: The words the results are for: `query.text`, or its spelling correction.
    shown_text: str = ""
    #: The words as typed when the results are for their spelling correction.
    corrected_from: str | None = None
    #: The words as typed when a place was read from them (now `query.where`).
    place_read_from: str | None = None
    #: The place is outside the directory's area: only online activities are listed.
    outside_area: bool = False

    @property
    def first_number(self) -> int:
        return (self.page.page - 1) * self.page.per_page + 1


_SYNONYMS = select(Synonym.term, Synonym.expands_to, Synonym.needs)


def thesaurus() -> Thesaurus:
    """The directory team's synonyms: word -> (phrases, need codes). Read as plain rows on
    every search (a quarter of the time ORM objects took), so an edit counts at once."""
    return {
        term.lower().replace("\u2019", "").replace("'", ""): (
            [p.strip() for p in expands_to.split(",") if p.strip()],
            [n.strip() for n in needs.split(",") if n.strip()],
        )
        for term, expands_to, needs in db.session.execute(_SYNONYMS)
    }


def listing_ids_for(text: str, limit: int) -> list[str]:
    """The ids of the public listings that best match `text`, open ones first: for pickers
    that need a few listings by name (a connector linking an asset, connecting a person).
    Raises `SearchUnavailable` when the search backend cannot answer just now."""
    query = SearchQuery(text=text)
    return current_backend().rank(query, None, 0, limit, thesaurus(), date.today()).ids


def matching_ids(text: str) -> list[str]:
    """The ids of every public listing matching `text`, best first (open ones before
    temporarily closed ones), ranked as the search page ranks words: for the Open Referral
    API, which filters and pages them itself. Never raises: while the backend cannot answer
    the database does (every word by LIKE), as it does for the search page."""
    query = SearchQuery(text=" ".join(text.split())[:200])
    if not query.text:
        return []
    return _rank(query, None, 0, 2**62, thesaurus()).ids


def _rank(
    query: SearchQuery, centre: Centre | None, start: int, stop: int, words: Thesaurus
) -> Ranked:
    """Rank with the search backend; while it cannot answer, the database does
    (`Ranked.incomplete`). Never raises `SearchUnavailable`."""
    try:
        return current_backend().rank(query, centre, start, stop, words, date.today())
    except SearchUnavailable as error:
        current_app.logger.warning("Search answered from the database: %s", error)
    ranked = database_rank(query, centre, start, stop)
    ranked.incomplete = True
    return ranked


def _suggestion(query: SearchQuery, ranked: Ranked, words: Thesaurus) -> str | None:
    """A spelling to offer when no listing had every word: the thesaurus's words first, for
    words it does not have ("alzeimers" is its "alzheimers", "kniting" its "knitting"), then
    the backend's for words still unknown to the listings' names and needs."""
    if not query.text or ranked.incomplete or (ranked.total and not ranked.any_word):
        return None
    curated = thesaurus_spelling(query.text, words) or query.text
    try:
        spelling = current_backend().suggest(curated) or curated
    except SearchUnavailable:
        return None
    return spelling if spelling.lower() != query.text.lower() else None


_WORD = re.compile(r"[^\W\d_]{4,}")  # the words of four letters or more in a phrase
#: How alike a word must be to a thesaurus word to be read as it (difflib's ratio).
THESAURUS_LIKENESS = 0.8


def thesaurus_spelling(text: str, words: Thesaurus) -> str | None:
    """`text` with each word of four letters or more that the thesaurus does not have
    replaced by the most alike word it does (same first letter), or None when none is."""
    known = {w for entry in words for w in _WORD.findall(entry)}
    for phrases, _ in words.values():
        known |= {w for p in phrases for w in _WORD.findall(p.lower())}
    changed, out = False, []
    for word in text.split():
        bare = word.strip(".,!?;:\"'()").lower()
        if len(bare) < 4 or bare in known or bare in FILLER_WORDS or not typed_words(bare):
            out.append(word)
            continue
        close = [
            w
            for w in difflib.get_close_matches(bare, known, 3, THESAURUS_LIKENESS)
            if w[0] == bare[0]
        ]
        out.append(close[0] if close else word)
        changed |= bool(close)
    return " ".join(out) if changed else None


def _spelling_fix(
    query: SearchQuery, ranked: Ranked, words: Thesaurus, rerun: Callable[[SearchQuery], Ranked]
) -> tuple[str | None, Ranked | None]:
    """(a spelling to offer, its results when they replace these). The correction's results
    replace the words as typed when those found nothing (or only listings with some of them)
    and the correction finds listings with every word (or anything, when the words as typed
    found nothing); not when the person asked for their words exactly as typed (`exact`)."""
    spelling = _suggestion(query, ranked, words)
    if not spelling or query.exact:
        return spelling, None
    again = rerun(replace(query, text=spelling))
    if again.total and (not again.any_word or not ranked.total):
        return spelling, again
    return spelling, None


def _locate(query: SearchQuery) -> tuple[PlaceMatch | None, dict[str, str], list[str]]:
    if not query.where:
        return None, {}, []
    place = find_place(query.where)
    if place is not None:
        return place, {}, []
    suggestions = _local_first(suggest_places(query.where, limit=5))[:2]
    message = f"We couldn't find “{query.where}”."
    if suggestions:
        message += " Did you mean " + " or ".join(suggestions) + "?"
    else:
        message += " Enter a town or village, or a postcode like RG12 1AA."
    return None, {"where": message}, suggestions


def area_centre() -> tuple[float, float] | None:
    """The middle of the directory's venues (cached like the home-page counts)."""
    return cached(
        ("area-centre",),
        lambda: db.session.execute(
            select(func.avg(Location.latitude), func.avg(Location.longitude)).where(
                Location.latitude.is_not(None)
            )
        ).one(),
    )


def _centre() -> tuple[float, float] | None:
    centre = area_centre()
    return None if centre is None or centre[0] is None else (centre[0], centre[1])


def _local_first(names: list[str]) -> list[str]:
    """Misspelt places: suggest the ones near this directory's area first."""
    centre = area_centre()
    if not names or centre is None or centre[0] is None:
        return names

    def far(name: str) -> bool:
        place = find_place(name)
        return (
            place is None
            or distance_km(centre[0], centre[1], place.latitude, place.longitude) > AREA_KM
        )

    local = [n for n in names if not far(n)]
    return local or names[:1]


def _summaries(ids: list[str]) -> list[ServiceSummary]:
    return service_summaries([uuid.UUID(i) for i in ids])


def search(
    query: SearchQuery, problems: dict[str, str], per_page: int, blank: bool = False
) -> SearchOutcome:
    """Run a search; problems (bad input) come back as messages with no results.

    `blank`: the page was opened with no search at all (the menu's "Search", or where a
    professional lands after signing in): the empty form, not an error. A search form sent
    empty is an error."""
    read_from, centre_of_area = None, _centre()
    if query.text and not query.where and not query.exact:
        read = place_in_words(query.text, centre_of_area, find_named_places)
        if read is not None:
            read_from, query = query.text, replace(query, text=read.words, where=read.place)
    place, place_problems, suggestions = _locate(query)
    if query.text and place is not None and place.kind is PlaceKind.PLACE:
        # A listing named for the town or village chosen ("Crowthorne Lunch Club") is likely
        # the one meant: its name counts a little, never required (`TextPlan.optional`).
        query = replace(query, also=place.name if place.name != "your location" else "")
    problems = {**problems, **place_problems}
    if blank and query.is_empty and not problems:
        return SearchOutcome(query, Page([], 1, per_page, 0), blank=True)
    if problems or query.is_empty:
        if query.is_empty and not problems:
            problems = {"q": "Enter what you are looking for, or where"}
        return SearchOutcome(
            query, Page([], 1, per_page, 0), place, problems=problems, place_suggestions=suggestions
        )
    centre = Centre(place.latitude, place.longitude) if place else None
    start = (query.page - 1) * per_page
    words = thesaurus()
    ranked = _rank(query, centre, start, start + per_page, words)
    if ranked.total and not ranked.ids:  # a page past the end: show the last one
        last = max(1, -(-ranked.total // per_page))
        query = replace(query, page=last)
        start = (last - 1) * per_page
        ranked = _rank(query, centre, start, start + per_page, words)
    spelling, corrected = _spelling_fix(
        query, ranked, words, lambda fixed: _rank(fixed, centre, start, start + per_page, words)
    )
    shown = replace(query, text=spelling) if corrected and spelling else query
    ranked = corrected or ranked
    log_search(query, place, ranked.total)
    page = Page(_summaries(ranked.ids), query.page, per_page, ranked.total)
    outcome = SearchOutcome(
        query,
        page,
        place,
        ranked.distances,
        suggestion=None if corrected else spelling,
        any_word=ranked.any_word,
        incomplete=ranked.incomplete,
        corrected_from=query.text if corrected else None,
        place_read_from=read_from,
        outside_area=outside_area(place, centre_of_area)
        and all(km is None for km in ranked.distances.values()),
        shown_text=shown.text,
    )
    if not ranked.total and centre and not outcome.outside_area:
        outcome.further = _further_away(shown, centre, words)
    return outcome


def _further_away(
    query: SearchQuery, centre: Centre, words
) -> list[tuple[ServiceSummary, float | None]]:
    """The nearest few matches beyond the chosen distance, when there are none within it."""
    wider = [r for r in RADII if r > query.effective_radius]
    if not wider:
        return []
    widened = replace(query, radius=wider[-1], sort="distance", page=1)
    ranked = _rank(widened, centre, 0, 3, words)
    return [(s, ranked.distances.get(str(s.id))) for s in _summaries(ranked.ids)]


def _loggable_place(place: PlaceMatch | None) -> str:
    """A district or a town name at most: never a postcode, a street or someone's position."""
    if place is None:
        return ""
    if place.kind in (PlaceKind.POSTCODE, PlaceKind.DISTRICT):
        return postcode_district(place.name) or ""
    if place.kind is PlaceKind.PLACE and place.name != "your location":
        return place.name
    return ""


def log_search(query: SearchQuery, place: PlaceMatch | None, results: int) -> None:
    """Record the search for insight into unmet need: no full postcode, no address, no person.

    Written on a connection of its own, so the commit leaves the page's rows loaded in the
    request's session alone (committing the session would expire them all).
    """
    skip = {"q", "where", "need", "audience", "page", "sort"}
    filters = [f"{key}={value}" for key, value in query.to_args() if key not in skip]
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Not worth a wait for the disk: a crash can lose the last moment's search rows
            # (never a listing's); PostgreSQL stays consistent either way.
            connection.exec_driver_sql("SET LOCAL synchronous_commit TO off")
        connection.execute(
            insert(SearchLog).values(
                created_at=utcnow(),
                text=query.text[:200],
                needs=",".join(query.needs),
                audiences=",".join(query.audiences),
                place=_loggable_place(place)[:100],
                filters=",".join(filters)[:500],
                results=results,
            )
        )

"""A year of the demo's searches, so the insights into unmet need have something true to show.

About seventeen thousand anonymous searches over the 366 days before the demo is loaded: fewer at
weekends and over Christmas, loneliness up in winter and getting active up in spring, more
where more people live (Bracknell's RG12 and RG42 most). People type everyday words ("lunch
club", "dementia cafe"), choose needs from the list, give a district ("GU47") or a town
("Crowthorne") or no place, and now and then narrow the distance.

The number of results each search found is never invented: every distinct search is run once
against the demo directory, through the same ranking as the search page (without logging it),
and its total is what the rows say. So the words that find nothing (`NOTHING_WORDS`) are ones
the demo directory really has nothing for, and the gaps (`GAPS`) are places where it really
has few listings for a need within reach: people there ask for them more than elsewhere (and
say so at community events, and are referred on without finding anything; see
`seed.community_maps` and `seed.prescribing_stories`).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import insert, select

from portal import search
from portal.extensions import db
from portal.geo import PlaceKind, PlaceMatch, find_place, postcode_district
from portal.insights.models import RolledUpDay
from portal.search.backend import Centre, SearchUnavailable, current_backend
from portal.search.fallback import database_rank
from portal.search.models import SearchLog
from portal.search.plans import Thesaurus
from portal.search.query import SearchQuery
from portal.search.services import thesaurus

SEED = 15  # issue 15: the same searches for the same day the demo is loaded
DAYS = 366
#: Searches on an ordinary Monday early in the year; the rest follow from the patterns below.
MONDAY_SEARCHES = 56
#: Monday to Sunday.
WEEKDAY = (1.15, 1.1, 1.05, 1.0, 0.85, 0.5, 0.45)
#: Hours of the day (UTC) people search in, roughly.
HOURS = (
    0.1, 0.05, 0.03, 0.03, 0.05, 0.15, 0.4, 0.9, 1.6, 2.4, 2.7, 2.6,
    2.3, 2.4, 2.5, 2.2, 1.9, 1.6, 1.5, 1.8, 1.9, 1.5, 0.8, 0.3,
)  # fmt: skip

#: Where the searches come from: district -> (share of the searches that give a place, the
#: places typed for it and how often). Bracknell's districts have most people; Wokingham is
#: outside the borough, so fewer look here. Winkfield is given as "SL4" only: the gazetteer
#: finds Wingfield, in Wiltshire, for "Winkfield" (and Hanworth in London for "Hanworth").
AREAS: dict[str, tuple[float, tuple[tuple[str, float], ...]]] = {
    "RG12": (
        29,
        (
            ("RG12", 4),
            ("Bracknell", 5),
            ("Great Hollands", 1),
            ("Harmans Water", 1),
            ("Birch Hill", 1),
            ("Easthampstead", 1),
            ("Crown Wood", 0.6),
        ),
    ),
    "RG42": (
        25,
        (
            ("RG42", 4),
            ("Bracknell", 3),
            ("Binfield", 2),
            ("Warfield", 1.5),
            ("Priestwood", 1),
            ("Bullbrook", 0.8),
        ),
    ),
    "GU47": (14, (("GU47", 3), ("Sandhurst", 4), ("Owlsmoor", 2), ("College Town", 1))),
    "RG45": (9, (("RG45", 3), ("Crowthorne", 5))),
    "SL5": (10, (("SL5", 3), ("Ascot", 4), ("Sunninghill", 2), ("North Ascot", 1))),
    "SL4": (3, (("SL4", 1),)),
    "RG40": (5, (("RG40", 1), ("Wokingham", 2))),
    "RG41": (4, (("RG41", 1), ("Wokingham", 1))),
}

#: Needs the demo directory has few listings for within reach of the district's centre
#: (3 km; tests/seed/test_demo_insights.py checks), while people there ask for them: the
#: share of all searches that are these, over and above what the district's size gives.
GAPS: dict[tuple[str, str], float] = {
    ("memory-and-dementia", "GU47"): 0.014,
    ("carers-support", "GU47"): 0.010,
    ("bereavement", "SL4"): 0.008,
}

#: How often each need is chosen from the list (relative).
NEED_FILTERS: dict[str, float] = {
    "loneliness-and-company": 10,
    "getting-active": 8,
    "mental-wellbeing": 7,
    "money-and-debt": 5,
    "housing": 3,
    "carers-support": 4,
    "bereavement": 3,
    "learning-and-skills": 4,
    "volunteering": 3,
    "food": 3,
    "arts-and-creativity": 3,
    "nature-and-outdoors": 3,
    "practical-help-at-home": 3,
    "long-term-conditions": 3,
    "memory-and-dementia": 3,
    "work-and-employment": 2,
}

#: Everyday words people type: (words, the need they are about, how often).
PHRASES: tuple[tuple[str, str, float], ...] = (
    ("lunch club", "loneliness-and-company", 10),
    ("coffee morning", "loneliness-and-company", 6),
    ("befriending", "loneliness-and-company", 4),
    ("lonely", "loneliness-and-company", 4),
    ("community cafe", "loneliness-and-company", 4),
    ("walking group", "getting-active", 9),
    ("walking football", "getting-active", 4),
    ("chair exercise", "getting-active", 3),
    ("yoga", "getting-active", 3),
    ("health walk", "getting-active", 3),
    ("tai chi", "getting-active", 2),
    ("mental health support", "mental-wellbeing", 4),
    ("anxiety", "mental-wellbeing", 3),
    ("mindfulness", "mental-wellbeing", 2),
    ("debt advice", "money-and-debt", 4),
    ("help with bills", "money-and-debt", 3),
    ("food bank", "food", 5),
    ("housing advice", "housing", 2),
    ("carers", "carers-support", 4),
    ("carers support", "carers-support", 3),
    ("dementia carers", "carers-support", 2),
    ("sitting service", "carers-support", 1.5),
    ("bereavement", "bereavement", 4),
    ("bereavement support", "bereavement", 2),
    ("grief", "bereavement", 2),
    ("widow", "bereavement", 1),
    ("computer help", "learning-and-skills", 3),
    ("english classes", "learning-and-skills", 2),
    ("volunteering", "volunteering", 3),
    ("choir", "arts-and-creativity", 3),
    ("art class", "arts-and-creativity", 2),
    ("knitting", "arts-and-creativity", 2),
    ("gardening", "nature-and-outdoors", 3),
    ("allotment", "nature-and-outdoors", 1.5),
    ("handyman", "practical-help-at-home", 1.5),
    ("diabetes", "long-term-conditions", 2),
    ("stroke club", "long-term-conditions", 1),
    ("dementia", "memory-and-dementia", 4),
    ("dementia cafe", "memory-and-dementia", 3),
    ("memory cafe", "memory-and-dementia", 2),
    ("job club", "work-and-employment", 2),
)
#: Words the demo directory has nothing for (checked by tests/seed/test_demo_insights.py),
#: each with the need it is about and how often it is typed.
NOTHING_WORDS: tuple[tuple[str, str, float], ...] = (
    ("parkrun", "getting-active", 2),
    ("pickleball", "getting-active", 1),
    ("ESOL", "learning-and-skills", 1.5),
    ("huntingtons", "memory-and-dementia", 1.5),
    ("menopause", "long-term-conditions", 1),
    ("adhd", "mental-wellbeing", 1.5),
    ("meditation", "mental-wellbeing", 1),
    ("cbt", "mental-wellbeing", 1),
    ("refugee", "", 0.8),
    ("gambling", "money-and-debt", 0.8),
    ("birdwatching", "nature-and-outdoors", 0.6),
    ("model railway", "arts-and-creativity", 0.6),
    ("ceilidh", "arts-and-creativity", 0.6),
    ("braille", "", 0.6),
)
#: Words it has only one to three listings for, wherever people are.
FEW_WORDS: tuple[tuple[str, str, float], ...] = (
    ("sign language class", "learning-and-skills", 1),
    ("swimming", "getting-active", 1.5),
    ("counsellor", "mental-wellbeing", 1.5),
    ("autism", "", 1.2),
    ("bingo", "loneliness-and-company", 1),
    ("sight loss", "long-term-conditions", 0.8),
    ("short breaks", "carers-support", 1),
    ("woodwork", "arts-and-creativity", 0.6),
    ("parkinsons", "long-term-conditions", 0.8),
    ("hospice", "bereavement", 0.6),
)
#: Misspellings (what they find is whatever the search makes of them).
MISSPELT: tuple[tuple[str, str, float], ...] = (
    ("demetia", "memory-and-dementia", 1),
    ("lonliness", "loneliness-and-company", 1),
    ("bereavment", "bereavement", 0.8),
    ("alzhiemers", "memory-and-dementia", 0.6),
    ("wlaking group", "getting-active", 0.6),
)
#: Phrases for the gaps, typed in the gap's own places.
GAP_PHRASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("memory-and-dementia", "GU47"): ("dementia cafe", "memory cafe", "dementia", "memory club"),
    ("carers-support", "GU47"): ("carers support", "respite", "dementia carers", "sitting service"),
    ("bereavement", "SL4"): ("bereavement", "bereavement support", "grief", "widow"),
}
#: A need with who it is for chosen too, now and then: (audience, need, how often).
WITH_AUDIENCE: tuple[tuple[str, str, float], ...] = (
    ("older-people", "loneliness-and-company", 3),
    ("older-people", "getting-active", 2),
    ("carers", "carers-support", 1.5),
    ("people-living-with-dementia", "memory-and-dementia", 1.5),
    ("parents-with-young-children", "loneliness-and-company", 1.5),
    ("young-people", "mental-wellbeing", 1),
    ("men", "loneliness-and-company", 1),
)

# What share of all searches each kind is, and how many places each is asked for with.
SHARES = {
    "phrase": 0.43,
    "need": 0.28,
    "audience": 0.05,
    "place": 0.04,
    "nothing": 0.07,
    "few": 0.04,
    "misspelt": 0.015,
}
NO_PLACE = {
    "phrase": 0.4,
    "need": 0.25,
    "audience": 0.3,
    "nothing": 0.45,
    "few": 0.45,
    "misspelt": 1.0,
}
PLACES_PER = {"phrase": 2, "need": 8, "audience": 2, "nothing": 2, "few": 2, "misspelt": 0}
#: Searches made this often (or more) are made from every district (needs chosen from the
#: list always are: every district searches for every need).
COMMON = 4
#: Searches narrowed to a mile or two, of those with a place.
NARROWED = 0.06


@dataclass(frozen=True)
class Ask:
    """One distinct search, as the search page would read it."""

    text: str = ""
    needs: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    where: str = ""
    radius: int | None = None

    @property
    def query(self) -> SearchQuery:
        return SearchQuery(
            text=self.text,
            where=self.where,
            needs=self.needs,
            audiences=self.audiences,
            radius=self.radius,
        )


@dataclass
class Template:
    ask: Ask
    weight: float
    need: str  # what the season and the gaps go by ("" for none)


def _season(need: str, day: date) -> float:
    """How much more (or less) a need is asked for on this day of the year."""
    turn = 2 * math.pi * (day.timetuple().tm_yday / 365.25)

    def peak(at_day: int, depth: float) -> float:
        return 1 + depth * math.cos(turn - 2 * math.pi * at_day / 365.25)

    if need == "loneliness-and-company":
        return peak(10, 0.35)  # winter, most just after Christmas
    if need == "getting-active":
        new_year = 0.3 if day.month == 1 and day.day <= 21 else 0.0
        return peak(105, 0.4) + new_year  # spring
    if need == "nature-and-outdoors":
        return peak(150, 0.35)
    if need == "money-and-debt":
        return peak(20, 0.25)  # the bills after Christmas
    if need == "food":
        return peak(355, 0.2)
    return 1.0


def _volume(day: date, first: date, rng: random.Random) -> int:
    """How many searches a day: the weekday, a portal slowly getting known, holidays, chance."""
    growth = 0.8 + 0.35 * (day - first).days / DAYS
    holiday = 1.0
    if (day.month, day.day) in {(12, 24), (12, 25), (12, 26), (1, 1)}:
        holiday = 0.35
    elif day.month == 8:
        holiday = 0.9
    noise = min(1.3, max(0.7, rng.gauss(1.0, 0.12)))
    return max(1, round(MONDAY_SEARCHES * WEEKDAY[day.weekday()] * growth * holiday * noise))


def _districts(rng: random.Random, count: int) -> list[str]:
    """Every district, or `count` of them drawn by how many people search from each."""
    if count >= len(AREAS):
        return list(AREAS)
    picked: list[str] = []
    while len(picked) < count:
        left = [d for d in AREAS if d not in picked]
        picked += rng.choices(left, weights=[AREAS[d][0] for d in left])
    return picked


def _typed(rng: random.Random, district: str) -> str:
    """How someone in the district gives their place: its code or a town's name."""
    forms = AREAS[district][1]
    return rng.choices([t for t, _ in forms], weights=[o for _, o in forms])[0]


def _with_places(rng: random.Random, kind: str, row: tuple, make) -> list[Template]:
    """One kind of search (a row of its table: what, the need, how often) with no place and
    with places: every district for the common ones, else a few drawn by their size."""
    rows = KINDS[kind]
    weight = SHARES[kind] * row[-1] / sum(r[-1] for r in rows)
    need, no_place = row[1], NO_PLACE[kind]
    made = [Template(make(row, ""), weight * no_place, need)] if no_place else []
    count = len(AREAS) if row[-1] >= COMMON else PLACES_PER[kind]
    everywhere = sum(share for share, _ in AREAS.values())
    for district in _districts(rng, count):  # each at its own share: none made up for others
        part = weight * (1 - no_place) * AREAS[district][0] / everywhere
        made.append(Template(make(row, _typed(rng, district)), part, need))
    return made


def _words(row: tuple, where: str) -> Ask:
    return Ask(text=row[0], where=where)


def _need(row: tuple, where: str) -> Ask:
    return Ask(needs=(row[1],), where=where)


def _need_for(row: tuple, where: str) -> Ask:
    return Ask(needs=(row[1],), audiences=(row[0],), where=where)


KINDS: dict[str, tuple[tuple[str, str, float], ...]] = {
    "phrase": PHRASES,
    "need": tuple((code, code, often) for code, often in NEED_FILTERS.items()),
    "audience": WITH_AUDIENCE,
    "nothing": NOTHING_WORDS,
    "few": FEW_WORDS,
    "misspelt": MISSPELT,
}
MAKERS = {"need": _need, "audience": _need_for}


def templates() -> list[Template]:
    """The distinct searches of the demo's year, each with how often it is made (a few
    hundred, so each is run once in well under a second)."""
    rng = random.Random(SEED)
    made: list[Template] = []
    for kind, rows in KINDS.items():
        for row in rows:
            made += _with_places(rng, kind, row, MAKERS.get(kind, _words))
    for district, (share, forms) in AREAS.items():  # only a place: "what is on near me"
        often = sum(o for _, o in forms)
        for typed, form_often in forms:
            weight = SHARES["place"] * share / 100 * form_often / often
            made.append(Template(Ask(where=typed), weight, ""))
            if district == "SL4":  # few people there: a narrowed one too
                made.append(Template(Ask(where=typed, radius=2), weight / 3, ""))
    made += _gap_templates()
    return _merged(_narrowed(rng, made))


def _gap_templates() -> list[Template]:
    """More asking in the gaps: the need chosen from the list, or its everyday words typed,
    in each place typed for the district."""
    made = []
    for (need, district), extra in GAPS.items():
        forms = AREAS[district][1]
        often = sum(o for _, o in forms)
        phrases = GAP_PHRASES[(need, district)]
        for typed, form_often in forms:
            weight = extra * form_often / often
            made.append(Template(Ask(needs=(need,), where=typed), weight / 2, need))
            for text in phrases:
                made.append(Template(Ask(text=text, where=typed), weight / 2 / len(phrases), need))
    return made


def _narrowed(rng: random.Random, made: list[Template]) -> list[Template]:
    """Some searches with a place narrowed to one or two miles, by people who cannot travel
    far: more of them in the gaps, where nothing nearby is what they are after."""
    result = []
    for template in made:
        ask = template.ask
        gap = (template.need, _district_of(ask.where)) in GAPS
        chosen = ask.where and ask.radius is None and (gap or rng.random() < NARROWED / 0.5)
        if not chosen:
            result.append(template)
            continue
        share = 0.5
        result.append(Template(ask, template.weight * (1 - share), template.need))
        for radius, part in ((1, 0.4), (2, 0.6)):
            narrowed = replace(ask, radius=radius)
            result.append(Template(narrowed, template.weight * share * part, template.need))
    return result


def _district_of(typed: str) -> str:
    return next((district for district, (_, forms) in AREAS.items() if typed in dict(forms)), "")


def _merged(made: list[Template]) -> list[Template]:
    merged: dict[Ask, Template] = {}
    for template in made:
        if template.ask in merged:
            merged[template.ask].weight += template.weight
        else:
            merged[template.ask] = Template(template.ask, template.weight, template.need)
    return list(merged.values())


def _logged_place(place: PlaceMatch | None) -> str:
    """What the search page logs for a place found: a district, or the place's name."""
    if place is None:
        return ""
    if place.kind in (PlaceKind.POSTCODE, PlaceKind.DISTRICT):
        return postcode_district(place.name) or ""
    return place.name


def results(ask: Ask, today: date, words: Thesaurus, centre: Centre | None) -> int:
    """How many listings the search page finds for `ask` (around `centre`, the place typed)
    in the directory as it is, ranked as the page ranks (the database answers while the
    search backend cannot), and never logged."""
    try:  # one result asked for: a backend may carry the total on the rows it returns
        ranked = current_backend().rank(ask.query, centre, 0, 1, words, today)
    except SearchUnavailable:
        ranked = database_rank(ask.query, centre, 0, 1)
    return ranked.total


def _already_there(today: date) -> bool:
    start = datetime.combine(today, time(0), tzinfo=UTC)
    logged = db.session.scalar(select(SearchLog.id).where(SearchLog.created_at < start).limit(1))
    rolled = db.session.scalar(select(RolledUpDay.day).limit(1))
    return logged is not None or rolled is not None


def load_demo_insights(today: date) -> None:
    """Add the demo's year of searches, once: nothing when searches from before today are in
    the log already, or were rolled up (executes only; the demo loader commits).

    Every distinct search is run once against the directory, so search must be able to
    answer: a missing search index is built first (`search.prepare`), which the demo's
    `flask seed prepare` would do next anyway."""
    if _already_there(today):
        return
    if not search.status().ok:
        search.prepare()
    chosen = templates()
    located = {typed: find_place(typed) for typed in {t.ask.where for t in chosen} if typed}
    centres = {typed: Centre(p.latitude, p.longitude) for typed, p in located.items() if p}
    words = thesaurus()
    found = [results(t.ask, today, words, centres.get(t.ask.where)) for t in chosen]
    places = {typed: _logged_place(place) for typed, place in located.items()}
    db.session.execute(insert(SearchLog), list(_rows(today, chosen, found, places)))


def _rows(
    today: date, chosen: list[Template], found: list[int], places: dict[str, str]
) -> Iterator[dict]:
    rng = random.Random(SEED)
    first = today - timedelta(days=DAYS)
    needs = sorted({t.need for t in chosen})
    for offset in range(DAYS, 0, -1):
        day = today - timedelta(days=offset)
        season = {need: _season(need, day) for need in needs}
        weights = [t.weight * season[t.need] for t in chosen]
        count = _volume(day, first, rng)
        moments = sorted(
            datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)), tzinfo=UTC)
            for hour in rng.choices(range(24), weights=HOURS, k=count)
        )
        picks = rng.choices(range(len(chosen)), weights=weights, k=count)
        for moment, index in zip(moments, picks, strict=True):
            ask = chosen[index].ask
            yield {
                "created_at": moment,
                "text": _as_typed(ask.text, rng),
                "needs": ",".join(ask.needs),
                "audiences": ",".join(ask.audiences),
                "place": places.get(ask.where, ""),
                "filters": f"radius={ask.radius}" if ask.radius else "",
                "results": found[index],
            }


def _as_typed(text: str, rng: random.Random) -> str:
    """People type in lower case mostly, sometimes with a capital (the search ignores case)."""
    if not text or text.isupper():
        return text
    return text[0].upper() + text[1:] if rng.random() < 0.3 else text

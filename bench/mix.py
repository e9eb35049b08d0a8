"""The fixed mix of searches the search benchmark replays: the same seed, the same mix.

Four kinds, in equal shares: words only; words and a need; words, a place and a distance;
and a need, a place and filters (days, time of day, free, age, access, mode, who it is for,
next-session order). Places are English towns drawn by population, and some postcodes and
postcode districts of the benchmark's own venues; every place is checked with the
gazetteer (`find_place`) so no search is wasted on a "we couldn't find" page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from urllib.parse import urlencode

from sqlalchemy import select

from bench.england import WeightedTowns, england_towns
from portal.directory.models import Location
from portal.directory.vocabulary import ACCESSIBILITY, AUDIENCES, NEEDS
from portal.extensions import db
from portal.geo import find_place
from portal.search import Centre
from portal.search.query import SearchQuery

KINDS = ("text", "text + need", "text + place", "need + place + filters")
PER_PAGE = 20

#: What residents type, with the need it most likely goes with. The last few are misspelt.
TEXTS: tuple[tuple[str, str], ...] = (
    ("walking", "getting-active"),
    ("walking football", "getting-active"),
    ("lunch club", "food"),
    ("coffee morning", "loneliness-and-company"),
    ("chair yoga", "getting-active"),
    ("yoga", "getting-active"),
    ("tai chi", "getting-active"),
    ("exercise", "getting-active"),
    ("swimming", "getting-active"),
    ("bowls", "getting-active"),
    ("falls prevention", "long-term-conditions"),
    ("dementia", "memory-and-dementia"),
    ("memory cafe", "memory-and-dementia"),
    ("debt advice", "money-and-debt"),
    ("benefits", "money-and-debt"),
    ("housing advice", "housing"),
    ("lonely", "loneliness-and-company"),
    ("friends", "loneliness-and-company"),
    ("befriending", "loneliness-and-company"),
    ("warm space", "loneliness-and-company"),
    ("bereavement", "bereavement"),
    ("grief", "bereavement"),
    ("men's shed", "loneliness-and-company"),
    ("knit and natter", "arts-and-creativity"),
    ("choir", "arts-and-creativity"),
    ("singing", "arts-and-creativity"),
    ("art class", "arts-and-creativity"),
    ("crafts", "arts-and-creativity"),
    ("food bank", "food"),
    ("hungry", "food"),
    ("computer help", "learning-and-skills"),
    ("english conversation", "learning-and-skills"),
    ("book club", "learning-and-skills"),
    ("gardening", "nature-and-outdoors"),
    ("carers", "carers-support"),
    ("carers support group", "carers-support"),
    ("anxiety", "mental-wellbeing"),
    ("depression", "mental-wellbeing"),
    ("stress", "mental-wellbeing"),
    ("stroke", "long-term-conditions"),
    ("parkinsons", "long-term-conditions"),
    ("diabetes", "long-term-conditions"),
    ("youth club", "loneliness-and-company"),
    ("toddler group", "loneliness-and-company"),
    ("volunteering", "volunteering"),
    ("repair cafe", "practical-help-at-home"),
    ("community transport", "practical-help-at-home"),
    ("job club", "work-and-employment"),
    ("veterans", "loneliness-and-company"),
    ("walkng group", "getting-active"),
    ("bereavment", "bereavement"),
    ("dementa", "memory-and-dementia"),
)
RADIUS_CHOICES = (None, 1, 2, 5, 10, 25)
RADIUS_WEIGHTS = (3, 1, 2, 3, 2, 1)
NEED_CODES = tuple(t.code for t in NEEDS.terms)
AUDIENCE_CODES = tuple(t.code for t in AUDIENCES.terms)
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Probe:
    """One search of the mix: what it asks, where its place is, and its URL."""

    kind: str
    query: SearchQuery
    centre: Centre | None

    @property
    def url(self) -> str:
        args = self.query.to_args()
        return "/search" + ("?" + urlencode(args) if args else "")

    @property
    def start(self) -> int:
        return (self.query.page - 1) * PER_PAGE


class PlacePicker:
    """Places people type: mostly towns (by population), some postcodes and districts."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.towns = WeightedTowns(england_towns())
        self.postcodes = db.session.scalars(
            select(Location.postal_code)
            .where(Location.postal_code.is_not(None))
            .order_by(Location.id)
            .limit(5000)
        ).all()
        self.forms = {"town": 0, "postcode": 0, "district": 0}

    def pick(self) -> tuple[str, Centre]:
        roll = self.rng.random()
        if self.postcodes and roll < 0.25:
            postcode = self.rng.choice(self.postcodes)
            form = "postcode" if roll < 0.15 else "district"
            text = postcode if form == "postcode" else postcode.split()[0]
            found = self._centre(text)
            if found:
                self.forms[form] += 1
                return text, found
        while True:
            town = self.towns.draw(self.rng)
            found = self._centre(town.name)
            if found:
                self.forms["town"] += 1
                return town.name, found

    @staticmethod
    def _centre(text: str) -> Centre | None:
        place = find_place(text)
        return Centre(place.latitude, place.longitude) if place else None


def _text(rng: random.Random) -> tuple[str, str]:
    return rng.choice(TEXTS)


def _page(rng: random.Random) -> int:
    return 2 if rng.random() < 0.1 else 1


def _radius(rng: random.Random) -> int | None:
    return rng.choices(RADIUS_CHOICES, RADIUS_WEIGHTS)[0]


def _filters(rng: random.Random) -> dict:
    """One to several filters, as a resident might tick them."""
    chosen: dict = {}
    while not chosen:
        if rng.random() < 0.3:
            chosen["days"] = tuple(sorted(rng.sample(DAY_KEYS, rng.choice((1, 2)))))
        if rng.random() < 0.3:
            chosen["time"] = rng.choice(("morning", "afternoon", "evening"))
        if rng.random() < 0.3:
            chosen["free"] = True
        if rng.random() < 0.15:
            chosen["age"] = rng.choice((16, 25, 67, 80))
        if rng.random() < 0.2:
            chosen["access"] = (rng.choice(("step_free_access", *ACCESSIBILITY)),)
        if rng.random() < 0.1:
            chosen["mode"] = rng.choice(("in_person", "online"))
        if rng.random() < 0.2:
            chosen["audiences"] = (rng.choice(AUDIENCE_CODES),)
    if rng.random() < 0.15:
        chosen["sort"] = "next"
    return chosen


def _probe(kind: str, rng: random.Random, places: PlacePicker) -> Probe:
    text, need = _text(rng)
    page = _page(rng)
    if kind == "text":
        return Probe(kind, SearchQuery(text=text, page=page), None)
    if kind == "text + need":
        if rng.random() < 0.2:
            need = rng.choice(NEED_CODES)
        return Probe(kind, SearchQuery(text=text, needs=(need,), page=page), None)
    where, centre = places.pick()
    if kind == "text + place":
        query = SearchQuery(text=text, where=where, radius=_radius(rng), page=page)
        return Probe(kind, query, centre)
    needs = (need,) if rng.random() < 0.8 else tuple(sorted(rng.sample(NEED_CODES, 2)))
    query = SearchQuery(where=where, needs=needs, radius=_radius(rng), page=page, **_filters(rng))
    return Probe(kind, query, centre)


def make_mix(searches: int, seed: int) -> tuple[list[Probe], dict[str, int]]:
    """`searches` probes, the four kinds interleaved; also how places were written."""
    rng = random.Random(seed)
    places = PlacePicker(rng)
    probes = [_probe(KINDS[i % len(KINDS)], rng, places) for i in range(searches)]
    return probes, places.forms

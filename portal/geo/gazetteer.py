"""Find a place people type ('Crowthorne', 'RG12', 'RG12 7AA', '51.41,-0.75') and say where it is.

Everything is answered from the `places` table (GeoNames places, postcode districts and
imported postcodes) without going online. Until that table is loaded, place names come from
the GeoNames data in memory and postcodes from the listings we hold. Only when all of that
fails, and an operator switched it on, is the online geocoder asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
from sqlalchemy import select

from portal.caching import cached
from portal.extensions import db
from portal.geo import geocoder
from portal.geo.distance import bounding_box, distance_km, in_uk
from portal.geo.geonames import geonames_places, loose_key, place_key
from portal.geo.match import PlaceMatch
from portal.geo.models import Place, PlaceKind
from portal.geo.postcodes import is_full_postcode, normalise_postcode, postcode_key
from portal.geo.store import has_places

__all__ = ["PlaceMatch", "distance_km", "find_place", "nearby_places"]

_COORDINATES = re.compile(r"^(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)$")
YOUR_LOCATION = "your location"


def tidy_text(text: str) -> str:
    """Strip and collapse spaces: what we match and what we echo back."""
    return " ".join((text or "").split())


def find_place(text: str) -> PlaceMatch | None:
    """The place meant by `text`, or None when we cannot tell (never raises for bad input)."""
    tidy = tidy_text(text)[:200]
    if not tidy:
        return None
    coordinates = _COORDINATES.match(tidy)
    if coordinates:
        return _your_location(float(coordinates.group(1)), float(coordinates.group(2)))
    postcode = normalise_postcode(tidy)
    found = _postcode(postcode) if postcode else _named_place(tidy)
    return found or geocoder.geocode(tidy)


def find_named_places(names: list[str]) -> dict[str, PlaceMatch]:
    """The towns, villages or neighbourhoods among `names`, by the name asked, from the
    gazetteer only (never a postcode, coordinates or the online geocoder), in one query: for
    reading place names inside a search's words, where every run of words is a candidate."""
    wanted = {name: _place_keys(tidy_text(name)[:100]) for name in names if tidy_text(name)}
    keys = [key for name_keys in wanted.values() for key in name_keys]
    if not keys:
        return {}
    if not has_places(PlaceKind.PLACE):
        found = {name: _named_place_in_memory(name_keys) for name, name_keys in wanted.items()}
        return {name: place for name, place in found.items() if place}
    rows = db.session.execute(
        select(Place.key, Place.name, Place.latitude, Place.longitude).where(
            Place.kind == PlaceKind.PLACE, Place.key.in_(sorted(set(keys)))
        )
    ).all()
    by_key = {row.key: row for row in rows}
    found_places = {}
    for name, name_keys in wanted.items():
        row = next((by_key[key] for key in name_keys if key in by_key), None)
        if row is not None:
            found_places[name] = PlaceMatch(row.name, row.latitude, row.longitude, PlaceKind.PLACE)
    return found_places


def _your_location(latitude: float, longitude: float) -> PlaceMatch | None:
    """A browser's 'use my location' answer, sent as 'lat,lon'; only inside the UK."""
    if not in_uk(latitude, longitude):
        return None
    return PlaceMatch(YOUR_LOCATION, latitude, longitude, PlaceKind.PLACE)


def _row(kind: PlaceKind, key: str) -> Place | None:
    return db.session.scalar(select(Place).where(Place.kind == kind, Place.key == key))


def _postcode(postcode: str) -> PlaceMatch | None:
    """A full postcode, else the middle of its district (said to be approximate)."""
    if not is_full_postcode(postcode):
        return _district(postcode)
    row = _row(PlaceKind.POSTCODE, postcode_key(postcode))
    if row:
        return PlaceMatch(postcode, row.latitude, row.longitude, PlaceKind.POSTCODE)
    listed = _listings_centre(postcode, False)
    if listed:
        return PlaceMatch(postcode, *listed, PlaceKind.POSTCODE)
    district = _district(postcode.split(" ")[0])
    if district is None:
        return None
    note = (
        f"We don't have {postcode} on file, so we used the middle of {district.name}. "
        "Distances are approximate."
    )
    return PlaceMatch(
        postcode, district.latitude, district.longitude, PlaceKind.DISTRICT, True, note
    )


def _district(district: str) -> PlaceMatch | None:
    row = _row(PlaceKind.DISTRICT, district)
    if row:
        return PlaceMatch(district, row.latitude, row.longitude, PlaceKind.DISTRICT)
    listed = _listings_centre(district, True)
    return PlaceMatch(district, *listed, PlaceKind.DISTRICT) if listed else None


#: The mean position of our own listings at a postcode (`district` False) or in a postcode
#: district (True), for the ones the gazetteer lacks before any postcode import. The
#: directory supplies it (`portal.directory.services.listings_centre`, wired by the app
#: factory), so geo imports no feature; until then it knows none.
ListingsCentre = Callable[[str, bool], "tuple[float, float] | None"]


def _no_listings(_code: str, _district: bool) -> tuple[float, float] | None:
    return None


_listings_centre: ListingsCentre = _no_listings


def use_listings_centre(locator: ListingsCentre) -> None:
    """Where our own listings are, for postcodes and districts the gazetteer lacks."""
    global _listings_centre
    _listings_centre = locator


def _place_keys(tidy: str) -> list[str]:
    """Keys to try, best first: as typed, loosened, and without a ', Berkshire' suffix."""
    head = tidy.split(",")[0]
    keys = [place_key(tidy), place_key(head)]
    keys += [loose_key(key) for key in keys]
    return [key for key in dict.fromkeys(keys) if key]


def _named_place(tidy: str) -> PlaceMatch | None:
    keys = _place_keys(tidy)
    rows = db.session.execute(
        select(Place.key, Place.name, Place.latitude, Place.longitude).where(
            Place.kind == PlaceKind.PLACE, Place.key.in_(keys)
        )
    ).all()
    by_key = {row.key: row for row in rows}
    for key in keys:
        if key in by_key:
            row = by_key[key]
            return PlaceMatch(row.name, row.latitude, row.longitude, PlaceKind.PLACE)
    return None if has_places(PlaceKind.PLACE) else _named_place_in_memory(keys)


def _named_place_in_memory(keys: list[str]) -> PlaceMatch | None:
    """Before the gazetteer table is loaded: the same GeoNames data, read from the package."""
    places = geonames_places()
    for key in keys:
        if key in places:
            place = places[key]
            return PlaceMatch(place.name, place.latitude, place.longitude, PlaceKind.PLACE)
    return None


def nearby_places(
    latitude: float, longitude: float, within_km: float, limit: int
) -> list[PlaceMatch]:
    """The closest named places to a point (towns and villages), nearest first."""
    names, lats, lons = _named_places()
    min_lat, min_lon, max_lat, max_lon = bounding_box(latitude, longitude, within_km)
    inside = np.flatnonzero(
        (lats >= min_lat) & (lats <= max_lat) & (lons >= min_lon) & (lons <= max_lon)
    )
    ranked = sorted(
        (distance_km(latitude, longitude, lats[i], lons[i]), names[i], lats[i], lons[i])
        for i in inside.tolist()
    )
    return [
        PlaceMatch(name, float(lat), float(lon), PlaceKind.PLACE)
        for km, name, lat, lon in ranked[:limit]
        if km <= within_km
    ]


def _named_places() -> tuple[list[str], np.ndarray, np.ndarray]:
    """Every distinct named place (alternate names share one) as arrays, from the table once
    it is loaded, else from the GeoNames data in memory; cached like the home-page counts."""

    def load() -> tuple[list[str], np.ndarray, np.ndarray]:
        rows: Sequence[tuple[str, float, float]] = db.session.execute(
            select(Place.name, Place.latitude, Place.longitude)
            .where(Place.kind == PlaceKind.PLACE)
            .distinct()
        ).all()
        if not rows and not has_places(PlaceKind.PLACE):
            rows = sorted({(p.name, p.latitude, p.longitude) for p in geonames_places().values()})
        return (
            [r[0] for r in rows],
            np.array([r[1] for r in rows], dtype=float),
            np.array([r[2] for r in rows], dtype=float),
        )

    return cached(("named-places",), load)

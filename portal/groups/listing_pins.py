"""The "where" step's pins: a small map for each place a group gave, and the words that say
how far the pin is from the address and what is near it, for those who cannot see the map.
"""

from __future__ import annotations

from flask import (
    current_app,
)

from portal.directory.presenters import miles
from portal.geo import distance_km, nearby_places
from portal.listings.wording import pin_offset_text
from portal.maps import Landmark, pin_map


def pin_words(place: dict) -> dict:
    """What a person can check the pin against without map tiles: how far it is from the
    postcode's centre, and the nearest places we know, with their distances."""
    lat, lon = float(place["latitude"]), float(place["longitude"])
    nearby = nearby_places(lat, lon, within_km=5, limit=3)
    return {
        "offset": pin_offset_text(place),
        "nearby": [
            f"{p.name} ({miles(distance_km(lat, lon, p.latitude, p.longitude))[:-5]})"
            for p in nearby
        ],  # "0.4 miles away" without " away"
    }


def pin_maps(data: dict) -> dict[int, object]:
    """A movable-pin map for each venue that has a position."""
    tile_url = current_app.config["PORTAL_TILE_URL"] or None
    maps = {}
    for n, place in enumerate(data.get("places") or []):
        if place.get("kind") != "venue" or place.get("latitude") in (None, ""):
            continue
        lat, lon = float(place["latitude"]), float(place["longitude"])
        landmarks = []
        if not tile_url:
            landmarks = [
                Landmark(p.name, p.latitude, p.longitude)
                for p in nearby_places(lat, lon, within_km=5, limit=2)
            ]
        maps[n] = pin_map(
            lat,
            lon,
            place.get("name") or place.get("address_1") or "the venue",
            (f"places-{n}-latitude", f"places-{n}-longitude"),
            tile_url,
            current_app.config["PORTAL_TILE_ATTRIBUTION"],
            landmarks,
        )
    return maps

"""Maps: what a map shows is built here as data; ``static/js/maps.js`` draws it with Leaflet.

Public API::

    small_map(latitude, longitude, title, tile_url, attribution, landmarks=()) -> MapParts
    Landmark(name, latitude, longitude)   # labelled dot for bearings on a map without tiles
    area_map(points, tile_url, attribution, *, label=..., center=None) -> MapParts
    MapParts(header, html, script)   # trusted HTML strings for a Jinja page (use |safe)
    MapPoint(latitude, longitude, title, url, summary=None)
"""

from __future__ import annotations

from portal.maps.builders import (
    Landmark,
    MapLayer,
    MapParts,
    MapPoint,
    area_map,
    layered_map,
    pin_map,
    small_map,
)

__all__ = [
    "Landmark",
    "MapLayer",
    "MapParts",
    "MapPoint",
    "area_map",
    "layered_map",
    "pin_map",
    "small_map",
]

"""Maps: every use of folium lives in this package.

Importing ``portal.maps`` points folium at our local copies of Leaflet and
Leaflet.markercluster under ``/static/vendor/`` (see :mod:`portal.maps.assets`), once.

Public API::

    small_map(latitude, longitude, title, tile_url, attribution, landmarks=()) -> MapParts
    Landmark(name, latitude, longitude)   # labelled dot for bearings on a map without tiles
    area_map(points, tile_url, attribution, *, label=..., center=None, height=450) -> MapParts
    MapParts(header, html, script)   # trusted HTML strings for a Jinja page (use |safe)
    MapPoint(latitude, longitude, title, url, summary=None)
"""

from __future__ import annotations

from portal.maps.assets import install_local_assets
from portal.maps.builders import Landmark, MapParts, MapPoint, area_map, small_map

install_local_assets()

__all__ = ["Landmark", "MapParts", "MapPoint", "area_map", "small_map"]

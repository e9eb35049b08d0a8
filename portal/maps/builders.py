"""Maps as data: what a map shows, written into the page for `static/js/maps.js` to draw.

A page using a map puts the parts in three places (each with ``|safe``)::

    {% block head %}{{ map.header|safe }}{% endblock %}
    ...
    <div class="app-map">
      {{ map.html|safe }}
      <div class="app-map__fallback">…what the map shows, as text and links…</div>
    </div>
    ...
    {% block body_end %}{{ map.script|safe }}{% endblock %}

``header`` links Leaflet's stylesheets, ``html`` is the map's box with its content as JSON in
a ``data-map`` attribute, and ``script`` loads Leaflet, marker clustering and our drawing
script, all from ``/static/``. Nothing is written inline as script or style, so the pages keep a
Content-Security-Policy without ``unsafe-inline``; text reaches the map only as JSON data and is
put on the page by the script as text, never as HTML. Every marker has a title, so screen
readers can name it.

Drawing maps in the browser from data, rather than rendering folium's generated script on
every request, is what keeps a results page cheap: folium took 15 to 30 ms a map here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import escape

from portal.maps.assets import map_scripts, map_stylesheets

SMALL_MAP_ZOOM = 15
AREA_MAP_MAX_FIT_ZOOM = 15
MAX_ZOOM = 18
AREA_RADIUS_METRES = 1000  # how vaguely a home is shown


@dataclass(frozen=True)
class MapParts:
    """A map for a page: ``header`` for ``<head>``, ``html`` for the body, ``script`` after
    it. All three are trusted HTML."""

    header: str
    html: str
    script: str


@dataclass(frozen=True)
class MapPoint:
    """One place on an area map: its marker title, and a popup linking to ``url``.

    ``url`` must be site-relative (``/services/…``) or ``http(s)://``; ``summary`` is
    optional plain text shown under the link; ``label`` (a few characters, such as the
    result's number in a list) is drawn on the marker instead of a plain pin.
    """

    latitude: float
    longitude: float
    title: str
    url: str
    summary: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Landmark:
    """A named place drawn as a labelled dot, so a map without tiles still has bearings."""

    name: str
    latitude: float
    longitude: float


def _tiles(tile_url: str | None, attribution: str | None) -> dict | None:
    if not tile_url:
        return None
    if not attribution:
        raise ValueError("A tile URL needs its attribution (the tile provider's licence).")
    return {"url": tile_url, "attribution": attribution, "maxZoom": MAX_ZOOM}


def _checked_url(url: str) -> str:
    if not url.startswith(("/", "http://", "https://")) or url.startswith("//"):
        raise ValueError(f"Popup links must be site-relative or http(s): {url!r}")
    return url


def _landmarks(landmarks: Sequence[Landmark]) -> list[dict]:
    return [{"name": lm.name, "lat": lm.latitude, "lon": lm.longitude} for lm in landmarks]


def small_map(
    latitude: float,
    longitude: float,
    title: str,
    tile_url: str | None,
    attribution: str | None,
    landmarks: Sequence[Landmark] = (),
    area_only: bool = False,
) -> MapParts:
    """A 300px map at zoom 15 with one marker (titled ``title``, its popup shows it).

    Without ``tile_url`` the map has no tile layer (a plain background with the marker);
    with one, ``attribution`` is required (ValueError otherwise). ``landmarks`` are drawn as
    labelled dots and the map zooms out to show them with the marker. ``area_only`` draws a
    shaded circle of about a kilometre instead of a pin, for a place that must not be
    pinpointed (someone's home).
    """
    spec = _small_spec(latitude, longitude, tile_url, attribution, landmarks)
    if area_only:
        spec["areas"] = [{"lat": latitude, "lon": longitude, "radius": AREA_RADIUS_METRES}]
    else:
        spec["points"] = [{"lat": latitude, "lon": longitude, "title": title}]
    return _parts(spec, f"Map showing {title}", "small")


def _small_spec(latitude, longitude, tile_url, attribution, landmarks) -> dict:
    return {
        "center": [latitude, longitude],
        "zoom": SMALL_MAP_ZOOM,
        "maxFitZoom": SMALL_MAP_ZOOM,
        "tiles": _tiles(tile_url, attribution),
        "landmarks": _landmarks(landmarks),
        "points": [],
        "areas": [],
    }


def pin_map(
    latitude: float,
    longitude: float,
    title: str,
    inputs: tuple[str, str],
    tile_url: str | None,
    attribution: str | None,
    landmarks: Sequence[Landmark] = (),
) -> MapParts:
    """A small map whose one marker can be moved to correct a position: by dragging it, by
    selecting a point on the map (no dragging needed), or with the arrow keys once it has
    focus. The position is written into the inputs with ids `inputs` (latitude, longitude)."""
    spec = _small_spec(latitude, longitude, tile_url, attribution, landmarks)
    move = {"latitude": inputs[0], "longitude": inputs[1]}
    spec["points"] = [{"lat": latitude, "lon": longitude, "title": title, "move": move}]
    return _parts(spec, f"Map to check where {title} is: move the pin if it is wrong", "small")


def area_map(
    points: Sequence[MapPoint],
    tile_url: str | None,
    attribution: str | None,
    *,
    label: str = "Map of results",
    center: tuple[float, float] | None = None,
    landmarks: Sequence[Landmark] = (),
) -> MapParts:
    """A 450px map of several places, clustered where markers would overlap, zoomed to fit.

    Each marker is titled with the point's title and has a popup linking to its ``url``.
    ``center`` is only needed when ``points`` is empty (ValueError if both are missing).
    """
    if not points and center is None:
        raise ValueError("An area map needs at least one point or a center.")
    if center is None:
        center = (
            sum(p.latitude for p in points) / len(points),
            sum(p.longitude for p in points) / len(points),
        )
    spec = {
        "center": list(center),
        "zoom": SMALL_MAP_ZOOM,
        "maxFitZoom": AREA_MAP_MAX_FIT_ZOOM,
        "tiles": _tiles(tile_url, attribution),
        "cluster": True,
        "landmarks": _landmarks(landmarks),
        "points": [_point(p, _checked_url(p.url)) for p in points],
        "areas": [],
    }
    return _parts(spec, label, "area")


def _point(point: MapPoint, url: str | None) -> dict:
    return {
        "lat": point.latitude,
        "lon": point.longitude,
        "title": point.title,
        "url": url,
        "summary": point.summary,
        "label": point.label,
    }


@dataclass(frozen=True)
class MapLayer:
    """Points drawn in one colour that can be shown or hidden together (a legend entry)."""

    name: str
    colour: str  # a CSS colour that white numbers can be read on
    points: Sequence[MapPoint]


def layered_map(
    layers: Sequence[MapLayer],
    tile_url: str | None,
    attribution: str | None,
    *,
    label: str,
    center: tuple[float, float],
    landmarks: Sequence[Landmark] = (),
) -> MapParts:
    """A 450px map with a layer per group of points (each with its colour, a legend and a
    control to show or hide it), clustered where markers would overlap."""
    spec = {
        "center": list(center),
        "zoom": SMALL_MAP_ZOOM - 2,
        "maxFitZoom": AREA_MAP_MAX_FIT_ZOOM,
        "tiles": _tiles(tile_url, attribution),
        "cluster": True,
        "landmarks": _landmarks(landmarks),
        "points": [],
        "areas": [],
        "layers": [
            {
                "name": layer.name,
                "colour": layer.colour,
                "points": [_point(p, _checked_url(p.url) if p.url else None) for p in layer.points],
            }
            for layer in layers
        ],
    }
    return _parts(spec, label, "area")


def _parts(spec: dict, label: str, size: str) -> MapParts:
    data = json.dumps({**spec, "maxZoom": MAX_ZOOM}, separators=(",", ":"))
    html = (
        f'<div class="app-map__canvas app-map__canvas--{size}" role="region" '
        f'aria-label="{escape(label)}" data-map="{escape(data)}"></div>'
    )
    header = "\n".join(f'<link rel="stylesheet" href="{href}">' for href in map_stylesheets())
    script = "\n".join(f'<script src="{src}" defer></script>' for src in map_scripts())
    return MapParts(header=header, html=html, script=script)


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

"""portal.maps: maps as data for static/js/maps.js; local assets only, nothing inline to run."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from portal.maps import Landmark, MapParts, MapPoint, area_map, small_map
from portal.maps.assets import external_asset_urls, map_scripts, map_stylesheets

ROOT = Path(__file__).resolve().parents[2]
TILES = "https://tiles.example.org/{z}/{x}/{y}.png"
ATTRIBUTION = '&copy; <a href="https://example.org/copyright">Example</a> contributors'
LAT, LON = 51.4154, -0.7536
POINTS = [
    MapPoint(51.4154, -0.7536, "Walking for health", "/services/1", "Tuesdays, 10am"),
    MapPoint(51.3840, -0.7800, "Lunch club", "/services/2"),
    MapPoint(51.3470, -0.7650, "Men's shed", "/services/3"),
]


def _all_maps() -> list[tuple[str, MapParts, str | None]]:
    return [
        ("small, no tiles", small_map(LAT, LON, "Walking for health", None, None), None),
        ("small, tiles", small_map(LAT, LON, "Walking for health", TILES, ATTRIBUTION), TILES),
        ("area, no tiles", area_map(POINTS, None, None), None),
        ("area, tiles", area_map(POINTS, TILES, ATTRIBUTION), TILES),
    ]


def _text(parts: MapParts) -> str:
    return "\n".join([parts.header, parts.html, parts.script])


def spec_of(parts: MapParts) -> dict:
    """The map's data, as the browser reads it from the data-map attribute."""
    found = re.search(r'data-map="([^"]*)"', parts.html)
    assert found, parts.html
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.parametrize(("name", "parts", "tile_url"), _all_maps())
def test_only_local_scripts_and_stylesheets(name: str, parts: MapParts, tile_url: str | None):
    assert external_asset_urls(_text(parts)) == [], name
    scripts = re.findall(r'<script src="([^"]+)" defer></script>', parts.script)
    assert scripts == map_scripts()
    assert scripts[-1] == "/static/js/maps.js"  # after Leaflet and clustering
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)">', parts.header) == map_stylesheets()


@pytest.mark.parametrize(("name", "parts", "tile_url"), _all_maps())
def test_nothing_inline_to_run_or_style(name: str, parts: MapParts, tile_url: str | None):
    """So the Content-Security-Policy needs no 'unsafe-inline' for maps."""
    text = _text(parts)
    assert re.findall(r"<script(?![^>]*\bsrc=)", text) == [], name
    assert "<style" not in text and "style=" not in text
    assert " on" not in re.sub(r'data-map="[^"]*"', "", parts.html)  # no onload= and the like
    assert "<meta" not in text and "user-scalable" not in text


@pytest.mark.parametrize(("name", "parts", "tile_url"), _all_maps())
def test_tile_layer_only_when_a_url_is_given(name: str, parts: MapParts, tile_url: str | None):
    spec = spec_of(parts)
    if tile_url:
        assert spec["tiles"] == {"url": TILES, "attribution": ATTRIBUTION, "maxZoom": 18}
    else:
        assert spec["tiles"] is None
    assert spec["maxZoom"] == 18  # on the map, which clustering needs


def test_small_map_has_one_titled_marker_at_zoom_15():
    parts = small_map(LAT, LON, "Walking for health", None, None)
    spec = spec_of(parts)
    assert spec["points"] == [{"lat": LAT, "lon": LON, "title": "Walking for health"}]
    assert spec["zoom"] == 15 and spec["center"] == [LAT, LON]
    assert not spec.get("cluster")
    assert 'class="app-map__canvas app-map__canvas--small"' in parts.html
    assert 'role="region" aria-label="Map showing Walking for health"' in parts.html


def test_a_home_is_an_area_never_a_pin():
    spec = spec_of(small_map(LAT, LON, "Knit at Jo's", None, None, area_only=True))
    assert spec["points"] == []
    assert spec["areas"] == [{"lat": LAT, "lon": LON, "radius": 1000}]


def test_area_map_clusters_titled_markers_with_popup_links():
    parts = area_map(POINTS, None, None, landmarks=[Landmark("Bracknell", 51.41, -0.75)])
    spec = spec_of(parts)
    assert spec["cluster"] is True
    assert [(p["title"], p["url"], p["summary"]) for p in spec["points"]] == [
        (p.title, p.url, p.summary) for p in POINTS
    ]
    assert spec["landmarks"] == [{"name": "Bracknell", "lat": 51.41, "lon": -0.75}]
    assert 'class="app-map__canvas app-map__canvas--area"' in parts.html


def test_text_reaches_the_map_only_as_data():
    nasty = 'Bingo </script><script>alert(1)</script> "quoted" `${alert(2)}` & <b>bold</b>'
    for parts in (
        small_map(LAT, LON, nasty, None, None),
        area_map([MapPoint(LAT, LON, nasty, "/services/1", nasty)], None, None),
    ):
        assert "<script>" not in parts.html and "<b>" not in parts.html
        assert spec_of(parts)["points"][0]["title"] == nasty  # intact, for textContent


def test_tiles_need_an_attribution():
    with pytest.raises(ValueError, match="attribution"):
        small_map(LAT, LON, "A place", TILES, None)


def test_area_map_rejects_script_links_and_needs_a_centre():
    for url in ("javascript:alert(1)", "//evil.example/x", "data:text/html,x"):
        with pytest.raises(ValueError, match="links"):
            area_map([MapPoint(LAT, LON, "A place", url)], None, None)
    with pytest.raises(ValueError, match="center"):
        area_map([], None, None)
    assert spec_of(area_map([], None, None, center=(LAT, LON)))["points"] == []


def test_asset_urls_match_files_from_the_build():
    assert (ROOT / "static" / "vendor").is_dir(), "static/vendor/ missing: run make setup"
    for url in [*map_scripts(), *map_stylesheets()]:
        assert (ROOT / url.lstrip("/")).is_file(), url

"""portal.maps: local assets only, accessible markers, no zoom-blocking viewport meta."""

from __future__ import annotations

import re
from pathlib import Path

import folium
import pytest
from folium.plugins import MarkerCluster

from portal.maps import MapParts, MapPoint, area_map, small_map
from portal.maps.assets import external_asset_urls, install_local_assets

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


@pytest.mark.parametrize(("name", "parts", "tile_url"), _all_maps())
def test_no_external_scripts_or_stylesheets(name: str, parts: MapParts, tile_url: str | None):
    assert external_asset_urls(_text(parts)) == [], name
    assert re.findall(r'<script src="([^"]+)"', parts.header)
    for url in re.findall(r'(?:src|href)="([^"]+)"', parts.header):
        assert url.startswith("/static/vendor/"), url


@pytest.mark.parametrize(("name", "parts", "tile_url"), _all_maps())
def test_only_absolute_urls_are_the_tile_layer_and_its_attribution(
    name: str, parts: MapParts, tile_url: str | None
):
    allowed = {TILES, "https://example.org/copyright"} if tile_url else set()
    found = set(re.findall(r"https?://[^\s\"'\\<>]+", _text(parts)))
    assert found <= allowed, name


@pytest.mark.parametrize(("name", "parts", "tile_url"), _all_maps())
def test_no_viewport_meta_or_page_wide_styles(name: str, parts: MapParts, tile_url: str | None):
    text = _text(parts)
    assert "user-scalable" not in text
    assert "<meta" not in text
    assert "html, body" not in text
    assert "#map {" not in text


@pytest.mark.parametrize(("name", "parts", "tile_url"), _all_maps())
def test_needs_neither_jquery_nor_awesome_markers(name: str, parts: MapParts, tile_url: str | None):
    assert "$(" not in parts.script
    assert "AwesomeMarkers" not in parts.script
    assert "jquery" not in parts.header.lower()
    assert "bootstrap" not in parts.header.lower()


@pytest.mark.parametrize(("name", "parts", "tile_url"), _all_maps())
def test_tile_layer_only_when_a_url_is_given(name: str, parts: MapParts, tile_url: str | None):
    if tile_url:
        assert "L.tileLayer(" in parts.script
        assert f'"{tile_url}"' in parts.script
        assert '"maxZoom": 18' in parts.script  # on the tile layer
    else:
        assert "L.tileLayer(" not in parts.script
        assert '"maxZoom": 18' in parts.script  # on the map, which clustering needs


def test_small_map_marker_has_title_and_popup():
    parts = small_map(LAT, LON, "Walking for health", None, None)
    assert parts.script.count("L.marker(") == 1
    assert '"title": "Walking for health"' in parts.script
    assert '"alt": "Walking for health"' in parts.script
    assert ".bindPopup(" in parts.script
    assert '"zoom": 15' in parts.script
    assert "height: 300.0px" in parts.header
    assert parts.script.startswith("<script>") and parts.script.endswith("</script>")
    assert 'class="folium-map"' in parts.html
    assert 'aria-label="Map showing Walking for health"' in parts.html


def test_area_map_clusters_titled_markers_with_popup_links():
    parts = area_map(POINTS, None, None)
    assert "L.markerClusterGroup(" in parts.script
    assert "leaflet.markercluster.js" in parts.header
    assert parts.script.count("L.marker(") == len(POINTS)
    for point in POINTS:
        title = point.title.replace("'", "\\u0027")
        assert f'"title": "{title}"' in parts.script
        assert f'href=\\"{point.url}\\"' in parts.script
    assert ".fitBounds(" in parts.script


def test_text_cannot_break_out_of_the_script():
    nasty = "Bingo </script><script>alert(1)</script> `${alert(2)}`"
    for parts in (
        small_map(LAT, LON, nasty, None, None),
        area_map([MapPoint(LAT, LON, nasty, "/services/1", nasty)], None, None),
    ):
        body = parts.script.removeprefix("<script>").removesuffix("</script>")
        assert "</script>" not in body
        assert "<script>" not in body
        assert "<script>" not in parts.html


def test_tiles_need_an_attribution():
    with pytest.raises(ValueError, match="attribution"):
        small_map(LAT, LON, "A place", TILES, None)


def test_area_map_rejects_script_links_and_needs_a_centre():
    with pytest.raises(ValueError, match="links"):
        area_map([MapPoint(LAT, LON, "A place", "javascript:alert(1)")], None, None)
    with pytest.raises(ValueError, match="center"):
        area_map([], None, None)
    empty = area_map([], None, None, center=(LAT, LON))
    assert "L.marker(" not in empty.script


def test_install_local_assets_assigns_new_lists_and_leaves_folium_defaults_alone():
    before = folium.Map.default_js
    install_local_assets()
    assert folium.Map.default_js is not before
    assert folium.Map.default_js == before
    assert folium.folium._default_js[0][1].startswith("https://")  # folium's own list, untouched
    for cls in (folium.Map, MarkerCluster):
        for _, url in [*cls.default_js, *cls.default_css]:
            assert url.startswith("/static/vendor/"), url


def test_asset_urls_match_files_from_the_build():
    assert (ROOT / "static" / "vendor").is_dir(), "static/vendor/ missing: run make setup"
    for cls in (folium.Map, MarkerCluster):
        for _, url in [*cls.default_js, *cls.default_css]:
            assert (ROOT / url.lstrip("/")).is_file(), url

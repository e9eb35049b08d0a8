"""Point folium at the JavaScript and CSS we serve ourselves, never at a CDN.

folium keeps its asset links in class attributes: lists of ``(name, url)`` pairs read by
``JSCSSMixin.render``. :func:`install_local_assets` assigns new lists to the classes this
package uses (it never mutates folium's own lists and never calls ``add_js_link()``, which
would change the lists for every map in the process). ``portal.maps`` calls it once on import.

The files are copied from npm packages into ``static/vendor/`` by ``scripts/build-assets.sh``.

What folium 0.20 loads by default, and why most of it is dropped here:

- jQuery: only needed by ``folium.Popup`` (it builds popup content with ``$(`...`)``); our
  builders use their own popup element (``builders.HtmlPopup``) instead;
- Bootstrap (JS + CSS) and the Bootstrap 3 glyphicons: nothing we render uses them;
- Leaflet.awesome-markers, Font Awesome and folium's rotate CSS: only needed by
  ``folium.Icon`` (and ``FastMarkerCluster``); our markers are Leaflet's default markers.

Use only folium classes whose assets are set here (``Map``, ``MarkerCluster``, plus the
asset-free ``Marker``, ``TileLayer`` and ``FitBounds``); ``tests/maps`` fails on any other
external link.
"""

from __future__ import annotations

import re

import folium
from folium.plugins import MarkerCluster

AssetList = list[tuple[str, str]]

#: URL prefix of Flask's static folder (``static_url_path``).
STATIC_URL = "/static"


def _vendor(static_url: str, path: str) -> str:
    return f"{static_url.rstrip('/')}/vendor/{path}"


def map_js(static_url: str = STATIC_URL) -> AssetList:
    """Scripts every map needs: Leaflet only."""
    return [("leaflet", _vendor(static_url, "leaflet/leaflet.js"))]


def map_css(static_url: str = STATIC_URL) -> AssetList:
    """Stylesheets every map needs: Leaflet's (which also locates the marker images)."""
    return [("leaflet_css", _vendor(static_url, "leaflet/leaflet.css"))]


def marker_cluster_js(static_url: str = STATIC_URL) -> AssetList:
    """The Leaflet.markercluster script, under folium's own name for it."""
    path = "leaflet.markercluster/leaflet.markercluster.js"
    return [("markerclusterjs", _vendor(static_url, path))]


def marker_cluster_css(static_url: str = STATIC_URL) -> AssetList:
    """The two Leaflet.markercluster stylesheets, under folium's own names for them."""
    return [
        ("markerclustercss", _vendor(static_url, "leaflet.markercluster/MarkerCluster.css")),
        (
            "markerclusterdefaultcss",
            _vendor(static_url, "leaflet.markercluster/MarkerCluster.Default.css"),
        ),
    ]


def install_local_assets(static_url: str = STATIC_URL) -> None:
    """Make folium link our local copies. Idempotent: it assigns fresh lists each time."""
    folium.Map.default_js = map_js(static_url)
    folium.Map.default_css = map_css(static_url)
    MarkerCluster.default_js = marker_cluster_js(static_url)
    MarkerCluster.default_css = marker_cluster_css(static_url)


_ASSET_URL = re.compile(
    r"<(?:script|link)\b[^>]*?\b(?:src|href)\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)",
    re.IGNORECASE,
)


def external_asset_urls(html: str) -> list[str]:
    """Every absolute (``http://``, ``https://`` or ``//``) script src or link href in ``html``."""
    return _ASSET_URL.findall(html)

"""The JavaScript and CSS a map needs, all served from ``/static/``, never from a CDN.

Leaflet and Leaflet.markercluster are copied from their npm packages into ``static/vendor/``
(with their licences) by ``scripts/build-assets.sh``; ``static/js/maps.js`` is ours.
"""

from __future__ import annotations

import re

#: URL prefix of Flask's static folder (``static_url_path``).
STATIC_URL = "/static"


def _static(path: str, static_url: str = STATIC_URL) -> str:
    return f"{static_url.rstrip('/')}/{path}"


def map_stylesheets(static_url: str = STATIC_URL) -> list[str]:
    """Leaflet's stylesheet (which also locates the marker images) and marker clustering's."""
    return [
        _static("vendor/leaflet/leaflet.css", static_url),
        _static("vendor/leaflet.markercluster/MarkerCluster.css", static_url),
        _static("vendor/leaflet.markercluster/MarkerCluster.Default.css", static_url),
    ]


def map_scripts(static_url: str = STATIC_URL) -> list[str]:
    """Leaflet, marker clustering, then the script that draws every map on the page."""
    return [
        _static("vendor/leaflet/leaflet.js", static_url),
        _static("vendor/leaflet.markercluster/leaflet.markercluster.js", static_url),
        _static("js/maps.js", static_url),
    ]


_ASSET_URL = re.compile(
    r"<(?:script|link)\b[^>]*?\b(?:src|href)\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)",
    re.IGNORECASE,
)


def external_asset_urls(html: str) -> list[str]:
    """Every absolute (``http://``, ``https://`` or ``//``) script src or link href in ``html``."""
    return _ASSET_URL.findall(html)

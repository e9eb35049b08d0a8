"""Build folium maps and cut them into parts a Jinja page can embed.

A page using a map puts the parts in three places (each with ``|safe``)::

    {% block head %}{{ map.header|safe }}{% endblock %}
    ...
    <div class="app-map">
      {{ map.html|safe }}
      <div class="app-map__fallback">…what the map shows, as text and links…</div>
    </div>
    ...
    {% block body_end %}{{ map.script|safe }}{% endblock %}

``header`` loads Leaflet (and marker clustering) from ``/static/vendor/`` and sizes the map;
``script`` draws it, so it must come after both ``html`` and ``header``. Put one map's header on
a page at most once: two maps on one page share it. Nothing here loads from a CDN, no part has
a viewport ``<meta>`` (folium's disables zooming; the page layout has its own), and every marker
has a ``title`` so screen readers can name it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import folium
from branca.element import CssLink, JavascriptLink, MacroElement
from folium.plugins import MarkerCluster
from folium.template import Template
from markupsafe import escape

SMALL_MAP_HEIGHT = 300  # px
SMALL_MAP_ZOOM = 15
AREA_MAP_HEIGHT = 450  # px
AREA_MAP_MAX_FIT_ZOOM = 15
MAX_ZOOM = 18
AREA_RADIUS_METRES = 1000  # how vaguely a home is shown

# Leaflet.markercluster's own default icon, plus words for screen readers: the cluster icon
# is a keyboard-focusable button, and a bare number is a poor name for it.
_CLUSTER_ICON_JS = """
function (cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    return L.divIcon({
        html: "<div><span>" + count + "<span class=\\"govuk-visually-hidden\\">"
            + " places here. Select to zoom in</span></span></div>",
        className: "marker-cluster marker-cluster-" + size,
        iconSize: new L.Point(40, 40)
    });
}
"""


@dataclass(frozen=True)
class MapParts:
    """A rendered map: ``header`` for ``<head>``, ``html`` for the body, ``script`` after it.

    All three are trusted HTML (``script`` includes its ``<script>`` tags).
    """

    header: str
    html: str
    script: str


@dataclass(frozen=True)
class MapPoint:
    """One place on an area map: its marker title, and a popup linking to ``url``.

    ``url`` must be site-relative (``/services/…``) or ``http(s)://``; ``summary`` is
    optional plain text shown under the link.
    """

    latitude: float
    longitude: float
    title: str
    url: str
    summary: str | None = None


class HtmlPopup(MacroElement):
    """A Leaflet popup bound to its parent marker, holding trusted HTML.

    ``folium.Popup`` builds its content with jQuery inside a JavaScript template literal;
    this binds the HTML as a JSON string instead, so no jQuery is needed and nothing in the
    content (backticks, ``${…}``, ``</script>``) can break out of the script.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindPopup({{ this.html|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "HtmlPopup"
        self.html = html


@dataclass(frozen=True)
class Landmark:
    """A named place drawn as a labelled dot, so a map without tiles still has bearings."""

    name: str
    latitude: float
    longitude: float


def small_map(
    latitude: float,
    longitude: float,
    title: str,
    tile_url: str | None,
    attribution: str | None,
    landmarks: Sequence[Landmark] = (),
    area_only: bool = False,
) -> MapParts:
    """A 300px map at zoom 15 with one marker (titled ``title``, popup shows it).

    Without ``tile_url`` the map has no tile layer (a plain background with the marker);
    with one, ``attribution`` is required (ValueError otherwise). ``landmarks`` are drawn as
    labelled dots and the map zooms out to show them with the marker. ``area_only`` draws a
    shaded circle of about a kilometre instead of a pin, for a place that must not be pinpointed
    (someone's home).
    """
    location = (latitude, longitude)
    m = _base_map(location, tile_url, attribution, zoom=SMALL_MAP_ZOOM, height=SMALL_MAP_HEIGHT)
    if area_only:
        folium.Circle(
            location=location,
            radius=AREA_RADIUS_METRES,
            color="#1d70b8",
            weight=2,
            fill=True,
            fill_opacity=0.2,
            interactive=False,
        ).add_to(m)
    else:
        _marker(location, title, f"<strong>{escape(title)}</strong>").add_to(m)
    for landmark in landmarks:
        _landmark(landmark).add_to(m)
    if landmarks:
        points = [location, *((lm.latitude, lm.longitude) for lm in landmarks)]
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        m.fit_bounds(
            [[min(lats), min(lons)], [max(lats), max(lons)]],
            padding=(40, 40),
            max_zoom=SMALL_MAP_ZOOM,
        )
    return render_parts(m, label=f"Map showing {title}")


def _landmark(landmark: Landmark) -> folium.CircleMarker:
    dot = folium.CircleMarker(
        location=(landmark.latitude, landmark.longitude),
        radius=4,
        color="#0b0c0c",
        weight=1,
        fill=True,
        fill_color="#505a5f",
        fill_opacity=1,
        interactive=False,
    )
    dot.add_child(
        folium.Tooltip(
            escape(landmark.name),
            permanent=True,
            direction="right",
            class_name="app-map__landmark",
        )
    )
    return dot


def area_map(
    points: Sequence[MapPoint],
    tile_url: str | None,
    attribution: str | None,
    *,
    label: str = "Map of results",
    center: tuple[float, float] | None = None,
    height: int = AREA_MAP_HEIGHT,
    landmarks: Sequence[Landmark] = (),
) -> MapParts:
    """A map of several places, clustered, zoomed to fit them all.

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
    m = _base_map(center, tile_url, attribution, zoom=SMALL_MAP_ZOOM, height=height)
    cluster = MarkerCluster(
        control=False,
        icon_create_function=_CLUSTER_ICON_JS,
        options={"maxClusterRadius": 30},  # group only markers that would overlap
    ).add_to(m)
    for point in points:
        location = (point.latitude, point.longitude)
        _marker(location, point.title, _point_popup(point)).add_to(cluster)
    for landmark in landmarks:
        _landmark(landmark).add_to(m)
    if points:
        lats = [p.latitude for p in [*points, *landmarks]]
        lons = [p.longitude for p in [*points, *landmarks]]
        m.fit_bounds(
            [[min(lats), min(lons)], [max(lats), max(lons)]],
            max_zoom=AREA_MAP_MAX_FIT_ZOOM,
            padding=(24, 24),
        )
    return render_parts(m, label=label)


def render_parts(m: folium.Map, label: str) -> MapParts:
    """Render ``m`` and keep only what a page needs.

    The header keeps folium's asset links (made local by ``portal.maps.assets``) and drops
    the rest of folium's header: its viewport meta (``user-scalable=no``), its global
    ``html, body`` and ``#map`` styles and its ``L_NO_TOUCH`` globals. ``label`` names the
    map region for screen readers.
    """
    root = m.get_root()
    root.render()
    links = [
        child.render()
        for child in root.header._children.values()  # branca has no public accessor
        if isinstance(child, JavascriptLink | CssLink)
    ]
    style = (
        f"<style>#{m.get_name()} {{ position: relative; "
        f"width: {m.width[0]}{m.width[1]}; height: {m.height[0]}{m.height[1]}; }}</style>"
    )
    html = (
        root.html.render()
        .strip()
        .replace(
            'class="folium-map"',
            f'class="folium-map" role="region" aria-label="{escape(label)}"',
            1,
        )
    )
    script = f"<script>\n{root.script.render().strip()}\n</script>"
    return MapParts(header="\n".join([*links, style]), html=html, script=script)


def _base_map(
    center: tuple[float, float],
    tile_url: str | None,
    attribution: str | None,
    *,
    zoom: int,
    height: int,
) -> folium.Map:
    """A map with our tile layer, or none (then maxZoom is set, which clustering needs)."""
    options = {} if tile_url else {"maxZoom": MAX_ZOOM}
    m = folium.Map(
        location=center,
        zoom_start=zoom,
        height=f"{height}px",
        tiles=None,
        scrollWheelZoom=False,  # a page-sized scroll should scroll the page, not zoom the map
        **options,
    )
    if tile_url:
        if not attribution:
            raise ValueError("A tile URL needs its attribution (the tile provider's licence).")
        folium.TileLayer(tiles=tile_url, attr=attribution, max_zoom=MAX_ZOOM).add_to(m)
    return m


def _marker(location: tuple[float, float], title: str, popup_html: str) -> folium.Marker:
    """A default Leaflet marker named ``title`` (hover text and image alt) with a popup."""
    marker = folium.Marker(location=location, title=title, alt=title)
    marker.add_child(HtmlPopup(popup_html))
    return marker


def _point_popup(point: MapPoint) -> str:
    if not point.url.startswith(("/", "http://", "https://")) or point.url.startswith("//"):
        raise ValueError(f"Popup links must be site-relative or http(s): {point.url!r}")
    html = f'<a class="govuk-link" href="{escape(point.url)}">{escape(point.title)}</a>'
    if point.summary:
        html += f'<p class="govuk-body-s">{escape(point.summary)}</p>'
    return html


__all__ = ["HtmlPopup", "Landmark", "MapParts", "MapPoint", "area_map", "render_parts", "small_map"]

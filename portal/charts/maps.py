"""The area map: shapely's geometry (Voronoi cells clipped to a circle of reach around each
area's centre) written out as SVG paths here; no library draws a tile-free choropleth as
presentation-attribute SVG.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

import shapely
from markupsafe import Markup

from portal.charts.svg import (
    FONT_SIZE,
    LINE_HEIGHT,
    MARGIN,
    SECONDARY,
    SMALL_SIZE,
    TEXT,
    WHITE,
    WIDTH,
    add_text,
    finish_svg,
    more_lines,
    new_svg,
    number,
    text_width,
    wrap_text,
)

#: Per gap band 0..3: fill, hatching ink, hatching (spacing, line width, cross-hatched or not;
#: None for none). Fills go light to dark (they read in greyscale too); the hatching says the
#: same without colour, and each area's label sits on a white pill.
BAND_LOOKS = (
    ("#f3f2f1", TEXT, None),
    ("#bbd4ea", TEXT, (9, 1.2, False)),
    ("#5694ca", TEXT, (5, 1.2, False)),
    ("#003078", WHITE, (5, 0.8, True)),
)
KM_PER_DEGREE = 111.195  # along a meridian, and along the equator (mean Earth radius)


@dataclass(frozen=True)
class MapArea:
    code: str  # "RG12"
    name: str  # "RG12 Bracknell"
    latitude: float
    longitude: float
    band: int  # 0 no gap shown or no data, 1 small, 2 medium, 3 large gap
    label: str  # short text drawn on the area, e.g. "RG12 · 4.5"


def area_map(
    chart_id: str,
    title: str,
    description: str,
    areas: Sequence[MapArea],
    *,
    reach_km: float,
    bands: Sequence[str],
) -> Markup:
    """The areas as shapes shaded by gap band (a fill colour and a hatching each), their labels
    at their centres, a scale bar and a key of `bands` (the texts for bands 0, 1, 2, 3).

    An area's shape is the part of its Voronoi cell (the places nearer its centre than any
    other's) within `reach_km` of its centre: drawn from our own data, no tiles. The description
    gains a sentence saying the boundaries are approximate unless it says so already."""
    if reach_km <= 0:
        raise ValueError("reach_km must be more than 0")
    if not 1 <= len(bands) <= len(BAND_LOOKS):
        raise ValueError(f"bands must name 1 to {len(BAND_LOOKS)} bands")
    for area in areas:
        if not 0 <= area.band < len(bands):
            raise ValueError(f"{area.code}: band {area.band} has no text in bands")
    if "approximate" not in description.lower():  # say so once
        description = (
            f"{description} Boundaries are approximate: each area is drawn around its centre, "
            f"up to {reach_km:g} km from it and no further than halfway to a neighbouring centre."
        ).strip()
    root = new_svg(chart_id, title, description, "map")
    defs = ET.SubElement(root, "defs")
    for band in range(len(bands)):
        defs.append(_pattern(f"{chart_id}-band-{band}", band))

    y = 8
    if areas:
        shapes, centres = _area_shapes(areas, reach_km)
        minx, miny, maxx, maxy = shapely.GeometryCollection(shapes).bounds
        inner = WIDTH - 2 * MARGIN
        height = min(max((maxy - miny) / (maxx - minx) * inner, inner * 0.55), inner * 1.25)
        pad = _PILL_HEIGHT / 2 + 2  # a label at a centre at the top or bottom edge fits too
        scale = min(inner / (maxx - minx), (height - 2 * pad) / (maxy - miny))
        left = MARGIN + (inner - (maxx - minx) * scale) / 2
        top = y + (height - (maxy - miny) * scale) / 2

        def place(east: float, north: float) -> tuple[float, float]:
            return left + (east - minx) * scale, top + (maxy - north) * scale

        group = ET.SubElement(root, "g", {"class": "app-chart__areas"})
        for area, shape in zip(areas, shapes, strict=True):
            ET.SubElement(
                group,
                "path",
                d=_path(shape, place),
                fill=f"url(#{chart_id}-band-{area.band})",
                stroke=TEXT,
                **{"stroke-width": "1", "stroke-linejoin": "round"},
            )
        _map_labels(root, areas, [place(*centre) for centre in centres], y + height)
        y += height + 10
        y = _scale_bar(root, y, scale, inner)
    else:
        add_text(root, MARGIN, y + 30, "No areas to show", fill=SECONDARY)
        y += 50

    key = ET.SubElement(root, "g", {"class": "app-chart__key"})
    for band, text in enumerate(bands):
        item = ET.SubElement(key, "g", {"class": "app-chart__key-item"})
        ET.SubElement(
            item,
            "rect",
            x=number(MARGIN),
            y=number(y + 2),
            width="36",
            height="22",
            fill=f"url(#{chart_id}-band-{band})",
            stroke=TEXT,
            **{"stroke-width": "1"},
        )
        lines = wrap_text(text, WIDTH - 2 * MARGIN - 46, FONT_SIZE)
        label = add_text(item, MARGIN + 46, y + 13, lines[0], fill=TEXT)
        label.set("dy", "0.35em")
        more_lines(label, lines[1:])
        y += 30 + LINE_HEIGHT * (len(lines) - 1)
    return finish_svg(root, y + 6)


def _area_shapes(areas: Sequence[MapArea], reach_km: float):
    """Each area's shape and centre in kilometres east and north of the areas' middle (an
    equirectangular projection: a degree of longitude is cos(latitude) of one of latitude)."""
    latitude = sum(area.latitude for area in areas) / len(areas)
    longitude = sum(area.longitude for area in areas) / len(areas)
    east = KM_PER_DEGREE * math.cos(math.radians(latitude))
    centres: list[tuple[float, float]] = []
    seen: dict[tuple[float, float], int] = {}
    for area in areas:
        x = round((area.longitude - longitude) * east, 4)
        y = round((area.latitude - latitude) * KM_PER_DEGREE, 4)
        # Two areas with one centre would share one cell: set each later one 50 m aside.
        twins = seen.get((x, y), 0)
        seen[(x, y)] = twins + 1
        if twins:
            angle = twins * 2.4
            x, y = x + 0.05 * math.cos(angle), y + 0.05 * math.sin(angle)
        centres.append((x, y))
    circles = [shapely.Point(x, y).buffer(reach_km, quad_segs=16) for x, y in centres]
    if len(areas) == 1:
        return circles, centres
    points = shapely.MultiPoint(centres)
    cells = shapely.voronoi_polygons(
        points, extend_to=points.buffer(reach_km * 2).envelope, ordered=True
    )
    return [
        cell.intersection(circle) for cell, circle in zip(cells.geoms, circles, strict=True)
    ], centres


def _pattern(pattern_id: str, band: int) -> ET.Element:
    fill, ink, hatching = BAND_LOOKS[band]
    spacing = hatching[0] if hatching else 8
    pattern = ET.Element(
        "pattern",
        id=pattern_id,
        patternUnits="userSpaceOnUse",
        width=number(spacing),
        height=number(spacing),
    )
    if hatching:
        pattern.set("patternTransform", "rotate(45)")
    ET.SubElement(pattern, "rect", width=number(spacing), height=number(spacing), fill=fill)
    if hatching:
        _, width, crossed = hatching
        d = f"M0 0V{number(spacing)}" + (f"M0 0H{number(spacing)}" if crossed else "")
        ET.SubElement(pattern, "path", d=d, stroke=ink, **{"stroke-width": number(width * 2)})
    return pattern


def _path(shape, place) -> str:
    polygons = getattr(shape, "geoms", [shape])
    parts = []
    for polygon in polygons:
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            coords = [place(x, y) for x, y in ring.coords[:-1]]
            parts.append(
                "M" + "L".join(f"{number(x)} {number(y)}" for x, y in coords) + "Z",
            )
    return "".join(parts)


def _map_labels(root: ET.Element, areas: Sequence[MapArea], places, bottom: float) -> None:
    """Each label on a white pill at its area's centre, moved up or down (staying between 0 and
    `bottom`) when it would cover one placed before it."""
    group = ET.SubElement(root, "g", {"class": "app-chart__labels"})
    height = _PILL_HEIGHT
    placed: list[tuple[float, float, float, float]] = []
    for area, (x, y) in zip(areas, places, strict=True):
        width = text_width(area.label, SMALL_SIZE, bold=True) + 12
        x = min(max(x, MARGIN + width / 2), WIDTH - MARGIN - width / 2)
        boxes = [
            (x - width / 2, y + step * (height + 2) - height / 2, width, height)
            for step in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5)
        ]
        free = [
            box
            for box in boxes
            if 0 <= box[1] <= bottom - height and not any(_overlap(box, o) for o in placed)
        ]
        if free:
            box = free[0]
        else:  # over another rather than off the map
            box = (boxes[0][0], min(max(boxes[0][1], 0), bottom - height), width, height)
        placed.append(box)
        ET.SubElement(
            group,
            "rect",
            x=number(box[0]),
            y=number(box[1]),
            width=number(width),
            height=number(height),
            rx="4",
            fill=WHITE,
            stroke=TEXT,
            **{"stroke-width": "0.75"},
        )
        text = add_text(
            group, x, box[1] + height / 2, area.label, size=SMALL_SIZE, fill=TEXT, anchor="middle"
        )
        text.set("dy", "0.35em")
        text.set("font-weight", "bold")


_PILL_HEIGHT = SMALL_SIZE + 8


def _overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _scale_bar(root: ET.Element, y: float, scale: float, inner: float) -> float:
    """A bar of a round number of kilometres, at most a third of the width; the next y."""
    km = 0.1
    for candidate in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100):
        if candidate * scale <= inner / 3:
            km = candidate
    length = km * scale
    group = ET.SubElement(root, "g", {"class": "app-chart__scale"})
    ET.SubElement(
        group,
        "path",
        d=f"M{number(MARGIN)} {number(y)}V{number(y + 6)}H{number(MARGIN + length)}V{number(y)}",
        fill="none",
        stroke=TEXT,
        **{"stroke-width": "1.5"},
    )
    add_text(group, MARGIN + length + 8, y + 7, f"{km:g} km", size=SMALL_SIZE, fill=TEXT)
    return y + 22

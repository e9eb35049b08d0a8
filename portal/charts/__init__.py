"""Charts for the insights and prescribing reports, drawn on the server as accessible inline SVG
(shared below the features: they import none of them).

    Bar(label, value, text)                    # value None: a suppressed small number
    Series(name, points)                       # points: (week, count or None), None a gap
    MapArea(code, name, latitude, longitude, band, label)
    bar_chart(chart_id, title, description, bars, *, unit) -> Markup
    line_chart(chart_id, title, description, series, *, unit) -> Markup
    area_map(chart_id, title, description, areas, *, reach_km, bands) -> Markup

Each is an `<svg role="img">` named by its `<title>` and `<desc>` (the first children), with a
`viewBox` and no size of its own (the class `app-chart` sizes it), no script, no `style`
element or attribute (our Content-Security-Policy), text of 14 units or more in a 400-unit-wide
view box (22 px at a 640 px rendered width; 12.5 px in a 390 px phone's 358 px column) in
GOV.UK colours of 4.5:1 or more against its background. Every id inside starts with
`chart_id`, so ten charts can share a page. The same input gives the same bytes. Labels are
escaped (ElementTree writes every text and attribute). The pages show each chart's figures as a
table too: the picture adds no fact.

The look and the shared SVG helpers are in `svg`; each chart is in its own module (`bars`,
`lines`, `maps`), whose docstring says who draws what.
"""

from portal.charts.bars import Bar, bar_chart
from portal.charts.lines import LINE_STYLES, MARKER_RADIUS, MARKERS, Series, line_chart
from portal.charts.maps import BAND_LOOKS, KM_PER_DEGREE, MapArea, area_map
from portal.charts.svg import (
    BLUE,
    FONT_FAMILY,
    FONT_SIZE,
    GRID,
    MARGIN,
    SECONDARY,
    SMALL_SIZE,
    TEXT,
    WHITE,
    WIDTH,
)

__all__ = [
    "BAND_LOOKS",
    "BLUE",
    "FONT_FAMILY",
    "FONT_SIZE",
    "GRID",
    "KM_PER_DEGREE",
    "LINE_STYLES",
    "MARGIN",
    "MARKERS",
    "MARKER_RADIUS",
    "SECONDARY",
    "SMALL_SIZE",
    "TEXT",
    "WHITE",
    "WIDTH",
    "Bar",
    "MapArea",
    "Series",
    "area_map",
    "bar_chart",
    "line_chart",
]

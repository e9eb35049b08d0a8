"""The line chart: leather's (`leather.Chart`: axes, grid lines, lines broken at a missing
value), with our two scales (whole-number counts with round steps; weeks with ticks on the first of
each month named "Jan", "Feb", ...: leather's own would tick every few days labelled "03-17") and
our marker layer (a shape per series, so a lone week between two gaps shows and the series differ
without colour). Leather's legend is colour only, so it is switched off through the theme and
removed, and ours, drawn under the chart, shows each line's colour, dash and marker.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import leather
from leather import theme
from leather.scales.base import Scale
from leather.shapes.base import Shape
from markupsafe import Markup

from portal.charts.svg import (
    FONT_FAMILY,
    FONT_SIZE,
    GRID,
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
    wrap_text,
)

#: Per line series: colour (3:1 or more against white), dash pattern and marker shape.
LINE_STYLES = (
    ("#1d70b8", "none", "circle"),
    ("#d4351c", "8 4", "square"),
    ("#00703c", "2 3", "triangle"),
    ("#4c2c92", "10 3 2 3", "diamond"),
    ("#0b0c0c", "16 4", "triangle-down"),
    ("#d53880", "2 3 2 3 8 3", "plus"),
    ("#b58840", "5 2", "cross"),
    ("#28a197", "12 3 2 3 2 3", "hexagon"),
)
_PLUS = ((-0.35, -1), (0.35, -1), (0.35, -0.35), (1, -0.35), (1, 0.35), (0.35, 0.35))
_PLUS += ((0.35, 1), (-0.35, 1), (-0.35, 0.35), (-1, 0.35), (-1, -0.35), (-0.35, -0.35))
_ROOT_HALF = math.sqrt(0.5)
#: Marker corners for a marker of radius 1 centred on 0, 0 (none for a circle).
MARKERS = {
    "circle": (),
    "square": ((-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)),
    "triangle": ((0, -1.2), (1.1, 0.8), (-1.1, 0.8)),
    "diamond": ((0, -1.25), (1.25, 0), (0, 1.25), (-1.25, 0)),
    "triangle-down": ((0, 1.2), (1.1, -0.8), (-1.1, -0.8)),
    "plus": tuple((x * 1.2, y * 1.2) for x, y in _PLUS),
    "cross": tuple(((x - y) * _ROOT_HALF * 1.25, (x + y) * _ROOT_HALF * 1.25) for x, y in _PLUS),
    "hexagon": tuple(
        (round(1.1 * math.cos(a * math.pi / 3), 3), round(1.1 * math.sin(a * math.pi / 3), 3))
        for a in range(6)
    ),
}
MARKER_RADIUS = 4

# Leather's look, set once: its text, grid and lines in GOV.UK colours; its legend (colour
# only) takes no room, as ours replaces it.
theme.background_color = WHITE
theme.margin = 0.05  # leather reads a float as a share of the width
theme.title_color = theme.legend_color = theme.axis_title_color = TEXT
theme.label_color = SECONDARY
theme.tick_color = GRID
theme.zero_color = SECONDARY
for _part in ("title", "legend", "axis_title", "tick"):
    setattr(theme, f"{_part}_font_family", FONT_FAMILY)
    setattr(theme, f"{_part}_font_size", SMALL_SIZE)
    setattr(theme, f"{_part}_font_char_height", SMALL_SIZE)
    setattr(theme, f"{_part}_font_char_width", 8)
theme.legend_font_char_height = 0
theme.legend_gap = 0
theme.default_series_colors = [colour for colour, _, _ in LINE_STYLES]
theme.default_line_width = 2.5
theme.default_chart_width = WIDTH
theme.default_chart_height = 280

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Series:
    name: str  # e.g. "Loneliness and company"
    points: Sequence[tuple[date, int | None]]  # weekly; None: suppressed (a gap in the line)


_PLOT_HEIGHT = 250
_LEGEND_ROW = 26


class _CountScale(Scale):
    """Whole numbers from 0 to a round top, in steps of 1, 2 or 5 times a power of ten."""

    def __init__(self, largest: int):
        step = 1
        while math.ceil(largest / step) > 5:
            for factor in (2, 5 / 2, 2):  # 1, 2, 5, 10, 20, 50, ...
                step = round(step * factor)
                if math.ceil(largest / step) <= 5:
                    break
        self.step = step
        self.top = max(step, math.ceil(largest / step) * step)

    def contains(self, v):
        return 0 <= v <= self.top

    def project(self, value, range_min, range_max):
        return round(range_min + (range_max - range_min) * value / self.top, 2)

    def ticks(self):
        return list(range(0, self.top + 1, self.step))

    def format_tick(self, value, i, count):
        return f"{value:,}"


class _WeekScale(Scale):
    """Dates from the first week to the last, ticked on the first of each month ("Oct"), or on
    the weeks ("7 Sep") when that is fewer than two ticks; at most seven (five weeks)."""

    def __init__(self, weeks: Sequence[date]):
        # Half a week more each side: the first and last markers and labels stay inside.
        first, last = min(weeks) - timedelta(days=3), max(weeks) + timedelta(days=3)
        self.first, self.last = first, last
        starts = []
        month = date(first.year, first.month, 1)
        while month <= last:
            if month >= first:
                starts.append(month)
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        self._short = len(starts) >= 2
        if not self._short:  # under about two months: every week or so, "7 Sep"
            starts = sorted(set(weeks))
        self._ticks = starts[:: math.ceil(len(starts) / (7 if self._short else 5))]

    def contains(self, v):
        return self.first <= v <= self.last

    def project(self, value, range_min, range_max):
        share = (value - self.first).days / (self.last - self.first).days
        return round(range_min + (range_max - range_min) * share, 2)

    def ticks(self):
        return self._ticks

    def format_tick(self, value, i, count):
        month = _MONTHS[value.month - 1]
        return month if self._short else f"{value.day} {month}"


class _Markers(Shape):
    """A marker at every shown point of a series: its shape as well as its colour."""

    def __init__(self, colour: str, marker: str):
        self._colour = colour
        self._marker = marker

    def validate_series(self, series):
        return True

    def to_svg(self, width, height, x_scale, y_scale, series, palette):
        group = ET.Element("g", {"class": "series markers"})
        for datum in series.data():
            if datum.x is None or datum.y is None:
                continue
            x = x_scale.project(datum.x, 0, width)
            y = y_scale.project(datum.y, height, 0)
            group.append(_marker(self._marker, x, y, self._colour))
        return group


def line_chart(
    chart_id: str, title: str, description: str, series: Sequence[Series], *, unit: str
) -> Markup:
    """Weekly counts as lines (x: weeks, ticks named by month; y: `unit`, shown above the
    axis). Each series has its own colour, dash and marker, all three in the key under the
    chart; a None point breaks its line. Up to eight series have styles of their own (then
    they repeat)."""
    for one in series:
        for _, value in one.points:
            if value is not None and value < 0:
                raise ValueError(f"a count cannot be negative: {one.name!r} has {value}")
    root = new_svg(chart_id, title, description, "line")
    add_text(root, MARGIN, 20, unit, size=SMALL_SIZE, fill=SECONDARY)
    drawn = [(i, one) for i, one in enumerate(series) if any(v is not None for _, v in one.points)]
    y = 28
    if drawn:
        chart = leather.Chart()
        weeks = [week for _, one in drawn for week, _ in one.points]
        largest = max(v for _, one in drawn for _, v in one.points if v is not None)
        chart.set_x_scale(_WeekScale(weeks))
        chart.set_y_scale(_CountScale(largest))
        for index, one in drawn:
            colour, dash, marker = _style(index)
            points = sorted(one.points, key=lambda point: point[0])
            chart.add_line(points, name=one.name, stroke_color=colour, stroke_dasharray=dash)
            chart.add_series(leather.Series(points, name=one.name), _Markers(colour, marker))
        group = chart.to_svg_group(WIDTH, _PLOT_HEIGHT)
        margin_group = group[1]
        if len(margin_group) != 2:  # header (title and legend), body
            raise RuntimeError("leather's chart layout changed: check the legend removal")
        margin_group.remove(margin_group[0])  # leather's legend: colour only
        group.set("transform", f"translate(0 {y})")
        root.append(group)
        y += _PLOT_HEIGHT + 6
    else:
        add_text(root, MARGIN, y + 40, "No figures to show", fill=SECONDARY)
        y += 64

    key = ET.SubElement(root, "g", {"class": "app-chart__key"})
    sample = 44
    for index, one in enumerate(series):
        colour, dash, marker = _style(index)
        name = one.name
        if not any(v is not None for _, v in one.points):
            name += " (numbers too small to show)"
        lines = wrap_text(name, WIDTH - 2 * MARGIN - sample - 10, FONT_SIZE)
        middle = y + _LEGEND_ROW / 2
        item = ET.SubElement(key, "g", {"class": "app-chart__key-item"})
        line = ET.SubElement(
            item,
            "line",
            x1=number(MARGIN),
            y1=number(middle),
            x2=number(MARGIN + sample),
            y2=number(middle),
            stroke=colour,
            **{"stroke-width": "2.5"},
        )
        if dash != "none":
            line.set("stroke-dasharray", dash)
        item.append(_marker(marker, MARGIN + sample / 2, middle, colour))
        text = add_text(item, MARGIN + sample + 10, middle, lines[0], fill=TEXT)
        text.set("dy", "0.35em")
        more_lines(text, lines[1:])
        y += _LEGEND_ROW + LINE_HEIGHT * (len(lines) - 1)
    return finish_svg(root, y + 8)


def _style(index: int) -> tuple[str, str, str]:
    return LINE_STYLES[index % len(LINE_STYLES)]


def _marker(shape: str, x: float, y: float, colour: str) -> ET.Element:
    attributes = {"fill": colour, "stroke": WHITE, "stroke-width": "1"}
    corners = MARKERS[shape]
    if not corners:
        return ET.Element(
            "circle", cx=number(x), cy=number(y), r=number(MARKER_RADIUS), **attributes
        )
    points = " ".join(
        f"{number(x + px * MARKER_RADIUS)},{number(y + py * MARKER_RADIUS)}" for px, py in corners
    )
    return ET.Element("polygon", points=points, **attributes)

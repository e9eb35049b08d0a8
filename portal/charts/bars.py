"""The bar chart, drawn here by hand.

Leather's horizontal bars put the category labels in a left margin sized by a character count,
so a label such as "Social isolation or loneliness" takes half the width (and a longer one runs
off the left edge); it cannot print a value at a bar's end, merges two bars with the same label,
refuses a chart whose every value is suppressed, and writes 28-digit coordinates. Here each label
sits on its own line(s) above its bar, over the full width, which also reads on a phone.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from portal.charts.svg import (
    BLUE,
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


@dataclass(frozen=True)
class Bar:
    label: str  # e.g. "Bereavement"
    value: int | None  # None: a suppressed small number, no bar drawn
    text: str  # printed at the bar's end: "12", "fewer than 5"


_BAR_HEIGHT = 24


def bar_chart(
    chart_id: str, title: str, description: str, bars: Sequence[Bar], *, unit: str
) -> Markup:
    """Horizontal bars in the order given, each label above its bar and its `text` at the bar's
    end (at the axis for a zero or suppressed one, which has no bar). `unit` says what the
    numbers count ("Number of searches") and is shown above the bars."""
    for bar in bars:
        if bar.value is not None and bar.value < 0:
            raise ValueError(f"a count cannot be negative: {bar.label!r} is {bar.value}")
    root = new_svg(chart_id, title, description, "bar")
    inner = WIDTH - 2 * MARGIN
    shown = [bar for bar in bars if bar.value]
    room = max((text_width(bar.text, FONT_SIZE) for bar in shown), default=0) + 8
    room = min(room, inner / 2)
    longest = max((bar.value for bar in shown), default=0)
    scale = (inner - room) / longest if longest else 0

    add_text(root, MARGIN, 20, unit, size=SMALL_SIZE, fill=SECONDARY)
    y = 34
    for bar in bars:
        group = ET.SubElement(root, "g", {"class": "app-chart__bar"})
        lines = wrap_text(bar.label, inner, FONT_SIZE)
        label = add_text(group, MARGIN, y + 15, lines[0], size=FONT_SIZE, fill=TEXT)
        more_lines(label, lines[1:])
        y += LINE_HEIGHT * len(lines) + 4
        middle = y + _BAR_HEIGHT / 2
        length = (bar.value or 0) * scale
        ET.SubElement(  # the axis, at 0
            group,
            "line",
            x1=number(MARGIN),
            y1=number(y - 3),
            x2=number(MARGIN),
            y2=number(y + _BAR_HEIGHT + 3),
            stroke=TEXT,
            **{"stroke-width": "1.5"},
        )
        if length:
            ET.SubElement(
                group,
                "rect",
                x=number(MARGIN),
                y=number(y),
                width=number(length),
                height=number(_BAR_HEIGHT),
                fill=BLUE,
            )
        width = text_width(bar.text, FONT_SIZE)
        if length and MARGIN + length + 6 + width > WIDTH - MARGIN and length > width + 12:
            value = add_text(group, MARGIN + length - 6, middle, bar.text, fill=WHITE, anchor="end")
        else:
            value = add_text(group, MARGIN + length + 6, middle, bar.text, fill=TEXT)
        value.set("dy", "0.35em")
        if bar.value:
            value.set("font-weight", "bold")
        y += _BAR_HEIGHT + 14
    if not bars:
        add_text(root, MARGIN, y + 20, "No figures to show", fill=SECONDARY)
        y += 40
    return finish_svg(root, y)

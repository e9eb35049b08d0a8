"""The insights charts' look (GOV.UK colours, one font, sizes in view-box units) and the SVG
helpers they share: the named `<svg role="img">` root, text, wrapping and coordinates.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from markupsafe import Markup

# --- Look: GOV.UK colours, one font, sizes in view-box units ------------------------------------

WIDTH = 400  # every chart's view box is this wide; shown at most 480 px wide (assets/portal.scss)
MARGIN = 2  # text lines up with the page's; room for a stroke
FONT_FAMILY = "arial, sans-serif"  # as the rest of the portal: GDS Transport is for GOV.UK only
TEXT = "#0b0c0c"  # 19.6:1 on white
SECONDARY = "#505a5f"  # 7.1:1 on white
BLUE = "#1d70b8"  # bars; white on it is 5.2:1
WHITE = "#ffffff"
GRID = "#dedfe0"
FONT_SIZE = 16  # labels, values and keys
SMALL_SIZE = 14  # axis ticks, units, map labels
#: Estimated widths of Arial's characters in ems (for wrapping and room), a little generous.
_NARROW = frozenset("fijlrtI.,:;'!|()[]· -")
_WIDE = frozenset("mwMW@%")  # and capitals: Arial's are 0.61 to 0.94 em
LINE_HEIGHT = 20
CHART_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


# --- SVG helpers --------------------------------------------------------------------------------


def new_svg(chart_id: str, title: str, description: str, kind: str) -> ET.Element:
    if not CHART_ID.fullmatch(chart_id):
        raise ValueError(f"chart_id must be a slug such as 'searches-by-need': {chart_id!r}")
    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": "",  # set by finish_svg, once the height is known
            "class": f"app-chart app-chart--{kind}",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "font-family": FONT_FAMILY,
        },
    )
    ET.SubElement(root, "title", id=f"{chart_id}-title").text = title
    ET.SubElement(root, "desc", id=f"{chart_id}-desc").text = description
    return root


def finish_svg(root: ET.Element, height: float) -> Markup:
    root.set("viewBox", f"0 0 {WIDTH} {math.ceil(height)}")
    return Markup(ET.tostring(root, encoding="unicode"))


def add_text(
    parent: ET.Element,
    x: float,
    y: float,
    content: str,
    *,
    size: int = FONT_SIZE,
    fill: str = TEXT,
    anchor: str | None = None,
) -> ET.Element:
    element = ET.SubElement(parent, "text", x=number(x), y=number(y), fill=fill)
    element.set("font-size", str(size))
    if anchor:
        element.set("text-anchor", anchor)
    element.text = content
    return element


def more_lines(text: ET.Element, lines: Sequence[str]) -> None:
    """Lines after the first of a wrapped text, as `tspan`s under it."""
    if not lines:
        return
    first = text.text
    text.text = None
    ET.SubElement(text, "tspan", x=text.get("x")).text = first
    for line in lines:
        ET.SubElement(text, "tspan", x=text.get("x"), dy=number(LINE_HEIGHT)).text = line


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """An estimate of the width of `text` in Arial, erring wide."""
    ems = sum(
        0.34 if c in _NARROW else 1.02 if c in _WIDE else 0.78 if c.isupper() else 0.58
        for c in text
    )
    return ems * size * (1.06 if bold else 1)


def wrap_text(text: str, width: float, size: float) -> list[str]:
    """`text` in lines that fit `width` (estimated), broken at spaces, else inside a word."""
    lines: list[str] = []
    line = ""
    for word in text.split() or [""]:
        while text_width(word, size) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut], size) > width:
                cut -= 1
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def number(value: float) -> str:
    """A coordinate with at most one decimal, no trailing zero, never "-0"."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text

"""A printable poster of a community map: one A3 or A2 portrait page, drawn offline by WeasyPrint.

    PosterAsset(name, kind, good="", latitude=None, longitude=None, listing_url=None)
    PosterData(title, community, events, assets, place_labels, url, site_name, credits=...,
               wishes=((text, (need, ...)), ...))
    map_svg(data, width, height) -> str  # the map and its key as SVG, `width` x `height` points
    render_poster(data, size) -> bytes  # a one-page PDF; `size` a key of SIZES, else ValueError

The map has no tiles: numbered markers, a colour *and* a shape per kind so that it reads in
greyscale, over a few town names for bearings. To fit one page the asset list is laid out on a
stretched page and measured, at the loosest density predicted to fit; the map takes what is left.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import segno
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from portal.community_maps.look import LOOKS, in_number_order

KINDS = {
    "people": "People and skills",
    "groups": "Groups and associations",
    "organisations": "Organisations and institutions",
    "places": "Places and spaces",
    "economy": "Local economy",
    "culture": "Culture and stories",
}
SIZES = {"A3": (297, 420), "A2": (420, 594)}  # portrait, millimetres
WISHES_SHOWN = 6  # on paper; the rest are online

# Per kind: fill, ink of the number and shape: `look.LOOKS`, shared with the web page.
_STYLE = {kind: (look.colour, look.ink, list(look.corners)) for kind, look in LOOKS.items()}
_MONTHS = "January February March April May June July August September October November December"
_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIR = _ROOT / "templates"
TEMPLATE_NAME = "community_maps/poster.html"
_ENV = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True)
_PT = 72 / 25.4  # points per millimetre
_BASE = 12.5  # root font size in points on A3; all sizes on the page scale with it
# Densities of the asset list, loosest first: (font size in rem, description length, columns).
_DENSITIES = [(1.0, 130, 3), (0.92, 100, 3), (0.84, 80, 3), (0.76, 60, 4), (0.68, 40, 4)]
_DENSITIES += [(0.6, 0, 4), (0.54, 0, 5)]


@dataclass(frozen=True)
class PosterAsset:
    name: str
    kind: str  # a key of KINDS
    good: str = ""
    latitude: float | None = None
    longitude: float | None = None
    listing_url: str | None = None
    number: int | None = None  # as on the web page; by default its place in `in_number_order`

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown asset kind {self.kind!r}")

    @property
    def placed(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class PosterData:
    title: str
    community: str
    events: list[tuple[str, date]]
    assets: list[PosterAsset]
    place_labels: list[tuple[str, float, float]]  # towns (name, latitude, longitude)
    url: str
    site_name: str
    credits: str = "Place names: GeoNames (CC BY 4.0)"
    wishes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (words, names of the needs)


def _numbered(data: PosterData) -> list[tuple[str, PosterAsset, int, bool, bool]]:
    """(kind, asset, number, first, last of its kind), numbered as on the web page (by kind in
    `KINDS` order, then name: `look.in_number_order`), placed or not."""
    ordered = in_number_order(data.assets, lambda a: a.kind, lambda a: a.name)
    rows = []
    for n, asset in enumerate(ordered, start=1):
        first = not rows or rows[-1][0] != asset.kind
        if first and rows:
            rows[-1] = (*rows[-1][:4], True)
        rows.append((asset.kind, asset, asset.number or n, first, False))
    if rows:
        rows[-1] = (*rows[-1][:4], True)
    return rows


def _marker(kind: str, x: float, y: float, r: float, label: str = "") -> str:
    """One marker: the kind's shape in its colour, white-edged, with a number in it."""
    fill, ink, corners = _STYLE[kind]
    edge = f'fill="{fill}" stroke="#fff" stroke-width="{r * 0.16:.2f}" stroke-linejoin="round"'
    points = " ".join(f"{x + px * r:.2f},{y + py * r:.2f}" for px, py in corners)
    body = f'<polygon points="{points}" {edge}/>' if corners else ""
    body = body or f'<circle cx="{x:.2f}" cy="{y:.2f}" r="{r:.2f}" {edge}/>'
    if not label:
        return body
    size = r * (1.15, 1.02, 0.8)[min(len(label), 3) - 1]
    y += (corners[0][1] * -0.14 if len(corners) == 3 else 0) * r + size * 0.36  # into triangles
    return (
        f'{body}<text x="{x:.2f}" y="{y:.2f}" font-size="{size:.2f}" font-weight="bold" '
        f'fill="{ink}" text-anchor="middle">{label}</text>'
    )


def _spread(points: list[list[float]], gap: float, box: tuple[float, float, float, float]) -> None:
    """Nudge markers closer than `gap` apart (in place), keeping them inside `box`."""
    for _ in range(50):
        moved = False
        for i, p in enumerate(points):
            for q in points[i + 1 :]:
                dx, dy = q[0] - p[0], q[1] - p[1]
                if (d := math.hypot(dx, dy)) < gap:
                    dx, dy, d, moved = (dx, dy, d, True) if d > 1e-6 else (1, 0.4, 1.077, True)
                    push = (gap - d) / 2 / d
                    p[:] = p[0] - dx * push, p[1] - dy * push
                    q[:] = q[0] + dx * push, q[1] + dy * push
        for p in points:
            p[:] = min(max(p[0], box[0]), box[2]), min(max(p[1], box[1]), box[3])
        if not moved:
            return


def _label_cost(box, markers, m: float, taken, width: float, height: float) -> float:
    """How bad a place for a town name: markers (`m` wide) hidden, names overlapped, off the map."""
    x0, y0, x1, y1 = box
    hidden = sum(x0 - m < x < x1 + m and y0 - m < y < y1 + m for x, y in markers)
    clash = sum(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in taken)
    return hidden + 3 * clash + 9 * (x0 < 0 or y0 < 0 or x1 > width or y1 > height)


def map_svg(data: PosterData, width: float, height: float) -> str:
    """The map: placed assets' numbered markers over the town names, with a key under it."""
    rows = _numbered(data)
    placed = [(kind, asset, n) for kind, asset, n, *_ in rows if asset.placed]
    kinds = list(dict.fromkeys(kind for kind, *_ in rows))
    font, key_cols = width / 56, 3 if len(kinds) > 3 else max(len(kinds), 1)
    map_h = height - ((math.ceil(len(kinds) / key_cols) * 1.9 + 1.0) * font if kinds else 0)
    r = width / 62 * min(1.0, max(0.5, (25 / max(len(placed), 1)) ** 0.33))
    spots = [(a.latitude, a.longitude) for _, a, _ in placed]
    spots += [(lat, lon) for _, lat, lon in data.place_labels]
    lat0 = math.radians(sum(lat for lat, _ in spots) / len(spots)) if spots else 0.0
    xs, ys = [lon * math.cos(lat0) for _, lon in spots] or [0.0], [-lat for lat, _ in spots] or [0]
    widest = max((len(name) * 0.8 * font for name, _, _ in data.place_labels), default=0)
    pad_x, pad_y = max(2 * r, widest / 2) + font, 2 * r + 2.5 * font
    span_x, span_y = max(max(xs) - min(xs), 0.004), max(max(ys) - min(ys), 0.004)  # degrees
    scale = min((width - 2 * pad_x) / span_x, (map_h - 2 * pad_y) / span_y)  # points a degree
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2

    def project(lat: float, lon: float) -> tuple[float, float]:
        x = width / 2 + (lon * math.cos(lat0) - mid_x) * scale
        return x, map_h / 2 + (-lat - mid_y) * scale

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map" width="{width:.1f}pt" '
        f'height="{height:.1f}pt" viewBox="0 0 {width:.1f} {height:.1f}" '
        f'font-family="Liberation Sans, Arial, DejaVu Sans, sans-serif"><rect width="{width:.1f}" '
        f'height="{height:.1f}" fill="#fff"/><rect width="{width:.1f}" height="{map_h:.1f}" '
        f'fill="#edf4f3"/>'
    ]
    true_spots = [project(a.latitude, a.longitude) for _, a, _ in placed]
    spots_px = [list(p) for p in true_spots]
    _spread(spots_px, 2.25 * r, (1.6 * r, 1.6 * r, width - 1.6 * r, map_h - 1.6 * r))
    taken: list[tuple[float, float, float, float]] = []  # boxes of the town names placed so far
    for name, lat, lon in data.place_labels:  # each where it hides the fewest markers and names
        (x, y), half, text = project(lat, lon), len(name) * 0.4 * font, escape(name.upper())
        side = half + 0.7 * font
        offsets = [(0, 1.9), (0, -0.8), (side, 0.4), (-side, 0.4), (0, 3.1), (0, -2.0)]
        offsets += [(2 * side, 0.4), (-2 * side, 0.4), (0, 4.3), (0, -3.2)]
        boxes = [
            (x + dx - half, y + (dy - 0.75) * font, x + dx + half, y + (dy + 0.2) * font)
            for dx, dy in offsets
        ]
        costs = [_label_cost(b, spots_px, 1.2 * r, taken, width, map_h) for b in boxes]
        (dx, dy), box = offsets[costs.index(min(costs))], boxes[costs.index(min(costs))]
        taken.append(box)
        attrs = (
            f'x="{x + dx:.1f}" y="{y + dy * font:.1f}" font-size="{font:.1f}" text-anchor="middle" '
            f'letter-spacing="{font * 0.12:.1f}"'
        )
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{font * 0.3:.1f}" fill="#5f6b6b"/><text {attrs} '
            f'fill="none" stroke="#edf4f3" stroke-width="{font * 0.35:.1f}">{text}</text>'
            f'<text {attrs} fill="#3f4a4a">{text}</text>'
        )
    for (x0, y0), (x, y) in zip(true_spots, spots_px, strict=True):
        if math.hypot(x - x0, y - y0) > r:  # moved off a crowded spot: a line back to it
            out.append(
                f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#333" '
                f'stroke-width="{r * 0.12:.2f}"/><circle cx="{x0:.1f}" cy="{y0:.1f}" '
                f'r="{r * 0.22:.2f}" fill="#333"/>'
            )
    for (kind, asset, n), (x, y) in zip(placed, spots_px, strict=True):
        marker = _marker(kind, x, y, r, str(n))
        out.append(f'<g class="marker"><title>{escape(asset.name)}</title>{marker}</g>')
    if not placed:
        out.append(
            f'<text x="{width / 2:.1f}" y="{map_h / 2:.1f}" font-size="{font * 1.3:.1f}" '
            f'text-anchor="middle" fill="#3f4a4a">Nothing is on the map yet</text>'
        )
    km_per_pt, f = 111.32 / scale, font  # a scale bar of a round distance, and a north arrow
    km = next(k for k in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 1e9) if k / km_per_pt > width / 9)
    out.append(
        f'<g fill="#222" font-size="{f * 0.85:.1f}"><rect x="{f:.1f}" y="{map_h - 1.3 * f:.1f}" '
        f'width="{km / km_per_pt:.1f}" height="{f * 0.3:.1f}"/><text x="{f:.1f}" '
        f'y="{map_h - 1.6 * f:.1f}">{km:g} km ({km * 0.621371:.2g} miles)</text>'
        f'<path d="M{width - 1.8 * f:.1f},{f * 0.9:.1f} l{f * 0.7:.1f},{f * 1.8:.1f} '
        f'l{-f * 0.7:.1f},{-f * 0.5:.1f} l{-f * 0.7:.1f},{f * 0.5:.1f}z"/><text text-anchor='
        f'"middle" x="{width - 1.8 * f:.1f}" y="{f * 3.7:.1f}" font-weight="bold">N</text></g>'
    )
    for i, kind in enumerate(kinds):
        x = font * 1.6 + (i % key_cols) * (width / key_cols)
        y = map_h + font * (1.45 + 1.9 * (i // key_cols))
        out.append(
            _marker(kind, x, y, font * 0.62) + f'<text x="{x + font * 1.3:.1f}" '
            f'y="{y + font * 0.36:.1f}" font-size="{font:.1f}">{escape(KINDS[kind])}</text>'
        )
    out.append(
        f'<rect x="0.5" y="0.5" width="{width - 1:.1f}" height="{height - 1:.1f}" fill="none" '
        f'stroke="#8ac0c3"/><path d="M0,{map_h:.1f}H{width:.1f}" stroke="#8ac0c3"/></svg>'
    )
    return "".join(out)


def _shorten(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,.;:-–") + "…"


def _columns(heights: list[float], count: int) -> tuple[list[list[int]], float]:
    """Rows split in order into at most `count` columns of even height; and the tallest."""
    cap = max([sum(heights) / count, *heights])
    while True:
        columns, height, tallest = [[]], 0.0, 0.0
        for i, h in enumerate(heights):
            if height + h > cap and columns[-1]:
                columns, height = [*columns, []], 0.0
            columns[-1].append(i)
            height += h
            tallest = max(tallest, height)
        if len(columns) <= count:
            return columns, tallest
        cap *= 1.02


def _estimate(rows: list, density: int, width: float, em: float) -> list[float]:
    """Rough heights, in points, of the list's rows (only to choose what to measure)."""
    font, chars, count = _DENSITIES[density]
    column_em = (width - (count - 1) * 1.3 * em) / count / (font * em) - 2.4
    heights = []
    for _, asset, _number, first, last in rows:
        text = len(asset.name) * 0.6 + len(_shorten(asset.good, chars) if chars else "") * 0.53
        lines = math.ceil((text + 8 * (not asset.placed)) / column_em)
        heights.append(font * em * (lines * 1.3 + 0.55 + 2.1 * first + 0.9 * last))
    return heights


def _badge(kind: str, number: int | None = None) -> Markup:
    marker = _marker(kind, 0, 0, 10, str(number or ""))
    return Markup(f'<svg class="badge" viewBox="-16 -16 32 32">{marker}</svg>')


def _layout(data: PosterData, size: str, density: int, map_height: float, rows, columns, tall=1):
    """The poster laid out by WeasyPrint; `tall` > 1 stretches the page, to measure the list."""
    (width_mm, height_mm), scale = SIZES[size], SIZES[size][0] / SIZES["A3"][0]
    font, chars, _ = _DENSITIES[density]
    html = _ENV.get_template(TEMPLATE_NAME).render(
        data=data,
        page=f"{size} portrait" if tall == 1 else f"{width_mm}mm {height_mm * tall}mm",
        margin=12 * scale,
        base_pt=_BASE * scale,
        list_font=font,
        rows=rows,
        columns=columns,
        hidden=len(data.assets) - len(rows),
        wishes=[(_shorten(text, 140), needs) for text, needs in data.wishes[:WISHES_SHOWN]],
        more_wishes=max(0, len(data.wishes) - WISHES_SHOWN),
        kinds=KINDS,
        badge=_badge,
        describe=lambda asset: _shorten(asset.good, chars) if chars else "",
        linkable=lambda url: bool(url) and url.startswith(("https://", "http://")),
        events=[(t, f"{d.day} {_MONTHS.split()[d.month - 1]} {d.year}") for t, d in data.events],
        map_svg=Markup(map_svg(data, (width_mm - 24 * scale) * _PT, map_height)),
        address=Markup("/<wbr>").join(escape(part) for part in data.url.split("/")),
        qr=Markup(segno.make(data.url, error="m").svg_inline(border=2, omitsize=True)),
    )
    fetcher = URLFetcher(allowed_protocols=("data",))  # nothing is fetched from anywhere
    return HTML(string=html, base_url=str(_ROOT / "templates"), url_fetcher=fetcher).render()


def _measure(document, columns: list[list[int]], stretch: float) -> tuple[list[float], float]:
    """Each row's height, and the room from the list's top to the footer, in points."""
    anchors = {name: box[1] * 0.75 for name, box in document.pages[0].anchors.items()}
    heights = {}
    for c, column in enumerate(columns):
        tops = [anchors[f"row-{i}"] for i in column] + [anchors[f"end-{c}"]]
        heights.update((i, tops[k + 1] - tops[k]) for k, i in enumerate(column))
    room = anchors["footer"] - stretch - anchors["assets"] - 10  # less a gap above the footer
    return [heights[i] for i in range(len(heights))], room


def render_poster(data: PosterData, size: str) -> bytes:
    """The poster as a PDF of one portrait page of `size` ("A3" or "A2")."""
    if size not in SIZES:
        raise ValueError(f"unknown poster size {size!r}; choose from {', '.join(SIZES)}")
    scale, rows = SIZES[size][0] / SIZES["A3"][0], _numbered(data)
    width, height = ((side - 24 * scale) * _PT for side in SIZES[size])
    em, least, most, tall = _BASE * scale, height * 0.38, min(height * 0.6, width * 0.95), 4
    guesses = [_estimate(rows, d, width, em) for d in range(len(_DENSITIES))]
    fitting = [d for d, g in enumerate(guesses) if _columns(g, _DENSITIES[d][2])[1] < height / 3]
    density, measured = min(fitting, default=len(_DENSITIES) - 1), {}
    while True:  # measure the loosest density predicted to fit until that one has been measured
        columns = _columns(measured.get(density) or guesses[density], _DENSITIES[density][2])[0]
        document = _layout(data, size, density, least, rows, columns, tall)
        measured[density], room = _measure(document, columns, (tall - 1) * SIZES[size][1] * _PT)
        ratio = sum(measured[density]) / max(sum(guesses[density]), 1) * 0.9  # hopeful
        fitting = [
            d
            for d, (_, _, count) in enumerate(_DENSITIES)
            if _columns(measured.get(d) or [h * ratio for h in guesses[d]], count)[1] <= room
        ]
        if (density := min(fitting, default=len(_DENSITIES) - 1)) in measured:
            break
    heights, count, ranks = measured[density], _DENSITIES[density][2], []
    for row in rows:  # each row's place in its kind
        ranks.append(0 if row[3] else ranks[-1] + 1)
    most_ranked = limit = max(ranks, default=0) + 1
    while limit and (
        _columns([h for h, k in zip(heights, ranks, strict=True) if k < limit], count)[1]
        > room - 2 * em * (limit < most_ranked)  # room, too, for "There are 12 more online"
    ):
        limit = int(limit * 0.9)  # too many even without descriptions: the first of each kind
    kept = [row for row, k in zip(rows, ranks, strict=True) if k < limit]
    columns, tallest = _columns(
        [h for h, k in zip(heights, ranks, strict=True) if k < limit], count
    )
    map_height = least + max(0.0, min(room - tallest, most - least))
    final = _layout(data, size, density, map_height, kept, columns)
    if len(final.pages) > 1:  # not expected: then the map at its smallest
        final = _layout(data, size, density, least, kept, columns)
    return final.copy([final.pages[0]]).write_pdf()

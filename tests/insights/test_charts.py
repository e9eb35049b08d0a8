"""The insights charts as a reader, and a screen reader, meets them: parsed SVG, no app."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
import shapely
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from portal.charts import (
    Bar,
    MapArea,
    Series,
    area_map,
    bar_chart,
    line_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
BANDS = ["No gap", "Small gap (under 1)", "Medium gap (1 to 3)", "Large gap (3 or more)"]
WEEKS = [date(2026, 9, 7) + timedelta(weeks=i) for i in range(12)]

BARS = [
    Bar("Social isolation or loneliness", 128, "128"),
    Bar("Bereavement", 47, "47"),
    Bar("Housing", None, "fewer than 5"),
    Bar("Carers", 0, "0"),
    Bar("Physical activity", 6, "6"),
]
SERIES = [
    Series("Loneliness and company", [(w, 10 + i) for i, w in enumerate(WEEKS)]),
    Series("Bereavement", [(w, None if i == 5 else 20 - i) for i, w in enumerate(WEEKS)]),
    Series("Money and debt", [(w, 7) for w in WEEKS]),
]
AREAS = [
    MapArea("RG12", "RG12 Bracknell", 51.4093, -0.7503, 3, "RG12 · 4.5"),
    MapArea("RG42", "RG42 Binfield", 51.4301, -0.7856, 2, "RG42 · 2.1"),
    MapArea("RG40", "RG40 Wokingham", 51.4105, -0.8340, 1, "RG40 · 0.6"),
    MapArea("SL5", "SL5 Ascot", 51.4104, -0.6747, 0, "SL5 · 0"),
    MapArea("GU47", "GU47 Sandhurst", 51.3486, -0.7994, 2, "GU47 · 1.8"),
]


def bars(chart_id="searches-by-need", items=BARS):
    return bar_chart(
        chart_id, "Searches by need", "Searches by need, 12 weeks.", items, unit="Searches"
    )


def lines(chart_id="wishes-by-week", items=SERIES):
    return line_chart(chart_id, "Wishes a week", "Wishes each week by need.", items, unit="Wishes")


def area(chart_id="coverage", items=AREAS, reach_km=4.0):
    return area_map(
        chart_id,
        "Gaps by area",
        "Searches against listings.",
        items,
        reach_km=reach_km,
        bands=BANDS,
    )


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def texts(root: ET.Element) -> list[str]:
    return [text_of(t) for t in root.iter(f"{SVG}text")]


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def polygon(d: str) -> shapely.Polygon:
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", d)]
    return shapely.Polygon(list(zip(numbers[::2], numbers[1::2], strict=True)))


ALL = [bars, lines, area]


@pytest.mark.parametrize("draw", ALL)
def test_each_chart_is_an_image_named_by_its_title_and_description(draw):
    svg = draw()
    assert isinstance(svg, Markup)
    root = parse(svg)

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root[0], root[1]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text and desc.text
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))
    assert root.get("width") is None and root.get("height") is None
    assert "app-chart" in root.get("class").split()


@pytest.mark.parametrize("draw", ALL)
def test_no_script_no_style_and_the_same_bytes_each_time(draw):
    root = parse(draw())
    for element in root.iter():
        assert element.tag.removeprefix(SVG) not in {"script", "style", "foreignObject"}
        assert "style" not in element.attrib
        assert not any(name.startswith("on") for name in element.attrib)
    assert str(draw()) == str(draw())


@pytest.mark.parametrize("draw", ALL)
def test_text_is_large_and_dark_enough(draw):
    root = parse(draw())
    width = float(root.get("viewBox").split()[2])
    inherited = {}
    for parent in root.iter():
        for child in parent:
            inherited[child] = parent
    for text in root.iter(f"{SVG}text"):
        assert float(text.get("font-size")) * 640 / width >= 12, text_of(text)
        fill = text.get("fill")
        if fill == "#ffffff":  # white only on a bar (blue: 5.2:1)
            bar = inherited[text]
            assert bar.find(f"{SVG}rect").get("fill") == "#1d70b8"
        else:
            assert fill in {"#0b0c0c", "#505a5f"}, text_of(text)


def test_labels_from_people_are_escaped():
    words = '<script>alert("x")</script> & more'
    shown = [
        bars(items=[Bar(words, 3, "3")]),
        lines(items=[Series(words, [(WEEKS[0], 1), (WEEKS[1], 2)])]),
        area(items=[MapArea("X1", words, 51.4, -0.7, 1, words)]),
    ]
    for svg in shown:
        assert "<script>" not in str(svg)
        assert "&lt;script&gt;" in str(svg)
        root = parse(svg)
        assert root.find(f".//{SVG}script") is None
        assert words in texts(root)


def test_bar_chart_shows_each_label_and_text_in_order_and_no_bar_for_a_suppressed_one():
    root = parse(bars())

    groups = by_class(root, "app-chart__bar")
    assert len(groups) == len(BARS)
    widths = {}
    for group, bar in zip(groups, BARS, strict=True):
        assert texts(group) == [bar.label, bar.text]
        rects = group.findall(f"{SVG}rect")
        if bar.value:
            assert len(rects) == 1
            widths[bar.label] = float(rects[0].get("width"))
        else:
            assert rects == []  # suppressed or zero: its text at the axis, no bar
    assert widths["Social isolation or loneliness"] > widths["Bereavement"]
    assert widths["Bereavement"] > widths["Physical activity"] > 0
    assert widths["Bereavement"] / widths["Physical activity"] == pytest.approx(47 / 6, rel=0.02)
    assert "Searches" in texts(root)


def test_a_long_bar_label_wraps_into_lines():
    label = "Money, debt and benefits advice for families with young children and their carers"
    root = parse(bars(items=[Bar(label, 9, "9"), Bar("Supercalifragilistic" * 5, 2, "2")]))

    first, second = by_class(root, "app-chart__bar")
    for group, expected in ((first, label), (second, "Supercalifragilistic" * 5)):
        lines = [t.text for t in group.find(f"{SVG}text").iter(f"{SVG}tspan")]
        assert len(lines) >= 2
        assert (" " if " " in expected else "").join(lines) == expected


LIBERATION = Path("/usr/share/fonts/truetype/liberation")  # Arial's metrics


@pytest.mark.skipif(not LIBERATION.is_dir(), reason="needs Liberation Sans to measure text")
def test_text_fits_where_it_is_put_in_arial():
    from PIL import ImageFont

    def measure(element: ET.Element, text: str) -> float:
        bold = element.get("font-weight") == "bold"
        font = f"LiberationSans-{'Bold' if bold else 'Regular'}.ttf"
        return ImageFont.truetype(str(LIBERATION / font), int(element.get("font-size"))).getlength(
            text
        )

    awkward = [
        "SOCIAL ISOLATION OR LONELINESS AND WELLBEING MEN'S GROUPS WOMEN'S WORK",
        "Mmmm wwww MMMM WWWW mmmm wwww MMMM WWWW mmmm wwww MMMM WWWW",
        "Money, debt and benefits advice for families with young children and their carers",
    ]
    charts = [
        bars(
            items=[
                Bar(text, 10 ** (i + 1), f"{10 ** (i + 1):,} (100%)")
                for i, text in enumerate(awkward)
            ]
        ),
        lines(items=[Series(text, [(WEEKS[0], 1), (WEEKS[1], 2)]) for text in awkward]),
        area_map(
            "wide",
            "Map",
            "Map.",
            [
                MapArea("W1", "W1", 51.4, -0.7, 1, "WWWW · 100.5"),
                MapArea("M", "M", 51.5, -0.7, 3, "MMM · 3"),
            ],
            reach_km=5,
            bands=[*awkward, "Plain"],
        ),
    ]
    for svg in charts:
        root = parse(svg)
        width = float(root.get("viewBox").split()[2])
        parents = {child: parent for parent in root.iter() for child in parent}
        for text in root.iter(f"{SVG}text"):
            shift, up = 0.0, parents[text]
            while up is not root:  # leather nests groups moved by translate(x y)
                moved = re.fullmatch(r"translate\((\S+) (\S+)\)", up.get("transform") or "")
                shift += float(moved[1]) if moved else 0
                up = parents[up]
            for line in text.iter(f"{SVG}tspan") if len(text) else [text]:
                x, size = shift + float(line.get("x")), measure(text, line.text)
                anchor = text.get("text-anchor")
                left = x - size if anchor == "end" else x - size / 2 if anchor == "middle" else x
                assert left >= 0 and left + size <= width, line.text
                pill = parents[text].find(f"{SVG}rect[@rx]")
                if pill is not None and "app-chart__labels" in parents[text].get("class"):
                    assert size <= float(pill.get("width")), line.text


def test_a_bar_chart_with_nothing_to_show_says_so():
    assert "No figures to show" in texts(parse(bars(items=[])))
    root = parse(bars(items=[Bar("Housing", None, "fewer than 5")]))
    assert "fewer than 5" in texts(root)
    assert root.find(f".//{SVG}rect") is None


def test_line_chart_key_shows_each_series_with_its_own_colour_dash_and_marker():
    root = parse(lines())
    (key,) = by_class(root, "app-chart__key")
    items = by_class(key, "app-chart__key-item")
    assert [texts(item) for item in items] == [[s.name] for s in SERIES]
    looks = set()
    for item in items:
        line = item.find(f"{SVG}line")
        marker = item.find(f"{SVG}polygon")
        marker = marker if marker is not None else item.find(f"{SVG}circle")
        shape = marker.tag if marker.tag.endswith("circle") else len(marker.get("points").split())
        looks.add((line.get("stroke"), line.get("stroke-dasharray")))
        looks.add(shape)
    assert len(looks) == 2 * len(SERIES)  # three colour-and-dash pairs, three marker shapes
    # Only our key names the series: leather's colour-only legend is gone.
    for series in SERIES:
        assert texts(root).count(series.name) == 1


def test_line_chart_breaks_a_line_at_a_suppressed_week_and_marks_every_shown_week():
    root = parse(lines())
    colour_of = {}
    for item in by_class(root, "app-chart__key-item"):
        colour_of[texts(item)[0]] = item.find(f"{SVG}line").get("stroke")

    def paths(name):
        return [
            p
            for group in by_class(root, "lines")
            for p in group.findall(f"{SVG}path")
            if p.get("stroke") == colour_of[name]
        ]

    assert len(paths("Loneliness and company")) == 1
    assert len(paths("Bereavement")) == 2
    markers = [
        m
        for group in by_class(root, "markers")
        for m in group
        if m.get("fill") == colour_of["Bereavement"]
    ]
    assert len(markers) == len(WEEKS) - 1


def test_line_chart_names_months_and_keeps_a_series_with_nothing_to_show():
    quiet = Series("Housing", [(w, None) for w in WEEKS])
    root = parse(lines(items=[*SERIES, quiet]))
    shown = texts(root)
    assert {"Oct", "Nov"} <= set(shown)
    assert "Housing (numbers too small to show)" in shown
    assert "No figures to show" in texts(parse(lines(items=[quiet])))
    assert "No figures to show" in texts(parse(lines(items=[])))


def test_line_chart_of_one_week_and_of_a_few_weeks():
    root = parse(lines(items=[Series("One", [(WEEKS[0], 3)])]))
    assert "7 Sep" in texts(root)
    root = parse(lines(items=[Series("Few", [(w, 1) for w in WEEKS[:3]])]))
    assert {"7 Sep", "14 Sep", "21 Sep"} <= set(texts(root))


def test_ids_stay_unique_with_several_charts_on_a_page():
    page = "".join(
        str(svg)
        for svg in (
            bars("one"),
            bars("two"),
            lines("three"),
            lines("four"),
            area("five"),
            area("six"),
        )
    )
    root = ET.fromstring(f"<div>{page}</div>")
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    for svg in root:  # every reference points inside its own chart
        own = {e.get("id") for e in svg.iter() if e.get("id")}
        references = re.findall(r"url\(#([^)]+)\)", ET.tostring(svg, encoding="unicode"))
        references += svg.get("aria-labelledby").split()
        assert references and set(references) <= own


def test_map_has_one_shape_per_area_shaded_by_band_and_a_patterned_key():
    root = parse(area())
    patterns = {p.get("id"): p for p in root.iter(f"{SVG}pattern")}

    (shapes,) = by_class(root, "app-chart__areas")
    paths = shapes.findall(f"{SVG}path")
    assert len(paths) == len(AREAS)
    for path, one in zip(paths, AREAS, strict=True):
        assert path.get("fill") == f"url(#coverage-band-{one.band})"
    assert [a.label for a in AREAS] == [t for t in texts(root) if t in {a.label for a in AREAS}]

    (key,) = by_class(root, "app-chart__key")
    items = by_class(key, "app-chart__key-item")
    assert [texts(item) for item in items] == [[band] for band in BANDS]
    hatchings = []
    for band, item in enumerate(items):
        fill = item.find(f"{SVG}rect").get("fill")
        assert fill == f"url(#coverage-band-{band})"
        pattern = patterns[fill[5:-1]]
        hatch = pattern.find(f"{SVG}path")
        hatchings.append(None if hatch is None else (pattern.get("width"), hatch.get("d")))
        assert pattern.find(f"{SVG}rect").get("fill")  # a colour as well
    assert hatchings[0] is None  # "no gap": plain
    assert None not in hatchings[1:] and len(set(hatchings)) == len(BANDS)

    assert "approximate" in root.find(f"{SVG}desc").text
    told = "Shaded by gap. Boundaries are approximate, drawn around each area's centre."
    said = area_map("m", "Gaps", told, AREAS, reach_km=4, bands=BANDS)
    assert parse(said).find(f"{SVG}desc").text == told  # not said twice


def test_map_shapes_are_cells_around_each_centre_within_reach():
    root = parse(area())
    width, height = (float(n) for n in root.get("viewBox").split()[2:])
    shapes = [polygon(p.get("d")) for p in by_class(root, "app-chart__areas")[0]]
    for i, one in enumerate(shapes):
        assert one.is_valid and one.area > 100
        minx, miny, maxx, maxy = one.bounds
        assert minx >= 0 and maxx <= width and miny >= 0 and maxy <= height
        for other in shapes[i + 1 :]:  # neighbours share an edge at most (to 0.1 units)
            assert one.buffer(-0.2).intersection(other.buffer(-0.2)).is_empty


def test_map_measures_kilometres_east_and_north_at_the_areas_latitude():
    reach = 5.0
    # 0.5 degrees of longitude at 51.4 N is 34.7 km; 0.3 degrees of latitude is 33.4 km.
    east = [MapArea("A", "A", 51.4, -1.0, 1, "A"), MapArea("B", "B", 51.4, -0.5, 1, "B")]
    north = [MapArea("A", "A", 51.25, -1.0, 1, "A"), MapArea("B", "B", 51.55, -1.0, 1, "B")]
    for areas, km, axis in ((east, 34.7, 0), (north, 33.4, 1)):
        root = parse(area(items=areas, reach_km=reach))
        a, b = (polygon(p.get("d")) for p in by_class(root, "app-chart__areas")[0])
        gap = abs(a.centroid.coords[0][axis] - b.centroid.coords[0][axis])
        across = a.bounds[2 + axis] - a.bounds[axis]
        assert across / gap == pytest.approx(2 * reach / km, rel=0.03)


def test_map_labels_stay_inside_the_map_when_areas_are_small_and_close():
    far_apart = [
        MapArea(f"A{i}", f"A{i}", 51.4, -1.0 + i * 0.002, 1, f"A{i} · 1.0") for i in range(4)
    ]
    far_apart.append(MapArea("B", "B", 51.6, -1.0, 2, "B · 2.0"))
    root = parse(area(items=far_apart, reach_km=0.3))
    (scale_bar,) = by_class(root, "app-chart__scale")  # under the map, above the key
    limit = float(re.match(r"M[\d.]+ ([\d.]+)", scale_bar.find(f"{SVG}path").get("d"))[1])
    pills = by_class(root, "app-chart__labels")[0].findall(f"{SVG}rect")
    assert len(pills) == len(far_apart)
    for pill in pills:
        top = float(pill.get("y"))
        assert top >= 0 and top + float(pill.get("height")) < limit
    boxes = [
        shapely.box(x, y, x + float(p.get("width")), y + float(p.get("height")))
        for p in pills
        for x, y in [(float(p.get("x")), float(p.get("y")))]
    ]
    for i, one in enumerate(boxes):
        assert all(one.intersection(other).area == 0 for other in boxes[i + 1 :])


def test_map_of_one_area_or_two_at_one_place_or_none():
    root = parse(area(items=AREAS[:1]))
    (path,) = by_class(root, "app-chart__areas")[0]
    one = polygon(path.get("d"))
    minx, miny, maxx, maxy = one.bounds
    assert maxx - minx == pytest.approx(maxy - miny, rel=0.01)  # a circle

    twins = [AREAS[0], MapArea("RG99", "RG99", AREAS[0].latitude, AREAS[0].longitude, 1, "RG99")]
    shapes = by_class(parse(area(items=twins)), "app-chart__areas")[0]
    assert len(shapes) == 2 and all(polygon(p.get("d")).area > 10 for p in shapes)

    assert "No areas to show" in texts(parse(area(items=[])))


@pytest.mark.parametrize(
    "call",
    [
        lambda: bars(chart_id="two words"),
        lambda: bars(chart_id='x" onload="y'),
        lambda: bars(items=[Bar("Minus", -1, "-1")]),
        lambda: area(items=[MapArea("X", "X", 51.4, -0.7, 4, "X")]),
        lambda: area(reach_km=0),
    ],
)
def test_bad_input_is_refused(call):
    with pytest.raises(ValueError):
        call()


def test_figure_macro_shows_the_svg_with_an_escaped_caption():
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    macro = env.get_template("insights/_charts.html").module.figure
    html = str(macro(bars(), "Searches <by> need"))
    assert html.startswith('<figure class="app-chart-figure">')
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert '<figcaption class="govuk-body-s">Searches &lt;by&gt; need</figcaption>' in html

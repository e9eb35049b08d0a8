"""The printable poster: one page of the right size, everything on it, and user text escaped.

Pure: no Flask app and no database, only the poster module, WeasyPrint and pypdf.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from portal.community_maps.poster import (
    KINDS,
    SIZES,
    PosterAsset,
    PosterData,
    map_svg,
    render_poster,
)

URL = "https://community.example.org/maps/crowthorne-toddlers"
TOWNS = [
    ("Crowthorne", 51.3705, -0.7931),
    ("Sandhurst", 51.3476, -0.8003),
    ("Owlsmoor", 51.3566, -0.7721),
    ("Bracknell", 51.4138, -0.7505),
]
PAGE_POINTS = {"A3": (842, 1191), "A2": (1191, 1684)}


def assets(count: int, unplaced: int = 0) -> list[PosterAsset]:
    """`count` assets of every kind in turn near Crowthorne; the last `unplaced` have no place."""
    kinds = list(KINDS)
    return [
        PosterAsset(
            name=f"Asset {i:03d} {kinds[i % 6].title()}",
            kind=kinds[i % 6],
            good="Open to everyone on weekday mornings, with tea, a warm welcome and " * (i % 3),
            latitude=None if i >= count - unplaced else 51.35 + (i * 7 % 50) / 1000,
            longitude=None if i >= count - unplaced else -0.81 + (i * 13 % 60) / 1000,
        )
        for i in range(count)
    ]


def poster(items: list[PosterAsset], **changes) -> PosterData:
    fields = {
        "title": "Crowthorne's toddler map",
        "community": "Parents with toddlers in Crowthorne",
        "events": [("Toddler Tuesday", date(2027, 3, 14))],
        "assets": items,
        "place_labels": TOWNS,
        "url": URL,
        "site_name": "Bracknell Forest Community Directory",
    }
    return PosterData(**(fields | changes))


def read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


def text_of(reader: PdfReader) -> str:
    """The pages' text with runs of white space made single spaces (lines wrap anywhere)."""
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture(scope="module")
def six_asset_posters() -> dict[str, PdfReader]:
    return {size: read(render_poster(poster(assets(6, unplaced=1)), size)) for size in SIZES}


@pytest.mark.parametrize("size", ["A3", "A2"])
def test_one_portrait_page_of_the_paper_size(six_asset_posters, size):
    reader = six_asset_posters[size]
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    width, height = PAGE_POINTS[size]
    assert abs(float(box.width) - width) <= 2
    assert abs(float(box.height) - height) <= 2


@pytest.mark.parametrize("size", ["A3", "A2"])
def test_the_page_shows_what_the_map_is_and_everything_on_it(six_asset_posters, size):
    text = text_of(six_asset_posters[size])
    assert "Crowthorne's toddler map" in text
    assert "Parents with toddlers in Crowthorne" in text
    assert "Toddler Tuesday" in text
    assert "14 March 2027" in text
    for asset in assets(6):
        assert asset.name in text
    assert URL in re.sub(r"\s", "", text)  # the address may wrap under the QR code
    assert "Bracknell Forest Community Directory" in text
    assert "GeoNames" in text


@pytest.mark.parametrize("size", ["A3", "A2"])
def test_many_assets_still_fit_one_page(size):
    reader = read(render_poster(poster(assets(120, unplaced=4)), size))
    assert len(reader.pages) == 1
    text = text_of(reader)
    assert "Asset 000 People" in text  # the list is there, however dense


def test_forty_assets_are_all_listed_on_one_page():
    reader = read(render_poster(poster(assets(40, unplaced=3)), "A3"))
    assert len(reader.pages) == 1
    text = text_of(reader)
    assert all(asset.name in text for asset in assets(40))


def test_assets_without_a_place_are_listed_but_not_drawn():
    items = assets(9, unplaced=2)
    svg = map_svg(poster(items), 760, 420)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count('<g class="marker">') == 7
    for asset in items[:7]:
        assert f"<title>{asset.name}</title>" in svg
    for asset in items[7:]:
        assert asset.name not in svg
    assert "CROWTHORNE" in svg and "SANDHURST" in svg  # the towns for bearings
    text = text_of(read(render_poster(poster(items), "A3")))
    assert all(asset.name in text for asset in items)
    assert text.count("(not on the map)") == 2


def test_markers_are_numbered_in_the_order_of_the_list():
    items = [
        PosterAsset("Later kind", "culture", latitude=51.37, longitude=-0.79),
        PosterAsset("No place", "people"),
        PosterAsset("First kind", "people", latitude=51.36, longitude=-0.78),
    ]
    svg = map_svg(poster(items), 760, 420)
    numbers = re.findall(r"<title>([^<]+)</title>.*?>(\d+)</text>", svg)
    # Numbered as on the web page: every asset, placed or not ("No place" is 2, not drawn).
    assert numbers == [("First kind", "1"), ("Later kind", "3")]


def test_a_map_with_nothing_placed_still_draws():
    svg = map_svg(poster([PosterAsset("Nowhere", "groups")], place_labels=[]), 600, 300)
    assert '<g class="marker">' not in svg
    assert "Nothing is on the map yet" in svg


def test_user_text_is_escaped_in_the_map_and_the_page():
    items = [
        PosterAsset("<script>alert(1)</script>", "groups", "<b>bold</b> & more", 51.37, -0.79),
        PosterAsset("Café <i>", "places", listing_url="javascript:alert(1)"),
    ]
    data = poster(
        items,
        title="<h1>Title</h1>",
        community="Mums & <em>dads</em>",
        place_labels=[("<Crowthorne>", 51.3705, -0.7931)],
    )
    svg = map_svg(data, 760, 420)
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "&lt;CROWTHORNE&gt;" in svg
    reader = read(render_poster(data, "A3"))
    text = text_of(reader)
    assert "<script>alert(1)</script>" in text  # shown as text, not run or dropped
    assert "<h1>Title</h1>" in text
    assert "Mums & <em>dads</em>" in text
    assert "<b>bold</b> & more" in text
    links = [
        annotation.get_object().get("/A", {}).get("/URI")
        for annotation in reader.pages[0].get("/Annots") or []
    ]
    assert "javascript:alert(1)" not in links


def test_long_descriptions_are_cut_at_a_word():
    long = "A warm welcome for every family in the village, " * 20
    item = PosterAsset("Long story", "culture", long, 51.37, -0.79)
    text = text_of(read(render_poster(poster([item]), "A3")))
    assert "Long story" in text
    assert "…" in text
    assert text.count("A warm welcome") < 20


def test_an_unknown_size_is_refused():
    with pytest.raises(ValueError, match="A4"):
        render_poster(poster(assets(3)), "A4")


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="pets"):
        PosterAsset("Rex", "pets")

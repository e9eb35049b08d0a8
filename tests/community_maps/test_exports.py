"""What a published map gives away: GeoJSON for other maps, a spreadsheet, and a poster (only
that the poster is served: its contents have tests of their own)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from portal.community_maps import services
from portal.community_maps.models import AssetKind, AssetState
from tests import factories
from tests.community_maps.helpers import asset, published_map, submit, suggestion
from tests.support import text_of

UK = {"latitude": (49.8, 60.9), "longitude": (-8.7, 1.8)}
HEADER = [
    "name",
    "kind",
    "good",
    "not_working",
    "place",
    "latitude",
    "longitude",
    "listing",
    "number",
]


@pytest.fixture
def listing(app):
    return factories.service("Crowthorne Library Rhyme Time")


@pytest.fixture
def public(connie, event, listing):
    """A published map of the event: three approved assets (one with no fixed place), one
    visitor's suggestion added, one waiting and one turned down; and another event's asset,
    not on this map."""

    def record(**form):
        return services.record_asset(connie, services.AssetForm(**form), event=event).asset

    record(
        name="Rhyme time",
        kind="groups",
        good="Songs on Tuesdays",
        where="pin",
        latitude="51.3712",
        longitude="-0.7901",
        listing=str(listing.id),
    )
    record(name="Sam at the bakery", kind="people", good="Warms bottles", where="none")
    record(name="Morgan Recreation Ground", kind="places", where="place", place_name="Crowthorne")
    found = published_map(connie, [event])
    suggestion(found, "The duck pond", AssetState.APPROVED)
    suggestion(found, "Somebody's private garden", AssetState.SUGGESTED)
    suggestion(found, "A car park", AssetState.REJECTED)
    elsewhere = services.save_event(
        connie,
        services.EventForm(
            title="Brew-up", held_on="2026-02-01", venue="Bracknell", community="Older men"
        ),
    )
    asset(elsewhere, "Men's shed workshop", AssetKind.GROUPS, latitude=51.414, longitude=-0.751)
    return found


APPROVED = {"Rhyme time", "Sam at the bakery", "Morgan Recreation Ground", "The duck pond"}


def geojson(visitor, found):
    answer = visitor.get(f"/community-maps/{found.id}/export.geojson")
    assert answer.status_code == 200
    return answer, json.loads(answer.get_data(as_text=True))


def csv_rows(visitor, found) -> tuple:
    answer = visitor.get(f"/community-maps/{found.id}/export.csv")
    assert answer.status_code == 200
    return answer, list(csv.reader(io.StringIO(answer.get_data(as_text=True))))


# --- GeoJSON -------------------------------------------------------------------------------------


def test_the_geojson_export_is_a_feature_collection(visitor, public, listing):
    answer, data = geojson(visitor, public)

    assert answer.mimetype == "application/geo+json"
    disposition = answer.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="community-map-{public.id}.geojson"' in disposition
    assert data["type"] == "FeatureCollection"
    assert isinstance(data["features"], list) and len(data["features"]) == 4
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        geometry = feature["geometry"]
        if geometry is not None:
            assert geometry["type"] == "Point"
            longitude, latitude = geometry["coordinates"]
            assert isinstance(longitude, float) and isinstance(latitude, float)
            assert UK["longitude"][0] <= longitude <= UK["longitude"][1]  # longitude first
            assert UK["latitude"][0] <= latitude <= UK["latitude"][1]
        assert {"name", "kind", "good", "listing"} <= set(feature["properties"])
        assert feature["properties"]["kind"] in {k.value for k in AssetKind}


def test_the_geojson_has_each_assets_place_words_and_listing(visitor, public, listing):
    _, data = geojson(visitor, public)

    by_name = {f["properties"]["name"]: f for f in data["features"]}
    rhymes = by_name["Rhyme time"]
    assert rhymes["geometry"]["coordinates"] == pytest.approx([-0.7901, 51.3712])
    assert rhymes["properties"]["kind"] == "groups"
    assert rhymes["properties"]["good"] == "Songs on Tuesdays"
    assert rhymes["properties"]["listing"] == f"http://portal.test/services/{listing.id}"
    sam = by_name["Sam at the bakery"]
    assert sam["geometry"] is None  # no fixed place
    assert sam["properties"]["listing"] is None


def test_the_geojson_has_only_the_maps_approved_assets(visitor, public):
    _, data = geojson(visitor, public)

    assert {f["properties"]["name"] for f in data["features"]} == APPROVED


# --- the spreadsheet -----------------------------------------------------------------------------


def test_the_csv_export_has_a_row_per_approved_asset(visitor, public, listing):
    answer, rows = csv_rows(visitor, public)

    assert answer.mimetype == "text/csv"
    disposition = answer.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and ".csv" in disposition
    assert rows[0] == HEADER
    by_name = {row[0]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    assert set(by_name) == APPROVED and len(rows) == 1 + len(APPROVED)
    rhymes = by_name["Rhyme time"]
    assert rhymes["kind"] == "Groups and associations"
    assert (float(rhymes["latitude"]), float(rhymes["longitude"])) == pytest.approx(
        (51.3712, -0.7901)
    )
    assert rhymes["listing"] == f"http://portal.test/services/{listing.id}"
    sam = by_name["Sam at the bakery"]
    assert (sam["latitude"], sam["longitude"], sam["listing"]) == ("", "", "")
    assert by_name["Morgan Recreation Ground"]["place"] == "Crowthorne"


def test_the_csv_export_makes_no_spreadsheet_formulas(connie, event, visitor):
    typed = services.AssetForm(
        name='=HYPERLINK("http://evil.example","Click")',
        kind="economy",
        good="+44 1344 000000 for bookings",
        not_working="-2 degrees in the hall in winter",
        where="place",
        place_name="@ the old forge",
    )
    services.record_asset(connie, typed, event=event)
    services.record_asset(
        connie,
        services.AssetForm(name="Plain café", kind="economy", good="Good - and cheap"),
        event=event,
    )
    found = published_map(connie, [event])

    _, rows = csv_rows(visitor, found)

    by_name = {row[0]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    risky = by_name['\'=HYPERLINK("http://evil.example","Click")']
    assert risky["good"] == "'+44 1344 000000 for bookings"
    assert risky["not_working"] == "'-2 degrees in the hall in winter"
    assert risky["place"] == "'@ the old forge"
    assert by_name["Plain café"]["good"] == "Good - and cheap"  # only a leading sign counts
    for row in by_name.values():
        typed_cells = [row[column] for column in ("name", "good", "not_working", "place")]
        assert all(cell[:1] not in ("=", "+", "-", "@") for cell in typed_cells), row


def test_exports_of_a_map_made_private_again_are_gone(connie, visitor, public):
    services.set_published(public, False, connie)

    for end in ("export.geojson", "export.csv"):
        assert visitor.get(f"/community-maps/{public.id}/{end}").status_code == 404


# --- the poster ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ["A3", "A2", "a3"])
def test_the_printable_map_is_a_pdf_in_a3_or_a2(visitor, public, size):
    answer = visitor.get(f"/community-maps/{public.id}/poster.pdf?size={size}")

    assert answer.status_code == 200
    assert answer.mimetype == "application/pdf"
    assert answer.data.startswith(b"%PDF")


def test_other_print_sizes_are_refused_with_a_page_that_says_why(visitor, public):
    answer = visitor.get(f"/community-maps/{public.id}/poster.pdf?size=A9")

    assert answer.status_code == 400
    assert answer.mimetype == "text/html"
    words = text_of(answer.get_data(as_text=True))
    assert "Choose a poster size" in words and "Posters come in A3 or A2" in words


def poster_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_poster_is_printed_once_until_the_map_changes(
    app, connie, event, visitor, public, monkeypatch
):
    from portal.community_maps import posters

    printed = []
    real = posters.render_poster
    monkeypatch.setattr(posters, "render_poster", lambda *a: printed.append(a) or real(*a))
    url = f"/community-maps/{public.id}/poster.pdf?size=A3"

    first, again = visitor.get(url).data, visitor.get(url).data
    asset(event, "Bowls club", AssetKind.GROUPS, latitude=51.37, longitude=-0.79)
    changed = visitor.get(url).data

    assert first == again and len(printed) == 2  # the second visitor got the same print
    assert "Bowls club" not in poster_text(first) and "Bowls club" in poster_text(changed)
    kept = list(Path(app.config["PORTAL_POSTER_DIR"]).glob(f"{public.id}-A3-*.pdf"))
    assert len(kept) == 1 and kept[0].read_bytes() == changed  # the old print is gone


def test_making_a_map_private_removes_its_printed_posters(app, connector, public, visitor):
    visitor.get(f"/community-maps/{public.id}/poster.pdf?size=A2")
    folder = Path(app.config["PORTAL_POSTER_DIR"])
    assert list(folder.glob(f"{public.id}-*.pdf"))

    url = f"/connect/maps/{public.id}"
    submit(connector, url, f"{url}/state", state="private")

    assert not list(folder.glob(f"{public.id}-*.pdf"))
    assert visitor.get(f"/community-maps/{public.id}/poster.pdf?size=A2").status_code == 404

"""Postcode files a council downloads: checked whole, then imported, or rejected untouched."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.geo import (
    ImportRejected,
    PlaceKind,
    distance_km,
    find_place,
    import_postcodes,
    load_demo_districts,
)
from portal.geo.imports import MAX_PROBLEMS
from portal.geo.models import Place

ONS_HEADER = ["pcd", "pcd2", "pcds", "dointr", "doterm", "oslaua", "lat", "long"]
# Ordnance Survey's worked example point (see test_grid.py) and where it is on WGS84.
OS_EXAMPLE_GRID = (651409, 313177)
OS_EXAMPLE_WGS84 = (52.657979, 1.716052)


def ons_row(postcode: str, lat: float, lon: float, terminated: str = "") -> list:
    seven_characters = postcode.replace(" ", "")
    return [seven_characters, postcode, postcode, "198001", terminated, "E06000036", lat, lon]


def write_csv(path: Path, rows: list[list], header: list[str] | None = None) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        if header:
            writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def ons_file(tmp_path) -> Path:
    return write_csv(
        tmp_path / "ONSPD_NOV_2026_UK_RG.csv",
        [
            ons_row("RG12 1AA", 51.412, -0.752),
            ons_row("RG12 1AB", 51.414, -0.754),
            ons_row("RG12 1AD", 51.413, -0.753, terminated="202001"),
            ons_row("RG12 1AE", 99.999999, 0.0),  # no location
            ons_row("RG45 7AB", 51.370, -0.793),
        ],
        ONS_HEADER,
    )


def _count(kind: PlaceKind) -> int:
    return db.session.scalar(select(func.count()).select_from(Place).where(Place.kind == kind))


def _row(kind: PlaceKind, key: str) -> Place | None:
    return db.session.scalar(select(Place).where(Place.kind == kind, Place.key == key))


def test_an_ons_postcode_directory_file_is_imported(app, ons_file):
    seen: list[int] = []
    result = import_postcodes(ons_file, progress=seen.append)
    assert (result.file_format, result.postcodes) == ("ons", 3)
    assert (result.terminated, result.without_location, result.districts) == (1, 1, 2)
    assert sum(seen) == 2 * 5  # every data line, read twice
    place = find_place("rg121aa")
    assert place is not None
    assert (place.name, place.kind, place.approximate) == ("RG12 1AA", PlaceKind.POSTCODE, False)
    assert (place.latitude, place.longitude) == (51.412, -0.752)


def test_terminated_and_unplaced_postcodes_are_skipped(app, ons_file):
    import_postcodes(ons_file)
    assert _count(PlaceKind.POSTCODE) == 3
    assert _row(PlaceKind.POSTCODE, "RG121AD") is None
    assert _row(PlaceKind.POSTCODE, "RG121AE") is None
    assert find_place("RG12 1AD").approximate  # the district still answers for it


def test_districts_are_placed_from_their_postcodes_and_replace_the_demo_ones(app, ons_file):
    load_demo_districts()
    import_postcodes(ons_file)
    rg12 = _row(PlaceKind.DISTRICT, "RG12")
    assert rg12.source == "postcodes"
    assert (rg12.latitude, rg12.longitude) == pytest.approx((51.413, -0.753))
    load_demo_districts()  # the demo loader runs again later: it must not undo the import
    assert _row(PlaceKind.DISTRICT, "RG12").source == "postcodes"
    assert _row(PlaceKind.DISTRICT, "SL5").source == "demo"


def test_importing_the_same_file_twice_changes_nothing(app, ons_file):
    import_postcodes(ons_file)
    before = db.session.execute(select(Place.key, Place.updated_at).order_by(Place.key)).all()
    import_postcodes(ons_file)
    after = db.session.execute(select(Place.key, Place.updated_at).order_by(Place.key)).all()
    assert before == after


def test_a_newer_file_moves_a_postcode(app, ons_file, tmp_path):
    import_postcodes(ons_file)
    newer = write_csv(tmp_path / "newer.csv", [ons_row("RG12 1AA", 51.42, -0.76)], ONS_HEADER)
    import_postcodes(newer)
    assert (find_place("RG12 1AA").latitude, _count(PlaceKind.POSTCODE)) == (51.42, 3)


def test_a_file_with_bad_rows_is_rejected_whole_with_line_numbers(app, tmp_path):
    path = write_csv(
        tmp_path / "bad.csv",
        [
            ons_row("RG12 1AA", 51.412, -0.752),
            ons_row("NOT A PC", 51.414, -0.754),
            ons_row("RG12 1AB", 51.414, -0.754),
            ons_row("RG12 1AD", "north", -0.753),
        ],
        ONS_HEADER,
    )
    with pytest.raises(ImportRejected) as rejected:
        import_postcodes(path)
    assert rejected.value.total == 2
    assert rejected.value.problems == [
        "Line 3: “NOT A PC” is not a full postcode.",
        "Line 5: the latitude “north” is not a number.",
    ]
    assert "Nothing was imported: 2 problems" in str(rejected.value)
    assert db.session.scalar(select(func.count()).select_from(Place)) == 0


def test_a_long_list_of_problems_is_cut_short(app, tmp_path):
    rows = [ons_row("RG12 1AA", 51.4, -0.75)] + [["x"] * 8 for _ in range(30)]
    with pytest.raises(ImportRejected) as rejected:
        import_postcodes(write_csv(tmp_path / "many.csv", rows, ONS_HEADER))
    assert rejected.value.total == 30 and len(rejected.value.problems) == MAX_PROBLEMS
    assert "... and 10 more." in str(rejected.value)


def test_odd_coordinates_short_rows_and_bad_dates_are_problems(app, tmp_path):
    rows = [
        ons_row("RG12 1AA", 40.7, -74.0),
        ["RG12 1AB", "RG12 1AB"],
        ons_row("RG12 1AD", 51.4, -0.75, terminated="last year"),
    ]
    with pytest.raises(ImportRejected) as rejected:
        import_postcodes(write_csv(tmp_path / "odd.csv", rows, ONS_HEADER))
    assert rejected.value.problems == [
        "Line 2: 40.7, -74.0 is not in the UK.",
        "Line 3: 2 columns; expected at least 8.",
        "Line 4: the date of termination “last year” is not a year and month (YYYYMM).",
    ]


def test_a_code_point_open_file_is_converted_from_the_national_grid(app, tmp_path):
    path = tmp_path / "nr.csv"
    path.write_text(
        '"NR14 7AA",10,651409,313177,"E92000001","E19000001","E18000006","E10000020",'
        '"E07000145","E05005790"\n'
        '"NR147AB",90,0,0,"E92000001","","","","",""\n'
    )
    result = import_postcodes(path)
    assert (result.file_format, result.postcodes, result.without_location) == ("codepoint", 1, 1)
    place = find_place("NR14 7AA")
    assert distance_km(place.latitude, place.longitude, *OS_EXAMPLE_WGS84) * 1000 < 5


def test_a_code_point_file_with_its_header_row_is_understood(app, tmp_path):
    header = ["Postcode", "Positional_quality_indicator", "Eastings", "Northings"]
    path = write_csv(tmp_path / "cp.csv", [["NR14 7AA", 10, *OS_EXAMPLE_GRID]], header)
    assert import_postcodes(path).postcodes == 1


def test_a_code_point_row_off_the_grid_is_a_problem(app, tmp_path):
    rows = [["NR14 7AA", 10, *OS_EXAMPLE_GRID], ["NR14 7AB", 10, 9e6, 1]]
    path = write_csv(tmp_path / "cp.csv", rows)
    with pytest.raises(ImportRejected, match="Line 2: 9000000, 1 is not on the National Grid"):
        import_postcodes(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "The file is empty."),
        ("name,town\nMorgan Centre,Crowthorne\n", "neither an ONS Postcode Directory CSV"),
        ("pcds,dointr\nRG12 1AA,198001\n", "no column named lat or long"),
        ("pcds,lat,long\n", "no postcode rows"),
    ],
)
def test_files_we_cannot_use_get_a_clear_message(app, tmp_path, content, message):
    path = tmp_path / "file.csv"
    path.write_text(content)
    with pytest.raises(ImportRejected, match=message):
        import_postcodes(path)


def test_the_format_can_be_named(app, ons_file):
    with pytest.raises(ImportRejected) as rejected:
        import_postcodes(ons_file, file_format="codepoint")
    assert rejected.value.problems[:2] == [
        "Line 1: “pcd” is not a full postcode.",
        "Line 2: the easting “RG12 1AA” is not a number.",
    ]
    assert import_postcodes(ons_file, file_format="ons").postcodes == 3


# The command


def test_the_command_imports_with_a_progress_bar_and_prints_counts(runner, app, ons_file):
    result = runner.invoke(args=["geo", "import-postcodes", str(ons_file)])
    assert result.exit_code == 0, result.output
    assert "Checking and importing" in result.output
    assert "Imported 3 postcodes (ONS Postcode Directory)" in result.output
    assert "skipped 1 terminated and 1 without a location" in result.output


def test_the_command_lists_the_problems_and_fails(runner, app, tmp_path):
    path = write_csv(
        tmp_path / "bad.csv",
        [ons_row("RG12 1AA", 51.4, -0.75), ons_row("RG12", 51.4, -0.75)],
        ONS_HEADER,
    )
    result = runner.invoke(args=["geo", "import-postcodes", str(path)])
    assert result.exit_code == 1
    assert "Nothing was imported: 1 problem in the file." in result.output
    assert "Line 3: “RG12” is not a full postcode." in result.output


def test_load_places_loads_idempotently(runner, app):
    first = runner.invoke(args=["geo", "load-places"])
    assert first.exit_code == 0, first.output
    assert "place names (GeoNames, CC BY 4.0) and 8 demo postcode districts" in first.output
    count = db.session.scalar(select(func.count()).select_from(Place))
    assert runner.invoke(args=["geo", "load-places"]).exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(Place)) == count

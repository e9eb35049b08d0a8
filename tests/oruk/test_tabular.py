"""The ORUK CSV package: tables linked by ids, read into full services and written back."""

from __future__ import annotations

import copy
import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from portal.oruk.normalise import normalise
from portal.oruk.tabular import (
    COLUMNS,
    NUMBERS,
    REQUIRED,
    TABLES,
    PackageUnreadable,
    read_package,
    write_package,
)
from tests.oruk.feeds import a_service

SHARED = Path(__file__).resolve().parents[2] / "standards" / "oruk"
EXAMPLE = SHARED / "examples" / "csv"
SCHEMAS = {
    "services": "service",
    "organizations": "organization",
    "organization_identifiers": "organization_identifier",
    "schedules": "schedule",
    "service_areas": "service_area",
    "service_at_locations": "service_at_location",
    "locations": "location",
    "addresses": "address",
    "accessibility": "accessibility",
    "languages": "language",
    "funding": "funding",
    "cost_options": "cost_option",
    "contacts": "contact",
    "phones": "phone",
    "attributes": "attribute",
    "taxonomy_terms": "taxonomy_term",
    "taxonomies": "taxonomy",
}


def round_trip(services: list[dict]) -> list[dict]:
    out = io.BytesIO()
    write_package(services, out)
    out.seek(0)
    return read_package(out)


def package_files(services: list[dict]) -> dict[str, list[dict]]:
    out = io.BytesIO()
    write_package(services, out)
    with zipfile.ZipFile(out) as archive:
        return {
            name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
            for name in archive.namelist()
        }


# --- the example package -------------------------------------------------------------------


def test_the_example_package_reads_into_a_full_service():
    [service] = read_package(EXAMPLE)
    assert service["name"] == "Community Counselling"
    assert service["organization"]["name"] == "Example Organization Inc."
    assert service["organization"]["organization_identifiers"][0]["identifier"] == "1234567"
    [schedule] = service["schedules"]
    assert (schedule["freq"], schedule["byday"], schedule["interval"]) == ("WEEKLY", "TH,FR", 1)
    assert schedule["until"] == "2005-01-01"  # only in schedules.csv: both spellings are read
    [link] = service["service_at_locations"]
    location = link["location"]
    assert (location["name"], location["latitude"], location["longitude"]) == (
        "MyCity Civic Center",
        100,
        101,
    )
    [address] = location["addresses"]
    assert (address["address_1"], address["address_2"]) == ("1-30 Main Street", "MyVillage")
    assert location["accessibility"][0]["details"].startswith("Switch hearing aid")
    [cost] = service["cost_options"]
    assert (cost["option"], cost["amount"]) == ("Under 18s and Over 60s", 35)
    [contact] = service["contacts"]
    assert contact["phones"][0]["number"] == '"+44 1234 234567"'  # exactly as written
    assert "attributes" not in service  # its attribute links to another record's id


def test_the_example_package_normalises_like_the_json_example():
    [service] = read_package(EXAMPLE)
    incoming = normalise(service, lambda term: None)
    listing = incoming.listing
    assert incoming.usable
    assert incoming.organisation["name"] == "Example Organization Inc."
    assert listing["places"][0]["address_1"] == "1-30 Main Street, MyVillage"
    assert listing["places"][0]["city"] == "MyCity"
    assert (listing["free"], listing["cost_amount"], listing["cost_label"]) == (
        False,
        "35.00",
        "Under 18s and Over 60s",
    )
    assert listing["contact_phone"] == "+44 1234 234567"
    assert listing["schedule_note"].startswith("The service is available from 10 am to 6pm")


def test_the_example_package_round_trips():
    services = read_package(EXAMPLE)
    assert round_trip(services) == services


# --- the standard ----------------------------------------------------------------------------


def test_file_names_columns_and_types_follow_the_oruk_schema():
    for table, schema_name in SCHEMAS.items():
        schema = json.loads((SHARED / "schema" / f"{schema_name}.json").read_text())
        properties = schema["properties"]
        flat = [
            name
            for name, field in properties.items()
            if field.get("type") not in ("array", "object")
            and "$ref" not in field
            and name not in ("organization", "location", "taxonomy_term")
        ]
        numbers = {n for n, f in properties.items() if f.get("type") in ("number", "integer")}
        assert TABLES[table][0] == schema["path"], table
        assert list(COLUMNS[table]) == flat, table
        assert NUMBERS.get(table, frozenset()) == numbers, table
        assert REQUIRED.get(table, frozenset({"id"})) == set(schema["required"]), table


def test_the_package_holds_every_standard_file_with_its_header():
    files = package_files([a_service()])
    assert sorted(files) == sorted(names[0] for names in TABLES.values())
    out = io.BytesIO()
    write_package([], out)
    with zipfile.ZipFile(out) as archive:
        header = archive.read("services.csv").decode("utf-8").splitlines()[0]
    assert header == ",".join(COLUMNS["services"])


def test_rows_link_by_ids():
    files = package_files([a_service("svc-1")])
    assert files["services.csv"][0]["organization_id"] == "org-1"
    assert files["schedule.csv"][0]["service_id"] == "svc-1"
    assert files["service_at_location.csv"][0]["location_id"] == "loc-1"
    assert files["address.csv"][0]["location_id"] == "loc-1"
    assert files["phones.csv"][0]["contact_id"] == "svc-1-contact-1"
    assert files["attribute.csv"][0]["link_id"] == "svc-1"
    assert files["taxonomy_terms.csv"][0]["taxonomy_id"] == "taxonomy-needs"
    assert files["taxonomies.csv"][0]["name"] == "Needs"


def test_values_are_written_exactly_even_ones_a_spreadsheet_would_run():
    service = a_service(description='=HYPERLINK("http://x") and, "quotes"\nnew line')
    files = package_files([service])
    assert files["services.csv"][0]["description"] == service["description"]
    assert round_trip([service])[0]["description"] == service["description"]


# --- round trips -----------------------------------------------------------------------------


def test_our_services_round_trip_exactly():
    first, second = a_service("svc-1"), a_service("svc-2", "Walk and talk")
    second["schedules"] = [
        {"id": "once", "dtstart": "2025-09-06", "opens_at": "14:00", "closes_at": "16:00"},
        {"id": "monthly", "freq": "MONTHLY", "interval": 1, "byday": "-1FR"},
    ]
    second["cost_options"] = [{"id": "free", "option": "Free", "amount": 0, "currency": "GBP"}]
    second["service_at_locations"].append(
        {
            "id": "online",
            "location_id": "loc-online",
            "location": {"id": "loc-online", "location_type": "virtual", "url": "https://x.org"},
        }
    )
    services = [first, second]
    assert round_trip(copy.deepcopy(services)) == services


def test_shared_organisations_locations_and_terms_are_written_once():
    files = package_files([a_service("svc-1"), a_service("svc-2"), a_service("svc-3")])
    assert len(files["organizations.csv"]) == 1
    assert len(files["locations.csv"]) == 1
    assert len(files["address.csv"]) == 1
    assert len(files["taxonomy_terms.csv"]) == 1
    assert len(files["service_at_location.csv"]) == 3
    assert len(files["attribute.csv"]) == 3


def test_a_service_without_an_id_is_left_out():
    out = io.BytesIO()
    assert write_package([a_service("svc-1"), {"name": "No id"}, "junk"], out) == 1


def test_records_without_ids_still_link_their_children():
    service = a_service("svc-1")
    del service["contacts"][0]["id"]
    del service["service_at_locations"][0]["location"]["id"]
    del service["service_at_locations"][0]["location_id"]
    [back] = round_trip([service])
    assert back["contacts"][0]["phones"][0]["number"] == "01344 123456"
    assert back["service_at_locations"][0]["location"]["name"] == "Priestwood Community Centre"


# --- reading what others write ---------------------------------------------------------------


def write_zip(path: Path, files: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def test_empty_cells_are_fields_left_out_except_required_ones(tmp_path):
    package = write_zip(
        tmp_path / "p.zip",
        {
            "services.csv": "id,name,status,email,minimum_age\nsvc-1,Knit,active,,\n",
            "locations.csv": "id,location_type,name\nloc-1,physical,\n",
            "address.csv": "id,location_id,address_1,city,state_province,postal_code,country,"
            "address_type\na-1,loc-1,1 High St,Bracknell,,RG12 1AA,GB,physical\n",
            "service_at_location.csv": "id,service_id,location_id\nsal-1,svc-1,loc-1\n",
        },
    )
    [service] = read_package(package)
    assert service == {
        "id": "svc-1",
        "name": "Knit",
        "status": "active",
        "service_at_locations": [
            {
                "id": "sal-1",
                "location_id": "loc-1",
                "location": {
                    "id": "loc-1",
                    "location_type": "physical",
                    "addresses": [
                        {
                            "id": "a-1",
                            "address_1": "1 High St",
                            "city": "Bracknell",
                            "state_province": "",
                            "postal_code": "RG12 1AA",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
    }


def test_a_zip_with_a_folder_and_plural_names_is_read(tmp_path):
    package = write_zip(
        tmp_path / "p.zip",
        {
            "export/services.csv": "\ufeffid,name,status\nsvc-1,Knit,active\n",
            "export/schedules.csv": "id,service_id,freq,byday,interval\ns-1,svc-1,WEEKLY,TU,2\n",
            "export/Service_At_Locations.csv": "id,service_id,location_id\n",
        },
    )
    [service] = read_package(package)
    assert service["schedules"] == [{"id": "s-1", "freq": "WEEKLY", "byday": "TU", "interval": 2}]


def test_a_schedule_linked_only_to_a_location_goes_to_its_service(tmp_path):
    package = write_zip(
        tmp_path / "p.zip",
        {
            "services.csv": "id,name,status\nsvc-1,Knit,active\n",
            "service_at_location.csv": "id,service_id,location_id\nsal-1,svc-1,loc-1\n",
            "schedule.csv": "id,service_at_location_id,freq,byday\ns-1,sal-1,WEEKLY,MO\n",
        },
    )
    [service] = read_package(package)
    assert service["schedules"] == [
        {"id": "s-1", "service_at_location_id": "sal-1", "freq": "WEEKLY", "byday": "MO"}
    ]


def test_a_number_column_holding_words_keeps_the_words(tmp_path):
    package = write_zip(
        tmp_path / "p.zip",
        {
            "services.csv": "id,name,status\nsvc-1,Knit,active\n",
            "cost_options.csv": "id,service_id,amount\nc-1,svc-1,£5\nc-2,svc-1,2.50\n",
        },
    )
    [service] = read_package(package)
    assert [c["amount"] for c in service["cost_options"]] == ["£5", 2.5]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"organizations.csv": "id,name\n"}, "The package has no services.csv"),
        ({"services.csv": b"id,name\n1,Caf\xe9\n"}, "services.csv is not UTF-8 text"),
    ],
)
def test_packages_that_cannot_be_read_say_why(tmp_path, files, message):
    with pytest.raises(PackageUnreadable, match=message):
        read_package(write_zip(tmp_path / "p.zip", files))


def test_a_file_that_is_not_a_zip_says_so(tmp_path):
    path = tmp_path / "p.zip"
    path.write_text("hello")
    with pytest.raises(PackageUnreadable, match="not a zip file"):
        read_package(path)
    with pytest.raises(PackageUnreadable, match="There is no file or folder"):
        read_package(tmp_path / "missing")

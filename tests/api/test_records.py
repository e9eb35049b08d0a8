"""Our listings as Open Referral UK records, field by field, as the record contract says (the
importer reads them back with the same mapping), and the export that reuses them."""

from __future__ import annotations

import io
import json
from datetime import date, time

from portal.api.export import write_ndjson
from portal.api.records import iter_service_records
from portal.directory.models import Accessibility, HowToJoin, Schedule, Service
from portal.extensions import db
from portal.listings.data import listing_data
from tests import factories
from tests.api.helpers import PUBLISHED, get_json


def service(client, directory: dict, name: str) -> dict:
    return get_json(client, f"/api/services/{directory[name]}")


def walk_json(value: object) -> list[object]:
    """Every value inside a JSON document."""
    if isinstance(value, dict):
        return [value, *(v for item in value.values() for v in walk_json(item))]
    if isinstance(value, list):
        return [value, *(v for item in value for v in walk_json(item))]
    return [value]


def test_a_service_record(client, directory):
    chatter = service(client, directory, "chatter")
    assert chatter["name"] == "Tuesday Chatter Café"
    assert chatter["status"] == "active"
    assert chatter["organization_id"] == directory["org_a"]
    assert chatter["url"] == "https://companions.example.org/chatter"
    assert chatter["email"] == "chatter@companions.example.org"
    assert chatter["minimum_age"] == 18
    assert "maximum_age" not in chatter
    assert chatter["assured_date"] == "2026-11-02"
    assert chatter["last_modified"].endswith("+00:00")
    assert chatter["organization"] == {
        "id": directory["org_a"],
        "name": "Crowthorne Good Companions",
        "description": "A friendly group.",
        "email": "hello@companions.example.org",
        "website": "https://companions.example.org",
        "uri": f"http://portal.test/organisations/{directory['org_a']}",
    }


def test_empty_optional_fields_are_left_out(client, directory):
    for name in PUBLISHED:
        for value in walk_json(service(client, directory, name)):
            assert value is not None and value != [] and value != {}
            if isinstance(value, dict):
                empty = [k for k, v in value.items() if v == ""]
                assert empty in ([], ["state_province"]), (name, value)


def test_how_to_join_is_the_application_process(client, directory, app):
    assert (
        service(client, directory, "chatter")["application_process"] == "Book first. Ring Sue first"
    )
    assert service(client, directory, "walk")["application_process"] == "Just turn up."
    referral = factories.service("Carers' Circle", how_to_join=HowToJoin.REFERRAL)
    record = get_json(client, f"/api/services/{referral.id}")
    assert record["application_process"] == "Referral needed."


def test_an_organisation_without_a_description_is_described_by_its_name(client, directory):
    knit = service(client, directory, "knit")
    assert knit["organization"]["description"] == "Bracknell Knitters"


def test_costs(client, directory):
    free = service(client, directory, "chatter")["cost_options"]
    assert [{k: v for k, v in o.items() if k != "id"} for o in free] == [
        {"option": "Free", "amount": 0, "currency": "GBP"}
    ]
    assert free[0]["id"] == service(client, directory, "chatter")["cost_options"][0]["id"]
    walk = service(client, directory, "walk")
    assert [
        (o["option"], o["amount"], o.get("amount_description")) for o in walk["cost_options"]
    ] == [
        ("Per session", 2.5, None),
        ("Annual membership", 10, "a year"),
    ]
    assert walk["fees_description"] == "Bring water"


def test_schedules(client, directory):
    (chatter,) = service(client, directory, "chatter")["schedules"]
    assert {k: v for k, v in chatter.items() if k != "id"} == {
        "freq": "WEEKLY",
        "interval": 1,
        "byday": "TU",
        "dtstart": "2026-01-06",
        "opens_at": "10:00",
        "closes_at": "12:00",
    }
    (walk,) = service(client, directory, "walk")["schedules"]
    assert (walk["freq"], walk["interval"], walk["byday"]) == ("WEEKLY", 2, "WE")
    (knit,) = service(client, directory, "knit")["schedules"]
    assert (knit["freq"], knit["byday"], "interval" in knit) == ("MONTHLY", "1TH", False)
    assert knit["description"] == "First Thursday of the month"
    (quiz,) = service(client, directory, "quiz")["schedules"]
    assert {k: v for k, v in quiz.items() if k != "id"} == {
        "dtstart": "2026-12-12",
        "opens_at": "18:00",
        "closes_at": "19:00",
    }


def test_places(client, directory):
    (place,) = service(client, directory, "walk")["service_at_locations"]
    location = place["location"]
    assert place["location_id"] == location["id"]
    assert (location["location_type"], location["name"]) == ("physical", "Bracknell Library")
    assert (location["latitude"], location["longitude"]) == (51.4133, -0.7519)
    (address,) = location["addresses"]
    assert {k: v for k, v in address.items() if k != "id"} == {
        "address_1": "Town Square",
        "city": "Bracknell",
        "state_province": "",
        "postal_code": "RG12 1AA",
        "country": "GB",
        "address_type": "physical",
    }
    assert [a["description"] for a in location["accessibility"]] == ["Step-free access"]
    (online,) = service(client, directory, "quiz")["service_at_locations"]
    assert online["location"]["location_type"] == "virtual"
    assert online["location"]["url"] == "https://example.org/join"
    assert "addresses" not in online["location"] and "latitude" not in online["location"]


def test_access_details_and_a_place_without_an_address(client, app):
    place = factories.venue(
        "The Green",
        address_1=None,
        postal_code=None,
        accessibility=[
            Accessibility(code="hearing_loop", description="Loop", details="Ask at the desk"),
            Accessibility(code="notes", description="About access", details="Gravel path"),
        ],
    )
    listing = factories.service("Picnic", location=place)
    location = get_json(client, f"/api/services/{listing.id}")["service_at_locations"][0][
        "location"
    ]
    assert "addresses" not in location
    assert [(a["description"], a["details"]) for a in location["accessibility"]] == [
        ("Hearing loop", "Ask at the desk"),
        ("About access", "Gravel path"),
    ]


def test_terms_languages_and_contacts(client, directory):
    walk = service(client, directory, "walk")
    (link,) = walk["attributes"]
    assert (link["link_type"], link["link_entity"], link["link_id"]) == (
        "service",
        "service",
        walk["id"],
    )
    term = link["taxonomy_term"]
    assert link["taxonomy_term_id"] == term["id"]
    assert (term["code"], term["name"], term["taxonomy"]) == (
        "getting-active",
        "Getting active",
        "Needs",
    )
    assert term["taxonomy_detail"]["id"] == term["taxonomy_id"]
    assert term["taxonomy_detail"]["name"] == "Needs"
    assert [(lang["name"], lang["code"]) for lang in walk["languages"]] == [("Welsh", "cy")]
    (contact,) = walk["contacts"]
    assert (contact["name"], contact["title"]) == ("Sue Baker", "Organiser")
    assert [p["number"] for p in contact["phones"]] == ["01632 960123"]


def test_a_temporarily_closed_service_says_why(client, directory):
    shed = service(client, directory, "shed")
    assert (shed["status"], shed["alert"]) == (
        "temporarily closed",
        "Closed for repairs until March",
    )


def test_a_web_address_that_is_not_one_is_left_out(client, app):
    listing = factories.service("Typo", url="www.example.org", email="not an email")
    record = get_json(client, f"/api/services/{listing.id}")
    assert "url" not in record and "email" not in record


def test_export_writes_every_published_service_as_the_api_does(client, directory):
    out = io.StringIO()
    assert write_ndjson(out) == len(PUBLISHED)
    lines = out.getvalue().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == sorted(directory[name] for name in PUBLISHED)
    for record in records:
        assert record == get_json(client, f"/api/services/{record['id']}")


def test_records_can_be_read_in_small_batches(client, directory):
    everything = list(iter_service_records(full=True))
    assert [r["id"] for r in iter_service_records(full=True, batch=2)] == [
        r["id"] for r in everything
    ]
    brief = list(iter_service_records(full=False, batch=1))
    assert [r["id"] for r in brief] == [r["id"] for r in everything]
    assert all("schedules" not in r for r in brief)


def test_sessions_come_in_the_order_the_listing_shows_them(client, app):
    """Two sessions anchored on the same day keep the order the listing page reads them in,
    so an import of the export finds the sessions unchanged."""
    sessions = [
        factories.weekly("MO", dtstart=date(2026, 1, 5)),
        factories.weekly("FR", dtstart=date(2026, 1, 5)),
        Schedule(dtstart=date(2026, 3, 1), opens_at=time(10)),
        factories.weekly("WE", dtstart=date(2025, 6, 4)),
    ]
    listing = factories.service("Several sessions", schedules=sessions)
    db.session.expire_all()
    shown = [
        s["pattern"] + s["day"]
        for s in listing_data(db.session.get(Service, listing.id))["sessions"]
    ]
    record = get_json(client, f"/api/services/{listing.id}")
    published = [
        ("weekly" if "freq" in s else "once") + s.get("byday", "") for s in record["schedules"]
    ]
    assert published == shown

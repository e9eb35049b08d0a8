"""One ORUK service becomes our listing data, with every problem said in plain English."""

from __future__ import annotations

import copy
import json
import random
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from portal.listings.data import empty_listing
from portal.oruk.incoming import Incoming, SourceTerm
from portal.oruk.models import FeedKind
from portal.oruk.normalise import SCHEMA, fingerprint, normalise
from portal.oruk.sources import read_services
from tests.oruk.feeds import a_service

SHARED = Path(__file__).resolve().parents[2] / "standards" / "oruk"
EXAMPLES = SHARED / "examples"
OURS = {
    "Needs|loneliness-and-company": ("needs", "loneliness-and-company"),
    "Needs|getting-active": ("needs", "getting-active"),
    "Who it is for|older-people": ("audiences", "older-people"),
    "Kinds of activity|group": ("activity-types", "group"),
    "Kinds of activity|class": ("activity-types", "class"),
    "Other|left-out": (),
}


def mapper(term: SourceTerm):
    return OURS.get(term.key)


def read(record: dict) -> Incoming:
    return normalise(record, mapper)


def problems(incoming: Incoming) -> dict[str, tuple[str, str]]:
    return {p.field: (p.severity, p.reason) for p in incoming.problems}


def session(**fields) -> dict:
    return {
        "pattern": "weekly",
        "day": "",
        "week": None,
        "date": "",
        "opens_at": "",
        "closes_at": "",
        "note": "",
        "valid_from": "",
        "valid_to": "",
        **fields,
    }


def place(**fields) -> dict:
    return {
        "kind": "venue",
        "name": "",
        "address_1": "",
        "city": "",
        "postcode": "",
        "latitude": None,
        "longitude": None,
        "url": "",
        "access": [],
        **fields,
    }


# --- our own record contract --------------------------------------------------------------


def test_our_own_record_reads_into_the_listing_it_was_made_from():
    incoming = read(a_service())
    assert incoming.problems == []
    assert incoming.external_id == "svc-1"
    assert incoming.name == "Knit and natter"
    assert incoming.status == "active"
    assert incoming.assured_date == date(2025, 5, 1)
    assert incoming.last_modified == datetime(2025, 5, 1, 10, tzinfo=UTC)
    assert incoming.organisation == {
        "external_id": "org-1",
        "name": "Bracknell Knitters",
        "description": "A knitting group in Bracknell.",
        "email": "hello@knitters.example.org",
        "website": "https://knitters.example.org/",
    }
    assert incoming.listing == {
        **empty_listing(),
        "name": "Knit and natter",
        "description": "Bring your needles and a friend.",
        "sessions": [
            session(day="TU", opens_at="10:00", closes_at="12:00", note="Tea and biscuits")
        ],
        "places": [
            place(
                name="Priestwood Community Centre",
                address_1="Priestwood Court Road",
                city="Bracknell",
                postcode="RG42 1TU",
                latitude=51.4214,
                longitude=-0.7621,
                access=["step_free_access"],
            )
        ],
        "access_details": "Ring the bell at the side door",
        "free": False,
        "cost_label": "Per session",
        "cost_amount": "2.50",
        "cost_notes": "Includes tea",
        "how_to_join": "turn_up",
        "contact_name": "Ann Smith",
        "contact_email": "ann@knitters.example.org",
        "contact_phone": "01344 123456",
        "website": "https://knitters.example.org/",
        "needs": ["loneliness-and-company"],
    }
    assert incoming.terms == [
        SourceTerm(
            "Needs|loneliness-and-company",
            "Needs",
            "loneliness-and-company",
            "Loneliness and company",
        )
    ]
    assert incoming.unmapped == []


def test_the_fingerprint_is_the_same_for_the_same_record_in_any_key_order():
    record = a_service()
    shuffled = dict(reversed(list(copy.deepcopy(record).items())))
    assert fingerprint(record) == fingerprint(shuffled) == read(record).fingerprint
    assert len(fingerprint(record)) == 64
    assert fingerprint(record) != fingerprint(a_service(name="Knit and chat"))


def test_an_organisation_published_with_its_name_as_description_reads_without_one():
    record = a_service()
    record["organization"]["description"] = "Bracknell Knitters"
    assert read(record).organisation["description"] == ""


def test_an_organisation_given_only_by_id_has_no_name_and_a_warning():
    record = a_service()
    del record["organization"]
    incoming = read(record)
    assert incoming.usable
    assert incoming.organisation == {
        "external_id": "org-1",
        "name": "",
        "description": "",
        "email": "",
        "website": "",
    }
    assert problems(incoming)["organization"] == (
        "warning",
        "The record names its organisation (id “org-1”) but does not include it, so the "
        "organisation's name is not known.",
    )


# --- sessions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        ({"freq": "WEEKLY", "byday": "TU"}, [session(day="TU")]),
        (
            {"freq": "WEEKLY", "interval": 2, "byday": "WE", "dtstart": "2025-09-03"},
            [session(pattern="fortnightly", day="WE", date="2025-09-03")],
        ),
        ({"freq": "MONTHLY", "byday": "1TU"}, [session(pattern="monthly", day="TU", week=1)]),
        (
            {"freq": "MONTHLY", "byday": "-1FR,2MO"},
            [
                session(pattern="monthly", day="FR", week=-1),
                session(pattern="monthly", day="MO", week=2),
            ],
        ),
        ({"freq": "MONTHLY", "byday": "TH"}, [session(day="TH")]),
        (
            {"dtstart": "2025-10-04", "opens_at": "14:00:00", "closes_at": "16:30:00"},
            [session(pattern="once", date="2025-10-04", opens_at="14:00", closes_at="16:30")],
        ),
        (
            {"freq": "WEEKLY", "byday": "MO,WE", "opens_at": "09:30", "description": "Term time"},
            [
                session(day="MO", opens_at="09:30", note="Term time"),
                session(day="WE", opens_at="09:30", note="Term time"),
            ],
        ),
        ({"freq": "WEEKLY", "dtstart": "2025-09-04"}, [session(day="TH", date="2025-09-04")]),
        (
            {"freq": "WEEKLY", "byday": "SA", "valid_from": "2025-01-01", "until": "2025-12-31"},
            [session(day="SA", valid_from="2025-01-01", valid_to="2025-12-31")],
        ),
        (
            {"freq": "WEEKLY", "byday": "SU", "opens_at": "10:00Z", "closes_at": "11:00+01:00"},
            [session(day="SU", opens_at="10:00", closes_at="11:00")],
        ),
    ],
)
def test_schedules_we_hold_become_sessions(schedule, expected):
    incoming = read(a_service(schedules=[schedule]))
    assert incoming.listing["sessions"] == expected
    assert incoming.listing["schedule_note"] == ""
    assert incoming.problems == []


@pytest.mark.parametrize(
    ("schedule", "why", "note"),
    [
        (
            {"freq": "DAILY", "opens_at": "09:00", "closes_at": "17:00"},
            "its frequency “DAILY” is not WEEKLY or MONTHLY",
            "Every day from 09:00 to 17:00",
        ),
        (
            {"freq": "YEARLY", "description": "Every May Day"},
            "its frequency “YEARLY” is not WEEKLY or MONTHLY",
            "Every May Day",
        ),
        (
            {"freq": "MONTHLY", "bymonthday": "15", "description": "On the 15th"},
            "it uses bymonthday",
            "On the 15th",
        ),
        (
            {"freq": "WEEKLY", "interval": 3, "byday": "TU", "description": "Every third Tuesday"},
            "it repeats every 3 weeks",
            "Every third Tuesday",
        ),
        (
            {"freq": "MONTHLY", "byday": "5TU", "notes": "Fifth Tuesdays"},
            "it falls on weekday number 5 of the month",
            "Fifth Tuesdays",
        ),
        (
            {"freq": "WEEKLY", "byday": "Tuesday", "description": "Tuesdays"},
            "its day “TUESDAY” is not a day like MO or 2TU",
            "Tuesdays",
        ),
    ],
)
def test_schedules_we_cannot_hold_become_a_note_and_a_warning(schedule, why, note):
    incoming = read(a_service(schedules=[{"freq": "WEEKLY", "byday": "MO"}, schedule]))
    assert incoming.usable
    assert incoming.listing["sessions"] == [session(day="MO")]
    assert incoming.listing["schedule_note"] == note
    kept = (
        f"it was kept as a note: “{note}”."
        if note.startswith("Every day")
        else "its description was kept as a note about when it runs."
    )
    assert problems(incoming)["schedules[1]"] == (
        "warning",
        f"This schedule cannot be shown as our weekly, fortnightly, monthly or one-off sessions "
        f"({why}); {kept}",
    )


def test_days_without_a_frequency_are_read_as_weekly_with_a_warning():
    incoming = read(a_service(schedules=[{"byday": "FR", "opens_at": "10:00"}]))
    assert incoming.listing["sessions"] == [session(day="FR", opens_at="10:00")]
    assert problems(incoming)["schedules[0].freq"][0] == "warning"


def test_a_time_that_is_not_a_time_is_left_out_and_the_session_kept():
    incoming = read(a_service(schedules=[{"freq": "WEEKLY", "byday": "MO", "opens_at": "noon"}]))
    assert incoming.listing["sessions"] == [session(day="MO")]
    assert problems(incoming)["schedules[0].opens_at"] == (
        "warning",
        "The start time “noon” is not a time like 10:00; it was left out.",
    )


def test_schedules_on_a_service_at_a_location_are_read_too():
    record = a_service(schedules=[])
    record["service_at_locations"][0]["schedules"] = [{"freq": "WEEKLY", "byday": "WE"}]
    assert read(record).listing["sessions"] == [session(day="WE")]


# --- places --------------------------------------------------------------------------------


def location(**fields) -> dict:
    return {"service_at_locations": [{"id": "sal", "location": {"id": "loc", **fields}}]}


def test_an_outward_code_only_is_a_home_showing_only_its_area():
    record = a_service(
        **location(
            location_type="physical",
            latitude=51.41,
            longitude=-0.75,
            addresses=[{"address_1": "Bracknell area", "city": "Bracknell", "postal_code": "rg12"}],
        )
    )
    assert read(record).listing["places"] == [
        place(kind="home", city="Bracknell", postcode="RG12", latitude=51.41, longitude=-0.75)
    ]


def test_a_virtual_location_is_online_with_its_address():
    record = a_service(**location(location_type="virtual", name="Zoom", url="https://zoom.us/j/1"))
    assert read(record).listing["places"] == [
        place(kind="online", name="Zoom", url="https://zoom.us/j/1")
    ]


def test_postcodes_are_tidied_and_the_physical_address_is_preferred():
    record = a_service(
        **location(
            addresses=[
                {"address_type": "postal", "address_1": "PO Box 1", "postal_code": "RG1 1AA"},
                {"address_type": "physical", "address_1": "1 High St", "postal_code": "rg121aa"},
            ]
        )
    )
    assert read(record).listing["places"] == [place(address_1="1 High St", postcode="RG12 1AA")]


def test_a_postcode_that_is_not_a_uk_postcode_is_left_out_with_a_warning():
    record = a_service(**location(addresses=[{"address_1": "1 Main St", "postal_code": "90210"}]))
    incoming = read(record)
    assert incoming.listing["places"] == [place(address_1="1 Main St")]
    assert problems(incoming)["service_at_locations[0].location.addresses[0].postal_code"] == (
        "warning",
        "The postcode “90210” is not a UK postcode; it was left out (the rest of the address "
        "was kept).",
    )


@pytest.mark.parametrize(
    ("latitude", "longitude", "reason"),
    [
        (40.7, -74.0, "The map position (40.7, -74.0) is not in the UK; it was left out."),
        (51.4, None, "Only one of latitude and longitude is given; the map position was left out."),
        ("north", -0.7, "The latitude “north” is not a number; it was left out."),
    ],
)
def test_a_map_position_outside_the_uk_or_incomplete_is_left_out(latitude, longitude, reason):
    record = a_service(**location(name="Hall", latitude=latitude, longitude=longitude))
    incoming = read(record)
    assert incoming.listing["places"] == [place(name="Hall")]
    assert problems(incoming)["service_at_locations[0].location.latitude"] == ("warning", reason)


def test_our_access_labels_become_codes_and_other_words_access_details():
    record = a_service(
        **location(
            name="Hall",
            accessibility=[
                {"description": "HEARING LOOP", "details": "In the main hall"},
                {"description": "Blue Badge parking"},
                {"description": "Lift to every floor", "details": "Ask at reception"},
                {"description": "About access", "details": "In the main hall"},
            ],
        )
    )
    listing = read(record).listing
    assert listing["places"][0]["access"] == ["blue_badge_parking", "hearing_loop"]
    assert listing["access_details"] == "In the main hall. Lift to every floor. Ask at reception."


def test_a_postal_location_is_not_a_place():
    record = a_service(**location(location_type="postal", addresses=[{"address_1": "PO Box 5"}]))
    incoming = read(record)
    assert incoming.listing["places"] == []
    assert problems(incoming)["service_at_locations[0].location.location_type"][0] == "warning"


def test_a_location_given_only_by_id_is_left_out_with_a_warning():
    record = a_service(service_at_locations=[{"id": "sal", "location_id": "loc-9"}])
    incoming = read(record)
    assert incoming.listing["places"] == []
    assert problems(incoming)["service_at_locations[0]"][0] == "warning"


# --- costs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "fees", "expected"),
    [
        (
            [{"option": "Free", "amount": 0, "currency": "GBP"}],
            None,
            {"free": True, "cost_notes": ""},
        ),
        (
            [{"option": "Free", "amount": 0}],
            "Donations welcome",
            {"free": True, "cost_notes": "Donations welcome"},
        ),
        (
            [{"option": "No charge for carers"}],
            None,
            {"free": True, "cost_notes": "No charge for carers"},
        ),
        (None, None, {"free": None, "cost_notes": ""}),
        ([{"option": "Ask about prices"}], None, {"free": None, "cost_notes": "Ask about prices"}),
        (
            [
                {"option": "Annual membership", "amount": 10, "amount_description": "a year"},
                {"option": "Per afternoon", "amount": "1.5"},
                {"option": "Under 5s", "amount": 0},
            ],
            None,
            {
                "free": False,
                "cost_label": "Annual membership",
                "cost_amount": "10.00",
                "cost_notes": "a year",
                "more_costs": [
                    {"label": "Per afternoon", "amount": "1.50", "notes": ""},
                    {"label": "Under 5s", "amount": "", "notes": ""},
                ],
            },
        ),
        (
            [{"amount": 3}],
            "Bring a packed lunch",
            {
                "free": False,
                "cost_label": "Per session",
                "cost_amount": "3.00",
                "cost_notes": "Bring a packed lunch",
                "more_costs": [],
            },
        ),
    ],
)
def test_cost_options_say_free_paid_or_not_known(options, fees, expected):
    record = a_service(cost_options=options, fees_description=fees)
    listing = read(record).listing
    assert {key: listing[key] for key in expected} == expected


def test_an_amount_that_is_not_a_number_is_left_out_with_a_warning():
    record = a_service(cost_options=[{"option": "Per session", "amount": "a fiver"}])
    incoming = read(record)
    assert incoming.listing["free"] is None
    assert problems(incoming)["cost_options[0].amount"] == (
        "warning",
        "The amount “a fiver” is not a number; it was left out.",
    )


def test_an_amount_in_another_currency_is_left_out():
    incoming = read(a_service(cost_options=[{"amount": 5, "currency": "USD"}]))
    assert incoming.listing["free"] is None
    assert "not pounds" in problems(incoming)["cost_options[0].currency"][1]


# --- joining and contacts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "how", "details"),
    [
        ("Just turn up.", "turn_up", ""),
        ("Book first. Ring Ann on 01344 123456", "book", "Ring Ann on 01344 123456"),
        ("referral needed", "referral", ""),
        ("Referral needed: ask your GP", "referral", "ask your GP"),
        ("You need to be referred by your GP", "referral", "You need to be referred by your GP"),
        ("Ring to reserve a place", "book", "Ring to reserve a place"),
        ("Book first thing in the morning", "book", "Book first thing in the morning"),
        (None, "turn_up", ""),
    ],
)
def test_application_process_gives_how_to_join_and_the_details(text, how, details):
    listing = read(a_service(application_process=text)).listing
    assert (listing["how_to_join"], listing["join_details"]) == (how, details)


def test_the_service_email_stands_in_for_a_contact_without_one():
    record = a_service(contacts=[{"id": "c", "name": "Bob"}], phones=[{"number": "0118 496 0000"}])
    listing = read(record).listing
    assert (listing["contact_name"], listing["contact_email"], listing["contact_phone"]) == (
        "Bob",
        "hello@knitters.example.org",
        "0118 496 0000",
    )


# --- taxonomy terms ------------------------------------------------------------------------


def attribute(term: dict | None = None, **fields) -> dict:
    return {"id": "a", **({"taxonomy_term": term} if term else {}), **fields}


def test_terms_are_mapped_dropped_on_purpose_or_listed_as_unmapped():
    record = a_service(
        attributes=[
            attribute({"id": "t1", "code": "getting-active", "taxonomy": {"name": "Needs"}}),
            attribute({"id": "t2", "code": "older-people", "taxonomy": "Who it is for"}),
            attribute({"id": "t3", "code": "left-out", "taxonomy_id": "Other"}),
            attribute({"id": "t4", "name": "Yoga", "taxonomy": "Their own"}),
            attribute(taxonomy_term_id="t5"),
        ],
        taxonomy_terms=[{"id": "t6", "code": "loneliness-and-company", "taxonomy": "Needs"}],
    )
    incoming = read(record)
    assert incoming.listing["needs"] == ["getting-active", "loneliness-and-company"]
    assert incoming.listing["audiences"] == ["older-people"]
    assert [t.key for t in incoming.unmapped] == ["Their own|t4", "|t5"]
    assert incoming.unmapped[0] == SourceTerm("Their own|t4", "Their own", "t4", "Yoga")


def test_one_kind_of_activity_is_kept_the_first_by_code_as_a_listing_reads_it():
    record = a_service(
        attributes=[
            attribute({"id": "a", "code": "group", "taxonomy": "Kinds of activity"}),
            attribute({"id": "b", "code": "class", "taxonomy": "Kinds of activity"}),
        ]
    )
    incoming = read(record)
    assert incoming.listing["activity_type"] == "class"
    assert problems(incoming)["attributes"][0] == "warning"


# --- errors and warnings -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"id": None}, "id", "The record has no id, so it cannot be imported or updated later."),
        ({"id": "  "}, "id", "The record has no id, so it cannot be imported or updated later."),
        ({"name": ""}, "name", "The record has no name."),
        ({"name": ["Knit"]}, "name", "The name should be text but is a list."),
        ({"name": "x" * 256}, "name", "The name is 256 characters long; ours hold 255."),
        (
            {"status": "closed for ever"},
            "status",
            "The record has the status “closed for ever”; it must be one of: active, defunct, "
            "inactive, temporarily closed.",
        ),
        (
            {"status": None},
            "status",
            "The record has no status; it must be one of: active, defunct, inactive, "
            "temporarily closed.",
        ),
    ],
)
def test_errors_keep_the_record_out(changes, field, reason):
    incoming = read(a_service(**changes))
    assert not incoming.usable
    assert problems(incoming)[field] == ("error", reason)


def test_a_record_that_is_not_an_object_is_an_error_not_an_exception():
    incoming = normalise(["not", "a", "service"], mapper)  # type: ignore[arg-type]
    assert not incoming.usable
    assert (
        incoming.problems[0].reason
        == "The record is a list, not an object, so it could not be read."
    )


def test_problems_carry_the_record_id():
    incoming = read(a_service("svc-7", url="not a web address"))
    assert {p.record_id for p in incoming.problems} == {"svc-7"}


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        (
            {"email": "hello at knitters", "contacts": []},
            "email",
            "The email address “hello at knitters” is not an email address; it was left out.",
        ),
        (
            {"url": "ftp://knitters.example.org"},
            "url",
            "The web address “ftp://knitters.example.org” is not a web address starting http:// "
            "or https://; it was left out.",
        ),
        (
            {"minimum_age": 12.5},
            "minimum_age",
            "The minimum age 12.5 is not a whole number; it was left out.",
        ),
        (
            {"minimum_age": 65, "maximum_age": 18},
            "minimum_age",
            "The minimum age 65 is above the maximum age 18; both were left out.",
        ),
        (
            {"assured_date": "last Tuesday"},
            "assured_date",
            "The date it was last checked (assured_date) “last Tuesday” is not a date like "
            "2025-01-31; it was ignored.",
        ),
        (
            {"last_modified": "yesterday"},
            "last_modified",
            "The date it was last changed (last_modified) “yesterday” is not a date and time like "
            "2025-01-31T10:30:00Z; it was ignored.",
        ),
        (
            {"service_areas": [{"id": "area", "extent": 5}]},
            "service_areas[0].extent",
            "Open Referral UK expects text here, but the record gives a number; it was not used.",
        ),
    ],
)
def test_warnings_say_what_was_left_out_and_the_record_is_still_imported(changes, field, reason):
    incoming = read(a_service(**changes))
    assert incoming.usable
    assert problems(incoming)[field] == ("warning", reason)


def test_the_schema_check_does_not_repeat_what_was_already_said():
    incoming = read(a_service(minimum_age="twelve", schedules={"freq": "WEEKLY"}))
    assert [p.field for p in incoming.problems] == ["minimum_age", "schedules"]


def test_nulls_and_whole_number_ids_are_not_schema_problems():
    record = a_service(id=42, email=None, alert=None)
    record["organization"]["id"] = 7
    incoming = read(record)
    assert incoming.problems == []
    assert (incoming.external_id, incoming.organisation["external_id"]) == ("42", "7")


def test_assured_date_and_last_modified_are_read():
    incoming = read(a_service(assured_date="2024-02-29", last_modified="2024-03-01T09:15:00"))
    assert incoming.assured_date == date(2024, 2, 29)
    assert incoming.last_modified == datetime(2024, 3, 1, 9, 15, tzinfo=UTC)


def test_the_schema_kept_here_is_orus_compiled_service_schema_reduced_to_types():
    def reduced(schema: dict) -> dict:
        out = {key: schema[key] for key in ("type", "enum") if key in schema}
        if "properties" in schema:
            out["properties"] = {k: reduced(v) for k, v in schema["properties"].items()}
        if isinstance(schema.get("items"), dict):
            out["items"] = reduced(schema["items"])
        return out

    compiled = json.loads((SHARED / "schema" / "compiled" / "service.json").read_text())
    assert json.loads(SCHEMA.read_text()) == reduced(compiled)


# --- hostile input -------------------------------------------------------------------------


def test_huge_text_deep_nesting_and_nul_characters_do_not_break_reading():
    huge = a_service(description="word " * 200_000, alert="Closed\x00 today")
    deep: list = []
    for _ in range(5000):
        deep = [deep]
    nested = a_service(service_areas=deep)
    incoming = read(huge)
    assert incoming.usable and len(incoming.listing["description"]) == 999_999
    assert incoming.listing["alert"] == "Closed today"
    rejected = read(nested)
    assert not rejected.usable
    assert problems(rejected)[""] == (
        "error",
        "The record nests more than 64 levels deep; it was not read.",
    )


JUNK = [
    None,
    "",
    "x" * 5000,
    -1,
    0,
    3.5,
    float("nan"),
    True,
    [],
    {},
    [1, "a", None],
    {"a": {}},
    "2025-13-45",
    "25:99",
    "£-3",
    "MO,,XX",
    "http//broken",
    10**30,
]


def mangle(value: object, rng: random.Random, depth: int = 0) -> object:
    """The value with some of its parts swapped for junk, wrong types or nothing."""
    if rng.random() < 0.12:
        return rng.choice(JUNK)
    if isinstance(value, dict):
        out = {k: mangle(v, rng, depth + 1) for k, v in value.items() if rng.random() > 0.08}
        if rng.random() < 0.1:
            out[rng.choice(["extra", "schedules", "status", "id"])] = rng.choice(JUNK)
        return out
    if isinstance(value, list):
        items = [mangle(v, rng, depth + 1) for v in value]
        return items * rng.choice([1, 1, 2]) if rng.random() > 0.1 else [rng.choice(JUNK)]
    if isinstance(value, str) and rng.random() < 0.1:
        return value[::-1]
    if isinstance(value, int | float) and rng.random() < 0.2:
        return str(value)
    return value


def test_two_hundred_mangled_records_each_give_an_incoming_and_never_raise():
    rng = random.Random(20250601)
    for number in range(200):
        raw = mangle(a_service(f"svc-{number}"), rng)
        incoming = normalise(raw, mapper)  # type: ignore[arg-type]
        assert isinstance(incoming, Incoming)
        assert incoming.usable or any(p.severity == "error" for p in incoming.problems)
        assert all(p.reason and p.severity in ("error", "warning") for p in incoming.problems)
        json.dumps(incoming.listing)  # plain data, ready for the plan


# --- the examples --------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_every_example_file_reads_and_normalises_without_an_exception(path):
    for item in read_services(str(path), FeedKind.JSON):
        if isinstance(item, dict):
            assert isinstance(normalise(item, mapper), Incoming)


def test_the_full_example_service_reads_as_the_example_says():
    [raw] = read_services(str(EXAMPLES / "service_full.json"), FeedKind.JSON)
    incoming = read(raw)
    listing = incoming.listing
    assert incoming.usable
    assert incoming.name == "Community Counselling"
    assert incoming.organisation["external_id"] == "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
    assert incoming.organisation["name"] == "Example Organization Inc."
    assert incoming.assured_date == date(2005, 1, 1)
    assert (listing["minimum_age"], listing["maximum_age"]) == (12, 100)
    # WEEKLY on TH,FR but only on days 2, 3 and 4 of the month: not a session we can hold
    assert listing["sessions"] == []
    assert listing["schedule_note"].startswith("The service is available from 10 am to 6pm")
    assert "it uses bymonthday" in problems(incoming)["schedules[0]"][1]
    assert listing["places"] == [
        place(name="MyCity Civic Center", address_1="1-30 Main Street", city="MyCity")
    ]
    assert "induction loops" in listing["access_details"]
    assert (listing["free"], listing["cost_label"], listing["cost_amount"]) == (
        False,
        "Under 18s and Over 60s",
        "35.00",
    )
    assert listing["cost_notes"] == "per 1 hour session"
    assert (listing["contact_name"], listing["contact_email"]) == (
        "Ann Persona",
        "email@example.com",
    )
    assert listing["website"] == "http://example.com/counselling"
    assert [t.key for t in incoming.unmapped] == ["taxonomy|3f7b145d-84af-42d7-8fae-eaca714b02b2"]
    assert set(problems(incoming)) == {
        "schedules[0]",
        "service_at_locations[0].location.addresses[0].postal_code",
        "service_at_locations[0].location.latitude",
    }


def test_a_record_with_thousands_of_faults_lists_a_hundred_warnings_and_a_count():
    record = a_service(schedules=[{"freq": "WEEKLY", "byday": "MO", "opens_at": "x"}] * 3000)
    incoming = read(record)
    assert incoming.usable
    assert len(incoming.problems) == 101
    assert incoming.problems[-1].reason == (
        "There were 2,900 more warnings about this record; only the first 100 are listed."
    )

"""The guided form's steps, as a group filling them in sees them: what is understood, what is
refused and with which message, and how repeating rows are arranged."""

from datetime import date, time, timedelta

import pytest
from werkzeug.datastructures import MultiDict

from portal.directory.services import load_vocabulary
from portal.extensions import db
from portal.geo import find_place
from portal.listings import steps
from portal.listings.data import empty_listing
from tests import factories

# Where the listings below put their venues: with no gazetteer loaded (the plain `app`
# fixture), a postcode is placed from the listings already held, a district at their middle.
CROWTHORNE = ("RG45 7AB", 51.3703, -0.7929)
ASCOT = ("SL5 7JX", 51.4106, -0.6750)


@pytest.fixture(autouse=True)
def vocabulary(app):
    """The steps check needs and audiences against the directory's own vocabulary."""
    load_vocabulary()
    db.session.commit()


def form(*pairs, **fields) -> MultiDict:
    return MultiDict([*pairs, *fields.items()])


def next_weekday(code: str, after: date | None = None) -> date:
    day = (after or date.today()) + timedelta(days=1)
    while day.weekday() != steps.DAY_CODES.index(code):
        day += timedelta(days=1)
    return day


@pytest.fixture
def postcodes(app):
    """Two venues already listed, so their postcodes (and districts) can be found."""
    for name, (postcode, lat, lon) in (("Morgan Centre", CROWTHORNE), ("Ascot Hall", ASCOT)):
        factories.service(
            f"Coffee at {name}",
            location=factories.venue(name, postal_code=postcode, latitude=lat, longitude=lon),
        )


# --- what it is --------------------------------------------------------------------------------


def test_about_needs_a_name_and_a_description():
    parsed = steps.parse_about(form(name="  ", description=""), empty_listing())
    assert parsed.problems == {
        "name": "Enter the name of the activity",
        "description": "Say what happens, in a sentence or two",
    }


def test_about_asks_for_more_than_a_few_words():
    parsed = steps.parse_about(form(name="Walk", description="A walk."), empty_listing())
    assert parsed.problems == {
        "description": "Say a little more about what happens: at least 20 characters"
    }


def test_about_refuses_a_name_that_is_too_long():
    parsed = steps.parse_about(
        form(name="W" * 121, description="A gentle walk in the woods, then tea."), {}
    )
    assert parsed.problems == {"name": "Name must be 120 characters or fewer"}


def test_a_paused_activity_says_why():
    fields = {"name": "Walk", "description": "A gentle walk in the woods, then tea."}
    paused = steps.parse_about(form(status="temporarily closed", **fields), {})
    assert paused.problems == {"alert": "Say when it will start again, or why it is closed"}
    explained = steps.parse_about(
        form(status="temporarily closed", alert="Back in May", **fields), {}
    )
    assert explained.problems == {}
    assert explained.changes["status"] == "temporarily closed"


def test_html_pasted_into_text_is_stripped():
    parsed = steps.parse_about(
        form(
            name="<b>Walk</b><script>x</script>",
            description="<p>A gentle walk &amp; a cup of tea</p><img src=x onerror=alert(1)>",
            activity_type="walking-group",
        ),
        {},
    )
    assert parsed.problems == {}
    assert parsed.changes["name"] == "Walk"
    assert parsed.changes["description"] == "A gentle walk & a cup of tea"
    assert parsed.changes["activity_type"] == "walking-group"


def test_an_unknown_activity_type_is_ignored():
    parsed = steps.parse_about(
        form(name="Walk", description="A gentle walk in the woods.", activity_type="rave"), {}
    )
    assert parsed.changes["activity_type"] == ""


# --- who it is for -----------------------------------------------------------------------------


def test_who_reads_audiences_and_ages():
    parsed = steps.parse_who(
        form(
            ("audiences", "older-people"),
            ("audiences", "carers"),
            ("audiences", "martians"),
            minimum_age="50",
            maximum_age="",
        ),
        {},
    )
    assert parsed.problems == {}
    assert parsed.changes == {
        "audiences": ["older-people", "carers"],
        "minimum_age": 50,
        "maximum_age": None,
    }


def test_ages_must_be_whole_numbers_in_order():
    parsed = steps.parse_who(form(minimum_age="fifty", maximum_age="130"), {})
    assert parsed.problems == {
        "minimum_age": "Youngest age must be a whole number from 0 to 120, like 50",
        "maximum_age": "Oldest age must be a whole number from 0 to 120, like 50",
    }
    backwards = steps.parse_who(form(minimum_age="60", maximum_age="18"), {})
    assert backwards.problems == {
        "maximum_age": "Oldest age must be the same as or more than the youngest age"
    }


# --- when --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("10", time(10, 0)),
        ("10am", time(10, 0)),
        ("10 AM", time(10, 0)),
        ("2:30pm", time(14, 30)),
        ("2.30 p.m.", time(14, 30)),
        ("14:00", time(14, 0)),
        ("12pm", time(12, 0)),
        ("12am", time(0, 0)),
    ],
)
def test_times_are_understood_as_people_type_them(typed, meant):
    assert steps.parse_time(typed) == meant


@pytest.mark.parametrize("typed", ["25:00", "noon-ish", "10:75", "13pm", ""])
def test_times_that_are_not_times_are_not_guessed(typed):
    assert steps.parse_time(typed) is None


def session(n: int = 0, **fields) -> list[tuple[str, str]]:
    row = {"pattern": "weekly", "day": "TU", "opens_at": "10am", "closes_at": "12pm"} | fields
    return [(f"sessions-{n}-{key}", value) for key, value in row.items()]


def test_a_weekly_session_is_read_in_24_hour_time():
    parsed = steps.parse_when(form(*session(opens_at="10", closes_at="2:30pm")), {})
    assert parsed.problems == {}
    assert parsed.changes["sessions"] == [
        {
            "pattern": "weekly",
            "day": "TU",
            "week": None,
            "date": "",
            "opens_at": "10:00",
            "closes_at": "14:30",
            "note": "",
            "valid_from": "",
            "valid_to": "",
        }
    ]


def test_unreadable_times_are_refused_with_an_example():
    parsed = steps.parse_when(form(*session(opens_at="noon-ish", closes_at="25:00")), {})
    assert parsed.problems == {
        "sessions-0-opens_at": "Enter a start time like 10am, 2:30pm or 14:30",
        "sessions-0-closes_at": "Enter a finish time like 10am, 2:30pm or 14:30",
    }
    # What was typed is kept, to be shown again and corrected.
    assert parsed.changes["sessions"][0]["opens_at"] == "noon-ish"


def test_a_session_needs_how_often_the_day_and_a_start_time():
    no_pattern = steps.parse_when(form(*session(pattern="", day="TU")), {})
    assert no_pattern.problems == {"sessions-0-pattern": "Choose how often it happens"}
    no_day = steps.parse_when(form(*session(day="", opens_at="")), {})
    assert no_day.problems == {
        "sessions-0-day": "Choose the day it happens",
        "sessions-0-opens_at": "Enter the time it starts, like 10am",
    }


def test_the_finish_must_be_after_the_start():
    parsed = steps.parse_when(form(*session(opens_at="2pm", closes_at="11am")), {})
    assert parsed.problems == {
        "sessions-0-closes_at": "The finish time must be after the start time"
    }
    same = steps.parse_when(form(*session(opens_at="2pm", closes_at="14:00")), {})
    assert same.problems == {"sessions-0-closes_at": "The finish time must be after the start time"}


def test_leaving_the_finish_blank_is_fine():
    parsed = steps.parse_when(form(*session(closes_at="")), {})
    assert parsed.problems == {}
    assert parsed.changes["sessions"][0]["closes_at"] == ""


def test_a_fortnightly_date_must_fall_on_the_chosen_day():
    tuesday = next_weekday("TU")
    wrong = steps.parse_when(
        form(*session(pattern="fortnightly", date=(tuesday + timedelta(days=1)).isoformat())), {}
    )
    assert wrong.problems == {
        "sessions-0-date": "Give the date of one of the sessions, on the day chosen"
    }
    right = steps.parse_when(form(*session(pattern="fortnightly", date=tuesday.isoformat())), {})
    assert right.problems == {}
    assert right.changes["sessions"][0]["date"] == tuesday.isoformat()


def test_a_one_off_date_must_be_given_and_not_be_past():
    missing = steps.parse_when(form(*session(pattern="once", day="")), {})
    assert missing.problems == {"sessions-0-date": "Enter the date, like 2027-03-14"}
    nonsense = steps.parse_when(form(*session(pattern="once", day="", date="2027-02-30")), {})
    assert nonsense.problems == {"sessions-0-date": "Enter a real date, like 2027-03-14"}
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    past = steps.parse_when(form(*session(pattern="once", day="", date=yesterday)), {})
    assert past.problems == {"sessions-0-date": "The date must be today or in the future"}
    today = date.today().isoformat()
    assert steps.parse_when(form(*session(pattern="once", day="", date=today)), {}).problems == {}


def test_monthly_needs_a_week():
    parsed = steps.parse_when(form(*session(pattern="monthly")), {})
    assert parsed.problems == {"sessions-0-week": "Choose which week of the month"}
    last = steps.parse_when(form(*session(pattern="monthly", week="-1")), {})
    assert last.problems == {}
    assert last.changes["sessions"][0]["week"] == -1


def test_when_needs_a_session_or_a_note():
    nothing = steps.parse_when(form(), {})
    assert nothing.problems == {
        "sessions-0-pattern": "Add when it happens, or say how people find out the dates"
    }
    # A row with only the default "how often" ticked counts as nothing typed.
    untouched = steps.parse_when(form(("sessions-0-pattern", "weekly")), {})
    assert untouched.problems == nothing.problems
    note = steps.parse_when(form(schedule_note="Dates are on our Facebook page"), {})
    assert note.problems == {}
    assert note.changes["sessions"] == []


def test_add_another_session_adds_a_blank_row_without_complaining():
    parsed = steps.parse_when(form(*session(opens_at="noon-ish"), action="add"), {})
    assert parsed.problems == {}
    assert parsed.again
    assert len(parsed.changes["sessions"]) == 2
    assert parsed.changes["sessions"][0]["opens_at"] == "noon-ish"  # kept for correcting
    assert parsed.changes["sessions"][1]["day"] == ""


def test_remove_takes_out_that_row_only():
    parsed = steps.parse_when(
        form(
            *session(0, day="MO"),
            *session(1, day="WE"),
            *session(2, day="FR"),
            action="remove-1",
        ),
        {},
    )
    assert parsed.problems == {}
    assert parsed.again
    assert [s["day"] for s in parsed.changes["sessions"]] == ["MO", "FR"]


def test_remove_takes_out_the_row_pressed_even_below_a_blank_one():
    blank = [(f"sessions-1-{key}", "") for key in ("day", "opens_at", "closes_at", "note")]
    parsed = steps.parse_when(
        form(*session(0, day="MO"), *blank, *session(2, day="FR"), action="remove-2"), {}
    )
    assert [s["day"] for s in parsed.changes["sessions"]] == ["MO", ""]
    saved = steps.parse_when(form(*session(0, day="MO"), *blank), {})
    assert saved.problems == {}  # a row left blank is not a session
    assert [s["day"] for s in saved.changes["sessions"]] == ["MO"]


def test_after_arranging_the_rows_are_checked_again():
    parsed = steps.parse_when(form(*session(0, day="MO"), *session(1, opens_at="")), {})
    assert not parsed.again
    assert parsed.problems == {"sessions-1-opens_at": "Enter the time it starts, like 10am"}


# --- where -------------------------------------------------------------------------------------


def place(n: int = 0, **fields) -> list[tuple[str, str]]:
    row = {
        "kind": "venue",
        "name": "Morgan Centre",
        "address_1": "Wellington Road",
        "city": "Crowthorne",
        "postcode": CROWTHORNE[0],
        "latitude": "",
        "longitude": "",
    } | fields
    return [(f"places-{n}-{key}", value) for key, value in row.items()]


def saved_place(**fields) -> dict:
    postcode, lat, lon = CROWTHORNE
    return {
        "kind": "venue",
        "name": "Morgan Centre",
        "address_1": "Wellington Road",
        "city": "Crowthorne",
        "postcode": postcode,
        "latitude": lat,
        "longitude": lon,
        "url": "",
        "access": ["step_free_access"],
    } | fields


def test_without_a_gazetteer_an_unlisted_postcode_cannot_be_found(app):
    assert find_place("RG12 1AA") is None
    parsed = steps.parse_where(form(*place(postcode="RG12 1AA")), {})
    assert parsed.problems == {
        "places-0-postcode": "We could not find that postcode: check it, like RG12 1AA"
    }


def test_an_unlisted_postcode_in_a_known_district_is_placed_at_its_middle(postcodes):
    found = find_place("RG45 9ZZ")
    assert found.approximate
    parsed = steps.parse_where(form(*place(postcode="rg459zz")), {})
    assert parsed.problems == {}
    assert parsed.changes["places"][0]["postcode"] == "RG45 9ZZ"
    assert (parsed.changes["places"][0]["latitude"], parsed.changes["places"][0]["longitude"]) == (
        found.latitude,
        found.longitude,
    )


@pytest.mark.parametrize("typed", ["RG12", "rg45", "ABC 123", "Crowthorne"])
def test_a_postcode_that_is_not_a_full_postcode_is_refused(postcodes, typed):
    parsed = steps.parse_where(form(*place(postcode=typed)), {})
    assert parsed.problems == {"places-0-postcode": "Enter a real postcode, like RG12 1AA"}


def test_a_venue_needs_a_name_or_address_and_a_postcode(postcodes):
    parsed = steps.parse_where(form(*place(name="", address_1="", postcode="")), {})
    assert parsed.problems == {
        "places-0-name": "Enter the name of the venue, or its address",
        "places-0-postcode": "Enter the postcode, so people can find it on the map",
    }
    assert steps.parse_where(form(), {}).problems == {"places-0-kind": "Add where it happens"}


def test_a_new_venue_is_pinned_at_its_postcode_and_the_map_is_shown(postcodes):
    postcode, lat, lon = CROWTHORNE
    parsed = steps.parse_where(form(*place(postcode="rg45 7ab")), {})
    assert parsed.problems == {}
    assert parsed.again  # show the map so the pin can be checked
    assert parsed.changes["places"][0] | {"access": []} == {
        "kind": "venue",
        "name": "Morgan Centre",
        "address_1": "Wellington Road",
        "city": "Crowthorne",
        "postcode": postcode,
        "url": "",
        "latitude": lat,
        "longitude": lon,
        "access": [],
    }


def test_once_the_map_was_shown_the_pin_the_person_placed_is_kept(postcodes):
    data = {"places": [saved_place()]}
    nudged = (51.3712, -0.7901)
    parsed = steps.parse_where(
        form(
            *place(latitude=str(nudged[0]), longitude=str(nudged[1])),
            ("places-0-pin_shown", "1"),
        ),
        data,
    )
    assert parsed.problems == {}
    assert not parsed.again
    got = parsed.changes["places"][0]
    assert (got["latitude"], got["longitude"]) == nudged
    assert got["access"] == ["step_free_access"]  # set on another step, kept here


def test_a_pin_dragged_far_from_its_postcode_is_questioned(postcodes):
    data = {"places": [saved_place()]}
    parsed = steps.parse_where(
        form(*place(latitude="51.45", longitude="-0.7929"), ("places-0-pin_shown", "1")), data
    )
    assert parsed.problems == {
        "places-0-postcode": (
            "The pin is 9 km from the postcode: move it back, or check the postcode"
        )
    }


def test_a_changed_postcode_moves_the_pin_to_the_new_postcode(postcodes):
    data = {"places": [saved_place()]}
    postcode, lat, lon = ASCOT
    parsed = steps.parse_where(
        form(
            *place(postcode=postcode, latitude="51.3712", longitude="-0.7901"),
            ("places-0-pin_shown", "1"),
        ),
        data,
    )
    assert parsed.problems == {}
    got = parsed.changes["places"][0]
    assert (got["postcode"], got["latitude"], got["longitude"]) == (postcode, lat, lon)
    assert parsed.again  # the new pin has not been seen yet


def test_a_home_shows_only_the_area_and_needs_no_pin_check(postcodes):
    parsed = steps.parse_where(form(*place(kind="home", name="", address_1="1 Private Lane")), {})
    assert parsed.problems == {}
    assert not parsed.again
    assert parsed.changes["places"][0]["kind"] == "home"


def test_online_needs_how_people_join_and_a_real_link(app):
    nothing = steps.parse_where(form(*place(kind="online", name="", postcode="")), {})
    assert nothing.problems == {"places-0-name": "Say how people join: the platform, or 'By phone'"}
    bad_link = steps.parse_where(
        form(*place(kind="online", name="Zoom", postcode="", url="zoom meeting")), {}
    )
    assert bad_link.problems == {
        "places-0-url": "Enter a web address starting https://, or leave it blank"
    }
    good = steps.parse_where(
        form(*place(kind="online", name="Zoom", url="https://zoom.us/j/123")), {}
    )
    assert good.problems == {}
    assert good.changes["places"][0]["postcode"] == ""  # no address for online
    assert good.changes["places"][0]["address_1"] == ""


def test_add_another_place_and_remove_one(postcodes):
    added = steps.parse_where(form(*place(postcode="nonsense"), action="add"), {})
    assert added.problems == {}
    assert added.again
    assert [p["kind"] for p in added.changes["places"]] == ["venue", "venue"]

    removed = steps.parse_where(
        form(*place(0), *place(1, name="Ascot Hall", postcode=ASCOT[0]), action="remove-0"), {}
    )
    assert removed.problems == {}
    assert [p["name"] for p in removed.changes["places"]] == ["Ascot Hall"]


def test_removing_a_place_keeps_the_other_places_access_facts(postcodes):
    postcode, lat, lon = ASCOT
    ascot = saved_place(
        name="Ascot Hall", postcode=postcode, latitude=lat, longitude=lon, access=["parking"]
    )
    data = {"places": [saved_place(), ascot]}
    removed = steps.parse_where(
        form(
            *place(0, latitude=str(CROWTHORNE[1]), longitude=str(CROWTHORNE[2])),
            *place(1, name="Ascot Hall", postcode=postcode, latitude=str(lat), longitude=str(lon)),
            ("places-0-pin_shown", "1"),
            ("places-1-pin_shown", "1"),
            action="remove-0",
        ),
        data,
    )
    assert [(p["name"], p["access"]) for p in removed.changes["places"]] == [
        ("Ascot Hall", ["parking"])
    ]


def test_a_place_keeps_its_pin_and_access_after_the_one_above_is_removed(postcodes):
    """The page carries each place's pin postcode and access facts, so after "remove" the
    rows, now numbered afresh, still know what they were."""
    postcode, lat, lon = ASCOT
    ascot = saved_place(
        name="Ascot Hall", postcode=postcode, latitude=lat, longitude=lon, access=["parking"]
    )
    saved = {"places": [saved_place(), ascot]}  # what the draft holds: not yet changed
    dragged = (51.4111, -0.6742)
    parsed = steps.parse_where(
        form(
            *place(
                0,
                name="Ascot Hall",
                postcode=postcode,
                latitude=str(dragged[0]),
                longitude=str(dragged[1]),
            ),
            ("places-0-pinned_for", postcode),
            ("places-0-access", "parking"),
            ("places-0-pin_shown", "1"),
        ),
        saved,
    )
    assert parsed.problems == {}
    assert not parsed.again
    [kept] = parsed.changes["places"]
    assert (kept["name"], kept["access"]) == ("Ascot Hall", ["parking"])
    assert (kept["latitude"], kept["longitude"]) == dragged


# --- cost, contact, needs ----------------------------------------------------------------------


def test_a_cost_must_be_an_amount_in_pounds():
    parsed = steps.parse_cost(form(free="no", cost_amount="three", how_to_join="turn_up"), {})
    assert parsed.problems == {"cost_amount": "Enter the cost in pounds, like 3 or 2.50"}
    zero = steps.parse_cost(form(free="no", cost_amount="0", how_to_join="turn_up"), {})
    assert zero.problems == {"cost_amount": "Enter the cost, or choose ‘It is free’"}
    fine = steps.parse_cost(form(free="no", cost_amount="£2.50", how_to_join="turn_up"), {})
    assert fine.problems == {}
    assert fine.changes["cost_amount"] == "2.50"
    free = steps.parse_cost(form(free="yes", cost_amount="5", how_to_join="turn_up"), {})
    assert (free.changes["free"], free.changes["cost_amount"]) == (True, "")


def test_booking_or_referral_says_how():
    assert steps.parse_cost(form(free="yes"), {}).problems == {
        "how_to_join": "Choose how people join"
    }
    parsed = steps.parse_cost(form(free="yes", how_to_join="book"), {})
    assert parsed.problems == {"join_details": "Say how to book or who can refer people"}
    told = steps.parse_cost(form(free="yes", how_to_join="book", join_details="Ring Sue"), {})
    assert told.problems == {}


def test_contact_needs_at_least_one_way_to_get_in_touch():
    parsed = steps.parse_contact(form(contact_name="Sue"), {})
    assert parsed.problems == {
        "contact_email": "Give at least one way to get in touch: email, phone or website"
    }
    for fields in (
        {"contact_email": "sue@example.org"},
        {"contact_phone": "01344 352000"},
        {"website": "https://example.org"},
    ):
        assert steps.parse_contact(form(**fields), {}).problems == {}, fields


def test_each_way_to_get_in_touch_is_checked():
    parsed = steps.parse_contact(
        form(contact_email="sue at example", contact_phone="12345", website="example dot org"), {}
    )
    assert parsed.problems == {
        "contact_email": "Enter an email address like name@example.com",
        "contact_phone": "Enter a UK phone number, like 01344 352000 or 07700 900123",
        "website": "Enter a web address starting https://, like https://example.org",
    }


def test_contact_details_are_tidied():
    parsed = steps.parse_contact(
        form(
            contact_name="<b>Sue</b>",
            contact_email=" Sue@Example.ORG ",
            contact_phone="+44 7700 900123",
        ),
        {},
    )
    assert parsed.problems == {}
    assert parsed.changes["contact_name"] == "Sue"
    assert parsed.changes["contact_email"] == "Sue@example.org"
    assert parsed.changes["contact_phone"] == "+44 7700 900123"


def test_access_facts_are_kept_for_each_venue_but_not_online():
    data = {
        "places": [
            saved_place(access=[]),
            {"kind": "online", "name": "Zoom", "access": []},
        ]
    }
    parsed = steps.parse_access(
        form(
            ("places-0-access", "hearing_loop"),
            ("places-0-access", "made_up"),
            ("places-1-access", "parking"),
            access_details="<i>Three steps</i> at the door",
        ),
        data,
    )
    assert [p["access"] for p in parsed.changes["places"]] == [["hearing_loop"], []]
    assert parsed.changes["access_details"] == "Three steps at the door"
    assert data["places"][0]["access"] == []  # the draft itself is only changed when saved


def test_needs_choose_between_one_and_four():
    assert steps.parse_needs(form(), {}).problems == {
        "needs": "Choose at least one need it helps with"
    }
    five = [
        ("needs", code)
        for code in (
            "loneliness-and-company",
            "getting-active",
            "money-and-debt",
            "food",
            "volunteering",
        )
    ]
    assert steps.parse_needs(form(*five), {}).problems == {
        "needs": "Choose up to 4: the ones it helps with most"
    }
    four = steps.parse_needs(form(*five[:4], ("needs", "not-a-need")), {})
    assert four.problems == {}
    assert four.changes["needs"] == [code for _name, code in five[:4]]


# --- what is still needed ----------------------------------------------------------------------


def test_still_needed_names_what_is_missing():
    assert steps.still_needed(empty_listing()) == [
        ("about", "the name and what happens"),
        ("when", "when it happens"),
        ("where", "where it happens"),
        ("cost", "whether it costs anything and how people join"),
        ("contact", "a way to get in touch"),
        ("needs", "the needs it helps with"),
    ]
    nearly = empty_listing() | {
        "free": True,
        "how_to_join": "turn_up",
        "name": "Walk",
        "description": "A gentle walk in the woods, then tea.",
        "schedule_note": "Dates are on our Facebook page",
        "places": [saved_place()],
        "website": "https://example.org",
    }
    assert steps.still_needed(nearly) == [("needs", "the needs it helps with")]
    assert steps.still_needed(nearly | {"needs": ["getting-active"]}) == []

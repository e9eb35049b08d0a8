"""The guided form as a volunteer meets it (issue 12): nothing chosen for them, what they mean
understood, fields shown where they apply, errors where they belong, the pin described."""

from __future__ import annotations

import re
from html import unescape

import pytest

from portal.accounts.models import Role
from portal.extensions import db
from portal.listings import steps
from portal.listings.data import empty_listing, listing_data
from portal.listings.wording import summary
from portal.moderation.models import ListingRevision
from tests import factories
from tests.listings.test_views import (
    COMPLETE,
    LATITUDE,
    LONGITUDE,
    POSTCODE,
    a_draft,
    error_for,
    neighbour,  # noqa: F401
    send,
    value_of,
    visit,
)
from tests.support import html_of, sign_in


def saved(revision) -> dict:
    db.session.expire_all()
    return db.session.get(ListingRevision, revision.id).data


def checked(html: str, name: str) -> list[str]:
    """The values of the radios called `name` that are chosen on the page."""
    inputs = re.findall(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    return [re.search(r'value="([^"]*)"', i)[1] for i in inputs if " checked" in i]


# --- 3. the first dashboard ------------------------------------------------------------------


def test_a_first_group_is_asked_about_under_its_own_heading(client, app):
    newcomer = factories.user("nia@example.org", role=Role.GROUP_MEMBER, name="Nia New")
    sign_in(client, newcomer)
    page = html_of(client.get("/groups"))
    assert "Another group?" not in page
    first = page.index("To list an activity, first tell us about your group.")
    link = page.index("Tell us about a new group")
    assert first < link
    assert "ask to manage it" in page


def test_a_member_with_a_group_still_sees_another_group(member_client, org):
    page = html_of(member_client.get("/groups"))
    assert "Another group?" in page
    assert "first tell us about your group" not in page


# --- 4. no answer chosen for the volunteer -----------------------------------------------------


def test_a_new_listing_has_no_cost_or_joining_answer_chosen(member_client, org, member):
    revision = a_draft(org, member)
    page = visit(member_client, f"/listings/drafts/{revision.id}/cost")
    assert checked(page, "free") == []
    assert checked(page, "how_to_join") == []
    response = send(member_client, f"/listings/drafts/{revision.id}/cost")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert error_for(page, "free") == "Say whether it costs anything"
    assert error_for(page, "how_to_join") == "Choose how people join"
    assert '<a href="#free">Say whether it costs anything</a>' in page
    assert saved(revision)["free"] is None
    check = html_of(member_client.get(f"/listings/drafts/{revision.id}/check"))
    assert "whether it costs anything and how people join" in check


def test_an_edit_keeps_its_saved_answers_chosen(member_client, org, member):
    live = factories.service("Knit and Natter", org=org, costs=[2])
    db.session.commit()
    data = listing_data(live)
    assert (data["free"], data["how_to_join"]) == (False, "turn_up")
    revision = a_draft(org, member, data, done=steps.STEP_KEYS)
    page = visit(member_client, f"/listings/drafts/{revision.id}/cost")
    assert checked(page, "free") == ["no"]
    assert checked(page, "how_to_join") == ["turn_up"]


def test_data_without_the_answers_still_applies_as_before(app):
    assert steps.still_needed(COMPLETE | {"free": True, "how_to_join": "turn_up"}) == []
    assert ("cost", "whether it costs anything and how people join") in steps.still_needed(
        empty_listing()
    )
    assert summary({"name": "Walk"})["Cost"] == ""


# --- 5. what a person means ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("noon", "12:00"),
        ("12 noon", "12:00"),
        ("Midday", "12:00"),
        ("midnight", "00:00"),
        ("10.30am", "10:30"),
        ("10:30 am", "10:30"),
        ("2pm", "14:00"),
        ("2 p.m.", "14:00"),
    ],
)
def test_times_are_read_as_people_write_them(typed, meant):
    assert steps.parse_time(typed).strftime("%H:%M") == meant


def test_a_finishing_time_of_noon_is_accepted_and_shown_back(member_client, org, member):
    revision = a_draft(org, member)
    url = f"/listings/drafts/{revision.id}/when"
    response = send(
        member_client,
        url,
        {"sessions-0-day": "TU", "sessions-0-opens_at": "10.30am", "sessions-0-closes_at": "noon"},
        {"sessions-0-pattern": ["weekly"]},
    )
    assert response.status_code == 302, html_of(response)[-1500:]
    assert saved(revision)["sessions"][0]["closes_at"] == "12:00"
    page = visit(member_client, url)
    assert value_of(page, "sessions-0-closes_at") == "12 noon"
    assert value_of(page, "sessions-0-opens_at") == "10:30am"


def test_a_web_address_without_https_is_accepted(member_client, org, member):
    revision = a_draft(org, member)
    url = f"/listings/drafts/{revision.id}/contact"
    response = send(member_client, url, {"website": "facebook.com/harmanswanderers"})
    assert response.status_code == 302, html_of(response)[-1500:]
    assert saved(revision)["website"] == "https://facebook.com/harmanswanderers"
    assert value_of(visit(member_client, url), "website") == "https://facebook.com/harmanswanderers"


def test_a_venue_written_with_its_postcode_is_placed(member_client, org, member, neighbour):  # noqa: F811
    revision = a_draft(org, member)
    url = f"/listings/drafts/{revision.id}/where"
    response = send(
        member_client, url, {"places-0-name": "Harmans Water Community Centre, rg45 7ab"}
    )
    assert response.status_code == 302, html_of(response)[-1500:]
    place = saved(revision)["places"][0]
    assert (place["name"], place["postcode"]) == ("Harmans Water Community Centre", POSTCODE)
    assert (place["latitude"], place["longitude"]) == (LATITUDE, LONGITUDE)
    page = visit(member_client, url)
    assert value_of(page, "places-0-name") == "Harmans Water Community Centre"
    assert value_of(page, "places-0-postcode") == POSTCODE


# --- 6. "How often?" shows the fields that apply -------------------------------------------------


def test_each_frequency_names_the_fields_it_needs(member_client, org, member):
    revision = a_draft(org, member)
    page = visit(member_client, f"/listings/drafts/{revision.id}/when")
    # Every field is on the page (so it works without JavaScript), each marked with the
    # frequencies it belongs to, which the page's script uses to show only those.
    shown_for = dict(re.findall(r'data-shown-for="([^"]+)"[^>]*data-field="([^"]+)"', page))
    fields = {field: set(kinds.split()) for kinds, field in shown_for.items()}
    assert fields == {
        "sessions-0-day": {"weekly", "fortnightly", "monthly"},
        "sessions-0-week": {"monthly"},
        "sessions-0-date": {"once", "fortnightly"},
    }
    assert 'src="/static/js/reveal.js"' in page


# --- 7. one way to get in touch: the group's error ----------------------------------------------


def test_no_way_to_get_in_touch_is_an_error_on_the_group(member_client, org, member):
    revision = a_draft(org, member)
    response = send(
        member_client, f"/listings/drafts/{revision.id}/contact", {"contact_name": "Ann"}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    group = re.search(r'<fieldset class="govuk-fieldset"[^>]*>.*?</fieldset>', page, re.S)[0]
    assert re.search(r'<fieldset[^>]*aria-describedby="[^"]*contact-ways-error"', group)
    assert 'id="contact-ways-error"' in group
    assert "Give at least one way to get in touch: email, phone or website" in unescape(group)
    for field in ("contact_email", "contact_phone", "website"):
        assert f'name="{field}"' in group
    assert 'id="contact_email-error"' not in page  # not the e-mail field's alone
    assert '<a href="#contact_email">Give at least one way' in unescape(page)
    assert value_of(page, "contact_name") == "Ann"


# --- 8. the pin described in words ------------------------------------------------------------


def test_the_pin_step_says_where_the_pin_is_in_words(member_client, org, member, neighbour):  # noqa: F811
    revision = a_draft(org, member)
    url = f"/listings/drafts/{revision.id}/where"
    send(member_client, url, {"places-0-name": "Morgan Centre", "places-0-postcode": POSTCODE})
    page = html_of(member_client.get(url))
    assert f"The pin is at the centre of {POSTCODE}" in page
    assert "Nearest places we know: Crowthorne (" in page
    moved = send(
        member_client, url, {"places-0-latitude": "51.3713", "places-0-longitude": "-0.7915"}
    )
    assert moved.status_code == 302
    page = html_of(member_client.get(url))
    assert f"The pin is 150 m north-east of the centre of {POSTCODE}" in page


def test_the_editor_sees_the_place_in_words(app, org, member, neighbour):  # noqa: F811
    data = COMPLETE | {"places": [COMPLETE["places"][0] | {"latitude": 51.3713}]}
    said = summary(data)["Map position"]
    assert said.startswith(f"110 m north of the centre of {POSTCODE}")

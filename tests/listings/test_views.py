"""The guided form at /listings, as a group member uses it in a browser: every page is read,
its form filled in as a person would and sent, and what they then see is checked."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from portal.accounts.models import Role
from portal.directory.models import Location, Service
from portal.extensions import db
from portal.listings.data import empty_listing, listing_data
from portal.moderation import services as moderation
from portal.moderation.models import ListingRevision, RevisionState
from portal.notify import outbox_messages
from tests import factories
from tests.support import csrf_token, html_of, sign_in

POSTCODE, LATITUDE, LONGITUDE = "RG45 7AB", 51.3703, -0.7929


class _Form(HTMLParser):
    """The fields a browser would send from the first form in the page's <main>, without
    any button: buttons are pressed by the test."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._in_main = False
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "main":
            self._in_main = True
        elif tag == "form" and self._in_main:
            self.forms.append([])
        elif not self.forms:
            return
        elif tag == "input" and a.get("name") and a.get("type", "text") != "submit":
            if a.get("type") in ("radio", "checkbox") and "checked" not in a:
                return
            self.forms[-1].append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.forms[-1].append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.forms[-1].append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None


def form_fields(html: str) -> list[tuple[str, str]]:
    parser = _Form()
    parser.feed(html)
    assert parser.forms, "no form on the page"
    return parser.forms[0]


def fill(html: str, typed: dict, ticked: dict | None = None) -> list[tuple[str, str]]:
    """The page's form with `typed` fields replaced and `ticked` boxes set (name -> values)."""
    ticked = ticked or {}
    kept = [(n, v) for n, v in form_fields(html) if n not in typed and n not in ticked]
    return (
        kept
        + [(n, str(v)) for n, v in typed.items()]
        + [(n, v) for n, values in ticked.items() for v in values]
    )


def visit(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.get_data(as_text=True)


def send(client, url: str, typed: dict | None = None, ticked: dict | None = None, **buttons):
    """Open `url`, fill in its form as a person would, and press a button (`action=...`)."""
    page = visit(client, url)
    return client.post(url, data=MultiDict(fill(page, typed or {}, ticked) + list(buttons.items())))


def error_for(html: str, field: str) -> str:
    found = re.search(rf'id="{re.escape(field)}-error"[^>]*>(.*?)</p>', html, re.S)
    assert found, f"no error shown next to {field}"
    return unescape(re.sub(r"<[^>]+>", "", found.group(1))).replace("Error:", "").strip()


def value_of(html: str, field: str) -> str | None:
    found = re.search(rf'<input[^>]*\bname="{re.escape(field)}"[^>]*>', html)
    value = re.search(r'value="([^"]*)"', found.group(0)) if found else None
    return unescape(value.group(1)) if value else None


def status_of(html: str, key: str) -> str:
    found = re.search(rf'id="status-{key}">(.*?)</div>', html, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def neighbour(app):
    """A live listing by another group at the postcode the draft uses: the gazetteer is not
    loaded in these tests, so postcodes are found from the listings already held."""
    return factories.service(
        "Tuesday Chatter Café",
        org=factories.organisation("Crowthorne Village Hall Trust"),
        location=factories.venue(postal_code=POSTCODE, latitude=LATITUDE, longitude=LONGITUDE),
    )


COMPLETE = empty_listing() | {
    "free": True,
    "how_to_join": "turn_up",
    "name": "Nordic Walking",
    "description": "A brisk walk with poles through the woods, then tea.",
    "sessions": [
        {
            "pattern": "weekly",
            "day": "TH",
            "week": None,
            "date": "",
            "opens_at": "10:00",
            "closes_at": "11:30",
            "note": "",
            "valid_from": "",
            "valid_to": "",
        }
    ],
    "places": [
        {
            "kind": "venue",
            "name": "Morgan Centre",
            "address_1": "Wellington Road",
            "city": "Crowthorne",
            "postcode": POSTCODE,
            "latitude": LATITUDE,
            "longitude": LONGITUDE,
            "url": "",
            "access": ["step_free_access"],
        }
    ],
    "contact_email": "walks@example.org",
    "needs": ["getting-active"],
}


def a_draft(org, member, data: dict | None = None, done=()) -> ListingRevision:
    revision = moderation.start_listing(member, org)
    for key in done:
        moderation.save_step(revision, key, {})
    if data:
        moderation.save_step(revision, done[-1] if done else "about", data)
    return revision


@pytest.fixture
def complete_draft(org, member, neighbour):
    from portal.listings.steps import STEP_KEYS

    return a_draft(org, member, COMPLETE, done=STEP_KEYS)


# --- the whole form, page by page --------------------------------------------------------------


def test_a_group_member_fills_in_every_step_and_sends_the_listing_for_review(
    member_client, org, member, neighbour
):
    start = f"/listings/new/{org.id}"
    assert "What it is" in visit(member_client, start)
    response = send(member_client, start)
    assert response.status_code == 302
    about = response.headers["Location"]
    assert re.fullmatch(r"/listings/drafts/[0-9a-f-]+/about", about)
    drafts = about.rsplit("/", 1)[0]

    answers = {
        "about": (
            {"name": "Nordic Walking", "description": "A brisk walk with poles, then tea."},
            {"activity_type": ["walking-group"]},
        ),
        "who": ({"minimum_age": "18"}, {"audiences": ["older-people"]}),
        "when": (
            {
                "sessions-0-day": "TH",
                "sessions-0-opens_at": "10am",
                "sessions-0-closes_at": "11:30am",
            },
            {"sessions-0-pattern": ["weekly"]},
        ),
    }
    for key, (typed, ticked) in answers.items():
        response = send(member_client, f"{drafts}/{key}", typed, ticked)
        assert response.status_code == 302, (key, html_of(response)[-2000:])
    assert response.headers["Location"] == f"{drafts}/where"

    # A new venue: the pin goes at the postcode, and the map is shown to check it.
    where = {
        "places-0-name": "Morgan Centre",
        "places-0-address_1": "Wellington Road",
        "places-0-city": "Crowthorne",
        "places-0-postcode": "rg45 7ab",
    }
    response = send(member_client, f"{drafts}/where", where)
    assert response.status_code == 302
    assert response.headers["Location"] == f"{drafts}/where"
    page = visit(member_client, f"{drafts}/where")
    assert "Check the pin is in the right place on the map, then continue." in unescape(page)
    assert "Check the pin" in page
    assert value_of(page, "places-0-postcode") == POSTCODE
    assert float(value_of(page, "places-0-latitude")) == LATITUDE
    # The person drags the pin a little and saves: now it moves on, keeping their pin.
    response = send(
        member_client,
        f"{drafts}/where",
        {"places-0-latitude": "51.3711", "places-0-longitude": "-0.7915"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"{drafts}/cost"

    rest = {
        "cost": (
            {"cost_amount": "2.50", "cost_notes": "Includes tea"},
            {"free": ["no"], "how_to_join": ["turn_up"]},
        ),
        "contact": ({"contact_name": "Ann", "contact_email": "walks@example.org"}, {}),
        "access": ({}, {"places-0-access": ["step_free_access", "parking"]}),
        "needs": ({}, {"needs": ["getting-active", "loneliness-and-company"]}),
    }
    for key, (typed, ticked) in rest.items():
        response = send(member_client, f"{drafts}/{key}", typed, ticked)
        assert response.status_code == 302, (key, html_of(response)[-2000:])
    assert response.headers["Location"] == f"{drafts}/check"

    overview = visit(member_client, drafts)
    for key in ("about", "who", "when", "where", "cost", "contact", "access", "needs"):
        assert status_of(overview, key) == "Completed", key

    check = html_of(member_client.get(f"{drafts}/check"))
    assert "Still to add" not in check
    assert "Every Thursday, 10am to 11:30am" in check
    assert "51.37110, -0.79150" in check  # the pin where the person put it
    assert "£2.50 (Includes tea)" in check
    assert "Parking on site, Step-free access" in check
    assert "Send for review" in check

    services_before = count(Service)
    response = send(member_client, f"{drafts}/check")
    assert response.status_code == 302
    assert response.headers["Location"] == "/groups"
    assert "“Nordic Walking” is waiting for review." in html_of(member_client.get("/groups"))

    revision = db.session.scalars(select(ListingRevision)).one()
    assert revision.state is RevisionState.PENDING
    assert sorted(revision.data["places"][0]["access"]) == ["parking", "step_free_access"]
    assert count(Service) == services_before  # nothing is live until it is approved
    [mail] = [m for m in outbox_messages() if m.to == member.email]
    assert mail.subject == "We have received your new listing Nordic Walking"
    assert "usually within 2 working days" in mail.body


# --- mistakes ----------------------------------------------------------------------------------


def test_a_mistake_is_shown_next_to_the_field_with_what_was_typed_and_nothing_saved(
    member_client, org, member
):
    revision = a_draft(org, member)
    before = dict(revision.data)
    url = f"/listings/drafts/{revision.id}/about"

    response = send(
        member_client, url, {"name": "", "description": "A walk with poles & a flask of tea."}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "<title>Error: " in page
    assert error_for(page, "name") == "Enter the name of the activity"
    assert "A walk with poles &amp; a flask of tea.</textarea>" in page
    db.session.expire_all()
    assert db.session.get(ListingRevision, revision.id).data == before
    assert db.session.get(ListingRevision, revision.id).steps_done == []


def test_an_unreadable_time_is_refused_and_kept_for_correcting(member_client, org, member):
    revision = a_draft(org, member)
    before = dict(revision.data)
    response = send(
        member_client,
        f"/listings/drafts/{revision.id}/when",
        {"sessions-0-day": "TU", "sessions-0-opens_at": "noon-ish"},
        {"sessions-0-pattern": ["weekly"]},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert error_for(page, "sessions-0-opens_at") == (
        "Enter a start time like 10am, 2:30pm or 14:30"
    )
    assert value_of(page, "sessions-0-opens_at") == "noon-ish"
    assert '<option value="TU" selected>' in page
    assert db.session.get(ListingRevision, revision.id).data == before


def test_a_postcode_that_cannot_be_found_is_refused(member_client, org, member):
    revision = a_draft(org, member)
    response = send(
        member_client,
        f"/listings/drafts/{revision.id}/where",
        {"places-0-name": "Morgan Centre", "places-0-postcode": "RG12 1AA"},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert error_for(page, "places-0-postcode") == (
        "We could not find that postcode: check it, like RG12 1AA"
    )
    assert value_of(page, "places-0-postcode") == "RG12 1AA"
    assert "Check the pin" not in page
    assert db.session.get(ListingRevision, revision.id).data["places"] == []


def test_adding_a_session_shows_another_row_without_saving(member_client, org, member):
    revision = a_draft(org, member)
    response = send(
        member_client,
        f"/listings/drafts/{revision.id}/when",
        {"sessions-0-day": "TU", "sessions-0-opens_at": "10am"},
        {"sessions-0-pattern": ["weekly"]},
        action="add",
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Session 2" in page and "Remove session 2" in page
    assert "There is a problem" not in page
    assert db.session.get(ListingRevision, revision.id).data["sessions"] == []


def test_removing_a_place_keeps_the_other_places_pin_and_access(
    member_client, org, member, neighbour
):
    second = COMPLETE["places"][0] | {
        "name": "Ascot Hall",
        "postcode": "RG45 7XX",
        "latitude": 51.3751,
        "longitude": -0.7899,
        "access": ["hearing_loop"],
    }
    revision = a_draft(
        org, member, COMPLETE | {"places": [COMPLETE["places"][0], second]}, done=("where",)
    )
    url = f"/listings/drafts/{revision.id}/where"
    response = send(member_client, url, action="remove-0")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Place 2" not in page
    assert value_of(page, "places-0-name") == "Ascot Hall"

    response = member_client.post(url, data=MultiDict(form_fields(page)))
    assert response.status_code == 302, html_of(response)[-2000:]
    db.session.expire_all()
    [kept] = db.session.get(ListingRevision, revision.id).data["places"]
    assert (kept["name"], kept["access"]) == ("Ascot Hall", ["hearing_loop"])
    assert (kept["latitude"], kept["longitude"]) == (51.3751, -0.7899)


# --- the overview and the check page -----------------------------------------------------------


def test_the_overview_says_which_parts_are_done_and_which_are_needed(member_client, org, member):
    revision = a_draft(
        org,
        member,
        {"name": "Nordic Walking", "description": "A brisk walk with poles, then tea."},
        done=("about",),
    )
    page = visit(member_client, f"/listings/drafts/{revision.id}")
    assert "Nordic Walking" in page
    assert status_of(page, "about") == "Completed"
    assert status_of(page, "who") == "Not started"
    for key in ("when", "where", "contact", "needs"):
        assert status_of(page, key) == "Needed", key


def test_the_check_page_lists_what_is_missing_and_will_not_send_it(member_client, org, member):
    revision = a_draft(
        org,
        member,
        {"name": "Nordic Walking", "description": "A brisk walk with poles, then tea."},
        done=("about",),
    )
    url = f"/listings/drafts/{revision.id}/check"
    page = html_of(member_client.get(url))
    assert (
        "Still to add: when it happens, where it happens, whether it costs anything and how "
        "people join, a way to get in touch, the needs it helps with."
        in re.sub(r"<[^>]+>", "", page)
    )
    assert "Send for review" not in page

    token = csrf_token(visit(member_client, f"/listings/new/{org.id}"))
    response = member_client.post(url, data={"csrf_token": token})  # sent anyway
    assert response.status_code == 400
    assert "Add when it happens before you submit" in html_of(response)
    assert db.session.get(ListingRevision, revision.id).state is RevisionState.DRAFT
    assert outbox_messages() == []


def test_the_check_page_asks_about_a_similar_listing_nearby(member_client, complete_draft):
    moderation.save_step(complete_draft, "about", {"name": "Tuesday Chatter Cafe"})
    page = html_of(member_client.get(f"/listings/drafts/{complete_draft.id}/check"))
    assert "Is this the same as one already listed?" in page
    assert "Tuesday Chatter Café</a> by Crowthorne Village Hall Trust" in page
    assert "Send for review" in page  # it may still be sent


def test_the_check_page_does_not_ask_about_unrelated_listings(member_client, complete_draft):
    page = html_of(member_client.get(f"/listings/drafts/{complete_draft.id}/check"))
    assert "Is this the same as" not in page


def test_the_preview_is_the_public_page_with_a_banner_and_saves_nothing(
    member_client, complete_draft
):
    before = (count(Service), count(Location))
    response = member_client.get(f"/listings/drafts/{complete_draft.id}/preview")
    assert response.status_code == 200
    page = html_of(response)
    assert 'id="preview-title">Preview</h2>' in page
    assert "It is not public yet." in page
    assert '<h1 class="govuk-heading-xl">Nordic Walking</h1>' in page
    assert "Run by" in page and "Crowthorne Good Companions" in page
    assert "Morgan Centre" in page
    assert (count(Service), count(Location)) == before
    assert "Nordic Walking" not in html_of(member_client.get("/"))


# --- once it is sent ---------------------------------------------------------------------------


def test_a_draft_waiting_for_review_cannot_be_changed_by_the_group(
    member_client, member, complete_draft
):
    moderation.submit(complete_draft, member)
    url = f"/listings/drafts/{complete_draft.id}"
    data = dict(db.session.get(ListingRevision, complete_draft.id).data)

    assert member_client.get(f"{url}/about").status_code == 403
    page = visit(member_client, url)
    assert "This is waiting for review." in page
    assert f'href="{url}/about"' not in page
    assert "Check and send" not in page
    token = csrf_token(visit(member_client, f"/listings/new/{complete_draft.organisation_id}"))
    response = member_client.post(
        f"{url}/about",
        data={
            "csrf_token": token,
            "name": "Changed behind the editors' backs",
            "description": "Something else entirely, not what was checked.",
        },
    )
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(ListingRevision, complete_draft.id).data == data


def test_a_member_of_another_group_cannot_open_the_draft(app, complete_draft):
    other = factories.organisation("Ascot Sports Club")
    outsider = factories.user(
        "oscar@example.org", role=Role.GROUP_MEMBER, name="Oscar", organisations=(other,)
    )
    browser = app.test_client()
    sign_in(browser, outsider)
    drafts = f"/listings/drafts/{complete_draft.id}"
    for url in (drafts, f"{drafts}/about", f"{drafts}/check", f"{drafts}/preview"):
        assert browser.get(url).status_code == 403, url
    assert browser.get(f"/listings/new/{complete_draft.organisation_id}").status_code == 403
    assert "Nordic Walking" not in html_of(browser.get(f"{drafts}/preview"))


def test_someone_signed_out_is_asked_to_sign_in(client, complete_draft):
    response = client.get(f"/listings/drafts/{complete_draft.id}")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


# --- changing a live listing -------------------------------------------------------------------


def test_changing_a_live_listing_continues_the_same_open_edit(member_client, org):
    service = factories.service("Knit and Natter", org=org)
    url = f"/listings/{service.id}/edit"
    assert "Start changing it" in visit(member_client, url)

    first = send(member_client, url)
    assert first.status_code == 302
    assert "Carry on with my changes" in visit(member_client, url)
    second = send(member_client, url)
    assert second.headers["Location"] == first.headers["Location"]

    [revision] = db.session.scalars(select(ListingRevision)).all()
    assert first.headers["Location"] == f"/listings/drafts/{revision.id}"
    assert revision.service_id == service.id
    assert revision.data == listing_data(service)
    overview = visit(member_client, first.headers["Location"])
    assert "You are changing a live listing." in overview
    check = html_of(member_client.get(f"/listings/drafts/{revision.id}/check"))
    assert "You have not changed anything yet." in check


def test_a_changed_live_listing_shows_what_changed_and_stays_live_as_it_was(
    member_client, org, member
):
    service = factories.service("Knit and Natter", org=org)
    revision = moderation.start_edit(member, service)
    response = send(
        member_client,
        f"/listings/drafts/{revision.id}/about",
        {"name": "Knit, Natter and Cake"},
    )
    assert response.status_code == 302
    check = html_of(member_client.get(f"/listings/drafts/{revision.id}/check"))
    assert "What you changed" in check
    assert re.search(r"Name</th><td[^>]*>Knit and Natter</td><td[^>]*>Knit, Natter and Cake", check)
    db.session.expire_all()
    assert db.session.get(Service, service.id).name == "Knit and Natter"

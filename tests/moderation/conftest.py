"""People, listings and small helpers shared by the moderation tests.

A group member, an editor and the public each get their own browser (test client); group
actions that are not under test go through the moderation services, as the guided form
would call them.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from flask.testing import FlaskClient

from portal.accounts.models import Role
from portal.cli import reindex_all
from portal.directory.services import load_vocabulary
from portal.extensions import db
from portal.geo.models import Place, PlaceKind
from portal.moderation import services
from portal.notify import outbox_messages
from tests import factories
from tests.support import csrf_token, page, sign_in

POSTCODE = "RG45 7AB"
POSITION = (51.3703, -0.7929)


class Browser(FlaskClient):
    """A test client whose every request runs in its own app context, as in production.

    The `app` fixture keeps one app context open for the whole test, and a request reuses
    it: then `g` (who is signed in, this session's CSRF token) and the database session
    would be shared by every browser in the test, and two people could not be signed in at
    once. After each request the test's own session forgets what it had loaded, so it sees
    what the request saved."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture(autouse=True)
def _browsers(app):
    app.test_client_class = Browser


@pytest.fixture
def org(app):
    organisation = factories.organisation("Crowthorne Good Companions")
    db.session.commit()
    return organisation


@pytest.fixture
def member(org):
    return factories.user(
        "gwen@example.org", role=Role.GROUP_MEMBER, name="Gwen Group", organisations=(org,)
    )


@pytest.fixture
def editor(app):
    return factories.user("eve@example.org", role=Role.EDITOR, name="Eve Editor")


@pytest.fixture
def postcode(app):
    """The gazetteer knows the listings' postcode, as it does once postcodes are imported;
    the index holds one listing far away (Ascot), which no search near it should find."""
    factories.service(
        "Ascot Walking Football",
        org=factories.organisation("Ascot Sports Club"),
        location=factories.venue(
            "Ascot Racecourse Hall",
            city="Ascot",
            postal_code="SL5 7JX",
            latitude=51.41,
            longitude=-0.675,
        ),
    )
    db.session.add(
        Place(
            kind=PlaceKind.POSTCODE,
            key=POSTCODE.replace(" ", ""),
            name=POSTCODE,
            latitude=POSITION[0],
            longitude=POSITION[1],
            source="test",
        )
    )
    db.session.commit()
    reindex_all()
    return POSTCODE


@pytest.fixture
def editor_client(app, editor):
    browser = app.test_client()
    sign_in(browser, editor)
    return browser


@pytest.fixture
def member_client(app, member):
    browser = app.test_client()
    sign_in(browser, member)
    return browser


def post(browser, form_url: str, url: str | None = None, **data):
    """Submit a form as a person would: open the page it is on, then send it (with CSRF)."""
    token = csrf_token(page(browser, form_url))
    return browser.post(url or form_url, data={"csrf_token": token, **data})


def emails_to(address: str, subject: str = "") -> list:
    return [m for m in outbox_messages() if m.to == address and subject in m.subject]


def search_results(browser, **query) -> list[str]:
    """The names in the results list of a search (not the "further away" suggestions)."""
    response = browser.get("/search", query_string=query)
    assert response.status_code == 200, (query, response.status_code)
    items = re.findall(
        r'<li class="app-result-list__item".*?<a class="govuk-link" href="/services/[^"]+">'
        r"([^<]+)</a>",
        response.get_data(as_text=True),
        flags=re.S,
    )
    return [unescape(name) for name in items]


def near(browser, postcode: str = POSTCODE) -> list[str]:
    return search_results(browser, where=postcode)


def listing(**changes) -> dict:
    """A complete listing's data, as the guided form builds it."""
    data = {
        "name": "Knit and Natter",
        "description": "Bring your knitting for tea, biscuits and a friendly chat.",
        "activity_type": "",
        "status": "active",
        "alert": "",
        "audiences": [],
        "minimum_age": None,
        "maximum_age": None,
        "sessions": [
            {
                "pattern": "weekly",
                "day": "WE",
                "week": None,
                "date": "",
                "opens_at": "10:00",
                "closes_at": "12:00",
                "note": "",
                "valid_from": "",
                "valid_to": "",
            }
        ],
        "schedule_note": "",
        "places": [
            {
                "kind": "venue",
                "name": "Morgan Centre",
                "address_1": "Wellington Road",
                "city": "Crowthorne",
                "postcode": POSTCODE,
                "latitude": POSITION[0],
                "longitude": POSITION[1],
                "url": "",
                "access": ["step_free_access"],
            }
        ],
        "access_details": "",
        "free": True,
        "cost_amount": "",
        "cost_notes": "",
        "how_to_join": "turn_up",
        "join_details": "",
        "contact_name": "Gwen Group",
        "contact_email": "knit@example.org",
        "contact_phone": "",
        "website": "",
        "needs": ["loneliness-and-company"],
    }
    return {**data, **changes}


def submitted_listing(member, org, **changes):
    """A new listing the group has written and sent for review."""
    load_vocabulary()
    revision = services.start_listing(member, org)
    services.save_step(revision, "about", listing(**changes))
    services.submit(revision, member)
    return revision


def submitted_edit(member, service, **changes):
    """The group's changes to a live listing, sent for review."""
    revision = services.start_edit(member, service)
    services.save_step(revision, "about", changes)
    services.submit(revision, member)
    return revision


def today_text() -> str:
    from portal.directory.schedules import format_date

    return format_date(date.today())


def live_listing(member, org, editor, **changes):
    """A listing the group wrote and the directory team approved: live and searchable."""
    return services.approve(submitted_listing(member, org, **changes), editor)


def section(html: str, section_id: str) -> str:
    """One part of a page, from its heading (by id) to the next heading of its level."""
    start = html.index(f'id="{section_id}"')
    rest = html[start:]
    following = re.search(r'<h2 class="govuk-heading-m" id=', rest[1:])
    return rest[: following.start() + 1] if following else rest


def dashboard_row(browser, name: str) -> str:
    """The row of a group's dashboard about the listing `name`, as text and tags."""
    html = page(browser, "/groups")
    rows = re.findall(r'<tr class="govuk-table__row">.*?</tr>', html, flags=re.S)
    found = [row for row in rows if name in row]
    assert found, f"{name} is not on the dashboard"
    return unescape(re.sub(r"\s+", " ", found[0]))


def error_next_to(html: str, field: str) -> str:
    """The error message shown next to a form field ('' when there is none)."""
    found = re.search(
        rf'<p id="{field}-error" class="govuk-error-message">\s*'
        r'<span class="govuk-visually-hidden">Error:</span>\s*(.*?)\s*</p>',
        html,
        flags=re.S,
    )
    return unescape(found.group(1)) if found else ""

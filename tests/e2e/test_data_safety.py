"""Two people at once, and an outage, as people see them in a real browser.

A volunteer and an editor save the same draft at the same time: the one who saves second is
told who changed it and what it says now, keeps what they typed, and can save again by
keyboard. The page a person sees while the database is away passes axe-core too. Screenshots
at phone (390 px) and desktop widths.
"""

from __future__ import annotations

import re
import threading
import uuid

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.moderation import services
from tests import factories
from tests.e2e.test_self_registration import EDITOR, sign_in
from tests.support import make_app
from tests.support.listings import listing

pytestmark = pytest.mark.e2e

VOLUNTEER_PASSWORD = "bracken lantern meadow"


@pytest.fixture
def shared_draft(demo_app):
    """A live listing of a group Rowan runs, with an edit Rowan has open. The demo portal is
    shared by the browser tests, so each test gets a group and an account of its own."""
    with demo_app.app_context():
        unique = uuid.uuid4().hex[:6]
        org = factories.organisation(f"Harmans Water Ramblers {unique}")
        rowan = factories.user(
            f"rowan.{unique}@example.org",
            VOLUNTEER_PASSWORD,
            Role.GROUP_MEMBER,
            name="Rowan Hart",
            organisations=(org,),
        )
        editor = db.session.query(User).filter_by(email=EDITOR[0]).one()
        draft = services.start_listing(rowan, org)
        services.save_step(draft, "about", listing(name="Harmans Water Rambles"))
        services.submit(draft, rowan)
        service = services.approve(draft, editor)
        edit = services.start_edit(rowan, service)
        yield f"/listings/drafts/{edit.id}/about", rowan.email
        db.session.remove()


def test_the_second_save_is_told_what_changed_and_keeps_what_was_typed(
    browser, live_server, page, check_page, shared_draft
):
    draft, volunteer = shared_draft
    editor_context = browser.new_context(base_url=live_server)
    editors_page = editor_context.new_page()
    sign_in(editors_page, *EDITOR)
    sign_in(page, volunteer, VOLUNTEER_PASSWORD)
    page.goto(draft)
    editors_page.goto(draft)

    editors_page.get_by_label("Name of the activity").fill("Harmans Water Rambles and Tea")
    editors_page.get_by_role("button", name="Save and continue").click()
    expect(editors_page).not_to_have_url(re.compile(r"/about$"))
    editor_context.close()

    page.get_by_label("Name of the activity").fill("Harmans Water Ramblers' Walks")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Erin Editor changed this draft")).to_be_visible()
    expect(page.get_by_text("Nothing you typed here has been saved yet")).to_be_visible()
    expect(page.get_by_role("cell", name="Harmans Water Rambles and Tea")).to_be_visible()
    expect(page.get_by_label("Name of the activity")).to_have_value("Harmans Water Ramblers' Walks")
    check_page("draft-conflict-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    check_page("draft-conflict-phone")

    page.get_by_label("Name of the activity").focus()
    page.keyboard.press("Enter")  # saving again, knowingly, from the keyboard
    expect(page).not_to_have_url(re.compile(r"/about$"))
    page.goto(draft)
    expect(page.get_by_label("Name of the activity")).to_have_value("Harmans Water Ramblers' Walks")


def test_the_page_shown_while_the_database_is_away_is_accessible(browser, axe, tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'no-such-folder' / 'x.sqlite3'}", tmp_path / "search")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(base_url=f"http://127.0.0.1:{server.server_port}")
    try:
        for width in (1280, 390):
            away = context.new_page()
            away.set_viewport_size({"width": width, "height": 844})
            response = away.goto("/search?q=walking")
            assert response.status == 503
            assert response.headers["retry-after"] == "30"
            expect(
                away.get_by_role("heading", name="Sorry, the service is unavailable")
            ).to_be_visible()
            away.screenshot(path=str(tmp_path / f"database-away-{width}.png"), full_page=True)
            results = axe.run(away)
            assert results.response["violations"] == [], results.generate_report()
    finally:
        context.close()
        server.shutdown()


def test_a_listing_keeps_two_costs_through_an_edit(page, check_page, shared_draft):
    """A membership fee and a per-walk cost: both are entered without JavaScript-only
    controls, both are on the check page, and the cost step passes axe with two costs."""
    draft, volunteer = shared_draft
    sign_in(page, volunteer, VOLUNTEER_PASSWORD)
    page.goto(draft.replace("/about", "/cost"))
    page.get_by_label("There is a cost").check()
    page.get_by_label("What the cost is for (optional)").fill("Annual membership")
    page.get_by_label("How much, in pounds").fill("10")
    page.get_by_role("button", name="Add another cost").click()
    second = page.locator(".app-repeat").nth(1)
    second.get_by_label("What the cost is for").fill("Per walk")
    second.get_by_label("How much, in pounds").fill("1.50")
    check_page("cost-step-two-costs")
    page.get_by_role("button", name=re.compile(r"^Save and (continue|go back to check)")).click()
    page.goto(draft.replace("/about", "/check"))
    cost = page.locator(".govuk-summary-list__row", has_text="Cost")
    expect(cost).to_contain_text("Annual membership: £10; Per walk: £1.50")

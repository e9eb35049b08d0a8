"""Other directories in a real browser: an administrator registers a feed, checks it, reads
the report, matches a category, applies it by keyboard, and a resident sees the listing with
its source. Every page is scanned with axe-core and photographed on a phone and a desktop.

The feed is an Open Referral UK API served on 127.0.0.1 by `tests.oruk.feeds.serve_feed`;
everything written to the shared demo portal carries a name no other test uses.
"""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.directory.models import Service
from portal.extensions import db
from tests.oruk.feeds import serve_feed
from tests.oruk.importing import service_record, term_attribute
from tests.support.browser import signed_in

pytestmark = pytest.mark.e2e

ADMIN = "admin@demo.example.org"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def check_both(page, check_page, name: str) -> None:
    """axe-core and a screenshot at phone width, then at desktop width."""
    page.set_viewport_size(PHONE)
    check_page(f"{name}-390")
    page.set_viewport_size(DESKTOP)
    check_page(name)


def sign_in_as_admin(page) -> None:
    signed_in(page, ADMIN)


def their_listings(tag: str) -> list[dict]:
    """Two activities another directory publishes: one in a category of theirs we do not have."""
    play = term_attribute("Family Hub categories", "stay-play", f"Stay and play {tag}")
    return [
        service_record(1, id=f"e2e-{tag}-1", name=f"Lily Hill Health Walk {tag}"),
        service_record(
            2,
            id=f"e2e-{tag}-2",
            name=f"Toddler Stay and Play {tag}",
            attributes=[term_attribute("Needs", "getting-active", "Getting active"), play],
        ),
    ]


def tab_to(page, name: str, limit: int = 200) -> None:
    """Press Tab until the button called `name` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement && document.activeElement.textContent.trim()"
        )
        if focused == name:
            return
    pytest.fail(f"“{name}” cannot be reached with the Tab key")


def test_an_administrator_takes_in_another_directory_and_residents_see_whose_it_is(
    page, check_page, demo_app
):
    tag = uuid.uuid4().hex[:6]
    directory = f"Bracknell Family Hub {tag}"
    with serve_feed(their_listings(tag)) as (base_url, _state):
        sign_in_as_admin(page)
        page.get_by_role("link", name="Other directories").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Other directories")
        check_both(page, check_page, "oruk-directories")

        page.get_by_role("button", name="Add another directory").click()
        page.get_by_role("button", name="Save and continue").click()
        expect(page).to_have_title(re.compile(r"^Error: Add another directory"))
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_contain_text("Enter whose listings these are")
        check_both(page, check_page, "oruk-add-errors")

        page.get_by_label("Whose listings are these?").fill(directory)
        page.get_by_label("Web address").fill(base_url)
        page.get_by_label("Work it out for me").check()
        page.get_by_label("Email address for problems with their listings").fill(
            f"data-{tag}@familyhub.example.org"
        )
        page.get_by_label("Every week").check()
        page.get_by_role("button", name="Save and continue").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(directory)
        expect(page.get_by_text("Open Referral UK API")).to_be_visible()
        check_both(page, check_page, "oruk-feed")

        page.get_by_role("button", name="Check now").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Check of")
        expect(page.get_by_text("Waiting to be applied")).to_be_visible()
        new = page.locator(".govuk-summary-list__row", has_text="New listings")
        expect(new.locator("dd")).to_have_text("2")
        categories = page.locator("#categories + p + table")
        expect(categories).to_contain_text(f"Stay and play {tag}")
        check_both(page, check_page, "oruk-report")

        page.get_by_role("link", name="Match their categories to ours").first.click()
        expect(page.get_by_text("Not decided yet")).to_be_visible()
        page.get_by_label(f"Stay and play {tag}").select_option(label="Arts and creativity")
        check_both(page, check_page, "oruk-categories")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("Saved what 1 of their categories mean.")).to_be_visible()

        page.get_by_role("button", name="Check now").click()
        expect(page.locator("#categories + p")).to_have_text("None.")
        tab_to(page, "Apply these changes")
        page.keyboard.press("Enter")
        expect(page.get_by_text("Applied: the listings are live.")).to_be_visible()
        expect(page.get_by_text(re.compile(r"Applied by Alex Admin at"))).to_be_visible()
        check_both(page, check_page, "oruk-applied")

        page.get_by_role("link", name="Other directories").first.click()
        row = page.get_by_role("row", name=re.compile(directory))
        expect(row).to_contain_text("Every week")
        expect(row).to_contain_text("Applied")
        expect(row).to_contain_text("2 new")
        check_both(page, check_page, "oruk-directories-listed")

    with demo_app.app_context():
        listing_id = db.session.scalars(
            select(Service.id).where(Service.name == f"Toddler Stay and Play {tag}")
        ).one()
    page.goto(f"/services/{listing_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Toddler Stay and Play {tag}")
    expect(page.locator("#last-checked")).to_contain_text(
        f"This information comes from {directory}. They last checked it on"
    )
    listed_under = page.get_by_role("complementary")
    expect(listed_under.get_by_role("link", name="Arts and creativity")).to_be_visible()
    check_both(page, check_page, "oruk-public-listing")

    page.get_by_role("link", name="Report a problem with this listing").click()
    expect(page.get_by_text(f"This listing comes from {directory}")).to_be_visible()
    check_both(page, check_page, "oruk-report-problem")

"""Signing in with the second factor by keyboard, in a real browser (issue 12).

The demo GP types their password and then the code from their app, using the keyboard only,
and lands on search with Search, Shortlists and Referrals in the menu. Before the code, their
shortlists stay closed. Phone (390 px) and desktop (1280 px); axe-core on every page.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from seed.loader import DEMO_PASSWORD
from tests.e2e.test_prescribing import GP, fresh_code

pytestmark = pytest.mark.e2e

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
CODE_HEADING = "Enter the code from your authenticator app"


def type_password(page) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").focus()
    page.keyboard.type(GP)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(CODE_HEADING)


def sign_out(page) -> None:
    page.goto("/account")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_gp_signs_in_by_keyboard_and_lands_on_search(page, check_page, demo_app, size):
    page.set_viewport_size(size)
    type_password(page)
    check_page(f"sign-in-code-{size['width']}")

    page.goto("/shortlists")  # not signed in yet: back to the code, no lists shown
    expect(page).to_have_url(re.compile(r"/sign-in/code"))
    expect(page.get_by_role("heading", level=1)).to_have_text(CODE_HEADING)

    page.get_by_label("Code", exact=True).focus()
    page.keyboard.type(fresh_code(demo_app, GP))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"^[^?]*/shortlists$"))  # where they were going
    sign_out(page)
    type_password(page)
    page.get_by_label("Code", exact=True).focus()
    page.keyboard.type(fresh_code(demo_app, GP))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"^[^?]*/search$"))
    navigation = page.get_by_role("navigation", name="Menu")
    toggle = navigation.get_by_role("button", name="Menu")
    if size is PHONE:  # on a phone the menu opens from its button
        expect(toggle).to_be_visible()
        toggle.focus()
        page.keyboard.press("Enter")
    for text in ("Search", "Shortlists", "Referrals"):
        expect(navigation.get_by_role("link", name=text, exact=True)).to_be_visible()
    check_page(f"signed-in-search-{size['width']}")

"""A volunteer fills in the guided listing form by keyboard (issue 12): "How often?" shows only
the fields that apply, times and a venue are read as written, the pin is described in words,
no answer about cost is chosen for them, and a missing way to get in touch is said about the
group of fields. Every page is scanned with axe-core, at phone and desktop widths."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

GROUP = ("group@demo.example.org", "demo-password-2026")
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def both_widths(page, check_page, name: str) -> None:
    page.set_viewport_size(PHONE)
    check_page(f"{name}-390")
    page.set_viewport_size(DESKTOP)
    check_page(f"{name}-1280")


def type_into(page, label: str, text: str, **options) -> None:
    page.get_by_label(label, **options).focus()
    page.keyboard.type(text)


def choose(page, label: str) -> None:
    """Select a radio as a keyboard user does: move to it, press Space."""
    page.get_by_label(label, exact=True).focus()
    page.keyboard.press("Space")


def save(page) -> None:
    page.get_by_role("button", name=re.compile(r"^Save and continue")).focus()
    page.keyboard.press("Enter")


def test_a_volunteer_fills_in_the_form_by_keyboard(page, check_page):
    page.goto("/sign-in")
    type_into(page, "Email address", GROUP[0])
    type_into(page, "Password", GROUP[1], exact=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your listings")
    page.get_by_role("link", name=re.compile("^Add an activity")).first.click()
    page.get_by_role("button", name="Start now").click()

    type_into(page, "Name of the activity", "Harmans Water Wanderers")
    type_into(page, "What happens", "A gentle walk round the lakes, then tea at the centre.")
    save(page)
    save(page)  # who it is for: everyone

    # "How often?": nothing chosen, so no frequency's fields yet; each shows only its own.
    expect(page.get_by_role("heading", level=1)).to_have_text("When it happens")
    day, week, when = (
        page.get_by_label("Which day?"),
        page.get_by_label("If it is once a month, which week?"),
        page.get_by_label("Date", exact=True),
    )
    for field in (day, week, when):
        expect(field).to_be_hidden()
    choose(page, "Once a month")
    expect(day).to_be_visible()
    expect(week).to_be_visible()
    expect(when).to_be_hidden()
    choose(page, "On one date")
    expect(when).to_be_visible()
    expect(day).to_be_hidden()
    choose(page, "Every week")
    expect(day).to_be_visible()
    expect(week).to_be_hidden()
    both_widths(page, check_page, "when-weekly")
    day.focus()
    day.select_option("WE")
    type_into(page, "Starts at", "10.30am")
    type_into(page, "Finishes at", "noon")
    save(page)

    # A venue written with its postcode: placed on the map, the pin described in words.
    expect(page.get_by_role("heading", level=1)).to_have_text("Where it happens")
    type_into(
        page,
        "Name of the venue, or for online: how people join",
        "Owlsmoor Community Centre, gu47 0tt",
    )
    save(page)
    expect(page.get_by_text("Check the pin is in the right place")).to_be_visible()
    expect(page.get_by_label("Postcode")).to_have_value("GU47 0TT")
    expect(page.get_by_label("Name of the venue, or for online: how people join")).to_have_value(
        "Owlsmoor Community Centre"
    )
    words = page.locator("#places-0-pin-words")
    # The demo gazetteer knows the postcode's district only, and says so.
    expect(words).to_contain_text(
        re.compile(r"The pin is at the (centre of GU47 0TT|middle of the GU47 area)")
    )
    expect(words).to_contain_text(re.compile(r"Nearest places we know: \w.* \(\d"))
    both_widths(page, check_page, "where-pin")
    save(page)

    # Cost: nothing chosen for them; skipping it is an error saying what to do.
    expect(page.get_by_role("heading", level=1)).to_have_text("Cost and how to join")
    for label in ("It is free", "There is a cost", "They just turn up"):
        expect(page.get_by_label(label, exact=True)).not_to_be_checked()
    save(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Say whether it costs anything")
    expect(summary).to_contain_text("Choose how people join")
    both_widths(page, check_page, "cost-errors")
    choose(page, "There is a cost")
    type_into(page, "How much, in pounds", "2")
    type_into(page, "Anything else about this cost (optional)", "includes tea and biscuits")
    choose(page, "They just turn up")
    save(page)

    # Contact: no way given is an error on the group of three fields.
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact details")
    save(page)
    group = page.locator("fieldset#contact-ways")
    expect(group.locator(".govuk-error-message")).to_contain_text(
        "Give at least one way to get in touch"
    )
    page.locator(".govuk-error-summary a").first.click()
    expect(page.get_by_label("Email address")).to_be_focused()
    both_widths(page, check_page, "contact-errors")
    type_into(page, "Website or social media page", "facebook.com/harmanswanderers")
    save(page)
    save(page)  # accessibility
    choose(page, "Getting active")
    save(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your listing")
    listing = page.locator(".govuk-summary-list")
    expect(listing).to_contain_text("Every Wednesday, 10:30am to 12 noon")
    expect(listing).to_contain_text("£2 (includes tea and biscuits)")
    expect(listing).to_contain_text("https://facebook.com/harmanswanderers")
    expect(listing).to_contain_text(
        re.compile(r"At the (centre of GU47 0TT|middle of the GU47 area)")
    )
    both_widths(page, check_page, "check")
    page.get_by_role("link", name="See how the public page will look").click()
    expect(page.locator(".govuk-summary-list")).to_contain_text("£2 (includes tea and biscuits)")
    both_widths(page, check_page, "preview")

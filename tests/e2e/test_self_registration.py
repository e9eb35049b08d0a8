"""A community group lists itself, the directory team approves, and the listing stays fresh.

One journey in a real browser: sign up, confirm the e-mail address, create the group, add an
activity through the guided form (moving the map pin), send it for review; an editor
approves; it is found by search near its postcode; the group changes the time, the old time
stays live while the change waits, the editor approves the change. Every page visited, error
states included, is scanned with axe-core.
"""

import re

import pytest
from playwright.sync_api import expect

from portal.notify import outbox_messages
from tests.support import link_in
from tests.support.browser import sign_in

pytestmark = pytest.mark.e2e

GROUP_EMAIL = "olive.walker@example.org"
GROUP_PASSWORD = "heather moorland teapot"
EDITOR = ("editor@demo.example.org", "demo-password-2026")


def latest_email(demo_app, to: str, subject: str) -> str:
    with demo_app.app_context():
        found = [m for m in outbox_messages() if m.to == to and subject in m.subject]
    assert found, f"no e-mail to {to} about {subject!r}"
    return found[-1].body


def sign_out(page) -> None:
    page.goto("/account")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()


def save(page) -> None:
    page.get_by_role("button", name=re.compile(r"^Save and (continue|go back to check)")).click()


def approve_first(page, check_page, heading: str, title: str) -> None:
    sign_in(page, *EDITOR)
    expect(page).to_have_url(re.compile(r"^[^?]*/moderation$"))
    check_page(f"queue-{heading.split()[0].lower()}")
    section = page.locator("h2", has_text=heading)
    section.locator("xpath=following-sibling::ul[1]").get_by_role("link", name=title).click()
    check_page(f"review-{heading.split()[0].lower()}")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text(f"Approved: “{title}” is live.")).to_be_visible()
    sign_out(page)


def test_a_group_lists_an_activity_and_keeps_it_up_to_date(page, check_page, demo_app):
    # Sign up, with the errors first.
    page.goto("/")
    page.get_by_role("link", name="List your group").click()
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your name")
    check_page("sign-up-errors")
    page.get_by_label("Your name").fill("Olive Walker")
    page.get_by_label("Email address").fill(GROUP_EMAIL)
    page.get_by_label("Create a password").fill(GROUP_PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    check_page("sign-up-check-email")

    page.goto(link_in(latest_email(demo_app, GROUP_EMAIL, "Confirm your email address")))
    expect(page.get_by_text("Your email address is confirmed")).to_be_visible()
    page.get_by_label("Email address").fill(GROUP_EMAIL)
    page.get_by_label("Password", exact=True).fill(GROUP_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your listings")
    check_page("dashboard-empty")

    # The group, then the activity step by step.
    page.get_by_role("link", name="Tell us about a new group").click()
    page.get_by_label("Name of your group or organisation").fill("Owlsmoor Nordic Walkers")
    page.get_by_role("button", name="Save and add an activity").click()
    check_page("listing-start")
    page.get_by_role("button", name="Start now").click()

    save(page)  # nothing filled in: the errors, next to the fields
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name of the activity")
    check_page("step-about-errors")
    page.get_by_label("Name of the activity").fill("Nordic Walking on the Common")
    page.get_by_label("What happens").fill(
        "A brisk walk with poles across Owlsmoor Common, then tea. Poles to borrow."
    )
    save(page)
    check_page("step-who")
    save(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("When it happens")
    page.get_by_label("Every week").check()
    page.get_by_label("Which day?").select_option("TH")
    page.get_by_label("Starts at").fill("10am")
    page.get_by_label("Finishes at").fill("11:30am")
    check_page("step-when")
    save(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Where it happens")
    page.get_by_label("Name of the venue, or for online: how people join").fill(
        "Owlsmoor Community Centre"
    )
    page.get_by_label("Street address (not shown for a home)").fill("Owlsmoor Road")
    page.get_by_label("Town or village").fill("Sandhurst")
    page.get_by_label("Postcode").fill("gu47 0tt")
    save(page)
    expect(page.get_by_text("Check the pin is in the right place")).to_be_visible()
    pin = page.locator(".leaflet-marker-icon").first
    expect(pin).to_be_visible()
    check_page("step-where-pin")
    before = page.locator("#places-0-latitude").input_value()
    pin.scroll_into_view_if_needed()
    box = pin.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 4)
    page.mouse.down()
    page.mouse.move(box["x"] + 70, box["y"] - 40, steps=8)
    page.mouse.up()
    expect(page.locator("#places-0-latitude")).not_to_have_value(before)
    moved = page.locator("#places-0-latitude").input_value()
    save(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Cost and how to join")
    page.get_by_label("It is free").check()
    page.get_by_label("They just turn up").check()
    save(page)
    page.get_by_label("Email address").fill("walks@owlsmoor.example.org")
    save(page)
    page.get_by_label("Step-free access").check()
    check_page("step-access")
    save(page)
    page.get_by_label("Getting active").check()
    page.get_by_label("Loneliness and company").check()
    save(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your listing")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Every Thursday, 10am to 11:30am")
    expect(page.locator(".govuk-summary-list")).to_contain_text(f"{float(moved):.5f}")
    check_page("listing-check")
    page.get_by_role("link", name="See how the public page will look").click()
    expect(page.get_by_text("It is not public yet")).to_be_visible()
    check_page("listing-preview")
    page.go_back()
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("is waiting for review")).to_be_visible()
    expect(page.locator("tr", has_text="Nordic Walking on the Common")).to_contain_text(
        "Waiting for review"
    )
    check_page("dashboard-waiting")
    sign_out(page)

    # The directory team approves; the listing is live and found near its postcode.
    approve_first(page, check_page, "New listings", "Nordic Walking on the Common")
    page.goto("/search?q=nordic+walking&where=GU47")
    result = page.get_by_role("link", name="Nordic Walking on the Common")
    expect(result).to_be_visible()
    result.click()
    expect(page.get_by_text("Every Thursday, 10am to 11:30am")).to_be_visible()
    listing_url = page.url

    # The group changes the time; the old time stays live until the change is approved.
    sign_in(page, GROUP_EMAIL, GROUP_PASSWORD)
    row = page.locator("tr", has_text="Nordic Walking on the Common")
    expect(row).to_contain_text("Published")
    row.get_by_role("link", name=re.compile(r"^Change it")).click()
    page.get_by_role("button", name="Start changing it").click()
    page.get_by_role("link", name="When it happens").click()
    page.get_by_label("Starts at").fill("2pm")
    page.get_by_label("Finishes at").fill("3:30pm")
    save(page)
    page.goto(page.url.rsplit("/", 1)[0] + "/check")
    expect(page.get_by_role("heading", name="What you changed")).to_be_visible()
    expect(page.locator(".govuk-table").first).to_contain_text("2pm to 3:30pm")
    check_page("edit-check")
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator("tr", has_text="Nordic Walking on the Common")).to_contain_text(
        "changes waiting for review"
    )
    page.goto(listing_url)
    expect(page.get_by_text("Every Thursday, 10am to 11:30am")).to_be_visible()
    sign_out(page)

    approve_first(page, check_page, "Changes to live listings", "Nordic Walking on the Common")
    page.goto(listing_url)
    expect(page.get_by_text("Every Thursday, 2pm to 3:30pm")).to_be_visible()
    expect(page.get_by_text("10am to 11:30am")).to_have_count(0)
    check_page("listing-after-edit")
    assert "is live" in latest_email(demo_app, GROUP_EMAIL, "is live")


def test_a_problem_report_needs_no_account_and_shows_its_errors(page, check_page):
    page.goto("/search?q=walking")
    page.locator(".app-result-list__item h3 a").first.click()
    page.get_by_role("link", name="Report a problem with this listing").click()
    page.get_by_role("button", name="Send report").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose what is wrong")
    check_page("report-errors")
    page.get_by_label("The day, time or place is wrong").check()
    page.get_by_label("Tell us more").fill("It moved to Wednesdays.")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    check_page("report-sent")

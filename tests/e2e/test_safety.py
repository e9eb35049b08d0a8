"""Keeping people safe, in a real browser: the helplines panel comes first, "Leave this site"
is reached by keyboard and works with and without JavaScript (Shift three times too), and the
pages pass axe-core at desktop (1280 px) and phone (390 px) widths.

The quick exit's page (www.bbc.co.uk) is answered by Playwright itself, so nothing goes to the
internet. These tests only read the demo portal (shared by every browser test): the
administrators' pages are opened and sent with mistakes, never saved.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.browser import sign_in

pytestmark = pytest.mark.e2e

EXIT_URL = "https://www.bbc.co.uk/weather"
SEARCH = "/search?q=I+don%27t+feel+safe+at+home"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
NEUTRAL_PAGE = "<!DOCTYPE html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"


@pytest.fixture
def open_context(browser, live_server):
    """Browser contexts on the demo portal (JavaScript on unless asked), each checked at the
    end: no script errors, no asset failing, and no request to another host but the quick
    exit's page, which Playwright answers."""
    opened = []

    def open_one(*, javascript: bool = True, width: str = "desktop"):
        w, h = WIDTHS[width]
        context = browser.new_context(
            base_url=live_server, viewport={"width": w, "height": h}, java_script_enabled=javascript
        )
        exits: list[str] = []

        def neutral(route):
            exits.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)

        context.route(re.compile(r"^https://www\.bbc\.co\.uk/"), neutral)
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "console",
            lambda message: (
                problems.append(message.text)
                if message.type == "error"
                and not message.text.startswith("Failed to load resource")
                else None
            ),
        )
        page.on(
            "request",
            lambda request: (
                None
                if request.url.startswith((live_server, "data:", "about:", EXIT_URL))
                else problems.append(f"asked another host: {request.url}")
            ),
        )
        page.on(
            "response",
            lambda response: (
                problems.append(f"{response.status} {response.url}")
                if response.status >= 400 and response.request.resource_type != "document"
                else None
            ),
        )
        opened.append((context, problems))
        page.exits = exits
        return page

    yield open_one
    for context, problems in opened:
        context.close()
        assert problems == [], problems


def keep(shot: Path) -> Path:
    """Copy a screenshot to PORTAL_SCREENSHOTS, when it is set."""
    folder = os.environ.get("PORTAL_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(folder) / shot.name)
    return shot


@pytest.fixture
def scan(axe, tmp_path):
    """axe-core finds nothing on the page; a full-page screenshot is kept."""

    def check(page, name: str) -> Path:
        page.wait_for_load_state("networkidle")
        shot = tmp_path / f"{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        keep(shot)
        results = axe.run(page)
        assert results.response["violations"] == [], results.generate_report()
        return shot

    return check


def document_order(page, *selectors: str) -> list[int]:
    """Where each element comes in the page's reading order (-1: not on the page)."""
    return page.evaluate(
        """(selectors) => {
            const all = Array.from(document.querySelectorAll('*'));
            return selectors.map((s) => all.indexOf(document.querySelector(s)));
        }""",
        list(selectors),
    )


def exit_button(page):
    return page.get_by_role("button", name="Emergency Leave this site")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_panel_comes_first_and_passes_axe(open_context, scan, width):
    page = open_context(width=width)
    page.goto(SEARCH)
    panel = page.get_by_role("region", name="If you or someone else is in danger")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
    expect(panel.get_by_role("link", name="0808 2000 247")).to_have_attribute(
        "href", "tel:08082000247"
    )
    expect(panel).to_contain_text("24 hours, every day")
    heading, shown, form = document_order(page, "main h1", "#safety-panel", "#search-form")
    assert heading < shown < form
    results = document_order(page, "#results")[0]
    assert results == -1 or shown < results
    expect(exit_button(page)).to_be_visible()
    expect(exit_button(page)).to_have_attribute("href", EXIT_URL)
    scan(page, f"safety-panel-{width}")


def test_tab_reaches_leave_this_site_before_the_search_and_enter_leaves(open_context):
    page = open_context()
    page.goto(SEARCH)
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        name = page.evaluate(
            "() => (document.activeElement.innerText || document.activeElement.id || '').trim()"
        )
        reached.append(name)
        if name.endswith("Leave this site"):
            break
    assert reached[-1].endswith("Leave this site"), reached
    assert "q" not in reached and "999" not in reached  # before the panel and the search box
    page.keyboard.press("Enter")
    expect(page).to_have_url(EXIT_URL)
    expect(page.get_by_role("heading", name="Weather")).to_be_visible()
    assert page.exits == [EXIT_URL]


def test_shift_three_times_leaves_and_covers_the_page_at_once(open_context):
    page = open_context()
    page.goto(SEARCH)
    expect(page.locator(".govuk-exit-this-page__indicator")).to_be_attached()  # JS started it
    page.keyboard.press("Shift")
    expect(page.locator(".govuk-exit-this-page [role=status]")).to_have_text(
        "Shift, press 2 more times to leave this site."
    )
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    expect(page).to_have_url(EXIT_URL)
    assert page.exits == [EXIT_URL]


def test_clicking_leave_this_site_leaves(open_context):
    page = open_context(width="phone")
    page.goto(SEARCH)
    page.mouse.wheel(0, 2000)  # it stays at the top of the screen while the page scrolls
    expect(exit_button(page)).to_be_in_viewport()
    exit_button(page).click()
    expect(page).to_have_url(EXIT_URL)


def test_without_javascript_the_panel_shows_and_the_exit_is_a_plain_link(open_context, tmp_path):
    page = open_context(javascript=False)
    page.goto(SEARCH)
    expect(page.get_by_role("region", name="If you or someone else is in danger")).to_be_visible()
    button = exit_button(page)
    expect(button).to_be_visible()
    # axe-core needs JavaScript: the same markup is scanned with it on, above.
    shot = tmp_path / "safety-panel-no-js.png"
    page.screenshot(path=str(shot), full_page=True)
    keep(shot)
    button.click()
    expect(page).to_have_url(EXIT_URL)
    assert page.exits == [EXIT_URL]


def test_no_panel_and_no_exit_for_everyday_searches(open_context):
    page = open_context()
    page.goto("/search?q=harmony+choir")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search results")
    expect(page.locator("#safety-panel")).to_have_count(0)
    expect(page.locator(".govuk-exit-this-page")).to_have_count(0)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_listing_about_mental_wellbeing_has_the_exit(open_context, scan, width):
    page = open_context(width=width)
    page.goto("/search?need=mental-wellbeing")
    expect(exit_button(page)).to_be_visible()
    page.locator(".app-result-list__item h3 a").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(exit_button(page)).to_be_visible()
    first, heading = document_order(page, ".govuk-exit-this-page", "main h1")
    assert first < heading
    scan(page, f"safety-listing-{width}")


def sign_in_as_admin(page) -> None:
    sign_in(page, "admin@demo.example.org")
    expect(page.get_by_role("link", name="Safety")).to_be_visible()


def test_the_administrators_pages_pass_axe(open_context, scan):
    page = open_context()
    sign_in_as_admin(page)
    page.get_by_role("link", name="Safety").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Keeping people safe")
    page.get_by_label("What someone might search for").fill("self-harming")
    page.get_by_role("button", name="Check").click()
    expect(page.locator("#check-result")).to_contain_text("it contains “self-harm”")
    scan(page, "safety-admin")

    page.get_by_role("link", name="Change the words").click()
    words = page.get_by_label("Words and phrases")
    expect(words).to_contain_text("domestic abuse")
    words.fill("crisis\nCrisis")
    page.get_by_role("button", name="Save the words").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "“crisis” and “Crisis” count as the same words"
    )
    expect(words).to_have_value("crisis\nCrisis")
    scan(page, "safety-admin-words-error")

    page.goto("/admin/safety/quick-exit")
    page.get_by_label("The page it opens").fill("http://example.com")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("starts with https://")
    scan(page, "safety-admin-exit-error")

    page.goto("/admin/safety/helplines/2")
    expect(page.get_by_label("Name")).to_have_value("National Domestic Abuse Helpline")
    page.get_by_label("Opening hours").fill("")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter when they answer")
    scan(page, "safety-admin-helpline-error")

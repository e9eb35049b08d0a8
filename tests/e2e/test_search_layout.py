"""The results page in a real browser: on a phone the results come first, a keyboard reaches
them with one skip link, and the map's markers follow the list with names that say what they are.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
FIRST_RESULT = ".app-result-list__item h3 a"
MARKERS_JS = """
() => Array.from(document.querySelectorAll('.leaflet-marker-icon.app-map__number')).map((icon) => ({
  name: icon.getAttribute('aria-label'),
  afterList: Boolean(
    document.querySelector('.app-result-list').compareDocumentPosition(icon)
      & Node.DOCUMENT_POSITION_FOLLOWING
  ),
  focusable: icon.tabIndex === 0,
}))
"""


def in_first_screen(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_on_a_phone_the_count_and_first_result_come_first(page, check_page):
    page.set_viewport_size(PHONE)
    page.goto("/search?q=bereavement")
    expect(page.locator("#result-count")).to_be_visible()
    assert in_first_screen(page, "#result-count")
    assert in_first_screen(page, FIRST_RESULT)
    button = page.get_by_role("button", name="Filter results")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_label("Free only")).to_be_hidden()
    check_page("search-phone")

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_label("Free only")).to_be_visible()
    assert (
        page.locator("#filters").bounding_box()["y"]
        < page.locator("#result-count").bounding_box()["y"]
    )  # folded open above the results
    page.get_by_label("Free only").check()
    page.get_by_role("button", name="Apply filters").first.click()
    expect(page).to_have_url(re.compile(r"free=1"))
    expect(
        page.get_by_role("button", name=re.compile(r"Filter results \(\d in use\)"))
    ).to_be_visible()
    check_page("search-phone-filtered")


def test_on_a_phone_without_javascript_a_link_reaches_the_filters(browser, live_server):
    context = browser.new_context(base_url=live_server, java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto("/search?q=bereavement")
    assert in_first_screen(page, FIRST_RESULT)
    page.get_by_role("link", name="Filter results").click()
    expect(page).to_have_url(re.compile(r"#filters$"))
    expect(page.get_by_label("Free only")).to_be_in_viewport()
    context.close()


def test_on_a_desktop_the_filters_stay_beside_the_results(page, check_page):
    page.goto("/search?q=walk&where=Bracknell")
    expect(page.get_by_role("button", name="Filter results")).to_be_hidden()
    expect(page.get_by_label("Free only")).to_be_visible()
    filters, results = (
        page.locator("#filters").bounding_box(),
        page.locator("#results").bounding_box(),
    )
    assert filters["x"] + filters["width"] <= results["x"]  # a column on the left
    assert abs(filters["y"] - results["y"]) < 80
    check_page("search-desktop")


def test_skip_to_results_by_keyboard(page):
    page.goto("/search?q=walk&where=Bracknell")
    presses = 0
    while page.evaluate("document.activeElement.textContent.trim()") != "Skip to results":
        presses += 1
        assert presses <= 8, "Tab did not reach 'Skip to results' within 8 presses"
        page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to results")).to_be_visible()  # seen when focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first = page.locator(FIRST_RESULT).first
    expect(first).to_be_focused()
    expect(first).to_be_in_viewport()


def test_map_markers_follow_the_list_and_say_what_they_are(page):
    page.goto("/search?q=walk&where=Bracknell")
    expect(page.locator(".leaflet-marker-icon").first).to_be_attached()
    markers = page.evaluate(MARKERS_JS)
    assert markers, "no numbered markers drawn"
    for marker in markers:
        assert marker["afterList"] and marker["focusable"], marker
        assert re.fullmatch(r"\d+\. .+\. [\d.]+ miles? away\. By .+", marker["name"]), marker

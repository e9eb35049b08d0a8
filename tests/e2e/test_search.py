"""Searching in a real browser: from the home page by need and postcode, list and map agree."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

MARKER_TITLES_JS = """
() => (window.appMaps || []).flatMap((drawn) => drawn.markers.map((m) => m.options.title))
"""


def test_search_by_need_and_postcode_list_and_map_agree(page, check_page):
    page.goto("/")
    page.get_by_role("link", name="Getting active").click()
    page.get_by_label("Find these near you").fill("rg12")
    page.get_by_role("button", name="Show the nearest").click()
    expect(page).to_have_url(re.compile(r"/search\?need=getting-active&where=rg12"))
    expect(
        page.get_by_role(
            "heading", level=2, name=re.compile(r"\d+ results? within 5 miles of RG12")
        )
    ).to_be_visible()
    expect(page.locator(".app-chip", has_text="Getting active")).to_be_visible()

    listed = page.locator(".app-result-list__item h3 a").all_inner_texts()
    assert listed, "no results listed"
    expect(page.locator(".leaflet-container")).to_be_visible()
    on_map = page.evaluate(MARKER_TITLES_JS)
    numbered = [f"{n}. {name}" for n, name in enumerate(listed, start=1)]
    assert sorted(on_map) == sorted(t for t in numbered if t in on_map)
    assert len(on_map) >= len(listed) - sum(
        1 for item in page.locator(".app-result-list__item").all() if "Online" in item.inner_text()
    )
    check_page("search-need-postcode")

    page.locator(".app-result-list__item h3 a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(listed[0])


def test_filters_chips_and_errors_by_keyboard_only(page, check_page):
    page.goto("/search?q=lunch&where=Bracknell")
    page.get_by_label("Free only").focus()
    page.keyboard.press("Space")
    page.get_by_label("Free only").press("Enter")  # submits the form from the keyboard
    expect(page).to_have_url(re.compile(r"free=1"))
    chip = page.locator(".app-chip", has_text="Free only")
    expect(chip).to_be_visible()
    chip.focus()
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(re.compile(r"free=1"))

    page.goto("/search?q=lunch&age=old")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an age as a whole number")
    check_page("search-error")


def test_an_unknown_place_suggests_the_right_one(page, check_page):
    page.goto("/search?q=walking&where=Crowthorn")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Did you mean Crowthorne?")
    check_page("search-place-suggestion")


def test_results_and_map_without_javascript(browser, live_server, tmp_path):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/search?need=food&where=Sandhurst&radius=10")
    expect(
        page.get_by_role("heading", level=2, name=re.compile(r"\d+ results? within 10 miles"))
    ).to_be_visible()
    expect(
        page.get_by_text("The map needs JavaScript. Every result above says where it is.")
    ).to_be_visible()
    expect(page.get_by_text("miles away").first).to_be_visible()
    expect(page.get_by_role("button", name="Use my location")).to_be_hidden()
    page.get_by_label("Tuesday").check()
    page.get_by_role("button", name="Apply filters").first.click()
    expect(page).to_have_url(re.compile(r"day=tue"))
    page.screenshot(path=str(tmp_path / "search-no-js.png"), full_page=True)
    context.close()


def test_use_my_location_searches_around_the_browser_position(browser, live_server):
    context = browser.new_context(
        base_url=live_server,
        geolocation={"latitude": 51.3705, "longitude": -0.7931},  # Crowthorne
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto("/search?need=getting-active")
    page.get_by_role("button", name="Use my location").click()
    expect(page).to_have_url(re.compile(r"where=51\.3705%2C-0\.7931"))
    expect(
        page.get_by_role("heading", level=2, name=re.compile(r"within 5 miles of your location"))
    ).to_be_visible()
    expect(page.get_by_text("miles away").first).to_be_visible()
    context.close()


def test_the_page_says_how_it_read_the_words_and_undoes_it_by_keyboard(page, check_page):
    page.goto("/search?q=befreinding")
    corrected = page.locator("#search-corrected")
    expect(corrected).to_contain_text("Showing results for befriending")
    expect(page.locator(".app-result-list__item").first).to_be_visible()
    check_page("search-corrected")
    corrected.get_by_role("link", name="befreinding").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"exact=1"))
    expect(page.get_by_role("heading", level=2, name=re.compile("0 results"))).to_be_visible()
    expect(page.get_by_text("Did you mean")).to_be_visible()

    page.goto("/search?q=lunch+club+crowthorne")
    expect(page.locator("#search-place-read")).to_contain_text("near Crowthorne")
    expect(page.get_by_label(re.compile("Where"))).to_have_value("Crowthorne")
    check_page("search-place-read")
    page.locator("#search-place-read a").click()
    expect(page.get_by_label("What are you looking for?")).to_have_value("lunch club crowthorne")
    expect(page.locator("#search-place-read")).to_have_count(0)

    for width, name in ((390, "phone"), (1280, "desktop")):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/search?q=lonely&where=Manchester")
        expect(page.locator("#search-outside-area")).to_contain_text(
            "Manchester is outside Bracknell Forest. These are online activities anyone can join."
        )
        check_page(f"search-outside-area-{name}")

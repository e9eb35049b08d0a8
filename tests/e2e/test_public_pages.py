"""A resident's first visit, in a real browser: home page, a need, a listing."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def physical_listing(demo_app) -> tuple[str, str]:
    """A demo listing at a venue whose address is public: (service id, venue name)."""
    from sqlalchemy import select

    from portal.directory.models import Location, LocationType, ServiceAtLocation
    from portal.extensions import db

    with demo_app.app_context():
        service_id, venue = db.session.execute(
            select(ServiceAtLocation.service_id, Location.name)
            .join(Location)
            .where(
                Location.location_type == LocationType.PHYSICAL, Location.mask_address.is_(False)
            )
            .order_by(Location.name)
            .limit(1)
        ).one()
    return str(service_id), venue


def test_home_page_explains_the_portal_and_passes_axe(page, check_page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Find activities")
    expect(page.get_by_label("What are you looking for?")).to_be_visible()
    expect(page.get_by_label("Where?")).to_be_visible()
    expect(page.get_by_role("link", name="Loneliness and company")).to_be_visible()
    expect(page.get_by_role("link", name="LGBTQ+")).to_be_visible()
    check_page("home")


def test_a_resident_browses_a_need_and_opens_a_listing(page, check_page):
    page.goto("/")
    page.get_by_role("link", name="Loneliness and company").click()
    expect(page).to_have_url(re.compile(r"^[^?]*/needs/loneliness-and-company$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Loneliness and company")
    expect(
        page.get_by_text(re.compile(r"\d+ activities, most recently checked first"))
    ).to_be_visible()
    check_page("need-loneliness")

    first = page.locator(".app-result-list__item h2 a").first
    name = first.inner_text()
    first.click()
    expect(page).to_have_url(re.compile(r"/services/[0-9a-f-]{36}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    for label in ("When", "Where", "Cost", "How to join", "Who it is for"):
        expect(page.locator("dt", has_text=label).first).to_be_visible()
    expect(page.get_by_text(re.compile("^Last checked:"))).to_be_visible()
    check_page("listing")


def test_listing_map_draws_from_local_assets(page, check_page, physical_listing):
    """The small map loads Leaflet from our own server and shows a titled marker."""
    service_id, _venue = physical_listing
    page.goto(f"/services/{service_id}")
    expect(page.locator(".leaflet-container")).to_be_visible()
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
    check_page("listing-map")


def test_pages_work_by_keyboard_from_the_skip_link(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main-content$"))


def test_search_from_the_home_page_without_javascript(browser, live_server, axe, tmp_path):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    page.get_by_label("What are you looking for?").fill("walking")
    page.get_by_label("Where?").fill("Crowthorne")
    page.get_by_role("button", name="Search").click()
    expect(
        page.get_by_role("heading", level=2, name=re.compile("results for “walking”"))
    ).to_be_visible()
    expect(page.get_by_text("miles away").first).to_be_visible()
    page.screenshot(path=str(tmp_path / "search-no-js.png"), full_page=True)
    context.close()


def test_unknown_listing_shows_the_404_page(page, check_page):
    response = page.goto("/services/not-a-real-id")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    check_page("not-found")


def test_listing_without_javascript_writes_the_address_out(browser, live_server, physical_listing):
    service_id, venue = physical_listing
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"/services/{service_id}")
    expect(
        page.get_by_text("The map needs JavaScript. The address is written out above.")
    ).to_be_visible()
    expect(page.locator(".govuk-summary-list").get_by_text(venue).first).to_be_visible()
    expect(page.locator(".leaflet-container")).to_have_count(0)
    context.close()


def test_search_results_and_organisation_pages_pass_axe(page, check_page):
    page.goto("/search?q=lunch&where=Sandhurst")
    expect(
        page.get_by_role("heading", level=2, name=re.compile("within 5 miles of Sandhurst"))
    ).to_be_visible()
    check_page("search-results")
    page.locator(".app-result-list__item").first.get_by_role("link").first.click()
    page.locator(".govuk-caption-l a").click()
    expect(page).to_have_url(re.compile(r"/organisations/[0-9a-f-]{36}$"))
    expect(page.get_by_role("heading", level=2, name=re.compile(r"\d+ activit"))).to_be_visible()
    check_page("organisation")


def test_sign_in_page_passes_axe_and_shows_errors_accessibly(page, check_page):
    page.goto("/sign-in")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your email address")
    check_page("sign-in-errors")

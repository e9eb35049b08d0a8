"""Public pages, as a resident meets them."""

import json
import re
from datetime import date, timedelta
from html import unescape

import pytest

from portal.directory.models import PublicationState, ServiceStatus
from tests import factories


def test_home_offers_search_boxes_and_every_need_and_audience(client, app):
    factories.service("Tuesday Chatter Café", audiences=("older-people",))
    html = client.get("/").get_data(as_text=True)
    assert "What are you looking for?" in html
    assert "Where?" in html
    for need in (
        "Loneliness and company",
        "Getting active",
        "Mental wellbeing",
        "Money and debt",
        "Housing",
        "Carers&#39; support",
        "Bereavement",
        "Learning and skills",
        "Volunteering",
        "Food",
        "Arts and creativity",
        "Nature and outdoors",
        "Practical help at home",
    ):
        assert need in html, need
    for audience in (
        "Older people",
        "Carers",
        "Parents with young children",
        "Young people",
        "People with learning disabilities",
        "People with long-term conditions",
        "Men",
        "Women",
        "LGBTQ+",
    ):
        assert audience in html, audience
    assert 'href="/needs/loneliness-and-company"' in html
    assert 'href="/who-for/older-people"' in html


def test_need_page_lists_its_activities_most_recently_checked_first(client, app):
    factories.service("Old Friends Lunch", last_reviewed=date.today() - timedelta(days=200))
    factories.service("New Friends Walk", last_reviewed=date.today() - timedelta(days=3))
    factories.service("Debt Clinic", needs=("money-and-debt",))
    html = client.get("/needs/loneliness-and-company").get_data(as_text=True)
    assert "2 activities" in html
    assert html.index("New Friends Walk") < html.index("Old Friends Lunch")
    assert "Debt Clinic" not in html


def test_need_pages_are_paginated(client, app):
    app.config["PORTAL_PAGE_SIZE"] = 2
    for n in range(5):
        factories.service(f"Group {n}", last_reviewed=date.today() - timedelta(days=n))
    first = client.get("/needs/loneliness-and-company").get_data(as_text=True)
    third = client.get("/needs/loneliness-and-company?page=3").get_data(as_text=True)
    assert "Group 0" in first and "Group 2" not in first
    assert "Group 4" in third and "Group 0" not in third
    assert "Next" in first and 'href="/needs/loneliness-and-company?page=2"' in first


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5"])
def test_nonsense_page_numbers_are_not_found(client, app, page):
    factories.service()
    assert client.get(f"/needs/loneliness-and-company?page={page}").status_code == 404


def test_listing_page_has_everything_needed_to_turn_up(client, app):
    listing = factories.service(
        "Tuesday Chatter Café",
        audiences=("older-people",),
        minimum_age=55,
        eligibility_description="Carers are welcome too.",
        application_process="Just turn up, the kettle is on from 10am.",
        costs=[factories.Decimal("2.50")],
        last_reviewed=date(2026, 10, 1),
    )
    response = client.get(f"/services/{listing.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for text in (
        "Tuesday Chatter Café",
        "Crowthorne Good Companions",  # who runs it
        "Every Tuesday, 10am to 12 noon",  # when
        "Next session:",
        "Morgan Centre",  # where
        "RG45 7AB",
        "Step-free access",
        "£2.50",  # cost
        "Just turn up",  # how to join
        "Older people",  # who it is for
        "Ages 55 and over",
        "Carers are welcome too.",
        "01632 960123",  # contact
        "Last checked: Thursday 1 October 2026",
    ):
        assert text in html, text
    assert f'href="/organisations/{listing.organisation_id}"' in html


def test_free_activities_say_free(client, app):
    listing = factories.service()
    html = client.get(f"/services/{listing.id}").get_data(as_text=True)
    cost_row = html[html.index(">Cost<") : html.index(">How to join<")]
    assert "Free" in cost_row
    assert "£" not in cost_row


def test_online_activities_show_how_to_join_instead_of_an_address(client, app):
    online = factories.online()
    listing = factories.service("Online Coffee Morning", location=online)
    html = client.get(f"/services/{listing.id}").get_data(as_text=True)
    assert "Online: Online (Zoom)" in html
    assert 'href="https://example.org/join"' in html
    assert "Getting there" not in html


def test_a_home_address_is_never_shown(client, app):
    home = factories.venue(
        "Private home", address_1="12 Acacia Avenue", postal_code="RG45 6XY", mask_address=True
    )
    listing = factories.service("Knit and Natter", location=home)
    html = client.get(f"/services/{listing.id}").get_data(as_text=True)
    assert "12 Acacia Avenue" not in html
    assert "RG45 6XY" not in html
    assert "In Crowthorne (RG45)" in html
    assert "runs from a private home" in html


def test_temporarily_closed_listing_warns_before_anything_else(client, app):
    listing = factories.service(
        status=ServiceStatus.TEMPORARILY_CLOSED,
        alert="Closed until March while the hall is repaired.",
    )
    html = client.get(f"/services/{listing.id}").get_data(as_text=True)
    assert "Temporarily closed. Closed until March while the hall is repaired." in html
    assert "Next session:" not in html


def test_listing_not_checked_for_over_a_year_says_so(client, app):
    listing = factories.service(last_reviewed=date.today() - timedelta(days=400))
    html = client.get(f"/services/{listing.id}").get_data(as_text=True)
    assert "has not been checked for over a year" in html


@pytest.mark.parametrize(
    ("state", "status"),
    [
        (PublicationState.DRAFT, ServiceStatus.ACTIVE),
        (PublicationState.PENDING, ServiceStatus.ACTIVE),
        (PublicationState.ARCHIVED, ServiceStatus.ACTIVE),
        (PublicationState.PUBLISHED, ServiceStatus.DEFUNCT),
        (PublicationState.PUBLISHED, ServiceStatus.INACTIVE),
    ],
)
def test_unpublished_or_defunct_listings_are_not_public(client, app, state, status):
    listing = factories.service("Hidden Club", state=state, status=status)
    assert client.get(f"/services/{listing.id}").status_code == 404
    assert "Hidden Club" not in client.get("/needs/loneliness-and-company").get_data(as_text=True)
    assert "Hidden Club" not in client.get(f"/organisations/{listing.organisation_id}").get_data(
        as_text=True
    )


def test_organisation_page_lists_its_activities(client, app):
    org = factories.organisation("Sandhurst Men's Shed", description="Woodwork and banter.")
    factories.service("Shed Open Morning", org=org)
    factories.service("Repair Café", org=org)
    html = client.get(f"/organisations/{org.id}").get_data(as_text=True)
    assert "Sandhurst Men&#39;s Shed" in html
    assert "Woodwork and banter." in html
    assert "2 activities" in html
    assert "Shed Open Morning" in html and "Repair Café" in html


@pytest.mark.parametrize(
    "url",
    [
        "/services/6b0f0c8e-6c4b-4a57-9e0e-6f1f4b7b0b11",
        "/services/not-a-uuid",
        "/services/1%27%20OR%201=1",
        "/organisations/6b0f0c8e-6c4b-4a57-9e0e-6f1f4b7b0b11",
        "/organisations/12345",
        "/needs/no-such-need",
        "/who-for/no-such-audience",
        "/no-such-page",
    ],
)
def test_unknown_or_malformed_ids_get_the_helpful_404_page(client, app, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Page not found" in html
    assert 'href="/"' in html


def test_unexpected_errors_show_the_500_page_without_details(client, app, monkeypatch):
    from portal.directory import services

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(services, "terms_with_counts", broken)
    response = client.get("/")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in html
    assert "secret internals" not in html


def test_output_is_escaped(client, app):
    listing = factories.service("<script>alert(1)</script> Club")
    html = client.get(f"/services/{listing.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Club" in html


def test_pages_work_without_javascript_assets_from_elsewhere(client, app):
    listing = factories.service()
    for url in ("/", "/needs/loneliness-and-company", f"/services/{listing.id}"):
        html = client.get(url).get_data(as_text=True)
        for attribute in ("src", "href"):
            for scheme in ('="http://', '="https://', '="//'):
                tags = [t for t in html.split("<") if t.startswith(("script", "link"))]
                assert not any(f"{attribute}{scheme}" in t for t in tags), (url, tags)


def test_home_counts_may_be_cached_but_only_for_the_configured_time(client, app, monkeypatch):
    app.config["PORTAL_COUNTS_CACHE_SECONDS"] = 60
    clock = [1000.0]
    monkeypatch.setattr("portal.caching.time.monotonic", lambda: clock[0])
    factories.service("First")
    assert "1 activity is listed" in client.get("/").get_data(as_text=True)
    factories.service("Second")
    html = client.get("/").get_data(as_text=True)
    assert "1 activity is listed" in html and "(1 activity)" in html
    clock[0] += 61
    html = client.get("/").get_data(as_text=True)
    assert "2 activities and services are listed" in html and "(2 activities)" in html


def test_a_home_is_shown_as_an_area_on_the_map_not_a_pin(client, app):
    home = factories.venue("Private home", postal_code="RG45 6XY", mask_address=True)
    listing = factories.service("Knit and Natter", location=home)
    html = client.get(f"/services/{listing.id}").get_data(as_text=True)
    drawn = json.loads(unescape(re.search(r'data-map="([^"]*)"', html).group(1)))
    assert len(drawn["areas"]) == 1 and drawn["points"] == []
    assert "51.3703" not in html  # the exact position never reaches the page
    assert "Get directions" not in html

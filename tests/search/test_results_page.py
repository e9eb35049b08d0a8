"""What the results page shows and in what order, as a GP on a phone or a keyboard user meets it:
results before the filters, a skip link, the map after the list, referrals said on each result.
"""

import json
import re
from html import unescape

import pytest

from portal.cli import reindex_all
from portal.geo import find_place
from tests import factories
from tests.support import page


@pytest.fixture
def listings(app):
    bracknell = find_place("Bracknell")
    hall = factories.venue(
        "Bracknell Hall", latitude=bracknell.latitude + 0.006, longitude=bracknell.longitude
    )
    taking = factories.service(
        "Walking Netball", description="Netball at a walk.", location=hall, accepts_referrals=True
    )
    other = factories.service(
        "Walking Cricket", description="Cricket at a walk.", location=factories.venue("Pavilion")
    )
    reindex_all()
    return taking, other


def result_item(html: str, service) -> str:
    match = re.search(rf'<li [^>]*id="service-{service.id}".*?</li>', html, re.S)
    assert match, f"no result with id service-{service.id}"
    return match.group(0)


def test_each_result_can_be_linked_to_by_its_listing(client, listings):
    html = page(client, "/search?q=walking")
    for service in listings:
        assert service.name in result_item(html, service)


def test_results_say_which_activities_accept_referrals(client, listings):
    taking, other = listings
    html = page(client, "/search?q=walking")
    assert "Accepts referrals" in result_item(html, taking)
    assert "Accepts referrals" not in result_item(html, other)


def test_a_skip_link_leads_past_the_search_and_filters_to_the_results(client, listings):
    html = page(client, "/search?q=walking")
    skip = html.find('href="#results"')
    assert skip != -1 and "Skip to results" in html[skip : skip + 200]
    assert skip < html.find('id="q"')  # before the search box and the filters
    target = html.find('id="results"')
    assert target != -1 and target < html.find('id="result-count"')


def test_no_skip_link_when_there_is_nothing_to_skip_to(client, listings):
    assert "Skip to results" not in page(client, "/search?q=zebra")
    response = client.get("/search?q=walking&age=abc")
    assert response.status_code == 400 and "Skip to results" not in response.get_data(as_text=True)


def test_results_come_before_the_filters_which_a_link_reaches(client, listings):
    html = page(client, "/search?q=walking")
    count = html.find('id="result-count"')
    first_result = html.find('class="app-result-list__item"')
    filters = html.find('id="filters"')
    link = html.find('href="#filters"')
    assert -1 < link < count < first_result < filters
    assert "Filter results" in html[link : link + 200]
    assert "Apply filters" in html[filters:]  # every filter is still there, after the results


def test_the_map_comes_after_the_list_and_names_each_marker(client, listings):
    taking, _other = listings
    html = page(client, "/search?q=walking&where=Bracknell")
    last_result = html.rfind('class="app-result-list__item"')
    on_map = html.find("data-map=")
    assert -1 < last_result < on_map
    spec = json.loads(unescape(re.search(r'data-map="([^"]*)"', html).group(1)))
    point = next(p for p in spec["points"] if p["title"].endswith(taking.name))
    assert point["title"] == f"1. {taking.name}"
    assert re.match(r"0\.\d miles away\. By ", point["summary"]), point["summary"]


def test_a_distance_without_a_place_is_not_shown_as_a_filter(client, listings):
    html = page(client, "/search?q=walking&radius=5&free=1")
    assert "Free only" in html and "Within 5 miles" not in html
    assert "Filter results (1 in use)" in html
    assert "Within 5 miles" in page(client, "/search?q=walking&where=Bracknell&radius=5")


def test_a_result_says_the_price_and_its_note(client, app):
    """Issue 12: every place a cost is shown says the amount and the note."""
    from decimal import Decimal

    from portal.directory.models import CostOption
    from portal.extensions import db

    tea = factories.service("Knit and Natter", description="Knitting and a chat.")
    tea.cost_options = [
        CostOption(
            option="Per session",
            amount=Decimal("2"),
            amount_description="includes tea and biscuits",
        )
    ]
    db.session.commit()
    reindex_all()
    card = unescape(re.sub(r"<[^>]+>", " ", result_item(page(client, "/search?q=knit"), tea)))
    assert "£2 (includes tea and biscuits)" in " ".join(card.split())

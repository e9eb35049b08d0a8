"""The first search: words through the index, and nearest first when a place is given."""

import pytest

from portal.cli import reindex_all
from tests import factories


@pytest.fixture
def listings(app):
    crowthorne = factories.service(
        "Crowthorne Walking Group",
        needs=("getting-active",),
        description="A gentle walk through the woods.",
    )
    ascot = factories.service(
        "Ascot Walking Football",
        needs=("getting-active",),
        description="Walking football for over 50s.",
        location=factories.venue(
            "Ascot Racecourse Hall",
            city="Ascot",
            postal_code="SL5 7JX",
            latitude=51.4105,
            longitude=-0.6755,
        ),
    )
    debt = factories.service("Debt Advice Clinic", needs=("money-and-debt",))
    reindex_all()
    return crowthorne, ascot, debt


def test_words_find_matching_listings(client, listings):
    html = client.get("/search?q=walking").get_data(as_text=True)
    assert "2 results for “walking”" in html
    assert "Crowthorne Walking Group" in html and "Ascot Walking Football" in html
    assert "Debt Advice Clinic" not in html


def test_need_names_are_searchable(client, listings):
    html = client.get("/search?q=money").get_data(as_text=True)
    assert "Debt Advice Clinic" in html


def test_a_town_puts_the_nearest_first_with_distances(client, listings):
    html = client.get("/search?q=walking&where=Ascot").get_data(as_text=True)
    assert "nearest to Ascot first" in html
    assert html.index("Ascot Walking Football") < html.index("Crowthorne Walking Group")
    assert "miles away" in html


def test_a_postcode_district_we_hold_is_understood(client, listings):
    html = client.get("/search?q=walking&where=rg45").get_data(as_text=True)
    assert html.index("Crowthorne Walking Group") < html.index("Ascot Walking Football")


def test_an_unknown_place_says_so_and_keeps_what_was_typed(client, listings):
    response = client.get("/search?q=walking&where=Atlantis")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "We could not find “Atlantis”" in html
    assert 'value="Atlantis"' in html and 'value="walking"' in html


def test_an_empty_search_asks_for_something(client, listings):
    response = client.get("/search?q=&where=")
    assert response.status_code == 400
    assert "Enter what you are looking for, or where" in response.get_data(as_text=True)


def test_search_syntax_characters_do_not_break_it(client, listings):
    for text in ('"unbalanced', "walk*", "AND OR NOT", "(((", "title:x"):
        assert client.get("/search", query_string={"q": text}).status_code == 200, text


def test_a_place_alone_lists_everything_nearest_first(client, listings):
    html = client.get("/search?where=Ascot").get_data(as_text=True)
    assert "3 results, nearest to Ascot first" in html
    assert html.index("Ascot Walking Football") < html.index("Debt Advice Clinic")

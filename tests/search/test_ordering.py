"""Best match, as a person notices it (issue 16): a listing nobody has checked for years comes a
little lower than a fresh one, and with a place the nearer of two matches comes first, unless
the further one matches clearly better. Both backends, by the suite's two runs."""

import re
from datetime import date, timedelta
from html import unescape

import pytest

from portal.cli import reindex_all
from portal.geo import find_place
from portal.search.ordering import HALF_KM, STALE_FACTOR, freshness, nearness
from tests import factories

NAME = re.compile(r'<h3[^>]*>.*?<a class="govuk-link" href="/services/[^"]+">([^<]+)</a>', re.S)
MILE_KM = 1.609344
LONG = (
    "A warm welcome for everyone over sixty. Hot two-course meal, pudding and a cup of tea, "
    "with a quiz or a singalong afterwards. Transport can be arranged for those who need it; "
    "ask when you book. Carers come free. We also run a craft table in the corner, where "
    "people bring their own knitting, and a lending shelf of large-print books."
)


def names(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [unescape(n) for n in NAME.findall(response.get_data(as_text=True))]


def months_ago(months: int) -> date:
    return date.today() - timedelta(days=round(months * 30.44))


def north_of_crowthorne(name: str, miles: float):
    crowthorne = find_place("Crowthorne")
    return factories.venue(
        name,
        latitude=crowthorne.latitude + miles * MILE_KM / 111.195,
        longitude=crowthorne.longitude,
    )


# --- the factors themselves -------------------------------------------------------------------


def test_freshness_is_whole_for_six_months_then_falls_to_the_floor_at_two_years():
    assert freshness(0) == freshness(183) == 1.0
    assert freshness(-5) == 1.0  # checked "tomorrow": a clock a day out
    assert 0.89 < freshness(456) < 0.91  # halfway
    assert freshness(730) == pytest.approx(STALE_FACTOR)
    never = date.today().toordinal() - date(2000, 1, 1).toordinal()
    assert freshness(never) == pytest.approx(STALE_FACTOR)


def test_nearness_halves_a_score_at_half_km_and_leaves_online_listings_alone():
    assert nearness(0) == 1.0
    assert nearness(HALF_KM) == pytest.approx(0.5)
    assert nearness(float("inf")) == 1.0


# --- freshness --------------------------------------------------------------------------------


@pytest.fixture
def knitting(app):
    """Two circles a person would call equal (the stale one says knitting once more, so it
    scores a shade higher)."""
    factories.service(
        "Ash Knitting Circle",
        description="Knitting and a chat: bring your knitting.",
        last_reviewed=months_ago(36),
    )
    factories.service(
        "Elm Knitting Circle",
        description="Knitting and a chat, with tea and biscuits.",
        last_reviewed=months_ago(1),
    )
    reindex_all()


def test_of_two_equal_matches_the_one_checked_last_month_comes_first(client, knitting):
    assert names(client, "/search?q=knitting+circle") == [
        "Elm Knitting Circle",
        "Ash Knitting Circle",
    ]


def test_a_stale_listing_whose_name_matches_beats_a_fresh_passing_mention(client, app):
    factories.service(
        "Knitting Circle",
        description="Knitting and crochet for beginners and old hands. Bring a project.",
        last_reviewed=months_ago(36),
    )
    factories.service("Friendship Lunch", description=LONG, last_reviewed=date.today())
    reindex_all()
    assert names(client, "/search?q=knitting") == ["Knitting Circle", "Friendship Lunch"]


# --- nearness, with a place -------------------------------------------------------------------


@pytest.fixture
def around_crowthorne(app):
    """Lunch clubs at half a mile and two miles (the further one mentioning lunch club twice,
    so it scores a shade higher), a knitting circle three miles away, and an online lunch club
    matching best of all."""
    factories.service(
        "Oak Lunch Club",
        description="A lunch club with a hot meal and a chat.",
        location=north_of_crowthorne("Oak Hall", 0.5),
    )
    factories.service(
        "Pine Lunch Club",
        description="Lunch club: a hot meal and a chat at our lunch club.",
        location=north_of_crowthorne("Pine Hall", 2),
    )
    factories.service(
        "Knitting Circle",
        description="Knitting and crochet for beginners and old hands. Bring a project.",
        location=north_of_crowthorne("Birch Hall", 3),
    )
    factories.service(
        "Friendship Lunch",
        description=LONG,
        location=north_of_crowthorne("Elm Hall", 0.5),
    )
    factories.service(
        "Lunch Club Online",
        description="Lunch club on Zoom: lunch club chat over your own lunch.",
        location=factories.online(),
    )
    reindex_all()


def test_the_nearer_of_two_equal_matches_comes_first(client, around_crowthorne):
    found = names(client, "/search?q=lunch+club&where=Crowthorne")
    assert found[:2] == ["Oak Lunch Club", "Pine Lunch Club"], found


def test_a_clearly_better_match_three_miles_away_beats_a_passing_mention_next_door(
    client, around_crowthorne
):
    assert names(client, "/search?q=knitting&where=Crowthorne") == [
        "Knitting Circle",
        "Friendship Lunch",
    ]


def test_online_matches_still_follow_the_nearby_ones(client, around_crowthorne):
    found = names(client, "/search?q=lunch+club&where=Crowthorne")
    assert found == ["Oak Lunch Club", "Pine Lunch Club", "Lunch Club Online"], found


def test_the_distance_order_is_still_nearest_first(client, around_crowthorne):
    found = names(client, "/search?q=knitting&where=Crowthorne&sort=distance")
    assert found == ["Friendship Lunch", "Knitting Circle"], found

"""The order of results, as a GP or resident reads it: open activities before temporarily closed
ones, and the rarer, more telling word of a search deciding what comes first."""

import re
from datetime import date, timedelta
from html import unescape

import pytest

from portal.cli import reindex_all
from portal.directory.models import ServiceStatus
from portal.extensions import db
from portal.geo import find_place
from portal.search.thesaurus import load_default_thesaurus
from tests import factories

DAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
RESULT = re.compile(r'<li class="app-result-list__item".*?</li>', re.S)
NAME = re.compile(r'<h3[^>]*>.*?<a class="govuk-link" href="/services/[^"]+">([^<]+)</a>', re.S)


def results(client, url: str) -> list[tuple[str, bool]]:
    """(name, shown as temporarily closed) for each result on the page, in order."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    items = RESULT.findall(response.get_data(as_text=True))
    return [(unescape(NAME.search(i).group(1)), "Temporarily closed" in i) for i in items]


def names(client, url: str) -> list[str]:
    return [name for name, _closed in results(client, url)]


def open_before_closed(found: list[tuple[str, bool]]) -> bool:
    flags = [closed for _name, closed in found]
    return flags == sorted(flags)


# --- temporarily closed listings come last --------------------------------------------------


def test_bereavement_lists_every_open_listing_before_the_closed_cafe(demo_client):
    found = results(demo_client, "/search?q=bereavement")
    assert ("Bereavement Café", True) in found  # still listed, with its label
    assert found[0][1] is False
    assert open_before_closed(found), found


@pytest.fixture
def walks(app):
    """Two closed walks that would otherwise come first in every order, and two open ones."""
    bracknell = find_place("Bracknell")
    soon = DAY[(date.today() + timedelta(days=1)).weekday()]
    later = DAY[(date.today() + timedelta(days=5)).weekday()]

    def hall(name, miles):
        return factories.venue(
            name,
            latitude=bracknell.latitude + miles * 1.609344 / 111.195,
            longitude=bracknell.longitude,
        )

    for name, status, description, miles, day in (
        ("Walk Walk Walk", ServiceStatus.TEMPORARILY_CLOSED, "Walk, walk, walk.", 0.1, soon),
        ("Closed Walking Club", ServiceStatus.TEMPORARILY_CLOSED, "A walk.", 0.2, soon),
        ("Open Rambles", ServiceStatus.ACTIVE, "A gentle walk, then tea.", 2, later),
        ("Open Strolls", ServiceStatus.ACTIVE, "Strolls and a walk now and then.", 3, later),
    ):
        factories.service(
            name,
            status=status,
            description=description,
            location=hall(f"{name} Hall", miles),
            schedules=[factories.weekly(day)],
        )
    reindex_all()


@pytest.mark.parametrize(
    "url",
    [
        "/search?q=walk",
        "/search?q=walk&sort=next",
        "/search?q=walk&where=Bracknell",
        "/search?q=walk&where=Bracknell&sort=distance",
        "/search?q=walk&where=Bracknell&sort=next",
        "/search?where=Bracknell",
        "/search?where=Bracknell&sort=next",
    ],
)
def test_open_listings_come_first_in_every_order(client, walks, url):
    found = results(client, url)
    assert len(found) == 4, found
    assert [closed for _name, closed in found] == [False, False, True, True], found


def test_closed_listings_come_after_open_ones_across_pages(client, app):
    for n in range(24):  # 21 open: a page of 20, then one open and the three closed
        factories.service(
            f"Club {n:02d}",
            status=ServiceStatus.TEMPORARILY_CLOSED if n < 3 else ServiceStatus.ACTIVE,
            description="Club " * (10 - n % 10),
        )
    reindex_all()
    first, second = results(client, "/search?q=club"), results(client, "/search?q=club&page=2")
    assert not any(closed for _n, closed in first)
    assert [closed for _n, closed in second] == [False, True, True, True]


def test_closing_and_reopening_a_listing_moves_it_at_the_next_search(client, app):
    from portal.directory.services import update_service

    first = factories.service("Ash Knitting Circle", description="Knitting, knitting, knitting.")
    factories.service("Birch Knitting Group", description="Knitting now and then.")
    reindex_all()
    assert names(client, "/search?q=knitting")[0] == "Ash Knitting Circle"
    update_service(str(first.id), status=ServiceStatus.TEMPORARILY_CLOSED)
    assert results(client, "/search?q=knitting") == [
        ("Birch Knitting Group", False),
        ("Ash Knitting Circle", True),
    ]
    update_service(str(first.id), status=ServiceStatus.ACTIVE)
    assert names(client, "/search?q=knitting")[0] == "Ash Knitting Circle"


# --- the rarer word of a search decides -----------------------------------------------------


def test_lonely_after_bereavement_puts_the_bereavement_social_first(demo_client):
    top = names(demo_client, "/search?q=lonely+after+bereavement")[:3]
    assert "Widowed Friends Social" in top, top


def test_the_rarer_word_outranks_a_crowd_of_thesaurus_matches(client, app):
    load_default_thesaurus()
    for n in range(12):
        factories.service(
            f"Lunch Club {n}",
            needs=("food", "loneliness-and-company"),
            description="A friendly lunch club and coffee morning. Everyone welcome.",
        )
    factories.service(
        "Widowed Friends",
        needs=("bereavement",),
        description="A social group for people coping with bereavement.",
    )
    db.session.commit()
    reindex_all()
    assert names(client, "/search?q=lonely+after+bereavement")[0] == "Widowed Friends"


def test_a_rare_word_alone_ranks_above_a_common_word_alone(client, app):
    for n in range(10):
        factories.service(f"Coffee Morning {n}", description="Coffee and cake, every week.")
    factories.service("Grief Circle", description="Support after bereavement.")
    reindex_all()
    found = names(client, "/search?q=coffee+bereavement")  # nothing has both: any word
    assert found[0] == "Grief Circle", found

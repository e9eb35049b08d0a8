"""Issue 12: adding to a shortlist from the search results.

A person comes back to the result they added, with the confirmation beside it (not only a
message at the top of the page). A professional with more than one list is asked which list
each time, so two people's lists cannot mix; visitors and people with one list add in one
click.
"""

from __future__ import annotations

import re

import pytest

from portal.accounts.models import Role
from portal.cli import reindex_all
from portal.extensions import db
from portal.prescribing.shortlists import services as shortlists
from portal.prescribing.shortlists.models import Shortlist
from tests import factories
from tests.support import csrf_token, error_next_to, page, sign_in, text_of


@pytest.fixture
def cafe(app):
    return factories.service("Tuesday Chatter Café")


@pytest.fixture
def walk(app):
    return factories.service("Chatter Walk", org=factories.organisation("Bracknell Walkers"))


@pytest.fixture
def gp(app):
    person = factories.user("ann.lee@example.org", role=Role.PROFESSIONAL, name="Dr Ann Lee")
    db.session.commit()
    return person


@pytest.fixture
def gp_browser(app, gp):
    browser = app.test_client()
    sign_in(browser, gp)
    return browser


SEARCH = "/search?q=chatter"


def press_add(browser, service, url: str = SEARCH):
    """Press "Add to shortlist" beside `service` on the results page, as the browser would:
    the button's own value plus the fields of the form it names."""
    html = page(browser, url)
    assert f'form="shortlist-add" name="service_id" value="{service.id}"' in html
    start = html.index('<form id="shortlist-add"')
    form = html[start : html.index("</form>", start)]
    data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    data["service_id"] = str(service.id)
    return browser.post("/shortlist/add", data=data)


def result_block(html: str, service) -> str:
    """The words of one result on the results page."""
    start = html.index(f'id="service-{service.id}"')
    ends = [html.find(mark, start + 1) for mark in ('id="service-', "</ol>")]
    return text_of(html[start : min(end for end in ends if end > 0)])


def items_of(shortlist: Shortlist) -> list[str]:
    db.session.expire_all()
    return [item.service.name for item in db.session.get(Shortlist, shortlist.id).items]


# --- item 1: back at the result, with the confirmation beside it -------------------------------


def test_a_visitor_comes_back_to_the_result_with_the_confirmation_beside_it(client, cafe, walk):
    reindex_all()
    answer = press_add(client, walk)
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"{SEARCH}#service-{walk.id}"

    back = page(client, answer.headers["Location"])
    assert "Added to your shortlist" in result_block(back, walk)
    assert "Added to your shortlist" not in result_block(back, cafe)
    # said once, beside the result: not again at the top of the page
    assert text_of(back).count("Added to your shortlist") == 1
    # and only once: a reload does not say it again
    assert "Added to your shortlist" not in text_of(page(client, SEARCH))


def test_taking_one_off_also_comes_back_to_it(client, cafe):
    reindex_all()
    press_add(client, cafe)
    html = page(client, SEARCH)
    start = html.index('<form id="shortlist-remove"')
    form = html[start : html.index("</form>", start)]
    data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    answer = client.post("/shortlist/remove", data={**data, "service_id": str(cafe.id)})
    assert answer.headers["Location"] == f"{SEARCH}#service-{cafe.id}"
    assert "Removed from your shortlist" in result_block(page(client, SEARCH), cafe)


def test_a_professional_with_one_list_adds_in_one_click_and_sees_its_name(gp_browser, gp, cafe):
    reindex_all()
    mine = shortlists.create_list(gp, "Walking ideas")
    answer = press_add(gp_browser, cafe)
    assert answer.headers["Location"] == f"{SEARCH}#service-{cafe.id}"
    assert "Added to ‘Walking ideas’" in result_block(page(gp_browser, SEARCH), cafe)
    assert items_of(mine) == ["Tuesday Chatter Café"]


def test_the_listing_page_still_says_it_at_the_top(client, cafe):
    html = page(client, f"/services/{cafe.id}")
    answer = client.post(
        "/shortlist/add",
        data={"csrf_token": csrf_token(html), "service_id": str(cafe.id), "next": "/x"},
    )
    assert answer.headers["Location"] == "/x"


# --- item 2: with more than one list, asked which one, every time -------------------------------


def test_with_two_lists_the_add_asks_which_list(gp_browser, gp, cafe, walk):
    reindex_all()
    first = shortlists.create_list(gp, "Ideas for Tuesday")
    second = shortlists.create_list(gp, "Ideas for Thursday")

    asked = press_add(gp_browser, cafe)
    assert asked.status_code in (302, 303)
    question = page(gp_browser, asked.headers["Location"])
    words = text_of(question)
    assert "Add Tuesday Chatter Café to which list?" in words
    # the most recently used first, and a new list; none chosen for them
    assert words.index("Ideas for Thursday") < words.index("Ideas for Tuesday")
    assert "A new list" in words
    assert "checked" not in question.split("<main", 1)[1]
    assert items_of(first) == [] and items_of(second) == []

    chosen = gp_browser.post(
        "/shortlist/add",
        data={
            **dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', question)),
            "list_id": str(first.id),
        },
    )
    assert chosen.headers["Location"] == f"{SEARCH}#service-{cafe.id}"
    assert "Added to ‘Ideas for Tuesday’" in result_block(page(gp_browser, SEARCH), cafe)
    assert items_of(first) == ["Tuesday Chatter Café"] and items_of(second) == []

    # and again the next time: not silently into the list used last
    again = press_add(gp_browser, walk)
    assert "Add Chatter Walk to which list?" in text_of(page(gp_browser, again.headers["Location"]))
    assert items_of(first) == ["Tuesday Chatter Café"]


def test_choosing_nothing_or_a_new_list_without_a_name_is_explained(gp_browser, gp, cafe):
    reindex_all()
    shortlists.create_list(gp, "Ideas for Tuesday")
    shortlists.create_list(gp, "Ideas for Thursday")
    question = page(gp_browser, press_add(gp_browser, cafe).headers["Location"])
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', question))

    nothing = gp_browser.post("/shortlist/add", data=fields)
    assert nothing.status_code == 400
    assert error_next_to(nothing.get_data(as_text=True), "list_id") == (
        "Choose the list to add it to"
    )

    unnamed = gp_browser.post("/shortlist/add", data={**fields, "list_id": "new", "name": " "})
    assert unnamed.status_code == 400
    html = unnamed.get_data(as_text=True)
    assert error_next_to(html, "name") == "Enter a name for the list"
    assert 'value="new" checked' in html

    made = gp_browser.post(
        "/shortlist/add", data={**fields, "list_id": "new", "name": "Ideas for Friday"}
    )
    assert made.headers["Location"] == f"{SEARCH}#service-{cafe.id}"
    friday = db.session.query(Shortlist).filter_by(name="Ideas for Friday").one()
    assert items_of(friday) == ["Tuesday Chatter Café"]
    assert "Added to ‘Ideas for Friday’" in result_block(page(gp_browser, SEARCH), cafe)


def test_nobody_adds_to_someone_elses_list(app, gp_browser, gp, cafe):
    reindex_all()
    shortlists.create_list(gp, "Mine")
    shortlists.create_list(gp, "Also mine")
    other = factories.user("bo@example.org", role=Role.PROFESSIONAL, name="Dr Bo")
    theirs = shortlists.create_list(other, "Theirs")
    question = page(gp_browser, press_add(gp_browser, cafe).headers["Location"])
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', question))
    refused = gp_browser.post("/shortlist/add", data={**fields, "list_id": str(theirs.id)})
    assert refused.status_code in (400, 403, 404)
    assert items_of(theirs) == []

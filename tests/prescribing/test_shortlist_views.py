"""Shortlist pages as people use them: a visitor's list in the session, named lists once signed
in, the owner-only rule, the one-page print, share links signed out, and sending."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest

from portal.accounts.models import Role
from portal.cli import reindex_all
from portal.db import utcnow
from portal.directory.models import HowToJoin, ServiceStatus
from portal.extensions import db
from portal.notify import outbox_messages, sms_outbox_messages
from portal.prescribing.shortlists import services as shortlists
from portal.prescribing.shortlists.models import Shortlist
from tests import factories
from tests.support import csrf_token, error_next_to, page, sign_in, text_of


@pytest.fixture
def cafe(app):
    from decimal import Decimal

    return factories.service(
        "Tuesday Chatter Café",
        costs=[Decimal("3")],
        how_to_join=HowToJoin.BOOK,
        application_process="Ring Sue the day before.",
        email="chatter@example.org",
    )


@pytest.fixture
def walk(app):
    return factories.service("Health Walk", org=factories.organisation("Bracknell Walkers"))


@pytest.fixture
def gp(app):
    organisation = factories.organisation("Heath Hill Surgery")
    person = factories.user("ann.lee@example.org", role=Role.PROFESSIONAL, name="Dr Ann Lee")
    person.organisation = organisation
    db.session.commit()
    return person


@pytest.fixture
def gp_browser(app, gp):
    browser = app.test_client()
    sign_in(browser, gp)
    return browser


def add(browser, service, next_url: str | None = None):
    html = page(browser, f"/services/{service.id}")
    data = {"csrf_token": csrf_token(html), "service_id": str(service.id)}
    if next_url is not None:
        data["next"] = next_url
    return browser.post("/shortlist/add", data=data)


def followed(browser, response, status: int = 302) -> str:
    assert response.status_code == status, response.get_data(as_text=True)[-2000:]
    return page(browser, response.headers["Location"])


def the_list(gp) -> Shortlist:
    db.session.expire_all()
    return db.session.query(Shortlist).filter_by(owner_id=gp.id).one()


def post_list(browser, shortlist, url: str | None = None, **data):
    form_url = f"/shortlists/{shortlist.id}"
    html = browser.get(form_url).get_data(as_text=True)
    return browser.post(url or form_url, data={"csrf_token": csrf_token(html), **data})


# --- visitors ---------------------------------------------------------------------------------


def test_a_visitor_adds_from_the_listing_and_comes_back(client, cafe):
    html = page(client, f"/services/{cafe.id}")
    assert 'action="/shortlist/add"' in html
    assert "Add to shortlist" in text_of(html) and ": Tuesday Chatter Café" in text_of(html)

    answer = add(client, cafe, next_url=f"/services/{cafe.id}")
    assert answer.headers["Location"] == f"/services/{cafe.id}"
    back = followed(client, answer)
    assert "Added Tuesday Chatter Café to your shortlist." in text_of(back)
    assert "On your shortlist" in text_of(back) and "Remove from shortlist" in text_of(back)

    listed = text_of(page(client, "/shortlist"))
    assert "Tuesday Chatter Café" in listed and "Every Tuesday, 10am to 12 noon" in listed
    assert "Sign in to keep this list" in listed


def test_the_add_button_is_on_search_results(client, cafe):
    reindex_all()
    html = page(client, "/search?q=chatter")
    assert 'action="/shortlist/add"' in html
    assert f'name="service_id" value="{cafe.id}"' in html
    answer = add(client, cafe, next_url="/search?q=chatter")
    assert answer.headers["Location"] == "/search?q=chatter"
    assert "On your shortlist" in followed(client, answer)


def test_next_must_stay_on_this_site(client, cafe):
    answer = add(client, cafe, next_url="https://evil.example/phish")
    assert answer.headers["Location"] == f"/services/{cafe.id}"


def test_adding_twice_says_so_and_removing_takes_it_off(client, cafe):
    add(client, cafe)
    again = followed(client, add(client, cafe))
    assert "Tuesday Chatter Café is already on your shortlist." in text_of(again)
    html = page(client, "/shortlist")
    answer = client.post(
        "/shortlist/remove",
        data={"csrf_token": csrf_token(html), "service_id": str(cafe.id), "next": "/shortlist"},
    )
    emptied = text_of(followed(client, answer))
    assert "Removed Tuesday Chatter Café from your shortlist." in emptied
    assert "Your shortlist is empty." in emptied


def test_unknown_or_hidden_activities_are_not_found(client, cafe):
    token = csrf_token(page(client, f"/services/{cafe.id}"))
    hidden = factories.service("Private club")
    hidden.status = ServiceStatus.DEFUNCT
    db.session.commit()
    for service_id in (str(uuid.uuid4()), "rubbish", str(hidden.id)):
        answer = client.post("/shortlist/add", data={"csrf_token": token, "service_id": service_id})
        assert answer.status_code == 404


def test_a_visitor_list_stops_at_thirty(client, cafe):
    with client.session_transaction() as session:
        session["shortlist_ids"] = [str(uuid.uuid4()) for _ in range(30)]
    shown = text_of(followed(client, add(client, cafe)))
    assert "Your shortlist has 30 activities, the most it can hold." in shown
    assert "On your shortlist" not in shown


def test_a_visitor_prints_their_list(client, cafe):
    add(client, cafe)
    html = page(client, "/shortlist/print")
    assert "<svg" in html and "http://portal.test/search" in html
    words = text_of(html)
    assert "Tuesday Chatter Café" in words and "£3" in words and "Book first" in words


def test_the_list_survives_signing_in_and_can_be_saved(client, cafe, walk, gp):
    add(client, cafe)
    add(client, walk)
    sign_in(client, gp)
    offer = page(client, "/shortlist")
    assert "Keep this list" in text_of(offer)
    answer = client.post(
        "/shortlist/save", data={"csrf_token": csrf_token(offer), "name": "Walking and talking"}
    )
    saved = text_of(followed(client, answer))
    assert "Saved your shortlist as ‘Walking and talking’." in saved
    mine = the_list(gp)
    assert [i.service.name for i in mine.items] == ["Tuesday Chatter Café", "Health Walk"]
    assert client.get("/shortlist").headers["Location"] == f"/shortlists/{mine.id}"


def test_saving_needs_a_name_and_keeps_the_list(client, cafe, gp):
    add(client, cafe)
    sign_in(client, gp)
    offer = page(client, "/shortlist")
    answer = client.post("/shortlist/save", data={"csrf_token": csrf_token(offer), "name": " "})
    assert answer.status_code == 400
    html = answer.get_data(as_text=True)
    assert error_next_to(html, "name") == "Enter a name for the list"
    assert "Tuesday Chatter Café" in text_of(html)


# --- named lists ------------------------------------------------------------------------------


def test_signed_in_adding_goes_to_my_shortlist(gp_browser, gp, cafe, walk):
    shown = text_of(followed(gp_browser, add(gp_browser, cafe)))
    assert "Added Tuesday Chatter Café to ‘My shortlist’." in shown
    add(gp_browser, walk)
    mine = the_list(gp)
    assert mine.name == "My shortlist"
    assert [i.service.name for i in mine.items] == ["Tuesday Chatter Café", "Health Walk"]
    assert gp_browser.get("/shortlist").headers["Location"] == f"/shortlists/{mine.id}"


def test_making_renaming_choosing_and_deleting_lists(gp_browser, gp, cafe):
    form = page(gp_browser, "/shortlists")
    refused = gp_browser.post("/shortlists", data={"csrf_token": csrf_token(form), "name": ""})
    assert refused.status_code == 400
    assert error_next_to(refused.get_data(as_text=True), "name") == "Enter a name for the list"

    made = gp_browser.post("/shortlists", data={"csrf_token": csrf_token(form), "name": "Crafts"})
    crafts = the_list(gp)
    assert made.headers["Location"] == f"/shortlists/{crafts.id}"
    add(gp_browser, cafe)  # goes on the new, current list
    assert [i.service.name for i in the_list(gp).items] == ["Tuesday Chatter Café"]

    renamed = post_list(gp_browser, crafts, action="rename", name="Crafts and cafés")
    assert "Renamed the list ‘Crafts and cafés’." in text_of(followed(gp_browser, renamed))
    listed = text_of(page(gp_browser, "/shortlists"))
    assert "Crafts and cafés" in listed and "Current" in listed

    confirm = page(gp_browser, f"/shortlists/{crafts.id}/delete")
    assert "Delete ‘Crafts and cafés’?" in text_of(confirm)
    gone = gp_browser.post(
        f"/shortlists/{crafts.id}/delete", data={"csrf_token": csrf_token(confirm)}
    )
    assert "Deleted ‘Crafts and cafés’." in text_of(followed(gp_browser, gone))
    assert db.session.query(Shortlist).count() == 0


def test_what_matters_notes_and_order_are_edited_on_the_list(gp_browser, gp, cafe, walk):
    mine = shortlists.create_list(gp, "Ideas", [cafe, walk])
    first, second = (item.id for item in mine.items)
    saved = post_list(
        gp_browser,
        mine,
        action=f"down:{first}",
        what_matters="Getting out of the house and meeting people",
        **{f"note-{first}": "Ask for Sue", f"note-{second}": "Wear good shoes"},
    )
    assert saved.status_code == 302
    html = page(gp_browser, f"/shortlists/{mine.id}")
    assert "Getting out of the house and meeting people" in html
    assert html.index("Health Walk") < html.index("Tuesday Chatter Café")
    assert "Ask for Sue" in html and "Wear good shoes" in html

    removed = post_list(gp_browser, mine, action=f"remove:{second}", what_matters="Same")
    assert "Removed Health Walk from the list." in text_of(followed(gp_browser, removed))
    assert [i.service.name for i in the_list(gp).items] == ["Tuesday Chatter Café"]


def test_personal_identifiers_are_refused_and_what_was_typed_kept(gp_browser, gp, cafe):
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    item = mine.items[0].id
    answer = post_list(
        gp_browser,
        mine,
        action="save",
        what_matters="Pat, born 12/03/1950",
        **{f"note-{item}": "Her mobile is 07700 900123"},
    )
    assert answer.status_code == 400
    html = answer.get_data(as_text=True)
    assert error_next_to(html, f"note-{item}").startswith(
        "Leave out phone numbers: the list may be shared"
    )
    assert error_next_to(html, "what_matters").startswith("Leave out dates of birth")
    assert "Her mobile is 07700 900123" in html and "Pat, born 12/03/1950" in html
    assert "There is a problem" in html
    assert the_list(gp).items[0].note == ""


# --- owner only -------------------------------------------------------------------------------


def test_only_the_owner_sees_or_changes_a_list(app, gp, cafe):
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    shortlists.share(mine)
    other = factories.user("colin@example.org", role=Role.CONNECTOR, name="Colin Connector")
    colin = app.test_client()
    sign_in(colin, other)
    token = csrf_token(page(colin, "/shortlists"))
    base = f"/shortlists/{mine.id}"
    for url in (base, f"{base}/print", f"{base}/delete"):
        assert colin.get(url).status_code == 403
    item = mine.items[0].id
    for url in (
        base,
        f"{base}/delete",
        f"{base}/share",
        f"{base}/stop-sharing",
        f"{base}/send",
        f"{base}/items/{item}/seen",
    ):
        assert colin.post(url, data={"csrf_token": token, "action": "save"}).status_code == 403
    assert colin.get(f"/shortlists/{uuid.uuid4()}").status_code == 404
    assert colin.get("/shortlists/not-a-list").status_code == 404
    assert db.session.get(Shortlist, mine.id) is not None

    stranger = app.test_client()
    answer = stranger.get(base)
    assert answer.status_code == 302 and "/sign-in" in answer.headers["Location"]


# --- print ------------------------------------------------------------------------------------


def test_the_print_page_has_every_fact_and_a_qr_code(gp_browser, gp, cafe, walk):
    mine = shortlists.create_list(gp, "Ideas", [cafe, walk])
    shortlists.save_texts(mine, "Meeting people again", {mine.items[0].id: "Ask for Sue"})
    html = page(gp_browser, f"/shortlists/{mine.id}/print")
    mine = the_list(gp)
    assert mine.share_token  # printing made a share link for the QR code
    assert re.search(r'role="img" aria-label="QR code[^"]*">\s*<svg', html)
    words = text_of(html)
    for fact in (
        "Activities suggested for you",
        "Meeting people again",
        "Ask for Sue",
        "Every Tuesday, 10am to 12 noon",
        "Morgan Centre, Wellington Road, Crowthorne, RG45 7AB",
        "£3",
        "Free",
        "Book first. Ring Sue the day before.",
        "Just turn up",
        "01632 960123",
        "chatter@example.org",
        f"http://portal.test/s/{mine.share_token}",
    ):
        assert fact in words, fact
    assert "Dr Ann Lee" not in words and "Ideas" not in words
    assert html.index("<h1") < html.index("<h2") < html.index("<h3")


def test_the_print_page_says_each_price_with_its_note(gp_browser, gp, cafe):
    """Issue 12: every place a cost is shown says the amount and the note."""
    cafe.cost_options[0].amount_description = "includes tea and biscuits"
    db.session.commit()
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    words = text_of(page(gp_browser, f"/shortlists/{mine.id}/print"))
    assert "£3 (includes tea and biscuits)" in words


# --- share links ------------------------------------------------------------------------------


def test_a_shared_list_works_signed_out_and_shows_no_personal_data(app, gp_browser, gp, cafe):
    mine = shortlists.create_list(gp, "Ideas for Pat", [cafe])
    shortlists.save_texts(mine, "Meeting people again", {mine.items[0].id: "Ask for Sue"})
    answer = post_list(gp_browser, mine, f"/shortlists/{mine.id}/share")
    shown = text_of(followed(gp_browser, answer))
    mine = the_list(gp)
    assert f"http://portal.test/s/{mine.share_token}" in shown
    assert "The share link works until" in shown

    visitor = app.test_client()
    html = page(visitor, f"/s/{mine.share_token}")
    words = text_of(html)
    assert "Tuesday Chatter Café" in words and "Meeting people again" in words
    assert "Ask for Sue" in words and "This page works until" in words
    for private in ("Dr Ann Lee", "ann.lee@example.org", "Heath Hill Surgery", "Ideas for Pat"):
        assert private not in html


def test_an_expired_link_says_so_kindly(app, gp, cafe):
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    shortlists.share(mine, utcnow() - timedelta(days=91))
    visitor = app.test_client()
    answer = visitor.get(f"/s/{mine.share_token}")
    assert answer.status_code == 410
    words = text_of(answer.get_data(as_text=True))
    assert "This list has expired" in words and "search for activities" in words
    assert "Tuesday Chatter Café" not in words


def test_a_stopped_link_is_gone(app, gp_browser, gp, cafe):
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    shortlists.share(mine)
    token = mine.share_token
    post_list(gp_browser, mine, f"/shortlists/{mine.id}/stop-sharing")
    answer = app.test_client().get(f"/s/{token}")
    assert answer.status_code == 404
    assert "This list is not available" in text_of(answer.get_data(as_text=True))


# --- changed or closed ------------------------------------------------------------------------


def test_the_list_shows_changes_until_they_are_seen(gp_browser, gp, cafe):
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    item = mine.items[0].id
    cafe.schedules[0].opens_at = cafe.schedules[0].opens_at.replace(hour=11)
    cafe.service_at_locations[0].location.name = "Parish Hall"
    db.session.commit()
    words = text_of(page(gp_browser, f"/shortlists/{mine.id}"))
    assert "Changed since you added it: times, place" in words

    seen = post_list(gp_browser, mine, f"/shortlists/{mine.id}/items/{item}/seen", what_matters="")
    shown = text_of(followed(gp_browser, seen))
    assert "Noted the changes to Tuesday Chatter Café." in shown
    assert "Changed since you added it" not in shown


def test_closed_activities_show_as_closed_here_and_when_shared(app, gp_browser, gp, cafe, walk):
    mine = shortlists.create_list(gp, "Ideas", [cafe, walk])
    shortlists.share(mine)
    cafe.status = ServiceStatus.TEMPORARILY_CLOSED
    cafe.alert = "Closed for repairs until March."
    walk.status = ServiceStatus.DEFUNCT
    db.session.commit()
    own = text_of(page(gp_browser, f"/shortlists/{mine.id}"))
    assert own.count("Closed") >= 2 and "Closed for repairs until March." in own
    shared = text_of(page(app.test_client(), f"/s/{mine.share_token}"))
    assert "Closed Closed for now. Closed for repairs until March." in shared
    assert "Health Walk Closed No longer running" in shared


# --- sending ----------------------------------------------------------------------------------


def test_sending_by_email_and_by_text(gp_browser, gp, cafe):
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    answer = post_list(
        gp_browser, mine, f"/shortlists/{mine.id}/send", email="pat@example.org", mobile=""
    )
    assert "Sent the list to p•••@example.org." in text_of(followed(gp_browser, answer))
    (message,) = outbox_messages()
    mine = the_list(gp)
    assert message.to == "pat@example.org"
    assert "Tuesday Chatter Café" in message.body
    assert f"http://portal.test/s/{mine.share_token}" in message.body
    assert "Dr Ann Lee" not in message.body

    answer = post_list(gp_browser, mine, f"/shortlists/{mine.id}/send", mobile="07700 900123")
    assert "mobile number ending 123" in text_of(followed(gp_browser, answer))
    (text,) = sms_outbox_messages()
    assert text.to == "+447700900123"
    assert "Tuesday Chatter Café" in text.body and mine.share_token in text.body


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "pat@example"}, "email", "Enter an email address like name@example.com"),
        ({"mobile": "01344 352000"}, "mobile", "Enter a UK mobile number, like 07700 900123"),
        ({}, "email", "Enter an email address or a mobile number to send the list to"),
    ],
)
def test_bad_addresses_are_refused_and_kept(gp_browser, gp, cafe, data, field, message):
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    answer = post_list(gp_browser, mine, f"/shortlists/{mine.id}/send", **data)
    assert answer.status_code == 400
    html = answer.get_data(as_text=True)
    assert error_next_to(html, field) == message
    for typed in data.values():
        assert f'value="{typed}"' in html
    assert outbox_messages() == [] and sms_outbox_messages() == []


def test_sending_is_rate_limited(gp_browser, gp, cafe):
    mine = shortlists.create_list(gp, "Ideas", [cafe])
    url = f"/shortlists/{mine.id}/send"
    answers = [post_list(gp_browser, mine, url, email="pat@example.org") for _ in range(21)]
    assert [a.status_code for a in answers[:20]] == [302] * 20
    assert answers[20].status_code == 429
    assert len(outbox_messages()) == 20


def test_choosing_which_list_new_activities_go_on(gp_browser, gp, cafe):
    older = shortlists.create_list(gp, "Older ideas")
    made = page(gp_browser, "/shortlists")
    gp_browser.post("/shortlists", data={"csrf_token": csrf_token(made), "name": "Newer ideas"})
    listing = page(gp_browser, "/shortlists")
    answer = gp_browser.post(
        f"/shortlists/{older.id}",
        data={"csrf_token": csrf_token(listing), "action": "current", "next": "/shortlists"},
    )
    assert answer.headers["Location"] == "/shortlists"
    assert "‘Older ideas’ is now your current list." in text_of(followed(gp_browser, answer))
    # Issue 12: with two lists an add asks which one, every time (never silently the last)
    asked = add(gp_browser, cafe)
    assert "Add Tuesday Chatter Café to which list?" in text_of(followed(gp_browser, asked, 303))
    db.session.expire_all()
    assert db.session.get(Shortlist, older.id).items == []

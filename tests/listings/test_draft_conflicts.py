"""Two people saving the same draft at once (issue 11): a save carries the version of the draft
it started from; a save over a newer version is refused, keeps what was typed and says who
changed the draft and what it says now. Nothing either person typed is lost without a word."""

from __future__ import annotations

import re
import threading
from functools import partial
from html import unescape

import pytest
import requests

from portal.accounts.models import Role
from portal.directory.services import load_vocabulary
from portal.extensions import db
from portal.moderation import drafts, services
from portal.moderation.models import ListingRevision, RevisionState
from portal.validation import EditConflict
from tests import factories
from tests.concurrency import live_server as serving
from tests.support import csrf_token, sign_in
from tests.support.listings import listing, live_listing

ABOUT = {
    "description": "Bring your knitting for tea, biscuits and a friendly chat.",
    "status": "active",
    "alert": "",
}


@pytest.fixture
def eve(app):
    """An editor, who may change any draft."""
    return factories.user("eve@example.org", role=Role.EDITOR, name="Eve Editor")


@pytest.fixture
def eve_client(app, eve):
    browser = app.test_client()
    sign_in(browser, eve)
    return browser


def fresh(revision_id) -> ListingRevision:
    db.session.expire_all()
    return db.session.get(ListingRevision, revision_id)


def a_draft(org, member) -> ListingRevision:
    """A new, complete draft at version 1 (as if typed in one go)."""
    load_vocabulary()
    revision = services.start_listing(member, org)
    revision.data = listing()
    db.session.commit()
    return revision


def shown_form(html: str) -> dict[str, str]:
    """The CSRF token and draft version a step page's form carries."""
    version = re.search(r'name="version" value="(\d+)"', html)
    assert version, "the form does not carry the draft's version"
    return {"csrf_token": csrf_token(html), "version": version.group(1)}


def field_value(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    assert found, f"no field {name}"
    return unescape(found.group(1))


def words(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


# --- the service ------------------------------------------------------------------------------


def test_the_second_of_two_saves_from_the_same_version_is_refused_and_the_first_kept(
    org, member, eve
):
    revision = a_draft(org, member)
    assert revision.version == 1
    services.save_step(revision, "about", {"name": "Alpha Walks"}, started_from=1, user=member)
    with pytest.raises(EditConflict) as conflict:
        services.save_step(
            revision, "contact", {"contact_email": "b@example.org"}, started_from=1, user=eve
        )
    assert conflict.value.changed_by == "Gwen Group"
    assert conflict.value.current["name"] == "Alpha Walks"
    saved = fresh(revision.id)
    assert saved.version == 2
    assert saved.updated_by.name == "Gwen Group"
    assert saved.data["name"] == "Alpha Walks"
    assert saved.data["contact_email"] == "knit@example.org"


def test_a_save_from_the_newest_version_goes_through(org, member, eve):
    revision = a_draft(org, member)
    services.save_step(revision, "about", {"name": "Alpha Walks"}, started_from=1, user=member)
    services.save_step(revision, "about", {"name": "Bravo Walks"}, started_from=2, user=eve)
    saved = fresh(revision.id)
    assert (saved.version, saved.data["name"], saved.updated_by.name) == (
        3,
        "Bravo Walks",
        "Eve Editor",
    )


def test_sending_a_draft_that_changed_since_it_was_checked_is_refused(org, member, eve):
    revision = a_draft(org, member)
    services.save_step(revision, "about", {"name": "Alpha Walks"}, started_from=1, user=eve)
    with pytest.raises(EditConflict):
        services.submit(revision, member, expected_version=1)
    assert fresh(revision.id).state is RevisionState.DRAFT
    services.submit(revision, member, expected_version=2)
    assert fresh(revision.id).state is RevisionState.PENDING


def test_a_save_that_arrives_after_the_draft_was_sent_is_refused_not_lost(org, member):
    revision = a_draft(org, member)
    services.submit(revision, member, expected_version=1)
    with pytest.raises(EditConflict):
        services.save_step(revision, "about", {"name": "Late"}, started_from=1, user=member)
    assert fresh(revision.id).data["name"] == "Knit and Natter"


# --- the step page ------------------------------------------------------------------------------


def about_form(browser, revision_id) -> dict[str, str]:
    page = browser.get(f"/listings/drafts/{revision_id}/about")
    assert page.status_code == 200
    return shown_form(page.get_data(as_text=True))


def test_the_conflict_page_keeps_what_was_typed_and_says_who_changed_what(
    member_client, eve_client, org, member
):
    revision = a_draft(org, member)
    url = f"/listings/drafts/{revision.id}/about"
    gwen, eve = about_form(member_client, revision.id), about_form(eve_client, revision.id)
    assert gwen["version"] == eve["version"] == "1"

    saved = member_client.post(url, data={**gwen, **ABOUT, "name": "Alpha Walks"})
    assert saved.status_code == 302
    refused = eve_client.post(url, data={**eve, **ABOUT, "name": "Bravo Walks"})

    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert field_value(html, "name") == "Bravo Walks"
    text = words(html)
    assert "Gwen Group changed this draft at" in text
    assert "Nothing you typed here has been saved yet" in text
    assert "Alpha Walks" in text
    assert shown_form(html)["version"] == "2"
    assert fresh(revision.id).data["name"] == "Alpha Walks"

    again = eve_client.post(url, data={**shown_form(html), **ABOUT, "name": "Bravo Walks"})
    assert again.status_code == 302
    saved = fresh(revision.id)
    assert (saved.data["name"], saved.version) == ("Bravo Walks", 3)


def test_a_form_with_problems_keeps_the_version_it_started_from(
    member_client, eve_client, org, member
):
    revision = a_draft(org, member)
    url = f"/listings/drafts/{revision.id}/about"
    eve = about_form(eve_client, revision.id)
    member_client.post(url, data={**about_form(member_client, revision.id), **ABOUT, "name": "A"})
    shown = eve_client.post(url, data={**eve, **ABOUT, "name": ""})
    assert shown.status_code == 400
    assert shown_form(shown.get_data(as_text=True))["version"] == "1"


def test_the_check_page_refuses_to_send_a_draft_changed_since_it_was_shown(
    member_client, eve_client, org, member
):
    revision = a_draft(org, member)
    check = f"/listings/drafts/{revision.id}/check"
    shown = shown_form(member_client.get(check).get_data(as_text=True))
    url = f"/listings/drafts/{revision.id}/about"
    eve = about_form(eve_client, revision.id)
    assert eve_client.post(url, data={**eve, **ABOUT, "name": "Bravo Walks"}).status_code == 302

    refused = member_client.post(check, data=shown)
    assert refused.status_code == 409
    assert "Eve Editor changed this draft at" in words(refused.get_data(as_text=True))
    assert fresh(revision.id).state is RevisionState.DRAFT
    sent = member_client.post(check, data=shown_form(refused.get_data(as_text=True)))
    assert sent.status_code == 302
    assert fresh(revision.id).state is RevisionState.PENDING


# --- a live listing edited by its group and an editor at once -------------------------------------


def test_the_group_and_an_editor_editing_a_live_listing_at_once(
    member_client, eve_client, org, member, eve
):
    service = live_listing(member, org, eve)
    for browser in (member_client, eve_client):
        token = csrf_token(browser.get(f"/listings/{service.id}/edit").get_data(as_text=True))
        assert browser.post(f"/listings/{service.id}/edit", data={"csrf_token": token}).status_code
    revision = services.open_revision_for(service)
    url = f"/listings/drafts/{revision.id}/contact"
    gwen = shown_form(member_client.get(url).get_data(as_text=True))
    eve = shown_form(eve_client.get(url).get_data(as_text=True))
    contact = {"contact_name": "Gwen", "contact_phone": "", "website": ""}

    saved = member_client.post(url, data={**gwen, **contact, "contact_email": "g@example.org"})
    assert saved.status_code == 302
    refused = eve_client.post(url, data={**eve, **contact, "contact_email": "e@example.org"})
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert field_value(html, "contact_email") == "e@example.org"
    assert "Gwen Group changed this draft at" in words(html)
    assert "g@example.org" in words(html)
    assert fresh(revision.id).data["contact_email"] == "g@example.org"


def test_publishing_directly_a_draft_changed_since_it_was_checked_is_refused(
    member_client, eve_client, org, member, eve
):
    service = live_listing(member, org, eve)
    revision = services.start_edit(member, service)
    check = f"/listings/drafts/{revision.id}/check"
    shown = shown_form(eve_client.get(check).get_data(as_text=True))
    url = f"/listings/drafts/{revision.id}/about"
    gwen = about_form(member_client, revision.id)
    assert member_client.post(url, data={**gwen, **ABOUT, "name": "Alpha Walks"}).status_code == 302

    refused = eve_client.post(check, data=shown)
    assert refused.status_code == 409
    assert "Gwen Group changed this draft at" in words(refused.get_data(as_text=True))
    db.session.expire_all()
    assert service.name == "Knit and Natter"
    published = eve_client.post(check, data=shown_form(refused.get_data(as_text=True)))
    assert published.status_code == 302
    db.session.expire_all()
    assert service.name == "Alpha Walks"


# --- at the same instant, against a real server -----------------------------------------------


@pytest.fixture
def live_server(app):
    with serving(app) as base:
        yield base


def signed_in(base: str, user) -> requests.Session:
    session = requests.Session()
    token = csrf_token(session.get(f"{base}/sign-in").text)
    response = session.post(
        f"{base}/sign-in",
        data={"email": user.email, "password": "correct horse battery", "csrf_token": token},
        allow_redirects=False,
    )
    assert response.status_code == 302
    return session


def at_once(requests_by_name: dict) -> dict[str, requests.Response]:
    """Send each request from its own thread, all released at the same moment."""
    barrier = threading.Barrier(len(requests_by_name))
    answers: dict[str, requests.Response] = {}

    def send(name: str) -> None:
        barrier.wait()
        answers[name] = requests_by_name[name]()

    threads = [threading.Thread(target=send, args=(name,)) for name in requests_by_name]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_two_people_saving_at_the_same_instant_never_lose_a_change_silently(
    live_server, org, member, eve
):
    revision = a_draft(org, member)
    url = f"{live_server}/listings/drafts/{revision.id}/about"
    people = {
        "Gwen Group": signed_in(live_server, member),
        "Eve Editor": signed_in(live_server, eve),
    }
    for round_number in range(6):
        forms = {name: shown_form(browser.get(url).text) for name, browser in people.items()}
        typed = {name: f"{name.split()[0]} round {round_number}" for name in people}
        answers = at_once(
            {
                name: partial(
                    browser.post,
                    url,
                    data={**forms[name], **ABOUT, "name": typed[name]},
                    allow_redirects=False,
                )
                for name, browser in people.items()
            }
        )

        statuses = sorted(answer.status_code for answer in answers.values())
        assert statuses == [302, 409], (round_number, statuses)
        winner = next(name for name, answer in answers.items() if answer.status_code == 302)
        loser = next(name for name in people if name != winner)
        assert fresh(revision.id).data["name"] == typed[winner]
        page = answers[loser].text
        assert field_value(page, "name") == typed[loser]
        assert f"{winner} changed this draft at" in words(page)
        assert typed[winner] in words(page)


def test_deleting_a_draft_changed_since_it_was_shown_is_refused(
    member_client, eve_client, org, member
):
    revision = a_draft(org, member)
    overview = member_client.get(f"/listings/drafts/{revision.id}").get_data(as_text=True)
    shown = shown_form(overview)
    eve = about_form(eve_client, revision.id)
    url = f"/listings/drafts/{revision.id}/about"
    assert eve_client.post(url, data={**eve, **ABOUT, "name": "Bravo Walks"}).status_code == 302

    refused = member_client.post(f"/listings/drafts/{revision.id}/delete", data=shown)
    assert refused.headers["Location"] == f"/listings/drafts/{revision.id}"
    assert fresh(revision.id).state is RevisionState.DRAFT
    page = words(member_client.get(refused.headers["Location"]).get_data(as_text=True))
    assert "Eve Editor changed this draft at" in page and "has not been deleted" in page
    deleted = member_client.post(
        f"/listings/drafts/{revision.id}/delete",
        data=shown_form(
            member_client.get(f"/listings/drafts/{revision.id}").get_data(as_text=True)
        ),
    )
    assert deleted.status_code == 302
    assert fresh(revision.id).state is RevisionState.WITHDRAWN


def test_a_save_that_arrives_after_the_draft_was_sent_says_so_and_offers_no_save(
    member_client, org, member, monkeypatch
):
    revision = a_draft(org, member)
    gwen = about_form(member_client, revision.id)
    services.submit(revision, member)
    # The save got past the first check just before the draft was sent: only the save's own
    # conditional update can notice.
    for module in (services, drafts):  # the page's check and the save's own
        monkeypatch.setattr(module, "check_can_edit", lambda *_args, **_kwargs: None)
    refused = member_client.post(
        f"/listings/drafts/{revision.id}/about", data={**gwen, **ABOUT, "name": "Late Walks"}
    )
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert field_value(html, "name") == "Late Walks"
    assert "sent for review, so it cannot be changed now" in words(html)
    assert "Save and continue" not in html
    assert fresh(revision.id).data["name"] == "Knit and Natter"

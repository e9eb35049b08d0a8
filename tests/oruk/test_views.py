"""The "Other directories" pages through the test client: what an administrator sees and
sends, what is refused and why, and that nobody else gets in."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime, timedelta
from functools import partial
from html import unescape

import pytest
from sqlalchemy import select

from portal.accounts.models import Role
from portal.directory.models import Service
from portal.directory.services import load_vocabulary, vocabulary_terms
from portal.extensions import db
from portal.oruk.feeds import FeedDetails, register_feed
from portal.oruk.models import Feed, FeedKind, ImportRun, RunState, TermMapping
from portal.oruk.report import MISSING_CONTACT, MISSING_PLACE, Report
from tests import factories
from tests.concurrency import Person, at_once, live_server
from tests.oruk.feeds import serve_feed
from tests.oruk.importing import service_record, term_attribute
from tests.support import csrf_token, sign_in, text_of

FIS = "Bracknell Family Information Service"


def error_summary(response) -> list[str]:
    html = response.get_data(as_text=True)
    found = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)
    assert found, "no error summary"
    return [unescape(m) for m in re.findall(r'<a href="#[^"]+">([^<]+)</a>', found.group(1))]


@pytest.fixture
def admin(app):
    return factories.user("ada@example.org", role=Role.ADMIN, name="Ada Admin")


@pytest.fixture
def browser(app, admin):
    client = app.test_client()
    sign_in(client, admin)
    return client


@pytest.fixture
def feed(admin):
    details = FeedDetails(FIS, "https://fis.example.org/api", "api", "data@fis.example.org", 24, 0)
    return register_feed(details, admin)


def send(browser, form_url: str, **data):
    """Open the page a form is on and send it, with its CSRF token."""
    token = csrf_token(browser.get(form_url).get_data(as_text=True))
    return browser.post(form_url, data={"csrf_token": token, **data})


def a_run(feed, state: RunState = RunState.READY, report: Report | None = None, **fields):
    report = report or Report(source=feed.url)
    run = ImportRun(
        feed_id=feed.id,
        state=state,
        report=report.to_json(),
        new_count=report.counts["new"],
        changed_count=report.counts["changed"],
        unchanged_count=report.counts["unchanged"],
        withdrawn_count=report.counts["withdrawn"],
        problem_count=len(report.problems),
        **fields,
    )
    db.session.add(run)
    db.session.commit()
    return run


VALID = {
    "name": FIS,
    "url": "https://fis.example.org/api",
    "kind": "api",
    "contact_email": "data@fis.example.org",
    "pull_every_hours": "168",
    "auto_apply": "yes",
}


# --- the list and the feed form -----------------------------------------------------------------


def test_with_no_feeds_the_list_says_what_it_is_for(browser):
    page = text_of(browser.get("/admin/directories"))
    assert "Show the activities of directories that publish Open Referral UK listings" in page
    assert "No other directories yet." in page
    assert "Add another directory" in page


def test_the_list_shows_each_feed_with_its_latest_check(browser, feed):
    report = Report(counts={"new": 4, "changed": 1, "unchanged": 7, "withdrawn": 0, "rejected": 2})
    run = a_run(feed, RunState.READY, report)
    response = browser.get("/admin/directories")
    page = text_of(response)
    assert FIS in page and "https://fis.example.org/api" in page
    assert "Open Referral UK API" in page and "Every day" in page and "Last fetched: Never" in page
    assert "Waiting to be applied" in page
    assert "4 new, 1 changed, 7 unchanged" in page and "withdrawn" not in page
    assert f'href="/admin/directories/runs/{run.id}"' in response.get_data(as_text=True)


def test_an_administrator_registers_a_feed_and_lands_on_its_page(browser, admin):
    form = text_of(browser.get("/admin/directories/new"))
    assert "Whose listings are these?" in form
    assert "A file on this server can only be imported from the command line" in form
    assert "Clean means every record could be read, none was turned away" in form
    response = send(browser, "/admin/directories/new", **VALID)
    feed = db.session.scalars(select(Feed)).one()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/directories/{feed.id}"
    assert (feed.kind, feed.pull_every_hours, feed.auto_apply) == (FeedKind.API, 168, True)
    page = text_of(browser.get(response.headers["Location"]))
    assert f"Saved {FIS}." in page
    assert "Every week, applied automatically after a clean check" in page
    assert "0 public, 0 hidden" in page and "Not checked yet." in page


def test_a_bad_form_keeps_what_was_typed_and_says_what_is_wrong(browser):
    typed = {**VALID, "url": "/srv/feeds/fis.json", "contact_email": "data at fis"}
    typed.pop("pull_every_hours")
    response = send(browser, "/admin/directories/new", **typed)
    assert response.status_code == 400
    assert error_summary(response) == [
        "Enter a web address starting with http:// or https://. A file on this server can "
        "only be imported from the command line (flask oruk import)",
        "Enter the email address to tell about problems with their listings, like "
        "data@fis.example.org",
        "Choose how often to fetch their listings",
    ]
    html = response.get_data(as_text=True)
    assert "<title>Error: Add another directory" in html
    assert f'value="{FIS}"' in html and 'value="/srv/feeds/fis.json"' in html
    assert 'value="data at fis"' in html
    assert re.search(r'value="api" checked', html) and re.search(r'value="yes" checked', html)
    assert db.session.scalars(select(Feed)).all() == []


def test_an_address_registered_already_is_refused_by_name(browser, feed):
    response = send(browser, "/admin/directories/new", **{**VALID, "name": "Another name"})
    assert response.status_code == 400
    assert error_summary(response) == [f"This directory is already registered: {FIS}"]


def test_changing_a_feed_shows_its_details_and_saves_them(browser, feed):
    form = browser.get(f"/admin/directories/{feed.id}/edit").get_data(as_text=True)
    assert f'value="{FIS}"' in form and 'value="24" checked' in form
    response = send(
        browser,
        f"/admin/directories/{feed.id}/edit",
        **{**VALID, "name": "Bracknell FIS", "pull_every_hours": "0", "auto_apply": ""},
    )
    assert response.status_code == 302
    db.session.expire_all()
    changed = db.session.get(Feed, feed.id)
    assert (changed.name, changed.pull_every_hours, changed.auto_apply) == ("Bracknell FIS", 0, 0)
    assert "Only when asked, applied when you choose" in text_of(
        browser.get(f"/admin/directories/{feed.id}")
    )


def test_the_feed_page_lists_its_checks_and_what_waits(browser, feed, admin):
    load_vocabulary()
    db.session.add(TermMapping(feed_id=feed.id, source_key="Needs|x", source_name="Stay and play"))
    run = a_run(feed, RunState.APPLIED, started_by_id=admin.id)
    response = browser.get(f"/admin/directories/{feed.id}")
    page = text_of(response)
    assert "Check now" in page and "Nothing goes live until you apply it." in page
    assert "1 of their categories is not matched to ours yet" in page
    assert "Match their categories to ours" in page
    assert "by Ada Admin" in page and "Applied" in page
    assert f"/admin/directories/runs/{run.id}" in response.get_data(as_text=True)


# --- a run's report -----------------------------------------------------------------------------


def full_report() -> Report:
    return Report(
        source="https://fis.example.org/api",
        read=12,
        counts={"new": 2, "changed": 1, "unchanged": 6, "withdrawn": 1, "rejected": 1},
        problems=[
            {
                "record_id": "svc-9",
                "field": "service_at_locations[0].location.addresses[0].postal_code",
                "reason": "The postcode “RG12” is not a full postcode",
                "severity": "error",
            },
            {
                "record_id": "svc-3",
                "field": "assured_date",
                "reason": "It does not say when it was last checked",
                "severity": "warning",
            },
        ],
        incomplete=[
            {
                "record_id": "svc-4",
                "name": "Rhyme Time",
                "missing": [MISSING_PLACE, MISSING_CONTACT],
            }
        ],
        duplicates=[
            {
                "record_id": "svc-5",
                "name": "Tuesday Chatter",
                "place": "Crowthorne",
                "service_id": str(uuid.uuid4()),
                "service_name": "Tuesday Chatter Café",
            }
        ],
        unmapped_terms=[{"key": "Needs|play", "taxonomy": "Needs", "name": "Play", "records": 4}],
        withdrawn=[{"record_id": "svc-7", "service_id": str(uuid.uuid4()), "name": "Baby Swim"}],
    )


def test_a_ready_report_shows_every_section_and_the_two_decisions(browser, feed):
    run = a_run(feed, RunState.READY, full_report())
    response = browser.get(f"/admin/directories/runs/{run.id}")
    page, html = text_of(response), response.get_data(as_text=True)
    assert "Waiting to be applied" in page
    for words in (
        "Records read 12",
        "New listings 2",
        "Changed 1",
        "Unchanged 6",
        "Withdrawn by them 1",
        "Rejected 1",
    ):
        assert words in page
    assert "svc-9" in page and "The postcode “RG12” is not a full postcode Not imported" in page
    assert "It does not say when it was last checked Imported without it" in page
    assert "Rhyme Time" in page and "A place (an address or postcode); a way to join" in page
    assert "Tuesday Chatter, Crowthorne" in page and "Tuesday Chatter Café" in page
    assert "Play in Needs 4" in page
    assert "Baby Swim" in page
    assert f'action="/admin/directories/runs/{run.id}/apply"' in html
    assert f'formaction="/admin/directories/runs/{run.id}/discard"' in html
    assert f'href="/admin/directories/{feed.id}/categories"' in html


def test_a_failed_check_says_why_and_that_nothing_was_imported(browser, feed):
    report = Report(fatal="The feed answered 500 on page 3 of 5.")
    run = a_run(feed, RunState.FAILED, report)
    page = text_of(browser.get(f"/admin/directories/runs/{run.id}"))
    assert "Could not be read" in page
    assert "Warning Nothing was imported. The feed answered 500 on page 3 of 5." in page
    assert "Apply these changes" not in page


def test_thousands_of_problems_come_fifty_to_a_page(browser, feed):
    problems = [
        {"record_id": f"svc-{n}", "field": "name", "reason": f"Problem {n}", "severity": "error"}
        for n in range(1, 2502)
    ]
    run = a_run(feed, RunState.READY, Report(problems=problems))
    first = text_of(browser.get(f"/admin/directories/runs/{run.id}"))
    assert "Showing 1 to 50 of 2501." in first
    assert "Problem 50 " in first and "Problem 51 " not in first
    last = text_of(browser.get(f"/admin/directories/runs/{run.id}?page=51"))
    assert "Showing 2501 to 2501 of 2501." in last and "Problem 2501" in last
    beyond = text_of(browser.get(f"/admin/directories/runs/{run.id}?page=900"))
    assert "Showing 2501 to 2501 of 2501." in beyond


def test_an_applied_run_says_who_applied_it_and_when(browser, feed, admin):
    at = datetime(2026, 6, 2, 9, 15, tzinfo=UTC)
    run = a_run(feed, RunState.APPLIED, decided_by_id=admin.id, decided_at=at)
    page = text_of(browser.get(f"/admin/directories/runs/{run.id}"))
    assert "Applied by Ada Admin at 10:15 on 2 June 2026." in page
    assert "Apply these changes" not in page


# --- their categories ---------------------------------------------------------------------------


@pytest.fixture
def terms(feed):
    load_vocabulary()
    decided = TermMapping(
        feed_id=feed.id,
        source_key="Needs|lonely",
        source_taxonomy="Needs",
        source_name="Lonely",
        term_id=vocabulary_terms("needs")[0].id,
        decided_at=datetime.now(UTC) - timedelta(days=1),
    )
    waiting = TermMapping(
        feed_id=feed.id, source_key="Needs|play", source_taxonomy="Needs", source_name="Play"
    )
    db.session.add_all([decided, waiting])
    db.session.commit()
    a_run(feed, RunState.READY, full_report())
    return decided, waiting


def test_the_mapping_page_lists_undecided_terms_first_with_our_terms_grouped(browser, feed, terms):
    response = browser.get(f"/admin/directories/{feed.id}/categories")
    page, html = text_of(response), response.get_data(as_text=True)
    assert page.index("Play") < page.index("Lonely")
    assert "Not decided yet In their Needs. Used by 4 records in the last check." in page
    assert html.count("Not decided yet") == 1
    for label in ("Needs", "Who it is for", "Kinds of activity"):
        assert f'<optgroup label="{label}">' in html
    assert html.count('<option value="leave-out"') == 2
    first_need = vocabulary_terms("needs")[0]
    assert f'<option value="{first_need.id}" selected>' in html


def test_saving_the_mapping_page_decides_each_row_chosen(browser, feed, terms):
    decided, waiting = terms
    audiences = vocabulary_terms("audiences")
    response = send(
        browser,
        f"/admin/directories/{feed.id}/categories",
        **{
            "key-0": "Needs|play",
            "term-0": str(audiences[0].id),
            "key-1": "Needs|lonely",
            "term-1": "leave-out",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/directories/{feed.id}"
    db.session.expire_all()
    assert db.session.get(TermMapping, waiting.id).term_id == audiences[0].id
    left_out = db.session.get(TermMapping, decided.id)
    assert left_out.term_id is None and left_out.decided_at is not None
    assert f"Saved what 2 of their categories mean. Check {FIS} again" in text_of(
        browser.get(response.headers["Location"])
    )


def test_a_choice_that_is_not_ours_is_refused_and_nothing_is_saved(browser, feed, terms):
    decided, waiting = terms
    response = send(
        browser,
        f"/admin/directories/{feed.id}/categories",
        **{
            "key-0": "Needs|play",
            "term-0": str(uuid.uuid4()),
            "key-1": "Needs|lonely",
            "term-1": "leave-out",
        },
    )
    assert response.status_code == 400
    assert error_summary(response) == ["Choose one of our needs, audiences or kinds of activity"]
    db.session.expire_all()
    assert db.session.get(TermMapping, waiting.id).decided_at is None
    assert db.session.get(TermMapping, decided.id).term_id is not None
    assert 'value="leave-out" selected' in response.get_data(as_text=True)


# --- who may -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", [Role.EDITOR, Role.GROUP_MEMBER, Role.CONNECTOR, Role.COMMISSIONER]
)
def test_nobody_but_administrators_reaches_the_pages(app, feed, role):
    run = a_run(feed, RunState.READY, full_report())
    person = factories.user(f"{role.value}@example.org", role=role)
    browser = app.test_client()
    sign_in(browser, person)
    token = csrf_token(browser.get("/account").get_data(as_text=True))
    for url in (
        "/admin/directories",
        "/admin/directories/new",
        f"/admin/directories/{feed.id}",
        f"/admin/directories/{feed.id}/edit",
        f"/admin/directories/{feed.id}/categories",
        f"/admin/directories/runs/{run.id}",
    ):
        assert browser.get(url).status_code == 403, url
    for url in (
        f"/admin/directories/{feed.id}/check",
        f"/admin/directories/runs/{run.id}/apply",
        f"/admin/directories/runs/{run.id}/discard",
    ):
        assert browser.post(url, data={"csrf_token": token}).status_code == 403, url
    db.session.expire_all()
    assert db.session.get(ImportRun, run.id).state is RunState.READY


def test_strangers_are_sent_to_sign_in(client, feed):
    response = client.get(f"/admin/directories/{feed.id}")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


def test_unknown_ids_are_404(browser):
    missing = uuid.uuid4()
    for url in (
        f"/admin/directories/{missing}",
        "/admin/directories/not-an-id/edit",
        f"/admin/directories/{missing}/categories",
        f"/admin/directories/runs/{missing}",
    ):
        assert browser.get(url).status_code == 404, url


def test_only_administrators_see_the_link(app, admin, browser):
    assert 'href="/admin/directories"' in browser.get("/account").get_data(as_text=True)
    editor = factories.user("eve@example.org", role=Role.EDITOR)
    other = app.test_client()
    sign_in(other, editor)
    assert 'href="/admin/directories"' not in other.get("/account").get_data(as_text=True)


def test_the_report_json_shape_is_read_whatever_it_lacks(browser, feed):
    run = a_run(feed, RunState.READY)
    run.report = json.dumps({"counts": {"new": 1}, "something_new": True})
    db.session.commit()
    assert browser.get(f"/admin/directories/runs/{run.id}").status_code == 200


# --- through the engine: checking, applying, setting aside --------------------------------------


@pytest.fixture
def served(app):
    """Another directory's API on 127.0.0.1 with two activities, one in a category of theirs
    that is none of ours."""
    load_vocabulary()
    db.session.commit()
    play = term_attribute("Family Hub categories", "stay-play", "Stay and play")
    records = [
        service_record(1, name="Lily Hill Health Walk"),
        service_record(
            2,
            name="Toddler Stay and Play",
            attributes=[term_attribute("Needs", "getting-active", "Getting active"), play],
        ),
    ]
    with serve_feed(records) as (base_url, state):
        yield base_url, state


def test_work_it_out_for_me_asks_the_address(browser, served):
    base_url, _state = served
    response = send(browser, "/admin/directories/new", **{**VALID, "url": base_url, "kind": "auto"})
    assert response.status_code == 302
    assert db.session.scalars(select(Feed)).one().kind is FeedKind.API


def test_an_address_that_cannot_be_reached_is_said_plainly(browser):
    typed = {**VALID, "url": "http://127.0.0.1:9/api", "kind": "auto"}
    response = send(browser, "/admin/directories/new", **typed)
    assert response.status_code == 400
    assert error_summary(response) == [
        "We could not work out what is at that address: Could not connect to 127.0.0.1:9: the "
        "connection was refused. Check the address, or choose what kind it is"
    ]
    assert 'value="auto" checked' in response.get_data(as_text=True)


def feed_at(browser, url: str) -> Feed:
    assert send(browser, "/admin/directories/new", **{**VALID, "url": url}).status_code == 302
    return db.session.scalars(select(Feed).where(Feed.url == url)).one()


def check_now(browser, feed: Feed) -> ImportRun:
    token = csrf_token(browser.get(f"/admin/directories/{feed.id}").get_data(as_text=True))
    response = browser.post(f"/admin/directories/{feed.id}/check", data={"csrf_token": token})
    assert response.status_code == 302
    run_id = response.headers["Location"].rsplit("/", 1)[1]
    db.session.expire_all()
    return db.session.get(ImportRun, uuid.UUID(run_id))


def test_check_now_reads_the_feed_and_shows_its_report(browser, served):
    feed = feed_at(browser, served[0])
    run = check_now(browser, feed)
    assert run.state is RunState.READY
    page = text_of(browser.get(f"/admin/directories/runs/{run.id}"))
    assert "New listings 2" in page and "Waiting to be applied" in page
    assert "Stay and play in Family Hub categories 1" in page
    assert "Checked " in page and "by Ada Admin" in page


def test_a_feed_that_cannot_be_read_fails_its_check_and_imports_nothing(browser):
    feed = feed_at(browser, "http://127.0.0.1:9/api")
    run = check_now(browser, feed)
    assert run.state is RunState.FAILED
    page = text_of(browser.get(f"/admin/directories/runs/{run.id}"))
    assert "Nothing was imported." in page and "the connection was refused" in page
    assert "Apply these changes" not in page


def test_applying_puts_their_listings_live_with_their_source(browser, client, served):
    feed = feed_at(browser, served[0])
    run = check_now(browser, feed)
    token = csrf_token(browser.get(f"/admin/directories/runs/{run.id}").get_data(as_text=True))
    response = browser.post(f"/admin/directories/runs/{run.id}/apply", data={"csrf_token": token})
    assert response.status_code == 302
    page = text_of(browser.get(response.headers["Location"]))
    assert "Applied: the listings are live." in page and "Applied by Ada Admin at" in page
    assert "2 public, 0 hidden" in text_of(browser.get(f"/admin/directories/{feed.id}"))
    walk = db.session.scalars(select(Service).where(Service.name == "Lily Hill Health Walk")).one()
    public = text_of(client.get(f"/services/{walk.id}"))
    assert f"This information comes from {FIS}. They last checked it on" in public


def test_not_applying_changes_nothing_and_says_who_chose(browser, served):
    feed = feed_at(browser, served[0])
    run = check_now(browser, feed)
    token = csrf_token(browser.get(f"/admin/directories/runs/{run.id}").get_data(as_text=True))
    response = browser.post(f"/admin/directories/runs/{run.id}/discard", data={"csrf_token": token})
    assert response.status_code == 302
    page = text_of(browser.get(response.headers["Location"]))
    assert "Not applied. Nothing was changed." in page
    assert "This import was set aside by Ada Admin at" in page
    assert db.session.scalars(select(Service)).all() == []
    again = browser.post(f"/admin/directories/runs/{run.id}/apply", data={"csrf_token": token})
    assert again.status_code == 409
    assert "This import was set aside by Ada Admin at" in text_of(again)


@pytest.fixture
def two_admins(app, admin):
    other = factories.user("ann@example.org", role=Role.ADMIN, name="Ann Smith")
    with live_server(app) as base:
        yield Person(base, admin.email), Person(base, other.email)


ROUNDS = 3


@pytest.mark.parametrize("second", ["apply", "discard"])
def test_two_administrators_deciding_one_check_at_once_decide_it_once(
    browser, served, two_admins, second
):
    """One presses "Apply these changes" as the other presses `second`, several times over:
    one decision is taken, the other is shown who took it and when (409)."""
    feed = feed_at(browser, served[0])
    names = ("Ada Admin", "Ann Smith")  # the two administrators, in order
    for _round in range(ROUNDS):
        run = check_now(browser, feed)
        url = f"/admin/directories/runs/{run.id}"
        tokens = [person.token(url) for person in two_admins]
        answers = at_once(
            partial(two_admins[0].post, f"{url}/apply", tokens[0]),
            partial(two_admins[1].post, f"{url}/{second}", tokens[1]),
        )
        assert sorted(a.status_code for a in answers) == [302, 409], answers
        won = next(i for i, a in enumerate(answers) if a.status_code == 302)
        lost = text_of(answers[1 - won].text)
        winner = names[won]
        applied = won == 0 or second == "apply"
        done = "already applied" if applied else "set aside"
        assert re.search(rf"This import was {done} by {winner} at \d\d:\d\d on", lost), lost
        db.session.expire_all()
        decided = db.session.get(ImportRun, run.id)
        assert decided.state is (RunState.APPLIED if applied else RunState.DISCARDED)
        assert len(db.session.scalars(select(Service)).all()) in (0, 2)  # never doubled

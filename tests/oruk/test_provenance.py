"""Where an imported listing comes from: what residents, groups and the directory team see.

A listing another directory keeps says so on its public page (whose, when they last checked
it, when we last fetched it); a group cannot change, confirm or claim it and is told who keeps
it and how a correction reaches them; the directory team can still hide it; a problem
reported on it tells the person it goes to its source, and the team's copy names the source
and its contact address.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from portal.accounts.models import Role
from portal.directory.models import PublicationState, Service
from portal.extensions import db
from portal.moderation.models import ClaimState, ProblemReport
from portal.oruk import provenance
from portal.oruk.apply import apply_run
from portal.oruk.feeds import FeedDetails, register_feed
from portal.oruk.models import Feed, RecordType, SourceRecord
from portal.oruk.plan import start_run
from tests import factories
from tests.oruk.feeds import serve_feed
from tests.oruk.importing import service_record, vocabularies
from tests.support import csrf_token, sign_in, text_of

FIS = "Bracknell Family Information Service"


def a_feed(name: str = FIS, url: str = "https://fis.example.org/api", by=None):
    by = by or factories.user("admin-maker@example.org", role=Role.ADMIN, name="Ada Admin")
    details = FeedDetails(name, url, "api", "data@fis.example.org", 24, False)
    return register_feed(details, by)


def imported(service: Service, feed, external_id: str = "svc-1", **fields) -> SourceRecord:
    """Record `service` as taken in from `feed`, as applying an import does."""
    record = SourceRecord(
        feed_id=feed.id,
        record_type=fields.pop("record_type", RecordType.SERVICE),
        external_id=external_id,
        local_id=fields.pop("local_id", service.id),
        pulled_at=fields.pop("pulled_at", datetime(2026, 3, 2, 9, 30, tzinfo=UTC)),
        assured_date=fields.pop("assured_date", date(2026, 2, 14)),
        **fields,
    )
    db.session.add(record)
    db.session.commit()
    return record


@pytest.fixture
def org(app):
    organisation = factories.organisation("Bracknell Family Hub")
    db.session.commit()
    return organisation


@pytest.fixture
def walk(org):
    """A listing another directory keeps."""
    service = factories.service("Lily Hill Health Walk", org=org)
    imported(service, a_feed())
    return service


@pytest.fixture
def ours(org):
    return factories.service("Hub Coffee Morning", org=org)


@pytest.fixture
def member(org):
    return factories.user(
        "gwen@example.org", role=Role.GROUP_MEMBER, name="Gwen Group", organisations=(org,)
    )


def signed_in(app, user):
    browser = app.test_client()
    sign_in(browser, user)
    return browser


def post_form(browser, form_url: str, url: str | None = None, **data):
    token = csrf_token(browser.get(form_url).get_data(as_text=True))
    return browser.post(url or form_url, data={"csrf_token": token, **data})


# --- the service functions ------------------------------------------------------------------


def test_source_of_names_the_feed_and_its_dates_and_ours_have_none(walk, ours):
    source = provenance.source_of(walk.id)
    assert source.feed_name == FIS
    assert source.contact_email == "data@fis.example.org"
    assert source.external_id == "svc-1"
    assert source.assured_date == date(2026, 2, 14)
    assert source.pulled_on == date(2026, 3, 2)
    assert provenance.source_of(ours.id) is None
    assert provenance.is_imported(walk.id) and not provenance.is_imported(ours.id)
    assert set(provenance.sources_of([walk.id, ours.id, uuid.uuid4()])) == {walk.id}


def test_an_organisation_is_kept_by_a_source_by_its_own_record_or_when_all_its_listings_are(
    org, walk, ours
):
    assert provenance.organisation_source(org.id) is None  # one of its listings is ours
    ours.organisation = factories.organisation("Another group")
    db.session.commit()
    assert provenance.organisation_source(org.id).feed_name == FIS
    empty = factories.organisation("Imported Trust")
    db.session.commit()
    assert provenance.organisation_source(empty.id) is None
    feed = db.session.get(Feed, provenance.source_of(walk.id).feed_id)
    imported(walk, feed, "org-9", record_type=RecordType.ORGANIZATION, local_id=empty.id)
    assert provenance.organisation_source(empty.id).external_id == "org-9"


def test_a_group_may_not_change_an_imported_listing_but_the_directory_team_may(
    app, walk, ours, member
):
    with pytest.raises(provenance.KeptBySource) as refused:
        provenance.check_group_may_change(member, walk)
    assert refused.value.source.feed_name == FIS
    provenance.check_group_may_change(member, ours)
    editor = factories.user("eve@example.org", role=Role.EDITOR, name="Eve Editor")
    provenance.check_group_may_change(editor, walk)


# --- residents -------------------------------------------------------------------------------


def test_the_public_page_says_whose_listing_it_is_and_when_they_last_checked_it(client, walk, ours):
    page = text_of(client.get(f"/services/{walk.id}"))
    assert f"This information comes from {FIS}." in page
    assert "They last checked it on Saturday 14 February 2026." in page
    assert "We last fetched it from them on Monday 2 March 2026." in page
    assert "Last checked:" not in page
    own = text_of(client.get(f"/services/{ours.id}"))
    assert "This information comes from" not in own and "Last checked:" in own


def test_a_listing_they_never_dated_says_only_when_we_fetched_it(client, org):
    service = factories.service("Harmans Water Choir", org=org)
    imported(service, a_feed(), "svc-2", assured_date=None)
    page = text_of(client.get(f"/services/{service.id}"))
    assert f"This information comes from {FIS}. We last fetched it from them" in page
    assert "They last checked it" not in page


def test_reporting_a_problem_on_an_imported_listing_says_it_goes_to_its_source(app, client, walk):
    form = text_of(client.get(f"/services/{walk.id}/report"))
    assert f"This listing comes from {FIS}" in form
    assert "The directory team will pass your report on to them." in form
    sent = post_form(
        client,
        f"/services/{walk.id}/report",
        kind="wrong_time_or_place",
        message="Now starts at 11am",
    )
    assert sent.status_code == 200
    assert f"The directory team will pass it on to {FIS}" in text_of(sent)

    report = db.session.scalars(select(ProblemReport)).one()
    editor = factories.user("eve@example.org", role=Role.EDITOR, name="Eve Editor")
    team_copy = signed_in(app, editor).get(f"/moderation/reports/{report.id}")
    seen = text_of(team_copy)
    assert f"Kept by {FIS}, whose listing this is: pass the problem on to" in seen
    assert "data@fis.example.org" in seen and "Their id for it: svc-1" in seen
    assert 'href="mailto:data@fis.example.org?subject=' in team_copy.get_data(as_text=True)


def test_reporting_a_problem_on_our_own_listing_is_as_before(client, ours):
    form = text_of(client.get(f"/services/{ours.id}/report"))
    assert "This listing comes from" not in form
    sent = post_form(client, f"/services/{ours.id}/report", kind="closed")
    assert "The directory team will check it and put it right." in text_of(sent)


# --- groups ----------------------------------------------------------------------------------


def test_a_group_cannot_start_changing_an_imported_listing_and_is_told_who_keeps_it(
    app, walk, member
):
    browser = signed_in(app, member)
    shown = browser.get(f"/listings/{walk.id}/edit")
    assert shown.status_code == 403
    page = text_of(shown)
    assert f"“Lily Hill Health Walk” is kept by {FIS}" in page
    assert f"The directory team will pass the correction on to {FIS}." in page
    assert f'href="/services/{walk.id}/report"' in shown.get_data(as_text=True)

    token = csrf_token(browser.get("/account").get_data(as_text=True))
    sent = browser.post(f"/listings/{walk.id}/edit", data={"csrf_token": token})
    assert sent.status_code == 403
    confirmed = browser.post(f"/listings/{walk.id}/still-correct", data={"csrf_token": token})
    assert confirmed.status_code == 403
    db.session.expire_all()
    assert db.session.get(Service, walk.id).last_reviewed == date.today()  # untouched
    from portal.moderation.models import ListingRevision

    assert db.session.scalars(select(ListingRevision)).all() == []


def test_the_group_dashboard_says_who_keeps_an_imported_listing_and_offers_no_change(
    app, walk, ours, member
):
    response = signed_in(app, member).get("/groups")
    page = text_of(response)
    assert f"kept by {FIS}" in page
    assert f"Nothing to do: {FIS} keep it up to date." in page
    html = response.get_data(as_text=True)
    assert f"/listings/{walk.id}/edit" not in html
    assert f"/listings/{ours.id}/edit" in html  # their own listing can still be changed
    assert f"/services/{walk.id}/report" in html


def test_a_group_cannot_ask_to_manage_an_organisation_another_directory_keeps(app, walk, ours):
    kept = factories.organisation("Family Information Service Providers")
    db.session.commit()
    walk.organisation = kept
    db.session.commit()
    asker = factories.user("ask@example.org", role=Role.GROUP_MEMBER, name="Asa Asker")
    browser = signed_in(app, asker)
    shown = browser.get(f"/groups/organisations/claim?organisation={kept.id}")
    assert shown.status_code == 403
    assert f"“Family Information Service Providers” is kept by {FIS}" in text_of(shown)
    token = csrf_token(browser.get("/account").get_data(as_text=True))
    sent = browser.post(
        f"/groups/organisations/claim?organisation={kept.id}",
        data={"csrf_token": token, "message": "I run it"},
    )
    assert sent.status_code == 403
    from portal.moderation.models import Claim

    assert db.session.scalars(select(Claim)).all() == []
    # An organisation of our own can still be asked for.
    other = browser.get(f"/groups/organisations/claim?organisation={ours.organisation_id}")
    assert other.status_code == 200


# --- the directory team ----------------------------------------------------------------------


def test_an_editor_can_still_hide_an_imported_listing(app, client, walk):
    editor = factories.user("eve@example.org", role=Role.EDITOR, name="Eve Editor")
    browser = signed_in(app, editor)
    managed = text_of(browser.get(f"/moderation/listings/{walk.id}"))
    assert "Lily Hill Health Walk" in managed
    hidden = post_form(
        browser,
        f"/moderation/listings/{walk.id}",
        f"/moderation/listings/{walk.id}/hide",
        reason="The park is closed for works",
    )
    assert hidden.status_code == 302
    db.session.expire_all()
    assert db.session.get(Service, walk.id).publication_state is PublicationState.HIDDEN
    assert client.get(f"/services/{walk.id}").status_code == 404
    assert provenance.is_imported(walk.id)  # still theirs: hidden, not forgotten


def test_claims_of_our_organisations_are_unchanged(app, ours):
    asker = factories.user("ask@example.org", role=Role.GROUP_MEMBER, name="Asa Asker")
    browser = signed_in(app, asker)
    url = f"/groups/organisations/claim?organisation={ours.organisation_id}"
    sent = post_form(browser, url, message="I am the secretary")
    assert sent.status_code == 302
    from portal.moderation.models import Claim

    assert db.session.scalars(select(Claim)).one().state is ClaimState.PENDING


def test_a_listing_an_editor_hid_stays_hidden_when_its_source_changes_it(app, client):
    """Hiding is ours to decide: their next change updates the listing but does not show it."""
    vocabularies()
    with serve_feed([service_record(1, name="Lily Hill Health Walk")]) as (base_url, state):
        feed = a_feed(url=base_url)
        apply_run(start_run(feed).id, None)
        walk = db.session.scalars(select(Service)).one()
        editor = factories.user("eve@example.org", role=Role.EDITOR, name="Eve Editor")
        hidden = post_form(
            signed_in(app, editor),
            f"/moderation/listings/{walk.id}",
            f"/moderation/listings/{walk.id}/hide",
            reason="Reported unsafe path",
        )
        assert hidden.status_code == 302
        state.change("svc-1", description="A gentle walk, now with a café stop.")
        applied = apply_run(start_run(feed, full=True).id, None)
        assert applied.changed_count == 1
    db.session.expire_all()
    walk = db.session.get(Service, walk.id)
    assert walk.description == "A gentle walk, now with a café stop."
    assert walk.publication_state is PublicationState.HIDDEN
    assert client.get(f"/services/{walk.id}").status_code == 404

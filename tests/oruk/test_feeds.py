"""Registering other directories' feeds: what is kept, what is refused and why, and what the
"Other directories" pages read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.accounts.models import Role
from portal.audit import AuditEvent
from portal.directory.models import PublicationState
from portal.extensions import db
from portal.oruk import feeds
from portal.oruk.feeds import FeedDetails, FeedInvalid
from portal.oruk.models import Feed, FeedKind, ImportRun, RecordType, RunState, SourceRecord
from tests import factories

GOOD = FeedDetails(
    name="Bracknell Family Information Service",
    url="https://fis.example.org/api",
    kind="api",
    contact_email="data@fis.example.org",
    pull_every_hours=168,
    auto_apply=True,
)


@pytest.fixture
def admin(app):
    return factories.user("ada@example.org", role=Role.ADMIN, name="Ada Admin")


def problems_of(details: FeedDetails, admin) -> dict[str, str]:
    with pytest.raises(FeedInvalid) as refused:
        feeds.register_feed(details, admin)
    db.session.rollback()
    return refused.value.problems


def test_registering_keeps_every_detail_and_is_in_the_history(admin):
    feed = feeds.register_feed(GOOD, admin)
    db.session.expire_all()
    kept = db.session.get(Feed, feed.id)
    assert (kept.name, kept.url, kept.kind) == (GOOD.name, GOOD.url, FeedKind.API)
    assert (kept.contact_email, kept.pull_every_hours, kept.auto_apply) == (
        "data@fis.example.org",
        168,
        True,
    )
    assert kept.created_by_id == admin.id
    event = db.session.scalars(select(AuditEvent)).one()
    assert event.action == "feed.registered" and event.subject == f"feed:{feed.id}"
    assert GOOD.name in event.summary


def test_every_missing_detail_is_named_at_once(admin):
    empty = FeedDetails("", "", "", "", None, False)
    assert problems_of(empty, admin) == {
        "name": "Enter whose listings these are",
        "url": "Enter the directory’s web address, like https://fis.example.org/api",
        "kind": "Choose what kind of address it is, or ‘Work it out for me’",
        "contact_email": "Enter the email address to tell about problems with their "
        "listings, like data@fis.example.org",
        "pull_every_hours": "Choose how often to fetch their listings",
    }
    assert db.session.scalars(select(Feed)).all() == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "ftp://fis.example.org/feed.json",
            "Enter a web address starting with http:// or https://",
        ),
        ("/srv/feeds/fis.json", "can only be imported from the command line (flask oruk import)"),
        ("file:///srv/feeds/fis.json", "can only be imported from the command line"),
        ("fis.example.org/api", "can only be imported from the command line"),
        ("https://", "Enter a web address like https://fis.example.org/api"),
        ("https://fis.example.org/" + "a" * 1000, "must be 1,000 characters or fewer"),
    ],
)
def test_an_address_must_be_on_the_web(admin, url, message):
    assert message in problems_of(replace(GOOD, url=url), admin)["url"]


def test_other_bad_details_say_what_to_do(admin):
    problems = problems_of(
        replace(GOOD, name="x" * 256, contact_email="data at fis", kind="xml", pull_every_hours=3),
        admin,
    )
    assert problems["name"] == "The name must be 255 characters or fewer"
    assert problems["contact_email"].startswith("Enter the email address")
    assert problems["kind"].startswith("Choose what kind")
    assert problems["pull_every_hours"] == "Choose how often to fetch their listings"


def test_an_address_registered_already_names_the_directory(admin):
    feeds.register_feed(GOOD, admin)
    for same in ("https://fis.example.org/api/", "HTTPS://FIS.EXAMPLE.ORG/API"):
        problems = problems_of(replace(GOOD, name="Someone else", url=same), admin)
        assert problems == {
            "url": "This directory is already registered: Bracknell Family Information Service"
        }
    assert len(db.session.scalars(select(Feed)).all()) == 1


def test_changing_a_feed_keeps_its_address_its_own_and_refuses_another_s(admin):
    feed = feeds.register_feed(GOOD, admin)
    other = feeds.register_feed(
        replace(GOOD, name="Wokingham Directory", url="https://wokingham.example.org/api"), admin
    )
    changed = feeds.update_feed(
        feed.id, replace(GOOD, name="Bracknell FIS", pull_every_hours=0, auto_apply=False), admin
    )
    assert (changed.name, changed.pull_every_hours, changed.auto_apply) == (
        "Bracknell FIS",
        0,
        False,
    )
    with pytest.raises(FeedInvalid) as refused:
        feeds.update_feed(other.id, replace(GOOD, name="Wokingham Directory"), admin)
    assert refused.value.problems == {"url": "This directory is already registered: Bracknell FIS"}
    db.session.rollback()
    assert db.session.get(Feed, other.id).url == "https://wokingham.example.org/api"
    assert feeds.details_of(db.session.get(Feed, feed.id)).name == "Bracknell FIS"


def _run(feed, state: RunState, minutes_ago: int, **counts) -> ImportRun:
    run = ImportRun(
        feed_id=feed.id,
        state=state,
        created_at=datetime.now(UTC) - timedelta(minutes=minutes_ago),
        **counts,
    )
    db.session.add(run)
    db.session.commit()
    return run


def test_the_list_gives_each_feed_by_name_with_its_latest_run(admin):
    wokingham = feeds.register_feed(
        replace(GOOD, name="wokingham Directory", url="https://wok.example.org/api"), admin
    )
    bracknell = feeds.register_feed(GOOD, admin)
    applied = _run(bracknell, RunState.APPLIED, 60)
    latest = _run(bracknell, RunState.READY, 5, new_count=3)
    rows = feeds.list_feeds()
    assert [row.feed.name for row in rows] == [GOOD.name, "wokingham Directory"]
    assert rows[0].latest.id == latest.id and rows[0].latest.new_count == 3
    assert rows[1].latest is None and rows[1].feed.id == wokingham.id
    assert [r.id for r in feeds.recent_runs(bracknell)] == [latest.id, applied.id]


def test_listing_counts_tell_public_from_hidden(admin):
    feed = feeds.register_feed(GOOD, admin)
    org = factories.organisation("Family Hub")
    shown = factories.service("Stay and Play", org=org)
    hidden = factories.service(
        "Old Toddler Group", org=org, state=PublicationState.HIDDEN, needs=()
    )
    factories.service("Our own café", org=org)
    for n, service in enumerate((shown, hidden)):
        db.session.add(
            SourceRecord(
                feed_id=feed.id,
                record_type=RecordType.SERVICE,
                external_id=f"svc-{n}",
                local_id=service.id,
                pulled_at=datetime.now(UTC),
            )
        )
    db.session.commit()
    assert feeds.listing_counts(feed) == (1, 1)

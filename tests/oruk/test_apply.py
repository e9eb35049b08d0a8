"""Applying a dry run: everything or nothing, imported listings public with their provenance,
withdrawn ones hidden (never deleted), and one application when two people press at once."""

from __future__ import annotations

import csv
import json
import multiprocessing
import shutil
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from portal import search
from portal.accounts.models import Role
from portal.audit import AuditEvent
from portal.directory.models import HiddenReason, PublicationState, Service
from portal.extensions import db
from portal.oruk import apply as applying
from portal.oruk.apply import apply_run
from portal.oruk.models import Feed, ImportRun, RecordType, RunState, SourceRecord
from portal.oruk.plan import start_run
from portal.oruk.pull import register_source
from portal.search.services import listing_ids_for
from portal.validation import AlreadyDecided
from tests import factories
from tests.concurrency import at_once
from tests.oruk.importing import (
    EXAMPLES,
    directory_counts,
    example_service,
    listing_by_name,
    service_record,
    vocabularies,
    write_json,
)

RECENT = (date.today() - timedelta(days=10)).isoformat()


def searchable_ids() -> set[str]:
    """The imported listings search holds now: the Whoosh index read as it is (a search
    would repair it first), else what the backend finds (never the database's answer)."""
    if search.backend_name() == "whoosh":
        from portal.search.embedded.index import indexed_ids

        return indexed_ids()
    return set(listing_ids_for("walking group", 50))


def file_feed(tmp_path, records: list[dict]) -> Feed:
    vocabularies()
    return register_source(str(write_json(tmp_path, records)), name="Walks directory")


def imported(feed: Feed, records: list[dict] | None = None, tmp_path=None) -> ImportRun:
    if records is not None:
        write_json(tmp_path, records)
    return apply_run(start_run(feed).id, None)


def source_record(feed: Feed, external_id: str) -> SourceRecord:
    return db.session.scalars(
        select(SourceRecord).where(
            SourceRecord.feed_id == feed.id,
            SourceRecord.record_type == RecordType.SERVICE,
            SourceRecord.external_id == external_id,
        )
    ).one()


# --- the ORUK examples ------------------------------------------------------------------------


def test_the_oruk_example_json_is_taken_in_with_its_organisation_place_schedule_and_cost(
    app, tmp_path
):
    record = example_service()
    record["assured_date"] = RECENT
    for schedule in record["schedules"]:  # as a rule we can show: Thursdays and Fridays
        for key in ("bymonthday", "valid_from", "valid_to"):
            del schedule[key]
    feed = file_feed(tmp_path, [record])

    run = start_run(feed)
    assert run.state is RunState.READY and run.new_count == 1
    assert apply_run(run.id, None).state is RunState.APPLIED

    service = listing_by_name("Community Counselling")
    assert service.is_public
    assert service.organisation.name == "Example Organization Inc."
    assert [loc.name for loc in service.locations] == ["MyCity Civic Center"]
    assert service.locations[0].address_1.startswith("1-30 Main Street")
    assert sorted((s.freq, s.byday) for s in service.schedules) == [
        ("WEEKLY", "FR"),
        ("WEEKLY", "TH"),
    ]
    assert [o.amount for o in service.cost_options] == [Decimal("35.00")]
    assert service.last_reviewed == date.fromisoformat(RECENT)


def test_the_oruk_example_as_published_is_kept_but_hidden_as_out_of_date(app, tmp_path):
    feed = register_source(str(EXAMPLES / "service_full.json"))
    vocabularies()

    apply_run(start_run(feed).id, None)

    service = listing_by_name("Community Counselling")  # checked in 2005
    assert service.publication_state is PublicationState.HIDDEN
    assert service.hidden_reason is HiddenReason.OUT_OF_DATE
    assert service.last_reviewed == date(2005, 1, 1)


def test_the_oruk_example_csv_package_is_taken_in(app, tmp_path):
    package = tmp_path / "package"
    shutil.copytree(EXAMPLES / "csv", package)
    services = package / "services.csv"
    rows = list(csv.DictReader(services.open(encoding="utf-8")))
    for row in rows:
        row["assured_date"] = RECENT
    rewrite(services, rows)
    for name in ("schedule.csv", "schedules.csv"):  # as a rule we can show
        schedules = list(csv.DictReader((package / name).open(encoding="utf-8")))
        for row in schedules:
            for key in ("bymonthday", "byweekno", "byyearday", "until", "count", "valid_to"):
                row[key] = ""
        rewrite(package / name, schedules)
    vocabularies()
    feed = register_source(str(package))

    run = start_run(feed)
    assert run.state is RunState.READY, run.report
    assert run.new_count == 1
    apply_run(run.id, None)

    service = listing_by_name("Community Counselling")
    assert service.is_public
    assert service.organisation.name == "Example Organization Inc."
    assert [loc.name for loc in service.locations] == ["MyCity Civic Center"]
    assert sorted(s.byday for s in service.schedules) == ["FR", "TH"]
    assert [o.amount for o in service.cost_options] == [Decimal("35.00")]


def rewrite(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


# --- what applying writes ---------------------------------------------------------------------


def test_applied_listings_are_public_searchable_and_remember_their_source(app, tmp_path):
    feed = file_feed(tmp_path, [service_record(1), service_record(2)])
    search.rebuild()
    run = start_run(feed)
    admin = factories.user("admin@example.org", role=Role.ADMIN, name="Ada Admin")

    apply_run(run.id, admin)

    service = listing_by_name("Walking group 1")
    assert service.is_public
    assert service.organisation.name == "Example Walking Trust"
    assert listing_by_name("Walking group 2").organisation_id == service.organisation_id
    assert [t.code for t in service.terms_in("needs")] == ["getting-active"]
    record = source_record(feed, "svc-1")
    assert record.local_id == service.id
    assert record.fingerprint and record.pulled_at is not None
    assert record.assured_date == service.last_reviewed
    assert str(service.id) in searchable_ids()
    run = db.session.get(ImportRun, run.id)
    assert (run.state, run.decided_by_id) == (RunState.APPLIED, admin.id)
    feed = db.session.get(Feed, feed.id)
    assert feed.last_pulled_at == run.fetch_started_at
    assert feed.last_full_pull_at == run.fetch_started_at
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["listing.imported", "listing.imported", "oruk.import_applied"]


def test_without_an_assured_date_it_counts_as_checked_when_last_modified(app, tmp_path):
    record = service_record(1, last_modified="2026-02-03T09:00:00+00:00")
    del record["assured_date"]
    feed = file_feed(tmp_path, [record])

    imported(feed)

    assert listing_by_name("Walking group 1").last_reviewed == date(2026, 2, 3)


def test_a_change_at_source_reaches_the_listing(app, tmp_path):
    feed = file_feed(tmp_path, [service_record(1)])
    imported(feed)
    service_id = listing_by_name("Walking group 1").id

    imported(
        feed, [service_record(1, name="Lily Hill Walkers", description="Now longer.")], tmp_path
    )

    service = db.session.get(Service, service_id)
    assert (service.name, service.description) == ("Lily Hill Walkers", "Now longer.")
    assert service.is_public


def test_a_withdrawn_listing_is_hidden_not_deleted_and_comes_back_if_listed_again(app, tmp_path):
    feed = file_feed(tmp_path, [service_record(1), service_record(2)])
    search.rebuild()
    imported(feed)
    gone = listing_by_name("Walking group 2")

    imported(feed, [service_record(1)], tmp_path)

    db.session.refresh(gone)
    assert gone.publication_state is PublicationState.HIDDEN
    assert gone.hidden_reason is HiddenReason.WITHDRAWN_AT_SOURCE
    assert source_record(feed, "svc-2").withdrawn_at is not None
    assert str(gone.id) not in searchable_ids()

    run = imported(feed, [service_record(1), service_record(2)], tmp_path)

    assert run.changed_count == 1
    db.session.refresh(gone)
    assert gone.is_public and gone.hidden_reason is None
    assert source_record(feed, "svc-2").withdrawn_at is None
    assert str(gone.id) in searchable_ids()


def test_a_listing_the_directory_team_hid_stays_hidden(app, tmp_path):
    feed = file_feed(tmp_path, [service_record(1)])
    imported(feed)
    service = listing_by_name("Walking group 1")
    service.publication_state = PublicationState.HIDDEN
    service.hidden_reason = HiddenReason.BY_EDITOR
    db.session.commit()

    imported(feed, [service_record(1, description="Changed at source.")], tmp_path)
    imported(feed, [], tmp_path)

    db.session.refresh(service)
    assert service.description == "Changed at source."
    assert (service.publication_state, service.hidden_reason) == (
        PublicationState.HIDDEN,
        HiddenReason.BY_EDITOR,
    )


def test_stale_at_source_is_hidden_like_ours_and_shown_again_once_checked(app, tmp_path):
    old = (date.today() - timedelta(days=400)).isoformat()
    feed = file_feed(tmp_path, [service_record(1, assured_date=old)])
    imported(feed)
    service = listing_by_name("Walking group 1")
    assert service.hidden_reason is HiddenReason.OUT_OF_DATE

    imported(feed, [service_record(1)], tmp_path)

    db.session.refresh(service)
    assert service.is_public


def test_newer_runs_set_older_waiting_ones_aside(app, tmp_path):
    feed = file_feed(tmp_path, [service_record(1)])
    older, newer = start_run(feed), start_run(feed)
    admin = factories.user("admin@example.org", role=Role.ADMIN, name="Ada Admin")

    apply_run(newer.id, admin)

    with pytest.raises(AlreadyDecided) as refused:
        apply_run(older.id, admin)
    assert "newer import" in refused.value.message and "Ada Admin" in refused.value.message
    assert len(db.session.scalars(select(Service)).all()) == 1


def test_two_runs_checked_before_either_was_applied_make_one_listing(app, tmp_path):
    feed = file_feed(tmp_path, [service_record(1)])
    first, second = start_run(feed), start_run(feed)

    apply_run(first.id, None)
    apply_run(second.id, None)

    assert len(db.session.scalars(select(Service)).all()) == 1


# --- all or nothing ---------------------------------------------------------------------------


def snapshot(name: str) -> dict:
    service = listing_by_name(name)
    return {
        "description": service.description,
        "state": service.publication_state,
        "schedules": [(s.byday, s.opens_at) for s in service.schedules],
        "places": [loc.name for loc in service.locations],
    }


def test_an_apply_that_fails_half_way_leaves_the_directory_as_it_was(app, tmp_path, monkeypatch):
    feed = file_feed(tmp_path, [service_record(n) for n in range(1, 4)])
    imported(feed)
    changed = [service_record(n, description=f"Changed {n}") for n in range(1, 4)]
    changed.append(service_record(4))
    write_json(tmp_path, changed)
    run = start_run(feed)
    before, listing = directory_counts(), snapshot("Walking group 1")
    calls = []
    real = applying.apply_listing_data

    def fail_on_the_third(service, data, *args):
        calls.append(data["name"])
        if len(calls) == 3:
            raise OSError("disk full")
        return real(service, data, *args)

    monkeypatch.setattr(applying, "apply_listing_data", fail_on_the_third)
    with pytest.raises(OSError):
        apply_run(run.id, None)

    assert len(calls) == 3
    assert directory_counts() == before
    assert snapshot("Walking group 1") == listing
    assert db.session.get(ImportRun, run.id).state is RunState.READY
    monkeypatch.setattr(applying, "apply_listing_data", real)

    apply_run(run.id, None)

    assert listing_by_name("Walking group 1").description == "Changed 1"
    assert listing_by_name("Walking group 4").is_public


def _apply_and_hang(url: str, search_dir: str, run_id: str, started) -> None:
    """Apply a run in its own process, stopping for ever half way through the writes."""
    import time
    import uuid

    from portal.oruk import apply as applying
    from tests.support import make_app

    app = make_app(url, Path(search_dir))
    real, calls = applying.apply_listing_data, []

    def hang_on_the_third(service, data, *args):
        calls.append(1)
        if len(calls) == 3:
            from portal.extensions import db

            db.session.flush()  # the first writes have reached the database, uncommitted
            started.set()
            time.sleep(600)
        return real(service, data, *args)

    applying.apply_listing_data = hang_on_the_third
    with app.app_context():
        applying.apply_run(uuid.UUID(run_id), None)


def test_an_apply_killed_half_way_leaves_the_directory_as_it_was(app, tmp_path):
    feed = file_feed(tmp_path, [service_record(n) for n in range(1, 4)])
    imported(feed)
    write_json(tmp_path, [service_record(n, description=f"Changed {n}") for n in range(1, 5)])
    run = start_run(feed)
    before, listing = directory_counts(), snapshot("Walking group 1")
    run_id = run.id
    db.session.commit()
    db.session.remove()
    context = multiprocessing.get_context("spawn")
    started = context.Event()
    process = context.Process(
        target=_apply_and_hang,
        args=(
            app.config["SQLALCHEMY_DATABASE_URI"],
            app.config["PORTAL_SEARCH_DIR"],
            str(run_id),
            started,
        ),
    )
    process.start()
    try:
        assert started.wait(timeout=120), "the apply never reached its third listing"
    finally:
        process.kill()
        process.join(timeout=30)

    assert directory_counts() == before
    assert snapshot("Walking group 1") == listing
    assert db.session.get(ImportRun, run_id).state is RunState.READY
    apply_run(run_id, None)
    assert listing_by_name("Walking group 1").description == "Changed 1"


# --- two people at once -----------------------------------------------------------------------


def test_two_people_applying_at_once_apply_it_once(app, tmp_path):
    feed = file_feed(tmp_path, [service_record(n) for n in range(1, 6)])
    run = start_run(feed)
    ada = factories.user("ada@example.org", role=Role.ADMIN, name="Ada Admin")
    bo = factories.user("bo@example.org", role=Role.ADMIN, name="Bo Admin")
    people = {ada.id: "Ada Admin", bo.id: "Bo Admin"}
    run_id, ada_id, bo_id = run.id, ada.id, bo.id
    db.session.commit()

    def apply_as(user_id):
        def press():
            with app.app_context():
                from portal.accounts.models import User

                try:
                    return apply_run(run_id, db.session.get(User, user_id)).state
                except AlreadyDecided as decided:
                    return decided.message
                finally:
                    db.session.remove()

        return press

    answers = at_once(apply_as(ada_id), apply_as(bo_id))

    assert answers.count(RunState.APPLIED) == 1, answers
    refusal = next(a for a in answers if a is not RunState.APPLIED)
    db.session.expire_all()
    winner = db.session.get(ImportRun, run_id).decided_by_id
    assert f"already applied by {people[winner]}" in refusal
    assert len(db.session.scalars(select(Service)).all()) == 5
    assert json.loads(db.session.get(ImportRun, run_id).report)["counts"]["new"] == 5


# --- after the commit -------------------------------------------------------------------------


@pytest.mark.parametrize("app", ["whoosh"], indirect=True)  # an index in files, on a full disk
def test_an_index_that_cannot_be_written_does_not_undo_the_apply(app, tmp_path, monkeypatch):
    from portal.search.embedded import backlog
    from portal.search.embedded import index as search_index

    feed = file_feed(tmp_path, [service_record(1), service_record(2)])
    search.rebuild()

    def broken(_services):
        raise OSError("No space left on device")

    monkeypatch.setattr(search_index, "write_services", broken)
    run = apply_run(start_run(feed).id, None)

    assert run.state is RunState.APPLIED
    assert listing_by_name("Walking group 1").is_public
    waiting = {row.service_id for row in backlog.waiting()}
    assert waiting == {listing_by_name(f"Walking group {n}").id for n in (1, 2)}


def test_stale_imported_listings_are_hidden_like_ours_without_writing_to_anyone(app, tmp_path):
    from portal.moderation.freshness import review_due
    from portal.notify import outbox_messages

    checked = date.today() - timedelta(days=200)
    feed = file_feed(tmp_path, [service_record(1, assured_date=checked.isoformat())])
    imported(feed)
    ours = factories.service("Our own walk", last_reviewed=checked, email="walk@example.org")

    review_due(date.today())  # 6 months: our group is asked; theirs is not ours to ask
    review_due(date.today() + timedelta(days=200))  # a year on: both hidden

    theirs = listing_by_name("Walking group 1")
    assert (theirs.publication_state, theirs.hidden_reason) == (
        PublicationState.HIDDEN,
        HiddenReason.OUT_OF_DATE,
    )
    db.session.refresh(ours)
    assert ours.hidden_reason is HiddenReason.OUT_OF_DATE
    written_about = " ".join(message.subject for message in outbox_messages())
    assert "Our own walk" in written_about
    assert "Walking group 1" not in written_about

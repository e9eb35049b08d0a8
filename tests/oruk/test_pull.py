"""Scheduled pulls: the first reads the whole feed over HTTP page by page, later ones only
what changed (and notice what disappeared); a feed applies itself only after a clean check;
two pulls started together import a feed once."""

from __future__ import annotations

import multiprocessing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.db import as_utc, utcnow
from portal.directory.models import HiddenReason, PublicationState, Service
from portal.extensions import db
from portal.oruk.apply import apply_run
from portal.oruk.models import Feed, FeedKind, ImportRun, PlannedChange, RunState
from portal.oruk.plan import OVERLAP, start_run
from portal.oruk.pull import pull_due, pull_feeds, register_source
from portal.oruk.report import Report
from portal.validation import ValidationFailed
from tests.concurrency import at_once
from tests.oruk.feeds import serve_feed
from tests.oruk.importing import (
    directory_counts,
    listing_by_name,
    service_record,
    vocabularies,
    write_json,
)

DAY = timedelta(hours=25)


def now() -> str:
    return utcnow().isoformat()


def runs_of(feed: Feed) -> list[ImportRun]:
    return list(
        db.session.scalars(
            select(ImportRun).where(ImportRun.feed_id == feed.id).order_by(ImportRun.created_at)
        )
    )


def public_names() -> list[str]:
    return sorted(
        db.session.scalars(
            select(Service.name).where(Service.publication_state == PublicationState.PUBLISHED)
        )
    )


# --- registering ------------------------------------------------------------------------------


def test_a_file_is_registered_once_by_its_full_path_and_pulled_only_on_asking(
    app, tmp_path, monkeypatch
):
    write_json(tmp_path, [service_record(1)])
    monkeypatch.chdir(tmp_path)

    feed = register_source("feed.json", name="Walks")

    assert feed.url == str(tmp_path / "feed.json")
    assert (feed.kind, feed.pull_every_hours, feed.name) == (FeedKind.JSON, 0, "Walks")
    assert register_source(str(tmp_path / "feed.json")).id == feed.id


def test_a_missing_file_is_refused_with_its_path(app, tmp_path):
    with pytest.raises(ValidationFailed) as refused:
        register_source(str(tmp_path / "nothing.json"))
    assert str(tmp_path / "nothing.json") in refused.value.message


def test_an_api_is_registered_by_asking_it_and_pulled_daily(app):
    with serve_feed([service_record(1)]) as (base_url, _state):
        feed = register_source(base_url)
        assert register_source(base_url + "/").id == feed.id

    assert (feed.kind, feed.pull_every_hours) == (FeedKind.API, 24)


# --- over HTTP ------------------------------------------------------------------------------


def test_the_first_pull_pages_through_every_record(app):
    vocabularies()
    with serve_feed([service_record(n) for n in range(1, 8)], per_page=2) as (base_url, _state):
        register_source(base_url, name="Walks")
        [run] = pull_due()

    assert run.full and run.new_count == 7
    apply_run(run.id, None)
    assert public_names() == [f"Walking group {n}" for n in range(1, 8)]


def test_later_pulls_read_only_what_changed_and_hide_what_disappeared(app):
    vocabularies()
    records = [service_record(n) for n in range(1, 6)]
    with serve_feed(records, per_page=2) as (base_url, state):
        feed = register_source(base_url, name="Walks")
        feed.auto_apply = True
        db.session.commit()
        [first] = pull_due()
        assert first.state is RunState.APPLIED, first.report
        pulled_at = db.session.get(Feed, feed.id).last_pulled_at

        state.change("svc-2", name="Lily Hill Walkers")
        state.remove("svc-5")
        [second] = pull_due(utcnow() + DAY)

    assert second.full is False
    assert as_utc(second.modified_after) == as_utc(pulled_at) - OVERLAP
    asked = [q for q in state.queries if "modified_after" in q]
    since = [as_utc(datetime.fromisoformat(q["modified_after"][0])) for q in asked]
    assert since and set(since) == {as_utc(pulled_at) - OVERLAP}
    report = Report.from_json(second.report)
    assert report.read == 1, "only the changed record is read again"
    assert (second.changed_count, second.withdrawn_count, second.new_count) == (1, 1, 0)
    assert second.state is RunState.APPLIED
    assert "Lily Hill Walkers" in public_names()
    gone = listing_by_name("Walking group 5")
    assert gone.publication_state is PublicationState.HIDDEN
    assert gone.hidden_reason is HiddenReason.WITHDRAWN_AT_SOURCE


def test_a_malformed_record_is_reported_and_the_rest_imported(app):
    vocabularies()
    records = [service_record(n) for n in range(1, 5)]
    with serve_feed(records, per_page=2, malformed_ids=("svc-3",)) as (base_url, _state):
        feed = register_source(base_url, name="Walks")
        run = start_run(feed)

    assert run.state is RunState.READY
    report = Report.from_json(run.report)
    assert report.counts["new"] == 3 and report.counts["rejected"] == 1
    [error] = [p for p in report.problems if p["severity"] == "error"]
    assert error["field"] == "id" and "Walking group 3" in error["reason"]
    apply_run(run.id, None)
    assert public_names() == ["Walking group 1", "Walking group 2", "Walking group 4"]


def test_a_server_error_half_way_fails_the_run_and_writes_nothing(app):
    vocabularies()
    records = [service_record(n) for n in range(1, 8)]
    before = directory_counts()
    with serve_feed(records, per_page=2, fail_on_page=3, fail_status=500) as (base_url, _state):
        feed = register_source(base_url, name="Walks")
        run = start_run(feed)

    assert run.state is RunState.FAILED
    fatal = Report.from_json(run.report).fatal
    assert fatal and "500" in fatal
    assert db.session.scalar(select(func.count()).select_from(PlannedChange)) == 0
    assert directory_counts() == before
    assert db.session.get(Feed, feed.id).last_pulled_at is None


def test_a_feed_applies_itself_only_after_a_clean_check(app):
    vocabularies()
    records = [service_record(n) for n in range(1, 4)]
    with serve_feed(records, per_page=2) as (base_url, state):
        feed = register_source(base_url, name="Walks")
        feed.auto_apply = True
        db.session.commit()
        [clean] = pull_due()
        state.add(service_record(4, status="closed for ever", last_modified=now()))
        [unclean] = pull_due(utcnow() + DAY)

    assert clean.state is RunState.APPLIED
    assert unclean.state is RunState.READY
    assert Report.from_json(unclean.report).problems
    assert "Walking group 4" not in public_names()


def test_a_feed_pulled_recently_or_only_on_asking_is_left_alone(app, tmp_path):
    vocabularies()
    feed = register_source(str(write_json(tmp_path, [service_record(1)])))
    assert pull_due() == []  # a file: only when asked
    feed.pull_every_hours = 24
    db.session.commit()

    assert len(pull_due()) == 1
    outcomes = pull_feeds()
    assert [(o.run, o.note) for o in outcomes] == [(None, "not due yet")]
    assert len(pull_due(utcnow() + DAY)) == 1


# --- two pulls at once ----------------------------------------------------------------------


def _scheduled_file_feed(tmp_path) -> Feed:
    vocabularies()
    feed = register_source(str(write_json(tmp_path, [service_record(n) for n in range(1, 6)])))
    feed.pull_every_hours, feed.auto_apply = 24, True
    db.session.commit()
    return feed


def test_two_pulls_in_threads_import_the_feed_once(app, tmp_path):
    feed = _scheduled_file_feed(tmp_path)

    def pull():
        with app.app_context():
            try:
                return [o.note for o in pull_feeds()]
            finally:
                db.session.remove()

    answers = at_once(pull, pull)

    assert all(isinstance(a, list) for a in answers), answers
    assert len(runs_of(feed)) == 1
    assert len(db.session.scalars(select(Service)).all()) == 5
    notes = sorted(note for answer in answers for note in answer)
    assert any("applied automatically" in note for note in notes), notes


def _pull_in_a_process(url: str, search_dir: str, barrier, answers) -> None:
    from tests.support import make_app

    app = make_app(url, Path(search_dir))
    runner = app.test_cli_runner()
    barrier.wait()
    result = runner.invoke(args=["oruk", "pull"])
    answers.put((result.exit_code, result.output, repr(result.exception)))


def test_two_pull_commands_in_two_processes_import_the_feed_once(app, tmp_path):
    feed = _scheduled_file_feed(tmp_path)
    db.session.commit()
    context = multiprocessing.get_context("spawn")
    barrier, answers = context.Barrier(2), context.Queue()
    arguments = (app.config["SQLALCHEMY_DATABASE_URI"], app.config["PORTAL_SEARCH_DIR"])
    processes = [
        context.Process(target=_pull_in_a_process, args=(*arguments, barrier, answers))
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    results = [answers.get(timeout=180) for _ in processes]
    for process in processes:
        process.join(timeout=60)

    assert [code for code, _output, _error in results] == [0, 0], results
    db.session.expire_all()
    assert len(runs_of(feed)) == 1
    assert len(db.session.scalars(select(Service)).all()) == 5
    outputs = " ".join(output for _code, output, _error in results)
    assert "applied automatically" in outputs
    assert "another pull is reading it now" in outputs or "not due yet" in outputs


def test_a_record_that_turns_unreadable_is_not_taken_for_a_withdrawal(app):
    vocabularies()
    with serve_feed([service_record(n) for n in range(1, 4)], per_page=2) as (base_url, state):
        feed = register_source(base_url, name="Walks")
        apply_run(start_run(feed).id, None)
        state.malformed_ids = ("svc-3",)
        run = start_run(feed, full=True)

    assert run.withdrawn_count == 0
    reasons = [p["reason"] for p in Report.from_json(run.report).problems]
    assert any("nothing is withdrawn this time" in reason for reason in reasons)
    assert listing_by_name("Walking group 3").is_public


def test_a_later_pull_says_which_listed_records_it_was_not_sent(app):
    vocabularies()
    with serve_feed([service_record(1)], per_page=2) as (base_url, state):
        feed = register_source(base_url, name="Walks")
        apply_run(start_run(feed).id, None)
        state.add(service_record(2))  # new, but dated before our last pull
        run = start_run(feed)

    assert run.full is False and run.new_count == 0
    [missed] = Report.from_json(run.report).problems
    assert missed["record_id"] == "svc-2" and "--full" in missed["reason"]

    with serve_feed([service_record(1), service_record(2)]) as (base_url, _state):
        feed.url = base_url
        db.session.commit()
        assert start_run(feed, full=True).new_count == 1


def test_a_feed_applies_itself_when_the_check_found_only_warnings(app):
    vocabularies()
    undated = service_record(1)
    del undated["assured_date"]  # imported, with a warning that we count it checked when read
    with serve_feed([undated, service_record(2)], per_page=2) as (base_url, _state):
        feed = register_source(base_url, name="Walks")
        feed.auto_apply = True
        db.session.commit()
        [run] = pull_due()

    report = Report.from_json(run.report)
    assert report.problems and all(p["severity"] == "warning" for p in report.problems)
    assert run.state is RunState.APPLIED
    assert "Walking group 1" in public_names()

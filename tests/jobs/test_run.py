"""`flask jobs run`: each job once per period, failures recorded and retried, settings read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

import portal.search
from portal import search
from portal.jobs.models import JobStatus
from tests.jobs.helpers import (
    ALL_JOBS,
    MORNING,
    by_job,
    lease,
    listing_due_for_reminder,
    moment,
    run,
    sent_about,
)
from tests.prescribing.factories import referral, world


@pytest.fixture
def indexed(app):
    """A built search index, so the hourly search upkeep has something to check."""
    search.rebuild()
    return app


def test_every_job_runs_on_the_first_call(indexed, runner):
    listing_due_for_reminder("Knit and Natter", MORNING.date())
    w = world()
    late = referral(w.service_a, w.gp, created_at=MORNING - timedelta(days=15))

    result = run(runner, "--now", moment(MORNING))

    assert result.exit_code == 0, result.output
    said = by_job(result.output)
    assert sorted(said) == sorted(ALL_JOBS)
    assert all(line.startswith("ran (") for line in said.values()), said
    assert said["freshness"] == "ran (1 reminder sent, 0 listings hidden as out of date)"
    assert said["referral-reminders"] == "ran (1 reminder sent)"
    assert said["oruk-pull"] == "ran (no feeds are pulled on a schedule)"
    assert len(sent_about("Is Knit and Natter still right?")) == 1
    assert sent_about(late.reference)
    for name in ALL_JOBS:
        row = lease(name)
        assert (row.run_count, row.last_status, row.holder) == (1, JobStatus.OK, None)


def test_a_second_call_in_the_same_period_does_nothing_and_the_next_period_runs(app, runner):
    listing_due_for_reminder("Knit and Natter", MORNING.date())
    daily = ["--job", "freshness", "--job", "referral-reminders"]
    assert run(runner, *daily, "--now", moment(MORNING)).exit_code == 0
    listing_due_for_reminder("Walking Football", MORNING.date())

    later = run(runner, *daily, "--now", moment(MORNING + timedelta(hours=17)))

    tomorrow = f"{MORNING + timedelta(days=1):%Y-%m-%d} 00:00 UTC"
    assert by_job(later.output) == {
        "freshness": f"not due (next at {tomorrow})",
        "referral-reminders": f"not due (next at {tomorrow})",
    }
    assert sent_about("Walking Football") == []
    assert lease("freshness").run_count == 1

    next_day = run(runner, *daily, "--now", moment(MORNING + timedelta(hours=18)))

    assert by_job(next_day.output)["freshness"].startswith("ran (1 reminder sent")
    assert len(sent_about("Walking Football")) == 1
    assert len(sent_about("Knit and Natter")) == 1
    row = lease("freshness")
    assert (row.run_count, row.done_period) == (2, f"{MORNING + timedelta(days=1):%Y-%m-%d}")


def test_force_runs_a_job_again_in_the_same_period(app, runner):
    run(runner, "--job", "referral-purge", "--now", moment(MORNING))

    again = run(runner, "--job", "referral-purge", "--force", "--now", moment(MORNING))

    said = by_job(again.output)["referral-purge"]
    assert said == "ran (anonymised 0 referrals closed 12 months ago or more)"
    assert lease("referral-purge").run_count == 2


def test_a_job_that_fails_is_recorded_the_others_run_and_the_next_call_retries(
    indexed, runner, monkeypatch
):
    listing_due_for_reminder("Knit and Natter", MORNING.date())
    real_repair = portal.search.repair

    def read_only_folder() -> str:
        raise PermissionError("the index folder is read-only\nsecond line of detail")

    monkeypatch.setattr(portal.search, "repair", read_only_folder)

    failed = run(runner, "--now", moment(MORNING))

    assert failed.exit_code == 1
    said = by_job(failed.output)
    assert said["search-upkeep"] == "failed: PermissionError: the index folder is read-only"
    assert said["freshness"].startswith("ran (1 reminder sent")
    others = [name for name in ALL_JOBS if name != "search-upkeep"]
    assert [said[name][:4] for name in others] == ["ran "] * len(others)
    row = lease("search-upkeep")
    assert row.last_status is JobStatus.FAILED
    assert "read-only" in row.last_error
    assert (row.holder, row.done_period) == (None, None)

    monkeypatch.setattr(portal.search, "repair", real_repair)
    retried = run(runner, "--now", moment(MORNING + timedelta(minutes=2)))

    assert retried.exit_code == 0, retried.output
    said = by_job(retried.output)
    assert said["search-upkeep"].startswith("ran (")
    assert said["freshness"].startswith("not due")
    row = lease("search-upkeep")
    assert (row.last_status, row.last_error, row.run_count) == (JobStatus.OK, None, 2)
    assert len(sent_about("Knit and Natter")) == 1


def test_periods_come_from_the_setting(app, runner):
    app.config["PORTAL_JOB_PERIODS"] = "referral-purge=2h, oruk-pull = 15 minutes"
    run(runner, "--job", "referral-purge", "--job", "oruk-pull", "--now", moment(MORNING))

    later = run(
        runner,
        *("--job", "referral-purge", "--job", "oruk-pull"),
        *("--now", moment(MORNING + timedelta(minutes=20))),
    )

    assert by_job(later.output) == {
        "referral-purge": f"not due (next at {MORNING + timedelta(hours=2):%Y-%m-%d %H:%M} UTC)",
        "oruk-pull": "ran (no feeds are pulled on a schedule)",
    }
    assert lease("referral-purge").done_period == f"{MORNING:%Y-%m-%d %H}:00"


@pytest.mark.parametrize(
    ("setting", "complaint"),
    [
        ("freshness=fortnightly", "'fortnightly' is not a period"),
        ("freshnes=daily", "there is no job 'freshnes'"),
        ("freshness", "write name=period"),
        ("oruk-pull=0m", "'0m' is not a period"),
    ],
)
def test_a_setting_that_cannot_be_read_is_explained(app, runner, setting, complaint):
    app.config["PORTAL_JOB_PERIODS"] = setting

    result = run(runner, "--now", moment(MORNING))

    assert result.exit_code == 1
    assert complaint in result.output
    assert "PORTAL_JOB_PERIODS" in result.output


def test_an_unknown_job_is_refused_with_the_names_of_the_jobs(app, runner):
    result = run(runner, "--job", "reminders")

    assert result.exit_code == 2
    assert "there is no job 'reminders'" in result.output
    assert "freshness, referral-reminders" in result.output


def test_the_feed_pull_runs_every_five_minutes_and_each_feed_keeps_its_own_schedule(
    app, runner, tmp_path
):
    from portal.extensions import db
    from portal.oruk.pull import register_source
    from tests.oruk.importing import service_record, vocabularies, write_json

    vocabularies()
    feed = register_source(str(write_json(tmp_path, [service_record(1)])), name="Next door")
    feed.pull_every_hours = 24
    db.session.commit()

    # A pull stamps its run with the real clock, so the job's moments follow the real clock
    # too: from tomorrow's morning (MORNING) the run from a few hours earlier looked a day
    # old whenever the suite ran between midnight and six (UTC), and the feed was due again.
    start = datetime.now(UTC)
    first = run(runner, "--job", "oruk-pull", "--now", moment(start))
    second = run(runner, "--job", "oruk-pull", "--now", moment(start + timedelta(minutes=5)))

    elsewhere = "not due or being pulled elsewhere"
    assert by_job(first.output) == {"oruk-pull": f"ran (1 feed checked, 0 {elsewhere})"}
    assert by_job(second.output) == {"oruk-pull": f"ran (0 feeds checked, 1 {elsewhere})"}
    assert lease("oruk-pull").run_count == 2


def test_without_the_jobs_table_the_command_says_to_upgrade_the_database(app, runner):
    from portal.extensions import db
    from portal.jobs.models import JobLease

    JobLease.__table__.drop(db.engine)
    try:
        result = run(runner)
        listed = runner.invoke(args=["jobs", "list"])
    finally:
        JobLease.__table__.create(db.engine)

    for answer in (result, listed):
        assert answer.exit_code == 1
        assert "Run 'flask --app wsgi db upgrade' first" in answer.output

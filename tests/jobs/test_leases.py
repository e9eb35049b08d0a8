"""Leases: a crashed run is taken over once its lease runs out, an unexpired one is respected,
a long run keeps its lease, and a run that lost its lease records nothing."""

from __future__ import annotations

import multiprocessing
import os
import socket
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import portal.jobs.registry
from portal.db import as_utc
from portal.extensions import db
from portal.jobs import leases
from portal.jobs.models import JobStatus
from portal.jobs.periods import DAY, window
from portal.jobs.registry import JOBS, Job
from tests.jobs.helpers import (
    MORNING,
    by_job,
    lease,
    listing_due_for_reminder,
    moment,
    run,
    sent_about,
)

LEASE = JOBS[0].lease  # freshness


def _crash_during_freshness(url: str, search_dir: str, now: str, answers) -> None:
    """In a process of its own: `flask jobs run --job freshness` dies half way through the job
    (as a killed process or a lost machine would), holding the lease."""
    import portal.moderation.freshness
    from tests.support import make_app

    app = make_app(url, Path(search_dir))
    portal.moderation.freshness.review_due = lambda _today: _die(answers)
    app.test_cli_runner().invoke(args=["jobs", "run", "--job", "freshness", "--now", now])
    answers.put("the job came back")


def _die(answers) -> None:
    answers.put(os.getpid())
    answers.close()
    answers.join_thread()  # the id reaches the test before the process dies
    os._exit(9)


def crash_freshness_at(app, now: datetime) -> int:
    """Run the freshness job in another process that dies inside it; that process's id."""
    db.session.commit()
    context = multiprocessing.get_context("spawn")
    answers = context.Queue()
    url, search_dir = app.config["SQLALCHEMY_DATABASE_URI"], app.config["PORTAL_SEARCH_DIR"]
    process = context.Process(
        target=_crash_during_freshness, args=(url, search_dir, moment(now), answers)
    )
    process.start()
    pid = answers.get(timeout=120)
    process.join(timeout=60)
    assert process.exitcode == 9, process.exitcode
    return pid


def test_a_crashed_run_holds_the_job_until_its_lease_runs_out_then_the_next_call_takes_it(
    app, runner
):
    listing_due_for_reminder("Knit and Natter", MORNING.date())
    pid = crash_freshness_at(app, MORNING)
    until = MORNING + LEASE

    held = run(runner, "--job", "freshness", "--now", moment(until - timedelta(minutes=1)))

    assert held.exit_code == 0, held.output
    who = f"{socket.gethostname()} (process {pid})"
    assert by_job(held.output) == {
        "freshness": f"held by another run on {who} until {until:%H:%M} UTC"
    }
    assert sent_about("Knit and Natter") == []

    taken = run(runner, "--job", "freshness", "--now", moment(until + timedelta(minutes=1)))

    assert by_job(taken.output)["freshness"].startswith("ran (1 reminder sent")
    assert len(sent_about("Knit and Natter")) == 1
    row = lease("freshness")
    assert (row.run_count, row.last_status, row.holder) == (2, JobStatus.OK, None)
    assert row.done_period == f"{MORNING:%Y-%m-%d}"


def test_an_unexpired_lease_is_respected_even_when_forced(app, runner):
    claim = leases.claim("referral-purge", window(DAY, MORNING), MORNING, timedelta(minutes=30))
    assert claim.won

    forced = run(runner, "--job", "referral-purge", "--force", "--now", moment(MORNING))

    assert by_job(forced.output)["referral-purge"].startswith("held by another run on ")
    assert by_job(forced.output)["referral-purge"].endswith(
        f"until {MORNING + timedelta(minutes=30):%H:%M} UTC"
    )
    assert lease("referral-purge").run_count == 1


def _waits_for_its_lease_to_be_renewed(now: datetime) -> str:
    """A long job: it returns once its lease has been moved on while it ran."""
    first = as_utc(lease("oruk-pull").lease_until)
    for _attempt in range(600):
        if as_utc(lease("oruk-pull").lease_until) > first:
            return "its lease was renewed"
        time.sleep(0.1)
    raise TimeoutError("the lease was never renewed")


def test_a_long_job_keeps_its_lease_while_it_runs(app, runner, monkeypatch):
    slow = Job("oruk-pull", DAY, _waits_for_its_lease_to_be_renewed, "slow", timedelta(seconds=1))
    monkeypatch.setattr(portal.jobs.registry, "JOBS", (slow,))

    result = run(runner, "--now", moment(MORNING))

    assert by_job(result.output) == {"oruk-pull": "ran (its lease was renewed)"}
    assert lease("oruk-pull").last_status is JobStatus.OK


def _overtaken(now: datetime) -> str:
    """While this run works, its lease runs out and another machine takes the job."""
    later = now + timedelta(hours=1)
    assert leases.claim("referral-purge", window(DAY, later), later, timedelta(minutes=5)).won
    return "done"


def test_a_run_that_lost_its_lease_records_nothing(app, runner, monkeypatch):
    purge = next(job for job in JOBS if job.name == "referral-purge")
    monkeypatch.setattr(portal.jobs.registry, "JOBS", (replace(purge, run=_overtaken),))

    result = run(runner, "--now", moment(MORNING))

    assert result.exit_code == 0
    assert "another run took it over" in by_job(result.output)["referral-purge"]
    row = lease("referral-purge")
    assert (row.run_count, row.last_status, row.done_period) == (2, None, None)
    assert row.holder is not None

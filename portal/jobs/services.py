"""Running the jobs that are due, once per period across every machine, and reading their state.

`run_jobs` takes each job's lease (`portal.jobs.leases`), runs it in an app context of its own
(its own session and transactions), and records how it ended. A job that raises is recorded as
failed with its reason and retried by the next call; the others run regardless.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from portal.db import as_utc, utcnow
from portal.extensions import db
from portal.jobs import leases
from portal.jobs.models import JobLease, JobStatus
from portal.jobs.periods import period_text, window
from portal.jobs.registry import Job, jobs

RAN, NOT_DUE, HELD, FAILED, TAKEN_OVER = "ran", "not due", "held", "failed", "taken over"
REASON_LENGTH = 300


@dataclass(frozen=True)
class Outcome:
    """What one call did with one job, and the line `flask jobs run` prints for it."""

    job: str
    state: str  # RAN, NOT_DUE, HELD, FAILED or TAKEN_OVER
    line: str


def clock_from(now: datetime | None) -> Callable[[], datetime]:
    """The time as this call sees it: the real one, or `now` moving on as real time passes."""
    if now is None:
        return utcnow
    start, began = as_utc(now), time.monotonic()
    return lambda: start + timedelta(seconds=time.monotonic() - began)


def run_jobs(
    names: Sequence[str] = (), now: datetime | None = None, force: bool = False
) -> list[Outcome]:
    """Run every job (or those `names`d) that is due and not held elsewhere; with `force`,
    also those already done this period (never one another run holds)."""
    clock = clock_from(now)
    chosen = [job for job in jobs() if not names or job.name in names]
    return [_run_one(job, clock, force) for job in chosen]


def _run_one(job: Job, clock: Callable[[], datetime], force: bool) -> Outcome:
    app = current_app._get_current_object()
    started = clock()
    period = window(job.period, started)
    try:
        with app.app_context():
            claim = leases.claim(job.name, period, started, job.lease, force)
            engine = db.engine
    except Exception as error:  # the database is away, or the table is damaged
        app.logger.exception("Job %s: could not take its lease", job.name)
        return Outcome(
            job.name, FAILED, f"{job.name}: failed: could not take its lease: " + _reason(error)
        )
    if not claim.won:
        return _refused(job, claim, period.end)
    try:
        with (
            leases.Heartbeat(engine, job.name, claim.holder, started, job.lease, job.longest),
            app.app_context(),
        ):
            result = job.run(started)
    except Exception as error:
        app.logger.exception("Job %s failed", job.name)
        reason = _reason(error)
        _record(lambda: leases.fail(job.name, claim.holder, clock(), reason))
        return Outcome(job.name, FAILED, f"{job.name}: failed: {reason}")
    if not _record(lambda: leases.finish(job.name, claim.holder, period, clock(), result)):
        line = f"{job.name}: ran ({result}), but its lease ran out and another run took it over"
        return Outcome(job.name, TAKEN_OVER, line)
    return Outcome(job.name, RAN, f"{job.name}: ran ({result})")


def _record(write: Callable[[], bool]) -> bool:
    """Write how a run ended, in an app context of its own; False when this run no longer
    held the job. If the database cannot be reached the lease simply runs out (logged)."""
    app = current_app._get_current_object()
    try:
        with app.app_context():
            return write()
    except Exception:
        app.logger.exception("Could not record how a job ended; its lease will run out")
        return True


def _refused(job: Job, claim: leases.Claim, next_start: datetime) -> Outcome:
    if claim.held_by is not None and claim.held_until is not None:
        who = leases.holder_text(claim.held_by)
        line = f"{job.name}: held by another run on {who} until {claim.held_until:%H:%M} UTC"
        return Outcome(job.name, HELD, line)
    return Outcome(job.name, NOT_DUE, f"{job.name}: not due (next at {_moment(next_start)})")


def _reason(error: BaseException) -> str:
    """The error's type and the first line of its message, short enough for one line."""
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    text = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return text[:REASON_LENGTH]


def _moment(moment: datetime) -> str:
    return f"{as_utc(moment):%Y-%m-%d %H:%M} UTC"


@dataclass(frozen=True)
class JobState:
    """One job as `flask jobs list` shows it. `last_result`: what its last run said it did,
    or why it failed; empty before its first run."""

    name: str
    about: str
    every: str
    last_run: str
    status: str
    next_due: str
    runs: int
    last_result: str


def job_states(now: datetime | None = None) -> list[JobState]:
    """Every job: its period, its last run, how that ended, and when it is next due."""
    now = as_utc(now) if now is not None else utcnow()
    rows = {row.name: row for row in db.session.scalars(select(JobLease))}
    return [_state(job, rows.get(job.name), now) for job in jobs()]


def _state(job: Job, row: JobLease | None, now: datetime) -> JobState:
    status, next_due = _status(job, row, now)
    last = row.finished_at if row is not None else None
    result = ""
    if row is not None and row.last_status is JobStatus.FAILED:
        result = f"failed: {row.last_error}"
    elif row is not None and row.last_status is JobStatus.OK:
        result = row.last_result or ""
    return JobState(
        job.name,
        job.about,
        period_text(job.period),
        _moment(last) if last is not None else "never",
        status,
        next_due,
        row.run_count if row is not None else 0,
        result,
    )


def _status(job: Job, row: JobLease | None, now: datetime) -> tuple[str, str]:
    """How the job stands now, and when it is next due."""
    if row is not None and row.holder and row.lease_until and as_utc(row.lease_until) > now:
        until = f"{as_utc(row.lease_until):%H:%M}"
        return f"running on {leases.holder_text(row.holder)}, lease until {until}", "when done"
    if row is not None and row.holder:
        return f"stopped unfinished on {leases.holder_text(row.holder)}", "now (taken over)"
    if row is None or row.last_status is None:
        return "never run", "now"
    period = window(job.period, now)
    done = row.done_window_start is not None and as_utc(row.done_window_start) >= period.start
    return row.last_status.value, _moment(period.end) if done else "now"

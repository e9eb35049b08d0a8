"""Taking, renewing and giving back a job's lease: each job runs once per period, everywhere.

Every statement here is one conditional UPDATE of the job's row, committed at once:

- `claim` makes the row if it is missing (INSERT ... ON CONFLICT DO NOTHING), then takes it
  only while nobody holds an unexpired lease and (unless forced) the job has not finished in
  this period. PostgreSQL makes a second UPDATE wait for the first and re-check the WHERE
  clause; SQLite lets one writer in at a time. Either way exactly one caller wins.
- `renew` moves the lease on while the holder works (`Heartbeat` does it in a thread).
- `finish` and `fail` change the row only while this run still holds it: a run whose lease
  ran out and was taken over records nothing.

A run that crashes leaves its lease behind; once it runs out the next call takes the job.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Update, or_, select, update
from sqlalchemy.engine import Engine

from portal.db import as_utc, insert_once
from portal.extensions import db
from portal.jobs.models import JobLease, JobStatus
from portal.jobs.periods import Window

ERROR_LENGTH = 2000
log = logging.getLogger(__name__)


def new_holder() -> str:
    """Who a run is, "host:process:random": unique to this run, readable by an operator."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def holder_text(holder: str) -> str:
    """A holder as `flask jobs` prints it: "web-2 (process 4312)"."""
    host, _, rest = holder.partition(":")
    process = rest.partition(":")[0]
    return f"{host} (process {process})" if process else host


@dataclass(frozen=True)
class Claim:
    """The answer to a claim: won, or who holds the job (None when it is simply not due)."""

    won: bool
    holder: str
    held_by: str | None = None
    held_until: datetime | None = None


def _row(name: str) -> Update:
    return (
        update(JobLease).where(JobLease.name == name).execution_options(synchronize_session=False)
    )


def claim(name: str, period: Window, now: datetime, lease: timedelta, force: bool = False) -> Claim:
    """Take the job `name` for this run if it is due in `period` (or `force`d) and nobody holds
    an unexpired lease on it; commits. Counts the run as started when it wins."""
    insert_once(JobLease, {"name": name, "run_count": 0})
    db.session.commit()
    holder = new_holder()
    statement = _row(name).where(or_(JobLease.lease_until.is_(None), JobLease.lease_until <= now))
    if not force:
        statement = statement.where(
            or_(
                JobLease.done_window_start.is_(None),
                JobLease.done_window_start < period.start,
            )
        )
    result = db.session.execute(
        statement.values(
            holder=holder,
            lease_until=now + lease,
            started_at=now,
            run_count=JobLease.run_count + 1,
        )
    )
    db.session.commit()
    if result.rowcount == 1:
        return Claim(True, holder)
    return _refused(name, holder, now)


def _refused(name: str, holder: str, now: datetime) -> Claim:
    """Why a claim was refused: an unexpired lease (whose), or nothing (not due)."""
    row = db.session.scalars(select(JobLease).where(JobLease.name == name)).one()
    if row.holder and row.lease_until is not None and as_utc(row.lease_until) > now:
        return Claim(False, holder, row.holder, as_utc(row.lease_until))
    return Claim(False, holder)


def finish(name: str, holder: str, period: Window, now: datetime, result: str) -> bool:
    """Record the period as done and give the lease back, if this run still holds it."""
    changed = db.session.execute(
        _row(name)
        .where(JobLease.holder == holder)
        .values(
            holder=None,
            lease_until=None,
            finished_at=now,
            last_status=JobStatus.OK,
            last_error=None,
            last_result=result[:ERROR_LENGTH],
            done_window_start=period.start,
            done_period=period.key,
        )
    )
    db.session.commit()
    return changed.rowcount == 1


def fail(name: str, holder: str, now: datetime, reason: str) -> bool:
    """Record the failure and give the lease back, leaving the period not done (the next
    call retries), if this run still holds it."""
    changed = db.session.execute(
        _row(name)
        .where(JobLease.holder == holder)
        .values(
            holder=None,
            lease_until=None,
            finished_at=now,
            last_status=JobStatus.FAILED,
            last_error=reason[:ERROR_LENGTH],
        )
    )
    db.session.commit()
    return changed.rowcount == 1


def renew(engine: Engine, name: str, holder: str, until: datetime) -> bool:
    """Move the lease on to `until` while `holder` still has it, on a connection of its own
    (safe from a thread with no app context); False once the job was taken over."""
    table = JobLease.__table__
    with engine.begin() as connection:
        result = connection.execute(
            table.update()
            .where(table.c.name == name, table.c.holder == holder)
            .values(lease_until=until)
        )
    return result.rowcount == 1


class Heartbeat:
    """Renews a running job's lease every third of its length, for at most `longest` after
    it began: a job stuck for longer lets its lease run out, and another run takes over."""

    def __init__(
        self,
        engine: Engine,
        name: str,
        holder: str,
        started: datetime,
        lease: timedelta,
        longest: timedelta,
    ) -> None:
        self.engine, self.name, self.holder = engine, name, holder
        self.started, self.lease, self.longest = started, lease, longest
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"lease {name}", daemon=True)
        self._clock = time.monotonic()

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()

    def _beat(self) -> None:
        while not self._stop.wait(self.lease.total_seconds() / 3):
            elapsed = timedelta(seconds=time.monotonic() - self._clock)
            if elapsed >= self.longest:
                return
            until = self.started + elapsed + self.lease
            try:
                if not renew(self.engine, self.name, self.holder, until):
                    return
            except Exception:  # the database may be busy or away: try again next beat
                log.warning("Could not renew the lease of job %s", self.name, exc_info=True)

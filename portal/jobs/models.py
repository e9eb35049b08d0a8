"""One row per background job: which period it last finished, and who holds it now.

The row is the job's lease (`portal.jobs.leases`): a run takes it with one conditional UPDATE,
so every machine that calls `flask jobs run` at the same moment agrees on who runs each job.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, enum_column


class JobStatus(enum.Enum):
    """How the job's last run ended."""

    OK = "ok"
    FAILED = "failed"


class JobLease(Base):
    """A job's lease and its last run. Times are UTC."""

    __tablename__ = "job_leases"

    #: The job's name in the registry (`portal.jobs.registry`), e.g. "freshness".
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: Start of the last period this job finished in: it runs again once a later one begins.
    done_window_start: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: That period as people read it: "2026-12-06" (a day), "2026-12-06 14:00" (an hour).
    done_period: Mapped[str | None] = mapped_column(String(32))
    #: The run holding the job: "host:process:random"; empty when nobody does.
    holder: Mapped[str | None] = mapped_column(String(255))
    #: When the holder's lease runs out (renewed while it works); another run may then take it.
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status: Mapped[JobStatus | None] = mapped_column(enum_column(JobStatus))
    #: Why the last run failed (empty after a run that went well).
    last_error: Mapped[str | None] = mapped_column(Text)
    #: What the last run that went well said it did, in one line.
    last_result: Mapped[str | None] = mapped_column(Text)
    #: How many runs have started, on every machine, since the row was made.
    run_count: Mapped[int] = mapped_column(Integer, default=0)

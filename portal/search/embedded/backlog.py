"""Listings whose change reached the database but not the index, kept until a retry works.

An index write happens after the person's change has committed, so its failure (disk full, a
read-only folder) must not undo or hide that change: it is logged and queued here, on a
connection of its own, and the next repair writes the listing again. `/healthz` reads the
queue to say the index is behind.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from portal.db import as_utc, utcnow
from portal.extensions import db
from portal.search.models import IndexBacklog


def _describe(error: BaseException) -> str:
    return f"{error.__class__.__name__}: {error}"[:1000]


def queue(service_ids: Iterable[str | uuid.UUID], error: BaseException) -> None:
    """Remember that these listings wait for the index (one row each, attempts counted).

    Never raises: if even the database refuses, the log line is all that is left, and the
    once-a-minute repair still finds the listing by its content version."""
    message = _describe(error)
    try:
        with db.engine.begin() as connection:
            for service_id in {uuid.UUID(str(i)) for i in service_ids}:
                _queue_one(connection, service_id, message)
    except SQLAlchemyError:
        current_app.logger.exception("Could not record the search index backlog")


def _queue_one(connection, service_id: uuid.UUID, message: str) -> None:
    """Insert the row, or count one more attempt on it: one statement, so two workers queueing
    the same listing at once never collide."""
    statement: postgresql.Insert | sqlite.Insert
    if connection.dialect.name == "postgresql":
        statement = postgresql.insert(IndexBacklog)
    else:
        statement = sqlite.insert(IndexBacklog)
    statement = statement.values(
        service_id=service_id, queued_at=utcnow(), attempts=1, last_error=message
    )
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=[IndexBacklog.service_id],
            set_={"attempts": IndexBacklog.attempts + 1, "last_error": message},
        )
    )


def waiting() -> list[IndexBacklog]:
    """Every queued listing, oldest first (as plain rows, detached from the session)."""
    with db.engine.connect() as connection:
        rows = connection.execute(select(IndexBacklog).order_by(IndexBacklog.queued_at)).all()
    return [
        IndexBacklog(
            service_id=r.service_id,
            queued_at=r.queued_at,
            attempts=r.attempts,
            last_error=r.last_error,
        )
        for r in rows
    ]


def done(row: IndexBacklog) -> None:
    """Forget a listing written since; a failure queued meanwhile (more attempts) stays."""
    with db.engine.begin() as connection:
        connection.execute(
            delete(IndexBacklog).where(
                IndexBacklog.service_id == row.service_id,
                IndexBacklog.attempts == row.attempts,
            )
        )


@dataclass(frozen=True)
class BacklogSummary:
    count: int
    oldest: datetime | None
    last_error: str


def summary() -> BacklogSummary:
    """How many listings wait, since when, and the latest error (for `/healthz`)."""
    with db.engine.connect() as connection:
        count, oldest = connection.execute(
            select(func.count(), func.min(IndexBacklog.queued_at))
        ).one()
        last = ""
        if count:
            last = connection.execute(
                select(IndexBacklog.last_error).order_by(IndexBacklog.queued_at.desc()).limit(1)
            ).scalar_one()
    return BacklogSummary(count, as_utc(oldest) if oldest else None, last or "")

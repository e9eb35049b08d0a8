"""Costly insights queries answered once per roll-up and kept in the database.

A figure grouped by area over a year of a national directory reads millions of roll-up rows
(a day × 2,700 postcode districts × 19 needs). Its answer only changes when the roll-up job
runs, so it is kept (`insight_stored_figures`) under the roll-up's version (the latest
`rolled_at`) and read back as one row until the next run. The job answers the default
narrowing (the year up to today, every area and need) straight after it rolls up, so the
pages most people open never wait; another narrowing waits once, then is kept too.

Rows are kept as JSON: callers give and get lists of plain values (dates as ISO text).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

from sqlalchemy import delete, func, select

from portal.db import insert_once, utcnow
from portal.directory.models import Service
from portal.extensions import db
from portal.insights.filters import Narrowing
from portal.insights.models import RolledUpDay, StoredFigures

NOT_YET_ROLLED = "never"
#: Part of every key: raise it when the shape of any stored answer changes, so a new
#: release never reads rows an older one kept under the same roll-up.
SHAPES = 2


def version() -> str:
    """What the stored answers depend on: the roll-ups, as of the latest day rolled up."""
    latest = db.session.scalar(select(func.max(RolledUpDay.rolled_at)))
    return latest.isoformat() if latest else NOT_YET_ROLLED


def listings_version(today: date) -> str:
    """What figures about the listings depend on: the latest change to any listing, how
    many there are (a deletion), and the day (ages are counted from today)."""
    changed, count = db.session.execute(
        select(func.max(Service.updated_at), func.count(Service.id))
    ).one()
    return f"{changed.isoformat() if changed else '-'}|{count}|{today.isoformat()}"


def _key(name: str, narrowing: Narrowing) -> str:
    text = "|".join(
        (
            str(SHAPES),
            name,
            narrowing.start.isoformat(),
            narrowing.end.isoformat(),
            narrowing.area,
            narrowing.need,
        )
    )
    return hashlib.sha256(text.encode()).hexdigest()


def remembered(
    name: str, narrowing: Narrowing, compute: Callable[[], list], current: str | None = None
) -> list:
    """`compute()`'s rows for this query and narrowing, from the store when they were kept
    for the `current` version (the roll-ups' unless given); else computed now and kept
    (committed on a short transaction of their own)."""
    key = _key(name, narrowing)
    current = current or version()
    found = db.session.execute(
        select(StoredFigures.rows).where(StoredFigures.key == key, StoredFigures.version == current)
    ).first()
    if found is not None:
        return found[0]
    rows = [list(row) for row in compute()]
    db.session.execute(
        delete(StoredFigures).where(StoredFigures.key == key, StoredFigures.version != current)
    )
    insert_once(StoredFigures, {"key": key, "version": current, "made_at": utcnow(), "rows": rows})
    db.session.commit()
    return rows


def forget_older() -> int:
    """Drop every answer kept for an earlier roll-up (the job calls it after rolling up)."""
    current = version()
    result = db.session.execute(delete(StoredFigures).where(StoredFigures.version != current))
    db.session.commit()
    return result.rowcount or 0

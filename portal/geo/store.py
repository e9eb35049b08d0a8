"""Writing gazetteer rows fast: one dialect-specific upsert, executed in batches.

Rows are plain dicts with every column of `places` but `id`. A row whose values already
match is left alone (its `updated_at` too), so loading the same data twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, and_, exists, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from portal.db import utcnow
from portal.extensions import db
from portal.geo.models import Place, PlaceKind

BATCH_SIZE = 10_000
_VALUES = ("name", "latitude", "longitude", "population", "admin_area", "source")


def place_row(
    kind: PlaceKind,
    key: str,
    name: str,
    position: tuple[float, float],
    source: str,
    *,
    population: int = 0,
    admin_area: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """One row for `upsert_places`; pass `now` when making many, to share one timestamp."""
    now = now or utcnow()
    return {
        "kind": kind,
        "key": key,
        "name": name,
        "latitude": position[0],
        "longitude": position[1],
        "population": population,
        "admin_area": admin_area,
        "source": source,
        "created_at": now,
        "updated_at": now,
    }


def upsert_statement(dialect: str, overwrite_sources: Collection[str] | None = None):
    """INSERT ... ON CONFLICT (kind, key) DO UPDATE, only where a value differs."""
    table = cast(Table, Place.__table__)  # declarative types it as any FromClause
    statement: postgresql.Insert | sqlite.Insert
    if dialect == "postgresql":
        statement = postgresql.insert(table)
    elif dialect == "sqlite":
        statement = sqlite.insert(table)
    else:
        raise RuntimeError(f"The gazetteer runs on SQLite or PostgreSQL, not {dialect}.")
    new = statement.excluded
    changed = or_(*(table.c[name].is_distinct_from(new[name]) for name in _VALUES))
    if overwrite_sources is not None:
        # Not IN (...): expanding parameters cannot be used in an executemany.
        replaceable = or_(*(table.c.source == source for source in overwrite_sources))
        changed = and_(changed, replaceable)
    return statement.on_conflict_do_update(
        index_elements=["kind", "key"],
        set_={**{name: new[name] for name in _VALUES}, "updated_at": new.updated_at},
        where=changed,
    )


def upsert_places(
    rows: Iterable[dict[str, Any]], *, overwrite_sources: Collection[str] | None = None
) -> None:
    """Insert rows, or update those whose (kind, key) exists; flushes, never commits.

    With `overwrite_sources`, an existing row is only replaced when its source is one of
    them (demo districts never replace districts computed from a real postcode file).
    """
    statement = upsert_statement(db.session.get_bind().dialect.name, overwrite_sources)
    batch: dict[tuple[PlaceKind, str], dict[str, Any]] = {}
    for row in rows:
        batch[(row["kind"], row["key"])] = row  # one row per key in a statement
        if len(batch) >= BATCH_SIZE:
            db.session.execute(statement, list(batch.values()))
            batch = {}
    if batch:
        db.session.execute(statement, list(batch.values()))


def has_places(kind: PlaceKind) -> bool:
    """True when the gazetteer holds at least one row of this kind."""
    return bool(db.session.scalar(select(exists().where(Place.kind == kind))))

"""How many records match: counted by the database, except the three whole-directory totals.

Counting every published service (or service at a place, or organisation) reads 100,000
rows: 20 to 50 ms. Those three totals are kept per worker (`portal.caching`, for at most
`PORTAL_COUNTS_CACHE_SECONDS`) together with the directory's version, the latest
`Service.updated_at`, read from its index in a fraction of a millisecond before each use. Any
change to what is published moves that version (`portal.directory.versioning` stamps the
service whenever the listing, its places, terms or organisation change, and `portal.db.claim`
stamps it too), so a kept total is used only while nothing has changed and is counted again
at once after a change, in every worker. Listings are never deleted (they are hidden), so a
deletion cannot slip past the version. Filtered totals are always counted afresh: their
combinations are endless, and keeping them would let anyone fill a worker's memory.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from sqlalchemy import Select, func, select

from portal.caching import cached, forget
from portal.directory.models import Service
from portal.extensions import db


def directory_version():
    """The latest change to any service (None for an empty directory)."""
    return db.session.scalar(select(func.max(Service.updated_at)))


def kept_total(name: str, count: Callable[[], int]) -> int:
    """`count()`, kept while the directory's version stays the same."""
    if current_app.config["PORTAL_COUNTS_CACHE_SECONDS"] <= 0:
        return count()
    key = ("api-total", name)
    version = directory_version()  # read first: a change made meanwhile moves it again
    held, total = cached(key, lambda: (version, count()))
    if held != version:
        forget(key)
        held, total = cached(key, lambda: (version, count()))
    return total


def total_of(statement: Select, column, whole_directory: str | None = None) -> int:
    """How many rows `statement` has; `whole_directory` names an unfiltered total to keep."""

    def count() -> int:
        return db.session.scalar(statement.with_only_columns(func.count(column))) or 0

    return kept_total(whole_directory, count) if whole_directory else count()

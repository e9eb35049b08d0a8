"""Search: the one interface the rest of the portal uses (see `portal.search.backend`).

The database is the source of truth; a backend derives what it searches from it. After a
listing's change commits, call `sync` with its id (the PostgreSQL backend has already written
it in the same transaction; the embedded index is written then). `rebuild`, `repair`, `status`
and `prepare` are for commands, `/healthz` and server start. Searching itself is
`portal.search.services` (`search`, `listing_ids_for`, `matching_ids`).

Nothing outside this package imports a backend's modules (`portal.search.embedded`,
`portal.search.postgres`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from portal.search.backend import (
    Centre,
    Ranked,
    SearchStatus,
    SearchUnavailable,
    current_backend,
    init_app,
)


def _ids(service_ids: Iterable[uuid.UUID | str]) -> list[uuid.UUID]:
    return list(dict.fromkeys(uuid.UUID(str(i)) for i in service_ids))


def sync(service_ids: Iterable[uuid.UUID | str]) -> None:
    """Bring these listings' search entries in line with the database after their change
    committed (added, changed, or taken out when no longer public). Never raises."""
    ids = _ids(service_ids)
    if ids:
        current_backend().sync(ids)


def rebuild(progress: Callable[[int], None] | None = None, processes: int = 1) -> int:
    """Every public listing's search entry made afresh (a command, never a request)."""
    return current_backend().rebuild(progress, processes)


def repair() -> str:
    """Entries that disagree with the database brought back in line; says what it did."""
    return current_backend().repair()


def status() -> SearchStatus:
    return current_backend().status()


def prepare() -> bool:
    """Before a server answers: build what search is missing. True when something was built."""
    return current_backend().prepare()


def backend_name() -> str:
    return current_backend().name


__all__ = [
    "Centre",
    "Ranked",
    "SearchStatus",
    "SearchUnavailable",
    "backend_name",
    "init_app",
    "prepare",
    "rebuild",
    "repair",
    "status",
    "sync",
]

"""Keeping the index true to the database: rebuild it, repair it, and check it now and then.

The database is the source of truth; the index follows it. Every committed change is sent to
the index at once (`sync`, through `portal.search.sync`); this module covers the rest: an
index that is missing, damaged or from an older schema is rebuilt, one that disagrees with the
database (a write that failed and was queued, an update lost to a crash, a change made behind
the portal's back) is repaired by comparing each listing's content version.

Every public listing is compared before the server answers (`search.prepare()`), by the hourly
job (`flask jobs run`) and by `flask search repair`: 1.3 s at 100,000 listings. The check a
worker makes once a minute inside a search compares only the listings changed since its last
check (every change moves `updated_at`), so a person never waits for the whole directory.

A rebuild never runs inside a person's request. Before the server answers, `prepare_index`
builds a missing or stale index (blocking); one found missing or damaged during a request is
rebuilt by a background thread while searches answer from the database. Either way a rebuild
runs in one process at a time (`portal.search.embedded.locking`). Nothing here fails a search:
a repair that fails is logged and tried again a minute later.
"""

from __future__ import annotations

import threading
import time as clock
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, current_app
from sqlalchemy import select

from portal.db import utcnow
from portal.directory.models import Service
from portal.directory.services import public_services
from portal.extensions import db
from portal.search.documents import content_version, indexable_services
from portal.search.embedded import backlog
from portal.search.embedded.index import (
    delete_ids,
    directory,
    index_status,
    indexed_versions,
    indexed_versions_of,
    rebuild,
    remove_many,
    upsert_many,
    write_services,
)
from portal.search.embedded.locking import rebuild_lock

CHECK_EVERY_SECONDS = 60
#: Changes stamped this long before a rebuild began are sent to the new index too, in case a
#: clock or a transaction straddled the start.
CATCH_UP_MARGIN = timedelta(seconds=5)
#: A readable-looking index that fails searches is rebuilt at most this often per process.
DAMAGED_REBUILD_EVERY_SECONDS = 60
WRITE_CHUNK = 500
#: A worker's first check looks this far back; later ones from the check before. Changes
#: older than that were compared when the server started (`search.prepare()`).
FIRST_LOOK_BACK = timedelta(minutes=10)
#: More changes than this since the last check (an import): compare everything instead.
RECENT_AT_MOST = 5000


@dataclass
class RepairReport:
    retried: int = 0
    still_failing: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0

    @property
    def changes(self) -> int:
        return self.added + self.updated + self.removed

    def __str__(self) -> str:
        return (
            f"Retried {self.retried} waiting listing(s) ({self.still_failing} still failing); "
            f"added {self.added}, updated {self.updated}, removed {self.removed}."
        )


def rebuild_index(progress: Callable[[int], None] | None = None, processes: int = 1) -> int:
    """Rebuild the index from every public service, then bring over what changed meanwhile.

    A rebuild takes minutes on a big directory; changes committed while it runs go to the
    old index and would be lost with it, so once the new index is in place every service
    updated since the rebuild began is written again, then the index is repaired. Holds the
    rebuild lock throughout: a second caller waits, then rebuilds again from the database.
    """
    with rebuild_lock(directory()):
        started = utcnow()
        count = rebuild(
            db.session.scalars(indexable_services()).yield_per(500), progress, processes=processes
        )
        db.session.expire_all()
        changed = db.session.scalars(
            indexable_services().where(Service.updated_at >= started - CATCH_UP_MARGIN)
        ).all()
        upsert_many(changed)
        repair_index()
    return count


def _cache() -> dict:
    return current_app.extensions.setdefault("portal.search", {})


def ensure_index(force: bool = False, damaged: bool = False) -> bool:
    """Check the index at most once a minute per worker (at once with `force`): start a
    background rebuild when it is unusable, repair it when out of step. `damaged`: a search
    failed to read an index that looks fine, so rebuild it anyway (at most once a minute).

    Never raises, never rebuilds in the caller's thread. True when the index should answer
    now; False while it is rebuilt, when searches answer from the database.
    """
    cache = _cache()
    if not force and clock.monotonic() - cache.get("checked", -1e9) < CHECK_EVERY_SECONDS:
        return True
    try:
        status = index_status()
        if status.ok and not (damaged and _may_rebuild_damaged(cache)):
            cache["checked"] = clock.monotonic()
            now = utcnow()
            since = cache.get("repaired_through") or now - FIRST_LOOK_BACK
            if repair_quietly(lambda: repair_recent(since)):
                cache["repaired_through"] = now
            return True
        problem = status.problem or "a search could not read it"
        # Flask types its `current_app` proxy as the app itself.
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        return start_rebuild(app, problem)
    except Exception:
        current_app.logger.exception("Search index check failed; searches carry on")
        return False


def _may_rebuild_damaged(cache: dict) -> bool:
    last = cache.get("damaged_rebuild", -1e9)
    if clock.monotonic() - last < DAMAGED_REBUILD_EVERY_SECONDS:
        return False
    cache["damaged_rebuild"] = clock.monotonic()
    return True


def repair_quietly(repair: Callable[[], RepairReport] = lambda: repair_index()) -> bool:
    """Run a repair; a failure is logged (and tried again at the next check), never raised."""
    try:
        repair()
    except Exception:
        db.session.rollback()
        current_app.logger.exception("Search index repair failed; it is tried again later")
        return False
    return True


def prepare_index() -> bool:
    """Before the server answers: build the index when it is missing, damaged or from an
    older schema (blocking, under the rebuild lock; a process that finds another one
    building waits for it, then uses its index). True when this call built it."""
    folder = directory()
    with rebuild_lock(folder):
        status = index_status()
        if status.ok:
            return False
        current_app.logger.warning("Search index unusable (%s): building it", status.problem)
        rebuild_index()
    return True


def start_rebuild(app: Flask, problem: str) -> bool:
    """Have an unusable index rebuilt by a background thread of this process, unless one is
    running here already or another process holds the rebuild lock (then that one rebuilds).
    Returns False: searches answer from the database until the new index is in place."""
    _rebuild_in_background(app, problem)
    return False


_background: dict[str, threading.Thread] = {}


def _rebuild_in_background(app: Flask, problem: str) -> None:
    """One thread per process and folder; it gives way if another process took the lock."""
    key = str(directory())
    running = _background.get(key)
    if running is not None and running.is_alive():
        return

    def work() -> None:
        with app.app_context():
            try:
                with rebuild_lock(directory(), wait=False) as won:
                    if won:
                        app.logger.warning("Search index unusable (%s): rebuilding", problem)
                        rebuild_index()
            except Exception:
                app.logger.exception("Search index rebuild failed")
            finally:
                db.session.remove()

    thread = threading.Thread(target=work, name="search-rebuild", daemon=True)
    _background[key] = thread
    thread.start()


def wait_for_background(timeout: float = 60.0) -> None:
    """Wait for this process's background rebuilds to finish (tests, and before exiting)."""
    for thread in list(_background.values()):
        thread.join(timeout)


def sync(service_ids: Collection[uuid.UUID]) -> None:
    """Bring these listings' documents in line with the database after their change
    committed: public ones written afresh, the rest taken out. Never raises: a failed write
    is logged and queued (`portal.search.embedded.backlog`) for the next repair."""
    ids = list(service_ids)
    try:
        for start in range(0, len(ids), WRITE_CHUNK):
            chunk = ids[start : start + WRITE_CHUNK]
            public = db.session.scalars(indexable_services().where(Service.id.in_(chunk))).all()
            upsert_many(public)  # queues its own failures
            shown = {service.id for service in public}
            remove_many([str(i) for i in chunk if i not in shown])
    except Exception as error:  # reading the listings failed: the changes have committed
        db.session.rollback()
        current_app.logger.exception(
            "Could not update the search index for %d listing(s)", len(ids)
        )
        backlog.queue(ids, error)


def repair_index() -> RepairReport:
    """Retry the listings queued after failed writes, then add, update or remove every
    service on which the index and the database disagree, by (id, content version).

    Reads ids and `updated_at` from the database in one query and the index's ids and
    versions as whole columns. Raises when the index cannot be written; the listings it
    could not write are queued, so `/healthz` says the index is behind.
    """
    report = RepairReport()
    _retry_backlog(report)
    wanted = {
        str(service_id): content_version(updated_at)
        for service_id, updated_at in db.session.execute(
            public_services().with_only_columns(Service.id, Service.updated_at)
        )
    }
    indexed = indexed_versions()
    missing = wanted.keys() - indexed.keys()
    changed = {i for i in wanted.keys() & indexed.keys() if wanted[i] != indexed[i]}
    extra = sorted(indexed.keys() - wanted.keys())
    _strictly(delete_ids, extra, extra)
    _write_ids(sorted(missing | changed))
    report.added, report.updated, report.removed = len(missing), len(changed), len(extra)
    if report.changes or report.retried:
        current_app.logger.warning("Search index repaired: %s", report)
    return report


def repair_recent(since: datetime) -> RepairReport:
    """Retry the queued listings, then compare only the services changed since `since` (by
    `updated_at`, with a margin for a transaction that straddled it): each written again when
    the index's version differs, removed when no longer public. Costs what the changes cost;
    with more than `RECENT_AT_MOST` of them, everything is compared (`repair_index`)."""
    changed = db.session.execute(
        select(Service.id, Service.updated_at)
        .where(Service.updated_at >= since - CATCH_UP_MARGIN)
        .limit(RECENT_AT_MOST + 1)
    ).all()
    if len(changed) > RECENT_AT_MOST:
        return repair_index()
    report = RepairReport()
    _retry_backlog(report)
    if not changed:
        return report
    ids = [service_id for service_id, _ in changed]
    public = set(
        db.session.scalars(
            public_services().with_only_columns(Service.id).where(Service.id.in_(ids))
        )
    )
    indexed = indexed_versions_of([str(i) for i in ids])
    write, extra = [], []
    for service_id, updated_at in changed:
        key = str(service_id)
        if service_id not in public:
            if key in indexed:
                extra.append(key)
        elif indexed.get(key) != content_version(updated_at):
            write.append(key)
    _strictly(delete_ids, extra, extra)
    _write_ids(sorted(write))
    report.added = sum(1 for key in write if key not in indexed)
    report.updated, report.removed = len(write) - report.added, len(extra)
    if report.changes or report.retried:
        current_app.logger.warning("Search index repaired: %s", report)
    return report


def _write_ids(ids: list[str]) -> None:
    for start in range(0, len(ids), WRITE_CHUNK):
        chunk = [uuid.UUID(i) for i in ids[start : start + WRITE_CHUNK]]
        services = db.session.scalars(indexable_services().where(Service.id.in_(chunk))).all()
        _strictly(write_services, services, chunk)


def _strictly(write: Callable, argument, ids) -> None:
    """Run a write; on failure queue its listings, then let the failure be known."""
    try:
        write(argument)
    except Exception as error:
        if ids:
            backlog.queue(ids, error)
        raise


def _retry_backlog(report: RepairReport) -> None:
    """Write each queued listing again (as it is now), forgetting those that succeed."""
    for row in backlog.waiting():
        report.retried += 1
        try:
            service = db.session.scalars(
                indexable_services().where(Service.id == row.service_id)
            ).first()
            if service is None:
                delete_ids([str(row.service_id)])
            else:
                write_services([service])
        except Exception as error:
            report.still_failing += 1
            backlog.queue([row.service_id], error)
            continue
        backlog.done(row)


__all__ = [
    "RepairReport",
    "ensure_index",
    "prepare_index",
    "rebuild_index",
    "repair_index",
    "repair_quietly",
    "repair_recent",
    "start_rebuild",
    "sync",
    "wait_for_background",
]

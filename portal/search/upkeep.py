"""Keeping the index true to the database: rebuild it, repair it, and check it now and then.

The database is the source of truth; the index follows it. Every committed change is sent to
the index at once (`portal.directory.services.reindex_service`); this module covers the rest:
an index that is missing, damaged or from an older schema is rebuilt, one that disagrees with
the database (an update lost to a crash, a change made behind the portal's back) is repaired.
"""

from __future__ import annotations

import threading
import time as clock
import uuid
from collections.abc import Callable
from datetime import timedelta

from flask import current_app

from portal.db import utcnow
from portal.directory.models import Service
from portal.directory.services import public_services
from portal.extensions import db
from portal.search.documents import indexable_services
from portal.search.index import index_status, indexed_ids, rebuild, remove_many, upsert_many

_rebuilding = threading.Lock()
CHECK_EVERY_SECONDS = 60
#: Changes stamped this long before a rebuild began are sent to the new index too, in case a
#: clock or a transaction straddled the start.
CATCH_UP_MARGIN = timedelta(seconds=5)


def rebuild_index(progress: Callable[[int], None] | None = None, processes: int = 1) -> int:
    """Rebuild the index from every public service, then bring over what changed meanwhile.

    A rebuild takes minutes on a big directory; changes committed while it runs go to the
    old index and would be lost with it, so once the new index is in place every service
    updated since the rebuild began is written again, and the id sets are compared.
    """
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


def ensure_index(force: bool = False) -> None:
    """Check the index at most once a minute per worker (and at once with `force`, when a
    search found it unreadable): rebuild it when unusable, repair it when out of step."""
    cache = current_app.extensions.setdefault("portal.search", {})
    if not force and clock.monotonic() - cache.get("checked", -1e9) < CHECK_EVERY_SECONDS:
        return
    with _rebuilding:
        status = index_status()
        if not status.ok:
            current_app.logger.warning("Search index unusable (%s): rebuilding", status.problem)
            rebuild_index()
        else:
            repair_index()
    cache["checked"] = clock.monotonic()


def repair_index() -> int:
    """Add or remove the services on which the index and the database disagree.

    Compares id sets (about 0.1 s at 100,000 services); changed content is the job of the
    upsert that follows every committed change.
    """
    public_ids = {
        str(i) for i in db.session.scalars(public_services().with_only_columns(Service.id)).all()
    }
    indexed = indexed_ids()
    missing, extra = public_ids - indexed, indexed - public_ids
    remove_many(sorted(extra))
    upsert_many(
        db.session.scalars(
            indexable_services().where(Service.id.in_([uuid.UUID(i) for i in missing]))
        ).all()
        if missing
        else []
    )
    if missing or extra:
        current_app.logger.warning(
            "Search index repaired: %d added, %d removed", len(missing), len(extra)
        )
    return len(missing) + len(extra)

"""`GET /healthz` for operators and load balancers.

The search index counts as unhealthy (503) when it is missing or unreadable, when listings wait
for it after failed writes (it is behind), when its folder cannot be written, or when it is
being rebuilt with no usable index meanwhile. A rebuild beside a usable index is reported but
healthy: searches still answer from the current index.
"""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.directory.services import count_published_services
from portal.extensions import db
from portal.search import backlog, index_status
from portal.search.index import directory, writable_problem
from portal.search.locking import rebuild_in_progress

bp = Blueprint("health", __name__)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def search_index_health() -> tuple[bool, str]:
    """(healthy, message) for the search index; the message is "ok" when all is well."""
    status = index_status()
    rebuilding = rebuild_in_progress(directory())
    problems = []
    if not status.ok:
        problems.append(status.problem)
    if rebuilding and not status.ok:
        problems.insert(0, "rebuilding: searches are answered from the database meanwhile")
    waiting = backlog.summary()
    if waiting.count:
        problems.append(
            f"behind: {_plural(waiting.count, 'listing')} waiting to be indexed since "
            f"{waiting.oldest:%Y-%m-%d %H:%M} UTC (last error: {waiting.last_error})"
        )
    unwritable = writable_problem()
    if unwritable:
        problems.append(f"cannot be written: {unwritable}")
    if problems:
        return False, "error: " + "; ".join(problems)
    if rebuilding:
        return True, "rebuilding: searches use the current index meanwhile"
    return True, "ok"


@bp.get("/healthz")
def healthz():
    body: dict[str, object] = {"status": "ok", "database": "ok", "search_index": "ok"}
    try:
        db.session.execute(text("SELECT 1"))
        body["services"] = count_published_services()
    except SQLAlchemyError as error:
        db.session.rollback()
        body["database"] = f"error: {error.__class__.__name__}"
        body["services"] = None
    try:
        search_ok, body["search_index"] = search_index_health()
    except SQLAlchemyError:  # the backlog lives in the database, already reported above
        db.session.rollback()
        search_ok = index_status().ok
        body["search_index"] = "ok" if search_ok else f"error: {index_status().problem}"
    healthy = body["database"] == "ok" and search_ok
    if not healthy:
        body["status"] = "error"
    response = jsonify(body)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response

"""`GET /healthz` for operators and load balancers.

Search is asked through `portal.search.status()`, whichever backend answers it. With the
embedded Whoosh index it counts as unhealthy (503) when the index is missing or unreadable, or
being built or rebuilt with no usable index meanwhile (searches are then answered from the
database), when listings wait for it after failed writes (it is behind), or when its folder
cannot be written; a rebuild beside a usable index is reported but healthy. With PostgreSQL it
is healthy when the backend can answer, and says how many listings it holds.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal import search
from portal.directory.services import count_published_services
from portal.extensions import db

bp = Blueprint("health", __name__)


def search_health() -> tuple[bool, dict[str, object]]:
    """(healthy, what `/healthz` says about search): "ok", a note, or "error: ..."."""
    try:
        found = search.status()
    except Exception as error:  # the database it needs is away (reported on its own), or worse
        db.session.rollback()
        current_app.logger.warning(
            "Could not check search: %s: %s", error.__class__.__name__, error
        )
        return False, {"search_index": f"error: could not be checked ({error.__class__.__name__})"}
    said = f"error: {found.problem}" if not found.ok else (found.notes or "ok")
    return found.ok, {
        "search_index": said,
        "search_backend": found.backend,
        "search_documents": found.documents,
    }


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
    search_ok, said = search_health()
    body.update(said)
    healthy = body["database"] == "ok" and search_ok
    if not healthy:
        body["status"] = "error"
    response = jsonify(body)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response

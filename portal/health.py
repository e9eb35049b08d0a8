"""`GET /healthz` for operators and load balancers."""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.directory.services import count_published_services
from portal.extensions import db
from portal.search import index_status

bp = Blueprint("health", __name__)


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
    search = index_status()
    if not search.ok:
        body["search_index"] = f"error: {search.problem}"
    healthy = body["database"] == "ok" and search.ok
    if not healthy:
        body["status"] = "error"
    response = jsonify(body)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response

"""`/search`: the home page's two boxes land here."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request, url_for

from portal.search.services import search

bp = Blueprint("search", __name__)


@bp.get("/search")
def results():
    text = request.args.get("q", "")[:200]
    where = request.args.get("where", "")[:100]
    raw_page = request.args.get("page", "1")
    if not raw_page.isdigit() or int(raw_page) < 1:
        abort(404)
    outcome = search(text, where, int(raw_page), current_app.config["PORTAL_PAGE_SIZE"])
    return (
        render_template(
            "search/results.html",
            q=text,
            where=where,
            outcome=outcome,
            url_for_page=lambda n: url_for("search.results", q=text, where=where, page=n),
        ),
        400 if outcome.problems else 200,
    )

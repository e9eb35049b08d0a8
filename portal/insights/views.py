"""`/insights`: unmet need for commissioners, administrators and directory editors.

Each page reads the narrowing (dates, area, need) from its address, so a link or a bookmark
is the same view; every table on a page downloads as a CSV with the same suppression.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_login import current_user

from portal.accounts.access import INSIGHT_READERS, is_directory_team, roles_required
from portal.insights.coverage import ensure_fresh
from portal.insights.filters import Narrowing, NarrowingInvalid, options, read_narrowing
from portal.insights.pages import SECTIONS, build_section
from portal.suppression import threshold

bp = Blueprint("insights", __name__, url_prefix="/insights")
insight_readers = roles_required(*INSIGHT_READERS)


def _now() -> datetime:
    return datetime.now(UTC)


def _refused(problem: NarrowingInvalid, template: str, **context):
    page = render_template(
        template,
        problems=problem.problems,
        wrong=problem.wrong,
        typed=problem.typed,
        narrowing=None,
        sections=SECTIONS,
        threshold=threshold(),
        **options(),
        **context,
    )
    return page, 400


def _narrowing() -> Narrowing:
    """The narrowing asked for, once the areas and what each has within reach are counted
    (at once on a fresh install, before the roll-up job's first run)."""
    now = _now()
    ensure_fresh(now)
    return read_narrowing(request.args, now.date())


def _render(template: str, narrowing: Narrowing, **context):
    return render_template(
        template,
        narrowing=narrowing,
        typed=narrowing.typed,
        problems={},
        wrong={},
        sections=SECTIONS,
        threshold=threshold(),
        area_options=[(a.code, a.name) for a in narrowing.areas],
        need_options=list(narrowing.needs),
        **context,
    )


@bp.get("")
@insight_readers
def overview():
    try:
        narrowing = _narrowing()
    except NarrowingInvalid as problem:
        return _refused(problem, "insights/overview.html", parts={})
    k, now = threshold(), _now()
    parts = {
        name: build_section(
            name, narrowing, k, now, is_directory_team(current_user), headline_only=True
        )
        for name in ("searches", "wishes", "referrals", "gaps", "freshness")
    }
    return _render("insights/overview.html", narrowing, parts=parts)


@bp.get("/summary")
@insight_readers
def summary():
    try:
        narrowing = _narrowing()
    except NarrowingInvalid as problem:
        return _refused(problem, "insights/summary.html", parts={})
    k, now = threshold(), _now()
    parts = {
        name: build_section(name, narrowing, k, now, False, headline_only=True)
        for name in ("searches", "wishes", "referrals", "gaps", "freshness")
    }
    return _render("insights/summary.html", narrowing, parts=parts, printed_at=now)


@bp.get("/<section>")
@insight_readers
def section_page(section: str):
    if section not in SECTIONS:
        abort(404)
    try:
        narrowing = _narrowing()
    except NarrowingInvalid as problem:
        return _refused(problem, "insights/section.html", section=None, name=section)
    built = build_section(section, narrowing, threshold(), _now(), is_directory_team(current_user))
    return _render("insights/section.html", narrowing, section=built, name=section)


@bp.get("/<section>/<table>.csv")
@insight_readers
def table_csv(section: str, table: str):
    if section not in SECTIONS:
        abort(404)
    try:
        narrowing = _narrowing()
    except NarrowingInvalid as problem:
        message = "; ".join(problem.problems.values())
        return Response(message + "\n", status=400, mimetype="text/plain")
    built = build_section(section, narrowing, threshold(), _now(), False, full=True)
    found = built.table(table)
    if found is None:
        abort(404)
    name = (
        f"insights-{section}-{table}-{narrowing.start.isoformat()}-to-{narrowing.end.isoformat()}"
    )
    if narrowing.area:
        name += f"-{narrowing.area}"
    if narrowing.need:
        name += f"-{narrowing.need}"
    return Response(
        found.as_csv(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def csv_url(narrowing: Narrowing, section: str, table: str) -> str:
    return url_for("insights.table_csv", section=section, table=table, **narrowing.args())

"""Circles of support: one person's private map.

Personal data: every circle page needs the second factor (`personal_data_route`), shows only to
its maker and whom they shared it with (403 to any other connector), and every view and
change is written to the personal-data log.
"""

from __future__ import annotations

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from flask_wtf import FlaskForm

from portal.community_maps import services
from portal.community_maps.connect import bp, connector
from portal.community_maps.connect.assets_views import asset_context, log_circle, save_asset
from portal.community_maps.models import MapKind
from portal.community_maps.views import the_map
from portal.extensions import db
from portal.prescribing.access import personal_data_route
from portal.validation import ValidationFailed


@bp.route("/circles/new", methods=["GET", "POST"])
@connector
@personal_data_route
def new_circle():
    reference = request.form.get("reference", "")
    problems: dict[str, str] = {}
    if FlaskForm().validate_on_submit():
        try:
            circle = services.create_circle(current_user, reference)
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            log_circle(circle, "created circle")
            db.session.commit()
            return redirect(url_for("connect.circle", map_id=circle.id))
    page = render_template(
        "community_maps/connect/circle_new.html",
        reference=reference,
        problems=problems,
        form=FlaskForm(),
    )
    return page, 400 if problems else 200


def _circle(map_id: str):
    """The circle of support, if `map_id` is one and this connector may see it (403 if not);
    None for a community map."""
    found = services.get_map(map_id)
    if found.kind is not MapKind.CIRCLE:
        return None
    if not services.may_see_circle(current_user, found):
        abort(403)
    return found


def _circle_page(found, problems=None, status: int = 200, **context):
    log_circle(found, "viewed circle")
    db.session.commit()
    found = services.circle_for_page(found.id)
    shown = {**asset_context(found), **context}
    if problems:
        shown["problems"] = problems
    page = render_template(
        "community_maps/connect/circle.html",
        circle=found,
        map_parts=the_map(found, services.map_assets(found)),
        share_choices=services.connectors_to_share_with(found)
        if found.created_by_id == current_user.id
        else [],
        **shown,
    )
    return page, status


@bp.get("/circles/<map_id>")
@connector
@personal_data_route
def circle(map_id: str):
    found = _circle(map_id)
    if found is None:
        return redirect(url_for("connect.edit_map", map_id=map_id))
    return _circle_page(found)


@bp.post("/circles/<map_id>/assets")
@connector
@personal_data_route
def add_circle_asset(map_id: str):
    found = _circle(map_id)
    if found is None:
        return redirect(url_for("connect.edit_map", map_id=map_id))
    answer = save_asset(
        found,
        circle=found,
        page="community_maps/connect/circle.html",
        back=url_for("connect.circle", map_id=found.id),
    )
    log_circle(found, "changed circle", f"Circle of support {found.reference}: added to it")
    db.session.commit()
    return answer


@bp.post("/circles/<map_id>/share")
@connector
@personal_data_route
def share_circle(map_id: str):
    """Share the circle with another named connector, or stop sharing it."""
    found = _circle(map_id)
    if found is None:
        return redirect(url_for("connect.edit_map", map_id=map_id))
    if found.created_by_id != current_user.id:
        abort(403)
    if not FlaskForm().validate_on_submit():
        return redirect(url_for("connect.circle", map_id=found.id))
    stop = request.form.get("stop") or ""
    try:
        if stop:
            services.unshare_circle(found, current_user, stop)
            flash("They can no longer see this circle of support.", "success")
        else:
            chosen = services.share_circle(found, current_user, request.form.get("connector"))
            flash(f"Shared with {chosen.name}: they can see and add to it now.", "success")
    except ValidationFailed as problem:
        return _circle_page(found, {problem.field: problem.message}, 400)
    log_circle(found, "shared circle" if not stop else "unshared circle")
    db.session.commit()
    return redirect(url_for("connect.circle", map_id=found.id, _anchor="share"))


@bp.post("/circles/<map_id>/delete")
@connector
@personal_data_route
def delete_circle(map_id: str):
    found = _circle(map_id)
    if found is not None and FlaskForm().validate_on_submit():
        if found.created_by_id != current_user.id:
            abort(403)
        log_circle(found, "deleted circle")
        services.delete_circle(found, current_user)
        flash("Deleted the circle of support and everything in it.", "success")
    return redirect(url_for("connect.dashboard"))

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
    url_for,
)
from flask_login import current_user

from portal.community_maps import services
from portal.community_maps.connect import bp, connector
from portal.community_maps.connect.assets_views import asset_context, save_asset
from portal.community_maps.forms import CircleFields, ShareFields
from portal.community_maps.models import MapKind
from portal.community_maps.views import the_map
from portal.forms import ButtonForm
from portal.prescribing.access import personal_data_route
from portal.validation import ValidationFailed


@bp.route("/circles/new", methods=["GET", "POST"])
@connector
@personal_data_route
def new_circle():
    """Start a circle of support, named only by the connector's reference for the person."""
    form = CircleFields()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            circle = services.start_circle(current_user, form.reference.data)
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            return redirect(url_for("connect.circle", map_id=circle.id))
    page = render_template(
        "community_maps/connect/circle_new.html",
        reference=form.reference.data,
        problems=problems,
        form=form,
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
    """The circle's page (the view is written in the personal-data log)."""
    found = services.show_circle(current_user, found)
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
    services.note_circle_change(current_user, found)
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
    form = ShareFields()
    if not form.validate_on_submit():
        return redirect(url_for("connect.circle", map_id=found.id))
    try:
        if form.stop.data:
            services.unshare_circle(found, current_user, form.stop.data)
            flash("They can no longer see this circle of support.", "success")
        else:
            chosen = services.share_circle(found, current_user, form.connector.data or "")
            flash(f"Shared with {chosen.name}: they can see and add to it now.", "success")
    except ValidationFailed as problem:
        return _circle_page(found, {problem.field: problem.message}, 400)
    return redirect(url_for("connect.circle", map_id=found.id, _anchor="share"))


@bp.post("/circles/<map_id>/delete")
@connector
@personal_data_route
def delete_circle(map_id: str):
    found = _circle(map_id)
    if found is not None and ButtonForm().validate_on_submit():
        if found.created_by_id != current_user.id:
            abort(403)
        services.delete_circle(found, current_user)  # logged in the personal-data log
        flash("Deleted the circle of support and everything in it.", "success")
    return redirect(url_for("connect.dashboard"))

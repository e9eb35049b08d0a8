"""Making a map from an event, publishing it, and deciding visitors' suggestions for it."""

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

from portal.community_maps import services
from portal.community_maps.connect import bp, connector
from portal.community_maps.forms import DecisionFields, MapFields, MapStateFields
from portal.community_maps.models import AssetState, MapKind, MapState
from portal.community_maps.views import the_map
from portal.validation import AlreadyDecided, NotFound, ValidationFailed


def _event_asked_for():
    """The event a new map is made from (`?event=`), when there is one: it already says whose
    community it is, so the form does not ask again."""
    try:
        return services.get_event(request.args.get("event") or "")
    except NotFound:
        return None


def _map_page(found, form: MapFields, problems=None, from_event=None):
    assets = services.map_assets(found) if found else []
    page = render_template(
        "community_maps/connect/map.html",
        map=found,
        values=form.data,
        problems=problems or {},
        event_choices=[
            (str(e.id), f"{e.title} ({e.held_on:%d %B %Y}), {e.community}")
            for e in services.recent_events(200)
        ],
        assets=assets,
        suggestions=services.map_assets(found, state=AssetState.SUGGESTED) if found else [],
        map_parts=the_map(found, assets) if found else None,
        from_event=from_event,
        form=form,
    )
    return page, 400 if problems else 200


@bp.route("/maps/new", methods=["GET", "POST"])
@connector
def new_map():
    return _save_map(None)


@bp.route("/maps/<map_id>", methods=["GET", "POST"])
@connector
def edit_map(map_id: str):
    found = services.get_map(map_id)
    if found.kind is MapKind.CIRCLE:
        return redirect(url_for("connect.circle", map_id=found.id))
    return _save_map(found)


def _save_map(found):
    """The map form, empty (or from the event asked for) or with the saved map; or save what
    was sent and show the map's page."""
    if request.method == "GET":
        values = {
            "title": found.title if found else "",
            "community": found.community if found else "",
            "description": found.description if found else "",
            "events": [str(e.id) for e in found.events]
            if found
            else [e for e in [request.args.get("event")] if e],
        }
        from_event = _event_asked_for() if found is None else None
        if from_event is not None:
            values["community"] = from_event.community
        return _map_page(found, MapFields(data=values), from_event=from_event)
    form = MapFields()
    if form.validate_on_submit():
        try:
            saved = services.save_map(
                current_user,
                form.title.data,
                form.community.data,
                form.description.data,
                form.events.data,
                found,
            )
        except ValidationFailed as problem:
            return _map_page(found, form, {problem.field: problem.message})
        flash(f"Saved the map “{saved.title}”.", "success")
        return redirect(url_for("connect.edit_map", map_id=saved.id))
    return _map_page(found, form)


@bp.post("/maps/<map_id>/state")
@connector
def map_state(map_id: str):
    found = services.get_map(map_id)
    form = MapStateFields()
    if form.validate_on_submit():
        publish = form.state.data == MapState.PUBLISHED.value
        try:
            services.set_published(found, publish, current_user)
        except ValidationFailed as problem:
            flash(problem.message, "important")
        else:
            if not publish:
                from portal.community_maps.posters import forget_posters

                forget_posters(found)
            flash(
                "Published: anyone can see it now." if publish else "It is private now.", "success"
            )
    return redirect(url_for("connect.edit_map", map_id=found.id))


@bp.post("/suggestions/<asset_id>")
@connector
def decide(asset_id: str):
    asset = services.get_asset(asset_id)
    if (
        asset.map_id is None
        or asset.event_id is not None
        or asset.map.kind is not MapKind.COMMUNITY
    ):
        abort(404)  # only a visitor's suggestion for a community map is decided here
    form = DecisionFields()
    if form.validate_on_submit():
        try:
            services.decide_suggestion(asset, form.decision.data == "add", current_user)
        except AlreadyDecided as decided:
            flash(decided.message, "important")
    return redirect(url_for("connect.edit_map", map_id=asset.map_id))

"""A connector's dashboard and their events."""

from __future__ import annotations

from flask import (
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from portal.community_maps import services
from portal.community_maps.connect import bp, connector
from portal.community_maps.connect.assets_views import asset_context
from portal.community_maps.forms import EventFields
from portal.validation import ValidationFailed


@bp.get("")
@connector
def dashboard():
    return render_template(
        "community_maps/connect/dashboard.html",
        events=services.recent_events(),
        maps=services.community_maps(published_only=False),
        circles=services.circles(current_user),
    )


def _event_page(event, form: EventFields, problems=None):
    page = render_template(
        "community_maps/connect/event_form.html",
        event=event,
        values=form.data,
        problems=problems or {},
        form=form,
    )
    return page, 400 if problems else 200


@bp.route("/events/new", methods=["GET", "POST"])
@connector
def new_event():
    return _save_event(None)


@bp.route("/events/<event_id>/edit", methods=["GET", "POST"])
@connector
def edit_event(event_id: str):
    return _save_event(services.get_event(event_id))


def _save_event(event):
    """The event form, empty or with the saved event; or save what was sent and go to the
    event's page."""
    shown = EventFields.shown(event) if event is not None and request.method == "GET" else None
    form = EventFields(data=shown)
    if form.validate_on_submit():
        try:
            saved = services.save_event(current_user, form.typed(), event)
        except ValidationFailed as problem:
            return _event_page(event, form, {problem.field: problem.message})
        if saved.venue and saved.latitude is None:
            flash(f"We could not find “{saved.venue}” on the map.", "important")
        return redirect(url_for("connect.event", event_id=saved.id))
    return _event_page(event, form)


@bp.get("/events/<event_id>")
@connector
def event(event_id: str):
    found = services.event_for_page(event_id)
    return render_template("community_maps/connect/event.html", event=found, **asset_context(found))

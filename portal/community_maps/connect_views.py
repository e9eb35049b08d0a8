"""`/connect`: what community connectors do with community maps.

Events and their assets and wishes, the maps that gather them, visitors' suggestions, and
private circles of support. Saving an asset or a wish answers JSON to the page's script
(`static/js/offline-forms.js`, which keeps what could not be sent and tries again) and a
normal page without JavaScript.
"""

from __future__ import annotations

import uuid

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from flask_wtf import FlaskForm

from portal.accounts.access import passed_second_factor, roles_required
from portal.accounts.models import Role
from portal.community_maps import services
from portal.community_maps.forms import asset_form_from
from portal.community_maps.models import AssetKind, MapKind, MapState
from portal.community_maps.views import the_map
from portal.directory.services import vocabulary_terms
from portal.directory.summaries import service_summaries
from portal.extensions import db
from portal.geo import nearby_places
from portal.maps import Landmark, pin_map
from portal.prescribing.access import log_access, personal_data_route
from portal.search import SearchUnavailable
from portal.search.services import listing_ids_for
from portal.validation import AlreadyDecided, ValidationFailed

bp = Blueprint("connect", __name__, url_prefix="/connect")
connector = roles_required(Role.CONNECTOR)


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


@bp.get("")
@connector
def dashboard():
    return render_template(
        "community_maps/connect/dashboard.html",
        events=services.recent_events(),
        maps=services.community_maps(published_only=False),
        circles=services.circles(current_user),
    )


# --- events ---------------------------------------------------------------------------------


def _event_page(event=None, values=None, problems=None):
    page = render_template(
        "community_maps/connect/event_form.html",
        event=event,
        values=values or {},
        problems=problems or {},
        form=FlaskForm(),
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
    fields = ("title", "held_on", "venue", "community", "facilitators", "participants", "notes")
    if event is not None and request.method == "GET":
        values = {k: str(getattr(event, k) or "") for k in fields}
    else:
        values = {k: request.form.get(k, "") for k in fields}
    if FlaskForm().validate_on_submit():
        try:
            saved = services.save_event(current_user, services.EventForm(**values), event)
        except ValidationFailed as problem:
            return _event_page(event, values, {problem.field: problem.message})
        if saved.venue and saved.latitude is None:
            flash(f"We could not find “{saved.venue}” on the map.", "important")
        return redirect(url_for("connect.event", event_id=saved.id))
    return _event_page(event, values)


def _asset_context(target, values=None, problems=None, question=None, choices=None) -> dict:
    centre = None
    if getattr(target, "latitude", None) is not None:
        centre = (target.latitude, target.longitude)
    pin = None
    if centre:
        tile_url = current_app.config["PORTAL_TILE_URL"] or None
        landmarks = (
            []
            if tile_url
            else [
                Landmark(p.name, p.latitude, p.longitude)
                for p in nearby_places(*centre, within_km=4, limit=2)
            ]
        )
        pin = pin_map(
            *centre,
            "the asset",
            ("asset-latitude", "asset-longitude"),
            tile_url,
            current_app.config["PORTAL_TILE_ATTRIBUTION"],
            landmarks,
        )
    return {
        "values": values or {},
        "problems": problems or {},
        "question": question,
        "listing_choices": [
            (str(c.id), f"{c.name} ({c.organisation_name})") for c in choices or []
        ],
        "kinds": [(k.value, k.label, k.hint) for k in AssetKind],
        "needs": [(t.code, t.name) for t in vocabulary_terms("needs")],
        "pin": pin,
        "form": FlaskForm(),
    }


@bp.get("/events/<event_id>")
@connector
def event(event_id: str):
    found = services.get_event(event_id)
    return render_template(
        "community_maps/connect/event.html", event=found, **_asset_context(found)
    )


def _listing_choices(text: str) -> list:
    """Listings matching the words; none while search cannot answer (the connector types a
    listing's words again later, nothing is lost)."""
    if not text:
        return []
    try:
        ids = listing_ids_for(text, 8)
    except SearchUnavailable:
        return []
    return service_summaries([uuid.UUID(i) for i in ids])


@bp.get("/listings.json")
@connector
def listings_json():
    """Directory listings matching the words typed, for the asset form's type-ahead."""
    text = (request.args.get("q") or "").strip()[:100]
    return jsonify(
        [
            {"id": str(s.id), "name": s.name, "organisation": s.organisation_name}
            for s in _listing_choices(text)
        ]
    )


def _save_asset(target, *, event=None, circle=None, page: str, back: str):
    values = request.form
    form = asset_form_from(values)
    choices = []
    if not form.listing and (values.get("listing_query") or "").strip():
        choices = _listing_choices(values["listing_query"].strip())
        if len(choices) == 1:
            form = services.AssetForm(**{**form.__dict__, "listing": str(choices[0].id)})
        elif not _wants_json():
            problem = (
                {"listing": "Choose which listing it is"}
                if choices
                else {"listing": "No listing matches those words: change them, or leave it blank"}
            )
            return _asset_problem(target, page, values, problem, choices=choices)
    try:
        saved = services.record_asset(current_user, form, event=event, circle=circle)
    except services.FarAway as far:
        if _wants_json():
            return jsonify({"question": far.question, "field": "where"}), 409
        return _asset_problem(target, page, values, {}, question=far.question)
    except ValidationFailed as problem:
        if _wants_json():
            return jsonify({"problems": {problem.field: problem.message}}), 400
        return _asset_problem(target, page, values, {problem.field: problem.message})
    if _wants_json():
        body = {
            "id": str(saved.asset.id),
            "name": saved.asset.name,
            "kind": saved.asset.kind.label,
            "note": saved.note,
            "invitation": saved.invitation,
        }
        return jsonify(body), 201 if saved.created else 200
    flash(f"Saved “{saved.asset.name}”." + (f" {saved.note}" if saved.note else ""), "success")
    if saved.invitation:
        flash(f"Invitation for the group to complete its listing: {saved.invitation}", "important")
    return redirect(back)


def _asset_problem(target, page, values, problems, question=None, choices=None):
    context = _asset_context(target, values, problems, question, choices)
    key = "event" if page.endswith("event.html") else "circle"
    return render_template(page, **{key: target}, **context), 400 if problems else 409


@bp.post("/events/<event_id>/assets")
@connector
def add_asset(event_id: str):
    found = services.get_event(event_id)
    return _save_asset(
        found,
        event=found,
        page="community_maps/connect/event.html",
        back=url_for("connect.event", event_id=found.id, _anchor="add-asset"),
    )


@bp.post("/events/<event_id>/wishes")
@connector
def add_wish(event_id: str):
    found = services.get_event(event_id)
    try:
        wish, created = services.record_wish(
            current_user,
            found,
            request.form.get("wish") or "",
            request.form.getlist("needs"),
            (request.form.get("client_token") or "")[:64],
        )
    except ValidationFailed as problem:
        if _wants_json():
            return jsonify({"problems": {problem.field: problem.message}}), 400
        context = _asset_context(found)
        context["problems"] = {problem.field: problem.message}
        return render_template("community_maps/connect/event.html", event=found, **context), 400
    if _wants_json():
        return jsonify({"id": str(wish.id), "name": wish.text}), 201 if created else 200
    flash("Saved the wish.", "success")
    return redirect(url_for("connect.event", event_id=found.id, _anchor="wishes"))


@bp.post("/assets/<asset_id>/delete")
@connector
def delete_asset(asset_id: str):
    asset = services.get_asset(asset_id)
    if asset.map is not None and asset.map.kind is MapKind.CIRCLE:
        if not passed_second_factor() or not services.may_see_circle(current_user, asset.map):
            abort(403)  # someone's circle of support: personal data
        _log_circle(
            asset.map, "changed circle", f"Circle of support {asset.map.reference}: removed from it"
        )
    back = (
        url_for("connect.event", event_id=asset.event_id)
        if asset.event_id
        else url_for("connect.circle", map_id=asset.map_id)
    )
    if FlaskForm().validate_on_submit():
        services.remove_asset(asset)
        flash(f"Removed “{asset.name}”.", "success")
    return redirect(back)


# --- maps --------------------------------------------------------------------------------------


def _event_asked_for():
    """The event a new map is made from (`?event=`), when there is one: it already says whose
    community it is, so the form does not ask again."""
    try:
        return services.get_event(request.args.get("event") or "")
    except services.NotFound:
        return None


def _map_page(found=None, values=None, problems=None, from_event=None):
    assets = services.map_assets(found) if found else []
    page = render_template(
        "community_maps/connect/map.html",
        map=found,
        values=values or {},
        problems=problems or {},
        event_choices=[
            (str(e.id), f"{e.title} ({e.held_on:%d %B %Y}), {e.community}")
            for e in services.recent_events(200)
        ],
        assets=assets,
        suggestions=services.map_assets(found, state=services.AssetState.SUGGESTED)
        if found
        else [],
        map_parts=the_map(found, assets) if found else None,
        from_event=from_event,
        form=FlaskForm(),
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
        return _map_page(found, values, from_event=from_event)
    values = {
        "title": request.form.get("title", ""),
        "community": request.form.get("community", ""),
        "description": request.form.get("description", ""),
        "events": request.form.getlist("events"),
    }
    if FlaskForm().validate_on_submit():
        try:
            saved = services.save_map(
                current_user,
                values["title"],
                values["community"],
                values["description"],
                values["events"],
                found,
            )
        except ValidationFailed as problem:
            return _map_page(found, values, {problem.field: problem.message})
        flash(f"Saved the map “{saved.title}”.", "success")
        return redirect(url_for("connect.edit_map", map_id=saved.id))
    return _map_page(found, values)


@bp.post("/maps/<map_id>/state")
@connector
def map_state(map_id: str):
    found = services.get_map(map_id)
    if FlaskForm().validate_on_submit():
        publish = request.form.get("state") == MapState.PUBLISHED.value
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
    if FlaskForm().validate_on_submit():
        try:
            services.decide_suggestion(asset, request.form.get("decision") == "add", current_user)
        except AlreadyDecided as decided:
            flash(decided.message, "important")
    return redirect(url_for("connect.edit_map", map_id=asset.map_id))


# --- circles of support ---------------------------------------------------------------------------
# A circle is one person's private map: personal data. Every circle page needs the second
# factor (`personal_data_route`), shows only to its maker and whom they shared it with (403 to
# any other connector), and every view and change is written to the personal-data log.


def _log_circle(circle, action: str, detail: str = "") -> None:
    """Record in the personal-data log, as for a referral, who saw or changed which circle."""
    entry = log_access(
        current_user, None, action, detail or f"Circle of support {circle.reference}"
    )
    entry.reference = (circle.reference or "")[:12]


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
            _log_circle(circle, "created circle")
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
    _log_circle(found, "viewed circle")
    db.session.commit()
    shown = {**_asset_context(found), **context}
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
    answer = _save_asset(
        found,
        circle=found,
        page="community_maps/connect/circle.html",
        back=url_for("connect.circle", map_id=found.id),
    )
    _log_circle(found, "changed circle", f"Circle of support {found.reference}: added to it")
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
    _log_circle(found, "shared circle" if not stop else "unshared circle")
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
        _log_circle(found, "deleted circle")
        services.delete_circle(found, current_user)
        flash("Deleted the circle of support and everything in it.", "success")
    return redirect(url_for("connect.dashboard"))

"""Assets and wishes recorded at an event or in a circle of support: saving one (once, however
often a weak connection retries), questioning a far-away place, linking a listing, removing.
"""

from __future__ import annotations

import uuid

from flask import (
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

from portal.accounts.access import passed_second_factor
from portal.community_maps import services
from portal.community_maps.connect import bp, connector, wants_json
from portal.community_maps.forms import asset_form_from
from portal.community_maps.models import AssetKind, MapKind
from portal.directory.services import vocabulary_terms
from portal.directory.summaries import service_summaries
from portal.geo import nearby_places
from portal.maps import Landmark, pin_map
from portal.prescribing.access import log_access
from portal.search import SearchUnavailable
from portal.search.services import listing_ids_for
from portal.validation import ValidationFailed


def asset_context(target, values=None, problems=None, question=None, choices=None) -> dict:
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


def save_asset(target, *, event=None, circle=None, page: str, back: str):
    values = request.form
    form = asset_form_from(values)
    choices = []
    if not form.listing and (values.get("listing_query") or "").strip():
        choices = _listing_choices(values["listing_query"].strip())
        if len(choices) == 1:
            form = services.AssetForm(**{**form.__dict__, "listing": str(choices[0].id)})
        elif not wants_json():
            problem = (
                {"listing": "Choose which listing it is"}
                if choices
                else {"listing": "No listing matches those words: change them, or leave it blank"}
            )
            return _asset_problem(target, page, values, problem, choices=choices)
    try:
        saved = services.record_asset(current_user, form, event=event, circle=circle)
    except services.FarAway as far:
        if wants_json():
            return jsonify({"question": far.question, "field": "where"}), 409
        return _asset_problem(target, page, values, {}, question=far.question)
    except ValidationFailed as problem:
        if wants_json():
            return jsonify({"problems": {problem.field: problem.message}}), 400
        return _asset_problem(target, page, values, {problem.field: problem.message})
    if wants_json():
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
    context = asset_context(target, values, problems, question, choices)
    if page.endswith("event.html"):
        shown = {"event": services.event_for_page(target.id)}
    else:
        shown = {"circle": services.circle_for_page(target.id)}
    return render_template(page, **shown, **context), 400 if problems else 409


@bp.post("/events/<event_id>/assets")
@connector
def add_asset(event_id: str):
    found = services.get_event(event_id)
    return save_asset(
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
        if wants_json():
            return jsonify({"problems": {problem.field: problem.message}}), 400
        context = asset_context(found)
        context["problems"] = {problem.field: problem.message}
        shown = services.event_for_page(found.id)
        return render_template("community_maps/connect/event.html", event=shown, **context), 400
    if wants_json():
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
        log_circle(
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


def log_circle(circle, action: str, detail: str = "") -> None:
    """Record in the personal-data log, as for a referral, who saw or changed which circle."""
    entry = log_access(
        current_user, None, action, detail or f"Circle of support {circle.reference}"
    )
    entry.reference = (circle.reference or "")[:12]

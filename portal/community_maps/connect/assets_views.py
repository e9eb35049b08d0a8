"""Assets and wishes recorded at an event or in a circle of support: saving one (once, however
often a weak connection retries), questioning a far-away place, linking a listing, removing.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

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

from portal.accounts.access import passed_second_factor
from portal.community_maps import services
from portal.community_maps.connect import bp, connector, wants_json
from portal.community_maps.forms import AssetFields, WishFields
from portal.community_maps.models import AssetKind, MapKind
from portal.directory.services import vocabulary_terms
from portal.directory.summaries import service_summaries
from portal.forms import ButtonForm
from portal.geo import nearby_places
from portal.maps import Landmark, pin_map
from portal.search import SearchUnavailable
from portal.search.services import listing_ids_for
from portal.validation import ValidationFailed


def asset_context(target, values=None, problems=None, question=None, choices=None) -> dict:
    """What an event's or a circle's page needs besides the event or circle: the asset form's
    values (`AssetFields.data`, or none for an empty form), the problems and the far-away
    question to show with it, the listings to choose from, and the pin map."""
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
        "form": ButtonForm(),  # the page's CSRF token, for each of its forms
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
    """Save the asset posted (`AssetFields`) for an event or a circle: JSON for the page's
    script, else back to the page, or the page again with the problem. Words typed for a
    listing, and none chosen, link the one listing they match, or ask which (or say none
    does) before anything is saved. The CSRF token was checked by CSRFProtect, as for every
    post."""
    form = AssetFields()
    typed = form.typed()
    choices = []
    if not typed.listing and form.listing_query.data:
        choices = _listing_choices(form.listing_query.data)
        if len(choices) == 1:
            typed = replace(typed, listing=str(choices[0].id))
        elif not wants_json():
            problem = (
                {"listing": "Choose which listing it is"}
                if choices
                else {"listing": "No listing matches those words: change them, or leave it blank"}
            )
            return _asset_problem(target, page, form, problem, choices=choices)
    try:
        saved = services.record_asset(current_user, typed, event=event, circle=circle)
    except services.FarAway as far:
        if wants_json():
            return jsonify({"question": far.question, "field": "where"}), 409
        return _asset_problem(target, page, form, {}, question=far.question)
    except ValidationFailed as problem:
        if wants_json():
            return jsonify({"problems": {problem.field: problem.message}}), 400
        return _asset_problem(target, page, form, {problem.field: problem.message})
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


def _asset_problem(target, page, form: AssetFields, problems, question=None, choices=None):
    """The event's or circle's page again, with what was typed and what to change."""
    context = asset_context(target, form.data, problems, question, choices)
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
    form = WishFields()  # its CSRF token was checked by CSRFProtect, as for every post
    try:
        wish, created = services.record_wish(
            current_user,
            found,
            form.wish.data or "",
            form.needs.data,
            (form.client_token.data or "")[:64],
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
    circle = asset.map if asset.map is not None and asset.map.kind is MapKind.CIRCLE else None
    if circle is not None and not (
        passed_second_factor() and services.may_see_circle(current_user, circle)
    ):
        abort(403)  # someone's circle of support: personal data
    back = (
        url_for("connect.event", event_id=asset.event_id)
        if asset.event_id
        else url_for("connect.circle", map_id=asset.map_id)
    )
    if ButtonForm().validate_on_submit():
        services.remove_asset(asset, current_user)  # logged, if it was in a circle
        flash(f"Removed “{asset.name}”.", "success")
    return redirect(back)

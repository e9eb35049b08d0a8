"""Published community maps for everyone: the page, an embeddable copy, exports, the poster,
suggesting an asset; and the invitation a group gets for a listing suggested at an event."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html import unescape

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from markupsafe import escape

from portal.accounts.tokens import LinkProblem
from portal.community_maps import services
from portal.community_maps.forms import SuggestForm
from portal.community_maps.look import look_of
from portal.community_maps.models import AssetKind
from portal.extensions import limiter
from portal.forms import ButtonForm
from portal.geo import nearby_places
from portal.links import absolute_url
from portal.maps import Landmark, MapLayer, MapPoint, layered_map
from portal.validation import NotAllowed, ValidationFailed

bp = Blueprint("community_maps", __name__)


def numbered(assets) -> dict:
    """Each asset's number, as on the map, the list, the exports and the poster."""
    return services.numbered(assets)


def kind_looks() -> dict:
    """Each kind's colour and shape for the page (the list's badges and the map's legend)."""
    return {kind: look_of(kind.value) for kind in AssetKind}


def _with_looks(parts, kinds: list[AssetKind]):
    """The map's data with each layer's kind, shape and ink added, so `maps.js` draws the same
    marker as the poster and the list (the builder knows colours only)."""
    found = re.search(r'data-map="([^"]*)"', parts.html)
    spec = json.loads(unescape(found.group(1)))
    for layer, kind in zip(spec["layers"], kinds, strict=True):
        look = look_of(kind.value)
        layer.update(
            kind=kind.value,
            shape=look.shape,
            corners=look.points(),
            ink=look.ink,
            textDy=round(look.text_dy(), 2),
        )
    data = escape(json.dumps(spec, separators=(",", ":")))
    html = parts.html[: found.start(1)] + str(data) + parts.html[found.end(1) :]
    return replace(parts, html=html)


def listing_path(asset) -> str:
    listing = asset.live_listing
    return url_for("directory.service", service_id=listing.id) if listing else ""


def the_map(found, assets):
    positioned = [a for a in assets if a.has_position]
    if not positioned:
        return None
    numbers = numbered(assets)
    kinds = [kind for kind in AssetKind if any(a.kind is kind for a in positioned)]
    layers = [
        MapLayer(
            kind.label,
            look_of(kind.value).colour,
            [
                MapPoint(
                    a.latitude,
                    a.longitude,
                    f"{numbers[a.id]}. {a.name}",
                    listing_path(a),
                    a.good[:160] or None,
                    label=str(numbers[a.id]),
                )
                for a in positioned
                if a.kind is kind
            ],
        )
        for kind in kinds
    ]
    lat = sum(a.latitude for a in positioned) / len(positioned)
    lon = sum(a.longitude for a in positioned) / len(positioned)
    tile_url = current_app.config["PORTAL_TILE_URL"] or None
    landmarks = (
        []
        if tile_url
        else [Landmark(p.name, p.latitude, p.longitude) for p in nearby_places(lat, lon, 8, 4)]
    )
    parts = layered_map(
        layers,
        tile_url,
        current_app.config["PORTAL_TILE_ATTRIBUTION"],
        label=f"Map of {found.title}",
        center=(lat, lon),
        landmarks=landmarks,
    )
    return _with_looks(parts, kinds)


@bp.get("/community-maps")
def index():
    maps = services.community_maps(published_only=True)
    counts = services.asset_counts(maps)
    return render_template("community_maps/index.html", maps=[(m, counts[m.id]) for m in maps])


def _page(found, template: str, **extra):
    assets = services.map_assets(found)
    return render_template(
        template,
        map=found,
        assets=assets,
        numbers=numbered(assets),
        grouped=services.by_kind(assets),
        looks=kind_looks(),
        wishes=services.wishes_shown(found),
        map_parts=the_map(found, assets),
        # Copied into other sites: the portal's own address, never the request's Host header.
        embed_url=absolute_url("community_maps.embed", map_id=found.id),
        page_url=absolute_url("community_maps.show", map_id=found.id),
        **extra,
    )


@bp.get("/community-maps/<map_id>")
def show(map_id: str):
    return _page(services.get_map(map_id, public=True), "community_maps/show.html")


@bp.get("/community-maps/<map_id>/embed")
def embed(map_id: str):
    """The map and its list on a bare page other sites may show in an <iframe> (the security
    headers let any site frame this page, and only this one: `portal.security`)."""
    return _page(services.get_map(map_id, public=True), "community_maps/embed.html")


@bp.get("/community-maps/<map_id>/export.geojson")
def export_geojson(map_id: str):
    found = services.get_map(map_id, public=True)
    body = json.dumps(services.as_geojson(found), ensure_ascii=False, indent=1)
    return Response(
        body,
        mimetype="application/geo+json",
        headers={"Content-Disposition": f'attachment; filename="community-map-{found.id}.geojson"'},
    )


@bp.get("/community-maps/<map_id>/export.csv")
def export_csv(map_id: str):
    found = services.get_map(map_id, public=True)
    return Response(
        services.as_csv(found),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="community-map-{found.id}.csv"'},
    )


@bp.get("/community-maps/<map_id>/poster.pdf")
def poster(map_id: str):
    from portal.community_maps.posters import poster_for

    found = services.get_map(map_id, public=True)
    size = (request.args.get("size") or "A3").upper()
    if size not in ("A3", "A2"):
        return render_template(
            "errors/4xx.html",
            code=400,
            title="Choose a poster size",
            message="Posters come in A3 or A2: add ?size=A3 or ?size=A2.",
        ), 400
    pdf = poster_for(found, size)
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="community-map-{size}.pdf"'},
    )


@bp.route("/community-maps/<map_id>/suggest", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def suggest(map_id: str):
    found = services.get_map(map_id, public=True)
    form = SuggestForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            services.suggest_asset(found, form.asset(), form.email.data)
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            flash("Thank you: a connector will look at your suggestion.", "success")
            return redirect(url_for("community_maps.show", map_id=found.id))
    page = render_template(
        "community_maps/suggest.html",
        map=found,
        form=form,
        values=form.data,
        problems=problems,
        kinds=[(k.value, k.label, k.hint) for k in AssetKind],
    )
    return page, 400 if (form.errors or problems) else 200


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def invitation(token: str):
    try:
        revision = services.invitation_revision(token)
    except LinkProblem as problem:
        return render_template("accounts/link_problem.html", expired=problem.expired), 400
    form = ButtonForm()
    if current_user.is_authenticated and form.validate_on_submit():
        try:
            revision, theirs = services.accept_invitation(token, current_user)
        except NotAllowed:
            flash("Sign in with your community group's account to take this on.", "important")
        else:
            if theirs:
                return redirect(url_for("listings.overview", revision_id=revision.id))
            flash(
                "Someone already manages this group: we have asked the directory team to add "
                "you. We will email you.",
                "success",
            )
            return redirect(url_for("groups.dashboard"))
    return render_template(
        "community_maps/invitation.html", revision=revision, form=form, token=token
    )

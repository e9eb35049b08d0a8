"""Public pages: home, browse by need or audience, listing and organisation pages."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_login import current_user

from portal.accounts.memberships import organisation_ids
from portal.db import utcnow
from portal.directory import ics, services
from portal.directory.presenters import public_position, today
from portal.extensions import limiter
from portal.geo import nearby_places
from portal.maps import Landmark, small_map
from portal.moderation.models import ProblemKind
from portal.moderation.services import report_problem as record
from portal.oruk.provenance import source_of
from portal.prescribing.shortlists.pages import load_button_state
from portal.public.forms import ReportProblemForm
from portal.safety.services import exit_target, is_sensitive_listing
from portal.validation import ValidationFailed

bp = Blueprint("directory", __name__)

#: URL segment -> vocabulary slug, for the two ways residents browse.
BROWSE = {"needs": "needs", "who-for": "audiences"}


def _page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        abort(404)
    return int(raw)


@bp.get("/")
def home():
    return render_template(
        "directory/home.html",
        needs=services.terms_with_counts("needs"),
        audiences=services.terms_with_counts("audiences"),
        total=services.count_public_services(),
    )


@bp.get("/<any(needs, 'who-for'):kind>/")
def browse_index(kind: str):
    return render_template(
        "directory/browse_index.html",
        kind=kind,
        terms=services.terms_with_counts(BROWSE[kind]),
    )


@bp.get("/<any(needs, 'who-for'):kind>/<code>")
def browse(kind: str, code: str):
    term = services.get_term(BROWSE[kind], code)
    page = services.services_for_term(term, _page_number(), current_app.config["PORTAL_PAGE_SIZE"])
    return render_template(
        "directory/browse.html",
        kind=kind,
        term=term,
        page=page,
        url_for_page=lambda n: url_for("directory.browse", kind=kind, code=code, page=n),
        quick_exit=exit_target() if kind == "needs" and is_sensitive_listing([code]) else None,
    )


@bp.get("/services/<service_id>")
def service(service_id: str):
    listing = services.get_public_service(service_id)
    located = [(loc, p) for loc in listing.locations if (p := public_position(loc))]
    map_parts, position = None, None
    if located:
        location, position = located[0]
        map_parts = _listing_map(listing.name, *position, area_only=location.mask_address)
    load_button_state()
    if current_user.is_authenticated:
        organisation_ids(current_user)  # whether to offer them the listing's referral settings
    return render_template(
        "directory/service.html",
        service=listing,
        map_parts=map_parts,
        position=position,
        source=source_of(listing.id),
        offers_calendar=ics.offers_calendar(listing, today()),
        quick_exit=(
            exit_target()
            if is_sensitive_listing(term.code for term in listing.terms_in("needs"))
            else None
        ),
    )


@bp.get("/services/<service_id>/calendar.ics")
def service_calendar(service_id: str):
    """The listing's upcoming sessions to add to a calendar (public listings only)."""
    listing = services.get_public_service(service_id)
    try:
        body = ics.listing_calendar(listing, today(), utcnow())
    except ics.NoCalendar as reason:
        page = render_template(
            "errors/4xx.html",
            code=404,
            title="There are no sessions to add to a calendar",
            message=f"{reason} The listing says when it meets and how to get in touch.",
        )
        return page, 404
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{ics.file_name(listing)}"'},
    )


def _listing_map(title: str, latitude: float, longitude: float, area_only: bool):
    """The listing's small map; without tiles, the two nearest towns give it bearings."""
    tile_url = current_app.config["PORTAL_TILE_URL"] or None
    landmarks = []
    if not tile_url:
        landmarks = [
            Landmark(place.name, place.latitude, place.longitude)
            for place in nearby_places(latitude, longitude, within_km=6, limit=2)
        ]
    return small_map(
        latitude,
        longitude,
        title=title,
        tile_url=tile_url,
        attribution=current_app.config["PORTAL_TILE_ATTRIBUTION"],
        landmarks=landmarks,
        area_only=area_only,
    )


@bp.get("/organisations/<organisation_id>")
def organisation(organisation_id: str):
    org, listings = services.get_organisation(organisation_id)
    return render_template("directory/organisation.html", organisation=org, services=listings)


@bp.get("/about")
def about():
    return render_template("directory/about.html")


@bp.get("/accessibility")
def accessibility():
    return render_template("directory/accessibility.html")


@bp.route("/services/<service_id>/report", methods=["GET", "POST"])
@limiter.limit("5 per hour;20 per day", methods=["POST"])
def report_problem(service_id: str):
    """Anyone can say a listing is wrong: no account, into the directory team's queue."""
    listing = services.get_public_service(service_id)
    source = source_of(listing.id)  # another directory's listing: the team passes it on
    sent = {"service_id": listing.id, "service_name": listing.name}  # recording commits
    form = ReportProblemForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            record(listing, form.kind.data, form.message.data, form.email.data)
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            return render_template("directory/report_sent.html", source=source, **sent)
    page = render_template(
        "directory/report.html",
        service=listing,
        form=form,
        values=form.data,
        problems=problems,
        kinds=[(k.value, k.label) for k in ProblemKind],
        source=source,
    )
    return page, 400 if (form.errors or problems) else 200

"""`/search`: one page for every search, every state of it a shareable URL."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, current_app, render_template, request, url_for

from portal.directory.presenters import miles, public_position
from portal.directory.services import terms_with_counts
from portal.directory.vocabulary import ACCESSIBILITY
from portal.geo import nearby_places
from portal.maps import Landmark, MapPoint, area_map
from portal.prescribing.shortlists.pages import load_button_state
from portal.safety.services import exit_target, is_sensitive_search, safety_panel_for
from portal.search.query import DAYS, MODES, RADII, SORTS, TIMES, SearchQuery, parse
from portal.search.services import SearchOutcome, search

bp = Blueprint("search", __name__)


def search_url(query: SearchQuery) -> str:
    args = query.to_args()
    return url_for("search.results") + ("?" + urlencode(args) if args else "")


def _chips(query: SearchQuery, names: dict[str, str]) -> list[tuple[str, str]]:
    """Active filters as (label, URL of this search without it)."""
    chips = []
    for field, values in (("needs", query.needs), ("audiences", query.audiences)):
        chips += [(names.get(v, v), search_url(query.without(field, v))) for v in values]
    chips += [(DAYS[d], search_url(query.without("days", d))) for d in query.days]
    chips += [(ACCESSIBILITY[a], search_url(query.without("access", a))) for a in query.access]
    singles = (
        ("time", TIMES.get(query.time)),
        ("mode", MODES.get(query.mode)),
        ("free", "Free only" if query.free else None),
        ("referrals", "Accepts referrals" if query.referrals else None),
        ("age", f"Age {query.age}" if query.age is not None else None),
        # The distance box is always sent: a distance with no place filters nothing.
        ("radius", f"Within {query.radius} miles" if query.radius and query.where else None),
    )
    chips += [(label, search_url(query.without(name))) for name, label in singles if label]
    return chips


def _marker_summary(outcome: SearchOutcome, service) -> str:
    """What a marker says beside its number and name (its popup, and its name for screen
    readers and keyboards): how far away, when there is a place, and whose it is."""
    km = outcome.distances.get(str(service.id))
    parts = [miles(km)] if km is not None else []
    return ". ".join([*parts, f"By {service.organisation_name}"])


def _map(outcome: SearchOutcome):
    points = []
    for number, service in enumerate(outcome.page.items, start=outcome.first_number):
        for location in service.locations:
            position = public_position(location)
            if position is None:
                continue
            lat, lon = position
            points.append(
                MapPoint(
                    lat,
                    lon,
                    f"{number}. {service.name}",
                    url_for("directory.service", service_id=service.id),
                    _marker_summary(outcome, service),
                    label=str(number),
                )
            )
            break
    if not points:
        return None
    tile_url = current_app.config["PORTAL_TILE_URL"] or None
    landmarks = []
    if not tile_url:  # without tiles, the towns inside the map give it bearings
        lats, lons = [p.latitude for p in points], [p.longitude for p in points]
        inside = [
            place
            for place in nearby_places(sum(lats) / len(lats), sum(lons) / len(lons), 15, 12)
            if min(lats) - 0.005 <= place.latitude <= max(lats) + 0.005
            and min(lons) - 0.01 <= place.longitude <= max(lons) + 0.01
        ]
        landmarks = [Landmark(p.name, p.latitude, p.longitude) for p in inside[:5]]
    return area_map(
        points,
        tile_url,
        current_app.config["PORTAL_TILE_ATTRIBUTION"],
        label="Map of the results on this page",
        landmarks=landmarks,
    )


@bp.get("/search")
def results():
    needs = terms_with_counts("needs")
    audiences = terms_with_counts("audiences")
    parsed = parse(
        request.args,
        {t.code for t, _ in needs},
        {t.code for t, _ in audiences},
        set(ACCESSIBILITY),
    )
    outcome = search(
        parsed.query,
        parsed.problems,
        current_app.config["PORTAL_PAGE_SIZE"],
        blank=not request.args,
    )
    names = {t.code: t.name for t, _ in [*needs, *audiences]}
    query = outcome.query
    # Danger or crisis in the words as typed (or as corrected): helplines before anything else.
    typed = parsed.query.text
    panel = safety_panel_for(typed) or safety_panel_for(query.text)
    sensitive = panel is not None or is_sensitive_search(typed, parsed.query.needs)
    load_button_state()
    return (
        render_template(
            "search/results.html",
            outcome=outcome,
            query=query,
            needs=needs,
            audiences=audiences,
            access=ACCESSIBILITY,
            days=DAYS,
            times=TIMES,
            modes=MODES,
            sorts=SORTS,
            radii=[(miles, f"{miles} mile{'' if miles == 1 else 's'}") for miles in RADII],
            chips=_chips(query, names),
            term_names=names,
            clear_url=url_for("search.results", q=query.text, where=query.where),
            map_parts=_map(outcome) if outcome.page.items else None,
            url_for_page=lambda n: search_url(query.but(page=n)),
            search_url=search_url,
            safety_panel=panel,
            quick_exit=exit_target() if sensitive else None,
        ),
        400 if outcome.problems else 200,
    )

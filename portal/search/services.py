"""A first search: words through the index, then nearest first when a place is given.

Only the page being shown is loaded from the database: the index gives ids (and stored
coordinates) in rank order, a light query gives coordinates when there are no words.
Issue 3 grows this into full search by place and need with filters and a map.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field

from portal.directory.models import Location, Service, ServiceAtLocation
from portal.directory.services import Page, listing_load_options, public_services
from portal.extensions import db
from portal.geo import Place, distance_km, find_place
from portal.search.index import Hit, search_ids


@dataclass
class SearchOutcome:
    page: Page[Service]
    place: Place | None = None
    distances: dict[str, float] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)


def _check(text: str, where: str) -> tuple[Place | None, dict[str, str]]:
    problems: dict[str, str] = {}
    place = find_place(where) if where else None
    if where and place is None:
        problems["where"] = (
            f"We could not find “{where}”. Enter a town or village, or a postcode like RG12 1AA"
        )
    if not text and not where:
        problems["q"] = "Enter what you are looking for, or where"
    return place, problems


def _all_positions() -> list[Hit]:
    """Every public service with each of its positions (or none), for place-only searches."""
    rows = db.session.execute(
        public_services()
        .with_only_columns(Service.id, Location.latitude, Location.longitude)
        .outerjoin(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
        .outerjoin(Location, Location.id == ServiceAtLocation.location_id)
    ).all()
    return [Hit(str(service_id), lat, lon) for service_id, lat, lon in rows]


def _by_distance(hits: list[Hit], place: Place) -> tuple[list[str], dict[str, float]]:
    nearest: dict[str, float] = {}
    for hit in hits:
        km = math.inf
        if hit.latitude is not None and hit.longitude is not None:
            km = distance_km(place.latitude, place.longitude, hit.latitude, hit.longitude)
        nearest[hit.id] = min(km, nearest.get(hit.id, math.inf))
    return sorted(nearest, key=nearest.__getitem__), nearest


def search(text: str, where: str, page: int, per_page: int) -> SearchOutcome:
    """Public services matching `text` (best match first), or nearest `where` first."""
    text, where = text.strip(), where.strip()
    place, problems = _check(text, where)
    if problems:
        return SearchOutcome(Page([], 1, per_page, 0), place, problems=problems)
    hits = search_ids(text) if text else _all_positions()
    distances: dict[str, float] = {}
    if place:
        ordered, distances = _by_distance(hits, place)
    else:
        ordered = list(dict.fromkeys(hit.id for hit in hits))
    total = len(ordered)
    page = min(max(page, 1), max(1, math.ceil(total / per_page)))
    wanted = ordered[(page - 1) * per_page : page * per_page]
    rows = db.session.scalars(
        public_services()
        .where(Service.id.in_([uuid.UUID(i) for i in wanted]))
        .options(*listing_load_options())
    ).all()
    by_id = {str(s.id): s for s in rows}
    items = [by_id[i] for i in wanted if i in by_id]
    return SearchOutcome(Page(items, page, per_page, total), place, distances)

"""Answering a search from the database while the index is missing, damaged or rebuilding.

Plainer than the index: words match names and descriptions (case-insensitive, every word),
needs, audiences, age, "free only" and "accepts referrals" filter as usual, a place keeps
in-person listings inside the radius's bounding box (measured exactly for the page) and online
ones, ordered nearest first, then by name. Days, times and access features are not checked,
so the page says the results may be incomplete. Slower than the index, but a person gets an
answer, not an error.
"""

from __future__ import annotations

from sqlalchemy import and_, or_, select

from portal.directory.models import (
    CostOption,
    Location,
    LocationType,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from portal.directory.services import public_services
from portal.extensions import db
from portal.geo import bounding_box, distance_km
from portal.search.backend import Centre, Ranked
from portal.search.query import KM_PER_MILE, SearchQuery


def _has_term(taxonomy: str, codes: tuple[str, ...]):
    return Service.attributes.any(
        ServiceAttribute.taxonomy_term.has(
            and_(TaxonomyTerm.code.in_(codes), TaxonomyTerm.taxonomy.has(Taxonomy.slug == taxonomy))
        )
    )


def _at(condition):
    return Service.service_at_locations.any(ServiceAtLocation.location.has(condition))


def _filtered(query: SearchQuery, centre: Centre | None):
    statement = public_services()
    for word in query.text.split():
        pattern = f"%{word.lower()}%"
        statement = statement.where(
            or_(Service.name.ilike(pattern), Service.description.ilike(pattern))
        )
    if query.needs:
        statement = statement.where(_has_term("needs", query.needs))
    if query.audiences:
        statement = statement.where(_has_term("audiences", query.audiences))
    if query.age is not None:
        statement = statement.where(
            or_(Service.minimum_age.is_(None), Service.minimum_age <= query.age),
            or_(Service.maximum_age.is_(None), Service.maximum_age >= query.age),
        )
    if query.free:
        statement = statement.where(~Service.cost_options.any(CostOption.amount > 0))
    if query.referrals:
        statement = statement.where(Service.accepts_referrals.is_(True))
    online = _at(Location.location_type == LocationType.VIRTUAL)
    if query.mode == "online":
        statement = statement.where(online)
    in_person = Location.location_type == LocationType.PHYSICAL
    if centre is not None and query.mode != "online":
        south, west, north, east = bounding_box(
            centre.latitude, centre.longitude, query.effective_radius * KM_PER_MILE
        )
        inside = and_(
            in_person,
            Location.latitude.between(south, north),
            Location.longitude.between(west, east),
        )
        statement = statement.where(_at(inside) if query.mode else or_(_at(inside), online))
    elif query.mode == "in_person":
        statement = statement.where(_at(in_person))
    return statement


def _nearest(query: SearchQuery, centre: Centre, candidates) -> dict[str, float]:
    """Each candidate's nearest in-person venue within the radius, in km (one query)."""
    radius_km = query.effective_radius * KM_PER_MILE
    south, west, north, east = bounding_box(centre.latitude, centre.longitude, radius_km)
    rows = db.session.execute(
        select(ServiceAtLocation.service_id, Location.latitude, Location.longitude)
        .join(Location, ServiceAtLocation.location_id == Location.id)
        .where(
            ServiceAtLocation.service_id.in_(candidates),
            Location.location_type == LocationType.PHYSICAL,
            Location.latitude.between(south, north),
            Location.longitude.between(west, east),
        )
    ).all()
    nearest: dict[str, float] = {}
    for service_id, lat, lon in rows:
        if lat is None or lon is None:  # the box has left these out already
            continue
        km = distance_km(centre.latitude, centre.longitude, lat, lon)
        if km <= radius_km and km < nearest.get(str(service_id), float("inf")):
            nearest[str(service_id)] = km
    return nearest


def database_rank(query: SearchQuery, centre: Centre | None, start: int, stop: int) -> Ranked:
    """The search answered from the database: the page's ids, the total, distances. Open
    listings come before temporarily closed ones, as in the index's ranking."""
    filtered = _filtered(query, centre)
    columns = (Service.id, Service.name, Service.status)
    rows = db.session.execute(filtered.with_only_columns(*columns)).all()
    if centre is None:
        ordered = sorted(rows, key=lambda r: (_closed(r), r.name.lower()))
        return Ranked([str(r.id) for r in ordered[start:stop]], len(rows))
    km = _nearest(query, centre, filtered.with_only_columns(Service.id))
    ordered = sorted(
        rows, key=lambda r: (_closed(r), str(r.id) not in km, km.get(str(r.id), 0.0), r.name)
    )
    page = [str(r.id) for r in ordered[start:stop]]
    return Ranked(page, len(ordered), distances={i: km.get(i) for i in page})


def _closed(row) -> bool:
    return row.status is ServiceStatus.TEMPORARILY_CLOSED

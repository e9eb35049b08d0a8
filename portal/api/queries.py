"""Which published records an API request lists, in which order, one page or a stream at a time.

Only listings `portal.directory.services.public_services()` returns are ever read; every
filter is one more condition on that statement (AND). Order: with a postcode, nearest first;
else, with search words, the search page's ranking; else by id (stable while pages are read).
Without words or a postcode the database pages and counts; with them the ordered ids are
worked out first (ids only). Either way the chosen ids are then read as plain rows
(`portal.api.rows`), a page or a batch at a time.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Integer, Select, and_, cast, func, or_, select

from portal.api import rows
from portal.api.params import Paging, Place, ServiceQuery
from portal.api.totals import total_of
from portal.directory.models import (
    Location,
    LocationType,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    TaxonomyTerm,
)
from portal.directory.presenters import blurred
from portal.directory.services import public_services
from portal.extensions import db
from portal.geo import bounding_box, distance_km
from portal.search.services import matching_ids

#: Ids per `IN (...)` when checking search matches against the filters.
CHUNK = 2000
#: Extra search radius that covers a home's rounded position (2 decimal places: < 0.6 km).
ROUNDING_SLACK_KM = 1.0
#: 0 = Sunday, as SQLite's strftime('%w') and PostgreSQL's extract(dow) count.
WEEKDAY_NUMBERS = {"SU": 0, "MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6}


@dataclass(frozen=True)
class Listing:
    """One page of records and how many match in all."""

    items: Sequence
    total: int
    paging: Paging


@dataclass(frozen=True)
class Kind:
    """What a list endpoint lists: services, or services at one place each."""

    model: type
    service_id: object  # the column holding the service's id
    read: Callable[..., list]  # ids -> plain records (`portal.api.rows`)


SERVICES = Kind(Service, Service.id, rows.services)
PLACES = Kind(ServiceAtLocation, ServiceAtLocation.service_id, rows.service_at_locations)


# --- conditions ----------------------------------------------------------------------------------


def _weekday(column):
    if db.session.get_bind().dialect.name == "postgresql":
        return cast(func.extract("dow", column), Integer)
    return cast(func.strftime("%w", column), Integer)


def _session_condition(query: ServiceQuery):
    """One session (schedule) must match the day and times together."""
    tests = []
    if query.start_time:
        tests.append(Schedule.opens_at >= query.start_time)
    if query.end_time:
        tests.append(Schedule.closes_at <= query.end_time)
    if query.day:
        one_off = and_(
            Schedule.freq.is_(None), _weekday(Schedule.dtstart) == WEEKDAY_NUMBERS[query.day]
        )
        tests.append(
            or_(and_(Schedule.freq.is_not(None), Schedule.byday.contains(query.day)), one_off)
        )
    return Service.id.in_(select(Schedule.service_id).where(*tests))


def service_conditions(query: ServiceQuery) -> list:
    """SQL conditions on `Service` for every filter but the words and the postcode. Written as
    `id IN (...)`, so a selective filter (one term, one day) reads its own index first."""
    conditions = []
    tagged = select(ServiceAttribute.service_id)
    if query.taxonomy_term_id:
        term = ServiceAttribute.taxonomy_term_id == query.taxonomy_term_id
        conditions.append(Service.id.in_(tagged.where(term)))
    if query.taxonomy_id:  # most services have a term of each taxonomy: test each service
        in_taxonomy = ServiceAttribute.taxonomy_term.has(
            TaxonomyTerm.taxonomy_id == query.taxonomy_id
        )
        conditions.append(Service.attributes.any(in_taxonomy))
    if query.organization_id:
        conditions.append(Service.organisation_id == query.organization_id)
    if query.modified_after:
        conditions.append(Service.updated_at >= query.modified_after)
    if query.minimum_age is not None:
        conditions.append(func.coalesce(Service.minimum_age, 0) >= query.minimum_age)
    if query.maximum_age is not None:
        conditions.append(Service.maximum_age <= query.maximum_age)
    if query.has_session_filter:
        conditions.append(_session_condition(query))
    return conditions


def filtered(kind: Kind, query: ServiceQuery) -> Select:
    """The published records of `kind` passing every SQL filter of `query`."""
    services = public_services().where(*service_conditions(query))
    if kind is SERVICES:
        return services
    return select(ServiceAtLocation).where(ServiceAtLocation.service.has(services.whereclause))


# --- order ---------------------------------------------------------------------------------------


def ordered_ids(kind: Kind, statement: Select, query: ServiceQuery) -> list[uuid.UUID] | None:
    """The ids of every match in order when words or a postcode decide it; else None (by id)."""
    if not query.search and query.place is None:
        return None
    ranked = [uuid.UUID(i) for i in matching_ids(query.search)] if query.search else None
    if query.place is not None:
        nearest = nearby(kind, statement, query.place)
        if ranked is not None:
            wanted = set(ranked)
            nearest = [(entity, service) for entity, service in nearest if service in wanted]
        return [entity for entity, _service in nearest]
    return _in_rank_order(kind, statement, ranked or [])


def _in_rank_order(kind: Kind, statement: Select, ranked: list[uuid.UUID]) -> list[uuid.UUID]:
    """The records of the ranked services that pass the filters, in the services' rank order."""
    rank = {service_id: position for position, service_id in enumerate(ranked)}
    found: list[tuple[int, uuid.UUID]] = []
    columns = statement.with_only_columns(kind.model.id, kind.service_id)
    for start in range(0, len(ranked), CHUNK):
        chunk = ranked[start : start + CHUNK]
        for entity, service in db.session.execute(columns.where(kind.service_id.in_(chunk))):
            found.append((rank[service], entity))
    found.sort()
    return [entity for _rank, entity in found]


def nearby(kind: Kind, statement: Select, place: Place) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(record id, service id) of the records with a place within `place.metres` of the
    postcode's centre, nearest first. A home counts where we say it is (rounded)."""
    km = place.metres / 1000
    south, west, north, east = bounding_box(place.latitude, place.longitude, km + ROUNDING_SLACK_KM)
    if kind is SERVICES:
        statement = statement.join(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
    rows = db.session.execute(
        statement.join(Location, Location.id == ServiceAtLocation.location_id)
        .where(
            Location.location_type == LocationType.PHYSICAL,
            Location.latitude.between(south, north),
            Location.longitude.between(west, east),
        )
        .with_only_columns(
            kind.model.id,
            kind.service_id,
            Location.latitude,
            Location.longitude,
            Location.mask_address,
        )
    )
    nearest: dict[uuid.UUID, tuple[float, uuid.UUID]] = {}
    for entity, service, latitude, longitude, masked in rows:
        latitude, longitude = blurred(latitude, longitude, masked)
        away = distance_km(place.latitude, place.longitude, latitude, longitude)
        if away <= km and away < nearest.get(entity, (float("inf"),))[0]:
            nearest[entity] = (away, service)
    ordered = sorted(nearest.items(), key=lambda item: (item[1][0], item[0]))
    return [(entity, service) for entity, (_away, service) in ordered]


# --- pages and streams ---------------------------------------------------------------------------


def page_of(kind: Kind, query: ServiceQuery, paging: Paging, full: bool) -> Listing:
    """One page of `kind` matching `query` (plain records), with how many match in all."""
    statement = filtered(kind, query)
    order = ordered_ids(kind, statement, query)
    if order is not None:
        chosen = order[paging.start : paging.start + paging.per_page]
        return Listing(kind.read(chosen, full), len(order), paging)
    whole = None if query != ServiceQuery() else kind.model.__tablename__
    total = total_of(statement, kind.model.id, whole)
    ids = db.session.scalars(
        statement.with_only_columns(kind.model.id)
        .order_by(kind.model.id)
        .offset(paging.start)
        .limit(paging.per_page)
    ).all()
    return Listing(kind.read(ids, full), total, paging)


def stream_of(kind: Kind, query: ServiceQuery, full: bool, batch: int = 500) -> Iterator[list]:
    """Every record of `kind` matching `query`, `batch` at a time: by id, each batch starting
    after the last id read (so none costs more than the first), or in the order words or a
    postcode give. The read transaction ends between batches."""
    statement = filtered(kind, query)
    order = ordered_ids(kind, statement, query)
    vocabulary = rows.Vocabulary()
    if order is not None:
        for start in range(0, len(order), batch):
            yield kind.read(_still_published(kind, order[start : start + batch]), full, vocabulary)
            db.session.rollback()
        return
    ids = statement.with_only_columns(kind.model.id).order_by(kind.model.id).limit(batch)
    last = None
    while True:
        chunk = db.session.scalars(ids if last is None else ids.where(kind.model.id > last)).all()
        if not chunk:
            return
        last = chunk[-1]
        yield kind.read(chunk, full, vocabulary)
        db.session.rollback()
        if len(chunk) < batch:
            return


def _still_published(kind: Kind, ids: list[uuid.UUID]) -> list[uuid.UUID]:
    """Those of `ids` still published: a long stream outlives the moment its order was read."""
    statement = filtered(kind, ServiceQuery()).with_only_columns(kind.model.id)
    published = set(db.session.scalars(statement.where(kind.model.id.in_(ids))))
    return [i for i in ids if i in published]


def get_one(kind: Kind, record_id: uuid.UUID):
    """One published record of `kind`, complete, or None."""
    statement = filtered(kind, ServiceQuery()).with_only_columns(kind.model.id)
    found = db.session.scalar(statement.where(kind.model.id == record_id))
    return kind.read([found], True)[0] if found is not None else None


def services_of(organisation_ids: Sequence[str], full: bool, vocabulary=None) -> dict[str, list]:
    """Each organisation's published services (plain records), by name."""
    found: dict[str, list] = {str(i): [] for i in organisation_ids}
    if not organisation_ids:
        return found
    wanted = [uuid.UUID(str(i)) for i in organisation_ids]
    ids = db.session.scalars(
        public_services()
        .with_only_columns(Service.id)
        .where(Service.organisation_id.in_(wanted))
        .order_by(Service.name, Service.id)
    ).all()
    for service in rows.services(ids, full, vocabulary):
        found[service.organisation_id].append(service)
    return found

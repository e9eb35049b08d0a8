"""Services as a list of results shows them, read with a handful of plain queries.

A results page shows twenty services: name, organisation, where, the next session, cost, how
to join and needs. Loading them as ORM objects with their relationships took about 10 ms of a
20 ms page at 100,000 services; these queries return the same facts as plain frozen records
in about 2 ms. The records have the attribute names of the models they summarise, so the
presenters (`place_text`, `next_session_text`, `cost_summary`, `public_position`) take either.

A listing's places, schedules and costs are kept per worker under its id and `updated_at`
(`KEPT`, least recently used dropped first): any change to them moves `updated_at`
(`portal.directory.versioning`), so a kept copy is used only while the listing is unchanged,
in every worker at once. Its own fields and its needs (whose names the vocabulary can
change without touching the listing) are read afresh every time.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from sqlalchemy import bindparam, select

from portal.directory.models import (
    CostOption,
    HowToJoin,
    Location,
    LocationType,
    Organisation,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from portal.directory.services import public_services
from portal.extensions import db


@dataclass(frozen=True)
class PlaceSummary:
    location_type: LocationType
    name: str | None
    city: str | None
    postal_code: str | None
    latitude: float | None
    longitude: float | None
    mask_address: bool


@dataclass(frozen=True)
class ScheduleSummary:
    freq: str | None
    interval: int
    byday: str | None
    dtstart: date | None
    valid_from: date | None
    valid_to: date | None
    opens_at: time | None
    closes_at: time | None


@dataclass(frozen=True)
class CostSummary:
    amount: Decimal | None
    option: str | None = None
    amount_description: str | None = None


@dataclass(frozen=True)
class NeedSummary:
    code: str
    name: str


@dataclass(frozen=True)
class ServiceSummary:
    id: uuid.UUID
    name: str
    status: ServiceStatus
    how_to_join: HowToJoin
    organisation_name: str
    locations: tuple[PlaceSummary, ...]
    schedules: tuple[ScheduleSummary, ...]
    cost_options: tuple[CostSummary, ...]
    needs: tuple[NeedSummary, ...]
    accepts_referrals: bool = False  # results say so: GPs look for these
    fees_description: str | None = None  # said with the amounts, as the listing page says it


def _grouped(rows, make) -> dict[uuid.UUID, tuple]:
    grouped: dict[uuid.UUID, list] = defaultdict(list)
    for service_id, *values in rows:
        grouped[service_id].append(make(*values))
    return {key: tuple(values) for key, values in grouped.items()}


# Built once: the ids go in as one expanding parameter, so a page costs no statement building.
_IDS = bindparam("ids", expanding=True)
_SERVICES = (
    public_services()
    .with_only_columns(
        Service.id,
        Service.name,
        Service.status,
        Service.how_to_join,
        Organisation.name,
        Service.accepts_referrals,
        Service.fees_description,
        Service.updated_at,
    )
    .join(Organisation, Organisation.id == Service.organisation_id)
    .where(Service.id.in_(_IDS))
)
_PLACES = (
    select(
        ServiceAtLocation.service_id,
        Location.location_type,
        Location.name,
        Location.city,
        Location.postal_code,
        Location.latitude,
        Location.longitude,
        Location.mask_address,
    )
    .join(Location, Location.id == ServiceAtLocation.location_id)
    .where(ServiceAtLocation.service_id.in_(_IDS))
    .order_by(ServiceAtLocation.service_id, ServiceAtLocation.id)
)
_SCHEDULES = select(
    Schedule.service_id,
    Schedule.freq,
    Schedule.interval,
    Schedule.byday,
    Schedule.dtstart,
    Schedule.valid_from,
    Schedule.valid_to,
    Schedule.opens_at,
    Schedule.closes_at,
).where(Schedule.service_id.in_(_IDS))
_COSTS = select(
    CostOption.service_id, CostOption.amount, CostOption.option, CostOption.amount_description
).where(CostOption.service_id.in_(_IDS))
_NEEDS = (
    select(ServiceAttribute.service_id, TaxonomyTerm.code, TaxonomyTerm.name)
    .join(TaxonomyTerm, TaxonomyTerm.id == ServiceAttribute.taxonomy_term_id)
    .join(Taxonomy, Taxonomy.id == TaxonomyTerm.taxonomy_id)
    .where(ServiceAttribute.service_id.in_(_IDS), Taxonomy.slug == "needs")
    .order_by(ServiceAttribute.service_id, TaxonomyTerm.name)
)


#: How many listings' places, schedules and costs a worker keeps (a few MB at most).
KEPT = 5000
_Parts = tuple[tuple[PlaceSummary, ...], tuple[ScheduleSummary, ...], tuple[CostSummary, ...]]


class _Kept:
    """Least recently used first out; shared by a worker's threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._parts: OrderedDict[tuple, _Parts] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> _Parts | None:
        with self._lock:
            parts = self._parts.get(key)
            if parts is not None:
                self._parts.move_to_end(key)
            return parts

    def put(self, key: tuple, parts: _Parts) -> None:
        with self._lock:
            self._parts[key] = parts
            self._parts.move_to_end(key)
            while len(self._parts) > self.size:
                self._parts.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._parts.clear()


_kept = _Kept(KEPT)


def _parts(rows: list) -> dict[uuid.UUID, _Parts]:
    """Places, schedules and costs of these services (rows of `_SERVICES`): kept ones as
    they are, the rest read in three queries and kept."""
    found: dict[uuid.UUID, _Parts] = {}
    missing = []
    for row in rows:
        parts = _kept.get((row[0], row[-1]))
        if parts is None:
            missing.append(row)
        else:
            found[row[0]] = parts
    if missing:
        given = {"ids": [row[0] for row in missing]}
        places = _grouped(db.session.execute(_PLACES, given), PlaceSummary)
        schedules = _grouped(db.session.execute(_SCHEDULES, given), ScheduleSummary)
        costs = _grouped(db.session.execute(_COSTS, given), CostSummary)
        for row in missing:
            service_id = row[0]
            parts = (
                places.get(service_id, ()),
                schedules.get(service_id, ()),
                costs.get(service_id, ()),
            )
            _kept.put((service_id, row[-1]), parts)
            found[service_id] = parts
    return found


def service_summaries(ids: list[uuid.UUID]) -> list[ServiceSummary]:
    """The public services among `ids`, in that order (any no longer public are left out)."""
    if not ids:
        return []
    given = {"ids": ids}
    rows = db.session.execute(_SERVICES, given).all()
    parts = _parts(rows)
    needs = _grouped(db.session.execute(_NEEDS, given), NeedSummary)
    found = {
        service_id: ServiceSummary(
            service_id,
            name,
            status,
            how_to_join,
            organisation,
            *parts[service_id],
            needs.get(service_id, ()),
            bool(accepts_referrals),
            fees,
        )
        for service_id, name, status, how_to_join, organisation, accepts_referrals, fees, _ in rows
    }
    return [found[i] for i in ids if i in found]

"""How fresh the directory is: public listings last checked within 3, 6 and 12 months (or
longer ago, or never), by organisation type and by need; and the state of each feed taken
in from another directory. Listings are not people, so these counts are shown in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, literal, or_, select

from portal.directory.models import (
    Location,
    Organisation,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    Taxonomy,
    TaxonomyTerm,
)
from portal.directory.services import public_services
from portal.extensions import db
from portal.insights.filters import Narrowing
from portal.insights.stored import listings_version, remembered
from portal.oruk.models import Feed, ImportRun
from portal.prescribing.privacy import months_before

#: (column, heading) in the order they are shown.
AGES = (
    ("within_3", "Checked in the last 3 months"),
    ("within_6", "3 to 6 months ago"),
    ("within_12", "6 to 12 months ago"),
    ("older", "More than 12 months ago"),
    ("never", "Never checked"),
)


@dataclass(frozen=True)
class FeedState:
    name: str
    last_pulled_at: datetime | None
    latest_run: str
    problems: int


@dataclass
class Freshness:
    totals: dict[str, int]
    by_type: list[tuple[str, dict[str, int]]]
    by_need: list[tuple[str, dict[str, int]]]
    feeds: list[FeedState]


def _age(today: date):
    moment = datetime.combine(today, datetime.min.time())
    three, six, twelve = (months_before(moment, n).date() for n in (3, 6, 12))
    reviewed = Service.last_reviewed
    return case(
        (reviewed.is_(None), literal("never")),
        (reviewed >= three, literal("within_3")),
        (reviewed >= six, literal("within_6")),
        (reviewed >= twelve, literal("within_12")),
        else_=literal("older"),
    )


def _listings(narrowing: Narrowing):
    """The public listings, in the chosen area (a place in its postcode district)."""
    query = public_services().with_only_columns(Service.id, Service.last_reviewed)
    if narrowing.area:
        in_area = (
            select(ServiceAtLocation.service_id)
            .join(Location, Location.id == ServiceAtLocation.location_id)
            .where(
                or_(
                    Location.postal_code == narrowing.area,
                    Location.postal_code.like(f"{narrowing.area} %"),
                )
            )
        )
        query = query.where(Service.id.in_(in_area))
    if narrowing.need:
        query = query.where(Service.id.in_(_with_need(narrowing.need)))
    return query.subquery()


def _with_need(code: str):
    return (
        select(ServiceAttribute.service_id)
        .join(TaxonomyTerm, TaxonomyTerm.id == ServiceAttribute.taxonomy_term_id)
        .join(Taxonomy, Taxonomy.id == TaxonomyTerm.taxonomy_id)
        .where(Taxonomy.slug == "needs", TaxonomyTerm.code == code)
    )


def _grouped(rows) -> list[tuple[str, dict[str, int]]]:
    table: dict[str, dict[str, int]] = {}
    for label, age, n in rows:
        table.setdefault(label, dict.fromkeys((a for a, _ in AGES), 0))[age] = int(n)
    return sorted(table.items(), key=lambda item: (-sum(item[1].values()), item[0]))


def _counted(narrowing: Narrowing, today: date) -> list:
    """[totals rows, by-type rows, by-need rows], each (label, age bucket, listings)."""
    listings = _listings(narrowing)
    age = _age(today).label("age")
    shown = select(Service.id, age).join(listings, listings.c.id == Service.id).subquery()
    totals = db.session.execute(select(shown.c.age, func.count()).group_by(shown.c.age))
    by_type = db.session.execute(
        select(Organisation.organisation_type, shown.c.age, func.count())
        .select_from(shown)
        .join(Service, Service.id == shown.c.id)
        .join(Organisation, Organisation.id == Service.organisation_id)
        .group_by(Organisation.organisation_type, shown.c.age)
    )
    by_need = db.session.execute(
        select(TaxonomyTerm.name, shown.c.age, func.count())
        .select_from(shown)
        .join(ServiceAttribute, ServiceAttribute.service_id == shown.c.id)
        .join(TaxonomyTerm, TaxonomyTerm.id == ServiceAttribute.taxonomy_term_id)
        .join(Taxonomy, Taxonomy.id == TaxonomyTerm.taxonomy_id)
        .where(Taxonomy.slug == "needs")
        .group_by(TaxonomyTerm.name, shown.c.age)
    )
    return [
        [("", bucket, int(n)) for bucket, n in totals],
        [(kind.label, bucket, int(n)) for kind, bucket, n in by_type],
        [(name, bucket, int(n)) for name, bucket, n in by_need],
    ]


def freshness(narrowing: Narrowing, today: date) -> Freshness:
    """The counts, kept until a listing changes or the day turns (portal.insights.stored):
    at 100,000 listings the three GROUP BYs take a second."""
    totals_rows, by_type, by_need = remembered(
        "freshness", narrowing, lambda: _counted(narrowing, today), listings_version(today)
    )
    totals = dict.fromkeys((a for a, _ in AGES), 0)
    for _label, bucket, n in totals_rows:
        totals[bucket] = n
    return Freshness(
        totals=totals,
        by_type=_grouped(by_type),
        by_need=_grouped(by_need),
        feeds=feed_states(),
    )


def feed_states() -> list[FeedState]:
    feeds = db.session.scalars(select(Feed).order_by(Feed.name)).all()
    states = []
    for feed in feeds:
        latest = db.session.scalar(
            select(ImportRun)
            .where(ImportRun.feed_id == feed.id)
            .order_by(ImportRun.created_at.desc())
            .limit(1)
        )
        states.append(
            FeedState(
                feed.name,
                feed.last_pulled_at,
                latest.state.label if latest else "Never pulled",
                latest.problem_count if latest else 0,
            )
        )
    return states

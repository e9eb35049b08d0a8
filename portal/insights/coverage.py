"""What each area has within reach: for every area and need, how many active public listings
for that need have a place within `reach_km` of the area's centre (`Coverage`).

Counted by the roll-up job (hourly) and, when a page finds the tables empty or counted for
another reach, by `ensure_fresh`. At 100,000 listings the count is two plain queries (where
each listing is, which needs it meets) and a few array operations per area: listings sorted
by latitude, each area takes the band within reach, keeps those within its box, measures
the great-circle distance to each and counts the distinct listings per need.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
from sqlalchemy import String, delete, false, insert, select, text, type_coerce, update

from portal.db import utcnow
from portal.directory.models import (
    Location,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from portal.directory.services import public_services
from portal.directory.vocabulary import NEEDS
from portal.extensions import db
from portal.geo import bounding_box
from portal.geo.distance import EARTH_RADIUS_KM
from portal.insights.areas import AreaView, current_areas, reach_km, refresh_areas
from portal.insights.models import Area, Coverage

CHUNK = 5000
SAME_REACH = 1e-9


def _active_ids():
    """The ids of the listings coverage counts: public and active (not temporarily closed)."""
    return (
        public_services()
        .where(Service.status == ServiceStatus.ACTIVE)
        .with_only_columns(Service.id)
        .subquery()
    )


def _box(areas: list[AreaView], reach: float) -> tuple[float, float, float, float]:
    boxes = [bounding_box(a.latitude, a.longitude, reach) for a in areas]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


class _Listings:
    """Where the active public listings are (one row per place, sorted by latitude) and the
    needs each meets (grouped by listing), as arrays of listing numbers."""

    def __init__(self, areas: list[AreaView], reach: float) -> None:
        low_lat, low_lon, high_lat, high_lon = _box(areas, reach)
        # Ids as the database gives them (no UUID objects made for 100,000s of rows).
        service_id = type_coerce(ServiceAtLocation.service_id, String)
        active = _active_ids()
        places = db.session.execute(
            select(service_id, Location.latitude, Location.longitude)
            .join(Location, Location.id == ServiceAtLocation.location_id)
            .join(active, active.c.id == ServiceAtLocation.service_id)
            .where(
                Location.latitude.between(low_lat, high_lat),
                Location.longitude.between(low_lon, high_lon),
            )
        ).all()
        number: dict[object, int] = {}
        listing = np.fromiter(
            (number.setdefault(row[0], len(number)) for row in places), np.int64, len(places)
        )
        latitude = np.fromiter((row[1] for row in places), np.float64, len(places))
        longitude = np.fromiter((row[2] for row in places), np.float64, len(places))
        order = np.argsort(latitude, kind="stable")
        self.listing, self.latitude, self.longitude = (
            listing[order],
            latitude[order],
            longitude[order],
        )
        term_id = type_coerce(TaxonomyTerm.id, String)
        need_codes = dict(
            db.session.execute(
                select(term_id, TaxonomyTerm.code)
                .join(Taxonomy, Taxonomy.id == TaxonomyTerm.taxonomy_id)
                .where(Taxonomy.slug == "needs")
            ).all()
        )
        self.codes = [term.code for term in NEEDS.terms]
        self.codes += sorted(set(need_codes.values()) - set(self.codes))
        code_number = {code: n for n, code in enumerate(self.codes)}
        attribute_term = type_coerce(ServiceAttribute.taxonomy_term_id, String)
        # Every listing's needs: those of listings not placed above are simply passed over.
        pairs: list[tuple[int, int]] = []
        for service, term in db.session.execute(
            select(type_coerce(ServiceAttribute.service_id, String), attribute_term).where(
                attribute_term.in_(list(need_codes))
            )
        ):
            listing_number = number.get(service)
            if listing_number is not None:
                pairs.append((listing_number, code_number[need_codes[term]]))
        pairs.sort()
        pair_listing = np.fromiter((p[0] for p in pairs), np.int64, len(pairs))
        self.pair_need = np.fromiter((p[1] for p in pairs), np.int64, len(pairs))
        # needs of listing n: pair_need[starts[n]:starts[n + 1]]
        self.starts = np.searchsorted(pair_listing, np.arange(len(number) + 1))

    def counts_near(self, latitude: float, longitude: float, reach: float) -> np.ndarray:
        """Distinct listings per need (by need number) with a place within `reach` km."""
        low_lat, low_lon, high_lat, high_lon = bounding_box(latitude, longitude, reach)
        begin = int(np.searchsorted(self.latitude, low_lat, side="left"))
        end = int(np.searchsorted(self.latitude, high_lat, side="right"))
        lat, lon = self.latitude[begin:end], self.longitude[begin:end]
        boxed = (lon >= low_lon) & (lon <= high_lon)
        lat, lon = lat[boxed], lon[boxed]
        phi1, phi2 = np.radians(latitude), np.radians(lat)
        half = (
            np.sin((phi2 - phi1) / 2) ** 2
            + np.cos(phi1) * np.cos(phi2) * np.sin(np.radians(lon - longitude) / 2) ** 2
        )
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(half))
        near = np.unique(self.listing[begin:end][boxed][km <= reach])
        if not near.size:
            return np.zeros(len(self.codes), np.int64)
        first, last = self.starts[near], self.starts[near + 1]
        lengths = last - first
        # every pair index of the near listings, without a Python loop
        offsets = np.repeat(first - np.cumsum(lengths) + lengths, lengths)
        pair_index = offsets + np.arange(lengths.sum())
        return np.bincount(self.pair_need[pair_index], minlength=len(self.codes))


def count_coverage(now: datetime, reach_km: float, areas: list[AreaView]) -> list[dict]:
    """The `Coverage` rows for `areas` (every need, noughts included); reads only."""
    if not areas:
        return []
    listings = _Listings(areas, reach_km)
    rows = []
    for area in areas:
        counts = listings.counts_near(area.latitude, area.longitude, reach_km)
        rows += [
            {
                "area": area.code,
                "need": code,
                "listings": int(counts[n]),
                "reach_km": reach_km,
                "computed_at": now,
            }
            for n, code in enumerate(listings.codes)
        ]
    return rows


def _replace_coverage(rows: list[dict]) -> None:
    db.session.execute(delete(Coverage))
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(Coverage.__table__), rows[start : start + CHUNK])
    db.session.flush()


def refresh_coverage(now: datetime, reach_km: float, areas: list[AreaView] | None = None) -> int:
    """Recount `Coverage` for `areas` (the stored ones unless given) and replace the table;
    flushes only. Returns how many rows (areas x needs, noughts included) it wrote."""
    if areas is None:
        areas = current_areas()
    rows = count_coverage(now, reach_km, areas)
    _replace_coverage(rows)
    return len(rows)


def _lock(*tables: str, sqlite_too: bool = True) -> None:
    """Let one transaction at a time replace these tables. PostgreSQL locks them against
    other writers (readers carry on); SQLite (`sqlite_too`) takes its one write lock now
    rather than at the first write, for a check made under it."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text(f"LOCK TABLE {', '.join(tables)} IN SHARE ROW EXCLUSIVE MODE"))
    elif sqlite_too:
        db.session.execute(update(Coverage).where(false()).values(listings=Coverage.listings))


def refresh(now: datetime | None = None) -> tuple[int, int]:
    """Recount the areas, then what each has within reach (the job's way: each table is
    replaced in a short transaction of its own, counted outside it, so SQLite's one write
    lock is held for the writing only). Two runs at once take turns. Returns (areas,
    coverage rows)."""
    now = now or utcnow()
    db.session.commit()
    _lock("insight_areas", sqlite_too=False)
    areas = refresh_areas(now)
    db.session.commit()
    rows = count_coverage(now, reach_km(), areas)
    db.session.commit()
    _lock("insight_coverage", sqlite_too=False)
    _replace_coverage(rows)
    db.session.commit()
    return len(areas), len(rows)


def is_stale(reach: float | None = None) -> bool:
    """True when there are no areas or no coverage yet, or coverage was counted for another
    reach than `reach` (the configured one unless given): two one-row reads."""
    if db.session.scalar(select(Area.code).limit(1)) is None:
        return True
    counted_for = db.session.scalar(select(Coverage.reach_km).limit(1))
    wanted = reach_km() if reach is None else reach
    return counted_for is None or abs(counted_for - wanted) > SAME_REACH


def ensure_fresh(now: datetime | None = None, reach: float | None = None) -> bool:
    """What a page calls first: counts the areas and coverage when `is_stale` (a fresh
    install before the job's first run, or a changed reach) and commits. True when it did.
    Two pages at once count once: the second waits for the first and finds them fresh."""
    if not is_stale(reach):
        return False
    db.session.commit()
    _lock("insight_areas", "insight_coverage")
    if not is_stale(reach):
        db.session.commit()
        return False
    now = now or utcnow()
    areas = refresh_areas(now)
    refresh_coverage(now, reach_km() if reach is None else reach, areas)
    db.session.commit()
    return True

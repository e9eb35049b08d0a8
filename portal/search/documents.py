"""What the index holds for one service: words to match, needs and audiences to filter on, and
per-document columns that search reads as whole arrays (facts packed in bits, ages, the day it
was last checked, positions, schedules) without touching the database.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta

from portal.db import as_utc
from portal.directory.models import LocationType, Service, ServiceStatus
from portal.directory.schedules import DAY_CODES, next_occurrence, parse_byday
from portal.directory.services import listing_load_options, public_services
from portal.directory.summaries import ScheduleSummary
from portal.directory.vocabulary import ACCESSIBILITY

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS_OF_DAY = ("morning", "afternoon", "evening")
MODE_NAMES = ("in_person", "online")
NO_MAXIMUM_AGE = 150
POSITION = struct.Struct("<dd")  # latitude, longitude


def _bit_layout() -> dict[tuple[str, str], int]:
    """(facet, value) -> bit number in the `facets` column: days, times of day, modes, free,
    accessibility features, whether the listing is temporarily closed, then whether it accepts
    referrals (new bits go last, so the PostgreSQL rows' existing bits keep their meaning; a
    new bit needs a migration setting it on the existing rows, as 0015 does)."""
    names = [
        *(("day", d) for d in DAY_NAMES),
        *(("time", t) for t in PARTS_OF_DAY),
        *(("mode", m) for m in MODE_NAMES),
        ("free", "yes"),
        *(("access", code) for code in ACCESSIBILITY),
        ("status", "closed"),
        ("referrals", "yes"),
    ]
    if len(names) > 64:
        raise RuntimeError("The facets column holds 64 bits: split it before adding more.")
    return {name: bit for bit, name in enumerate(names)}


BITS = _bit_layout()
#: Changes whenever the bit layout does, so an index built with another layout is rebuilt.
LAYOUT_FINGERPRINT = hashlib.sha256(repr(sorted(BITS.items())).encode()).hexdigest()[:12]


def facet_bit(facet: str, value: str) -> int:
    return 1 << BITS[(facet, value)]


def part_of_day(opens_at: time) -> str:
    if opens_at.hour < 12:
        return "morning"
    return "afternoon" if opens_at.hour < 17 else "evening"


def schedule_spec(service: Service) -> list[tuple]:
    """Schedules as plain tuples (a column in the index) for next-session sorting."""
    return [
        (
            s.freq,
            s.interval,
            s.byday,
            s.dtstart.isoformat() if s.dtstart else None,
            s.valid_from.isoformat() if s.valid_from else None,
            s.valid_to.isoformat() if s.valid_to else None,
            s.opens_at.isoformat() if s.opens_at else None,
        )
        for s in service.schedules
    ]


#: Sorts after every known next session.
NO_SESSION = float("inf")


def stored_schedules(stored: Iterable[Sequence]) -> list[ScheduleSummary]:
    """Schedules as `schedule_spec` wrote them (in either backend's store)."""

    def day(value):
        return date.fromisoformat(value) if value else None

    return [
        ScheduleSummary(
            f, i, b, day(d), day(vf), day(vt), time.fromisoformat(o) if o else None, None
        )
        for f, i, b, d, vf, vt, o in stored
    ]


def next_session_key(stored: Iterable[Sequence], today: date) -> float:
    """Minutes from the start of `today` to the soonest session of these stored schedules
    (`NO_SESSION` when none is known): the "next session" order of both backends."""
    found = [
        (d - today).days * 1440 + (s.opens_at.hour * 60 + s.opens_at.minute if s.opens_at else 0)
        for s in stored_schedules(stored)
        if (d := next_occurrence(s, today))
    ]
    return float(min(found)) if found else NO_SESSION


def _days(service: Service) -> set[str]:
    days: set[str] = set()
    for schedule in service.schedules:
        if schedule.byday:
            days.add(DAY_NAMES[parse_byday(schedule.byday)[1]])
        elif schedule.dtstart:
            days.add(DAY_NAMES[schedule.dtstart.weekday()])
    return days


def _keywords(values: Iterable[str]) -> str:
    return ",".join(sorted(set(values)))


def _facets(service: Service, physical: list, modes: set[str]) -> int:
    bits = 0
    for day in _days(service):
        bits |= facet_bit("day", day)
    for schedule in service.schedules:
        if schedule.opens_at:
            bits |= facet_bit("time", part_of_day(schedule.opens_at))
    for mode in modes:
        bits |= facet_bit("mode", mode)
    if service.is_free:
        bits |= facet_bit("free", "yes")
    for code in {a.code for loc in physical for a in loc.accessibility}:
        if ("access", code) in BITS:
            bits |= facet_bit("access", code)
    if service.status is ServiceStatus.TEMPORARILY_CLOSED:
        bits |= facet_bit("status", "closed")
    if service.accepts_referrals:
        bits |= facet_bit("referrals", "yes")
    return bits


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def content_version(updated_at: datetime | None) -> int:
    """A service's `updated_at` as whole microseconds: the index stores it, and repair writes a
    listing again when the database's differs (`portal.directory.versioning` keeps it true)."""
    if updated_at is None:
        return 0
    return (as_utc(updated_at) - EPOCH) // timedelta(microseconds=1)


def indexable_services():
    """A select() of the public services, in id order, with what `document` reads."""
    return public_services().options(*listing_load_options()).order_by(Service.id)


def document(service: Service) -> dict:
    """The index document for one public service."""
    terms = [a.taxonomy_term for a in service.attributes]
    physical = [loc for loc in service.locations if loc.location_type is LocationType.PHYSICAL]
    positions = [(loc.latitude, loc.longitude) for loc in physical if loc.latitude is not None]
    modes = {"in_person"} if physical else set()
    if any(loc.location_type is LocationType.VIRTUAL for loc in service.locations):
        modes.add("online")
    return {
        "id": str(service.id),
        "name": service.name,
        "description": service.description or "",
        "organisation": service.organisation.name,
        "term_names": " ".join(t.name for t in terms),
        "spell": " ".join([service.name, *(t.name for t in terms)]),
        "place": " ".join(filter(None, [loc.city for loc in physical])),
        "needs": _keywords(t.code for t in terms if t.taxonomy.slug == "needs"),
        "audiences": _keywords(t.code for t in terms if t.taxonomy.slug == "audiences"),
        "facets": _facets(service, physical, modes),
        "min_age": min(service.minimum_age or 0, NO_MAXIMUM_AGE),
        "max_age": min(
            service.maximum_age if service.maximum_age is not None else NO_MAXIMUM_AGE,
            NO_MAXIMUM_AGE,
        ),
        "reviewed": (service.last_reviewed or date(2000, 1, 1)).toordinal(),
        "positions": b"".join(POSITION.pack(lat, lon) for lat, lon in positions),
        "schedules": schedule_spec(service),
        "content_version": content_version(service.updated_at),
    }


__all__ = [
    "BITS",
    "DAY_CODES",
    "content_version",
    "document",
    "facet_bit",
    "indexable_services",
    "part_of_day",
]

"""What the index holds for one service: words to match, keywords to filter on, and the
stored values search needs without touching the database (positions, schedules, ages).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, time

from portal.directory.models import LocationType, Service
from portal.directory.schedules import DAY_CODES, parse_byday

#: Grid cells for place filtering: a keyword per 0.1° square lets Whoosh narrow to a region
#: with a handful of term lookups; exact distances are then checked on stored coordinates.
CELL_DEGREES = 0.1
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
NO_MAXIMUM_AGE = 150


def cell(latitude: float, longitude: float) -> str:
    return f"{math.floor(latitude / CELL_DEGREES)}_{math.floor(longitude / CELL_DEGREES)}"


def cells_around(min_lat: float, min_lon: float, max_lat: float, max_lon: float) -> list[str]:
    """Every grid cell that a bounding box touches."""
    rows = range(math.floor(min_lat / CELL_DEGREES), math.floor(max_lat / CELL_DEGREES) + 1)
    cols = range(math.floor(min_lon / CELL_DEGREES), math.floor(max_lon / CELL_DEGREES) + 1)
    return [f"{r}_{c}" for r in rows for c in cols]


def part_of_day(opens_at: time) -> str:
    if opens_at.hour < 12:
        return "morning"
    return "afternoon" if opens_at.hour < 17 else "evening"


def schedule_spec(service: Service) -> list[tuple]:
    """Schedules as plain tuples (stored in the index) for next-session sorting."""
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


def document(service: Service) -> dict:
    """The index document for one public service."""
    terms = [a.taxonomy_term for a in service.attributes]
    by_vocabulary = {
        slug: [t.code for t in terms if t.taxonomy.slug == slug]
        for slug in ("needs", "audiences", "activity-types")
    }
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
        "place": " ".join(filter(None, [p for loc in physical for p in (loc.city,)])),
        "needs": _keywords(by_vocabulary["needs"]),
        "audiences": _keywords(by_vocabulary["audiences"]),
        "activity_types": _keywords(by_vocabulary["activity-types"]),
        "days": _keywords(_days(service)),
        "times": _keywords(part_of_day(s.opens_at) for s in service.schedules if s.opens_at),
        "access": _keywords(a.code for loc in physical for a in loc.accessibility),
        "modes": _keywords(modes),
        "cells": _keywords(cell(lat, lon) for lat, lon in positions),
        "flags": _keywords(["free" if service.is_free else "paid"]),
        "min_age": service.minimum_age or 0,
        "max_age": service.maximum_age if service.maximum_age is not None else NO_MAXIMUM_AGE,
        "reviewed": (service.last_reviewed or date(2000, 1, 1)).toordinal(),
        "positions": positions,
        "schedules": schedule_spec(service),
    }


__all__ = ["DAY_CODES", "cell", "cells_around", "document", "part_of_day"]

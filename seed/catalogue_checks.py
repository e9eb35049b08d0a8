"""Consistency checks and a summary for the demo catalogue (seed/catalogue.py).

The loader refuses a catalogue that `validate` finds fault with, so a slip in the data files
(an unknown slug, a venue outside its town, a schedule on the wrong weekday) shows up as a
readable list of problems rather than as odd listings in the demo.
"""

from __future__ import annotations

import datetime
import math
import re
from collections import Counter

from portal.geo import demo_area as places
from seed.catalogue_data import (
    ACCESSIBILITY,
    ACTIVITY_TYPES,
    AUDIENCES,
    JOIN_METHODS,
    NEEDS,
    ORGANISATION_TYPES,
    STATUSES,
)
from seed.catalogue_schedules import DAY_CODES, DAY_NAMES, nth_weekday

_TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
_AMOUNT_RE = re.compile(r"^[0-9]+\.[0-9]{2}$")
_BYDAY_RE = re.compile(r"^(-1|[1-4])?(MO|TU|WE|TH|FR|SA|SU)$")


def _duplicates(values) -> list[str]:
    return sorted(value for value, n in Counter(values).items() if n > 1)


def _check_keys(catalogue: dict) -> list[str]:
    problems = []
    for section in ("organisations", "venues", "services"):
        for key in _duplicates(item["key"] for item in catalogue[section]):
            problems.append(f"{section}: duplicate key {key}")
    return problems


def _check_organisation(org: dict) -> list[str]:
    problems = []
    if org["organisation_type"] not in ORGANISATION_TYPES:
        problems.append(f"organisation {org['key']}: unknown type {org['organisation_type']}")
    if not org["name"] or not org["description"]:
        problems.append(f"organisation {org['key']}: missing name or description")
    return problems


def _check_postcode(label: str, postcode: str, town: str) -> list[str]:
    if not places.is_valid_postcode(postcode):
        return [f"{label}: bad postcode format {postcode!r}"]
    if not places.postcode_in_place(postcode, town):
        return [f"{label}: postcode {postcode} is outside {town}"]
    return []


def _check_venue(venue: dict) -> list[str]:
    label = f"venue {venue['key']}"
    problems = _check_postcode(label, venue["postal_code"], venue["town"])
    if venue["town"] not in places.PLACE_NAMES:
        problems.append(f"{label}: unknown town {venue['town']}")
    problems += [
        f"{label}: unknown accessibility {c}"
        for c in venue["accessibility"]
        if c not in ACCESSIBILITY
    ]
    lat, lon = places.town_centre(venue["town"]) if venue["town"] in places.PLACE_NAMES else (0, 0)
    if math.hypot((venue["latitude"] - lat) * 111_320, (venue["longitude"] - lon) * 69_500) > 2600:
        problems.append(f"{label}: more than 2.5 km from the centre of {venue['town']}")
    return problems


def _check_coordinates(venues: list[dict]) -> list[str]:
    points = [(v["latitude"], v["longitude"]) for v in venues]
    return [f"venues: duplicate coordinates {point}" for point in _duplicates(points)]


def _check_slugs(label: str, service: dict) -> list[str]:
    problems = []
    for field, allowed, low, high in (
        ("needs", NEEDS, 1, 3),
        ("audiences", AUDIENCES, 0, 3),
        ("activity_types", ACTIVITY_TYPES, 1, 2),
    ):
        values = service[field]
        if not low <= len(values) <= high or len(set(values)) != len(values):
            problems.append(f"{label}: {field} must hold {low} to {high} distinct slugs")
        problems += [f"{label}: unknown {field} slug {v}" for v in values if v not in allowed]
    return problems


def _check_location(label: str, location: dict, venue_keys: set[str]) -> list[str]:
    if set(location) == {"venue"}:
        return (
            []
            if location["venue"] in venue_keys
            else [f"{label}: unknown venue {location['venue']}"]
        )
    if set(location) == {"online"}:
        url = location["online"].get("url", "")
        return (
            [] if url.startswith("https://") else [f"{label}: online location needs an https url"]
        )
    if set(location) == {"home"}:
        home = location["home"]
        return _check_postcode(label, home["postal_code"], home["town"])
    return [f"{label}: location must be exactly one of venue, online or home"]


def _check_byday(label: str, schedule: dict) -> list[str]:
    match = _BYDAY_RE.match(schedule.get("byday") or "")
    if not match:
        return [f"{label}: bad byday {schedule.get('byday')!r}"]
    nth, day = match.groups()
    start = datetime.date.fromisoformat(schedule["dtstart"])
    if DAY_CODES[start.weekday()] != day:
        return [f"{label}: dtstart {start} is not a {DAY_NAMES[day]}"]
    if schedule["freq"] == "WEEKLY" and nth:
        return [f"{label}: weekly byday must not have a position"]
    if schedule["freq"] == "MONTHLY":
        if not nth:
            return [f"{label}: monthly byday needs a position"]
        if nth_weekday(start.year, start.month, start.weekday(), int(nth)) != start:
            return [f"{label}: dtstart {start} is not the {nth} {DAY_NAMES[day]} of its month"]
    return []


def _check_schedule(label: str, schedule: dict) -> list[str]:
    problems = []
    opens, closes = schedule.get("opens_at", ""), schedule.get("closes_at", "")
    if not (_TIME_RE.match(opens) and _TIME_RE.match(closes)):
        problems.append(f"{label}: bad times {opens!r}-{closes!r}")
    elif closes <= opens:
        problems.append(f"{label}: closes_at {closes} is not after opens_at {opens}")
    try:
        datetime.date.fromisoformat(schedule["dtstart"])
    except (KeyError, TypeError, ValueError):
        return [*problems, f"{label}: bad dtstart {schedule.get('dtstart')!r}"]
    freq = schedule.get("freq")
    if freq is None:
        return problems
    if freq not in ("WEEKLY", "MONTHLY"):
        return [*problems, f"{label}: unknown freq {freq!r}"]
    if schedule.get("interval") not in ((1, 2) if freq == "WEEKLY" else (1,)):
        problems.append(f"{label}: bad interval {schedule.get('interval')!r}")
    return problems + _check_byday(label, schedule)


def _check_costs(label: str, service: dict) -> list[str]:
    return [
        f"{label}: bad cost amount {cost['amount']!r}"
        for cost in service["costs"]
        if not _AMOUNT_RE.match(cost["amount"])
    ]


def _check_service(service: dict, org_keys: set[str], venue_keys: set[str]) -> list[str]:
    label = f"service {service['key']}"
    problems = [] if service["organisation"] in org_keys else [f"{label}: unknown organisation"]
    problems += _check_slugs(label, service)
    problems += _check_location(label, service["location"], venue_keys)
    problems += _check_costs(label, service)
    if service["how_to_join"] not in JOIN_METHODS:
        problems.append(f"{label}: unknown how_to_join {service['how_to_join']!r}")
    if service["status"] not in STATUSES:
        problems.append(f"{label}: unknown status {service['status']!r}")
    if (service["status"] == "temporarily closed") != bool(service["alert"]):
        problems.append(f"{label}: closed services need an alert, and only they")
    low, high = service["minimum_age"], service["maximum_age"]
    if low is not None and high is not None and low > high:
        problems.append(f"{label}: minimum_age is above maximum_age")
    if not 0 <= service["last_reviewed_days_ago"] <= 330:
        problems.append(f"{label}: last_reviewed_days_ago out of range")
    if len(service["schedules"]) > 2:
        problems.append(f"{label}: more than two schedules")
    for i, schedule in enumerate(service["schedules"]):
        problems += _check_schedule(f"{label} schedule {i}", schedule)
    if "{" in service["name"] + service["description"] + service["application_process"]:
        problems.append(f"{label}: unfilled placeholder")
    return problems


def _check_service_names(services: list[dict]) -> list[str]:
    pairs = [(s["organisation"], s["name"]) for s in services]
    return [
        f"organisation {org}: duplicate service name {name!r}" for org, name in _duplicates(pairs)
    ]


def validate(catalogue: dict) -> list[str]:
    """Return a list of problems with the catalogue; an empty list means it is consistent."""
    org_keys = {org["key"] for org in catalogue["organisations"]}
    venue_keys = {venue["key"] for venue in catalogue["venues"]}
    problems = _check_keys(catalogue)
    for org in catalogue["organisations"]:
        problems += _check_organisation(org)
    for venue in catalogue["venues"]:
        problems += _check_venue(venue)
    problems += _check_coordinates(catalogue["venues"])
    for service in catalogue["services"]:
        problems += _check_service(service, org_keys, venue_keys)
    problems += _check_service_names(catalogue["services"])
    return problems


def summarise(catalogue: dict) -> dict[str, Counter]:
    services = catalogue["services"]
    freq: Counter[str] = Counter()
    for service in services:
        kinds = {_freq_label(s) for s in service["schedules"]} or {"no schedule"}
        freq.update(kinds)
    return {
        "totals": Counter(
            organisations=len(catalogue["organisations"]),
            venues=len(catalogue["venues"]),
            services=len(services),
            organisations_with_services=len({s["organisation"] for s in services}),
            online=sum("online" in s["location"] for s in services),
            home=sum("home" in s["location"] for s in services),
            temporarily_closed=sum(s["status"] == "temporarily closed" for s in services),
        ),
        "needs": Counter(need for s in services for need in s["needs"]),
        "audiences": Counter(aud for s in services for aud in s["audiences"]),
        "activity types": Counter(t for s in services for t in s["activity_types"]),
        "services by schedule kind": freq,
    }


def _freq_label(schedule: dict) -> str:
    if schedule["freq"] is None:
        return "one-off"
    if schedule["freq"] == "MONTHLY":
        return "monthly"
    return "fortnightly" if schedule["interval"] == 2 else "weekly"


def print_summary(summary: dict[str, Counter]) -> None:
    for title, counter in summary.items():
        print(f"\n{title}:")
        for label, count in sorted(counter.items(), key=lambda item: (-item[1], item[0])):
            print(f"  {label:40} {count}")

"""A listing's sessions as an iCalendar file (RFC 5545) that calendar apps import: one event
per schedule, repeating as the schedule does, from its next session.

The `icalendar` library writes the file, so its escaping (commas, semicolons, new lines in a
group's words) and line folding are right without being done by hand here. Times are in
Europe/London with the zone's rules written in (`london`), which Google, Apple and Outlook
calendars all read; a home address is never in the file, only its area, as on the page.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from portal.directory.models import Location, LocationType, Schedule, Service, ServiceStatus
from portal.directory.presenters import address_lines
from portal.directory.schedules import DAY_CODES, describe, next_occurrence, parse_byday
from portal.geo import postcode_district
from portal.links import absolute_url

LONDON = ZoneInfo("Europe/London")
SUMMARY_LIMIT = 300  # characters of the listing's description the event repeats


class NoCalendar(Exception):
    """The listing has nothing to add to a calendar; str() says why, for the person."""


def upcoming_schedules(service: Service, today: date) -> list[Schedule]:
    """The schedules with a session still to come: those a calendar file holds."""
    return [s for s in service.schedules if next_occurrence(s, today)]


def offers_calendar(service: Service, today: date) -> bool:
    """Whether the listing page offers the .ics download: open, with a session to come."""
    return service.status is not ServiceStatus.TEMPORARILY_CLOSED and bool(
        upcoming_schedules(service, today)
    )


def london() -> Timezone:
    """Europe/London as rules: British Summer Time from 1am GMT on the last Sunday of March
    to 1am GMT on the last Sunday of October (the rule since 1996). Rules, not icalendar's
    `add_missing_timezones`, which lists each change up to a date and stops: a weekly session
    with no end date must be right in every later year too."""
    zone = Timezone()
    zone.add("tzid", "Europe/London")
    for part, name, before, after, starts in (
        (TimezoneDaylight(), "BST", 0, 1, datetime(1996, 3, 31, 1, 0)),
        (TimezoneStandard(), "GMT", 1, 0, datetime(1996, 10, 27, 2, 0)),
    ):
        part.add("tzname", name)
        part.add("tzoffsetfrom", timedelta(hours=before))
        part.add("tzoffsetto", timedelta(hours=after))
        part.add("dtstart", starts)
        part.add("rrule", {"freq": "yearly", "bymonth": starts.month, "byday": "-1SU"})
        zone.add_component(part)
    return zone


def _rule(schedule: Schedule, all_day: bool) -> dict | None:
    """The RRULE of a repeating schedule (None for a one-off), as `schedules` reads it:
    WEEKLY every `interval` weeks, MONTHLY on the nth weekday; UNTIL its last valid day."""
    if not schedule.freq:
        return None
    rule: dict = {"freq": schedule.freq.lower()}
    if schedule.freq == "MONTHLY":
        nth, weekday = parse_byday(schedule.byday or "1MO")
        rule["byday"] = f"{nth or 1}{DAY_CODES[weekday]}"
    else:
        if (schedule.interval or 1) > 1:
            rule["interval"] = schedule.interval
        if schedule.byday:
            rule["byday"] = DAY_CODES[parse_byday(schedule.byday)[1]]
    if schedule.valid_to:
        # With a zoned start, UNTIL is in UTC (RFC 5545 3.3.10): the end of the last day.
        last = datetime.combine(schedule.valid_to, time(23, 59, 59), LONDON)
        rule["until"] = schedule.valid_to if all_day else last.astimezone(UTC)
    return rule


def _times(schedule: Schedule, day: date) -> tuple[date | datetime, date | datetime | None]:
    """Start and end of the session on `day`: a whole day without an opening time, no end
    without a closing time, an end after midnight when it closes before it opens."""
    if schedule.opens_at is None:
        return day, day + timedelta(days=1)
    start = datetime.combine(day, schedule.opens_at, LONDON)
    if schedule.closes_at is None:
        return start, None
    ends_on = day if schedule.closes_at > schedule.opens_at else day + timedelta(days=1)
    return start, datetime.combine(ends_on, schedule.closes_at, LONDON)


def _area(location: Location) -> str:
    """A home address's area only: the town and postcode district, as the page shows it."""
    district = postcode_district(location.postal_code)
    if location.city and district:
        return f"{location.city} ({district})"
    return location.city or district or "A private home: the address is given when you get in touch"


def place_text(service: Service) -> str:
    """Where it meets, for LOCATION: the first venue's address (a home's area), or online."""
    for location in service.locations:
        if location.location_type is LocationType.PHYSICAL:
            if location.mask_address:
                return _area(location)
            return ", ".join(address_lines(location))
    return "Online" if service.locations else ""


def _short(text: str | None) -> str:
    """The description's first paragraph, cut at a word near `SUMMARY_LIMIT`."""
    first = (text or "").strip().split("\n\n")[0].strip()
    if len(first) <= SUMMARY_LIMIT:
        return first
    return first[:SUMMARY_LIMIT].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def _description(service: Service, schedule: Schedule, url: str) -> str:
    when = describe(schedule) + (f" ({schedule.description})" if schedule.description else "")
    parts = [_short(service.description), when, f"Run by {service.organisation.name}."]
    parts.append(f"Check for changes before you go: {url}")
    return "\n\n".join(p for p in parts if p)


def _event(service: Service, schedule: Schedule, day: date, url: str, now: datetime) -> Event:
    event = Event()
    host = urlsplit(current_app.config["PORTAL_BASE_URL"]).hostname or "localhost"
    event.add("uid", f"{schedule.id}@{host}")
    event.add("dtstamp", now.astimezone(UTC))
    event.add("summary", service.name)
    start, end = _times(schedule, day)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    rule = _rule(schedule, all_day=schedule.opens_at is None)
    if rule:
        event.add("rrule", rule)
    place = place_text(service)
    if place:
        event.add("location", place)
    event.add("description", _description(service, schedule, url))
    event.add("url", url)
    return event


def listing_calendar(service: Service, today: date, now: datetime) -> bytes:
    """The listing's upcoming sessions as an .ics file; `NoCalendar` when it has none."""
    if service.status is ServiceStatus.TEMPORARILY_CLOSED:
        raise NoCalendar(f"{service.name} is temporarily closed, so it has no sessions to add.")
    schedules = upcoming_schedules(service, today)
    if not schedules:
        raise NoCalendar(f"{service.name} has no sessions coming up to add to a calendar.")
    url = absolute_url("directory.service", service_id=service.id)
    calendar = Calendar()
    calendar.add("prodid", f"-//{current_app.config['PORTAL_SITE_NAME']}//Directory//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    if any(s.opens_at for s in schedules):
        calendar.add_component(london())
    for schedule in schedules:
        day = next_occurrence(schedule, today)
        calendar.add_component(_event(service, schedule, day, url, now))
    return calendar.to_ical()


def file_name(service: Service) -> str:
    """'tuesday-chatter-cafe.ics': the name in plain ASCII letters and digits."""
    ascii_name = unicodedata.normalize("NFKD", service.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
    return f"{slug or 'activity'}.ics"

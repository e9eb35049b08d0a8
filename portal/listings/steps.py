"""The guided form's steps: each reads its part of a listing from a submitted form.

Every step parses what was typed into listing data (`portal.listings.data`) and says what is
wrong, field by field, in plain English; nothing is saved while anything is wrong, and the
page is shown again with what was typed. Repeating parts (sessions, places, further costs)
are rows named `sessions-0-day`, `places-1-postcode`, `costs-0-amount` and so on; "add
another" and "remove" are buttons (`action=add`, `action=remove-2`), so all of it works
without JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time

from email_validator import EmailNotValidError, validate_email

from portal.directory.models import HowToJoin, ServiceStatus
from portal.directory.schedules import format_time
from portal.directory.services import term_names
from portal.directory.vocabulary import ACCESSIBILITY
from portal.geo import distance_km, find_place, normalise_postcode
from portal.geo.postcodes import is_full_postcode
from portal.listings.data import (
    COST_LABEL,
    DAY_CODES,
    PATTERNS,
    PLACE_KINDS,
    WEEKS,
    empty_listing,
)
from portal.text import MAX_TEXT, plain

MAX_NAME = 120
MAX_SHORT = 255
MAX_ROWS = 10
MAX_NEEDS = 4
PIN_LIMIT_KM = 5  # a pin further than this from its postcode is questioned


@dataclass
class Parsed:
    """What a step read: `changes` to the listing (also what is shown again when wrong),
    `problems` by field id, and `again` when the step should be shown once more (a row
    was added or removed, or a new pin needs checking)."""

    changes: dict = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    again: bool = False


def _too_long(problems: dict, name: str, value: str, limit: int, label: str) -> None:
    if len(value) > limit:
        problems[name] = f"{label} must be {limit} characters or fewer"


def _codes(form, name: str, allowed) -> list[str]:
    return [v for v in dict.fromkeys(form.getlist(name)) if v in allowed]


def _whole(value: str, name: str, label: str, problems: dict) -> int | None:
    text = (value or "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > 120:
        problems[name] = f"{label} must be a whole number from 0 to 120, like 50"
        return None
    return int(text)


# --- what it is --------------------------------------------------------------------------------


def parse_about(form, data: dict) -> Parsed:
    parsed = Parsed()
    c, p = parsed.changes, parsed.problems
    c["name"] = plain(form.get("name"), MAX_NAME)
    c["description"] = plain(form.get("description"))
    c["activity_type"] = (
        form.get("activity_type")
        if form.get("activity_type") in set(term_names("activity-types"))
        else ""
    )
    c["status"] = (
        ServiceStatus.TEMPORARILY_CLOSED.value
        if form.get("status") == ServiceStatus.TEMPORARILY_CLOSED.value
        else ServiceStatus.ACTIVE.value
    )
    c["alert"] = plain(form.get("alert"), MAX_SHORT)
    if not c["name"]:
        p["name"] = "Enter the name of the activity"
    _too_long(p, "name", c["name"], MAX_NAME, "Name")
    if not c["description"]:
        p["description"] = "Say what happens, in a sentence or two"
    elif len(c["description"]) < 20:
        p["description"] = "Say a little more about what happens: at least 20 characters"
    _too_long(p, "description", c["description"], MAX_TEXT, "Description")
    if c["status"] == ServiceStatus.TEMPORARILY_CLOSED.value and not c["alert"]:
        p["alert"] = "Say when it will start again, or why it is closed"
    _too_long(p, "alert", c["alert"], MAX_SHORT, "Reason")
    return parsed


# --- who it is for -----------------------------------------------------------------------------


def parse_who(form, data: dict) -> Parsed:
    parsed = Parsed()
    c, p = parsed.changes, parsed.problems
    c["audiences"] = _codes(form, "audiences", set(term_names("audiences")))
    c["minimum_age"] = _whole(form.get("minimum_age"), "minimum_age", "Youngest age", p)
    c["maximum_age"] = _whole(form.get("maximum_age"), "maximum_age", "Oldest age", p)
    low, high = c["minimum_age"], c["maximum_age"]
    if low is not None and high is not None and low > high:
        p["maximum_age"] = "Oldest age must be the same as or more than the youngest age"
    return parsed


# --- when --------------------------------------------------------------------------------------

_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)


_NOON = re.compile(r"^(12)?(noon|midday|midnight)$")


def parse_time(text: str) -> time | None:
    """'10', '10am', '10:30', '2.30pm', '10:30 am', '14:00' -> a time; '12pm', 'noon',
    '12 noon' and 'midday' are noon, 'midnight' is 00:00. None if unreadable."""
    said = (text or "").strip().lower().replace(" ", "")
    words = _NOON.match(said)
    if words:
        return time(0, 0) if words[2] == "midnight" else time(12, 0)
    found = _TIME.match(said)
    if not found:
        return None
    hour, minute, half = int(found[1]), int(found[2] or 0), (found[3] or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def time_text(value: str | None) -> str:
    """A saved time as the site writes it ('10:30' -> '10:30am', '12:00' -> '12 noon');
    anything else (what was typed, kept to be corrected) as it is."""
    if value and re.fullmatch(r"\d{2}:\d{2}", value):
        return format_time(time.fromisoformat(value))
    return value or ""


_WEB = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)
_BARE_WEB = re.compile(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)


def web_address(text: str) -> str:
    """A web address as typed, with https:// put in front when it was left off
    ('facebook.com/harmanswanderers'); anything else unchanged, to be refused."""
    text = (text or "").strip()
    return f"https://{text}" if text and not _WEB.match(text) and _BARE_WEB.match(text) else text


def _numbers(form, prefix: str) -> list[int]:
    return sorted({int(m[1]) for name in form for m in [re.match(rf"{prefix}-(\d+)-", name)] if m})


def _rows(form, prefix: str, keys: tuple[str, ...]) -> list[dict]:
    return [
        {k: (form.get(f"{prefix}-{n}-{k}") or "").strip() for k in keys}
        for n in _numbers(form, prefix)
    ]


def _edit_rows(form, rows: list[dict], blank: dict) -> tuple[list[dict], bool]:
    """Rows after an "add another" or "remove" button, and whether one was pressed."""
    action = form.get("action") or ""
    if action == "add" and len(rows) < MAX_ROWS:
        return [*rows, dict(blank)], True
    if action.startswith("remove-") and action[7:].isdigit():
        index = int(action[7:])
        return [row for n, row in enumerate(rows) if n != index], True
    return rows, False


SESSION_KEYS = ("pattern", "day", "week", "date", "opens_at", "closes_at", "note")
BLANK_SESSION = dict.fromkeys(SESSION_KEYS, "")


def parse_when(form, data: dict) -> Parsed:
    parsed = Parsed()
    rows = _rows(form, "sessions", (*SESSION_KEYS, "valid_from", "valid_to"))
    rows, arranged = _edit_rows(form, rows, BLANK_SESSION)  # numbered as on the page
    if not arranged:  # rows left blank are not sessions
        rows = [r for r in rows if any(r.get(k) for k in SESSION_KEYS if k != "pattern")]
    sessions = [_session(row, n, parsed.problems) for n, row in enumerate(rows)]
    parsed.changes["sessions"] = sessions
    parsed.changes["schedule_note"] = plain(form.get("schedule_note"), MAX_SHORT)
    if arranged:  # rows are being arranged: nothing is wrong yet
        parsed.problems.clear()
        parsed.again = True
        return parsed
    if not sessions and not parsed.changes["schedule_note"]:
        parsed.problems["sessions-0-pattern"] = (
            "Add when it happens, or say how people find out the dates"
        )
    return parsed


def _session(row: dict, n: int, problems: dict) -> dict:
    name = f"sessions-{n}-"
    pattern = row["pattern"] if row["pattern"] in PATTERNS else ""
    session = {**row, "pattern": pattern}
    if not pattern:
        problems[name + "pattern"] = "Choose how often it happens"
        return session
    if pattern != "once" and row["day"] not in DAY_CODES:
        problems[name + "day"] = "Choose the day it happens"
    if pattern == "monthly":
        week = int(row["week"]) if row["week"].lstrip("-").isdigit() else None
        session["week"] = week
        if week not in WEEKS:
            problems[name + "week"] = "Choose which week of the month"
    else:
        session["week"] = None
    session["date"] = _session_date(row, pattern, name, problems)
    for key, label in (("opens_at", "start"), ("closes_at", "finish")):
        if row[key]:
            parsed_time = parse_time(row[key])
            if parsed_time is None:
                problems[name + key] = f"Enter a {label} time like 10am, 2:30pm or 14:30"
            else:
                session[key] = parsed_time.strftime("%H:%M")
    if not row["opens_at"]:
        problems[name + "opens_at"] = "Enter the time it starts, like 10am"
    if (
        session.get("opens_at")
        and session.get("closes_at")
        and name + "opens_at" not in problems
        and name + "closes_at" not in problems
        and session["closes_at"] <= session["opens_at"]
    ):
        problems[name + "closes_at"] = "The finish time must be after the start time"
    session["note"] = plain(row["note"], MAX_SHORT)
    return session


def _session_date(row: dict, pattern: str, name: str, problems: dict) -> str:
    text = row["date"]
    if pattern not in ("once", "fortnightly"):
        return text if _is_date(text) else ""
    if not text:
        if pattern == "once":
            problems[name + "date"] = "Enter the date, like 2027-03-14"
            return ""
        return ""
    if not _is_date(text):
        problems[name + "date"] = "Enter a real date, like 2027-03-14"
        return text
    if pattern == "once" and date.fromisoformat(text) < date.today():
        problems[name + "date"] = "The date must be today or in the future"
    on_day = row["day"] in DAY_CODES and date.fromisoformat(text).weekday() == DAY_CODES.index(
        row["day"]
    )
    if pattern == "fortnightly" and row["day"] in DAY_CODES and not on_day:
        problems[name + "date"] = "Give the date of one of the sessions, on the day chosen"
    return text


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


# --- where -------------------------------------------------------------------------------------

PLACE_KEYS = ("kind", "name", "address_1", "city", "postcode", "url", "latitude", "longitude")
BLANK_PLACE = dict.fromkeys(PLACE_KEYS, "") | {"kind": "venue"}


def parse_where(form, data: dict) -> Parsed:
    parsed = Parsed()
    rows = _place_rows(form, data.get("places") or [])
    rows, arranged = _edit_rows(form, rows, BLANK_PLACE)
    places = []
    for n, row in enumerate(rows):
        before = row.pop("before", None) or {}
        places.append(_place(row, n, before, parsed) if any(row.values()) else dict(row))
    parsed.changes["places"] = places
    if arranged:  # rows are being arranged: nothing is wrong yet
        parsed.problems.clear()
        parsed.again = True
        return parsed
    if not places:
        parsed.problems["places-0-kind"] = "Add where it happens"
    return parsed


def _place_rows(form, previous: list[dict]) -> list[dict]:
    """The places as typed, each with what it was `before`: the page carries each place's
    access facts and the postcode its pin was put at (`pinned_for`), so they stay with it
    when a place above is removed; a page without them means the saved place in that row."""
    rows = []
    for position, number in enumerate(_numbers(form, "places")):
        name = f"places-{number}-"
        row = {k: (form.get(name + k) or "").strip() for k in (*PLACE_KEYS, "pin_shown")}
        if name + "pinned_for" in form:
            row["before"] = {
                "postcode": (form.get(name + "pinned_for") or "").strip(),
                "access": _codes(form, name + "access", ACCESSIBILITY),
            }
        else:
            row["before"] = previous[position] if position < len(previous) else {}
        rows.append(row)
    return rows


def _place(row: dict, n: int, before: dict, parsed: Parsed) -> dict:
    name, problems = f"places-{n}-", parsed.problems
    kind = row["kind"] if row["kind"] in PLACE_KINDS else "venue"
    place = {
        "kind": kind,
        "name": plain(row["name"], MAX_SHORT),
        "address_1": plain(row["address_1"], MAX_SHORT),
        "city": plain(row["city"], 100),
        "postcode": row["postcode"].upper(),
        "url": web_address(row["url"]),
        "latitude": None,
        "longitude": None,
        "access": before.get("access") or [],
    }
    if kind == "online":
        place.update(address_1="", city="", postcode="")
        if place["url"] and not _WEB.match(place["url"]):
            problems[name + "url"] = "Enter a web address starting https://, or leave it blank"
        if not place["url"] and not place["name"]:
            problems[name + "name"] = "Say how people join: the platform, or 'By phone'"
        return place
    if not place["postcode"]:
        _postcode_from_words(place)
    if kind == "venue" and not (place["name"] or place["address_1"]):
        problems[name + "name"] = "Enter the name of the venue, or its address"
    postcode = normalise_postcode(place["postcode"]) if place["postcode"] else None
    if not place["postcode"]:
        problems[name + "postcode"] = "Enter the postcode, so people can find it on the map"
        return place
    if postcode is None or not is_full_postcode(postcode):
        problems[name + "postcode"] = "Enter a real postcode, like RG12 1AA"
        return place
    place["postcode"] = postcode
    found = find_place(postcode)
    if found is None:
        problems[name + "postcode"] = "We could not find that postcode: check it, like RG12 1AA"
        return place
    place["city"] = place["city"] or (before.get("city") if before else "") or ""
    _position(place, row, before, found, name, parsed)
    return place


_ENDS_WITH_POSTCODE = re.compile(r"^(.*?)[\s,]*\b([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})$", re.I)


def _postcode_from_words(place: dict) -> None:
    """A venue written with its postcode ('Harmans Water Community Centre, RG12 9NR'): a
    postcode the gazetteer knows moves into the postcode field, so it is placed on the map."""
    for key in ("address_1", "name"):
        found = _ENDS_WITH_POSTCODE.match(place[key])
        postcode = normalise_postcode(found[2]) if found else None
        if postcode and is_full_postcode(postcode) and find_place(postcode) is not None:
            place[key], place["postcode"] = found[1].strip(" ,"), postcode
            return


def _position(place: dict, row: dict, before: dict, found, name: str, parsed: Parsed) -> None:
    """The pin: where the person put it if the postcode is unchanged, else the postcode's."""
    same_postcode = before.get("postcode") == place["postcode"]
    try:
        pinned = (float(row["latitude"]), float(row["longitude"]))
    except ValueError:
        pinned = None
    if same_postcode and pinned is not None:
        km = distance_km(found.latitude, found.longitude, *pinned)
        if km > PIN_LIMIT_KM:
            parsed.problems[name + "postcode"] = (
                f"The pin is {km:.0f} km from the postcode: move it back, or check the postcode"
            )
        place["latitude"], place["longitude"] = pinned
        return
    place["latitude"], place["longitude"] = found.latitude, found.longitude
    moved = bool(before.get("postcode")) and not same_postcode  # the map showed the old pin
    if place["kind"] == "venue" and (moved or not row.get("pin_shown")):
        parsed.again = True  # show the map so the new pin can be checked


# --- cost and joining ------------------------------------------------------------------------


COST_KEYS = ("label", "amount", "notes")
BLANK_COST = dict.fromkeys(COST_KEYS, "")


def _pounds(text: str | None) -> str:
    """An amount as typed, without the pound sign."""
    return (text or "").strip().lstrip("£").strip()


def _amount_problem(amount: str, zero: str) -> str | None:
    """What is wrong with an amount in pounds, if anything (`zero`: what to say about 0)."""
    if not re.match(r"^\d{1,4}(\.\d{1,2})?$", amount):
        return "Enter the cost in pounds, like 3 or 2.50"
    return zero if float(amount) <= 0 else None


def parse_cost(form, data: dict) -> Parsed:
    """The cost (free, or the main cost and any further ones) and how people join."""
    parsed = Parsed()
    c, p = parsed.changes, parsed.problems
    c["free"] = {"yes": True, "no": False}.get(form.get("free") or "")
    c["cost_label"] = plain(form.get("cost_label"), MAX_SHORT) or COST_LABEL
    c["cost_amount"] = _pounds(form.get("cost_amount"))
    c["cost_notes"] = plain(form.get("cost_notes"), MAX_SHORT)
    rows, arranged = _edit_rows(form, _rows(form, "costs", COST_KEYS), BLANK_COST)
    c["more_costs"] = [_cost_row(row) for row in rows]
    joining = _parse_joining(form)
    c.update(joining.changes)
    if arranged:  # rows are being arranged: nothing is wrong yet
        parsed.again = True
        return parsed
    if c["free"] is None:
        p["free"] = "Say whether it costs anything"
    elif not c["free"]:
        _too_long(p, "cost_label", c["cost_label"], MAX_SHORT, "What the cost is for")
        problem = _amount_problem(c["cost_amount"], "Enter the cost, or choose ‘It is free’")
        if problem:
            p["cost_amount"] = problem
        c["more_costs"] = [row for row in c["more_costs"] if any(row.values())]
        for n, row in enumerate(c["more_costs"]):
            _check_cost(row, f"costs-{n}-", p)
    else:
        c["cost_amount"], c["more_costs"] = "", []  # free: there are no costs
    p.update(joining.problems)  # after the costs', in the order the page shows them
    return parsed


def _parse_joining(form) -> Parsed:
    """How people join, and how to book or be referred."""
    parsed = Parsed()
    c, p = parsed.changes, parsed.problems
    joining = form.get("how_to_join")
    c["how_to_join"] = joining if joining in {h.value for h in HowToJoin} else ""
    c["join_details"] = plain(form.get("join_details"), MAX_TEXT)
    if not c["how_to_join"]:
        p["how_to_join"] = "Choose how people join"
    elif c["how_to_join"] != HowToJoin.TURN_UP.value and not c["join_details"]:
        p["join_details"] = "Say how to book or who can refer people"
    return parsed


def _cost_row(row: dict) -> dict:
    return {
        "label": plain(row["label"], MAX_SHORT),
        "amount": _pounds(row["amount"]),
        "notes": plain(row["notes"], MAX_SHORT),
    }


def _check_cost(cost: dict, name: str, problems: dict) -> None:
    """A further cost needs what it is for and an amount, like the main cost."""
    if not cost["label"]:
        problems[name + "label"] = "Say what this cost is for, like ‘Annual membership’"
    _too_long(problems, name + "label", cost["label"], MAX_SHORT, "What the cost is for")
    if not cost["amount"]:
        problems[name + "amount"] = "Enter the cost in pounds, or remove this cost"
    else:
        problem = _amount_problem(cost["amount"], "Enter the cost, or remove this cost")
        if problem:
            problems[name + "amount"] = problem
    _too_long(problems, name + "notes", cost["notes"], MAX_SHORT, "Anything else about cost")


# --- contact ---------------------------------------------------------------------------------


def parse_contact(form, data: dict) -> Parsed:
    parsed = Parsed()
    c, p = parsed.changes, parsed.problems
    c["contact_name"] = plain(form.get("contact_name"), 100)
    c["contact_email"] = (form.get("contact_email") or "").strip()
    c["contact_phone"] = (form.get("contact_phone") or "").strip()
    c["website"] = web_address(form.get("website"))
    if c["contact_email"]:
        try:
            c["contact_email"] = validate_email(
                c["contact_email"], check_deliverability=False
            ).normalized
        except EmailNotValidError:
            p["contact_email"] = "Enter an email address like name@example.com"
    digits = re.sub(r"[\s()-]", "", c["contact_phone"])
    if c["contact_phone"] and not re.match(r"^(\+44|0)\d{9,10}$", digits):
        p["contact_phone"] = "Enter a UK phone number, like 01344 352000 or 07700 900123"
    if c["website"] and not _WEB.match(c["website"]):
        p["website"] = "Enter a web address starting https://, like https://example.org"
    if not (c["contact_email"] or c["contact_phone"] or c["website"]):
        p["contact_email"] = "Give at least one way to get in touch: email, phone or website"
    return parsed


# --- accessibility and needs -------------------------------------------------------------------


def parse_access(form, data: dict) -> Parsed:
    parsed = Parsed()
    places = [dict(place) for place in data.get("places") or []]
    for n, place in enumerate(places):
        if place.get("kind") != "online":
            place["access"] = _codes(form, f"places-{n}-access", ACCESSIBILITY)
    parsed.changes["places"] = places
    parsed.changes["access_details"] = plain(form.get("access_details"), MAX_TEXT)
    return parsed


def parse_needs(form, data: dict) -> Parsed:
    parsed = Parsed()
    parsed.changes["needs"] = _codes(form, "needs", set(term_names("needs")))
    if not parsed.changes["needs"]:
        parsed.problems["needs"] = "Choose at least one need it helps with"
    elif len(parsed.changes["needs"]) > MAX_NEEDS:
        parsed.problems["needs"] = f"Choose up to {MAX_NEEDS}: the ones it helps with most"
    return parsed


# --- the steps, in order -------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    parse: Callable[[object, dict], Parsed]


STEPS = (
    Step("about", "What it is", parse_about),
    Step("who", "Who it is for", parse_who),
    Step("when", "When it happens", parse_when),
    Step("where", "Where it happens", parse_where),
    Step("cost", "Cost and how to join", parse_cost),
    Step("contact", "Contact details", parse_contact),
    Step("access", "Accessibility", parse_access),
    Step("needs", "Needs it helps with", parse_needs),
)
STEP_KEYS = tuple(step.key for step in STEPS)


def step(key: str) -> Step | None:
    return next((s for s in STEPS if s.key == key), None)


def next_step(key: str) -> str | None:
    index = STEP_KEYS.index(key)
    return STEP_KEYS[index + 1] if index + 1 < len(STEP_KEYS) else None


def still_needed(data: dict) -> list[tuple[str, str]]:
    """(step key, what is missing) for a listing that is not ready to submit."""
    data = {**empty_listing(), **data}
    missing = []
    if not data["name"] or len(data["description"]) < 20:
        missing.append(("about", "the name and what happens"))
    if not data["sessions"] and not data["schedule_note"]:
        missing.append(("when", "when it happens"))
    if not data["places"]:
        missing.append(("where", "where it happens"))
    if data["free"] is None or not data["how_to_join"]:
        missing.append(("cost", "whether it costs anything and how people join"))
    if not (data["contact_email"] or data["contact_phone"] or data["website"]):
        missing.append(("contact", "a way to get in touch"))
    if not data["needs"]:
        missing.append(("needs", "the needs it helps with"))
    return missing

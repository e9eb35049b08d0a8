"""The "when" step: sessions (weekly, fortnightly, monthly on a weekday, once) and their times,
as people type them ("10.30", "2pm", "noon").
"""

from __future__ import annotations

import re
from datetime import date, time

from portal.directory.schedules import format_time
from portal.listings.data import (
    DAY_CODES,
    PATTERNS,
    WEEKS,
)
from portal.listings.steps.rows import MAX_SHORT, Parsed, edit_rows, rows_of
from portal.text import plain

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


SESSION_KEYS = ("pattern", "day", "week", "date", "opens_at", "closes_at", "note")


BLANK_SESSION = dict.fromkeys(SESSION_KEYS, "")


def parse_when(form, data: dict) -> Parsed:
    parsed = Parsed()
    rows = rows_of(form, "sessions", (*SESSION_KEYS, "valid_from", "valid_to"))
    rows, arranged = edit_rows(form, rows, BLANK_SESSION)  # numbered as on the page
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

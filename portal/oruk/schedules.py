"""An ORUK service's schedules as our listing's sessions.

We hold four kinds of session: every week, every other week (WEEKLY with interval 2), once a
month on the first to fourth or last weekday (MONTHLY, byday "2TU" or "-1FR"), and a one-off
(no freq, dtstart = its date). A schedule naming several days ("MO,WE") becomes one session
per day; MONTHLY with plain days ("TU") means every such day, so it is read as weekly. A
schedule with days but no freq is read as weekly, with a warning.

Anything else (DAILY, YEARLY, bymonthday, byweekno, byyearday, count, an interval we do not
offer, a fifth weekday) cannot be shown as sessions: the record keeps a warning and the
schedule's description (or, without one, the rule in words) goes into the listing's
`schedule_note`, so the times are never silently lost.
"""

from __future__ import annotations

import re
from datetime import date

from portal.directory import schedules as ours
from portal.oruk.fields import Fields, quoted

DAY_CODES = ours.DAY_CODES
DAY_NAMES = dict(zip(ours.DAY_CODES, ours.DAY_NAMES, strict=True))
WEEKS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
UNSUPPORTED_PARTS = ("bymonthday", "byweekno", "byyearday", "count")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_BYDAY = re.compile(r"^([+-]?\d{1,2})?([A-Z]{2})$")
NOTE_LIMIT = 2000  # a generated or kept note; descriptions longer than this are cut
ROW_LIMIT = 50  # sessions kept from one record (our form offers 10)


class Unrepresentable(Exception):
    """This schedule cannot be shown as our sessions; str() says why, for the warning."""


def _time(fields: Fields, value: object, path: str, what: str) -> str:
    text = fields.text(value, path, what)
    if not text:
        return ""
    match = _TIME.match(text)
    if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
        return f"{int(match.group(1)):02d}:{match.group(2)}"
    fields.warn(path, f"{what} {quoted(text)} is not a time like 10:00; it was left out.")
    return ""


def _base(fields: Fields, schedule: dict, path: str) -> dict:
    """What every session made from this schedule shares."""
    note = " ".join(
        part
        for part in (
            fields.text(schedule.get("description"), f"{path}.description", "The description"),
            fields.text(schedule.get("notes"), f"{path}.notes", "The notes"),
        )
        if part
    )
    valid_to = fields.day(schedule.get("valid_to"), f"{path}.valid_to", "The last date")
    if valid_to is None and schedule.get("until"):
        valid_to = fields.day(schedule.get("until"), f"{path}.until", "The end date")
    valid_from = fields.day(schedule.get("valid_from"), f"{path}.valid_from", "The first date")
    dtstart = fields.day(schedule.get("dtstart"), f"{path}.dtstart", "The start date")
    return {
        "pattern": "weekly",
        "day": "",
        "week": None,
        "date": dtstart.isoformat() if dtstart else "",
        "opens_at": _time(fields, schedule.get("opens_at"), f"{path}.opens_at", "The start time"),
        "closes_at": _time(fields, schedule.get("closes_at"), f"{path}.closes_at", "The end time"),
        "note": note,
        "valid_from": valid_from.isoformat() if valid_from else "",
        "valid_to": valid_to.isoformat() if valid_to else "",
    }


def _days(byday: str) -> list[tuple[int | None, str]]:
    """'1TU,-1FR' -> [(1, 'TU'), (-1, 'FR')]."""
    days = []
    for part in (p.strip() for p in byday.split(",")):
        match = _BYDAY.match(part)
        if not part:
            continue
        if not match or match.group(2) not in DAY_CODES:
            raise Unrepresentable(f"its day {quoted(part)} is not a day like MO or 2TU")
        days.append((int(match.group(1)) if match.group(1) else None, match.group(2)))
    return days


def _weekly(base: dict, days: list[tuple[int | None, str]], interval: int) -> list[dict]:
    if interval not in (1, 2):
        raise Unrepresentable(f"it repeats every {interval} weeks")
    if any(nth is not None for nth, _day in days):
        raise Unrepresentable("a weekly schedule names a numbered weekday")
    pattern = "fortnightly" if interval == 2 else "weekly"
    return [{**base, "pattern": pattern, "day": day} for _nth, day in days]


def _monthly(base: dict, days: list[tuple[int | None, str]], interval: int) -> list[dict]:
    if interval != 1:
        raise Unrepresentable(f"it repeats every {interval} months")
    if not days:
        raise Unrepresentable("a monthly schedule without weekdays falls on a day of the month")
    sessions = []
    for nth, day in days:
        if nth is None:  # every such weekday of the month: every week
            sessions.append({**base, "pattern": "weekly", "day": day})
        elif nth in WEEKS:
            sessions.append({**base, "pattern": "monthly", "day": day, "week": nth})
        else:
            raise Unrepresentable(f"it falls on weekday number {nth} of the month")
    return sessions


def _sessions(fields: Fields, schedule: dict, path: str) -> list[dict]:
    """The sessions one schedule means; raises Unrepresentable."""
    base = _base(fields, schedule, path)
    given = fields.text(schedule.get("freq"), f"{path}.freq", "The frequency")
    freq = given.upper()
    if given != freq and freq in ("WEEKLY", "MONTHLY"):
        fields.warn(
            f"{path}.freq", f"The frequency {quoted(given)} should be {freq}; read as such."
        )
    byday = fields.text(schedule.get("byday"), f"{path}.byday", "The days").upper()
    interval = fields.whole(schedule.get("interval"), f"{path}.interval", "The interval") or 1
    for part in UNSUPPORTED_PARTS:
        if schedule.get(part) not in (None, "", []):
            raise Unrepresentable(f"it uses {part}")
    days = _days(byday)
    if freq == "WEEKLY":
        if not days and base["date"]:
            days = [(None, DAY_CODES[date.fromisoformat(base["date"]).weekday()])]
        if not days:
            raise Unrepresentable("a weekly schedule has no day")
        return _weekly(base, days, interval)
    if freq == "MONTHLY":
        return _monthly(base, days, interval)
    if freq:
        raise Unrepresentable(f"its frequency {quoted(freq)} is not WEEKLY or MONTHLY")
    if base["date"]:
        return [{**base, "pattern": "once"}]
    if days:
        fields.warn(f"{path}.freq", "This schedule names days but no frequency; read as weekly.")
        return _weekly(base, days, 1)
    if base["opens_at"] or base["note"]:
        raise Unrepresentable("it has no day, frequency or date")
    return []


def _rule_text(schedule: dict) -> str:
    """The rule of a schedule we cannot show, in words, for when it has no description."""
    freq = str(schedule.get("freq") or "").upper()
    words = {"DAILY": "Every day", "WEEKLY": "Weekly", "MONTHLY": "Monthly", "YEARLY": "Yearly"}
    parts = [words.get(freq, "")]
    byday = str(schedule.get("byday") or "")
    if byday:
        parts.append("on " + ", ".join(DAY_NAMES.get(d.strip()[-2:], d) for d in byday.split(",")))
    if schedule.get("bymonthday"):
        parts.append(f"on day {schedule['bymonthday']} of the month")
    opens, closes = schedule.get("opens_at"), schedule.get("closes_at")
    if opens:
        parts.append(f"from {str(opens)[:5]}" + (f" to {str(closes)[:5]}" if closes else ""))
    return " ".join(p for p in parts if p).strip()


RULE_PARTS = (
    "freq",
    "byday",
    "dtstart",
    "opens_at",
    "closes_at",
    "valid_from",
    "valid_to",
    "until",
    *UNSUPPORTED_PARTS,
)


def _only_words(schedule: dict) -> bool:
    """Whether a schedule is only a description: no rule, date or time."""
    has_rule = any(schedule.get(part) not in (None, "", []) for part in RULE_PARTS)
    return not has_rule and isinstance(schedule.get("description"), str)


def read_sessions(
    fields: Fields, schedules: list[tuple[str, dict]]
) -> tuple[list[dict], list[str]]:
    """(sessions, notes): our sessions, in order and without repeats, and the notes of the
    schedules we cannot show."""
    sessions: list[dict] = []
    notes: list[str] = []
    seen: set[tuple] = set()
    for path, schedule in schedules:
        if _only_words(schedule):  # a note about when it runs, as we publish ours
            note = _base(fields, schedule, path)["note"][:NOTE_LIMIT]
            if note and note not in notes:
                notes.append(note)
            continue
        try:
            made = _sessions(fields, schedule, path)
        except Unrepresentable as why:
            described = _base(Fields(), schedule, path)["note"]
            note = (described or _rule_text(schedule))[:NOTE_LIMIT]
            if described:
                kept = "its description was kept as a note about when it runs."
            else:
                kept = f"it was kept as a note: {quoted(note)}." if note else "it was left out."
            fields.warn(
                path,
                "This schedule cannot be shown as our weekly, fortnightly, monthly or one-off "
                f"sessions ({why}); {kept}",
            )
            if note and note not in notes:
                notes.append(note)
            continue
        for made_session in made:
            key = tuple(made_session.items())
            if key not in seen:
                seen.add(key)
                sessions.append(made_session)
    if len(sessions) > ROW_LIMIT:
        fields.warn(
            "schedules",
            f"It has {len(sessions):,} sessions; only the first {ROW_LIMIT} were kept.",
        )
    return sessions[:ROW_LIMIT], notes[:ROW_LIMIT]

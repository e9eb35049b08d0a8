"""Schedules in plain English, and when the next session is.

A schedule is WEEKLY (interval 1 or 2), MONTHLY on the nth weekday ("1TU", "-1FR"),
or a one-off date (no `freq`). All calculations take `today` so they are testable.
"""

from __future__ import annotations

import calendar
from datetime import date, time, timedelta
from typing import Protocol

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}


class ScheduleLike(Protocol):
    """What these functions read of a schedule: a stored row, or a frozen summary of one."""

    @property
    def freq(self) -> str | None: ...
    @property
    def interval(self) -> int: ...
    @property
    def byday(self) -> str | None: ...
    @property
    def dtstart(self) -> date | None: ...
    @property
    def valid_from(self) -> date | None: ...
    @property
    def valid_to(self) -> date | None: ...
    @property
    def opens_at(self) -> time | None: ...
    @property
    def closes_at(self) -> time | None: ...


def parse_byday(byday: str) -> tuple[int | None, int]:
    """'TU' -> (None, 1); '1TU' -> (1, 1); '-1FR' -> (-1, 4)."""
    code = byday[-2:].upper()
    if code not in DAY_CODES:
        raise ValueError(f"Unknown day code in {byday!r}")
    prefix = byday[:-2]
    return (int(prefix) if prefix else None), DAY_CODES.index(code)


def format_time(value: time) -> str:
    """10:00 -> '10am', 14:30 -> '2:30pm', 12:00 -> '12 noon'."""
    if value.hour == 12 and value.minute == 0:
        return "12 noon"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def format_date(value: date) -> str:
    """'Tuesday 1 December 2026'."""
    return (
        f"{DAY_NAMES[value.weekday()]} {value.day} {calendar.month_name[value.month]} {value.year}"
    )


def _times(schedule: ScheduleLike) -> str:
    if schedule.opens_at and schedule.closes_at:
        return f", {format_time(schedule.opens_at)} to {format_time(schedule.closes_at)}"
    if schedule.opens_at:
        return f", from {format_time(schedule.opens_at)}"
    return ""


def describe(schedule: ScheduleLike) -> str:
    """Plain English: 'Every Tuesday, 10am to 12 noon'."""
    if not schedule.freq:
        return (format_date(schedule.dtstart) if schedule.dtstart else "Date to be confirmed") + (
            _times(schedule)
        )
    nth, weekday = parse_byday(schedule.byday or "MO")
    day = DAY_NAMES[weekday]
    if schedule.freq == "MONTHLY":
        text = f"The {ORDINALS.get(nth or 1, f'{nth}th')} {day} of every month"
    elif schedule.interval == 2:
        text = f"Every other {day}"
    elif schedule.interval > 2:
        text = f"Every {schedule.interval} weeks on {day}"
    else:
        text = f"Every {day}"
    return text + _times(schedule)


def _nth_weekday(year: int, month: int, nth: int, weekday: int) -> int | None:
    """Day of the month of the nth (or, negative, nth-from-last) weekday."""
    days = [
        d
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if date(year, month, d).weekday() == weekday
    ]
    index = nth - 1 if nth > 0 else nth
    return days[index] if -len(days) <= index < len(days) and days else None


def _monthly(schedule: ScheduleLike, start: date) -> date | None:
    nth, weekday = parse_byday(schedule.byday or "1MO")
    year, month = start.year, start.month
    for _ in range(24):
        day = _nth_weekday(year, month, nth or 1, weekday)
        if day and date(year, month, day) >= start:
            return date(year, month, day)
        month = month % 12 + 1
        year += month == 1
    return None


def _weekly(schedule: ScheduleLike, start: date) -> date:
    _, weekday = parse_byday(schedule.byday or "MO")
    candidate = start + timedelta(days=(weekday - start.weekday()) % 7)
    interval = max(schedule.interval or 1, 1)
    if interval > 1 and schedule.dtstart:
        weeks = (candidate - schedule.dtstart).days // 7
        candidate += timedelta(weeks=(-weeks) % interval)
    return candidate


def next_occurrence(schedule: ScheduleLike, today: date) -> date | None:
    """The date of the next session on or after `today`, or None if there are no more."""
    start = max(
        d
        for d in (today, schedule.valid_from, schedule.dtstart if schedule.freq else None)
        if d is not None
    )
    if not schedule.freq:
        found = schedule.dtstart if schedule.dtstart and schedule.dtstart >= today else None
    elif schedule.freq == "MONTHLY":
        found = _monthly(schedule, start)
    else:
        found = _weekly(schedule, start)
    if found and schedule.valid_to and found > schedule.valid_to:
        return None
    return found


def next_session(schedules: list[ScheduleLike], today: date) -> tuple[date, ScheduleLike] | None:
    """The soonest upcoming session across several schedules."""
    upcoming = [(d, s) for s in schedules if (d := next_occurrence(s, today))]
    return min(upcoming, key=lambda pair: pair[0]) if upcoming else None

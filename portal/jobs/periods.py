"""Periods as windows of UTC time, so "once per period" is exact on every machine.

A period of length P splits time into windows that start at whole multiples of P since
1970-01-01 00:00 UTC: a day is the UTC date, an hour the UTC hour, five minutes 14:00, 14:05 and
so on. A job is due while the window it last finished in is older than the current one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
DAY, HOUR, MINUTE = timedelta(days=1), timedelta(hours=1), timedelta(minutes=1)
_WORDS = {"daily": DAY, "hourly": HOUR}
_UNITS = {"m": MINUTE, "min": MINUTE, "h": HOUR, "d": DAY}
_SPOKEN = re.compile(r"^(\d+)\s*(m|mins?|minutes?|h|hours?|d|days?)$")


class PeriodProblem(ValueError):
    """A period setting that cannot be read; the message says what to write instead."""


@dataclass(frozen=True)
class Window:
    """One period: from `start` (included) to `end` (excluded), and its key as people read it."""

    start: datetime
    end: datetime
    key: str


def parse_period(text: str) -> timedelta:
    """ "daily", "hourly", "5m", "30 minutes", "2h", "1d" as a length of time (a minute or more)."""
    spoken = text.strip().lower()
    if spoken in _WORDS:
        return _WORDS[spoken]
    found = _SPOKEN.match(spoken)
    if found is None or int(found.group(1)) < 1:
        raise PeriodProblem(
            f"{text.strip()!r} is not a period: write daily, hourly, or a number of minutes, "
            "hours or days such as 5m, 2h or 1d"
        )
    unit = found.group(2)
    return int(found.group(1)) * _UNITS[unit if unit in _UNITS else unit[0]]


def window(period: timedelta, now: datetime) -> Window:
    """The window of `period` that `now` (aware, any zone) falls in."""
    moment = now.astimezone(UTC)
    start = EPOCH + ((moment - EPOCH) // period) * period
    return Window(start, start + period, window_key(period, start))


def window_key(period: timedelta, start: datetime) -> str:
    """The UTC date for whole days, the hour for whole hours, otherwise the minute."""
    if period % DAY == timedelta(0):
        return f"{start:%Y-%m-%d}"
    if period % HOUR == timedelta(0):
        return f"{start:%Y-%m-%d %H}:00"
    return f"{start:%Y-%m-%d %H:%M}"


def period_text(period: timedelta) -> str:
    """ "every day", "every hour", "every 5 minutes", "every 2 days"."""
    for unit, one in ((DAY, "day"), (HOUR, "hour"), (MINUTE, "minute")):
        if period % unit == timedelta(0):
            count = period // unit
            return f"every {one}" if count == 1 else f"every {count} {one}s"
    return f"every {period}"

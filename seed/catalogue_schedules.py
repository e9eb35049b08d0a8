"""When the demo catalogue's activities meet: schedules drawn relative to the day it is built.

Kept apart from the generator (seed/catalogue.py) because it is all date arithmetic: weekly and
fortnightly sessions that started a while ago, monthly ones on the nth weekday, one-off events in
the coming weeks, and the phrases ("every other Tuesday morning") that describe them.
"""

from __future__ import annotations

import datetime
import random

from seed.catalogue_data import SEASONAL_EVENTS, Tpl

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = dict(
    zip(
        DAY_CODES,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
ONE_OFF_HORIZON_DAYS = 56
# Nothing reopens or holds a one-off event between Christmas Eve and New Year's Day.
HOLIDAY_START, HOLIDAY_END = (12, 24), (1, 1)


def clock(hhmm: str) -> str:
    hour, minute = (int(part) for part in hhmm.split(":"))
    suffix = "am" if hour < 12 else "pm"
    hour12 = hour % 12 or 12
    return f"{hour12}{suffix}" if minute == 0 else f"{hour12}:{minute:02d}{suffix}"


def _part_of_day(hhmm: str) -> str:
    hour = int(hhmm[:2])
    if hour < 12:
        return "morning"
    if hour < 14:
        return "lunchtime"
    return "afternoon" if hour < 17 else "evening"


def long_date(day: datetime.date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    if nth > 0:
        first = datetime.date(year, month, 1)
        return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last = next_month - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


def _months_back(day: datetime.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - months
    return index // 12, index % 12 + 1


def _in_holiday(day: datetime.date) -> bool:
    return (day.month, day.day) >= HOLIDAY_START or (day.month, day.day) <= HOLIDAY_END


def day_name(schedule: dict | None) -> str | None:
    if schedule is None:
        return None
    if schedule["freq"] is None:
        return f"{datetime.date.fromisoformat(schedule['dtstart']):%A}"
    return DAY_NAMES[schedule["byday"][-2:]]


def when(schedules: list[dict]) -> str | None:
    """The first schedule in words: "on Saturday 12 December", "every Tuesday morning"."""
    if not schedules:
        return None
    first = schedules[0]
    part = _part_of_day(first["opens_at"])
    if first["freq"] is None:
        return f"on {long_date(datetime.date.fromisoformat(first['dtstart']))}"
    day = DAY_NAMES[first["byday"][-2:]]
    if first["freq"] == "MONTHLY":
        return f"on the {ORDINALS[int(first['byday'][:-2])]} {day} of every month"
    if len(schedules) > 1 and schedules[1]["freq"] == "WEEKLY":
        return f"on {day}s and {DAY_NAMES[schedules[1]['byday']]}s"
    return f"every other {day} {part}" if first["interval"] == 2 else f"every {day} {part}"


class Calendar:
    """Draws schedules and reopening dates from the builder's random generator.

    Sharing the generator (and drawing in a fixed order) is what keeps the whole catalogue a
    function of the seed and the day it is built.
    """

    def __init__(self, rng: random.Random, today: datetime.date) -> None:
        self.rng = rng
        self.today = today

    def schedules(self, tpl: Tpl) -> list[dict]:
        kind = self.rng.choice(tpl.sched)
        days = tpl.days.split()
        times = self.rng.choice(tpl.times)
        if kind == "none":
            return []
        if kind == "oneoff":
            event = self._one_off(days, times, tpl.note)
            if tpl.note == "seasonal":
                event["description"] = self._seasonal(event["dtstart"])
            return [event]
        if kind == "monthly":
            return [self._monthly(self.rng.choice(days), times)]
        if kind == "twice" and len(days) > 1:
            first, second = sorted(self.rng.sample(days, 2), key=DAY_CODES.index)
            return [
                self._weekly(first, 1, times, tpl.note),
                self._weekly(second, 1, times, tpl.note),
            ]
        interval = 2 if kind == "fortnightly" else 1
        weekly = self._weekly(self.rng.choice(days), interval, times, tpl.note)
        if kind != "plus":
            return [weekly]
        event = self._one_off([weekly["byday"]], times, None)
        event["description"] = self._seasonal(event["dtstart"])
        return [weekly, event]

    def reopening(self, schedules: list[dict]) -> datetime.date:
        """A date two weeks to three months ahead, on the session's day and outside the holiday."""
        day = self.today + datetime.timedelta(days=self.rng.randint(14, 90))
        weekday = DAY_CODES.index(schedules[0]["byday"][-2:]) if schedules else None
        while _in_holiday(day) or (weekday is not None and day.weekday() != weekday):
            day += datetime.timedelta(days=1)
        return day

    def _seasonal(self, iso_date: str) -> str:
        day = datetime.date.fromisoformat(iso_date)
        month = 1 if (day.month, day.day) > (12, 23) else day.month
        return self.rng.choice(SEASONAL_EVENTS[month])

    def _weekly(self, day: str, interval: int, times: str, note: str | None) -> dict:
        weekday = DAY_CODES.index(day)
        latest = self.today - datetime.timedelta(days=(self.today.weekday() - weekday) % 7)
        start = latest - datetime.timedelta(weeks=self.rng.randint(1, 90))
        opens, closes = times.split("-")
        return {
            "freq": "WEEKLY",
            "interval": interval,
            "byday": day,
            "opens_at": opens,
            "closes_at": closes,
            "dtstart": start.isoformat(),
            "description": note,
        }

    def _monthly(self, day: str, times: str) -> dict:
        nth = self.rng.choice((1, 2, 3, 4, -1))
        year, month = _months_back(self.today, self.rng.randint(1, 18))
        start = nth_weekday(year, month, DAY_CODES.index(day), nth)
        opens, closes = times.split("-")
        return {
            "freq": "MONTHLY",
            "interval": 1,
            "byday": f"{nth}{day}",
            "opens_at": opens,
            "closes_at": closes,
            "dtstart": start.isoformat(),
            "description": None,
        }

    def _one_off(self, days: list[str], times: str, note: str | None) -> dict:
        window = [
            self.today + datetime.timedelta(days=n) for n in range(4, ONE_OFF_HORIZON_DAYS + 1)
        ]
        fits = [d for d in window if DAY_CODES[d.weekday()] in days]
        day = self.rng.choice([d for d in fits if not _in_holiday(d)] or fits)
        opens, closes = times.split("-")
        return {
            "freq": None,
            "dtstart": day.isoformat(),
            "opens_at": opens,
            "closes_at": closes,
            "description": note,
        }

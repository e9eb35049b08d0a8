"""The commissioners' report's date range: referrals made from one day to another, both
included, read from two GOV.UK date inputs (day, month and year fields each) with GOV.UK's
messages for a date that is missing a part or is not real; blank means the year up to today.
The insights pages narrow by the same range.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from portal.validation import ValidationFailed


@dataclass(frozen=True)
class DateRange:
    """Referrals made from `start` to `end`, both days included."""

    start: date
    end: date

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        first = datetime.combine(self.start, time(), tzinfo=UTC)
        return first, datetime.combine(self.end + timedelta(days=1), time(), tzinfo=UTC)


class RangeInvalid(ValidationFailed):
    """A date that is not a date, or a range that ends before it starts: a message each."""

    def __init__(self, problems: dict[str, str]) -> None:
        field_name, message = next(iter(problems.items()))
        super().__init__(field_name, message)
        self.problems = problems


def a_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def parse_range(start_text: str | None, end_text: str | None, today: date) -> DateRange:
    """Dates as YYYY-MM-DD (what a date input sends); blank means the year up to today."""
    problems: dict[str, str] = {}
    days: dict[str, date] = {}
    for name, text, default, label in (
        ("start", start_text, a_year_before(today), "start"),
        ("end", end_text, today, "end"),
    ):
        text = (text or "").strip()
        try:
            days[name] = date.fromisoformat(text) if text else default
        except ValueError:
            problems[name] = f"Enter the {label} date as a real date, like 2026-03-31"
    if not problems and days["end"] < days["start"]:
        problems["end"] = "The end date must be the same as or after the start date"
    if problems:
        raise RangeInvalid(problems)
    return DateRange(days["start"], days["end"])


# --- the report's dates as GOV.UK date inputs: day, month and year fields -------------------

DATE_PARTS = ("day", "month", "year")


class DatesInvalid(RangeInvalid):
    """As RangeInvalid, keyed by the first wrong field (`start-month`), with every wrong
    field by date in `wrong` (those fields are marked, as GOV.UK's date input asks)."""

    def __init__(self, problems: dict[str, str], wrong: dict[str, list[str]]) -> None:
        super().__init__(problems)
        self.wrong = wrong


def typed_dates(args: Mapping) -> dict[str, dict[str, str]]:
    """`start` and `end` as typed into their day, month and year fields; an address with
    `start=2026-02-01` (as links and bookmarks made before these fields have) is split up."""
    typed = {}
    for name in ("start", "end"):
        parts = {part: (args.get(f"{name}-{part}") or "").strip()[:10] for part in DATE_PARTS}
        whole = (args.get(name) or "").strip()[:20]
        if whole and not any(parts.values()):
            found = re.fullmatch(r"(\d{1,4})-(\d{1,2})-(\d{1,2})", whole)
            if found:
                parts = dict(zip(("year", "month", "day"), found.groups(), strict=True))
            else:
                parts["unreadable"] = whole
        typed[name] = parts
    return typed


def typed_as_parts(day: date) -> dict[str, str]:
    return {"day": str(day.day), "month": str(day.month), "year": str(day.year)}


def _one_date(name: str, parts: dict[str, str]) -> tuple[date | None, str, list[str]]:
    """The date, or what is wrong with it (GOV.UK's messages) and which fields are wrong."""
    label = f"The {name} date"
    if parts.get("unreadable"):
        return None, f"{label} must be a real date", list(DATE_PARTS)
    missing = [part for part in DATE_PARTS if not parts[part]]
    if missing:
        words = " and a ".join(missing)
        return None, f"{label} must include a {words}", missing
    not_numbers = [part for part in DATE_PARTS if not parts[part].isdigit()]
    if not_numbers:
        return None, f"{label} must be a real date", not_numbers
    if len(parts["year"]) != 4:
        return None, "The year must include 4 numbers", ["year"]
    day, month, year = (int(parts[part]) for part in DATE_PARTS)
    try:
        return date(year, month, day), "", []
    except ValueError:
        wrong = ["month"] if not 1 <= month <= 12 else ["day"]
        return None, f"{label} must be a real date", wrong


def read_range(typed: dict[str, dict[str, str]], today: date) -> DateRange:
    """The range from the two date inputs; a date left blank is the year up to today."""
    problems: dict[str, str] = {}
    wrong: dict[str, list[str]] = {}
    days: dict[str, date] = {}
    for name, default in (("start", a_year_before(today)), ("end", today)):
        parts = typed[name]
        if not any(parts.values()):
            days[name] = default
            continue
        found, message, bad = _one_date(name, parts)
        if found is None:
            problems[f"{name}-{bad[0]}"] = message
            wrong[name] = bad
        else:
            days[name] = found
    if not problems and days["end"] < days["start"]:
        problems["end-day"] = "The end date must be the same as or after the start date"
        wrong["end"] = list(DATE_PARTS)
    if problems:
        raise DatesInvalid(problems, wrong)
    return DateRange(days["start"], days["end"])

"""The commissioners' referral report's headline figures: referrals made, contacted, completed
and connected, and the wait for first contact, each against the same length of time just before
(`period_figures`, `previous_period`, `headlines`).

A headline count from 1 to k - 1 is "fewer than k", an average of fewer than k people is not
shown, and a percentage is not shown where it would give a small count away (the count, or the
count it leaves out, from 1 to k - 1); a change from the previous period is given only where
both periods' figures are shown.

Waiting times are calendar days (every day counts); working days skip weekends and England
and Wales bank holidays (`working_days.py`), counted to the part of a day, in UK time.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import case, exists, func, or_, select

from portal.db import as_utc
from portal.extensions import db
from portal.prescribing.models import (
    ClosureReason,
    Connection,
    Referral,
    ReferralState,
)
from portal.prescribing.outcomes.report_dates import DateRange
from portal.prescribing.outcomes.reports import figure_text
from portal.prescribing.working_days import BANK_HOLIDAYS, LONDON, local_date
from portal.suppression import cell

# ---------------------------------------------------------------------------------------------
# Working days between two moments

_EPOCH = date(2000, 1, 3)  # a Monday
_WEEKDAY_HOLIDAYS = sorted(day for day in BANK_HOLIDAYS if day.weekday() < 5)


def _working_days_before(day: date) -> int:
    """Working days from _EPOCH up to the day before `day` (negative before _EPOCH)."""
    weeks, rest = divmod((day - _EPOCH).days, 7)
    weekdays = weeks * 5 + min(rest, 5)
    return weekdays - (bisect_left(_WEEKDAY_HOLIDAYS, day) - bisect_left(_WEEKDAY_HOLIDAYS, _EPOCH))


def _is_working_day(day: date) -> bool:
    return _working_days_before(day + timedelta(days=1)) > _working_days_before(day)


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC moments a UK day starts and ends (23 or 25 hours when the clocks change)."""
    start = datetime.combine(day, time(), tzinfo=LONDON).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=LONDON).astimezone(UTC)
    return start, end


def working_days_between(start: datetime, end: datetime) -> float:
    """The time from `start` to `end` that falls on working days (UK dates), in days: a
    referral made on Friday at 16:00 and answered on Monday at 10:00 waited 2.75 calendar
    days and 0.75 working days (Friday's last 8 hours and Monday's first 10)."""
    start, end = as_utc(start).astimezone(UTC), as_utc(end).astimezone(UTC)
    if end <= start:
        return 0.0
    first, last = local_date(start), local_date(end)
    seconds = 0.0
    if first == last:
        return (end - start).total_seconds() / 86400 if _is_working_day(first) else 0.0
    if _is_working_day(first):
        seconds += (_day_bounds(first)[1] - start).total_seconds()
    if _is_working_day(last):
        seconds += (end - _day_bounds(last)[0]).total_seconds()
    whole = _working_days_before(last) - _working_days_before(first + timedelta(days=1))
    return seconds / 86400 + max(whole, 0)


# ---------------------------------------------------------------------------------------------
# One period's headline figures


@dataclass(frozen=True)
class Waiting:
    """Days from referral to first contact, of the `count` referrals contacted."""

    count: int
    median: float | None = None
    mean: float | None = None
    median_working: float | None = None
    mean_working: float | None = None


def waiting_of(pairs: Iterable[tuple[datetime, datetime | None]]) -> Waiting:
    """Waiting from (made, first contact) pairs; ones never contacted are left out."""
    calendar, working = [], []
    for made, contact in pairs:
        if contact is None:
            continue
        elapsed = (as_utc(contact) - as_utc(made)).total_seconds()
        calendar.append(max(elapsed, 0) / 86400)
        working.append(working_days_between(made, contact))
    if not calendar:
        return Waiting(0)
    return Waiting(
        len(calendar),
        statistics.median(calendar),
        statistics.fmean(calendar),
        statistics.median(working),
        statistics.fmean(working),
    )


def made_in(period: DateRange) -> tuple:
    first, after = period.bounds
    return (Referral.created_at >= first, Referral.created_at < after)


def waiting_in(period: DateRange, *where) -> Waiting:
    """Waiting for the referrals made in `period` (and `where`)."""
    rows = db.session.execute(
        select(Referral.created_at, Referral.first_contact_at).where(
            *made_in(period), Referral.first_contact_at.is_not(None), *where
        )
    )
    return waiting_of(rows)


@dataclass(frozen=True)
class PeriodFigures:
    period: DateRange
    made: int
    contacted: int
    completed: int
    connected: int
    waiting: Waiting


def _connected():
    """Connected to something: an activity recorded, or closed as connected."""
    return or_(
        exists().where(Connection.referral_id == Referral.id),
        Referral.closure_reason == ClosureReason.CONNECTED,
    )


def period_figures(period: DateRange, *where) -> PeriodFigures:
    """The headline counts of the referrals made in `period` (and `where`), in one query."""
    one = lambda condition: func.coalesce(func.sum(case((condition, 1), else_=0)), 0)  # noqa: E731
    made, contacted, completed, connected = db.session.execute(
        select(
            func.count(),
            one(Referral.first_contact_at.is_not(None)),
            one(Referral.state == ReferralState.COMPLETED),
            one(_connected()),
        ).where(*made_in(period), *where)
    ).one()
    return PeriodFigures(
        period,
        int(made),
        int(contacted),
        int(completed),
        int(connected),
        waiting_in(period, *where),
    )


def previous_period(period: DateRange) -> DateRange:
    """The same number of days just before `period`."""
    days = (period.end - period.start).days + 1
    end = period.start - timedelta(days=1)
    return DateRange(end - timedelta(days=days - 1), end)


# ---------------------------------------------------------------------------------------------
# Headlines


@dataclass(frozen=True)
class Headline:
    name: str  # for the CSV
    label: str  # "Referrals made"
    value: str  # "52", "fewer than 5", "87%", "2.0 calendar days"
    detail: str  # "45 of 52", "1.0 working days"
    previous: str  # the same figure for the previous period
    change: str  # "Up 12 from the previous period (40)"


def _shown(count: int, k: int) -> bool:
    return not cell(count, k).hidden


def _percent(part: int, whole: int, k: int) -> float | None:
    """The share, or None where it is hidden: too few referrals, or it would give a small
    count away (the part, or what it leaves out)."""
    if whole == 0 or whole < k or not _shown(part, k) or not _shown(whole - part, k):
        return None
    return 100 * part / whole


def _percent_text(part: int, whole: int, k: int) -> str:
    """The share as a percentage, or in words where a percentage would give a count away."""
    share = _percent(part, whole, k)
    if share is not None:
        return f"{share:.0f}%"
    if whole == 0:
        return "no referrals"
    if whole < k:
        return "not shown (too few)"
    if not _shown(part, k):
        return f"fewer than {k}"
    return "nearly all"


def _share_detail(part: int, whole: int, k: int, what: str) -> str:
    """The line under a percentage: the counts behind it, or what "nearly all" means."""
    if _percent(part, whole, k) is not None:
        return f"{part:,} of {whole:,} referrals {what}"
    if whole >= k and _shown(part, k) and not _shown(whole - part, k):
        return f"All but fewer than {k} of {whole:,} referrals"
    return ""


def _days(value: float | None, count: int, k: int, unit: str) -> str:
    text = figure_text(value, count, k)
    return f"{text} {unit}" if text[:1].isdigit() else text


def _count_change(now: int, before: int, k: int) -> str:
    if not (_shown(now, k) and _shown(before, k)):
        return f"Previous period: {cell(before, k).text}"
    if now == before:
        return f"The same as the previous period ({before:,})"
    way = "Up" if now > before else "Down"
    return f"{way} {abs(now - before):,} from the previous period ({before:,})"


def _percent_change(now: float | None, before: float | None, before_text: str) -> str:
    if now is None or before is None:
        return f"Previous period: {before_text}"
    points = round(now) - round(before)
    if points == 0:
        return f"The same as the previous period ({before_text})"
    way = "Up" if points > 0 else "Down"
    unit = "percentage point" if abs(points) == 1 else "percentage points"
    return f"{way} {abs(points)} {unit} from the previous period ({before_text})"


def _wait_change(now: Waiting, before: Waiting, k: int) -> str:
    before_text = _days(before.median, before.count, k, "days")
    if now.median is None or before.median is None or now.count < k or before.count < k:
        return f"Previous period: {before_text}"
    difference = round(now.median, 1) - round(before.median, 1)
    if abs(difference) < 0.05:
        return f"The same as the previous period ({before_text})"
    way = "longer" if difference > 0 else "shorter"
    return f"{abs(difference):.1f} days {way} than the previous period ({before_text})"


def headlines(now: PeriodFigures, before: PeriodFigures, k: int) -> list[Headline]:
    """Referrals made, % contacted, median wait, % completed, % connected: each with the
    previous period's figure and the change where both are shown."""
    rows = [
        Headline(
            "made",
            "Referrals made",
            cell(now.made, k).text,
            "",
            cell(before.made, k).text,
            _count_change(now.made, before.made, k),
        )
    ]
    for name, label, part, before_part, what in (
        ("contacted", "Contacted", now.contacted, before.contacted, "contacted"),
        ("completed", "Completed", now.completed, before.completed, "completed"),
        ("connected", "Connected to an activity", now.connected, before.connected, "connected"),
    ):
        share = _percent(part, now.made, k)
        before_share = _percent(before_part, before.made, k)
        before_text = _percent_text(before_part, before.made, k)
        rows.append(
            Headline(
                name,
                label,
                _percent_text(part, now.made, k),
                _share_detail(part, now.made, k, what),
                before_text,
                _percent_change(share, before_share, before_text),
            )
        )
    wait = now.waiting
    rows.append(
        Headline(
            "median-wait",
            "Median wait for first contact",
            _days(wait.median, wait.count, k, "calendar days"),
            _days(wait.median_working, wait.count, k, "working days")
            if wait.count >= k and wait.median is not None
            else "",
            _days(before.waiting.median, before.waiting.count, k, "calendar days"),
            _wait_change(wait, before.waiting, k),
        )
    )
    return rows

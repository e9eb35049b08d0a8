"""Working days, and when a new referral becomes overdue.

Working days skip Saturdays, Sundays and the England and Wales bank holidays in
`BANK_HOLIDAYS` (2025 to 2028, from gov.uk/bank-holidays; add the next years' dates when they
are announced, or the reminders will fall due on those holidays: a test fails from 1 January
of the table's last year). Dates are in UK time.

A referral still new after PORTAL_REFERRAL_REMINDER_DAYS (5) working days is overdue from the
moment its last working day ends: made on a Friday, it is due by the end of the next Friday;
made on a Saturday, Monday is its first working day, so it too is due that Friday.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.db import as_utc
from portal.extensions import db
from portal.prescribing.models import Referral, ReferralState

LONDON = ZoneInfo("Europe/London")

#: England and Wales bank holidays (substitute days where one falls at a weekend).
BANK_HOLIDAYS: frozenset[date] = frozenset(
    date.fromisoformat(day)
    for day in (
        # 2025
        "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
        "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
        # 2026 (Boxing Day is a Saturday: Monday 28th instead)
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
        "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
        # 2027 (Christmas at the weekend: Monday 27th and Tuesday 28th)
        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
        "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
        # 2028 (New Year's Day is a Saturday: Monday 3rd instead)
        "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01",
        "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26",
    )
)  # fmt: skip


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def add_working_days(start: date, days: int) -> date:
    """The day `days` working days after `start` (which does not count itself)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def local_date(moment: datetime) -> date:
    return as_utc(moment).astimezone(LONDON).date()


def due_on(referral: Referral) -> date:
    """The last working day by which a new referral should have been actioned."""
    days = current_app.config["PORTAL_REFERRAL_REMINDER_DAYS"]
    return add_working_days(local_date(referral.created_at), days)


def working_days_overdue(referral: Referral, now: datetime) -> int:
    """How many working days late a still-new referral is (0 if it is not).

    A weekend or bank holiday after the due day counts towards the next working day, so a
    referral due on Friday is 1 day late all weekend and on Monday, 2 on Tuesday."""
    if referral.state is not ReferralState.NEW or referral.anonymised_at is not None:
        return 0
    due, today = due_on(referral), local_date(now)
    if today <= due:
        return 0
    late, day = 0, due
    while day < today or not is_working_day(day):
        day += timedelta(days=1)
        if is_working_day(day):
            late += 1
    return late


def overdue_referrals(now: datetime) -> list[Referral]:
    """New referrals not actioned in time, the longest waiting first (with their service and
    organisation loaded: the overdue list and the reminders show both)."""
    days = current_app.config["PORTAL_REFERRAL_REMINDER_DAYS"]
    # Cheap first cut: n working days are at least n calendar days.
    cut = as_utc(now) - timedelta(days=days)
    candidates = db.session.scalars(
        select(Referral)
        .where(
            Referral.state == ReferralState.NEW,
            Referral.anonymised_at.is_(None),
            Referral.created_at <= cut,
        )
        .order_by(Referral.created_at)
        .options(selectinload(Referral.service), selectinload(Referral.organisation))
    ).all()
    return [r for r in candidates if working_days_overdue(r, now) > 0]

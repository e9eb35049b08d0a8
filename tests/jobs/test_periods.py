"""Periods as windows of UTC time: what a setting means and which period a moment falls in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from portal.jobs.leases import holder_text
from portal.jobs.periods import DAY, HOUR, MINUTE, PeriodProblem, parse_period, period_text, window


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("daily", DAY),
        ("Hourly", HOUR),
        ("5m", 5 * MINUTE),
        ("30 minutes", 30 * MINUTE),
        ("1 min", MINUTE),
        ("2h", 2 * HOUR),
        ("1 day", DAY),
    ],
)
def test_periods_are_read_as_people_write_them(text, length):
    assert parse_period(text) == length


@pytest.mark.parametrize("text", ["", "weekly", "0m", "5s", "-1h", "1.5h"])
def test_a_period_that_cannot_be_read_is_refused(text):
    with pytest.raises(PeriodProblem, match="is not a period"):
        parse_period(text)


def test_a_day_is_the_utc_date_whatever_the_zone_of_the_moment():
    late_in_new_york = datetime(2026, 12, 6, 22, 30, tzinfo=timezone(timedelta(hours=-5)))

    found = window(DAY, late_in_new_york)

    assert found.key == "2026-12-07"
    assert (found.start, found.end) == (
        datetime(2026, 12, 7, tzinfo=UTC),
        datetime(2026, 12, 8, tzinfo=UTC),
    )


def test_hours_and_minutes_are_whole_windows_from_midnight():
    at = datetime(2026, 12, 6, 14, 7, 59, tzinfo=UTC)

    assert window(HOUR, at).key == "2026-12-06 14:00"
    assert window(5 * MINUTE, at).key == "2026-12-06 14:05"
    assert window(5 * MINUTE, at).end == datetime(2026, 12, 6, 14, 10, tzinfo=UTC)
    assert window(5 * MINUTE, at + timedelta(minutes=3)).key == "2026-12-06 14:10"


def test_periods_and_holders_read_plainly():
    assert [period_text(p) for p in (DAY, HOUR, 5 * MINUTE, 2 * DAY)] == [
        "every day",
        "every hour",
        "every 5 minutes",
        "every 2 days",
    ]
    assert holder_text("web-2:4312:a1b2c3") == "web-2 (process 4312)"

"""When does it run, in words a resident understands, and when is the next session?"""

from datetime import date, time

import pytest

from portal.directory.models import Schedule
from portal.directory.schedules import describe, format_time, next_occurrence, next_session


def make(freq="WEEKLY", byday="TU", interval=1, dtstart=date(2026, 1, 6), **kw) -> Schedule:
    return Schedule(
        freq=freq,
        byday=byday,
        interval=interval,
        dtstart=dtstart,
        opens_at=kw.pop("opens_at", time(10)),
        closes_at=kw.pop("closes_at", time(12)),
        **kw,
    )


@pytest.mark.parametrize(
    ("schedule", "text"),
    [
        (make(), "Every Tuesday, 10am to 12 noon"),
        (make(interval=2, byday="WE"), "Every other Wednesday, 10am to 12 noon"),
        (make("MONTHLY", "1MO"), "The first Monday of every month, 10am to 12 noon"),
        (make("MONTHLY", "-1FR"), "The last Friday of every month, 10am to 12 noon"),
        (
            make(None, None, dtstart=date(2026, 12, 5), opens_at=time(14), closes_at=time(16, 30)),
            "Saturday 5 December 2026, 2pm to 4:30pm",
        ),
    ],
)
def test_schedules_read_as_plain_english(schedule, text):
    assert describe(schedule) == text


def test_times_read_the_way_people_say_them():
    assert [format_time(t) for t in (time(9, 30), time(12), time(19), time(0, 15))] == [
        "9:30am",
        "12 noon",
        "7pm",
        "12:15am",
    ]


def test_weekly_next_session_is_the_coming_weekday_or_today():
    sunday, tuesday = date(2026, 11, 22), date(2026, 11, 24)
    assert next_occurrence(make(byday="TU"), sunday) == tuesday
    assert next_occurrence(make(byday="TU"), tuesday) == tuesday


def test_fortnightly_sessions_keep_to_their_anchor_week():
    schedule = make(byday="TU", interval=2, dtstart=date(2026, 11, 17))
    assert next_occurrence(schedule, date(2026, 11, 18)) == date(2026, 12, 1)
    assert next_occurrence(schedule, date(2026, 12, 1)) == date(2026, 12, 1)
    assert next_occurrence(schedule, date(2026, 12, 2)) == date(2026, 12, 15)


def test_monthly_nth_and_last_weekday_roll_into_next_month():
    assert next_occurrence(make("MONTHLY", "1MO"), date(2026, 11, 22)) == date(2026, 12, 7)
    assert next_occurrence(make("MONTHLY", "-1FR"), date(2026, 11, 22)) == date(2026, 11, 27)
    assert next_occurrence(make("MONTHLY", "-1FR"), date(2026, 11, 28)) == date(2026, 12, 25)


def test_one_off_sessions_are_over_once_the_day_has_passed():
    event = make(None, None, dtstart=date(2026, 12, 5))
    assert next_occurrence(event, date(2026, 12, 5)) == date(2026, 12, 5)
    assert next_occurrence(event, date(2026, 12, 6)) is None


def test_sessions_stop_at_valid_to_and_start_at_valid_from():
    ending = make(byday="TU", valid_to=date(2026, 11, 30))
    assert next_occurrence(ending, date(2026, 12, 1)) is None
    starting = make(byday="TU", valid_from=date(2027, 1, 1))
    assert next_occurrence(starting, date(2026, 11, 22)) == date(2027, 1, 5)


def test_next_session_is_the_soonest_of_several_schedules():
    tuesday, friday = make(byday="TU"), make(byday="FR")
    day, schedule = next_session([tuesday, friday], date(2026, 11, 25))
    assert (day, schedule) == (date(2026, 11, 27), friday)
    assert next_session([], date(2026, 11, 25)) is None

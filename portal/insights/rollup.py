"""Daily roll-ups of the search log, and how long its raw rows are kept.

The insights pages never read `search_log`: it grows by millions of rows a year. They read
`SearchDay` (searches per day, area and need, and how many found nothing or almost nothing)
and `SearchWordDay` (what was typed, for the searches that found nothing or almost nothing),
which `roll_up` writes from the raw rows, one day at a time:

* **Which days.** Every day that has raw rows and was never rolled up; every day rolled up
  before it was over (plus `GRACE` for searches committed late), since only those can still
  gain rows: in practice yesterday and today. A day whose roll-up was made after it ended is
  final and is left alone.
* **How.** One SQL GROUP BY over the day's raw rows by place, need filters, words typed and
  how many results (none, 1 to `FEW_RESULTS`, more), with counts; then each distinct place
  becomes an area (`area_for_place`) and each distinct text its needs (`needs_of_search`),
  both cached for the run, and the day's rows are replaced, in one transaction per day.
  Running it twice gives the same tables.
* **Two runs at once.** The day's `RolledUpDay` row is made if missing (INSERT ... ON
  CONFLICT DO NOTHING) and held (a row lock on PostgreSQL; SQLite's one write lock) before
  anything is counted, so a second run waits, then counts afresh or, when the first run
  rolled the day up at or after its own start, leaves it.
* **Retention.** Raw rows older than `PORTAL_SEARCH_LOG_KEEP_DAYS` (90) days are counted and
  deleted in the same transaction (on PostgreSQL the GROUP BY reads the rows the DELETE
  returns), so no raw row is ever deleted uncounted; the day's `raw_deleted_at` is set and
  its roll-up is never recounted again. A raw row that still turns up for such a day (a late
  import) is added to the day's counts and deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, insert, select, update

from portal.db import hold, insert_once
from portal.extensions import db
from portal.insights.areas import (
    current_areas,
    reach_km,
)
from portal.insights.coverage import ensure_fresh
from portal.insights.models import (
    RolledUpDay,
    SearchDay,
    SearchWordDay,
)
from portal.insights.rollup_counts import Counts, Mapper, count_raw, day_start, tally
from portal.search.models import SearchLog
from portal.search.services import thesaurus

DEFAULT_KEEP_DAYS = 90
#: A day rolled up less than this after it ended is rolled up again (searches are written on
#: a connection of their own and may commit a moment after their timestamp).
GRACE = timedelta(minutes=10)


@dataclass(frozen=True)
class RollupResult:
    days: int  # days counted afresh by this run
    searches: int  # searches in those days
    deleted: int  # raw search rows deleted
    skipped: int = 0  # days another run had just rolled up

    def __str__(self) -> str:
        return (
            f"{_plural(self.days, 'day')} rolled up ({_plural(self.searches, 'search', 'es')}), "
            f"{_plural(self.deleted, 'old raw search', 'es')} deleted"
        )


def _plural(count: int, word: str, ending: str = "s") -> str:
    return f"{count} {word}{'' if count == 1 else ending}"


def keep_days() -> int:
    """How many days raw searches are kept (`PORTAL_SEARCH_LOG_KEEP_DAYS`, 90 unless set)."""
    return max(0, int(current_app.config.get("PORTAL_SEARCH_LOG_KEEP_DAYS", DEFAULT_KEEP_DAYS)))


def utc(moment: datetime) -> datetime:
    """A moment as an aware UTC datetime (SQLite hands stored ones back naive, in UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# ---- which days --------------------------------------------------------------------------


def days_with_raw_rows() -> list[date]:
    """The UTC days that have raw search rows, oldest first: one index look-up per day
    (the least `created_at` from the start of the next day on), not a scan of the log."""
    days: list[date] = []
    first = db.session.scalar(select(func.min(SearchLog.created_at)))
    while first is not None:
        days.append(utc(first).date())
        first = db.session.scalar(
            select(func.min(SearchLog.created_at)).where(
                SearchLog.created_at >= day_start(days[-1] + timedelta(days=1))
            )
        )
    return days


def _due(day: date, rolled: dict[date, datetime], cutoff: date) -> bool:
    """Whether a day with raw rows needs counting: never rolled up, rolled up before it was
    over, old enough for its raw rows to go, or (deleted already) raw rows turned up again."""
    if day not in rolled or day < cutoff:
        return True
    return utc(rolled[day]) < day_start(day + timedelta(days=1)) + GRACE


# ---- counting one day --------------------------------------------------------------------


def _merge_existing(day: date, by_need: Counts, by_words: Counts) -> None:
    """Add the day's stored roll-up to fresh counts (for a day whose raw rows were deleted
    before: late rows are added to what was counted then)."""
    for area, need, *numbers in db.session.execute(
        select(
            SearchDay.area,
            SearchDay.need,
            SearchDay.searches,
            SearchDay.found_nothing,
            SearchDay.found_little,
        ).where(SearchDay.day == day)
    ):
        entry = by_need.setdefault((area, need), [0, 0, 0])
        for index, number in enumerate(numbers):
            entry[index] += number
    for words, area, *numbers in db.session.execute(
        select(
            SearchWordDay.words,
            SearchWordDay.area,
            SearchWordDay.searches,
            SearchWordDay.found_nothing,
            SearchWordDay.found_little,
        ).where(SearchWordDay.day == day)
    ):
        entry = by_words.setdefault((words, area), [0, 0, 0])
        for index, number in enumerate(numbers):
            entry[index] += number


def _replace(day: date, by_need: Counts, by_words: Counts) -> None:
    db.session.execute(delete(SearchDay).where(SearchDay.day == day))
    db.session.execute(delete(SearchWordDay).where(SearchWordDay.day == day))
    if by_need:
        db.session.execute(
            insert(SearchDay.__table__),
            [
                {
                    "day": day,
                    "area": area,
                    "need": need,
                    "searches": n[0],
                    "found_nothing": n[1],
                    "found_little": n[2],
                }
                for (area, need), n in sorted(by_need.items())
            ],
        )
    if by_words:
        db.session.execute(
            insert(SearchWordDay.__table__),
            [
                {
                    "day": day,
                    "words": words,
                    "area": area,
                    "searches": n[0],
                    "found_nothing": n[1],
                    "found_little": n[2],
                }
                for (words, area), n in sorted(by_words.items())
            ],
        )


@dataclass(frozen=True)
class DayOutcome:
    rolled: bool
    searches: int = 0
    deleted: int = 0


def roll_up_day(day: date, now: datetime, delete_raw: bool, mapper: Mapper) -> DayOutcome:
    """Count one day afresh and replace its roll-up, in one transaction (committed); with
    `delete_raw`, delete its raw rows in the same transaction. Holds the day's RolledUpDay
    row first, so two runs at once take turns; a day another run rolled up at or after `now`
    is left as it is, and a day whose raw rows were deleted only takes in late rows."""
    mapper.learn_places(day)
    db.session.commit()  # a transaction of its own, from here to the commit below
    made = insert_once(RolledUpDay, {"day": day, "rolled_at": now, "searches": 0})
    hold(RolledUpDay, day)
    rolled_at, deleted_at, searches_before = db.session.execute(
        select(RolledUpDay.rolled_at, RolledUpDay.raw_deleted_at, RolledUpDay.searches).where(
            RolledUpDay.day == day
        )
    ).one()
    merging = deleted_at is not None
    if not made and not merging and not delete_raw and utc(rolled_at) >= now:
        db.session.rollback()
        return DayOutcome(False)
    rows, deleted = count_raw(day, and_delete=delete_raw or merging)
    if merging and not rows:
        db.session.rollback()
        return DayOutcome(False)
    by_need, by_words, searches = tally(rows, mapper)
    if merging:
        _merge_existing(day, by_need, by_words)
    _replace(day, by_need, by_words)
    changes: dict[str, object] = {
        "rolled_at": now,
        "searches": searches + (searches_before if merging else 0),
    }
    if delete_raw and not merging:
        changes["raw_deleted_at"] = now
    db.session.execute(
        update(RolledUpDay)
        .where(RolledUpDay.day == day)
        .values(**changes)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return DayOutcome(True, searches, deleted)


def roll_up(
    now: datetime,
    progress: Callable[[date, DayOutcome], None] | None = None,
    *,
    keep_raw: bool = False,
):
    """Roll up every day that needs it (see the module's notes) and delete raw rows older
    than `keep_days()` (unless `keep_raw`: the demo loader keeps its year of searches for
    the job to delete); one committed transaction per day. `progress` hears of each day."""
    now = utc(now)
    ensure_fresh(now)
    mapper = Mapper(current_areas(), reach_km(), thesaurus())
    db.session.commit()
    rolled = dict(db.session.execute(select(RolledUpDay.day, RolledUpDay.rolled_at)).all())
    cutoff = date.min if keep_raw else now.date() - timedelta(days=keep_days())
    days = searches = deleted = skipped = 0
    for day in days_with_raw_rows():
        if not _due(day, rolled, cutoff):
            continue
        outcome = roll_up_day(day, now, day < cutoff, mapper)
        if progress is not None:
            progress(day, outcome)
        if outcome.rolled:
            days += 1
            searches += outcome.searches
        else:
            skipped += 1
        deleted += outcome.deleted
    return RollupResult(days, searches, deleted, skipped)

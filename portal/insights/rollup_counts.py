"""Counting one day of raw rows into the day's totals: searches, wishes and referrals grouped by
area, need and words, with each place mapped onto the areas it lies in (`Mapper`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
from sqlalchemy import and_, case, delete, func, literal_column, select

from portal.extensions import db
from portal.geo import find_place, postcode_district
from portal.geo.distance import EARTH_RADIUS_KM
from portal.insights.areas import (
    AreaView,
    area_for_place,
    town_areas,
)
from portal.insights.models import (
    ALL_AREAS,
    ALL_NEEDS,
    FEW_RESULTS,
    NO_NEED,
    OUTSIDE,
)
from portal.insights.needs import needs_of_search
from portal.search.models import SearchLog

WORDS_LENGTH = 100
NEED_LENGTH = 60
NOTHING, LITTLE, PLENTY = 0, 1, 2  # results: none, a few, enough


def day_start(day: date) -> datetime:
    """Midnight UTC at the start of `day`: days are counted in UTC."""
    return datetime.combine(day, time(0), UTC)


def normalise_words(text: str) -> str:
    """What a search typed, as `SearchWordDay` keeps it: lower case, spaces collapsed, cut."""
    return " ".join(text.lower().split())[:WORDS_LENGTH].rstrip()


def _bucket(results) -> object:
    return case(
        (results <= literal_column("0"), literal_column(str(NOTHING))),
        (results <= literal_column(str(FEW_RESULTS)), literal_column(str(LITTLE))),
        else_=literal_column(str(PLENTY)),
    )


def _grouped(source) -> object:
    """place, needs, lower(trim(text)), results bucket, count: the day's one GROUP BY."""
    columns = (
        source.c.place,
        source.c.needs,
        func.lower(func.trim(source.c.text)),
        _bucket(source.c.results),
    )
    return select(*columns, func.count()).group_by(*columns)


def _in_day(day: date):
    return and_(
        SearchLog.created_at >= day_start(day),
        SearchLog.created_at < day_start(day + timedelta(days=1)),
    )


def count_raw(day: date, and_delete: bool) -> tuple[list[tuple], int]:
    """The day's grouped raw rows, and how many raw rows were deleted (when asked). On
    PostgreSQL the counted rows are exactly the deleted ones (a DELETE ... RETURNING read by
    the GROUP BY); on SQLite this transaction holds the only write lock, so none can arrive
    between the count and the delete."""
    if and_delete and db.session.get_bind().dialect.name == "postgresql":
        gone = (
            delete(SearchLog)
            .where(_in_day(day))
            .returning(SearchLog.place, SearchLog.needs, SearchLog.text, SearchLog.results)
            .cte("gone")
        )
        rows = [tuple(row) for row in db.session.execute(_grouped(gone))]
        return rows, sum(row[-1] for row in rows)
    rows = [
        tuple(row) for row in db.session.execute(_grouped(SearchLog.__table__).where(_in_day(day)))
    ]
    if not and_delete:
        return rows, 0
    deleted = db.session.execute(
        delete(SearchLog).where(_in_day(day)).execution_options(synchronize_session=False)
    ).rowcount
    return rows, deleted


Counts = dict[tuple[str, str], list[int]]  # key -> [searches, found nothing, found little]


def _add(counts: Counts, key: tuple[str, str], count: int, bucket: int) -> None:
    entry = counts.get(key)
    if entry is None:
        entry = counts[key] = [0, 0, 0]
    entry[0] += count
    if bucket == NOTHING:
        entry[1] += count
    elif bucket == LITTLE:
        entry[2] += count


class Mapper:
    """Places to areas and searches to needs, each worked out once per run.

    A place is mapped by `area_for_place`'s rules; where those look for the nearest area
    (a town, or a district that is not an area) the nearest is found with arrays of the
    area centres rather than a Python loop: a run meets thousands of distinct places and a
    large directory has thousands of areas. `tests/insights/test_rollup.py` checks both agree.
    """

    def __init__(self, areas: list[AreaView], reach: float, thesaurus) -> None:
        self.areas, self.reach, self.thesaurus = areas, reach, thesaurus
        self.codes = {area.code for area in areas}
        self.towns = town_areas(self.codes)
        self._latitude = np.radians([area.latitude for area in areas])
        self._longitude = np.radians([area.longitude for area in areas])
        self._areas: dict[str, str] = {}
        self._needs: dict[tuple[str, str], list[str]] = {}

    def area(self, place: str) -> str:
        found = self._areas.get(place)
        if found is None:
            found = self._areas[place] = self._area(place)
        return found

    def _area(self, place: str) -> str:
        text = (place or "").strip()
        district = postcode_district(text) if text else None
        if not text or (district and district == text.upper() and district in self.codes):
            return area_for_place(place, self.areas, self.reach)  # no look-up needed
        if text.lower() in self.towns:
            return self.towns[text.lower()]
        found = find_place(text)
        if found is None or not self.areas:
            return OUTSIDE
        latitude, longitude = np.radians(found.latitude), np.radians(found.longitude)
        half = (
            np.sin((self._latitude - latitude) / 2) ** 2
            + np.cos(latitude)
            * np.cos(self._latitude)
            * np.sin((self._longitude - longitude) / 2) ** 2
        )
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(half))
        nearest = int(np.argmin(km))
        return self.areas[nearest].code if km[nearest] <= 2 * self.reach else OUTSIDE

    def learn_places(self, day: date) -> None:
        """Map the day's distinct places before its transaction starts, so the look-ups
        (a query or two each for a new place) are not made while holding the day's lock,
        which on SQLite is the database's one write lock."""
        for place in db.session.scalars(
            select(SearchLog.place).where(_in_day(day)).group_by(SearchLog.place)
        ):
            self.area(place or "")
        db.session.commit()

    def needs(self, text: str, needs: str) -> list[str]:
        key = (text, needs)
        found = self._needs.get(key)
        if found is None:
            codes = needs_of_search(text, needs, self.thesaurus)
            found = self._needs[key] = sorted({code[:NEED_LENGTH] for code in codes})
        return found


def tally(rows: Iterable[tuple], mapper: Mapper) -> tuple[Counts, Counts, int]:
    """SearchDay counts by (area, need), SearchWordDay counts by (words, area), each also
    under ALL_AREAS, and the number of searches, from the grouped raw rows."""
    by_need: Counts = {}
    by_words: Counts = {}
    total = 0
    for place, needs, text, bucket, count in rows:
        place, needs, text = place or "", needs or "", text or ""
        area = mapper.area(place)
        total += count
        for where in (area, ALL_AREAS):
            _add(by_need, (where, ALL_NEEDS), count, bucket)
            for need in mapper.needs(text, needs) or [NO_NEED]:
                _add(by_need, (where, need), count, bucket)
        if text and bucket != PLENTY:
            words = normalise_words(text)
            if words:
                _add(by_words, (words, area), count, bucket)
                _add(by_words, (words, ALL_AREAS), count, bucket)
    return by_need, by_words, total

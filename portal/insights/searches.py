"""What people searched for, from the daily roll-ups: how many a week by need and by area,
and the searches that found nothing or almost nothing, by need × area and by the words.

Every figure is one GROUP BY over the roll-up tables (a day, an area and a need per row), so
a year of a busy directory is a few thousand rows read, not millions. Words typed are shown
only when at least the suppression threshold of searches typed them, so nothing one person
typed (a name, an address) can appear.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select

from portal.extensions import db
from portal.insights.filters import Narrowing
from portal.insights.models import (
    ALL_AREAS,
    ALL_NEEDS,
    NO_AREA,
    NO_NEED,
    OUTSIDE,
    SearchDay,
    SearchWordDay,
)
from portal.insights.needs import needs_of_search
from portal.insights.stored import remembered
from portal.search.services import thesaurus
from portal.suppression import Cell, cell, suppress_columns, suppress_table

#: Series drawn on a trend at most (the rest are in the table).
MOST_SERIES = 6
#: Areas given a column of their own in the need × area table (the most searched-in for
#: nothing); the rest are added together, so a big directory's table stays readable.
MOST_AREA_COLUMNS = 10
OTHER_AREAS = "Other areas"
MOST_WORDS = 25
#: With a need chosen, the words are read from this many of the most common, then narrowed.
WORDS_READ = 2000


#: Ranges longer than this are drawn a month at a time (a year of weeks is a thicket).
WEEKS_AT_MOST = 26


def week_of(day: date) -> date:
    """The Monday that starts `day`'s week."""
    return day - timedelta(days=day.weekday())


def month_of(day: date) -> date:
    return day.replace(day=1)


@dataclass
class Trend:
    periods: list[date]  # the first day of each week or month
    series: dict[str, list[int]]  # label -> a count per period (true; suppressed on show)
    unit: str = "week"  # or "month"
    #: The first and last periods reach outside the range: their counts cover only part.
    partial: tuple[bool, bool] = (False, False)


@dataclass
class SearchFigures:
    total: Cell
    found_nothing: Cell
    found_little: Cell
    by_need: list[tuple[str, dict[str, Cell]]]  # need name -> searches, nothing, little
    by_area: list[tuple[str, dict[str, Cell]]]
    need_trend: Trend
    area_trend: Trend
    gaps_rows: list[str] = field(default_factory=list)  # need names
    gaps_columns: list[str] = field(default_factory=list)  # area labels
    gaps: dict[tuple[str, str], Cell] = field(default_factory=dict)
    words: list[tuple[str, Cell, Cell]] = field(default_factory=list)  # words, nothing, little


def area_label(code: str, names: dict[str, str]) -> str:
    if code == NO_AREA:
        return "No place given"
    if code == OUTSIDE:
        return "Outside the area"
    return names.get(code, code)


def _in_range(narrowing: Narrowing, model, by_area: bool = False) -> list:
    """The rows of the range, in the chosen area; else the rows of every area together
    (ALL_AREAS), or, for figures `by_area`, each area's own rows."""
    where = [model.day >= narrowing.start, model.day <= narrowing.end]
    if narrowing.area:
        where.append(model.area == narrowing.area)
    elif by_area:
        where.append(model.area != ALL_AREAS)
    else:
        where.append(model.area == ALL_AREAS)
    return where


def _need_where(narrowing: Narrowing) -> list:
    """Rows of the chosen need, or each search once (the day's total) when none is chosen."""
    return [SearchDay.need == (narrowing.need or ALL_NEEDS)]


def _totals(narrowing: Narrowing, k: int) -> tuple[Cell, Cell, Cell]:
    row = db.session.execute(
        select(
            func.coalesce(func.sum(SearchDay.searches), 0),
            func.coalesce(func.sum(SearchDay.found_nothing), 0),
            func.coalesce(func.sum(SearchDay.found_little), 0),
        ).where(*_in_range(narrowing, SearchDay), *_need_where(narrowing))
    ).one()
    return cell(int(row[0]), k), cell(int(row[1]), k), cell(int(row[2]), k)


def _table(keyed: dict[str, tuple[int, int, int]], k: int) -> list[tuple[str, dict[str, Cell]]]:
    """Rows of (searches, found nothing, found almost nothing), largest first, each column
    suppressed on its own: a column adds up to a total the page shows, a row does not."""
    rows = sorted(keyed, key=lambda label: (-keyed[label][0], label))
    columns = ("searches", "nothing", "little")
    counts = {(r, c): keyed[r][i] for r in rows for i, c in enumerate(columns)}
    cells = suppress_columns(rows, columns, counts, k)
    return [(r, {c: cells[(r, c)] for c in columns}) for r in rows]


def _by_need(narrowing: Narrowing, k: int) -> list[tuple[str, dict[str, Cell]]]:
    names = narrowing.need_names
    query = (
        select(
            SearchDay.need,
            func.sum(SearchDay.searches),
            func.sum(SearchDay.found_nothing),
            func.sum(SearchDay.found_little),
        )
        .where(*_in_range(narrowing, SearchDay), SearchDay.need.not_in([ALL_NEEDS]))
        .group_by(SearchDay.need)
    )
    if narrowing.need:
        query = query.where(SearchDay.need == narrowing.need)
    keyed = {
        (names.get(need, need) if need != NO_NEED else "No need chosen or named"): (
            int(s),
            int(n),
            int(f),
        )
        for need, s, n, f in db.session.execute(query)
    }
    return _table(keyed, k)


def _by_area(narrowing: Narrowing, k: int) -> list[tuple[str, dict[str, Cell]]]:
    names = {a.code: a.name for a in narrowing.areas}
    query = (
        select(
            SearchDay.area,
            func.sum(SearchDay.searches),
            func.sum(SearchDay.found_nothing),
            func.sum(SearchDay.found_little),
        )
        .where(*_in_range(narrowing, SearchDay, by_area=True), *_need_where(narrowing))
        .group_by(SearchDay.area)
    )
    rows = remembered(
        "searches-by-area",
        narrowing,
        lambda: [(area, int(s), int(n), int(f)) for area, s, n, f in db.session.execute(query)],
    )
    keyed = {area_label(area, names): (s, n, f) for area, s, n, f in rows}
    return _table(keyed, k)


def _periods(narrowing: Narrowing) -> tuple[list[date], str]:
    """Each week of the range, or each month when it is longer than WEEKS_AT_MOST weeks."""
    if (narrowing.end - narrowing.start).days > WEEKS_AT_MOST * 7:
        first, last = month_of(narrowing.start), month_of(narrowing.end)
        months = (last.year - first.year) * 12 + last.month - first.month
        return [
            date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1)
            for i in range(months + 1)
        ], "month"
    first, last = week_of(narrowing.start), week_of(narrowing.end)
    return [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)], "week"


def _trend(
    name: str, narrowing: Narrowing, column, where: list, label, by_area: bool = False
) -> Trend:
    """Searches a week (or a month) for each value of `column`, the most searched first:
    the MOST_SERIES a chart draws (their periods are what is kept, not a row a day)."""
    periods, unit = _periods(narrowing)
    start_of = month_of if unit == "month" else week_of
    index = {period: i for i, period in enumerate(periods)}
    query = (
        select(SearchDay.day, column, func.sum(SearchDay.searches))
        .where(*_in_range(narrowing, SearchDay, by_area), *where)
        .group_by(SearchDay.day, column)
    )

    def compute() -> list[tuple[str, list[int]]]:
        counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(periods))
        for day, key, searches in db.session.execute(query):
            counts[key][index[start_of(day)]] += int(searches)
        ordered = sorted(counts.items(), key=lambda item: (-sum(item[1]), item[0]))
        return ordered[:MOST_SERIES]

    series = {label(key): numbers for key, numbers in remembered(name, narrowing, compute)}
    after_end = (
        (periods[-1] + timedelta(days=32)).replace(day=1)
        if unit == "month"
        else (periods[-1] + timedelta(weeks=1))
    )
    partial = (periods[0] < narrowing.start, after_end > narrowing.end + timedelta(days=1))
    return Trend(periods, series, unit, partial)


def _need_trend(narrowing: Narrowing) -> Trend:
    names = narrowing.need_names
    where = [SearchDay.need.not_in([ALL_NEEDS, NO_NEED])]
    if narrowing.need:
        where = [SearchDay.need == narrowing.need]
    return _trend(
        "searches-need-trend", narrowing, SearchDay.need, where, lambda n: names.get(n, n)
    )


def _area_trend(narrowing: Narrowing) -> Trend:
    names = {a.code: a.name for a in narrowing.areas}
    return _trend(
        "searches-area-trend",
        narrowing,
        SearchDay.area,
        _need_where(narrowing),
        lambda a: area_label(a, names),
        by_area=True,
    )


def _gaps(narrowing: Narrowing, k: int, figures: SearchFigures) -> None:
    """Searches that found nothing or almost nothing, need × area."""
    names = narrowing.need_names
    area_names = {a.code: a.name for a in narrowing.areas}
    query = (
        select(
            SearchDay.need,
            SearchDay.area,
            func.sum(SearchDay.found_nothing + SearchDay.found_little),
        )
        .where(
            *_in_range(narrowing, SearchDay, by_area=True),
            SearchDay.need.not_in([ALL_NEEDS, NO_NEED]),
        )
        .group_by(SearchDay.need, SearchDay.area)
    )
    if narrowing.need:
        query = query.where(SearchDay.need == narrowing.need)
    found_rows = remembered(
        "searches-found-little",
        narrowing,
        lambda: [(need, area, int(n)) for need, area, n in db.session.execute(query) if n],
    )
    by_area: Counter = Counter()
    for _need, area, found in found_rows:
        by_area[area] += found
    shown_areas = {area for area, _ in by_area.most_common(MOST_AREA_COLUMNS)}
    counts: Counter = Counter()
    for need, area, found in found_rows:
        column = area_label(area, area_names) if area in shown_areas else OTHER_AREAS
        counts[(names.get(need, need), column)] += found
    totals: Counter = Counter()
    for (row, _column), found in counts.items():
        totals[row] += found
    rows = sorted(totals, key=lambda row: (-totals[row], row))
    columns = sorted({c for _, c in counts if c != OTHER_AREAS})
    columns += [OTHER_AREAS] if any(c == OTHER_AREAS for _, c in counts) else []
    figures.gaps_rows, figures.gaps_columns = rows, columns
    figures.gaps = suppress_table(rows, columns, counts, k)


def _words(narrowing: Narrowing, k: int) -> list[tuple[str, Cell, Cell]]:
    """The words of searches that found nothing or almost nothing, the most common first;
    only words at least `k` searches typed (so one person's words never show)."""
    at_least = max(k, 1)
    query = (
        select(
            SearchWordDay.words,
            func.sum(SearchWordDay.found_nothing),
            func.sum(SearchWordDay.found_little),
        )
        .where(*_in_range(narrowing, SearchWordDay))
        .group_by(SearchWordDay.words)
        .having(func.sum(SearchWordDay.searches) >= at_least)
        .order_by(
            (func.sum(SearchWordDay.found_nothing) + func.sum(SearchWordDay.found_little)).desc(),
            SearchWordDay.words,
        )
        .limit(WORDS_READ if narrowing.need else MOST_WORDS)
    )
    rows = remembered(
        "searches-words",
        narrowing,
        lambda: [(words, int(n), int(f)) for words, n, f in db.session.execute(query)],
    )
    if narrowing.need:
        words_thesaurus = thesaurus()
        rows = [r for r in rows if narrowing.need in needs_of_search(r[0], "", words_thesaurus)]
    return [(words, cell(int(n), k), cell(int(f), k)) for words, n, f in rows[:MOST_WORDS]]


def search_figures(narrowing: Narrowing, k: int, headline_only: bool = False) -> SearchFigures:
    """Every figure of the searches page; `headline_only`: the totals and the words (what
    the overview and the summary show), without the tables grouped by area."""
    total, nothing, little = _totals(narrowing, k)
    if headline_only:
        empty = Trend([], {})
        figures = SearchFigures(total, nothing, little, [], [], empty, empty)
    else:
        figures = SearchFigures(
            total=total,
            found_nothing=nothing,
            found_little=little,
            by_need=_by_need(narrowing, k),
            by_area=_by_area(narrowing, k),
            need_trend=_need_trend(narrowing),
            area_trend=_area_trend(narrowing),
        )
        _gaps(narrowing, k, figures)
    figures.words = _words(narrowing, k)
    return figures

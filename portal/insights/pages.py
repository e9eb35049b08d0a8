"""Each insights page's figures, charts and downloadable tables, from the services.

A table is a `Table` (a caption, headings and rows of text, already suppressed): the page
renders it beside its chart and the CSV download writes the very same rows, so a number
hidden on the page is hidden in the file too.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import url_for
from markupsafe import Markup

from portal.charts import Bar, MapArea, Series, area_map, bar_chart, line_chart
from portal.insights import gaps as gap_figures
from portal.insights.areas import reach_km
from portal.insights.filters import Narrowing, read_narrowing
from portal.insights.freshness import AGES, freshness
from portal.insights.referral_figures import referral_csv_rows, referral_figures
from portal.insights.searches import MOST_SERIES, Trend, search_figures
from portal.insights.stored import forget_older
from portal.insights.wishes import wish_figures
from portal.spreadsheets import safe_cell
from portal.suppression import Cell, cell, rule_text, suppress_columns, threshold

#: The coverage-gaps table on the page: the biggest this many (the CSV has every one).
GAP_ROWS_SHOWN = 20
#: Rows of a long table (by area, in a big directory) the page shows; the CSV has them all.
LONG_TABLE_ROWS = 30
#: Areas drawn on the map at most (beyond it labels cannot be read and the picture weighs
#: megabytes): a directory with more draws those with the biggest gaps.
MAP_AREAS_AT_MOST = 100

SECTIONS = {
    "searches": "Searches",
    "wishes": "Wishes",
    "referrals": "Referrals",
    "gaps": "Coverage gaps",
    "freshness": "Freshness",
}


REFERRAL_CAPTIONS = {
    "nothing-suitable-by-reason": "Closed because nothing suitable was available, by reason",
    "nothing-suitable-by-area": "Closed because nothing suitable was available, by area",
    "nothing-suitable-by-reason-and-area": (
        "Closed because nothing suitable was available, by reason and area"
    ),
    "waiting": "Time from referral to first contact",
    "connected-to": "Where people were connected",
}


@dataclass
class Table:
    name: str  # for its CSV: /insights/<section>/<name>.csv
    caption: str
    headings: list[str]
    rows: list[list[str]]
    numeric_from: int = 1  # columns from here on are numbers (right-aligned) ...
    numeric_to: int | None = None  # ... up to here (not included); None: to the end
    chart: Markup | None = None
    links: dict[int, str] = field(default_factory=dict)  # row index -> a link for column 0
    #: Rows the page shows at most (the CSV has them all); None: every row.
    page_rows: int | None = None
    #: How many rows the whole table has, where only the page's were made.
    total_rows: int | None = None

    @property
    def row_count(self) -> int:
        return self.total_rows if self.total_rows is not None else len(self.rows)

    def as_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.headings)
        for row in self.rows:
            writer.writerow([safe_cell(value) for value in row])
        return out.getvalue()


@dataclass
class Section:
    name: str
    title: str
    headline: list[tuple[str, str]] = field(default_factory=list)  # (figure, what it is)
    tables: list[Table] = field(default_factory=list)
    rule: str = ""
    extra: dict = field(default_factory=dict)

    def table(self, name: str) -> Table | None:
        return next((t for t in self.tables if t.name == name), None)


def _bars(rows: list[tuple[str, Cell]]) -> list[Bar]:
    return [Bar(label, c.shown, c.text) for label, c in rows]


def _period_label(trend: Trend, i: int, period: date) -> str:
    text = f"{period:%B %Y}" if trend.unit == "month" else f"{period:%-d %b %Y}"
    last = len(trend.periods) - 1
    if (i == 0 and trend.partial[0]) or (i == last and trend.partial[1]):
        text += " (part)"
    return text


def _trend_table(name: str, by: str, trend: Trend, k: int) -> Table:
    caption = f"Searches a {trend.unit} by {by}"
    labels = list(trend.series)[:MOST_SERIES]
    periods = trend.periods
    counts = {(p, s): trend.series[s][i] for i, p in enumerate(periods) for s in labels}
    cells = suppress_columns(periods, labels, counts, k)  # a line's periods add up; not across
    series = [Series(s, [(p, cells[(p, s)].shown) for p in periods]) for s in labels]
    part = (
        " The first and last points count only the days inside the dates chosen."
        if any(trend.partial)
        else ""
    )
    chart = (
        line_chart(
            f"searches-{name}",
            caption,
            f"Searches a {trend.unit} from {periods[0]:%-d %B %Y}, one line each for "
            + ", ".join(labels)
            + f".{part} The same figures are in the table under the chart.",
            series,
            unit=f"Searches a {trend.unit}",
        )
        if labels and periods
        else None
    )
    rows = [
        [_period_label(trend, i, p), *(cells[(p, s)].text for s in labels)]
        for i, p in enumerate(periods)
    ]
    heading = "Month" if trend.unit == "month" else "Week starting"
    return Table(name, caption, [heading, *labels], rows, chart=chart)


def _words_table(figures, directory_team: bool) -> Table:
    words = Table(
        "words",
        "What people typed when they found nothing or almost nothing",
        ["Words typed", "Found nothing", "Found 1 to 3"],
        [[w, nothing.text, little.text] for w, nothing, little in figures.words],
    )
    if directory_team:
        words.links = {
            i: url_for("thesaurus.new", term=w) for i, (w, _, _) in enumerate(figures.words)
        }
    return words


def searches_section(
    narrowing: Narrowing, k: int, directory_team: bool, headline_only: bool = False
) -> Section:
    figures = search_figures(narrowing, k, headline_only)
    section = Section("searches", "Searches", rule=rule_text(k))
    section.headline = [
        (figures.total.text, "searches"),
        (figures.found_nothing.text, "found nothing"),
        (figures.found_little.text, "found almost nothing (1 to 3 results)"),
    ]
    if headline_only:
        section.tables.append(_words_table(figures, directory_team))
        return section
    for name, caption, rows in (
        ("by-need", "Searches by need", figures.by_need),
        ("by-area", "Searches by area", figures.by_area),
    ):
        table = Table(
            name,
            caption,
            [caption.split(" by ")[1].capitalize(), "Searches", "Found nothing", "Found 1 to 3"],
            [[label, c["searches"].text, c["nothing"].text, c["little"].text] for label, c in rows],
            page_rows=LONG_TABLE_ROWS,
        )
        table.chart = bar_chart(
            f"searches-{name}",
            caption,
            f"{caption}, the 12 most first. The figures are in the table beside the chart.",
            [Bar(label, c["searches"].shown, c["searches"].text) for label, c in rows[:12]],
            unit="Searches",
        )
        section.tables.append(table)
    section.tables.append(_trend_table("need-trend", "need", figures.need_trend, k))
    section.tables.append(_trend_table("area-trend", "area", figures.area_trend, k))
    section.tables.append(
        Table(
            "found-nothing",
            "Searches that found nothing or almost nothing, by need and area",
            ["Need", *figures.gaps_columns],
            [
                [row, *(figures.gaps[(row, column)].text for column in figures.gaps_columns)]
                for row in figures.gaps_rows
            ],
        )
    )
    section.tables.append(_words_table(figures, directory_team))
    return section


def wishes_section(narrowing: Narrowing, k: int) -> Section:
    figures = wish_figures(narrowing, reach_km(), k)
    section = Section("wishes", "Wishes", rule=rule_text(k))
    section.headline = [(cell(figures.total, k).text, "wishes recorded at community events")]
    for name, caption, heading, rows in (
        ("by-need", "Wishes by need", "Need", figures.by_need),
        ("by-community", "Wishes by community of interest", "Community", figures.by_community),
    ):
        section.tables.append(
            Table(
                name,
                caption,
                [heading, "Wishes"],
                [[label, c.text] for label, c in rows],
                chart=bar_chart(
                    f"wishes-{name}",
                    caption,
                    f"{caption}, most first. The figures are in the table beside the chart.",
                    _bars(rows[:12]),
                    unit="wishes",
                ),
            )
        )
    section.extra["listed"] = figures.listed
    return section


def referrals_section(narrowing: Narrowing, k: int) -> Section:
    figures = referral_figures(
        narrowing.start,
        narrowing.end,
        area=narrowing.area or None,
        need=narrowing.need or None,
        k=k,
    )
    section = Section("referrals", "Referrals", rule=rule_text(k, grouped=True))
    section.headline = [(cell(figures.made, k).text, "referrals made")]
    section.extra["figures"] = figures
    for name, (headings, rows) in referral_csv_rows(figures).items():
        table = Table(name, REFERRAL_CAPTIONS.get(name, name), headings, rows)
        if name == "waiting":
            table.numeric_from = 0
        section.tables.append(table)
    charts = {
        "nothing-suitable-by-reason": figures.nothing_suitable_by_reason,
        "nothing-suitable-by-area": figures.nothing_suitable_by_area,
        "connected-to": figures.connected_to,
    }
    for table in section.tables:
        if table.name in charts:
            table.chart = bar_chart(
                f"referrals-{table.name}",
                table.caption,
                f"{table.caption}. The figures are in the table beside the chart.",
                _bars(charts[table.name][:12]),
                unit="referrals",
            )
    return section


def gaps_section(narrowing: Narrowing, k: int, now: datetime, full: bool = False) -> Section:
    """`full`: every row of the table (for its CSV), not only the ones the page shows."""
    reach = reach_km()
    every_area = gap_figures.gap_rows(narrowing, reach, k, now)
    rows = [r for r in every_area if not narrowing.area or r.area == narrowing.area]
    section = Section("gaps", "Coverage gaps", rule=rule_text(k))
    section.extra.update(reach=reach, bands=gap_figures.BANDS)
    biggest = gap_figures.area_scores(every_area)
    drawn = [a for a in narrowing.areas if not narrowing.area or a.code == narrowing.area]
    if len(drawn) > MAP_AREAS_AT_MOST:  # a national directory: the biggest gaps only
        score = {code: row.score for code, (row, _) in biggest.items()}
        drawn = sorted(drawn, key=lambda a: (-score.get(a.code, 0.0), a.code))
        drawn = drawn[:MAP_AREAS_AT_MOST]
        section.extra["map_only"] = MAP_AREAS_AT_MOST
    areas = []
    for a in drawn:
        row, band = biggest.get(a.code, (None, 0))
        label = f"{a.code} {row.score:g}" if row is not None and row.score > 0 else a.code
        areas.append(MapArea(a.code, a.name, a.latitude, a.longitude, band, label))
    section.extra.update(
        average=gap_figures.average_score(every_area),
        map_average=gap_figures.average_score([row for row, _ in biggest.values()]),
    )
    what = narrowing.need_name if narrowing.need else "the need with the biggest gap"
    section.extra["map"] = (
        area_map(
            "gap-map",
            f"Coverage gaps by area: {what}",
            f"Each area shaded by its score for {what}: searches, referrals and wishes per "
            f"listing within {reach:g} km. Boundaries are approximate, drawn around each "
            "area's centre. The same figures are in the table below."
            + (
                f" Only the {MAP_AREAS_AT_MOST} areas with the biggest gaps are drawn."
                if "map_only" in section.extra
                else ""
            ),
            areas,
            reach_km=reach,
            bands=gap_figures.BANDS,
        )
        if areas
        else None
    )
    listed = [r for r in rows if r.score > 0 or narrowing.need or narrowing.area]
    table = Table(
        "gaps",
        "Coverage gaps, the biggest first",
        [
            "Area",
            "Need",
            f"Listings within {reach:g} km",
            "Searches",
            "Referrals",
            "Wishes",
            "Score",
            "Shading",
        ],
        [
            [
                r.area_name,
                r.need_name,
                str(r.listings),
                r.searches.text,
                r.referrals.text,
                r.wishes.text,
                f"{r.score:g}",
                gap_figures.BANDS[r.band],
            ]
            for r in (listed if full else listed[:GAP_ROWS_SHOWN])
        ],
        numeric_from=2,
        numeric_to=7,
        page_rows=GAP_ROWS_SHOWN,
        total_rows=len(listed),
    )
    section.tables.append(table)
    section.extra["top"] = rows[:5]
    widest = sum(1 for r in rows if r.band == 3)
    section.headline = [
        (f"{widest:,}", "areas and needs with a gap more than twice the average"),
        (
            f"{sum(1 for r in rows if r.score > 0 and r.listings == 0):,}",
            "asked for with no listing within reach",
        ),
    ]
    return section


def freshness_section(narrowing: Narrowing, today: date) -> Section:
    figures = freshness(narrowing, today)
    section = Section("freshness", "Freshness")
    headings = [heading for _, heading in AGES]
    total = sum(figures.totals.values())
    section.headline = [
        (f"{total:,}", "public listings"),
        (
            f"{figures.totals['within_3'] + figures.totals['within_6']:,}",
            "checked in the last 6 months",
        ),
        (f"{figures.totals['older'] + figures.totals['never']:,}", "not checked for over a year"),
    ]
    for name, caption, heading, rows in (
        (
            "by-type",
            "Listings by organisation type and when last checked",
            "Organisation type",
            figures.by_type,
        ),
        ("by-need", "Listings by need and when last checked", "Need", figures.by_need),
    ):
        section.tables.append(
            Table(
                name,
                caption,
                [heading, *headings],
                [[label, *(str(counts[a]) for a, _ in AGES)] for label, counts in rows],
            )
        )
    section.tables.append(
        Table(
            "feeds",
            "Feeds from other directories",
            ["Directory", "Last taken in", "Latest pull", "Problems found"],
            [
                [
                    f.name,
                    f"{f.last_pulled_at:%-d %B %Y %H:%M}" if f.last_pulled_at else "Never",
                    f.latest_run,
                    str(f.problems),
                ]
                for f in figures.feeds
            ],
            numeric_from=3,
        )
    )
    section.extra["totals"] = figures.totals
    section.extra["bars"] = bar_chart(
        "freshness",
        "Public listings by when they were last checked",
        "How many public listings were last checked in each period. "
        "The figures are in the table below.",
        [Bar(heading, figures.totals[a], f"{figures.totals[a]:,}") for a, heading in AGES],
        unit="listings",
    )
    return section


def build_section(
    name: str,
    narrowing: Narrowing,
    k: int,
    now: datetime,
    directory_team: bool,
    headline_only: bool = False,
    full: bool = False,
) -> Section:
    """One section's figures; `headline_only` for the overview and the summary, which show
    each section's headline figures (and the biggest gaps), not its tables."""
    if name == "searches":
        return searches_section(narrowing, k, directory_team, headline_only)
    if name == "wishes":
        return wishes_section(narrowing, k)
    if name == "referrals":
        return referrals_section(narrowing, k)
    if name == "gaps":
        return gaps_section(narrowing, k, now, full)
    return freshness_section(narrowing, now.date())


def answer_default(now: datetime) -> None:
    """Answer and keep the costly queries of the narrowing a page opens with (the year up to
    today, every area and need), and drop answers kept for earlier roll-ups: what the
    roll-up job does after each run, so the pages most people open never wait."""
    narrowing = read_narrowing({}, now.date())
    k = threshold()
    search_figures(narrowing, k)
    gap_figures.gap_rows(narrowing, reach_km(), k, now)
    forget_older()

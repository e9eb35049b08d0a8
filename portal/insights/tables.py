"""What an insights section is made of: tables with a caption and a chart, and the helpers that
build the trend and words tables every section shares.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from flask import url_for
from markupsafe import Markup

from portal.charts import Bar, Series, line_chart
from portal.insights.searches import MOST_SERIES, Trend
from portal.spreadsheets import safe_cell
from portal.suppression import Cell, suppress_columns

#: The coverage-gaps table on the page: the biggest this many (the CSV has every one).
GAP_ROWS_SHOWN = 20


#: Rows of a long table (by area, in a big directory) the page shows; the CSV has them all.
LONG_TABLE_ROWS = 30


#: Areas drawn on the map at most (beyond it labels cannot be read and the picture weighs
#: megabytes): a directory with more draws those with the biggest gaps.
MAP_AREAS_AT_MOST = 100


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


def bars(rows: list[tuple[str, Cell]]) -> list[Bar]:
    """A chart's bars from a table's (label, cell) rows, suppressed cells as suppressed."""
    return [Bar(label, c.shown, c.text) for label, c in rows]


def period_label(trend: Trend, i: int, period: date) -> str:
    """A period's label: its month or week, "(part)" when the range cuts it short."""
    text = f"{period:%B %Y}" if trend.unit == "month" else f"{period:%-d %b %Y}"
    last = len(trend.periods) - 1
    if (i == 0 and trend.partial[0]) or (i == last and trend.partial[1]):
        text += " (part)"
    return text


def trend_table(name: str, by: str, trend: Trend, k: int) -> Table:
    """Searches per period for each of the busiest series (areas or needs)."""
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
        [period_label(trend, i, p), *(cells[(p, s)].text for s in labels)]
        for i, p in enumerate(periods)
    ]
    heading = "Month" if trend.unit == "month" else "Week starting"
    return Table(name, caption, [heading, *labels], rows, chart=chart)


def words_table(figures, directory_team: bool) -> Table:
    """What people typed that found little or nothing (linked to the thesaurus for the team)."""
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

"""The commissioners' referral report's tables, each with its chart and its CSV: the count
tables, referrals a month, waiting times, and the headline figures and wellbeing as tables.

* count tables (by reason, source, state, why closed, practice, area, where connected) add
  their small groups together as "Other" (`suppression.group_small`), so a small programme
  still sees most of each table;
* referrals a month hide small months and then the next smallest (`suppress_group`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup
from sqlalchemy import and_, case, func, select

from portal.charts import Bar, Series, bar_chart, line_chart
from portal.extensions import db
from portal.prescribing.models import Connection, Referral
from portal.prescribing.outcomes.report_dates import DateRange
from portal.prescribing.outcomes.report_headlines import Headline, Waiting, made_in
from portal.prescribing.outcomes.reports import Report, figure_text
from portal.spreadsheets import safe_cell
from portal.suppression import Cell, cell, group_small, rule_text, suppress_group

NOT_RECORDED = "Not recorded"

# ---------------------------------------------------------------------------------------------
# Tables, each with its chart and its CSV


@dataclass
class ReportTable:
    """A table as shown and as downloaded: `rows` hold text and `Cell`s (a Cell shows its
    `text` on the page and its `csv` in the file: hidden in both)."""

    name: str  # /reports/referrals/<name>.csv
    caption: str
    headings: list[str]
    rows: list[list[str | Cell]]
    chart: Markup | None = None
    note: str = ""
    numeric_from: int = 1

    @property
    def text_rows(self) -> list[list[str]]:
        return [[v.text if isinstance(v, Cell) else v for v in row] for row in self.rows]

    def as_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.headings)
        for row in self.rows:
            writer.writerow([v.csv if isinstance(v, Cell) else safe_cell(v) for v in row])
        return out.getvalue()


ALL_IN_OTHER = (
    "All the groups are added together as “Other”: there were too few referrals in most of "
    "them to show any apart."
)


def counts_table(
    name: str, caption: str, heading: str, counts: Sequence[tuple[str, int]], k: int
) -> ReportTable:
    """Categories with their counts, the small ones added together as "Other", most first,
    with a bar chart of the same rows (none for a single row: it would show nothing more)."""
    grouped = group_small(list(counts), k)
    chart, note = None, ""
    if len(grouped) == 1 and len([n for _, n in counts if n]) > 1:
        note = ALL_IN_OTHER
    if len(grouped) > 1:
        chart = bar_chart(
            f"chart-{name}",
            caption,
            f"{caption}: one bar for each, the most first; small groups are added together as "
            "Other. The same figures are in the table with the chart.",
            [Bar(label, c.shown, c.text) for label, c in grouped],
            unit="Referrals",
        )
    return ReportTable(
        name, caption, [heading, "Referrals"], [[label, c] for label, c in grouped], chart, note
    )


def _grouped_counts(column, period: DateRange, *where, label=str) -> list[tuple[str, int]]:
    rows = db.session.execute(
        select(column, func.count()).where(*made_in(period), *where).group_by(column)
    )
    counts: dict[str, int] = {}
    for value, n in rows:
        key = NOT_RECORDED if value is None else label(value)
        counts[key] = counts.get(key, 0) + int(n)
    return list(counts.items())


def closure_counts(period: DateRange, *where) -> list[tuple[str, int]]:
    """Closed referrals by why they closed (including where nobody said)."""
    closed = Referral.closed_at.is_not(None)
    return _grouped_counts(
        Referral.closure_reason, period, closed, *where, label=lambda reason: reason.label
    )


def area_counts(period: DateRange, *where) -> list[tuple[str, int]]:
    return _grouped_counts(Referral.area, period, *where)


def connected_counts(period: DateRange, *where) -> list[tuple[str, int]]:
    """Referrals connected to each activity (by the name it had when they were connected)."""
    rows = db.session.execute(
        select(Connection.activity_name, func.count(func.distinct(Connection.referral_id)))
        .join(Referral, Referral.id == Connection.referral_id)
        .where(*made_in(period), *where)
        .group_by(Connection.activity_name)
    )
    return [(name, int(n)) for name, n in rows]


# --- referrals a month --------------------------------------------------------------------------


def months_of(period: DateRange) -> list[tuple[date, date, date]]:
    """(month's first day, first day counted, last day counted) for each month of `period`."""
    months = []
    month = period.start.replace(day=1)
    while month <= period.end:
        following = (month + timedelta(days=32)).replace(day=1)
        months.append(
            (month, max(month, period.start), min(following - timedelta(days=1), period.end))
        )
        month = following
    return months


def monthly_counts(period: DateRange, *where) -> list[tuple[date, date, date, int]]:
    """Referrals made in each month of `period` (its first and last month only in part)."""
    months = months_of(period)
    sums = []
    for _, first, last in months:
        start, after = DateRange(first, last).bounds
        sums.append(
            func.coalesce(
                func.sum(
                    case((and_(Referral.created_at >= start, Referral.created_at < after), 1))
                ),
                0,
            )
        )
    counts = db.session.execute(select(*sums).where(*made_in(period), *where)).one()
    return [(*month, int(n)) for month, n in zip(months, counts, strict=True)]


def _month_label(month: date, first: date, last: date) -> str:
    name = f"{month:%B %Y}"
    following = (month + timedelta(days=32)).replace(day=1)
    if first == month and last == following - timedelta(days=1):
        return name
    return f"{name} ({first.day} to {last.day} {month:%B} only)"


def months_table(period: DateRange, k: int, *where) -> ReportTable:
    """Referrals made a month, as a line and a table; small months are hidden, and where that
    leaves one hidden, the next smallest too (the total is a headline figure)."""
    counted = monthly_counts(period, *where)
    cells = suppress_group([n for *_, n in counted], k)
    paired = list(zip(counted, cells, strict=True))
    chart = line_chart(
        "chart-by-month",
        "Referrals made a month",
        f"Referrals made each month from {period.start:%B %Y} to {period.end:%B %Y}, as a "
        "line; a gap is a month with too few to show. The same figures are in the table.",
        [Series("Referrals made", [(row[0], c.shown) for row, c in paired])],
        unit="Referrals",
    )
    return ReportTable(
        "by-month",
        "Referrals made a month",
        ["Month", "Referrals made"],
        [[_month_label(m, first, last), c] for (m, first, last, _), c in paired],
        chart,
        note=rule_text(k),
    )


def waiting_headings(contacted: Cell) -> list[str]:
    """The waiting table's headings: how many referrals the waits are of, then the units."""
    return [f"Wait, of {contacted.text} referrals contacted", "Calendar days", "Working days"]


def waiting_rows(wait: Waiting, k: int) -> list[list[str | Cell]]:
    """The median and mean wait, in calendar and in working days."""
    return [
        [
            "Median",
            figure_text(wait.median, wait.count, k),
            figure_text(wait.median_working, wait.count, k),
        ],
        [
            "Mean",
            figure_text(wait.mean, wait.count, k),
            figure_text(wait.mean_working, wait.count, k),
        ],
    ]


def waiting_table(wait: Waiting, k: int) -> ReportTable:
    return ReportTable(
        "waiting",
        "Time from referral to first contact",
        waiting_headings(cell(wait.count, k)),
        waiting_rows(wait, k),
    )


def headlines_table(rows: list[Headline]) -> ReportTable:
    return ReportTable(
        "headlines",
        "Headline figures",
        ["Figure", "This period", "Detail", "Previous period", "Change"],
        [[h.label, h.value, h.detail, h.previous, h.change] for h in rows],
    )


def wellbeing_tables(report: Report, k: int) -> list[ReportTable]:
    """Each questionnaire's items (the page draws them with their questions in full)."""
    tables = []
    for index, (title, items) in enumerate(report.items.items(), start=1):
        tables.append(
            ReportTable(
                f"wellbeing-{index}",
                title,
                [
                    "Question",
                    "People with both scores",
                    "Mean at referral",
                    "Mean at exit",
                    "Mean change",
                ],
                [
                    [
                        item.short + (" (lower is better)" if item.lower_is_better else ""),
                        cell(item.count, k),
                        figure_text(item.mean_at_referral, item.count, k),
                        figure_text(item.mean_at_exit, item.count, k),
                        figure_text(item.mean_change, item.count, k, signed=True),
                    ]
                    for item in items
                ],
            )
        )
    visits = report.gp_visits
    tables.append(
        ReportTable(
            "gp-visits",
            "GP visits in the month before and the month after referral",
            ["People with both counts", "Mean visits before", "Mean visits after"],
            [
                [
                    cell(visits.count, k),
                    figure_text(visits.mean_before, visits.count, k),
                    figure_text(visits.mean_after, visits.count, k),
                ]
            ],
            numeric_from=0,
        )
    )
    return tables

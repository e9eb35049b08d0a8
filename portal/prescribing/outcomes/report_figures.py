"""The commissioners' referral report as it is shown: headline figures against the same length
of time just before, referrals a month, each count table with its bar chart, waiting times in
calendar and in working days, and every table as a CSV with the same suppression.

`reports.py` reads and counts the referrals (`build_report`); this module puts together what the
page shows on top (`build_figures`) from `report_headlines.py` (the headline figures against the
previous period and waiting times, and what they hide) and `report_tables.py` (the tables with
their charts and CSVs, and what they hide). Every public name of both is re-exported here, for
the modules that import them from this one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.prescribing.outcomes.report_dates import DateRange
from portal.prescribing.outcomes.report_headlines import (
    Headline,
    PeriodFigures,
    Waiting,
    headlines,
    made_in,
    period_figures,
    previous_period,
    waiting_in,
    waiting_of,
    working_days_between,
)
from portal.prescribing.outcomes.report_tables import (
    ALL_IN_OTHER,
    NOT_RECORDED,
    ReportTable,
    area_counts,
    closure_counts,
    connected_counts,
    counts_table,
    headlines_table,
    monthly_counts,
    months_of,
    months_table,
    waiting_headings,
    waiting_rows,
    waiting_table,
    wellbeing_tables,
)
from portal.prescribing.outcomes.reports import Report
from portal.suppression import rule_text

__all__ = [
    "ALL_IN_OTHER",
    "NOT_RECORDED",
    "Headline",
    "PeriodFigures",
    "ReportFigures",
    "ReportTable",
    "Waiting",
    "area_counts",
    "build_figures",
    "closure_counts",
    "connected_counts",
    "counts_table",
    "headlines",
    "headlines_table",
    "made_in",
    "monthly_counts",
    "months_of",
    "months_table",
    "period_figures",
    "previous_period",
    "waiting_headings",
    "waiting_in",
    "waiting_of",
    "waiting_rows",
    "waiting_table",
    "wellbeing_tables",
    "working_days_between",
]


# ---------------------------------------------------------------------------------------------
# The whole page


@dataclass
class ReportFigures:
    period: DateRange
    previous: DateRange
    headlines: list[Headline]
    months: ReportTable
    tables: list[ReportTable]  # the count tables, each with its chart
    waiting: ReportTable
    wellbeing: list[ReportTable] = field(default_factory=list)
    k: int = 5

    @property
    def rule(self) -> str:
        return rule_text(self.k, grouped=True)

    def all_tables(self) -> list[ReportTable]:
        return [
            headlines_table(self.headlines),
            self.months,
            *self.tables,
            self.waiting,
            *self.wellbeing,
        ]

    def table(self, name: str) -> ReportTable | None:
        return next((t for t in self.all_tables() if t.name == name), None)


def build_figures(report: Report, k: int) -> ReportFigures:
    """What the report page shows for `report`'s period, with the previous period's figures."""
    period = report.period
    before = previous_period(period)
    now = period_figures(period)
    tables = [
        counts_table("by-reason", "By reason for referral", "Reason", report.by_reason, k),
        counts_table("by-source", "By who referred", "Source", report.by_source, k),
        counts_table("by-state", "By outcome so far", "State", report.by_state, k),
        counts_table(
            "by-closure", "Closed referrals by why they closed", "Why", closure_counts(period), k
        ),
        counts_table(
            "by-practice",
            "By referrer’s practice",
            "Practice",
            [(p, n) for p, n in report.by_practice],
            k,
        ),
        counts_table(
            "by-area",
            "By where the person lives (postcode district)",
            "Postcode district",
            area_counts(period),
            k,
        ),
        counts_table(
            "connected-to",
            "Where people were connected",
            "Activity",
            connected_counts(period),
            k,
        ),
    ]
    return ReportFigures(
        period=period,
        previous=before,
        headlines=headlines(now, period_figures(before), k),
        months=months_table(period, k),
        tables=tables,
        waiting=waiting_table(now.waiting, k),
        wellbeing=wellbeing_tables(report, k),
        k=k,
    )

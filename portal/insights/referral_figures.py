"""Referrals on the insights page: reasons for referral against what was available.

Of the referrals made in the range (narrowed to an area and a need when asked), the ones that
closed because nothing suitable was found, by reason for referral and by the person's area
(postcode district); how long people waited for first contact (calendar and working days);
and where people were connected. Counts are SQL GROUP BYs; nothing names a person, and every
table is suppressed the same way on the page and in its CSV:

* the lists (by reason, by area, where connected) add their small groups together as "Other"
  (`group_small`);
* the reason × area cross-tab hides small counts and then the next smallest in any row or
  column left with one hidden (`suppress_table`), with totals under the threshold hidden too;
* waiting times of fewer people than the threshold are "not shown".

A need filter keeps the referrals whose reason matches that need (`REASON_NEEDS`); "Something
else" matches no need. An area filter keeps the referrals from that postcode district.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import false, func, select

from portal.extensions import db
from portal.prescribing.models import ClosureReason, Connection, Referral, ReferralReason
from portal.prescribing.outcomes.report_dates import DateRange
from portal.prescribing.outcomes.report_figures import (
    NOT_RECORDED,
    made_in,
    waiting_headings,
    waiting_in,
)
from portal.prescribing.outcomes.reports import figure_text
from portal.spreadsheets import safe_cell
from portal.suppression import Cell, cell, group_small, suppress_with_totals

#: The need (directory vocabulary code) each reason for referral is about; None: no need.
REASON_NEEDS: dict[ReferralReason, str | None] = {
    ReferralReason.LOW_MOOD: "mental-wellbeing",
    ReferralReason.BEREAVEMENT: "bereavement",
    ReferralReason.ISOLATION: "loneliness-and-company",
    ReferralReason.CARER: "carers-support",
    ReferralReason.MONEY: "money-and-debt",
    ReferralReason.HOUSING: "housing",
    ReferralReason.LONG_TERM_CONDITION: "long-term-conditions",
    ReferralReason.INACTIVITY: "getting-active",
    ReferralReason.OTHER: None,
}
#: The closure reasons counted as "nothing suitable was found".
NOTHING_SUITABLE = (ClosureReason.NOTHING_SUITABLE,)
TOTAL = "Total"


def reasons_for_need(code: str) -> list[ReferralReason]:
    """The reasons for referral about need `code`, in the order they are listed."""
    return [reason for reason, need in REASON_NEEDS.items() if need and need == code]


@dataclass(frozen=True)
class ReferralFigures:
    made: int  # referrals made in the range (and filters)
    nothing_suitable_by_reason: list[tuple[str, Cell]]  # reason label -> closed as nothing
    nothing_suitable_by_area: list[tuple[str, Cell]]  # area code (or "Not recorded") -> same
    # {"rows": [labels], "columns": [codes], "cells": {(row, column): Cell},
    #  "row_totals": {row: Cell}, "column_totals": {column: Cell}, "total": Cell}
    nothing_suitable_table: dict
    # {"count": Cell, "median", "mean", "median_working", "mean_working": text}
    waiting: dict
    connected_to: list[tuple[str, Cell]]  # activity or listing name -> referrals connected


def _filters(area: str | None, need: str | None) -> list:
    where = []
    if area:
        where.append(Referral.area == area.strip().upper())
    if need:
        reasons = reasons_for_need(need)
        where.append(Referral.reason.in_(reasons) if reasons else false())
    return where


def _cross_tab(counts: dict[tuple[str, str], int], k: int) -> dict:
    order = {reason.label: i for i, reason in enumerate(ReferralReason)}
    rows = sorted({r for r, _ in counts}, key=lambda label: order.get(label, len(order)))
    columns = sorted({c for _, c in counts}, key=lambda code: (code == NOT_RECORDED, code))
    table = suppress_with_totals(rows, columns, counts, k)
    return {
        "rows": rows,
        "columns": columns,
        "cells": table.cells,
        "row_totals": table.row_totals,
        "column_totals": table.column_totals,
        "total": table.total,
    }


def referral_figures(
    start: date, end: date, *, area: str | None, need: str | None, k: int
) -> ReferralFigures:
    """The referral figures for referrals made from `start` to `end` (both included)."""
    period = DateRange(start, end)
    where = [*made_in(period), *_filters(area, need)]
    made = db.session.scalar(select(func.count()).select_from(Referral).where(*where)) or 0

    nothing = [*where, Referral.closure_reason.in_(NOTHING_SUITABLE)]
    counts: dict[tuple[str, str], int] = {}
    for reason, district, n in db.session.execute(
        select(Referral.reason, Referral.area, func.count())
        .where(*nothing)
        .group_by(Referral.reason, Referral.area)
    ):
        key = (reason.label, district or NOT_RECORDED)
        counts[key] = counts.get(key, 0) + int(n)
    by_reason: dict[str, int] = {}
    by_area: dict[str, int] = {}
    for (reason, district), n in counts.items():
        by_reason[reason] = by_reason.get(reason, 0) + n
        by_area[district] = by_area.get(district, 0) + n

    wait = waiting_in(period, *_filters(area, need))
    connected = db.session.execute(
        select(Connection.activity_name, func.count(func.distinct(Connection.referral_id)))
        .join(Referral, Referral.id == Connection.referral_id)
        .where(*where)
        .group_by(Connection.activity_name)
    )
    return ReferralFigures(
        made=int(made),
        nothing_suitable_by_reason=group_small(list(by_reason.items()), k),
        nothing_suitable_by_area=group_small(list(by_area.items()), k),
        nothing_suitable_table=_cross_tab(counts, k),
        waiting={
            "count": cell(wait.count, k),
            "median": figure_text(wait.median, wait.count, k),
            "mean": figure_text(wait.mean, wait.count, k),
            "median_working": figure_text(wait.median_working, wait.count, k),
            "mean_working": figure_text(wait.mean_working, wait.count, k),
        },
        connected_to=group_small([(name, int(n)) for name, n in connected], k),
    )


def _listed(rows: list[tuple[str, Cell]]) -> list[list[str]]:
    return [[safe_cell(label), c.csv] for label, c in rows]


def referral_csv_rows(figures: ReferralFigures) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Each table's header and rows, suppressed as on the page (`Cell.csv`), by table name."""
    table = figures.nothing_suitable_table
    columns = table["columns"]
    cross = [
        [
            safe_cell(row),
            *(table["cells"][(row, column)].csv for column in columns),
            table["row_totals"][row].csv,
        ]
        for row in table["rows"]
    ]
    if table["rows"]:
        cross.append([TOTAL, *(table["column_totals"][c].csv for c in columns), table["total"].csv])
    wait = figures.waiting
    return {
        "nothing-suitable-by-reason": (
            ["Reason for referral", "Closed: nothing suitable"],
            _listed(figures.nothing_suitable_by_reason),
        ),
        "nothing-suitable-by-area": (
            ["Postcode district", "Closed: nothing suitable"],
            _listed(figures.nothing_suitable_by_area),
        ),
        "nothing-suitable-by-reason-and-area": (
            ["Reason for referral", *(safe_cell(c) for c in columns), TOTAL],
            cross,
        ),
        "waiting": (
            waiting_headings(wait["count"]),
            [
                ["Median", wait["median"], wait["median_working"]],
                ["Mean", wait["mean"], wait["mean_working"]],
            ],
        ),
        "connected-to": (
            ["Activity or listing", "Referrals connected"],
            _listed(figures.connected_to),
        ),
    }

"""Figures for commissioners: referrals made in a date range, counted and compared.

Nothing here names a person. The page counts referrals by reason, source, practice and state,
the time from referral to first contact, and, for each questionnaire item separately (never a
total), the mean score at referral and at exit of the people who answered it at both. The CSV
has one row per referral, numbered, with no names, contact details, free text or reference.

Small numbers: a mean or median of fewer than 5 people is not shown, so no one's answers can be
read off a small group; what the page shows of the counts (small groups added together as
"Other", headlines against the previous period, charts, a CSV for each table suppressed as the
page is) is `report_figures.py`. The threshold is `PORTAL_REPORT_SUPPRESS_UNDER` (5; 0 shows
everything). The record-level CSV is pseudonymous (months, not dates), for analysis by the
commissioner's team, and is not suppressed.

The date range, read from the page's date inputs, is `report_dates.py` (`DateRange` and
`parse_range` are imported here too).
"""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from sqlalchemy import select

from portal.db import as_utc
from portal.extensions import db
from portal.prescribing.models import (
    QuestionnaireResponse,
    QuestionnaireStage,
    Referral,
    ReferralReason,
    ReferralSource,
    ReferralState,
)
from portal.prescribing.outcomes.questionnaires import CATALOGUE, MONITORING_FIELDS, in_use
from portal.prescribing.outcomes.report_dates import (  # noqa: F401  (part of this module's surface)
    DateRange,
    parse_range,
)
from portal.spreadsheets import safe_cell

NO_PRACTICE = "No practice given"


@dataclass
class ReportRow:
    """What the reports read of one referral: no names, contact details or free text."""

    reason: ReferralReason
    source: ReferralSource
    referrer_practice: str
    state: ReferralState
    created_at: datetime
    first_contact_at: datetime | None
    gender: str | None
    age_range: str | None
    ethnicity: str | None
    client_group: str | None
    gp_visits_before: int | None
    gp_visits_after: int | None
    responses: list[ReportAnswers] = field(default_factory=list)


@dataclass(frozen=True)
class ReportAnswers:
    questionnaire: str
    stage: QuestionnaireStage
    answers: dict


_ROW_COLUMNS = (
    Referral.reference,  # the key that joins answers to rows here (cheaper to read than a UUID)
    Referral.reason,
    Referral.source,
    Referral.referrer_practice,
    Referral.state,
    Referral.created_at,
    Referral.first_contact_at,
    *(getattr(Referral, name) for name in MONITORING_FIELDS),
)


def referrals_made(period: DateRange) -> list[ReportRow]:
    """The referrals made in `period`, oldest first, read with two plain queries (no ORM
    objects: a year of a big programme is tens of thousands of them)."""
    first, after = period.bounds
    in_period = (Referral.created_at >= first, Referral.created_at < after)
    rows: dict = {}
    query = select(*_ROW_COLUMNS).where(*in_period).order_by(Referral.created_at, Referral.id)
    names = [column.key for column in _ROW_COLUMNS[1:]]
    for reference, *values in db.session.execute(query):
        rows[reference] = ReportRow(**dict(zip(names, values, strict=True)))
    answers = (
        select(
            Referral.reference,
            QuestionnaireResponse.questionnaire,
            QuestionnaireResponse.stage,
            QuestionnaireResponse.answers,
        )
        .join(Referral, Referral.id == QuestionnaireResponse.referral_id)
        .where(*in_period)
    )
    for reference, key, stage, given in db.session.execute(answers):
        rows[reference].responses.append(ReportAnswers(key, stage, given or {}))
    return list(rows.values())


# ---------------------------------------------------------------------------------------------
# The figures


@dataclass(frozen=True)
class Average:
    count: int
    mean: float | None
    median: float | None = None


@dataclass(frozen=True)
class ItemChange:
    """One questionnaire item: the people with a score at both referral and exit."""

    questionnaire: str
    question: str
    short: str
    lower_is_better: bool
    count: int
    mean_at_referral: float | None
    mean_at_exit: float | None

    @property
    def mean_change(self) -> float | None:
        if self.mean_at_referral is None or self.mean_at_exit is None:
            return None
        return self.mean_at_exit - self.mean_at_referral


@dataclass(frozen=True)
class GPVisits:
    count: int
    mean_before: float | None
    mean_after: float | None


@dataclass
class Report:
    period: DateRange
    total: int
    by_reason: list[tuple[str, int]]
    by_source: list[tuple[str, int]]
    by_practice: list[tuple[str, int]]
    by_state: list[tuple[str, int]]
    first_contact: Average
    items: dict[str, list[ItemChange]] = field(default_factory=dict)  # questionnaire title →
    gp_visits: GPVisits = GPVisits(0, None, None)


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def days_to_first_contact(referral: ReportRow | Referral) -> float | None:
    if referral.first_contact_at is None:
        return None
    elapsed = as_utc(referral.first_contact_at) - as_utc(referral.created_at)
    return max(elapsed.total_seconds(), 0) / 86400


def _counted(labels: Iterable[str], found: Counter) -> list[tuple[str, int]]:
    return [(label, found.get(label, 0)) for label in labels]


def _scores(referral: ReportRow, key: str, stage: QuestionnaireStage) -> dict:
    for response in referral.responses:
        if response.questionnaire == key and response.stage is stage:
            return response.answers or {}
    return {}


def item_changes(referrals: list[ReportRow], key: str) -> list[ItemChange]:
    """Per question of questionnaire `key`: the mean of the people scored at both stages."""
    questionnaire = CATALOGUE[key]
    staged = [
        (_scores(r, key, QuestionnaireStage.REFERRAL), _scores(r, key, QuestionnaireStage.EXIT))
        for r in referrals
    ]
    changes = []
    for question in questionnaire.questions:
        pairs = [
            (before[question.key], after[question.key])
            for before, after in staged
            if before.get(question.key) is not None and after.get(question.key) is not None
        ]
        changes.append(
            ItemChange(
                questionnaire.title,
                question.text,
                question.short,
                question.lower_is_better,
                len(pairs),
                _mean([p[0] for p in pairs]),
                _mean([p[1] for p in pairs]),
            )
        )
    return changes


def _questionnaires_to_report(referrals: list[ReportRow]) -> list[str]:
    answered = {r.questionnaire for referral in referrals for r in referral.responses}
    chosen = set(in_use()) | answered
    return [key for key in CATALOGUE if key in chosen]


def _gp_visits(referrals: list[ReportRow]) -> GPVisits:
    both = [
        (r.gp_visits_before, r.gp_visits_after)
        for r in referrals
        if r.gp_visits_before is not None and r.gp_visits_after is not None
    ]
    return GPVisits(len(both), _mean([b for b, _ in both]), _mean([a for _, a in both]))


def build_report(period: DateRange) -> Report:
    referrals = referrals_made(period)
    practices = Counter(r.referrer_practice.strip() or NO_PRACTICE for r in referrals)
    waits = [d for d in map(days_to_first_contact, referrals) if d is not None]
    return Report(
        period=period,
        total=len(referrals),
        by_reason=_counted(
            (m.label for m in ReferralReason), Counter(r.reason.label for r in referrals)
        ),
        by_source=_counted(
            (m.label for m in ReferralSource), Counter(r.source.label for r in referrals)
        ),
        by_practice=sorted(practices.items(), key=lambda pair: (-pair[1], pair[0].lower())),
        by_state=_counted(
            (m.label for m in ReferralState), Counter(r.state.label for r in referrals)
        ),
        first_contact=Average(
            len(waits), _mean(waits), statistics.median(waits) if waits else None
        ),
        items={
            CATALOGUE[key].title: item_changes(referrals, key)
            for key in _questionnaires_to_report(referrals)
        },
        gp_visits=_gp_visits(referrals),
    )


# ---------------------------------------------------------------------------------------------
# Showing small numbers


def suppress_under() -> int:
    return int(current_app.config.get("PORTAL_REPORT_SUPPRESS_UNDER", 5))


def count_text(count: int, threshold: int) -> str:
    if 0 < count < threshold:
        return f"fewer than {threshold}"
    return str(count)


def figure_text(value: float | None, count: int, threshold: int, signed: bool = False) -> str:
    """A mean or median, to one decimal place, unless too few people are behind it."""
    if value is None or count == 0:
        return "none yet"
    if count < threshold:
        return "not shown (too few)"
    return f"{value:+.1f}" if signed else f"{value:.1f}"


# ---------------------------------------------------------------------------------------------
# The CSV


#: (column name, questionnaire, question, stage) for every score, in catalogue order.
SCORE_COLUMNS: tuple[tuple[str, str, str, QuestionnaireStage], ...] = tuple(
    (f"{key}_{question.key}_{stage.value}", key, question.key, stage)
    for key, questionnaire in CATALOGUE.items()
    for question in questionnaire.questions
    for stage in QuestionnaireStage
)


def csv_header() -> list[str]:
    return [
        "row",
        "month_made",
        "reason",
        "source",
        "practice",
        "state",
        "days_to_first_contact",
        *MONITORING_FIELDS,
        *(column[0] for column in SCORE_COLUMNS),
    ]


def _cell(value: object) -> object:
    if isinstance(value, str):
        return safe_cell(value)
    return "" if value is None else value


def csv_row(number: int, referral: ReportRow) -> list[object]:
    wait = days_to_first_contact(referral)
    scores = [
        _scores(referral, key, stage).get(question) for _, key, question, stage in SCORE_COLUMNS
    ]
    row = [
        number,
        f"{as_utc(referral.created_at):%Y-%m}",
        referral.reason.label,
        referral.source.label,
        referral.referrer_practice.strip(),
        referral.state.label,
        None if wait is None else round(wait, 1),
        *(getattr(referral, name) for name in MONITORING_FIELDS),
        *scores,
    ]
    return [_cell(value) for value in row]


def as_csv(period: DateRange) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_header())
    for number, referral in enumerate(referrals_made(period), start=1):
        writer.writerow(csv_row(number, referral))
    return out.getvalue()

"""Outcomes: questionnaires and monitoring for a referral, and the commissioners' reports.

models.py             the administrator's settings (which questionnaires are used)
questionnaires.py     ONS4 and Connect4Life's five questions, monitoring, which are in use
forms.py              the outcome pages' forms, and the choices they offer
services.py           what the outcome pages read: logging a look at personal data, the log
reports.py            the referrals counted for a date range, and the record-level CSV
report_dates.py       the report's date range, from GOV.UK date inputs
report_figures.py     the report as it is shown, from report_headlines.py (headline figures
                      against the period before, waiting times) and report_tables.py (tables
                      with their charts and CSVs)
views.py              questionnaires, monitoring, export and erasure, the report, the
                      administrator's settings and the personal-data log

Every page is on the blueprint "outcomes" defined here; `blueprint()` gathers them.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("outcomes", __name__)


def blueprint() -> Blueprint:
    """The blueprint with every outcome page on it."""
    # Each page module puts its routes on bp as it is imported.
    from portal.prescribing.outcomes import views  # noqa: F401

    return bp

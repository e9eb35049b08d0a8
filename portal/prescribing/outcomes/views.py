"""Outcome pages: questionnaires and monitoring for a referral, export and erasure on request,
the commissioners' report and CSV, the administrator's settings and the personal-data log.

Referral pages are for the receiving organisation and the assigned connector (`can_act`),
signed in with a second factor (`personal_data_route`); every view and change is logged.
Reports are for commissioners and administrators and never show a name.
"""

from __future__ import annotations

import json
import uuid
from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.accounts.access import REPORT_READERS, roles_required
from portal.accounts.models import Role
from portal.extensions import db
from portal.prescribing import privacy
from portal.prescribing.access import can_act, check_can_act, log_access, personal_data_route
from portal.prescribing.models import PersonalDataLog, QuestionnaireStage, Referral
from portal.prescribing.outcomes import (
    bp,
    forms,
    questionnaires,
    report_dates,
    report_figures,
    reports,
)
from portal.prescribing.referrals.forms import reference_asked
from portal.validation import ValidationFailed

report_readers = roles_required(*REPORT_READERS)
admin_only = roles_required(Role.ADMIN)
LOG_PAGE_SIZE = 50


def _referral(referral_id: uuid.UUID) -> Referral:
    """The referral, for someone who may act on it (404 if there is none, else 403)."""
    referral = db.session.get(Referral, referral_id)
    if referral is None:
        abort(404)
    check_can_act(current_user, referral)
    return referral


def _referral_page(referral: Referral, anchor: str = "outcomes") -> str:
    return url_for("referrals.show", referral_id=referral.id, _anchor=anchor)


def _problems(problem: ValidationFailed) -> dict[str, str]:
    return dict(getattr(problem, "problems", None) or {problem.field: problem.message})


# --- questionnaires -------------------------------------------------------------------------


def outcomes_for(referral: Referral) -> dict:
    """What the referral page's outcome and privacy panels show (referrals/_outcomes.html and
    _privacy.html), worked out by its view so that drawing the panels reads nothing more."""
    answered = questionnaires.responses_by_stage(referral)
    rows = [
        {
            "title": questionnaires.CATALOGUE[key].title,
            "stages": [
                {
                    "label": stage.label,
                    "response": answered.get((key, stage)),
                    "url": url_for(
                        "outcomes.questionnaire",
                        referral_id=referral.id,
                        stage=stage.value,
                        key=key,
                    ),
                }
                for stage in QuestionnaireStage
            ],
        }
        for key in questionnaires.in_use()
    ]
    return {
        "questionnaires": rows,
        "monitoring": [
            (forms.MONITORING_LABELS[name], getattr(referral, name))
            for name in questionnaires.MONITORING_FIELDS
        ],
        "can_act": can_act(current_user, referral),
    }


def _questionnaire_page(referral, questionnaire, stage, values, problems=None):
    page = render_template(
        "prescribing/outcomes/questionnaire.html",
        referral=referral,
        questionnaire=questionnaire,
        stage=stage,
        values=values,
        problems=problems or {},
        options={q.key: forms.scale_options(q) for q in questionnaire.questions},
        back=_referral_page(referral),
        form=FlaskForm(),
    )
    return page, 400 if problems else 200


@bp.route("/referrals/<uuid:referral_id>/questionnaires/<stage>/<key>", methods=["GET", "POST"])
@personal_data_route
def questionnaire(referral_id: uuid.UUID, stage: str, key: str):
    referral = _referral(referral_id)
    try:
        at = QuestionnaireStage(stage)
    except ValueError:
        abort(404)
    if key not in questionnaires.in_use():
        abort(404)
    chosen = questionnaires.CATALOGUE[key]
    if request.method == "GET":
        earlier = questionnaires.responses_by_stage(referral).get((key, at))
        log_access(current_user, referral, "viewed questionnaire", f"{chosen.title}, {at.label}")
        db.session.commit()
        values = forms.response_values(earlier, date.today())
        return _questionnaire_page(referral, chosen, at, values)
    values = forms.answer_values(request.form, chosen)
    if not FlaskForm().validate_on_submit():
        return _questionnaire_page(referral, chosen, at, values)
    problems: dict[str, str] = {}
    try:
        questionnaires.check_answers(chosen, values)
    except ValidationFailed as problem:
        problems.update(_problems(problem))
    try:
        answered_on = forms.parse_answered_on(values["answered_on"])
        if not problems:
            questionnaires.record_response(referral, current_user, key, at, values, answered_on)
    except ValidationFailed as problem:
        problems.update(_problems(problem))
    if problems:
        return _questionnaire_page(referral, chosen, at, values, problems)
    flash(f"Saved the {chosen.title} answers ({at.label.lower()}).", "success")
    return redirect(_referral_page(referral))


# --- monitoring -----------------------------------------------------------------------------


@bp.route("/referrals/<uuid:referral_id>/monitoring", methods=["GET", "POST"])
@personal_data_route
def monitoring(referral_id: uuid.UUID):
    referral = _referral(referral_id)
    problems: dict[str, str] = {}
    if request.method == "GET":
        values = forms.referral_monitoring(referral)
        log_access(current_user, referral, "viewed monitoring")
        db.session.commit()
    else:
        values = forms.monitoring_values(request.form)
        if FlaskForm().validate_on_submit():
            try:
                questionnaires.set_monitoring(referral, current_user, **values)
            except ValidationFailed as problem:
                problems = _problems(problem)
            else:
                flash("Saved the monitoring details.", "success")
                return redirect(_referral_page(referral))
    page = render_template(
        "prescribing/outcomes/monitoring.html",
        referral=referral,
        values=values,
        problems=problems,
        options=forms.monitoring_options(),
        labels=forms.MONITORING_LABELS,
        visit_fields=forms.gp_visit_fields(),
        most_visits=questionnaires.MOST_GP_VISITS,
        back=_referral_page(referral),
        form=FlaskForm(),
    )
    return page, 400 if problems else 200


# --- export and erasure ---------------------------------------------------------------------


@bp.get("/referrals/<uuid:referral_id>/export.json")
@personal_data_route
def export(referral_id: uuid.UUID):
    referral = _referral(referral_id)
    data = privacy.export_person(referral, current_user)
    return Response(
        json.dumps(data, indent=2, ensure_ascii=False),
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="referral-{referral.reference}.json"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/referrals/<uuid:referral_id>/erase", methods=["GET", "POST"])
@personal_data_route
def erase(referral_id: uuid.UUID):
    referral = _referral(referral_id)
    form = FlaskForm()
    if form.validate_on_submit():
        reference = referral.reference
        privacy.erase(referral, current_user)
        flash(f"Erased the personal data in referral {reference}.", "success")
        return redirect(url_for("referrals.index"))
    return render_template(
        "prescribing/outcomes/erase.html",
        referral=referral,
        back=_referral_page(referral, "privacy"),
        form=form,
    )


# --- reports --------------------------------------------------------------------------------


def _report_page(typed: dict, problems=None, report=None, wrong=None):
    """The report, with its two date inputs showing `typed` (day, month, year each)."""
    threshold = reports.suppress_under()
    page = render_template(
        "prescribing/reports/referrals.html",
        typed=typed,
        problems=problems or {},
        wrong=wrong or {},
        report=report,
        figures=report_figures.build_figures(report, threshold) if report else None,
        threshold=threshold,
        count_text=reports.count_text,
        figure_text=reports.figure_text,
    )
    return page, 400 if problems else 200


def _period() -> tuple[dict, report_dates.DateRange]:
    typed = report_dates.typed_dates(request.args)
    return typed, report_dates.read_range(typed, date.today())


def _refused(problem: report_dates.DatesInvalid):
    typed = report_dates.typed_dates(request.args)
    return _report_page(typed, _problems(problem), wrong=problem.wrong)


@bp.get("/reports/referrals")
@report_readers
def referrals_report():
    try:
        _, period = _period()
    except report_dates.DatesInvalid as problem:
        return _refused(problem)
    typed = {
        "start": report_dates.typed_as_parts(period.start),
        "end": report_dates.typed_as_parts(period.end),
    }
    return _report_page(typed, report=reports.build_report(period))


@bp.get("/reports/referrals.csv")
@report_readers
def referrals_csv():
    try:
        _, period = _period()
    except report_dates.DatesInvalid as problem:
        return _refused(problem)
    name = f"referrals-{period.start.isoformat()}-to-{period.end.isoformat()}.csv"
    return Response(
        reports.as_csv(period),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/reports/referrals/<name>.csv")
@report_readers
def referrals_table_csv(name: str):
    """One of the report's tables, suppressed as on the page."""
    try:
        _, period = _period()
    except report_dates.DatesInvalid as problem:
        return _refused(problem)
    figures = report_figures.build_figures(reports.build_report(period), reports.suppress_under())
    table = figures.table(name)
    if table is None:
        abort(404)
    filename = f"referrals-{name}-{period.start.isoformat()}-to-{period.end.isoformat()}.csv"
    return Response(
        table.as_csv(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


# --- administrators -------------------------------------------------------------------------


@bp.route("/admin/prescribing", methods=["GET", "POST"])
@admin_only
def settings():
    chosen = questionnaires.in_use()
    problems: dict[str, str] = {}
    form = FlaskForm()
    if form.validate_on_submit():
        chosen = forms.chosen_questionnaires(request.form)
        try:
            questionnaires.set_in_use(current_user, chosen)
        except ValidationFailed as problem:
            problems = _problems(problem)
        else:
            flash("Saved which questionnaires are used.", "success")
            return redirect(url_for("outcomes.settings"))
    page = render_template(
        "prescribing/outcomes/settings.html",
        options=[(key, q.title) for key, q in questionnaires.CATALOGUE.items()],
        chosen=chosen,
        problems=problems,
        form=form,
    )
    return page, 400 if problems else 200


@bp.get("/admin/personal-data-log")
@admin_only
def data_log():
    reference = reference_asked(request.args)
    query = (
        select(PersonalDataLog)
        .options(selectinload(PersonalDataLog.user))
        .order_by(PersonalDataLog.at.desc(), PersonalDataLog.id.desc())
    )
    if reference:
        query = query.where(func.upper(PersonalDataLog.reference) == reference)
    page = db.paginate(
        query, page=request.args.get("page", 1, type=int), per_page=LOG_PAGE_SIZE, error_out=False
    )
    return render_template(
        "prescribing/outcomes/data_log.html",
        entries=page.items,
        page=page,
        reference=reference,
        url_for_page=lambda n: url_for("outcomes.data_log", reference=reference or None, page=n),
    )

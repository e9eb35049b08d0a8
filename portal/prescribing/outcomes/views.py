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

from portal.accounts.access import REPORT_READERS, roles_required
from portal.accounts.models import Role
from portal.forms import ButtonForm
from portal.prescribing import privacy
from portal.prescribing.access import can_act, personal_data_route
from portal.prescribing.models import QuestionnaireStage, Referral
from portal.prescribing.outcomes import (
    bp,
    forms,
    questionnaires,
    report_dates,
    report_figures,
    reports,
    services,
)
from portal.prescribing.referrals import records
from portal.prescribing.referrals.forms import reference_asked
from portal.validation import ValidationFailed

report_readers = roles_required(*REPORT_READERS)
admin_only = roles_required(Role.ADMIN)
LOG_PAGE_SIZE = 50


def _referral(referral_id: uuid.UUID) -> Referral:
    """The referral, for someone who may act on it (404 if there is none, else 403)."""
    return records.referral_for(current_user, referral_id, act=True)


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


def _questionnaire_page(referral, questionnaire, stage, form, problems=None):
    page = render_template(
        "prescribing/outcomes/questionnaire.html",
        referral=referral,
        questionnaire=questionnaire,
        stage=stage,
        values=form.answers(),
        problems=problems or {},
        options={q.key: forms.scale_options(q) for q in questionnaire.questions},
        back=_referral_page(referral),
        form=form,
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
    answers_form = forms.questionnaire_form(key)
    if request.method == "GET":
        earlier = services.open_questionnaire(current_user, referral, key, at)
        form = answers_form(data=forms.response_values(earlier, date.today()))
        return _questionnaire_page(referral, chosen, at, form)
    form = answers_form()
    if not form.validate_on_submit():
        return _questionnaire_page(referral, chosen, at, form)
    values = form.answers()
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
        return _questionnaire_page(referral, chosen, at, form, problems)
    flash(f"Saved the {chosen.title} answers ({at.label.lower()}).", "success")
    return redirect(_referral_page(referral))


# --- monitoring -----------------------------------------------------------------------------


@bp.route("/referrals/<uuid:referral_id>/monitoring", methods=["GET", "POST"])
@personal_data_route
def monitoring(referral_id: uuid.UUID):
    referral = _referral(referral_id)
    problems: dict[str, str] = {}
    if request.method == "GET":
        form = forms.MonitoringForm(data=forms.referral_monitoring(referral))
        services.open_monitoring(current_user, referral)
    else:
        form = forms.MonitoringForm()
        if form.validate_on_submit():
            try:
                questionnaires.set_monitoring(referral, current_user, **form.values())
            except ValidationFailed as problem:
                problems = _problems(problem)
            else:
                flash("Saved the monitoring details.", "success")
                return redirect(_referral_page(referral))
    page = render_template(
        "prescribing/outcomes/monitoring.html",
        referral=referral,
        values=form.values(),
        problems=problems,
        options=forms.monitoring_options(),
        labels=forms.MONITORING_LABELS,
        visit_fields=forms.gp_visit_fields(),
        most_visits=questionnaires.MOST_GP_VISITS,
        back=_referral_page(referral),
        form=form,
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
    form = ButtonForm()
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
    saved = None if request.method == "POST" else {"questionnaires": questionnaires.in_use()}
    form = forms.QuestionnairesForm(data=saved)
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            questionnaires.set_in_use(current_user, form.questionnaires.data)
        except ValidationFailed as problem:
            problems = _problems(problem)
        else:
            flash("Saved which questionnaires are used.", "success")
            return redirect(url_for("outcomes.settings"))
    page = render_template(
        "prescribing/outcomes/settings.html",
        options=[(key, q.title) for key, q in questionnaires.CATALOGUE.items()],
        chosen=form.questionnaires.data,
        problems=problems,
        form=form,
    )
    return page, 400 if problems else 200


@bp.get("/admin/personal-data-log")
@admin_only
def data_log():
    reference = reference_asked(request.args)
    page = services.personal_data_log(
        reference, request.args.get("page", 1, type=int), LOG_PAGE_SIZE
    )
    return render_template(
        "prescribing/outcomes/data_log.html",
        entries=page.items,
        page=page,
        reference=reference,
        url_for_page=lambda n: url_for("outcomes.data_log", reference=reference or None, page=n),
    )

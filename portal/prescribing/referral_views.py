"""Referral pages: referring someone (or oneself), the lists of referrals, one referral's
record with its state, assignment and casework, a connector's caseload, the directory team's
overdue list (no personal data) and a listing's referral settings.

Every page with personal data is `personal_data_route` (signed in with a second factor) behind
a role check, loads the referral with a `can_see` / `can_act` check (403 otherwise) and logs
each view; changes are logged by the services. Casework forms are in `casework_views.py`.
"""

from __future__ import annotations

import uuid

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.accounts.access import DIRECTORY_TEAM, roles_required
from portal.accounts.models import Role, User
from portal.db import utcnow
from portal.directory.models import Service
from portal.directory.services import get_public_service
from portal.extensions import db, limiter
from portal.prescribing import casework, referrals, shortlists
from portal.prescribing import referral_forms as forms
from portal.prescribing.access import (
    can_act,
    can_see,
    log_access,
    organisation_ids,
    personal_data_route,
)
from portal.prescribing.models import CLOSED_STATES, Referral
from portal.validation import AlreadyDecided, NotAllowed, NotFound, ValidationFailed

bp = Blueprint("referrals", __name__)

REFERRING_ROLES = (Role.PROFESSIONAL, Role.CONNECTOR)
CASE_ROLES = (Role.PROFESSIONAL, Role.CONNECTOR, Role.GROUP_MEMBER)
referring = roles_required(*REFERRING_ROLES)
case_roles = roles_required(*CASE_ROLES)
TAB_ORDER = {
    Role.PROFESSIONAL: ("sent", "organisation", "assigned"),
    Role.CONNECTOR: ("assigned", "organisation", "sent"),
    Role.GROUP_MEMBER: ("organisation", "assigned", "sent"),
}
SENT_KEY = "referral_sent"  # session: the reference of the referral just made


@bp.app_context_processor
def referral_helpers() -> dict:
    """For the listing page: whether to offer the signed-in person its referral settings."""

    def may_manage_referrals(service: Service) -> bool:
        return referrals.may_manage_referrals(current_user, service)

    return {"may_manage_referrals": may_manage_referrals}


# --- making a referral --------------------------------------------------------------------------


def _referrable(service_id: uuid.UUID) -> Service:
    service = get_public_service(str(service_id))
    if not service.accepts_referrals:
        abort(404)
    return service


def _from_shortlist(referrer: User | None):
    """The referrer's own shortlist this referral was started from (`?shortlist=`), if any:
    its "what matters" starts the form off. Anyone else's list is ignored."""
    wanted = request.args.get("shortlist")
    if referrer is None or not wanted:
        return None
    try:
        return shortlists.get_own_list(referrer, wanted)
    except (NotFound, NotAllowed):
        return None


def _refer(service: Service, referrer: User | None, template: str):
    form = FlaskForm()
    values = forms.referral_values(
        request.form if request.method == "POST" else None, service, referrer
    )
    shortlist = _from_shortlist(referrer)
    if shortlist is not None and request.method != "POST":
        values["what_matters"] = shortlist.what_matters or ""
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        fields = dict(values)
        problems = referrals.referral_problems(referrer, fields)
        if not problems:
            try:
                made = referrals.make_referral(service, referrer, **fields)
            except ValidationFailed as problem:
                problems = {problem.field: problem.message}
            else:
                session[SENT_KEY] = made.reference
                return redirect(url_for("referrals.sent", service_id=service.id))
    page = render_template(
        template,
        service=service,
        shortlist=shortlist,
        form=form,
        values=values,
        problems=problems,
        reasons=forms.REASON_OPTIONS,
        contacts=forms.CONTACT_OPTIONS,
        sources=forms.SOURCE_OPTIONS,
        consent_options=forms.CONSENT_OPTIONS,
    )
    return page, 400 if problems else 200


@bp.route("/services/<uuid:service_id>/refer", methods=["GET", "POST"])
@referring
@personal_data_route
def refer(service_id: uuid.UUID):
    return _refer(_referrable(service_id), current_user, "prescribing/referrals/refer.html")


@bp.route("/services/<uuid:service_id>/refer-yourself", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])
def refer_yourself(service_id: uuid.UUID):
    return _refer(_referrable(service_id), None, "prescribing/referrals/refer_yourself.html")


@bp.get("/services/<uuid:service_id>/referral-sent")
def sent(service_id: uuid.UUID):
    """The confirmation: the reference and what happens next, no personal details."""
    service = get_public_service(str(service_id))
    return render_template(
        "prescribing/referrals/sent.html",
        service=service,
        reference=session.get(SENT_KEY),
        days=current_app.config["PORTAL_REFERRAL_REMINDER_DAYS"],
    )


# --- lists --------------------------------------------------------------------------------------


CLOSED_SHOWN = 25  # closed referrals listed after the open ones; older ones by reference


def _listed(query, reference: str = "", *with_loaded) -> tuple[list[Referral], int]:
    """Every open referral the query finds (newest first), then the most recently closed;
    returns them and how many closed ones were left out. A reference narrows it to that one."""
    query = query.options(selectinload(Referral.service), *with_loaded)
    if reference:
        query = query.where(Referral.reference == reference)
    is_open = Referral.state.not_in(CLOSED_STATES)
    found = list(db.session.scalars(query.where(is_open).order_by(Referral.created_at.desc())))
    closed = query.where(~is_open)
    total = db.session.scalar(select(func.count()).select_from(closed.subquery())) or 0
    recent = db.session.scalars(
        closed.order_by(Referral.closed_at.desc(), Referral.created_at.desc()).limit(CLOSED_SHOWN)
    )
    found += list(recent)
    return found, max(0, total - CLOSED_SHOWN)


@bp.get("/referrals")
@case_roles
@personal_data_route
def index():
    me = current_user
    groups = {
        "sent": select(Referral).where(Referral.referrer_user_id == me.id),
        "organisation": select(Referral).where(Referral.organisation_id.in_(organisation_ids(me))),
        "assigned": select(Referral).where(Referral.assigned_connector_id == me.id),
    }
    reference = forms.reference_asked(request.args)
    listed = {key: _listed(query, reference) for key, query in groups.items()}
    lists = {key: found for key, (found, _left) in listed.items()}
    left_out = {key: left for key, (_found, left) in listed.items()}
    shown = {r.id for found in lists.values() for r in found}
    log_access(me, None, "listed referrals", f"{len(shown)} referrals")
    db.session.commit()
    now = utcnow()
    return render_template(
        "prescribing/referrals/index.html",
        lists=lists,
        left_out=left_out,
        reference=reference,
        order=TAB_ORDER.get(me.role, tuple(groups)),
        overdue={r.id for found in lists.values() for r in found if _late(r, now)},
    )


def _late(referral: Referral, now) -> bool:
    return referrals.working_days_overdue(referral, now) > 0


@bp.get("/caseload")
@roles_required(Role.CONNECTOR)
@personal_data_route
def caseload():
    reference = forms.reference_asked(request.args)
    mine, left_out = _listed(
        select(Referral).where(Referral.assigned_connector_id == current_user.id),
        reference,
        selectinload(Referral.connections),
    )
    log_access(current_user, None, "viewed caseload", f"{len(mine)} referrals")
    db.session.commit()
    return render_template(
        "prescribing/referrals/caseload.html",
        referrals=mine,
        left_out=left_out,
        reference=reference,
        last_notes=casework.last_journal_dates([r.id for r in mine]),
    )


@bp.get("/moderation/overdue-referrals")
@roles_required(*DIRECTORY_TEAM)
def overdue():
    """Referrals left new too long: counts and references only, never a person."""
    now = utcnow()
    rows = [
        {
            "reference": r.reference,
            "service": r.service.name if r.service else "(listing removed)",
            "organisation": r.organisation.name,
            "made_on": referrals.local_date(r.created_at),
            "late": referrals.working_days_overdue(r, now),
            "reminded_on": referrals.local_date(r.reminded_at) if r.reminded_at else None,
        }
        for r in referrals.overdue_referrals(now)
    ]
    return render_template("prescribing/referrals/overdue.html", rows=rows)


# --- one referral -------------------------------------------------------------------------------


def load(referral_id: uuid.UUID, *, act: bool = False) -> Referral:
    referral = db.session.get(Referral, referral_id)
    if referral is None:
        abort(404)
    allowed = can_act(current_user, referral) if act else can_see(current_user, referral)
    if not allowed:
        abort(403)
    return referral


def record_page(referral: Referral, problems: dict | None = None, values: dict | None = None):
    """The referral's record, logged as viewed; 400 when a form on it has problems."""
    log_access(current_user, referral, "viewed")
    db.session.commit()
    acting = can_act(current_user, referral)
    words = (request.values.get("find") or "").strip()[:100]
    page = render_template(
        "prescribing/referrals/show.html",
        referral=referral,
        acting=acting,
        form=FlaskForm(),
        problems=problems or {},
        values=values or {},
        states=forms.state_options(referral),
        connectors=referrals.connectors_for(referral) if acting else [],
        can_take=acting
        and current_user.role is Role.CONNECTOR
        and referral.organisation_id in organisation_ids(current_user)
        and referral.assigned_connector_id != current_user.id,
        find=words,
        found=casework.find_listings(words) if acting and words else [],
        own_listings=casework.organisation_listings(referral) if acting else [],
        attendance=forms.ATTENDANCE_OPTIONS,
        closure_reasons=forms.CLOSURE_OPTIONS,
        late=referrals.working_days_overdue(referral, utcnow()),
        due=referrals.due_on(referral),
        today=referrals.local_date(utcnow()),
    )
    return page, 400 if problems else 200


@bp.get("/referrals/<uuid:referral_id>")
@case_roles
@personal_data_route
def show(referral_id: uuid.UUID):
    return record_page(load(referral_id))


@bp.post("/referrals/<uuid:referral_id>/state")
@case_roles
@personal_data_route
def change_state(referral_id: uuid.UUID):
    referral = load(referral_id, act=True)
    values = forms.casework_values(request.form, *forms.STATE_FIELDS)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        referrals.change_state(
            referral,
            current_user,
            values["state"],
            values["note"],
            values["declined_reason"],
            seen_state=request.form.get("from_state"),
            closure_reason=values["closure_reason"] or None,
        )
    except AlreadyDecided as decided:
        flash(decided.message, "important")
        return redirect(url_for("referrals.show", referral_id=referral.id))
    except ValidationFailed as problem:
        db.session.rollback()
        return record_page(referral, {problem.field: problem.message}, values)
    flash(f"Referral {referral.reference} is now: {referral.state.label}", "success")
    return redirect(url_for("referrals.show", referral_id=referral.id))


@bp.post("/referrals/<uuid:referral_id>/assign")
@case_roles
@personal_data_route
def assign(referral_id: uuid.UUID):
    referral = load(referral_id, act=True)
    if not FlaskForm().validate_on_submit():
        abort(400)
    wanted = (request.form.get("connector") or "").strip()
    if request.form.get("take"):
        wanted = str(current_user.id)
    connector = None
    try:
        connector = db.session.get(User, uuid.UUID(wanted)) if wanted else None
    except ValueError:
        connector = None
    try:
        if connector is None and wanted:
            raise ValidationFailed("connector", "Choose a connector from the list")
        referrals.assign(referral, current_user, connector)
    except AlreadyDecided as decided:
        flash(decided.message, "important")
        return redirect(url_for("referrals.show", referral_id=referral.id, _anchor="assignment"))
    except ValidationFailed as problem:
        db.session.rollback()
        return record_page(referral, {problem.field: problem.message}, {"connector": wanted})
    who = referral.assigned_connector.name if referral.assigned_connector else "nobody"
    flash(f"Referral {referral.reference} is assigned to {who}", "success")
    return redirect(url_for("referrals.show", referral_id=referral.id, _anchor="assignment"))


# --- a listing's referral settings ----------------------------------------------------------------


@bp.route("/listings/<uuid:service_id>/referrals", methods=["GET", "POST"])
@login_required
def settings(service_id: uuid.UUID):
    service = db.session.get(Service, service_id)
    if service is None:
        abort(404)
    if not referrals.may_manage_referrals(current_user, service):
        abort(403)
    form = FlaskForm()
    values = {
        "accepts_referrals": "yes" if service.accepts_referrals else "",
        "referral_email": service.referral_email or "",
    }
    problems: dict[str, str] = {}
    if request.method == "POST":
        values = {
            "accepts_referrals": "yes" if request.form.get("accepts_referrals") else "",
            "referral_email": (request.form.get("referral_email") or "").strip(),
        }
    if form.validate_on_submit():
        try:
            referrals.set_referral_settings(
                service,
                current_user,
                accepts=bool(values["accepts_referrals"]),
                email=values["referral_email"],
            )
        except ValidationFailed as problem:
            db.session.rollback()
            problems = {problem.field: problem.message}
        else:
            flash("Referral settings saved", "success")
            return redirect(url_for("referrals.settings", service_id=service.id))
    page = render_template(
        "prescribing/referrals/settings.html",
        service=service,
        form=form,
        values=values,
        problems=problems,
    )
    return page, 400 if problems else 200

"""One referral's record: its details, state, assignment and casework, for the referrer, the
receiving organisation and its connector. The casework forms on it are `casework_views`; the
lists of referrals `list_views`; referring someone `refer_views`.

Every page with personal data is `personal_data_route` (signed in with a second factor) behind
a role check, loads the referral with a `can_see` / `can_act` check (403 otherwise) and logs
each view; changes are logged by the services.
"""

from __future__ import annotations

import uuid

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from portal.accounts.access import roles_required
from portal.accounts.models import Role, User
from portal.db import utcnow
from portal.extensions import db
from portal.prescribing.access import (
    can_act,
    can_see,
    log_access,
    organisation_ids,
    personal_data_route,
)
from portal.prescribing.models import Referral
from portal.prescribing.outcomes.views import outcomes_for
from portal.prescribing.referrals import bp, casework, forms
from portal.prescribing.referrals import services as referrals
from portal.validation import AlreadyDecided, ValidationFailed

CASE_ROLES = (Role.PROFESSIONAL, Role.CONNECTOR, Role.GROUP_MEMBER)
case_roles = roles_required(*CASE_ROLES)


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
    referral_id = referral.id
    db.session.commit()
    referral = referrals.record(referral_id)
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
        outcomes=outcomes_for(referral),
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

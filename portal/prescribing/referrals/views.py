"""One referral's record: its details, state, assignment and casework, for the referrer, the
receiving organisation and its connector. The casework forms on it are `casework_views`; the
lists of referrals `list_views`; referring someone `refer_views`.

Every page with personal data is `personal_data_route` (signed in with a second factor) behind
a role check, loads the referral with a `can_see` / `can_act` check (`services.referral_for`:
403 otherwise) and logs each view (`services.open_record`); changes are logged by the services.
"""

from __future__ import annotations

import uuid

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.accounts.access import roles_required
from portal.accounts.models import Role
from portal.prescribing.access import personal_data_route
from portal.prescribing.models import Referral
from portal.prescribing.outcomes.views import outcomes_for
from portal.prescribing.referrals import bp, forms, records
from portal.prescribing.referrals import services as referrals
from portal.validation import AlreadyDecided, ValidationFailed

CASE_ROLES = (Role.PROFESSIONAL, Role.CONNECTOR, Role.GROUP_MEMBER)
case_roles = roles_required(*CASE_ROLES)


def load(referral_id: uuid.UUID, *, act: bool = False) -> Referral:
    """The referral, for the signed-in person (who may act on it, with `act`): 404 or 403."""
    return records.referral_for(current_user, referral_id, act=act)


def record_page(
    referral: Referral,
    problems: dict | None = None,
    values: dict | None = None,
    find: str = "",
):
    """The referral's record, logged as viewed; 400 when a form on it has problems (and what
    that form sent, `values`, is shown again). `find`: the words searched for among the
    activities to connect the person to."""
    shown = records.open_record(current_user, referral, find=find, refused=bool(problems))
    page = render_template(
        "prescribing/referrals/show.html",
        referral=shown.referral,
        acting=shown.acting,
        problems=problems or {},
        values=values or {},
        states=forms.state_options(shown.referral),
        connectors=shown.connectors,
        can_take=shown.can_take,
        find=shown.find,
        found=shown.found,
        own_listings=shown.own_listings,
        attendance=forms.ATTENDANCE_OPTIONS,
        closure_reasons=forms.CLOSURE_OPTIONS,
        late=shown.late,
        due=shown.due,
        today=shown.today,
        outcomes=outcomes_for(shown.referral),
    )
    return page, 400 if problems else 200


@bp.get("/referrals/<uuid:referral_id>")
@case_roles
@personal_data_route
def show(referral_id: uuid.UUID):
    return record_page(load(referral_id), find=request.args.get("find") or "")


@bp.post("/referrals/<uuid:referral_id>/state")
@case_roles
@personal_data_route
def change_state(referral_id: uuid.UUID):
    referral = load(referral_id, act=True)
    form = forms.StateForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        referrals.change_state(
            referral,
            current_user,
            form.state.data or "",
            form.note.data or "",
            form.declined_reason.data or "",
            seen_state=form.from_state.data,
            closure_reason=form.closure_reason.data or None,
        )
    except AlreadyDecided as decided:
        flash(decided.message, "important")
        return redirect(url_for("referrals.show", referral_id=referral.id))
    except ValidationFailed as problem:
        return record_page(referral, {problem.field: problem.message}, form.typed())
    flash(f"Referral {referral.reference} is now: {referral.state.label}", "success")
    return redirect(url_for("referrals.show", referral_id=referral.id))


@bp.post("/referrals/<uuid:referral_id>/assign")
@case_roles
@personal_data_route
def assign(referral_id: uuid.UUID):
    referral = load(referral_id, act=True)
    form = forms.AssignForm()
    if not form.validate_on_submit():
        abort(400)
    wanted = str(current_user.id) if form.take.data else (form.connector.data or "")
    try:
        referrals.assign_chosen(referral, current_user, wanted)
    except AlreadyDecided as decided:
        flash(decided.message, "important")
        return redirect(url_for("referrals.show", referral_id=referral.id, _anchor="assignment"))
    except ValidationFailed as problem:
        return record_page(referral, {problem.field: problem.message}, {"connector": wanted})
    who = referral.assigned_connector.name if referral.assigned_connector else "nobody"
    flash(f"Referral {referral.reference} is assigned to {who}", "success")
    return redirect(url_for("referrals.show", referral_id=referral.id, _anchor="assignment"))

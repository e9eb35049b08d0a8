"""The casework forms on a referral's record (`views`): journal notes, goals, activities
connected to and whether the person went.

Each is the receiving organisation's or its connector's only (`can_act`, 403 otherwise); a
form with a problem shows the referral again with the message next to the field (400).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from flask import abort, flash, redirect, url_for
from flask_login import current_user

from portal.prescribing.access import personal_data_route
from portal.prescribing.models import Referral
from portal.prescribing.referrals import bp, casework, forms
from portal.prescribing.referrals.views import case_roles, load, record_page
from portal.validation import ValidationFailed


def _casework(
    referral_id: uuid.UUID,
    form_class: type[forms.RecordForm],
    anchor: str,
    save: Callable[[Referral, dict[str, str]], str],
):
    """Read `form_class` and `save` what it sent (by field name); `save` says what was done."""
    referral = load(referral_id, act=True)
    form = form_class()
    if not form.validate_on_submit():
        abort(400)
    values = form.typed()
    try:
        message = save(referral, values)
    except ValidationFailed as problem:
        problems = {problem.field: problem.message}
        return record_page(referral, problems, values, find=values.get("find", ""))
    flash(message, "success")
    return redirect(url_for("referrals.show", referral_id=referral.id, _anchor=anchor))


@bp.post("/referrals/<uuid:referral_id>/journal")
@case_roles
@personal_data_route
def add_journal(referral_id: uuid.UUID):
    def save(referral, values):
        casework.add_journal_entry(
            referral, current_user, values["journal_text"], values["journal_date"]
        )
        return "Note added to the journal"

    return _casework(referral_id, forms.JournalForm, "journal", save)


@bp.post("/referrals/<uuid:referral_id>/goals")
@case_roles
@personal_data_route
def add_goal(referral_id: uuid.UUID):
    def save(referral, values):
        casework.add_goal(referral, current_user, values["goal_text"])
        return "Goal added"

    return _casework(referral_id, forms.GoalForm, "goals", save)


@bp.post("/referrals/<uuid:referral_id>/goals/<int:goal_id>/achieved")
@case_roles
@personal_data_route
def goal_achieved(referral_id: uuid.UUID, goal_id: int):
    def save(referral, _values):
        goal = casework.mark_goal_achieved(referral, current_user, goal_id)
        return f"Goal achieved: {goal.text}"

    return _casework(referral_id, forms.GoalAchievedForm, "goals", save)


@bp.post("/referrals/<uuid:referral_id>/connections")
@case_roles
@personal_data_route
def add_connection(referral_id: uuid.UUID):
    def save(referral, values):
        connection = casework.connect_activity(
            referral,
            current_user,
            service_id=values["activity_service"] or None,
            activity_name=values["activity_name"],
            connected_on=values["connected_on"],
            note=values["connection_note"],
        )
        return f"Connected to {connection.activity_name}"

    return _casework(referral_id, forms.ConnectionForm, "connections", save)


@bp.post("/referrals/<uuid:referral_id>/connections/<int:connection_id>")
@case_roles
@personal_data_route
def update_connection(referral_id: uuid.UUID, connection_id: int):
    field = forms.attendance_field(connection_id)

    def save(referral, values):
        connection = casework.update_attendance(
            referral, current_user, connection_id, values[field]
        )
        return f"{connection.activity_name}: {connection.attendance.label}"

    return _casework(referral_id, forms.attendance_form(connection_id), "connections", save)

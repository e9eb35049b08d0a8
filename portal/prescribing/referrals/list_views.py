"""The lists of referrals: everyone's own (sent by them, to an organisation they act for,
assigned to them: who may see what is `access.visible_referrals`), a connector's caseload and
the directory team's overdue list (no personal data).
"""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from portal.accounts.access import DIRECTORY_TEAM, roles_required
from portal.accounts.models import Role
from portal.db import utcnow
from portal.prescribing.access import SEEN_AS, personal_data_route
from portal.prescribing.referrals import bp, forms, records
from portal.prescribing.referrals import services as referrals
from portal.prescribing.referrals.records import CLOSED_SHOWN  # noqa: F401  (also read from here)
from portal.prescribing.referrals.views import case_roles

TAB_ORDER = {
    Role.PROFESSIONAL: ("sent", "organisation", "assigned"),
    Role.CONNECTOR: ("assigned", "organisation", "sent"),
    Role.GROUP_MEMBER: ("organisation", "assigned", "sent"),
}


@bp.get("/referrals")
@case_roles
@personal_data_route
def index():
    reference = forms.reference_asked(request.args)
    shown = records.lists_for(current_user, reference)
    return render_template(
        "prescribing/referrals/index.html",
        lists=shown.lists,
        left_out=shown.left_out,
        reference=reference,
        order=TAB_ORDER.get(current_user.role, SEEN_AS),
        overdue=shown.overdue,
    )


@bp.get("/caseload")
@roles_required(Role.CONNECTOR)
@personal_data_route
def caseload():
    reference = forms.reference_asked(request.args)
    mine = records.caseload_for(current_user, reference)
    return render_template(
        "prescribing/referrals/caseload.html",
        referrals=mine.referrals,
        left_out=mine.left_out,
        reference=reference,
        last_notes=mine.last_notes,
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

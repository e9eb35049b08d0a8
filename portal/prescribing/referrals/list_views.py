"""The lists of referrals: everyone's own (sent by them, to an organisation they act for,
assigned to them: who may see what is `access.visible_referrals`), a connector's caseload and
the directory team's overdue list (no personal data).
"""

from __future__ import annotations

import uuid

from flask import render_template, request
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.accounts.access import DIRECTORY_TEAM, roles_required
from portal.accounts.models import Role
from portal.db import utcnow
from portal.extensions import db
from portal.prescribing.access import SEEN_AS, log_access, personal_data_route, visible_referrals
from portal.prescribing.models import CLOSED_STATES, Referral
from portal.prescribing.referrals import bp, casework, forms
from portal.prescribing.referrals import services as referrals
from portal.prescribing.referrals.views import case_roles

TAB_ORDER = {
    Role.PROFESSIONAL: ("sent", "organisation", "assigned"),
    Role.CONNECTOR: ("assigned", "organisation", "sent"),
    Role.GROUP_MEMBER: ("organisation", "assigned", "sent"),
}

CLOSED_SHOWN = 25  # closed referrals listed after the open ones; older ones by reference


def _listed(query, reference: str = "") -> tuple[list[uuid.UUID], int]:
    """Every open referral the query finds (newest first), then the most recently closed;
    returns their ids and how many closed ones were left out. A reference narrows it to that
    one. Ids only: the page reads the referrals after the commit that keeps its access log."""
    query = query.with_only_columns(Referral.id)
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
    groups = {seen_as: visible_referrals(me, seen_as) for seen_as in SEEN_AS}
    reference = forms.reference_asked(request.args)
    listed = {key: _listed(query, reference) for key, query in groups.items()}
    left_out = {key: left for key, (_found, left) in listed.items()}
    shown = list(dict.fromkeys(i for found, _left in listed.values() for i in found))
    log_access(me, None, "listed referrals", f"{len(shown)} referrals")
    db.session.commit()
    loaded = {r.id: r for r in referrals.in_order(shown, selectinload(Referral.service))}
    lists = {key: [loaded[i] for i in found] for key, (found, _left) in listed.items()}
    now = utcnow()
    return render_template(
        "prescribing/referrals/index.html",
        lists=lists,
        left_out=left_out,
        reference=reference,
        order=TAB_ORDER.get(me.role, tuple(groups)),
        overdue={r.id for r in loaded.values() if _late(r, now)},
    )


def _late(referral: Referral, now) -> bool:
    return referrals.working_days_overdue(referral, now) > 0


@bp.get("/caseload")
@roles_required(Role.CONNECTOR)
@personal_data_route
def caseload():
    reference = forms.reference_asked(request.args)
    ids, left_out = _listed(visible_referrals(current_user, "assigned"), reference)
    log_access(current_user, None, "viewed caseload", f"{len(ids)} referrals")
    db.session.commit()
    mine = referrals.in_order(ids, selectinload(Referral.connections))
    return render_template(
        "prescribing/referrals/caseload.html",
        referrals=mine,
        left_out=left_out,
        reference=reference,
        last_notes=casework.last_journal_dates(ids),
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

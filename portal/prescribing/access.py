"""Who may see a referral, the second factor every personal-data page needs, and the log.

Only three kinds of people may see a referral: the person who made it, anyone in the receiving
organisation (a member of it, or staff whose account belongs to it), and the connector it is
assigned to. Directory editors, administrators and commissioners do not: they see counts.

Every page that shows or changes personal data is wrapped in `personal_data_route`: signed in,
signed in with a second factor this session (TOTP), or sent to set one up / enter a code.
Every view and change is written to `PersonalDataLog` by `log_access` (flushes only: the
caller's commit keeps it with the change; views that only read commit it themselves).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import Select, or_, select

from portal.accounts.access import passed_second_factor
from portal.accounts.models import Membership, User
from portal.accounts.services import has_second_factor
from portal.extensions import db
from portal.prescribing.models import PersonalDataLog, Referral
from portal.validation import NotAllowed

F = TypeVar("F", bound=Callable)


def organisation_ids(user: User) -> set[uuid.UUID]:
    """The organisations a person acts for: their own (staff) and those they are a member of."""
    ids = {membership.organisation_id for membership in user.memberships}
    if user.organisation_id:
        ids.add(user.organisation_id)
    return ids


def people_at(organisation_id: uuid.UUID) -> Select:
    """A query for the active accounts that act for an organisation: staff and members."""
    members = select(Membership.user_id).where(Membership.organisation_id == organisation_id)
    return select(User).where(
        User.active.is_(True),
        or_(User.organisation_id == organisation_id, User.id.in_(members)),
    )


def can_act(user: User, referral: Referral) -> bool:
    """Change the referral's state, assign it, keep its casework: receiver or connector only."""
    if not user.is_authenticated:
        return False
    return (
        referral.assigned_connector_id == user.id
        or referral.organisation_id in organisation_ids(user)
    )


def can_see(user: User, referral: Referral) -> bool:
    """Everyone who may act on the referral, and the person who made it."""
    return user.is_authenticated and (
        referral.referrer_user_id == user.id or can_act(user, referral)
    )


def check_can_act(user: User, referral: Referral) -> None:
    if not can_act(user, referral):
        raise NotAllowed("Only the receiving organisation and its connector")


def visible_referrals(user: User) -> Select:
    """A query for every referral `user` may see (add filters and ordering to it)."""
    member_of = select(Membership.organisation_id).where(Membership.user_id == user.id)
    conditions = [
        Referral.referrer_user_id == user.id,
        Referral.assigned_connector_id == user.id,
        Referral.organisation_id.in_(member_of),
    ]
    if user.organisation_id:
        conditions.append(Referral.organisation_id == user.organisation_id)
    return select(Referral).where(or_(*conditions))


def log_access(
    user: User | None, referral: Referral | None, action: str, detail: str = ""
) -> PersonalDataLog:
    """Record that `user` did `action` to `referral` (flushes only)."""
    entry = PersonalDataLog(
        user_id=user.id if user is not None and user.is_authenticated else None,
        referral_id=referral.id if referral is not None else None,
        reference=referral.reference if referral is not None else "",
        action=action,
        detail=detail,
    )
    db.session.add(entry)
    return entry


# ---------------------------------------------------------------------------------------------
# The second factor


def personal_data_route(view: F) -> F:
    """Signed in, with a second factor passed in this session; otherwise off to set one up
    (no TOTP yet) or to enter a code (set up, not entered since signing in)."""

    @wraps(view)
    @login_required
    def guarded(*args, **kwargs):
        if not passed_second_factor():
            target = (
                "accounts.second_factor"
                if has_second_factor(current_user)
                else "accounts.second_factor_setup"
            )
            return redirect(url_for(target, next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return guarded  # type: ignore[return-value]

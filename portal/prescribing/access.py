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

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import ColumnElement, Select, or_, select

from portal.accounts.access import passed_second_factor
from portal.accounts.memberships import organisation_ids
from portal.accounts.models import User
from portal.accounts.services import has_second_factor
from portal.extensions import db
from portal.prescribing.models import PersonalDataLog, Referral
from portal.validation import NotAllowed

F = TypeVar("F", bound=Callable)


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


#: Why someone may see a referral, each named as the list that shows it: they made it, it went
#: to an organisation they act for, or it is assigned to them (`can_see`, for one referral).
SEEN_AS = ("sent", "organisation", "assigned")


def _seen_as(user: User) -> dict[str, ColumnElement[bool]]:
    return {
        "sent": Referral.referrer_user_id == user.id,
        "organisation": Referral.organisation_id.in_(organisation_ids(user)),
        "assigned": Referral.assigned_connector_id == user.id,
    }


def visible_referrals(user: User, *seen_as: str) -> Select:
    """A query for every referral `user` may see (add filters and ordering to it); with
    `seen_as`, only the ones they see for those reasons (names from `SEEN_AS`)."""
    conditions = _seen_as(user)
    return select(Referral).where(or_(*(conditions[name] for name in seen_as or SEEN_AS)))


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

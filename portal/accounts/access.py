"""Role checks: on the server for every route that is not public, and the same rules, by
name, for templates (`template_globals`), so a page never offers what its route refuses."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, session
from flask_login import current_user, login_required

from portal.accounts.models import Role, User

F = TypeVar("F", bound=Callable)

DIRECTORY_TEAM = (Role.ADMIN, Role.EDITOR)
#: The people who refer someone to an activity (the referral pages, `can_refer`).
REFERRERS = (Role.PROFESSIONAL, Role.CONNECTOR)
#: Who reads the insights on unmet need, and who the referral reports.
INSIGHT_READERS = (Role.COMMISSIONER, Role.ADMIN, Role.EDITOR)
REPORT_READERS = (Role.COMMISSIONER, Role.ADMIN)


def is_directory_team(user: User) -> bool:
    """An administrator or an editor: the people who keep the directory."""
    return user.is_authenticated and user.role in DIRECTORY_TEAM


def is_admin(user: User) -> bool:
    """An administrator: people's accounts, the vocabularies, safety and other directories."""
    return user.is_authenticated and user.role is Role.ADMIN


def is_connector(user: User) -> bool:
    """A connector: keeps a caseload and runs community mapping."""
    return user.is_authenticated and user.role is Role.CONNECTOR


def is_group_member(user: User) -> bool:
    """Someone who lists their own group's activities and manages them."""
    return user.is_authenticated and user.role is Role.GROUP_MEMBER


def can_refer(user: User) -> bool:
    """A professional or a connector: may refer someone to an activity."""
    return user.is_authenticated and user.role in REFERRERS


def reads_insights(user: User) -> bool:
    """A commissioner, administrator or editor: the insights on unmet need."""
    return user.is_authenticated and user.role in INSIGHT_READERS


def reads_reports(user: User) -> bool:
    """A commissioner or administrator: the referral reports."""
    return user.is_authenticated and user.role in REPORT_READERS


def template_globals() -> dict[str, Any]:
    """The rules above for templates: `{% if can_refer(current_user) %}`, never a role name."""
    return {
        "is_directory_team": is_directory_team,
        "is_admin": is_admin,
        "is_connector": is_connector,
        "is_group_member": is_group_member,
        "can_refer": can_refer,
        "reads_insights": reads_insights,
        "reads_reports": reads_reports,
    }


#: Session key: the id of the user who entered a code from their authenticator app in this
#: session (what personal data asks for, `portal.prescribing.access.personal_data_route`).
SECOND_FACTOR_KEY = "second_factor_for"


def passed_second_factor() -> bool:
    """This session's sign-in was completed with a TOTP code."""
    return current_user.is_authenticated and session.get(SECOND_FACTOR_KEY) == str(current_user.id)


def mark_second_factor_passed(user: User) -> None:
    session[SECOND_FACTOR_KEY] = str(user.id)


def roles_required(*roles: Role) -> Callable[[F], F]:
    """Signed-in people with one of `roles` only; others get 403, strangers the sign-in page."""

    def decorate(view: F) -> F:
        @wraps(view)
        @login_required
        def guarded(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate

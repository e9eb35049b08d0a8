"""Role checks, on the server, for every route that is not public."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import abort, session
from flask_login import current_user, login_required

from portal.accounts.models import Role, User

F = TypeVar("F", bound=Callable)

DIRECTORY_TEAM = (Role.ADMIN, Role.EDITOR)


def is_directory_team(user: User) -> bool:
    """An administrator or an editor: the people who keep the directory."""
    return user.is_authenticated and user.role in DIRECTORY_TEAM


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

"""Role checks, on the server, for every route that is not public."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import abort
from flask_login import current_user, login_required

from portal.accounts.models import Role

F = TypeVar("F", bound=Callable)

DIRECTORY_TEAM = (Role.ADMIN, Role.EDITOR)


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

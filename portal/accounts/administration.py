"""Administrators' work on people's accounts: finding them, inviting staff, changing a role or
closing an account. Each change is audited and committed here; the pages are `portal/admin/`."""

from __future__ import annotations

import secrets

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, or_, select

from portal.accounts import services
from portal.accounts.models import Role, User, new_session_token
from portal.audit import audit
from portal.extensions import db
from portal.validation import NotFound, ValidationFailed, parse_id

LISTED_AT_MOST = 200


def get_user(user_id: str) -> User:
    """The account with this id (from a URL); NotFound when there is none."""
    user = db.session.get(User, parse_id(user_id))
    if user is None:
        raise NotFound(user_id)
    return user


def find_users(text: str) -> list[User]:
    """Accounts whose name or e-mail address contains `text` (every account when empty), by name."""
    query = select(User).order_by(func.lower(User.name)).limit(LISTED_AT_MOST)
    if text:
        query = query.where(
            or_(
                User.name.icontains(text, autoescape=True),
                User.email.icontains(text, autoescape=True),
            )
        )
    return list(db.session.scalars(query).all())


def invite_user(values: dict[str, str], by: User) -> User:
    """Make an account for a member of staff and e-mail them a link to choose a password.

    Raises ValidationFailed for a missing name, an address that is not one, or no role."""
    if not values["name"]:
        raise ValidationFailed("name", "Enter their name")
    try:  # as strict as signing up: an account is made before the e-mail is sent
        validate_email(values["email"], check_deliverability=False)
    except EmailNotValidError:
        raise ValidationFailed("email", "Enter an email address like name@example.org") from None
    try:
        role = Role(values["role"])
    except ValueError:
        raise ValidationFailed("role", "Choose what they will do") from None
    # A random password nobody knows: they choose their own from the e-mailed link.
    user = services.create_user(values["email"], values["name"], role, secrets.token_urlsafe(24))
    audit(by, "user.invited", f"Invited {user.name} as {role.label}", subject="user")
    db.session.commit()
    services.send_invitation(user, by)
    return user


def change_user(user: User, role_value: str, account: str, by: User) -> None:
    """Give `user` another role, or close or reopen their account (closing signs them out
    everywhere). An administrator cannot take away their own administrator account."""
    try:
        role = Role(role_value)
    except ValueError:
        raise ValidationFailed("role", "Choose what they do") from None
    if account not in ("yes", "no"):
        raise ValidationFailed("active", "Choose whether the account is active or closed")
    active = account == "yes"
    if user.id == by.id and (role is not Role.ADMIN or not active):
        raise ValidationFailed("role", "You cannot take away your own administrator account")
    before = f"{user.role.label}, {'active' if user.active else 'closed'}"
    user.role, user.active = role, active
    if not active:
        user.session_token = new_session_token()  # signs them out everywhere
    audit(
        by,
        "user.changed",
        f"{user.name}: {before} → {role.label}, {'active' if active else 'closed'}",
        subject=f"user:{user.id}",
    )
    db.session.commit()

"""Accounts: sign up, confirm an e-mail address, sign in, reset and change a password.

Nothing here tells a stranger whether an e-mail address has an account: signing up with a
known address and asking to reset an unknown one answer exactly as the other case does (the
owner of a known address gets an e-mail instead), and a sign-in with an unknown address costs
one password check, like a known one. Demo accounts only work while the portal runs in demo
mode.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from portal.accounts import tokens
from portal.accounts.models import Role, User, new_session_token
from portal.accounts.passwords import password_problem
from portal.db import as_utc, utcnow
from portal.extensions import db
from portal.links import absolute_url
from portal.notify import send_email
from portal.validation import ValidationFailed

# Compared against when the e-mail is unknown, so both paths cost one hash check.
_DUMMY_HASH = (
    "scrypt:32768:8:1$yJC6fCVJCVnEialf$288a5018377bc8d042a246d2a4ec0c59950223a13430bec556dc82d"
    "6cf46259fb074f4e93d33fe592a864ee762e18b6f617d616d7712da032e4d6e00b27bcc48"
)


class SignIn(enum.Enum):
    OK = "ok"
    WRONG = "wrong"  # unknown address, wrong password, paused or closed account: one answer
    UNCONFIRMED = "unconfirmed"  # the right password, but the address is not confirmed yet


@dataclass(frozen=True)
class SignInResult:
    outcome: SignIn
    user: User | None = None


def _usable(user: User | None) -> bool:
    return bool(user and user.active and (not user.is_demo or current_app.config["PORTAL_DEMO"]))


def has_second_factor(user: User) -> bool:
    return bool(user.totp_secret and user.totp_confirmed_at)


def is_paused(user: User) -> bool:
    """Signing in is paused after too many wrong passwords or codes (`count_failure`)."""
    return user.locked_until is not None and as_utc(user.locked_until) > utcnow()


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalars(
        select(User).where(func.lower(User.email) == normalise_email(email))
    ).first()


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: the signed-in user, if their session is still theirs.

    The session holds "<user id>:<session token>"; a new password changes the token, which
    signs out every other session.
    """
    user_id, _, token = (session_id or "").partition(":")
    try:
        user = db.session.get(User, uuid.UUID(user_id))
    except ValueError:
        return None
    if user is None or not token or token != user.session_token:
        return None
    return user if _usable(user) else None


# --- signing up ----------------------------------------------------------------------------


def sign_up(name: str, email: str, password: str) -> None:
    """Create a group member's account and send the confirmation link; commits.

    Raises `ValidationFailed` for a bad password. For an address that already has an account
    nothing is created and its owner is told instead, so the answer gives nothing away.
    """
    email = normalise_email(email)
    problem = password_problem(password, email=email, name=name)
    if problem:
        raise ValidationFailed("password", problem)
    existing = find_user(email)
    if existing is not None:
        check_password_hash(_DUMMY_HASH, password)  # the same work as hashing a new password
        _send_already_registered(existing)
        return
    user = User(email=email, name=name.strip(), role=Role.GROUP_MEMBER)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    send_confirmation(user)


def send_confirmation(user: User) -> None:
    token = tokens.make_token(tokens.CONFIRM_EMAIL, {"user": str(user.id), "email": user.email})
    link = absolute_url("accounts.confirm_email", token=token)
    send_email(
        user.email,
        "Confirm your email address",
        f"Hello {user.name},\n\n"
        f"To finish setting up your account on {current_app.config['PORTAL_SITE_NAME']}, "
        f"open this link within 3 days:\n\n{link}\n\n"
        "If you did not ask for an account, you can ignore this email.\n",
    )


def _send_already_registered(user: User) -> None:
    send_email(
        user.email,
        "You already have an account",
        f"Hello {user.name},\n\n"
        "Someone (perhaps you) tried to create an account with this email address, but you "
        "already have one. Sign in here:\n\n"
        f"{absolute_url('accounts.sign_in')}\n\n"
        f"If you have forgotten your password, reset it here:\n\n"
        f"{absolute_url('accounts.forgotten_password')}\n",
    )


def confirm_email(token: str) -> User:
    """Mark the address in a confirmation link as confirmed; commits. Raises LinkProblem."""
    payload = tokens.read_token(tokens.CONFIRM_EMAIL, token)
    user = _user_from(payload)
    if user is None or user.email != payload.get("email"):
        raise tokens.LinkProblem(expired=False)
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
        db.session.commit()
    return user


def resend_confirmation(email: str) -> None:
    """Send a new link to an unconfirmed account; says nothing about other addresses."""
    user = find_user(email)
    if user is not None and user.email_confirmed_at is None and _usable(user):
        send_confirmation(user)


def _user_from(payload: dict) -> User | None:
    try:
        return db.session.get(User, uuid.UUID(str(payload.get("user"))))
    except ValueError:
        return None


# --- signing in ----------------------------------------------------------------------------


def authenticate(email: str, password: str) -> SignInResult:
    """Check an e-mail address and password; commits what it counts.

    Wrong passwords (and wrong sign-in codes, `second_factor.use_code`) are counted per
    account; for someone with a second factor only a right code clears the count. After
    `PORTAL_LOCKOUT_AFTER` in a row, sign-in pauses for `PORTAL_LOCKOUT_MINUTES` even with the
    right password (the owner is told by e-mail), and the answer stays the same as for any
    other failure.
    """
    user = find_user(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return SignInResult(SignIn.WRONG)
    paused = is_paused(user)
    right = user.check_password(password)
    if not right or paused or not _usable(user):
        if not right and not paused:  # only wrong passwords count towards a pause
            count_failure(user)
        return SignInResult(SignIn.WRONG)
    if user.email_confirmed_at is None:
        return SignInResult(SignIn.UNCONFIRMED, user)
    if not has_second_factor(user):  # else the code clears the count
        user.failed_sign_ins = 0
    user.locked_until = None
    user.last_signed_in_at = utcnow()
    db.session.commit()
    return SignInResult(SignIn.OK, user)


def count_failure(user: User) -> None:
    """A wrong password or a wrong sign-in code; pauses the account after too many; commits."""
    config = current_app.config
    user.failed_sign_ins = (user.failed_sign_ins or 0) + 1
    pausing = user.failed_sign_ins >= config["PORTAL_LOCKOUT_AFTER"]
    if pausing:
        user.failed_sign_ins = 0
        user.locked_until = utcnow() + timedelta(minutes=config["PORTAL_LOCKOUT_MINUTES"])
    db.session.commit()
    if pausing:
        send_email(
            user.email,
            "Sign-in to your account is paused",
            f"Hello {user.name},\n\n"
            f"Someone entered the wrong password or sign-in code for your account "
            f"{config['PORTAL_LOCKOUT_AFTER']} times in a row, so signing in is paused for "
            f"{config['PORTAL_LOCKOUT_MINUTES']} minutes.\n\n"
            "If it was not you, reset your password to be safe:\n\n"
            f"{absolute_url('accounts.forgotten_password')}\n",
        )


# --- passwords ------------------------------------------------------------------------------


def request_password_reset(email: str) -> None:
    """E-mail a reset link if the address has an account; answers the same either way."""
    user = find_user(email)
    if user is None or not _usable(user):
        return
    token = tokens.make_token(tokens.RESET_PASSWORD, {"user": str(user.id), "stamp": _stamp(user)})
    send_email(
        user.email,
        "Reset your password",
        f"Hello {user.name},\n\n"
        "To choose a new password, open this link within 2 hours:\n\n"
        f"{absolute_url('accounts.reset_password', token=token)}\n\n"
        "If you did not ask to reset your password, you can ignore this email: your password "
        "has not changed.\n",
    )


def send_invitation(user: User, inviter: User) -> None:
    """E-mail a new colleague a link to choose their password (valid for 7 days, once)."""
    token = tokens.make_token(tokens.INVITATION, {"user": str(user.id), "stamp": _stamp(user)})
    send_email(
        user.email,
        f"You have been invited to {current_app.config['PORTAL_SITE_NAME']}",
        f"Hello {user.name},\n\n{inviter.name} has given you an account as "
        f"{user.role.label.lower()}. Choose your password within 7 days here:\n\n"
        f"{absolute_url('accounts.reset_password', token=token)}\n\n"
        "Then sign in with this email address. If you were not expecting this, you can "
        "ignore this email.\n",
    )


def _stamp(user: User) -> str:
    """Part of the password hash, carried by reset and invitation links: a new password (or
    the link's own use) changes it, so the link works once."""
    return user.password_hash[-16:]


def user_for_reset(token: str) -> User:
    """The account a reset or invitation link is for; raises LinkProblem if it is bad, old or
    already used (a link dies with the password it was made for)."""
    try:
        payload = tokens.read_token(tokens.RESET_PASSWORD, token)
    except tokens.LinkProblem as problem:
        try:
            payload = tokens.read_token(tokens.INVITATION, token)
        except tokens.LinkProblem:
            raise problem from None
    user = _user_from(payload)
    if user is None or not _usable(user) or _stamp(user) != payload.get("stamp"):
        raise tokens.LinkProblem(expired=False)
    return user


def reset_password(token: str, password: str) -> User:
    """Set a new password from a reset link; commits. Confirms the address (the link came to
    it), clears any pause, and signs out every other session."""
    user = user_for_reset(token)
    _set_password(user, password)
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    user.failed_sign_ins, user.locked_until = 0, None
    db.session.commit()
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Change a signed-in person's password; commits. Raises ValidationFailed."""
    if not user.check_password(current):
        raise ValidationFailed("current_password", "Your current password is not right")
    _set_password(user, new)
    db.session.commit()
    send_email(
        user.email,
        "Your password has changed",
        f"Hello {user.name},\n\nThe password for your account was changed. If you did not "
        "change it, reset it now:\n\n"
        f"{absolute_url('accounts.forgotten_password')}\n",
    )


def _set_password(user: User, password: str) -> None:
    problem = password_problem(password, email=user.email, name=user.name)
    if problem:
        raise ValidationFailed("password", problem)
    user.set_password(password)


def end_sessions(user: User) -> None:
    """Sign the person out everywhere (on sign-out: on a shared computer a copied cookie must
    not stay signed in); commits."""
    user.session_token = new_session_token()
    db.session.commit()


# --- for operators --------------------------------------------------------------------------


def create_user(email: str, name: str, role: Role, password: str) -> User:
    """An account created by an operator or an administrator: confirmed, ready; commits."""
    if find_user(email) is not None:
        raise ValidationFailed("email", "There is already an account with this email address")
    user = User(email=normalise_email(email), name=name.strip(), role=role)
    _set_password(user, password)
    user.email_confirmed_at = utcnow()
    db.session.add(user)
    db.session.commit()
    return user


def safe_next(target: str | None, fallback: str) -> str:
    """Only redirect to a path on this site: never to another host after sign-in."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    if "\\" in target:
        return fallback
    return target

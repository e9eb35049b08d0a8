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
from urllib.parse import urlsplit

from flask import current_app, session
from sqlalchemy import delete, func, select, update
from werkzeug.security import check_password_hash

from portal.accounts import tokens
from portal.accounts.access import SECOND_FACTOR_KEY
from portal.accounts.models import (
    Role,
    SignInFailure,
    User,
    hash_password,
    new_session_token,
    normalise_email,
)
from portal.accounts.passwords import password_problem
from portal.accounts.sign_in_failures import (
    clear_failures,
    client_network,
    record_failure,
    source_held,
)
from portal.db import as_utc, utcnow
from portal.extensions import db
from portal.links import absolute_url
from portal.notify import email_text, send_email
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
    """The whole account is paused: many networks failed together (`record_failure`)."""
    return user.locked_until is not None and as_utc(user.locked_until) > utcnow()


def find_user(email: str) -> User | None:
    return db.session.scalars(
        select(User).where(func.lower(User.email) == normalise_email(email))
    ).first()


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: the signed-in user, if their session is still theirs.

    The session holds "<user id>:<session token>"; a new password changes the token, which
    signs out every other session. Someone with a second factor is signed in only once they
    have entered a code: after the password alone every page treats them as a visitor, and
    only the code page and signing out know them (`half_signed_in`).
    """
    user = _session_user(session_id)
    if user is not None and has_second_factor(user) and not _entered_code(user):
        return None
    return user


def half_signed_in() -> User | None:
    """The person this session belongs to when they have typed their password but not yet the
    code from their authenticator app; None for everyone else."""
    user = _session_user(session.get("_user_id", ""))
    if user is not None and has_second_factor(user) and not _entered_code(user):
        return user
    return None


def _entered_code(user: User) -> bool:
    return session.get(SECOND_FACTOR_KEY) == str(user.id)


def _session_user(session_id: str) -> User | None:
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
    nothing is created and its owner is told instead, so the answer gives nothing away: not
    in words, and not in time either, as both ways hash the password, write and commit once
    and send one e-mail (the owner's row is rewritten unchanged).
    """
    email = normalise_email(email)
    problem = password_problem(password, email=email, name=name)
    if problem:
        raise ValidationFailed("password", problem)
    existing = find_user(email)
    if existing is not None:
        hash_password(password)  # the same work as for a new account, thrown away
        unchanged = {"email": User.email, "updated_at": User.updated_at}
        db.session.execute(update(User).where(User.id == existing.id).values(**unchanged))
        db.session.commit()
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
        email_text(
            "confirm_email.txt",
            name=user.name,
            site_name=current_app.config["PORTAL_SITE_NAME"],
            link=link,
        ),
    )


def _send_already_registered(user: User) -> None:
    send_email(
        user.email,
        "You already have an account",
        email_text(
            "already_registered.txt",
            name=user.name,
            sign_in_link=absolute_url("accounts.sign_in"),
            reset_link=absolute_url("accounts.forgotten_password"),
        ),
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


def authenticate(email: str, password: str, source: str | None = None) -> SignInResult:
    """Check an e-mail address and password from `source` (the client's IP address; this
    request's by default); commits what it counts.

    Wrong passwords (and wrong sign-in codes, `second_factor.use_code`) are counted per address
    and network (`record_failure`): after `PORTAL_LOCKOUT_AFTER` within
    `PORTAL_LOCKOUT_MINUTES` that network's tries for that address are refused, even the right
    password, while the owner signing in from anywhere else carries on. The account itself
    pauses only when many networks fail together (`_pause_account_if_attacked`). Every refusal
    gives the same answer as a wrong password, for addresses with or without an account.
    """
    address, network = normalise_email(email), client_network(source)
    held = source_held(address, network)
    user = find_user(address)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        if not held:
            record_failure(address, network, "password")
        return SignInResult(SignIn.WRONG)
    right = user.check_password(password)
    if not right or held or is_paused(user) or not _usable(user):
        if not right and not held:  # only wrong passwords count, and not while held
            record_failure(address, network, "password", user)
        return SignInResult(SignIn.WRONG)
    if user.email_confirmed_at is None:
        return SignInResult(SignIn.UNCONFIRMED, user)
    if not has_second_factor(user):  # else only the right code clears the count
        clear_failures(address, network)
    user.last_signed_in_at = utcnow()
    db.session.commit()
    return SignInResult(SignIn.OK, user)


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
        email_text(
            "reset_password.txt",
            name=user.name,
            link=absolute_url("accounts.reset_password", token=token),
        ),
    )


def send_invitation(user: User, inviter: User) -> None:
    """E-mail a new colleague a link to choose their password (valid for 7 days, once)."""
    token = tokens.make_token(tokens.INVITATION, {"user": str(user.id), "stamp": _stamp(user)})
    send_email(
        user.email,
        f"You have been invited to {current_app.config['PORTAL_SITE_NAME']}",
        email_text(
            "invitation.txt",
            name=user.name,
            inviter=inviter.name,
            role=user.role.label.lower(),
            link=absolute_url("accounts.reset_password", token=token),
        ),
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
    user.locked_until = None  # the owner has their mailbox: the pause and the counts end
    db.session.execute(delete(SignInFailure).where(SignInFailure.email == user.email))
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
        email_text(
            "password_changed.txt",
            name=user.name,
            reset_link=absolute_url("accounts.forgotten_password"),
        ),
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
    """Only redirect to a path on this site: never to another host after sign-in, and never
    with a control character (a line break would end the Location header and let the rest
    become headers of its own; Werkzeug refuses such a header with a 500)."""
    if not target or any(ord(char) < 32 or ord(char) == 127 for char in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    if "\\" in target:
        return fallback
    return target

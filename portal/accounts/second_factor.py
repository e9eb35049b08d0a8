"""The second factor: a 6-digit code from an authenticator app (TOTP, RFC 6238).

Setting one up: a new secret waits in the session until the person types a code made from it;
only then is it stored on the account (`totp_secret`, `totp_confirmed_at`). Changing it needs a
code from the current one. Each code works once: the last accepted 30-second time step is kept
on the account (`totp_last_step`), so a code seen over someone's shoulder cannot be used again,
in this session or any other. Wrong codes count towards the same pause as wrong passwords.
An administrator can reset someone's second factor; they then set one up again.
"""

from __future__ import annotations

import hmac
import re
import time
import unicodedata
from dataclasses import dataclass
from typing import Any, cast

import pyotp
import segno
from flask import current_app
from markupsafe import Markup
from sqlalchemy import CursorResult, or_, update

from portal.accounts import sign_in_failures
from portal.accounts.models import User, new_session_token
from portal.accounts.services import has_second_factor, is_paused
from portal.audit import audit
from portal.db import utcnow
from portal.extensions import db
from portal.links import absolute_url
from portal.notify import email_text, send_email
from portal.validation import ValidationFailed

DIGITS = 6
VALID_WINDOW = 1  # the step before and after now, for clocks a little out
WRONG_CODE = "The code is not right. Check your authenticator app and try the newest code"
USED_CODE = "That code has been used already. Wait for the next code in your app and enter that"
EMPTY_CODE = "Enter the 6-digit code from your authenticator app"
BAD_FORMAT = "Enter the code as 6 digits, like 123456"
PAUSED = (
    "There have been too many wrong tries, so signing in is paused for a few minutes. "
    "Wait, then try the newest code"
)


def now() -> float:
    """The time codes are checked against (tests move it)."""
    return time.time()


# --- setting up ------------------------------------------------------------------------------


def new_secret() -> str:
    return pyotp.random_base32()


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(user: User, secret: str) -> str:
    issuer = current_app.config["PORTAL_SITE_NAME"]
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=issuer)


def qr_svg(uri: str) -> Markup:
    """The otpauth:// link as an inline SVG QR code, for the app's camera."""
    svg = segno.make(uri, error="m").svg_inline(
        scale=5, border=3, dark="#0b0c0c", light="#ffffff", title="QR code for your app"
    )
    return Markup(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))


# --- checking a code -------------------------------------------------------------------------


def clean_code(text: str | None, field: str = "code") -> str:
    """The digits typed, as ASCII (spaces and dashes allowed); raises ValidationFailed.

    A phone set to Arabic or Persian, say, types ١٢٣٤٥٦: any decimal digit is read as the
    digit it is, so the code is checked like any other (and a wrong one counts as wrong).
    """
    code = "".join(_ascii_digit(char) for char in re.sub(r"[\s-]", "", text or ""))
    if not code:
        raise ValidationFailed(field, EMPTY_CODE)
    if not re.fullmatch(rf"[0-9]{{{DIGITS}}}", code, re.ASCII):
        raise ValidationFailed(field, BAD_FORMAT)
    return code


def _ascii_digit(char: str) -> str:
    return str(unicodedata.decimal(char)) if char.isdecimal() else char


def matching_step(secret: str, code: str, at: float | None = None) -> int | None:
    """The time step `code` belongs to, within the window around `at`, or None."""
    totp = pyotp.TOTP(secret)
    current = totp.timecode(at if at is not None else now())
    for step in range(current - VALID_WINDOW, current + VALID_WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _claim(user: User, step: int) -> bool:
    """Take `step` as the last one used, unless it (or a later one) already was: one statement,
    so two requests with the same code cannot both pass."""
    result = cast(
        CursorResult[Any],  # what an UPDATE returns; the session types it as any Result
        db.session.execute(
            update(User)
            .where(
                User.id == user.id,
                or_(User.totp_last_step.is_(None), User.totp_last_step < step),
            )
            .values(totp_last_step=step)
            .execution_options(synchronize_session=False)
        ),
    )
    db.session.commit()
    db.session.refresh(user)
    return result.rowcount == 1


def use_code(user: User, text: str | None, field: str = "code", source: str | None = None) -> None:
    """Accept a code from the person's app, once; commits. Raises ValidationFailed.

    A wrong or reused code counts like a wrong password, for the address and the network it
    came from (`source`, this request's address by default); while that network is held, or
    the whole account paused, no code is accepted. The right code starts the count again.
    """
    code = clean_code(text, field)
    network = sign_in_failures.client_network(source)
    if is_paused(user) or sign_in_failures.source_held(user.email, network):
        raise ValidationFailed(field, PAUSED)
    step = matching_step(user.totp_secret or "", code)
    if step is None:
        sign_in_failures.record_failure(user.email, network, "code", user)
        raise ValidationFailed(field, WRONG_CODE)
    if not _claim(user, step):
        sign_in_failures.record_failure(user.email, network, "code", user)
        raise ValidationFailed(field, USED_CODE)
    sign_in_failures.clear_failures(user.email, network)
    db.session.commit()


def confirm(user: User, secret: str, code: str | None, current_code: str | None = None) -> None:
    """Start using `secret` once `code` made from it is right; commits. Changing an existing
    second factor also needs `current_code` from the one in use. Raises ValidationFailed."""
    changing = has_second_factor(user)
    new_code = clean_code(code, "code")
    if changing:
        clean_code(current_code, "current_code")
    step = matching_step(secret, new_code)
    if step is None:
        raise ValidationFailed("code", WRONG_CODE)
    if changing:
        use_code(user, current_code, "current_code")
    user.totp_secret = secret
    user.totp_confirmed_at = utcnow()
    user.totp_last_step = max(step, user.totp_last_step or 0)
    db.session.commit()
    _tell(
        user,
        "Your sign-in code app has changed" if changing else "You have set up a second factor",
        "A new authenticator app now makes the sign-in codes for your account."
        if changing
        else "Your account now asks for a code from your authenticator app when you sign in.",
    )


def reset(user: User, by: User) -> None:
    """An administrator takes away someone's second factor (a lost phone); they set up a new one
    next time they open personal data. Signs them out everywhere; commits."""
    user.totp_secret = None
    user.totp_confirmed_at = None
    user.totp_last_step = None
    user.session_token = new_session_token()
    audit(
        by,
        "user.second_factor_reset",
        f"Reset {user.name}'s second factor",
        subject=f"user:{user.id}",
    )
    db.session.commit()
    _tell(
        user,
        "Your second factor has been reset",
        f"{by.name} has reset the second factor on your account. Next time you open a "
        "referral, you will be asked to set up an authenticator app again.",
    )


def _tell(user: User, subject: str, what: str) -> None:
    send_email(
        user.email,
        subject,
        email_text(
            "account_security.txt",
            name=user.name,
            what=what,
            reset_link=absolute_url("accounts.forgotten_password"),
        ),
    )


# --- the demo ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoCode:
    code: str
    seconds_left: int


def demo_code(user: User) -> DemoCode:
    """A code that will work now for a demo account: the current one, or the next if the current
    one has been used (the window accepts one step ahead)."""
    if not current_app.config["PORTAL_DEMO"]:
        raise ValidationFailed("email", "Demo codes are only shown while PORTAL_DEMO=1")
    if not user.is_demo:
        raise ValidationFailed("email", f"{user.email} is not a demo account")
    secret = user.totp_secret
    if not secret or not has_second_factor(user):
        raise ValidationFailed("email", f"{user.email} has no second factor set up")
    totp = pyotp.TOTP(secret)
    moment = now()
    current = totp.timecode(moment)
    step = max(current, (user.totp_last_step or 0) + 1)
    ends = (step + 1) * totp.interval
    return DemoCode(totp.generate_otp(step), max(0, int(ends - moment)))

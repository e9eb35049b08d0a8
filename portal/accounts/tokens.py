"""Signed, expiring links: confirm an e-mail address, reset a password.

Each kind has its own salt, so one kind can never be used as another. A reset link also
carries part of the current password hash: once the password changes, every older link stops
working.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

CONFIRM_EMAIL = ("confirm-email", timedelta(days=3))
RESET_PASSWORD = ("reset-password", timedelta(hours=2))
INVITATION = ("invitation", timedelta(days=7))  # a new colleague's "choose your password"


class LinkProblem(ValueError):
    """The link is broken, forged or too old; `expired` says which, for the message."""

    def __init__(self, expired: bool) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def make_token(kind: tuple[str, timedelta], payload: dict) -> str:
    return _serializer(kind[0]).dumps(payload)


def read_token(kind: tuple[str, timedelta], token: str) -> dict:
    """The payload of a valid token; raises `LinkProblem` otherwise."""
    salt, lifetime = kind
    try:
        payload = _serializer(salt).loads(token, max_age=int(lifetime.total_seconds()))
    except SignatureExpired as error:
        raise LinkProblem(expired=True) from error
    except BadSignature as error:
        raise LinkProblem(expired=False) from error
    if not isinstance(payload, dict):
        raise LinkProblem(expired=False)
    return payload

"""Signing in. Demo accounts only work while the portal runs in demo mode."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from portal.accounts.models import User
from portal.db import utcnow
from portal.extensions import db

# Compared against when the e-mail is unknown, so both paths cost one hash check.
_DUMMY_HASH = (
    "scrypt:32768:8:1$yJC6fCVJCVnEialf$288a5018377bc8d042a246d2a4ec0c59950223a13430bec556dc82d"
    "6cf46259fb074f4e93d33fe592a864ee762e18b6f617d616d7712da032e4d6e00b27bcc48"
)


def _usable(user: User | None) -> bool:
    return bool(user and user.active and (not user.is_demo or current_app.config["PORTAL_DEMO"]))


def load_user(user_id: str) -> User | None:
    """Flask-Login's loader: the signed-in user, if they may still be signed in."""
    try:
        user = db.session.get(User, uuid.UUID(user_id))
    except ValueError:
        return None
    return user if _usable(user) else None


def authenticate(email: str, password: str) -> User | None:
    """The user with this e-mail and password, or None (same answer whichever was wrong)."""
    user = db.session.scalars(
        select(User).where(func.lower(User.email) == email.strip().lower())
    ).first()
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not user.check_password(password) or not _usable(user):
        return None
    user.last_signed_in_at = utcnow()
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

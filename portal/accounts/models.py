"""People who sign in. The public never needs an account to look things up."""

from __future__ import annotations

import enum
import secrets
import uuid
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from portal.db import Base, Timestamps, UUIDPrimaryKey, enum_column, utcnow
from portal.directory.models import Organisation


def normalise_email(email: str) -> str:
    """An e-mail address as accounts are found by: trimmed, lower case."""
    return (email or "").strip().lower()


class Role(enum.Enum):
    ADMIN = "admin"
    EDITOR = "editor"
    PROFESSIONAL = "professional"
    CONNECTOR = "connector"
    GROUP_MEMBER = "group_member"
    COMMISSIONER = "commissioner"

    @property
    def label(self) -> str:
        return {
            "admin": "Administrator",
            "editor": "Directory editor",
            "professional": "GP or health professional",
            "connector": "Community connector or link worker",
            "group_member": "Community group member",
            "commissioner": "Commissioner",
        }[self.value]


def new_session_token() -> str:
    return secrets.token_hex(16)


def hash_password(password: str) -> str:
    """The stored form of a password (scrypt): slow on purpose."""
    return generate_password_hash(password)


class User(UserMixin, UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisations.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    email_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Part of the signed-in session's id: changing it (new password) signs out every session.
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    # The second factor (TOTP, RFC 6238): a base32 secret, in use once confirmed with a code.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The last time step (30-second window) a code was accepted for: a code works only once.
    totp_last_step: Mapped[int | None] = mapped_column(Integer)

    organisation: Mapped[Organisation | None] = relationship()
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses sign-in for inactive users.
        return self.active

    @property
    def organisations(self) -> list[Organisation]:
        return sorted((m.organisation for m in self.memberships), key=lambda o: o.name)

    def get_id(self) -> str:
        """The session's user id, tied to `session_token`."""
        return f"{self.id}:{self.session_token}"

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)
        self.session_token = new_session_token()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


class Membership(Base):
    """A person who manages an organisation's listings (a group member, once approved)."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship()


class SignInFailure(Base):
    """One wrong password or sign-in code for an e-mail address, from a network.

    Counted per address and network (`sign_in_failures.network_of`: IPv4 /24, IPv6 /64) to slow down
    whoever is guessing without locking out the account's owner, and across networks to pause
    the account itself when many places guess at once. In the database, so every worker and
    machine counts together; rows older than the longest window are deleted as new ones come.
    Kept for addresses without an account too, so both answer alike.
    """

    __tablename__ = "sign_in_failures"
    __table_args__ = (
        Index("ix_sign_in_failures_email_network_failed_at", "email", "network", "failed_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(255))
    network: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # "password" or "code"
    failed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)

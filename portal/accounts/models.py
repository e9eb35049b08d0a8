"""People who sign in. The public never needs an account to look things up."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from portal.db import Base, Timestamps, UUIDPrimaryKey, enum_column
from portal.directory.models import Organisation


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

    organisation: Mapped[Organisation | None] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses sign-in for inactive users.
        return self.active

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

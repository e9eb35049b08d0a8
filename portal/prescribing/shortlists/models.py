"""Shortlists ("community prescriptions"): a signed-in person's named lists of activities.

They hold no personal data: what matters and a note per activity, checked for identifiers
before they are kept (`checks.py`).
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.db import Base, Timestamps, UUIDPrimaryKey, utcnow
from portal.directory.models import Service


class Shortlist(UUIDPrimaryKey, Timestamps, Base):
    """A signed-in person's named list of activities, with what matters and a note each.

    Visitors keep theirs in the session (service ids only) until they sign in.
    """

    __tablename__ = "shortlists"

    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    what_matters: Mapped[str] = mapped_column(Text, default="")
    # The share link: an unguessable token, valid until share_expires_at.
    share_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    share_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    handed_over_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    owner: Mapped[User] = relationship()
    items: Mapped[list[ShortlistItem]] = relationship(
        back_populates="shortlist",
        cascade="all, delete-orphan",
        order_by="ShortlistItem.position",
    )


def new_share_token() -> str:
    return secrets.token_urlsafe(24)


class ShortlistItem(Base):
    """One activity on a shortlist; `snapshot` keeps its facts as they were when added (or when
    the change was last acknowledged), so the list can say what has changed since."""

    __tablename__ = "shortlist_items"
    __table_args__ = (UniqueConstraint("shortlist_id", "service_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shortlist_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("shortlists.id"), index=True)
    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("services.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    snapshot: Mapped[dict] = mapped_column(JSON, default=dict)

    shortlist: Mapped[Shortlist] = relationship(back_populates="items")
    service: Mapped[Service] = relationship()

"""The audit trail: who did what, when. Every feature records its decisions here, so it sits
below them all and imports none of them (its links to a person and a listing are by table)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, utcnow
from portal.extensions import db

if TYPE_CHECKING:
    from portal.accounts.models import User
    from portal.directory.models import Service


class AuditEvent(Base):
    """Who did what, when: every moderation decision and every change to a listing.

    A listing change keeps the listing's data before and after, so it can be shown as a
    difference and reverted.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(50))
    service_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("services.id"), index=True)
    subject: Mapped[str] = mapped_column(String(100), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)

    actor: Mapped[User | None] = relationship("User")
    service: Mapped[Service | None] = relationship("Service")


def audit(
    actor: User | None,
    action: str,
    summary: str,
    *,
    service: Service | None = None,
    subject: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    """Record who did what (flushes only: the caller's commit keeps it with the change)."""
    event = AuditEvent(
        actor=actor,
        action=action,
        summary=summary,
        service=service,
        subject=subject,
        before=before,
        after=after,
    )
    db.session.add(event)
    return event

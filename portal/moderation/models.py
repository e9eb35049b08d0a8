"""Moderation: proposed listings and edits, claims, problem reports, reminders (the audit
trail they write is `portal.audit`).

A group never writes to a live listing. What it proposes is a `ListingRevision` holding the
whole listing as data (`portal.listings.data`); the live listing changes only when an editor
approves it, so the published version stays up while an edit waits.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.db import Base, Timestamps, UUIDPrimaryKey, enum_column, utcnow
from portal.directory.models import Organisation, Service


class RevisionState(enum.Enum):
    DRAFT = "draft"  # being written, saved between steps
    PENDING = "pending"  # submitted, waiting for review
    CHANGES_REQUESTED = "changes_requested"  # sent back with a reason
    APPROVED = "approved"  # applied to the live listing
    WITHDRAWN = "withdrawn"  # abandoned by its group, or replaced

    @property
    def label(self) -> str:
        return {
            "draft": "Draft",
            "pending": "Waiting for review",
            "changes_requested": "Changes requested",
            "approved": "Approved",
            "withdrawn": "Withdrawn",
        }[self.value]


OPEN_REVISION_STATES = (
    RevisionState.DRAFT,
    RevisionState.PENDING,
    RevisionState.CHANGES_REQUESTED,
)


class ListingRevision(UUIDPrimaryKey, Timestamps, Base):
    """A new listing or an edit, as a whole listing's data, until an editor decides."""

    __tablename__ = "listing_revisions"

    service_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("services.id"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id"), index=True)
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    state: Mapped[RevisionState] = mapped_column(
        enum_column(RevisionState), default=RevisionState.DRAFT, index=True
    )
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    # The published listing's data when the edit began: what the edit is compared with.
    base: Mapped[dict | None] = mapped_column(JSON)
    steps_done: Mapped[list] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(30), default="group")
    reason: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # Raised by every save of the draft: a save carries the version it started from, and one
    # made over a newer version is refused with what changed (two people editing at once).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    service: Mapped[Service | None] = relationship()
    organisation: Mapped[Organisation] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    @property
    def is_edit(self) -> bool:
        return self.service_id is not None

    @property
    def title(self) -> str:
        return (self.data or {}).get("name") or "Untitled activity"


class ClaimState(enum.Enum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Claim(Base):
    """Someone asks to manage an organisation already in the directory."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[ClaimState] = mapped_column(
        enum_column(ClaimState), default=ClaimState.PENDING, index=True
    )
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    organisation: Mapped[Organisation] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])


class ProblemKind(enum.Enum):
    CLOSED = "closed"
    WRONG_TIME_OR_PLACE = "wrong_time_or_place"
    WRONG_CONTACT = "wrong_contact"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "closed": "It has closed or stopped running",
            "wrong_time_or_place": "The day, time or place is wrong",
            "wrong_contact": "The contact details are wrong",
            "other": "Something else",
        }[self.value]


class ProblemReport(Base):
    """A member of the public says a listing is wrong. No account, no personal data needed."""

    __tablename__ = "problem_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("services.id"), index=True)
    kind: Mapped[ProblemKind] = mapped_column(enum_column(ProblemKind))
    message: Mapped[str] = mapped_column(Text, default="")
    reporter_email: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    resolved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    resolution: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship()


class FreshnessReminder(Base):
    """A reminder sent to confirm a listing: one per stage per checking cycle, never twice."""

    __tablename__ = "freshness_reminders"
    __table_args__ = (UniqueConstraint("service_id", "stage", "cycle"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("services.id"), index=True)
    stage: Mapped[int] = mapped_column(Integer)  # months after the last check
    cycle: Mapped[date] = mapped_column(Date)  # the last-checked date it counts from
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

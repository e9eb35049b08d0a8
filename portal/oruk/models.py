"""Other directories' feeds, the imports taken from them, and where imported listings came from.

A `Feed` is one source of listings (an ORUK API, or a JSON or CSV package file, registered on
the "Other directories" page or made by `flask oruk import`). Each import is an `ImportRun`:
its dry run stores the report and the planned changes (`PlannedChange`, one row per listing to
add, change or withdraw); applying writes them in one transaction. `SourceRecord` links each
imported listing or organisation to its id in the feed. `TermMapping` says which of our needs,
audiences or activity types a feed's taxonomy term means.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, Timestamps, UUIDPrimaryKey, enum_column


class FeedKind(enum.Enum):
    API = "api"  # an ORUK 3.0 API: paged /services, then /services/{id} where needed
    JSON = "json"  # a file (or URL) of ORUK services: a JSON array, a page, or ndjson
    CSV = "csv"  # the ORUK tabular package: a zip or a folder of CSV files

    @property
    def label(self) -> str:
        return {
            "api": "Open Referral UK API",
            "json": "Open Referral UK JSON file",
            "csv": "Open Referral UK CSV package",
        }[self.value]


class Feed(UUIDPrimaryKey, Timestamps, Base):
    """Another directory whose listings we take in."""

    __tablename__ = "oruk_feeds"

    #: Whose listings these are, as residents and editors should read it.
    name: Mapped[str] = mapped_column(String(255))
    #: The API's base URL, or a file's URL or path.
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    kind: Mapped[FeedKind] = mapped_column(enum_column(FeedKind), default=FeedKind.API)
    #: Who the directory team contacts about a problem with these listings.
    contact_email: Mapped[str | None] = mapped_column(String(255))
    #: How often `flask oruk pull` fetches it; 0 = only when someone asks.
    pull_every_hours: Mapped[int] = mapped_column(Integer, default=24)
    #: Apply a pull at once when its dry run found no problem; otherwise wait for an admin.
    auto_apply: Mapped[bool] = mapped_column(Boolean, default=False)
    #: When the last applied pull started fetching (the next pull's `modified_after`).
    last_pulled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: When the last applied pull that read the whole feed started.
    last_full_pull_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: A pull in progress holds the feed until then (a lease: two pulls never run at once).
    pull_lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    runs: Mapped[list[ImportRun]] = relationship(
        back_populates="feed", order_by="ImportRun.created_at.desc()"
    )


class RunState(enum.Enum):
    CHECKING = "checking"  # fetching and checking (the dry run)
    READY = "ready"  # dry run done: waiting to be applied or discarded
    APPLYING = "applying"
    APPLIED = "applied"
    FAILED = "failed"  # the dry run could not finish (the report says why); nothing written
    DISCARDED = "discarded"  # an administrator chose not to apply it, or a newer run replaced it

    @property
    def label(self) -> str:
        return {
            "checking": "Checking",
            "ready": "Waiting to be applied",
            "applying": "Applying",
            "applied": "Applied",
            "failed": "Could not be read",
            "discarded": "Not applied",
        }[self.value]


class ImportRun(UUIDPrimaryKey, Timestamps, Base):
    """One import: its dry-run report, then (perhaps) its application."""

    __tablename__ = "oruk_import_runs"

    feed_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("oruk_feeds.id"), index=True)
    state: Mapped[RunState] = mapped_column(enum_column(RunState), default=RunState.CHECKING)
    #: Whether it read the whole feed (only then can it tell what disappeared).
    full: Mapped[bool] = mapped_column(Boolean, default=True)
    #: The `modified_after` it asked for, on a later pull.
    modified_after: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: When fetching started: becomes the feed's `last_pulled_at` once applied.
    fetch_started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    new_count: Mapped[int] = mapped_column(Integer, default=0)
    changed_count: Mapped[int] = mapped_column(Integer, default=0)
    unchanged_count: Mapped[int] = mapped_column(Integer, default=0)
    withdrawn_count: Mapped[int] = mapped_column(Integer, default=0)
    problem_count: Mapped[int] = mapped_column(Integer, default=0)
    #: The dry-run report as JSON (see `portal.oruk.report`).
    report: Mapped[str] = mapped_column(Text, default="{}")
    started_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    feed: Mapped[Feed] = relationship(back_populates="runs")


class ChangeAction(enum.Enum):
    NEW = "new"
    CHANGED = "changed"
    WITHDRAWN = "withdrawn"


class PlannedChange(Base):
    """One listing a dry run will add, change or withdraw when the run is applied."""

    __tablename__ = "oruk_planned_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("oruk_import_runs.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[ChangeAction] = mapped_column(enum_column(ChangeAction))
    #: The service's id in the feed.
    external_id: Mapped[str] = mapped_column(String(255))
    #: Our listing, for a change or a withdrawal.
    service_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    #: What to write, as JSON: the listing's data, its organisation and its provenance.
    data: Mapped[str] = mapped_column(Text, default="{}")
    #: A hash of the record as read, to tell an unchanged record on the next pull.
    fingerprint: Mapped[str] = mapped_column(String(64), default="")


class RecordType(enum.Enum):
    SERVICE = "service"
    ORGANIZATION = "organization"


class SourceRecord(UUIDPrimaryKey, Base):
    """Where one imported listing (or organisation) came from."""

    __tablename__ = "oruk_source_records"
    __table_args__ = (
        UniqueConstraint("feed_id", "record_type", "external_id"),
        UniqueConstraint("record_type", "local_id"),
    )

    feed_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("oruk_feeds.id"), index=True)
    record_type: Mapped[RecordType] = mapped_column(enum_column(RecordType))
    #: Its id in the feed.
    external_id: Mapped[str] = mapped_column(String(255))
    #: Our `Service.id` or `Organisation.id`.
    local_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    #: When we last read it in the feed.
    pulled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: The feed's `assured_date`: when they last checked it.
    assured_date: Mapped[date | None] = mapped_column(Date)
    #: The feed's `last_modified`.
    source_modified: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: When it disappeared from the feed (the listing is hidden, never deleted).
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    feed: Mapped[Feed] = relationship()


class TermMapping(UUIDPrimaryKey, Timestamps, Base):
    """Which of our terms a feed's taxonomy term means.

    A dry run lists each term it could not map as a row with no `decided_at`; an administrator
    then picks one of our terms (`term_id`) or leaves it out on purpose (`term_id` None with
    `decided_at` set)."""

    __tablename__ = "oruk_term_mappings"
    __table_args__ = (UniqueConstraint("feed_id", "source_key"),)

    feed_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("oruk_feeds.id"), index=True)
    #: The term as the feed identifies it: "<taxonomy>|<term id or code>".
    source_key: Mapped[str] = mapped_column(String(600))
    source_taxonomy: Mapped[str] = mapped_column(String(255), default="")
    source_name: Mapped[str] = mapped_column(String(255))
    term_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("taxonomy_terms.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

"""What search keeps in the database: the thesaurus editors maintain, and the search log."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, Timestamps, utcnow


class Synonym(Timestamps, Base):
    """A word people use, and what it should also find.

    `expands_to`: other words or phrases, comma-separated ("befriending, lunch club");
    `needs`: need codes, comma-separated ("loneliness-and-company").
    """

    __tablename__ = "search_synonyms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    term: Mapped[str] = mapped_column(String(100), unique=True)
    expands_to: Mapped[str] = mapped_column(Text, default="")
    needs: Mapped[str] = mapped_column(String(500), default="")


class SearchLog(Base):
    """One anonymous search, without personal data: never a full postcode, never an address."""

    __tablename__ = "search_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    text: Mapped[str] = mapped_column(String(200), default="")
    needs: Mapped[str] = mapped_column(String(500), default="")
    audiences: Mapped[str] = mapped_column(String(500), default="")
    place: Mapped[str] = mapped_column(String(100), default="")
    filters: Mapped[str] = mapped_column(String(500), default="")
    results: Mapped[int] = mapped_column(Integer, default=0)


class IndexBacklog(Base):
    """A listing whose change reached the database but not the search index (the write failed:
    disk full, a read-only folder, a crash between the two). Kept until a retry succeeds, so
    the change is never lost and `/healthz` can say the index is behind. One row per listing."""

    __tablename__ = "search_index_backlog"

    service_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    queued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")

"""What the PostgreSQL backend keeps: one row per public listing, its map positions, and the
words spelling suggestions choose from.

The types are portable so that `db.create_all()` builds these tables on SQLite too (as text and
JSON), where they are simply never used: only PostgreSQL searches them. The two extensions the
backend needs, `pg_trgm` (spelling) and `unaccent` ("cafe" finds "Café"), are contrib modules
that managed PostgreSQL services offer; `create_all` makes them before the tables, the migration
`0010` does the same.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import (
    DDL,
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    Uuid,
    event,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base

EXTENSIONS = ("pg_trgm", "unaccent")
#: GIN indexes written straight into the index, not through a pending list: every search
#: scans the whole pending list, and after a rebuild or an import it held every listing (the
#: cells index's 100,000 entries made a place search take 900 ms at 100,000 listings until a
#: vacuum ran). A listing's write costs a little more; searches never pay for it.
GIN: dict[str, Any] = {"postgresql_using": "gin", "postgresql_with": {"fastupdate": "off"}}
#: The GIN indexes (migration 0013 turns their pending lists off and empties them).
GIN_INDEXES = (
    "ix_search_listings_document",
    "ix_search_listings_needs",
    "ix_search_listings_audiences",
    "ix_search_listings_cells",
    "ix_search_words_word_trgm",
)
WORD_LENGTH = 100


def _codes():
    return ARRAY(String(100)).with_variant(JSON(), "sqlite")


class SearchListing(Base):
    """A public listing as search reads it, written in the transaction that changes it.

    `document` holds the words (name A, need and audience names B, organisation C, description
    and place D); the rest are the filters and orders of the search page, as
    `portal.search.documents.document` describes them. `content_version` is the service's
    `updated_at` in microseconds when this row was written (the repair compares them)."""

    __tablename__ = "search_listings"
    __table_args__ = (
        Index("ix_search_listings_document", "document", **GIN),
        Index("ix_search_listings_needs", "needs", **GIN),
        Index("ix_search_listings_audiences", "audiences", **GIN),
        Index("ix_search_listings_cells", "cells", **GIN),
        # Online listings suit every place: a search near a place reads them through this.
        Index(
            "ix_search_listings_online",
            "service_id",
            postgresql_where=text("online"),
        ),
    )

    service_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("services.id", ondelete="CASCADE"), primary_key=True
    )
    document: Mapped[str] = mapped_column(TSVECTOR().with_variant(Text(), "sqlite"))
    needs: Mapped[list[str]] = mapped_column(_codes())
    audiences: Mapped[list[str]] = mapped_column(_codes())
    #: The words of its name and term names, for pruning the spelling words no longer used.
    words: Mapped[list[str]] = mapped_column(
        ARRAY(String(WORD_LENGTH)).with_variant(JSON(), "sqlite")
    )
    #: The map cells its venues lie in (`portal.search.postgres.cells`): a place's first cut.
    cells: Mapped[list[int]] = mapped_column(ARRAY(Integer).with_variant(JSON(), "sqlite"))
    facets: Mapped[int] = mapped_column(BigInteger)
    min_age: Mapped[int] = mapped_column(SmallInteger)
    max_age: Mapped[int] = mapped_column(SmallInteger)
    reviewed: Mapped[int] = mapped_column(Integer)  # the day last checked, as an ordinal
    closed: Mapped[bool] = mapped_column(Boolean)  # temporarily closed: listed after open ones
    online: Mapped[bool] = mapped_column(Boolean)
    schedules: Mapped[list] = mapped_column(JSON)  # as documents.schedule_spec writes them
    content_version: Mapped[int] = mapped_column(BigInteger)


class SearchPosition(Base):
    """Where a listing meets in person. A place search keeps the listings in the cells
    covering its box (`SearchListing.cells`), then reads their positions by listing (the
    primary key) and measures them exactly."""

    __tablename__ = "search_positions"

    service_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("search_listings.service_id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)


class SearchWord(Base):
    """A word of some listing's name or need and audience names: "Did you mean" picks from
    these (a trigram index shortlists, edit distance decides). Only ever inserted while in use
    (`INSERT .. ON CONFLICT DO NOTHING`); the repair prunes words no listing has any more."""

    __tablename__ = "search_words"
    __table_args__ = (
        Index("ix_search_words_word_trgm", "word", postgresql_ops={"word": "gin_trgm_ops"}, **GIN),
    )

    word: Mapped[str] = mapped_column(String(WORD_LENGTH), primary_key=True)


for _name in EXTENSIONS:
    event.listen(
        Base.metadata,
        "before_create",
        DDL(f"CREATE EXTENSION IF NOT EXISTS {_name}").execute_if(dialect="postgresql"),
    )

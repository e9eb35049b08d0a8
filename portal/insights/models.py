"""What the insights keep: daily roll-ups of the search log, the areas the directory covers
and what each has within reach. All of it is counts; none of it names or locates a person."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, Float, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow

#: `SearchDay.area` for a search that gave no place, and for one outside every area; and
#: for every area together (each search counts there once as well as in its own area, so
#: figures over the whole directory read a few rows a day, not one per area).
NO_AREA = ""
OUTSIDE = "outside"
ALL_AREAS = "*"
#: `SearchDay.need` for a search with no need chosen or implied, and for the day's total
#: (each search counts once in the total, and once under every need it asked for).
NO_NEED = ""
ALL_NEEDS = "*"
#: A search "found almost nothing" with at most this many results (and something).
FEW_RESULTS = 3


class SearchDay(Base):
    """The searches of one day in one area for one need."""

    __tablename__ = "insight_search_days"
    # Every area together, one area, one need: an index walk, not a scan of every area's days.
    __table_args__ = (Index("ix_insight_search_days_area_need_day", "area", "need", "day"),)

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    area: Mapped[str] = mapped_column(String(20), primary_key=True)
    need: Mapped[str] = mapped_column(String(60), primary_key=True)
    searches: Mapped[int] = mapped_column(Integer, default=0)
    found_nothing: Mapped[int] = mapped_column(Integer, default=0)
    found_little: Mapped[int] = mapped_column(Integer, default=0)


class SearchWordDay(Base):
    """What people typed, one day, one area, for the searches that found nothing or almost
    nothing (the words of searches that found plenty are not kept: they answer no question
    the insights ask). `words` is the text lower-cased with its spaces collapsed."""

    __tablename__ = "insight_search_words"
    __table_args__ = (Index("ix_insight_search_words_area_day", "area", "day"),)

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    words: Mapped[str] = mapped_column(String(100), primary_key=True)
    area: Mapped[str] = mapped_column(String(20), primary_key=True)
    searches: Mapped[int] = mapped_column(Integer, default=0)
    found_nothing: Mapped[int] = mapped_column(Integer, default=0)
    found_little: Mapped[int] = mapped_column(Integer, default=0)


class RolledUpDay(Base):
    """A day whose search log was rolled up; `raw_deleted_at` once its raw rows are gone,
    after which the day is never rolled up again (there would be nothing to count)."""

    __tablename__ = "insight_rolled_up_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    rolled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    searches: Mapped[int] = mapped_column(Integer, default=0)
    raw_deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Area(Base):
    """An area the directory covers: a postcode district with public listings, at its centre
    (the gazetteer's, else the mean of its listings), named after the largest place near it."""

    __tablename__ = "insight_areas"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Coverage(Base):
    """How many active public listings for a need have a place within `reach_km` of an
    area's centre, as last counted (by the roll-up job, or when the page found none)."""

    __tablename__ = "insight_coverage"

    area: Mapped[str] = mapped_column(String(20), primary_key=True)
    need: Mapped[str] = mapped_column(String(60), primary_key=True)
    listings: Mapped[int] = mapped_column(Integer, default=0)
    reach_km: Mapped[float] = mapped_column(Float)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StoredFigures(Base):
    """The answer to one costly insights query for one narrowing, as plain JSON rows, kept
    until the roll-ups change (`version`). Shared by every server; the roll-up job fills the
    default narrowing's, so the pages most people open never wait for a scan."""

    __tablename__ = "insight_stored_figures"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str] = mapped_column(String(64))
    made_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    rows: Mapped[list] = mapped_column(JSON, default=list)

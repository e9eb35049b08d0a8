"""The gazetteer: places, postcode districts and postcodes the portal can find offline."""

from __future__ import annotations

import enum

from sqlalchemy import Float, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, Timestamps, enum_column


class PlaceKind(enum.Enum):
    PLACE = "place"  # a town, village or neighbourhood (GeoNames)
    DISTRICT = "district"  # a postcode district: "RG12"
    POSTCODE = "postcode"  # a full postcode: "RG12 1AA"
    GEOCODED = "geocoded"  # an answer cached from the optional online geocoder


class Place(Timestamps, Base):
    """One thing a person may type into "Where?", and where it is.

    `key` is how it is matched: lower case, single spaces for places; upper case without spaces
    for postcodes and districts ("RG121AA", "RG12").
    """

    __tablename__ = "places"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[PlaceKind] = mapped_column(enum_column(PlaceKind))
    key: Mapped[str] = mapped_column(String(200), index=True)
    name: Mapped[str] = mapped_column(String(200))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    population: Mapped[int] = mapped_column(Integer, default=0)
    admin_area: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(30))

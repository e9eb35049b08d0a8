"""Community maps: events held with a community of interest, the assets recorded there, wishes
for what is missing, and the maps that gather them; and private "circle of support" maps for one
person, identified only by a reference the connector chooses.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.db import Base, Timestamps, UUIDPrimaryKey, enum_column, utcnow
from portal.directory.models import Service


class AssetKind(enum.Enum):
    """The asset-based community development families."""

    PEOPLE = "people"
    GROUPS = "groups"
    ORGANISATIONS = "organisations"
    PLACES = "places"
    ECONOMY = "economy"
    CULTURE = "culture"

    @property
    def label(self) -> str:
        return {
            "people": "People and skills",
            "groups": "Groups and associations",
            "organisations": "Organisations and institutions",
            "places": "Places and spaces",
            "economy": "Local economy",
            "culture": "Culture and stories",
        }[self.value]

    @property
    def hint(self) -> str:
        return {
            "people": "Someone who helps, teaches or knows a lot",
            "groups": "Clubs, groups, friends who meet",
            "organisations": "Schools, surgeries, libraries, charities, churches",
            "places": "Parks, halls, cafés, benches, paths",
            "economy": "Shops, markets, businesses, jobs",
            "culture": "Traditions, events, local history, what people are proud of",
        }[self.value]


class MapState(enum.Enum):
    PRIVATE = "private"  # seen by connectors only
    PUBLISHED = "published"


class MapKind(enum.Enum):
    COMMUNITY = "community"  # a community of interest's map, can be published
    CIRCLE = "circle"  # one person's circle of support: connectors only, never public


class AssetState(enum.Enum):
    APPROVED = "approved"
    SUGGESTED = "suggested"  # from a visitor: waits for a connector
    REJECTED = "rejected"


map_events = Table(
    "community_map_events",
    Base.metadata,
    Column("map_id", ForeignKey("community_maps.id"), primary_key=True),
    Column("event_id", ForeignKey("mapping_events.id"), primary_key=True),
)


# Who else may see a circle of support: connectors its maker chose by name.
circle_shares = Table(
    "circle_shares",
    Base.metadata,
    Column("map_id", ForeignKey("community_maps.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class MappingEvent(UUIDPrimaryKey, Timestamps, Base):
    """A "community party" (big brew-up): a conversation with a community of interest."""

    __tablename__ = "mapping_events"

    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    venue: Mapped[str] = mapped_column(String(200), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    community: Mapped[str] = mapped_column(String(200))
    facilitators: Mapped[str] = mapped_column(String(500), default="")
    participants: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    assets: Mapped[list[Asset]] = relationship(
        back_populates="event", order_by="Asset.created_at", cascade="all, delete-orphan"
    )
    wishes: Mapped[list[Wish]] = relationship(
        back_populates="event", order_by="Wish.created_at", cascade="all, delete-orphan"
    )
    maps: Mapped[list[CommunityMap]] = relationship(secondary=map_events, back_populates="events")
    created_by: Mapped[User | None] = relationship()


class CommunityMap(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "community_maps"

    title: Mapped[str] = mapped_column(String(200))
    community: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[MapKind] = mapped_column(enum_column(MapKind), default=MapKind.COMMUNITY)
    state: Mapped[MapState] = mapped_column(
        enum_column(MapState), default=MapState.PRIVATE, index=True
    )
    # A circle of support names nobody: only the reference its connector chose.
    reference: Mapped[str | None] = mapped_column(String(60))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    events: Mapped[list[MappingEvent]] = relationship(
        secondary=map_events, back_populates="maps", order_by="MappingEvent.held_on"
    )
    own_assets: Mapped[list[Asset]] = relationship(
        back_populates="map", order_by="Asset.created_at", cascade="all, delete-orphan"
    )
    created_by: Mapped[User | None] = relationship()
    # A circle of support is seen by its maker and these connectors only.
    shared_with: Mapped[list[User]] = relationship(secondary=circle_shares, order_by=User.name)


class Asset(UUIDPrimaryKey, Base):
    """Something good about a place or a community, recorded at an event, in a circle of
    support, or suggested by a visitor for a published map."""

    __tablename__ = "community_assets"

    event_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("mapping_events.id"), index=True)
    map_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("community_maps.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[AssetKind] = mapped_column(enum_column(AssetKind))
    good: Mapped[str] = mapped_column(Text, default="")
    not_working: Mapped[str] = mapped_column(Text, default="")
    place_name: Mapped[str] = mapped_column(String(200), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    service_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("services.id"))
    suggestion_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("listing_revisions.id"))
    state: Mapped[AssetState] = mapped_column(
        enum_column(AssetState), default=AssetState.APPROVED, index=True
    )
    # Set by the page that saved it, so a retry after a dropped connection saves it once.
    client_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    suggested_by_email: Mapped[str | None] = mapped_column(String(255))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Who accepted or turned down a visitor's suggestion, and when (decided once).
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    event: Mapped[MappingEvent | None] = relationship(back_populates="assets")
    map: Mapped[CommunityMap | None] = relationship(back_populates="own_assets")
    service: Mapped[Service | None] = relationship()
    suggestion = relationship("ListingRevision")

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def live_listing(self) -> Service | None:
        """The directory listing this asset is, while residents can see it: the one it was
        linked to, or the one its suggestion became once an editor approved it."""
        service = self.service
        if service is None and self.suggestion is not None:
            service = self.suggestion.service
        if service is None or not service.is_public:
            return None
        return service


class Wish(UUIDPrimaryKey, Base):
    """'We wish there was ...': a gap, tagged with needs, for insight into unmet need."""

    __tablename__ = "community_wishes"

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mapping_events.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    needs: Mapped[list] = mapped_column(JSON, default=list)
    client_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    event: Mapped[MappingEvent] = relationship(back_populates="wishes")

"""Directory tables, shaped after Open Referral UK 3.0 (field names follow ORUK where it has one).

Our own fields, beyond ORUK, support a moderated, self-registered directory: a service's
`publication_state`, `last_reviewed` date, `how_to_join`, and a location's `mask_address` for
activities run from someone's home.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, time
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
    and_,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, Timestamps, UUIDPrimaryKey, enum_column


class OrganisationType(enum.Enum):
    COMMUNITY_GROUP = "community_group"
    CHARITY = "charity"
    SOCIAL_ENTERPRISE = "social_enterprise"
    FAITH_GROUP = "faith_group"
    INDEPENDENT_PROVIDER = "independent_provider"
    STATUTORY = "statutory"
    HEALTH = "health"
    PARISH_COUNCIL = "parish_council"

    @property
    def label(self) -> str:
        return {
            "community_group": "Community group",
            "charity": "Charity",
            "social_enterprise": "Social enterprise",
            "faith_group": "Faith group",
            "independent_provider": "Independent provider",
            "statutory": "Council or public service",
            "health": "NHS or health service",
            "parish_council": "Town or parish council",
        }[self.value]


class ServiceStatus(enum.Enum):
    """ORUK `service.status`."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"
    TEMPORARILY_CLOSED = "temporarily closed"


#: The statuses a published listing is public in.
VISIBLE_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


class PublicationState(enum.Enum):
    """Ours: whether a listing is public. Only `published` listings are.

    `hidden` listings are kept and can be restored: hidden by an editor, or because nobody
    confirmed them for too long (`Service.hidden_reason` says which). Proposed content waits
    in `portal.moderation.models.ListingRevision`, never on the live listing.
    """

    DRAFT = "draft"
    PENDING = "pending"
    PUBLISHED = "published"
    HIDDEN = "hidden"
    ARCHIVED = "archived"


class HiddenReason(enum.Enum):
    BY_EDITOR = "by_editor"
    OUT_OF_DATE = "out_of_date"
    #: An imported listing its own directory no longer lists.
    WITHDRAWN_AT_SOURCE = "withdrawn_at_source"

    @property
    def label(self) -> str:
        return {
            "by_editor": "Hidden by the directory team",
            "out_of_date": "Hidden because it was not confirmed for 12 months",
            "withdrawn_at_source": "Hidden because the directory it came from no longer lists it",
        }[self.value]


class HowToJoin(enum.Enum):
    TURN_UP = "turn_up"
    BOOK = "book"
    REFERRAL = "referral"

    @property
    def label(self) -> str:
        return {
            "turn_up": "Just turn up",
            "book": "Book first",
            "referral": "Referral needed",
        }[self.value]


class LocationType(enum.Enum):
    PHYSICAL = "physical"
    VIRTUAL = "virtual"


class Organisation(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "organisations"

    name: Mapped[str] = mapped_column(String(255), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    organisation_type: Mapped[OrganisationType] = mapped_column(
        enum_column(OrganisationType), default=OrganisationType.COMMUNITY_GROUP
    )
    email: Mapped[str | None] = mapped_column(String(255))
    website: Mapped[str | None] = mapped_column(String(500))
    phone: Mapped[str | None] = mapped_column(String(50))
    charity_number: Mapped[str | None] = mapped_column(String(20))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    services: Mapped[list[Service]] = relationship(
        back_populates="organisation", order_by="Service.name"
    )


class Location(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "locations"
    # Published listings near a point (the API's postcode + proximity) read a box of these.
    __table_args__ = (Index("ix_locations_latitude_longitude", "latitude", "longitude"),)

    location_type: Mapped[LocationType] = mapped_column(
        enum_column(LocationType), default=LocationType.PHYSICAL
    )
    name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))
    address_1: Mapped[str | None] = mapped_column(String(255))
    city: Mapped[str | None] = mapped_column(String(100))
    state_province: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(10), index=True)
    country: Mapped[str] = mapped_column(String(2), default="GB")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # Ours: a home address is never shown; only the postcode district and a rounded position.
    mask_address: Mapped[bool] = mapped_column(Boolean, default=False)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    accessibility: Mapped[list[Accessibility]] = relationship(
        back_populates="location", cascade="all, delete-orphan", order_by="Accessibility.code"
    )


class Accessibility(UUIDPrimaryKey, Base):
    """ORUK `accessibility` of a location; `code` (ours) makes it filterable."""

    __tablename__ = "accessibility"

    location_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locations.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(String(255))
    details: Mapped[str | None] = mapped_column(Text)

    location: Mapped[Location] = relationship(back_populates="accessibility")


class Service(UUIDPrimaryKey, Timestamps, Base):
    """A service in ORUK terms: to a resident, an activity or a source of help."""

    __tablename__ = "services"
    # The API's `modified_after` and later pulls by other directories read by this.
    __table_args__ = (Index("ix_services_updated_at", "updated_at"),)

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[ServiceStatus] = mapped_column(
        enum_column(ServiceStatus), default=ServiceStatus.ACTIVE
    )
    alert: Mapped[str | None] = mapped_column(Text)
    fees_description: Mapped[str | None] = mapped_column(Text)
    eligibility_description: Mapped[str | None] = mapped_column(Text)
    application_process: Mapped[str | None] = mapped_column(Text)
    minimum_age: Mapped[int | None] = mapped_column(Integer)
    maximum_age: Mapped[int | None] = mapped_column(Integer)
    # Ours.
    publication_state: Mapped[PublicationState] = mapped_column(
        enum_column(PublicationState), default=PublicationState.DRAFT, index=True
    )
    how_to_join: Mapped[HowToJoin] = mapped_column(
        enum_column(HowToJoin), default=HowToJoin.TURN_UP
    )
    last_reviewed: Mapped[date | None] = mapped_column(Date, index=True)
    #: The group's words about when it meets beyond the sessions ("Dates are on our Facebook
    #: page"); published through ORUK as a schedule with only a description.
    schedule_note: Mapped[str | None] = mapped_column(Text)
    hidden_reason: Mapped[HiddenReason | None] = mapped_column(enum_column(HiddenReason))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    # Referrals: whether the service takes them, and the address told about each one (its
    # organisation's members are told too).
    accepts_referrals: Mapped[bool] = mapped_column(Boolean, default=False)
    referral_email: Mapped[str | None] = mapped_column(String(255))

    organisation: Mapped[Organisation] = relationship(back_populates="services")
    service_at_locations: Mapped[list[ServiceAtLocation]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    schedules: Mapped[list[Schedule]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Schedule.dtstart"
    )
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    cost_options: Mapped[list[CostOption]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    languages: Mapped[list[Language]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Language.name"
    )
    attributes: Mapped[list[ServiceAttribute]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )

    @hybrid_property
    def is_public(self) -> bool:
        """Whether residents can see it: published, and active or temporarily closed (a closed
        one shows its alert first). The one rule, in Python and, as `Service.is_public` in a
        query, in SQL (`services.public_services`)."""
        published = self.publication_state == PublicationState.PUBLISHED
        return published and self.status in VISIBLE_STATUSES

    @is_public.inplace.expression
    @classmethod
    def _is_public_expression(cls) -> ColumnElement[bool]:
        published = cls.publication_state == PublicationState.PUBLISHED
        return and_(published, cls.status.in_(VISIBLE_STATUSES))

    @property
    def is_published(self) -> bool:
        """Published, whatever its status: what an editor can hide."""
        return self.publication_state == PublicationState.PUBLISHED

    @property
    def is_hidden(self) -> bool:
        """Hidden from residents but kept: what an editor can show again."""
        return self.publication_state == PublicationState.HIDDEN

    @property
    def is_free(self) -> bool:
        return not any(option.amount for option in self.cost_options)

    @property
    def locations(self) -> list[Location]:
        return [sal.location for sal in self.service_at_locations]

    def terms_in(self, taxonomy_slug: str) -> list[TaxonomyTerm]:
        """This service's terms from one taxonomy (needs, audiences, activity types)."""
        terms = [a.taxonomy_term for a in self.attributes]
        return sorted((t for t in terms if t.taxonomy.slug == taxonomy_slug), key=lambda t: t.name)


class ServiceAtLocation(UUIDPrimaryKey, Base):
    __tablename__ = "service_at_locations"
    __table_args__ = (UniqueConstraint("service_id", "location_id"),)

    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("services.id"), index=True)
    location_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locations.id"), index=True)

    service: Mapped[Service] = relationship(back_populates="service_at_locations")
    location: Mapped[Location] = relationship()


class Schedule(UUIDPrimaryKey, Base):
    """When a service runs, in ORUK's RFC 5545 terms.

    `freq` WEEKLY (`interval` 2 = fortnightly, `byday` "TU") or MONTHLY (`byday` "1TU", "-1FR"),
    anchored at `dtstart`; no `freq` means a one-off session on `dtstart`.
    """

    __tablename__ = "schedules"

    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("services.id"), index=True)
    freq: Mapped[str | None] = mapped_column(String(10))
    interval: Mapped[int] = mapped_column(Integer, default=1)
    byday: Mapped[str | None] = mapped_column(String(20))
    dtstart: Mapped[date | None] = mapped_column(Date)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    opens_at: Mapped[time | None] = mapped_column(Time)
    closes_at: Mapped[time | None] = mapped_column(Time)
    description: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="schedules")


class Contact(UUIDPrimaryKey, Base):
    __tablename__ = "contacts"

    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("services.id"), index=True)
    name: Mapped[str | None] = mapped_column(String(255))
    title: Mapped[str | None] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(255))

    service: Mapped[Service] = relationship(back_populates="contacts")
    phones: Mapped[list[Phone]] = relationship(
        back_populates="contact", cascade="all, delete-orphan"
    )


class Phone(UUIDPrimaryKey, Base):
    __tablename__ = "phones"

    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contacts.id"), index=True)
    number: Mapped[str] = mapped_column(String(50))
    type: Mapped[str | None] = mapped_column(String(20))

    contact: Mapped[Contact] = relationship(back_populates="phones")


class CostOption(UUIDPrimaryKey, Base):
    __tablename__ = "cost_options"

    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("services.id"), index=True)
    option: Mapped[str | None] = mapped_column(String(255))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    currency: Mapped[str] = mapped_column(String(3), default="GBP")
    amount_description: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="cost_options")


class Language(UUIDPrimaryKey, Base):
    __tablename__ = "languages"

    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("services.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    code: Mapped[str | None] = mapped_column(String(10))

    service: Mapped[Service] = relationship(back_populates="languages")


class Taxonomy(UUIDPrimaryKey, Base):
    """A vocabulary: needs, audiences ("who it is for") or activity types."""

    __tablename__ = "taxonomies"

    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    uri: Mapped[str | None] = mapped_column(String(500))
    version: Mapped[str | None] = mapped_column(String(20))

    terms: Mapped[list[TaxonomyTerm]] = relationship(
        back_populates="taxonomy", order_by="TaxonomyTerm.position"
    )


class TaxonomyTerm(UUIDPrimaryKey, Base):
    __tablename__ = "taxonomy_terms"
    __table_args__ = (UniqueConstraint("taxonomy_id", "code"),)

    taxonomy_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("taxonomies.id"), index=True)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("taxonomy_terms.id"))
    code: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    term_uri: Mapped[str | None] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(Integer, default=0)

    taxonomy: Mapped[Taxonomy] = relationship(back_populates="terms")


class ServiceAttribute(UUIDPrimaryKey, Base):
    """ORUK 3.0 `attribute`: links a service to a taxonomy term."""

    __tablename__ = "service_attributes"
    __table_args__ = (UniqueConstraint("service_id", "taxonomy_term_id"),)

    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("services.id"), index=True)
    taxonomy_term_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("taxonomy_terms.id"), index=True)
    value: Mapped[str | None] = mapped_column(String(255))

    service: Mapped[Service] = relationship(back_populates="attributes")
    taxonomy_term: Mapped[TaxonomyTerm] = relationship()

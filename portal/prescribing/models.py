"""The referral record, which every part of social prescribing reads: referrals with consent,
the casework that follows (journal, goals, activities connected to), questionnaires answered at
referral and exit, and the log of who looked at or changed a personal record.

A referral holds personal data (name, contact, what matters), and only the referrer, the
receiving organisation and the assigned connector may see it (`access.py`). Shortlists, which
hold none, are `shortlists/models.py`; the administrator's settings `outcomes/models.py`.
"""

from __future__ import annotations

import enum
import secrets
import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.db import Base, Timestamps, UUIDPrimaryKey, enum_column, utcnow
from portal.directory.models import Organisation, Service

# ---------------------------------------------------------------------------------------------
# Referrals


class ReferralReason(enum.Enum):
    """Why someone is referred: the common triggers (Connect4Life, the Standard Model)."""

    LOW_MOOD = "low_mood"
    BEREAVEMENT = "bereavement"
    ISOLATION = "isolation"
    CARER = "carer"
    MONEY = "money"
    HOUSING = "housing"
    LONG_TERM_CONDITION = "long_term_condition"
    INACTIVITY = "inactivity"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "low_mood": "Low mood or anxiety",
            "bereavement": "Bereavement",
            "isolation": "Social isolation or loneliness",
            "carer": "Risk of carer breakdown",
            "money": "Money worries",
            "housing": "Housing",
            "long_term_condition": "Living with a long-term condition",
            "inactivity": "Wants to be more active",
            "other": "Something else",
        }[self.value]


class ReferralSource(enum.Enum):
    GP = "gp"
    PROFESSIONAL = "professional"
    CONNECTOR = "connector"
    SELF = "self"

    @property
    def label(self) -> str:
        return {
            "gp": "GP or practice team",
            "professional": "Other health or care professional",
            "connector": "Community connector or link worker",
            "self": "The person themselves",
        }[self.value]


class ReferralState(enum.Enum):
    NEW = "new"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    DECLINED = "declined"
    COULD_NOT_CONTACT = "could_not_contact"

    @property
    def label(self) -> str:
        return {
            "new": "New",
            "accepted": "Accepted",
            "in_progress": "In progress",
            "completed": "Completed",
            "declined": "Declined",
            "could_not_contact": "Could not contact",
        }[self.value]

    @property
    def closed(self) -> bool:
        return self in CLOSED_STATES


CLOSED_STATES = frozenset(
    {ReferralState.COMPLETED, ReferralState.DECLINED, ReferralState.COULD_NOT_CONTACT}
)

# Where a referral may go next from each state.
TRANSITIONS: dict[ReferralState, frozenset[ReferralState]] = {
    ReferralState.NEW: frozenset(
        {ReferralState.ACCEPTED, ReferralState.DECLINED, ReferralState.COULD_NOT_CONTACT}
    ),
    ReferralState.ACCEPTED: frozenset(
        {
            ReferralState.IN_PROGRESS,
            ReferralState.COMPLETED,
            ReferralState.DECLINED,
            ReferralState.COULD_NOT_CONTACT,
        }
    ),
    ReferralState.IN_PROGRESS: frozenset(
        {ReferralState.COMPLETED, ReferralState.DECLINED, ReferralState.COULD_NOT_CONTACT}
    ),
    ReferralState.COMPLETED: frozenset(),
    ReferralState.DECLINED: frozenset(),
    ReferralState.COULD_NOT_CONTACT: frozenset(),
}


class ClosureReason(enum.Enum):
    """Why a referral closed, as the receiving organisation or connector says: the insights
    count the ones that found nothing suitable, by reason for referral and area."""

    CONNECTED = "connected"
    NOTHING_SUITABLE = "nothing_suitable"
    NOT_RIGHT = "not_right"
    FULL = "full"
    PERSON_CHOSE = "person_chose"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "connected": "Connected to an activity or service",
            "nothing_suitable": "Nothing suitable was available",
            "not_right": "What was offered was not right for them",
            "full": "The activity was full or not running",
            "person_chose": "The person chose not to go ahead",
            "other": "Another reason",
        }[self.value]


class ContactPreference(enum.Enum):
    PHONE = "phone"
    TEXT = "text"
    EMAIL = "email"

    @property
    def label(self) -> str:
        return {"phone": "Phone call", "text": "Text message", "email": "Email"}[self.value]


def new_reference() -> str:
    """A short reference people can read out on the phone (no 0/O or 1/I)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "R-" + "".join(secrets.choice(alphabet) for _ in range(6))


class Referral(UUIDPrimaryKey, Timestamps, Base):
    """A person referred, with consent, to a service that accepts referrals.

    Personal fields (`person_*`, `what_matters`, `reason_detail`, consent names, notes) are
    blanked by anonymisation (`anonymised_at`); the rest feeds the commissioners' reports.
    """

    __tablename__ = "referrals"

    reference: Mapped[str] = mapped_column(String(12), unique=True, default=new_reference)
    service_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("services.id"), index=True)
    # The receiving organisation, copied from the service when the referral is made.
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id"), index=True)
    source: Mapped[ReferralSource] = mapped_column(enum_column(ReferralSource))
    referrer_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    referrer_name: Mapped[str] = mapped_column(String(255), default="")
    referrer_practice: Mapped[str] = mapped_column(String(255), default="")
    referrer_email: Mapped[str | None] = mapped_column(String(255))
    referrer_phone: Mapped[str | None] = mapped_column(String(50))

    person_name: Mapped[str] = mapped_column(String(255), default="")
    person_email: Mapped[str | None] = mapped_column(String(255))
    person_phone: Mapped[str | None] = mapped_column(String(50))
    contact_preference: Mapped[ContactPreference] = mapped_column(
        enum_column(ContactPreference), default=ContactPreference.PHONE
    )
    what_matters: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[ReferralReason] = mapped_column(enum_column(ReferralReason))
    reason_detail: Mapped[str] = mapped_column(Text, default="")

    # Consent: who gave it, when, for what; and who recorded it.
    consent_given_by: Mapped[str] = mapped_column(String(255), default="")
    consent_given_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    consent_scope: Mapped[str] = mapped_column(Text, default="")
    consent_recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    state: Mapped[ReferralState] = mapped_column(
        enum_column(ReferralState), default=ReferralState.NEW, index=True
    )
    state_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    declined_reason: Mapped[str] = mapped_column(Text, default="")
    # Why it closed (asked when it closes); where the person lives, as a postcode district
    # only (never their postcode): both for the insights into unmet need.
    closure_reason: Mapped[ClosureReason | None] = mapped_column(enum_column(ClosureReason))
    area: Mapped[str | None] = mapped_column(String(10), index=True)
    first_contact_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    assigned_connector_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id"), index=True
    )

    # Optional monitoring (Connect4Life): never required, reported only in aggregate.
    gender: Mapped[str | None] = mapped_column(String(40))
    age_range: Mapped[str | None] = mapped_column(String(20))
    ethnicity: Mapped[str | None] = mapped_column(String(60))
    client_group: Mapped[str | None] = mapped_column(String(60))
    gp_visits_before: Mapped[int | None] = mapped_column(Integer)
    gp_visits_after: Mapped[int | None] = mapped_column(Integer)

    anonymised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    service: Mapped[Service | None] = relationship()
    organisation: Mapped[Organisation] = relationship()
    referrer: Mapped[User | None] = relationship(foreign_keys=[referrer_user_id])
    consent_recorded_by: Mapped[User | None] = relationship(foreign_keys=[consent_recorded_by_id])
    assigned_connector: Mapped[User | None] = relationship(foreign_keys=[assigned_connector_id])
    events: Mapped[list[ReferralEvent]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", order_by="ReferralEvent.at"
    )
    journal: Mapped[list[JournalEntry]] = relationship(
        back_populates="referral",
        cascade="all, delete-orphan",
        order_by="(JournalEntry.written_on.desc(), JournalEntry.id.desc())",
    )
    goals: Mapped[list[Goal]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", order_by="Goal.id"
    )
    connections: Mapped[list[Connection]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", order_by="Connection.id"
    )
    responses: Mapped[list[QuestionnaireResponse]] = relationship(
        back_populates="referral", cascade="all, delete-orphan"
    )

    @property
    def closed(self) -> bool:
        return self.state in CLOSED_STATES


class ReferralEvent(Base):
    """A change of state (or assignment), with who made it and why: the referral's history."""

    __tablename__ = "referral_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("referrals.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    from_state: Mapped[ReferralState | None] = mapped_column(enum_column(ReferralState))
    to_state: Mapped[ReferralState | None] = mapped_column(enum_column(ReferralState))
    summary: Mapped[str] = mapped_column(Text, default="")

    referral: Mapped[Referral] = relationship(back_populates="events")
    by: Mapped[User | None] = relationship()


class JournalEntry(Base):
    """A dated note in a person's journey journal."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("referrals.id"), index=True)
    written_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    referral: Mapped[Referral] = relationship(back_populates="journal")
    author: Mapped[User | None] = relationship()


class Goal(Base):
    """A goal from the "what matters to you" conversation."""

    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("referrals.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    achieved_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    referral: Mapped[Referral] = relationship(back_populates="goals")


class Attendance(enum.Enum):
    NOT_YET = "not_yet"
    WENT = "went"
    KEEPS_GOING = "keeps_going"
    DID_NOT_GO = "did_not_go"

    @property
    def label(self) -> str:
        return {
            "not_yet": "Not yet known",
            "went": "Went",
            "keeps_going": "Goes regularly",
            "did_not_go": "Did not go",
        }[self.value]


class Connection(Base):
    """An activity the person was connected to, and whether they went."""

    __tablename__ = "referral_connections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("referrals.id"), index=True)
    service_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("services.id"))
    # The activity's name when connected: kept if the listing is later removed.
    activity_name: Mapped[str] = mapped_column(String(255))
    connected_on: Mapped[date] = mapped_column(Date)
    attendance: Mapped[Attendance] = mapped_column(
        enum_column(Attendance), default=Attendance.NOT_YET
    )
    note: Mapped[str] = mapped_column(Text, default="")

    referral: Mapped[Referral] = relationship(back_populates="connections")
    service: Mapped[Service | None] = relationship()


class QuestionnaireStage(enum.Enum):
    REFERRAL = "referral"
    EXIT = "exit"

    @property
    def label(self) -> str:
        return {"referral": "At referral", "exit": "At exit"}[self.value]


class QuestionnaireResponse(Base):
    """One questionnaire answered at one stage: `answers` maps question key to score."""

    __tablename__ = "questionnaire_responses"
    __table_args__ = (UniqueConstraint("referral_id", "questionnaire", "stage"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("referrals.id"), index=True)
    questionnaire: Mapped[str] = mapped_column(String(20))  # a key of questionnaires.CATALOGUE
    stage: Mapped[QuestionnaireStage] = mapped_column(enum_column(QuestionnaireStage))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    answered_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    referral: Mapped[Referral] = relationship(back_populates="responses")


# ---------------------------------------------------------------------------------------------
# Personal data: the log of every view and change


class PersonalDataLog(Base):
    """Who looked at or changed a personal record, when, and what they did.

    Keeps the referral's reference as text so the log outlives erasure of the record.
    """

    __tablename__ = "personal_data_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    referral_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("referrals.id", ondelete="SET NULL"), index=True
    )
    reference: Mapped[str] = mapped_column(String(12), default="")
    action: Mapped[str] = mapped_column(String(40))  # "viewed", "changed state", "exported", ...
    detail: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User | None] = relationship()

"""Casework on a referral: the journey journal, goals from the "what matters to you"
conversation, and the activities the person was connected to (and whether they went).

Only the receiving organisation and the assigned connector keep casework (`can_act`); every
change is logged as a personal-data change and committed on its own.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select

from portal.accounts.models import User
from portal.directory.models import Service
from portal.directory.services import public_services
from portal.directory.summaries import ServiceSummary, service_summaries
from portal.extensions import db
from portal.prescribing.access import check_can_act, log_access
from portal.prescribing.models import Attendance, Connection, Goal, JournalEntry, Referral
from portal.search import SearchUnavailable
from portal.search.services import listing_ids_for
from portal.validation import NotAllowed, NotFound, ValidationFailed

MAX_TEXT = 5000


def _check(referral: Referral, user: User) -> None:
    check_can_act(user, referral)
    if referral.anonymised_at is not None:
        raise NotAllowed("This referral has been anonymised")


def _text(field: str, value: str | None, missing: str, limit: int = MAX_TEXT) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationFailed(field, missing)
    if len(text) > limit:
        raise ValidationFailed(field, f"Keep it to {limit:,} characters or fewer")
    return text


def parse_day(field: str, value: date | str | None, what: str = "The date") -> date:
    """A date from a date input ("2026-03-02"), today if blank; never in the future."""
    if isinstance(value, date):
        day = value
    elif not (value or "").strip():
        day = date.today()
    else:
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError as error:
            raise ValidationFailed(field, f"{what} must be a real date, like 2026-03-27") from error
    if day > date.today():
        raise ValidationFailed(field, f"{what} must be today or in the past")
    return day


# --- journal ----------------------------------------------------------------------------------


def add_journal_entry(
    referral: Referral, user: User, text: str, written_on: date | str | None = None
) -> JournalEntry:
    _check(referral, user)
    entry = JournalEntry(
        text=_text("journal_text", text, "Write the note"),
        written_on=parse_day("journal_date", written_on, "The note’s date"),
        author_id=user.id,
    )
    referral.journal.append(entry)
    log_access(user, referral, "added journal note", entry.written_on.isoformat())
    db.session.commit()
    return entry


# --- goals ------------------------------------------------------------------------------------


def add_goal(referral: Referral, user: User, text: str) -> Goal:
    _check(referral, user)
    goal = Goal(text=_text("goal_text", text, "Write the goal", limit=500))
    referral.goals.append(goal)
    log_access(user, referral, "added goal")
    db.session.commit()
    return goal


def _goal(referral: Referral, goal_id: int) -> Goal:
    goal = next((g for g in referral.goals if g.id == goal_id), None)
    if goal is None:
        raise NotFound(str(goal_id))
    return goal


def mark_goal_achieved(
    referral: Referral, user: User, goal_id: int, achieved_on: date | str | None = None
) -> Goal:
    _check(referral, user)
    goal = _goal(referral, goal_id)
    goal.achieved_on = parse_day(f"goal-{goal_id}", achieved_on, "The day it was achieved")
    log_access(user, referral, "marked goal achieved", str(goal_id))
    db.session.commit()
    return goal


# --- activities connected to --------------------------------------------------------------------


def public_listing(service_id: str | uuid.UUID) -> Service:
    try:
        wanted = uuid.UUID(str(service_id))
    except ValueError as error:
        raise ValidationFailed("activity_service", "Choose an activity from the list") from error
    found = db.session.scalars(public_services().where(Service.id == wanted)).first()
    if found is None:
        raise ValidationFailed("activity_service", "That activity is no longer listed")
    return found


def find_listings(words: str, limit: int = 8) -> list[ServiceSummary] | None:
    """Public listings matching the words (the directory's own search); None if search
    cannot answer just now."""
    if not words.strip():
        return []
    try:
        ids = listing_ids_for(words.strip(), limit)
    except SearchUnavailable:
        return None
    return service_summaries([uuid.UUID(i) for i in ids])


def organisation_listings(referral: Referral) -> list[Service]:
    """The receiving organisation's own public listings: the likeliest connections."""
    return list(
        db.session.scalars(
            public_services()
            .where(Service.organisation_id == referral.organisation_id)
            .order_by(Service.name)
        )
    )


def _attendance(field: str, value: Attendance | str | None) -> Attendance:
    if isinstance(value, Attendance):
        return value
    try:
        return Attendance(Attendance.NOT_YET.value if value is None else value)
    except ValueError as error:
        raise ValidationFailed(field, "Choose whether they went") from error


def connect_activity(
    referral: Referral,
    user: User,
    *,
    service_id: str | uuid.UUID | None = None,
    activity_name: str = "",
    connected_on: date | str | None = None,
    note: str = "",
    attendance: Attendance | str | None = None,
) -> Connection:
    """Record an activity the person was put in touch with: a public listing (by id), or
    something not in the directory (by name)."""
    _check(referral, user)
    service = public_listing(service_id) if service_id else None
    name = (
        service.name
        if service
        else _text("activity_name", activity_name, "Choose an activity or type its name", 255)
    )
    connection = Connection(
        service_id=service.id if service else None,
        activity_name=name,
        connected_on=parse_day("connected_on", connected_on, "The day they were connected"),
        attendance=_attendance("attendance", attendance),
        note=(note or "").strip()[:MAX_TEXT],
    )
    referral.connections.append(connection)
    log_access(user, referral, "connected to activity", name)
    db.session.commit()
    return connection


def update_attendance(
    referral: Referral,
    user: User,
    connection_id: int,
    attendance: Attendance | str,
    note: str | None = None,
) -> Connection:
    _check(referral, user)
    connection = next((c for c in referral.connections if c.id == connection_id), None)
    if connection is None:
        raise NotFound(str(connection_id))
    connection.attendance = _attendance(f"attendance-{connection_id}", attendance)
    if note is not None:
        connection.note = note.strip()[:MAX_TEXT]
    log_access(user, referral, "updated attendance", connection.attendance.label)
    db.session.commit()
    return connection


def last_journal_dates(referral_ids: list[uuid.UUID]) -> dict[uuid.UUID, date]:
    """Each referral's latest journal date (for the caseload)."""
    rows = db.session.execute(
        select(JournalEntry.referral_id, func.max(JournalEntry.written_on))
        .where(JournalEntry.referral_id.in_(referral_ids))
        .group_by(JournalEntry.referral_id)
    ).all()
    return dict(rows)

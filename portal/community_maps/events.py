"""Community events ("community parties"): recording one, and the connector's recent ones."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.accounts.models import User
from portal.community_maps.forms import MAX_TEXT, EventForm
from portal.community_maps.models import (
    MappingEvent,
)
from portal.extensions import db
from portal.geo import find_place
from portal.text import plain
from portal.validation import (
    NotFound,
    ValidationFailed,
    parse_id,
)


def _event_values(form: EventForm) -> dict:
    title, community = plain(form.title, 200), plain(form.community, 200)
    if not title:
        raise ValidationFailed("title", "Give the event a title, like ‘Coffee and maps at the Hub’")
    try:
        held_on = date.fromisoformat((form.held_on or "").strip())
    except ValueError:
        raise ValidationFailed("held_on", "Enter the date of the event, like 2027-03-14") from None
    if not community:
        raise ValidationFailed(
            "community", "Say whose community this is, like ‘Parents with toddlers’"
        )
    count = (form.participants or "0").strip() or "0"
    if not count.isdigit() or int(count) > 10000:
        raise ValidationFailed(
            "participants", "Enter how many people took part as a number, like 12"
        )
    venue = plain(form.venue, 200)
    found = find_place(venue) if venue else None
    return {
        "title": title,
        "held_on": held_on,
        "venue": venue,
        "latitude": found.latitude if found else None,
        "longitude": found.longitude if found else None,
        "community": community,
        "facilitators": plain(form.facilitators, 500),
        "participants": int(count),
        "notes": plain(form.notes, MAX_TEXT),
    }


def save_event(user: User, form: EventForm, event: MappingEvent | None = None) -> MappingEvent:
    """Create or change a mapping event; commits. Raises ValidationFailed."""
    values = _event_values(form)
    if event is None:
        event = MappingEvent(created_by=user)
        db.session.add(event)
    for name, value in values.items():
        setattr(event, name, value)
    db.session.commit()
    return event


def get_event(event_id: str) -> MappingEvent:
    event = db.session.get(MappingEvent, parse_id(event_id))
    if event is None:
        raise NotFound(event_id)
    return event


def event_for_page(event_id: str | uuid.UUID) -> MappingEvent:
    """The event with the maps, assets and wishes its page lists, in three queries rather
    than as the page is drawn; read again when a commit has expired them."""
    event = db.session.scalars(
        select(MappingEvent)
        .where(MappingEvent.id == parse_id(event_id))
        .options(
            selectinload(MappingEvent.maps),
            selectinload(MappingEvent.assets),
            selectinload(MappingEvent.wishes),
        )
        .execution_options(populate_existing=True)
    ).first()
    if event is None:
        raise NotFound(event_id)
    return event


def recent_events(limit: int = 50) -> list[MappingEvent]:
    """The latest events, with the assets and wishes the dashboard counts."""
    return list(
        db.session.scalars(
            select(MappingEvent)
            .order_by(MappingEvent.held_on.desc())
            .limit(limit)
            .options(selectinload(MappingEvent.assets), selectinload(MappingEvent.wishes))
        ).all()
    )

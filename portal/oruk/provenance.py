"""Where an imported listing comes from, and who may change it.

A listing taken in from another directory is kept by that directory: its next pull brings
their corrections. So groups cannot change or claim it (the directory team can still hide it,
and passes corrections on to the source's contact), and its public page says whose it is and
when they last checked it. These functions read `SourceRecord` rows only; they never write.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from portal.accounts.access import is_directory_team
from portal.accounts.models import User
from portal.db import as_utc
from portal.directory.models import Service
from portal.extensions import db
from portal.oruk.models import Feed, RecordType, SourceRecord
from portal.validation import NotAllowed

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class SourceInfo:
    """One imported listing's (or organisation's) source, as pages show it."""

    feed_id: uuid.UUID
    feed_name: str  # whose listings these are: "Bracknell Forest Family Information Service"
    contact_email: str | None  # who the directory team tells about a problem
    external_id: str  # its id in their feed
    pulled_at: datetime  # when we last read it in their feed
    assured_date: date | None  # when they last checked it
    withdrawn_at: datetime | None  # when it disappeared from their feed (hidden since)

    @property
    def pulled_on(self) -> date:
        """The day (in England) we last read it in their feed."""
        return as_utc(self.pulled_at).astimezone(LONDON).date()


class KeptBySource(NotAllowed):
    """A group tried to change or claim something another directory keeps: views answer 403
    with a page naming the source (`source`) and saying the directory team passes on
    corrections."""

    def __init__(self, source: SourceInfo, what: str, service: Service | None = None) -> None:
        super().__init__(f"{what} is kept by {source.feed_name}")
        self.source = source
        self.what = what
        self.service = service  # the listing, when it is one (not an organisation)


def _info(record: SourceRecord, feed: Feed) -> SourceInfo:
    return SourceInfo(
        feed_id=feed.id,
        feed_name=feed.name,
        contact_email=feed.contact_email,
        external_id=record.external_id,
        pulled_at=record.pulled_at,
        assured_date=record.assured_date,
        withdrawn_at=record.withdrawn_at,
    )


def _sources(
    record_type: RecordType, local_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, SourceInfo]:
    ids = [i for i in {*local_ids} if i is not None]
    if not ids:
        return {}
    rows = db.session.execute(
        select(SourceRecord, Feed)
        .join(Feed, Feed.id == SourceRecord.feed_id)
        .where(SourceRecord.record_type == record_type, SourceRecord.local_id.in_(ids))
    ).all()
    return {record.local_id: _info(record, feed) for record, feed in rows}


def sources_of(service_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, SourceInfo]:
    """The source of each imported listing among `service_ids` (ours are left out)."""
    return _sources(RecordType.SERVICE, service_ids)


def source_of(service_id: uuid.UUID) -> SourceInfo | None:
    """Where one listing came from, or None when it is ours."""
    return sources_of([service_id]).get(service_id)


def is_imported(service_id: uuid.UUID) -> bool:
    """Whether another directory keeps this listing."""
    found = db.session.scalar(
        select(SourceRecord.id).where(
            SourceRecord.record_type == RecordType.SERVICE, SourceRecord.local_id == service_id
        )
    )
    return found is not None


def organisation_source(organisation_id: uuid.UUID) -> SourceInfo | None:
    """Where an organisation came from: its own record in a feed or, when the import made
    none, the source of its listings when every one of them is imported."""
    own = _sources(RecordType.ORGANIZATION, [organisation_id]).get(organisation_id)
    if own is not None:
        return own
    listing_ids = db.session.scalars(
        select(Service.id).where(Service.organisation_id == organisation_id)
    ).all()
    sources = sources_of(listing_ids)
    if listing_ids and len(sources) == len(listing_ids):
        return sources[listing_ids[0]]
    return None


def check_group_may_change(user: User, service: Service) -> None:
    """Raise KeptBySource when a group member (not the directory team) would change or
    confirm a listing another directory keeps."""
    if is_directory_team(user):
        return
    source = source_of(service.id)
    if source is not None:
        raise KeptBySource(source, f"“{service.name}”", service)


def check_group_may_claim(user: User, organisation_id: uuid.UUID, name: str) -> None:
    """Raise KeptBySource when someone asks to manage an organisation another directory
    keeps."""
    if is_directory_team(user):
        return
    source = organisation_source(organisation_id)
    if source is not None:
        raise KeptBySource(source, f"“{name}”")


def imported_service_ids() -> set[uuid.UUID]:
    """The listings taken in from another directory (for the freshness review)."""
    rows = select(SourceRecord.local_id).where(SourceRecord.record_type == RecordType.SERVICE)
    return set(db.session.scalars(rows))

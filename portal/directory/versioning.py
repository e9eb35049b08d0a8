"""`Service.updated_at` as a true content version: it moves whenever anything the listing
shows changes, not only the service row itself.

Search stores each listing's `updated_at` and its repair rewrites a listing whose version
differs from the database's, so a change to a schedule, a need, a contact, a venue or the
organisation's name (which leave the service row untouched) must move it too. A
`before_flush` listener touches every service whose own row or child rows are new, changed
or deleted in the flush.
"""

from __future__ import annotations

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from portal.db import utcnow
from portal.directory.models import (
    Accessibility,
    Contact,
    CostOption,
    Language,
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
)

#: `session.info` key: the services this transaction's flushes touched, so search can write
#: their entries in the same transaction (`portal.search.postgres` reads it before the commit).
TOUCHED = "touched_services"
#: Rows that belong to one service through `service_id`.
_CHILDREN = (Schedule, CostOption, Contact, Language, ServiceAttribute, ServiceAtLocation)


def _service_of(session: Session, row) -> Service | None:
    """The service a child row belongs to (loaded if need be, never flushing)."""
    service = row.service
    if service is None and row.service_id is not None:
        service = session.get(Service, row.service_id)
    return service


def _services_at(session: Session, location_id) -> list[Service]:
    if location_id is None:
        return []
    return list(
        session.scalars(
            select(Service)
            .join(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
            .where(ServiceAtLocation.location_id == location_id)
        )
    )


def _owners(session: Session, row) -> list[Service]:
    """The services whose listing shows `row`."""
    if isinstance(row, Service):
        return [row]
    if isinstance(row, _CHILDREN):
        return [s for s in [_service_of(session, row)] if s is not None]
    if isinstance(row, Phone):
        contact = row.contact or (session.get(Contact, row.contact_id) if row.contact_id else None)
        return _owners(session, contact) if contact is not None else []
    if isinstance(row, Accessibility):
        return _services_at(session, row.location_id)
    if isinstance(row, Location):
        return _services_at(session, row.id)
    if isinstance(row, Organisation):
        return list(row.services) if row.id is not None else []
    return []


def _changed(session: Session, row) -> bool:
    """New, deleted or modified; an organisation only when renamed (its name is indexed)."""
    if row in session.new or row in session.deleted:
        return True
    if isinstance(row, Organisation):
        return inspect(row).attrs.name.history.has_changes()
    return session.is_modified(row)


@event.listens_for(Session, "before_flush")
def touch_changed_services(session: Session, _context, _instances) -> None:
    """Move `updated_at` of every service whose listing this flush changes, and note them
    in `session.info[TOUCHED]`."""
    rows = [*session.new, *session.dirty, *session.deleted]
    if not any(
        isinstance(r, (Service, Phone, Accessibility, Location, Organisation, *_CHILDREN))
        for r in rows
    ):
        return
    now = utcnow()
    with session.no_autoflush:
        for row in rows:
            if not _changed(session, row):
                continue
            for service in _owners(session, row):
                if service not in session.deleted:
                    service.updated_at = now
                    session.info.setdefault(TOUCHED, set()).add(service)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def forget_touched_services(session: Session) -> None:
    """A transaction's touched services are its own: the next one starts with none."""
    session.info.pop(TOUCHED, None)

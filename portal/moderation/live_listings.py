"""Live listings: hiding, restoring and reverting a change, and each listing's history."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.audit import AuditEvent, audit
from portal.db import claim as claim_row
from portal.db import hold
from portal.directory.models import (
    HiddenReason,
    PublicationState,
    Service,
)
from portal.directory.services import reindex_service
from portal.extensions import db
from portal.listings.data import listing_data
from portal.listings.writing import apply_listing_data
from portal.text import plain
from portal.validation import (
    AlreadyDecided,
    NotFound,
    ValidationFailed,
    moment_text,
    parse_id,
)

if TYPE_CHECKING:
    from portal.oruk.provenance import SourceInfo


def _ours(_service_id: uuid.UUID) -> SourceInfo | None:
    return None


_source_of: Callable[[uuid.UUID], SourceInfo | None] = _ours


def use_listing_sources(finder: Callable[[uuid.UUID], SourceInfo | None]) -> None:
    """Where a listing came from when another directory keeps it (`portal.oruk` knows; the
    app factory connects it), for the pages that say whose it is."""
    global _source_of
    _source_of = finder


def listing_source(service_id: uuid.UUID) -> SourceInfo | None:
    """The directory that keeps a listing, or None when it is ours."""
    return _source_of(service_id)


def get_service(service_id: str) -> Service:
    """Any listing, whatever its state (for the people who manage it)."""
    service = db.session.get(Service, parse_id(service_id))
    if service is None:
        raise NotFound(service_id)
    return service


def _last_event(service: Service, *actions: str, subject: str | None = None) -> AuditEvent | None:
    query = select(AuditEvent).where(
        AuditEvent.service_id == service.id, AuditEvent.action.in_(actions)
    )
    if subject is not None:
        query = query.where(AuditEvent.subject == subject)
    return db.session.scalars(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())).first()


def _already(event: AuditEvent | None, what: str, fallback: str) -> None:
    """Raise AlreadyDecided: who did `what`, and when (from the audit trail)."""
    message = (
        f"{event.actor.name if event.actor else 'Someone'} already {what} at "
        f"{moment_text(event.at)}."
        if event is not None
        else fallback
    )
    db.session.rollback()
    raise AlreadyDecided(message)


def hide_listing(service: Service, editor: User, reason: str) -> None:
    """Hide a listing from the public, once; commits and re-indexes. Raises AlreadyDecided
    when another editor hid it first."""
    reason = plain(reason, 1000)
    if not reason:
        raise ValidationFailed("reason", "Say why it is hidden, for the record")
    hidden = {"publication_state": PublicationState.HIDDEN, "hidden_reason": HiddenReason.BY_EDITOR}
    if not claim_row(
        Service, service.id, {"hidden_reason": [None, HiddenReason.OUT_OF_DATE]}, hidden
    ):
        _already(
            _last_event(service, "listing.hidden"),
            "hid this listing",
            "This listing is already hidden by the directory team.",
        )
    audit(editor, "listing.hidden", f"Hid “{service.name}”: {reason}", service=service)
    db.session.commit()
    reindex_service(service.id)


def restore_listing(service: Service, editor: User) -> None:
    """Show a hidden listing again, once; commits and re-indexes. Raises AlreadyDecided when
    it is not hidden (another editor restored it first)."""
    shown = {
        "publication_state": PublicationState.PUBLISHED,
        "hidden_reason": None,
        "last_reviewed": date.today(),
    }
    if not claim_row(Service, service.id, {"publication_state": PublicationState.HIDDEN}, shown):
        _already(
            _last_event(service, "listing.restored", "listing.confirmed"),
            "made this listing public again",
            "This listing is not hidden.",
        )
    audit(editor, "listing.restored", f"Restored “{service.name}”", service=service)
    db.session.commit()
    reindex_service(service.id)


def revert(event: AuditEvent, editor: User) -> Service:
    """Put a listing back as it was before `event` changed it, once; commits (and is
    audited). Raises AlreadyDecided when another editor reverted that change first."""
    if event.service is None or event.before is None:
        raise ValidationFailed("event", "This change cannot be reverted")
    service = event.service
    hold(Service, service.id)
    done = _last_event(service, "listing.reverted", subject=f"event:{event.id}")
    if done is not None:
        _already(done, "reverted this change", "")
    db.session.expire(service)
    before = listing_data(service)
    apply_listing_data(service, event.before)
    db.session.flush()
    audit(
        editor,
        "listing.reverted",
        f"Reverted “{service.name}” to before the change of {event.at:%d %B %Y %H:%M}",
        service=service,
        subject=f"event:{event.id}",
        before=before,
        after=listing_data(service),
    )
    db.session.commit()
    reindex_service(service.id)
    return service


def history(service: Service) -> list[AuditEvent]:
    """Every recorded change to a listing, newest first, with who made it."""
    return list(
        db.session.scalars(
            select(AuditEvent)
            .options(joinedload(AuditEvent.actor))
            .where(AuditEvent.service_id == service.id)
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        ).all()
    )


def get_change(event_id: int) -> AuditEvent:
    """The recorded change with this number (to compare or revert); NotFound when none."""
    found = db.session.get(AuditEvent, event_id)
    if found is None:
        raise NotFound(str(event_id))
    return found


def find_listings(text: str, state: str, at_most: int = 100) -> list[Service]:
    """Listings in any state whose name contains `text`, in one state when `state` names one,
    by name (the directory team's list)."""
    query = (
        select(Service)
        .options(joinedload(Service.organisation))  # the list names each one's organisation
        .order_by(Service.name)
        .limit(at_most)
    )
    if text:
        query = query.where(Service.name.icontains(text, autoescape=True))
    states = {s.value: s for s in PublicationState}
    if state in states:
        query = query.where(Service.publication_state == states[state])
    return list(db.session.scalars(query).all())

"""The directory team's decisions on a draft: approve (the live listing changes then, and only
then), publish their own directly, send it back with a reason; and a group withdrawing it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from portal.accounts.access import is_directory_team
from portal.accounts.memberships import check_manages
from portal.accounts.models import User
from portal.audit import AuditEvent, audit
from portal.db import claim as claim_row
from portal.db import hold, utcnow
from portal.directory.models import (
    PublicationState,
    Service,
)
from portal.directory.services import reindex_service
from portal.extensions import db
from portal.links import absolute_url
from portal.listings.data import listing_data
from portal.listings.steps import still_needed
from portal.listings.writing import apply_listing_data
from portal.moderation.claims import name_of
from portal.moderation.drafts import edit_conflict, tell_group
from portal.moderation.models import (
    OPEN_REVISION_STATES,
    ListingRevision,
    RevisionState,
)
from portal.notify import email_text
from portal.text import plain
from portal.validation import (
    AlreadyDecided,
    NotAllowed,
    ValidationFailed,
    moment_text,
)

DECIDED = {
    RevisionState.APPROVED: "approved this",
    RevisionState.CHANGES_REQUESTED: "sent this back",
    RevisionState.WITHDRAWN: "withdrew this",
}


def _lost_revision(revision: ListingRevision, problem: ValidationFailed) -> None:
    """Raise AlreadyDecided (who decided it, and when) for a revision decided by someone
    else, or `problem` when it is simply not in a state for this; nothing is kept."""
    decided = revision.state in DECIDED and revision.decided_at is not None
    message = ""
    if decided:
        message = (
            f"{name_of(revision.decided_by_id)} already {DECIDED[revision.state]} at "
            f"{moment_text(revision.decided_at)}."
        )
        if revision.state is RevisionState.CHANGES_REQUESTED and revision.reason:
            message += f" They said: {revision.reason}"
    db.session.rollback()
    if decided:
        raise AlreadyDecided(message)
    raise problem


def _apply(
    revision: ListingRevision, editor: User, starts_from, problem, seen_version: int | None = None
) -> Service:
    """Approve `revision` once, from one of the states `starts_from`, and write it onto its
    listing, whose rows it replaces (read once the listing is held); flushes.

    `seen_version`: the version the editor reviewed; if someone corrected the revision since,
    EditConflict is raised and nothing changes, so an editor never approves unseen words."""
    now = utcnow()
    expected: dict[str, object] = {"state": list(starts_from)}
    if seen_version is not None:
        expected["version"] = seen_version
    won = claim_row(
        ListingRevision,
        revision.id,
        expected,
        {
            "state": RevisionState.APPROVED,
            "decided_at": now,
            "decided_by_id": editor.id,
            "submitted_at": func.coalesce(ListingRevision.submitted_at, now),
        },
    )
    if not won:
        if revision.state in starts_from and revision.version != seen_version:
            raise edit_conflict(revision)
        _lost_revision(revision, problem)
    action = "listing.changed" if revision.is_edit else "listing.published"
    service = revision.service
    if service is not None:
        hold(Service, service.id)
        db.session.expire(service)
    before = listing_data(service) if service is not None else None
    if service is None:
        service = Service(organisation=revision.organisation)
        db.session.add(service)
    apply_listing_data(service, revision.data)
    service.publication_state = PublicationState.PUBLISHED
    service.hidden_reason = None
    service.last_reviewed = date.today()
    revision.service = service
    db.session.flush()
    if before is None:  # a new listing: its submission and sending back are its history too
        earlier = select(AuditEvent).where(
            AuditEvent.subject == f"revision:{revision.id}", AuditEvent.service_id.is_(None)
        )
        for event in db.session.scalars(earlier).all():
            event.service = service
    audit(
        editor,
        action,
        f"{'Changed' if before else 'Published'} “{service.name}”",
        service=service,
        subject=f"revision:{revision.id}",
        before=before,
        after=listing_data(service),
    )
    return service


def approve(revision: ListingRevision, editor: User, seen_version: int | None = None) -> Service:
    """Put a submitted listing or edit live, once; commits, re-indexes, tells the group.
    Raises AlreadyDecided when another editor decided it first, and EditConflict when it was
    corrected after the editor opened it (`seen_version`: the version they reviewed)."""
    problem = ValidationFailed("decision", "Only listings waiting for review can be approved")
    service = _apply(revision, editor, (RevisionState.PENDING,), problem, seen_version)
    db.session.commit()
    reindex_service(service.id)
    tell_group(
        revision,
        f"{service.name} is live",
        email_text(
            "listing_live.txt",
            name=service.name,
            listing_link=absolute_url("directory.service", service_id=service.id),
        ),
    )
    return service


def publish_directly(revision: ListingRevision, editor: User) -> Service:
    """The directory team's own listing or edit, live at once; commits and re-indexes.
    Raises AlreadyDecided when it was approved (or withdrawn) meanwhile."""
    if not is_directory_team(editor):
        raise NotAllowed("publish")
    missing = still_needed(revision.data)
    if missing:
        raise ValidationFailed(missing[0][0], f"Add {missing[0][1]} before you publish")
    problem = ValidationFailed("revision", "This is no longer a draft")
    service = _apply(revision, editor, OPEN_REVISION_STATES, problem)
    db.session.commit()
    reindex_service(service.id)
    return service


def send_back(revision: ListingRevision, editor: User, reason: str) -> None:
    """Return a submitted listing to its group with what to change, once; commits, e-mails
    them. Raises AlreadyDecided when another editor decided it first."""
    problem = ValidationFailed("reason", "Only listings waiting for review can be sent back")
    if revision.state is not RevisionState.PENDING:
        _lost_revision(revision, problem)
    reason = plain(reason, 2000)
    if not reason:
        raise ValidationFailed("reason", "Say what needs to change, so the group can fix it")
    decision = {
        "state": RevisionState.CHANGES_REQUESTED,
        "reason": reason,
        "decided_at": utcnow(),
        "decided_by_id": editor.id,
    }
    if not claim_row(ListingRevision, revision.id, {"state": RevisionState.PENDING}, decision):
        _lost_revision(revision, problem)
    audit(
        editor,
        "revision.sent_back",
        f"Sent back “{revision.title}”: {reason}",
        service=revision.service,
        subject=f"revision:{revision.id}",
    )
    db.session.commit()
    tell_group(
        revision,
        f"Please change {revision.title}",
        email_text(
            "listing_sent_back.txt",
            title=revision.title,
            reason=reason,
            draft_link=absolute_url("listings.overview", revision_id=revision.id),
        ),
    )


def withdraw(revision: ListingRevision, user: User) -> None:
    """Abandon a draft or an edit that is not yet live, once; commits. Raises ValidationFailed,
    saying who decided it and when, if it was approved or withdrawn meanwhile."""
    check_manages(user, revision.organisation_id)
    withdrawn = {"state": RevisionState.WITHDRAWN, "decided_at": utcnow(), "decided_by_id": user.id}
    if not claim_row(
        ListingRevision, revision.id, {"state": list(OPEN_REVISION_STATES)}, withdrawn
    ):
        try:
            _lost_revision(revision, ValidationFailed("revision", "This is no longer a draft"))
        except AlreadyDecided as decided:
            raise ValidationFailed("revision", decided.message) from None
    audit(user, "revision.withdrawn", f"Deleted the draft “{revision.title}”", subject="revision")
    db.session.commit()

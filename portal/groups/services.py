"""What a group's dashboard shows: each listing's state and what to do next."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.directory.models import HiddenReason, Organisation, PublicationState, Service
from portal.extensions import db
from portal.moderation.freshness import due_for_confirmation
from portal.moderation.models import (
    OPEN_REVISION_STATES,
    Claim,
    ClaimState,
    ListingRevision,
    RevisionState,
)
from portal.oruk.provenance import sources_of


@dataclass(frozen=True)
class ListingRow:
    """One listing on the dashboard: its state as a tag, and the next thing to do."""

    name: str
    state: str
    colour: str  # a GOV.UK tag colour
    next_step: str
    service: Service | None
    revision: ListingRevision | None
    reason: str | None = None
    due: bool = False  # ask the group to confirm it is still correct
    kept_by: str | None = None  # another directory keeps it: the group cannot change it


def _row_for_kept(service: Service, kept_by: str) -> ListingRow:
    """A listing another directory keeps: theirs to change, ours to show (or hide)."""
    hidden = service.publication_state is PublicationState.HIDDEN
    return ListingRow(
        service.name,
        f"{'Hidden, ' if hidden else ''}kept by {kept_by}",
        "grey" if hidden else "purple",
        f"Nothing to do: {kept_by} keep it up to date. To correct it, report a problem with "
        "it and the directory team will pass it on",
        service,
        None,
        kept_by=kept_by,
    )


def _row_for_service(service: Service, revision: ListingRevision | None) -> ListingRow:
    if service.publication_state is PublicationState.HIDDEN:
        if service.hidden_reason is HiddenReason.OUT_OF_DATE:
            return ListingRow(
                service.name,
                "Hidden: out of date",
                "red",
                "Confirm it is still correct to show it again, or edit it",
                service,
                revision,
                due=True,
            )
        return ListingRow(
            service.name,
            "Hidden by the directory team",
            "grey",
            "Contact the directory team to find out why",
            service,
            revision,
        )
    if revision is not None and revision.state is RevisionState.PENDING:
        return ListingRow(
            service.name,
            "Published, changes waiting for review",
            "blue",
            "Nothing to do: the live listing stays as it is until we approve your changes",
            service,
            revision,
        )
    if revision is not None and revision.state is RevisionState.CHANGES_REQUESTED:
        return ListingRow(
            service.name,
            "Published, changes requested",
            "orange",
            "Make the changes the directory team asked for and send them again",
            service,
            revision,
            reason=revision.reason,
        )
    if revision is not None:
        return ListingRow(
            service.name,
            "Published, with unsent changes",
            "yellow",
            "Finish your changes and send them for review",
            service,
            revision,
        )
    due = due_for_confirmation(service)
    return ListingRow(
        service.name,
        "Published",
        "green",
        "Confirm it is still correct" if due else "Nothing to do",
        service,
        None,
        due=due,
    )


def _row_for_draft(revision: ListingRevision) -> ListingRow:
    if revision.state is RevisionState.PENDING:
        return ListingRow(
            revision.title,
            "Waiting for review",
            "blue",
            "Nothing to do: we will email you when it is checked",
            None,
            revision,
        )
    if revision.state is RevisionState.CHANGES_REQUESTED:
        return ListingRow(
            revision.title,
            "Changes requested",
            "orange",
            "Make the changes the directory team asked for and send it again",
            None,
            revision,
            reason=revision.reason,
        )
    return ListingRow(
        revision.title, "Draft", "grey", "Finish it and send it for review", None, revision
    )


def listings_of(organisation: Organisation) -> list[ListingRow]:
    services = db.session.scalars(
        select(Service)
        .where(
            Service.organisation_id == organisation.id,
            Service.publication_state.in_((PublicationState.PUBLISHED, PublicationState.HIDDEN)),
        )
        .order_by(Service.name)
    ).all()
    revisions = db.session.scalars(
        select(ListingRevision)
        .where(
            ListingRevision.organisation_id == organisation.id,
            ListingRevision.state.in_(OPEN_REVISION_STATES),
        )
        .order_by(ListingRevision.created_at)
    ).all()
    by_service = {r.service_id: r for r in revisions if r.service_id}
    kept = sources_of(s.id for s in services)
    rows = [_row_for_draft(r) for r in revisions if r.service_id is None]
    return rows + [
        _row_for_kept(s, kept[s.id].feed_name)
        if s.id in kept
        else _row_for_service(s, by_service.get(s.id))
        for s in services
    ]


def dashboard(user: User) -> list[tuple[Organisation, list[ListingRow]]]:
    return [(org, listings_of(org)) for org in user.organisations]


def claims_waiting(user: User) -> list[Claim]:
    """The user's claims not yet checked, with the organisations the dashboard names."""
    return list(
        db.session.scalars(
            select(Claim)
            .where(Claim.user_id == user.id, Claim.state == ClaimState.PENDING)
            .options(joinedload(Claim.organisation))
        ).all()
    )

"""The directory team's queue: what waits for a decision, oldest first."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.directory.models import (
    HiddenReason,
    PublicationState,
    Service,
)
from portal.extensions import db
from portal.moderation.models import (
    Claim,
    ClaimState,
    ListingRevision,
    ProblemReport,
    RevisionState,
)


@dataclass(frozen=True)
class Queue:
    new_listings: list[ListingRevision]
    edits: list[ListingRevision]
    claims: list[Claim]
    reports: list[ProblemReport]
    out_of_date: list[Service]
    from_events: list[ListingRevision]  # suggested at community events, not yet completed

    @property
    def total(self) -> int:
        parts = (
            self.new_listings,
            self.edits,
            self.claims,
            self.reports,
            self.out_of_date,
            self.from_events,
        )
        return sum(len(x) for x in parts)


def review_queue() -> Queue:
    """Everything waiting for the directory team, oldest first, with the groups, people and
    listings the queue names."""
    pending = db.session.scalars(
        select(ListingRevision)
        .options(joinedload(ListingRevision.organisation))
        .where(ListingRevision.state == RevisionState.PENDING)
        .order_by(ListingRevision.submitted_at, ListingRevision.id)
    ).all()
    return Queue(
        new_listings=[r for r in pending if not r.is_edit],
        edits=[r for r in pending if r.is_edit],
        claims=list(
            db.session.scalars(
                select(Claim)
                .options(joinedload(Claim.user), joinedload(Claim.organisation))
                .where(Claim.state == ClaimState.PENDING)
                .order_by(Claim.created_at)
            ).all()
        ),
        reports=list(
            db.session.scalars(
                select(ProblemReport)
                .options(joinedload(ProblemReport.service))
                .where(ProblemReport.resolved_at.is_(None))
                .order_by(ProblemReport.created_at)
            ).all()
        ),
        from_events=list(
            db.session.scalars(
                select(ListingRevision)
                .where(
                    ListingRevision.source == "event",
                    ListingRevision.state == RevisionState.DRAFT,
                )
                .order_by(ListingRevision.submitted_at, ListingRevision.id)
            ).all()
        ),
        out_of_date=list(
            db.session.scalars(
                select(Service)
                .options(joinedload(Service.organisation))
                .where(
                    Service.publication_state == PublicationState.HIDDEN,
                    Service.hidden_reason == HiddenReason.OUT_OF_DATE,
                )
                .order_by(Service.last_reviewed)
            ).all()
        ),
    )

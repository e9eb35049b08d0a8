"""The directory team's side of the demo: work waiting in the queue, and a group with a
dashboard that is not empty, so both can be tried on first run.

Gary Group (group@demo.example.org) manages a small community group: one of its listings has
an edit waiting for review, another has been sent back, and he has a draft and a new listing
waiting. He has also asked to manage a second group. A member of the public has reported a
problem, and one listing nobody confirmed for over a year is hidden.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal.accounts.models import Membership, Role, User
from portal.audit import AuditEvent
from portal.db import utcnow
from portal.directory.models import (
    HiddenReason,
    Organisation,
    OrganisationType,
    PublicationState,
    Service,
)
from portal.extensions import db
from portal.listings.data import empty_listing, listing_data
from portal.listings.steps import STEP_KEYS
from portal.moderation.models import (
    Claim,
    ListingRevision,
    ProblemKind,
    ProblemReport,
    RevisionState,
)


def _community_groups() -> list[Organisation]:
    return list(
        db.session.scalars(
            select(Organisation)
            .where(
                Organisation.organisation_type == OrganisationType.COMMUNITY_GROUP,
                Organisation.services.any(Service.publication_state == PublicationState.PUBLISHED),
            )
            .order_by(Organisation.name)
        ).all()
    )


def _published(organisation: Organisation) -> list[Service]:
    return [s for s in organisation.services if s.publication_state is PublicationState.PUBLISHED]


def load_demo_moderation(today: date) -> None:
    """Add the demo's queue and dashboard (flushes; the demo loader commits)."""
    gary = db.session.scalars(select(User).where(User.role == Role.GROUP_MEMBER)).first()
    groups = [g for g in _community_groups() if len(_published(g)) >= 2]
    if gary is None or len(groups) < 3:
        return
    own, claimed, reported = groups[0], groups[1], groups[2]
    db.session.add(Membership(user=gary, organisation=own))
    first, second = _published(own)[:2]
    first.last_reviewed = today - timedelta(days=200)  # due for "still correct"
    now = utcnow()

    current = listing_data(first)
    edit = {**current, "description": current["description"] + "\n\nNew this term: a quiz."}
    resent = listing_data(second)
    new = {
        **resent,
        "name": f"{own.name.split(',')[0]} Summer Picnic",
        "description": "A picnic in the park for members and anyone who would like to join.",
    }
    db.session.add_all(
        [
            ListingRevision(
                organisation=own,
                service=first,
                author=gary,
                data=edit,
                base=current,
                state=RevisionState.PENDING,
                submitted_at=now - timedelta(days=2),
                steps_done=list(STEP_KEYS),
            ),
            ListingRevision(
                organisation=own,
                service=second,
                author=gary,
                data={**resent, "contact_phone": ""},
                base=resent,
                state=RevisionState.CHANGES_REQUESTED,
                submitted_at=now - timedelta(days=6),
                decided_at=now - timedelta(days=5),
                reason="Please add a phone number or email address, so people can ask first.",
            ),
            ListingRevision(
                organisation=own,
                author=gary,
                data=new,
                state=RevisionState.PENDING,
                submitted_at=now - timedelta(days=1),
                steps_done=list(STEP_KEYS),
            ),
            ListingRevision(
                organisation=own,
                author=gary,
                data={**empty_listing(), "name": "Autumn craft fair"},
                steps_done=["about"],
            ),
            Claim(organisation=claimed, user=gary, message="I am the group's new secretary."),
            ProblemReport(
                service=_published(reported)[0],
                kind=ProblemKind.WRONG_TIME_OR_PLACE,
                message="It starts at 2pm now, not 1pm.",
            ),
        ]
    )
    stale = _published(groups[3])[0] if len(groups) > 3 else _published(reported)[1]
    stale.last_reviewed = today - timedelta(days=400)
    stale.publication_state = PublicationState.HIDDEN
    stale.hidden_reason = HiddenReason.OUT_OF_DATE
    db.session.add(
        AuditEvent(
            action="listing.hidden_out_of_date",
            service=stale,
            summary=f"Hid “{stale.name}”: not confirmed since {stale.last_reviewed:%d %B %Y}",
        )
    )
    db.session.flush()

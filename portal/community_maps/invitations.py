"""An asset suggested as a new listing: a draft in the directory team's queue, marked as coming
from the event, with an invitation the group can use to claim and complete it.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.accounts import tokens
from portal.accounts.models import Membership, Role, User
from portal.audit import audit
from portal.community_maps.forms import AssetForm
from portal.community_maps.models import (
    Asset,
    MappingEvent,
)
from portal.db import claim, hold, utcnow
from portal.directory.models import Organisation, OrganisationType
from portal.extensions import db
from portal.links import absolute_url
from portal.listings.data import empty_listing
from portal.moderation.models import Claim, ListingRevision, RevisionState
from portal.moderation.services import organisation_named, people_of
from portal.notify import email_text, send_email
from portal.text import plain
from portal.validation import (
    NotAllowed,
)

INVITATION = ("listing-invitation", timedelta(days=120))


def suggest_listing(user: User | None, asset: Asset, event: MappingEvent, form: AssetForm) -> str:
    """A draft listing in the directory team's queue, from the event, and its invitation."""
    who = plain(form.organisation, 255) or asset.name
    organisation = organisation_named(who)
    if organisation is None:
        organisation = Organisation(name=who, organisation_type=OrganisationType.COMMUNITY_GROUP)
        db.session.add(organisation)
    place = []
    if asset.has_position:
        place = [
            {
                "kind": "venue",
                "name": asset.place_name or asset.name,
                "address_1": "",
                "city": "",
                "postcode": "",
                "url": "",
                "latitude": asset.latitude,
                "longitude": asset.longitude,
                "access": [],
            }
        ]
    revision = ListingRevision(
        organisation=organisation,
        author=None,
        data={**empty_listing(), "name": asset.name, "description": asset.good, "places": place},
        steps_done=["about"],
        source="event",
        state=RevisionState.DRAFT,
        submitted_at=utcnow(),
        reason=f"Suggested at “{event.title}” ({event.held_on:%d %B %Y}) for {event.community}",
    )
    db.session.add(revision)
    db.session.flush()
    asset.suggestion_id = revision.id
    audit(
        user,
        "revision.suggested_at_event",
        f"Suggested “{asset.name}” as a new listing at “{event.title}”",
        subject=f"revision:{revision.id}",
    )
    token = tokens.make_token(INVITATION, {"revision": str(revision.id)})
    return absolute_url("community_maps.invitation", token=token)


def send_invitation(email: str, asset: Asset, event: MappingEvent, link: str) -> None:
    send_email(
        email,
        f"Put {asset.name} in the directory",
        email_text("asset_invitation.txt", event=event.title, asset=asset.name, link=link),
    )


def invitation_revision(token: str) -> ListingRevision:
    """The suggested listing an invitation is for, with the group its page names; raises
    LinkProblem for a link that is not one."""
    payload = tokens.read_token(INVITATION, token)
    try:
        revision_id = uuid.UUID(str(payload.get("revision")))
    except ValueError:
        revision = None
    else:
        revision = db.session.scalars(
            select(ListingRevision)
            .where(ListingRevision.id == revision_id)
            .options(joinedload(ListingRevision.organisation))
        ).first()
    if revision is None or revision.source != "event":
        raise tokens.LinkProblem(expired=False)
    return revision


def accept_invitation(token: str, user: User) -> tuple[ListingRevision, bool]:
    """The group takes the suggested listing on; commits. Returns (revision, whether they can
    manage it now): a group nobody manages yet is theirs at once; one that somebody manages
    becomes a request the directory team decides."""
    revision = invitation_revision(token)
    if user.role is not Role.GROUP_MEMBER:
        raise NotAllowed("Only community group accounts can take on a listing")
    organisation = revision.organisation
    hold(Organisation, organisation.id)  # one acceptance at a time: the next sees this one
    member = db.session.scalars(
        select(Membership).where(
            Membership.user_id == user.id, Membership.organisation_id == organisation.id
        )
    ).first()
    if member is None:
        if people_of(organisation):
            waiting = db.session.scalars(
                select(Claim).where(
                    Claim.user_id == user.id, Claim.organisation_id == organisation.id
                )
            ).first()
            if waiting is None:
                db.session.add(
                    Claim(
                        organisation=organisation,
                        user=user,
                        message="Invited to complete a listing suggested at a community event",
                    )
                )
            db.session.commit()
            return revision, False
        db.session.add(Membership(user=user, organisation=organisation))
    if claim(ListingRevision, revision.id, {"author_id": None}, {"author_id": user.id}):
        audit(
            user,
            "revision.invitation_accepted",
            f"Took on “{revision.title}”",
            subject=f"revision:{revision.id}",
        )
    db.session.commit()
    return revision, True

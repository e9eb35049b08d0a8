"""Organisations and claims: a group asks to manage an organisation; the directory team decides."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal.accounts.access import is_directory_team
from portal.accounts.memberships import member_of
from portal.accounts.models import Membership, User
from portal.audit import audit
from portal.db import claim as claim_row
from portal.db import utcnow
from portal.directory.models import (
    Organisation,
    OrganisationType,
)
from portal.extensions import db
from portal.links import absolute_url
from portal.moderation.models import (
    Claim,
    ClaimState,
)
from portal.notify import email_text, send_email
from portal.text import plain
from portal.validation import (
    AlreadyDecided,
    NotFound,
    ValidationFailed,
    moment_text,
)


def organisation_named(name: str) -> Organisation | None:
    return db.session.scalars(
        select(Organisation).where(func.lower(Organisation.name) == name.strip().lower())
    ).first()


def create_organisation(user: User, name: str, description: str, email: str, website: str):
    """A new group; a group member who creates it manages it (the directory team needs no
    membership); commits. Raises ValidationFailed for a taken name or a bad address."""
    name = plain(name, 255)
    if not name:
        raise ValidationFailed("name", "Enter the name of your group or organisation")
    existing = organisation_named(name)
    if existing is not None:
        raise ValidationFailed(
            "name",
            f"“{existing.name}” is already in the directory: ask to manage it instead",
        )
    email, website = (email or "").strip(), (website or "").strip()
    if email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
        raise ValidationFailed("email", "Enter an email address like name@example.com")
    if website and not re.match(r"^https?://[^\s/]+\.[^\s]+$", website):
        raise ValidationFailed("website", "Enter a web address starting https://")
    organisation = Organisation(
        name=name,
        description=plain(description),
        organisation_type=OrganisationType.COMMUNITY_GROUP,
        email=email or None,
        website=website or None,
    )
    db.session.add(organisation)
    if not is_directory_team(user):
        db.session.add(Membership(user=user, organisation=organisation))
    audit(user, "organisation.created", f"Created “{name}”", subject=f"organisation:{name}")
    db.session.commit()
    return organisation


def request_claim(user: User, organisation: Organisation, message: str) -> Claim:
    """Ask the directory team to let `user` manage `organisation`; commits."""
    if member_of(user, organisation.id):
        raise ValidationFailed("organisation", "You already manage this organisation")
    waiting = db.session.scalars(
        select(Claim).where(
            Claim.user_id == user.id,
            Claim.organisation_id == organisation.id,
            Claim.state == ClaimState.PENDING,
        )
    ).first()
    if waiting is not None:
        return waiting
    message = plain(message, 1000)
    if not message:
        raise ValidationFailed("message", "Say how you are connected to this organisation")
    claim = Claim(user=user, organisation=organisation, message=message)
    db.session.add(claim)
    audit(user, "claim.requested", f"Asked to manage “{organisation.name}”", subject="claim")
    db.session.commit()
    return claim


def decide_claim(claim: Claim, editor: User, approve: bool, reason: str = "") -> None:
    """Approve (the person becomes a member) or refuse a claim, telling them; commits.
    Raises AlreadyDecided when another editor decided it first."""
    if claim.state is not ClaimState.PENDING:
        _lost_claim(claim)
    reason = plain(reason, 1000)
    if not approve and not reason:
        raise ValidationFailed("reason", "Say why, so the person knows what to do next")
    decision = {
        "state": ClaimState.APPROVED if approve else ClaimState.REJECTED,
        "reason": reason or None,
        "decided_at": utcnow(),
        "decided_by_id": editor.id,
    }
    if not claim_row(Claim, claim.id, {"state": ClaimState.PENDING}, decision):
        _lost_claim(claim)
    if approve and not member_of(claim.user, claim.organisation_id):
        db.session.add(Membership(user=claim.user, organisation=claim.organisation))
    verb = "approved" if approve else "refused"
    audit(
        editor,
        f"claim.{verb}",
        f"{verb.capitalize()} {claim.user.name}'s request to manage “{claim.organisation.name}”"
        + (f": {reason}" if reason else ""),
        subject=f"claim:{claim.id}",
    )
    db.session.commit()
    name = claim.organisation.name
    body = email_text(
        "claim_decided.txt",
        name=claim.user.name,
        approved=approve,
        organisation=name,
        dashboard_link=absolute_url("groups.dashboard"),
        reason=reason,
    )
    send_email(claim.user.email, f"Your request to manage {name}", body)


def name_of(user_id) -> str:
    """The name to show for who did something ("Someone" for an account since removed)."""
    person = db.session.get(User, user_id) if user_id else None
    return person.name if person is not None else "Someone"


def _lost_claim(claim: Claim) -> None:
    """Raise AlreadyDecided for a claim someone else decided; nothing is kept."""
    verb = "approved" if claim.state is ClaimState.APPROVED else "refused"
    message = (
        f"This request has already been decided: {name_of(claim.decided_by_id)} already "
        f"{verb} it at {moment_text(claim.decided_at or utcnow())}."
    )
    db.session.rollback()
    raise AlreadyDecided(message)


def get_claim(claim_id: int) -> Claim:
    """The claim with this number, with the person and the group its page shows (loaded again
    when a rollback has expired them); NotFound when there is none."""
    found = db.session.scalars(
        select(Claim)
        .options(joinedload(Claim.user), joinedload(Claim.organisation))
        .where(Claim.id == claim_id)
    ).first()
    if found is None:
        raise NotFound(str(claim_id))
    return found

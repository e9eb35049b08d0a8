"""Who belongs to an organisation, in the two senses the portal needs, each with one home.

Members: accounts with a `Membership`, who manage the group's listings (`member_of`,
`check_manages`, `people_of` their e-mail addresses), used by moderation, groups and community
maps. People who act for it: its members and its staff (accounts whose `organisation_id` is
the organisation: the link workers and receivers of a service), who receive and work on
referrals (`organisation_ids`, `people_at`).
"""

from __future__ import annotations

import uuid

from sqlalchemy import Select, or_, select

from portal.accounts.access import is_directory_team
from portal.accounts.models import Membership, User
from portal.directory.models import (
    Organisation,
)
from portal.extensions import db
from portal.validation import (
    NotAllowed,
)


def member_of(user: User, organisation_id: uuid.UUID) -> bool:
    return any(m.organisation_id == organisation_id for m in user.memberships)


def check_manages(user: User, organisation_id: uuid.UUID) -> None:
    """Raise NotAllowed unless `user` is on the directory team or a member of the group."""
    if not (is_directory_team(user) or member_of(user, organisation_id)):
        raise NotAllowed(str(organisation_id))


def people_of(organisation: Organisation) -> list[str]:
    emails = db.session.scalars(
        select(User.email)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organisation_id == organisation.id, User.active.is_(True))
    ).all()
    return sorted(set(emails))


def groups_of(user: User) -> list[Organisation]:
    """The groups a person is a member of, by name, as `User.organisations` gives them but in
    one query, for pages that show them (that property reads each membership's group in turn)."""
    groups = db.session.scalars(
        select(Organisation)
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(Membership.user_id == user.id)
    )
    return sorted(groups, key=lambda organisation: organisation.name)


def organisation_ids(user: User) -> set[uuid.UUID]:
    """The organisations a person acts for: their own (staff) and those they are a member of."""
    ids = {membership.organisation_id for membership in user.memberships}
    if user.organisation_id:
        ids.add(user.organisation_id)
    return ids


def people_at(organisation_id: uuid.UUID) -> Select:
    """A query for the active accounts that act for an organisation: staff and members."""
    members = select(Membership.user_id).where(Membership.organisation_id == organisation_id)
    return select(User).where(
        User.active.is_(True),
        or_(User.organisation_id == organisation_id, User.id.in_(members)),
    )

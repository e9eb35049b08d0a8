"""Circles of support: a connector's private map of the people and places around one person,
shared only with the connectors they choose.

A circle is personal data: every view and change of one is written to the personal-data log,
as for a referral (`log_circle`). The services that change a circle write it with the change
and commit both; `show_circle` and `note_circle_change` write it for a page and commit it.
"""

from __future__ import annotations

import uuid

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from portal.accounts.models import Role, User
from portal.audit import audit
from portal.community_maps.models import (
    CommunityMap,
    MapKind,
    MapState,
    circle_shares,
)
from portal.extensions import db
from portal.prescribing.access import log_access
from portal.text import plain
from portal.validation import (
    NotAllowed,
    ValidationFailed,
)


def create_circle(user: User, reference: str) -> CommunityMap:
    """A private map of one person's circle of support, named only by a reference."""
    reference = plain(reference, 60)
    if not reference:
        raise ValidationFailed(
            "reference", "Enter a reference you will recognise, like ‘C-014’. Not their name"
        )
    circle = CommunityMap(
        title=f"Circle of support {reference}",
        kind=MapKind.CIRCLE,
        state=MapState.PRIVATE,
        reference=reference,
        created_by=user,
    )
    db.session.add(circle)
    db.session.commit()
    return circle


def start_circle(user: User, reference: str) -> CommunityMap:
    """A new circle of support (`create_circle`), written in the personal-data log as created
    by `user`; commits. Raises ValidationFailed."""
    circle = create_circle(user, reference)
    log_circle(user, circle, "created circle")
    db.session.commit()
    return circle


def log_circle(user: User, circle: CommunityMap, action: str, detail: str = "") -> None:
    """Write in the personal-data log, as for a referral, who saw or changed which circle
    (flushes only: the caller's commit keeps it with what it records)."""
    entry = log_access(user, None, action, detail or f"Circle of support {circle.reference}")
    entry.reference = (circle.reference or "")[:12]


def show_circle(user: User, circle: CommunityMap) -> CommunityMap:
    """The circle for its page (`circle_for_page`), the view written in the personal-data log
    first; commits."""
    log_circle(user, circle, "viewed circle")
    db.session.commit()
    return circle_for_page(circle.id)


def note_circle_change(user: User, circle: CommunityMap) -> None:
    """Write in the personal-data log that `user` added to the circle; commits. Written after
    every post of the circle's asset form, whether the asset was saved or refused."""
    log_circle(user, circle, "changed circle", f"Circle of support {circle.reference}: added to it")
    db.session.commit()


def circles(user: User) -> list[CommunityMap]:
    """The circles of support `user` may see: the ones they made, and those shared with them."""
    shared = select(circle_shares.c.map_id).where(circle_shares.c.user_id == user.id)
    return list(
        db.session.scalars(
            select(CommunityMap)
            .where(
                CommunityMap.kind == MapKind.CIRCLE,
                or_(CommunityMap.created_by_id == user.id, CommunityMap.id.in_(shared)),
            )
            .order_by(CommunityMap.reference)
        ).all()
    )


def circle_for_page(circle_id: uuid.UUID) -> CommunityMap:
    """The circle with what its page shows (what is in it, who made it, whom it is shared
    with), loaded before the page is drawn; read again when a commit has expired them."""
    return db.session.scalars(
        select(CommunityMap)
        .where(CommunityMap.id == circle_id)
        .options(
            selectinload(CommunityMap.own_assets),
            selectinload(CommunityMap.shared_with),
            joinedload(CommunityMap.created_by),
        )
        .execution_options(populate_existing=True)
    ).one()


def may_see_circle(user: User, circle: CommunityMap) -> bool:
    """A circle is personal data: its maker and the connectors they shared it with only."""
    return user.is_authenticated and (
        circle.created_by_id == user.id or any(u.id == user.id for u in circle.shared_with)
    )


def connectors_to_share_with(circle: CommunityMap) -> list[User]:
    """Active connector accounts a circle could be shared with (not its maker, not yet)."""
    taken = {circle.created_by_id, *(u.id for u in circle.shared_with)}
    found = db.session.scalars(
        select(User).where(User.role == Role.CONNECTOR, User.active.is_(True)).order_by(User.name)
    ).all()
    return [u for u in found if u.id not in taken]


def share_circle(circle: CommunityMap, user: User, with_id: str) -> User:
    """Let another named connector see the circle, written in the personal-data log; commits.
    Only its maker shares it."""
    if circle.created_by_id != user.id:
        raise NotAllowed("Only the connector who made this circle can share it")
    choices = {str(u.id): u for u in connectors_to_share_with(circle)}
    chosen = choices.get((with_id or "").strip())
    if chosen is None:
        raise ValidationFailed("connector", "Choose the connector to share it with")
    circle.shared_with.append(chosen)
    audit(user, "circle.shared", f"Shared a circle of support with {chosen.name}", subject="circle")
    log_circle(user, circle, "shared circle")
    db.session.commit()
    return chosen


def unshare_circle(circle: CommunityMap, user: User, with_id: str) -> None:
    """Stop sharing the circle with a connector, written in the personal-data log; commits.
    Only its maker does this."""
    if circle.created_by_id != user.id:
        raise NotAllowed("Only the connector who made this circle can change who sees it")
    circle.shared_with = [u for u in circle.shared_with if str(u.id) != with_id]
    audit(user, "circle.unshared", "Stopped sharing a circle of support", subject="circle")
    log_circle(user, circle, "unshared circle")
    db.session.commit()


def delete_circle(circle: CommunityMap, user: User) -> None:
    """Delete a circle of support and everything in it, written in the personal-data log (the
    entry keeps its reference); commits."""
    if circle.kind is not MapKind.CIRCLE:
        raise ValidationFailed("map", "Only a circle of support can be deleted here")
    log_circle(user, circle, "deleted circle")
    audit(
        user,
        "circle.deleted",
        f"Deleted a circle of support ({circle.reference})",
        subject="circle",
    )
    db.session.delete(circle)
    db.session.commit()

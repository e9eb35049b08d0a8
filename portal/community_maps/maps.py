"""Maps made from an event's assets and wishes: saving, publishing, what each map shows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from portal.accounts.models import User
from portal.audit import audit
from portal.community_maps.events import get_event
from portal.community_maps.forms import MAX_TEXT
from portal.community_maps.look import in_number_order
from portal.community_maps.models import (
    Asset,
    AssetKind,
    AssetState,
    CommunityMap,
    MapKind,
    MapState,
    Wish,
    map_events,
)
from portal.db import utcnow
from portal.directory.services import term_names
from portal.extensions import db
from portal.moderation.models import ListingRevision
from portal.text import plain
from portal.validation import (
    NotFound,
    ValidationFailed,
    parse_id,
)


def get_map(map_id: str, *, public: bool = False) -> CommunityMap:
    """A map for the connectors; with `public`, only a published community map (anything else
    is a 404: private maps and circles of support are never reachable from outside)."""
    found = db.session.get(CommunityMap, parse_id(map_id))
    if found is None:
        raise NotFound(map_id)
    if public and (found.kind is not MapKind.COMMUNITY or found.state is not MapState.PUBLISHED):
        raise NotFound(map_id)
    return found


def save_map(
    user: User,
    title: str,
    community: str,
    description: str,
    event_ids: list[str],
    found: CommunityMap | None = None,
) -> CommunityMap:
    title, community = plain(title, 200), plain(community, 200)
    if not title:
        raise ValidationFailed(
            "title", "Give the map a title, like ‘Parents with toddlers in Crowthorne’"
        )
    events = [get_event(e) for e in dict.fromkeys(event_ids) if e]
    # The events already say whose community it is: asked only when they do not agree.
    communities = list(dict.fromkeys(e.community for e in events if e.community))
    if not community and len(communities) == 1:
        community = communities[0]
    if not community:
        raise ValidationFailed("community", "Say whose map it is: the community of interest")
    if not events:
        raise ValidationFailed("events", "Choose at least one event the map comes from")
    if found is None:
        found = CommunityMap(created_by=user, kind=MapKind.COMMUNITY)
        db.session.add(found)
    found.title, found.community = title, community
    found.description = plain(description, MAX_TEXT)
    found.events = events
    db.session.commit()
    return found


def set_published(found: CommunityMap, published: bool, user: User) -> None:
    if found.kind is not MapKind.COMMUNITY:
        raise ValidationFailed("state", "A circle of support is never published")
    found.state = MapState.PUBLISHED if published else MapState.PRIVATE
    found.published_at = utcnow() if published else None
    audit(
        user,
        "community_map.published" if published else "community_map.unpublished",
        f"{'Published' if published else 'Made private'} the map “{found.title}”",
        subject=f"community_map:{found.id}",
    )
    db.session.commit()


def community_maps(published_only: bool) -> list[CommunityMap]:
    """Community maps by title, with the events they come from."""
    query = (
        select(CommunityMap)
        .where(CommunityMap.kind == MapKind.COMMUNITY)
        .options(selectinload(CommunityMap.events))
    )
    if published_only:
        query = query.where(CommunityMap.state == MapState.PUBLISHED)
    return list(db.session.scalars(query.order_by(CommunityMap.title)).all())


def map_assets(found: CommunityMap, state: AssetState = AssetState.APPROVED) -> list[Asset]:
    """The assets of a map's events and its own, in the order they are numbered everywhere
    (`look.in_number_order`: by kind, then name), with the listings they are
    (`Asset.live_listing`) loaded in the same few queries."""
    found_assets = list(
        db.session.scalars(
            select(Asset)
            .where(
                Asset.state == state,
                or_(Asset.map_id == found.id, Asset.event_id.in_([e.id for e in found.events])),
            )
            .order_by(Asset.created_at)
            .options(
                selectinload(Asset.service),
                selectinload(Asset.suggestion).selectinload(ListingRevision.service),
            )
        ).all()
    )
    return in_number_order(found_assets, lambda a: a.kind.value, lambda a: a.name)


def numbered(assets: list[Asset]) -> dict[uuid.UUID, int]:
    """Each asset's number, from `map_assets`' order: the same on the map, the list, the
    exports and the poster."""
    return {asset.id: n for n, asset in enumerate(assets, start=1)}


def asset_counts(maps: list[CommunityMap]) -> dict[uuid.UUID, int]:
    """How many approved assets each map shows (`map_assets`), for all of them at once."""
    ids = [m.id for m in maps]
    approved = Asset.state == AssetState.APPROVED
    from_events = (
        select(map_events.c.map_id, func.count())
        .join(Asset, Asset.event_id == map_events.c.event_id)
        .where(map_events.c.map_id.in_(ids), approved)
        .group_by(map_events.c.map_id)
    )
    own = (
        select(Asset.map_id, func.count())
        .where(Asset.map_id.in_(ids), approved)
        .group_by(Asset.map_id)
    )
    counts = dict.fromkeys(ids, 0)
    for query in (from_events, own):
        for map_id, n in db.session.execute(query):
            counts[map_id] += n
    return counts


def by_kind(assets: list[Asset]) -> list[tuple[AssetKind, list[Asset]]]:
    return [
        (kind, [a for a in assets if a.kind is kind])
        for kind in AssetKind
        if any(a.kind is kind for a in assets)
    ]


def map_wishes(found: CommunityMap) -> list[Wish]:
    return [w for e in found.events for w in e.wishes]


@dataclass(frozen=True)
class ShownWish:
    """A wish as a visitor sees it: the words recorded and the needs it touches, by name.
    Nothing else is shown: a wish holds no personal data, and who typed it is not said."""

    text: str
    needs: tuple[str, ...]


def wishes_shown(found: CommunityMap) -> list[ShownWish]:
    """The wishes recorded at a map's events, oldest event first, with their needs' names."""
    names = term_names("needs")
    return [
        ShownWish(w.text, tuple(names[code] for code in w.needs or [] if code in names))
        for w in map_wishes(found)
    ]

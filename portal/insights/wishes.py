"""What people wished there was, said at community events ("we wish there was ..."): by need
and by community of interest, each with the event and the maps it came from.

An event belongs to the area whose centre is nearest its venue (within twice the reach);
an event without a position belongs to no area, so it is left out when an area is chosen.
Wishes are a few thousand at most, so they are read in one query and counted here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.community_maps.models import CommunityMap, MapKind, MappingEvent, MapState, Wish
from portal.extensions import db
from portal.geo import distance_km
from portal.insights.areas import AreaView
from portal.insights.filters import Narrowing
from portal.suppression import Cell, suppress_group

MOST_LISTED = 50


@dataclass(frozen=True)
class MapLink:
    title: str
    map_id: str | None  # only a published map is linked


@dataclass(frozen=True)
class WishRow:
    text: str
    needs: tuple[str, ...]  # need names
    community: str
    event: str
    held_on: date
    area: str
    maps: tuple[MapLink, ...]


@dataclass
class WishFigures:
    total: int
    by_need: list[tuple[str, Cell]] = field(default_factory=list)
    by_community: list[tuple[str, Cell]] = field(default_factory=list)
    listed: list[WishRow] = field(default_factory=list)


def area_of(latitude: float | None, longitude: float | None, areas, reach: float) -> str:
    """The area nearest a point, within twice `reach` of its centre; "" when none is."""
    if latitude is None or longitude is None or not areas:
        return ""
    nearest: AreaView = min(
        areas, key=lambda a: distance_km(latitude, longitude, a.latitude, a.longitude)
    )
    km = distance_km(latitude, longitude, nearest.latitude, nearest.longitude)
    return nearest.code if km <= 2 * reach else ""


def _counted(counter: Counter, k: int) -> list[tuple[str, Cell]]:
    labels = sorted(counter, key=lambda label: (-counter[label], label))
    cells = suppress_group([counter[label] for label in labels], k)
    return list(zip(labels, cells, strict=True))


def _maps(event: MappingEvent) -> tuple[MapLink, ...]:
    return tuple(
        MapLink(m.title, str(m.id) if m.state is MapState.PUBLISHED else None)
        for m in event.maps
        if m.kind is not MapKind.CIRCLE
    )


def wishes_in(narrowing: Narrowing, reach: float) -> list[WishRow]:
    """The wishes of events held in the range, in the area and for the need, newest first."""
    names = narrowing.need_names
    rows = db.session.scalars(
        select(Wish)
        .join(MappingEvent, MappingEvent.id == Wish.event_id)
        .where(MappingEvent.held_on >= narrowing.start, MappingEvent.held_on <= narrowing.end)
        .options(
            selectinload(Wish.event)
            .selectinload(MappingEvent.maps)
            .load_only(CommunityMap.title, CommunityMap.state, CommunityMap.kind)
        )
        .order_by(MappingEvent.held_on.desc(), Wish.created_at.desc())
    )
    found = []
    for wish in rows:
        event = wish.event
        area = area_of(event.latitude, event.longitude, narrowing.areas, reach)
        needs = [n for n in (wish.needs or []) if isinstance(n, str)]
        if narrowing.area and area != narrowing.area:
            continue
        if narrowing.need and narrowing.need not in needs:
            continue
        found.append(
            WishRow(
                text=wish.text,
                needs=tuple(names.get(n, n) for n in needs),
                community=event.community.strip() or "Not recorded",
                event=event.title,
                held_on=event.held_on,
                area=area,
                maps=_maps(event),
            )
        )
    return found


def wish_figures(narrowing: Narrowing, reach: float, k: int) -> WishFigures:
    wishes = wishes_in(narrowing, reach)
    by_need: Counter = Counter()
    by_community: Counter = Counter()
    for wish in wishes:
        by_need.update(wish.needs or ("No need tagged",))
        by_community[wish.community] += 1
    return WishFigures(
        total=len(wishes),
        by_need=_counted(by_need, k),
        by_community=_counted(by_community, k),
        listed=wishes[:MOST_LISTED],
    )


def wishes_by_area_and_need(narrowing: Narrowing, reach: float) -> Counter:
    """(area code, need code) -> wishes, for the coverage gaps."""
    counts: Counter = Counter()
    for wish in db.session.execute(
        select(Wish.needs, MappingEvent.latitude, MappingEvent.longitude)
        .join(MappingEvent, MappingEvent.id == Wish.event_id)
        .where(MappingEvent.held_on >= narrowing.start, MappingEvent.held_on <= narrowing.end)
    ):
        needs, latitude, longitude = wish
        area = area_of(latitude, longitude, narrowing.areas, reach)
        if area:
            for need in needs or []:
                counts[(area, need)] += 1
    return counts

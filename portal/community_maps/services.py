"""Community maps: events, assets, wishes, maps, circles of support, suggestions, exports.

Connectors record assets quickly, often on a weak connection: every save carries a token the
page made, so a retry after a dropped connection saves the asset once. A place far from the
event is questioned, not refused. An asset can be linked to a directory listing, or suggested
as a new one: that becomes a draft listing in the directory team's queue, marked as coming
from the event, with an invitation the group can use to claim and complete it.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from portal.accounts import tokens
from portal.accounts.models import Membership, Role, User
from portal.audit import audit
from portal.community_maps.look import in_number_order, look_of
from portal.community_maps.models import (
    Asset,
    AssetKind,
    AssetState,
    CommunityMap,
    MapKind,
    MappingEvent,
    MapState,
    Wish,
    circle_shares,
    map_events,
)
from portal.db import claim, hold, utcnow
from portal.directory.models import Organisation, OrganisationType, Service
from portal.directory.presenters import public_position
from portal.directory.services import public_services, term_names
from portal.extensions import db
from portal.geo import distance_km, find_place
from portal.links import absolute_url
from portal.listings.data import empty_listing
from portal.moderation.models import Claim, ListingRevision, RevisionState
from portal.moderation.services import organisation_named, people_of
from portal.notify import email_text, send_email
from portal.search.services import area_centre
from portal.spreadsheets import safe_cell
from portal.text import plain
from portal.validation import (
    AlreadyDecided,
    NotAllowed,
    NotFound,
    ValidationFailed,
    moment_text,
    parse_id,
)

FAR_KM = 25  # a place further than this from the event is questioned
INVITATION = ("listing-invitation", timedelta(days=120))
MAX_TEXT = 2000


class FarAway(ValueError):
    """A place far from the event: saved only when the person says it is right."""

    def __init__(self, km: float, from_what: str = "the event") -> None:
        super().__init__(f"{km:.0f} km")
        self.km = km
        self.from_what = from_what

    @property
    def question(self) -> str:
        return (
            f"That is {self.km:.0f} km from {self.from_what}. If it is right, save it again to "
            "keep it; if not, correct the place"
        )


# --- events ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventForm:
    title: str = ""
    held_on: str = ""
    venue: str = ""
    community: str = ""
    facilitators: str = ""
    participants: str = ""
    notes: str = ""


def _event_values(form: EventForm) -> dict:
    title, community = plain(form.title, 200), plain(form.community, 200)
    if not title:
        raise ValidationFailed("title", "Give the event a title, like ‘Coffee and maps at the Hub’")
    try:
        held_on = date.fromisoformat((form.held_on or "").strip())
    except ValueError:
        raise ValidationFailed("held_on", "Enter the date of the event, like 2027-03-14") from None
    if not community:
        raise ValidationFailed(
            "community", "Say whose community this is, like ‘Parents with toddlers’"
        )
    count = (form.participants or "0").strip() or "0"
    if not count.isdigit() or int(count) > 10000:
        raise ValidationFailed(
            "participants", "Enter how many people took part as a number, like 12"
        )
    venue = plain(form.venue, 200)
    found = find_place(venue) if venue else None
    return {
        "title": title,
        "held_on": held_on,
        "venue": venue,
        "latitude": found.latitude if found else None,
        "longitude": found.longitude if found else None,
        "community": community,
        "facilitators": plain(form.facilitators, 500),
        "participants": int(count),
        "notes": plain(form.notes, MAX_TEXT),
    }


def save_event(user: User, form: EventForm, event: MappingEvent | None = None) -> MappingEvent:
    """Create or change a mapping event; commits. Raises ValidationFailed."""
    values = _event_values(form)
    if event is None:
        event = MappingEvent(created_by=user)
        db.session.add(event)
    for name, value in values.items():
        setattr(event, name, value)
    db.session.commit()
    return event


def get_event(event_id: str) -> MappingEvent:
    event = db.session.get(MappingEvent, parse_id(event_id))
    if event is None:
        raise NotFound(event_id)
    return event


def recent_events(limit: int = 50) -> list[MappingEvent]:
    return list(
        db.session.scalars(
            select(MappingEvent).order_by(MappingEvent.held_on.desc()).limit(limit)
        ).all()
    )


# --- assets -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssetForm:
    name: str = ""
    kind: str = ""
    good: str = ""
    not_working: str = ""
    where: str = "none"  # pin | place | none
    latitude: str = ""
    longitude: str = ""
    place_name: str = ""
    listing: str = ""  # a public service id
    suggest: bool = False
    organisation: str = ""  # who runs it, for a suggested listing
    group_email: str = ""  # where to send the group its invitation
    client_token: str = ""
    confirm_far: bool = False


@dataclass(frozen=True)
class Saved:
    asset: Asset
    created: bool
    note: str | None = None  # something the person should know (a place we could not find)
    invitation: str | None = None  # the link for the group, when suggested as a listing


def _position(form: AssetForm) -> tuple[float | None, float | None, str, str | None]:
    """(latitude, longitude, place name, note) from where the person said it is."""
    if form.where == "pin":
        try:
            lat, lon = float(form.latitude), float(form.longitude)
        except ValueError:
            raise ValidationFailed(
                "where", "Put the pin on the map, or choose another way"
            ) from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValidationFailed("where", "Put the pin on the map, or choose another way")
        return lat, lon, plain(form.place_name, 200), None
    if form.where == "place":
        name = plain(form.place_name, 200)
        if not name:
            raise ValidationFailed("place_name", "Enter the place, like ‘Crowthorne library’")
        found = find_place(name)
        if found is None:
            return (
                None,
                None,
                name,
                f"We could not find “{name}” on the map: it is listed without a pin.",
            )
        return found.latitude, found.longitude, name, None
    return None, None, "", None


def _check_distance(event: MappingEvent | None, lat, lon, confirmed: bool) -> None:
    """Question a place far from the event, or (for an event placed nowhere, or a circle of
    support) far from the middle of the directory's area."""
    if lat is None or confirmed:
        return
    if event is not None and event.latitude is not None:
        centre, from_what = (event.latitude, event.longitude), "the event"
    else:
        centre, from_what = area_centre(), f"the middle of {current_app.config['PORTAL_AREA_NAME']}"
    if centre is None or centre[0] is None:
        return
    km = distance_km(centre[0], centre[1], lat, lon)
    if km > FAR_KM:
        raise FarAway(km, from_what)


def _linked_service(listing: str) -> Service | None:
    if not listing:
        return None
    try:
        service_id = uuid.UUID(listing)
    except ValueError:
        raise ValidationFailed("listing", "Choose the listing from the list") from None
    service = db.session.scalars(public_services().where(Service.id == service_id)).first()
    if service is None:
        raise ValidationFailed("listing", "That listing is no longer in the directory")
    return service


def _listing_place(service: Service, place_name: str) -> tuple:
    """A linked listing's own place, for an asset given none (a home only as its area)."""
    for location in service.locations:
        position = public_position(location)
        if position is not None:
            return position[0], position[1], place_name or location.name or location.city or ""
    return None, None, place_name


def record_asset(
    user: User | None,
    form: AssetForm,
    *,
    event: MappingEvent | None = None,
    circle: CommunityMap | None = None,
) -> Saved:
    """Save one asset for an event or a circle of support; commits. Saving the same
    `client_token` again returns the asset already saved. Raises ValidationFailed, or FarAway
    for a place far from the event that the person has not confirmed."""
    if form.client_token:
        existing = db.session.scalars(
            select(Asset).where(Asset.client_token == form.client_token)
        ).first()
        if existing is not None:
            return Saved(existing, created=False)
    name = plain(form.name, 200)
    if not name:
        raise ValidationFailed("name", "Enter what it is called, like ‘Tuesday toddler group’")
    try:
        kind = AssetKind(form.kind)
    except ValueError:
        raise ValidationFailed("kind", "Choose what kind of asset it is") from None
    service = _linked_service(form.listing)
    if service is not None and form.where == "place" and not form.place_name:
        # Linked to a listing and no place given: it is where the listing is.
        lat, lon, place_name = _listing_place(service, "")
        note = None
    else:
        lat, lon, place_name, note = _position(form)
    _check_distance(event, lat, lon, form.confirm_far)
    if form.suggest and service is not None:
        raise ValidationFailed(
            "suggest", "It is linked to a listing already: no need to suggest it"
        )
    asset = Asset(
        event=event,
        map=circle,
        name=name,
        kind=kind,
        good=plain(form.good, MAX_TEXT),
        not_working=plain(form.not_working, MAX_TEXT),
        place_name=place_name,
        latitude=lat,
        longitude=lon,
        service=service,
        client_token=(form.client_token or None),
        created_by_id=user.id if user else None,
    )
    db.session.add(asset)
    invitation = None
    if form.suggest and event is not None:
        invitation = _suggest_listing(user, asset, event, form)
    db.session.commit()
    if invitation and form.group_email:
        _send_invitation(form.group_email, asset, event, invitation)
    return Saved(asset, created=True, note=note, invitation=invitation)


def _suggest_listing(user: User | None, asset: Asset, event: MappingEvent, form: AssetForm) -> str:
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


def _send_invitation(email: str, asset: Asset, event: MappingEvent, link: str) -> None:
    send_email(
        email,
        f"Put {asset.name} in the directory",
        email_text("asset_invitation.txt", event=event.title, asset=asset.name, link=link),
    )


def invitation_revision(token: str) -> ListingRevision:
    payload = tokens.read_token(INVITATION, token)
    try:
        revision = db.session.get(ListingRevision, uuid.UUID(str(payload.get("revision"))))
    except ValueError:
        revision = None
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


def get_asset(asset_id: str) -> Asset:
    asset = db.session.get(Asset, parse_id(asset_id))
    if asset is None:
        raise NotFound(asset_id)
    return asset


def remove_asset(asset: Asset) -> None:
    db.session.delete(asset)
    db.session.commit()


# --- wishes ------------------------------------------------------------------------------------


def record_wish(
    user: User | None, event: MappingEvent, text: str, needs: list[str], client_token: str = ""
) -> tuple[Wish, bool]:
    """'We wish there was ...', tagged with needs; commits; once per token."""
    if client_token:
        existing = db.session.scalars(select(Wish).where(Wish.client_token == client_token)).first()
        if existing is not None:
            return existing, False
    text = plain(text, MAX_TEXT)
    if not text:
        raise ValidationFailed("wish", "Write what people wish there was")
    known = term_names("needs")
    wish = Wish(
        event=event,
        text=text,
        needs=[code for code in dict.fromkeys(needs) if code in known],
        client_token=client_token or None,
        created_by_id=user.id if user else None,
    )
    db.session.add(wish)
    db.session.commit()
    return wish, True


# --- maps --------------------------------------------------------------------------------------


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


# --- circles of support ---------------------------------------------------------------------------


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
    """Let another named connector see the circle; commits. Only its maker shares it."""
    if circle.created_by_id != user.id:
        raise NotAllowed("Only the connector who made this circle can share it")
    choices = {str(u.id): u for u in connectors_to_share_with(circle)}
    chosen = choices.get((with_id or "").strip())
    if chosen is None:
        raise ValidationFailed("connector", "Choose the connector to share it with")
    circle.shared_with.append(chosen)
    audit(user, "circle.shared", f"Shared a circle of support with {chosen.name}", subject="circle")
    db.session.commit()
    return chosen


def unshare_circle(circle: CommunityMap, user: User, with_id: str) -> None:
    """Stop sharing the circle with a connector; commits. Only its maker does this."""
    if circle.created_by_id != user.id:
        raise NotAllowed("Only the connector who made this circle can change who sees it")
    circle.shared_with = [u for u in circle.shared_with if str(u.id) != with_id]
    audit(user, "circle.unshared", "Stopped sharing a circle of support", subject="circle")
    db.session.commit()


def delete_circle(circle: CommunityMap, user: User) -> None:
    """Delete a circle of support and everything in it; commits."""
    if circle.kind is not MapKind.CIRCLE:
        raise ValidationFailed("map", "Only a circle of support can be deleted here")
    audit(
        user,
        "circle.deleted",
        f"Deleted a circle of support ({circle.reference})",
        subject="circle",
    )
    db.session.delete(circle)
    db.session.commit()


# --- visitors' suggestions ------------------------------------------------------------------------


def suggest_asset(found: CommunityMap, form: AssetForm, email: str) -> Asset:
    """A visitor's asset for a published map; it waits for a connector. Commits."""
    name = plain(form.name, 200)
    if not name:
        raise ValidationFailed("name", "Enter what it is called")
    try:
        kind = AssetKind(form.kind)
    except ValueError:
        raise ValidationFailed("kind", "Choose what kind of asset it is") from None
    lat, lon, place_name, _note = _position(form)
    asset = Asset(
        map=found,
        name=name,
        kind=kind,
        good=plain(form.good, MAX_TEXT),
        place_name=place_name,
        latitude=lat,
        longitude=lon,
        state=AssetState.SUGGESTED,
        suggested_by_email=email or None,
    )
    db.session.add(asset)
    db.session.commit()
    return asset


def _already_decided(asset: Asset) -> None:
    """Raise AlreadyDecided: who added or turned down the suggestion, and when."""
    message = "This suggestion has already been decided"
    if asset.decided_at is not None:
        person = db.session.get(User, asset.decided_by_id) if asset.decided_by_id else None
        verb = "added it" if asset.state is AssetState.APPROVED else "turned it down"
        who = person.name if person is not None else "Someone"
        message += f": {who} {verb} at {moment_text(asset.decided_at)}"
    db.session.rollback()
    raise AlreadyDecided(message + ".")


def decide_suggestion(asset: Asset, approve: bool, user: User) -> None:
    """Add a visitor's suggestion to its map or turn it down, once; commits. Raises
    AlreadyDecided when someone decided it first."""
    if asset.state is not AssetState.SUGGESTED:
        _already_decided(asset)
    decision = {
        "state": AssetState.APPROVED if approve else AssetState.REJECTED,
        "decided_by_id": user.id,
        "decided_at": utcnow(),
    }
    if not claim(Asset, asset.id, {"state": AssetState.SUGGESTED}, decision):
        _already_decided(asset)
    audit(
        user,
        "community_map.suggestion_" + ("approved" if approve else "rejected"),
        f"{'Added' if approve else 'Turned down'} the suggestion “{asset.name}”",
        subject=f"asset:{asset.id}",
    )
    db.session.commit()


# --- exports ----------------------------------------------------------------------------------


def listing_url(asset: Asset) -> str | None:
    """The full address of the listing an asset is, while residents can see it."""
    service = asset.live_listing
    return None if service is None else absolute_url("directory.service", service_id=service.id)


def as_geojson(found: CommunityMap) -> dict:
    """The published map's assets as a GeoJSON FeatureCollection (RFC 7946: [longitude,
    latitude]); an asset with no fixed place has a null geometry."""
    features = []
    for number, asset in enumerate(map_assets(found), start=1):
        look = look_of(asset.kind.value)
        geometry = (
            {"type": "Point", "coordinates": [round(asset.longitude, 6), round(asset.latitude, 6)]}
            if asset.has_position
            else None
        )
        features.append(
            {
                "type": "Feature",
                "id": str(asset.id),
                "geometry": geometry,
                "properties": {
                    "number": number,
                    "name": asset.name,
                    "kind": asset.kind.value,
                    "kind_label": asset.kind.label,
                    "good": asset.good,
                    "not_working": asset.not_working,
                    "place": asset.place_name,
                    "listing": listing_url(asset),
                    "marker-color": look.colour,
                    "marker-shape": look.shape,
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "name": found.title,
        "properties": {"community": found.community},
        "features": features,
    }


CSV_COLUMNS = (
    "name",
    "kind",
    "good",
    "not_working",
    "place",
    "latitude",
    "longitude",
    "listing",
    "number",
)


def as_csv(found: CommunityMap) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for number, asset in enumerate(map_assets(found), start=1):
        writer.writerow(
            [
                safe_cell(asset.name),
                asset.kind.label,
                safe_cell(asset.good),
                safe_cell(asset.not_working),
                safe_cell(asset.place_name),
                f"{asset.latitude:.6f}" if asset.has_position else "",
                f"{asset.longitude:.6f}" if asset.has_position else "",
                listing_url(asset) or "",
                number,
            ]
        )
    return out.getvalue()

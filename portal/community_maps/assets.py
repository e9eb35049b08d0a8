"""Assets recorded at an event, and the wishes people voiced there.

Connectors record assets quickly, often on a weak connection: every save carries a token the
page made, so a retry after a dropped connection saves the asset once. A place far from the
event is questioned, not refused. An asset can be linked to a directory listing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from portal.accounts.models import User
from portal.community_maps.circles import log_circle
from portal.community_maps.forms import MAX_TEXT, AssetForm
from portal.community_maps.invitations import send_invitation, suggest_listing
from portal.community_maps.models import (
    Asset,
    AssetKind,
    CommunityMap,
    MapKind,
    MappingEvent,
    Wish,
)
from portal.directory.models import Service
from portal.directory.presenters import public_position
from portal.directory.services import public_services, term_names
from portal.extensions import db
from portal.geo import distance_km, find_place
from portal.search.services import area_centre
from portal.text import plain
from portal.validation import (
    NotFound,
    ValidationFailed,
    parse_id,
)

FAR_KM = 25  # a place further than this from the event is questioned


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


@dataclass(frozen=True)
class Saved:
    asset: Asset
    created: bool
    note: str | None = None  # something the person should know (a place we could not find)
    invitation: str | None = None  # the link for the group, when suggested as a listing


def position_of(form: AssetForm) -> tuple[float | None, float | None, str, str | None]:
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


def listing_place(service: Service, place_name: str) -> tuple:
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
        lat, lon, place_name = listing_place(service, "")
        note = None
    else:
        lat, lon, place_name, note = position_of(form)
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
        invitation = suggest_listing(user, asset, event, form)
    db.session.commit()
    if invitation and form.group_email:
        send_invitation(form.group_email, asset, event, invitation)
    return Saved(asset, created=True, note=note, invitation=invitation)


def get_asset(asset_id: str) -> Asset:
    asset = db.session.get(Asset, parse_id(asset_id))
    if asset is None:
        raise NotFound(asset_id)
    return asset


def remove_asset(asset: Asset, user: User | None = None) -> None:
    """Delete an asset; commits. Taking one out of a circle of support is written in the
    personal-data log as `user`'s change."""
    circle = asset.map
    if user is not None and circle is not None and circle.kind is MapKind.CIRCLE:
        detail = f"Circle of support {circle.reference}: removed from it"
        log_circle(user, circle, "changed circle", detail)
    db.session.delete(asset)
    db.session.commit()


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

"""Visitors' suggestions of an asset for a published map, and the connector's decision on each."""

from __future__ import annotations

from portal.accounts.models import User
from portal.audit import audit
from portal.community_maps.assets import position_of
from portal.community_maps.forms import MAX_TEXT, AssetForm
from portal.community_maps.models import (
    Asset,
    AssetKind,
    AssetState,
    CommunityMap,
)
from portal.db import claim, utcnow
from portal.extensions import db
from portal.text import plain
from portal.validation import (
    AlreadyDecided,
    ValidationFailed,
    moment_text,
)


def suggest_asset(found: CommunityMap, form: AssetForm, email: str) -> Asset:
    """A visitor's asset for a published map; it waits for a connector. Commits."""
    name = plain(form.name, 200)
    if not name:
        raise ValidationFailed("name", "Enter what it is called")
    try:
        kind = AssetKind(form.kind)
    except ValueError:
        raise ValidationFailed("kind", "Choose what kind of asset it is") from None
    lat, lon, place_name, _note = position_of(form)
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

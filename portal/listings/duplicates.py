"""'Is this the same as ...?': live listings near a draft's places with a similar name."""

from __future__ import annotations

import uuid
from difflib import SequenceMatcher

from sqlalchemy.orm import joinedload

from portal.directory.models import Location, Service, ServiceAtLocation
from portal.directory.services import public_services
from portal.extensions import db
from portal.geo import bounding_box, distance_km

NEAR_KM = 1.0
SIMILAR = 0.6  # SequenceMatcher ratio of the lower-cased names
_SMALL_WORDS = {"the", "a", "an", "and", "of", "for", "in", "at", "club", "group"}


def _key(name: str) -> str:
    return " ".join(w for w in name.lower().split() if w not in _SMALL_WORDS)


def similar_listings(
    data: dict, exclude: uuid.UUID | None = None, limit: int = 5
) -> list[tuple[Service, float]]:
    """Live listings within a kilometre of the draft's places whose names look alike, with
    how far away they are; the most alike first. Each comes with its organisation, which the
    pages that ask 'is this the same?' name."""
    name = _key(data.get("name") or "")
    if not name:
        return []
    found: dict[uuid.UUID, tuple[Service, float, float]] = {}
    for place in data.get("places") or []:
        if place.get("latitude") is None or place.get("kind") == "online":
            continue
        lat, lon = place["latitude"], place["longitude"]
        south, west, north, east = bounding_box(lat, lon, NEAR_KM)
        rows = db.session.execute(
            public_services()
            .add_columns(Location.latitude, Location.longitude)
            .join(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
            .join(Location, Location.id == ServiceAtLocation.location_id)
            .where(Location.latitude.between(south, north), Location.longitude.between(west, east))
            .options(joinedload(Service.organisation))
        ).all()
        for service, s_lat, s_lon in rows:
            if service.id == exclude:
                continue
            likeness = SequenceMatcher(None, name, _key(service.name)).ratio()
            km = distance_km(lat, lon, s_lat, s_lon)
            if likeness >= SIMILAR and km <= NEAR_KM:
                best = found.get(service.id)
                if best is None or km < best[2]:
                    found[service.id] = (service, likeness, km)
    ranked = sorted(found.values(), key=lambda f: (-f[1], f[2]))
    return [(service, km) for service, _likeness, km in ranked[:limit]]


__all__ = ["similar_listings"]

"""What a place lookup answers."""

from __future__ import annotations

from dataclasses import dataclass

from portal.geo.models import PlaceKind


@dataclass(frozen=True)
class PlaceMatch:
    """Where the text someone typed is. An `approximate` match has a `note` to show them."""

    name: str
    latitude: float
    longitude: float
    kind: PlaceKind
    approximate: bool = False
    note: str | None = None

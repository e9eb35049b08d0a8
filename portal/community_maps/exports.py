"""A map's assets as GeoJSON and CSV, for other tools."""

from __future__ import annotations

import csv
import io

from portal.community_maps.look import look_of
from portal.community_maps.maps import map_assets
from portal.community_maps.models import (
    Asset,
    CommunityMap,
)
from portal.links import absolute_url
from portal.spreadsheets import safe_cell


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

"""A community map as a printable poster: the map's data handed to `poster.render_poster`.

Printing takes weasyprint from under a second (20 assets) to several (400), so each poster is
kept in `PORTAL_POSTER_DIR`, named by the map, the size and a fingerprint of everything printed
on it (and of the poster's own code and template): the same map prints once, a changed map or
a new version of the poster prints afresh, and every worker shares the files.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from flask import current_app

from portal.community_maps import poster
from portal.community_maps.models import CommunityMap
from portal.community_maps.poster import PosterAsset, PosterData, render_poster
from portal.community_maps.services import listing_url, map_assets, wishes_shown
from portal.geo import nearby_places
from portal.links import absolute_url


def poster_data(found: CommunityMap) -> PosterData:
    assets = map_assets(found)
    positioned = [a for a in assets if a.has_position]
    labels: list[tuple[str, float, float]] = []
    if positioned:
        lat = sum(a.latitude for a in positioned) / len(positioned)
        lon = sum(a.longitude for a in positioned) / len(positioned)
        labels = [(p.name, p.latitude, p.longitude) for p in nearby_places(lat, lon, 8, 6)]
    return PosterData(
        title=found.title,
        community=found.community,
        events=[(e.title, e.held_on) for e in found.events],
        assets=[
            PosterAsset(
                name=a.name,
                kind=a.kind.value,
                good=a.good,
                latitude=a.latitude,
                longitude=a.longitude,
                listing_url=listing_url(a),
                number=number,
            )
            for number, a in enumerate(assets, start=1)
        ],
        wishes=tuple((w.text, w.needs) for w in wishes_shown(found)),
        place_labels=labels,
        url=absolute_url("community_maps.show", map_id=found.id),
        site_name=current_app.config["PORTAL_SITE_NAME"],
    )


@cache
def _poster_version() -> str:
    """Changes when the poster's code or template does, so old prints are not served."""
    digest = hashlib.sha256()
    for path in (Path(poster.__file__), poster.TEMPLATE_DIR / poster.TEMPLATE_NAME):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def poster_for(found: CommunityMap, size: str) -> bytes:
    """The map's poster as a PDF of `size` (a key of poster.SIZES, else ValueError)."""
    if size not in poster.SIZES:
        raise ValueError(f"unknown poster size {size!r}")
    data = poster_data(found)
    fingerprint = hashlib.sha256(f"{_poster_version()}|{size}|{data!r}".encode()).hexdigest()
    folder = Path(current_app.config["PORTAL_POSTER_DIR"])
    path = folder / f"{found.id}-{size}-{fingerprint[:24]}.pdf"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    pdf = render_poster(data, size)
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_bytes(pdf)
    os.replace(partial, path)  # atomic: another worker never reads half a file
    for old in folder.glob(f"{found.id}-{size}-*.pdf"):
        if old != path:
            old.unlink(missing_ok=True)
    return pdf


def forget_posters(found: CommunityMap) -> None:
    """Remove a map's printed posters (a map made private, or deleted)."""
    for old in Path(current_app.config["PORTAL_POSTER_DIR"]).glob(f"{found.id}-*.pdf"):
        old.unlink(missing_ok=True)

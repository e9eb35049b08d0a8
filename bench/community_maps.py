"""Latency of a published community map's page, exports and posters, by number of assets.

    .venv/bin/python -m bench.community_maps --assets 20 100 400 --requests 20

Creates a throw-away database (SQLite in a temp folder, or DATABASE_URL) holding one published
map per size, its assets spread over Bracknell Forest in all six kinds (a tenth with no fixed
place), then requests each address in-process through the Flask test client and prints p50/p95
latency, requests per second (one at a time) and the size of the answer. Posters are timed
both printed afresh and served from the prints kept in PORTAL_POSTER_DIR. Not a test: no
assertions, figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.directory_pages import percentile
from portal import create_app
from portal.community_maps.models import (
    Asset,
    AssetKind,
    CommunityMap,
    MappingEvent,
    MapState,
)
from portal.db import utcnow
from portal.extensions import db

CENTRE = (51.4085, -0.7516)  # Bracknell
WORDS = ["tea", "chat", "walk", "garden", "cake", "songs", "bikes", "crafts", "library", "swap"]


def make_map(size: int, rng: random.Random) -> str:
    event = MappingEvent(
        title=f"Big brew-up ({size} assets)",
        held_on=date(2026, 3, 14),
        venue="Bracknell",
        latitude=CENTRE[0],
        longitude=CENTRE[1],
        community="Older men",
        participants=20,
    )
    kinds = list(AssetKind)
    for n in range(size):
        placed = n % 10 != 0
        event.assets.append(
            Asset(
                name=f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {n + 1}",
                kind=kinds[n % len(kinds)],
                good=" ".join(rng.choice(WORDS) for _ in range(14)).capitalize() + ".",
                latitude=CENTRE[0] + rng.uniform(-0.06, 0.06) if placed else None,
                longitude=CENTRE[1] + rng.uniform(-0.09, 0.09) if placed else None,
            )
        )
    found = CommunityMap(
        title=f"Older men in Bracknell ({size} assets)",
        community="Older men",
        state=MapState.PUBLISHED,
        published_at=utcnow(),
        events=[event],
    )
    db.session.add(found)
    db.session.commit()
    return str(found.id)


def measure(client, url: str, requests: int, before=None) -> tuple[float, float, float, int]:
    """Latency of `url`; `before` runs ahead of each request, outside the timing."""
    first = client.get(url)  # warm
    if first.status_code != 200:
        raise SystemExit(f"{url} answered {first.status_code}: {first.data[:300]!r}")
    samples = []
    for _ in range(requests):
        if before:
            before()
        t0 = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - t0) * 1000)
    rate = 1000 * len(samples) / sum(samples)
    return percentile(samples, 50), percentile(samples, 95), rate, len(first.data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--assets", type=int, nargs="+", default=[20, 100, 400])
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="portal-bench-maps-"))
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'bench.sqlite3'}"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "PORTAL_SEARCH_DIR": str(folder / "search"),
            "SECRET_KEY": "bench",
            "RATELIMIT_ENABLED": False,
        }
    )
    rng = random.Random(5)
    with app.app_context():
        db.drop_all()
        db.create_all()
        maps = {size: make_map(size, rng) for size in args.assets}
    client = app.test_client()
    posters = Path(app.config["PORTAL_POSTER_DIR"])

    def forget_prints():
        shutil.rmtree(posters, ignore_errors=True)

    print(f"\n{'assets':>6} {'address':<22} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'KB':>7}")
    for size, map_id in maps.items():
        base = f"/community-maps/{map_id}"
        for name, suffix, before in [
            ("map page", "", None),
            ("embed", "/embed", None),
            ("export.geojson", "/export.geojson", None),
            ("export.csv", "/export.csv", None),
            ("poster A3, printed", "/poster.pdf?size=A3", forget_prints),
            ("poster A2, printed", "/poster.pdf?size=A2", forget_prints),
            ("poster A3, kept", "/poster.pdf?size=A3", None),
        ]:
            p50, p95, rate, length = measure(client, base + suffix, args.requests, before)
            print(f"{size:>6} {name:<22} {p50:8.1f} {p95:8.1f} {rate:7.1f} {length / 1024:7.1f}")


if __name__ == "__main__":
    main()

"""Latency of the public pages over a large directory.

    .venv/bin/python -m bench.directory_pages --services 100000 --requests 200

Creates a throw-away database (SQLite in a temp folder, or DATABASE_URL), fills it with
synthetic services, builds the search index, then requests each page in-process through the
Flask test client and prints p50/p95/p99 latency and requests per second. Not a test: no
assertions, figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from bench.generate import generate
from portal import create_app
from portal.cli import reindex_all
from portal.directory.models import Service
from portal.extensions import db


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def measure(client, url: str, requests: int) -> tuple[float, float, float, float]:
    client.get(url)  # warm
    samples = []
    started = time.perf_counter()
    for _ in range(requests):
        t0 = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - t0) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}: {response.data[:300]!r}")
    elapsed = time.perf_counter() - started
    return (
        percentile(samples, 50),
        percentile(samples, 95),
        percentile(samples, 99),
        requests / elapsed,
    )


def build(services: int) -> None:
    db.drop_all()
    db.create_all()
    t0 = time.perf_counter()
    generate(services)
    print(f"generated {services} services in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    reindex_all()
    took = time.perf_counter() - t0
    print(f"indexed in {took:.1f} s ({services / took:.0f} services/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--reuse", type=Path, help="a folder from an earlier run: skip building")
    args = parser.parse_args()
    folder = args.reuse or Path(tempfile.mkdtemp(prefix="portal-bench-"))
    print(f"data in {folder}")
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'bench.sqlite3'}"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "PORTAL_SEARCH_DIR": str(folder / "search"),
            "SECRET_KEY": "bench",
        }
    )
    with app.app_context():
        if not args.reuse:
            build(args.services)
        service = db.session.scalars(select(Service).limit(1)).one()
        service_id, organisation_id = service.id, service.organisation_id
    client = app.test_client()
    pages = {
        "home": "/",
        "need, page 1": "/needs/loneliness-and-company",
        "need, page 50": "/needs/loneliness-and-company?page=50",
        "listing": f"/services/{service_id}",
        "organisation": f"/organisations/{organisation_id}",
        "search words": "/search?q=walking+lunch",
        "search words + town": "/search?q=walking+lunch&where=Crowthorne",
        "healthz": "/healthz",
    }
    print(f"\n{'page':<22} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8}")
    for name, page_url in pages.items():
        p50, p95, p99, rate = measure(client, page_url, args.requests)
        print(f"{name:<22} {p50:8.1f} {p95:8.1f} {p99:8.1f} {rate:8.1f}")


if __name__ == "__main__":
    main()

"""Open Referral UK API benchmark (issue 13): 100,000 published services served by gunicorn.

    .venv/bin/python -m bench.api --services 100000
    .venv/bin/python -m bench.api --reuse /tmp/portal-api-XXXX          # skip building
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench .venv/bin/python -m bench.api

Builds a throw-away database (SQLite in a temp folder, or the DATABASE_URL one, whose tables
are DROPPED first) with services around English towns (`bench.generate`, `england=True`: the
data of the search benchmark) and the gazetteer, then serves it with gunicorn (sync workers,
counts kept 60 s as in production) and, over real HTTP from one client thread:

  (a) times list pages (page 1 and deeper pages), a postcode + proximity search and details:
      p50 / p95 / p99 in milliseconds and requests a second;
  (b) loads the pages with several client threads at once (requests a second, a floor: the
      clients share the machine's cores with gunicorn);
  (c) streams `format=ndjson` of every service (list records, then full records), counting
      lines, and samples the serving worker's resident memory (VmRSS from /proc) before,
      during (the peak) and after, to show it stays flat.

Not a test: figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from bench.directory_pages import percentile
from bench.generate import generate
from bench.throughput import _free_port
from portal import create_app
from portal.extensions import db

ROOT = Path(__file__).resolve().parent.parent
POSTCODE = "RG12 1AA"  # Bracknell, the demo area
GOALS = {"p95 ms": 50, "ndjson s": 60}


def build(url: str, services: int) -> None:
    """A fresh database of `services` published services and the gazetteer."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        generate(services, seed=7, england=True)
        print(f"generated {services:,} services in {time.perf_counter() - started:.0f} s")
        from portal.geo.loading import load_gazetteer

        print(f"gazetteer: {load_gazetteer():,} names")
        db.session.commit()
        db.engine.dispose()
    if url.startswith("postgresql"):  # set the visibility map, as autovacuum would in time
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text("VACUUM ANALYZE"))
        engine.dispose()


def sample_ids(url: str) -> dict[str, str]:
    """A published service and organisation to ask for by id."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        count = db.session.scalar(text("SELECT count(*) FROM services"))
        row = db.session.execute(
            text("SELECT id, organisation_id FROM services ORDER BY id LIMIT 1 OFFSET :middle"),
            {"middle": count // 2},
        ).one()
        db.engine.dispose()

    def dashed(value: object) -> str:
        hex_digits = str(value).replace("-", "")
        return "-".join(hex_digits[a:b] for a, b in ((0, 8), (8, 12), (12, 16), (16, 20), (20, 32)))

    return {"service": dashed(row[0]), "organisation": dashed(row[1])}


@contextmanager
def gunicorn(folder: Path, url: str, workers: int) -> Iterator[tuple[str, int]]:
    """gunicorn on a free port; yields its base URL and the master's pid."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PORTAL_SEARCH_DIR": str(folder / "search"),
        "PORTAL_COUNTS_CACHE_SECONDS": "60",
        "SECRET_KEY": "bench",
        "PORTAL_ENV": "production",
        "PORTAL_BASE_URL": base,
    }
    command = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}"]
    # A sync worker answering one long stream sends the master no heartbeat: the export of a
    # big directory needs a timeout above its duration (see docs/api.md).
    command += ["--timeout", "600", "wsgi:app"]
    log = (folder / "gunicorn.log").open("w")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(base + "/api/", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.3)
        else:
            raise SystemExit(f"gunicorn did not start: see {folder / 'gunicorn.log'}")
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def workers_of(master: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                found.append(int(entry.name))
    return found


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def latency(base: str, path: str, count: int) -> tuple[float, float, float, float, int]:
    """p50, p95, p99 (ms), requests a second and the total of one URL, one client."""
    session = requests.Session()
    total = 0
    for _ in range(5):  # warm the worker's caches and connections
        answer = session.get(base + path, timeout=60)
        if answer.status_code != 200:
            raise SystemExit(f"{path} answered {answer.status_code}: {answer.text[:300]}")
        total = answer.json().get("total_items", 1)
    samples = []
    started = time.perf_counter()
    for _ in range(count):
        t0 = time.perf_counter()
        session.get(base + path, timeout=60).raise_for_status()
        samples.append((time.perf_counter() - t0) * 1000)
    rate = count / (time.perf_counter() - started)
    return percentile(samples, 50), percentile(samples, 95), percentile(samples, 99), rate, total


def load(base: str, paths: list[str], threads: int, seconds: float) -> tuple[float, int]:
    """Requests a second with `threads` clients cycling through `paths`; and failures."""
    done, failed = [0] * threads, [0] * threads
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        session = requests.Session()
        n = index
        while time.monotonic() < stop:
            if session.get(base + paths[n % len(paths)], timeout=60).status_code != 200:
                failed[index] += 1
            done[index] += 1
            n += 1

    workers = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(done) / seconds, sum(failed)


def stream(base: str, path: str, master: int) -> dict[str, float]:
    """Stream `path` to its end, sampling every worker's RSS; report the serving worker's."""
    pids = workers_of(master)
    before = {pid: rss_mb(pid) for pid in pids}
    cpu = {pid: cpu_seconds(pid) for pid in pids}
    peak = dict(before)
    running = True

    def sample() -> None:
        while running:
            for pid in pids:
                peak[pid] = max(peak[pid], rss_mb(pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    lines = size = 0
    started = time.perf_counter()
    with requests.get(base + path, stream=True, timeout=600) as answer:
        answer.raise_for_status()
        for chunk in answer.iter_content(chunk_size=1 << 16):
            lines += chunk.count(b"\n")
            size += len(chunk)
    took = time.perf_counter() - started
    running = False
    sampler.join()
    worker = max(pids, key=lambda pid: cpu_seconds(pid) - cpu[pid])
    return {
        "lines": lines,
        "seconds": took,
        "mb": size / 1e6,
        "before": before[worker],
        "peak": peak[worker],
        "after": rss_mb(worker),
    }


def machine() -> str:
    cores = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cores} cores, {memory:.0f} GiB, {platform.platform(terse=True)}, Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}; "
        f"load average {os.getloadavg()[0]:.2f} at the start"
    )


def pages(ids: dict[str, str]) -> dict[str, str]:
    place = POSTCODE.replace(" ", "+")
    return {
        "services, page 1": "/api/services?per_page=50",
        "services, page 2": "/api/services?per_page=50&page=2",
        "services, page 20": "/api/services?per_page=50&page=20",
        "services, page 200": "/api/services?per_page=50&page=200",
        "postcode, 5,000 m": f"/api/service_at_locations?postcode={place}&proximity=5000",
        "postcode, 5,000 m, page 2": f"/api/service_at_locations?postcode={place}"
        "&proximity=5000&page=2",
        "service_at_locations, page 1": "/api/service_at_locations?per_page=50",
        "organizations, page 1": "/api/organizations?per_page=50",
        "services, full, page 1": "/api/services?per_page=50&full=true",
        "one service": f"/api/services/{ids['service']}",
        "one organisation": f"/api/organizations/{ids['organisation']}",
    }


def report_latency(base: str, urls: dict[str, str], count: int) -> None:
    print("\n| request | results | p50 ms | p95 ms | p99 ms | req/s (one client) |")
    print("|---|---|---|---|---|---|")
    for name, path in urls.items():
        p50, p95, p99, rate, total = latency(base, path, count)
        print(f"| {name} | {total:,} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {rate:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per URL")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reuse", type=Path, help="a folder from an earlier run: skip building")
    args = parser.parse_args()
    folder = args.reuse or Path(tempfile.mkdtemp(prefix="portal-api-"))
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'bench.sqlite3'}"
    print(f"data in {folder} ({url.split('@')[-1]})\n{machine()}")
    if not args.reuse:
        build(url, args.services)
    urls = pages(sample_ids(url))
    with gunicorn(folder, url, args.workers) as (base, master):
        report_latency(base, urls, args.requests)
        rate, failed = load(base, list(urls.values()), threads=4, seconds=15)
        print(
            f"\n4 clients at once, {args.workers} workers, 15 s: {rate:.0f} requests/s, "
            f"{failed} not 200"
        )
        for path in ("/api/services?format=ndjson", "/api/services?format=ndjson&full=true"):
            got = stream(base, path, master)
            print(
                f"\n{path}: {got['lines']:,.0f} lines, {got['mb']:.0f} MB in "
                f"{got['seconds']:.1f} s; worker RSS before {got['before']:.0f} MB, "
                f"peak {got['peak']:.0f} MB, after {got['after']:.0f} MB"
            )
    print(f"\ngoals: p95 under {GOALS['p95 ms']} ms, ndjson under {GOALS['ndjson s']} s")


if __name__ == "__main__":
    main()

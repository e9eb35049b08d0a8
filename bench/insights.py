"""Unmet-need insights at scale (issue 15): the roll-up job over 5,000,000 logged searches and
the coverage count at 100,000 listings, then the insights pages.

    .venv/bin/python -m bench.insights                       # SQLite, full size
    .venv/bin/python -m bench.insights --backend postgresql
    .venv/bin/python -m bench.insights --reuse /tmp/portal-insights-XXXX/bench.sqlite3
    .venv/bin/python -m bench.insights --backend postgresql --reuse portal_bench_1234567890
    .venv/bin/python -m bench.insights --services 10000 --searches 200000   # a quick look

Builds (or reuses) a database of `--services` listings around English towns (`bench.england`),
the gazetteer and the thesaurus, and `--searches` rows of `search_log` spread over `--days`
days up to now, with the variety a real log has: a district or a town or no place at all (some
outside every area, some misspelt), need filters, words typed from common phrases to one-off
sentences, zero, a few or many results. Rows are bulk-inserted (executemany in chunks on
SQLite, COPY on PostgreSQL). Then it times:

  (1) the areas and the coverage count (`refresh_areas`, `refresh_coverage`);
  (2) `roll_up`, first run over every day (retention off, so the database stays reusable),
      with the time per day; then an hourly re-run;
  (3) unless `--no-retention`: `roll_up` with `PORTAL_SEARCH_LOG_KEEP_DAYS` (90): every day
      older is counted and its raw rows deleted (the database then holds 90 days of raw rows);
  (4) the insights pages (`page_urls`, easy to edit) through the Flask test client, signed in
      as an administrator, `--requests` times each: p50/p95/max in milliseconds.

SQLite databases are left in their folder for `--reuse`; PostgreSQL ones (made on `--server`)
are dropped unless `--keep`. Not a test: figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import delete, func, select, text

from bench.directory_pages import percentile
from portal import create_app
from portal.extensions import db

GOAL_MS = 500
DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
CHUNK = 50_000
COLUMNS = ("created_at", "text", "needs", "audiences", "place", "filters", "results")


def page_urls(today: date, area: str, need: str) -> list[str]:
    """The pages timed: edit freely (dates as the pages take them, YYYY-MM-DD)."""
    year = f"start={today - timedelta(days=365)}&end={today}"
    quarter = f"start={today - timedelta(days=90)}&end={today}"
    return [
        "/insights",
        f"/insights?{year}",
        f"/insights?{year}&area={area}",
        f"/insights?{year}&need={need}",
        f"/insights/searches?{year}",
        f"/insights/searches?{quarter}&area={area}&need={need}",
        f"/insights/gaps?{year}",
        f"/insights/gaps?{year}&need={need}",
        f"/insights/wishes?{year}",
        f"/insights/referrals?{year}",
        f"/insights/freshness?{year}",
        f"/insights/summary?{year}",
        f"/insights/searches/words.csv?{year}",
        f"/insights/searches/found-nothing.csv?{year}",
        f"/insights/gaps/gaps.csv?{year}",
    ]


# ---- the database ------------------------------------------------------------------------


def make_app(url: str, folder: Path) -> Flask:
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "PORTAL_SEARCH_DIR": str(folder / "search"),
            "PORTAL_COUNTS_CACHE_SECONDS": 60,
            "SECRET_KEY": "bench",
            "RATELIMIT_ENABLED": False,
        }
    )


@contextmanager
def database(backend: str, reuse: str | None, server: str, keep: bool) -> Iterator[str]:
    """The database URL for the run: reused, or made (SQLite in a folder that is kept;
    PostgreSQL on `server`, dropped at the end unless `keep`)."""
    if backend == "postgresql":
        from bench.backends import postgres_database

        name = reuse.rsplit("/", 1)[-1] if reuse else None
        with postgres_database(server, name, keep) as url:
            yield url
        return
    if reuse:
        path = Path(reuse)
        yield f"sqlite:///{path / 'bench.sqlite3' if path.is_dir() else path}"
        return
    folder = Path(tempfile.mkdtemp(prefix="portal-insights-"))
    yield f"sqlite:///{folder / 'bench.sqlite3'}"
    print(f"SQLite database kept for --reuse: {folder / 'bench.sqlite3'}")


def build_directory(services: int, seed: int) -> None:
    from bench.generate import generate
    from bench.search import _load_gazetteer, _load_thesaurus

    db.drop_all()
    db.create_all()
    started = time.perf_counter()
    generate(services, seed=seed, england=True)
    print(f"{services} listings around English towns in {time.perf_counter() - started:.1f} s")
    print(_load_gazetteer())
    print(f"thesaurus: {_load_thesaurus()} words")


# ---- a plausible search log --------------------------------------------------------------

COMMON = (
    "lunch club", "coffee morning", "walking football", "walking group", "knit and natter",
    "choir", "mens shed", "men's shed", "chair yoga", "food bank", "befriending",
    "dementia cafe", "memory cafe", "carers group", "debt advice", "benefits help",
    "allotment", "art class", "computer help", "job club", "parent and toddler", "youth club",
    "bereavement group", "bereavement support", "swimming", "tai chi", "bowls", "book club",
    "repair cafe", "community garden", "volunteering", "counselling", "mental health",
    "housing advice", "citizens advice", "warm space", "baby group", "zumba", "pilates",
    "singing for the brain", "lonely", "loneliness", "isolated", "friends", "exercise",
    "fitness", "debt", "money", "benefits", "grief", "widow", "anxiety", "depression",
    "stress", "dementia", "memory", "carer", "hungry", "food", "computer", "job", "garden",
    "sing", "craft", "bereavment", "excercise", "lonley", "dementia support group",
    "support for carers", "help with bills", "cooking class", "english lessons",
    "gardening club", "photography", "ukulele", "drama group", "table tennis", "cycling",
    "nordic walking", "parkinsons support", "stroke club", "diabetes group", "hearing loss",
    "sight loss", "autism support", "adhd", "wheelchair", "transport to hospital",
)  # fmt: skip
TAIL_WORDS = (
    "help", "group", "club", "support", "near", "me", "free", "for", "older", "people",
    "young", "mum", "dad", "after", "my", "wife", "husband", "died", "need", "someone",
    "to", "talk", "with", "evening", "weekend", "saturday", "sunday", "monday", "indoor",
    "outdoor", "quiet", "women", "men", "only", "polish", "urdu", "deaf", "blind", "dog",
    "walk", "chess", "bridge", "darts", "fishing", "model", "railway", "history",
    "society", "bird", "watching", "yoga", "pottery", "sewing", "quilting", "cinema",
)  # fmt: skip
OUTSIDE = ("Glasgow", "Cardiff", "Belfast", "Swansea", "Aberdeen", "Bracknel", "Readng", "Nowhere")


def _search_rows(count: int, days: int, now: datetime, seed: int) -> Iterator[tuple]:
    """`count` searches in time order over `days` days up to `now`, as `COLUMNS` tuples."""
    from bench.england import WeightedTowns, england_towns
    from portal.directory.vocabulary import NEEDS

    rng = random.Random(seed)
    towns = WeightedTowns(england_towns())
    codes = [term.code for term in NEEDS.terms]
    common_weights = [1 / (rank + 1) for rank in range(len(COMMON))]  # Zipf-like
    first = datetime.combine(now.date() - timedelta(days=days - 1), datetime.min.time(), UTC)
    weekday_share = (1.15, 1.1, 1.1, 1.05, 1.0, 0.8, 0.8)
    totals = [weekday_share[(first + timedelta(days=n)).weekday()] for n in range(days)]
    scale = count / sum(totals)
    made = 0
    for n in range(days):
        todays = count - made if n == days - 1 else round(totals[n] * scale)
        made += todays
        start = first + timedelta(days=n)
        seconds = sorted(rng.random() * 86_400 for _ in range(todays))
        for second in seconds:
            moment = start + timedelta(seconds=second)
            if moment > now:
                moment = now - timedelta(seconds=rng.random() * 3600)
            yield _one_search(rng, moment, towns, codes, common_weights)


def _one_search(rng, moment, towns, codes, common_weights) -> tuple:
    roll = rng.random()
    if roll < 0.25:
        place = ""
    elif roll < 0.30:
        place = rng.choice(OUTSIDE)
    else:
        town = towns.draw(rng)
        place = town.district if roll < 0.65 else town.name
    roll = rng.random()
    needs = ""
    if roll < 0.35:
        needs = rng.choice(codes)
    elif roll < 0.45:
        needs = ",".join(sorted(rng.sample(codes, 2)))
    roll = rng.random()
    if roll < 0.40:
        words, zero = "", 0.05
    elif roll < 0.85:
        words, zero = rng.choices(COMMON, common_weights)[0], 0.10
    else:
        words = " ".join(rng.choice(TAIL_WORDS) for _ in range(rng.randint(2, 5)))
        zero = 0.55
    if rng.random() < 0.1 and words:
        words = words.title() if rng.random() < 0.5 else f"  {words}  "
    roll = rng.random()
    results = 0 if roll < zero else rng.randint(1, 3) if roll < zero + 0.1 else rng.randint(4, 400)
    return (moment, words, needs, "", place, "", results)


def load_search_log(count: int, days: int, now: datetime, seed: int) -> None:
    """Bulk-insert the log: executemany in chunks on SQLite, COPY on PostgreSQL."""
    started = time.perf_counter()
    rows = _search_rows(count, days, now, seed)
    raw = db.engine.raw_connection()
    try:
        if db.engine.dialect.name == "postgresql":
            with raw.driver_connection.cursor() as cursor:
                copy_sql = f"COPY search_log ({', '.join(COLUMNS)}) FROM STDIN"
                with cursor.copy(copy_sql) as copy:
                    for number, row in enumerate(rows, 1):
                        copy.write_row(row)
                        if number % 1_000_000 == 0:
                            print(f"  {number} searches ({time.perf_counter() - started:.0f} s)")
        else:
            insert = (
                f"INSERT INTO search_log ({', '.join(COLUMNS)}) "
                f"VALUES ({', '.join('?' for _ in COLUMNS)})"
            )
            cursor = raw.cursor()
            chunk: list[tuple] = []
            for number, row in enumerate(rows, 1):
                chunk.append((f"{row[0]:%Y-%m-%d %H:%M:%S.%f}", *row[1:]))
                if len(chunk) == CHUNK:
                    cursor.executemany(insert, chunk)
                    chunk = []
                if number % 1_000_000 == 0:
                    print(f"  {number} searches ({time.perf_counter() - started:.0f} s)")
            cursor.executemany(insert, chunk)
        raw.commit()
    finally:
        raw.close()
    took = time.perf_counter() - started
    print(f"search log: {count} rows over {days} days in {took:.1f} s ({count / took:.0f}/s)")
    started = time.perf_counter()
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    print(f"ANALYZE in {time.perf_counter() - started:.1f} s")


def describe() -> None:
    from portal.directory.models import Service
    from portal.insights.models import RolledUpDay, SearchDay, SearchWordDay
    from portal.search.models import SearchLog

    counts = {
        "listings": db.session.scalar(select(func.count()).select_from(Service)),
        "raw searches": db.session.scalar(select(func.count()).select_from(SearchLog)),
        "search days": db.session.scalar(select(func.count()).select_from(SearchDay)),
        "word days": db.session.scalar(select(func.count()).select_from(SearchWordDay)),
        "rolled days": db.session.scalar(select(func.count()).select_from(RolledUpDay)),
    }
    print("rows: " + ", ".join(f"{name} {n}" for name, n in counts.items()))


def forget_roll_ups() -> None:
    """A reused database's roll-ups, so the first run counts everything again (days whose
    raw rows were deleted keep theirs: they cannot be counted again)."""
    from portal.insights.models import RolledUpDay, SearchDay, SearchWordDay

    counted = select(RolledUpDay.day).where(RolledUpDay.raw_deleted_at.is_(None))
    db.session.execute(delete(SearchDay).where(SearchDay.day.in_(counted)))
    db.session.execute(delete(SearchWordDay).where(SearchWordDay.day.in_(counted)))
    db.session.execute(delete(RolledUpDay).where(RolledUpDay.raw_deleted_at.is_(None)))
    db.session.commit()


# ---- timing ------------------------------------------------------------------------------


def timed(label: str, call: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    took = time.perf_counter() - started
    print(f"{label}: {took:.2f} s ({result})")
    return took, result


def time_coverage(now: datetime) -> None:
    from portal.insights.areas import current_areas, reach_km, refresh_areas
    from portal.insights.coverage import count_coverage, refresh

    def areas():
        found = refresh_areas(now)
        db.session.commit()
        return len(found)

    timed("refresh_areas (the lead's)", areas)
    listed = current_areas()
    for _ in range(2):
        timed(
            f"count_coverage ({len(listed)} areas, {reach_km()} km, reads only)",
            lambda: f"{len(count_coverage(now, reach_km(), listed))} rows",
        )
        db.session.commit()
    timed("refresh, as the job does it (areas, then coverage)", lambda: refresh(now))


def time_roll_up(app: Flask, label: str, now: datetime) -> None:
    from portal.insights.rollup import roll_up

    per_day: list[float] = []
    last = [0.0]

    def heard(_day, _outcome) -> None:
        moment = time.perf_counter()
        if last[0]:
            per_day.append((moment - last[0]) * 1000)
        last[0] = moment

    timed(label, lambda: roll_up(now, progress=heard))
    if per_day:
        print(
            f"  per day (ms): p50 {percentile(per_day, 50):.0f}, p95 "
            f"{percentile(per_day, 95):.0f}, max {max(per_day):.0f} over {len(per_day) + 1} days"
        )


def admin_client(app: Flask):
    from portal.accounts.models import Role, User

    user = db.session.scalar(select(User).where(User.email == "admin@bench.example.org"))
    if user is None:
        user = User(
            email="admin@bench.example.org", name="Bench Admin", role=Role.ADMIN, password_hash="x"
        )
        db.session.add(user)
        db.session.commit()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


def time_pages(app: Flask, requests: int, today: date) -> None:
    from portal.insights.models import SearchDay

    area, need = db.session.execute(
        select(SearchDay.area, SearchDay.need)
        .where(SearchDay.area.not_in(("", "outside", "*")), SearchDay.need.not_in(("", "*")))
        .group_by(SearchDay.area, SearchDay.need)
        .order_by(func.sum(SearchDay.searches).desc())
        .limit(1)
    ).one()
    client = admin_client(app)
    db.session.remove()
    print(f"\npages, {requests} requests each, milliseconds (goal: under {GOAL_MS} ms):")
    print(f"{'first':>7} {'p50':>7} {'p95':>7} {'max':>7}  url")
    worst = 0.0
    for url in page_urls(today, area, need):
        started = time.perf_counter()
        first = client.get(url)  # a narrowing nobody asked for since the roll-up: computed
        first_ms = (time.perf_counter() - started) * 1000
        if first.status_code != 200:
            print(f"{'-':>7} {'-':>7} {'-':>7} {'-':>7}  {url}: answered {first.status_code}")
            client = admin_client(app)  # an error page may have ended the session
            db.session.remove()
            continue
        samples = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
        worst = max(worst, max(samples))
        print(
            f"{first_ms:7.0f} {percentile(samples, 50):7.0f} {percentile(samples, 95):7.0f} "
            f"{max(samples):7.0f}  {url}"
        )
    print(f"slowest single request: {worst:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=5_000_000)
    parser.add_argument("--days", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--reuse", help="a SQLite file or folder, or a PostgreSQL database")
    parser.add_argument("--server", default=os.environ.get("BENCH_POSTGRES", DEFAULT_SERVER))
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--no-retention", action="store_true", help="leave old raw rows")
    parser.add_argument("--no-pages", action="store_true")
    args = parser.parse_args()
    now = datetime.now(UTC).replace(microsecond=0)
    print(f"{args.backend}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    with database(args.backend, args.reuse, args.server, args.keep) as url:
        print(f"database: {re.sub(r'//[^@]*@', '//', url)}")
        app = make_app(url, Path(tempfile.mkdtemp(prefix="portal-insights-search-")))
        with app.app_context():
            if not args.reuse:
                build_directory(args.services, args.seed)
                load_search_log(args.searches, args.days, now, args.seed)
            else:
                forget_roll_ups()
            describe()
            print()
            time_coverage(now)
            app.config["PORTAL_SEARCH_LOG_KEEP_DAYS"] = 100_000
            time_roll_up(app, "roll_up, first run, every day", now)
            time_roll_up(app, "roll_up, an hour later", now + timedelta(hours=1))
            time_roll_up(app, "roll_up, again at once", now + timedelta(hours=1, seconds=1))
            if not args.no_retention:
                app.config["PORTAL_SEARCH_LOG_KEEP_DAYS"] = 90
                time_roll_up(
                    app, "roll_up deleting raw rows older than 90 days", now + timedelta(hours=2)
                )
            from portal.insights.pages import answer_default

            timed(
                "answer the default narrowing's costly queries, as the job does next",
                lambda: answer_default(now),
            )
            describe()
            db.session.remove()
        if not args.no_pages:
            with app.app_context():
                time_pages(app, args.requests, now.date())
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()

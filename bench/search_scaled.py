"""PostgreSQL search at 1,000,000 listings, scaled up from a 100,000-listing benchmark database.

    .venv/bin/python -m bench.backends --services 100000 --backends postgresql --keep
    .venv/bin/python -m bench.search_scaled --from portal_bench_XXXX --times 10

Building a million listings through the portal takes the better part of an hour on two cores;
only the search tables matter for the search itself. So this copies a benchmark database made
by `bench.backends` (`CREATE DATABASE ... TEMPLATE`) and adds `times - 1` copies of every search
row under new ids: the same words, places, needs and facts, so every town has `times` as many
listings, as a national aggregation of many feeds would. The copies have no listing behind
them (the copy's foreign keys to `services` are dropped), which is why only the backend's
`rank` is timed, never a page. The GIN indexes are made again after the copy, then
`VACUUM (ANALYZE)`, as a rebuild ends. The mix is `bench.backends`'s (same seed). Not a test.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.backends import PLACE_KINDS, make_app, time_rank
from bench.mix import KINDS, make_mix
from bench.search import print_slowest, print_table
from portal.search.postgres.models import SearchListing, SearchPosition


def _indexes(connection, table: str) -> list[tuple[str, str]]:
    """(name, definition) of the table's indexes other than its primary key."""
    rows = connection.execute(
        text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = :table "
            "AND i.indexname NOT LIKE 'pk_%'"
        ),
        {"table": table},
    )
    return [(name, definition) for name, definition in rows]


def scale(url: str, times: int) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    listing_columns = [c.name for c in SearchListing.__table__.columns if c.name != "service_id"]
    position_columns = [c.name for c in SearchPosition.__table__.columns if c.name != "service_id"]
    with engine.connect() as connection:
        for table in ("search_listings", "search_positions"):
            for (name,) in connection.execute(
                text(
                    "SELECT conname FROM pg_constraint WHERE conrelid = CAST(:t AS regclass) "
                    "AND contype = 'f'"
                ),
                {"t": table},
            ):
                connection.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'))
        dropped = _indexes(connection, "search_listings")
        for name, _definition in dropped:
            connection.execute(text(f'DROP INDEX "{name}"'))
        connection.execute(
            text("CREATE TEMPORARY TABLE originals AS SELECT service_id FROM search_listings")
        )
        started = time.perf_counter()
        for copy in range(1, times):
            connection.execute(text("DROP TABLE IF EXISTS renamed"))
            connection.execute(
                text(
                    "CREATE TEMPORARY TABLE renamed AS "
                    "SELECT service_id AS old, gen_random_uuid() AS new FROM originals"
                )
            )
            columns = ", ".join(listing_columns)
            connection.execute(
                text(
                    f"INSERT INTO search_listings (service_id, {columns}) "
                    f"SELECT r.new, {', '.join('l.' + c for c in listing_columns)} "
                    "FROM search_listings l JOIN renamed r ON r.old = l.service_id"
                )
            )
            columns = ", ".join(position_columns)
            connection.execute(
                text(
                    f"INSERT INTO search_positions (service_id, {columns}) "
                    f"SELECT r.new, {', '.join('p.' + c for c in position_columns)} "
                    "FROM search_positions p JOIN renamed r ON r.old = p.service_id"
                )
            )
            print(f"copy {copy} of {times - 1} in {time.perf_counter() - started:.0f} s")
        connection.execute(text("SET maintenance_work_mem = '512MB'"))
        for name, definition in dropped:
            connection.execute(text(definition))
            print(f"{name} made again at {time.perf_counter() - started:.0f} s")
        connection.execute(text("VACUUM (ANALYZE) search_listings, search_positions"))
        count = connection.execute(text("SELECT count(*) FROM search_listings")).scalar_one()
        print(f"{count:,} search rows in {time.perf_counter() - started:.0f} s")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--from", dest="source", required=True, help="a bench.backends database")
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--searches", type=int, default=500)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--reuse", help="a database this script scaled before")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--server", default=os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1/")
    )
    args = parser.parse_args()
    base = make_url(args.server).set(drivername="postgresql+psycopg")
    name = args.reuse or f"{args.source}_x{args.times}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    url = base.set(database=name).render_as_string(hide_password=False)
    if not args.reuse:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{args.source}"'))
        scale(url, args.times)
    try:
        app = make_app(url, "postgresql", Path(tempfile.mkdtemp(prefix="portal-scaled-")))
        with app.app_context():
            probes, _forms = make_mix(args.searches, args.seed)
        time_rank(app, probes, 1)  # warm PostgreSQL's buffers
        samples, totals = time_rank(app, probes, args.repeat)
        figures = print_table(f"[postgresql x{args.times}] (a) backend.rank", samples)
        print_slowest(samples, totals)
        place = max(figures[k][1] for k in PLACE_KINDS if k in figures)
        text_only = max(figures[k][1] for k in KINDS if k not in PLACE_KINDS and k in figures)
        print(f"\n  searches with a place p95 {place:.1f} ms (goal under 50)")
        print(f"  text-only searches p95 {text_only:.1f} ms (no goal)")
    finally:
        if args.keep or args.reuse:
            print(f"kept PostgreSQL database {name}")
        else:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()

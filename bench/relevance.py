"""Search relevance benchmark (issue 16): how often the search puts the right listing first.

    .venv/bin/python -m bench.relevance
    .venv/bin/python -m bench.relevance --show-all
    .venv/bin/python -m bench.relevance --backend postgresql

Loads the Bracknell Forest demo into a throw-away SQLite database (Whoosh search) or, with
`--backend postgresql`, a throw-away PostgreSQL database (its full-text search), indexes it, and
runs every
search in the judged set (`bench.relevance_set`) through the same code the /search page uses:
the words and place boxes read by `portal.search.query.parse`, then `portal.search.services.search`.
It takes the first five results and prints, for the whole set and for each kind of search:

  nDCG@5    graded gain (2 for an ideal listing, 1 for an acceptable one, 0 otherwise) over
            the first five, discounted by position, divided by the best possible order of the
            judged listings;
  first     the share of searches whose first result is a good one;
  top 3     the share with a good result somewhere in the first three.

Then it lists the searches whose first result was not good (with what came first instead).
Not a test: the figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from werkzeug.datastructures import MultiDict

from bench.relevance_set import JUDGED, Judged, grades_of
from portal import create_app
from portal.directory.models import Organisation, Service, ServiceStatus
from portal.directory.services import public_services, terms_with_counts
from portal.directory.vocabulary import ACCESSIBILITY
from portal.extensions import db
from portal.search.embedded.readers import close_all as close_search_readers
from portal.search.query import parse
from portal.search.services import search

TOP = 5
Listing = tuple[str, str, bool]  # name, organisation name, open (not temporarily closed)


@dataclass
class Answer:
    judged: Judged
    #: The first results as (listing name, organisation name, open).
    results: list[Listing]
    #: Messages the page would show instead of (or beside) results, such as an unknown place.
    problems: dict[str, str]
    total: int
    #: The grades of every demo listing judged good for this search, best first: the ideal
    #: order (a judged name can be several listings, run by different organisations).
    ideal: list[int]

    def gain(self, position: int) -> int:
        """The judged grade of the result at `position` (0-based), 0 when not judged good."""
        if position >= len(self.results):
            return 0
        return grade_of(self.results[position], grades_of(self.judged))

    @property
    def ndcg(self) -> float:
        best = dcg(self.ideal[:TOP])
        return dcg([self.gain(i) for i in range(TOP)]) / best if best else 0.0

    @property
    def good_first(self) -> bool:
        return self.gain(0) > 0

    @property
    def good_in_three(self) -> bool:
        return any(self.gain(i) > 0 for i in range(3))


def grade_of(listing: Listing, grades: dict[str, int]) -> int:
    """A judged name is a listing name, or "name [organisation]" where several organisations
    run listings with the same name and only one of them is right for the search. A
    temporarily closed listing is never a good result: nobody can go to it."""
    name, organisation, is_open = listing
    if not is_open:
        return 0
    return max(grades.get(f"{name} [{organisation}]", 0), grades.get(name, 0))


def dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


# ---- the demo portal ---------------------------------------------------------------------


def make_demo(folder: Path, url: str | None = None) -> Flask:
    from portal.cli import reindex_all
    from seed.loader import load_demo

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url or f"sqlite:///{folder / 'relevance.sqlite3'}",
            "PORTAL_SEARCH_DIR": str(folder / "search"),
            "PORTAL_OUTBOX_DIR": str(folder / "outbox"),
            "PORTAL_POSTER_DIR": str(folder / "posters"),
            "PORTAL_DEMO": True,
            "PORTAL_GEOCODER": "",  # places come from the gazetteer only: no network
            "PORTAL_COUNTS_CACHE_SECONDS": 0,
            "SECRET_KEY": "bench",
        }
    )
    with app.app_context():
        if url:
            from flask_migrate import upgrade

            upgrade()
        else:
            db.create_all()
        load_demo()
        reindex_all()
        db.session.remove()
    return app


def demo_listings(app: Flask) -> list[Listing]:
    """Every listing a resident can find in the demo, as (name, organisation, open)."""
    with app.app_context():
        rows = db.session.execute(
            public_services()
            .join(Organisation, Service.organisation)
            .with_only_columns(Service.name, Organisation.name, Service.status)
        ).all()
    return [(name, org, status is ServiceStatus.ACTIVE) for name, org, status in rows]


def check_names(listings: list[Listing]) -> None:
    """Every judged name must be a listing in the demo (a typo would silently score 0)."""
    known = {name for name, _, _ in listings} | {f"{n} [{org}]" for n, org, _ in listings}
    unknown = sorted(
        {f"{j['query']!r}: {name}" for j in JUDGED for name in grades_of(j) if name not in known}
    )
    if unknown:
        raise SystemExit("Judged names not in the demo:\n  " + "\n  ".join(unknown))


def ideal_grades(judged: Judged, listings: list[Listing]) -> list[int]:
    grades = grades_of(judged)
    return sorted((g for g in (grade_of(x, grades) for x in listings) if g), reverse=True)


#: Milliseconds each search took in `services.search` (reading the words, the place, the
#: ranking, spelling, loading the page's rows, logging): the cost of the rules, not a page.
TIMINGS: list[float] = []


def run(app: Flask, listings: list[Listing]) -> list[Answer]:
    answers = []
    with app.test_request_context("/search"):
        needs = {t.code for t, _ in terms_with_counts("needs")}
        audiences = {t.code for t, _ in terms_with_counts("audiences")}
        for judged in JUDGED:
            args = MultiDict({"q": judged["query"], "where": judged.get("where", "")})
            parsed = parse(args, needs, audiences, set(ACCESSIBILITY))
            started = time.perf_counter()
            outcome = search(parsed.query, parsed.problems, app.config["PORTAL_PAGE_SIZE"])
            TIMINGS.append((time.perf_counter() - started) * 1000)
            results = [
                (s.name, s.organisation_name, s.status is ServiceStatus.ACTIVE)
                for s in outcome.page.items[:TOP]
            ]
            answers.append(
                Answer(
                    judged,
                    results,
                    outcome.problems,
                    outcome.page.total,
                    ideal_grades(judged, listings),
                )
            )
            db.session.rollback()
    return answers


# ---- the report --------------------------------------------------------------------------


def describe(judged: Judged) -> str:
    where = judged.get("where")
    return repr(judged["query"]) + (f" near {where!r}" if where else "")


def summary_rows(answers: list[Answer]) -> list[tuple[str, int, float, float, float]]:
    by_kind: dict[str, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_kind[answer.judged["kind"]].append(answer)
    rows = []
    for kind, group in [*sorted(by_kind.items()), ("all", answers)]:
        n = len(group)
        rows.append(
            (
                kind,
                n,
                sum(a.ndcg for a in group) / n,
                sum(a.good_first for a in group) / n,
                sum(a.good_in_three for a in group) / n,
            )
        )
    return rows


def report(answers: list[Answer], show_all: bool) -> None:
    print(f"{'kind':<16}{'searches':>9}{'nDCG@5':>9}{'first':>8}{'top 3':>8}")
    for kind, n, ndcg, first, three in summary_rows(answers):
        if kind == "all":
            print("-" * 50)
        print(f"{kind:<16}{n:>9}{ndcg:>9.3f}{first:>8.0%}{three:>8.0%}")

    failures = [a for a in answers if not a.good_first]
    print(f"\nSearches whose first result is not a good one ({len(failures)}):")
    for answer in sorted(failures, key=lambda a: (a.ndcg, a.judged["kind"])):
        print(f"\n  [{answer.judged['kind']}] {describe(answer.judged)}  nDCG@5 {answer.ndcg:.2f}")
        print_results(answer, 3)

    if show_all:
        print("\nEvery search, first five results (* ideal, + acceptable):")
        for answer in answers:
            print(
                f"\n  [{answer.judged['kind']}] {describe(answer.judged)}  nDCG@5 {answer.ndcg:.2f}"
            )
            print_results(answer, TOP)


def print_results(answer: Answer, count: int) -> None:
    for problem in answer.problems.values():
        print(f"      (page says: {problem})")
    if not answer.results:
        print("      no results")
    marks = {2: "*", 1: "+", 0: " "}
    for number, (name, organisation, is_open) in enumerate(answer.results[:count], start=1):
        closed = "" if is_open else ", temporarily closed"
        print(f"    {marks[answer.gain(number - 1)]} {number}. {name} ({organisation}{closed})")
    if answer.results:
        print(f"      ({answer.total} results)")


DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@contextmanager
def _database(backend: str, server: str) -> Iterator[str | None]:
    """None for SQLite in the run's folder; a PostgreSQL database made and dropped here."""
    if backend != "postgresql":
        yield None
        return
    from bench.backends import postgres_database

    with postgres_database(server, None, False) as url:
        yield url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--show-all", action="store_true", help="print every search's top 5")
    parser.add_argument("--backend", choices=("whoosh", "postgresql"), default="whoosh")
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL server URL")
    options = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="portal-relevance-") as folder,
        _database(options.backend, options.server) as url,
    ):
        started = time.perf_counter()
        app = make_demo(Path(folder), url)
        listings = demo_listings(app)
        check_names(listings)
        print(
            f"Demo loaded and indexed in {time.perf_counter() - started:.0f} s; "
            f"{len(JUDGED)} judged searches.\n"
        )
        run(app, listings)  # once to warm caches and readers, then measured
        TIMINGS.clear()
        answers = run(app, listings)
        report(answers, options.show_all)
        ordered = sorted(TIMINGS)
        print(
            f"\nservices.search over the {len(ordered)} searches: "
            f"p50 {ordered[len(ordered) // 2]:.1f} ms, "
            f"p95 {ordered[int(len(ordered) * 0.95)]:.1f} ms, max {ordered[-1]:.1f} ms"
        )
        close_search_readers()
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()

"""The PostgreSQL search backend behind `portal.search.backend.SearchBackend`.

Search rows live in the listings' own database (`models`) and are written in the transaction
that changes a listing (`writing.write_touched`, run before every commit of an app using this
backend), so every server sees every change on its next request: there is no index to
rebuild, repair or lock. `sync`, `rebuild` and `repair` exist for what the ORM does not see
(bulk statements, vocabulary renames, a database upgraded to this version).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Collection
from datetime import date
from functools import partial

from flask import Flask, current_app, has_app_context
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from portal.directory.models import Service
from portal.directory.services import public_services
from portal.extensions import db
from portal.search.backend import (
    EXTENSION_KEY,
    Centre,
    Ranked,
    SearchStatus,
    SearchUnavailable,
)
from portal.search.plans import Thesaurus
from portal.search.postgres import ranking, spelling, writing
from portal.search.postgres.models import SearchListing
from portal.search.query import SearchQuery

#: PostgreSQL's codes for a transaction it chose to cancel (a deadlock, a serialization
#: failure): the work is simply tried again.
RETRY_CODES = ("40P01", "40001")
ATTEMPTS = 3


def _ours(session: Session) -> bool:
    """Whether this session belongs to an app whose search backend is this one."""
    if not has_app_context():
        return False
    backend = current_app.extensions.get(EXTENSION_KEY)
    if not isinstance(backend, PostgresBackend):
        return False
    return session.get_bind().dialect.name == "postgresql"


def write_before_commit(session: Session) -> None:
    """Session `before_commit`: the touched listings' search rows join the transaction."""
    if _ours(session):
        writing.write_touched(session)


def _retrying(work: Callable[[Session], object]) -> object:
    """Run `work` in a session of its own, committed; tried again when PostgreSQL cancels
    it to break a deadlock."""
    for attempt in range(1, ATTEMPTS + 1):
        with Session(db.engine) as session:
            try:
                result = work(session)
                session.commit()
                return result
            except OperationalError as error:
                session.rollback()
                code = getattr(error.orig, "sqlstate", None)
                if code not in RETRY_CODES or attempt == ATTEMPTS:
                    raise
                time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")


class PostgresBackend:
    name = "postgresql"

    def install(self, app: Flask) -> None:
        if not event.contains(Session, "before_commit", write_before_commit):
            event.listen(Session, "before_commit", write_before_commit)

    def prepare(self) -> bool:
        """Fill the search rows of a database upgraded to this version (none yet, but public
        listings exist); otherwise nothing: every commit keeps them."""
        try:
            has_rows = db.session.scalar(select(SearchListing.service_id).limit(1)) is not None
            has_public = db.session.scalar(public_services().with_only_columns(Service.id).limit(1))
        except DBAPIError as error:
            db.session.rollback()
            current_app.logger.warning(
                "Search tables unreadable (%s): run `flask db upgrade`", error
            )
            return False
        if has_rows or has_public is None:
            return False
        self.rebuild()
        return True

    def sync(self, service_ids: Collection[uuid.UUID]) -> None:
        """Rewrite these listings' rows in a transaction of its own. Never raises."""
        ids = sorted(set(service_ids))
        for start in range(0, len(ids), writing.BATCH):
            batch = ids[start : start + writing.BATCH]
            try:
                _retrying(partial(writing.write, service_ids=batch))
            except Exception:
                current_app.logger.exception(
                    "Could not write the search rows of %d listing(s): `flask search repair` "
                    "writes them",
                    len(batch),
                )

    def rebuild(self, progress: Callable[[int], None] | None = None, processes: int = 1) -> int:
        """Every public listing's row afresh, in batches (`processes` is not needed here);
        then a vacuum, so searches read the new rows' pages through the indexes alone (the
        visibility map) and the statistics the planner and `rarity` use are the new ones."""
        with Session(db.engine) as session:
            count = writing.rebuild_rows(session, progress)
            writing.prune_words(session)
            session.commit()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(
                text("VACUUM (ANALYZE) search_listings, search_positions, search_words")
            )
        return count

    def repair(self) -> str:
        """Rows that disagree with the listings (missing, older, or no longer public)
        rewritten or removed, and unused spelling words pruned."""
        with Session(db.engine) as session:
            stale, extra = writing.out_of_step(session)
            session.rollback()
        self.sync([*stale, *extra])
        pruned = _retrying(writing.prune_words)
        return (
            f"Search rows: {len(stale)} written (missing or out of date), {len(extra)} removed "
            f"(no longer public); {pruned} unused spelling word(s) pruned."
        )

    def status(self) -> SearchStatus:
        """Ok while the search tables answer. Rows out of step with the listings are a note,
        not a failure: every server shares them, so a 503 would take every server out of the
        load balancer at once while each can still search; the hourly repair (`flask jobs
        run`) or `flask search repair` writes them."""
        counts = select(  # one statement, one snapshot: both counts see the same commits
            select(func.count()).select_from(SearchListing).scalar_subquery(),
            select(func.count()).select_from(public_services().subquery()).scalar_subquery(),
        )
        try:
            documents, public = db.session.execute(counts).one()
        except DBAPIError:
            db.session.rollback()
            return SearchStatus(
                self.name, False, 0, "The search tables are missing: run `flask db upgrade`."
            )
        if documents == public:
            return SearchStatus(self.name, True, documents)
        if documents < public:
            note = f"{public - documents} listings are missing from search"
        else:
            note = f"{documents - public} listings no longer public are still in search"
        return SearchStatus(self.name, True, documents, notes=f"{note}: run `flask search repair`")

    def rank(
        self,
        query: SearchQuery,
        centre: Centre | None,
        start: int,
        stop: int,
        thesaurus: Thesaurus,
        today: date,
    ) -> Ranked:
        try:
            return ranking.rank(db.session(), query, centre, (start, stop), thesaurus, today)
        except DBAPIError as error:
            db.session.rollback()
            raise SearchUnavailable(f"The database could not search: {error.orig}") from error

    def suggest(self, text: str) -> str | None:
        try:
            return spelling.suggest(db.session(), text)
        except DBAPIError:
            db.session.rollback()
            current_app.logger.exception("Spelling suggestions failed")
            return None

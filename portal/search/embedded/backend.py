"""The Whoosh backend behind `portal.search.backend.SearchBackend`: an index in files under
`PORTAL_SEARCH_DIR`, written after each commit, checked once a minute per worker, rebuilt in
the background (never inside a request) when it is missing or damaged.

While it cannot answer (no usable index yet, a damaged one, or a Whoosh other than the one the
engine was written for) `rank` raises `SearchUnavailable` and the caller answers from the
database.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from datetime import date

from flask import Flask, current_app
from sqlalchemy.exc import SQLAlchemyError

from portal.extensions import db
from portal.search.backend import Centre, Ranked, SearchStatus, SearchUnavailable
from portal.search.embedded import backlog, checks, engine, upkeep
from portal.search.embedded.index import directory, index_status, writable_problem
from portal.search.embedded.locking import rebuild_in_progress
from portal.search.embedded.readers import close_all, open_index_for
from portal.search.plans import Thesaurus
from portal.search.query import SearchQuery


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class WhooshBackend:
    name = "whoosh"

    def install(self, app: Flask) -> None:
        pass

    def prepare(self) -> bool:
        """Before the server answers: build a missing or outdated index, else compare every
        listing with it (whatever changed while no server ran; workers' own checks look only
        at recent changes). Never fails the start for a repair: it is logged and retried."""
        if upkeep.prepare_index():
            return True
        upkeep.repair_quietly()
        return False

    def sync(self, service_ids: Collection[uuid.UUID]) -> None:
        upkeep.sync(service_ids)

    def rebuild(self, progress: Callable[[int], None] | None = None, processes: int = 1) -> int:
        return upkeep.rebuild_index(progress, processes)

    def repair(self) -> str:
        """Repairs a usable index; builds one that is missing, damaged or from an older
        schema (this is a command or a job, never a request)."""
        problem = index_status().problem
        if upkeep.prepare_index():
            held = _plural(index_status().documents, "listing")
            return f"Rebuilt the search index ({problem}): it holds {held}."
        return str(upkeep.repair_index())

    def status(self) -> SearchStatus:
        found = index_status()
        rebuilding = rebuild_in_progress(directory())
        problems = [] if found.ok else [found.problem or "search index unreadable"]
        if rebuilding and not found.ok:
            doing = "rebuilding" if any(directory().glob("*.toc")) else "building"
            problems.insert(0, f"{doing}: searches are answered from the database meanwhile")
        if found.ok:
            problems += _reader_problems()
        problems += _backlog_problems()
        unwritable = writable_problem()
        if unwritable:
            problems.append(f"cannot be written: {unwritable}")
        notes = "rebuilding: searches use the current index meanwhile" if rebuilding else None
        if problems:
            return SearchStatus(self.name, False, found.documents, "; ".join(problems))
        return SearchStatus(self.name, True, found.documents, notes=notes)

    def rank(
        self,
        query: SearchQuery,
        centre: Centre | None,
        start: int,
        stop: int,
        thesaurus: Thesaurus,
        today: date,
    ) -> Ranked:
        """Ranks with the index. A failed read has the index checked (and rebuilt in the
        background when damaged); one retry if it then looks fine, else `SearchUnavailable`."""
        upkeep.ensure_index()
        try:
            return _rank(query, centre, start, stop, thesaurus, today)
        except checks.WhooshChanged as error:  # already logged; a rebuild would not help
            raise SearchUnavailable(str(error)) from error
        except Exception as error:  # IndexUnavailable, or a read failure the readers missed
            _unreadable(error)
        if upkeep.ensure_index(force=True, damaged=True):
            try:
                return _rank(query, centre, start, stop, thesaurus, today)
            except checks.WhooshChanged as error:
                raise SearchUnavailable(str(error)) from error
            except Exception as error:
                _unreadable(error)
        raise SearchUnavailable("the search index cannot be read; it is being rebuilt")

    def suggest(self, text: str) -> str | None:
        try:
            return engine.suggest(text)
        except Exception as error:  # no spelling help is better than no answer
            _unreadable(error)
            return None


def _rank(
    query: SearchQuery,
    centre: Centre | None,
    start: int,
    stop: int,
    thesaurus: Thesaurus,
    today: date,
) -> Ranked:
    return engine.rank(query, centre, start, stop, thesaurus, today)


def _unreadable(error: Exception) -> None:
    current_app.logger.warning("Search index unreadable (%s: %s)", error.__class__.__name__, error)
    close_all()


def _reader_problems() -> list[str]:
    """What a search would meet reading the index now (each segment's fast paths checked)."""
    try:
        with open_index_for(directory()).snapshot():
            pass
    except checks.WhooshChanged as error:
        return [str(error)]
    except Exception as error:
        close_all()
        return [f"search index unreadable: {error.__class__.__name__}"]
    changed = checks.last_problem()
    return [changed] if changed else []


def _backlog_problems() -> list[str]:
    """Listings waiting after failed writes: the index is behind. (Without a database there
    is nothing to say here: the database's own problem is reported.)"""
    try:
        waiting = backlog.summary()
    except SQLAlchemyError:
        db.session.rollback()
        return []
    if not waiting.count:
        return []
    return [
        f"behind: {_plural(waiting.count, 'listing')} waiting to be indexed since "
        f"{waiting.oldest:%Y-%m-%d %H:%M} UTC (last error: {waiting.last_error})"
    ]

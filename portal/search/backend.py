"""The one interface every search backend offers, and which backend an app uses.

Two backends answer it:

- `whoosh` (`portal.search.embedded`): the embedded default for one machine with SQLite, an
  index in files under the instance folder, kept in step after each commit and repaired or
  rebuilt in the background when it falls behind;
- `postgresql` (`portal.search.postgres`): full-text search in the same PostgreSQL database,
  written in the same transaction as the listing, so every server sees every change on its
  next request and there is nothing to rebuild, repair or lock.

`PORTAL_SEARCH_BACKEND` chooses ("whoosh" or "postgresql"); left empty, PostgreSQL databases
use `postgresql` and every other database `whoosh`. Nothing outside `portal.search` imports a
backend's modules: other packages call the functions of `portal.search`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from flask import Flask, current_app

from portal.search.plans import Thesaurus
from portal.search.query import SearchQuery

BACKENDS = ("whoosh", "postgresql")


class SearchUnavailable(RuntimeError):
    """The backend cannot answer just now (an index missing, damaged or being rebuilt): the
    caller answers from the database (`portal.search.fallback`) or says so."""


@dataclass(frozen=True)
class Centre:
    """The middle of a place search."""

    latitude: float
    longitude: float


@dataclass
class Ranked:
    """One page of a search's results, as ids in the order shown, and how many there are."""

    ids: list[str]
    total: int
    distances: dict[str, float | None] = field(default_factory=dict)
    suggestion: str | None = None
    any_word: bool = False  # no listing had every word, so these match some of them
    incomplete: bool = False  # answered from the database: the backend could not answer


@dataclass(frozen=True)
class SearchStatus:
    """What `/healthz` and `flask search status` say about search.

    `ok`: searches are answered by the backend (not the database fallback); `documents`: how
    many listings it holds; `problem`: why not ok, in words an operator can act on; `notes`:
    anything else worth saying while ok (a rebuild running beside a usable index)."""

    backend: str
    ok: bool
    documents: int
    problem: str | None = None
    notes: str | None = None


class SearchBackend(Protocol):
    """What `portal.search` asks of a backend. `service_ids` are listing ids (UUIDs)."""

    name: str

    def install(self, app: Flask) -> None:
        """Called once by `create_app`: register what the backend needs (session hooks)."""

    def prepare(self) -> bool:
        """Before a server answers: build what is missing (the embedded index). Never called
        inside a person's request. True when something was built."""

    def sync(self, service_ids: Collection[uuid.UUID]) -> None:
        """Bring these listings' search entries in line with the database, after their change
        committed: added, changed, or taken out when no longer public. Never raises."""

    def rebuild(self, progress: Callable[[int], None] | None = None, processes: int = 1) -> int:
        """Make every public listing's entry afresh (a command, never a request); returns how
        many listings search now holds."""

    def repair(self) -> str:
        """Bring entries that disagree with the database back in line; says what it did."""

    def status(self) -> SearchStatus:
        """Whether search can answer, and how many listings it holds."""

    def rank(
        self,
        query: SearchQuery,
        centre: Centre | None,
        start: int,
        stop: int,
        thesaurus: Thesaurus,
        today: date,
    ) -> Ranked:
        """Positions `start:stop` of the ordered results and their total, by the rules of
        `portal.search.plans` (every word, then any word, then the thesaurus's needs) and the
        orders of the search page; open listings before temporarily closed ones. Raises
        `SearchUnavailable` when it cannot answer."""

    def suggest(self, text: str) -> str | None:
        """`text` with each word the directory does not know replaced by the nearest known
        one (spelling); None when every word is known."""


def configured_name(app: Flask) -> str:
    """The backend this app uses (see the module's docstring)."""
    chosen = (app.config.get("PORTAL_SEARCH_BACKEND") or "").strip().lower()
    if chosen:
        if chosen not in BACKENDS:
            raise ValueError(
                f"PORTAL_SEARCH_BACKEND must be one of {', '.join(BACKENDS)}, not {chosen!r}"
            )
        return chosen
    uri = str(app.config.get("SQLALCHEMY_DATABASE_URI", ""))
    return "postgresql" if uri.startswith("postgresql") else "whoosh"


def make_backend(app: Flask) -> SearchBackend:
    name = configured_name(app)
    if name == "postgresql":
        if not str(app.config.get("SQLALCHEMY_DATABASE_URI", "")).startswith("postgresql"):
            raise ValueError("PORTAL_SEARCH_BACKEND=postgresql needs a PostgreSQL DATABASE_URL")
        from portal.search.postgres.backend import PostgresBackend

        return PostgresBackend()
    from portal.search.embedded.backend import WhooshBackend

    return WhooshBackend()


EXTENSION_KEY = "portal.search.backend"


def init_app(app: Flask) -> None:
    backend = make_backend(app)
    app.extensions[EXTENSION_KEY] = backend
    backend.install(app)


def current_backend() -> SearchBackend:
    return current_app.extensions[EXTENSION_KEY]

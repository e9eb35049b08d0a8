"""The Whoosh backend behind `portal.search.backend.SearchBackend` (interim: delegates to the
modules that still sit at the top of `portal.search`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from datetime import date

from flask import Flask

from portal.search.backend import Centre, Ranked, SearchStatus, SearchUnavailable
from portal.search.plans import Thesaurus
from portal.search.query import SearchQuery


class WhooshBackend:
    name = "whoosh"

    def install(self, app: Flask) -> None:
        pass

    def prepare(self) -> bool:
        from portal.search.upkeep import ensure_index

        return ensure_index(force=True)

    def sync(self, service_ids: Collection[uuid.UUID]) -> None:
        from portal.directory.services import reindex_service

        for service_id in service_ids:
            reindex_service(service_id)

    def rebuild(self, progress: Callable[[int], None] | None = None, processes: int = 1) -> int:
        from portal.search.upkeep import rebuild_index

        return rebuild_index(progress, processes)

    def repair(self) -> str:
        from portal.search.upkeep import repair_index

        return str(repair_index())

    def status(self) -> SearchStatus:
        from portal.search.index import index_status

        found = index_status()
        return SearchStatus(self.name, found.ok, found.documents, found.problem)

    def rank(
        self,
        query: SearchQuery,
        centre: Centre | None,
        start: int,
        stop: int,
        thesaurus: Thesaurus,
        today: date,
    ) -> Ranked:
        from portal.search import engine
        from portal.search.readers import IndexUnavailable
        from portal.search.services import closed_ids

        try:
            return engine.rank(query, centre, start, stop, thesaurus, today, closed=closed_ids())
        except IndexUnavailable as error:
            raise SearchUnavailable(str(error)) from error

    def suggest(self, text: str) -> str | None:
        return None

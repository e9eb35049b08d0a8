"""The Whoosh index under `PORTAL_SEARCH_DIR`: open, build, update, query, check."""

from __future__ import annotations

import gc
import shutil
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.qparser import MultifieldParser, OrGroup

from portal.directory.models import Service

SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    name=TEXT(analyzer=StemmingAnalyzer(), field_boost=3.0),
    description=TEXT(analyzer=StemmingAnalyzer()),
    organisation=TEXT(field_boost=1.5),
    terms=KEYWORD(lowercase=True, commas=True, scorable=True),
    term_names=TEXT(analyzer=StemmingAnalyzer(), field_boost=2.0),
    place=TEXT(),
    # Coordinates are stored, not indexed: Whoosh range queries on them are far too slow.
    latitude=STORED(),
    longitude=STORED(),
)


@dataclass(frozen=True)
class IndexStatus:
    ok: bool
    documents: int
    problem: str | None = None


def _directory() -> Path:
    return Path(current_app.config["PORTAL_SEARCH_DIR"])


def _open():
    return whoosh_index.open_dir(str(_directory()))


def _document(service: Service) -> dict:
    terms = [a.taxonomy_term for a in service.attributes]
    located = [loc for loc in service.locations if loc.latitude is not None]
    first = located[0] if located else None
    places = " ".join(
        filter(None, [part for loc in service.locations for part in (loc.city, loc.postal_code)])
    )
    return {
        "id": str(service.id),
        "name": service.name,
        "description": service.description or "",
        "organisation": service.organisation.name,
        "terms": ",".join(term.code for term in terms),
        "term_names": " ".join(term.name for term in terms),
        "place": places,
        "latitude": first.latitude if first else None,
        "longitude": first.longitude if first else None,
    }


def rebuild(services: Iterable[Service], progress: Callable[[int], None] | None = None) -> int:
    """Replace the whole index with these services. Returns how many were indexed."""
    target = _directory()
    building = target.with_name(target.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    ix = whoosh_index.create_in(str(building), SCHEMA)
    count = 0
    with ix.writer(limitmb=256) as writer:
        for service in services:
            writer.add_document(**_document(service))
            count += 1
            if progress:
                progress(count)
    ix.close()
    shutil.rmtree(target, ignore_errors=True)
    building.rename(target)
    return count


def upsert(service: Service) -> None:
    """Add or replace one service; call after its transaction has committed."""
    with _open().writer() as writer:
        writer.update_document(**_document(service))


def remove(service_id: str) -> None:
    with _open().writer() as writer:
        writer.delete_by_term("id", str(service_id))


@dataclass(frozen=True)
class Hit:
    id: str
    latitude: float | None
    longitude: float | None


def search_ids(text: str, limit: int = 1000) -> list[Hit]:
    """Services matching `text`, best first, with their stored coordinates."""
    ix = _open()
    parser = MultifieldParser(
        ["name", "description", "organisation", "term_names", "place"], ix.schema, group=OrGroup
    )
    query = parser.parse(text)
    try:
        with ix.searcher() as searcher:
            return [
                Hit(hit["id"], hit.get("latitude"), hit.get("longitude"))
                for hit in searcher.search(query, limit=limit)
            ]
    finally:
        ix.close()


def index_status() -> IndexStatus:
    """Whether the index opens and answers, and how many documents it holds."""
    directory = _directory()
    if not (directory / "_MAIN_WRITELOCK").exists() and not any(directory.glob("*.toc")):
        return IndexStatus(False, 0, f"no search index in {directory}")
    try:
        ix = _open()
        try:
            with ix.searcher() as searcher:
                return IndexStatus(True, searcher.doc_count())
        finally:
            ix.close()
    except Exception as error:  # a damaged index shows up as any of Whoosh's many errors
        problem = f"search index unreadable: {error.__class__.__name__}"
    _release_abandoned_files()
    return IndexStatus(False, 0, problem)


def _release_abandoned_files() -> None:
    """Whoosh leaves a damaged index's files open when it fails; close them now, quietly."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()

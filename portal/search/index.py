"""The Whoosh index under `PORTAL_SEARCH_DIR`: create, rebuild, update, check.

Writers wait for Whoosh's lock (`WRITE_TIMEOUT_SECONDS`) instead of failing, so several gunicorn
workers can update it at once without losing an update. A `VERSION` file beside the index says
which schema built it; an index from another schema counts as stale and is rebuilt.
"""

from __future__ import annotations

import gc
import shutil
import warnings
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from whoosh import index as whoosh_index
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.columns import NumericColumn, PickleColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, TEXT, Schema

from portal.directory.models import Service
from portal.search.documents import LAYOUT_FINGERPRINT, NO_MAXIMUM_AGE, document

#: Bump when the schema changes; the bit layout of the facets column is part of the version.
SCHEMA_VERSION = f"3-{LAYOUT_FINGERPRINT}"
WRITE_TIMEOUT_SECONDS = 30.0


def _text(boost: float = 1.0, stemmed: bool = True) -> TEXT:
    """Words without positions: search matches words, never exact phrases, so positions would
    only make the index bigger and slower to read and write."""
    analyzer = StemmingAnalyzer() if stemmed else StandardAnalyzer()
    return TEXT(analyzer=analyzer, field_boost=boost, phrase=False)


SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    name=_text(4.0),
    description=_text(),
    organisation=_text(1.5, stemmed=False),
    term_names=_text(2.5),
    spell=TEXT(analyzer=StandardAnalyzer(), spelling=True, phrase=False),
    place=_text(stemmed=False),
    needs=KEYWORD(lowercase=True, commas=True),
    audiences=KEYWORD(lowercase=True, commas=True),
    # Columns: one value per document, read as whole arrays by portal.search.segments.
    facets=COLUMN(NumericColumn("Q")),
    min_age=COLUMN(NumericColumn("B")),
    max_age=COLUMN(NumericColumn("B", default=NO_MAXIMUM_AGE)),
    reviewed=COLUMN(NumericColumn("i")),
    positions=COLUMN(VarBytesColumn()),
    schedules=COLUMN(PickleColumn(VarBytesColumn())),
)
TEXT_FIELDS = ("name", "description", "organisation", "term_names", "place")


@dataclass(frozen=True)
class IndexStatus:
    ok: bool
    documents: int
    problem: str | None = None


def directory() -> Path:
    return Path(current_app.config["PORTAL_SEARCH_DIR"])


def open_index():
    return whoosh_index.open_dir(str(directory()))


@contextmanager
def writer():
    """A writer that waits its turn for the lock, committed when the block ends."""
    ix = open_index()
    try:
        with ix.writer(timeout=WRITE_TIMEOUT_SECONDS, delay=0.05) as w:
            yield w
    finally:
        ix.close()


def rebuild(
    services: Iterable[Service],
    progress: Callable[[int], None] | None = None,
    processes: int = 1,
) -> int:
    """Replace the whole index with these services (built aside, then swapped in).

    With `processes` above 1 Whoosh analyses and writes in that many worker processes while
    this one reads the database, leaving one segment per process (search reads them all).
    Only a command should ask for that: never fork a web worker.
    """
    target = directory()
    building = target.with_name(target.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    ix = whoosh_index.create_in(str(building), SCHEMA)
    count = 0
    options = {"limitmb": 256}
    if processes > 1:
        options = {"procs": processes, "limitmb": 128, "multisegment": True}
    with ix.writer(**options) as w:
        for service in services:
            w.add_document(**document(service))
            count += 1
            if progress:
                progress(count)
    ix.close()
    (building / "VERSION").write_text(SCHEMA_VERSION)
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    building.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return count


def upsert(service: Service) -> None:
    """Add or replace one service; call after its transaction has committed."""
    upsert_many([service])


def _exists() -> bool:
    """Whether there is an index to update. Without one there is nothing to keep in step:
    the next search builds it from the database (`portal.search.upkeep.ensure_index`)."""
    return whoosh_index.exists_in(str(directory()))


def upsert_many(services: Iterable[Service]) -> None:
    """Add or replace several services in one commit (nothing is written for none)."""
    documents = [document(service) for service in services]
    if documents and _exists():
        with writer() as w:
            for doc in documents:
                w.update_document(**doc)


def remove(service_id: str) -> None:
    remove_many([service_id])


def remove_many(service_ids: Iterable[str]) -> None:
    ids = [str(i) for i in service_ids]
    if ids and _exists():
        with writer() as w:
            for service_id in ids:
                w.delete_by_term("id", service_id)


def indexed_ids() -> set[str]:
    """Every service id in the index, read from the term list (no stored fields touched)."""
    ix = open_index()
    try:
        with ix.searcher() as searcher:
            return {
                term.decode() if isinstance(term, bytes) else term
                for term in searcher.lexicon("id")
            }
    finally:
        ix.close()


def index_status() -> IndexStatus:
    """Whether the index opens, answers, and was built by this schema."""
    folder = directory()
    if not any(folder.glob("*.toc")):
        return IndexStatus(False, 0, f"no search index in {folder}")
    version = folder / "VERSION"
    if not version.exists() or version.read_text().strip() != SCHEMA_VERSION:
        return IndexStatus(False, 0, "search index is from an older version: rebuild it")
    try:
        ix = open_index()
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

"""The Whoosh index under `PORTAL_SEARCH_DIR`: create, rebuild, update, check.

Writers wait for Whoosh's lock (`WRITE_TIMEOUT_SECONDS`) instead of failing, so several gunicorn
workers can update it at once without losing an update. A `VERSION` file beside the index says
which schema built it; an index from another schema counts as stale and is rebuilt.

Writers and the repair read segment files plainly, never memory-mapped: a file cut short under
a mapped reader kills the process with SIGBUS, while a plain read fails with an exception.
Searches do map them, for speed, and check each file before use (`portal.search.embedded.readers`).
A write that fails after the database committed never reaches the person: `upsert` and `remove`
log it and queue the listing (`portal.search.embedded.backlog`) for the next repair.
"""

from __future__ import annotations

import gc
import os
import secrets
import shutil
import warnings
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.columns import NumericColumn, PickleColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import FileStorage

from portal.directory.models import Service
from portal.search.documents import LAYOUT_FINGERPRINT, NO_MAXIMUM_AGE, document
from portal.search.embedded import backlog
from portal.search.embedded.locking import rebuild_lock
from portal.search.embedded.segments import column_values

#: Bump when the schema changes; the bit layout of the facets column is part of the version.
SCHEMA_VERSION = f"4-{LAYOUT_FINGERPRINT}"
WRITE_TIMEOUT_SECONDS = 30.0


def _text(boost: float = 1.0, stemmed: bool = True) -> TEXT:
    """Words without positions: search matches words, never exact phrases, so positions would
    only make the index bigger and slower to read and write."""
    analyzer = StemmingAnalyzer() if stemmed else StandardAnalyzer()
    return TEXT(analyzer=analyzer, field_boost=boost, phrase=False)


SCHEMA = Schema(
    id=ID(stored=True, unique=True, sortable=True),  # sortable: a column, read whole by repair
    name=_text(4.0),
    description=_text(),
    organisation=_text(1.5, stemmed=False),
    term_names=_text(2.5),
    spell=TEXT(analyzer=StandardAnalyzer(), spelling=True, phrase=False),
    place=_text(stemmed=False),
    needs=KEYWORD(lowercase=True, commas=True),
    audiences=KEYWORD(lowercase=True, commas=True),
    # Columns: one value per document, read as whole arrays by portal.search.embedded.segments.
    facets=COLUMN(NumericColumn("Q")),
    min_age=COLUMN(NumericColumn("B")),
    max_age=COLUMN(NumericColumn("B", default=NO_MAXIMUM_AGE)),
    reviewed=COLUMN(NumericColumn("i")),
    positions=COLUMN(VarBytesColumn()),
    schedules=COLUMN(PickleColumn(VarBytesColumn())),
    # The service's updated_at in microseconds: repair compares it with the database's.
    content_version=COLUMN(NumericColumn("q")),
)
TEXT_FIELDS = ("name", "description", "organisation", "term_names", "place")


@dataclass(frozen=True)
class IndexStatus:
    ok: bool
    documents: int
    problem: str | None = None


def directory() -> Path:
    return Path(current_app.config["PORTAL_SEARCH_DIR"])


def storage(folder: Path) -> FileStorage:
    """The folder's files, read without mmap (see the module's docstring): for writing,
    building and the repair; searches read through `portal.search.embedded.readers`."""
    return FileStorage(str(folder), supports_mmap=False)


def open_index():
    return storage(directory()).open_index()


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

    Holds the rebuild lock (`portal.search.embedded.locking`) throughout, so only one process
    builds at a time, each in a folder of its own: two workers rebuilding into one folder
    destroyed each other's files. With `processes` above 1 Whoosh analyses and writes in that many
    worker processes while this one reads the database, leaving one segment per process
    (search reads them all). Only a command should ask for that: never fork a web worker.
    """
    target = directory()
    with rebuild_lock(target):
        _remove_abandoned(target)
        building = target.with_name(f"{target.name}.building-{os.getpid()}-{secrets.token_hex(4)}")
        building.mkdir(parents=True)
        try:
            count = _build(building, services, progress, processes)
            _swap_in(building, target)
        finally:
            shutil.rmtree(building, ignore_errors=True)
    return count


def _remove_abandoned(target: Path) -> None:
    """Folders left by rebuilds that died (only the lock's holder may call this)."""
    for leftover in target.parent.glob(f"{target.name}.building*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in target.parent.glob(f"{target.name}.old*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _build(building: Path, services, progress, processes: int) -> int:
    ix = storage(building).create_index(SCHEMA)
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
    return count


def _swap_in(building: Path, target: Path) -> None:
    """Two renames: readers see the old folder or the new one, or for an instant neither
    (they then answer from the database for that one search)."""
    old = target.with_name(f"{target.name}.old-{os.getpid()}-{secrets.token_hex(4)}")
    if target.exists():
        target.rename(old)
    building.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def upsert(service: Service) -> None:
    """Add or replace one service; call after its transaction has committed. Never raises."""
    upsert_many([service])


def _exists() -> bool:
    """Whether there is an index to update. Without one there is nothing to keep in step: it
    is built from the database by `prepare`, or in the background by the next search."""
    return storage(directory()).index_exists()


def upsert_many(services: Iterable[Service]) -> None:
    """Add or replace several services in one commit. Never raises: the change has committed,
    so a failed write is logged and queued for the repair instead of failing the request."""
    services = list(services)
    try:
        write_services(services)
    except Exception as error:  # disk full, read-only folder, damaged index, lock timeout
        _queue(error, [s.id for s in services])


def write_services(services: Iterable[Service]) -> None:
    """Add or replace services in one commit, raising when the index cannot be written."""
    documents = [document(service) for service in services]
    if documents and _exists():
        with writer() as w:
            for doc in documents:
                w.update_document(**doc)


def remove(service_id: str) -> None:
    remove_many([service_id])


def remove_many(service_ids: Iterable[str]) -> None:
    """Take services out of the index; never raises (see `upsert_many`)."""
    ids = [str(i) for i in service_ids]
    try:
        delete_ids(ids)
    except Exception as error:
        _queue(error, ids)


def delete_ids(service_ids: Iterable[str]) -> None:
    """Take services out of the index in one commit, raising when it cannot be written."""
    ids = [str(i) for i in service_ids]
    if ids and _exists():
        with writer() as w:
            for service_id in ids:
                w.delete_by_term("id", service_id)


def _queue(error: Exception, service_ids: list) -> None:
    current_app.logger.error(
        "Search index write failed for %d listing(s), queued for repair: %s: %s",
        len(service_ids),
        error.__class__.__name__,
        error,
    )
    backlog.queue(service_ids, error)


def indexed_ids() -> set[str]:
    """Every service id in the index, read from the term list (no stored fields touched)."""
    return set(indexed_versions())


def indexed_versions() -> dict[str, int]:
    """Each live document's service id and content version, read as whole columns."""
    found: dict[str, int] = {}
    ix = open_index()
    try:
        with ix.searcher() as searcher:
            for reader, _offset in searcher.reader().leaf_readers():
                if reader.segment() is None:
                    continue
                ids = list(reader.column_reader("id"))
                versions = column_values(reader, "content_version", "i8", 0)
                deleted = set(reader.segment().deleted_docs()) if reader.has_deletions() else set()
                pairs = zip(ids, versions.tolist(), strict=True)
                for doc, (service_id, version) in enumerate(pairs):
                    if doc not in deleted:
                        found[service_id] = version
    finally:
        ix.close()
    return found


def indexed_versions_of(service_ids: Iterable[str]) -> dict[str, int]:
    """The content version of each of these services the index holds (live documents only),
    looked up one by one: for a few listings, where `indexed_versions` reads whole columns."""
    found: dict[str, int] = {}
    ix = open_index()
    try:
        with ix.searcher() as searcher:
            versions = searcher.reader().column_reader("content_version")
            for service_id in service_ids:
                number = searcher.document_number(id=service_id)
                if number is not None:
                    found[service_id] = int(versions[number])
    finally:
        ix.close()
    return found


def writable_problem(folder: Path | None = None) -> str | None:
    """Why the index folder cannot be written (None when it can): a small file is created and
    deleted there, as a write would."""
    folder = folder or directory()
    probe_in = folder if folder.exists() else folder.parent
    probe = probe_in / f".write-check-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            os.write(fd, b"ok")
            os.fsync(fd)
        finally:
            os.close(fd)
        os.unlink(probe)
    except OSError as error:
        return f"cannot write to {probe_in}: {error.strerror or error}"
    return None


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

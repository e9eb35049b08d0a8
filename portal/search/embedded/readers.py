"""The index as a worker reads it: one searcher kept open per index folder, reopened when
the index changes, with the in-memory arrays of each of its segments.

Segment files are memory-mapped (reading them plainly made the slowest searches five times
slower), so a file cut short under a mapped reader would kill the worker with SIGBUS. Before
every search the size and inode of each segment file are compared with what was mapped: a file
that changed is unmapped before anything touches it, and reopened; a short file then fails as
it is opened (Whoosh reads a segment's directory from its end before it maps it). Any failure
while reading becomes `IndexUnavailable`, which the search answers around; `WhooshChanged`
(the installed Whoosh is not the one the fast paths were written for) passes through as it is.

Every search first checks that its searcher is the latest (a directory listing: the folder's
identity, which a rebuild's swap changes, and Whoosh's latest generation, which every commit
raises), so a change committed by any worker is searchable on the next request. Segments that
survive keep their arrays; only their deleted documents are read again.
"""

from __future__ import annotations

import math
import os
import pickle
import re
import struct
import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from portal.search.embedded.checks import WhooshChanged
from portal.search.embedded.segments import SegmentData

_TOC = re.compile(r"_MAIN_(\d+)\.toc")  # Whoosh writes a table of contents per generation


class IndexUnavailable(RuntimeError):
    """The index folder is missing or cannot be opened or read: rebuild it."""


#: What a damaged or truncated index raises while it is read (Whoosh has no error of its own
#: for it): short reads fail to unpack, unpickle or decompress, offsets fall outside files.
READ_FAILURES: tuple[type[Exception], ...] = (
    OSError,
    EOFError,
    ValueError,
    IndexError,
    KeyError,
    struct.error,
    zlib.error,
    pickle.UnpicklingError,
)


@dataclass(frozen=True)
class Leaf:
    """One segment as this searcher sees it: its arrays, its reader, where its document
    numbers start, and which of its documents are still live."""

    data: SegmentData
    reader: IndexReader
    offset: int
    live: np.ndarray


#: Misspelt words whose nearest known word a snapshot keeps (a new snapshot starts empty).
SPELLINGS_KEPT = 2000


@dataclass
class Snapshot:
    searcher: Searcher
    leaves: list[Leaf]
    #: word -> the nearest known word (None: none near enough), for this generation only:
    #: at 100,000 listings finding it costs up to 25 ms, and the same slips recur.
    spellings: dict[str, str | None] = field(default_factory=dict)

    def idf(self, terms: Iterable[tuple[str, str]]) -> float:
        """Whoosh's inverse document frequency of a word indexed as these (field, token)
        pairs, log(N / (df + 1)) + 1, with df its count in the field it is most common in:
        rarer words count for more."""
        frequency = max((self.searcher.doc_frequency(f, t) for f, t in terms), default=0)
        return math.log(self.searcher.doc_count_all() / (frequency + 1)) + 1

    def average_length(self, field: str) -> float:
        return self.searcher.avg_field_length(field) or 1.0

    def service_id(self, docnum: int) -> str:
        return self.searcher.stored_fields(docnum)["id"]


class OpenIndex:
    """A searcher on one folder for this process, reopened when the index changes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lock = threading.RLock()
        self._ix: Index | None = None
        self._identity: tuple | None = None
        self._snapshot: Snapshot | None = None
        self._segments: dict[str, SegmentData] = {}

    def _current_identity(self) -> tuple:
        try:
            inode = os.stat(self.folder).st_ino
            names = os.listdir(self.folder)
        except OSError as error:
            raise IndexUnavailable(str(error)) from error
        generation = max((int(m[1]) for n in names if (m := _TOC.fullmatch(n))), default=-1)
        if generation < 0:
            raise IndexUnavailable(f"no search index in {self.folder}")
        return inode, generation, self._segment_files(names)

    def _segment_files(self, names: list[str]) -> tuple:
        """Each segment file's name, size and inode: what a mapped reader must still find."""
        found = []
        for name in sorted(n for n in names if n.endswith(".seg")):
            try:
                stat = os.stat(self.folder / name)
            except FileNotFoundError:
                continue  # merged away by a writer since the listing
            found.append((name, stat.st_size, stat.st_ino))
        return tuple(found)

    @contextmanager
    def snapshot(self) -> Iterator[Snapshot]:
        """The latest snapshot, held (with this process's lock) for one search."""
        with self.lock:
            identity = self._current_identity()
            snapshot = self._snapshot
            if identity != self._identity or snapshot is None:
                snapshot = self._refresh(identity)
            try:
                yield snapshot
            except READ_FAILURES as error:  # a segment damaged after it was opened
                self.close()
                raise IndexUnavailable(f"{error.__class__.__name__}: {error}") from error

    def _refresh(self, identity: tuple) -> Snapshot:
        """Open the latest generation. Not Whoosh's `Searcher.refresh()`: it reuses the
        reader of a segment whose deleted documents changed, so deletions went unseen."""
        self._close_searcher()
        try:
            self._ix = index = FileStorage(str(self.folder)).open_index()
            searcher = index.searcher()
            self._snapshot = snapshot = Snapshot(searcher, self._leaves(searcher))
        except WhooshChanged:  # not damage: rebuilding would not help
            self.close()
            raise
        except Exception as error:  # a damaged index fails in many ways
            self.close()
            raise IndexUnavailable(f"{error.__class__.__name__}: {error}") from error
        self._identity = identity
        return snapshot

    def _leaves(self, searcher: Searcher) -> list[Leaf]:
        leaves, kept = [], {}
        for reader, offset in searcher.reader().leaf_readers():
            segment = reader.segment()
            if segment is None:  # an index with no documents yet has no segments
                continue
            data = self._segments.get(segment.segment_id()) or SegmentData(reader)
            kept[data.segment_id] = data
            live = np.ones(data.size, bool)
            if reader.has_deletions():
                live[np.fromiter(segment.deleted_docs(), np.int64)] = False
            leaves.append(Leaf(data, reader, offset, live))
        self._segments = kept
        return leaves

    def _close_searcher(self) -> None:
        if self._snapshot is not None:
            self._snapshot.searcher.close()
        if self._ix is not None:
            self._ix.close()
        self._ix, self._snapshot, self._identity = None, None, None

    def close(self) -> None:
        with self.lock:
            self._close_searcher()
            self._segments = {}


_open: dict[tuple[int, str], OpenIndex] = {}
_registry_lock = threading.Lock()


def open_index_for(folder: Path) -> OpenIndex:
    """This process's reader of `folder` (a forked worker opens its own)."""
    key = (os.getpid(), str(folder))
    with _registry_lock:
        if key not in _open:
            _open[key] = OpenIndex(folder)
        return _open[key]


def close_all() -> None:
    """Close every searcher this process holds (tests, and before a folder is deleted)."""
    with _registry_lock:
        for key, opened in list(_open.items()):
            if key[0] == os.getpid():
                opened.close()
                del _open[key]

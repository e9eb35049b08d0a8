"""What a worker keeps in memory for each Whoosh segment, as numpy arrays.

A Whoosh segment never changes once written (only its set of deleted documents does), so the
arrays read from it stay true for as long as the segment exists: per-document columns (facts
packed in bits, ages, last checked, positions), field lengths, and, as they are first asked
for, the documents holding each need or audience and the postings of each word. Search then
works on whole arrays at once instead of walking matchers one document at a time; see
`portal.search.engine`.

The fast paths read Whoosh-Reloaded 2.7's column and posting blocks directly (its readers hand
out one value at a time); each has a slow path through the public API for anything else, and
the tests check that both give the same arrays.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import date

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length

from portal.search.documents import NO_MAXIMUM_AGE, POSITION

#: Posting lists kept per segment, counted in postings (8 bytes each in memory).
POSTINGS_BUDGET = 6_000_000
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


def _numeric_column(reader, name: str, dtype: str, default: int) -> np.ndarray:
    """A NumericColumn as an array (Whoosh stores it big-endian, without trailing defaults)."""
    size = reader.doc_count_all()
    column = reader.column_reader(name, translate=False)
    try:
        count, width = column._count, column._fixedlen
        raw = column._dbfile.get(column._basepos, count * width)
        values = np.full(size, default, dtype=dtype)
        values[:count] = np.frombuffer(raw, dtype=np.dtype(dtype).newbyteorder(">"))
        return values
    except AttributeError:  # another column reader: one value at a time
        return np.fromiter(column, dtype=dtype, count=size)


def column_values(reader, name: str, dtype: str, default: int) -> np.ndarray:
    """A numeric column of one segment as an array (for repair's content versions)."""
    return _numeric_column(reader, name, dtype, default)


def _positions(reader) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every stored position as (document, latitude, longitude) arrays."""
    column = reader.column_reader("positions", translate=False)
    try:
        lengths = np.frombuffer(column._lengths, dtype=np.dtype(column._lengths.typecode))
        raw = column._dbfile.get(column._basepos, int(lengths.sum()))
    except AttributeError:
        values = list(column)
        lengths, raw = np.array([len(v) for v in values]), b"".join(values)
    counts = lengths // POSITION.size
    docs = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
    pairs = np.frombuffer(raw, dtype="<f8").reshape(-1, 2)
    return docs, pairs[:, 0].copy(), pairs[:, 1].copy()


def _read_postings(reader, field: str, token: str) -> tuple[np.ndarray, np.ndarray]:
    """(documents, weights) of one term in one segment; empty arrays when it is absent."""
    if (field, token) not in reader:
        return np.empty(0, np.int32), np.empty(0, np.float32)
    matcher = reader.postings(field, token)
    if hasattr(matcher, "_read_data") and hasattr(matcher, "_next_block"):
        return _blocks(matcher)
    docs, weights = [], []
    while matcher.is_active():
        docs.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.array(docs, np.int32), np.array(weights, np.float32)


def _blocks(matcher) -> tuple[np.ndarray, np.ndarray]:
    """Whoosh 3 posting blocks: delta-coded ids, and weights as None (all 1), one number for
    the whole block, or one per posting."""
    docs, weights = [], []
    while matcher.is_active():
        matcher._read_data()
        deltas, block_weights = matcher._data[0], matcher._data[1]
        docs.append(np.cumsum(np.array(deltas, dtype=np.int32)))
        if block_weights is None or isinstance(block_weights, float):
            weights.append(np.full(len(deltas), block_weights or 1.0, np.float32))
        else:
            weights.append(np.array(block_weights, np.float32))
        matcher._next_block()
    return np.concatenate(docs), np.concatenate(weights)


class SegmentData:
    """Arrays read from one segment, shared by every search while the segment lives."""

    def __init__(self, reader) -> None:
        self.segment_id: str = reader.segment().segment_id()
        self.size: int = reader.doc_count_all()
        self.facets = _numeric_column(reader, "facets", "u8", 0)
        self.min_age = _numeric_column(reader, "min_age", "u1", 0)
        self.max_age = _numeric_column(reader, "max_age", "u1", NO_MAXIMUM_AGE)
        self.reviewed = _numeric_column(reader, "reviewed", "i4", 0)
        self.pos_doc, self.pos_lat, self.pos_lon = _positions(reader)
        self._lengths: dict[str, np.ndarray] = {}
        self._keywords: dict[tuple[str, str], np.ndarray] = {}
        self._postings: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._held = 0
        self._next: dict[date, np.ndarray] = {}

    def lengths(self, reader, field: str) -> np.ndarray:
        """Each document's length of `field` in words (as Whoosh stores it, to one byte)."""
        if field not in self._lengths:
            self._lengths[field] = self._read_lengths(reader, field)
        return self._lengths[field]

    def _read_lengths(self, reader, field: str) -> np.ndarray:
        try:
            column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
            if column is None:
                return np.zeros(self.size, np.float32)
            raw = np.zeros(self.size, np.uint8)
            data = column._dbfile.get(column._basepos, column._count)
            raw[: column._count] = np.frombuffer(data, np.uint8)
            return _LENGTH_OF_BYTE[raw]
        except AttributeError:
            return np.array(
                [reader.doc_field_length(d, field, 0) for d in range(self.size)], np.float32
            )

    def keyword(self, reader, field: str, value: str) -> np.ndarray:
        """A mask of the documents tagged `value` in a keyword field (needs, audiences)."""
        key = (field, value)
        if key not in self._keywords:
            mask = np.zeros(self.size, bool)
            mask[_read_postings(reader, field, value)[0]] = True
            self._keywords[key] = mask
        return self._keywords[key]

    def postings(self, reader, field: str, token: str) -> tuple[np.ndarray, np.ndarray]:
        """(documents, weights) of a word in a text field, kept while the budget allows."""
        key = (field, token)
        found = self._postings.get(key)
        if found is not None:
            self._postings.move_to_end(key)
            return found
        found = _read_postings(reader, field, token)
        self._postings[key] = found
        self._held += len(found[0])
        while self._held > POSTINGS_BUDGET and len(self._postings) > 1:
            _, (docs, _weights) = self._postings.popitem(last=False)
            self._held -= len(docs)
        return found

    def next_sessions(
        self, reader, docs: np.ndarray, today: date, key: Callable[[list], float]
    ) -> np.ndarray:
        """`key(schedules)` for each of `docs`, worked out once a day per document."""
        if today not in self._next:
            self._next = {today: np.full(self.size, np.nan)}
        known = self._next[today]
        missing = docs[np.isnan(known[docs])]
        if len(missing):
            column = reader.column_reader("schedules")
            for doc in missing.tolist():
                known[doc] = key(column[doc] or [])
        return known[docs]

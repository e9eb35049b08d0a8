"""What a worker keeps in memory for each Whoosh segment, as numpy arrays.

A Whoosh segment never changes once written (only its set of deleted documents does), so the
arrays read from it stay true for as long as the segment exists: per-document columns (facts
packed in bits, ages, last checked, positions), field lengths, and, as they are first asked
for, the documents holding each need or audience and the postings of each word. Search then
works on whole arrays at once instead of walking matchers one document at a time; see
`portal.search.embedded.engine`.

The arrays are read from Whoosh-Reloaded 2.7.5's column and posting blocks directly, through
private attributes (its public readers hand out one value at a time, far too slowly). There is
no quiet slower path: each read is checked against the public API when a segment is first read
(`portal.search.embedded.checks`), and a missing attribute or a difference raises
`WhooshChanged`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import date

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.columns import EmptyColumnReader
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

from portal.search.documents import NO_MAXIMUM_AGE, POSITION
from portal.search.embedded import checks

#: Posting lists kept per segment, counted in postings (8 bytes each in memory).
POSTINGS_BUDGET = 6_000_000
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


def _fast_numeric(column, size: int, dtype: str, default: int) -> np.ndarray:
    """A NumericColumn's block as an array (big-endian, without trailing defaults)."""
    count, width = column._count, column._fixedlen
    raw = column._dbfile.get(column._basepos, count * width)
    values = np.full(size, default, dtype=dtype)
    values[:count] = np.frombuffer(raw, dtype=np.dtype(dtype).newbyteorder(">"))
    return values


def column_values(reader, name: str, dtype: str, default: int) -> np.ndarray:
    """A numeric column of one segment as an array, checked against Whoosh."""
    column = reader.column_reader(name, translate=False)
    if isinstance(column, EmptyColumnReader):  # no document of the segment has a value
        return np.full(reader.doc_count_all(), default, dtype=dtype)
    with checks.private_parts(f"the reader of the {name} column"):
        values = _fast_numeric(column, reader.doc_count_all(), dtype, default)
    checks.check_column(reader, name, values)
    return values


def _fast_positions(column) -> tuple[np.ndarray, bytes]:
    """A VarBytesColumn's lengths and its values' bytes, stored one after another."""
    lengths = np.frombuffer(column._lengths, dtype=np.dtype(column._lengths.typecode))
    return lengths, column._dbfile.get(column._basepos, int(lengths.sum()))


def _positions(reader) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every stored position as (document, latitude, longitude) arrays, checked."""
    column = reader.column_reader("positions", translate=False)
    if isinstance(column, EmptyColumnReader):  # no document of the segment has a value
        return np.empty(0, np.int32), np.empty(0), np.empty(0)
    with checks.private_parts("the reader of the positions column"):
        lengths, raw = _fast_positions(column)
    counts = lengths // POSITION.size
    docs = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
    pairs = np.frombuffer(raw, dtype="<f8").reshape(-1, 2)
    lat, lon = pairs[:, 0].copy(), pairs[:, 1].copy()
    checks.check_positions(reader, docs, lat, lon)
    return docs, lat, lon


def _read_postings(reader, field: str, token: str) -> tuple[np.ndarray, np.ndarray]:
    """(documents, weights) of one term in one segment, deleted documents included (each
    leaf's `live` mask drops them); empty arrays when the term is absent."""
    if (field, token) not in reader:
        return np.empty(0, np.int32), np.empty(0, np.float32)
    matcher = reader.postings(field, token)
    if isinstance(matcher, FilterMatcher):  # how Whoosh leaves out a segment's deleted documents
        matcher = matcher.child
    with checks.private_parts("Whoosh's posting matcher"):
        return _blocks(matcher)


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
    if not docs:
        return np.empty(0, np.int32), np.empty(0, np.float32)
    return np.concatenate(docs), np.concatenate(weights)


def _fast_lengths(reader, field: str, size: int) -> np.ndarray:
    """A field's length bytes per document, decoded as Whoosh does (zeros without any)."""
    column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
    if column is None:
        return np.zeros(size, np.float32)
    raw = np.zeros(size, np.uint8)
    data = column._dbfile.get(column._basepos, column._count)
    raw[: column._count] = np.frombuffer(data, np.uint8)
    return _LENGTH_OF_BYTE[raw]


class SegmentData:
    """Arrays read from one segment, shared by every search while the segment lives. Raises
    `WhooshChanged` when the fast paths and Whoosh's public API disagree on this segment."""

    def __init__(self, reader) -> None:
        self.segment_id: str = reader.segment().segment_id()
        self.size: int = reader.doc_count_all()
        self.facets = column_values(reader, "facets", "u8", 0)
        self.min_age = column_values(reader, "min_age", "u1", 0)
        self.max_age = column_values(reader, "max_age", "u1", NO_MAXIMUM_AGE)
        self.reviewed = column_values(reader, "reviewed", "i4", 0)
        self.pos_doc, self.pos_lat, self.pos_lon = _positions(reader)
        self._lengths: dict[str, np.ndarray] = {}
        self._keywords: dict[tuple[str, str], np.ndarray] = {}
        self._postings: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._held = 0
        self._to_compare = checks.CHECKED_POSTINGS
        self._next: dict[date, np.ndarray] = {}

    def lengths(self, reader, field: str) -> np.ndarray:
        """Each document's length of `field` in words (as Whoosh stores it, to one byte)."""
        if field not in self._lengths:
            with checks.private_parts("Whoosh's per-document reader"):
                lengths = _fast_lengths(reader, field, self.size)
            checks.check_lengths(reader, field, lengths)
            self._lengths[field] = lengths
        return self._lengths[field]

    def _read_postings(self, reader, field: str, token: str) -> tuple[np.ndarray, np.ndarray]:
        """A term's postings, checked: every list's length, and the first postings read from
        this segment (up to `checks.CHECKED_POSTINGS`) one by one."""
        docs, weights = _read_postings(reader, field, token)
        if len(docs):
            compare = min(len(docs), self._to_compare)
            checks.check_postings(reader, field, token, docs, weights, compare)
            self._to_compare -= compare
        return docs, weights

    def keyword(self, reader, field: str, value: str) -> np.ndarray:
        """A mask of the documents tagged `value` in a keyword field (needs, audiences)."""
        key = (field, value)
        if key not in self._keywords:
            mask = np.zeros(self.size, bool)
            mask[self._read_postings(reader, field, value)[0]] = True
            self._keywords[key] = mask
        return self._keywords[key]

    def postings(self, reader, field: str, token: str) -> tuple[np.ndarray, np.ndarray]:
        """(documents, weights) of a word in a text field, kept while the budget allows."""
        key = (field, token)
        found = self._postings.get(key)
        if found is not None:
            self._postings.move_to_end(key)
            return found
        found = self._read_postings(reader, field, token)
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

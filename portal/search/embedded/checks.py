"""Checking the engine's fast paths against Whoosh's own public API, once per segment.

`portal.search.embedded.segments` reads Whoosh-Reloaded's column and posting blocks through
private attributes, because the public readers hand out one value at a time. Those attributes
are not a promise: another Whoosh release may rename them (an AttributeError) or store the
same bytes another way (the fast path then reads wrong values and search would rank wrongly
without a word). So when a segment is first read, a sample of documents is read both ways
(every column, the field lengths, the first posting lists), and any difference, like any
missing attribute, raises `WhooshChanged`, logged at ERROR naming the pinned version. Nothing
falls back to a slower path quietly: searches are then answered from the database and
`/healthz` reports the problem until the pinned Whoosh is installed again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata

import numpy as np
from flask import current_app, has_app_context

from portal.search.documents import POSITION

PINNED_WHOOSH = "2.7.5"  # whoosh-reloaded, pinned exactly in pyproject.toml and requirements.txt
SAMPLE_DOCUMENTS = 32  # documents per segment whose columns and lengths are read both ways
CHECKED_POSTINGS = 2_000  # postings per segment compared with Whoosh's own matcher

_REMEMBERED = "portal.search.whoosh_changed"
_outside_apps: dict[str, str] = {}


class WhooshChanged(RuntimeError):
    """The installed Whoosh does not store segments as the engine's fast paths read them.

    Rebuilding the index cannot help: install the pinned version (or update the fast paths)."""


def installed_whoosh() -> str:
    try:
        return metadata.version("whoosh-reloaded")
    except metadata.PackageNotFoundError:
        return "not installed"


def changed(what: str) -> WhooshChanged:
    """The error to raise (logged at ERROR now, and remembered for `/healthz`)."""
    message = (
        f"Whoosh is not what the search engine was written for: {what}. The portal is pinned "
        f"to whoosh-reloaded {PINNED_WHOOSH} (installed: {installed_whoosh()}); install that "
        "version. Searches are answered from the database meanwhile."
    )
    logger = current_app.logger if has_app_context() else logging.getLogger(__name__)
    logger.error(message)
    _remembered()["message"] = message
    return WhooshChanged(message)


def _remembered() -> dict[str, str]:
    return (
        current_app.extensions.setdefault(_REMEMBERED, {}) if has_app_context() else _outside_apps
    )


def last_problem() -> str | None:
    """The last `WhooshChanged` message this app raised in this process, if any: a check
    that failed while searching (on a posting list, say) is reported until a restart."""
    return _remembered().get("message")


@contextmanager
def private_parts(what: str) -> Iterator[None]:
    """Turn a missing private attribute of a Whoosh object into `WhooshChanged`."""
    try:
        yield
    except AttributeError as error:
        missing = getattr(error, "name", None) or str(error)
        raise changed(f"{what} has no attribute {missing!r}") from error


def sample(size: int) -> list[int]:
    """Document numbers spread evenly over a segment, first and last included."""
    if size <= 0:
        return []
    count = min(size, SAMPLE_DOCUMENTS)
    return sorted({int(d) for d in np.linspace(0, size - 1, num=count)})


def check_column(reader, name: str, values: np.ndarray) -> None:
    """The fast array of a numeric column against `column_reader(name)[doc]`."""
    public = reader.column_reader(name)
    for doc in sample(len(values)):
        expected = public[doc]
        if int(values[doc]) != int(expected):
            raise changed(
                f"the {name} column reads {int(values[doc])} for document {doc}, "
                f"Whoosh reads {expected}"
            )


def check_positions(reader, docs: np.ndarray, lat: np.ndarray, lon: np.ndarray) -> None:
    """The fast positions against `column_reader("positions")[doc]` for sampled documents."""
    public = reader.column_reader("positions")
    for doc in sample(reader.doc_count_all()):
        expected = [tuple(p) for p in POSITION.iter_unpack(public[doc] or b"")]
        start, stop = np.searchsorted(docs, doc), np.searchsorted(docs, doc, side="right")
        found = list(zip(lat[start:stop].tolist(), lon[start:stop].tolist(), strict=True))
        if found != expected:
            raise changed(f"document {doc} has positions {found}, Whoosh reads {expected}")


def check_lengths(reader, field: str, lengths: np.ndarray) -> None:
    """The fast field lengths against `doc_field_length` for sampled documents."""
    for doc in sample(len(lengths)):
        expected = reader.doc_field_length(doc, field, 0) or 0
        if float(lengths[doc]) != float(expected):
            raise changed(
                f"document {doc} has {field} length {float(lengths[doc])}, Whoosh reads {expected}"
            )


def check_postings(
    reader, field: str, token: str, docs: np.ndarray, weights: np.ndarray, compare: int
) -> None:
    """A posting list's length against its document frequency (both count deleted documents),
    and its first `compare` postings against Whoosh's public matcher (which skips them)."""
    frequency = reader.doc_frequency(field, token)
    if len(docs) != frequency:
        raise changed(
            f"{field}:{token!r} has {len(docs)} postings, Whoosh counts {frequency} documents"
        )
    window = zip(docs[:compare].tolist(), weights[:compare].tolist(), strict=True)
    found = [(doc, weight) for doc, weight in window if not reader.is_deleted(doc)]
    matcher = reader.postings(field, token)
    expected: list[tuple[int, float]] = []
    while matcher.is_active() and len(expected) < len(found):
        expected.append((matcher.id(), float(np.float32(matcher.weight()))))
        matcher.next()
    for number, (read, whoosh) in enumerate(zip(found, expected, strict=False)):
        if read != whoosh:
            raise changed(
                f"posting {number} of {field}:{token!r} reads (document, weight) {read}, "
                f"Whoosh reads {whoosh}"
            )
    if len(expected) < len(found):
        raise changed(f"{field}:{token!r} has more postings than Whoosh reads")

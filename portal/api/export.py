"""The whole directory as newline-delimited JSON or as the ORUK tabular (CSV) package.

The same records as `/api/services/{id}` (made by `portal.api.records`), in id order, read
500 listings at a time so memory stays flat however big the directory is; the CSV package is
written by the importer's `portal.oruk.tabular`, which reads it back.
"""

from __future__ import annotations

import io
import json
from typing import BinaryIO, TextIO

from portal.api.records import iter_service_records
from portal.oruk.tabular import write_package

FORMATS = ("ndjson", "csv")


def dumps(record: object) -> str:
    """One record as compact JSON (UTF-8 text kept as it is, not escaped)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def write_ndjson(out: TextIO) -> int:
    """Write every public listing to `out`, one JSON object per line; returns how many.

    Needs an application context. Ends the session's read transaction between batches."""
    written = 0
    for record in iter_service_records(full=True):
        out.write(dumps(record) + "\n")
        written += 1
    return written


def write_csv_package(out: BinaryIO) -> int:
    """Write every public listing as the ORUK CSV package (a zip) to `out`; returns how many."""
    return write_package(iter_service_records(full=True), out)


def write_export(form: str, out: BinaryIO) -> int:
    """Write the export in `form` ("ndjson" or "csv") to the binary stream `out`."""
    if form == "csv":
        return write_csv_package(out)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    try:
        return write_ndjson(text)
    finally:
        text.flush()
        text.detach()

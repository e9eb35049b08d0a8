"""Import a postcode file: the ONS Postcode Directory (ONSPD) or OS Code-Point Open, as CSV.

The file is read twice. The first pass checks every row and writes nothing; one bad row
rejects the whole file, with the first problems listed by line number. The second pass
upserts the postcodes in batches, and then every postcode district is placed at the mean of
its postcodes (replacing the demo districts). Memory stays flat for the 2.7 million rows of
the whole-UK ONSPD.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import func, select

from portal.db import utcnow
from portal.extensions import db
from portal.geo.distance import in_uk
from portal.geo.grid import grid_to_wgs84
from portal.geo.models import Place, PlaceKind
from portal.geo.postcodes import normalise_postcode, postcode_key
from portal.geo.store import place_row, upsert_places

FileFormat = Literal["auto", "ons", "codepoint"]
Progress = Callable[[int], None]
MAX_PROBLEMS = 20
PROGRESS_EVERY = 1000
DISTRICT_SOURCE = "postcodes"
ONS_NO_LOCATION = 99.999999  # the ONSPD's latitude for a postcode it cannot place
CODEPOINT_NO_LOCATION = "90"  # Code-Point Open's positional quality for "no coordinates"
TERMINATED, NO_LOCATION = "terminated", "no location"

Outcome = tuple[str, float, float] | str  # (postcode, lat, lon), or why the row is skipped


class ImportRejected(Exception):
    """The file cannot be imported; nothing was written. `problems` name lines where they can."""

    def __init__(self, problems: list[str], total: int | None = None) -> None:
        self.problems = problems[:MAX_PROBLEMS]
        self.total = max(total or 0, len(problems))
        super().__init__(self.summary)

    @property
    def summary(self) -> str:
        plural = "problem" if self.total == 1 else "problems"
        lines = [f"Nothing was imported: {self.total} {plural} in the file.", *self.problems]
        if self.total > len(self.problems):
            lines.append(f"... and {self.total - len(self.problems)} more.")
        return "\n".join(lines)


@dataclass(frozen=True)
class ImportResult:
    """What an import did: postcodes written, rows skipped, districts placed."""

    file_format: str
    postcodes: int
    terminated: int
    without_location: int
    districts: int

    @property
    def summary(self) -> str:
        name = {"ons": "ONS Postcode Directory", "codepoint": "Code-Point Open"}[self.file_format]
        return (
            f"Imported {self.postcodes:,} postcodes ({name}); skipped {self.terminated:,} "
            f"terminated and {self.without_location:,} without a location. "
            f"{self.districts:,} postcode districts placed from them."
        )


@dataclass(frozen=True)
class _Layout:
    """Which columns hold what, in a file of one format."""

    file_format: Literal["ons", "codepoint"]
    has_header: bool
    postcode: int
    first: int  # latitude, or easting
    second: int  # longitude, or northing
    flag: int | None = None  # ONS date of termination, or Code-Point positional quality

    @property
    def width(self) -> int:
        return max(self.postcode, self.first, self.second, self.flag or 0) + 1


CODEPOINT = _Layout("codepoint", False, postcode=0, first=2, second=3, flag=1)


class _BadRow(ValueError):
    """One row that cannot be imported; the message says why, for a person."""


def import_postcodes(
    path: Path, progress: Progress | None = None, file_format: FileFormat = "auto"
) -> ImportResult:
    """Check the whole file, then write its postcodes and place their districts; commits.

    Raises ImportRejected, having written nothing, when any row is bad or the file is not one
    we know. `progress(n)` hears of every n lines read; each line is read twice.
    """
    layout = _layout(path, file_format)
    counts = _check(path, layout, progress)
    try:
        _write(path, layout, progress)
        districts = place_districts()
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return ImportResult(layout.file_format, counts[0], counts[1], counts[2], districts)


def count_lines(path: Path) -> int:
    """Lines in a file, quickly (for sizing a progress bar)."""
    lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
    return lines


def _records(path: Path) -> Generator[tuple[int, list[str]], None, None]:
    """(line number, fields) for every non-blank CSV record."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            try:
                for fields in reader:
                    if any(field.strip() for field in fields):
                        yield reader.line_num, fields
            except (UnicodeDecodeError, csv.Error) as error:
                raise ImportRejected(
                    [f"Line {reader.line_num + 1}: not readable as CSV text ({error})."]
                ) from error
    except OSError as error:
        raise ImportRejected([f"Cannot read {path}: {error.strerror or error}."]) from error


def _layout(path: Path, wanted: FileFormat) -> _Layout:
    """Work out the format from the first row (or check the one the operator named)."""
    if wanted not in ("auto", "ons", "codepoint"):
        raise ValueError(f"unknown postcode file format: {wanted}")
    with closing(_records(path)) as records:
        first = next(records, None)
    if first is None:
        raise ImportRejected(["The file is empty."])
    line, fields = first
    names = [field.strip().lower() for field in fields]
    if wanted in ("auto", "ons") and {"pcds", "pcd"} & set(names):
        return _ons_layout(line, names)
    if wanted in ("auto", "codepoint") and {"postcode", "eastings", "northings"} <= set(names):
        return _codepoint_header_layout(names)
    if wanted == "codepoint" or (wanted == "auto" and _looks_like_codepoint(fields)):
        return CODEPOINT
    if wanted == "ons":
        return _ons_layout(line, names)
    raise ImportRejected(
        [
            f"Line {line}: this is neither an ONS Postcode Directory CSV (a header row naming "
            "pcds, lat and long) nor a Code-Point Open CSV (postcode, positional quality, "
            "easting, northing; no header row)."
        ]
    )


def _ons_layout(line: int, names: list[str]) -> _Layout:
    postcode = "pcds" if "pcds" in names else "pcd"
    missing = [name for name in (postcode, "lat", "long") if name not in names]
    if missing:
        raise ImportRejected(
            [f"Line {line}: the header row has no column named {' or '.join(missing)}."]
        )
    flag = names.index("doterm") if "doterm" in names else None
    index = names.index
    return _Layout("ons", True, index(postcode), index("lat"), index("long"), flag)


def _codepoint_header_layout(names: list[str]) -> _Layout:
    quality = next((i for i, name in enumerate(names) if "quality" in name), None)
    index = names.index
    return _Layout(
        "codepoint", True, index("postcode"), index("eastings"), index("northings"), quality
    )


def _looks_like_codepoint(fields: list[str]) -> bool:
    if len(fields) < 4:
        return False
    postcode = normalise_postcode(fields[0])
    return bool(postcode and " " in postcode and fields[2].strip().isdigit())


def _outcomes(
    path: Path, layout: _Layout, progress: Progress | None, *, convert: bool = True
) -> Iterator[tuple[int, Outcome | _BadRow]]:
    """(line number, what the row holds or what is wrong with it) for every data row.

    Without `convert`, National Grid rows are checked but not converted (0, 0 stands in).
    """
    parse = _ons_row if layout.file_format == "ons" else _codepoint_row
    records = _records(path)
    if layout.has_header:
        next(records, None)
    done = 0
    for line, fields in records:
        try:
            outcome: Outcome | _BadRow = parse(fields, layout, convert)
        except _BadRow as problem:
            outcome = problem
        yield line, outcome
        done += 1
        if progress and done % PROGRESS_EVERY == 0:
            progress(PROGRESS_EVERY)
    if progress and done % PROGRESS_EVERY:
        progress(done % PROGRESS_EVERY)


def _check(path: Path, layout: _Layout, progress: Progress | None) -> tuple[int, int, int]:
    """Read every row; reject the file if any is bad. (postcodes, terminated, no location)."""
    problems: list[str] = []
    bad = postcodes = terminated = without_location = 0
    for line, outcome in _outcomes(path, layout, progress, convert=False):
        if isinstance(outcome, _BadRow):
            bad += 1
            if len(problems) < MAX_PROBLEMS:
                problems.append(f"Line {line}: {outcome}")
        elif outcome == TERMINATED:
            terminated += 1
        elif outcome == NO_LOCATION:
            without_location += 1
        else:
            postcodes += 1
    if bad:
        raise ImportRejected(problems, bad)
    if not postcodes + terminated + without_location:
        raise ImportRejected(["The file has no postcode rows."])
    return postcodes, terminated, without_location


def _write(path: Path, layout: _Layout, progress: Progress | None) -> None:
    now = utcnow()
    upsert_places(
        place_row(
            PlaceKind.POSTCODE,
            postcode_key(outcome[0]),
            outcome[0],
            (outcome[1], outcome[2]),
            layout.file_format,
            now=now,
        )
        for _line, outcome in _outcomes(path, layout, progress)
        if isinstance(outcome, tuple)
    )


def place_districts() -> int:
    """Put every postcode district that has postcodes at their mean position; flushes."""
    key = Place.key
    district = func.substr(key, 1, func.length(key) - 3)  # the inward code is 3 characters
    centres = db.session.execute(
        select(district, func.avg(Place.latitude), func.avg(Place.longitude))
        .where(Place.kind == PlaceKind.POSTCODE)
        .group_by(district)
    ).all()
    now = utcnow()
    upsert_places(
        place_row(
            PlaceKind.DISTRICT,
            name,
            name,
            (round(latitude, 6), round(longitude, 6)),
            DISTRICT_SOURCE,
            now=now,
        )
        for name, latitude, longitude in centres
    )
    return len(centres)


def _field(fields: list[str], index: int) -> str:
    return fields[index].strip()


def _number(fields: list[str], index: int, label: str) -> float:
    text = _field(fields, index)
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise _BadRow(f"the {label} “{text}” is not a number.")
    return value


def _postcode(fields: list[str], index: int) -> str:
    text = _field(fields, index)
    postcode = normalise_postcode(text)
    if not postcode or " " not in postcode:
        raise _BadRow(f"“{text}” is not a full postcode.")
    return postcode


def _width(fields: list[str], layout: _Layout) -> None:
    if len(fields) < layout.width:
        raise _BadRow(f"{len(fields)} columns; expected at least {layout.width}.")


def _ons_row(fields: list[str], layout: _Layout, _convert: bool) -> Outcome:
    _width(fields, layout)
    postcode = _postcode(fields, layout.postcode)  # checked on every row: catches shifted columns
    terminated = _field(fields, layout.flag) if layout.flag is not None else ""
    if terminated and not (len(terminated) == 6 and terminated.isdigit()):
        raise _BadRow(f"the date of termination “{terminated}” is not a year and month (YYYYMM).")
    if terminated:
        return TERMINATED
    latitude = _number(fields, layout.first, "latitude")
    if abs(latitude - ONS_NO_LOCATION) < 1e-6:
        return NO_LOCATION
    longitude = _number(fields, layout.second, "longitude")
    if not in_uk(latitude, longitude):
        raise _BadRow(f"{latitude}, {longitude} is not in the UK.")
    return postcode, round(latitude, 6), round(longitude, 6)


def _codepoint_row(fields: list[str], layout: _Layout, convert: bool) -> Outcome:
    _width(fields, layout)
    postcode = _postcode(fields, layout.postcode)
    easting = _number(fields, layout.first, "easting")
    northing = _number(fields, layout.second, "northing")
    quality = _field(fields, layout.flag) if layout.flag is not None else ""
    if quality == CODEPOINT_NO_LOCATION or (easting == 0 and northing == 0):
        return NO_LOCATION
    if not (0 <= easting <= 700_000 and 0 <= northing <= 1_300_000):
        raise _BadRow(f"{easting:.0f}, {northing:.0f} is not on the National Grid.")
    if not convert:
        return postcode, 0.0, 0.0
    latitude, longitude = grid_to_wgs84(easting, northing)
    return postcode, round(latitude, 6), round(longitude, 6)

"""The ORUK tabular package: services as a zip (or a folder) of CSV files linked by ids.

`read_package` nests the tables back into full ORUK services: each service gets its
organisation (services.organization_id), schedules, service areas, languages, funding, cost
options and contacts (their service_id; a schedule linked only by service_at_location_id goes
to that link's service), phones (contact_id, or service_id for a service's own), locations
(service_at_location rows, then their addresses and accessibility by location_id) and
attributes (attribute.link_id, with the taxonomy term by taxonomy_term_id and its taxonomy by
taxonomy_id). Both spellings of a file found in the wild are read (schedule.csv and
schedules.csv, address.csv and addresses.csv, ...); a row in both counts once.

Cells are read exactly as written, UTF-8, with the csv module: an empty cell is a field left
out (except in a column ORUK requires, which reads as ""), and ORUK's number columns become
numbers. A child's column pointing at the parent it is nested in (a schedule's service_id, an
address's location_id, an attribute's link_id) is not repeated inside it.

`write_package` writes the standard file names (ORUK's schema "path" values) with ORUK's
columns first and any further fields the records hold after them, so reading the package
back gives the same services. Organisations, locations and taxonomy terms shared by several
services are written once; a service without an id is left out (nothing could link to it).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from portal.oruk.tables import COLUMNS, NUMBERS, REQUIRED, TABLES
from portal.oruk.tabular_writing import write_package

__all__ = [
    "COLUMNS",
    "NUMBERS",
    "REQUIRED",
    "TABLES",
    "PackageUnreadable",
    "read_package",
    "write_package",
]

MAX_FILE_BYTES = 512 * 1024 * 1024  # one CSV file, unpacked
FIELD_LIMIT = 64 * 1024 * 1024  # one cell

_INTEGER = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$")


class PackageUnreadable(ValueError):
    """The package cannot be read at all; str() says why in plain English."""


# --- reading (writing: tabular_writing.py) -----------------------------------------------


def _zip_files(source: str | Path | BinaryIO) -> dict[str, Callable[[], bytes]]:
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise PackageUnreadable("The file is not a zip file, or it is damaged.") from None
    files: dict[str, Callable[[], bytes]] = {}
    for info in archive.infolist():
        name = info.filename.replace("\\", "/").rsplit("/", 1)[-1].lower()
        if info.is_dir() or info.filename.startswith("__MACOSX/") or name in files:
            continue

        def read(info: zipfile.ZipInfo = info) -> bytes:
            try:
                with archive.open(info) as member:
                    data = member.read(MAX_FILE_BYTES + 1)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as error:
                raise PackageUnreadable(
                    f"{info.filename} in the zip is damaged ({error})."
                ) from None
            if len(data) > MAX_FILE_BYTES:
                raise PackageUnreadable(f"{info.filename} is larger than we can read.")
            return data

        files[name] = read
    return files


def _files(location: str | Path | BinaryIO) -> dict[str, Callable[[], bytes]]:
    """The package's files by lower-case name, each read when asked for."""
    if not isinstance(location, str | Path):
        return _zip_files(location)
    path = Path(location)
    if path.is_dir():
        return {p.name.lower(): p.read_bytes for p in sorted(path.iterdir()) if p.is_file()}
    if not path.is_file():
        raise PackageUnreadable(f"There is no file or folder at {location}.")
    return _zip_files(path)


def _value(table: str, column: str, text: str) -> object:
    if column in NUMBERS.get(table, ()):
        if _INTEGER.match(text):
            return int(text)
        if _DECIMAL.match(text):
            return float(text)
    return text


def _rows(table: str, name: str, data: bytes) -> list[dict]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PackageUnreadable(f"{name} is not UTF-8 text: save it as “CSV UTF-8”.") from None
    required = REQUIRED.get(table, frozenset({"id"}))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = []
    try:
        for row in reader:
            cells = {}
            for column, value in row.items():
                if not isinstance(column, str) or not column.strip() or value is None:
                    continue  # a cell beyond the header, or one missing from a short row
                column = column.strip()
                if value != "":
                    cells[column] = _value(table, column, value)
                elif column in required:
                    cells[column] = ""
            rows.append(cells)
    except csv.Error as error:
        reason = f"{name} could not be read near line {reader.line_num}: {error}."
        raise PackageUnreadable(reason) from None
    return rows


def _tables(location: str | Path | BinaryIO) -> dict[str, list[dict]]:
    files = _files(location)
    if not any(name in files for name in TABLES["services"]):
        raise PackageUnreadable("The package has no services.csv, so it holds no services.")
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    tables: dict[str, list[dict]] = {}
    for table, names in TABLES.items():
        rows: list[dict] = []
        seen: dict[object, dict] = {}
        for name in (n for n in names if n in files):
            for row in _rows(table, name, files[name]()):
                key = row.get("id")
                if key in (None, "") or key not in seen:
                    seen[key] = row
                    rows.append(row)
                else:  # the same row in both spellings of a file: what one adds is kept
                    seen[key].update({k: v for k, v in row.items() if k not in seen[key]})
        tables[table] = rows
    return tables


def _without(row: dict, column: str) -> dict:
    return {k: v for k, v in row.items() if k != column}


def _put(record: dict, key: str, items: list[dict]) -> None:
    if items:
        record[key] = items


class _Package:
    """The tables, indexed by the columns that link them."""

    def __init__(self, tables: dict[str, list[dict]]) -> None:
        self.tables = tables
        self.by: dict[tuple[str, str], dict[object, list[dict]]] = {}
        self.one = {t: {r.get("id"): r for r in tables[t]} for t in ("organizations", "locations")}
        self.one |= {
            t: {r.get("id"): r for r in tables[t]} for t in ("taxonomy_terms", "taxonomies")
        }

    def under(self, table: str, column: str, key: object, keep: bool = False) -> list[dict]:
        """Copies of the rows of `table` whose `column` is `key`, without that column
        (unless asked to `keep` it)."""
        if key in (None, ""):
            return []
        if (table, column) not in self.by:
            index = defaultdict(list)
            for row in self.tables[table]:
                index[row.get(column)].append(row)
            self.by[table, column] = index
        rows = self.by[table, column].get(key, [])
        return [dict(row) if keep else _without(row, column) for row in rows]

    def attributes(self, link_id: object, entity: str) -> list[dict]:
        found = []
        for row in self.under("attributes", "link_id", link_id):
            if row.get("link_entity") not in (None, "", entity, entity + "s"):
                continue
            term = self.one["taxonomy_terms"].get(row.get("taxonomy_term_id"))
            if term is not None and row.get("taxonomy_term_id") not in (None, ""):
                term = dict(term)
                taxonomy = self.one["taxonomies"].get(term.get("taxonomy_id"))
                if taxonomy is not None and term.get("taxonomy_id") not in (None, ""):
                    # ORUK's `taxonomy` is the name; HSDS 3.0's `taxonomy_detail` the record.
                    term["taxonomy"] = term.get("taxonomy") or taxonomy.get("name") or ""
                    term["taxonomy_detail"] = dict(taxonomy)
                row["taxonomy_term"] = term
            found.append(row)
        return found

    def organization(self, key: object) -> dict | None:
        row = self.one["organizations"].get(key) if key not in (None, "") else None
        if row is None:
            return None
        org = dict(row)
        _put(
            org,
            "organization_identifiers",
            self.under("organization_identifiers", "organization_id", key),
        )
        _put(org, "attributes", self.attributes(key, "organization"))
        return org

    def location(self, key: object) -> dict | None:
        row = self.one["locations"].get(key) if key not in (None, "") else None
        if row is None:
            return None
        location = dict(row)
        _put(location, "addresses", self.under("addresses", "location_id", key))
        _put(location, "accessibility", self.under("accessibility", "location_id", key))
        _put(location, "attributes", self.attributes(key, "location"))
        return location

    def contact(self, row: dict) -> dict:
        _put(row, "phones", self.under("phones", "contact_id", row.get("id")))
        _put(row, "attributes", self.attributes(row.get("id"), "contact"))
        return row

    def schedules(self, service_id: object, links: list[dict]) -> list[dict]:
        """A service's schedules: its own, then those linked only to one of its locations."""
        rows = self.under("schedules", "service_id", service_id)
        for link in links:
            by_link = self.under("schedules", "service_at_location_id", link.get("id"), keep=True)
            rows += [row for row in by_link if row.get("service_id") in (None, "")]
        return rows

    def service(self, row: dict) -> dict:
        service, key = dict(row), row.get("id")
        org = self.organization(row.get("organization_id"))
        if org is not None:
            service["organization"] = org
        links = self.under("service_at_locations", "service_id", key)
        _put(service, "schedules", self.schedules(key, links))
        for table in ("service_areas", "languages", "funding", "cost_options"):
            _put(service, table, self.under(table, "service_id", key))
        for link in links:
            location = self.location(link.get("location_id"))
            if location is not None:
                link["location"] = location
        _put(service, "service_at_locations", links)
        _put(
            service,
            "contacts",
            [self.contact(c) for c in self.under("contacts", "service_id", key)],
        )
        phones = [p for p in self.under("phones", "service_id", key) if not p.get("contact_id")]
        _put(service, "phones", phones)
        _put(service, "attributes", self.attributes(key, "service"))
        return service


def read_package(location: str | Path | BinaryIO) -> list[dict]:
    """Every service in a package (a zip file, an open zip, or a folder of CSV files), as a
    full nested ORUK service. Raises PackageUnreadable (see the module docstring)."""
    package = _Package(_tables(location))
    return [package.service(row) for row in package.tables["services"]]

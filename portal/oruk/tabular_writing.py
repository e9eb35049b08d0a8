"""Writing the ORUK tabular package (`portal.oruk.tabular` says what it holds).

The standard file names (ORUK's schema "path" values) with ORUK's columns first and any further
fields the records hold after them, so reading the package back gives the same services.
Organisations, locations and taxonomy terms shared by several services are written once; a
service without an id is left out (nothing could link to it).
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import uuid
import zipfile
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import IO, BinaryIO

from portal.oruk.tables import COLUMNS, TABLES


def _scalars(record: dict) -> dict:
    return {
        key: value
        for key, value in record.items()
        if isinstance(value, str | int | float | Decimal)
    }


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _list(value: object) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _id(value: object) -> str | int | None:
    """An id as written in a record, or None when it is missing or not text or a number."""
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        return None
    return value


def _made_id(*parts: object) -> str:
    """An id for a record that has none but must be linked to (stable for the same input)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "oruk:" + ":".join(str(p) for p in parts)))


class _Writer:
    SHARED = ("organizations", "locations", "taxonomy_terms", "taxonomies")

    def __init__(self) -> None:
        # Rows wait in temporary files (a JSON line each) until the columns of every table are
        # known: memory holds only the ids of shared rows, however big the directory.
        self.rows: dict[str, IO[str]] = {
            table: tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed by close())
            for table in TABLES
        }
        self.columns: dict[str, dict[str, None]] = {
            table: dict.fromkeys(COLUMNS[table]) for table in TABLES
        }
        self.seen: dict[str, set] = {table: set() for table in self.SHARED}

    def add(self, table: str, record: dict, **links: object) -> bool:
        """Add a row (once, for a shared table); whether it was new."""
        row = {**_scalars(record), **{k: v for k, v in links.items() if v not in (None, "")}}
        if table in self.seen:
            if row.get("id") in self.seen[table]:
                return False
            self.seen[table].add(row.get("id"))
        self.columns[table].update(dict.fromkeys(row))
        self.rows[table].write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return True

    def attributes(self, attributes: object, link_id: object) -> None:
        for index, attribute in enumerate(_list(attributes)):
            term = attribute.get("taxonomy_term")
            term = term if isinstance(term, dict) else None
            term_id = _id(attribute.get("taxonomy_term_id")) or _id((term or {}).get("id"))
            if term is not None and not term_id:
                term_id = _made_id("term", link_id, index)
            self.add("attributes", attribute, link_id=link_id, taxonomy_term_id=term_id)
            if term is not None:
                self.term(term, term_id)

    def term(self, term: dict, term_id: object) -> None:
        detail = term.get("taxonomy_detail")
        taxonomy = detail if isinstance(detail, dict) else term.get("taxonomy")
        links: dict[str, object] = {"id": term_id}
        if isinstance(taxonomy, dict):
            taxonomy_id = (
                _id(term.get("taxonomy_id"))
                or _id(taxonomy.get("id"))
                or _made_id("taxonomy", term_id)
            )
            self.add("taxonomies", taxonomy, id=taxonomy_id)
            links |= {"taxonomy": taxonomy.get("name"), "taxonomy_id": taxonomy_id}
        self.add("taxonomy_terms", term, **links)

    def organization(self, org: dict, org_id: object) -> None:
        if self.add("organizations", org, id=org_id):
            for item in _list(org.get("organization_identifiers")):
                self.add("organization_identifiers", item, organization_id=org_id)
            self.attributes(org.get("attributes"), org_id)

    def location(self, location: dict, location_id: object) -> None:
        if self.add("locations", location, id=location_id):
            for table in ("addresses", "accessibility"):
                for item in _list(location.get(table)):
                    self.add(table, item, location_id=location_id)
            self.attributes(location.get("attributes"), location_id)

    def service(self, service: dict) -> None:
        key = service["id"]
        org = service.get("organization") if isinstance(service.get("organization"), dict) else None
        org_id = _id(service.get("organization_id")) or _id((org or {}).get("id"))
        if org is not None:
            org_id = org_id or _made_id("organization", key)
            self.organization(org, org_id)
        self.add("services", service, organization_id=org_id)
        for table in ("schedules", "service_areas", "languages", "funding", "cost_options"):
            for item in _list(service.get(table)):
                self.add(table, item, service_id=key)
        for index, link in enumerate(_list(service.get("service_at_locations"))):
            location = link.get("location") if isinstance(link.get("location"), dict) else None
            location_id = _id(link.get("location_id")) or _id((location or {}).get("id"))
            if location is not None:
                location_id = location_id or _made_id("location", key, index)
                self.location(location, location_id)
            self.add("service_at_locations", link, service_id=key, location_id=location_id)
        for index, contact in enumerate(_list(service.get("contacts"))):
            contact_id = _id(contact.get("id")) or _made_id("contact", key, index)
            self.add("contacts", contact, service_id=key, id=contact_id)
            for phone in _list(contact.get("phones")):
                self.add("phones", phone, contact_id=contact_id)
            self.attributes(contact.get("attributes"), contact_id)
        for phone in _list(service.get("phones")):
            self.add("phones", phone, service_id=key)
        self.attributes(service.get("attributes"), key)

    def save(self, out: BinaryIO) -> None:
        made = datetime.now().timetuple()[:6]  # the files' date in the zip: when it was made
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for table, names in TABLES.items():
                entry = zipfile.ZipInfo(names[0], date_time=made)
                entry.compress_type = zipfile.ZIP_DEFLATED
                columns = list(self.columns[table])
                rows = self.rows[table]
                rows.seek(0)
                with archive.open(entry, "w") as member:
                    text = io.TextIOWrapper(member, encoding="utf-8", newline="")
                    writer = csv.DictWriter(text, fieldnames=columns)
                    writer.writeheader()
                    for line in rows:
                        row = json.loads(line)
                        writer.writerow({c: _cell(row.get(c)) for c in columns})
                    text.flush()
                    text.detach()

    def close(self) -> None:
        for rows in self.rows.values():
            rows.close()


def write_package(services: Iterable[dict], out: BinaryIO) -> int:
    """Write full nested ORUK services as a zip of the CSV tables to `out`; the number of
    services written (those with an id)."""
    writer = _Writer()
    written = 0
    try:
        for service in services:
            if isinstance(service, dict) and _id(service.get("id")) is not None:
                writer.service(service)
                written += 1
        writer.save(out)
    finally:
        writer.close()
    return written

"""Published records read for the API as plain rows: fast, and nothing kept after use.

The ORM makes an instance, an identity-map entry and change tracking for every row it loads;
a full service is about 13 rows, and reading 100,000 full services through `selectinload`
took 150 s here. The API only reads, so it reads the same tables with plain SELECTs, a batch
of ids at a time (what `selectinload` does, without the bookkeeping): under a minute.

Each row becomes a `SimpleNamespace` with the models' attribute names (`service.schedules`,
`sal.location.accessibility`, `term.taxonomy`), so `portal.api.records` reads these and model
instances alike. Ids are read as text (the dashed form), so no `uuid.UUID` is made per row.
Only the columns published are read: never `referral_email`, `is_demo` or anything of users.
Child rows come back in the order the models' relationships give them.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from types import SimpleNamespace

from sqlalchemy import String, Uuid, cast, func, select

from portal.directory.models import (
    Accessibility,
    Contact,
    CostOption,
    Language,
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    Taxonomy,
    TaxonomyTerm,
)
from portal.extensions import db

#: Ids per `IN (...)`: well inside every database's limit on bound values.
CHUNK = 1000


def _text_id(column, dialect: str):
    """A UUID column as its dashed text, read by the database (SQLite stores 32 hex digits)."""
    if dialect == "postgresql":
        return cast(column, String).label(column.key)
    parts = [func.substr(column, start, length) for start, length in SPANS]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + "-" + part
    return joined.label(column.key)


SPANS = ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))


def _columns(model: type, names: tuple[str, ...]) -> tuple:
    return _columns_for(model, names, db.session.get_bind().dialect.name)


@lru_cache(maxsize=64)
def _columns_for(model: type, names: tuple[str, ...], dialect: str) -> tuple:
    """The select list (made once: expressions are immutable and shared between statements)."""
    table = model.__table__
    return tuple(
        _text_id(table.c[name], dialect) if isinstance(table.c[name].type, Uuid) else table.c[name]
        for name in names
    )


def _read(model: type, names: tuple[str, ...], *conditions, order=()) -> list[SimpleNamespace]:
    statement = select(*_columns(model, names)).where(*conditions).order_by(*order)
    return [
        SimpleNamespace(**dict(zip(names, row, strict=True)))
        for row in db.session.execute(statement)
    ]


def _uuids(ids: Iterable[uuid.UUID | str]) -> list[uuid.UUID]:
    """Ids to bind (each once): ids read as text become UUIDs again."""
    return [i if isinstance(i, uuid.UUID) else uuid.UUID(i) for i in dict.fromkeys(ids)]


def _in_chunks(
    model: type, names, column, ids: Iterable[uuid.UUID | str], order=()
) -> list[SimpleNamespace]:
    """Rows whose `column` is one of `ids` (read a chunk of ids at a time)."""
    wanted = _uuids(ids)
    found: list[SimpleNamespace] = []
    for start in range(0, len(wanted), CHUNK):
        found += _read(model, names, column.in_(wanted[start : start + CHUNK]), order=order)
    return found


def _by(rows: Iterable[SimpleNamespace], key: str) -> dict[str, list[SimpleNamespace]]:
    grouped: dict[str, list[SimpleNamespace]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


SERVICE = (
    "id",
    "organisation_id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "alert",
    "fees_description",
    "application_process",
    "minimum_age",
    "maximum_age",
    "how_to_join",
    "last_reviewed",
    "updated_at",
    "schedule_note",
)
ORGANISATION = ("id", "name", "description", "email", "website")
PLACE = ("id", "service_id", "location_id")
LOCATION = (
    "id",
    "location_type",
    "name",
    "url",
    "address_1",
    "city",
    "state_province",
    "postal_code",
    "country",
    "latitude",
    "longitude",
    "mask_address",
)
SCHEDULE = (
    "id",
    "service_id",
    "freq",
    "interval",
    "byday",
    "dtstart",
    "valid_from",
    "valid_to",
    "opens_at",
    "closes_at",
    "description",
)


class Vocabulary:
    """Every taxonomy term (with its taxonomy), read once per answer or stream: a directory
    has dozens, and full records name them thousands of times."""

    def __init__(self) -> None:
        self._terms: dict[str, SimpleNamespace] | None = None

    def term(self, term_id: str) -> SimpleNamespace:
        """The term (read again when it is new: a stream outlives the moment it began)."""
        if self._terms is None or term_id not in self._terms:
            self._terms = self._read()
        return self._terms[term_id]

    @staticmethod
    def _read() -> dict[str, SimpleNamespace]:
        taxonomies = {t.id: t for t in _read(Taxonomy, TAXONOMY)}
        terms = {}
        for term in _read(TaxonomyTerm, TERM):
            term.taxonomy = taxonomies[term.taxonomy_id]
            terms[term.id] = term
        return terms


TAXONOMY = ("id", "name", "description", "uri", "version")
TERM = ("id", "taxonomy_id", "parent_id", "code", "name", "description", "term_uri")


def services(
    ids: Sequence[uuid.UUID | str], full: bool, vocabulary: Vocabulary | None = None
) -> list[SimpleNamespace]:
    """The services with these ids, in this order, with their organisation and, when `full`,
    every nested list. Callers pass ids of published services only."""
    keys = _uuids(ids)
    found = {row.id: row for row in _in_chunks(Service, SERVICE, Service.id, keys)}
    ordered = [found[str(key)] for key in keys if str(key) in found]
    organisations = {
        o.id: o
        for o in _in_chunks(
            Organisation, ORGANISATION, Organisation.id, (s.organisation_id for s in ordered)
        )
    }
    for service in ordered:
        service.organisation = organisations[service.organisation_id]
    if full:
        _nest(ordered, [key for key in keys if str(key) in found], vocabulary or Vocabulary())
    return ordered


def _nest(services: list[SimpleNamespace], ids: list[uuid.UUID], vocabulary: Vocabulary) -> None:
    """Attach each service's sessions, places, costs, contacts, languages and terms."""
    schedules = _by(
        _in_chunks(Schedule, SCHEDULE, Schedule.service_id, ids, order=(Schedule.dtstart,)),
        "service_id",
    )
    places = _by(places_of(ids, Service), "service_id")
    costs = _by(
        _in_chunks(CostOption, COST, CostOption.service_id, ids),
        "service_id",
    )
    contacts = _by(_contacts(ids), "service_id")
    languages = _by(
        _in_chunks(Language, LANGUAGE, Language.service_id, ids, order=(Language.name,)),
        "service_id",
    )
    links = _in_chunks(ServiceAttribute, LINK, ServiceAttribute.service_id, ids)
    for link in links:
        link.taxonomy_term = vocabulary.term(link.taxonomy_term_id)
    attributes = _by(links, "service_id")
    for service in services:
        service.schedules = schedules.get(service.id, [])
        service.service_at_locations = places.get(service.id, [])
        service.cost_options = costs.get(service.id, [])
        service.contacts = contacts.get(service.id, [])
        service.languages = languages.get(service.id, [])
        service.attributes = attributes.get(service.id, [])


COST = ("id", "service_id", "option", "amount", "currency", "amount_description")
LANGUAGE = ("id", "service_id", "name", "code")
LINK = ("id", "service_id", "taxonomy_term_id")


def _contacts(service_ids: list[str]) -> list[SimpleNamespace]:
    contacts = _in_chunks(
        Contact, ("id", "service_id", "name", "title", "email"), Contact.service_id, service_ids
    )
    phones = _by(
        _in_chunks(
            Phone, ("id", "contact_id", "number"), Phone.contact_id, (c.id for c in contacts)
        ),
        "contact_id",
    )
    for contact in contacts:
        contact.phones = phones.get(contact.id, [])
    return contacts


def places_of(ids: Iterable[str], by: type = ServiceAtLocation) -> list[SimpleNamespace]:
    """Service-at-location rows (by their own ids, or by their services' ids with `by=Service`),
    each with its location and the location's accessibility."""
    column = ServiceAtLocation.service_id if by is Service else ServiceAtLocation.id
    links = _in_chunks(ServiceAtLocation, PLACE, column, ids)
    locations = {
        loc.id: loc
        for loc in _in_chunks(Location, LOCATION, Location.id, (p.location_id for p in links))
    }
    access = _by(
        _in_chunks(
            Accessibility,
            ("id", "location_id", "code", "description", "details"),
            Accessibility.location_id,
            locations,
            order=(Accessibility.code,),
        ),
        "location_id",
    )
    for location in locations.values():
        location.accessibility = access.get(location.id, [])
    for link in links:
        link.location = locations[link.location_id]
    return links


def service_at_locations(
    ids: Sequence[uuid.UUID | str], full: bool, vocabulary: Vocabulary | None = None
) -> list[SimpleNamespace]:
    """These services at a place, in this order, each with its location and its service."""
    links = {link.id: link for link in places_of(str(i) for i in ids)}
    ordered = [links[str(i)] for i in ids if str(i) in links]
    found = {s.id: s for s in services([p.service_id for p in ordered], full, vocabulary)}
    for link in ordered:
        link.service = found[link.service_id]
    return ordered


def organisations(ids: Sequence[uuid.UUID | str]) -> list[SimpleNamespace]:
    rows = {
        o.id: o
        for o in _in_chunks(Organisation, ORGANISATION, Organisation.id, (str(i) for i in ids))
    }
    return [rows[str(i)] for i in ids if str(i) in rows]


def taxonomies(ids: Sequence[uuid.UUID | str]) -> list[SimpleNamespace]:
    rows = {t.id: t for t in _in_chunks(Taxonomy, TAXONOMY, Taxonomy.id, (str(i) for i in ids))}
    return [rows[str(i)] for i in ids if str(i) in rows]

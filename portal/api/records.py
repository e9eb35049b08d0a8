"""Our records as Open Referral UK 3.0 JSON, following the record contract (docs/api.md).

The API's answers and the export are made here, so the importer's normaliser can read back
exactly what we publish. Three shapes of a service: `minimal` (id and last_modified), the list
shape (`full=False`: its own fields and its organisation) and the full record (`full=True`:
every nested list). Empty optional fields are left out; fields the schema requires are kept
even when we hold nothing (an address's `state_province` is then "").

What is never published: drafts and hidden listings (callers pass only public services), user
accounts, `referral_email`, `is_demo`, and a home's street, full postcode, name or exact
position (a masked location is an area: "<town> area", the postcode district, and a position
rounded to two decimal places, about a kilometre).

Records we publish without a row of their own get ids derived from their parent's id
(`uuid5`), so the same record keeps the same id in every answer and every export.

Each function reads a model instance or the plain row `portal.api.rows` reads in its place
(the same attribute names): the API and the export use the plain rows, which are faster.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from types import SimpleNamespace

from portal.api.fields import (
    PageUrl,
    clock_text,
    compact,
    day_text,
    derived_id,
    email_address,
    organisation_pages,
    web_address,
)
from portal.api.params import ServiceQuery
from portal.api.queries import SERVICES, stream_of
from portal.db import as_utc
from portal.directory.models import (
    Contact,
    CostOption,
    Location,
    LocationType,
    Organisation,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from portal.directory.presenters import public_position
from portal.directory.vocabulary import ACCESSIBILITY
from portal.geo import postcode_district

# --- services ------------------------------------------------------------------------------------


def minimal_record(service: Service) -> dict:
    """Just enough for another directory to see what changed: id and last_modified."""
    return {"id": str(service.id), "last_modified": as_utc(service.updated_at).isoformat()}


def application_process(service: Service) -> str:
    """How to join, which ORUK has no field for: "<label>. <details>" ("Book first. Ring Sue")."""
    details = (service.application_process or "").strip()
    label = service.how_to_join.label
    return f"{label}. {details}" if details else f"{label}."


def organization_brief(organisation: Organisation, page_url: str | None = None) -> dict:
    """An organisation as a service's list record nests it (its description is required: an
    organisation that gave none is described by its name)."""
    return compact(
        {
            "id": str(organisation.id),
            "name": organisation.name,
            "description": (organisation.description or "").strip() or organisation.name,
            "email": email_address(organisation.email),
            "website": web_address(organisation.website),
            "uri": page_url,
        }
    )


def service_record(service: Service, full: bool, organisation_url: PageUrl | None = None) -> dict:
    """A service: the list shape, or with `full` every nested list as well.

    `organisation_url(id)` gives the organisation's page on this portal (its `uri`)."""
    organisation = service.organisation
    page = organisation_url(organisation.id) if organisation_url else None
    record = compact(
        {
            "id": str(service.id),
            "organization_id": str(service.organisation_id),
            "name": service.name,
            "description": (service.description or "").strip(),
            "status": service.status.value,
            "url": web_address(service.url),
            "email": email_address(service.email),
            "alert": (service.alert or "").strip(),
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "fees_description": (service.fees_description or "").strip(),
            "application_process": application_process(service),
            "assured_date": day_text(service.last_reviewed),
            "last_modified": as_utc(service.updated_at).isoformat(),
            "organization": organization_brief(organisation, page),
        }
    )
    if full:
        record.update(nested_lists(service))
    return record


def nested_lists(service: Service) -> dict:
    """A full record's lists: sessions, places, costs, contacts, languages and terms."""
    return compact(
        {
            "schedules": [schedule_record(s) for s in service.schedules] + note_schedules(service),
            "service_at_locations": [
                compact(
                    {
                        "id": str(sal.id),
                        "location_id": str(sal.location_id),
                        "location": location_record(sal.location, full=True),
                    }
                )
                for sal in service.service_at_locations
            ],
            "cost_options": cost_options(service),
            "contacts": [contact_record(c) for c in service.contacts],
            "languages": [
                compact({"id": str(lang.id), "name": lang.name, "code": lang.code})
                for lang in service.languages
            ],
            "attributes": [
                compact(
                    {
                        "id": str(link.id),
                        "link_id": str(service.id),
                        "link_type": "service",
                        "link_entity": "service",
                        "taxonomy_term_id": str(link.taxonomy_term_id),
                        "taxonomy_term": taxonomy_term_record(link.taxonomy_term),
                    }
                )
                for link in service.attributes
            ],
        }
    )


def schedule_record(schedule: Schedule) -> dict:
    """A session: WEEKLY (interval 1 or 2) or MONTHLY ("1TU", "-1FR") from `dtstart`, or, with
    no `freq`, a one-off on `dtstart`."""
    weekly = schedule.freq == "WEEKLY"
    return compact(
        {
            "id": str(schedule.id),
            "freq": schedule.freq or None,
            "interval": (schedule.interval or 1) if weekly else None,
            "byday": schedule.byday if schedule.freq else None,
            "dtstart": day_text(schedule.dtstart),
            "valid_from": day_text(schedule.valid_from),
            "valid_to": day_text(schedule.valid_to),
            "opens_at": clock_text(schedule.opens_at),
            "closes_at": clock_text(schedule.closes_at),
            "description": (schedule.description or "").strip(),
        }
    )


def note_schedules(service: Service) -> list[dict]:
    """The group's words about when it meets ("Dates are on our Facebook page"), as a schedule
    with only a description (its id is derived from the service's, so it never changes)."""
    note = (getattr(service, "schedule_note", None) or "").strip()
    if not note:
        return []
    return [
        {"id": str(uuid.uuid5(uuid.UUID(str(service.id)), "schedule-note")), "description": note}
    ]


def cost_options(service: Service) -> list[dict]:
    """A free listing says so with one option of amount 0; a paid one lists its options, the
    main cost (the first with an amount) first, then the others in order."""
    options = list(service.cost_options)
    main = next((o for o in options if o.amount), None)
    if main is None:
        free = {"id": derived_id(service.id, "cost:free"), "option": "Free", "amount": 0}
        return [{**free, "currency": "GBP"}]
    ordered = [main, *(o for o in options if o is not main)]
    return [cost_record(o) for o in ordered]


def cost_record(option: CostOption) -> dict:
    return compact(
        {
            "id": str(option.id),
            "option": (option.option or "").strip(),
            "amount": float(option.amount) if option.amount is not None else None,
            "currency": option.currency or "GBP",
            "amount_description": (option.amount_description or "").strip(),
        }
    )


def contact_record(contact: Contact) -> dict:
    return compact(
        {
            "id": str(contact.id),
            "name": (contact.name or "").strip(),
            "title": (contact.title or "").strip(),
            "email": email_address(contact.email),
            "phones": [{"id": str(p.id), "number": p.number} for p in contact.phones if p.number],
        }
    )


# --- places --------------------------------------------------------------------------------------


def location_record(location: Location, full: bool) -> dict:
    """A place; with `full` its address and accessibility too. A home is an area only."""
    virtual = location.location_type is LocationType.VIRTUAL
    position = None if virtual else public_position(location)
    record = {
        "id": str(location.id),
        "location_type": location.location_type.value,
        "name": None if location.mask_address else (location.name or "").strip(),
        "url": web_address(location.url) if virtual else None,
        "latitude": position[0] if position else None,
        "longitude": position[1] if position else None,
    }
    if full:
        record["addresses"] = [] if virtual else address_records(location)
        record["accessibility"] = [
            compact(
                {
                    "id": str(fact.id),
                    "description": ACCESSIBILITY.get(fact.code, fact.description),
                    "details": (fact.details or "").strip(),
                }
            )
            for fact in location.accessibility
        ]
    return compact(record)


def address_records(location: Location) -> list[dict]:
    """The place's one address (none when we hold neither a street nor a postcode)."""
    city = (location.city or "").strip()
    if location.mask_address:
        street = f"{city} area" if city else "Area only"
        postcode = postcode_district(location.postal_code) or ""
    else:
        street = (location.address_1 or "").strip()
        postcode = (location.postal_code or "").strip()
        if not street and not postcode:
            return []
    return [
        {
            "id": derived_id(location.id, "address"),
            "address_1": street,
            "city": city,
            "state_province": "" if location.mask_address else (location.state_province or ""),
            "postal_code": postcode,
            "country": location.country or "GB",
            "address_type": "physical",
        }
    ]


def service_at_location_record(
    sal: ServiceAtLocation, full: bool, organisation_url: PageUrl | None = None
) -> dict:
    """A service at one of its places; `full` nests both whole."""
    return {
        "id": str(sal.id),
        "service_id": str(sal.service_id),
        "location_id": str(sal.location_id),
        "location": location_record(sal.location, full=full),
        "service": service_record(sal.service, full=full, organisation_url=organisation_url),
    }


# --- organisations and taxonomies ----------------------------------------------------------------


def organization_record(
    organisation: Organisation,
    services: list[Service] | None = None,
    full_services: bool = False,
    page_url: str | None = None,
    organisation_url: PageUrl | None = None,
) -> dict:
    """An organisation; with `services`, its public services (full records or list shape)."""
    record = organization_brief(organisation, page_url)
    if services:
        record["services"] = [
            service_record(s, full=full_services, organisation_url=organisation_url)
            for s in services
        ]
    return record


def taxonomy_record(taxonomy: Taxonomy) -> dict:
    return compact(
        {
            "id": str(taxonomy.id),
            "name": taxonomy.name,
            "description": (taxonomy.description or "").strip() or taxonomy.name,
            "uri": web_address(taxonomy.uri),
            "version": (taxonomy.version or "").strip(),
        }
    )


def taxonomy_term_record(term: TaxonomyTerm) -> dict:
    """A term. ORUK's `taxonomy` is text (the taxonomy's name); the taxonomy itself goes in
    `taxonomy_detail` (HSDS 3.0's name for it). Made once per term object: full records name
    the same few terms thousands of times."""
    if not isinstance(term, SimpleNamespace):  # a model instance: made afresh
        return _term_record(term)
    made = getattr(term, "published_record", None)
    if made is None:
        made = term.published_record = _term_record(term)
    return made


def _term_record(term: TaxonomyTerm) -> dict:
    return compact(
        {
            "id": str(term.id),
            "code": term.code,
            "name": term.name,
            "description": (term.description or "").strip() or term.name,
            "taxonomy_id": str(term.taxonomy_id),
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "term_uri": web_address(term.term_uri),
            "taxonomy": term.taxonomy.name,
            "taxonomy_detail": taxonomy_record(term.taxonomy),
        }
    )


# --- every public service ------------------------------------------------------------------------


def iter_service_records(full: bool = True, batch: int = 500) -> Iterator[dict]:
    """Every public listing as an ORUK service record, in id order (stable between runs).

    Reads `batch` listings at a time as plain rows (`portal.api.rows`) and lets each batch go
    before the next, so memory stays flat however big the directory is. Needs an application
    context; ends the session's read transaction between batches."""
    pages = organisation_pages()
    for services in stream_of(SERVICES, ServiceQuery(), full=full, batch=batch):
        for service in services:
            yield service_record(service, full=full, organisation_url=pages)

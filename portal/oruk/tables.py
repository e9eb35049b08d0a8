"""The tables of the ORUK tabular package: their file names, columns and column types.

The standard file name of each table is ORUK's schema "path"; the other names are spellings
found in published packages (the ORUK examples hold both schedule.csv and schedules.csv).
A test keeps these in step with standards/oruk/schema.
"""

from __future__ import annotations

#: Each table's files: the standard name (the ORUK schema's "path") first.
TABLES: dict[str, tuple[str, ...]] = {
    "services": ("services.csv", "service.csv"),
    "organizations": ("organizations.csv", "organization.csv"),
    "organization_identifiers": ("organization_identifiers.csv", "organization_identifier.csv"),
    "schedules": ("schedule.csv", "schedules.csv"),
    "service_areas": ("service_areas.csv", "service_area.csv"),
    "service_at_locations": ("service_at_location.csv", "service_at_locations.csv"),
    "locations": ("locations.csv", "location.csv"),
    "addresses": ("address.csv", "addresses.csv"),
    "accessibility": ("accessibility.csv", "accessibility_for_disabilities.csv"),
    "languages": ("languages.csv", "language.csv"),
    "funding": ("funding.csv", "fundings.csv"),
    "cost_options": ("cost_options.csv", "cost_option.csv"),
    "contacts": ("contacts.csv", "contact.csv"),
    "phones": ("phones.csv", "phone.csv"),
    "attributes": ("attribute.csv", "attributes.csv"),
    "taxonomy_terms": ("taxonomy_terms.csv", "taxonomy_term.csv"),
    "taxonomies": ("taxonomies.csv", "taxonomy.csv"),
}
#: ORUK's columns for each table, in its order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "services": (
        *("id", "organization_id", "name", "description", "url", "email", "status", "fees"),
        *("accreditations", "minimum_age", "maximum_age", "assured_date", "assurer_email"),
        *("alert", "last_modified"),
    ),
    "organizations": (
        *("id", "name", "description", "email", "website", "logo", "uri"),
        "parent_organization_id",
    ),
    "organization_identifiers": (
        *("id", "organization_id", "identifier_scheme", "identifier_type", "identifier"),
    ),
    "schedules": (
        *("id", "service_id", "service_at_location_id", "valid_from", "valid_to", "dtstart"),
        *("freq", "interval", "byday", "bymonthday", "description", "opens_at", "closes_at"),
        *("schedule_link", "attending_type", "notes"),
    ),
    "service_areas": ("id", "service_id", "name", "extent", "extent_type", "uri", "service_area"),
    "service_at_locations": ("id", "service_id", "location_id"),
    "locations": (
        *("id", "location_type", "name", "description", "latitude", "longitude"),
        *("external_identifier", "external_identifier_type"),
    ),
    "addresses": (
        *("id", "location_id", "attention", "address_1", "city", "region", "state_province"),
        *("postal_code", "country", "address_type"),
    ),
    "accessibility": ("id", "location_id", "description", "details", "url", "accessibility"),
    "languages": ("id", "service_id", "phone_id"),
    "funding": ("id", "service_id", "source"),
    "cost_options": (
        *("id", "service_id", "valid_from", "valid_to", "option", "amount"),
        "amount_description",
    ),
    "contacts": ("id", "service_id", "name", "title"),
    "phones": ("id", "contact_id", "number", "description"),
    "attributes": ("id", "link_id", "taxonomy_term_id", "link_type"),
    "taxonomy_terms": (
        *("id", "name", "description", "parent_id", "taxonomy", "taxonomy_id", "term_uri"),
        "term",
    ),
    "taxonomies": ("id", "name", "description", "uri", "version"),
}
#: ORUK's number columns: read back as numbers.
NUMBERS: dict[str, frozenset[str]] = {
    "services": frozenset({"minimum_age", "maximum_age"}),
    "schedules": frozenset({"interval"}),
    "locations": frozenset({"latitude", "longitude"}),
    "cost_options": frozenset({"amount"}),
}
#: ORUK's required columns: an empty cell there reads as "" (elsewhere as left out).
REQUIRED: dict[str, frozenset[str]] = {
    "services": frozenset({"id", "name", "status"}),
    "organizations": frozenset({"id", "name", "description"}),
    "organization_identifiers": frozenset({"id", "identifier_type", "identifier"}),
    "locations": frozenset({"id", "location_type"}),
    "addresses": frozenset(
        {"id", "address_1", "city", "state_province", "postal_code", "country", "address_type"}
    ),
    "phones": frozenset({"id", "number"}),
    "taxonomy_terms": frozenset({"id", "name", "description"}),
    "taxonomies": frozenset({"id", "name", "description"}),
}

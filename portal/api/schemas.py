"""The shapes of our records, from the Open Referral UK 3.0 schemas, for the OpenAPI document.

`oruk_schemas.json` (beside this file) holds the structure of the UK profile's schemas for
the records we answer with: types, formats, enumerations, required fields, nesting. Their
words (descriptions, titles, examples) and their CSV packaging keywords are left out: our
document describes fields in its own words (`FIELD_NOTES`). `extract(folder)` makes that file
again from a copy of the profile's `schema/` folder:

    python -m portal.api.schemas standards/oruk/schema

`component_schemas()` adds what we publish beyond the profile (HSDS 3.0 fields and a few of
ours, listed in `EXTRAS`) and gives each component schema and field our description.
`OUR_SCHEMAS` are the API's own shapes: the page wrapper, errors, `minimal` records, `/`.
"""

from __future__ import annotations

import copy
import json
import sys
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENDORED = HERE / "oruk_schemas.json"
#: Our component name -> the profile's file it comes from.
SOURCES = {
    "Service": "compiled/service.json",
    "ServiceSummary": "compiled/service_list.json",
    "ServiceAtLocation": "compiled/service_at_location.json",
    "ServiceAtLocationSummary": "compiled/service_at_location_list.json",
    "Organization": "compiled/organization.json",
    "OrganizationSummary": "compiled/organization_list.json",
    "Taxonomy": "taxonomy.json",
    "TaxonomyTerm": "taxonomy_term.json",
}
#: JSON Schema keywords that say what a record's structure is; everything else is dropped.
STRUCTURE = ("type", "format", "enum", "required", "items", "properties", "$ref")
REFERENCES = {"taxonomy_term.json": "#/components/schemas/TaxonomyTerm"}


def structure(schema: object) -> object:
    """A schema with only its structural keywords (the profile's words and CSV keywords go)."""
    if isinstance(schema, list):
        return [structure(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    kept = {}
    for key in STRUCTURE:
        if key not in schema:
            continue
        value = schema[key]
        if key == "properties":
            kept[key] = {name: structure(field) for name, field in value.items()}
        elif key == "$ref":
            kept[key] = REFERENCES.get(value, value)
        elif key == "items":
            kept[key] = structure(value)
        else:
            kept[key] = copy.deepcopy(value)
    return kept


def extract(folder: Path) -> dict:
    """Our components' structure from the profile's `schema/` folder."""
    return {
        name: structure(json.loads((folder / path).read_text(encoding="utf-8")))
        for name, path in SOURCES.items()
    }


# --- what we add ---------------------------------------------------------------------------------


def _text() -> dict:
    return {"type": "string"}


_TAXONOMY = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "name": _text(),
        "description": _text(),
        "uri": {"type": "string", "format": "uri"},
        "version": _text(),
    },
    "required": ["id", "name", "description"],
}
#: (properties an object must have to be this kind of record, the properties we add to it).
EXTRAS: tuple[tuple[set[str], dict], ...] = (
    ({"organization_id", "status"}, {"fees_description": _text(), "application_process": _text()}),
    ({"location_type"}, {"url": {"type": "string", "format": "uri"}}),
    ({"amount", "option"}, {"currency": _text()}),
    (
        {"title", "service_id"},
        {
            "email": {"type": "string", "format": "email"},
            "phones": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"id": {"type": "string", "format": "uuid"}, "number": _text()},
                    "required": ["id", "number"],
                },
            },
        },
    ),
    ({"phone_id", "service_id"}, {"name": _text(), "code": _text()}),
    ({"taxonomy_term_id", "link_type"}, {"link_entity": _text()}),
    ({"taxonomy_id", "term_uri"}, {"code": _text(), "taxonomy_detail": _TAXONOMY}),
)

FIELD_NOTES = {
    "id": "This record's identifier (a UUID), the same in every answer and export.",
    "organization_id": "The organisation that runs the service.",
    "name": "The name people know it by.",
    "description": "What it is, in the words of whoever looks after it.",
    "status": "Whether it is running: we publish active and temporarily closed services.",
    "url": "A web address for it.",
    "email": "An email address for it.",
    "alert": "Something people should know first (often why it is temporarily closed).",
    "minimum_age": "The youngest age it is for, in years.",
    "maximum_age": "The oldest age it is for, in years.",
    "fees_description": "What it costs, in words.",
    "application_process": "How to join: 'Just turn up.', 'Book first.' or 'Referral "
    "needed.', followed by any details.",
    "assured_date": "The day the listing was last checked (YYYY-MM-DD).",
    "last_modified": "When anything in the record last changed (ISO 8601, UTC).",
    "schedules": "When it happens: weekly, fortnightly or monthly sessions, or one-off dates.",
    "service_at_locations": "Where it happens.",
    "cost_options": "What it costs; a free service has one option, 'Free', of 0.",
    "contacts": "Who to contact.",
    "languages": "Languages it is offered in.",
    "attributes": "The needs, audiences and activity type that describe it.",
    "organization": "The organisation that runs it.",
    "location": "The place. A home is published as an area only.",
    "addresses": "The place's address (for a home: the town and postcode district only).",
    "accessibility": "Access facts about the place.",
    "latitude": "Degrees north (two decimal places for a home).",
    "longitude": "Degrees east (two decimal places for a home).",
    "taxonomy_term": "The term.",
    "taxonomy_detail": "The taxonomy the term belongs to.",
    "taxonomy": "The name of the taxonomy the term belongs to.",
    "code": "The term's code, stable across renames.",
    "services": "The organisation's published services.",
}
DESCRIPTIONS = {
    "Service": "A service (an activity or a source of help) with everything nested.",
    "ServiceSummary": "A service in a list: its own fields and its organisation.",
    "ServiceAtLocation": "A service at one of its places, both complete.",
    "ServiceAtLocationSummary": "A service at one of its places, as a list shows them.",
    "Organization": "An organisation that runs at least one published service.",
    "OrganizationSummary": "An organisation as a list shows it.",
    "Taxonomy": "A vocabulary: needs, audiences (who it is for) or activity types.",
    "TaxonomyTerm": "One term of a vocabulary.",
}


def _add_extras(schema: object) -> None:
    """Walk every object schema and add the fields we publish beyond the profile."""
    if isinstance(schema, list):
        for item in schema:
            _add_extras(item)
        return
    if not isinstance(schema, dict):
        return
    properties = schema.get("properties")
    if isinstance(properties, dict):
        for signature, extra in EXTRAS:
            if signature <= properties.keys():
                for name, field in extra.items():
                    properties.setdefault(name, copy.deepcopy(field))
        for name, field in properties.items():
            _add_extras(field)
            if name in FIELD_NOTES and isinstance(field, dict):
                field.setdefault("description", FIELD_NOTES[name])
    if "items" in schema:
        _add_extras(schema["items"])


@cache
def component_schemas() -> dict:
    """Our record schemas for `components/schemas` (never changed by callers: copy first)."""
    components = json.loads(VENDORED.read_text(encoding="utf-8"))
    for name, schema in components.items():
        _add_extras(schema)
        schema["description"] = DESCRIPTIONS[name]
    return components


# --- our own schemas -----------------------------------------------------------------------------

_URI = {"type": "string", "format": "uri"}
PAGE = {
    "type": "object",
    "description": "A page of records. An empty result is one empty page (total_pages 1, the "
    "first and the last page); a page after the last is empty too, with last_page true.",
    "properties": {
        "total_items": {"type": "integer", "minimum": 0, "description": "How many records match."},
        "total_pages": {
            "type": "integer",
            "minimum": 1,
            "description": "How many pages they fill.",
        },
        "page_number": {"type": "integer", "minimum": 1, "description": "This page's number."},
        "size": {
            "type": "integer",
            "minimum": 0,
            "description": "How many records this page holds.",
        },
        "first_page": {"type": "boolean", "description": "Whether this is page 1."},
        "last_page": {"type": "boolean", "description": "Whether no page follows this one."},
        "empty": {"type": "boolean", "description": "Whether this page holds no records."},
        "contents": {"type": "array", "description": "The records."},
    },
    "required": [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ],
}
ERROR = {
    "type": "object",
    "description": "What went wrong, in plain English.",
    "properties": {
        "error": {
            "type": "string",
            "description": "What kind of problem: bad_parameter, not_found…",
        },
        "parameter": {"type": "string", "description": "The parameter at fault (400 only)."},
        "message": {"type": "string", "description": "What was wrong and what to send instead."},
    },
    "required": ["error", "message"],
}
OUR_SCHEMAS = {
    "ApiInformation": {
        "type": "object",
        "description": "What this API is.",
        "properties": {
            "version": {"type": "string", "description": "The HSDS version and profile."},
            "profile": {**_URI, "description": "The profile's documentation."},
            "openapi_url": {**_URI, "description": "This API's OpenAPI document."},
        },
        "required": ["version", "profile", "openapi_url"],
    },
    "OpenApiDocument": {"type": "object", "description": "An OpenAPI 3.1 document."},
    "Page": PAGE,
    "ServiceMinimal": {
        "type": "object",
        "description": "A service as `minimal` lists it: enough to see what changed.",
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "last_modified": {"type": "string", "format": "date-time"},
        },
        "required": ["id", "last_modified"],
        "additionalProperties": False,
    },
    "Error": ERROR,
}


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "standards/oruk/schema")
    VENDORED.write_text(json.dumps(extract(source), indent=1, sort_keys=True) + "\n")
    print(f"wrote {VENDORED}")

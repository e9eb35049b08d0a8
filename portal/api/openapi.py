"""The OpenAPI 3.1 document of the API, built from the same tables the API reads.

Every path, parameter and answer the blueprint has is here (a test compares it with the URL
map), and nothing else. Parameters come from `portal.api.params.PARAMETERS`, record schemas
from `portal.api.schemas` (the Open Referral UK profile's structure, embedded: the document
refers to nothing outside itself). Endpoints the profile treats as optional are tagged
"Optional", as the Open Referral UK validator expects.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import lru_cache

from portal.api import examples
from portal.api.params import EXAMPLE_ID, PARAMETERS
from portal.api.schemas import OUR_SCHEMAS, component_schemas

SERVICE_FILTERS = (
    "search",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "modified_after",
    "minimum_age",
    "maximum_age",
    "start_time",
    "end_time",
    "day",
    "postcode",
    "proximity",
)
PAGING = ("page", "per_page")
#: Parameters described twice because they mean different things on different endpoints.
NAMES = {
    "term_taxonomy_id": "taxonomy_id",
    "term_search": "search",
    "organization_search": "search",
}


@dataclass(frozen=True)
class Endpoint:
    path: str
    operation: str
    summary: str
    description: str
    parameters: tuple[str, ...] = ()
    #: A list endpoint's item schemas (a page, or ndjson with `format`); else the record's.
    items: tuple[str, ...] = ()
    record: str = ""
    optional: bool = True
    example: object = None
    #: The answer's media type when it is not JSON (a file to download).
    media: str = ""


ENDPOINTS = (
    Endpoint(
        "/",
        "getApiInformation",
        "Which Open Referral version this API speaks",
        "The HSDS version and UK profile this API follows, and where its OpenAPI document is.",
        record="ApiInformation",
        optional=False,
        example={
            "version": "HSDS-UK-3.0",
            "profile": "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md",
            "openapi_url": "https://directory.example.org/api/openapi.json",
        },
    ),
    Endpoint(
        "/openapi.json",
        "getOpenApiDocument",
        "This document",
        "The OpenAPI 3.1 description of every address, parameter and answer of this API.",
        record="OpenApiDocument",
    ),
    Endpoint(
        "/services",
        "listServices",
        "Published services, a page at a time",
        "Every published service (active or temporarily closed) matching all the filters "
        "given, by id; nearest first with a postcode; best match first with search words.",
        (*SERVICE_FILTERS, *PAGING, "format", "minimal", "full"),
        items=("ServiceSummary", "ServiceMinimal"),
        optional=False,
        example=examples.page(examples.SERVICE_SUMMARY),
    ),
    Endpoint(
        "/services/{id}",
        "getService",
        "One published service, complete",
        "A published service with its sessions, places, costs, contacts, languages and terms.",
        record="Service",
        optional=False,
        example=examples.SERVICE,
    ),
    Endpoint(
        "/service_at_locations",
        "listServiceAtLocations",
        "Published services at each of their places, a page at a time",
        "One record per published service and place, filtered as /services is; with a "
        "postcode each record is kept or left out by the distance to its own place.",
        (*SERVICE_FILTERS, *PAGING, "format", "full"),
        items=("ServiceAtLocationSummary",),
        example=examples.page(examples.SERVICE_AT_LOCATION_SUMMARY),
    ),
    Endpoint(
        "/service_at_locations/{id}",
        "getServiceAtLocation",
        "One published service at one place, complete",
        "The place with its address and access facts, and the service complete.",
        record="ServiceAtLocation",
        example=examples.SERVICE_AT_LOCATION,
    ),
    Endpoint(
        "/organizations",
        "listOrganizations",
        "Organisations running published services, a page at a time",
        "Organisations with at least one published service, by name.",
        ("organization_search", *PAGING, "format", "full", "full_service"),
        items=("OrganizationSummary", "Organization"),
        example=examples.page(examples.ORGANIZATION),
    ),
    Endpoint(
        "/organizations/{id}",
        "getOrganization",
        "One organisation with its published services",
        "The organisation and its published services (complete with full_service).",
        ("full_service",),
        record="Organization",
        example={**examples.ORGANIZATION, "services": [examples.SERVICE_SUMMARY]},
    ),
    Endpoint(
        "/taxonomies",
        "listTaxonomies",
        "The vocabularies services are described with",
        "Needs, audiences (who it is for) and activity types.",
        PAGING,
        items=("Taxonomy",),
        example=examples.page(examples.TAXONOMY),
    ),
    Endpoint(
        "/taxonomies/{id}",
        "getTaxonomy",
        "One vocabulary",
        "A vocabulary by its id.",
        record="Taxonomy",
        example=examples.TAXONOMY,
    ),
    Endpoint(
        "/taxonomy_terms",
        "listTaxonomyTerms",
        "The terms of the vocabularies, a page at a time",
        "Terms in each vocabulary's display order, filtered by every parameter given.",
        ("term_taxonomy_id", "parent_id", "top_only", "term_search", *PAGING),
        items=("TaxonomyTerm",),
        example=examples.page(examples.TERM),
    ),
    Endpoint(
        "/taxonomy_terms/{id}",
        "getTaxonomyTerm",
        "One term",
        "A term by its id, with the vocabulary it belongs to.",
        record="TaxonomyTerm",
        example=examples.TERM,
    ),
    Endpoint(
        "/export.zip",
        "getCsvPackage",
        "The whole directory as the Open Referral UK tabular (CSV) package",
        "Every published service, complete, as the ORUK CSV tables (services.csv, "
        "organizations.csv, locations.csv and the rest) in one zip file. For JSON, ask "
        "/services?format=ndjson&full=true.",
        media="application/zip",
    ),
)


def _ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


def _parameter(key: str) -> dict:
    param = PARAMETERS[key]
    return {
        "name": NAMES.get(key, key),
        "in": "query",
        "required": False,
        "description": param.description,
        "schema": copy.deepcopy(param.schema),
        "example": param.example,
    }


def _path_parameter(what: str) -> dict:
    return {
        "name": "id",
        "in": "path",
        "required": True,
        "description": f"The {what}'s id (a UUID). An unknown or malformed id is a 404.",
        "schema": {"type": "string", "format": "uuid"},
        "example": EXAMPLE_ID,
    }


def _ok(endpoint: Endpoint) -> dict:
    if endpoint.media:
        schema = {"type": "string", "contentMediaType": endpoint.media}
        return {
            "description": "The file.",
            "headers": _cors(),
            "content": {endpoint.media: {"schema": schema}},
        }
    headers = {"ETag": _ref("headers", "ETag"), **_cors()}
    if endpoint.items:
        items = [_ref("schemas", name) for name in endpoint.items]
        page = {
            "allOf": [_ref("schemas", "Page")],
            "properties": {
                "contents": {
                    "type": "array",
                    "items": items[0] if len(items) == 1 else {"anyOf": items},
                }
            },
        }
        content = {"application/json": {"schema": page, "example": endpoint.example}}
        if "format" in endpoint.parameters:
            content["application/x-ndjson"] = {
                "schema": {
                    "type": "string",
                    "description": "With format=ndjson: every matching record (shaped as "
                    "`contents` would be), one JSON object per line, unpaginated, streamed.",
                }
            }
        return {"description": "A page of records.", "headers": headers, "content": content}
    schema = _ref("schemas", endpoint.record)
    content = {"application/json": {"schema": schema}}
    if endpoint.example is not None:
        content["application/json"]["example"] = endpoint.example
    return {"description": "The record.", "headers": headers, "content": content}


def _cors() -> dict:
    return {"Access-Control-Allow-Origin": _ref("headers", "AccessControlAllowOrigin")}


def _operation(endpoint: Endpoint) -> dict:
    responses = {"200": _ok(endpoint)}
    if not endpoint.media:  # files are made afresh, with no ETag to compare
        responses["304"] = _ref("responses", "NotModified")
    if endpoint.parameters:
        responses["400"] = _ref("responses", "BadParameter")
    if "{id}" in endpoint.path:
        responses["404"] = _ref("responses", "NotFound")
    responses["503"] = _ref("responses", "Unavailable")
    operation = {
        "operationId": endpoint.operation,
        "summary": endpoint.summary,
        "description": endpoint.description,
        "tags": ["Optional" if endpoint.optional else "Core"],
        "parameters": [_ref("parameters", key) for key in endpoint.parameters],
        "responses": responses,
    }
    if "{id}" in endpoint.path:
        what = endpoint.record.replace("At", " at ").replace("Taxonomy", "taxonomy ").lower()
        operation["parameters"].insert(0, _path_parameter(" ".join(what.split())))
    return operation


def _error_response(description: str, example: dict) -> dict:
    return {
        "description": description,
        "headers": _cors(),
        "content": {"application/json": {"schema": _ref("schemas", "Error"), "example": example}},
    }


def _components() -> dict:
    return {
        "schemas": {**copy.deepcopy(OUR_SCHEMAS), **copy.deepcopy(component_schemas())},
        "parameters": {key: _parameter(key) for key in PARAMETERS},
        "headers": HEADERS,
        "responses": _responses(),
    }


HEADERS = {
    "ETag": {
        "description": "This answer's version: send it back as If-None-Match to be told "
        "304 Not Modified while nothing has changed.",
        "schema": {"type": "string"},
    },
    "AccessControlAllowOrigin": {
        "description": "Any web page may read every answer.",
        "schema": {"type": "string", "enum": ["*"]},
    },
}


def _responses() -> dict:
    return {
        "NotModified": {
            "description": "Nothing has changed since the version named in If-None-Match.",
            "headers": {"ETag": _ref("headers", "ETag"), **_cors()},
        },
        "BadParameter": _error_response(
            "A parameter we cannot use; `parameter` names it and `message` says why.",
            {
                "error": "bad_parameter",
                "parameter": "per_page",
                "message": "Enter per_page as a whole number from 1 to 100, like 2",
            },
        ),
        "NotFound": _error_response(
            "No published record has that id.",
            {"error": "not_found", "message": f"No published service has the id “{EXAMPLE_ID}”"},
        ),
        "Unavailable": _error_response(
            "The database cannot be reached just now; try again after Retry-After seconds.",
            {"error": "service_unavailable", "message": "The database is unavailable."},
        ),
    }


INFO = {
    "title": "Community directory: Open Referral UK API",
    "version": "3.0",
    "description": "The published activities and services of this directory, read-only, in "
    "Open Referral UK 3.0 (HSDS 3.0 with the UK profile). No key is needed and any web page "
    "may read it. Only published listings appear; an activity held at someone's home is "
    "shown as an area (its town and postcode district), never an address. Record schemas "
    "follow the structure of the Open Referral UK profile's schemas (Human Services Data "
    "Specification: an Open Referral resource, https://openreferral.org/, CC BY-SA 4.0).",
}


def openapi_document(base_url: str) -> dict:
    """The document for a portal served at `base_url` (a fresh copy each time)."""
    return json.loads(openapi_json(base_url))


@lru_cache(maxsize=4)
def openapi_json(base_url: str) -> str:
    """The document as JSON text, made once per base URL."""
    document = {
        "openapi": "3.1.0",
        "info": INFO,
        "servers": [{"url": base_url.rstrip("/") + "/api", "description": "This directory"}],
        "tags": [
            {"name": "Core", "description": "Endpoints every Open Referral UK feed has."},
            {"name": "Optional", "description": "Endpoints the profile makes optional."},
        ],
        "paths": {endpoint.path: {"get": _operation(endpoint)} for endpoint in ENDPOINTS},
        "components": _components(),
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))

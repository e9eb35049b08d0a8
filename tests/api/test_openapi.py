"""The OpenAPI document describes exactly what the API answers, and the API keeps to it.

Schemathesis (v4) loads the document the app serves (so it must be a valid OpenAPI 3.1
document) and sends every operation generated and documented examples through the app in
process, checking: no server error, each answer fits its documented schema, its status code
and content type are documented, and so are its headers.
"""

from __future__ import annotations

import json
import re

import schemathesis
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from portal.api.openapi import openapi_document
from portal.api.schemas import VENDORED, extract
from tests.api.helpers import ORUK, PUBLISHED, get_json

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
]
EXAMPLES_PER_OPERATION = 50
CORE = {"/", "/services", "/services/{id}"}


def document() -> dict:
    return openapi_document("http://portal.test")


def test_the_document_lists_every_route_of_the_api(app):
    rules = {
        re.sub(r"<[^>]+>", "{id}", rule.rule.removeprefix("/api")): rule.methods
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.")
    }
    paths = document()["paths"]
    assert set(rules) == set(paths)
    for path, methods in rules.items():
        assert methods - {"HEAD", "OPTIONS"} == {"GET"}
        assert set(paths[path]) == {"get"}


def test_the_document_is_served_and_refers_to_nothing_outside_itself(client):
    served = get_json(client, "/api/openapi.json")
    assert served == document()
    assert served["openapi"].startswith("3.1")
    assert served["servers"] == [{"url": "http://portal.test/api", "description": "This directory"}]
    references = re.findall(r'"\$ref":\s*"([^"]+)"', json.dumps(served))
    assert references and all(ref.startswith("#/components/") for ref in references)


def test_every_operation_and_parameter_is_described_with_an_example():
    doc = document()
    for path, item in doc["paths"].items():
        operation = item["get"]
        assert operation["summary"] and operation["description"] and operation["operationId"]
        assert operation["tags"] == (["Core"] if path in CORE else ["Optional"])
        assert "200" in operation["responses"]
        parameters = [
            doc["components"]["parameters"][p["$ref"].rsplit("/", 1)[1]] if "$ref" in p else p
            for p in operation["parameters"]
        ]
        for parameter in parameters:
            assert parameter["description"] and "example" in parameter, (path, parameter)
        if "{id}" in path:
            assert "404" in operation["responses"]
        if any(p["in"] == "query" for p in parameters):
            assert "400" in operation["responses"]


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def test_every_example_fits_its_schema():
    doc = document()
    registry = Registry().with_resource("urn:api", DRAFT202012.create_resource(doc))
    checked = 0
    for path, item in doc["paths"].items():
        for status, response in item["get"]["responses"].items():
            where: tuple[str, ...] = ("paths", path, "get", "responses", status)
            if "$ref" in response:
                name = response["$ref"].rsplit("/", 1)[1]
                response, where = (
                    doc["components"]["responses"][name],
                    ("components", "responses", name),
                )
            for media, content in response.get("content", {}).items():
                if "example" in content:
                    schema = {"$ref": f"urn:api#/{_pointer(*where, 'content', media, 'schema')}"}
                    errors = Draft202012Validator(schema, registry=registry).iter_errors(
                        content["example"]
                    )
                    assert not list(errors), (path, status)
                    checked += 1
    assert checked >= len(doc["paths"]) + 2


def test_the_embedded_record_schemas_follow_the_profile():
    """oruk_schemas.json is the structure of the profile's schemas, as `extract` reads it."""
    assert json.loads(VENDORED.read_text(encoding="utf-8")) == extract(ORUK)


def test_the_api_keeps_to_its_document(app, directory):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= set(document()["paths"]) - {"/openapi.json"}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_to_the_document(case) -> None:
            case.call_and_validate(checks=CHECKS)

        keeps_to_the_document()


def test_records_found_by_id_keep_to_the_document(app, client, directory):
    """Generated ids are never ours: each detail operation with the ids we publish."""
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    places = get_json(client, "/api/service_at_locations")["contents"]
    terms = get_json(client, "/api/taxonomy_terms?per_page=100")["contents"]
    taxonomies = get_json(client, "/api/taxonomies")["contents"]
    ids = {
        "/services/{id}": [directory[name] for name in PUBLISHED],
        "/service_at_locations/{id}": [p["id"] for p in places],
        "/organizations/{id}": [directory["org_a"], directory["org_b"]],
        "/taxonomy_terms/{id}": [t["id"] for t in terms],
        "/taxonomies/{id}": [t["id"] for t in taxonomies],
    }
    for path, values in ids.items():
        operation = schema[path]["GET"]
        for value in values:
            case = operation.Case(path_parameters={"id": value})
            assert case.call_and_validate(checks=CHECKS).status_code == 200
    listing = schema["/organizations/{id}"]["GET"]
    case = listing.Case(path_parameters={"id": directory["org_a"]}, query={"full_service": "true"})
    assert case.call_and_validate(checks=CHECKS).status_code == 200

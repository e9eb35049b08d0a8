"""What a client of the API notices over HTTP: pages, errors, CORS, ETags, the ndjson stream."""

from __future__ import annotations

import json

import pytest

from portal.directory.services import update_service
from tests.api.helpers import PUBLISHED, get_json, ids_of

MISSING = "0b5bd9c4-97f3-4a7b-9f4f-6d1b2f0e7a11"
DETAILS = ("services", "service_at_locations", "organizations", "taxonomies", "taxonomy_terms")


def test_pages_first_middle_and_last_are_consistent(client, directory, schemas):
    pages = [get_json(client, f"/api/services?per_page=2&page={n}") for n in (1, 2, 3)]
    for number, page in enumerate(pages, start=1):
        schemas.check_page(page, "compiled/service_list.json")
        assert (page["total_items"], page["total_pages"], page["page_number"]) == (5, 3, number)
    assert [p["size"] for p in pages] == [2, 2, 1]
    assert [(p["first_page"], p["last_page"]) for p in pages] == [
        (True, False),
        (False, False),
        (False, True),
    ]
    seen = [record["id"] for page in pages for record in page["contents"]]
    assert sorted(seen) == sorted(directory[name] for name in PUBLISHED)


def test_an_empty_result_is_one_valid_empty_page(client, directory, schemas):
    page = get_json(client, "/api/services?search=zzzzqqq")
    schemas.check_page(page, "compiled/service_list.json")
    assert page == {
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


def test_a_page_after_the_last_is_empty_not_an_error(client, directory, schemas):
    page = get_json(client, "/api/services?per_page=2&page=9")
    schemas.check_page(page, "compiled/service_list.json")
    assert (page["total_items"], page["total_pages"], page["page_number"]) == (5, 3, 9)
    assert page["contents"] == [] and page["empty"] and page["last_page"]


BAD = [
    ("page=0", "page"),
    ("page=two", "page"),
    ("page=1000001", "page"),
    ("per_page=101", "per_page"),
    ("per_page=0", "per_page"),
    ("per_page=-5", "per_page"),
    ("format=xml", "format"),
    ("full=maybe", "full"),
    ("taxonomy_term_id=not-an-id", "taxonomy_term_id"),
    ("taxonomy_id=12", "taxonomy_id"),
    ("organization_id=x", "organization_id"),
    ("modified_after=yesterday", "modified_after"),
    ("modified_after=2026-13-01", "modified_after"),
    ("minimum_age=old", "minimum_age"),
    ("minimum_age=200", "minimum_age"),
    ("maximum_age=nan", "maximum_age"),
    ("maximum_age=-1", "maximum_age"),
    ("start_time=25:00", "start_time"),
    ("end_time=noon", "end_time"),
    ("day=funday", "day"),
    ("postcode=not+a+postcode", "postcode"),
    ("postcode=ZZ99+9ZZ", "postcode"),
    ("proximity=5000", "proximity"),
    ("postcode=RG12+1AA&proximity=far", "proximity"),
    ("postcode=RG12+1AA&proximity=0", "proximity"),
    ("postcode=RG12+1AA&proximity=200001", "proximity"),
    ("search=" + "x" * 201, "search"),
]


@pytest.mark.parametrize(("query", "parameter"), BAD)
def test_a_bad_parameter_is_a_400_naming_it(client, query, parameter):
    for path in ("/api/services", "/api/service_at_locations"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, query)
        body = response.get_json()
        assert body["error"] == "bad_parameter"
        assert body["parameter"] == parameter
        assert parameter in body["message"] or "postcode" in body["message"]
        assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_minimal_is_a_services_parameter(client, directory):
    assert get_json(client, "/api/services?minimal=2", 400)["parameter"] == "minimal"
    assert get_json(client, "/api/service_at_locations?minimal=2")  # not ours to check there


def test_unknown_postcode_is_named(client, directory):
    body = get_json(client, "/api/service_at_locations?postcode=zz999zz", 400)
    assert body["message"] == "We could not find the postcode ZZ99 9ZZ"


@pytest.mark.parametrize(
    "query",
    ["taxonomy_id=x", "parent_id=x", "top_only=perhaps", "page=0", "per_page=1000"],
)
def test_bad_term_parameters_are_400(client, query):
    body = get_json(client, f"/api/taxonomy_terms?{query}", 400)
    assert body["parameter"] == query.split("=")[0]


def test_other_lists_refuse_bad_parameters(client, directory):
    assert (
        get_json(client, "/api/organizations?full_service=sure", 400)["parameter"] == "full_service"
    )
    assert get_json(client, "/api/taxonomies?page=-1", 400)["parameter"] == "page"
    assert get_json(client, f"/api/organizations/{directory['org_a']}?full_service=2", 400)


@pytest.mark.parametrize("endpoint", DETAILS)
@pytest.mark.parametrize("record_id", [MISSING, "not-a-uuid", "1", "%E2%9C%93"])
def test_unknown_or_malformed_ids_are_404_json(client, endpoint, record_id):
    response = client.get(f"/api/{endpoint}/{record_id}")
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_every_answer_allows_any_origin(client, directory):
    answers = [
        client.get("/api/services"),
        client.get("/api/services?per_page=500"),
        client.get(f"/api/services/{MISSING}"),
        client.get("/api/no-such-thing"),
        client.post("/api/services"),
        client.head("/api/services"),
        client.options("/api/services"),
        client.get("/api/services?format=ndjson"),
        client.get("/api"),
    ]
    for response in answers:
        assert response.headers["Access-Control-Allow-Origin"] == "*", response.status
        response.close()  # a stream left unread would end its request later, in another's
    assert answers[4].status_code == 405
    assert answers[4].get_json()["error"] == "method_not_allowed"
    preflight = answers[6]
    assert preflight.status_code == 200
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]
    assert answers[5].status_code == 200 and answers[5].data == b""


def test_etag_answers_304_until_something_changes(client, directory):
    first = client.get("/api/services")
    etag = first.headers["ETag"]
    again = client.get("/api/services", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["Access-Control-Allow-Origin"] == "*"
    assert again.headers["ETag"] == etag
    detail = client.get(f"/api/services/{directory['walk']}")
    tag = detail.headers["ETag"]
    assert client.get(detail.request.path, headers={"If-None-Match": tag}).status_code == 304
    update_service(directory["walk"], name="Bracknell Health Walk and Talk")
    changed = client.get("/api/services", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert client.get(detail.request.path, headers={"If-None-Match": tag}).status_code == 200


def test_ndjson_is_streamed_one_valid_record_a_line(client, directory, schemas):
    for url, schema in (
        ("/api/services?format=ndjson", "compiled/service_list.json"),
        ("/api/services?format=ndjson&full=true", "compiled/service.json"),
        ("/api/service_at_locations?format=ndjson", "compiled/service_at_location_list.json"),
        ("/api/organizations?format=ndjson&full=true", "compiled/organization.json"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response.is_streamed
        assert response.mimetype == "application/x-ndjson"
        lines = response.get_data(as_text=True).split("\n")
        assert lines[-1] == ""  # every line ends with a newline, the last one too
        for line in lines[:-1]:
            schemas.check(schema, json.loads(line))
    lines = client.get("/api/services?format=ndjson&search=walk").get_data(as_text=True)
    assert [json.loads(line)["id"] for line in lines.splitlines()] == [directory["walk"]]


def test_ndjson_of_everything_matches_the_pages(client, directory):
    streamed = client.get("/api/services?format=ndjson&full=true").get_data(as_text=True)
    records = [json.loads(line) for line in streamed.splitlines()]
    assert {r["id"] for r in records} == ids_of(get_json(client, "/api/services"))
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)
    for record in records:
        assert record == get_json(client, f"/api/services/{record['id']}")


def test_the_csv_package_is_the_whole_published_directory(client, directory):
    import io
    import zipfile

    from portal.oruk.tabular import read_package

    response = client.get("/api/export.zip")

    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "attachment" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert {"services.csv", "organizations.csv", "locations.csv"} <= set(archive.namelist())
    services = read_package(io.BytesIO(response.data))
    assert {s["id"] for s in services} == {directory[name] for name in PUBLISHED}
    by_id = {s["id"]: s for s in services}
    walk = get_json(client, f"/api/services/{directory['walk']}")
    assert by_id[directory["walk"]]["name"] == walk["name"]
    assert by_id[directory["walk"]]["schedules"] == walk["schedules"]

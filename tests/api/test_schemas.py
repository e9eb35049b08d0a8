"""Every answer of the API fits the Open Referral UK 3.0 schemas: lists, details, every filter."""

from __future__ import annotations

import pytest

from portal.directory.services import get_term
from tests.api.helpers import PUBLISHED, get_json, ids_of

LISTS = [
    ("/api/services", "compiled/service_list.json"),
    ("/api/services?full=true", "compiled/service.json"),
    ("/api/service_at_locations", "compiled/service_at_location_list.json"),
    ("/api/service_at_locations?full=true", "compiled/service_at_location.json"),
    ("/api/organizations", "compiled/organization_list.json"),
    ("/api/organizations?full=true", "compiled/organization.json"),
    ("/api/organizations?full_service=true", "compiled/organization.json"),
    ("/api/taxonomies", "taxonomy.json"),
    ("/api/taxonomy_terms", "taxonomy_term.json"),
]


def test_the_root_says_which_version_and_where_the_document_is(client, directory):
    assert get_json(client, "/api/") == {
        "version": "HSDS-UK-3.0",
        "profile": "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md",
        "openapi_url": "http://portal.test/api/openapi.json",
    }


@pytest.mark.parametrize(("url", "schema"), LISTS)
def test_every_list_fits_the_profile(client, directory, schemas, url, schema):
    page = get_json(client, url)
    assert page["contents"], url
    schemas.check_page(page, schema)


def test_minimal_records_are_an_id_and_a_date(client, directory, schemas):
    page = get_json(client, "/api/services?minimal=true")
    assert ids_of(page) == {directory[name] for name in PUBLISHED}
    for record in page["contents"]:
        assert record.keys() == {"id", "last_modified"}
        schemas.formats.check(record["last_modified"], "date-time")


def _filters(directory: dict) -> list[str]:
    needs = get_term("needs", "getting-active")
    return [
        "search=walk",
        f"taxonomy_term_id={needs.id}",
        f"taxonomy_id={needs.taxonomy_id}",
        f"organization_id={directory['org_a']}",
        "modified_after=2020-01-01",
        "modified_after=2020-01-01T09:00:00%2B01:00",
        "minimum_age=18",
        "maximum_age=90",
        "start_time=09:00",
        "end_time=20:00",
        "day=WE",
        "postcode=RG12+1AA",
        "postcode=RG12+1AA&proximity=10000",
        "search=walk&postcode=RG12+1AA&proximity=10000&day=WE&minimum_age=18",
    ]


def test_every_filter_answers_pages_that_fit(client, directory, schemas):
    for query in _filters(directory):
        for path, schema in (
            ("/api/services", "compiled/service_list.json"),
            ("/api/service_at_locations", "compiled/service_at_location_list.json"),
        ):
            page = get_json(client, f"{path}?{query}")
            assert page["contents"], f"{path}?{query} found nothing"
            schemas.check_page(page, schema)


def test_every_published_record_fits_the_profile_in_full(client, directory, schemas):
    for name in PUBLISHED:
        service = get_json(client, f"/api/services/{directory[name]}")
        schemas.check("compiled/service.json", service)
        for place in service.get("service_at_locations", []):
            sal = get_json(client, f"/api/service_at_locations/{place['id']}")
            schemas.check("compiled/service_at_location.json", sal)
    for name in ("org_a", "org_b"):
        for query in ("", "?full_service=true"):
            organisation = get_json(client, f"/api/organizations/{directory[name]}{query}")
            schemas.check("compiled/organization.json", organisation)
    for taxonomy in get_json(client, "/api/taxonomies")["contents"]:
        schemas.check("taxonomy.json", get_json(client, f"/api/taxonomies/{taxonomy['id']}"))
    for term in get_json(client, "/api/taxonomy_terms?per_page=100")["contents"]:
        schemas.check("taxonomy_term.json", get_json(client, f"/api/taxonomy_terms/{term['id']}"))


def test_term_filters_answer_pages_that_fit(client, directory, schemas):
    needs = get_term("needs", "getting-active")
    for query in (
        f"taxonomy_id={needs.taxonomy_id}",
        "top_only=true",
        "search=active",
        f"taxonomy_id={needs.taxonomy_id}&top_only=true&search=active",
    ):
        page = get_json(client, f"/api/taxonomy_terms?{query}")
        assert page["contents"], query
        schemas.check_page(page, "taxonomy_term.json")

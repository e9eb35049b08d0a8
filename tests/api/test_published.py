"""Only published listings leave the portal, a home is only ever an area, and no personal data
is in any answer or in the export."""

from __future__ import annotations

import io
import json
import uuid

from sqlalchemy import select

from portal.api.export import write_ndjson
from portal.directory.models import ServiceAtLocation
from portal.extensions import db
from tests.api.helpers import HOME_SECRETS, PUBLISHED, UNPUBLISHED, get_json, ids_of

EVERY_LIST = (
    "/api/services?full=true",
    "/api/services?minimal=true",
    "/api/services?format=ndjson&full=true",
    "/api/service_at_locations?full=true",
    "/api/service_at_locations?format=ndjson&full=true",
    "/api/organizations?full_service=true",
    "/api/organizations?format=ndjson&full_service=true",
    "/api/taxonomy_terms?per_page=100",
    "/api/taxonomies",
)


def everything_published(client, directory: dict) -> str:
    """Every answer the API gives about the directory, as one text."""
    texts = [client.get(url).get_data(as_text=True) for url in EVERY_LIST]
    for name in PUBLISHED:
        service = get_json(client, f"/api/services/{directory[name]}")
        texts.append(json.dumps(service, ensure_ascii=False))
        for place in service.get("service_at_locations", []):
            texts.append(
                client.get(f"/api/service_at_locations/{place['id']}").get_data(as_text=True)
            )
    for name in ("org_a", "org_b"):
        url = f"/api/organizations/{directory[name]}?full_service=true"
        texts.append(client.get(url).get_data(as_text=True))
    out = io.StringIO()
    write_ndjson(out)
    texts.append(out.getvalue())
    return "\n".join(texts)


def test_lists_hold_only_published_services(client, directory):
    published = {directory[name] for name in PUBLISHED}
    assert ids_of(get_json(client, "/api/services?per_page=100")) == published
    places = get_json(client, "/api/service_at_locations?per_page=100")["contents"]
    assert {p["service_id"] for p in places} == published
    lines = client.get("/api/services?format=ndjson").get_data(as_text=True).splitlines()
    assert {json.loads(line)["id"] for line in lines} == published
    organisations = ids_of(get_json(client, "/api/organizations"))
    assert organisations == {directory["org_a"], directory["org_b"]}


def test_unpublished_records_are_not_found(client, directory):
    for name in UNPUBLISHED:
        body = get_json(client, f"/api/services/{directory[name]}", 404)
        assert body["error"] == "not_found"
        place = db.session.scalar(
            select(ServiceAtLocation.id).where(
                ServiceAtLocation.service_id == uuid.UUID(directory[name])
            )
        )
        get_json(client, f"/api/service_at_locations/{place}", 404)
    get_json(client, f"/api/organizations/{directory['org_c']}", 404)


def test_nothing_unpublished_appears_anywhere(client, directory):
    text = everything_published(client, directory)
    assert "Secret" not in text
    for name in [*UNPUBLISHED, "org_c"]:
        assert directory[name] not in text


def test_a_home_is_only_ever_an_area(client, directory):
    text = everything_published(client, directory)
    for secret in HOME_SECRETS:
        assert secret not in text
    knit = get_json(client, f"/api/services/{directory['knit']}")
    location = knit["service_at_locations"][0]["location"]
    assert "name" not in location
    assert (location["latitude"], location["longitude"]) == (51.41, -0.74)
    assert location["addresses"][0]["address_1"] == "Bracknell area"
    assert location["addresses"][0]["postal_code"] == "RG12"
    listed = get_json(client, f"/api/service_at_locations?organization_id={directory['org_b']}")
    homes = [p for p in listed["contents"] if p["service_id"] == directory["knit"]]
    assert homes[0]["location"] == {
        "id": location["id"],
        "location_type": "physical",
        "latitude": 51.41,
        "longitude": -0.74,
    }


def test_no_personal_data(client, directory):
    text = everything_published(client, directory)
    for private in ("referral_email", "referrals@companions.example.org", "is_demo"):
        assert private not in text
    for field in ("accepts_referrals", "hidden_reason", "publication_state", "password"):
        assert field not in text

"""Made-up records for the OpenAPI document's examples (a test checks they fit the schemas)."""

from __future__ import annotations

ORGANIZATION = {
    "id": "6f1f6d2e-3b0c-4a59-8f33-0c7d2b9e4a10",
    "name": "Crowthorne Good Companions",
    "description": "Volunteers who run friendly get-togethers in Crowthorne.",
    "email": "hello@goodcompanions.example.org",
    "website": "https://goodcompanions.example.org",
    "uri": "https://directory.example.org/organisations/6f1f6d2e-3b0c-4a59-8f33-0c7d2b9e4a10",
}
TAXONOMY = {
    "id": "2a7c1d56-8e4b-4f0a-9b3d-5c6e7f8a9b01",
    "name": "Needs",
    "description": "What a person is looking for help with.",
}
TERM = {
    "id": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
    "code": "loneliness-and-company",
    "name": "Loneliness and company",
    "description": "Meet people, make friends and feel less alone.",
    "taxonomy_id": TAXONOMY["id"],
    "taxonomy": "Needs",
    "taxonomy_detail": TAXONOMY,
}
SERVICE_SUMMARY = {
    "id": "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a",
    "organization_id": ORGANIZATION["id"],
    "name": "Tuesday Chatter Café",
    "description": "Tea, cake and a chat. Everyone welcome.",
    "status": "active",
    "minimum_age": 18,
    "application_process": "Just turn up.",
    "assured_date": "2026-11-02",
    "last_modified": "2026-11-02T10:15:00+00:00",
    "organization": ORGANIZATION,
}
LOCATION = {
    "id": "0e1d2c3b-4a59-4867-a5b4-c3d2e1f0a9b8",
    "location_type": "physical",
    "name": "Morgan Centre",
    "latitude": 51.3703,
    "longitude": -0.7929,
}
FULL_LOCATION = {
    **LOCATION,
    "addresses": [
        {
            "id": "7b6a5f4e-3d2c-5b1a-9f8e-7d6c5b4a3f2e",
            "address_1": "Wellington Road",
            "city": "Crowthorne",
            "state_province": "",
            "postal_code": "RG45 7AB",
            "country": "GB",
            "address_type": "physical",
        }
    ],
    "accessibility": [
        {"id": "5e4d3c2b-1a09-4f8e-b7d6-c5b4a3f2e1d0", "description": "Step-free access"}
    ],
}
SERVICE = {
    **SERVICE_SUMMARY,
    "schedules": [
        {
            "id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
            "freq": "WEEKLY",
            "interval": 1,
            "byday": "TU",
            "dtstart": "2026-01-06",
            "opens_at": "10:00",
            "closes_at": "12:00",
        }
    ],
    "service_at_locations": [
        {
            "id": "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a",
            "location_id": LOCATION["id"],
            "location": FULL_LOCATION,
        }
    ],
    "cost_options": [
        {
            "id": "8e9f0a1b-2c3d-5e4f-a5b6-c7d8e9f0a1b2",
            "option": "Free",
            "amount": 0,
            "currency": "GBP",
        }
    ],
    "contacts": [
        {
            "id": "6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d",
            "name": "Sue Baker",
            "title": "Organiser",
            "phones": [{"id": "9f8e7d6c-5b4a-4392-8817-161514131211", "number": "01632 960123"}],
        }
    ],
    "attributes": [
        {
            "id": "2f3e4d5c-6b7a-4988-a7b6-c5d4e3f2a1b0",
            "link_id": SERVICE_SUMMARY["id"],
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term_id": TERM["id"],
            "taxonomy_term": TERM,
        }
    ],
}
SERVICE_AT_LOCATION_SUMMARY = {
    "id": "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a",
    "service_id": SERVICE["id"],
    "location_id": LOCATION["id"],
    "location": LOCATION,
    "service": SERVICE_SUMMARY,
}
SERVICE_AT_LOCATION = {
    **SERVICE_AT_LOCATION_SUMMARY,
    "location": FULL_LOCATION,
    "service": SERVICE,
}
MINIMAL = {"id": SERVICE["id"], "last_modified": SERVICE["last_modified"]}


def page(*contents: dict) -> dict:
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": list(contents),
    }

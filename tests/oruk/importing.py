"""Helpers for the importer's tests: a feed row, ORUK service records to feed it, and a look
at what the directory holds (to tell that nothing was written)."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from portal.directory.models import (
    Contact,
    CostOption,
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
)
from portal.directory.services import load_vocabulary
from portal.extensions import db
from portal.oruk.models import Feed, FeedKind, SourceRecord

EXAMPLES = Path(__file__).resolve().parents[2] / "standards" / "oruk" / "examples"
DIRECTORY_TABLES = (
    Organisation,
    Service,
    Location,
    ServiceAtLocation,
    Schedule,
    CostOption,
    Contact,
    ServiceAttribute,
    SourceRecord,
)


def vocabularies() -> None:
    """Our needs, audiences and activity types, as every directory has them."""
    load_vocabulary()
    db.session.commit()


def make_feed(url: str = "https://fis.example.org/api", **fields) -> Feed:
    load_vocabulary()
    feed = Feed(
        name=fields.pop("name", "Example Family Information Service"),
        url=url,
        kind=fields.pop("kind", FeedKind.API),
        **fields,
    )
    db.session.add(feed)
    db.session.commit()
    return feed


def service_record(number: int, **changes) -> dict:
    """A full ORUK 3.0 service our importer takes in cleanly: a place with a postcode, a need
    we map, a way to get in touch, checked recently."""
    record = {
        "id": f"svc-{number}",
        "name": changes.pop("name", f"Walking group {number}"),
        "description": "A gentle walk and a chat, whatever the weather.",
        "status": "active",
        "url": f"https://walks.example.org/{number}",
        "email": f"walks{number}@example.org",
        "assured_date": (date.today() - timedelta(days=30)).isoformat(),
        "last_modified": "2026-01-05T10:00:00+00:00",
        "application_process": "Just turn up.",
        "organization": {
            "id": "org-1",
            "name": "Example Walking Trust",
            "description": "Walks for everyone.",
            "email": "hello@walks.example.org",
            "website": "https://walks.example.org",
        },
        "schedules": [
            {
                "id": f"sch-{number}",
                "freq": "WEEKLY",
                "interval": 1,
                "byday": "TU",
                "dtstart": "2026-01-06",
                "opens_at": "10:00",
                "closes_at": "11:30",
            }
        ],
        "service_at_locations": [
            {
                "id": f"sal-{number}",
                "location_id": f"loc-{number}",
                "location": {
                    "id": f"loc-{number}",
                    "location_type": "physical",
                    "name": "Lily Hill Park",
                    "latitude": 51.4155 + number / 10000,
                    "longitude": -0.7301,
                    "addresses": [
                        {
                            "id": f"adr-{number}",
                            "address_1": "Lily Hill Road",
                            "city": "Bracknell",
                            "state_province": "",
                            "postal_code": "RG12 2SJ",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        "cost_options": [
            {"id": f"cost-{number}", "option": "Free", "amount": 0, "currency": "GBP"}
        ],
        "contacts": [
            {
                "id": f"con-{number}",
                "name": "Wendy Walker",
                "email": f"wendy{number}@example.org",
                "phones": [{"id": f"ph-{number}", "number": "01344 000000"}],
            }
        ],
        "attributes": [term_attribute("Needs", "getting-active", "Getting active")],
    }
    record.update(changes)
    return record


def term_attribute(taxonomy: str, code: str, name: str, term_id: str | None = None) -> dict:
    term_id = term_id or f"term-{code}"
    return {
        "id": f"attr-{term_id}",
        "taxonomy_term_id": term_id,
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term": {
            "id": term_id,
            "code": code,
            "name": name,
            "description": "",
            "taxonomy_id": f"tax-{taxonomy}",
            "taxonomy": {"id": f"tax-{taxonomy}", "name": taxonomy, "description": ""},
        },
    }


def write_json(folder: Path, services: list[dict], name: str = "feed.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(services), encoding="utf-8")
    return path


def example_service() -> dict:
    """The ORUK example service, as published."""
    return copy.deepcopy(json.loads((EXAMPLES / "service_full.json").read_text("utf-8")))


def directory_counts() -> dict[str, int]:
    """Rows in every directory table: equal before and after means nothing was written."""
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in DIRECTORY_TABLES
    }


def listing_by_name(name: str) -> Service:
    return db.session.scalars(select(Service).where(Service.name == name)).one()

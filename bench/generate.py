"""Make a large synthetic directory fast (core inserts, no ORM objects): for benchmarks only.

`generate(n)` spreads simple services around Bracknell (40-word vocabulary); `generate(n,
england=True)` builds realistic listings around towns all over England (see `bench.england`).
"""

from __future__ import annotations

import random
import uuid
from datetime import date, time, timedelta

from sqlalchemy import insert, select, text

from portal.directory.models import (
    Accessibility,
    CostOption,
    Location,
    Organisation,
    PublicationState,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    Taxonomy,
    TaxonomyTerm,
)
from portal.directory.services import load_vocabulary
from portal.extensions import db

WORDS = (
    "community",
    "friendly",
    "weekly",
    "walking",
    "lunch",
    "club",
    "support",
    "group",
    "carers",
    "coffee",
    "morning",
    "craft",
    "singing",
    "garden",
    "allotment",
    "advice",
    "debt",
    "money",
    "benefits",
    "bereavement",
    "youth",
    "parents",
    "toddlers",
    "dementia",
    "memory",
    "cafe",
    "exercise",
    "chair",
    "yoga",
    "swimming",
    "football",
    "volunteers",
    "library",
    "computer",
    "course",
    "english",
    "conversation",
    "shed",
    "repair",
    "cycling",
    "nature",
    "wildlife",
    "art",
    "painting",
    "choir",
)
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
CHUNK = 5000


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(model), rows[start : start + CHUNK])


def generate(services: int, seed: int = 7, england: bool = False) -> None:
    """Insert `services` published services (with orgs, venues, terms, schedules) and commit."""
    if england:
        _generate_england(services, seed)
        return
    rng = random.Random(seed)
    load_vocabulary()
    db.session.flush()
    term_ids = {
        slug: db.session.scalars(
            select(TaxonomyTerm.id).join(Taxonomy).where(Taxonomy.slug == slug)
        ).all()
        for slug in ("needs", "audiences", "activity-types")
    }
    orgs = [
        {"id": uuid.uuid4(), "name": _text(rng, 3), "description": _text(rng, 20)}
        for _ in range(max(1, services // 3))
    ]
    venues = [
        {
            "id": uuid.uuid4(),
            "name": _text(rng, 2),
            "address_1": "High Street",
            "city": "Bracknell",
            "postal_code": f"RG12 {rng.randint(1, 9)}AA",
            "latitude": 51.41 + rng.uniform(-0.12, 0.12),
            "longitude": -0.75 + rng.uniform(-0.15, 0.15),
        }
        for _ in range(max(1, services // 4))
    ]
    _insert(Organisation, orgs)
    _insert(Location, venues)
    service_rows, links, attributes, schedules = [], [], [], []
    today = date.today()
    for _ in range(services):
        service_id = uuid.uuid4()
        service_rows.append(
            {
                "id": service_id,
                "organisation_id": rng.choice(orgs)["id"],
                "name": _text(rng, 5),
                "description": _text(rng, 60),
                "publication_state": PublicationState.PUBLISHED,
                "last_reviewed": today - timedelta(days=rng.randint(0, 400)),
            }
        )
        links.append(
            {"id": uuid.uuid4(), "service_id": service_id, "location_id": rng.choice(venues)["id"]}
        )
        chosen = {*rng.sample(term_ids["needs"], 2), rng.choice(term_ids["activity-types"])}
        if rng.random() < 0.5:
            chosen.add(rng.choice(term_ids["audiences"]))
        attributes += [
            {"id": uuid.uuid4(), "service_id": service_id, "taxonomy_term_id": t} for t in chosen
        ]
        schedules.append(
            {
                "id": uuid.uuid4(),
                "service_id": service_id,
                "freq": "WEEKLY",
                "interval": 1,
                "byday": rng.choice(DAYS),
                "dtstart": today,
                "opens_at": time(10),
                "closes_at": time(12),
            }
        )
    _insert(Service, service_rows)
    _insert(ServiceAtLocation, links)
    _insert(ServiceAttribute, attributes)
    _insert(Schedule, schedules)
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()


def _generate_england(services: int, seed: int) -> None:
    from bench.england import EnglandBuilder

    load_vocabulary()
    db.session.flush()
    term_ids = {
        (slug, code): term_id
        for slug, code, term_id in db.session.execute(
            select(Taxonomy.slug, TaxonomyTerm.code, TaxonomyTerm.id).join(Taxonomy)
        )
    }
    rows = EnglandBuilder(services, term_ids, seed).build()
    for model, table in (
        (Organisation, rows.organisations),
        (Location, rows.locations),
        (Accessibility, rows.accessibility),
        (Service, rows.services),
        (ServiceAtLocation, rows.links),
        (ServiceAttribute, rows.attributes),
        (Schedule, rows.schedules),
        (CostOption, rows.costs),
    ):
        _insert(model, table)
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()

"""Load the Bracknell Forest demo catalogue into the database, through the ORM, idempotently.

It refuses to touch a database that holds anything that is not demo data: the demo must
never mix with a real directory.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, select, text
from werkzeug.security import generate_password_hash

from portal.accounts.models import Role, User
from portal.db import utcnow
from portal.directory.models import (
    Accessibility,
    Contact,
    CostOption,
    HowToJoin,
    Language,
    Location,
    LocationType,
    Organisation,
    OrganisationType,
    Phone,
    PublicationState,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from portal.directory.services import load_vocabulary
from portal.directory.vocabulary import ACCESSIBILITY
from portal.extensions import db
from portal.geo import PlaceKind, load_gazetteer
from portal.geo import demo_area as places
from portal.geo.store import has_places
from portal.insights.rollup import roll_up
from portal.search.models import SearchLog
from portal.search.thesaurus import load_default_thesaurus
from seed.catalogue import build_catalogue, validate
from seed.community_maps import load_demo_community_maps
from seed.insights import load_demo_insights
from seed.moderation import load_demo_moderation
from seed.prescribing import load_demo_prescribing

DEMO_PASSWORD = "demo-password-2026"
DEMO_ACCOUNTS: tuple[tuple[str, str, Role], ...] = (
    ("admin@demo.example.org", "Alex Admin", Role.ADMIN),
    ("editor@demo.example.org", "Erin Editor", Role.EDITOR),
    ("gp@demo.example.org", "Dr Priya Shah", Role.PROFESSIONAL),
    ("connector@demo.example.org", "Connie Connector", Role.CONNECTOR),
    ("group@demo.example.org", "Gary Group", Role.GROUP_MEMBER),
    ("commissioner@demo.example.org", "Cass Commissioner", Role.COMMISSIONER),
)
LANGUAGE_CODES = {
    "English": "en",
    "Nepali": "ne",
    "Polish": "pl",
    "Urdu": "ur",
    "Punjabi": "pa",
    "British Sign Language": "bfi",
    "Hindi": "hi",
    "Romanian": "ro",
    "Portuguese": "pt",
    "Malayalam": "ml",
    "Gujarati": "gu",
}


class DemoDataRefused(RuntimeError):
    """The database holds real (non-demo) data."""


@dataclass(frozen=True)
class LoadResult:
    organisations: int
    services: int
    created: bool

    @property
    def summary(self) -> str:
        verb = "Loaded" if self.created else "Demo data already loaded:"
        return f"{verb} {self.services} services from {self.organisations} organisations."


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _refuse_real_data() -> None:
    real = {
        "organisations": _count(Organisation, Organisation.is_demo.is_(False)),
        "services": _count(Service, Service.is_demo.is_(False)),
        "users": _count(User, User.is_demo.is_(False)),
    }
    found = {name: n for name, n in real.items() if n}
    if found:
        listed = ", ".join(f"{n} {name}" for name, n in found.items())
        raise DemoDataRefused(
            f"This database already holds real data ({listed}). The demo data is only loaded "
            "into an empty database. Point DATABASE_URL at a new database to try the demo."
        )


def load_demo(today: date | None = None) -> LoadResult:
    """Load the demo area if it is not there yet; return what the database now holds."""
    today = today or date.today()
    existing = _count(Service, Service.is_demo.is_(True))
    if existing:  # a demo people have used (signed up, added listings): keep all of it
        _ensure_demo_accounts()
        load_demo_prescribing(today)  # adds only what a demo from before referrals lacks
        db.session.commit()
        if not _count(SearchLog):  # a demo from before the insights, nobody searched yet
            load_demo_insights(today)
            db.session.commit()
            roll_up(datetime.now(UTC), keep_raw=True)
        return LoadResult(_count(Organisation), existing, created=False)
    _refuse_real_data()
    load_vocabulary()
    load_default_thesaurus()
    if not has_places(PlaceKind.PLACE):  # a few seconds, so only the first time
        load_gazetteer()
    _ensure_demo_accounts()
    catalogue = build_catalogue(today)
    problems = validate(catalogue)
    if problems:
        raise DemoDataRefused("The demo catalogue is inconsistent: " + "; ".join(problems[:5]))
    _load_catalogue(catalogue, today)
    db.session.flush()
    load_demo_moderation(today)
    load_demo_community_maps(today)
    load_demo_prescribing(today)
    db.session.commit()
    load_demo_insights(today)  # after the commit: it runs searches, which read committed data
    db.session.commit()
    roll_up(datetime.now(UTC), keep_raw=True)  # the insights show the year at once
    db.session.execute(text("ANALYZE"))  # fresh planner statistics after a bulk load
    db.session.commit()
    return LoadResult(_count(Organisation), _count(Service), created=True)


def _ensure_demo_accounts() -> None:
    known = set(db.session.scalars(select(User.email)).all())
    missing = [account for account in DEMO_ACCOUNTS if account[0] not in known]
    password_hash = generate_password_hash(DEMO_PASSWORD) if missing else ""
    for email, name, role in missing:
        db.session.add(
            User(
                email=email,
                name=name,
                role=role,
                password_hash=password_hash,
                is_demo=True,
                email_confirmed_at=utcnow(),
            )
        )
    db.session.flush()


def _demo_uuid(kind: str, key: str) -> uuid.UUID:
    """Stable ids, so a reloaded demo keeps the same URLs."""
    return uuid.UUID(hashlib.md5(f"demo:{kind}:{key}".encode()).hexdigest())


def _terms() -> dict[tuple[str, str], TaxonomyTerm]:
    rows = db.session.execute(select(Taxonomy.slug, TaxonomyTerm).join(TaxonomyTerm.taxonomy))
    return {(slug, term.code): term for slug, term in rows}


def _load_catalogue(catalogue: dict, today: date) -> None:
    organisations = {entry["key"]: _organisation(entry) for entry in catalogue["organisations"]}
    venues = {entry["key"]: _venue(entry) for entry in catalogue["venues"]}
    db.session.add_all([*organisations.values(), *venues.values()])
    terms = _terms()
    vocabularies = (
        ("needs", "needs"),
        ("audiences", "audiences"),
        ("activity-types", "activity_types"),
    )
    for entry in catalogue["services"]:
        service = _service(entry, organisations[entry["organisation"]], today)
        service.service_at_locations.append(
            ServiceAtLocation(
                id=_demo_uuid("sal", entry["key"]), location=_service_location(entry, venues)
            )
        )
        for slug, field in vocabularies:
            for code in entry[field]:
                service.attributes.append(ServiceAttribute(taxonomy_term=terms[(slug, code)]))
        db.session.add(service)
    db.session.flush()


def _organisation(entry: dict) -> Organisation:
    return Organisation(
        id=_demo_uuid("organisation", entry["key"]),
        name=entry["name"],
        description=entry["description"],
        organisation_type=OrganisationType(entry["organisation_type"]),
        email=entry.get("email"),
        website=entry.get("website"),
        phone=entry.get("phone"),
        charity_number=entry.get("charity_number"),
        is_demo=True,
    )


def _postal_town(place: str, street: str | None) -> tuple[str | None, str]:
    """Neighbourhoods go on the address line; the city is the town people post letters to."""
    if places.is_neighbourhood(place):
        return ", ".join(filter(None, [street, place])), places.parent_town(place)
    return street, place


def _venue(entry: dict) -> Location:
    address_1, city = _postal_town(entry["town"], entry["address_1"])
    return Location(
        id=_demo_uuid("venue", entry["key"]),
        location_type=LocationType.PHYSICAL,
        name=entry["name"],
        address_1=address_1,
        city=city,
        state_province="Berkshire",
        postal_code=entry["postal_code"],
        latitude=entry["latitude"],
        longitude=entry["longitude"],
        accessibility=[
            Accessibility(code=code, description=ACCESSIBILITY[code])
            for code in entry["accessibility"]
        ],
        is_demo=True,
    )


def _service_location(entry: dict, venues: dict[str, Location]) -> Location:
    where = entry["location"]
    if "venue" in where:
        return venues[where["venue"]]
    if "online" in where:
        return Location(
            id=_demo_uuid("online", entry["key"]),
            location_type=LocationType.VIRTUAL,
            name=where["online"]["name"],
            url=where["online"]["url"],
            is_demo=True,
        )
    home = where["home"]
    _street, city = _postal_town(home["town"], None)
    digest = hashlib.md5(entry["key"].encode()).digest()
    latitude, longitude = places.offset(
        *places.town_centre(home["town"]), digest[0] * 4 - 512, digest[1] * 4 - 512
    )
    return Location(
        id=_demo_uuid("home", entry["key"]),
        location_type=LocationType.PHYSICAL,
        name="Private home",
        address_1=None,
        city=city,
        state_province="Berkshire",
        postal_code=home["postal_code"],
        latitude=latitude,
        longitude=longitude,
        mask_address=True,
        is_demo=True,
    )


def _service(entry: dict, organisation: Organisation, today: date) -> Service:
    contact = entry.get("contact") or {}
    service = Service(
        id=_demo_uuid("service", entry["key"]),
        organisation=organisation,
        name=entry["name"],
        description=entry["description"],
        url=entry.get("url"),
        email=contact.get("email"),
        status=ServiceStatus(entry["status"]),
        alert=entry.get("alert"),
        fees_description=entry.get("fees_description"),
        eligibility_description=entry.get("eligibility_description"),
        application_process=entry.get("application_process"),
        minimum_age=entry.get("minimum_age"),
        maximum_age=entry.get("maximum_age"),
        publication_state=PublicationState.PUBLISHED,
        how_to_join=HowToJoin(entry["how_to_join"]),
        last_reviewed=today - timedelta(days=entry["last_reviewed_days_ago"]),
        is_demo=True,
        schedules=[_schedule(s) for s in entry["schedules"]],
        cost_options=[_cost(c) for c in entry["costs"]],
        languages=[Language(name=n, code=LANGUAGE_CODES.get(n)) for n in entry["languages"]],
    )
    if any(contact.get(k) for k in ("name", "email", "phone")):
        phones = [Phone(number=contact["phone"])] if contact.get("phone") else []
        service.contacts.append(
            Contact(
                name=contact.get("name"),
                title=contact.get("title"),
                email=contact.get("email"),
                phones=phones,
            )
        )
    return service


def _cost(entry: dict) -> CostOption:
    return CostOption(
        option=entry["option"],
        amount=Decimal(entry["amount"]),
        amount_description=entry.get("amount_description"),
    )


def _clock(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def _schedule(entry: dict) -> Schedule:
    return Schedule(
        freq=entry.get("freq"),
        interval=entry.get("interval") or 1,
        byday=entry.get("byday"),
        dtstart=date.fromisoformat(entry["dtstart"]) if entry.get("dtstart") else None,
        opens_at=_clock(entry.get("opens_at")),
        closes_at=_clock(entry.get("closes_at")),
        description=entry.get("description"),
    )

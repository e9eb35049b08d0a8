"""Small, explicit test data. The vocabulary is loaded through the directory service;
listings are built here until self-registration (issue 4) gives them a service function."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from portal.directory.models import (
    Accessibility,
    Contact,
    CostOption,
    HowToJoin,
    Location,
    LocationType,
    Organisation,
    Phone,
    PublicationState,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceStatus,
)
from portal.directory.services import get_term, load_vocabulary
from portal.extensions import db


def organisation(name: str = "Crowthorne Good Companions", **fields) -> Organisation:
    org = Organisation(name=name, description=fields.pop("description", "A friendly group."))
    for key, value in fields.items():
        setattr(org, key, value)
    db.session.add(org)
    db.session.flush()
    return org


def service(
    name: str = "Tuesday Chatter Café",
    *,
    org: Organisation | None = None,
    needs: tuple[str, ...] = ("loneliness-and-company",),
    audiences: tuple[str, ...] = (),
    state: PublicationState = PublicationState.PUBLISHED,
    status: ServiceStatus = ServiceStatus.ACTIVE,
    last_reviewed: date | None = None,
    location: Location | None = None,
    schedules: list[Schedule] | None = None,
    costs: list[Decimal] | None = None,
    **fields,
) -> Service:
    load_vocabulary()
    terms = [
        get_term(slug, code)
        for slug, codes in (("needs", needs), ("audiences", audiences))
        for code in codes
    ]
    listing = Service(
        name=name,
        organisation=org or organisation(),
        description=fields.pop("description", "Tea, cake and a chat. Everyone welcome."),
        publication_state=state,
        status=status,
        how_to_join=fields.pop("how_to_join", HowToJoin.TURN_UP),
        last_reviewed=last_reviewed or date.today(),
        schedules=schedules if schedules is not None else [weekly("TU")],
        cost_options=[CostOption(option="Per session", amount=a) for a in costs or []],
        **fields,
    )
    listing.service_at_locations.append(ServiceAtLocation(location=location or venue()))
    listing.attributes.extend(ServiceAttribute(taxonomy_term=term) for term in terms)
    listing.contacts.append(
        Contact(name="Sue Baker", title="Organiser", phones=[Phone(number="01632 960123")])
    )
    db.session.add(listing)
    db.session.commit()
    return listing


def venue(name: str = "Morgan Centre", **fields) -> Location:
    defaults = {
        "location_type": LocationType.PHYSICAL,
        "address_1": "Wellington Road",
        "city": "Crowthorne",
        "postal_code": "RG45 7AB",
        "latitude": 51.3703,
        "longitude": -0.7929,
        "accessibility": [Accessibility(code="step_free_access", description="Step-free access")],
    }
    defaults.update(fields)
    return Location(name=name, **defaults)


def online(name: str = "Online (Zoom)", url: str = "https://example.org/join") -> Location:
    """A virtual location: no address, no position."""
    return Location(name=name, location_type=LocationType.VIRTUAL, url=url)


def weekly(byday: str, opens: str = "10:00", closes: str = "12:00", **fields) -> Schedule:
    return Schedule(
        freq="WEEKLY",
        interval=fields.pop("interval", 1),
        byday=byday,
        dtstart=fields.pop("dtstart", date(2026, 1, 6)),
        opens_at=time.fromisoformat(opens),
        closes_at=time.fromisoformat(closes),
        **fields,
    )


def user(
    email: str = "worker@example.org",
    password: str = "correct horse battery",
    role=None,
    *,
    name: str = "Sam Worker",
    confirmed: bool = True,
    is_demo: bool = False,
    organisations: tuple = (),
):
    """An account (confirmed unless asked otherwise), a member of `organisations`."""
    from portal.accounts.models import Membership, Role, User
    from portal.db import utcnow

    account = User(email=email, name=name, role=role or Role.CONNECTOR, is_demo=is_demo)
    account.set_password(password)
    account.email_confirmed_at = utcnow() if confirmed else None
    account.memberships = [Membership(organisation=org) for org in organisations]
    db.session.add(account)
    db.session.commit()
    return account

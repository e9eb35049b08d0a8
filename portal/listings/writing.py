"""Writing listing data onto a live listing: its schedule, places, costs, terms and facts.

The one way a listing changes from its data (`portal.listings.data`): an editor's approval,
the directory team's direct publishing, a revert, an import from another directory.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from portal.directory.models import (
    Accessibility,
    Contact,
    CostOption,
    HowToJoin,
    Location,
    LocationType,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from portal.directory.presenters import COST_LABEL
from portal.directory.vocabulary import ACCESSIBILITY
from portal.extensions import db
from portal.listings.data import ACCESS_NOTES, costs_data, empty_listing, place_data


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def schedule_from(session: dict) -> Schedule:
    """The schedule a session of the listing data describes."""
    pattern = session.get("pattern") or "weekly"
    day = session.get("day") or ""
    schedule = Schedule(
        opens_at=_time(session.get("opens_at")),
        closes_at=_time(session.get("closes_at")),
        description=session.get("note") or None,
        valid_from=_date(session.get("valid_from")),
        valid_to=_date(session.get("valid_to")),
        dtstart=_date(session.get("date")),
    )
    if pattern == "once":
        schedule.freq, schedule.interval, schedule.byday = None, 1, None
    elif pattern == "monthly":
        schedule.freq, schedule.interval = "MONTHLY", 1
        schedule.byday = f"{session.get('week') or 1}{day}"
    else:
        schedule.freq, schedule.byday = "WEEKLY", day
        schedule.interval = 2 if pattern == "fortnightly" else 1
    return schedule


def _terms(data: dict) -> list[TaxonomyTerm]:
    wanted = {
        "needs": data.get("needs") or [],
        "audiences": data.get("audiences") or [],
        "activity-types": [data["activity_type"]] if data.get("activity_type") else [],
    }
    codes = [(slug, code) for slug, values in wanted.items() for code in values]
    if not codes:
        return []
    rows = db.session.execute(
        select(TaxonomyTerm, Taxonomy.slug)
        .join(Taxonomy)
        .where(TaxonomyTerm.code.in_([code for _slug, code in codes]))
        .options(selectinload(TaxonomyTerm.taxonomy))
    ).all()
    found = {(slug, term.code): term for term, slug in rows}
    return [found[key] for key in codes if key in found]


def _facts(place: dict, details: str | None = None) -> list[Accessibility]:
    """The access facts ticked for a place; `details` (the listing's "anything else about
    access") goes with each fact at a physical place, as the public page shows it, or, when
    nothing is ticked, in a notes row of its own (code `notes`), so it is never dropped."""
    details = (details or None) if (place.get("kind") or "venue") != "online" else None
    facts = [
        Accessibility(code=code, description=ACCESSIBILITY[code], details=details)
        for code in place.get("access") or []
        if code in ACCESSIBILITY
    ]
    if details and not facts:
        facts = [Accessibility(code=ACCESS_NOTES, description="About access", details=details)]
    return facts


def _new_location(place: dict, details: str | None = None) -> Location:
    kind = place.get("kind") or "venue"
    location = Location(
        location_type=LocationType.VIRTUAL if kind == "online" else LocationType.PHYSICAL,
        name=place.get("name") or None,
        address_1=(place.get("address_1") or None) if kind == "venue" else None,
        city=place.get("city") or None,
        postal_code=place.get("postcode") or None,
        latitude=place.get("latitude"),
        longitude=place.get("longitude"),
        url=place.get("url") or None,
        mask_address=kind == "home",
    )
    location.accessibility = _facts(place, details)
    return location


def _access_details(location: Location) -> list[tuple[str, str]]:
    return sorted((fact.code, fact.details or "") for fact in location.accessibility)


def _same_place(location: Location, place: dict, details: str | None = None) -> bool:
    wanted = _new_location(place, details)
    same_place = place_data(location) == place_data(wanted)
    return same_place and _access_details(location) == _access_details(wanted)


def _shared(location: Location, service: Service) -> bool:
    """Whether another listing meets at this location (venues are shared)."""
    if location.id is None:
        return False
    others = db.session.scalar(
        select(func.count())
        .select_from(ServiceAtLocation)
        .where(
            ServiceAtLocation.location_id == location.id,
            ServiceAtLocation.service_id != service.id,
        )
    )
    return bool(others)


def _apply_places(
    service: Service, places: list[dict], persistent: bool, details: str | None = None
) -> None:
    """Keep locations that are unchanged (access details too); never change one that other
    listings share."""
    kept: list[ServiceAtLocation] = []
    available = list(service.service_at_locations)
    for place in places:
        match = next((sal for sal in available if _same_place(sal.location, place, details)), None)
        if match is not None:
            available.remove(match)
            kept.append(match)
            continue
        reusable = next(
            (
                sal
                for sal in available
                if persistent
                and not _shared(sal.location, service)
                and place_data(sal.location)["kind"] == (place.get("kind") or "venue")
            ),
            None,
        )
        if reusable is not None:  # this listing's own location: change it in place
            available.remove(reusable)
            fresh = _new_location(place)  # never added: its facts are not moved across
            location = reusable.location
            for column in (
                "location_type",
                "name",
                "address_1",
                "city",
                "postal_code",
                "latitude",
                "longitude",
                "url",
                "mask_address",
            ):
                setattr(location, column, getattr(fresh, column))
            location.accessibility = _facts(place, details)
            kept.append(reusable)
        else:
            kept.append(ServiceAtLocation(location=_new_location(place, details)))
    service.service_at_locations = kept


def clean_amount(value: str) -> Decimal | None:
    """An amount as typed ("£3.50", "3") as money, or None when it is not one."""
    try:
        amount = Decimal(str(value).replace("£", "").strip())
    except (InvalidOperation, ValueError):
        return None
    return amount if amount > 0 else None


def _wanted_costs(service: Service, data: dict) -> list[tuple]:
    """(label, amount, notes) for each cost option `data` gives `service`: none when it is
    free, else the main cost and then the others. Data without `cost_label` or `more_costs`
    (saved before listings held several costs) keeps the live listing's."""
    paid = data.get("free", True) is False  # not answered (None) writes no costs
    amount = clean_amount(data.get("cost_amount") or "") if paid else None
    if not amount:
        return []
    live = costs_data(service)
    label = data["cost_label"] if "cost_label" in data else (live[0]["label"] if live else "")
    more = data["more_costs"] if "more_costs" in data else live[1:]
    wanted = [(label or COST_LABEL, amount, data.get("cost_notes") or None)]
    for row in more or []:
        cost = clean_amount(row.get("amount") or "")
        if cost or row.get("label") or row.get("notes"):
            wanted.append((row.get("label") or None, cost, row.get("notes") or None))
    return wanted


def _apply_costs(service: Service, data: dict) -> None:
    """Write the cost options, leaving them untouched when they are unchanged; otherwise they
    are written afresh in order (a row changed in place could be read back out of order)."""
    wanted = _wanted_costs(service, data)
    held = [(o.option, o.amount, o.amount_description) for o in service.cost_options]
    if held != wanted:
        service.cost_options = [
            CostOption(option=label, amount=amount, amount_description=notes)
            for label, amount, notes in wanted
        ]
    service.fees_description = None if wanted else (data.get("cost_notes") or None)


def apply_listing_data(service: Service, data: dict, persistent: bool = True) -> Service:
    """Write `data` onto `service` (and its schedules, places, costs, contact, terms).

    Flushes nothing itself. With `persistent` False the service is a preview that must never
    reach the database: no location is reused or looked up.
    """
    _apply_costs(service, data)  # before the defaults fill in keys that old data lacks
    data = {**empty_listing(), **data}
    service.name = data["name"]
    service.description = data["description"]
    service.status = ServiceStatus(data["status"])
    service.alert = data["alert"] or None
    service.minimum_age = data["minimum_age"]
    service.maximum_age = data["maximum_age"]
    service.how_to_join = HowToJoin(data["how_to_join"] or HowToJoin.TURN_UP.value)
    service.application_process = data["join_details"] or None
    service.url = data["website"] or None
    service.email = data["contact_email"] or None
    service.schedules = [schedule_from(s) for s in data["sessions"]]
    service.schedule_note = data["schedule_note"] or None
    contact = Contact(
        name=data["contact_name"] or None, title=None, email=data["contact_email"] or None
    )
    if data["contact_phone"]:
        contact.phones = [Phone(number=data["contact_phone"])]
    service.contacts = [contact] if (contact.name or contact.email or data["contact_phone"]) else []
    # Keep the rows for terms it keeps: replacing them would insert before it deletes.
    wanted = _terms(data)
    kept = [a for a in service.attributes if a.taxonomy_term in wanted]
    held = {a.taxonomy_term for a in kept}
    service.attributes = kept + [ServiceAttribute(taxonomy_term=t) for t in wanted if t not in held]
    _apply_places(service, data["places"], persistent, data["access_details"])
    return service


def preview_service(data: dict, organisation: Organisation) -> Service:
    """An unsaved service showing `data`, for the public page's preview. Never added to the
    session: the organisation is set without its back-reference, which would cascade it in."""
    service = Service(id=None)
    set_committed_value(service, "organisation", organisation)
    set_committed_value(service, "service_at_locations", [])
    return apply_listing_data(service, data, persistent=False)

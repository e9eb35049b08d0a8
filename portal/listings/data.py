"""A listing as plain data: what groups write, editors review, the audit trail keeps.

A listing's data is a JSON-ready dict (the keys below). `listing_data(service)` reads a live
listing into it; `apply_listing_data(service, data)` writes it back; `preview_service(data,
organisation)` builds an unsaved service to show the public page before anything is live;
`summary(data)` puts it in plain English, field by field, which is also how two versions are
compared (`differences`).

Keys: name, description, activity_type, status, alert, audiences, minimum_age, maximum_age,
sessions [{pattern, day, week, date, opens_at, closes_at, note, valid_from, valid_to}],
schedule_note, places [{kind, name, address_1, city, postcode, latitude, longitude, url,
access}], access_details, free, cost_label, cost_amount, cost_notes, more_costs [{label,
amount, notes}], how_to_join, join_details, contact_name, contact_email, contact_phone, website,
needs.

Costs: `cost_label`, `cost_amount` and `cost_notes` are the listing's main cost (its first cost
option with an amount; the label is "Per session" unless it says otherwise); `more_costs` are
its other cost options, in order. A listing that is free has no cost options. Data saved before
listings held several costs has no `cost_label` or `more_costs`: applying it keeps the live
listing's label and further costs as they are.
"""

from __future__ import annotations

import math
from datetime import date, time
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm.attributes import set_committed_value

from portal.directory import schedules as schedule_text
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
from portal.directory.presenters import COST_LABEL, cost_texts, free_text, join_text, unrepeated
from portal.directory.services import term_names
from portal.directory.vocabulary import ACCESSIBILITY
from portal.extensions import db
from portal.geo import distance_km, find_place, postcode_district

PATTERNS = {
    "weekly": "Every week",
    "fortnightly": "Every other week",
    "monthly": "Once a month",
    "once": "On one date",
}
PLACE_KINDS = {
    "venue": "At a venue (a hall, a café, a park)",
    "home": "At someone's home: show only the area",
    "online": "Online or by phone",
}
DAY_CODES = schedule_text.DAY_CODES
WEEKS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
ACCESS_NOTES = "notes"  # an access row holding only the group's own words about access


def empty_listing() -> dict:
    """A listing nobody has written yet. Whether it is free (`free` None) and how people join
    (`how_to_join` empty) are not answered until the group chooses, so nothing is published
    as free by accident; applying such data writes no costs and "Just turn up"."""
    return {
        "name": "",
        "description": "",
        "activity_type": "",
        "status": ServiceStatus.ACTIVE.value,
        "alert": "",
        "audiences": [],
        "minimum_age": None,
        "maximum_age": None,
        "sessions": [],
        "schedule_note": "",
        "places": [],
        "access_details": "",
        "free": None,
        "cost_label": COST_LABEL,
        "cost_amount": "",
        "cost_notes": "",
        "more_costs": [],
        "how_to_join": "",
        "join_details": "",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "website": "",
        "needs": [],
    }


# --- reading a live listing ------------------------------------------------------------------


def _session(schedule: Schedule) -> dict:
    nth, weekday = schedule_text.parse_byday(schedule.byday) if schedule.byday else (None, None)
    if not schedule.freq:
        pattern = "once"
    elif schedule.freq == "MONTHLY":
        pattern = "monthly"
    else:
        pattern = "fortnightly" if (schedule.interval or 1) == 2 else "weekly"
    return {
        "pattern": pattern,
        "day": DAY_CODES[weekday] if weekday is not None else "",
        "week": nth if pattern == "monthly" else None,
        "date": schedule.dtstart.isoformat() if schedule.dtstart else "",
        "opens_at": schedule.opens_at.strftime("%H:%M") if schedule.opens_at else "",
        "closes_at": schedule.closes_at.strftime("%H:%M") if schedule.closes_at else "",
        "note": schedule.description or "",
        "valid_from": schedule.valid_from.isoformat() if schedule.valid_from else "",
        "valid_to": schedule.valid_to.isoformat() if schedule.valid_to else "",
    }


def _place(location: Location) -> dict:
    if location.location_type is LocationType.VIRTUAL:
        kind = "online"
    else:
        kind = "home" if location.mask_address else "venue"
    return {
        "kind": kind,
        "name": location.name or "",
        "address_1": location.address_1 or "",
        "city": location.city or "",
        "postcode": location.postal_code or "",
        "latitude": location.latitude,
        "longitude": location.longitude,
        "url": location.url or "",
        "access": sorted(a.code for a in location.accessibility if a.code != ACCESS_NOTES),
    }


def _cost(option: CostOption) -> dict:
    return {
        "label": option.option or "",
        "amount": f"{option.amount:.2f}" if option.amount else "",
        "notes": option.amount_description or "",
    }


def _costs(service: Service) -> list[dict]:
    """The listing's cost options as data: the main one (the first with an amount) first, then
    the others in the order they are read, which is the order they were written in."""
    options = list(service.cost_options)
    main = next((o for o in options if o.amount), None)
    return [_cost(o) for o in ([main, *(o for o in options if o is not main)] if main else [])]


def listing_data(service: Service) -> dict:
    """Everything a group can change about a live listing, as data."""
    terms = [a.taxonomy_term for a in service.attributes]

    def codes(slug: str) -> list[str]:
        return sorted(t.code for t in terms if t.taxonomy.slug == slug)

    costs = _costs(service)
    main = costs[0] if costs else {"label": "", "amount": "", "notes": ""}
    contact = service.contacts[0] if service.contacts else None
    physical = [loc for loc in service.locations if loc.location_type is LocationType.PHYSICAL]
    details = [a.details for loc in physical for a in loc.accessibility if a.details]
    return {
        **empty_listing(),
        "name": service.name,
        "description": service.description or "",
        "activity_type": (codes("activity-types") or [""])[0],
        "status": service.status.value,
        "alert": service.alert or "",
        "audiences": codes("audiences"),
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "sessions": [_session(s) for s in service.schedules],
        "schedule_note": service.schedule_note or "",
        "places": [_place(loc) for loc in service.locations],
        "access_details": details[0] if details else "",
        "free": not costs,
        "cost_label": main["label"] or COST_LABEL,
        "cost_amount": main["amount"],
        "cost_notes": main["notes"] or service.fees_description or "",
        "more_costs": costs[1:],
        "how_to_join": service.how_to_join.value,
        "join_details": service.application_process or "",
        "contact_name": (contact.name if contact else None) or "",
        "contact_email": (contact.email if contact else None) or service.email or "",
        "contact_phone": (contact.phones[0].number if contact and contact.phones else ""),
        "website": service.url or "",
        "needs": codes("needs"),
    }


# --- writing a listing -------------------------------------------------------------------------


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def _schedule(session: dict) -> Schedule:
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
    return _place(location) == _place(wanted) and _access_details(location) == _access_details(
        wanted
    )


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
                and _place(sal.location)["kind"] == (place.get("kind") or "venue")
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


def _clean_amount(value: str) -> Decimal | None:
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
    amount = _clean_amount(data.get("cost_amount") or "") if paid else None
    if not amount:
        return []
    live = _costs(service)
    label = data["cost_label"] if "cost_label" in data else (live[0]["label"] if live else "")
    more = data["more_costs"] if "more_costs" in data else live[1:]
    wanted = [(label or COST_LABEL, amount, data.get("cost_notes") or None)]
    for row in more or []:
        cost = _clean_amount(row.get("amount") or "")
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
    service.schedules = [_schedule(s) for s in data["sessions"]]
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


# --- in plain English --------------------------------------------------------------------------


def _names(codes: list[str], taxonomy_slug: str) -> str:
    names = term_names(taxonomy_slug)
    return ", ".join(names.get(c, c) for c in codes)


def session_text(session: dict) -> str:
    try:
        return schedule_text.describe(_schedule(session)) + (
            f" ({session['note']})" if session.get("note") else ""
        )
    except (ValueError, KeyError):
        return "A session with a day or time to check"


def place_text(place: dict) -> str:
    kind = place.get("kind") or "venue"
    if kind == "online":
        return "Online" + (f": {place['name']}" if place.get("name") else "")
    parts = [place.get("name"), place.get("address_1") if kind == "venue" else None]
    text = ", ".join(unrepeated([*parts, place.get("city"), place.get("postcode")]))
    return ("At a home (only the area is shown): " if kind == "home" else "") + text


_COMPASS = (
    "north",
    "north-east",
    "east",
    "south-east",
    "south",
    "south-west",
    "west",
    "north-west",
)


def _metres(km: float) -> str:
    """'120 m' (to 10 m), or '1.4 km' from a kilometre."""
    return f"{round(km * 100) * 10:.0f} m" if km < 1 else f"{km:.1f} km"


def pin_offset_text(place: dict) -> str:
    """Where a venue's pin is, in words a person can check: 'The pin is 120 m north-east of
    the centre of RG12 9NR' (or 'at the centre of'); empty for a place without a pin or a
    postcode the gazetteer does not know."""
    postcode, lat, lon = place.get("postcode"), place.get("latitude"), place.get("longitude")
    found = find_place(postcode) if postcode and lat not in (None, "") else None
    if found is None:
        return ""
    lat, lon = float(lat), float(lon)
    area = f"the {postcode_district(postcode)} area"
    centre = f"the middle of {area}" if found.approximate else f"the centre of {postcode}"
    km = distance_km(found.latitude, found.longitude, lat, lon)
    if km < 0.01:
        return f"The pin is at {centre}"
    east = (lon - found.longitude) * math.cos(math.radians(lat))
    bearing = math.degrees(math.atan2(east, lat - found.latitude)) % 360
    return f"The pin is {_metres(km)} {_COMPASS[round(bearing / 45) % 8]} of {centre}"


def position_text(place: dict) -> str:
    """A pin for the editor's review: in words first, the coordinates after ('110 m north of
    the centre of RG45 7AB (51.37130, -0.79290)'), never the coordinates alone."""
    offset = pin_offset_text(place)
    numbers = f"{float(place['latitude']):.5f}, {float(place['longitude']):.5f}"
    if not offset:
        return f"Near {place_text(place)} ({numbers})"
    words = offset.removeprefix("The pin is ")
    return (f"At {words[3:]}" if words.startswith("at ") else words) + f" ({numbers})"


def cost_text(data: dict) -> str:
    """'Free', '£2.50 (includes tea)' or each cost with what it is for: 'Annual membership:
    £10 (a year); Per afternoon: £1.50 (including tea)', as the public page says it;
    nothing while the group has not said whether it costs anything."""
    if data["free"] is None:
        return ""
    amount = None if data["free"] else _clean_amount(data["cost_amount"])
    if not amount:
        return free_text(data["cost_notes"])
    costs = [(data["cost_label"], amount, data["cost_notes"])]
    costs += [
        (row.get("label"), _clean_amount(row.get("amount") or ""), row.get("notes"))
        for row in data["more_costs"] or []
    ]
    return "; ".join(cost_texts(costs))


def join_summary(data: dict) -> str:
    """How people join, said once; nothing while the group has not chosen."""
    if not data["how_to_join"]:
        return ""
    return join_text(HowToJoin(data["how_to_join"]).label, data["join_details"])


def summary(data: dict) -> dict[str, str]:
    """Label -> plain text, in the order the public page shows them."""
    data = {**empty_listing(), **data}
    ages = ""
    if data["minimum_age"] is not None or data["maximum_age"] is not None:
        ages = f"Ages {data['minimum_age'] or 0} to {data['maximum_age'] or 'any'}"
    status = "Running" if data["status"] == ServiceStatus.ACTIVE.value else "Temporarily closed"
    access = sorted({code for p in data["places"] for code in p.get("access") or []})
    return {
        "Name": data["name"],
        "What happens": data["description"],
        "Kind of activity": _names([data["activity_type"]], "activity-types")
        if data["activity_type"]
        else "",
        "Running or closed": status + (f": {data['alert']}" if data["alert"] else ""),
        "Who it is for": "; ".join(
            filter(None, [_names(data["audiences"], "audiences") or "Everyone", ages])
        ),
        "When": "; ".join(session_text(s) for s in data["sessions"])
        + (f" ({data['schedule_note']})" if data["schedule_note"] else ""),
        "Where": "; ".join(place_text(p) for p in data["places"]),
        "Map position": "; ".join(
            position_text(p)
            for p in data["places"]
            if p.get("latitude") is not None and p.get("kind") != "online"
        ),
        "Accessibility": "; ".join(
            filter(
                None, [", ".join(ACCESSIBILITY.get(c, c) for c in access), data["access_details"]]
            )
        ),
        "Cost": cost_text(data),
        "How to join": join_summary(data),
        "Contact": ", ".join(
            filter(
                None,
                [
                    data["contact_name"],
                    data["contact_email"],
                    data["contact_phone"],
                    data["website"],
                ],
            )
        ),
        "Needs it helps with": _names(data["needs"], "needs"),
    }


def differences(before: dict | None, after: dict) -> list[tuple[str, str, str]]:
    """(label, before, after) for every field whose plain text differs. Data saved before
    listings held several costs keeps `before`'s further costs (as `apply_listing_data` does)."""
    kept = ("cost_label", "more_costs")
    after = {**{k: (before or {})[k] for k in kept if k in (before or {})}, **after}
    old = summary(before or {})
    new = summary(after)
    return [(label, old[label], new[label]) for label in new if old[label] != new[label]]

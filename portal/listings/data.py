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

from portal.directory import schedules as schedule_text
from portal.directory.models import (
    CostOption,
    Location,
    LocationType,
    Schedule,
    Service,
    ServiceStatus,
)
from portal.directory.presenters import COST_LABEL

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


def place_data(location: Location) -> dict:
    """A live location as the listing data's place (the keys the "where" step writes)."""
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


def costs_data(service: Service) -> list[dict]:
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

    costs = costs_data(service)
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
        "places": [place_data(loc) for loc in service.locations],
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


# --- in plain English --------------------------------------------------------------------------

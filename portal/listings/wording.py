"""Listing data in plain English: a session, a place, a cost, the summary a group checks before
sending, and what changed between two versions.
"""

from __future__ import annotations

import math

from portal.directory import schedules as schedule_text
from portal.directory.models import (
    HowToJoin,
    ServiceStatus,
)
from portal.directory.presenters import cost_texts, free_text, join_text, unrepeated
from portal.directory.services import term_names
from portal.directory.vocabulary import ACCESSIBILITY
from portal.geo import distance_km, find_place, postcode_district
from portal.listings.data import empty_listing
from portal.listings.writing import clean_amount, schedule_from


def _names(codes: list[str], taxonomy_slug: str) -> str:
    names = term_names(taxonomy_slug)
    return ", ".join(names.get(c, c) for c in codes)


def session_text(session: dict) -> str:
    try:
        return schedule_text.describe(schedule_from(session)) + (
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
    amount = None if data["free"] else clean_amount(data["cost_amount"])
    if not amount:
        return free_text(data["cost_notes"])
    costs = [(data["cost_label"], amount, data["cost_notes"])]
    costs += [
        (row.get("label"), clean_amount(row.get("amount") or ""), row.get("notes"))
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

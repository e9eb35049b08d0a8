"""The "where" step: venues, outdoor meeting points and online, found from a postcode or a
place name, with a pin that must stay near the address.
"""

from __future__ import annotations

import re

from portal.directory.vocabulary import ACCESSIBILITY
from portal.geo import distance_km, find_place, normalise_postcode
from portal.geo.postcodes import is_full_postcode
from portal.listings.data import (
    PLACE_KINDS,
)
from portal.listings.steps.rows import (
    MAX_SHORT,
    WEB_ADDRESS,
    Parsed,
    codes_in,
    edit_rows,
    row_numbers,
    web_address,
)
from portal.text import plain

PIN_LIMIT_KM = 5  # a pin further than this from its postcode is questioned


PLACE_KEYS = ("kind", "name", "address_1", "city", "postcode", "url", "latitude", "longitude")


BLANK_PLACE = dict.fromkeys(PLACE_KEYS, "") | {"kind": "venue"}


def parse_where(form, data: dict) -> Parsed:
    parsed = Parsed()
    rows = _place_rows(form, data.get("places") or [])
    rows, arranged = edit_rows(form, rows, BLANK_PLACE)
    places = []
    for n, row in enumerate(rows):
        before = row.pop("before", None) or {}
        places.append(_place(row, n, before, parsed) if any(row.values()) else dict(row))
    parsed.changes["places"] = places
    if arranged:  # rows are being arranged: nothing is wrong yet
        parsed.problems.clear()
        parsed.again = True
        return parsed
    if not places:
        parsed.problems["places-0-kind"] = "Add where it happens"
    return parsed


def _place_rows(form, previous: list[dict]) -> list[dict]:
    """The places as typed, each with what it was `before`: the page carries each place's
    access facts and the postcode its pin was put at (`pinned_for`), so they stay with it
    when a place above is removed; a page without them means the saved place in that row."""
    rows = []
    for position, number in enumerate(row_numbers(form, "places")):
        name = f"places-{number}-"
        row = {k: (form.get(name + k) or "").strip() for k in (*PLACE_KEYS, "pin_shown")}
        if name + "pinned_for" in form:
            row["before"] = {
                "postcode": (form.get(name + "pinned_for") or "").strip(),
                "access": codes_in(form, name + "access", ACCESSIBILITY),
            }
        else:
            row["before"] = previous[position] if position < len(previous) else {}
        rows.append(row)
    return rows


def _place(row: dict, n: int, before: dict, parsed: Parsed) -> dict:
    name, problems = f"places-{n}-", parsed.problems
    kind = row["kind"] if row["kind"] in PLACE_KINDS else "venue"
    place = {
        "kind": kind,
        "name": plain(row["name"], MAX_SHORT),
        "address_1": plain(row["address_1"], MAX_SHORT),
        "city": plain(row["city"], 100),
        "postcode": row["postcode"].upper(),
        "url": web_address(row["url"]),
        "latitude": None,
        "longitude": None,
        "access": before.get("access") or [],
    }
    if kind == "online":
        place.update(address_1="", city="", postcode="")
        if place["url"] and not WEB_ADDRESS.match(place["url"]):
            problems[name + "url"] = "Enter a web address starting https://, or leave it blank"
        if not place["url"] and not place["name"]:
            problems[name + "name"] = "Say how people join: the platform, or 'By phone'"
        return place
    if not place["postcode"]:
        _postcode_from_words(place)
    if kind == "venue" and not (place["name"] or place["address_1"]):
        problems[name + "name"] = "Enter the name of the venue, or its address"
    postcode = normalise_postcode(place["postcode"]) if place["postcode"] else None
    if not place["postcode"]:
        problems[name + "postcode"] = "Enter the postcode, so people can find it on the map"
        return place
    if postcode is None or not is_full_postcode(postcode):
        problems[name + "postcode"] = "Enter a real postcode, like RG12 1AA"
        return place
    place["postcode"] = postcode
    found = find_place(postcode)
    if found is None:
        problems[name + "postcode"] = "We could not find that postcode: check it, like RG12 1AA"
        return place
    place["city"] = place["city"] or (before.get("city") if before else "") or ""
    _position(place, row, before, found, name, parsed)
    return place


_ENDS_WITH_POSTCODE = re.compile(r"^(.*?)[\s,]*\b([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})$", re.I)


def _postcode_from_words(place: dict) -> None:
    """A venue written with its postcode ('Harmans Water Community Centre, RG12 9NR'): a
    postcode the gazetteer knows moves into the postcode field, so it is placed on the map."""
    for key in ("address_1", "name"):
        found = _ENDS_WITH_POSTCODE.match(place[key])
        postcode = normalise_postcode(found[2]) if found else None
        if postcode and is_full_postcode(postcode) and find_place(postcode) is not None:
            place[key], place["postcode"] = found[1].strip(" ,"), postcode
            return


def _position(place: dict, row: dict, before: dict, found, name: str, parsed: Parsed) -> None:
    """The pin: where the person put it if the postcode is unchanged, else the postcode's."""
    same_postcode = before.get("postcode") == place["postcode"]
    try:
        pinned = (float(row["latitude"]), float(row["longitude"]))
    except ValueError:
        pinned = None
    if same_postcode and pinned is not None:
        km = distance_km(found.latitude, found.longitude, *pinned)
        if km > PIN_LIMIT_KM:
            parsed.problems[name + "postcode"] = (
                f"The pin is {km:.0f} km from the postcode: move it back, or check the postcode"
            )
        place["latitude"], place["longitude"] = pinned
        return
    place["latitude"], place["longitude"] = found.latitude, found.longitude
    moved = bool(before.get("postcode")) and not same_postcode  # the map showed the old pin
    if place["kind"] == "venue" and (moved or not row.get("pin_shown")):
        parsed.again = True  # show the map so the new pin can be checked

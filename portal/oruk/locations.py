"""An ORUK service's locations as our listing's places, and what they say about access.

- A virtual location is an online place (its name and url).
- A postal location (where to send letters) is not a place: it is left out, with a warning.
- Any other location is a venue, read from its first physical address (else its first
  address): address_1 (with address_2 when a feed has it), city and the postcode, tidied.
  A postcode that is only an outward code ("RG12") is how a home is published (only the
  area is shown), so it becomes a `home` place with no street address.
- Latitude and longitude are kept when both are numbers inside the UK.
- An accessibility fact whose description is one of our labels (`ACCESSIBILITY`, any case)
  becomes that code; other descriptions and all details go into the listing's
  `access_details` (repeats once).
"""

from __future__ import annotations

from portal.directory.vocabulary import ACCESSIBILITY
from portal.geo.postcodes import is_full_postcode, normalise_postcode
from portal.oruk.fields import Fields, join_path, quoted

#: South of the Scillies to north of Shetland, west of Northern Ireland to east of Kent.
UK_LATITUDE = (49.0, 61.0)
UK_LONGITUDE = (-8.7, 2.0)
ROW_LIMIT = 50  # places kept from one record (our form offers 10)
ABOUT_ACCESS = "about access"  # the description of our own "notes" access row
_ACCESS_CODES = {label.casefold(): code for code, label in ACCESSIBILITY.items()} | {
    code: code for code in ACCESSIBILITY
}


def _address(fields: Fields, location: dict, path: str) -> tuple[dict, str]:
    """The address to read and its path: the first physical one, else the first, else the
    location itself when it carries address fields (older feeds)."""
    addresses = fields.items(location.get("addresses"), f"{path}.addresses", "The addresses")
    for address_path, address in addresses:
        if str(address.get("address_type") or "").strip().lower() == "physical":
            return address, address_path
    if addresses:
        return addresses[0][1], addresses[0][0]
    if location.get("address_1") or location.get("postal_code"):
        return location, path
    return {}, path


def _street(fields: Fields, address: dict, path: str) -> str:
    first = fields.text(address.get("address_1"), f"{path}.address_1", "The address")
    second = fields.text(address.get("address_2"), f"{path}.address_2", "The address")
    street = ", ".join(part for part in (first, second) if part)
    if len(street) > 255:
        fields.warn(f"{path}.address_1", "The address is too long; only 255 characters were kept.")
        street = street[:255].rstrip()
    return street


def _postcode(fields: Fields, address: dict, path: str) -> str:
    text = fields.text(address.get("postal_code"), f"{path}.postal_code", "The postcode")
    if not text:
        return ""
    tidy = normalise_postcode(text)
    if tidy is None:
        fields.warn(
            f"{path}.postal_code",
            f"The postcode {quoted(text)} is not a UK postcode; it was left out "
            "(the rest of the address was kept).",
        )
        return ""
    return tidy


def _position(fields: Fields, location: dict, path: str) -> tuple[float | None, float | None]:
    raw_lat, raw_lon = location.get("latitude"), location.get("longitude")
    if raw_lat in (None, "") and raw_lon in (None, ""):
        return None, None
    lat = fields.number(raw_lat, f"{path}.latitude", "The latitude")
    lon = fields.number(raw_lon, f"{path}.longitude", "The longitude")
    if lat is None or lon is None:
        if not fields.reported(f"{path}.latitude") and not fields.reported(f"{path}.longitude"):
            fields.warn(
                f"{path}.latitude",
                "Only one of latitude and longitude is given; the map position was left out.",
            )
        return None, None
    lat_f, lon_f = float(lat), float(lon)
    inside = (
        UK_LATITUDE[0] <= lat_f <= UK_LATITUDE[1] and UK_LONGITUDE[0] <= lon_f <= UK_LONGITUDE[1]
    )
    if not inside:
        fields.warn(
            f"{path}.latitude",
            f"The map position ({lat}, {lon}) is not in the UK; it was left out.",
        )
        return None, None
    return lat_f, lon_f


def _access(fields: Fields, location: dict, path: str, texts: list[str] | None) -> list[str]:
    """Our access codes for a location; other words about access are added to `texts`
    (None for an online place, whose words about access we do not keep)."""
    codes: list[str] = []
    facts = fields.items(location.get("accessibility"), f"{path}.accessibility", "Accessibility")
    for fact_path, fact in facts:
        description = fields.text(
            fact.get("description"), f"{fact_path}.description", "The accessibility description"
        )
        details = fields.text(fact.get("details"), f"{fact_path}.details", "The access details")
        code = _ACCESS_CODES.get(description.casefold())
        if code and code not in codes:
            codes.append(code)
        words = (
            [details] if code or description.casefold() == ABOUT_ACCESS else [description, details]
        )
        if texts is not None:
            texts.extend(w for w in words if w and w not in texts and len(texts) < ROW_LIMIT)
    return sorted(codes)


def _online(fields: Fields, location: dict, path: str) -> dict:
    return {
        "kind": "online",
        "name": fields.text(location.get("name"), f"{path}.name", "The location's name", 255),
        "address_1": "",
        "city": "",
        "postcode": "",
        "latitude": None,
        "longitude": None,
        "url": fields.url(location.get("url"), f"{path}.url", "The location's web address"),
        "access": _access(fields, location, path, None),
    }


def _place(fields: Fields, location: dict, path: str, texts: list[str]) -> dict | None:
    kind = fields.text(location.get("location_type"), f"{path}.location_type", "The type")
    if kind not in ("", "physical", "postal", "virtual"):
        known = kind.lower() in ("physical", "postal", "virtual")
        fields.warn(
            f"{path}.location_type",
            f"The location type {quoted(kind)} is not physical, postal or virtual; it was read "
            + (f"as {kind.lower()}." if known else "as physical."),
        )
    if kind.lower() == "virtual":
        return _online(fields, location, path)
    if kind.lower() == "postal":
        fields.warn(
            f"{path}.location_type",
            "This location is a postal address, not a place where the service happens; "
            "it was left out.",
        )
        return None
    address, address_path = _address(fields, location, path)
    postcode = _postcode(fields, address, address_path)
    home = bool(postcode) and not is_full_postcode(postcode)
    lat, lon = _position(fields, location, path)
    place = {
        "kind": "home" if home else "venue",
        "name": fields.text(location.get("name"), f"{path}.name", "The location's name", 255),
        "address_1": "" if home else _street(fields, address, address_path),
        "city": fields.text(address.get("city"), f"{address_path}.city", "The town", 100),
        "postcode": postcode,
        "latitude": lat,
        "longitude": lon,
        "url": "",
        "access": _access(fields, location, path, texts),
    }
    useful = ("name", "address_1", "city", "postcode", "latitude", "access")
    return place if any(place[key] not in ("", None, []) for key in useful) else None


def _joined(texts: list[str]) -> str:
    if len(texts) == 1:
        return texts[0]
    return " ".join(t if t[-1] in ".!?" else t + "." for t in texts)


def read_places(fields: Fields, links: list[tuple[str, dict]]) -> tuple[list[dict], str]:
    """(places, access details) from a service's service_at_locations."""
    places: list[dict] = []
    texts: list[str] = []
    seen: set[str] = set()
    for path, link in links:
        location_path = join_path(path, "location")
        location = fields.obj(link.get("location"), location_path, "The location")
        if location is None:
            if link.get("location_id") is not None and not fields.reported(location_path):
                fields.warn(
                    path,
                    f"This names a location (id {quoted(link.get('location_id'))}) without its "
                    "details; it was left out.",
                )
            continue
        place = _place(fields, location, location_path, texts)
        key = repr(sorted(place.items())) if place else ""
        if place is not None and key not in seen:
            seen.add(key)
            places.append(place)
    if len(places) > ROW_LIMIT:
        fields.warn(
            "service_at_locations",
            f"It has {len(places):,} places; only the first {ROW_LIMIT} were kept.",
        )
    return places[:ROW_LIMIT], _joined(texts)

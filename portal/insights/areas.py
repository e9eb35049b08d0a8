"""The areas the directory covers, and which of them a search's place falls in.

An area is a postcode district where public listings meet: its centre is the gazetteer's
(imported postcodes or the demo districts), else the mean position of its listings; its name
adds the town most of its listings' addresses give, else the largest place near its centre
("RG45 Crowthorne"). The roll-up job recounts them;
the pages read the table (`current_areas`), so no page scans every listing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from sqlalchemy import delete, func, insert, select

from portal.directory.models import Location, Service, ServiceAtLocation
from portal.directory.services import public_services
from portal.extensions import db
from portal.geo import PlaceKind, bounding_box, distance_km, find_place, postcode_district
from portal.geo.models import Place
from portal.insights.models import NO_AREA, OUTSIDE, Area

DEFAULT_REACH_KM = 3.0
#: How far the largest place naming an area may be from its centre.
NAME_WITHIN_KM = 4.0
#: Two districts' centres closer than this are taken to be one place wrongly given twice.
SAME_CENTRE_KM = 0.3


def reach_km() -> float:
    """How far from an area's centre a listing counts as within reach
    (`PORTAL_INSIGHT_REACH_KM`, 3 km unless configured)."""
    return float(current_app.config.get("PORTAL_INSIGHT_REACH_KM", DEFAULT_REACH_KM))


@dataclass(frozen=True)
class AreaView:
    code: str
    name: str
    latitude: float
    longitude: float


def current_areas() -> list[AreaView]:
    """The areas as last counted, by code; counted now when they never were."""
    rows = db.session.execute(
        select(Area.code, Area.name, Area.latitude, Area.longitude).order_by(Area.code)
    ).all()
    if not rows:
        return refresh_areas(datetime.now().astimezone())
    return [AreaView(*row) for row in rows]


@dataclass
class _District:
    """What the public listings say about one postcode district."""

    points: list[tuple[float, float, int]] = field(default_factory=list)  # lat, lon, listings
    towns: Counter = field(default_factory=Counter)  # the towns their addresses name


def _listing_districts() -> dict[str, _District]:
    """Postcode district -> its listings' positions (one mean per postcode) and towns."""
    public = public_services().with_only_columns(Service.id).subquery()
    rows = db.session.execute(
        select(
            Location.postal_code,
            Location.city,
            func.avg(Location.latitude),
            func.avg(Location.longitude),
            func.count(func.distinct(ServiceAtLocation.service_id)),
        )
        .join(ServiceAtLocation, ServiceAtLocation.location_id == Location.id)
        .join(public, public.c.id == ServiceAtLocation.service_id)
        .where(Location.postal_code.is_not(None), Location.latitude.is_not(None))
        .group_by(Location.postal_code, Location.city)
    ).all()
    districts: dict[str, _District] = defaultdict(_District)
    for postal_code, city, latitude, longitude, listings in rows:
        district = postcode_district(postal_code)
        if district:
            found = districts[district]
            found.points.append((float(latitude), float(longitude), int(listings)))
            if city and city.strip():
                found.towns[city.strip()] += int(listings)
    return districts


def _gazetteer_centres(codes: list[str]) -> dict[str, tuple[float, float]]:
    rows = db.session.execute(
        select(Place.key, Place.latitude, Place.longitude).where(
            Place.kind == PlaceKind.DISTRICT, Place.key.in_(codes)
        )
    ).all()
    return {key: (latitude, longitude) for key, latitude, longitude in rows}


def _largest_place_near(latitude: float, longitude: float) -> str:
    low_lat, low_lon, high_lat, high_lon = bounding_box(latitude, longitude, NAME_WITHIN_KM)
    rows = db.session.execute(
        select(Place.name, Place.latitude, Place.longitude, Place.population)
        .where(
            Place.kind == PlaceKind.PLACE,
            Place.latitude.between(low_lat, high_lat),
            Place.longitude.between(low_lon, high_lon),
        )
        .order_by(Place.population.desc(), Place.name)
    ).all()
    for name, lat, lon, _population in rows:
        if distance_km(latitude, longitude, lat, lon) <= NAME_WITHIN_KM:
            return name
    return ""


def _sharing_a_centre(centres: dict[str, tuple[float, float]]) -> set[str]:
    """Districts whose gazetteer centres are within `SAME_CENTRE_KM` of another's (a
    gazetteer that placed two districts at one town): those are placed at their listings."""
    codes = sorted(centres)
    return {
        code
        for i, code in enumerate(codes)
        for other in codes[i + 1 :]
        if distance_km(*centres[code], *centres[other]) < SAME_CENTRE_KM
        for code in (code, other)
    }


def refresh_areas(now: datetime) -> list[AreaView]:
    """Recount the areas from the public listings; replaces the table (flushes only)."""
    districts = _listing_districts()
    centres = _gazetteer_centres(sorted(districts))
    shared = _sharing_a_centre(centres)
    areas = []
    for code, district in sorted(districts.items()):
        points = district.points
        weight = sum(n for _, _, n in points)
        centre = (None if code in shared else centres.get(code)) or (
            sum(lat * n for lat, _, n in points) / weight,
            sum(lon * n for _, lon, n in points) / weight,
        )
        # Named after the town most of its listings give, else the largest place near it.
        towns = district.towns.most_common(1)
        place = towns[0][0] if towns else _largest_place_near(*centre)
        areas.append(AreaView(code, f"{code} {place}".strip(), centre[0], centre[1]))
    db.session.execute(delete(Area))
    if areas:
        db.session.execute(
            insert(Area),
            [
                {
                    "code": a.code,
                    "name": a.name,
                    "latitude": a.latitude,
                    "longitude": a.longitude,
                    "computed_at": now,
                }
                for a in areas
            ],
        )
    db.session.flush()
    return areas


def town_areas(codes: set[str]) -> dict[str, str]:
    """Town (lower case) -> the area most of the listings giving it as their town are in:
    "Warfield" is in RG42 even where another district's centre is nearer."""
    rows = db.session.execute(
        select(func.lower(Location.city), Location.postal_code, func.count())
        .where(Location.city.is_not(None), Location.postal_code.is_not(None))
        .group_by(func.lower(Location.city), Location.postal_code)
    )
    counts: dict[str, Counter] = defaultdict(Counter)
    for town, postal_code, n in rows:
        district = postcode_district(postal_code)
        if town and district in codes:
            counts[town.strip()][district] += int(n)
    return {town: found.most_common(1)[0][0] for town, found in counts.items() if found}


def area_for_place(
    place: str, areas: list[AreaView], reach: float, towns: dict[str, str] | None = None
) -> str:
    """The area a logged search place falls in: a district that is an area is itself; a
    town the listings' addresses name is the area most of them are in (`towns`, from
    `town_areas`); another town or district is the nearest area whose centre is within
    twice `reach`; anything else is OUTSIDE, and no place at all is NO_AREA."""
    text = (place or "").strip()
    if not text:
        return NO_AREA
    codes = {area.code for area in areas}
    district = postcode_district(text)
    if district and district == text.upper() and district in codes:
        return district
    if towns and text.lower() in towns:
        return towns[text.lower()]
    found = find_place(text)
    if found is None:
        return OUTSIDE
    nearest = min(
        areas,
        key=lambda a: distance_km(found.latitude, found.longitude, a.latitude, a.longitude),
        default=None,
    )
    if nearest is None:
        return OUTSIDE
    km = distance_km(found.latitude, found.longitude, nearest.latitude, nearest.longitude)
    return nearest.code if km <= 2 * reach else OUTSIDE

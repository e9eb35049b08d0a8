"""Fill the gazetteer: GeoNames places, and the demo area's postcode districts.

Both loaders are idempotent and only flush: the caller (`flask geo load-places`, the demo
loader) commits.
"""

from __future__ import annotations

from collections import defaultdict
from statistics import fmean

from portal.db import utcnow
from portal.geo import demo_area as places
from portal.geo.geonames import geonames_places, loose_key, place_key
from portal.geo.models import PlaceKind
from portal.geo.store import place_row, upsert_places

GEONAMES_SOURCE = "geonames"
DEMO_SOURCE = "demo"


def load_geonames_places() -> int:
    """Upsert every GB place name GeoNames knows; return how many names the gazetteer holds."""
    now = utcnow()
    places = geonames_places()
    upsert_places(
        place_row(
            PlaceKind.PLACE,
            key,
            place.name,
            (place.latitude, place.longitude),
            GEONAMES_SOURCE,
            population=place.population,
            admin_area=place.admin_area,
            now=now,
        )
        for key, place in places.items()
    )
    return len(places)


def demo_district_centres() -> dict[str, tuple[float, float]]:
    """The demo area's postcode districts, each at the mean centre of the places inside it.

    Derived from `demo_area` (GeoNames town centres, and neighbourhoods placed from them),
    so nothing here is a made-up coordinate.
    """
    members: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for name, districts in places.POSTCODE_DISTRICTS.items():
        for district in districts:
            members[district].append(places.town_centre(name))
    return {
        district: (fmean(p[0] for p in points), fmean(p[1] for p in points))
        for district, points in sorted(members.items())
    }


def load_demo_districts() -> int:
    """Upsert the demo districts (RG12, RG40, ...) unless a postcode import placed them."""
    now = utcnow()
    centres = demo_district_centres()
    upsert_places(
        (
            place_row(PlaceKind.DISTRICT, district, district, centre, DEMO_SOURCE, now=now)
            for district, centre in centres.items()
        ),
        overwrite_sources={DEMO_SOURCE},
    )
    return len(centres)


def load_demo_neighbourhoods() -> int:
    """The demo area's neighbourhoods GeoNames lacks (Owlsmoor, College Town, Winkfield...),
    placed from their GeoNames towns by `demo_area`, so residents can type them too."""
    now = utcnow()
    rows = [
        place_row(PlaceKind.PLACE, key, name, places.town_centre(name), DEMO_SOURCE, now=now)
        for name in places.NEIGHBOURHOODS
        for key in {place_key(name), loose_key(place_key(name))}
    ]
    upsert_places(rows, overwrite_sources={DEMO_SOURCE})
    return len(places.NEIGHBOURHOODS)


def load_gazetteer() -> int:
    """Places and the demo area's districts and neighbourhoods: the number of rows loaded."""
    return load_geonames_places() + load_demo_districts() + load_demo_neighbourhoods()

"""Places and distances. Geocoding lives only in this package."""

from portal.geo.gazetteer import Place, distance_km, find_place, nearby_places
from portal.geo.postcodes import normalise_postcode, postcode_district

__all__ = [
    "Place",
    "distance_km",
    "find_place",
    "nearby_places",
    "normalise_postcode",
    "postcode_district",
]

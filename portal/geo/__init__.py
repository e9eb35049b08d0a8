"""Places and distances. Geocoding lives only in this package.

`find_place` answers what people type into "Where?" from the gazetteer table, offline;
`suggest_places` offers close matches when it cannot; `import_postcodes` and the loaders
fill the table.
"""

from portal.geo.distance import bounding_box, distance_km
from portal.geo.gazetteer import find_named_places, find_place, nearby_places
from portal.geo.imports import ImportRejected, ImportResult, import_postcodes
from portal.geo.loading import load_demo_districts, load_gazetteer, load_geonames_places
from portal.geo.match import PlaceMatch
from portal.geo.models import PlaceKind
from portal.geo.postcodes import normalise_postcode, postcode_district
from portal.geo.suggestions import suggest_places

__all__ = [
    "ImportRejected",
    "ImportResult",
    "PlaceKind",
    "PlaceMatch",
    "bounding_box",
    "distance_km",
    "find_named_places",
    "find_place",
    "import_postcodes",
    "load_demo_districts",
    "load_gazetteer",
    "load_geonames_places",
    "nearby_places",
    "normalise_postcode",
    "postcode_district",
    "suggest_places",
]

"""Close matches for a place or postcode we could not find: 'Crowthorn' -> 'Crowthorne'."""

from __future__ import annotations

import difflib
import math
from typing import Any

from sqlalchemy import func, select

from portal.extensions import db
from portal.geo.geonames import geonames_places, place_key
from portal.geo.models import Place, PlaceKind
from portal.geo.postcodes import looks_like_postcode, outward_guess, postcode_area

CUTOFF = 0.75  # difflib ratio below which a name is not offered
POPULATION_WEIGHT = 0.02  # per tenfold population
_cache: dict[str, tuple[Any, dict[str, tuple[str, int]]]] = {}


def suggest_places(text: str, limit: int = 3) -> list[str]:
    """Up to `limit` names to offer, best first: similar spelling, then bigger places."""
    tidy = " ".join((text or "").split())
    if not tidy or limit < 1:
        return []
    if looks_like_postcode(tidy):
        return _suggest_districts(tidy, limit)
    return _suggest_names(place_key(tidy.split(",")[0]), limit)


def _known_names() -> dict[str, tuple[str, int]]:
    """key -> (name, population) for every place name, from the table or else in memory.

    Kept between calls while the table's place rows are unchanged (reading 13,000 rows
    costs more than comparing them).
    """
    is_place = Place.kind == PlaceKind.PLACE
    count, changed = db.session.execute(
        select(func.count(), func.max(Place.updated_at)).where(is_place)
    ).one()
    if not count:
        return {key: (p.name, p.population) for key, p in geonames_places().items()}
    signature = (str(db.engine.url), count, changed)
    cached_signature, names = _cache.get("names", (None, {}))
    if cached_signature != signature:
        rows = db.session.execute(select(Place.key, Place.name, Place.population).where(is_place))
        names = {key: (name, population) for key, name, population in rows}
        _cache["names"] = (signature, names)  # one assignment: safe across threads
    return names


def _suggest_names(key: str, limit: int) -> list[str]:
    names = _known_names()
    close = difflib.get_close_matches(key, names, n=limit * 5, cutoff=CUTOFF)
    best: dict[str, float] = {}
    for candidate in close:
        name, population = names[candidate]
        similarity = difflib.SequenceMatcher(None, key, candidate).ratio()
        # A town of 50,000 outranks a hamlet of 500 spelt one letter closer, not more.
        score = similarity + POPULATION_WEIGHT * math.log10(population + 10)
        best[name] = max(best.get(name, 0.0), score)
    return sorted(best, key=lambda name: (-best[name], name))[:limit]


def _suggest_districts(tidy: str, limit: int) -> list[str]:
    """Known districts with the same letters, the likeliest first ('RG121A' -> 'RG12')."""
    area = postcode_area(tidy)
    districts = db.session.scalars(
        select(Place.key).where(Place.kind == PlaceKind.DISTRICT, Place.key.like(f"{area}%"))
    ).all()
    same_area = [d for d in districts if postcode_area(d) == area]
    guess = outward_guess(tidy) or area
    return sorted(
        same_area,
        key=lambda d: (d != guess, -difflib.SequenceMatcher(None, guess, d).ratio(), d),
    )[:limit]

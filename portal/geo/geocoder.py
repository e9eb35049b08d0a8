"""The optional online geocoder: Nominatim through geopy, off unless PORTAL_GEOCODER=nominatim.

It is asked only about text the gazetteer could not place. Every answer, a miss included, is
cached in the gazetteer (kind GEOCODED), so each text goes online once. Network trouble is
logged and means "no match": never an error page, never a retry inside the request.
"""

from __future__ import annotations

from flask import current_app
from geopy.geocoders import Nominatim
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from portal.extensions import db
from portal.geo.distance import in_uk
from portal.geo.geonames import place_key
from portal.geo.match import PlaceMatch
from portal.geo.models import Place, PlaceKind
from portal.geo.store import place_row, upsert_statement

PROVIDER = "nominatim"
SOURCE_FOUND = "nominatim"
SOURCE_MISSED = "nominatim-miss"
TIMEOUT_SECONDS = 3
DEFAULT_USER_AGENT = "community-portal-gazetteer"


def geocoder_enabled() -> bool:
    """True when an operator switched the online geocoder on."""
    provider = str(current_app.config.get("PORTAL_GEOCODER", "") or "").strip().lower()
    if provider and provider != PROVIDER:
        current_app.logger.warning("PORTAL_GEOCODER=%r is not known; only 'nominatim' is", provider)
    return provider == PROVIDER


def geocode(text: str) -> PlaceMatch | None:
    """Ask the online geocoder (once per text: answers are cached), or None when it is off."""
    if not geocoder_enabled():
        return None
    key = place_key(text)[:200]
    cached = db.session.scalar(
        select(Place).where(Place.kind == PlaceKind.GEOCODED, Place.key == key)
    )
    if cached is not None:
        if cached.source == SOURCE_MISSED:
            return None
        return PlaceMatch(cached.name, cached.latitude, cached.longitude, PlaceKind.GEOCODED)
    answered, match = _ask(text)
    if answered:
        _remember(key, match)
    return match


def _ask(text: str) -> tuple[bool, PlaceMatch | None]:
    """(whether the geocoder answered, what it found in the UK)."""
    user_agent = current_app.config.get("PORTAL_GEOCODER_USER_AGENT") or DEFAULT_USER_AGENT
    try:
        location = Nominatim(user_agent=user_agent, timeout=TIMEOUT_SECONDS).geocode(
            text, exactly_one=True, country_codes="gb", timeout=TIMEOUT_SECONDS
        )
    except Exception:  # any failure of an optional online service just means "not found"
        current_app.logger.warning("The online geocoder did not answer", exc_info=True)
        return False, None
    if location is None or not in_uk(float(location.latitude), float(location.longitude)):
        return True, None
    name = (location.address or "").split(",")[0].strip() or text
    return True, PlaceMatch(
        name, float(location.latitude), float(location.longitude), PlaceKind.GEOCODED
    )


def _remember(key: str, match: PlaceMatch | None) -> None:
    """Cache an answer on a connection of its own: it outlives the request's transaction."""
    if match is None:
        row = place_row(PlaceKind.GEOCODED, key, "", (0.0, 0.0), SOURCE_MISSED)
    else:
        position = (match.latitude, match.longitude)
        row = place_row(PlaceKind.GEOCODED, key, match.name, position, SOURCE_FOUND)
    try:
        with db.engine.begin() as connection:
            connection.execute(upsert_statement(connection.dialect.name), [row])
    except SQLAlchemyError:
        current_app.logger.warning("Could not cache a geocoder answer", exc_info=True)

"""The optional online geocoder: off by default, asked once per text, harmless when it fails."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from geopy.exc import GeocoderTimedOut, GeocoderUnavailable
from sqlalchemy import select

from portal.extensions import db
from portal.geo import PlaceKind, find_place, geocoder
from portal.geo.models import Place


class FakeNominatim:
    """Behaves like geopy's Nominatim; one instance stands for the service in a test.

    `answers` maps a query to what comes back (an exception is raised); every question and
    every set of settings the portal used is recorded.
    """

    def __init__(self) -> None:
        self.answers: dict[str, object] = {}
        self.questions: list[tuple[str, dict]] = []
        self.settings: list[dict] = []

    def __call__(self, **settings) -> FakeNominatim:  # stands in for the class
        self.settings.append(settings)
        return self

    def geocode(self, query: str, **options):
        self.questions.append((query, options))
        answer = self.answers.get(query)
        if isinstance(answer, Exception):
            raise answer
        return answer


@pytest.fixture
def fake(monkeypatch) -> FakeNominatim:
    service = FakeNominatim()
    monkeypatch.setattr(geocoder, "Nominatim", service)
    return service


@pytest.fixture
def online(app, fake) -> FakeNominatim:
    """The geocoder switched on, with the fake in place of the real one."""
    app.config.update(PORTAL_GEOCODER="nominatim", PORTAL_GEOCODER_USER_AGENT="test-portal")
    return fake


def _hit(address: str, latitude: float, longitude: float) -> SimpleNamespace:
    return SimpleNamespace(address=address, latitude=latitude, longitude=longitude)


def test_the_geocoder_is_off_by_default(app, fake):
    assert find_place("Little Sandhurst Lane") is None
    assert fake.questions == []


def test_a_hit_is_cached_and_not_asked_for_again(online):
    online.answers["Jennetts Park"] = _hit("Jennett's Park, Bracknell, England", 51.4029, -0.7813)
    first = find_place("Jennetts Park")
    assert first is not None
    assert (first.name, first.kind) == ("Jennett's Park", PlaceKind.GEOCODED)
    assert (first.latitude, first.longitude) == (51.4029, -0.7813)
    assert find_place("jennetts  park") == first
    assert len(online.questions) == 1
    _query, options = online.questions[0]
    assert options["country_codes"] == "gb" and options["timeout"] == 3
    assert online.settings[0]["user_agent"] == "test-portal"


def test_a_miss_is_cached_too(online):
    assert find_place("Nowhere Special") is None
    assert find_place("Nowhere Special") is None
    assert len(online.questions) == 1
    cached = db.session.scalar(select(Place).where(Place.kind == PlaceKind.GEOCODED))
    assert (cached.key, cached.source) == ("nowhere special", "nominatim-miss")


@pytest.mark.parametrize("error", [GeocoderUnavailable("down"), GeocoderTimedOut(), OSError()])
def test_network_trouble_means_no_match_and_is_not_cached(online, error):
    online.answers["Jennetts Park"] = error
    assert find_place("Jennetts Park") is None
    assert find_place("Jennetts Park") is None
    assert len(online.questions) == 2  # asked again next time: it was not an answer


def test_an_answer_outside_the_uk_is_a_miss(online):
    online.answers["Paris"] = _hit("Paris, France", 48.85, 2.35)
    assert find_place("Paris") is None


def test_the_gazetteer_answers_first(online):
    assert find_place("Crowthorne") is not None  # from the GeoNames data, offline
    assert find_place("51.4,-0.75") is not None
    assert online.questions == []


def test_an_unknown_geocoder_name_is_treated_as_off(app, online):
    app.config["PORTAL_GEOCODER"] = "google"
    assert find_place("Jennetts Park") is None
    assert online.questions == []

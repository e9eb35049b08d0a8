"""Gazetteer fixtures. No test here ever reaches the internet: the geocoder is a fake."""

from __future__ import annotations

import pytest

from portal.extensions import db
from portal.geo import geocoder, load_gazetteer
from tests.support import make_app


class RefusingNominatim:
    """Stands in for geopy's Nominatim unless a test brings its own: fails loudly if used."""

    def __init__(self, **_settings) -> None:
        pass

    def geocode(self, *_args, **_kwargs):
        raise AssertionError("a test tried to reach the online geocoder")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    monkeypatch.setattr(geocoder, "Nominatim", RefusingNominatim)


@pytest.fixture
def gazetteer(app):
    """This test's own database, loaded as the demo loads it: places and demo districts."""
    load_gazetteer()
    db.session.commit()
    return app


@pytest.fixture(scope="session")
def _loaded_app(new_database_url, tmp_path_factory):
    app = make_app(new_database_url("geo"), tmp_path_factory.mktemp("geo-search"))
    with app.app_context():
        db.create_all()
        load_gazetteer()
        db.session.commit()
        db.session.remove()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def loaded(_loaded_app):
    """A loaded gazetteer shared by every test that only reads it (so: do not write)."""
    with _loaded_app.app_context():
        yield _loaded_app
        db.session.remove()

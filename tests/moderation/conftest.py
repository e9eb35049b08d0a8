"""People, listings and a gazetteer for the moderation tests.

A group member, an editor and the public each get their own browser (`Browser`, a test client);
group actions that are not under test go through the moderation services, as the guided form
would call them (`tests.support.listings`).
"""

from __future__ import annotations

import pytest

from portal.cli import reindex_all
from portal.extensions import db
from portal.geo.models import Place, PlaceKind
from tests import factories
from tests.support.listings import POSITION, POSTCODE
from tests.support.people import (  # noqa: F401 (fixtures for the tests here)
    editor,
    editor_client,
    member,
    member_client,
    org,
)


@pytest.fixture
def postcode(app):
    """The gazetteer knows the listings' postcode, as it does once postcodes are imported;
    the index holds one listing far away (Ascot), which no search near it should find."""
    factories.service(
        "Ascot Walking Football",
        org=factories.organisation("Ascot Sports Club"),
        location=factories.venue(
            "Ascot Racecourse Hall",
            city="Ascot",
            postal_code="SL5 7JX",
            latitude=51.41,
            longitude=-0.675,
        ),
    )
    db.session.add(
        Place(
            kind=PlaceKind.POSTCODE,
            key=POSTCODE.replace(" ", ""),
            name=POSTCODE,
            latitude=POSITION[0],
            longitude=POSITION[1],
            source="test",
        )
    )
    db.session.commit()
    reindex_all()
    return POSTCODE

"""Postcodes people type, and places from the shipped gazetteer."""

import pytest

from portal.geo import distance_km, find_place, normalise_postcode, postcode_district


@pytest.mark.parametrize(
    ("typed", "tidy"),
    [
        ("rg127aa", "RG12 7AA"),
        (" RG12  7AA ", "RG12 7AA"),
        ("sl5", "SL5"),
        ("gu47 0ab", "GU47 0AB"),
        ("hello", None),
        ("", None),
        ("RG12 7A", None),
    ],
)
def test_postcodes_are_tidied_or_rejected(typed, tidy):
    assert normalise_postcode(typed) == tidy


def test_district_is_the_outward_code():
    assert postcode_district("rg45 7ab") == "RG45"
    assert postcode_district(None) is None


def test_area_towns_come_from_the_shipped_gazetteer(app):
    bracknell = find_place("bracknell")
    assert bracknell is not None and bracknell.kind == "town"
    assert 51.3 < bracknell.latitude < 51.5 and -0.9 < bracknell.longitude < -0.6
    assert find_place("Atlantis") is None


def test_distance_between_bracknell_and_crowthorne_is_about_six_km(app):
    bracknell, crowthorne = find_place("Bracknell"), find_place("Crowthorne")
    km = distance_km(
        bracknell.latitude, bracknell.longitude, crowthorne.latitude, crowthorne.longitude
    )
    assert 4 < km < 8

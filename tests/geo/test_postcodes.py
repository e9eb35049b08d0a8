"""Postcodes as people type them: tidied, reduced to districts, or recognised as mistyped."""

import pytest

from portal.geo import normalise_postcode, postcode_district
from portal.geo.postcodes import looks_like_postcode, outward_guess, postcode_key


@pytest.mark.parametrize(
    ("typed", "tidy"),
    [
        ("rg121aq", "RG12 1AQ"),
        (" RG12  1AQ ", "RG12 1AQ"),
        ("rg127aa", "RG12 7AA"),
        ("rg12", "RG12"),
        ("sl5", "SL5"),
        ("gu47 0ab", "GU47 0AB"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("rg1\t2aa", "RG1 2AA"),
        ("hello", None),
        ("", None),
        ("RG12 7A", None),
        ("12 7AA", None),
    ],
)
def test_postcodes_are_tidied_or_rejected(typed, tidy):
    assert normalise_postcode(typed) == tidy


@pytest.mark.parametrize(
    ("typed", "district"),
    [("rg45 7ab", "RG45"), ("RG121AQ", "RG12"), ("rg1 2aa", "RG1"), ("sl5", "SL5"), (None, None)],
)
def test_the_district_is_the_outward_code(typed, district):
    assert postcode_district(typed) == district


def test_keys_have_no_spaces_so_rg1_2aa_and_rg12_aa_stay_apart():
    assert postcode_key("RG1 2AA") == "RG12AA"
    assert postcode_key("RG12 1AA") == "RG121AA"


@pytest.mark.parametrize("typed", ["RG12 1A", "rg1z", "SL5 7JXX", "rg121a"])
def test_mistyped_postcodes_are_still_recognised_as_postcodes(typed):
    assert looks_like_postcode(typed)


@pytest.mark.parametrize("typed", ["Crowthorne", "A road", "", "51.4,-0.7"])
def test_place_names_are_not_postcodes(typed):
    assert not looks_like_postcode(typed)


def test_the_likely_district_of_a_mistyped_postcode():
    assert outward_guess("rg121a") == "RG12"
    assert outward_guess("Crowthorne") is None

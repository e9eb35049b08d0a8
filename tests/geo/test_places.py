"""Places people type into "Where?": towns, districts, postcodes and "use my location"."""

import pytest
from sqlalchemy import func, select, update

from portal.extensions import db
from portal.geo import (
    PlaceKind,
    bounding_box,
    distance_km,
    find_place,
    load_demo_districts,
    load_geonames_places,
    nearby_places,
    suggest_places,
)
from portal.geo import demo_area as demo_places
from portal.geo.models import Place
from tests import factories


def _rows() -> list[tuple]:
    return db.session.execute(
        select(
            Place.kind,
            Place.key,
            Place.name,
            Place.latitude,
            Place.longitude,
            Place.population,
            Place.admin_area,
            Place.source,
            Place.updated_at,
        ).order_by(Place.kind, Place.key)
    ).all()


# Place names


def test_a_town_is_found_in_the_loaded_table(gazetteer):
    db.session.execute(
        update(Place).where(Place.key == "crowthorne").values(latitude=51.5, longitude=-0.8)
    )
    crowthorne = find_place("Crowthorne")
    assert crowthorne is not None
    assert (crowthorne.name, crowthorne.kind) == ("Crowthorne", PlaceKind.PLACE)
    assert (crowthorne.latitude, crowthorne.longitude) == (51.5, -0.8)  # the table's answer
    assert not crowthorne.approximate and crowthorne.note is None


def test_before_the_table_is_loaded_towns_come_from_the_shipped_geonames_data(app):
    assert db.session.scalar(select(func.count()).select_from(Place)) == 0
    bracknell = find_place("bracknell")
    assert bracknell is not None and bracknell.kind == PlaceKind.PLACE
    assert 51.3 < bracknell.latitude < 51.5 and -0.9 < bracknell.longitude < -0.6
    assert find_place("Atlantis") is None


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("  CROWTHORNE ", "Crowthorne"),
        ("Crowthorne, Berkshire", "Crowthorne"),
        ("stoke on trent", "Stoke-on-Trent"),
        ("Newcastle   upon Tyne", "Newcastle upon Tyne"),
        ("Londinium", "London"),  # an alternate name leads to the place itself
    ],
)
def test_names_are_matched_forgivingly(loaded, typed, name):
    place = find_place(typed)
    assert place is not None and place.name == name


def test_a_places_own_name_beats_another_places_alternate_name(loaded):
    gilford = find_place("Gilford")  # also an alternate name of the larger Guildford
    assert gilford is not None and gilford.latitude > 54


def test_an_unknown_place_is_none_once_the_table_is_loaded(loaded):
    assert find_place("Atlantis") is None


def test_demo_neighbourhoods_geonames_lacks_are_found_too(loaded):
    for typed in ("Jennetts Park", "jennett's park", "Owlsmoor", "college town"):
        place = find_place(typed)
        assert place is not None, typed
        assert 51.3 < place.latitude < 51.5, typed


@pytest.mark.parametrize("typed", ["", "   ", "%%%", "x" * 500, "'; drop table places; --", ","])
def test_junk_finds_nothing_and_never_raises(loaded, typed):
    assert find_place(typed) is None


def test_loading_the_places_records_country_and_population(loaded):
    bracknell = db.session.scalar(
        select(Place).where(Place.kind == PlaceKind.PLACE, Place.key == "bracknell")
    )
    assert bracknell.admin_area == "England" and bracknell.population > 50_000
    assert bracknell.source == "geonames"


def test_loading_again_changes_nothing(gazetteer):
    before = _rows()
    assert len(before) > 5_000
    load_geonames_places()
    load_demo_districts()
    db.session.commit()
    assert _rows() == before


# Postcodes and districts


def test_a_district_is_found_at_the_middle_of_its_demo_places(loaded):
    rg45 = find_place("rg45")
    assert rg45 is not None
    assert (rg45.name, rg45.kind, rg45.approximate) == ("RG45", PlaceKind.DISTRICT, False)
    # Crowthorne is the only demo place in RG45.
    assert (rg45.latitude, rg45.longitude) == pytest.approx(demo_places.TOWNS["Crowthorne"])


def test_every_demo_district_is_loaded(loaded):
    for district in ("RG12", "RG40", "RG41", "RG42", "RG45", "GU47", "SL4", "SL5"):
        place = find_place(district)
        assert place is not None and distance_km(51.4, -0.75, place.latitude, place.longitude) < 15


def test_a_postcode_not_on_file_falls_back_to_its_district_and_says_so(loaded):
    place = find_place("rg12 9zz")
    rg12 = find_place("RG12")
    assert place is not None and rg12 is not None
    assert place.name == "RG12 9ZZ" and place.approximate
    assert (place.latitude, place.longitude) == (rg12.latitude, rg12.longitude)
    assert "We don't have RG12 9ZZ on file, so we used the middle of RG12." in place.note


def test_a_postcode_in_an_unknown_district_is_not_found(loaded):
    assert find_place("EH1 1AA") is None
    assert find_place("EH1") is None


def test_before_any_import_postcodes_come_from_our_own_listings(app):
    factories.service(location=factories.venue(postal_code="RG45 7AB"))
    exact = find_place("RG45 7AB")
    assert exact is not None and exact.kind == PlaceKind.POSTCODE and not exact.approximate
    assert find_place("rg45") is not None
    nearby = find_place("RG45 9ZZ")
    assert nearby is not None and nearby.approximate


# "Use my location"


@pytest.mark.parametrize("typed", ["51.41,-0.75", " 51.41 , -0.75 "])
def test_coordinates_from_the_browser_are_your_location(app, typed):
    place = find_place(typed)
    assert place is not None
    assert (place.name, place.kind) == ("your location", PlaceKind.PLACE)
    assert (place.latitude, place.longitude) == (51.41, -0.75)


@pytest.mark.parametrize("typed", ["40.71,-74.0", "0,0", "91,0"])
def test_coordinates_outside_the_uk_are_not_a_place(app, typed):
    assert find_place(typed) is None


# Suggestions


def test_a_misspelt_town_gets_suggestions(loaded):
    assert find_place("Crowthorn") is None
    assert suggest_places("Crowthorn")[0] == "Crowthorne"
    assert suggest_places("Wokingam")[0] == "Wokingham"  # before the bigger Woking
    assert len(suggest_places("Crowthorn", limit=2)) <= 2


def test_suggestions_work_before_the_table_is_loaded(app):
    assert suggest_places("Crowthorn, Berkshire")[0] == "Crowthorne"


def test_a_mistyped_postcode_gets_known_districts_with_the_same_letters(loaded):
    assert suggest_places("RG121A")[0] == "RG12"
    offered = suggest_places("RG99 1AA")
    assert offered and all(d.startswith("RG") for d in offered)
    assert suggest_places("ZZ1 1AA") == []


def test_nonsense_gets_no_suggestions(loaded):
    assert suggest_places("xyzzy qwv") == []
    assert suggest_places("") == []


# Nearby places and distances


def test_nearby_places_come_from_the_table_once_loaded(loaded):
    found = nearby_places(51.4136, -0.7505, within_km=6, limit=3)
    assert found[0].name == "Bracknell"
    assert len(found) == 3 and len({p.name for p in found}) == 3


def test_nearby_places_come_from_geonames_before_the_table_is_loaded(app):
    found = nearby_places(51.4136, -0.7505, within_km=6, limit=2)
    assert found[0].name == "Bracknell"
    assert nearby_places(50.0, -6.9, within_km=1, limit=2) == []  # at sea


def test_distance_between_bracknell_and_crowthorne_is_about_six_km(loaded):
    bracknell, crowthorne = find_place("Bracknell"), find_place("Crowthorne")
    km = distance_km(
        bracknell.latitude, bracknell.longitude, crowthorne.latitude, crowthorne.longitude
    )
    assert 4 < km < 8


def test_a_bounding_box_holds_every_point_within_the_distance():
    min_lat, min_lon, max_lat, max_lon = bounding_box(51.4, -0.75, 10)
    for lat, lon in [(51.4 + 0.0899, -0.75), (51.4, -0.75 - 0.1441), (51.4, -0.75 + 0.1441)]:
        assert distance_km(51.4, -0.75, lat, lon) < 10
        assert min_lat <= lat <= max_lat and min_lon <= lon <= max_lon
    assert max_lat - min_lat < 0.2  # and is not much bigger than it needs to be

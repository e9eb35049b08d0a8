"""National Grid eastings and northings to latitude and longitude, against published answers."""

import pytest

from portal.geo import distance_km
from portal.geo.grid import grid_to_osgb36, grid_to_wgs84

# Ordnance Survey's worked example ("A guide to coordinate systems in Great Britain", Annex C):
# E 651409.903, N 313177.270 is 52°39'27.2531"N, 1°43'4.5177"E on OSGB36.
EXAMPLE = (651409.903, 313177.270)


def _degrees(d: int, m: int, s: float) -> float:
    return d + m / 60 + s / 3600


def test_the_grid_inverse_matches_the_ordnance_survey_worked_example():
    latitude, longitude = grid_to_osgb36(*EXAMPLE)
    assert latitude == pytest.approx(_degrees(52, 39, 27.2531), abs=1e-7)  # about 1 cm
    assert longitude == pytest.approx(_degrees(1, 43, 4.5177), abs=1e-7)


def test_the_same_point_in_wgs84_is_within_a_few_metres_of_the_reference():
    # 52°39'28.72"N, 1°42'57.79"E: the same point on WGS84 (Movable Type / pygeodesy).
    latitude, longitude = grid_to_wgs84(*EXAMPLE)
    reference = (_degrees(52, 39, 28.72), _degrees(1, 42, 57.79))
    assert distance_km(latitude, longitude, *reference) * 1000 < 5


def test_the_datum_shift_is_applied():
    """OSGB36 and WGS84 differ by about 100 m here: forgetting the Helmert step would show."""
    assert distance_km(*grid_to_osgb36(*EXAMPLE), *grid_to_wgs84(*EXAMPLE)) > 0.08

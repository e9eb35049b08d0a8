"""British National Grid (OSGB36) eastings and northings to WGS84 latitude and longitude.

The formulas are Ordnance Survey's, from "A guide to coordinate systems in Great Britain":
the transverse Mercator inverse (Annex C) gives latitude and longitude on the Airy 1830
ellipsoid, and a seven-parameter Helmert transform moves them onto WGS84. The Helmert step
is good to a few metres across Great Britain, plenty for placing a postcode (OSTN15 would
give centimetres, and a 15 MB grid file we do not need).
"""

from __future__ import annotations

import math

# Airy 1830 (OSGB36) and WGS84 ellipsoids: semi-major and semi-minor axes in metres.
AIRY_1830 = (6377563.396, 6356256.909)
WGS84 = (6378137.000, 6356752.3142)

# National Grid projection: scale on the central meridian, true origin, false origin.
F0 = 0.9996012717
PHI0 = math.radians(49.0)
LAMBDA0 = math.radians(-2.0)
E0, N0 = 400_000.0, -100_000.0

# OSGB36 -> WGS84: translations (m), scale (ppm), rotations (arc seconds).
HELMERT = {"tx": 446.448, "ty": -125.157, "tz": 542.060, "s": -20.4894}
ROTATIONS = (0.1502, 0.2470, 0.8421)


def _meridional_arc(phi: float, a: float, b: float) -> float:
    """M in the OS formulas: distance along the central meridian from the true origin."""
    n = (a - b) / (a + b)
    d, s = phi - PHI0, phi + PHI0
    return (
        b
        * F0
        * (
            (1 + n + 5 / 4 * n**2 + 5 / 4 * n**3) * d
            - (3 * n + 3 * n**2 + 21 / 8 * n**3) * math.sin(d) * math.cos(s)
            + (15 / 8 * n**2 + 15 / 8 * n**3) * math.sin(2 * d) * math.cos(2 * s)
            - 35 / 24 * n**3 * math.sin(3 * d) * math.cos(3 * s)
        )
    )


def _footpoint_latitude(northing: float, a: float, b: float) -> float:
    """Iterate latitude until the meridional arc matches the northing to 0.01 mm."""
    phi = PHI0 + (northing - N0) / (a * F0)
    arc = _meridional_arc(phi, a, b)
    while abs(northing - N0 - arc) >= 0.00001:
        phi += (northing - N0 - arc) / (a * F0)
        arc = _meridional_arc(phi, a, b)
    return phi


def grid_to_osgb36(easting: float, northing: float) -> tuple[float, float]:
    """Latitude and longitude in degrees on the OSGB36 datum (Airy 1830), OS Annex C."""
    a, b = AIRY_1830
    e2 = 1 - b**2 / a**2
    phi = _footpoint_latitude(northing, a, b)
    sin_phi, tan_phi = math.sin(phi), math.tan(phi)
    sec_phi = 1 / math.cos(phi)
    nu = a * F0 / math.sqrt(1 - e2 * sin_phi**2)
    rho = a * F0 * (1 - e2) * (1 - e2 * sin_phi**2) ** -1.5
    eta2 = nu / rho - 1
    vii = tan_phi / (2 * rho * nu)
    viii = tan_phi / (24 * rho * nu**3) * (5 + 3 * tan_phi**2 + eta2 - 9 * tan_phi**2 * eta2)
    ix = tan_phi / (720 * rho * nu**5) * (61 + 90 * tan_phi**2 + 45 * tan_phi**4)
    x = sec_phi / nu
    xi = sec_phi / (6 * nu**3) * (nu / rho + 2 * tan_phi**2)
    xii = sec_phi / (120 * nu**5) * (5 + 28 * tan_phi**2 + 24 * tan_phi**4)
    xiia = sec_phi / (5040 * nu**7) * (61 + 662 * tan_phi**2 + 1320 * tan_phi**4 + 720 * tan_phi**6)
    de = easting - E0
    latitude = phi - vii * de**2 + viii * de**4 - ix * de**6
    longitude = LAMBDA0 + x * de - xi * de**3 + xii * de**5 - xiia * de**7
    return math.degrees(latitude), math.degrees(longitude)


def _to_cartesian(phi: float, lam: float, a: float, b: float) -> tuple[float, float, float]:
    e2 = 1 - b**2 / a**2
    nu = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    return (
        nu * math.cos(phi) * math.cos(lam),
        nu * math.cos(phi) * math.sin(lam),
        (1 - e2) * nu * math.sin(phi),
    )


def _helmert(x: float, y: float, z: float) -> tuple[float, float, float]:
    scale = 1 + HELMERT["s"] / 1e6
    rx, ry, rz = (math.radians(seconds / 3600) for seconds in ROTATIONS)
    return (
        HELMERT["tx"] + scale * x - rz * y + ry * z,
        HELMERT["ty"] + rz * x + scale * y - rx * z,
        HELMERT["tz"] - ry * x + rx * y + scale * z,
    )


def _from_cartesian(x: float, y: float, z: float, a: float, b: float) -> tuple[float, float]:
    e2 = 1 - b**2 / a**2
    p = math.hypot(x, y)
    phi = math.atan2(z, p * (1 - e2))
    for _ in range(10):  # converges to well under a millimetre in three or four rounds
        nu = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
        phi = math.atan2(z + e2 * nu * math.sin(phi), p)
    return math.degrees(phi), math.degrees(math.atan2(y, x))


def grid_to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    """WGS84 (GPS, web map) latitude and longitude of a National Grid point, to a few metres."""
    latitude, longitude = grid_to_osgb36(easting, northing)
    cartesian = _to_cartesian(math.radians(latitude), math.radians(longitude), *AIRY_1830)
    return _from_cartesian(*_helmert(*cartesian), *WGS84)

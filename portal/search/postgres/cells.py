"""Map cells: a place search's first, cheapest cut, made by the same GIN machinery as words.

Each listing row holds the cells its venues lie in (`search_listings.cells`), at two sizes:
fine (0.02 by 0.03 degrees, about 2 km square in England) and coarse (ten times that). A place
search asks for the cells covering its radius's box, at the finer size that needs at most
`MOST_CELLS` of them; PostgreSQL then intersects that with the words', needs' and audiences'
index entries before reading any row (a bitmap AND), and only the listings left are measured
exactly from their positions (`search_positions`). Without it, a search in a dense city read
every listing near it, or every listing with its words, before keeping the few with both.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

#: (degrees of latitude, of longitude, number of the first cell) for each size, fine first.
SIZES = ((0.02, 0.03, 0), (0.2, 0.3, 1_000_000_000))
MOST_CELLS = 400


def _index(value: float, step: float, offset: float) -> int:
    return math.floor((value + offset) / step)


def _columns(step: float) -> int:
    return math.ceil(360 / step) + 1


def cells_of(positions: Iterable[tuple[float, float]]) -> list[int]:
    """Every cell, at both sizes, that these (latitude, longitude) positions lie in."""
    found = set()
    for latitude, longitude in positions:
        for lat_step, lon_step, first in SIZES:
            row, column = _index(latitude, lat_step, 90), _index(longitude, lon_step, 180)
            found.add(first + row * _columns(lon_step) + column)
    return sorted(found)


def covering(south: float, west: float, north: float, east: float) -> list[int]:
    """The cells covering a box, at the finest size that needs at most `MOST_CELLS`."""
    for lat_step, lon_step, first in SIZES:
        rows = range(_index(south, lat_step, 90), _index(north, lat_step, 90) + 1)
        columns = range(_index(west, lon_step, 180), _index(east, lon_step, 180) + 1)
        if len(rows) * len(columns) <= MOST_CELLS or first == SIZES[-1][2]:
            width = _columns(lon_step)
            return [first + r * width + c for r in rows for c in columns]
    raise AssertionError("unreachable")

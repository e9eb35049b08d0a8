"""How a community map's assets look and are numbered: the one place that decides it.

The web page's map, the list under it, the exports and the printed poster all ask here, so an
asset has the same number, and a kind the same colour *and* shape, wherever a person sees it
(shape as well as colour: WCAG 1.4.1, and a poster copied in greyscale still reads).

Pure: no Flask and no database, so the poster (also pure) can use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

#: The kinds, in the order every list and key shows them (the values of `AssetKind`).
KIND_ORDER = ("people", "groups", "organisations", "places", "economy", "culture")

_HEXAGON = ((1.1, 0), (0.55, 0.95), (-0.55, 0.95), (-1.1, 0), (-0.55, -0.95), (0.55, -0.95))


@dataclass(frozen=True)
class KindLook:
    """A kind's marker: fill colour, ink of the number on it, shape name and its corners (for
    a marker of radius 1 centred on 0, 0; none for a circle)."""

    colour: str
    ink: str
    shape: str
    corners: tuple[tuple[float, float], ...] = ()

    def points(self, r: float = 10, x: float = 0, y: float = 0) -> str:
        """The corners as an SVG `points` attribute for a marker of radius `r` at `x`, `y`."""
        return " ".join(f"{x + px * r:.2f},{y + py * r:.2f}" for px, py in self.corners)

    def text_dy(self, r: float = 10) -> float:
        """How far below the centre the number sits, so it reads inside a triangle too."""
        return (self.corners[0][1] * -0.14 if len(self.corners) == 3 else 0) * r


#: Per kind: colours whose greys differ, and a shape of its own. White or near-black numbers
#: read on each fill at 4.5:1 or more.
LOOKS = {
    "people": KindLook("#0a5ea8", "#fff", "circle"),
    "groups": KindLook(
        "#c44900", "#fff", "square", ((-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9))
    ),
    "organisations": KindLook(
        "#4b2a7b", "#fff", "diamond", ((0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0))
    ),
    "places": KindLook("#007a5a", "#fff", "triangle", ((0, -1.55), (1.45, 0.95), (-1.45, 0.95))),
    "economy": KindLook("#f0a81c", "#111", "hexagon", _HEXAGON),
    "culture": KindLook(
        "#e58cc0", "#111", "upside-down triangle", ((0, 1.55), (1.45, -0.95), (-1.45, -0.95))
    ),
}


def look_of(kind: str) -> KindLook:
    """A kind's colour and shape (a value of `AssetKind`)."""
    return LOOKS[kind]


def in_number_order(items: Iterable[T], kind: Callable[[T], str], name: Callable[[T], str]):
    """`items` in the order they are numbered: by kind (`KIND_ORDER`), then by name, then as
    given. Numbers are the positions from 1, so a list grouped by kind reads 1, 2, 3, ..."""
    indexed = list(enumerate(items))
    indexed.sort(key=lambda p: (KIND_ORDER.index(kind(p[1])), name(p[1]).casefold(), p[0]))
    return [item for _, item in indexed]


def numbers_for(items: Iterable[T], kind: Callable[[T], str], name: Callable[[T], str], key):
    """{key(item): number} for every item, in `in_number_order`."""
    return {key(item): n for n, item in enumerate(in_number_order(items, kind, name), start=1)}

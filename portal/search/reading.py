"""How the search page reads what was typed before it searches: a place inside the words, and a
place outside the directory's area.

- **A place inside the words.** "lunch club crowthorne" and "yoga in sunninghill" are a search
  for the words near a place: when "Where?" is empty, a run of one to three words naming a town,
  village or neighbourhood becomes the place, and the rest are the words. A run after "in",
  "near", "around" or "at" may be any place in the gazetteer ("lonely in Manchester"); a run
  without one must be a place inside the directory's area, at the start or the end of the
  words, and not an everyday word that is also a place ("help with reading" is not Reading).
  At least one word must be left to search for. The page says how it read the search and
  links to the search exactly as typed (`exact=1`), which reads nothing.
- **A place outside the area.** A place further than `AREA_KM` from the middle of the
  directory's venues is outside its area: in-person activities there are not listed, so the
  page says so and that the results are online activities anyone can join.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from portal.geo import PlaceMatch, distance_km
from portal.search.plans import typed_words

#: How far from the middle of the directory's venues a place is still inside its area.
AREA_KM = 25
#: Words before a place name that say it is one.
PLACE_MARKERS = frozenset({"in", "near", "around", "at", "nr"})
#: Everyday words that are also the names of towns: read as words unless "in" comes before
#: them ("help with reading", "a long hot bath"), never as a place on their own.
EVERYDAY_WORDS = frozenset(
    {
        "reading", "bath", "hope", "street", "wells", "deal", "sale", "march", "bury", "ware",
        "church", "green", "hall", "park", "common", "forest", "heath", "bridge", "cross",
        "down", "ford", "hill", "wood", "marsh", "moor", "water", "village", "town", "centre",
        "home", "house", "garden", "library", "club", "college", "school", "station", "north",
        "south", "east", "west", "new", "old", "great", "little", "upper", "lower",
    }
)  # fmt: skip
LONGEST_PLACE = 3  # words in a place name ("College Town", "Great Hollands")


@dataclass(frozen=True)
class PlaceInWords:
    """A place read from the words: its name as the gazetteer has it, and the words left."""

    place: str
    words: str


def _tokens(text: str) -> list[str]:
    return [w for w in text.split() if w.strip(".,!?;:\"'()")]


def _clean(word: str) -> str:
    return word.strip(".,!?;:\"'()").lower()


def place_in_words(
    text: str,
    centre: tuple[float, float] | None,
    lookup: Callable[[list[str]], dict[str, PlaceMatch]],
) -> PlaceInWords | None:
    """The place named inside `text` and the words left, or None (see the module's rules).

    `centre` is the middle of the directory's venues (None when it has none: then only a
    marked place is read); `lookup` finds the named places among some names, in one go (the
    gazetteer's `find_named_places`)."""
    tokens = _tokens(text)
    if len(tokens) < 2:
        return None
    spans = [
        (start, stop, marked, " ".join(_clean(t) for t in tokens[start:stop]))
        for start, stop, marked in _candidate_spans(tokens)
    ]
    spans = [
        span for span in spans if span[2] or (span[3] not in EVERYDAY_WORDS and centre is not None)
    ]
    places = lookup(list(dict.fromkeys(span[3] for span in spans))) if spans else {}
    for start, stop, marked, name in spans:
        place = places.get(name)
        if place is None:
            continue
        if not marked and not _inside(place, centre):
            continue
        cut_from = start - 1 if marked else start
        rest = " ".join(tokens[:cut_from] + tokens[stop:]).strip(" ,")
        if typed_words(rest):
            return PlaceInWords(place.name, rest)
    return None


def _candidate_spans(tokens: list[str]) -> list[tuple[int, int, bool]]:
    """(start, stop, after a marker) of the runs that may name a place, likeliest first:
    after a marker; then at the end; then at the start; longer runs before shorter."""
    words = [_clean(t) for t in tokens]
    spans: list[tuple[int, int, bool]] = []
    for i, word in enumerate(words[:-1]):
        if word in PLACE_MARKERS:
            for n in range(min(LONGEST_PLACE, len(words) - i - 1), 0, -1):
                spans.append((i + 1, i + 1 + n, True))
    count = len(words)
    for n in range(min(LONGEST_PLACE, count - 1), 0, -1):
        spans.append((count - n, count, False))
    for n in range(min(LONGEST_PLACE, count - 1), 0, -1):
        spans.append((0, n, False))
    return list(dict.fromkeys(spans))


def _inside(place: PlaceMatch, centre: tuple[float, float] | None) -> bool:
    if centre is None:
        return False
    return distance_km(centre[0], centre[1], place.latitude, place.longitude) <= AREA_KM


def outside_area(place: PlaceMatch | None, centre: tuple[float, float] | None) -> bool:
    """Whether a place is outside the directory's area (further than `AREA_KM` from the middle
    of its venues). "Your location" counts too: a person far away sees why."""
    if place is None or centre is None:
        return False
    return not _inside(place, centre)

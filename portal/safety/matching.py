"""Does a search's text contain one of the safety words? Pure functions, no database.

Both sides are normalised alike (`normalise`): lower case, accents and apostrophes dropped
("don't" is "dont"), every other mark a space ("self-harm" is "self harm"), spaces collapsed.
A word or phrase then matches on whole words only, each of its words also in its everyday
endings (`word_forms`): "self harm" matches "self-harming", "hurt myself" matches "hurting
myself", "harm" never matches "harmony".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_APOSTROPHES = re.compile(r"['‘’`´]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_VOWELS = set("aeiou")


def normalise(text: str) -> str:
    """Lower case, accents and apostrophes dropped, anything else not a letter or digit a
    space, single-spaced: "Don't feel SAFE!" -> "dont feel safe"."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    plain = _APOSTROPHES.sub("", plain.lower())
    return " ".join(_NOT_WORD.sub(" ", plain).split())


def word_forms(word: str) -> set[str]:
    """A word and its everyday endings: plural, past, -ing, and a doer ending in -er.

    harm: harms, harmed, harming; abuse: abuses, abused, abuser, abusing; hit: hits, hitting;
    bully: bullies, bullied, bullying. Only endings, so "harm" never becomes "harmony".
    """
    forms = {word, word + "s", word + "es", word + "ed", word + "ing"}
    if word.endswith("e"):
        forms |= {word + "d", word + "r", word + "rs", word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 2:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if _doubles_last_letter(word):
        forms |= {word + word[-1] + "ing", word + word[-1] + "ed"}
    return forms


def _doubles_last_letter(word: str) -> bool:
    """Short words ending consonant, vowel, consonant double it: hit -> hitting, cut ->
    cutting, stab -> stabbed (not w, x or y: "slay" -> "slaying")."""
    return (
        len(word) >= 3
        and word[-1] not in _VOWELS | {"w", "x", "y"}
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def _phrase_pattern(phrase: str) -> str:
    parts = []
    for word in phrase.split(" "):
        forms = sorted(word_forms(word), key=len, reverse=True)
        parts.append("(?:" + "|".join(re.escape(form) for form in forms) + ")")
    return " ".join(parts)


@lru_cache(maxsize=16)
def _matcher(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for every phrase, whole words only; kept per list of phrases (its text,
    so an administrator's change simply makes a new one)."""
    if not phrases:
        return None
    alternatives = "|".join(_phrase_pattern(phrase) for phrase in phrases)
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")


def matching_phrase(text: str, phrases: Iterable[str]) -> str | None:
    """The first of `phrases` (already normalised) found in `text`, or None."""
    wanted = tuple(sorted({p for p in phrases if p}, key=lambda p: (-len(p), p)))
    pattern = _matcher(wanted)
    if pattern is None:
        return None
    found = pattern.search(normalise(text))
    if found is None:
        return None
    said = found.group(0)
    return next(p for p in wanted if re.fullmatch(_phrase_pattern(p), said))


def matches(text: str, phrases: Iterable[str]) -> bool:
    """True when one of `phrases` (already normalised) is in `text`."""
    return matching_phrase(text, phrases) is not None

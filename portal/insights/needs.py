"""Which needs a logged search asked for: the need filters chosen, and the needs its words
imply, through the directory team's thesaurus ("lonely" -> loneliness-and-company) or by
naming a need ("bereavement support" -> bereavement; "support for carers" -> carers-support).

The roll-up job calls this once per distinct (text, needs) of a run, so it only splits words
and looks them up: no database, no stemming.
"""

from __future__ import annotations

import re
from functools import lru_cache

from portal.directory.vocabulary import NEEDS
from portal.search.plans import Thesaurus, word_runs

#: Words a need's name or code shares with any sentence: a need is named when all of its
#: other words appear ("money and debt" and "debt and money" both name money-and-debt).
_LINKING_WORDS = frozenset(("a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "with"))
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> frozenset[str]:
    """Lower-case words without punctuation; "Carers'" and "carers" are the same word."""
    return frozenset(_WORD.findall(text.lower().replace("'", "").replace("\u2019", "")))


@lru_cache(maxsize=1)
def _need_names() -> tuple[tuple[str, tuple[frozenset[str], ...]], ...]:
    """Each need code with the word sets that name it (from its name and from its code)."""
    named = []
    for term in NEEDS.terms:
        sets = {
            _words(term.name) - _LINKING_WORDS,
            _words(term.code.replace("-", " ")) - _LINKING_WORDS,
        }
        named.append((term.code, tuple(words for words in sets if words)))
    return tuple(named)


def needs_of_search(text: str, needs: str, thesaurus: Thesaurus) -> list[str]:
    """The need codes a search asked for, sorted and distinct: `needs` (the comma-separated
    need filters chosen), the needs the thesaurus gives for any run of one to five words of
    `text`, and the needs whose name (or code) words all appear in `text`."""
    found = {code.strip() for code in (needs or "").split(",") if code.strip()}
    text = (text or "").strip()
    if text:
        for run in word_runs(text):
            entry = thesaurus.get(run)
            if entry:
                found.update(code for code in entry[1] if code)
        words = _words(text)
        for code, word_sets in _need_names():
            if any(required <= words for required in word_sets):
                found.add(code)
    return sorted(found)

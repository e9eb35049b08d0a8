"""The words of a search and what they stand for, the same for every search backend.

A search's text becomes a `TextPlan`: one `Concept` per word typed (every word must match, or,
as a fallback, any of them); each backend looks a `Word` up in every text field through that
field's own analysis (so `walks` finds "walking" where words are stemmed). Words that say
nothing about an activity ("after", "about", "my") are left out. The directory team's
thesaurus widens a word: runs of one to three words bring in phrases, which stand in for the
words of their run (a document with every word of a phrase has those words), and needs (which
lift a match, or, as the last resort, are what is looked for).

How a backend scores a plan is its own (BM25F in the embedded engine, `ts_rank` in
PostgreSQL), but both follow the same rules: names count most, then need and audience names,
then organisations, then descriptions; a word counts once however many of its phrases a
document has, and a phrase counts as one word, for less than the word typed
(`PHRASE_WEIGHT`): five phrases for "lonely" must not outweigh one rare "bereavement"; a
match tagged with a need the thesaurus gives is lifted (`NEED_LIFT`).
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh.analysis import StandardAnalyzer

PHRASE_WEIGHT = 0.7  # a thesaurus phrase counts for less than the words typed
NEED_LIFT = 2.0  # what a thesaurus need adds to a match tagged with it
LONGEST_THESAURUS_RUN = 3
_words_of = StandardAnalyzer()  # splits, lowercases, drops stop words and single letters
#: Words people type around what they are looking for, which say nothing about an activity:
#: requiring them ("lonely after bereavement") only drops the listings that matter.
FILLER_WORDS = frozenset(
    (  # noqa: SIM905 (fifty quoted words would be harder to read)
        "about after again all also any around because before being but could did do does during "
        "each into just me more most my near nearby other our over really some such than their "
        "them then there these they those through very was were what where which who would"
    ).split()
)

Thesaurus = dict[str, tuple[list[str], list[str]]]


@dataclass(frozen=True)
class Word:
    """One word of a search, as typed (lower case): each backend analyses it per field."""

    text: str


@dataclass(frozen=True)
class Group:
    """Words that match together: all of them (`every`) or any, more of them scoring higher."""

    words: tuple[Word, ...]
    every: bool
    weight: float = 1.0


@dataclass(frozen=True)
class Concept:
    """One word typed and the thesaurus phrases standing in for it: a document has it when it
    has the word or every word of one of the phrases (`alternatives`, the word first)."""

    alternatives: tuple[Group, ...]


@dataclass(frozen=True)
class TextPlan:
    concepts: tuple[Concept, ...]
    lift_needs: tuple[str, ...] = ()
    needs_only: bool = False  # match the thesaurus needs alone
    every: bool = True  # every concept must match; else any, more of them scoring higher

    @property
    def any_word(self) -> bool:
        return bool(self.concepts) and not self.every


def typed_words(text: str) -> list[str]:
    """The words of `text` worth matching: no punctuation, stop words or single letters."""
    return [token.text for token in _words_of(text)]


def search_words(text: str) -> list[str]:
    """The words of a search that must match: typed words but the filler around them (all of
    them, when the search is nothing but filler)."""
    words = list(dict.fromkeys(typed_words(text)))
    telling = [w for w in words if w not in FILLER_WORDS]
    return telling or words


def _group(text: str, every: bool, weight: float = 1.0) -> Group | None:
    words = tuple(Word(t) for t in dict.fromkeys(typed_words(text)))
    return Group(words, every, weight) if words else None


def word_runs(text: str, longest: int = LONGEST_THESAURUS_RUN) -> list[str]:
    """Every run of one to three words as typed, so entries like "lunch club" match too."""
    words = [w.strip(".,!?;:\"'()") for w in text.lower().split()]
    words = [w for w in words if w]
    return [
        " ".join(words[i : i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)
    ]


def _concepts(text: str, thesaurus: Thesaurus) -> tuple[list[Concept], tuple[str, ...]]:
    """A concept per search word (its thesaurus phrases with it), and the thesaurus's needs.

    A phrase from a run of several words ("cuppa and chat") stands in for each of them; a
    thesaurus word that is not a search word itself (filler with phrases) is a concept too."""
    words = search_words(text)
    phrases: dict[str, list[str]] = {w: [] for w in words}
    needs: list[str] = []
    for run in word_runs(text):
        more_phrases, more_needs = thesaurus.get(run, ([], []))
        needs += more_needs
        covered = [w for w in typed_words(run) if w in phrases] or ([run] if more_phrases else [])
        for word in covered:
            phrases.setdefault(word, []).extend(more_phrases)
    concepts = []
    for word, alternatives in phrases.items():
        groups = [_group(word, True)] if word in words else []
        groups += [_group(p, True, PHRASE_WEIGHT) for p in dict.fromkeys(alternatives)]
        if any(groups):
            concepts.append(Concept(tuple(g for g in groups if g)))
    return concepts, tuple(dict.fromkeys(needs))


def plans(text: str, thesaurus: Thesaurus) -> list[TextPlan]:
    """What to try, in order, until something matches: every word; any word; the needs the
    thesaurus gives for them."""
    concepts, lift = _concepts(text, thesaurus)
    found: list[TextPlan] = []
    if concepts:
        found.append(TextPlan(tuple(concepts), lift))
    if len(concepts) > 1:
        found.append(TextPlan(tuple(concepts), lift, every=False))
    if lift:
        found.append(TextPlan((), lift, needs_only=True))
    return found

"""The words of a search and what they stand for, the same for every search backend.

A search's text becomes a `TextPlan`: one `Concept` per word typed (every word must match, or,
as a fallback, any of them); each backend looks a `Word` up in every text field through that
field's own analysis (so `walks` finds "walking" where words are stemmed). Words that say
nothing about an activity ("after", "about", "my") are left out. The directory team's
thesaurus widens a word: a single word brings in phrases, which stand in for it (a document with
every word of a phrase has the word), and needs (which lift a match, or, as the last resort,
are what is looked for); a run of two to five words with an entry ("feeling down") is one
meaning, replaced by the phrases its entry lists.

How a backend scores a plan is its own (BM25F in the embedded engine, `ts_rank` in
PostgreSQL), but both follow the same rules: names count most, then need and audience names,
then organisations, then descriptions; a word counts once however many of its phrases a
document has, and a phrase counts as one word, for less than the word typed
(`PHRASE_WEIGHT`): five phrases for "lonely" must not outweigh one rare "bereavement"; a
match tagged with a need the thesaurus gives is lifted (`NEED_LIFT`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh.analysis import StandardAnalyzer

PHRASE_WEIGHT = 0.7  # a thesaurus phrase counts for less than the words typed
NEED_LIFT = 2.0  # what a thesaurus need adds to a match tagged with it
NAMED_FOR_PLACE = 1.5  # a match named for the place searched near (`TextPlan.named_for`)
LONGEST_THESAURUS_RUN = 5  # "get out of the house"
_words_of = StandardAnalyzer()  # splits, lowercases, drops stop words and single letters
#: Words people type around what they are looking for, which say nothing about an activity:
#: requiring them ("lonely after bereavement", "somewhere to go with my toddler") only drops
#: the listings that matter, and matching them ("Make Your Money *Go* Further") ranks the
#: wrong ones first. (The analyzer already drops "a", "for", "with", "to" and the like.)
FILLER_WORDS = frozenset(
    (  # noqa: SIM905 (a hundred quoted words would be harder to read)
        "about after again all also am any anyone anything anywhere around available because "
        "before being but cant could did do does dont during each feel feeling feels felt find "
        "get go going got help helps her here him his how im improve into ive just know like "
        "local looking me more "
        "most my myself near nearby need needs other our over place places please really "
        "some someone something somewhere such than thats their them then there these they "
        "thing things those through very want wanting wants was were what where which who "
        "why would"
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
    #: The words of the place searched near: a match with all of them in its *name*
    #: ("Crowthorne Lunch Club" near Crowthorne) scores `NAMED_FOR_PLACE` times as much. Never
    #: required, and a multiplier, not an addition: every listing in a town shares its name,
    #: and adding to them all would only blur how well they match.
    named_for: tuple[Word, ...] = ()

    @property
    def any_word(self) -> bool:
        return bool(self.concepts) and not self.every


def typed_words(text: str) -> list[str]:
    """The words of `text` worth matching: no punctuation, stop words or single letters."""
    return [token.text for token in _words_of(text)]


def search_words(text: str) -> list[str]:
    """The words of a search that must match: typed words but the filler around them (all of
    them, when the search is nothing but filler)."""
    words = list(dict.fromkeys(typed_words(without_contractions(text))))
    telling = [w for w in words if w not in FILLER_WORDS]
    return telling or words


def _group(text: str, every: bool, weight: float = 1.0) -> Group | None:
    words = tuple(Word(t) for t in dict.fromkeys(typed_words(text)))
    return Group(words, every, weight) if words else None


_CONTRACTION = re.compile(r"(\w)'(ve|re|m|ll|d|t)\b", re.IGNORECASE)


def without_contractions(text: str) -> str:
    """Curly apostrophes made straight, and contractions joined up ("I've" is "ive", "don't"
    is "dont"), so they are one word (filler) rather than a stray "ve"; "men's" stays."""
    return _CONTRACTION.sub(r"\1\2", text.replace("\u2019", "'").replace("\u2018", "'"))


def word_runs(text: str, longest: int = LONGEST_THESAURUS_RUN) -> list[str]:
    """Every run of one to five words as typed (lower case, apostrophes dropped: "can't" is
    "cant"), so entries like "lunch club" and "get out of the house" match too."""
    words = [w.strip(".,!?;:\"'()") for w in without_contractions(text.lower()).split()]
    words = [w for w in words if w]
    return [
        " ".join(words[i : i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)
    ]


def _concepts(text: str, thesaurus: Thesaurus) -> tuple[list[Concept], tuple[str, ...]]:
    """A concept per search word (its thesaurus phrases with it), and the thesaurus's needs.

    A thesaurus entry of several words ("feeling down", "out of work") is one meaning, not
    its words: the run becomes a single concept of the phrases it lists (the entry lists
    its own words too when they should match as written), and its words are used up, so
    "down" never finds a café at Chavey Down. The longest entries are read first. A
    single-word entry adds its phrases beside the word itself, but not a phrase made only of
    the search's other words ("peer support" for "anxiety" in "peer support anxiety"): those
    already count as themselves, and counting them again as the other word's meaning ranked
    "Chronic Pain Peer Support" as if it were about anxiety."""
    runs = sorted(word_runs(text), key=lambda run: -len(run.split()))
    used: set[str] = set()
    idioms: list[Concept] = []
    needs: list[str] = []
    for run in runs:
        if " " not in run or run not in thesaurus:
            continue
        own = set(typed_words(run)) | set(run.split())
        if own & used:
            continue
        idiom_phrases, more_needs = thesaurus[run]
        groups = [_group(p, True) for p in dict.fromkeys(idiom_phrases)]
        if not any(groups) and not more_needs:
            continue
        used |= own
        needs += more_needs
        if any(groups):
            idioms.append(Concept(tuple(g for g in groups if g)))
    words = [w for w in search_words(text) if w not in used]
    phrases: dict[str, list[str]] = {w: [] for w in words}
    for run in word_runs(text):
        if " " in run:
            continue
        more_phrases, more_needs = thesaurus.get(run, ([], []))
        if run in used:
            continue
        needs += more_needs
        covered = [w for w in typed_words(run) if w in phrases] or ([run] if more_phrases else [])
        for word in covered:
            phrases.setdefault(word, []).extend(more_phrases)
    concepts = list(idioms)
    for word, alternatives in phrases.items():
        if word in used:
            continue
        groups = [_group(word, True)] if word in words else []
        others = set(words) - {word}
        groups += [
            _group(p, True, PHRASE_WEIGHT)
            for p in dict.fromkeys(alternatives)
            if not set(typed_words(p)) <= others
        ]
        if any(groups):
            concepts.append(Concept(tuple(g for g in groups if g)))
    return concepts, tuple(dict.fromkeys(needs))


def plans(text: str, thesaurus: Thesaurus, place: str = "") -> list[TextPlan]:
    """What to try, in order, until something matches: every word; any word; the needs the
    thesaurus gives for them. `place`: the town or village searched near, whose listings
    named for it come first among equal matches (`TextPlan.named_for`)."""
    concepts, lift = _concepts(text, thesaurus)
    named = tuple(Word(w) for w in typed_words(place))
    found: list[TextPlan] = []
    if concepts:
        found.append(TextPlan(tuple(concepts), lift, named_for=named))
    if len(concepts) > 1:
        found.append(TextPlan(tuple(concepts), lift, every=False, named_for=named))
    if lift:
        found.append(TextPlan((), lift, needs_only=True))
    return found

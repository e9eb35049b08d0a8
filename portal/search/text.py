"""The words of a search: what they match and how well, scored over whole segments at once.

A search's text becomes a `TextPlan`: one `Concept` per word typed (every word must match, or,
as a fallback, any of them), each looked up in every text field through that field's own
analyzer (so `walks` finds "walking" in stemmed fields). Words that say nothing about an
activity ("after", "about", "my") are left out. The directory team's thesaurus widens a word:
runs of one to three words bring in phrases, which stand in for the words of their run (a
document with every word of a phrase has those words; it counts for less than the word typed),
and needs (which lift a match, or, as the last resort, are what is looked for).

Scores are BM25F as Whoosh computes it (its field boosts are in the stored weights: names count
four times a description, need and audience names two and a half), summed over the words typed.
A word counts once however many of its phrases a document has, and a phrase counts as one word
(the mean of its words): five phrases for "lonely" must not outweigh one rare "bereavement".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh.analysis import StandardAnalyzer

from portal.search.index import SCHEMA, TEXT_FIELDS
from portal.search.readers import Leaf, Snapshot

B, K1 = 0.75, 1.2  # Whoosh's BM25F defaults
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
    """One word as each text field indexes it: (field, token) pairs."""

    terms: tuple[tuple[str, str], ...]


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


def _word(word: str) -> Word:
    terms = []
    for field in TEXT_FIELDS:
        for token in SCHEMA[field].process_text(word, mode="query"):
            terms.append((field, token))
    return Word(tuple(dict.fromkeys(terms)))


def _group(text: str, every: bool, weight: float = 1.0) -> Group | None:
    words = tuple(w for w in (_word(t) for t in dict.fromkeys(typed_words(text))) if w.terms)
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


class Scorer:
    """Evaluates one plan over the segments of one snapshot; word scores are worked out once
    per segment even when a word appears in several groups."""

    def __init__(self, snapshot: Snapshot, plan: TextPlan) -> None:
        self.snapshot = snapshot
        self.plan = plan
        self._idf: dict[tuple[str, str], float] = {}

    def match(self, leaf: Leaf) -> tuple[np.ndarray, np.ndarray]:
        """(mask of the documents the plan matches, their scores) for one segment."""
        if self.plan.needs_only:
            mask = self._needs(leaf)
            return mask, mask.astype(np.float32)
        memo: dict[Word, np.ndarray] = {}
        matches = [self._concept(leaf, c, memo) for c in self.plan.concepts]
        found = [m for m, _ in matches]
        score = np.add.reduce([s for _, s in matches], dtype=np.float32)
        if self.plan.every:
            mask = np.logical_and.reduce(found)
        else:  # any word: those with more of the words first, the rarer words counting most
            mask = np.logical_or.reduce(found)
            score = score * (np.add.reduce(found, dtype=np.float32) / len(found))
        score = np.where(mask, score, 0).astype(np.float32)
        if self.plan.lift_needs:
            score += np.where(mask & self._needs(leaf), NEED_LIFT, 0)
        return mask, score

    def _concept(
        self, leaf: Leaf, concept: Concept, memo: dict[Word, np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray]:
        """(documents having the concept, its score in each): the best of its alternatives,
        a phrase scoring the mean of its words, so it counts as one word."""
        mask = np.zeros(leaf.data.size, bool)
        best = np.zeros(leaf.data.size, np.float32)
        for group in concept.alternatives:
            scores = [self._word(leaf, w, memo) for w in group.words]
            matched = np.logical_and.reduce([s > 0 for s in scores])
            mean = np.add.reduce(scores, dtype=np.float32) / len(scores)
            mask |= matched
            best = np.maximum(best, np.where(matched, mean * group.weight, 0))
        return mask, best

    def _needs(self, leaf: Leaf) -> np.ndarray:
        mask = np.zeros(leaf.data.size, bool)
        for code in self.plan.lift_needs:
            mask |= leaf.data.keyword(leaf.reader, "needs", code)
        return mask

    def _word(self, leaf: Leaf, word: Word, memo: dict[Word, np.ndarray]) -> np.ndarray:
        if word in memo:
            return memo[word]
        score = np.zeros(leaf.data.size, np.float32)
        for field, token in word.terms:
            docs, weights = leaf.data.postings(leaf.reader, field, token)
            if not len(docs):
                continue
            lengths = leaf.data.lengths(leaf.reader, field)[docs]
            norm = 1 - B + B * lengths / self.snapshot.average_length(field)
            score[docs] += self.idf(field, token) * (weights * (K1 + 1)) / (weights + K1 * norm)
        memo[word] = score
        return score

    def idf(self, field: str, token: str) -> float:
        key = (field, token)
        if key not in self._idf:
            self._idf[key] = self.snapshot.idf(field, token)
        return self._idf[key]


def did_you_mean(snapshot: Snapshot, text: str) -> str | None:
    """The text with each word the index does not know replaced by its nearest known one;
    None when every word is known (then it is the filters or the place that found nothing)."""
    reader = snapshot.searcher.reader()
    corrector = None
    fixed = []
    for word in text.split():
        known = word.lower().strip(".,!?;:\"'()")
        if not typed_words(known) or ("spell", known) in reader:  # a stop word, or known
            fixed.append(word)
            continue
        corrector = corrector or snapshot.searcher.corrector("spell")
        options = corrector.suggest(known, limit=1, maxdist=2)
        fixed.append(options[0] if options else word)
    suggestion = " ".join(fixed)
    return suggestion if suggestion.lower() != text.lower() else None

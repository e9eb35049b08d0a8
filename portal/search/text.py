"""The words of a search: what they match and how well, scored over whole segments at once.

A search's text becomes a `TextPlan`: the words as typed (every word must match, or, as a
fallback, any of them), each looked up in every text field through that field's own analyzer
(so `walks` finds "walking" in stemmed fields), widened by the directory team's thesaurus:
runs of one to three words bring in phrases (every word of a phrase must match; they count for
less than the words typed) and needs (which lift a match, or, as the last resort, are what is
looked for).

Scores are BM25F as Whoosh computes it (its field boosts are in the stored weights: names count
four times a description, need and audience names two and a half), summed over the words.
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
class TextPlan:
    groups: tuple[Group, ...]
    lift_needs: tuple[str, ...] = ()
    needs_only: bool = False  # match the thesaurus needs alone

    @property
    def any_word(self) -> bool:
        return bool(self.groups) and not self.groups[0].every


def typed_words(text: str) -> list[str]:
    """The words of `text` worth matching: no punctuation, stop words or single letters."""
    return [token.text for token in _words_of(text)]


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


def plans(text: str, thesaurus: Thesaurus) -> list[TextPlan]:
    """What to try, in order, until something matches: every word; any word; the needs the
    thesaurus gives for them."""
    phrases: list[str] = []
    needs: list[str] = []
    for run in word_runs(text):
        more_phrases, more_needs = thesaurus.get(run, ([], []))
        phrases += more_phrases
        needs += more_needs
    widened = [g for g in (_group(p, True, PHRASE_WEIGHT) for p in dict.fromkeys(phrases)) if g]
    lift = tuple(dict.fromkeys(needs))
    found: list[TextPlan] = []
    every = _group(text, True)
    if every or widened:
        found.append(TextPlan(tuple(g for g in (every, *widened) if g), lift))
    if every and len(every.words) > 1:
        found.append(TextPlan((Group(every.words, False), *widened), lift))
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
        size = leaf.data.size
        if self.plan.needs_only:
            mask = self._needs(leaf)
            return mask, mask.astype(np.float32)
        mask, score = np.zeros(size, bool), np.zeros(size, np.float32)
        memo: dict[Word, np.ndarray] = {}
        for group in self.plan.groups:
            scores = [self._word(leaf, w, memo) for w in group.words]
            found = [s > 0 for s in scores]
            total = np.add.reduce(scores) if len(scores) > 1 else scores[0]
            if group.every:
                matched = np.logical_and.reduce(found) if len(found) > 1 else found[0]
            else:
                matched = np.logical_or.reduce(found)
                total = total * (np.add.reduce(found, dtype=np.float32) / len(found))
            mask |= matched
            score += np.where(matched, total * group.weight, 0)
        if self.plan.lift_needs:
            score += np.where(mask & self._needs(leaf), NEED_LIFT, 0)
        return mask, score

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

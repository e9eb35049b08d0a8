"""Scoring a search's words over whole Whoosh segments at once (see `portal.search.plans`).

Each word scores BM25F: its occurrences in every field are added up first, each weighted by
its field's boost (kept in the stored weights: a name counts four times a description, need
and audience names two and a half, the organisation one and a half) and divided by how long
that field is against its average; then the total is saturated once (`K1`) and multiplied by
how rare the word is in the whole directory. Scoring each field on its own and adding the
scores, as Whoosh's own BM25F does, counted a word twice when it was in a listing's name
and its organisation's: "Whitegrove Book Club (Whitegrove *Reading* Group)" came before
"Everyday Maths and English" for "help with reading and maths", and "Chronic Pain Peer
Support" before "Anxiety and Depression Peer Support" for "peer support anxiety".
The words' scores are summed over the words typed (`portal.search.plans` says how).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from portal.search.embedded.index import SCHEMA, TEXT_FIELDS
from portal.search.embedded.readers import SPELLINGS_KEPT, Leaf, Snapshot
from portal.search.plans import NAMED_FOR_PLACE, NEED_LIFT, Concept, TextPlan, Word, typed_words

B, K1 = 0.75, 1.2  # Whoosh's BM25F defaults


@lru_cache(maxsize=4096)
def field_terms(word: str) -> tuple[tuple[str, str], ...]:
    """(field, token) pairs of one word, as each text field's analyzer indexes it."""
    terms = []
    for field in TEXT_FIELDS:
        for token in SCHEMA[field].process_text(word, mode="query"):
            terms.append((field, token))
    return tuple(dict.fromkeys(terms))


class Scorer:
    """Evaluates one plan over the segments of one snapshot; word scores are worked out once
    per segment even when a word appears in several groups."""

    def __init__(self, snapshot: Snapshot, plan: TextPlan) -> None:
        self.snapshot = snapshot
        self.plan = plan
        self._idf: dict[Word, float] = {}

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
        if self.plan.named_for:
            score = score * np.where(self._named(leaf), NAMED_FOR_PLACE, 1.0)
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

    def _named(self, leaf: Leaf) -> np.ndarray:
        """The documents with every word of the place searched near in their name."""
        named = np.ones(leaf.data.size, bool)
        for word in self.plan.named_for:
            has = np.zeros(leaf.data.size, bool)
            for field, token in field_terms(word.text):
                if field == "name":
                    docs, _ = leaf.data.postings(leaf.reader, field, token)
                    has[docs] = True
            named &= has
        return named

    def _needs(self, leaf: Leaf) -> np.ndarray:
        mask = np.zeros(leaf.data.size, bool)
        for code in self.plan.lift_needs:
            mask |= leaf.data.keyword(leaf.reader, "needs", code)
        return mask

    def _word(self, leaf: Leaf, word: Word, memo: dict[Word, np.ndarray]) -> np.ndarray:
        if word in memo:
            return memo[word]
        tf = np.zeros(leaf.data.size, np.float32)  # the boosted, length-normalised count
        for field, token in field_terms(word.text):
            docs, weights = leaf.data.postings(leaf.reader, field, token)
            if not len(docs):
                continue
            lengths = leaf.data.lengths(leaf.reader, field)[docs]
            norm = 1 - B + B * lengths / self.snapshot.average_length(field)
            tf[docs] += weights / norm
        score = (self.idf(word) * tf * (K1 + 1) / (tf + K1)).astype(np.float32)
        memo[word] = score
        return score

    def idf(self, word: Word) -> float:
        """How rare the word is in the directory (`Snapshot.idf`): counted in the field where
        it is most common, the nearest to how many listings have it anywhere that the index
        keeps (PostgreSQL counts it over the whole document, `postgres.rarity`)."""
        if word not in self._idf:
            self._idf[word] = self.snapshot.idf(field_terms(word.text))
        return self._idf[word]


def did_you_mean(snapshot: Snapshot, text: str) -> str | None:
    """The text with each word the index does not know replaced by its nearest known one;
    None when every word is known (then it is the filters or the place that found nothing).

    One edit anywhere in the word first, then two edits keeping its first letter: at 20,000
    listings 3.6 ms a word instead of 16.6 ms for two edits anywhere, and better answers
    ("fotball" is football, not netball; "lonley" is not "money"). Each answer is kept with
    the snapshot (`Snapshot.spellings`), so it holds until the index changes."""
    reader = snapshot.searcher.reader()
    fixed = []
    for word in text.split():
        known = word.lower().strip(".,!?;:\"'()")
        if not typed_words(known) or ("spell", known) in reader:  # a stop word, or known
            fixed.append(word)
            continue
        if known not in snapshot.spellings:
            if len(snapshot.spellings) >= SPELLINGS_KEPT:
                snapshot.spellings.clear()
            snapshot.spellings[known] = _nearest(snapshot, known)
        fixed.append(snapshot.spellings[known] or word)
    suggestion = " ".join(fixed)
    return suggestion if suggestion.lower() != text.lower() else None


def _nearest(snapshot: Snapshot, word: str) -> str | None:
    corrector = snapshot.searcher.corrector("spell")
    options = corrector.suggest(word, limit=1, maxdist=1) or corrector.suggest(
        word, limit=1, maxdist=2, prefix=1
    )
    return options[0] if options else None

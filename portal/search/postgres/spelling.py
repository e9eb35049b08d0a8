""" "Did you mean": each word the directory does not know, replaced by the nearest one it does.

The words are those of listings' names and need and audience names (`search_words`). A
trigram index shortlists words that look alike (`pg_trgm`), then edit distance decides: at
most two letters added, dropped, changed or swapped, the fewest first, then the most alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from portal.search.plans import typed_words
from portal.search.postgres.models import SearchWord

MAX_EDITS = 2
#: (trigram similarity, how many) to shortlist: the alike words first; failing those, a
#: wider net for short words with a letter swapped near the start ("wlak" and "walk" share
#: one trigram of nine, 0.11).
SHORTLISTS = (("0.3", 30), ("0.1", 300))
_PUNCTUATION = ".,!?;:\"'()"


def edit_distance(a: str, b: str, limit: int = MAX_EDITS) -> int:
    """Letters added, dropped, changed or swapped with a neighbour to make `b` from `a`
    (optimal string alignment); anything over `limit` comes back as `limit + 1`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if before and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return min(row[-1], limit + 1)


def _shortlist(session: Session, word: str, similarity: str, limit: int) -> Sequence[str]:
    session.execute(
        text("SELECT set_config('pg_trgm.similarity_threshold', :similarity, true)"),
        {"similarity": similarity},
    )
    return session.scalars(
        text(
            "SELECT word FROM search_words WHERE word % :word "
            "AND length(word) BETWEEN :shortest AND :longest "
            "ORDER BY similarity(word, :word) DESC, word LIMIT :limit"
        ),
        {
            "word": word,
            "shortest": len(word) - MAX_EDITS,
            "longest": len(word) + MAX_EDITS,
            "limit": limit,
        },
    ).all()


def nearest_word(session: Session, word: str) -> str | None:
    """The known word nearest to `word` within `MAX_EDITS` (the fewest edits, then the most
    alike), or None."""
    for similarity, limit in SHORTLISTS:
        shortlist = _shortlist(session, word, similarity, limit)
        ranked = [(edit_distance(word, w), n, w) for n, w in enumerate(shortlist) if w != word]
        # Two edits keep the first letter, as the embedded engine's corrector does: "kniting"
        # is "knitting", not "writing".
        ranked = [r for r in ranked if r[0] <= 1 or (r[0] <= MAX_EDITS and r[2][0] == word[0])]
        if ranked:
            return min(ranked)[2]
    return None


def suggest(session: Session, typed: str) -> str | None:
    """`typed` with each unknown word replaced by its nearest known one; None when nothing
    changed (every word known, or nothing near enough)."""
    pieces = typed.split()
    keys = [p.lower().strip(_PUNCTUATION) for p in pieces]
    checked = [k for k in keys if typed_words(k)]  # stop words and single letters pass
    known = set(
        session.scalars(select(SearchWord.word).where(SearchWord.word.in_(checked)))
        if checked
        else ()
    )
    fixed = []
    for piece, key in zip(pieces, keys, strict=True):
        if key in known or not typed_words(key):
            fixed.append(piece)
        else:
            fixed.append(nearest_word(session, key) or piece)
    suggestion = " ".join(fixed)
    return suggestion if suggestion.lower() != typed.lower() else None

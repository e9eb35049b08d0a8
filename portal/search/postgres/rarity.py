"""How rare each word of a search is: Whoosh's idf, log(N / (df + 1)) + 1, where N is how many
listings search holds and df how many have the word.

It matters only when a plan has more than one word (then the rarer word counts for more). A
small directory is counted exactly. A big one takes common words' frequencies from
PostgreSQL's own statistics of the tsvector column (`pg_stats.most_common_elems`: the
thousand most common lexemes, kept by ANALYZE and autovacuum), read once every few minutes,
and counts only the rare ones (a word missing from those statistics is in few listings, so
counting it is quick). Counting a common word exactly took 5 to 40 ms at 100,000 listings.
"""

from __future__ import annotations

import math
import time

from sqlalchemy import text
from sqlalchemy.orm import Session

from portal.search.plans import TextPlan, Word
from portal.search.postgres.matching import lexemes, word_queries

#: Below this many rows (by the planner's estimate) the words are counted exactly: the
#: statistics of a small table may be missing, or stale from rows since deleted.
COUNT_EXACTLY_BELOW = 50_000
#: Counting stops here: a word in this many listings is simply common.
FREQUENCY_CAP = 2000
STATISTICS_SECONDS = 600
_statistics: dict[str, tuple[float, dict[str, float]]] = {}


def distinct_words(plan: TextPlan | None) -> list[Word]:
    if plan is None or plan.needs_only:
        return []
    return list(dict.fromkeys(w for c in plan.concepts for g in c.alternatives for w in g.words))


def _common_lexemes(session: Session) -> dict[str, float]:
    """Lexeme -> share of listings, for the most common ones (cached per database)."""
    key = session.get_bind().engine.url.render_as_string(hide_password=True)
    fetched = _statistics.get(key)
    if fetched and time.monotonic() - fetched[0] < STATISTICS_SECONDS:
        return fetched[1]
    row = session.execute(
        text(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = 'search_listings' AND attname = 'document'"
        )
    ).first()
    shares = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
    _statistics[key] = (time.monotonic(), shares)
    return shares


def _counts(session: Session, queries: list[str], exactly: bool) -> tuple[float, list[int]]:
    """(listings in search, how many have each query, capped): one statement."""
    params: dict[str, object] = {"cap": FREQUENCY_CAP}
    parts = []
    for n, query in enumerate(queries):
        params[f"q{n}"] = query
        parts.append(
            "(SELECT count(*) FROM (SELECT 1 FROM search_listings "
            f"WHERE document @@ CAST(:q{n} AS tsquery) LIMIT :cap) AS s{n})"
        )
    total = "(SELECT count(*) FROM search_listings)" if exactly else "0"
    row = session.execute(text(f"SELECT {', '.join([total, *parts])}"), params).one()
    return float(row[0]), list(row[1:])


def _listings_estimate(session: Session) -> float:
    return float(
        session.scalar(
            text("SELECT reltuples FROM pg_class WHERE oid = 'search_listings'::regclass")
        )
        or 0
    )


def rarity(session: Session, plan: TextPlan | None) -> dict[Word, float]:
    """Each word's idf, when the plan has more than one word (else nothing: one word's idf
    changes no order)."""
    words = distinct_words(plan)
    if len(words) < 2:
        return {}
    stems = word_queries(session, [w.text for w in words])
    counted = {w: stem for w in words if (stem := stems[w.text])}
    listings = _listings_estimate(session)
    frequency: dict[Word, float]
    if listings < COUNT_EXACTLY_BELOW:
        listings, found = _counts(session, list(counted.values()), exactly=True)
        frequency = dict(zip(counted, found, strict=True))
    else:
        frequency = _estimated(session, list(counted), stems, listings)
    return {word: math.log(max(listings, df, 1) / (df + 1)) + 1 for word, df in frequency.items()}


def _estimated(
    session: Session, words: list[Word], stems: dict[str, str | None], listings: float
) -> dict[Word, float]:
    """Each word's listings: its lexemes' shares from the statistics, the rare ones counted."""
    shares = _common_lexemes(session)
    by_word = {w: lexemes(stems[w.text] or "") for w in words}
    rare = sorted({x for found in by_word.values() for x in found if x not in shares})
    _, counts = _counts(session, ["'" + x.replace("'", "''") + "'" for x in rare], False)
    counted = dict(zip(rare, counts, strict=True))
    return {
        word: sum(shares[x] * listings if x in shares else counted[x] for x in found)
        for word, found in by_word.items()
    }

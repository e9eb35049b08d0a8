"""A plan's words (`portal.search.plans`) as PostgreSQL text-search queries and a score.

Each field of `search_listings.document` is analysed its own way, as the embedded index does:
name, need and audience names and the description are stemmed ('english'; weights A, B, D),
the organisation and place names are not ('simple'; C and D). So a word typed matches its
English stem or itself: `'walk' | 'walks'`. (Without weight labels in the query the GIN index
answers exactly, with no second look at each row.)

The score mirrors the embedded engine's rules. A word's `ts_rank`, with the embedded boosts
as its weights (name 4, need and audience names 2.5, organisation 1.5, description and place
1, over 4: `RANK_WEIGHTS`) and scaled back (`RANK_SCALE`), is its occurrences in every field
added up, each weighted by its field: BM25F's count before saturation (PostgreSQL has no
per-field lengths to divide by). That count is saturated once, as BM25 does (`K1`), and
multiplied by the word's rarity (`idf`, see `rarity`), so a word in a listing's name and its
organisation's counts once, a little more, not twice. A concept scores its best alternative,
a phrase the mean of its words times `PHRASE_WEIGHT`; with any word, the sum is scaled by the
share of concepts matched; a listing tagged with a need the thesaurus gives gains
`NEED_LIFT`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from portal.search.plans import NAMED_FOR_PLACE, NEED_LIFT, Concept, TextPlan, Word

#: The embedded index's field boosts by weight: name A, need and audience names B,
#: organisation C, description and place D.
BOOSTS = {"D": 1.0, "C": 1.5, "B": 2.5, "A": 4.0}
K1 = 1.2  # BM25's saturation, as Whoosh uses it


#: ts_rank's weights for D, C, B, A (at most 1 each): the boosts, relative to a name's.
RANK_WEIGHTS = "{" + ",".join(f"{b / BOOSTS['A']:.4f}" for b in BOOSTS.values()) + "}"
#: ts_rank divides by 1.645 (the sum of 1/n^2) and the weights by the name's boost: scaled
#: back, one occurrence in a name counts 4 and in a description 1, as the embedded index
#: stores them, before saturation.
RANK_SCALE = 1.6449341 * BOOSTS["A"]


def saturated(count: str) -> str:
    """BM25's saturation of a boosted count (SQL): one occurrence in a name scores 1.69 and
    in a description 1; many occurrences never more than 2.2."""
    return f"({count} * {K1 + 1!r} / ({count} + {K1!r}))"


_stems: dict[str, str | None] = {}
_LEXEME = re.compile(r"'((?:[^']|'')*)'")


def lexemes(query_text: str) -> list[str]:
    """The distinct lexemes of a tsquery's text."""
    return list(dict.fromkeys(m.replace("''", "'") for m in _LEXEME.findall(query_text)))


def _either(english: str, simple: str) -> str | None:
    """One word's query: its English stem, or itself (as the unstemmed fields hold it)."""
    forms = list(dict.fromkeys(f for f in (english, simple) if f))
    return "(" + " | ".join(f"({f})" for f in forms) + ")" if forms else None


def word_queries(session: Session, words: list[str]) -> dict[str, str | None]:
    """Each word's tsquery text (None when it has no lexeme at all, so it matches nothing).

    Kept per process: a word always analyses the same way on one database."""
    found = {w: _stems[w] for w in dict.fromkeys(words) if w in _stems}
    missing = [w for w in dict.fromkeys(words) if w not in found]
    if missing:
        if len(_stems) > 20_000:
            _stems.clear()
        rows = session.execute(
            text(
                "SELECT w, plainto_tsquery('english', unaccent(w))::text, "
                "plainto_tsquery('simple', unaccent(w))::text "
                "FROM unnest(CAST(:words AS text[])) AS w"
            ),
            {"words": missing},
        )
        for word, english, simple in rows:
            found[word] = _stems[word] = _either(english, simple)
    return found


@dataclass
class Binds:
    """The values a statement being written binds, each under a name of its own."""

    params: dict[str, object] = field(default_factory=dict)

    def bind(self, value: object, prefix: str = "v") -> str:
        """Bind `value`; returns its placeholder."""
        name = f"{prefix}{len(self.params)}"
        self.params[name] = value
        return f":{name}"


@dataclass
class CompiledPlan:
    """A plan as SQL: `match` (the WHERE condition), `ranks` (per-word ts_rank columns of a
    LATERAL subquery named `r`) and `score` (using them). `match` is None when nothing can
    match (every word needed and one has no lexeme)."""

    match: str | None
    ranks: str
    score: str
    params: dict[str, object]


def compile_plan(
    session: Session, plan: TextPlan | None, idf: dict[Word, float] | None = None
) -> CompiledPlan:
    """The plan as SQL over `search_listings l` (see `CompiledPlan`); `idf` by word when
    more than one word counts (`rarity`)."""
    sql = Binds()
    if plan is None:
        return CompiledPlan("TRUE", "", "0.0", sql.params)
    lift = sql.bind(list(plan.lift_needs), "need") if plan.lift_needs else None
    if plan.needs_only:
        return CompiledPlan(f"l.needs && CAST({lift} AS varchar[])", "", "1.0", sql.params)
    stems = word_queries(
        session,
        [w.text for c in plan.concepts for g in c.alternatives for w in g.words]
        + [w.text for w in plan.named_for],
    )
    columns: dict[Word, str] = {}
    concepts = [_concept(sql, c, stems, columns, idf or {}, plan.every) for c in plan.concepts]
    possible = [c for c in concepts if c is not None]
    if not possible or (plan.every and len(possible) < len(concepts)):
        return CompiledPlan(None, "", "0.0", sql.params)
    joiner = " & " if plan.every else " | "
    whole = sql.bind(joiner.join(f"({q})" for q, _ in possible), "q")
    score = " + ".join(f"({s})" for _, s in possible)
    if not plan.every:
        found = " + ".join(
            f"(l.document @@ CAST({sql.bind(q, 'q')} AS tsquery))::int" for q, _ in possible
        )
        score = f"({score}) * ({found})::float8 / {len(concepts)}"
    named = [_in_name(stems[w.text]) for w in plan.named_for]
    if named and all(named):  # the listing is named for the place searched near
        in_name = sql.bind(" & ".join(f"({q})" for q in named), "q")
        score = (
            f"({score}) * CASE WHEN l.document @@ CAST({in_name} AS tsquery) "
            f"THEN {NAMED_FOR_PLACE!r} ELSE 1.0 END"
        )
    if lift:
        score = (
            f"{score} + CASE WHEN l.needs && CAST({lift} AS varchar[]) THEN {NEED_LIFT} ELSE 0 END"
        )
    weights = sql.bind(RANK_WEIGHTS, "weights")
    ranks = ", ".join(
        f"ts_rank(CAST({weights} AS float4[]), l.document, "
        f"CAST({sql.bind(stems[w.text], 'w')} AS tsquery)) AS {column}"
        for w, column in columns.items()
    )
    return CompiledPlan(f"l.document @@ CAST({whole} AS tsquery)", ranks, score, sql.params)


def _in_name(query: str | None) -> str | None:
    """A word's tsquery text matching only the name (weight A)."""
    return re.sub(r"'((?:[^']|'')*)'", r"'\1':A", query) if query else None


def _concept(
    sql: Binds,
    concept: Concept,
    stems: dict[str, str | None],
    columns: dict[Word, str],
    idf: dict[Word, float],
    every: bool,
) -> tuple[str, str] | None:
    """(the concept's tsquery text, its score expression), or None when it cannot match."""
    groups = []
    for group in concept.alternatives:
        known = [stem for w in group.words if (stem := stems[w.text]) is not None]
        if len(known) < len(group.words):
            continue
        query = " & ".join(known)
        terms = []
        for word in group.words:
            column = columns.setdefault(word, f"r{len(columns)}")
            # ts_rank averages over the query's lexemes; a word is one word, whether it is
            # looked up as one form or two ('coffe' | 'coffee'): it counted half before.
            forms = len(lexemes(stems[word.text] or "")) or 1
            count = f"(r.{column} * {RANK_SCALE * forms!r})"
            terms.append(f"{saturated(count)} * {idf.get(word, 1.0)!r}")
        mean = f"({' + '.join(terms)}) * {group.weight / len(group.words)!r}"
        groups.append((query, mean))
    if not groups:
        return None
    query = " | ".join(f"({q})" for q, _ in groups)
    if len(groups) == 1 and every:  # the WHERE clause already requires it
        return query, groups[0][1]
    best = ", ".join(
        f"CASE WHEN l.document @@ CAST({sql.bind(q, 'q')} AS tsquery) THEN {s} ELSE 0 END"
        for q, s in groups
    )
    return query, f"GREATEST({best}, 0)"

"""Coverage gaps: for each area and need, the listings within reach against how often people
asked for that need there (searches, referrals and wishes).

The score is what was asked per listing within reach: (searches + referrals + wishes) ÷
(listings + 1). Each count is suppressed on its own first; a count shown as "fewer than 5"
adds half the threshold to the score, so the score never gives a hidden count away. Areas
are banded against the average score of the areas where anything was asked: none asked,
at most the average, up to twice it, more than twice it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import func, select

from portal.extensions import db
from portal.insights.coverage import ensure_fresh
from portal.insights.filters import Narrowing
from portal.insights.models import (
    ALL_AREAS,
    ALL_NEEDS,
    NO_AREA,
    NO_NEED,
    OUTSIDE,
    Coverage,
    SearchDay,
)
from portal.insights.referral_figures import REASON_NEEDS
from portal.insights.stored import remembered
from portal.insights.wishes import wishes_by_area_and_need
from portal.prescribing.models import Referral
from portal.suppression import Cell, cell

BANDS = (
    "Nothing asked",
    "Gap at or below the average",
    "Gap up to twice the average",
    "Gap more than twice the average",
)


@dataclass(slots=True)
class GapRow:
    """One area and need: the counts as numbers (a national directory has 50,000 of these
    rows), shown through `searches`, `referrals` and `wishes` as suppressed cells."""

    area: str
    area_name: str
    need: str
    need_name: str
    listings: int
    asked: tuple[int, int, int]  # searches, referrals, wishes
    k: int
    score: float
    band: int = 0

    @property
    def searches(self) -> Cell:
        return cell(self.asked[0], self.k)

    @property
    def referrals(self) -> Cell:
        return cell(self.asked[1], self.k)

    @property
    def wishes(self) -> Cell:
        return cell(self.asked[2], self.k)


def _counted(value: int, k: int) -> float:
    """A count as the score takes it: as it is, or half the threshold when it is hidden."""
    return k / 2 if 0 < value < k else value


def score_of(listings: int, asked: list[Cell] | tuple[int, ...], k: int) -> float:
    numbers = [c.value if isinstance(c, Cell) else c for c in asked]
    return round(sum(_counted(n, k) for n in numbers) / (listings + 1), 1)


def band_of(score: float, average: float) -> int:
    if score <= 0:
        return 0
    if score <= average:
        return 1
    return 2 if score <= 2 * average else 3


def _searches(narrowing: Narrowing) -> Counter:
    query = (
        select(SearchDay.area, SearchDay.need, func.sum(SearchDay.searches))
        .where(
            SearchDay.day >= narrowing.start,
            SearchDay.day <= narrowing.end,
            SearchDay.need.not_in([ALL_NEEDS, NO_NEED]),
            SearchDay.area.not_in([NO_AREA, OUTSIDE, ALL_AREAS]),
            *([SearchDay.area == narrowing.area] if narrowing.area else []),
            *([SearchDay.need == narrowing.need] if narrowing.need else []),
        )
        .group_by(SearchDay.area, SearchDay.need)
    )
    rows = remembered(
        "gaps-searches",
        narrowing,
        lambda: [(area, need, int(n)) for area, need, n in db.session.execute(query)],
    )
    return Counter({(area, need): n for area, need, n in rows})


def _referrals(narrowing: Narrowing) -> Counter:
    first, after = narrowing.period.bounds
    rows = db.session.execute(
        select(Referral.area, Referral.reason, func.count())
        .where(
            Referral.created_at >= first,
            Referral.created_at < after,
            Referral.area.is_not(None),
        )
        .group_by(Referral.area, Referral.reason)
    )
    counts: Counter = Counter()
    for area, reason, n in rows:
        need = REASON_NEEDS.get(reason) or REASON_NEEDS.get(getattr(reason, "value", reason))
        if need:
            counts[(area, need)] += int(n)
    return counts


def gap_rows(narrowing: Narrowing, reach: float, k: int, now: datetime) -> list[GapRow]:
    """Every area × need (of the chosen need), the biggest gap first, banded against the
    average of them all: every area, even when one is chosen, so that one area's gap is
    told against the others' (the caller keeps the chosen area's rows)."""
    ensure_fresh(now, reach)
    narrowing = replace(narrowing, area="")
    listings = {
        (area, need): n
        for area, need, n in db.session.execute(
            select(Coverage.area, Coverage.need, Coverage.listings)
        )
    }
    searches = _searches(narrowing)
    referrals = _referrals(narrowing)
    wishes = wishes_by_area_and_need(narrowing, reach)
    rows = []
    for area in narrowing.areas:
        for code, name in narrowing.needs:
            if narrowing.need and code != narrowing.need:
                continue
            key = (area.code, code)
            asked = (searches[key], referrals[key], wishes[key])
            held = listings.get(key, 0)
            score = score_of(held, asked, k)
            rows.append(GapRow(area.code, area.name, code, name, held, asked, k, score))
    asked_rows = [row.score for row in rows if row.score > 0]
    average = sum(asked_rows) / len(asked_rows) if asked_rows else 0.0
    for row in rows:
        row.band = band_of(row.score, average)
    rows.sort(key=lambda row: (-row.score, row.area, row.need_name))
    return rows


def area_scores(rows: list[GapRow]) -> dict[str, tuple[GapRow, int]]:
    """Each area's biggest gap (the first row of each area: rows are sorted by score), with
    its band on the map: against the average of the areas' biggest gaps, so the map tells
    the areas apart whatever need is chosen."""
    biggest: dict[str, GapRow] = {}
    for row in rows:
        biggest.setdefault(row.area, row)
    asked = [row.score for row in biggest.values() if row.score > 0]
    average = sum(asked) / len(asked) if asked else 0.0
    return {area: (row, band_of(row.score, average)) for area, row in biggest.items()}


def average_score(rows: list[GapRow]) -> float:
    asked = [row.score for row in rows if row.score > 0]
    return round(sum(asked) / len(asked), 1) if asked else 0.0

"""The insights sections about the directory itself: where needs go unmet (gaps) and how fresh
the listings are.
"""

from __future__ import annotations

from datetime import date, datetime

from portal.charts import Bar, MapArea, area_map, bar_chart
from portal.insights import gaps as gap_figures
from portal.insights.areas import reach_km
from portal.insights.filters import Narrowing
from portal.insights.freshness import AGES, freshness
from portal.insights.tables import GAP_ROWS_SHOWN, MAP_AREAS_AT_MOST, Section, Table
from portal.suppression import rule_text


def gaps_section(narrowing: Narrowing, k: int, now: datetime, full: bool = False) -> Section:
    """`full`: every row of the table (for its CSV), not only the ones the page shows."""
    reach = reach_km()
    every_area = gap_figures.gap_rows(narrowing, reach, k, now)
    rows = [r for r in every_area if not narrowing.area or r.area == narrowing.area]
    section = Section("gaps", "Coverage gaps", rule=rule_text(k))
    section.extra.update(reach=reach, bands=gap_figures.BANDS)
    biggest = gap_figures.area_scores(every_area)
    drawn = [a for a in narrowing.areas if not narrowing.area or a.code == narrowing.area]
    if len(drawn) > MAP_AREAS_AT_MOST:  # a national directory: the biggest gaps only
        score = {code: row.score for code, (row, _) in biggest.items()}
        drawn = sorted(drawn, key=lambda a: (-score.get(a.code, 0.0), a.code))
        drawn = drawn[:MAP_AREAS_AT_MOST]
        section.extra["map_only"] = MAP_AREAS_AT_MOST
    areas = []
    for a in drawn:
        row, band = biggest.get(a.code, (None, 0))
        label = f"{a.code} {row.score:g}" if row is not None and row.score > 0 else a.code
        areas.append(MapArea(a.code, a.name, a.latitude, a.longitude, band, label))
    section.extra.update(
        average=gap_figures.average_score(every_area),
        map_average=gap_figures.average_score([row for row, _ in biggest.values()]),
    )
    what = narrowing.need_name if narrowing.need else "the need with the biggest gap"
    section.extra["map"] = (
        area_map(
            "gap-map",
            f"Coverage gaps by area: {what}",
            f"Each area shaded by its score for {what}: searches, referrals and wishes per "
            f"listing within {reach:g} km. Boundaries are approximate, drawn around each "
            "area's centre. The same figures are in the table below."
            + (
                f" Only the {MAP_AREAS_AT_MOST} areas with the biggest gaps are drawn."
                if "map_only" in section.extra
                else ""
            ),
            areas,
            reach_km=reach,
            bands=gap_figures.BANDS,
        )
        if areas
        else None
    )
    listed = [r for r in rows if r.score > 0 or narrowing.need or narrowing.area]
    table = Table(
        "gaps",
        "Coverage gaps, the biggest first",
        [
            "Area",
            "Need",
            f"Listings within {reach:g} km",
            "Searches",
            "Referrals",
            "Wishes",
            "Score",
            "Shading",
        ],
        [
            [
                r.area_name,
                r.need_name,
                str(r.listings),
                r.searches.text,
                r.referrals.text,
                r.wishes.text,
                f"{r.score:g}",
                gap_figures.BANDS[r.band],
            ]
            for r in (listed if full else listed[:GAP_ROWS_SHOWN])
        ],
        numeric_from=2,
        numeric_to=7,
        page_rows=GAP_ROWS_SHOWN,
        total_rows=len(listed),
    )
    section.tables.append(table)
    section.extra["top"] = rows[:5]
    widest = sum(1 for r in rows if r.band == 3)
    section.headline = [
        (f"{widest:,}", "areas and needs with a gap more than twice the average"),
        (
            f"{sum(1 for r in rows if r.score > 0 and r.listings == 0):,}",
            "asked for with no listing within reach",
        ),
    ]
    return section


def freshness_section(narrowing: Narrowing, today: date) -> Section:
    figures = freshness(narrowing, today)
    section = Section("freshness", "Freshness")
    headings = [heading for _, heading in AGES]
    total = sum(figures.totals.values())
    section.headline = [
        (f"{total:,}", "public listings"),
        (
            f"{figures.totals['within_3'] + figures.totals['within_6']:,}",
            "checked in the last 6 months",
        ),
        (f"{figures.totals['older'] + figures.totals['never']:,}", "not checked for over a year"),
    ]
    for name, caption, heading, rows in (
        (
            "by-type",
            "Listings by organisation type and when last checked",
            "Organisation type",
            figures.by_type,
        ),
        ("by-need", "Listings by need and when last checked", "Need", figures.by_need),
    ):
        section.tables.append(
            Table(
                name,
                caption,
                [heading, *headings],
                [[label, *(str(counts[a]) for a, _ in AGES)] for label, counts in rows],
            )
        )
    section.tables.append(
        Table(
            "feeds",
            "Feeds from other directories",
            ["Directory", "Last taken in", "Latest pull", "Problems found"],
            [
                [
                    f.name,
                    f"{f.last_pulled_at:%-d %B %Y %H:%M}" if f.last_pulled_at else "Never",
                    f.latest_run,
                    str(f.problems),
                ]
                for f in figures.feeds
            ],
            numeric_from=3,
        )
    )
    section.extra["totals"] = figures.totals
    section.extra["bars"] = bar_chart(
        "freshness",
        "Public listings by when they were last checked",
        "How many public listings were last checked in each period. "
        "The figures are in the table below.",
        [Bar(heading, figures.totals[a], f"{figures.totals[a]:,}") for a, heading in AGES],
        unit="listings",
    )
    return section

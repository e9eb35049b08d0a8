"""Each insights page's figures, charts and downloadable tables, from the services.

A table is a `Table` (a caption, headings and rows of text, already suppressed): the page
renders it beside its chart and the CSV download writes the very same rows, so a number
hidden on the page is hidden in the file too.
"""

from __future__ import annotations

from datetime import datetime

from portal.charts import Bar, bar_chart
from portal.insights import gaps as gap_figures
from portal.insights.areas import reach_km
from portal.insights.directory_sections import freshness_section, gaps_section
from portal.insights.filters import Narrowing, read_narrowing
from portal.insights.referral_figures import referral_csv_rows, referral_figures
from portal.insights.searches import search_figures
from portal.insights.stored import forget_older
from portal.insights.tables import LONG_TABLE_ROWS, Section, Table, bars, trend_table, words_table
from portal.insights.wishes import wish_figures
from portal.suppression import cell, rule_text, threshold

SECTIONS = {
    "searches": "Searches",
    "wishes": "Wishes",
    "referrals": "Referrals",
    "gaps": "Coverage gaps",
    "freshness": "Freshness",
}


REFERRAL_CAPTIONS = {
    "nothing-suitable-by-reason": "Closed because nothing suitable was available, by reason",
    "nothing-suitable-by-area": "Closed because nothing suitable was available, by area",
    "nothing-suitable-by-reason-and-area": (
        "Closed because nothing suitable was available, by reason and area"
    ),
    "waiting": "Time from referral to first contact",
    "connected-to": "Where people were connected",
}


def searches_section(
    narrowing: Narrowing, k: int, directory_team: bool, headline_only: bool = False
) -> Section:
    figures = search_figures(narrowing, k, headline_only)
    section = Section("searches", "Searches", rule=rule_text(k))
    section.headline = [
        (figures.total.text, "searches"),
        (figures.found_nothing.text, "found nothing"),
        (figures.found_little.text, "found almost nothing (1 to 3 results)"),
    ]
    if headline_only:
        section.tables.append(words_table(figures, directory_team))
        return section
    for name, caption, rows in (
        ("by-need", "Searches by need", figures.by_need),
        ("by-area", "Searches by area", figures.by_area),
    ):
        table = Table(
            name,
            caption,
            [caption.split(" by ")[1].capitalize(), "Searches", "Found nothing", "Found 1 to 3"],
            [[label, c["searches"].text, c["nothing"].text, c["little"].text] for label, c in rows],
            page_rows=LONG_TABLE_ROWS,
        )
        table.chart = bar_chart(
            f"searches-{name}",
            caption,
            f"{caption}, the 12 most first. The figures are in the table beside the chart.",
            [Bar(label, c["searches"].shown, c["searches"].text) for label, c in rows[:12]],
            unit="Searches",
        )
        section.tables.append(table)
    section.tables.append(trend_table("need-trend", "need", figures.need_trend, k))
    section.tables.append(trend_table("area-trend", "area", figures.area_trend, k))
    section.tables.append(
        Table(
            "found-nothing",
            "Searches that found nothing or almost nothing, by need and area",
            ["Need", *figures.gaps_columns],
            [
                [row, *(figures.gaps[(row, column)].text for column in figures.gaps_columns)]
                for row in figures.gaps_rows
            ],
        )
    )
    section.tables.append(words_table(figures, directory_team))
    return section


def wishes_section(narrowing: Narrowing, k: int) -> Section:
    figures = wish_figures(narrowing, reach_km(), k)
    section = Section("wishes", "Wishes", rule=rule_text(k))
    section.headline = [(cell(figures.total, k).text, "wishes recorded at community events")]
    for name, caption, heading, rows in (
        ("by-need", "Wishes by need", "Need", figures.by_need),
        ("by-community", "Wishes by community of interest", "Community", figures.by_community),
    ):
        section.tables.append(
            Table(
                name,
                caption,
                [heading, "Wishes"],
                [[label, c.text] for label, c in rows],
                chart=bar_chart(
                    f"wishes-{name}",
                    caption,
                    f"{caption}, most first. The figures are in the table beside the chart.",
                    bars(rows[:12]),
                    unit="wishes",
                ),
            )
        )
    section.extra["listed"] = figures.listed
    return section


def referrals_section(narrowing: Narrowing, k: int) -> Section:
    figures = referral_figures(
        narrowing.start,
        narrowing.end,
        area=narrowing.area or None,
        need=narrowing.need or None,
        k=k,
    )
    section = Section("referrals", "Referrals", rule=rule_text(k, grouped=True))
    section.headline = [(cell(figures.made, k).text, "referrals made")]
    section.extra["figures"] = figures
    for name, (headings, rows) in referral_csv_rows(figures).items():
        table = Table(name, REFERRAL_CAPTIONS.get(name, name), headings, rows)
        if name == "waiting":
            table.numeric_from = 0
        section.tables.append(table)
    charts = {
        "nothing-suitable-by-reason": figures.nothing_suitable_by_reason,
        "nothing-suitable-by-area": figures.nothing_suitable_by_area,
        "connected-to": figures.connected_to,
    }
    for table in section.tables:
        if table.name in charts:
            table.chart = bar_chart(
                f"referrals-{table.name}",
                table.caption,
                f"{table.caption}. The figures are in the table beside the chart.",
                bars(charts[table.name][:12]),
                unit="referrals",
            )
    return section


def build_section(
    name: str,
    narrowing: Narrowing,
    k: int,
    now: datetime,
    directory_team: bool,
    headline_only: bool = False,
    full: bool = False,
) -> Section:
    """One section's figures; `headline_only` for the overview and the summary, which show
    each section's headline figures (and the biggest gaps), not its tables."""
    if name == "searches":
        return searches_section(narrowing, k, directory_team, headline_only)
    if name == "wishes":
        return wishes_section(narrowing, k)
    if name == "referrals":
        return referrals_section(narrowing, k)
    if name == "gaps":
        return gaps_section(narrowing, k, now, full)
    return freshness_section(narrowing, now.date())


def answer_default(now: datetime) -> None:
    """Answer and keep the costly queries of the narrowing a page opens with (the year up to
    today, every area and need), and drop answers kept for earlier roll-ups: what the
    roll-up job does after each run, so the pages most people open never wait."""
    narrowing = read_narrowing({}, now.date())
    k = threshold()
    search_figures(narrowing, k)
    gap_figures.gap_rows(narrowing, reach_km(), k, now)
    forget_older()

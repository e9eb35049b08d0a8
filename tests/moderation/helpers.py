"""What the moderation tests read: search results near the listings, a group's dashboard."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

from tests.support import page
from tests.support.listings import POSTCODE


def search_results(browser, **query) -> list[str]:
    """The names in the results list of a search (not the "further away" suggestions)."""
    response = browser.get("/search", query_string=query)
    assert response.status_code == 200, (query, response.status_code)
    items = re.findall(
        r'<li class="app-result-list__item".*?<a class="govuk-link" href="/services/[^"]+">'
        r"([^<]+)</a>",
        response.get_data(as_text=True),
        flags=re.S,
    )
    return [unescape(name) for name in items]


def near(browser, postcode: str = POSTCODE) -> list[str]:
    return search_results(browser, where=postcode)


def today_text() -> str:
    from portal.directory.schedules import format_date

    return format_date(date.today())


def dashboard_row(browser, name: str) -> str:
    """The row of a group's dashboard about the listing `name`, as text and tags."""
    html = page(browser, "/groups")
    rows = re.findall(r'<tr class="govuk-table__row">.*?</tr>', html, flags=re.S)
    found = [row for row in rows if name in row]
    assert found, f"{name} is not on the dashboard"
    return unescape(re.sub(r"\s+", " ", found[0]))

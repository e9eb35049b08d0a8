"""Insights into unmet need in a real browser: a commissioner opens the insights, narrows to
the need and the area with the biggest gap, downloads that table as a CSV, and prints the
one-page summary (one sheet of A4). Every page visited is scanned with axe-core, on a desktop
and on a phone."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.support.browser import signed_in

pytestmark = pytest.mark.e2e

COMMISSIONER = "commissioner@demo.example.org"


def biggest_gap(page) -> tuple[str, str]:
    """The area and need of the first row of the coverage-gaps table."""
    row = page.locator("#table-gaps-gaps tbody tr").first
    return row.locator("th").inner_text().strip(), row.locator("td").first.inner_text().strip()


def test_a_commissioner_narrows_downloads_and_prints(page, check_page, tmp_path):
    signed_in(page, COMMISSIONER)
    page.get_by_role("link", name="Insights").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Insights into unmet need")
    check_page("insights-overview")

    for title in ("Searches", "Wishes", "Referrals", "Freshness"):
        page.get_by_role("navigation", name="Insights").get_by_role("link", name=title).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        check_page(f"insights-{title.lower()}")
    page.get_by_role("navigation", name="Insights").get_by_role(
        "link", name="Coverage gaps"
    ).click()
    expect(page.locator("figure svg[role=img]")).to_have_count(1)
    check_page("insights-gaps")

    # Narrow to the biggest gap's need and area, then send the form from the keyboard.
    area, need = biggest_gap(page)
    page.get_by_label("Area", exact=True).select_option(label=area)
    page.get_by_label("Need", exact=True).select_option(label=need)
    page.get_by_label("Need", exact=True).press("Tab")
    button = page.get_by_role("button", name="Show these figures")
    expect(button).to_be_focused()
    button.press("Enter")
    expect(page).to_have_url(re.compile(r"area=[A-Z0-9]+"))
    expect(page).to_have_url(re.compile(r"need=[a-z-]+"))
    expect(page.locator(".govuk-caption-m").first).to_have_text(f"{area}, {need}")
    rows = page.locator("#table-gaps-gaps tbody tr")
    expect(rows).to_have_count(1)
    check_page("insights-gaps-narrowed")

    # The table downloads as the page shows it: the same one row.
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download “Coverage gaps")).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.endswith(".csv") and "gaps" in saved.name
    table = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert table[0][:2] == ["Area", "Need"]
    assert [row[:2] for row in table[1:]] == [[area, need]]
    shown = [cell.strip() for cell in rows.first.locator("th, td").all_inner_texts()]
    assert table[1] == shown

    # The one-page summary, narrowed the same way, prints on one sheet.
    page.get_by_role("link", name="One-page summary to print").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Unmet need")
    expect(page.locator(".app-insights-summary").get_by_text(need).first).to_be_visible()
    check_page("insights-summary")
    page.emulate_media(media="print")
    pdf = tmp_path / "summary.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    page.emulate_media(media="screen")
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Biggest coverage gaps" in text and "Sign out" not in text


def test_insights_read_well_on_a_phone(browser, live_server, axe, tmp_path):
    context = browser.new_context(base_url=live_server, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        signed_in(page, COMMISSIONER)
        for path in ("/insights/searches", "/insights/gaps", "/insights/referrals"):
            page.goto(path)
            page.wait_for_load_state("networkidle")
            page.screenshot(
                path=str(tmp_path / f"phone{path.replace('/', '-')}.png"), full_page=True
            )
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path} scrolls sideways on a phone ({width} px)"
            results = axe.run(page)
            assert results.response["violations"] == [], results.generate_report()
    finally:
        context.close()

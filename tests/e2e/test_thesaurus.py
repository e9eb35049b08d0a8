"""The directory team's search-words pages in a real browser, scanned with axe-core.

These only read and submit an empty form: the demo portal is shared by every browser test.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import sign_in

pytestmark = pytest.mark.e2e


def sign_in_as_editor(page) -> None:
    sign_in(page, "editor@demo.example.org")
    expect(page).to_have_url(re.compile(r"^[^?]*/moderation$"))  # editors start at their queue


def test_the_search_words_list_and_form_pass_axe(page, check_page):
    sign_in_as_editor(page)
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("link", name="Search words").click()
    expect(page).to_have_url(re.compile(r"^[^?]*/directory-team/search-words$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search words")
    expect(page.get_by_role("rowheader", name="lonely", exact=True)).to_be_visible()
    check_page("thesaurus-list")

    page.get_by_role("button", name="Add a word").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a word")
    expect(page.get_by_label("Words or phrases it should also find")).to_be_visible()
    expect(page.get_by_role("group", name="Needs it should also find")).to_be_visible()
    check_page("thesaurus-add")

    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter the word people search for")
    expect(page).to_have_title(re.compile(r"^Error: Add a word"))
    check_page("thesaurus-add-errors")


def test_the_change_and_delete_pages_pass_axe(page, check_page):
    sign_in_as_editor(page)
    page.goto("/directory-team/search-words")
    page.get_by_role("link", name="Change “lonely”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change “lonely”")
    expect(page.get_by_label("Loneliness and company")).to_be_checked()
    check_page("thesaurus-change")

    page.goto("/directory-team/search-words")
    page.get_by_role("link", name="Delete “lonely”").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delete “lonely”")
    check_page("thesaurus-delete")

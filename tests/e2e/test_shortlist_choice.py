"""Issue 12 in a real browser: a GP with two lists adds from the search results, is asked which
list, and comes back to that result with the confirmation beside it, with JavaScript and
without it, at phone and desktop widths. Every page is scanned with axe-core."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.accounts.models import User
from portal.extensions import db
from portal.prescribing.shortlists import services as shortlists
from portal.prescribing.shortlists.models import Shortlist
from tests.e2e.test_prescribing import GP, button_for, enter_code, result_name, sign_in

pytestmark = pytest.mark.e2e

SEARCH = "/search?q=walk"


@pytest.fixture
def two_lists(demo_app):
    """Two lists of the demo GP's, made for this test and deleted after it."""
    tag = uuid.uuid4().hex[:6]
    names = (f"Tuesday ideas {tag}", f"Thursday ideas {tag}")
    with demo_app.app_context():
        gp = db.session.scalars(select(User).where(User.email == GP)).one()
        made = [shortlists.create_list(gp, name).id for name in names]
    yield names
    with demo_app.app_context():
        for list_id in made:
            found = db.session.get(Shortlist, list_id)
            if found is not None:
                shortlists.delete_list(found)


def keep_view(page, name: str) -> None:
    """A screenshot of what the person sees now (the scroll position, not the whole page)."""
    keep = os.environ.get("PORTAL_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(keep) / f"{name}.png"))


def add_and_choose(page, index: int, list_name: str) -> tuple[str, object]:
    """Press "Add to shortlist" on the result at `index`, answer "which list?"; the result."""
    item = page.locator(".app-result-list__item").nth(index)
    name = result_name(item)
    result_id = item.get_attribute("id")
    button_for(item, "Add to shortlist", name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Add {name} to which list?")
    return name, result_id


def back_at_the_result(page, result_id: str, list_name: str) -> None:
    expect(page).to_have_url(re.compile(rf"#{result_id}$"))
    result = page.locator(f"#{result_id}")
    confirmation = result.get_by_text(f"Added to ‘{list_name}’")
    expect(confirmation).to_be_visible()
    expect(confirmation).to_be_in_viewport()
    expect(result.get_by_role("heading")).to_be_in_viewport()


def test_a_gp_with_two_lists_is_asked_and_comes_back_to_the_result(
    page, check_page, demo_app, browser, live_server, two_lists
):
    tuesday, thursday = two_lists
    sign_in(page, GP)
    enter_code(page, demo_app, GP)

    # Desktop, with JavaScript.
    page.goto(SEARCH)
    _, result_id = add_and_choose(page, 4, thursday)
    question = page.get_by_role("group", name=re.compile("to which list"))
    expect(question.get_by_role("radio", checked=True)).to_have_count(0)
    page.get_by_role("button", name="Add to this list").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the list to add it to")
    check_page("choice-question-error-1280")
    question.get_by_label(thursday, exact=True).check()
    check_page("choice-question-1280")
    page.get_by_role("button", name="Add to this list").click()
    back_at_the_result(page, result_id, thursday)
    keep_view(page, "choice-added-view-1280")
    check_page("choice-added-1280")

    # Phone width, a new list made on the way.
    page.set_viewport_size({"width": 390, "height": 844})
    _, result_id = add_and_choose(page, 6, tuesday)
    new_name = f"Friday ideas {uuid.uuid4().hex[:6]}"
    page.get_by_label("A new list").check()
    page.get_by_label("Name of the new list").fill(new_name)
    check_page("choice-question-390")
    page.get_by_role("button", name="Add to this list").click()
    back_at_the_result(page, result_id, new_name)
    keep_view(page, "choice-added-view-390")
    check_page("choice-added-390")
    with demo_app.app_context():
        made = db.session.scalars(select(Shortlist).where(Shortlist.name == new_name)).one()
        shortlists.delete_list(made)

    # Without JavaScript, the same person (the same session).
    context = browser.new_context(
        base_url=live_server,
        java_script_enabled=False,
        storage_state=page.context.storage_state(),
        viewport={"width": 390, "height": 844},
    )
    try:
        plain = context.new_page()
        plain.goto(SEARCH)
        _, result_id = add_and_choose(plain, 5, tuesday)
        plain.get_by_label(tuesday, exact=True).check()
        plain.get_by_role("button", name="Add to this list").click()
        back_at_the_result(plain, result_id, tuesday)
        keep_view(plain, "choice-added-view-nojs-390")
        markup = plain.content()
    finally:
        context.close()
    # axe-core is a script, so it cannot run where scripts are off: it checks the very same
    # markup in the page with JavaScript (the note beside the result is shown only once).
    page.set_content(markup)
    expect(page.get_by_text(f"Added to ‘{tuesday}’")).to_be_visible()
    check_page("choice-added-nojs-markup-390")

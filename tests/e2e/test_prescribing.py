"""Social prescribing in a real browser: shortlists handed over, and a referral followed to the end.

A GP shortlists three activities from the search results and a listing page, writes what
matters and a note for each (a phone number in a note is refused, the text kept), shares and
prints the list (screen and print media); someone else opens the share link signed out and sees
the activities and notes but nothing about the GP. A referral goes from new to completed with
questionnaires at both ends, and the commissioners' report counts one more person with both
scores. Without JavaScript a visitor still shortlists. Every page is scanned with axe-core.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pyotp
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.accounts.models import User
from portal.extensions import db
from portal.notify import outbox_messages
from seed.loader import DEMO_PASSWORD
from seed.prescribing import DEMO_TOTP_SECRETS
from tests.support.browser import sign_in

pytestmark = pytest.mark.e2e

GP = "gp@demo.example.org"
GP_NAME = "Priya Shah"
CONNECTOR = "connector@demo.example.org"
COMMISSIONER = "commissioner@demo.example.org"
RECEIVER = "One-to-one Connector Support"
ONS4 = "Personal wellbeing (ONS4)"
CONNECT5 = "Connect4Life’s five questions"
LIFE_SATISFACTION = "Overall, how satisfied are you with your life nowadays?"


# --- signing in ----------------------------------------------------------------------------------


def fresh_code(demo_app, email: str) -> str:
    """A code the portal will take now: each 30-second step works once, and the window allows
    one step ahead, so if that one is used too, wait for the clock to move on."""
    totp = pyotp.TOTP(DEMO_TOTP_SECRETS[email])
    while True:
        with demo_app.app_context():
            user = db.session.scalars(select(User).where(User.email == email)).one()
            last = user.totp_last_step or 0
        current = totp.timecode(time.time())
        step = max(current, last + 1)
        if step <= current + 1:
            return totp.generate_otp(step)
        time.sleep(1)


def enter_code(page, demo_app, email: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter the code from your authenticator app"
    )
    page.get_by_label("Code", exact=True).fill(fresh_code(demo_app, email))
    page.get_by_role("button", name="Continue").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in/code"))


def sign_out(page) -> None:
    page.goto("/account")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()


def scan(other_page, axe, name: str) -> None:
    """check_page for a page in another browser context."""
    other_page.wait_for_load_state("networkidle")
    shot = Path("/tmp") / f"{name}-{uuid.uuid4().hex}.png"
    other_page.screenshot(path=str(shot), full_page=True)
    keep = os.environ.get("PORTAL_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / f"{name}.png")
    shot.unlink()
    results = axe.run(other_page)
    assert results.response["violations"] == [], results.generate_report()


# --- shortlists ----------------------------------------------------------------------------------


def button_for(scope, action: str, name: str):
    """The button "<action>: <name>" (the name is visually hidden, so spacing varies)."""
    return scope.get_by_role("button", name=re.compile(rf"^{action}\s*:\s*{re.escape(name)}$"))


def result_name(item) -> str:
    return item.get_by_role("heading").get_by_role("link").inner_text().strip()


def add_from_results(page, index: int) -> str:
    item = page.locator(".app-result-list__item").nth(index)
    name = result_name(item)
    button_for(item, "Add to shortlist", name).click()
    # The confirmation stands beside the result added (issue 12), not in a banner at the top.
    added = page.locator(".app-result-list__item").filter(has=page.get_by_role("link", name=name))
    expect(added.first.get_by_text("Added to your shortlist")).to_be_visible()
    expect(button_for(added.first, "Remove from shortlist", name)).to_be_visible()
    return name


def add_from_listing(page, index: int) -> str:
    """Open the result at `index` and add it from its listing page; back to the results."""
    results = page.url
    item = page.locator(".app-result-list__item").nth(index)
    name = result_name(item)
    item.get_by_role("heading").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    button_for(page, "Add to shortlist", name).click()
    expect(page.get_by_text(f"Added {name} to your shortlist.")).to_be_visible()
    expect(button_for(page, "Remove from shortlist", name)).to_be_visible()
    page.goto(results)
    return name


def test_an_activity_is_added_to_the_shortlist_from_the_search_results(page, check_page):
    page.goto("/search?q=walk")
    name = add_from_results(page, 0)
    check_page("prescribing-search-added")
    page.goto("/shortlist")
    expect(page.get_by_role("heading", level=2, name=name)).to_be_visible()


def test_a_gp_shortlists_prints_and_shares_three_activities(
    page, check_page, demo_app, browser, live_server, axe
):
    # Three activities found by searching, each added from its listing page (adding straight
    # from the results is its own test above).
    page.goto("/search?q=walk")
    expect(page.locator(".app-result-list__item").nth(2)).to_be_visible()
    check_page("prescribing-search")
    names = [add_from_listing(page, 0), add_from_listing(page, 1)]
    check_page("prescribing-search-listed")
    names.append(add_from_listing(page, 2))
    page.go_back()
    check_page("prescribing-listing-added")

    page.goto("/shortlist")
    for name in names:
        expect(page.get_by_role("heading", level=2, name=name)).to_be_visible()
    check_page("prescribing-visitor-list")

    # The GP signs in (with the second factor) and keeps the list.
    page.locator("main").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email address").fill(GP)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    check_page("prescribing-second-factor")
    enter_code(page, demo_app, GP)
    expect(page.get_by_role("heading", name="Keep this list")).to_be_visible()
    list_name = f"Walks and company {uuid.uuid4().hex[:6]}"
    page.get_by_label("Name of the new list").fill(list_name)
    page.get_by_role("button", name="Save as a new list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(list_name)
    expect(page.get_by_text(f"Saved your shortlist as ‘{list_name}’.")).to_be_visible()
    check_page("prescribing-named-list")

    # What matters and a note each; a phone number in a note is refused, the typing kept.
    matters = "Getting out of the house twice a week and talking to people again."
    notes = {
        names[0]: "Ask for the short route the first time.",
        names[1]: "Wear comfortable shoes; there is tea afterwards.",
        names[2]: "Ring Jo on 07700 900123 before going",
    }
    page.get_by_label("What matters to you").fill(matters)
    for name, note in notes.items():
        page.get_by_label(f"Note for the person about {name}").fill(note)
    page.get_by_role("button", name="Save what matters and the notes").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Leave out phone numbers")
    phone_note = page.get_by_label(f"Note for the person about {names[2]}")
    expect(phone_note).to_have_value(notes[names[2]])
    expect(page.get_by_label(f"Note for the person about {names[0]}")).to_have_value(
        notes[names[0]]
    )
    expect(page.get_by_label("What matters to you")).to_have_value(matters)
    summary.get_by_role("link", name=re.compile("Leave out phone numbers")).click()
    expect(phone_note).to_be_focused()
    check_page("prescribing-named-list-errors")
    notes[names[2]] = "Say the surgery suggested it: they will look out for you."
    phone_note.fill(notes[names[2]])
    page.get_by_role("button", name="Save what matters and the notes").click()
    expect(page.get_by_text("Saved what matters and your notes.")).to_be_visible()
    for name, note in notes.items():
        expect(page.get_by_label(f"Note for the person about {name}")).to_have_value(note)

    # Share it, then print it: the QR code opens the same link.
    page.get_by_role("button", name="Make a share link").click()
    expect(page.get_by_text(re.compile("^The share link works until"))).to_be_visible()
    share_url = page.locator(".app-share-link a").inner_text().strip()
    assert re.fullmatch(r"http://portal\.test/s/[\w-]{20,}", share_url), share_url
    check_page("prescribing-shared")

    page.get_by_role("link", name="Print the list on one page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activities suggested for you")
    sheet = page.locator("article.app-print")
    expect(sheet).to_contain_text(matters)
    for name, note in notes.items():
        item = sheet.locator(".app-print__item", has_text=name)
        expect(item).to_contain_text(note)
        for fact in ("When", "Where", "Cost", "How to join", "Contact"):
            expect(item.locator("dt", has_text=fact)).to_have_count(1)
            expect(
                item.locator("dt", has_text=fact).locator("xpath=following-sibling::dd[1]")
            ).not_to_be_empty()
    qr = page.get_by_role("img", name=re.compile("QR code"))
    expect(qr.locator("svg")).to_have_count(1)
    expect(page.locator(".app-print__qr")).to_contain_text(share_url)
    expect(sheet).not_to_contain_text(GP_NAME)
    check_page("prescribing-print")
    page.emulate_media(media="print")
    expect(page.locator("header").first).to_be_hidden()
    expect(page.get_by_role("link", name="Back to the list")).to_be_hidden()
    expect(sheet).to_be_visible()
    check_page("prescribing-print-media")
    page.emulate_media(media="screen")

    # Someone else opens the link, signed out: the list, and nothing about who made it.
    other = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    try:
        visitor = other.new_page()
        visitor.goto(urlsplit(share_url).path)
        expect(visitor.get_by_role("heading", level=1)).to_have_text("Activities suggested for you")
        expect(visitor.locator("main")).to_contain_text(matters)
        for name, note in notes.items():
            item = visitor.locator(".app-shortlist__item", has_text=name)
            expect(item.get_by_role("heading", name=name)).to_be_visible()
            expect(item).to_contain_text(note)
        text = visitor.locator("body").inner_text()
        for private in (GP_NAME, GP, list_name, "Fictional Health Centre"):
            assert private not in text, f"the share link shows {private!r}"
        expect(visitor.get_by_role("link", name="Sign in")).to_be_visible()  # signed out
        scan(visitor, axe, "prescribing-share-link")
    finally:
        other.close()


def test_a_visitor_without_javascript_shortlists_an_activity(browser, live_server):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/search?q=coffee")
        name = add_from_listing(page, 0)
        page.goto("/shortlist")
        expect(page.get_by_role("heading", level=1)).to_have_text("Your shortlist")
        expect(page.get_by_role("heading", level=2, name=name)).to_be_visible()
        expect(page.get_by_text("1 activity.")).to_be_visible()
    finally:
        context.close()


# --- a referral, new to completed -----------------------------------------------------------------


def life_satisfaction(page) -> tuple[int, list[str]]:
    """People with both scores for life satisfaction, and the row's figures."""
    page.goto("/reports/referrals")
    table = page.get_by_role("table", name=ONS4)
    row = table.get_by_role("row", name=re.compile("^Life satisfaction"))
    cells = [c.strip() for c in row.get_by_role("cell").all_inner_texts()]
    assert re.fullmatch(r"\d+", cells[0]), f"the count is not shown as a number: {cells}"
    return int(cells[0]), cells[1:]


def answer(page, questions: dict[str, str]) -> None:
    for question, score in questions.items():
        page.get_by_role("group", name=question).get_by_label(score, exact=True).check()


def fill_questionnaire(page, link: str, questions: dict[str, str], check_page, shot: str):
    page.get_by_role("link", name=link).click()
    check_page(shot)
    answer(page, questions)
    page.get_by_role("button", name="Save the answers").click()
    expect(page.get_by_text(re.compile(r"^Saved the .* answers"))).to_be_visible()


def connect5_offered(page) -> bool:
    return page.get_by_role("row", name=re.compile(f"^{CONNECT5}")).count() > 0


def ons4(scores: tuple[int, int, int, int]) -> dict[str, str]:
    labels = {0: "0 – Not at all", 10: "10 – Completely"}
    questions = (
        LIFE_SATISFACTION,
        "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
        "Overall, how happy did you feel yesterday?",
        "Overall, how anxious did you feel yesterday?",
    )
    return {q: labels.get(s, str(s)) for q, s in zip(questions, scores, strict=True)}


CONNECT5_QUESTIONS = (
    "how involved/connected with your local community",
    "how happy and satisfied with your life overall",
    "your physical health and well-being",
    "greater active contribution to your community",
    "benefit to your family",
)


def connect5(labels: tuple[str, ...]) -> dict[str, str]:
    return dict(zip(CONNECT5_QUESTIONS, labels, strict=True))


def move_to(page, state: str, note: str = "") -> None:
    page.get_by_role("group", name="What has happened?").get_by_label(state, exact=True).check()
    if note:
        page.get_by_label("A note for the history (optional)").fill(note)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text(re.compile(f"^Referral [A-Z0-9-]+ is now: {state}"))).to_be_visible()


def test_a_referral_goes_from_new_to_completed_and_the_report_shows_it(page, check_page, demo_app):
    person = f"Robin Example-{uuid.uuid4().hex[:4]}"

    # The commissioner's report before.
    sign_in(page, COMMISSIONER)
    before, _ = life_satisfaction(page)
    check_page("prescribing-report-before")
    sign_out(page)

    # The GP refers someone, with consent (a first try without it is refused, typing kept).
    sign_in(page, GP)
    enter_code(page, demo_app, GP)
    page.goto("/search?q=connector+support")
    page.get_by_role("link", name=RECEIVER).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(RECEIVER)
    page.get_by_role("link", name=f"Refer someone to {RECEIVER}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Refer someone to {RECEIVER}")
    check_page("prescribing-refer")
    page.get_by_label("Their full name").fill(person)
    page.get_by_label("Phone number", exact=True).fill("07700 900456")
    page.get_by_role("group", name="How would they like to be contacted?").get_by_label(
        "Phone call"
    ).check()
    page.get_by_label("What matters to them").fill("Having someone to talk to; a reason to go out.")
    page.get_by_label("Social isolation or loneliness").check()
    expect(page.get_by_label("Your name")).to_have_value(re.compile(GP_NAME))
    page.get_by_role("group", name="Who gave consent?").get_by_label(
        "The person themselves"
    ).check()
    page.get_by_role("button", name="Send the referral").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_label("Their full name")).to_have_value(person)
    expect(page.get_by_label("Social isolation or loneliness")).to_be_checked()
    check_page("prescribing-refer-errors")
    page.get_by_label(re.compile("^The person \\(or someone on their behalf\\) agreed")).check()
    page.get_by_role("button", name="Send the referral").click()
    expect(page.get_by_role("heading", name="Referral sent")).to_be_visible()
    reference = page.locator(".govuk-panel__body strong").inner_text().strip()
    check_page("prescribing-referral-sent")
    sign_out(page)

    # The connector finds it, answers at referral, takes it on and follows it to the end.
    sign_in(page, CONNECTOR)
    enter_code(page, demo_app, CONNECTOR)
    page.goto("/referrals")
    page.get_by_role("tab", name=re.compile("^To my organisation")).click()
    check_page("prescribing-referrals")
    page.get_by_role("link", name=reference, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Referral {reference}")
    expect(page.locator("main")).to_contain_text(person)
    check_page("prescribing-referral-new")

    fill_questionnaire(
        page,
        f"Fill in the {ONS4} questionnaire at referral",
        ons4((3, 4, 3, 8)),
        check_page,
        "prescribing-ons4-referral",
    )
    with_connect5 = connect5_offered(page)
    if with_connect5:
        fill_questionnaire(
            page,
            f"Fill in the {CONNECT5} questionnaire at referral",
            connect5(
                (
                    "1 – Not at all",
                    "3 – About the same",
                    "2 – A little worse",
                    "1 – Not at all",
                    "1 – Not at all",
                )
            ),
            check_page,
            "prescribing-connect5-referral",
        )
    move_to(page, "Accepted", "Spoke on the phone; meeting next week.")
    page.get_by_role("button", name="Take it on myself").click()
    expect(page.get_by_text(f"Referral {reference} is assigned to")).to_be_visible()
    move_to(page, "In progress")
    page.get_by_label("New note").fill("Met at the library. Keen to try the walking group.")
    page.get_by_role("button", name="Add the note").click()
    expect(page.locator("#journal ~ ul").first).to_contain_text("Keen to try the walking group")
    check_page("prescribing-referral-in-progress")

    page.goto("/caseload")
    row = page.get_by_role("row", name=re.compile(person))
    expect(row).to_contain_text("In progress")
    check_page("prescribing-caseload")
    row.get_by_role("link", name=reference).click()

    fill_questionnaire(
        page,
        f"Fill in the {ONS4} questionnaire at exit",
        ons4((7, 8, 7, 3)),
        check_page,
        "prescribing-ons4-exit",
    )
    if with_connect5:
        fill_questionnaire(
            page,
            f"Fill in the {CONNECT5} questionnaire at exit",
            connect5(
                (
                    "4 – Quite a lot",
                    "4 – A little better",
                    "4 – A little better",
                    "3 – Somewhat",
                    "3 – Somewhat",
                )
            ),
            check_page,
            "prescribing-connect5-exit",
        )
    move_to(page, "Completed", "Goes to the walk every week now.")
    expect(page.get_by_text(re.compile(r"This referral is closed \(completed\)"))).to_be_visible()
    check_page("prescribing-referral-completed")
    sign_out(page)

    with demo_app.app_context():
        told = [m.subject for m in outbox_messages() if m.to == GP and reference in m.subject]
    assert f"Referral {reference} is now: Completed" in told

    # The report after: one more person with both scores, and the figures shown.
    sign_in(page, COMMISSIONER)
    after, figures = life_satisfaction(page)
    assert after == before + 1
    assert all(re.fullmatch(r"[+−-]?\d+(\.\d+)?", figure) for figure in figures), figures
    check_page("prescribing-report-after")

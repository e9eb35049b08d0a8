"""From a group's draft to a live listing: review, sending back, edits, history, hiding.

The group's own steps go through the moderation services (the guided form has its own
tests); every decision the directory team makes goes through its pages, as an editor.
"""

import re
from datetime import timedelta
from html import unescape

from sqlalchemy import select

from portal.accounts.models import Role
from portal.db import utcnow
from portal.directory.models import HiddenReason, PublicationState, Service
from portal.extensions import db
from portal.moderation import services
from portal.moderation.models import RevisionState
from tests import factories
from tests.moderation.helpers import dashboard_row, near, search_results, today_text
from tests.support import emails_to, error_next_to, link_in, page, post, section
from tests.support.listings import listing, live_listing, submitted_edit, submitted_listing

OLD_WORDS = "Bring your knitting for tea, biscuits and a friendly chat."
NEW_WORDS = "Bring your crochet hooks for coffee, cake and a friendly chat."
LATER = [{**listing()["sessions"][0], "opens_at": "14:00", "closes_at": "16:00"}]


def review_url(revision) -> str:
    return f"/moderation/revisions/{revision.id}"


def approve(editor_client, revision):
    url = review_url(revision)
    return post(editor_client, url, f"{url}/approve")


def changed_rows(html: str) -> dict[str, tuple[str, str]]:
    """The field-by-field table of a difference: label -> (before, after)."""
    rows = re.findall(
        r'<th scope="row" class="govuk-table__header">(.*?)</th>'
        r'<td class="govuk-table__cell"><del>(.*?)</del></td>'
        r'<td class="govuk-table__cell"><ins>(.*?)</ins></td>',
        html,
        flags=re.S,
    )
    return {unescape(label): (unescape(old), unescape(new)) for label, old, new in rows}


def history(html: str) -> list[tuple[str, str, str]]:
    """(when, who, what) for each entry of a listing's history, newest first."""
    entries = re.findall(
        r'<div class="app-history">\s*<h3 class="govuk-heading-s">(.*?) · (.*?)</h3>\s*'
        r'<p class="govuk-body">(.*?)</p>',
        html,
        flags=re.S,
    )
    return [(when, unescape(who), unescape(what)) for when, who, what in entries]


# --- a new listing -------------------------------------------------------------------------


def test_a_new_listing_is_public_only_once_approved(
    client, org, member, editor_client, member_client, postcode
):
    revision = submitted_listing(member, org)
    assert emails_to(member.email, "We have received your new listing Knit and Natter")
    assert "Waiting for review" in dashboard_row(member_client, "Knit and Natter")
    assert "Knit and Natter" not in near(client)
    assert "Knit and Natter" not in search_results(client, q="knitting")
    assert db.session.scalars(select(Service).where(Service.name == "Knit and Natter")).all() == []

    queue = page(editor_client, "/moderation")
    assert "Knit and Natter" in section(queue, "new")
    response = approve(editor_client, revision)
    assert response.status_code == 302

    db.session.refresh(revision)
    service = revision.service
    public = page(client, f"/services/{service.id}")
    assert "Knit and Natter" in public and OLD_WORDS in public
    assert f"Last checked: {today_text()}" in public
    assert "Knit and Natter" in near(client)  # no re-index in between: the next request
    assert "Knit and Natter" not in section(page(editor_client, "/moderation"), "new")
    live = emails_to(member.email, "Knit and Natter is live")
    assert len(live) == 1 and link_in(live[0].body, "/services/") == f"/services/{service.id}"
    assert "Published" in dashboard_row(member_client, "Knit and Natter")


def test_sending_back_needs_a_reason_which_the_group_gets_by_email_and_on_its_dashboard(
    client, org, member, editor_client, member_client, postcode
):
    revision = submitted_listing(member, org)
    url = review_url(revision)

    response = post(editor_client, url, f"{url}/send-back", reason="   ")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert error_next_to(html, "reason") == "Say what needs to change, so the group can fix it"
    db.session.refresh(revision)
    assert revision.state is RevisionState.PENDING
    assert emails_to(member.email, "Please change") == []
    assert "Knit and Natter" in section(page(editor_client, "/moderation"), "new")

    reason = "Please say which room in the Morgan Centre."
    response = post(editor_client, url, f"{url}/send-back", reason=reason)
    assert response.status_code == 302
    sent = emails_to(member.email, "Please change Knit and Natter")
    assert len(sent) == 1 and reason in sent[0].body
    assert link_in(sent[0].body, "/listings/drafts/") == f"/listings/drafts/{revision.id}"
    row = dashboard_row(member_client, "Knit and Natter")
    assert "Changes requested" in row and f"“{reason}”" in row
    assert "Knit and Natter" not in section(page(editor_client, "/moderation"), "new")
    assert "Knit and Natter" not in near(client)


# --- an edit of a live listing -------------------------------------------------------------


def test_an_edit_leaves_the_live_listing_as_it_was_until_approved(
    client, org, member, editor, editor_client, member_client, postcode
):
    service = live_listing(member, org, editor)
    revision = submitted_edit(member, service, description=NEW_WORDS)
    assert "changes waiting for review" in dashboard_row(member_client, "Knit and Natter")

    public = page(client, f"/services/{service.id}")
    assert OLD_WORDS in public and NEW_WORDS not in public
    # Words of the description only ("knitting" also finds the name "Knit" by its stem).
    assert search_results(client, q="biscuits") == ["Knit and Natter"]
    assert search_results(client, q="crochet") == []

    assert "Knit and Natter" in section(page(editor_client, "/moderation"), "edits")
    assert approve(editor_client, revision).status_code == 302

    public = page(client, f"/services/{service.id}")
    assert NEW_WORDS in public and OLD_WORDS not in public
    assert search_results(client, q="crochet") == ["Knit and Natter"]
    assert search_results(client, q="biscuits") == []
    assert emails_to(member.email, "Knit and Natter is live")


def test_the_review_page_shows_an_edit_field_by_field(org, member, editor, editor_client, postcode):
    service = live_listing(member, org, editor)
    revision = submitted_edit(member, service, description=NEW_WORDS, sessions=LATER)

    html = page(editor_client, review_url(revision))
    assert changed_rows(html) == {
        "What happens": (OLD_WORDS, NEW_WORDS),
        "When": ("Every Wednesday, 10am to 12 noon", "Every Wednesday, 2pm to 4pm"),
    }
    assert "Approve and publish" in html


def test_an_edit_that_changes_nothing_says_so(org, member, editor, editor_client, postcode):
    service = live_listing(member, org, editor)
    revision = submitted_edit(member, service)

    html = page(editor_client, review_url(revision))
    assert changed_rows(html) == {}
    assert "Nothing differs from the live listing." in html


# --- the history, reverting, hiding ----------------------------------------------------------


def test_every_decision_and_change_is_in_the_listing_history(
    org, member, editor, editor_client, postcode
):
    revision = submitted_listing(member, org, description="Knitting, tea and biscuits.")
    url = review_url(revision)
    post(editor_client, url, f"{url}/send-back", reason="Say a little more about it.")
    services.save_step(revision, "about", {"description": OLD_WORDS})
    services.submit(revision, member)
    approve(editor_client, revision)
    db.session.refresh(revision)
    service = revision.service
    approve(editor_client, submitted_edit(member, service, description=NEW_WORDS))
    listing_url = f"/moderation/listings/{service.id}"
    post(editor_client, listing_url, f"{listing_url}/hide", reason="The hall is closed.")
    post(editor_client, listing_url, f"{listing_url}/restore")

    entries = history(page(editor_client, listing_url))
    assert [(who, what) for _when, who, what in entries] == [
        ("Eve Editor", "Restored “Knit and Natter”"),
        ("Eve Editor", "Hid “Knit and Natter”: The hall is closed."),
        ("Eve Editor", "Changed “Knit and Natter”"),
        ("Gwen Group", "Submitted changes to “Knit and Natter”"),
        ("Eve Editor", "Published “Knit and Natter”"),
        ("Gwen Group", "Submitted a new listing, “Knit and Natter”"),
        ("Eve Editor", "Sent back “Knit and Natter”: Say a little more about it."),
        ("Gwen Group", "Submitted a new listing, “Knit and Natter”"),
    ]
    today = service.last_reviewed.strftime("%d %B %Y")
    assert all(when.startswith(f"{today}, ") for when, _who, _what in entries)


def test_the_history_shows_what_an_approved_edit_changed(
    org, member, editor, editor_client, postcode
):
    service = live_listing(member, org, editor)
    approve(editor_client, submitted_edit(member, service, description=NEW_WORDS))

    html = page(editor_client, f"/moderation/listings/{service.id}")
    changed = html[html.index("Changed “Knit and Natter”") :]
    assert changed_rows(changed[: changed.index("</table>")]) == {
        "What happens": (OLD_WORDS, NEW_WORDS)
    }


def test_reverting_a_change_puts_the_listing_back_and_is_recorded(
    client, org, member, editor, editor_client, postcode
):
    service = live_listing(member, org, editor)
    approve(editor_client, submitted_edit(member, service, description=NEW_WORDS))
    listing_url = f"/moderation/listings/{service.id}"
    html = page(editor_client, listing_url)
    changed = html[html.index("Changed “Knit and Natter”") :]
    revert_url = re.search(r'action="(/moderation/events/\d+/revert)"', changed).group(1)

    response = post(editor_client, listing_url, revert_url)
    assert response.status_code == 302 and response.headers["Location"] == listing_url

    public = page(client, f"/services/{service.id}")
    assert OLD_WORDS in public and NEW_WORDS not in public
    # Words of the description only ("knitting" also finds the name "Knit" by its stem).
    assert search_results(client, q="biscuits") == ["Knit and Natter"]
    assert search_results(client, q="crochet") == []
    html = page(editor_client, listing_url)
    newest = history(html)[0]
    assert newest[1] == "Eve Editor"
    assert newest[2].startswith("Reverted “Knit and Natter” to before the change of ")
    reverted = html[html.index("Reverted “Knit and Natter”") :]
    assert changed_rows(reverted[: reverted.index("</table>")]) == {
        "What happens": (NEW_WORDS, OLD_WORDS)
    }


def test_hiding_needs_a_reason_and_restoring_shows_the_listing_again(
    client, org, member, editor, editor_client, member_client, postcode
):
    service = live_listing(member, org, editor)
    listing_url = f"/moderation/listings/{service.id}"

    response = post(editor_client, listing_url, f"{listing_url}/hide", reason="")
    assert response.status_code == 400
    assert error_next_to(response.get_data(as_text=True), "reason") == (
        "Say why it is hidden, for the record"
    )
    assert client.get(f"/services/{service.id}").status_code == 200

    response = post(editor_client, listing_url, f"{listing_url}/hide", reason="Closed for now.")
    assert response.status_code == 302
    assert client.get(f"/services/{service.id}").status_code == 404
    assert "Knit and Natter" not in near(client)
    assert search_results(client, q="knitting") == []
    assert "Hidden by the directory team" in dashboard_row(member_client, "Knit and Natter")
    assert "Show it again" in page(editor_client, listing_url)

    response = post(editor_client, listing_url, f"{listing_url}/restore")
    assert response.status_code == 302
    assert OLD_WORDS in page(client, f"/services/{service.id}")
    assert "Knit and Natter" in near(client)
    assert "Published" in dashboard_row(member_client, "Knit and Natter")


# --- the queue ---------------------------------------------------------------------------------


def names_in(html: str, names: list[str]) -> list[str]:
    """The names that appear in `html`, in the order they appear."""
    return [n for position, n in sorted((html.find(n), n) for n in names) if position >= 0]


def test_the_queue_lists_everything_waiting_oldest_first_with_counts(
    org, member, editor, editor_client, postcode
):
    now = utcnow()
    newer = submitted_listing(member, org, name="Newer Natter")
    older = submitted_listing(member, org, name="Older Natter")
    newer.submitted_at, older.submitted_at = now - timedelta(days=1), now - timedelta(days=3)
    live = live_listing(member, org, editor, name="Bowls Club")
    submitted_edit(member, live, description="Bowls on the green, then tea in the pavilion.")
    draft = services.start_listing(member, org)
    services.save_step(draft, "about", listing(name="Unsent Draft"))

    other = factories.organisation("Sandhurst Singers")
    for name, days in (("Una Later", 1), ("Ian Earlier", 5)):
        person = factories.user(
            f"{name.split()[0].lower()}@example.org", role=Role.GROUP_MEMBER, name=name
        )
        claim = services.request_claim(person, other, "I run it.")
        claim.created_at = now - timedelta(days=days)
    dora = factories.user("dora@example.org", role=Role.GROUP_MEMBER, name="Dora Done")
    done = services.request_claim(dora, org, "I am the treasurer.")
    services.decide_claim(done, editor, approve=True)

    reported = factories.service("Tuesday Chatter Café", org=other)
    services.report_problem(reported, "closed", "", "")
    dealt = services.report_problem(reported, "wrong_contact", "", "")
    services.resolve_report(dealt, editor, "Rang them.")
    stale_at = now.date() - timedelta(days=400)
    for name, last in (("Stale Later", stale_at), ("Stale Earlier", stale_at - timedelta(30))):
        factories.service(
            name,
            org=other,
            state=PublicationState.HIDDEN,
            hidden_reason=HiddenReason.OUT_OF_DATE,
            last_reviewed=last,
        )
    factories.service(
        "Hidden By Us",
        org=other,
        state=PublicationState.HIDDEN,
        hidden_reason=HiddenReason.BY_EDITOR,
    )
    db.session.commit()

    html = page(editor_client, "/moderation")
    assert "8 things waiting, oldest first." in html
    new = section(html, "new")
    assert 'New listings <span class="app-count">(2)</span>' in new
    assert names_in(new, ["Newer Natter", "Older Natter", "Unsent Draft"]) == [
        "Older Natter",
        "Newer Natter",
    ]
    edits = section(html, "edits")
    assert "(1)</span>" in edits and "Bowls Club" in edits
    claims = section(html, "claims")
    assert "(2)</span>" in claims
    assert names_in(claims, ["Una Later", "Ian Earlier", "Dora Done"]) == [
        "Ian Earlier",
        "Una Later",
    ]
    reports = section(html, "reports")
    assert "(1)</span>" in reports
    assert "Tuesday Chatter Café: it has closed or stopped running" in unescape(reports)
    assert "contact details" not in reports
    stale = section(html, "stale")
    assert "(2)</span>" in stale
    assert names_in(stale, ["Stale Later", "Stale Earlier", "Hidden By Us"]) == [
        "Stale Earlier",
        "Stale Later",
    ]


def test_the_queue_is_for_the_directory_team_only(client, member_client, editor_client):
    assert member_client.get("/moderation").status_code == 403
    assert client.get("/moderation").status_code == 302  # to the sign-in page
    assert "Nothing waiting." in page(editor_client, "/moderation")


# --- the directory team's own listing ----------------------------------------------------------

STEPS = {
    "about": {"name": "Nordic Walking", "description": "A brisk walk with poles, then tea."},
    "who": {"minimum_age": "18"},
    "when": {
        "sessions-0-pattern": "weekly",
        "sessions-0-day": "TH",
        "sessions-0-opens_at": "10am",
        "sessions-0-closes_at": "11:30am",
    },
    "where": {
        "places-0-kind": "venue",
        "places-0-name": "Morgan Centre",
        "places-0-address_1": "Wellington Road",
        "places-0-city": "Crowthorne",
        "places-0-postcode": "rg45 7ab",
        "places-0-pin_shown": "1",
    },
    "cost": {"free": "yes", "how_to_join": "turn_up"},
    "contact": {"contact_email": "walks@example.org"},
    "access": {"places-0-access": "step_free_access"},
    "needs": {"needs": "getting-active"},
}


def test_an_editors_own_listing_is_published_directly_without_review(
    client, editor, editor_client, postcode
):
    response = post(editor_client, "/moderation/listings/new", name="Owlsmoor Nordic Walkers")
    assert response.status_code == 302
    start = response.headers["Location"]
    assert start.startswith("/listings/new/")
    response = post(editor_client, start)
    assert response.status_code == 302
    drafts = response.headers["Location"].rsplit("/", 1)[0]
    for key, answers in STEPS.items():
        response = post(editor_client, f"{drafts}/{key}", **answers)
        assert response.status_code == 302, (key, response.get_data(as_text=True)[-3000:])

    check = page(editor_client, f"{drafts}/check")
    assert "Publish now" in check and "Send for review" not in check
    response = post(editor_client, f"{drafts}/check")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/moderation/listings/")
    managed = page(editor_client, response.headers["Location"])
    assert "“Nordic Walking” is live." in managed
    assert ("Eve Editor", "Published “Nordic Walking”") in [
        (who, what) for _when, who, what in history(managed)
    ]

    service = db.session.scalars(select(Service).where(Service.name == "Nordic Walking")).one()
    public = page(client, f"/services/{service.id}")
    assert "Every Thursday, 10am to 11:30am" in public
    assert f"Last checked: {today_text()}" in public
    assert "Nordic Walking" in near(client)
    queue = page(editor_client, "/moderation")
    assert "0 things waiting" in queue and "Nothing waiting." in section(queue, "new")
    assert emails_to(editor.email) == []  # nobody to tell: it was never waiting

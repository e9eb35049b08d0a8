"""Asking to manage a group already listed, and the public's "Report a problem" form."""

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.directory.models import ServiceStatus
from portal.extensions import db
from portal.moderation import services
from portal.moderation.models import Claim, ClaimState, ProblemReport
from tests import factories
from tests.support import (
    csrf_token,
    emails_to,
    error_next_to,
    link_in,
    page,
    post,
    section,
    sign_in,
)


@pytest.fixture
def singers(app):
    """An organisation in the directory with one live listing, managed by nobody yet."""
    organisation = factories.organisation("Sandhurst Singers")
    return factories.service("Tuesday Chatter Café", org=organisation)


@pytest.fixture
def claimant(app):
    return factories.user("colin@example.org", role=Role.GROUP_MEMBER, name="Colin Claimant")


@pytest.fixture
def claimant_client(app, claimant):
    browser = app.test_client()
    sign_in(browser, claimant)
    return browser


def claim_url(claim) -> str:
    return f"/moderation/claims/{claim.id}"


def decide(editor_client, claim, **answers):
    return post(editor_client, claim_url(claim), **answers)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# --- asking to manage an organisation ---------------------------------------------------------


def test_asking_to_manage_an_organisation_needs_a_message_and_reaches_the_queue(
    singers, claimant, claimant_client, editor_client
):
    found = page(claimant_client, "/groups/organisations/claim?q=sandhurst")
    form_url = f"/groups/organisations/claim?organisation={singers.organisation_id}"
    assert f'href="{form_url}"' in found.replace("&amp;", "&")

    response = post(claimant_client, form_url, message="  ")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert error_next_to(html, "message") == "Say how you are connected to this organisation"
    assert count(Claim) == 0

    response = post(claimant_client, form_url, message="I am the choir's secretary.")
    assert response.status_code == 302 and response.headers["Location"] == "/groups"
    dashboard = page(claimant_client, "/groups")
    assert "You have asked to manage <strong>Sandhurst Singers</strong>" in dashboard

    claims = section(page(editor_client, "/moderation"), "claims")
    assert "(1)</span>" in claims and "Colin Claimant for Sandhurst Singers" in claims
    [claim] = db.session.scalars(select(Claim)).all()
    assert "I am the choir&#39;s secretary." in page(editor_client, claim_url(claim))


def test_approving_a_claim_lets_them_manage_its_listings_and_tells_them(
    singers, claimant, claimant_client, editor_client
):
    claim = services.request_claim(claimant, singers.organisation, "I am the secretary.")
    edit_url = f"/listings/{singers.id}/edit"
    assert claimant_client.get(edit_url).status_code == 403

    response = decide(editor_client, claim, decision="approve")
    assert response.status_code == 302

    assert "Change Tuesday Chatter Café" in page(claimant_client, edit_url)
    dashboard = page(claimant_client, "/groups")
    assert "Sandhurst Singers" in dashboard and "Tuesday Chatter Café" in dashboard
    [sent] = emails_to(claimant.email, "Your request to manage Sandhurst Singers")
    assert "You can now manage “Sandhurst Singers”" in sent.body
    assert link_in(sent.body, "/groups") == "/groups"
    claims = section(page(editor_client, "/moderation"), "claims")
    assert "Colin Claimant" not in claims and "Nothing waiting." in claims


def test_refusing_a_claim_needs_a_reason_which_is_emailed(
    singers, claimant, claimant_client, editor_client
):
    claim = services.request_claim(claimant, singers.organisation, "I sing in it.")

    response = decide(editor_client, claim, decision="refuse", reason="")
    assert response.status_code == 400
    assert error_next_to(response.get_data(as_text=True), "reason") == (
        "Say why, so the person knows what to do next"
    )
    assert db.session.get(Claim, claim.id).state is ClaimState.PENDING
    assert emails_to(claimant.email) == []

    reason = "The group's secretary says they do not know you. Ask them to contact us."
    response = decide(editor_client, claim, decision="refuse", reason=reason)
    assert response.status_code == 302
    [sent] = emails_to(claimant.email, "Your request to manage Sandhurst Singers")
    assert reason in sent.body and "could not confirm" in sent.body
    assert claimant_client.get(f"/listings/{singers.id}/edit").status_code == 403
    assert "Colin Claimant" not in section(page(editor_client, "/moderation"), "claims")


def test_a_decided_claim_cannot_be_decided_again(
    app, singers, claimant, claimant_client, editor_client
):
    claim = services.request_claim(claimant, singers.organisation, "I am the secretary.")
    colleague = app.test_client()
    sign_in(colleague, factories.user("ed@example.org", role=Role.EDITOR, name="Ed Other"))
    token = csrf_token(page(colleague, claim_url(claim)))  # both editors have it open

    assert decide(editor_client, claim, decision="approve").status_code == 302
    response = colleague.post(
        claim_url(claim), data={"csrf_token": token, "decision": "refuse", "reason": "No."}
    )

    assert response.status_code == 400
    assert "This request has already been decided" in response.get_data(as_text=True)
    assert db.session.get(Claim, claim.id).state is ClaimState.APPROVED
    assert claimant_client.get(f"/listings/{singers.id}/edit").status_code == 200
    assert len(emails_to(claimant.email)) == 1


# --- reporting a problem ---------------------------------------------------------------------


def report_url(service) -> str:
    return f"/services/{service.id}/report"


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"message": "It has moved."}, "kind", "Choose what is wrong"),
        ({"kind": "other", "email": "sam@example.org"}, "message", "Tell us what is wrong"),
        (
            {"kind": "wrong_contact", "message": "Old number.", "email": "not-an-email"},
            "email",
            "Enter an email address like name@example.com, or leave it blank",
        ),
    ],
)
def test_the_report_form_says_what_is_wrong_and_keeps_what_was_typed(
    client, editor_client, singers, typed, field, message
):
    response = post(client, report_url(singers), **{"kind": "", "message": "", **typed})

    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert error_next_to(html, field) == message
    if typed.get("kind"):
        assert f'value="{typed["kind"]}" checked' in html
    if typed.get("message"):
        assert f">{typed['message']}</textarea>" in html
    if typed.get("email"):
        assert f'value="{typed["email"]}"' in html
    assert count(ProblemReport) == 0
    assert "Nothing waiting." in section(page(editor_client, "/moderation"), "reports")


def test_a_report_needs_no_account_and_lands_in_the_queue(client, editor_client, singers):
    response = post(
        client,
        report_url(singers),
        kind="wrong_time_or_place",
        message="It is on Thursdays now.",
        email="",
    )

    assert response.status_code == 200
    assert "We have your report about Tuesday Chatter Café" in response.get_data(as_text=True)
    reports = section(page(editor_client, "/moderation"), "reports")
    assert "(1)</span>" in reports
    assert "Tuesday Chatter Café: the day, time or place is wrong" in reports
    [report] = db.session.scalars(select(ProblemReport)).all()
    shown = page(editor_client, f"/moderation/reports/{report.id}")
    assert "It is on Thursdays now." in shown and "They left no address" in shown


def test_reports_are_limited_to_five_an_hour_from_one_address(client, singers):
    token = csrf_token(page(client, report_url(singers)))
    answers = {"csrf_token": token, "kind": "closed", "message": "", "email": ""}

    statuses = [client.post(report_url(singers), data=answers).status_code for _ in range(6)]

    assert statuses == [200, 200, 200, 200, 200, 429]
    assert count(ProblemReport) == 5
    elsewhere = {"REMOTE_ADDR": "192.0.2.7"}
    assert client.post(report_url(singers), data=answers, environ_base=elsewhere).status_code == (
        200
    )


def test_resolving_a_report_needs_a_note_and_takes_it_off_the_queue(editor_client, singers):
    report = services.report_problem(singers, "closed", "The hall is shut.", "")
    url = f"/moderation/reports/{report.id}"

    response = post(editor_client, url, resolution=" ")
    assert response.status_code == 400
    assert error_next_to(response.get_data(as_text=True), "resolution") == (
        "Say what you did about it, for the record"
    )
    assert "(1)</span>" in section(page(editor_client, "/moderation"), "reports")

    note = "Rang the group: it meets at the library now. Listing changed."
    response = post(editor_client, url, resolution=note)
    assert response.status_code == 302
    reports = section(page(editor_client, "/moderation"), "reports")
    assert "(0)</span>" in reports and "Tuesday Chatter Café" not in reports
    assert note in page(editor_client, url)
    history = page(editor_client, f"/moderation/listings/{singers.id}")
    assert "Eve Editor" in history and "Resolved a report on “Tuesday Chatter Café”" in history


# --- what people type is text, not HTML -------------------------------------------------------


def test_html_typed_into_a_report_is_kept_as_plain_text_and_shown_escaped(
    client, editor_client, singers
):
    typed = 'Now <b>Thursdays</b><script>alert("x")</script> at 2pm & 5 < 10 minutes away'
    post(client, report_url(singers), kind="other", message=typed, email="")

    [report] = db.session.scalars(select(ProblemReport)).all()
    assert report.message == "Now Thursdays at 2pm & 5 < 10 minutes away"
    html = page(editor_client, f"/moderation/reports/{report.id}")
    assert "Now Thursdays at 2pm &amp; 5 &lt; 10 minutes away" in html
    assert "<b>Thursdays" not in html and 'alert("x")' not in html


def test_html_typed_into_a_claim_is_kept_as_plain_text_and_shown_escaped(
    singers, claimant, claimant_client, editor_client
):
    form_url = f"/groups/organisations/claim?organisation={singers.organisation_id}"
    typed = "<i>Secretary</i><img src=x onerror=alert(1)> since 2019 & still > 3 years"
    post(claimant_client, form_url, message=typed)

    [claim] = db.session.scalars(select(Claim)).all()
    assert claim.message == "Secretary since 2019 & still > 3 years"
    html = page(editor_client, claim_url(claim))
    assert "Secretary since 2019 &amp; still &gt; 3 years" in html
    assert "<i>Secretary" not in html and "onerror" not in html


# --- one rule for "public" ----------------------------------------------------------------------


def test_the_listing_page_links_to_the_public_page_only_while_residents_can_see_it(
    editor_client, singers
):
    """A published listing that has closed down for good answers 404 to residents, so the
    directory team's page must not link to it (it compared the publication state alone)."""
    url = f"/moderation/listings/{singers.id}"
    assert "See the public page" in page(editor_client, url)
    singers.status = ServiceStatus.DEFUNCT
    db.session.commit()
    assert "See the public page" not in page(editor_client, url)
    assert editor_client.get(f"/services/{singers.id}").status_code == 404

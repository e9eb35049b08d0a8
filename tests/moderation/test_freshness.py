"""Listings stay fresh: reminders at 6 and 11 months, hidden at 12, "still correct" links.

The defaults are in force (PORTAL_REMINDER_MONTHS "6,11", PORTAL_HIDE_AFTER_MONTHS 12).
`review_due` is given the day to act on; confirming always happens today.
"""

import calendar
import re
from datetime import date, timedelta

import pytest

from portal.accounts.models import Role
from portal.cli import reindex_all
from portal.directory.models import HiddenReason, PublicationState, Service
from portal.extensions import db
from portal.moderation.freshness import review_due
from portal.notify import outbox_messages
from tests import factories
from tests.moderation.helpers import dashboard_row, near, search_results, today_text
from tests.support import csrf_token, emails_to, link_in, page, post, section, sign_in

TODAY = date.today()


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), or the month's last day if it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@pytest.fixture
def helper(org):
    """A second member of the group."""
    return factories.user(
        "harry@example.org", role=Role.GROUP_MEMBER, name="Harry Helper", organisations=(org,)
    )


def knit_and_natter(org, months_old: int, checked: date = TODAY) -> Service:
    service = factories.service(
        "Knit and Natter", org=org, last_reviewed=add_months(checked, -months_old)
    )
    db.session.commit()
    return service


def confirm_link(address: str, subject: str) -> str:
    [message] = emails_to(address, subject)
    return link_in(message.body, "/listings/still-correct/")


# --- reminders ---------------------------------------------------------------------------------


def test_at_six_months_the_members_are_asked_with_a_still_correct_and_an_edit_link(
    org, member, helper, postcode
):
    service = knit_and_natter(org, months_old=6)
    factories.service("Bowls Club", org=org, last_reviewed=add_months(TODAY, -5))
    factories.user("other@example.org", role=Role.GROUP_MEMBER, name="Not In The Group")

    result = review_due(TODAY)

    assert (result.reminded, result.hidden) == (1, 0)
    assert sorted(m.to for m in outbox_messages()) == sorted([member.email, helper.email])
    for person in (member, helper):
        [message] = emails_to(person.email, "Is Knit and Natter still right?")
        assert link_in(message.body, "/listings/still-correct/")
        assert link_in(message.body, f"/listings/{service.id}/edit")
        assert "within 6 months" in message.body
    assert emails_to(member.email, "Bowls Club") == []


def test_a_listing_nobody_manages_is_asked_about_at_its_contact_email(postcode):
    service = knit_and_natter(factories.organisation("Nobody's Group"), months_old=6)
    service.contacts[0].email = "sue@example.org"
    db.session.commit()

    assert review_due(TODAY).reminded == 1

    [message] = outbox_messages()
    assert message.to == "sue@example.org" and message.subject == "Is Knit and Natter still right?"
    assert link_in(message.body, "/listings/still-correct/")


def test_running_again_the_same_day_or_the_next_sends_nothing_more(org, member, postcode):
    knit_and_natter(org, months_old=6)

    first = review_due(TODAY)
    again = review_due(TODAY)
    next_day = review_due(TODAY + timedelta(days=1))

    assert [r.reminded for r in (first, again, next_day)] == [1, 0, 0]
    assert len(emails_to(member.email)) == 1


def test_at_eleven_months_the_second_reminder_goes_once(org, member, postcode):
    service = knit_and_natter(org, months_old=11)
    checked = service.last_reviewed

    sent = [
        review_due(add_months(checked, 6)).reminded,
        review_due(add_months(checked, 11)).reminded,
        review_due(add_months(checked, 11)).reminded,
        review_due(add_months(checked, 11) + timedelta(days=1)).reminded,
    ]

    assert sent == [1, 1, 0, 0]
    first, second = emails_to(member.email, "Is Knit and Natter still right?")
    assert "within 6 months" in first.body and "within 1 month," in second.body
    assert link_in(second.body, "/listings/still-correct/")


# --- hidden at twelve months -------------------------------------------------------------------


def test_at_twelve_months_the_listing_is_hidden_not_deleted_and_everyone_can_see_why(
    client, org, member, member_client, editor_client, postcode
):
    service = knit_and_natter(org, months_old=12)
    assert "Knit and Natter" in near(client)

    result = review_due(TODAY)

    assert (result.reminded, result.hidden) == (0, 1)
    kept = db.session.get(Service, service.id)
    assert kept is not None
    assert kept.publication_state is PublicationState.HIDDEN
    assert kept.hidden_reason is HiddenReason.OUT_OF_DATE
    assert client.get(f"/services/{service.id}").status_code == 404
    assert "Knit and Natter" not in near(client)
    assert search_results(client, q="chatter") == []
    stale = section(page(editor_client, "/moderation"), "stale")
    assert "(1)</span>" in stale and "Knit and Natter" in stale
    row = dashboard_row(member_client, "Knit and Natter")
    assert "Hidden: out of date" in row and "It is still correct" in row
    [told] = emails_to(member.email, "Knit and Natter is hidden until you confirm it")
    assert link_in(told.body, "/listings/still-correct/")

    assert review_due(TODAY + timedelta(days=1)).hidden == 0
    assert len(outbox_messages()) == 1


def test_the_hidden_email_says_how_long_nobody_confirmed_it(app, org, member, postcode):
    """The e-mail said "for a year" whatever PORTAL_HIDE_AFTER_MONTHS was."""
    knit_and_natter(org, months_old=12)
    review_due(TODAY)
    [told] = emails_to(member.email, "Knit and Natter is hidden until you confirm it")
    assert "Nobody has confirmed “Knit and Natter” for a year, so it no longer shows" in told.body
    assert told.body.startswith("Hello,\n\n") and told.body.endswith("/edit\n")

    app.config["PORTAL_HIDE_AFTER_MONTHS"] = 18
    app.config["PORTAL_REMINDER_MONTHS"] = "12,17"
    factories.service("Walking Netball", org=org, last_reviewed=add_months(TODAY, -18))
    db.session.commit()
    review_due(TODAY)
    [told] = emails_to(member.email, "Walking Netball is hidden until you confirm it")
    assert "Nobody has confirmed “Walking Netball” for 18 months, so it no longer shows" in (
        told.body
    )


# --- the "still correct" link -------------------------------------------------------------------


def test_the_still_correct_link_asks_with_one_button_and_confirms_on_post(
    client, org, member, member_client, editor_client, postcode
):
    service = knit_and_natter(org, months_old=6)
    review_due(TODAY)
    link = confirm_link(member.email, "Is Knit and Natter still right?")

    html = page(client, link)
    content = html[html.index("<main") : html.index("</main>")]
    assert re.findall(r"<button[^>]*>([^<]*)</button>", content) == ["Yes, it is still correct"]
    assert db.session.get(Service, service.id).last_reviewed == add_months(TODAY, -6)

    response = client.post(link, data={"csrf_token": csrf_token(html)})

    assert response.status_code == 200
    assert "Knit and Natter is marked as checked today" in response.get_data(as_text=True)
    assert db.session.get(Service, service.id).last_reviewed == TODAY
    assert f"Last checked: {today_text()}" in page(client, f"/services/{service.id}")
    row = dashboard_row(member_client, "Knit and Natter")
    assert "Nothing to do" in row and "It is still correct" not in row
    history = page(editor_client, f"/moderation/listings/{service.id}")
    assert "The portal" in history and "Confirmed “Knit and Natter” is still correct" in history

    again = client.get(link)
    assert again.status_code == 400
    assert "has been checked since this email was sent" in again.get_data(as_text=True)


def test_the_link_brings_back_a_listing_hidden_as_out_of_date(
    client, org, member, editor_client, postcode
):
    service = knit_and_natter(org, months_old=12)
    review_due(TODAY)
    link = confirm_link(member.email, "Knit and Natter is hidden until you confirm it")

    response = post(client, link)

    assert response.status_code == 200
    kept = db.session.get(Service, service.id)
    assert kept.publication_state is PublicationState.PUBLISHED and kept.hidden_reason is None
    assert kept.last_reviewed == TODAY
    assert "Knit and Natter" in page(client, f"/services/{service.id}")
    assert "Knit and Natter" in near(client)
    stale = section(page(editor_client, "/moderation"), "stale")
    assert "Knit and Natter" not in stale
    assert client.get(link).status_code == 400


def test_a_listing_hidden_by_an_editor_cannot_be_brought_back_by_the_groups_link(
    client, org, member, editor_client, postcode
):
    service = knit_and_natter(org, months_old=6)
    review_due(TODAY)
    link = confirm_link(member.email, "Is Knit and Natter still right?")
    manage = f"/moderation/listings/{service.id}"
    post(editor_client, manage, f"{manage}/hide", reason="Complaint under investigation.")

    shown = client.get(link)
    assert shown.status_code == 400
    assert "no longer yours to confirm" in shown.get_data(as_text=True)
    other = factories.service("Elsewhere Club", org=factories.organisation("Elsewhere"))
    response = post(client, f"/services/{other.id}/report", link)

    assert response.status_code == 400
    kept = db.session.get(Service, service.id)
    assert kept.publication_state is PublicationState.HIDDEN
    assert kept.hidden_reason is HiddenReason.BY_EDITOR
    assert client.get(f"/services/{service.id}").status_code == 404


# --- the dashboard button ------------------------------------------------------------------------


def test_the_dashboards_still_correct_button_works_for_the_groups_members_only(
    app, client, org, member, member_client, postcode
):
    service = knit_and_natter(org, months_old=6)
    url = f"/listings/{service.id}/still-correct"
    assert f'action="{url}"' in dashboard_row(member_client, "Knit and Natter")

    outsider = app.test_client()
    sign_in(outsider, factories.user("olly@example.org", role=Role.GROUP_MEMBER, name="Olly"))
    assert post(outsider, "/groups/organisations/new", url).status_code == 403
    anonymous = post(client, f"/services/{service.id}/report", url)
    assert anonymous.status_code == 302 and anonymous.headers["Location"].startswith("/sign-in")
    assert db.session.get(Service, service.id).last_reviewed == add_months(TODAY, -6)

    response = post(member_client, "/groups", url)

    assert response.status_code == 302 and response.headers["Location"] == "/groups"
    assert db.session.get(Service, service.id).last_reviewed == TODAY
    assert "“Knit and Natter” is marked as checked today." in page(member_client, "/groups")


# --- the command cron runs ---------------------------------------------------------------------


def test_the_review_due_command_prints_what_it_did(app, org, member):
    knit_and_natter(org, months_old=0)
    bowls = factories.service("Bowls Club", org=org, last_reviewed=add_months(TODAY, -6))
    reindex_all()
    runner = app.test_cli_runner()
    in_six_months = add_months(TODAY, 6).isoformat()

    first = runner.invoke(args=["directory", "review-due", "--today", in_six_months])
    again = runner.invoke(args=["directory", "review-due", "--today", in_six_months])

    assert first.exit_code == 0, first.output
    assert first.output.strip() == "Reminders sent: 1. Listings hidden as out of date: 1."
    assert again.output.strip() == "Reminders sent: 0. Listings hidden as out of date: 0."
    db.session.expire_all()
    assert db.session.get(Service, bowls.id).publication_state is PublicationState.HIDDEN
    assert len(emails_to(member.email, "Is Knit and Natter still right?")) == 1

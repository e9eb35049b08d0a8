"""Referral pages: referring someone or oneself, the lists, a referral's record with its state,
assignment and casework, the caseload, the overdue list and a listing's referral settings.

Each person has their own browser. Personal-data pages need the second factor, which
`pass_second_factor` marks as done (the TOTP sign-in is tested with the accounts).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
from sqlalchemy import select

from portal.accounts.models import Role
from portal.cli import reindex_all
from portal.db import utcnow
from portal.directory.schedules import format_date
from portal.extensions import db
from portal.notify import outbox_messages
from portal.prescribing.models import (
    Attendance,
    PersonalDataLog,
    Referral,
    ReferralSource,
    ReferralState,
)
from portal.prescribing.referrals import casework
from tests import factories
from tests.prescribing.factories import pass_second_factor, referral, world
from tests.support import csrf_token, error_next_to, page, sign_in

TODAY = date.today()


@pytest.fixture
def w(app):
    return world()


@pytest.fixture
def browser(app):
    def make(user=None, second_factor: bool = True):
        signed = app.test_client()
        if user is not None:
            sign_in(signed, user)
            if second_factor:
                pass_second_factor(signed, user)
        return signed

    return make


def send(client, form_url: str, url: str | None = None, **data):
    """Fill in the form on `form_url` (with its CSRF token) and send it to `url`."""
    token = csrf_token(page(client, form_url))
    return client.post(url or form_url, data={"csrf_token": token, **data})


def text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def staff(role: Role, email: str):
    return factories.user(email, role=role, name=role.label)


REFERRAL_FORM = {
    "person_name": "Pat Quinlan",
    "person_phone": "07700 900123",
    "person_email": "",
    "contact_preference": "phone",
    "what_matters": "Getting back to the allotment",
    "reason": "isolation",
    "consent_given_by": "person",
    "consent": "yes",
}


# --- the listing page and the forms ---------------------------------------------------------------


def test_the_listing_offers_referral_to_everyone_and_refer_someone_to_professionals(w, browser):
    url = f"/services/{w.service_a.id}"
    visitor = text(page(browser(), url))
    assert "Refer yourself" in visitor and "Refer someone" not in visitor
    gp = text(page(browser(w.gp), url))
    assert "Refer someone" in gp and "Refer yourself" in gp
    assert "Referral settings" not in gp
    assert "Referral settings" in text(page(browser(w.member_a), url))

    w.service_a.accepts_referrals = False
    db.session.commit()
    assert "Refer yourself" not in text(page(browser(), url))
    assert page(browser(), f"/services/{w.service_a.id}/refer-yourself", 404)


def test_a_gp_refers_someone_and_sees_only_the_reference_afterwards(w, browser):
    gp = browser(w.gp)
    url = f"/services/{w.service_a.id}/refer"
    form = page(gp, url)
    assert 'value="Dr Ann Lee"' in form and 'value="Heath Hill Surgery"' in form
    assert (
        "To share these details with Bracknell Community Connectors so they can contact them "
        "about Community connector support" in form
    )

    response = send(
        gp,
        url,
        **REFERRAL_FORM,
        referrer_name="Dr Ann Lee",
        referrer_practice="Heath Hill Surgery",
        source="gp",
        consent_scope="To share these details with the connectors",
    )
    assert response.status_code == 302
    [made] = db.session.scalars(select(Referral)).all()
    assert (made.person_name, made.source, made.referrer_user_id) == (
        "Pat Quinlan",
        ReferralSource.GP,
        w.gp.id,
    )
    confirmation = text(page(gp, response.location))
    assert "Referral sent" in confirmation and made.reference in confirmation
    assert "Pat Quinlan" not in confirmation
    assert any(m.to == w.connector_a.email for m in outbox_messages())


def test_problems_are_shown_next_to_the_fields_and_what_was_typed_is_kept(w, browser):
    gp = browser(w.gp)
    url = f"/services/{w.service_a.id}/refer"
    response = send(
        gp,
        url,
        **{**REFERRAL_FORM, "person_phone": "", "consent": "", "what_matters": "Singing <again>"},
        referrer_name="Dr Ann Lee",
        referrer_practice="",
        source="gp",
        consent_scope="For the connectors",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<title>Error: " in html and "There is a problem" in html
    assert error_next_to(html, "person_phone") == "Enter a phone number or an email address"
    assert error_next_to(html, "referrer_practice") == "Enter your practice or organisation"
    assert error_next_to(html, "consent") == "Confirm that consent was given to share these details"
    assert "Singing &lt;again&gt;" in html and 'value="Pat Quinlan"' in html
    assert db.session.scalars(select(Referral)).all() == []


def test_only_professionals_and_connectors_open_the_refer_form(w, browser):
    url = f"/services/{w.service_a.id}/refer"
    assert browser().get(url).status_code == 302  # to sign in
    for role in (Role.EDITOR, Role.ADMIN, Role.COMMISSIONER):
        person = staff(role, f"{role.value}@example.org")
        assert browser(person).get(url).status_code == 403
    assert browser(w.member_a).get(url).status_code == 403
    assert "Refer someone to Community connector support" in page(browser(w.connector_b), url)


def test_without_the_second_factor_a_professional_is_sent_to_it(w, browser):
    gp = browser(w.gp, second_factor=False)
    item = referral(w.service_a, w.gp)
    for url in (f"/services/{w.service_a.id}/refer", f"/referrals/{item.id}", "/referrals"):
        response = gp.get(url)
        assert response.status_code == 302
        assert not response.location.startswith(url) and "/sign-in?" not in response.location


def test_a_person_refers_themselves_without_an_account(w, browser):
    visitor = browser()
    url = f"/services/{w.service_b.id}/refer-yourself"
    form = page(visitor, url)
    assert "Your full name" in form and "referrer_practice" not in form
    response = send(
        visitor,
        url,
        **{
            **REFERRAL_FORM,
            "person_email": "pat@example.net",
            "consent_scope": "To share my details",
        },
    )
    assert response.status_code == 302
    [made] = db.session.scalars(select(Referral)).all()
    assert made.source is ReferralSource.SELF and made.consent_given_by.startswith("The person")
    confirmation = text(page(visitor, response.location))
    assert made.reference in confirmation and "Pat" not in confirmation
    assert any(m.to == "pat@example.net" for m in outbox_messages())


def test_the_self_referral_form_needs_consent_and_csrf_and_is_rate_limited(w, browser):
    visitor = browser()
    url = f"/services/{w.service_b.id}/refer-yourself"
    response = send(visitor, url, **{**REFERRAL_FORM, "consent": "", "consent_scope": "Mine"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert error_next_to(html, "consent") == "Confirm that you agree to share these details"
    assert visitor.post(url, data=REFERRAL_FORM).status_code == 400  # no CSRF token
    for _ in range(4):  # five tries an hour (the one without a token never reached the form)
        assert send(visitor, url, **{**REFERRAL_FORM, "consent": ""}).status_code == 400
    assert send(visitor, url, **REFERRAL_FORM, consent_scope="Mine").status_code == 429
    assert db.session.scalars(select(Referral)).all() == []


# --- one referral: who sees what ----------------------------------------------------------------


def test_the_receiving_organisation_sees_the_record_and_each_view_is_logged(w, browser):
    item = referral(w.service_a, w.gp, person_name="Pat <b>Quinlan</b>")
    html = page(browser(w.connector_a), f"/referrals/{item.id}")
    assert "Pat &lt;b&gt;Quinlan&lt;/b&gt;" in html and "<b>Quinlan" not in html
    shown = text(html)
    assert "Getting out of the house again" in shown and "Social isolation" in shown
    assert "What has happened?" in shown and "Dr Ann Lee" in shown
    page(browser(w.member_a), f"/referrals/{item.id}")
    views = db.session.scalars(
        select(PersonalDataLog.user_id).where(PersonalDataLog.action == "viewed")
    ).all()
    assert views == [w.connector_a.id, w.member_a.id]


def test_another_organisation_and_the_directory_team_are_refused(w, browser):
    item = referral(w.service_a, w.gp)
    assert browser(w.connector_b).get(f"/referrals/{item.id}").status_code == 403
    for role in (Role.EDITOR, Role.ADMIN, Role.COMMISSIONER):
        person = staff(role, f"{role.value}@example.org")
        assert browser(person).get(f"/referrals/{item.id}").status_code == 403
    b_case = referral(w.service_b, w.gp)
    assert browser(w.connector_a).get(f"/referrals/{b_case.id}").status_code == 403
    assert browser(w.member_a).get(f"/referrals/{b_case.id}").status_code == 403


def test_the_referring_gp_sees_it_but_cannot_change_it(w, browser):
    item = referral(w.service_a, w.gp)
    gp = browser(w.gp)
    shown = text(page(gp, f"/referrals/{item.id}"))
    assert item.reference in shown and "What has happened?" not in shown
    assert "The journal is kept by Bracknell Community Connectors" in shown
    token = csrf_token(page(gp, f"/services/{w.service_a.id}/refer"))
    for path, data in (
        ("state", {"state": "accepted"}),
        ("assign", {"take": "yes"}),
        ("journal", {"journal_text": "Hello"}),
        ("goals", {"goal_text": "A goal"}),
        ("connections", {"activity_name": "Bowls"}),
    ):
        response = gp.post(f"/referrals/{item.id}/{path}", data={"csrf_token": token, **data})
        assert response.status_code == 403, path
    db.session.refresh(item)
    assert item.state is ReferralState.NEW and item.journal == [] and item.connections == []


def test_an_anonymised_referral_shows_anonymised(w, browser):
    item = referral(w.service_a, w.gp, state=ReferralState.COMPLETED)
    item.anonymised_at = utcnow()
    db.session.commit()
    shown = text(page(browser(w.connector_a), f"/referrals/{item.id}"))
    assert "Anonymised" in shown and "Getting out of the house" not in shown
    assert "Pat Example" not in shown


# --- lists ----------------------------------------------------------------------------------------


def test_the_lists_show_each_persons_own_referrals_with_states_and_overdue(w, browser):
    old = datetime.now(UTC) - timedelta(days=30)
    late = referral(w.service_a, w.gp, person_name="Alex Late", created_at=old)
    b_case = referral(w.service_b, w.gp, person_name="Bea Other", state=ReferralState.ACCEPTED)
    mine = referral(w.service_a, w.connector_b, person_name="Cal Mine", connector=w.connector_a)

    connector = text(page(browser(w.connector_a), "/referrals"))
    assert "Alex Late" in connector and "Cal Mine" in connector and "Bea Other" not in connector
    assert "Assigned to me (1)" in connector and "To my organisation (2)" in connector
    assert "Overdue" in connector
    gp = text(page(browser(w.gp), "/referrals"))
    assert "Sent by me (2)" in gp and "Bea Other" in gp and "Accepted" in gp
    sent_by_b = text(page(browser(w.connector_b), "/referrals"))
    assert "Cal Mine" in sent_by_b and "Bea Other" in sent_by_b and "Alex Late" not in sent_by_b
    assert late.reference not in sent_by_b and b_case.reference in sent_by_b
    assert mine.reference in connector
    assert browser(staff(Role.EDITOR, "eve@example.org")).get("/referrals").status_code == 403


def test_the_caseload_lists_the_people_assigned_to_me(w, browser):
    case = referral(w.service_a, w.gp, person_name="Dee Case", connector=w.connector_a)
    referral(w.service_a, w.gp, person_name="Ed Unassigned")
    closed = referral(
        w.service_a,
        w.gp,
        person_name="Flo Done",
        connector=w.connector_a,
        state=ReferralState.COMPLETED,
    )
    casework.add_journal_entry(case, w.connector_a, "Met", TODAY - timedelta(days=1))
    casework.connect_activity(case, w.connector_a, activity_name="Bowls")
    html = page(browser(w.connector_a), "/caseload")
    shown = text(html)
    assert "Dee Case" in shown and "Ed Unassigned" not in shown
    assert shown.index("Dee Case") < shown.index(closed.person_name)  # open ones first
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Dee Case.*?</tr>", html, flags=re.S).group(0)
    assert format_date(TODAY - timedelta(days=1)) in text(row) and ">1<" in row.replace(" ", "")
    assert browser(w.gp).get("/caseload").status_code == 403


# --- changing a referral ------------------------------------------------------------------------


def test_a_connector_accepts_and_a_decline_needs_a_reason(w, browser):
    item = referral(w.service_a, w.gp)
    connector = browser(w.connector_a)
    url = f"/referrals/{item.id}"
    response = send(connector, url, f"{url}/state", state="declined", note="Tried twice")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert error_next_to(html, "declined_reason") == "Say why the referral was declined"
    assert "Tried twice" in html

    response = send(connector, url, f"{url}/state", state="accepted")
    assert response.status_code == 302
    shown = text(page(connector, url))
    assert f"Referral {item.reference} is now: Accepted" in shown
    assert "New to Accepted" in shown
    assert any("is now: Accepted" in m.subject and m.to == w.gp.email for m in outbox_messages())

    response = send(connector, url, f"{url}/state", state="new")
    assert response.status_code == 400
    assert "cannot become new" in error_next_to(response.get_data(as_text=True), "state")


def test_a_connector_takes_a_referral_and_only_the_organisations_connectors_are_offered(w, browser):
    item = referral(w.service_a, w.gp)
    member = browser(w.member_a)
    url = f"/referrals/{item.id}"
    form = page(member, url)
    assert "Connie A" in form and "Colin B" not in form and "Take it on myself" not in form
    response = send(member, url, f"{url}/assign", connector=str(w.connector_b.id))
    assert response.status_code == 400
    assert "Choose a connector who works for" in error_next_to(
        response.get_data(as_text=True), "connector"
    )

    connector = browser(w.connector_a)
    assert send(connector, url, f"{url}/assign", take="yes").status_code == 302
    db.session.refresh(item)
    assert item.assigned_connector_id == w.connector_a.id
    assert "Assigned to Connie A" in text(page(connector, url))


def test_journal_goals_and_activities_from_the_record(w, browser):
    walk = factories.service("Health walk", org=w.org_b)
    reindex_all()
    item = referral(w.service_a, w.gp, connector=w.connector_a)
    connector = browser(w.connector_a)
    url = f"/referrals/{item.id}"

    future = (TODAY + timedelta(days=2)).isoformat()
    response = send(
        connector, url, f"{url}/journal", journal_text="Met <today>", journal_date=future
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert error_next_to(html, "journal_date") == "The note’s date must be today or in the past"
    assert "Met &lt;today&gt;" in html
    assert (
        send(
            connector, url, f"{url}/journal", journal_text="Met at the library", journal_date=""
        ).status_code
        == 302
    )

    assert send(connector, url, f"{url}/goals", goal_text="Join a choir").status_code == 302
    [goal] = casework_goals(item)
    assert send(connector, url, f"{url}/goals/{goal.id}/achieved").status_code == 302

    found = page(connector, f"{url}?find=health+walk")
    assert f'value="{walk.id}"' in found
    assert (
        send(
            connector, url, f"{url}/connections", activity_service=str(walk.id), connected_on=""
        ).status_code
        == 302
    )
    response = send(connector, url, f"{url}/connections", activity_name="", activity_service="")
    assert response.status_code == 400
    assert "Choose an activity or type its name" in error_next_to(
        response.get_data(as_text=True), "activity_name"
    )
    db.session.refresh(item)
    [connection] = item.connections
    field = f"attendance-{connection.id}"
    update = f"{url}/connections/{connection.id}"
    assert send(connector, url, update, **{field: "went"}).status_code == 302
    db.session.refresh(connection)
    assert connection.attendance is Attendance.WENT

    shown = text(page(connector, url))
    assert "Met at the library" in shown and "Join a choir" in shown and "Achieved" in shown
    assert "Health walk" in shown
    actions = db.session.scalars(select(PersonalDataLog.action)).all()
    for action in (
        "added journal note",
        "added goal",
        "marked goal achieved",
        "connected to activity",
        "updated attendance",
    ):
        assert action in actions


def casework_goals(item):
    db.session.refresh(item)
    return item.goals


# --- the directory team's overdue list and a listing's settings -----------------------------------


def test_editors_see_overdue_referrals_without_personal_data(w, browser):
    old = datetime.now(UTC) - timedelta(days=30)
    late = referral(w.service_a, w.gp, person_name="Alex Late", created_at=old)
    referral(w.service_b, w.gp, person_name="Bea Fresh")
    editor = browser(staff(Role.EDITOR, "eve@example.org"), second_factor=False)
    shown = text(page(editor, "/moderation/overdue-referrals"))
    assert late.reference in shown and "Bracknell Community Connectors" in shown
    assert "Alex" not in shown and "Getting out" not in shown and "07700" not in shown
    assert "Bea" not in shown and "Sandhurst Befrienders" not in shown
    assert "Not yet" in shown
    assert browser(w.gp).get("/moderation/overdue-referrals").status_code == 403
    assert browser(w.connector_a).get("/moderation/overdue-referrals").status_code == 403


def test_the_organisation_switches_referrals_on_and_off(w, browser):
    url = f"/listings/{w.service_a.id}/referrals"
    member = browser(w.member_a, second_factor=False)
    assert "Take referrals for this activity" in page(member, url)
    response = send(member, url, referral_email="not an address", accepts_referrals="yes")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert error_next_to(html, "referral_email").startswith("Enter an email address like")
    assert 'value="not an address"' in html

    assert send(member, url, referral_email="").status_code == 302
    db.session.refresh(w.service_a)
    assert not w.service_a.accepts_referrals and w.service_a.referral_email is None
    assert browser(w.connector_b).get(url).status_code == 403
    assert browser().get(url).status_code == 302
    editor = browser(staff(Role.EDITOR, "eve@example.org"), second_factor=False)
    response = send(editor, url, accepts_referrals="yes", referral_email="in@example.org")
    assert response.status_code == 302
    db.session.refresh(w.service_a)
    assert w.service_a.accepts_referrals and w.service_a.referral_email == "in@example.org"

"""The outcome pages: questionnaires, monitoring, export, erasure, settings and the data log."""

import json
import re
from datetime import date

import pytest
from flask import render_template
from flask_login import login_user
from sqlalchemy import select

from portal.accounts.models import Role
from portal.extensions import db
from portal.prescribing.access import log_access
from portal.prescribing.models import (
    PersonalDataLog,
    QuestionnaireResponse,
    QuestionnaireStage,
)
from portal.prescribing.outcomes.questionnaires import record_response
from portal.prescribing.outcomes.views import outcomes_for
from tests import factories
from tests.prescribing.factories import pass_second_factor, referral, world
from tests.support import csrf_token, sign_in

ONS = {"life_satisfaction": "6", "worthwhile": "7", "happiness": "5", "anxiety": "2"}


@pytest.fixture
def people(app):
    return world()


@pytest.fixture
def made(people):
    return referral(people.service_a, people.gp, connector=people.connector_a)


def browser(app, user, second_factor=True):
    client = app.test_client()
    sign_in(client, user)
    if second_factor:
        pass_second_factor(client, user)
    return client


def post(client, url, data):
    token = csrf_token(client.get(url).get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token})


def actions(item) -> list[str]:
    query = select(PersonalDataLog.action).where(PersonalDataLog.referral_id == item.id)
    return list(db.session.scalars(query.order_by(PersonalDataLog.id)))


def questionnaire_url(item, stage="referral", key="ons4"):
    return f"/referrals/{item.id}/questionnaires/{stage}/{key}"


# --- questionnaires -----------------------------------------------------------------------------


def test_the_questionnaire_asks_each_question_in_a_fieldset_and_logs_the_view(app, people, made):
    client = browser(app, people.connector_a)

    response = client.get(questionnaire_url(made))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count("<fieldset") == 4
    assert re.search(r"<legend[^>]*>\s*Overall, how anxious did you feel yesterday\?", page)
    assert "A lower score is better" in page
    assert '<label class="govuk-label govuk-radios__label" for="anxiety">0 – Not at all' in page
    assert "10 – Completely" in page
    assert actions(made) == ["viewed questionnaire"]


def test_answers_are_saved_and_the_person_goes_back_to_the_referral(app, people, made):
    client = browser(app, people.connector_a)

    response = post(client, questionnaire_url(made, "exit"), {**ONS, "answered_on": "2026-11-20"})

    assert response.status_code == 302
    assert response.headers["Location"] == f"/referrals/{made.id}#outcomes"
    saved = db.session.scalars(select(QuestionnaireResponse)).one()
    assert saved.stage is QuestionnaireStage.EXIT and saved.answers["anxiety"] == 2
    assert saved.answered_on == date(2026, 11, 20)
    again = client.get(questionnaire_url(made, "exit")).get_data(as_text=True)
    assert 'id="anxiety-3" name="anxiety" type="radio" value="2" checked' in again


def test_missing_answers_get_a_message_each_and_keep_the_others(app, people, made):
    client = browser(app, people.connector_a)

    response = post(
        client,
        questionnaire_url(made),
        {"life_satisfaction": "6", "happiness": "12", "answered_on": "31/02/2026"},
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Error: Personal wellbeing" in page
    assert 'href="#worthwhile">Answer question 2 (things done in life are worthwhile)' in page
    assert 'href="#happiness">Answer question 3' in page
    assert 'href="#answered_on">Enter the date it was answered as a real date' in page
    assert 'name="life_satisfaction" type="radio" value="6" checked' in page
    assert 'value="31/02/2026"' in page
    assert db.session.scalars(select(QuestionnaireResponse)).all() == []


def test_a_questionnaire_switched_off_is_not_offered_and_its_page_is_not_found(app, people, made):
    admin = factories.user("ada@example.org", role=Role.ADMIN, name="Ada Admin")
    admin_client = browser(app, admin, second_factor=False)
    saved = post(admin_client, "/admin/prescribing", {"questionnaires": ["connect5"]})
    assert saved.status_code == 302
    assert "Saved which questionnaires" in admin_client.get("/admin/prescribing").get_data(
        as_text=True
    )

    client = browser(app, people.connector_a)
    assert client.get(questionnaire_url(made, key="ons4")).status_code == 404
    assert client.get(questionnaire_url(made, key="connect5")).status_code == 200
    assert client.get(questionnaire_url(made, stage="middle", key="connect5")).status_code == 404

    with app.test_request_context("/"):
        login_user(people.connector_a)
        panel = render_template(
            "prescribing/referrals/_outcomes.html", referral=made, outcomes=outcomes_for(made)
        )
    assert "Connect4Life’s five questions" in panel and "Personal wellbeing" not in panel
    assert questionnaire_url(made, "exit", "connect5") in panel


def test_the_referral_page_panels_show_answered_and_missing_and_the_links(app, people, made):
    record_response(
        made, people.connector_a, "ons4", QuestionnaireStage.REFERRAL, ONS, date(2026, 11, 2)
    )
    with app.test_request_context("/"):
        login_user(people.connector_a)
        panel = render_template(
            "prescribing/referrals/_outcomes.html", referral=made, outcomes=outcomes_for(made)
        )
        privacy = render_template(
            "prescribing/referrals/_privacy.html", referral=made, outcomes=outcomes_for(made)
        )
    assert "Answered</strong> 2 November 2026" in panel
    assert panel.count("Not answered") == 3
    assert f"/referrals/{made.id}/monitoring" in panel
    assert f"/referrals/{made.id}/export.json" in privacy
    assert f"/referrals/{made.id}/erase" in privacy

    with app.test_request_context("/"):
        login_user(people.gp)  # the referrer sees the summary, without the links
        panel = render_template(
            "prescribing/referrals/_outcomes.html", referral=made, outcomes=outcomes_for(made)
        )
        privacy = render_template(
            "prescribing/referrals/_privacy.html", referral=made, outcomes=outcomes_for(made)
        )
    assert "Answered" in panel and "/questionnaires/" not in panel and "/monitoring" not in panel
    assert "/erase" not in privacy


def test_personal_data_pages_need_the_second_factor(app, people, made):
    client = browser(app, people.connector_a, second_factor=False)

    response = client.get(questionnaire_url(made))

    assert response.status_code == 302
    assert "/account/second-factor" in response.headers["Location"]
    assert actions(made) == []


@pytest.mark.parametrize("who", ["gp", "connector_b"])
def test_the_referrer_and_other_organisations_cannot_fill_in_questionnaires(app, people, made, who):
    client = browser(app, getattr(people, who))
    assert client.get(questionnaire_url(made)).status_code == 403
    assert client.get(f"/referrals/{made.id}/monitoring").status_code == 403


# --- monitoring ---------------------------------------------------------------------------------


def test_monitoring_is_saved_and_bad_numbers_are_explained(app, people, made):
    client = browser(app, people.connector_a)
    url = f"/referrals/{made.id}/monitoring"
    page = client.get(url).get_data(as_text=True)
    assert re.search(r"<legend[^>]*>\s*Ethnic group", page)
    assert "Mixed or Multiple ethnic groups" in page and "Not recorded" in page

    bad = post(client, url, {"gender": "Man", "gp_visits_before": "75"})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert 'href="#gp_visits_before">Enter the number of GP visits in the month before' in text
    assert 'value="Man" checked' in text and 'value="75"' in text

    good = post(client, url, {"gender": "Man", "age_range": "85+", "gp_visits_before": "3"})
    assert good.status_code == 302
    db.session.expire_all()
    assert (made.gender, made.age_range, made.gp_visits_before) == ("Man", "85+", 3)
    assert "changed monitoring" in actions(made)


# --- export and erasure -------------------------------------------------------------------------


def test_export_downloads_the_persons_data(app, people, made):
    client = browser(app, people.connector_a)

    response = client.get(f"/referrals/{made.id}/export.json")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="referral-{made.reference}.json"'
    data = json.loads(response.get_data(as_text=True))
    assert data["person"]["name"] == "Pat Example"
    assert data["person"]["phone"] == "07700 900123"
    assert actions(made)[-1] == "exported"


def test_erasing_asks_first_then_removes_the_data(app, people, made):
    client = browser(app, people.member_a)
    url = f"/referrals/{made.id}/erase"
    page = client.get(url).get_data(as_text=True)
    assert "This cannot be undone" in page and made.reference in page
    assert made.person_name == "Pat Example"

    response = post(client, url, {})

    assert response.status_code == 302 and response.headers["Location"] == "/referrals"
    db.session.expire_all()
    assert made.person_name == "" and made.person_phone is None
    assert actions(made)[-1] == "erased"
    shown = client.get("/account").get_data(as_text=True)
    assert f"Erased the personal data in referral {made.reference}" in shown


@pytest.mark.parametrize("who", ["connector_b", "gp", "commissioner"])
def test_others_cannot_export_or_erase(app, people, made, who):
    if who == "commissioner":
        user = factories.user("cleo@example.org", role=Role.COMMISSIONER, name="Cleo")
    else:
        user = getattr(people, who)
    client = browser(app, user)

    assert client.get(f"/referrals/{made.id}/export.json").status_code == 403
    assert client.get(questionnaire_url(made)).status_code == 403
    assert client.get(f"/referrals/{made.id}/monitoring").status_code == 403
    assert client.get(f"/referrals/{made.id}/erase").status_code == 403
    token = csrf_token(client.get("/account/password").get_data(as_text=True))
    assert client.post(f"/referrals/{made.id}/erase", data={"csrf_token": token}).status_code == 403
    db.session.expire_all()
    assert made.person_name == "Pat Example"
    assert "erased" not in actions(made)


# --- administrators -----------------------------------------------------------------------------


@pytest.fixture
def admin(people):
    return factories.user("ada@example.org", role=Role.ADMIN, name="Ada Admin")


def test_at_least_one_questionnaire_must_stay_on(app, admin):
    client = browser(app, admin, second_factor=False)
    page = client.get("/admin/prescribing").get_data(as_text=True)
    assert re.search(r'value="ons4" checked', page) and re.search(r'value="connect5" checked', page)

    response = post(client, "/admin/prescribing", {})

    assert response.status_code == 400
    assert 'href="#questionnaires">Choose at least one questionnaire to use' in response.get_data(
        as_text=True
    )


def test_the_data_log_lists_who_did_what_newest_first_by_reference(app, people, made, admin):
    other = referral(people.service_b, people.gp)
    log_access(people.connector_a, made, "viewed")
    log_access(people.connector_b, other, "viewed")
    log_access(None, made, "anonymised")
    db.session.commit()
    client = browser(app, admin, second_factor=False)

    page = client.get(f"/admin/personal-data-log?reference={made.reference.lower()}").get_data(
        as_text=True
    )

    assert "<caption" in page
    assert page.index("The portal (automatic)") < page.index("Connie A (connie@example.org)")
    assert other.reference not in page and "Colin B" not in page
    everything = client.get("/admin/personal-data-log").get_data(as_text=True)
    assert other.reference in everything and "Colin B" in everything


def test_the_data_log_is_paginated(app, people, made, admin):
    for number in range(55):
        log_access(people.connector_a, made, "viewed", f"look {number}")
    db.session.commit()
    client = browser(app, admin, second_factor=False)

    first = client.get("/admin/personal-data-log").get_data(as_text=True)
    second = client.get("/admin/personal-data-log?page=2").get_data(as_text=True)

    assert "look 54" in first and "look 4<" not in first and 'rel="next"' in first
    assert "look 4<" in second and "look 54" not in second


@pytest.mark.parametrize("url", ["/admin/prescribing", "/admin/personal-data-log"])
def test_only_administrators_see_the_settings_and_log(app, people, url):
    commissioner = factories.user("cleo@example.org", role=Role.COMMISSIONER, name="Cleo")
    for user in (commissioner, people.connector_a):
        assert browser(app, user).get(url).status_code == 403

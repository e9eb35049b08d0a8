"""Questionnaires at referral and exit, which ones are in use, and the optional monitoring."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.accounts.models import Role
from portal.extensions import db
from portal.prescribing.models import (
    PersonalDataLog,
    QuestionnaireResponse,
    QuestionnaireStage,
)
from portal.prescribing.outcomes import questionnaires
from portal.prescribing.outcomes.questionnaires import (
    CATALOGUE,
    AnswersInvalid,
    record_response,
    set_in_use,
    set_monitoring,
)
from portal.validation import NotAllowed, ValidationFailed
from tests import factories
from tests.prescribing.factories import referral, world

ONS_GOOD = {"life_satisfaction": 6, "worthwhile": "7", "happiness": 5, "anxiety": 3}
TODAY = date.today()


@pytest.fixture
def people(app):
    return world()


@pytest.fixture
def made(people):
    return referral(people.service_a, people.gp, connector=people.connector_a)


def logged(item) -> list[str]:
    query = select(PersonalDataLog.action).where(PersonalDataLog.referral_id == item.id)
    return list(db.session.scalars(query.order_by(PersonalDataLog.id)))


def test_the_catalogue_has_the_ons4_questions_and_connect4lifes_five():
    ons4, connect5 = CATALOGUE["ons4"], CATALOGUE["connect5"]
    assert [q.text for q in ons4.questions] == [
        "Overall, how satisfied are you with your life nowadays?",
        "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
        "Overall, how happy did you feel yesterday?",
        "Overall, how anxious did you feel yesterday?",
    ]
    assert all((q.minimum, q.maximum) == (0, 10) for q in ons4.questions)
    assert ons4.questions[0].scale[0] == (0, "Not at all")
    assert ons4.questions[0].scale[-1] == (10, "Completely")
    assert [q.lower_is_better for q in ons4.questions] == [False, False, False, True]
    assert len(connect5.questions) == 5
    assert connect5.questions[4].text.endswith("has been a benefit to your family?")
    assert all(len(q.scale) == 5 and all(label for _, label in q.scale) for q in connect5.questions)


def test_a_response_is_saved_with_each_score_and_logged(made, people):
    saved = record_response(
        made, people.connector_a, "ons4", QuestionnaireStage.REFERRAL, ONS_GOOD, TODAY
    )

    assert saved.answers == {"life_satisfaction": 6, "worthwhile": 7, "happiness": 5, "anxiety": 3}
    assert saved.recorded_by_id == people.connector_a.id
    assert logged(made) == ["recorded questionnaire"]


def test_every_question_must_be_answered_with_a_whole_number_in_range(made, people):
    answers = {"life_satisfaction": 11, "worthwhile": "seven", "happiness": ""}

    with pytest.raises(AnswersInvalid) as raised:
        record_response(
            made, people.connector_a, "ons4", QuestionnaireStage.REFERRAL, answers, TODAY
        )

    assert raised.value.problems == {
        "life_satisfaction": "Answer question 1 (life satisfaction) with a score from 0 to 10",
        "worthwhile": "Answer question 2 (things done in life are worthwhile) with a score "
        "from 0 to 10",
        "happiness": "Answer question 3 (happiness yesterday) with a score from 0 to 10",
        "anxiety": "Answer question 4 (anxiety yesterday) with a score from 0 to 10",
    }
    assert db.session.scalars(select(QuestionnaireResponse)).all() == []


def test_connect5_answers_run_from_1_to_5(made, people):
    answers = {"connected": 0, "satisfied": 3, "health": 3, "contribution": 5, "family": 6}

    with pytest.raises(AnswersInvalid) as raised:
        record_response(
            made, people.connector_a, "connect5", QuestionnaireStage.EXIT, answers, TODAY
        )

    assert set(raised.value.problems) == {"connected", "family"}
    assert "score from 1 to 5" in raised.value.problems["connected"]


def test_answering_again_at_the_same_stage_replaces_the_earlier_answers(made, people):
    stage = QuestionnaireStage.REFERRAL
    record_response(made, people.connector_a, "ons4", stage, ONS_GOOD, TODAY - timedelta(days=3))
    record_response(made, people.connector_a, "ons4", stage, {**ONS_GOOD, "anxiety": 9}, TODAY)
    record_response(made, people.connector_a, "ons4", QuestionnaireStage.EXIT, ONS_GOOD, TODAY)

    rows = db.session.scalars(
        select(QuestionnaireResponse).where(QuestionnaireResponse.stage == stage)
    ).all()
    assert len(rows) == 1
    assert rows[0].answers["anxiety"] == 9 and rows[0].answered_on == TODAY
    assert logged(made) == [
        "recorded questionnaire",
        "changed questionnaire",
        "recorded questionnaire",
    ]


def test_a_date_in_the_future_is_refused(made, people):
    with pytest.raises(ValidationFailed) as raised:
        record_response(
            made,
            people.connector_a,
            "ons4",
            QuestionnaireStage.EXIT,
            ONS_GOOD,
            TODAY + timedelta(days=1),
        )
    assert raised.value.field == "answered_on"


def test_only_the_receiving_organisation_and_connector_record_answers(made, people):
    for outsider in (people.gp, people.connector_b):
        with pytest.raises(NotAllowed):
            record_response(made, outsider, "ons4", QuestionnaireStage.REFERRAL, ONS_GOOD, TODAY)
    record_response(made, people.member_a, "ons4", QuestionnaireStage.REFERRAL, ONS_GOOD, TODAY)


def test_both_questionnaires_are_in_use_until_an_administrator_chooses(made, people):
    admin = factories.user("ada@example.org", role=Role.ADMIN, name="Ada Admin")
    assert questionnaires.in_use() == ["ons4", "connect5"]

    assert set_in_use(admin, ["connect5"]) == ["connect5"]

    assert questionnaires.in_use() == ["connect5"]
    with pytest.raises(ValidationFailed) as raised:
        record_response(
            made, people.connector_a, "ons4", QuestionnaireStage.REFERRAL, ONS_GOOD, TODAY
        )
    assert raised.value.message == "That questionnaire is not in use"


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ([], "Choose at least one questionnaire to use"),
        (["ons4", "wemwbs"], "Choose questionnaires from the list"),
    ],
)
def test_at_least_one_catalogued_questionnaire_stays_on(app, keys, message):
    admin = factories.user("ada@example.org", role=Role.ADMIN, name="Ada Admin")
    with pytest.raises(ValidationFailed) as raised:
        set_in_use(admin, keys)
    assert raised.value.message == message
    assert questionnaires.in_use() == ["ons4", "connect5"]


def test_monitoring_is_optional_and_recorded_when_given(made, people):
    set_monitoring(
        made,
        people.connector_a,
        gender="Woman",
        age_range="75-84",
        ethnicity="White",
        client_group="Carers",
        gp_visits_before="4",
        gp_visits_after="",
    )

    db.session.expire_all()
    assert (made.gender, made.age_range, made.ethnicity, made.client_group) == (
        "Woman",
        "75-84",
        "White",
        "Carers",
    )
    assert (made.gp_visits_before, made.gp_visits_after) == (4, None)
    assert logged(made) == ["changed monitoring"]

    set_monitoring(made, people.connector_a, gender="", gp_visits_after=1)
    assert (made.gender, made.age_range, made.gp_visits_after) == (None, "75-84", 1)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"gp_visits_before": "61"}, "gp_visits_before", "from 0 to 60"),
        ({"gp_visits_after": "-1"}, "gp_visits_after", "the month after referral"),
        ({"gp_visits_before": "two"}, "gp_visits_before", "whole number"),
        ({"ethnicity": "Martian"}, "ethnicity", "Choose an ethnic group from the list"),
        ({"age_range": "100+"}, "age_range", "Choose an age range from the list"),
    ],
)
def test_monitoring_values_must_be_ones_offered(made, people, fields, field, words):
    with pytest.raises(ValidationFailed) as raised:
        set_monitoring(made, people.connector_a, **fields)
    assert raised.value.field == field and words in raised.value.message
    db.session.expire_all()
    assert made.gp_visits_before is None and made.ethnicity is None


def test_the_referrer_cannot_change_monitoring(made, people):
    with pytest.raises(NotAllowed):
        set_monitoring(made, people.gp, gender="Man")

"""Retention (purge after the configured months), export and erasure on request."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.db import utcnow
from portal.extensions import db
from portal.prescribing import privacy
from portal.prescribing.models import (
    Attendance,
    Connection,
    Goal,
    JournalEntry,
    PersonalDataLog,
    QuestionnaireResponse,
    QuestionnaireStage,
    ReferralEvent,
    ReferralState,
)
from portal.prescribing.outcomes import reports
from portal.prescribing.outcomes.questionnaires import record_response, set_monitoring
from portal.validation import NotAllowed
from tests.prescribing.factories import referral, world

NOW = datetime(2026, 11, 15, 9, 30, tzinfo=UTC)
ONS = {"life_satisfaction": 4, "worthwhile": 5, "happiness": 3, "anxiety": 7}


@pytest.fixture
def people(app):
    return world()


def with_casework(item, people):
    """Notes, a journal, a goal, an activity and answers: everything a referral gathers."""
    item.reason_detail = "Lost her husband in the spring"
    item.declined_reason = ""
    db.session.add_all(
        [
            ReferralEvent(
                referral=item,
                to_state=item.state,
                summary="Spoke to Pat, who wants to try the walking group",
            ),
            JournalEntry(referral=item, written_on=date(2025, 9, 1), text="Met Pat at home"),
            Goal(referral=item, text="Walk to the shops by herself"),
            Connection(
                referral=item,
                activity_name="Tuesday Chatter Café",
                connected_on=date(2025, 9, 2),
                attendance=Attendance.WENT,
                note="Pat's daughter drove her",
            ),
        ]
    )
    db.session.commit()
    for stage in QuestionnaireStage:
        record_response(item, people.connector_a, "ons4", stage, ONS, date(2025, 9, 3))
    set_monitoring(item, people.connector_a, age_range="75-84", gp_visits_before=3)
    return item


def closed(people, closed_at, state=ReferralState.COMPLETED, **fields):
    item = referral(
        people.service_a,
        people.gp,
        state=state,
        created_at=closed_at - timedelta(days=60),
        connector=people.connector_a,
        **fields,
    )
    item.closed_at = closed_at
    db.session.commit()
    return with_casework(item, people)


def actions(item) -> list[tuple[str, object]]:
    query = select(PersonalDataLog).where(PersonalDataLog.reference == item.reference)
    return [(e.action, e.user_id) for e in db.session.scalars(query.order_by(PersonalDataLog.id))]


def test_months_before_is_calendar_months():
    assert privacy.months_before(NOW, 12) == datetime(2025, 11, 15, 9, 30, tzinfo=UTC)
    march = datetime(2026, 3, 31, tzinfo=UTC)
    assert privacy.months_before(march, 1) == datetime(2026, 2, 28, tzinfo=UTC)
    assert privacy.months_before(march, 13) == datetime(2025, 2, 28, tzinfo=UTC)


def test_purge_anonymises_referrals_closed_12_months_ago_and_no_later(people):
    boundary = privacy.months_before(NOW, 12)
    due = closed(people, boundary)
    not_yet = closed(people, boundary + timedelta(days=1))
    still_open = referral(
        people.service_a, people.gp, state=ReferralState.IN_PROGRESS, created_at=NOW.replace(2020)
    )

    assert privacy.purge(NOW, 12) == 1

    db.session.expire_all()
    assert due.anonymised_at is not None and due.person_name == ""
    assert not_yet.anonymised_at is None and not_yet.person_name == "Pat Example"
    assert still_open.anonymised_at is None and still_open.person_phone == "07700 900123"
    assert actions(due)[-1] == ("anonymised", None)
    assert privacy.purge(NOW, 12) == 0  # already done


def test_anonymising_removes_what_identifies_the_person_and_keeps_the_figures(people):
    item = closed(people, datetime(2025, 1, 10, tzinfo=UTC), state=ReferralState.DECLINED)
    item.declined_reason = "Pat's son says she has moved to Leeds"
    db.session.commit()

    privacy.purge(NOW, 12)

    db.session.expire_all()
    assert (item.person_name, item.person_email, item.person_phone) == ("", None, None)
    assert (item.what_matters, item.reason_detail, item.declined_reason) == ("", "", "")
    assert item.consent_given_by == ""
    assert [e.summary for e in item.events] == [""]
    assert item.journal == [] and item.goals == []
    assert db.session.scalars(select(JournalEntry)).all() == []
    assert [(c.activity_name, c.note) for c in item.connections] == [("Tuesday Chatter Café", "")]
    assert item.reason.label == "Social isolation or loneliness"
    assert item.referrer_practice == "Heath Hill Surgery"
    assert item.state is ReferralState.DECLINED and item.created_at is not None
    assert (item.age_range, item.gp_visits_before) == ("75-84", 3)
    assert len(item.responses) == 2


def test_a_self_referrers_own_name_goes_too(people):
    item = referral(people.service_a, None, state=ReferralState.COMPLETED, person_name="Sid Self")
    item.closed_at = datetime(2024, 5, 1, tzinfo=UTC)
    db.session.commit()
    assert item.referrer_name == "Sid Self"

    privacy.purge(NOW, 12)

    db.session.expire_all()
    assert item.referrer_name == "" and item.person_name == ""


def test_the_report_counts_the_same_after_purge(people):
    item = closed(people, datetime(2025, 1, 10, tzinfo=UTC))
    period = reports.DateRange(date(2024, 1, 1), date(2026, 12, 31))
    before = reports.build_report(period)

    privacy.purge(NOW, 12)

    db.session.expire_all()
    after = reports.build_report(period)
    assert item.anonymised_at is not None
    assert (after.total, after.by_reason, after.by_state) == (
        before.total,
        before.by_reason,
        before.by_state,
    )
    assert after.items == before.items and after.items["Personal wellbeing (ONS4)"][0].count == 1


def test_the_purge_command_uses_the_months_given(app, people):
    item = closed(people, utcnow() - timedelta(days=100))

    result = app.test_cli_runner().invoke(args=["prescribing", "purge", "--months", "6"])
    assert result.exit_code == 0
    assert "Anonymised 0 closed referrals (6 months)." in result.output

    result = app.test_cli_runner().invoke(args=["prescribing", "purge", "--months", "3"])
    assert "Anonymised 1 closed referral (3 months)." in result.output
    db.session.expire_all()
    assert item.person_name == ""

    default = app.test_cli_runner().invoke(args=["prescribing", "purge"])
    assert "(12 months)" in default.output


def test_export_holds_everything_about_the_person_and_is_logged(people):
    item = closed(people, NOW - timedelta(days=5))

    data = privacy.export_person(item, people.connector_a)

    assert data["person"] == {
        "name": "Pat Example",
        "email": "pat@example.org",
        "phone": "07700 900123",
        "contact_preference": "Phone call",
        "what_matters": "Getting out of the house again",
    }
    assert data["referral"]["reference"] == item.reference
    assert data["referral"]["reason_detail"] == "Lost her husband in the spring"
    assert data["consent"]["given_by"] == "The person"
    assert data["journal"][0]["text"] == "Met Pat at home"
    assert data["goals"][0]["goal"] == "Walk to the shops by herself"
    assert data["activities"][0]["note"] == "Pat's daughter drove her"
    assert data["history"][0]["summary"].startswith("Spoke to Pat")
    assert data["monitoring"]["age_range"] == "75-84"
    [at_referral, at_exit] = data["questionnaires"]
    assert (at_referral["stage"], at_exit["stage"]) == ("At referral", "At exit")
    assert at_referral["answers"][0] == {
        "question": "Overall, how satisfied are you with your life nowadays?",
        "score": 4,
    }
    assert actions(item)[-1] == ("exported", people.connector_a.id)


def test_erasure_removes_the_person_answers_and_monitoring_and_is_logged(people):
    item = closed(people, NOW - timedelta(days=5))

    privacy.erase(item, people.connector_a)

    db.session.expire_all()
    assert item.person_name == "" and item.person_phone is None and item.anonymised_at
    assert item.journal == [] and item.goals == []
    assert db.session.scalars(select(QuestionnaireResponse)).all() == []
    assert (item.age_range, item.gp_visits_before) == (None, None)
    assert item.reason.label == "Social isolation or loneliness"
    assert actions(item)[-1] == ("erased", people.connector_a.id)
    assert "Pat Example" not in str(privacy.export_person(item, people.connector_a))


def test_only_the_receiving_organisation_and_connector_may_export_or_erase(people):
    item = closed(people, NOW - timedelta(days=5))

    for outsider in (people.gp, people.connector_b):
        with pytest.raises(NotAllowed):
            privacy.export_person(item, outsider)
        with pytest.raises(NotAllowed):
            privacy.erase(item, outsider)
    db.session.expire_all()
    assert item.person_name == "Pat Example"

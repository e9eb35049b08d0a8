"""Casework services: the journey journal, goals and activities connected to, kept only by the
receiving organisation and its connector, each change logged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.db import utcnow
from portal.directory.models import PublicationState
from portal.extensions import db
from portal.prescribing.models import Attendance, PersonalDataLog
from portal.prescribing.referrals import casework
from portal.validation import NotAllowed, NotFound, ValidationFailed
from tests import factories
from tests.prescribing.factories import referral, world

TODAY = date.today()


@pytest.fixture
def w(app):
    return world()


@pytest.fixture
def case(w):
    return referral(w.service_a, w.gp, connector=w.connector_a)


def logged() -> list[str]:
    return list(db.session.scalars(select(PersonalDataLog.action).order_by(PersonalDataLog.id)))


# --- journal -----------------------------------------------------------------------------------


def test_a_journal_note_is_dated_today_unless_told(w, case):
    first = casework.add_journal_entry(case, w.connector_a, "Met at the library. Nervous.")
    second = casework.add_journal_entry(
        case, w.member_a, "Phoned to check in", (TODAY - timedelta(days=3)).isoformat()
    )
    assert first.written_on == TODAY and first.author_id == w.connector_a.id
    assert second.written_on == TODAY - timedelta(days=3)
    assert [e.text for e in case.journal] == ["Met at the library. Nervous.", "Phoned to check in"]
    assert logged() == ["added journal note", "added journal note"]


@pytest.mark.parametrize(
    ("text", "day", "field", "message"),
    [
        ("", "", "journal_text", "Write the note"),
        ("A note", "2026-02-31", "journal_date", "must be a real date"),
        ("A note", (TODAY + timedelta(days=1)).isoformat(), "journal_date", "today or in the past"),
        ("x" * 5001, "", "journal_text", "5,000 characters or fewer"),
    ],
)
def test_a_journal_note_needs_words_and_a_real_past_date(w, case, text, day, field, message):
    with pytest.raises(ValidationFailed) as problem:
        casework.add_journal_entry(case, w.connector_a, text, day)
    assert problem.value.field == field and message in problem.value.message
    assert case.journal == [] and logged() == []


def test_the_referring_gp_and_another_organisation_keep_no_casework(w, case):
    for outsider in (w.gp, w.connector_b):
        with pytest.raises(NotAllowed):
            casework.add_journal_entry(case, outsider, "Looking in")
        with pytest.raises(NotAllowed):
            casework.add_goal(case, outsider, "Something")
        with pytest.raises(NotAllowed):
            casework.connect_activity(case, outsider, activity_name="Bowls")
    assert (case.journal, case.goals, case.connections) == ([], [], [])


def test_an_anonymised_referral_takes_no_more_casework(w, case):
    case.anonymised_at = utcnow()
    with pytest.raises(NotAllowed):
        casework.add_journal_entry(case, w.connector_a, "Too late")


# --- goals -------------------------------------------------------------------------------------


def test_goals_are_added_and_marked_achieved(w, case):
    goal = casework.add_goal(case, w.connector_a, "  Walk to the shops without help ")
    assert goal.text == "Walk to the shops without help" and goal.achieved_on is None
    casework.mark_goal_achieved(case, w.connector_a, goal.id)
    assert goal.achieved_on == TODAY
    assert logged() == ["added goal", "marked goal achieved"]
    with pytest.raises(ValidationFailed, match="Write the goal"):
        casework.add_goal(case, w.connector_a, " ")


def test_a_goal_of_another_referral_is_not_found(w, case):
    other = referral(w.service_a, w.gp, person_name="Sam Other")
    goal = casework.add_goal(other, w.connector_a, "Join a choir")
    with pytest.raises(NotFound):
        casework.mark_goal_achieved(case, w.connector_a, goal.id)
    assert goal.achieved_on is None


# --- activities connected to -------------------------------------------------------------------


def test_an_activity_from_the_directory_keeps_its_name(w, case):
    walk = factories.service("Health walk", org=w.org_b)
    connection = casework.connect_activity(case, w.connector_a, service_id=str(walk.id))
    assert (connection.service_id, connection.activity_name) == (walk.id, "Health walk")
    assert connection.connected_on == TODAY and connection.attendance is Attendance.NOT_YET


def test_something_not_in_the_directory_is_typed(w, case):
    connection = casework.connect_activity(
        case,
        w.connector_a,
        activity_name="Neighbour's allotment",
        connected_on=(TODAY - timedelta(days=1)).isoformat(),
        note="Starts in spring",
    )
    assert connection.service_id is None and connection.activity_name == "Neighbour's allotment"
    assert connection.note == "Starts in spring"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({}, "activity_name", "Choose an activity or type its name"),
        ({"service_id": "not-an-id"}, "activity_service", "Choose an activity from the list"),
        (
            {"activity_name": "Bowls", "connected_on": "2999-01-01"},
            "connected_on",
            "today or in the past",
        ),
    ],
)
def test_a_connection_needs_an_activity_and_a_past_date(w, case, fields, field, message):
    with pytest.raises(ValidationFailed) as problem:
        casework.connect_activity(case, w.connector_a, **fields)
    assert problem.value.field == field and message in problem.value.message


def test_a_listing_that_is_not_public_cannot_be_chosen(w, case):
    draft = factories.service("Secret club", org=w.org_a, state=PublicationState.DRAFT)
    with pytest.raises(ValidationFailed, match="no longer listed"):
        casework.connect_activity(case, w.connector_a, service_id=draft.id)
    assert [s.name for s in casework.organisation_listings(case)] == ["Community connector support"]


def test_attendance_is_updated_later(w, case):
    connection = casework.connect_activity(case, w.connector_a, activity_name="Bowls")
    casework.update_attendance(case, w.member_a, connection.id, "keeps_going")
    assert connection.attendance is Attendance.KEEPS_GOING
    with pytest.raises(ValidationFailed, match="Choose whether they went"):
        casework.update_attendance(case, w.member_a, connection.id, "")
    with pytest.raises(NotFound):
        casework.update_attendance(case, w.member_a, connection.id + 99, "went")
    assert logged() == ["connected to activity", "updated attendance"]


def test_the_caseload_knows_each_persons_last_note(w, case):
    casework.add_journal_entry(case, w.connector_a, "First", TODAY - timedelta(days=9))
    casework.add_journal_entry(case, w.connector_a, "Latest", TODAY - timedelta(days=2))
    quiet = referral(w.service_a, w.gp, connector=w.connector_a)
    dates = casework.last_journal_dates([case.id, quiet.id])
    assert dates == {case.id: TODAY - timedelta(days=2)}


def test_finding_activities_to_connect_lists_open_ones_before_closed_ones(app):
    """A connector connecting someone sees open activities first (issue 12's rule for search)."""
    from portal.cli import reindex_all
    from portal.directory.models import ServiceStatus

    factories.service(
        "Bereavement Cafe",
        description="Bereavement support: a bereavement cafe.",
        status=ServiceStatus.TEMPORARILY_CLOSED,
    )
    factories.service("Sunday Walk", description="A gentle walk, for people after a bereavement.")
    reindex_all()
    found = [s.name for s in casework.find_listings("bereavement")]
    assert found == ["Sunday Walk", "Bereavement Cafe"]

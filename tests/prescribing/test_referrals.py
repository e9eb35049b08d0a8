"""Referral services: making a referral with consent, its states, assignment, the e-mails
(never with personal data), working days over weekends and bank holidays, and reminders."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from portal.accounts.models import Role
from portal.directory.models import PublicationState
from portal.extensions import db
from portal.notify import outbox_messages
from portal.prescribing.models import (
    ContactPreference,
    PersonalDataLog,
    Referral,
    ReferralReason,
    ReferralSource,
    ReferralState,
)
from portal.prescribing.referrals import services as referrals
from portal.prescribing.referrals.services import (
    add_working_days,
    assign,
    change_state,
    make_referral,
    overdue_referrals,
    send_reminders,
    working_days_overdue,
)
from portal.prescribing.working_days import BANK_HOLIDAYS
from portal.validation import NotAllowed, ValidationFailed
from tests import factories
from tests.prescribing.factories import referral, world

PERSON = {
    "person_name": "Pat Quinlan",
    "person_phone": "07700 900123",
    "person_email": "pat.quinlan@example.net",
    "contact_preference": "phone",
    "what_matters": "Getting back to the allotment",
    "reason": "isolation",
}


def professional_fields(**changes) -> dict:
    fields = {
        **PERSON,
        "referrer_name": "Dr Ann Lee",
        "referrer_practice": "Heath Hill Surgery",
        "consent": "yes",
        "consent_given_by": "person",
        "consent_scope": "To share these details with the connectors",
    }
    fields.update(changes)
    return fields


def self_fields(**changes) -> dict:
    fields = {**PERSON, "consent": "yes", "consent_scope": "To share my details"}
    fields.update(changes)
    return fields


def personal_bits() -> tuple[str, ...]:
    return ("Pat", "Quinlan", "07700", "pat.quinlan@example.net", "allotment")


def assert_no_personal_data(messages) -> None:
    for message in messages:
        for bit in personal_bits():
            assert bit not in message.body and bit not in message.subject, (bit, message)


@pytest.fixture
def w(app):
    return world()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- making a referral ----------------------------------------------------------------------


def test_a_gp_refers_with_recorded_consent_and_everyone_hears_without_personal_data(w):
    made = make_referral(w.service_a, w.gp, **professional_fields())

    assert made.reference.startswith("R-")
    assert (made.source, made.state) == (ReferralSource.GP, ReferralState.NEW)
    assert (made.person_name, made.contact_preference) == ("Pat Quinlan", ContactPreference.PHONE)
    assert made.organisation_id == w.org_a.id
    assert (made.referrer_name, made.referrer_practice) == ("Dr Ann Lee", "Heath Hill Surgery")
    assert made.consent_given_by == "The person"
    assert made.consent_given_at is not None and made.consent_recorded_by_id == w.gp.id
    assert [e.to_state for e in made.events] == [ReferralState.NEW]
    [log] = db.session.scalars(select(PersonalDataLog)).all()
    assert (log.user_id, log.action, log.reference) == (w.gp.id, "created", made.reference)

    messages = outbox_messages()
    assert sorted(m.to for m in messages) == sorted(
        [w.service_a.referral_email, w.connector_a.email, w.member_a.email, w.gp.email]
    )
    assert all(made.reference in m.subject for m in messages)
    assert all(f"http://portal.test/referrals/{made.id}" in m.body for m in messages)
    assert all("Community connector support" in m.body for m in messages)
    assert_no_personal_data(messages)


def test_consent_given_by_someone_else_names_them(w):
    made = make_referral(
        w.service_a,
        w.gp,
        **professional_fields(consent_given_by="someone_else", consent_given_by_name="Jo, her son"),
    )
    assert made.consent_given_by == "Jo, her son, on their behalf"


def test_a_professional_may_say_they_are_not_a_gp_and_a_connector_is_a_connector(w):
    other = make_referral(w.service_a, w.gp, **professional_fields(source="professional"))
    by_connector = make_referral(w.service_a, w.connector_b, **professional_fields())
    assert other.source is ReferralSource.PROFESSIONAL
    assert by_connector.source is ReferralSource.CONNECTOR


def test_a_person_refers_themselves_and_gets_a_confirmation_without_a_link(w):
    made = make_referral(w.service_b, None, **self_fields(contact_preference="email"))

    assert made.source is ReferralSource.SELF and made.referrer_user_id is None
    assert made.referrer_name == "Pat Quinlan"
    assert made.consent_given_by == "The person, referring themselves"
    [to_person] = [m for m in outbox_messages() if m.to == PERSON["person_email"]]
    assert made.reference in to_person.body and "Sandhurst Befrienders" in to_person.body
    assert "http" not in to_person.body
    # Service B has no referral address: its connector hears.
    assert {m.to for m in outbox_messages()} == {PERSON["person_email"], w.connector_b.email}


def test_no_email_to_a_self_referrer_who_gave_none(w):
    make_referral(w.service_b, None, **self_fields(person_email=""))
    assert [m.to for m in outbox_messages()] == [w.connector_b.email]


def test_only_services_that_accept_referrals_and_are_public_take_them(w):
    w.service_a.accepts_referrals = False
    hidden = factories.service(
        "Draft club", org=w.org_b, state=PublicationState.DRAFT, accepts_referrals=True
    )
    for service in (w.service_a, hidden):
        with pytest.raises(NotAllowed):
            make_referral(service, w.gp, **professional_fields())
    assert db.session.scalars(select(Referral)).all() == []


def test_only_professionals_and_connectors_refer_others(w):
    with pytest.raises(NotAllowed):
        make_referral(w.service_a, w.member_a, **professional_fields())


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"person_name": " "}, "person_name", "Enter their name"),
        ({"person_phone": "", "person_email": ""}, "person_phone", "Enter a phone number or"),
        ({"person_phone": "call me"}, "person_phone", "Enter a phone number, like"),
        ({"person_email": "pat-at-home"}, "person_email", "Enter an email address like"),
        ({"contact_preference": ""}, "contact_preference", "Choose how they would like"),
        (
            {"contact_preference": "email", "person_email": ""},
            "contact_preference",
            "Give an email address to be contacted by email",
        ),
        (
            {"contact_preference": "text", "person_phone": ""},
            "contact_preference",
            "Give a phone number",
        ),
        ({"what_matters": ""}, "what_matters", "Say what matters to them"),
        ({"reason": "bored"}, "reason", "Choose the main reason"),
        ({"reason": "other"}, "reason_detail", "Say what the reason is"),
        ({"referrer_practice": ""}, "referrer_practice", "Enter your practice"),
        ({"consent": ""}, "consent", "Confirm that consent was given"),
        ({"consent_given_by": ""}, "consent_given_by", "Choose who gave consent"),
        (
            {"consent_given_by": "someone_else"},
            "consent_given_by_name",
            "Enter the name of the person who gave consent",
        ),
        ({"consent_scope": ""}, "consent_scope", "Say what consent was given for"),
        ({"source": "vet"}, "source", "Choose whether you are a GP"),
    ],
)
def test_a_referral_needs_its_minimum_details(w, changes, field, message):
    fields = professional_fields(**changes)
    assert message in referrals.referral_problems(w.gp, fields)[field]
    with pytest.raises(ValidationFailed):
        make_referral(w.service_a, w.gp, **fields)
    assert db.session.scalars(select(Referral)).all() == []
    assert outbox_messages() == []


def test_a_self_referral_needs_the_persons_own_consent(w):
    problems = referrals.referral_problems(None, self_fields(consent=""))
    assert problems == {"consent": "Confirm that you agree to share these details"}


# --- states ---------------------------------------------------------------------------------


def test_accepting_sets_first_contact_and_completing_closes_with_history_and_emails(w):
    item = referral(w.service_a, w.gp)

    change_state(item, w.connector_a, "accepted", note="Phoned, coming on Tuesday")
    assert item.state is ReferralState.ACCEPTED
    assert item.first_contact_at is not None and item.closed_at is None
    subjects = [m.subject for m in outbox_messages()]
    assert f"Referral {item.reference} is now: Accepted" in subjects
    assert w.gp.email in [m.to for m in outbox_messages()]

    first_contact = item.first_contact_at
    change_state(item, w.connector_a, ReferralState.IN_PROGRESS)
    change_state(item, w.member_a, ReferralState.COMPLETED)
    assert item.closed_at is not None and item.first_contact_at == first_contact
    assert [(e.from_state, e.to_state) for e in item.events] == [
        (ReferralState.NEW, ReferralState.ACCEPTED),
        (ReferralState.ACCEPTED, ReferralState.IN_PROGRESS),
        (ReferralState.IN_PROGRESS, ReferralState.COMPLETED),
    ]
    assert item.events[0].summary == "Phoned, coming on Tuesday"
    actions = db.session.scalars(select(PersonalDataLog.action)).all()
    assert actions.count("changed state") == 3
    assert_no_personal_data(outbox_messages())


def test_declining_needs_a_reason(w):
    item = referral(w.service_a, w.gp)
    with pytest.raises(ValidationFailed) as problem:
        change_state(item, w.connector_a, "declined", declined_reason="  ")
    assert problem.value.field == "declined_reason"
    assert item.state is ReferralState.NEW

    change_state(item, w.connector_a, "declined", declined_reason="Lives outside our area")
    assert item.declined_reason == "Lives outside our area" and item.closed_at is not None
    assert item.first_contact_at is not None


def test_an_impossible_move_says_why(w):
    item = referral(w.service_a, w.gp)
    with pytest.raises(ValidationFailed, match="A referral that is new cannot become completed"):
        change_state(item, w.connector_a, "completed")
    done = referral(w.service_a, w.gp, state=ReferralState.COMPLETED)
    with pytest.raises(ValidationFailed, match="This referral is closed"):
        change_state(done, w.connector_a, "in_progress")
    with pytest.raises(ValidationFailed, match="Choose what has happened"):
        change_state(item, w.connector_a, "lost")


def test_only_the_receiving_organisation_and_its_connector_change_state(w):
    item = referral(w.service_a, w.gp)
    for outsider in (w.gp, w.connector_b):
        with pytest.raises(NotAllowed):
            change_state(item, outsider, "accepted")
    assert item.state is ReferralState.NEW and outbox_messages() == []


def test_a_self_referrer_hears_only_when_it_is_made_and_closed(w):
    item = make_referral(w.service_a, None, **self_fields())
    to_person = lambda: [m for m in outbox_messages() if m.to == PERSON["person_email"]]  # noqa: E731
    assert len(to_person()) == 1
    change_state(item, w.connector_a, "accepted")
    assert len(to_person()) == 1
    change_state(item, w.connector_a, "completed")
    assert [m.subject for m in to_person()][-1] == f"Your referral {item.reference} is closed"


# --- assignment ------------------------------------------------------------------------------


def test_a_connector_of_the_organisation_takes_it_and_is_told(w):
    item = referral(w.service_a, w.gp)
    assign(item, w.connector_a, w.connector_a)
    assert item.assigned_connector_id == w.connector_a.id
    assert item.events[-1].summary == "Assigned to Connie A"
    assert [m.to for m in outbox_messages()] == [w.connector_a.email]


def test_a_member_assigns_a_connector_who_belongs_by_membership(w):
    helper = factories.user(
        "helen@example.org", role=Role.CONNECTOR, name="Helen", organisations=(w.org_a,)
    )
    item = referral(w.service_a, w.gp)
    assign(item, w.member_a, helper)
    assert item.assigned_connector_id == helper.id
    assert [c.name for c in referrals.connectors_for(item)] == ["Connie A", "Helen"]


def test_only_a_connector_of_the_receiving_organisation_can_be_assigned(w):
    item = referral(w.service_a, w.gp)
    for wrong in (w.connector_b, w.member_a):
        with pytest.raises(ValidationFailed, match="Bracknell Community Connectors"):
            assign(item, w.connector_a, wrong)
    with pytest.raises(NotAllowed):
        assign(item, w.connector_b, w.connector_b)
    assert item.assigned_connector_id is None


# --- working days, overdue and reminders -------------------------------------------------------


def test_working_days_skip_weekends_and_bank_holidays():
    assert add_working_days(date(2026, 1, 9), 5) == date(2026, 1, 16)  # Friday: next Friday
    assert add_working_days(date(2026, 1, 10), 5) == date(2026, 1, 16)  # Saturday: from Monday
    assert add_working_days(date(2026, 1, 11), 5) == date(2026, 1, 16)  # Sunday: from Monday
    assert add_working_days(date(2026, 5, 19), 5) == date(2026, 5, 27)  # bank holiday Mon 25th
    assert add_working_days(date(2026, 4, 2), 5) == date(2026, 4, 13)  # Easter
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)  # Christmas


def test_the_bank_holiday_table_covers_next_year():
    """Fails a year before the table runs out (from 1 January of its last year), so the next
    years' dates from gov.uk/bank-holidays go in while there is time; without them reminders
    would fall due on bank holidays."""
    last = max(BANK_HOLIDAYS).year
    assert last > date.today().year, (
        f"BANK_HOLIDAYS in portal/prescribing/working_days.py ends in {last}: add {last + 1}'s"
        " England and Wales bank holidays from gov.uk/bank-holidays"
    )
    # Every year in the table is whole: eight days (substitutes included), none at a weekend.
    for year in range(min(BANK_HOLIDAYS).year, last + 1):
        days = [d for d in BANK_HOLIDAYS if d.year == year]
        assert len(days) >= 8 and all(d.weekday() < 5 for d in days), year


def test_made_on_a_friday_it_is_due_the_next_friday_and_overdue_after(w):
    item = referral(w.service_a, w.gp, created_at=at("2026-01-09 10:00"))
    assert working_days_overdue(item, at("2026-01-16 17:30")) == 0
    assert overdue_referrals(at("2026-01-16 17:30")) == []
    assert working_days_overdue(item, at("2026-01-17 09:00")) == 1  # Saturday
    assert working_days_overdue(item, at("2026-01-19 09:00")) == 1  # Monday
    assert working_days_overdue(item, at("2026-01-20 09:00")) == 2
    assert overdue_referrals(at("2026-01-19 09:00")) == [item]


def test_made_on_a_saturday_it_counts_from_monday(w):
    item = referral(w.service_a, w.gp, created_at=at("2026-01-10 11:00"))
    assert overdue_referrals(at("2026-01-16 20:00")) == []
    assert overdue_referrals(at("2026-01-19 08:00")) == [item]


def test_a_bank_holiday_in_the_week_gives_a_day_more(w):
    item = referral(w.service_a, w.gp, created_at=at("2026-05-19 10:00"))  # a Tuesday
    assert overdue_referrals(at("2026-05-27 12:00")) == []  # would be late without the 25th
    assert overdue_referrals(at("2026-05-28 09:00")) == [item]


def test_reminders_go_once_to_the_receiving_organisation_without_personal_data(w):
    item = referral(w.service_a, w.gp, created_at=at("2026-01-09 10:00"))
    referral(w.service_b, w.gp, created_at=at("2026-01-15 10:00"))  # not due yet

    assert send_reminders(at("2026-01-19 07:00")) == 1
    assert item.reminded_at is not None
    messages = outbox_messages()
    assert sorted(m.to for m in messages) == sorted(
        [w.service_a.referral_email, w.connector_a.email, w.member_a.email]
    )
    assert all(m.subject == f"Reminder: referral {item.reference} is waiting" for m in messages)
    assert "Friday 16 January 2026" in messages[0].body
    assert_no_personal_data(messages)

    assert send_reminders(at("2026-01-20 07:00")) == 0
    assert len(outbox_messages()) == 3


def test_no_reminder_once_accepted(w):
    item = referral(w.service_a, w.gp, created_at=at("2026-01-09 10:00"))
    change_state(item, w.connector_a, "accepted")
    sent_before = len(outbox_messages())
    assert overdue_referrals(at("2026-01-20 07:00")) == []
    assert send_reminders(at("2026-01-20 07:00")) == 0
    assert len(outbox_messages()) == sent_before


def test_the_remind_command_sends_and_says_how_many(w, runner):
    referral(w.service_a, w.gp, created_at=at("2020-01-06 10:00"))
    result = runner.invoke(args=["prescribing", "remind"])
    assert result.exit_code == 0 and "Sent 1 reminder." in result.output
    result = runner.invoke(args=["prescribing", "remind"])
    assert "Sent 0 reminders." in result.output


# --- a listing's settings --------------------------------------------------------------------


def test_the_organisation_switches_referrals_and_sets_a_valid_address(w):
    referrals.set_referral_settings(w.service_a, w.member_a, accepts=False, email="")
    assert not w.service_a.accepts_referrals and w.service_a.referral_email is None
    with pytest.raises(ValidationFailed, match="Enter an email address like"):
        referrals.set_referral_settings(w.service_a, w.member_a, accepts=True, email="nope")
    with pytest.raises(NotAllowed):
        referrals.set_referral_settings(w.service_a, w.connector_b, accepts=True, email="")


def test_referrals_need_someone_to_receive_them(w):
    lonely = factories.service("Quiet club", org=factories.organisation("Nobody Here"))
    editor = factories.user("eve@example.org", role=Role.EDITOR, name="Eve Editor")
    with pytest.raises(ValidationFailed, match="nobody at Nobody Here has an account"):
        referrals.set_referral_settings(lonely, editor, accepts=True, email="")
    referrals.set_referral_settings(lonely, editor, accepts=True, email="quiet@example.org")
    assert lonely.accepts_referrals and lonely.referral_email == "quiet@example.org"


def test_reasons_are_the_issue_list():
    labels = [r.label for r in ReferralReason]
    assert "Risk of carer breakdown" in labels and "Money worries" in labels


def test_a_closed_referral_keeps_its_connector(app):
    from portal.prescribing.models import ReferralState
    from portal.prescribing.referrals import services as referral_services
    from portal.validation import ValidationFailed
    from tests.prescribing.factories import referral, world

    w = world()
    done = referral(w.service_a, w.gp, state=ReferralState.COMPLETED, connector=w.connector_a)
    with pytest.raises(ValidationFailed, match="This referral is completed"):
        referral_services.assign(done, w.member_a, None)
    assert done.assigned_connector_id == w.connector_a.id

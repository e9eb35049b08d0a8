"""The referral and casework forms, and the choices each offers (docs/forms.md). Pages keep
what was typed: every field is text as sent (stripped), and the services check it.

A referral form asks different things of different people (`fields_for`): `ReferralForm` holds
every field, and `referral_values` gives the services and the page only the ones that apply.
The forms on a referral's record (state, assignment, casework) are `RecordForm`s: when a
service refuses one, `typed()` is what the record shows again next to the message.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField

from portal.accounts.models import Role, User
from portal.directory.models import Service
from portal.forms import text
from portal.prescribing.models import (
    Attendance,
    ClosureReason,
    ContactPreference,
    Referral,
    ReferralReason,
    ReferralSource,
)
from portal.prescribing.referrals.details import (
    CONSENT_PERSON,
    CONSENT_SOMEONE_ELSE,
    PROFESSIONAL_SOURCES,
    default_consent_scope,
)
from portal.prescribing.referrals.services import next_states

PERSON_FIELDS = (
    "person_name",
    "person_phone",
    "person_email",
    "contact_preference",
    "what_matters",
    "reason",
    "reason_detail",
    "area",
    "consent",
    "consent_scope",
)
REFERRER_FIELDS = (
    "source",
    "referrer_name",
    "referrer_practice",
    "referrer_phone",
    "consent_given_by",
    "consent_given_by_name",
)

REASON_OPTIONS = [(r.value, r.label) for r in ReferralReason]
CONTACT_OPTIONS = [(p.value, p.label) for p in ContactPreference]
SOURCE_OPTIONS = [(s.value, s.label) for s in PROFESSIONAL_SOURCES]
CONSENT_OPTIONS = [
    (CONSENT_PERSON, "The person themselves"),
    (CONSENT_SOMEONE_ELSE, "Someone on their behalf (like a carer or relative)"),
]
ATTENDANCE_OPTIONS = [(a.value, a.label) for a in Attendance]
CLOSURE_OPTIONS = [(c.value, c.label) for c in ClosureReason]
#: What the state form sends.
STATE_FIELDS = ("state", "closure_reason", "note", "declined_reason")


# --- making a referral --------------------------------------------------------------------------


class ReferralForm(FlaskForm):
    """Every field any referral form has: the person's part (everyone), and the referrer's and
    the consent's (someone referring another person). Which apply is `fields_for`."""

    person_name = text("Full name")
    person_phone = text("Phone number")
    person_email = text("Email address")
    contact_preference = text("How to get in touch")
    what_matters = text("What matters")
    reason = text("The main reason for the referral")
    reason_detail = text("Anything else about the reason")
    area = text("Postcode district")
    consent = text("Consent")
    consent_scope = text("What consent was given for")
    source = text("You are referring as")
    referrer_name = text("Your name")
    referrer_practice = text("Your practice or organisation")
    referrer_phone = text("A phone number for you")
    consent_given_by = text("Who gave consent?")
    consent_given_by_name = text("If someone else gave it: their name")


def fields_for(referrer: User | None) -> tuple[str, ...]:
    """The fields a referral by `referrer` has (None: someone referring themselves). Only a
    professional says which kind of referrer they are (`source`)."""
    if referrer is None:
        return PERSON_FIELDS
    fields: tuple[str, ...] = PERSON_FIELDS + REFERRER_FIELDS
    if referrer.role is not Role.PROFESSIONAL:
        fields = tuple(f for f in fields if f != "source")
    return fields


def initial_referral(
    service: Service, referrer: User | None, what_matters: str | None = None
) -> dict[str, str]:
    """What a new referral form starts with: the consent wording for this activity, and the
    referrer's own details and (from a shortlist) what matters, so they need not type them."""
    values = dict.fromkeys(fields_for(referrer), "")
    values["consent_scope"] = default_consent_scope(service, self_referral=referrer is None)
    if referrer is not None:
        values["referrer_name"] = referrer.name
        values["referrer_practice"] = referrer.organisation.name if referrer.organisation else ""
        if "source" in values:
            values["source"] = ReferralSource.GP.value
    if what_matters is not None:
        values["what_matters"] = what_matters
    return values


def referral_values(form: ReferralForm, referrer: User | None) -> dict[str, str]:
    """The fields that apply to this referrer, as the services take them and the page shows
    them (`consent` is "yes" or "")."""
    values = {name: form[name].data for name in fields_for(referrer)}
    values["consent"] = "yes" if values.get("consent") else ""
    return values


class ReferralSettingsForm(FlaskForm):
    """A listing's referral settings: whether it takes referrals, and where they are sent."""

    accepts_referrals = BooleanField("Take referrals for this activity")
    referral_email = text("Email address for referrals")

    def values(self) -> dict[str, str]:
        """What the settings page shows: the checkbox as "yes" or "", the address as typed."""
        return {
            "accepts_referrals": "yes" if self.accepts_referrals.data else "",
            "referral_email": self.referral_email.data or "",
        }


# --- the forms on a referral's record -----------------------------------------------------------


class RecordForm(FlaskForm):
    """A form on a referral's record. When its service refuses it, the record is shown again
    with `typed()` in the inputs, so nothing typed is lost."""

    def typed(self) -> dict[str, str]:
        """What was sent in the form's text fields, by name (not its hidden ones)."""
        return {
            field.name: field.data or ""
            for field in self
            if isinstance(field, StringField) and not isinstance(field, HiddenField)
        }


class StateForm(RecordForm):
    """Moving a referral on. `from_state` is the state the page showed (as sent, or None), so
    a move made on an out-of-date page is refused."""

    state = text("What has happened?")
    closure_reason = text("Why is it closing?")
    note = text("A note for the history")
    declined_reason = text("If you are declining it, say why")
    from_state = HiddenField()


class AssignForm(RecordForm):
    """Choosing the referral's connector (their id; "" for nobody), or a connector taking it on
    themselves (`take`)."""

    connector = text("Assign to")
    take = BooleanField()


class JournalForm(RecordForm):
    journal_text = text("New note")
    journal_date = text("Date of the note")


class GoalForm(RecordForm):
    goal_text = text("New goal")


class GoalAchievedForm(RecordForm):
    """Marking a goal achieved: only a button."""


class ConnectionForm(RecordForm):
    """An activity the person was connected to: a listing found or run by the organisation
    (its id), or something typed. `find` is the search the page showed, kept so a refused form
    lists the same activities again."""

    activity_service = text("Activity")
    activity_name = text("Or the name of something not in the directory")
    connected_on = text("Connected on")
    connection_note = text("Note")
    find = text()


def attendance_field(connection_id: int) -> str:
    """The name of the "did they go?" radios for one connection on the record."""
    return f"attendance-{connection_id}"


def attendance_form(connection_id: int) -> type[RecordForm]:
    """The form for whether the person went to one connected activity. Each connection's radios
    are named after it (`attendance_field`), so the class is made for the connection (a field
    added to a form class after it is made is WTForms' own way to compose a form)."""

    class AttendanceForm(RecordForm):
        pass

    setattr(AttendanceForm, attendance_field(connection_id), text("Did they go?"))
    return AttendanceForm


def state_options(referral: Referral) -> list[tuple[str, str]]:
    return [(state.value, state.label) for state in next_states(referral)]


def reference_asked(args: Mapping) -> str:
    """The referral reference a "find by reference" box sent, as references are written."""
    return (args.get("reference") or "").strip().upper()[:12]

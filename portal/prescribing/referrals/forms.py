"""Reading the referral and casework forms into plain values for the services, with the
choices each form offers. Pages keep what was typed: every reader returns strings."""

from __future__ import annotations

from collections.abc import Mapping

from portal.accounts.models import Role, User
from portal.directory.models import Service
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


def _clean(form: Mapping, name: str) -> str:
    return (form.get(name) or "").strip()


def fields_for(referrer: User | None) -> tuple[str, ...]:
    if referrer is None:
        return PERSON_FIELDS
    fields: tuple[str, ...] = PERSON_FIELDS + REFERRER_FIELDS
    if referrer.role is not Role.PROFESSIONAL:
        fields = tuple(f for f in fields if f != "source")
    return fields


def referral_values(form: Mapping | None, service: Service, referrer: User | None) -> dict:
    """What the referral form shows: what was sent, or (first time) the prefilled values."""
    names = fields_for(referrer)
    if form is not None:
        values = {name: _clean(form, name) for name in names}
        values["consent"] = "yes" if values.get("consent") else ""
        return values
    values = dict.fromkeys(names, "")
    values["consent_scope"] = default_consent_scope(service, self_referral=referrer is None)
    if referrer is not None:
        values["referrer_name"] = referrer.name
        values["referrer_practice"] = referrer.organisation.name if referrer.organisation else ""
        if "source" in values:
            values["source"] = ReferralSource.GP.value
    return values


def state_options(referral: Referral) -> list[tuple[str, str]]:
    return [(state.value, state.label) for state in next_states(referral)]


def casework_values(form: Mapping, *names: str) -> dict[str, str]:
    return {name: _clean(form, name) for name in names}


def reference_asked(args: Mapping) -> str:
    """The referral reference a "find by reference" box sent, as references are written."""
    return _clean(args, "reference").upper()[:12]

"""What a referral must say, checked before it is made: who referred (`source_for`), how to
contact the person, where they live (a postcode district only: `area_of`), why, and the consent
given (`referral_problems` returns every problem at once, in the order the form shows them).
Plain values in, messages out: nothing here reads or writes the database.
"""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email

from portal.accounts.models import Role, User
from portal.directory.models import Service
from portal.geo import postcode_district
from portal.prescribing.models import ContactPreference, ReferralReason, ReferralSource
from portal.validation import NotAllowed, ValidationFailed

PROFESSIONAL_SOURCES = (ReferralSource.GP, ReferralSource.PROFESSIONAL)
CONSENT_PERSON = "person"
CONSENT_SOMEONE_ELSE = "someone_else"

_PHONE = re.compile(r"^\+?[0-9 ()-]+$")
# The fields in the order the referral forms show them: the error summary follows it.
PAGE_ORDER = (
    "person_name",
    "person_phone",
    "person_email",
    "contact_preference",
    "what_matters",
    "reason",
    "reason_detail",
    "area",
    "source",
    "referrer_name",
    "referrer_practice",
    "referrer_phone",
    "consent_given_by",
    "consent_given_by_name",
    "consent_scope",
    "consent",
)
_FIELDS = frozenset(PAGE_ORDER)


def is_email(address: str) -> bool:
    """Checked as every address in the portal is (`email_validator`, no DNS), kept as typed."""
    if len(address) > 255:
        return False
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def source_for(referrer: User | None, chosen: str = "") -> ReferralSource:
    if referrer is None:
        return ReferralSource.SELF
    if referrer.role is Role.CONNECTOR:
        return ReferralSource.CONNECTOR
    if referrer.role is Role.PROFESSIONAL:
        wanted = chosen or ReferralSource.GP.value
        if wanted not in {s.value for s in PROFESSIONAL_SOURCES}:
            raise ValidationFailed("source", "Choose whether you are a GP or another professional")
        return ReferralSource(wanted)
    raise NotAllowed("Only professionals and connectors refer people")


def default_consent_scope(service: Service, self_referral: bool = False) -> str:
    whom = "me" if self_referral else "them"
    return (
        f"To share these details with {service.organisation.name} "
        f"so they can contact {whom} about {service.name}"
    )


def text_of(fields: dict, name: str) -> str:
    return str(fields.get(name) or "").strip()


def _contact_problems(fields: dict) -> dict[str, str]:
    problems: dict[str, str] = {}
    phone, email = text_of(fields, "person_phone"), text_of(fields, "person_email")
    if not phone and not email:
        problems["person_phone"] = "Enter a phone number or an email address"
    if phone and (not _PHONE.match(phone) or not 10 <= len(re.sub(r"\D", "", phone)) <= 13):
        problems["person_phone"] = "Enter a phone number, like 01632 960 001 or 07700 900 982"
    if email and not is_email(email):
        problems["person_email"] = "Enter an email address like name@example.com"
    preference = text_of(fields, "contact_preference")
    if preference not in {p.value for p in ContactPreference}:
        problems["contact_preference"] = "Choose how they would like to be contacted"
    elif preference == ContactPreference.EMAIL.value and not email:
        problems["contact_preference"] = "Give an email address to be contacted by email"
    elif preference != ContactPreference.EMAIL.value and not phone:
        problems["contact_preference"] = "Give a phone number to be phoned or sent a text"
    return problems


AREA_PROBLEM = "Enter the first half of a postcode, like RG12, or the whole postcode"


def area_of(text: str) -> str | None:
    """The postcode district of what was typed (a full postcode or a district), or None when
    nothing was typed. Only the district is ever kept: never the whole postcode.
    Raises ValidationFailed("area") for anything else."""
    typed = (text or "").strip()
    if not typed:
        return None
    district = postcode_district(typed)
    if district is None:
        raise ValidationFailed("area", AREA_PROBLEM)
    return district


def _consent_problems(fields: dict, self_referral: bool) -> dict[str, str]:
    problems: dict[str, str] = {}
    if fields.get("consent") not in (True, "yes", "on", "1", "true"):
        problems["consent"] = (
            "Confirm that you agree to share these details"
            if self_referral
            else "Confirm that consent was given to share these details"
        )
    if not self_referral:
        given_by = text_of(fields, "consent_given_by")
        if given_by not in (CONSENT_PERSON, CONSENT_SOMEONE_ELSE):
            problems["consent_given_by"] = "Choose who gave consent"
        elif given_by == CONSENT_SOMEONE_ELSE and not text_of(fields, "consent_given_by_name"):
            problems["consent_given_by_name"] = "Enter the name of the person who gave consent"
    if not text_of(fields, "consent_scope"):
        problems["consent_scope"] = "Say what consent was given for"
    return problems


def referral_problems(referrer: User | None, fields: dict) -> dict[str, str]:
    """Everything wrong with a referral's details, field by field in page order."""
    unknown = set(fields) - _FIELDS
    if unknown:
        raise TypeError(f"unknown referral fields: {sorted(unknown)}")
    problems: dict[str, str] = {}
    self_referral = referrer is None
    if referrer is not None and referrer.role is Role.PROFESSIONAL:
        try:
            source_for(referrer, text_of(fields, "source"))
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
    if not text_of(fields, "person_name"):
        problems["person_name"] = "Enter your name" if self_referral else "Enter their name"
    elif len(text_of(fields, "person_name")) > 255:
        problems["person_name"] = "Names must be 255 characters or fewer"
    problems.update(_contact_problems(fields))
    if not text_of(fields, "what_matters"):
        problems["what_matters"] = "Say what matters to " + ("you" if self_referral else "them")
    reason = text_of(fields, "reason")
    if reason not in {r.value for r in ReferralReason}:
        problems["reason"] = "Choose the main reason for the referral"
    elif reason == ReferralReason.OTHER.value and not text_of(fields, "reason_detail"):
        problems["reason_detail"] = "Say what the reason is"
    try:
        area_of(text_of(fields, "area"))
    except ValidationFailed as problem:
        problems[problem.field] = problem.message
    if not self_referral:
        if not text_of(fields, "referrer_name"):
            problems["referrer_name"] = "Enter your name"
        if not text_of(fields, "referrer_practice"):
            problems["referrer_practice"] = "Enter your practice or organisation"
    problems.update(_consent_problems(fields, self_referral))
    return {name: problems[name] for name in PAGE_ORDER if name in problems}


def consent_given_by(referrer: User | None, fields: dict) -> str:
    if referrer is None:
        return "The person, referring themselves"
    if text_of(fields, "consent_given_by") == CONSENT_SOMEONE_ELSE:
        return f"{text_of(fields, 'consent_given_by_name')}, on their behalf"
    return "The person"

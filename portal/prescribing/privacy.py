"""Keeping personal data no longer than needed, and giving it back or erasing it on request.

- `purge(now, months)`: referrals closed at least `months` calendar months before `now` are
  anonymised: the person's name, contact details and every free-text note go (journal entries
  and goals are deleted); reason, source, practice, states, dates, why it closed, the postcode
  district (never the postcode), monitoring and questionnaire scores stay, so the
  commissioners' reports and the insights count them as before.
- `export_person(referral, user)`: everything held about the person in one referral, as
  JSON-friendly data (a subject access request).
- `erase(referral, user)`: on the person's request, as anonymisation plus their questionnaire
  answers and monitoring: the referral is still counted, with nothing about them.

Each is written to the personal-data log ("anonymised", "exported", "erased").
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.accounts.models import User
from portal.db import as_utc, utcnow
from portal.extensions import db
from portal.prescribing.access import check_can_act, log_access
from portal.prescribing.models import (
    CLOSED_STATES,
    QuestionnaireStage,
    Referral,
    ReferralSource,
)
from portal.prescribing.outcomes.questionnaires import CATALOGUE, MONITORING_FIELDS


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the month's last day when the
    day does not exist there: 31 March less one month is 28 or 29 February)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def anonymise(referral: Referral, now: datetime) -> None:
    """Blank what identifies the person (flushes nothing, commits nothing)."""
    referral.anonymised_at = now
    referral.person_name = ""
    referral.person_email = None
    referral.person_phone = None
    referral.what_matters = ""
    referral.reason_detail = ""
    referral.consent_given_by = ""
    referral.declined_reason = ""
    if referral.source is ReferralSource.SELF:  # then the referrer is the person
        referral.referrer_name = ""
        referral.referrer_email = None
        referral.referrer_phone = None
    for event in referral.events:
        event.summary = ""
    for connection in referral.connections:
        connection.note = ""
    referral.journal.clear()  # delete-orphan: the entries and goals are deleted
    referral.goals.clear()


def due_for_purge(now: datetime, months: int) -> list[Referral]:
    """Closed (and still closed) `months` or more calendar months before `now`, with what
    anonymising them changes loaded."""
    cutoff = months_before(as_utc(now).astimezone(UTC), months)
    query = select(Referral).where(
        Referral.state.in_(CLOSED_STATES),
        Referral.closed_at <= cutoff,
        Referral.anonymised_at.is_(None),
    )
    loaded = [
        selectinload(relation)
        for relation in (Referral.events, Referral.connections, Referral.journal, Referral.goals)
    ]
    return list(db.session.scalars(query.options(*loaded).order_by(Referral.closed_at)))


def purge(now: datetime, months: int) -> int:
    """Anonymise every referral closed `months` or more calendar months before `now`."""
    due = due_for_purge(now, months)
    for referral in due:
        anonymise(referral, now)
        log_access(None, referral, "anonymised", f"closed {months} months or more")
    db.session.commit()
    return len(due)


def erase(referral: Referral, user: User) -> None:
    """On the person's request: anonymise now, and remove their answers and monitoring too."""
    check_can_act(user, referral)
    anonymise(referral, utcnow())
    for response in list(referral.responses):
        db.session.delete(response)
    for name in MONITORING_FIELDS:
        setattr(referral, name, None)
    log_access(user, referral, "erased", "at the person's request")
    db.session.commit()


# ---------------------------------------------------------------------------------------------
# Export


def _when(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    return value.isoformat()


def _name(user: User | None) -> str | None:
    return user.name if user is not None else None


def _responses(referral: Referral) -> list[dict]:
    out = []
    stages = list(QuestionnaireStage)
    ordered = sorted(referral.responses, key=lambda r: (r.questionnaire, stages.index(r.stage)))
    for response in ordered:
        questionnaire = CATALOGUE.get(response.questionnaire)
        questions = {q.key: q.text for q in questionnaire.questions} if questionnaire else {}
        out.append(
            {
                "questionnaire": questionnaire.title if questionnaire else response.questionnaire,
                "stage": response.stage.label,
                "answered_on": _when(response.answered_on),
                "answers": [
                    {"question": questions.get(key, key), "score": score}
                    for key, score in (response.answers or {}).items()
                ],
            }
        )
    return out


def _casework(referral: Referral) -> dict:
    return {
        "history": [
            {
                "at": _when(e.at),
                "by": _name(e.by),
                "from": e.from_state.label if e.from_state else None,
                "to": e.to_state.label if e.to_state else None,
                "summary": e.summary,
            }
            for e in referral.events
        ],
        "journal": [
            {"written_on": _when(j.written_on), "by": _name(j.author), "text": j.text}
            for j in referral.journal
        ],
        "goals": [{"goal": g.text, "achieved_on": _when(g.achieved_on)} for g in referral.goals],
        "activities": [
            {
                "activity": c.activity_name,
                "connected_on": _when(c.connected_on),
                "attendance": c.attendance.label,
                "note": c.note,
            }
            for c in referral.connections
        ],
    }


def _person(referral: Referral) -> dict:
    return {
        "name": referral.person_name,
        "email": referral.person_email,
        "phone": referral.person_phone,
        "contact_preference": referral.contact_preference.label,
        "what_matters": referral.what_matters,
    }


def _referral(referral: Referral) -> dict:
    return {
        "reference": referral.reference,
        "made_at": _when(referral.created_at),
        "to_service": referral.service.name if referral.service else None,
        "to_organisation": referral.organisation.name if referral.organisation else None,
        "source": referral.source.label,
        "referrer": referral.referrer_name,
        "referrer_practice": referral.referrer_practice,
        "reason": referral.reason.label,
        "reason_detail": referral.reason_detail,
        "postcode_district": referral.area,
        "state": referral.state.label,
        "why_it_closed": referral.closure_reason.label if referral.closure_reason else None,
        "declined_reason": referral.declined_reason,
        "first_contact_at": _when(referral.first_contact_at),
        "closed_at": _when(referral.closed_at),
        "connector": _name(referral.assigned_connector),
        "anonymised_at": _when(referral.anonymised_at),
    }


def export_person(referral: Referral, user: User) -> dict:
    """Everything held about the person in `referral`, ready for `json.dumps`."""
    check_can_act(user, referral)
    data = {
        "exported_at": _when(utcnow()),
        "person": _person(referral),
        "referral": _referral(referral),
        "consent": {
            "given_by": referral.consent_given_by,
            "given_at": _when(referral.consent_given_at),
            "for": referral.consent_scope,
            "recorded_by": _name(referral.consent_recorded_by),
        },
        "monitoring": {name: getattr(referral, name) for name in MONITORING_FIELDS},
        "questionnaires": _responses(referral),
        **_casework(referral),
    }
    log_access(user, referral, "exported")
    db.session.commit()
    return data

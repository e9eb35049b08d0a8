"""Referrals: making them (with consent), moving them through their states, assigning them to
a connector, telling people, and reminding receiving organisations of ones left waiting.

Services take plain values and commit once. What a referral must say is checked by
`details.py` (its checks are imported here too: `referral_problems`, `area_of`). E-mails never
carry personal data: a reference, the activity's name, the new state and a link to sign in
(`notices.py`).

Working days, due dates and what is overdue are in `working_days.py` (imported here too):
`add_working_days`, `due_on`, `working_days_overdue`, `overdue_referrals`; reminders here.

What the referral pages show, with the look at personal data logged, is read by `records.py`.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select

from portal.accounts.memberships import organisation_ids, people_at
from portal.accounts.models import Role, User
from portal.db import claim, utcnow
from portal.directory.models import Service
from portal.directory.services import reindex_service
from portal.extensions import db
from portal.prescribing.access import (
    check_can_act,
    log_access,
)
from portal.prescribing.models import (
    TRANSITIONS,
    ClosureReason,
    ContactPreference,
    Referral,
    ReferralEvent,
    ReferralReason,
    ReferralState,
)
from portal.prescribing.referrals import notices
from portal.prescribing.referrals.details import (  # noqa: F401  (part of this module's surface)
    AREA_PROBLEM,
    area_of,
    consent_given_by,
    is_email,
    referral_problems,
    source_for,
    text_of,
)
from portal.prescribing.working_days import (  # noqa: F401  (part of this module's surface)
    add_working_days,
    due_on,
    local_date,
    overdue_referrals,
    working_days_overdue,
)
from portal.validation import (
    AlreadyDecided,
    NotAllowed,
    ValidationFailed,
    moment_text,
)

# ---------------------------------------------------------------------------------------------
# Making a referral


def make_referral(service: Service, referrer: User | None, **fields) -> Referral:
    """Refer someone (or, with no referrer, oneself) to `service`, with recorded consent."""
    if not (service.accepts_referrals and service.is_public):
        raise NotAllowed("This activity does not take referrals")
    source = source_for(referrer, text_of(fields, "source"))
    problems = referral_problems(referrer, fields)
    if problems:
        field, message = next(iter(problems.items()))
        raise ValidationFailed(field, message)
    now = utcnow()
    person_email = text_of(fields, "person_email") or None
    person_phone = text_of(fields, "person_phone") or None
    referral = Referral(
        service=service,
        organisation_id=service.organisation_id,
        source=source,
        referrer_user_id=referrer.id if referrer else None,
        referrer_name=text_of(fields, "referrer_name" if referrer else "person_name"),
        referrer_practice=text_of(fields, "referrer_practice") if referrer else "",
        referrer_email=referrer.email if referrer else person_email,
        referrer_phone=(text_of(fields, "referrer_phone") or None) if referrer else person_phone,
        person_name=text_of(fields, "person_name"),
        person_email=person_email,
        person_phone=person_phone,
        contact_preference=ContactPreference(text_of(fields, "contact_preference")),
        what_matters=text_of(fields, "what_matters"),
        reason=ReferralReason(text_of(fields, "reason")),
        reason_detail=text_of(fields, "reason_detail"),
        area=area_of(text_of(fields, "area")),
        consent_given_by=consent_given_by(referrer, fields),
        consent_given_at=now,
        consent_scope=text_of(fields, "consent_scope"),
        consent_recorded_by_id=referrer.id if referrer else None,
        state=ReferralState.NEW,
        state_changed_at=now,
        created_at=now,
    )
    db.session.add(referral)
    referral.events.append(
        ReferralEvent(
            at=now,
            by_id=referrer.id if referrer else None,
            to_state=ReferralState.NEW,
            summary=f"Referral made ({source.label})",
        )
    )
    db.session.flush()
    log_access(referrer, referral, "created", f"Referral made to {service.name}")
    db.session.commit()
    notices.made(referral)
    return referral


# ---------------------------------------------------------------------------------------------
# States and assignment


def _state(value: ReferralState | str) -> ReferralState:
    if isinstance(value, ReferralState):
        return value
    try:
        return ReferralState(value)
    except ValueError as error:
        raise ValidationFailed("state", "Choose what has happened") from error


def _closure_reason(value: ClosureReason | str | None) -> ClosureReason | None:
    if value is None or isinstance(value, ClosureReason):
        return value
    if not value.strip():
        return None
    try:
        return ClosureReason(value.strip())
    except ValueError as error:
        raise ValidationFailed(
            "closure_reason", "Choose why it is closing from the list"
        ) from error


def next_states(referral: Referral) -> list[ReferralState]:
    """Where this referral may go next, in the order the states are listed."""
    allowed = TRANSITIONS[referral.state]
    return [state for state in ReferralState if state in allowed]


def _already(referral: Referral, state_changes: bool) -> None:
    """Raise AlreadyDecided: who changed the referral's state (or who it is assigned to)
    first, and when, from its history; nothing is kept."""
    kind = (
        ReferralEvent.to_state.is_not(None) if state_changes else ReferralEvent.to_state.is_(None)
    )
    last = db.session.scalars(
        select(ReferralEvent)
        .where(ReferralEvent.referral_id == referral.id, kind)
        .order_by(ReferralEvent.at.desc(), ReferralEvent.id.desc())
    ).first()
    who = last.by.name if last is not None and last.by is not None else "Someone"
    when = moment_text(last.at if last is not None else referral.state_changed_at)
    if state_changes:
        message = (
            f"{who} already marked referral {referral.reference} as "
            f"{referral.state.label.lower()} at {when}."
        )
    else:
        summary = last.summary if last is not None else ""
        message = f"{who} already changed who has referral {referral.reference} at {when}: "
        message += f"{summary}."
    db.session.rollback()
    raise AlreadyDecided(message)


def change_state(
    referral: Referral,
    user: User,
    new_state: ReferralState | str,
    note: str = "",
    declined_reason: str = "",
    seen_state: str | None = None,
    closure_reason: ClosureReason | str | None = None,
) -> Referral:
    """Move a referral on (receiving organisation or its connector only), once, and tell
    people. Raises AlreadyDecided when someone moved it on first, including since the page
    the person acted on was shown (`seen_state`: the state that page showed).

    `closure_reason` (optional) says why a closing referral closed; it is kept only when the
    new state closes it, for the anonymous figures on unmet need."""
    check_can_act(user, referral)
    target = _state(new_state)
    why = _closure_reason(closure_reason)
    before = referral.state
    if target is before and before is not ReferralState.NEW:
        _already(referral, state_changes=True)
    if seen_state and seen_state != before.value:
        _already(referral, state_changes=True)
    if target not in TRANSITIONS[before]:
        if referral.closed:
            message = f"This referral is closed ({referral.state.label}) and cannot change"
        else:
            message = (
                f"A referral that is {referral.state.label.lower()} "
                f"cannot become {target.label.lower()}"
            )
        raise ValidationFailed("state", message)
    reason = (declined_reason or "").strip()
    if target is ReferralState.DECLINED and not reason:
        raise ValidationFailed("declined_reason", "Say why the referral was declined")
    now = utcnow()
    changes: dict[str, object] = {"state": target, "state_changed_at": now}
    if before is ReferralState.NEW and referral.first_contact_at is None:
        changes["first_contact_at"] = now
    if target is ReferralState.DECLINED:
        changes["declined_reason"] = reason
    if target.closed:
        changes["closed_at"] = now
        if why is not None:
            changes["closure_reason"] = why
    if not claim(Referral, referral.id, {"state": before}, changes):
        _already(referral, state_changes=True)
    summary = (note or "").strip()
    if target is ReferralState.DECLINED:
        summary = f"Reason: {reason}" + (f"\n{summary}" if summary else "")
    if target.closed and why is not None:
        summary = f"Why it closed: {why.label}" + (f"\n{summary}" if summary else "")
    referral.events.append(
        ReferralEvent(at=now, by_id=user.id, from_state=before, to_state=target, summary=summary)
    )
    log_access(user, referral, "changed state", f"{before.label} to {target.label}")
    db.session.commit()
    notices.changed(referral)
    return referral


def connectors_for(referral: Referral) -> list[User]:
    """The connectors who work for the receiving organisation, by name."""
    people = db.session.scalars(
        people_at(referral.organisation_id).where(User.role == Role.CONNECTOR)
    )
    return sorted(people, key=lambda p: p.name.lower())


def assign(referral: Referral, user: User, connector: User | None) -> Referral:
    """Give the referral to a connector of the receiving organisation (None: nobody), once:
    raises AlreadyDecided when someone changed who has it first."""
    check_can_act(user, referral)
    if referral.closed:
        raise ValidationFailed(
            "connector", f"This referral is {referral.state.label.lower()}: it stays as it was"
        )
    if connector is not None and (
        connector.role is not Role.CONNECTOR
        or referral.organisation_id not in organisation_ids(connector)
    ):
        raise ValidationFailed(
            "connector", f"Choose a connector who works for {referral.organisation.name}"
        )
    if connector is None and referral.assigned_connector_id is None:
        raise ValidationFailed("connector", "Choose a connector")
    current, wanted = referral.assigned_connector_id, connector.id if connector else None
    if wanted == current:
        _already(referral, state_changes=False)
    if not claim(
        Referral,
        referral.id,
        {"assigned_connector_id": current, "state": [s for s in ReferralState if not s.closed]},
        {"assigned_connector_id": wanted},
    ):
        _already(referral, state_changes=False)
    summary = f"Assigned to {connector.name}" if connector else "No longer assigned"
    referral.events.append(ReferralEvent(at=utcnow(), by_id=user.id, summary=summary))
    log_access(user, referral, "assigned", summary)
    db.session.commit()
    if connector is not None:
        notices.assigned(referral, connector)
    return referral


def assign_chosen(referral: Referral, user: User, chosen: str) -> Referral:
    """`assign` to the connector chosen on the referral's record: their id as the page sent
    it, "" for nobody. An id that is nobody's (a page out of date, or tampered with) is refused
    like any other wrong choice."""
    try:
        connector = db.session.get(User, uuid.UUID(chosen)) if chosen else None
    except ValueError:
        connector = None
    if connector is None and chosen:
        raise ValidationFailed("connector", "Choose a connector from the list")
    return assign(referral, user, connector)


# ---------------------------------------------------------------------------------------------
# Reminders


def send_reminders(now: datetime) -> int:
    """E-mail each overdue referral's receiving organisation once; how many this run reminded.

    Each reminder is claimed (`reminded_at` set where it was empty) and committed before it is
    sent: a run that fails half-way never sends one twice, and two runs at once share the work
    without sending any twice."""
    due = [r.id for r in overdue_referrals(now) if r.reminded_at is None]
    db.session.rollback()
    sent = 0
    for referral_id in due:
        if not claim(Referral, referral_id, {"reminded_at": None}, {"reminded_at": now}):
            db.session.rollback()
            continue
        referral = db.session.get(Referral, referral_id)
        if referral is None:  # erased since the list was read: nobody to remind about
            db.session.rollback()
            continue
        log_access(None, referral, "reminded", "Receiving organisation reminded: overdue")
        db.session.commit()
        notices.reminder(referral, local_date(referral.created_at), due_on(referral))
        sent += 1
    return sent


# ---------------------------------------------------------------------------------------------
# A listing's referral settings


def may_manage_referrals(user: User, service: Service) -> bool:
    """The listing's own organisation (members and staff) and the directory team."""
    return user.is_authenticated and (
        user.role in (Role.ADMIN, Role.EDITOR) or service.organisation_id in organisation_ids(user)
    )


def set_referral_settings(service: Service, user: User, *, accepts: bool, email: str) -> Service:
    """Switch referrals on or off for a listing and say which address receives them."""
    if not may_manage_referrals(user, service):
        raise NotAllowed("Only the listing's organisation and the directory team")
    address = (email or "").strip()
    if address and not is_email(address):
        raise ValidationFailed("referral_email", "Enter an email address like name@example.com")
    if accepts and not address and not notices.organisation_recipients_exist(service):
        raise ValidationFailed(
            "referral_email",
            f"Enter an email address for referrals: nobody at {service.organisation.name} "
            "has an account to receive them",
        )
    service.accepts_referrals = accepts
    service.referral_email = address or None
    db.session.commit()
    reindex_service(service.id)  # search filters on it ("Accepts referrals")
    return service

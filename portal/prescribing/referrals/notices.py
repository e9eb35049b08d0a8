"""The e-mails about referrals. None carries personal data: only the reference, the activity's
name, the state and a link to sign in and see the rest (the person's own e-mail, for someone
who referred themselves, has no link: they have no account).

Who hears: the receiving organisation (the service's `referral_email` if set, its members and
staff accounts, and the assigned connector) and the referrer, on creation and every change.
Someone who referred themselves hears only when it is made and when it is closed, and only if
they gave an e-mail address.

The wording is in `templates/emails/referral_*.txt`.
"""

from __future__ import annotations

from datetime import date

from portal.accounts.memberships import people_at
from portal.accounts.models import User
from portal.directory.schedules import format_date
from portal.extensions import db
from portal.links import absolute_url
from portal.notify import email_text, send_email
from portal.prescribing.models import Referral


def organisation_recipients(referral: Referral) -> list[str]:
    """Everyone at the receiving organisation who hears about its referrals."""
    addresses: list[str] = []
    if referral.service is not None and referral.service.referral_email:
        addresses.append(referral.service.referral_email)
    people = db.session.scalars(people_at(referral.organisation_id).order_by(User.email))
    addresses.extend(person.email for person in people)
    if referral.assigned_connector is not None and referral.assigned_connector.active:
        addresses.append(referral.assigned_connector.email)
    return addresses


def organisation_recipients_exist(service) -> bool:
    """Whether anyone at the service's organisation has an account to hear of referrals."""
    return db.session.scalars(people_at(service.organisation_id).limit(1)).first() is not None


def _signed_in_recipients(referral: Referral) -> list[str]:
    addresses = organisation_recipients(referral)
    if referral.referrer is not None and referral.referrer.active:
        addresses.append(referral.referrer.email)
    return list(dict.fromkeys(a.strip() for a in addresses if a and a.strip()))


def _service_name(referral: Referral) -> str:
    return referral.service.name if referral.service else "an activity"


def _link(referral: Referral) -> str:
    return absolute_url("referrals.show", referral_id=referral.id)


def _send_all(addresses: list[str], subject: str, body: str) -> None:
    for address in addresses:
        send_email(address, subject, body)


def made(referral: Referral) -> None:
    service = _service_name(referral)
    _send_all(
        _signed_in_recipients(referral),
        f"New referral {referral.reference} for {service}",
        email_text(
            "referral_made.txt", reference=referral.reference, service=service, link=_link(referral)
        ),
    )
    if referral.referrer_user_id is None and referral.person_email:
        send_email(
            referral.person_email,
            f"Your referral {referral.reference} has been sent",
            email_text(
                "referral_sent.txt",
                reference=referral.reference,
                service=service,
                organisation=referral.organisation.name,
            ),
        )


def changed(referral: Referral) -> None:
    service, state = _service_name(referral), referral.state.label
    _send_all(
        _signed_in_recipients(referral),
        f"Referral {referral.reference} is now: {state}",
        email_text(
            "referral_changed.txt",
            reference=referral.reference,
            service=service,
            state=state,
            link=_link(referral),
        ),
    )
    if referral.closed and referral.referrer_user_id is None and referral.person_email:
        send_email(
            referral.person_email,
            f"Your referral {referral.reference} is closed",
            email_text(
                "referral_closed.txt", reference=referral.reference, service=service, state=state
            ),
        )


def assigned(referral: Referral, connector: User) -> None:
    send_email(
        connector.email,
        f"Referral {referral.reference} has been given to you",
        email_text(
            "referral_assigned.txt",
            reference=referral.reference,
            service=_service_name(referral),
            link=_link(referral),
        ),
    )


def reminder(referral: Referral, made_on: date, due: date) -> None:
    _send_all(
        list(dict.fromkeys(organisation_recipients(referral))),
        f"Reminder: referral {referral.reference} is waiting",
        email_text(
            "referral_reminder.txt",
            reference=referral.reference,
            service=_service_name(referral),
            made_on=format_date(made_on),
            due=format_date(due),
            link=_link(referral),
        ),
    )

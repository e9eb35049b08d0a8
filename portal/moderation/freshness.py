"""Keeping listings fresh: reminders to confirm them, and hiding the ones nobody confirms.

A listing counts from the day it was last checked (`Service.last_reviewed`: approval, an
editor's restore, or its group's "still correct"). At each of `PORTAL_REMINDER_MONTHS`
(6 and 11 by default) its group is e-mailed a signed "still correct" link and a link to edit;
at `PORTAL_HIDE_AFTER_MONTHS` (12) it is hidden from the public (not deleted) and shows in the
directory team's queue. `review_due` is safe to run from cron as often as you like: each
reminder is recorded per listing, stage and checking cycle, and sent once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from portal.accounts import tokens
from portal.accounts.models import User
from portal.audit import audit
from portal.db import claim, insert_once
from portal.directory.models import HiddenReason, PublicationState, Service
from portal.directory.services import reindex_service
from portal.extensions import db
from portal.links import absolute_url
from portal.moderation.models import FreshnessReminder
from portal.moderation.services import get_service, people_of
from portal.notify import email_text, send_email

CONFIRM_LISTING = ("still-correct", timedelta(days=400))


@dataclass(frozen=True)
class ReviewResult:
    reminded: int
    hidden: int


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end` (the 31st to the 30th of the next is 0)."""
    return (end.year - start.year) * 12 + (end.month - start.month) - (end.day < start.day)


def reminder_months() -> list[int]:
    raw = current_app.config["PORTAL_REMINDER_MONTHS"]
    return sorted(int(m) for m in str(raw).split(",") if m.strip())


def confirm_link(service: Service) -> str:
    token = tokens.make_token(
        CONFIRM_LISTING,
        {"service": str(service.id), "cycle": service.last_reviewed.isoformat()},
    )
    return absolute_url("listings.still_correct", token=token)


def due_for_confirmation(service: Service, today: date | None = None) -> bool:
    """Whether its group should be asked now (past the first reminder month)."""
    if service.last_reviewed is None:
        return True
    months = reminder_months()
    return (
        bool(months) and months_between(service.last_reviewed, today or date.today()) >= months[0]
    )


def _recipients(service: Service) -> list[str]:
    people = people_of(service.organisation)
    if people:
        return people
    fallback = service.contacts[0].email if service.contacts else None
    return [email for email in [fallback or service.email] if email]


def _remind(service: Service, stage: int, hide_after: int) -> None:
    body = email_text(
        "freshness_reminder.txt",
        name=service.name,
        last_reviewed=service.last_reviewed,
        confirm_link=confirm_link(service),
        edit_link=absolute_url("listings.edit_listing", service_id=service.id),
        months_left=hide_after - stage,
    )
    for email in _recipients(service):
        send_email(email, f"Is {service.name} still right?", body)


def _hide(service: Service, tell: bool = True) -> bool:
    """Hide a listing nobody confirmed, once (another run may be hiding it too); commits,
    re-indexes and tells its group (unless `tell` is False: an imported listing's own
    directory checks it). False when it was hidden or confirmed meanwhile."""
    hidden = {
        "publication_state": PublicationState.HIDDEN,
        "hidden_reason": HiddenReason.OUT_OF_DATE,
    }
    starts_from = {
        "publication_state": PublicationState.PUBLISHED,
        "last_reviewed": service.last_reviewed,
    }
    if not claim(Service, service.id, starts_from, hidden):
        db.session.rollback()
        return False
    audit(
        None,
        "listing.hidden_out_of_date",
        f"Hid “{service.name}”: not confirmed since {service.last_reviewed:%d %B %Y}",
        service=service,
    )
    db.session.commit()
    reindex_service(service.id)
    body = email_text(
        "freshness_hidden.txt",
        name=service.name,
        months=current_app.config["PORTAL_HIDE_AFTER_MONTHS"],
        confirm_link=confirm_link(service),
        edit_link=absolute_url("listings.edit_listing", service_id=service.id),
    )
    for email in _recipients(service) if tell else []:
        send_email(email, f"{service.name} is hidden until you confirm it", body)
    return True


def review_due(today: date | None = None) -> ReviewResult:
    """Send the reminders that are due and hide what has expired; commits as it goes.

    Safe to overlap with another run: each reminder is claimed by inserting its record (a
    record already there means another run sent it) and each hiding by a conditional update,
    so nothing is sent twice and neither run fails."""
    today = today or date.today()
    stages, hide_after = reminder_months(), current_app.config["PORTAL_HIDE_AFTER_MONTHS"]
    sent = {
        (r.service_id, r.stage, r.cycle)
        for r in db.session.scalars(select(FreshnessReminder)).all()
    }
    reminded = hidden = 0
    imported = _imported_listings()
    listings = db.session.scalars(
        select(Service).where(
            Service.publication_state == PublicationState.PUBLISHED,
            Service.last_reviewed.is_not(None),
            Service.last_reviewed <= today - timedelta(days=28 * min(stages or [hide_after])),
        )
    ).all()
    for service in listings:
        age = months_between(service.last_reviewed, today)
        if age >= hide_after:
            hidden += _hide(service, tell=service.id not in imported)
            continue
        if service.id in imported:  # its own directory asks its group, not us
            continue
        due = [s for s in stages if age >= s]
        if not due or (service.id, due[-1], service.last_reviewed) in sent:
            continue
        if not _recipients(service):  # nobody to ask: editors see it when it is hidden
            continue
        record = {"service_id": service.id, "stage": due[-1], "cycle": service.last_reviewed}
        if not insert_once(FreshnessReminder, record):
            db.session.rollback()
            continue
        db.session.commit()  # recorded before sending: a crash sends none rather than two
        _remind(service, due[-1], hide_after)
        reminded += 1
    return ReviewResult(reminded, hidden)


def _no_imported_listings() -> set[uuid.UUID]:
    return set()


_imported_listings: Callable[[], set[uuid.UUID]] = _no_imported_listings


def use_imported_listings(finder: Callable[[], set[uuid.UUID]]) -> None:
    """Which listings were taken in from another directory (`portal.oruk` knows; the app
    factory connects it). Their `last_reviewed` is the source's assured date, so they are
    hidden when stale like ours, but nobody here is reminded."""
    global _imported_listings
    _imported_listings = finder


def service_for_confirmation(token: str) -> Service:
    """The listing a "still correct" link is for, if the link belongs to its current checking
    cycle; raises LinkProblem otherwise (a link from before the last check is spent)."""
    payload = tokens.read_token(CONFIRM_LISTING, token)
    try:
        service = get_service(str(payload.get("service")))
    except LookupError as error:
        raise tokens.LinkProblem(expired=False) from error
    cycle = service.last_reviewed.isoformat() if service.last_reviewed else None
    if payload.get("cycle") != cycle:
        raise tokens.LinkProblem(expired=True)
    _check_confirmable(service)  # not a page with a button that can only fail
    return service


def _check_confirmable(service: Service) -> None:
    if service.publication_state not in (PublicationState.PUBLISHED, PublicationState.HIDDEN):
        raise tokens.LinkProblem(expired=False)
    if (
        service.publication_state is PublicationState.HIDDEN
        and service.hidden_reason is not HiddenReason.OUT_OF_DATE
    ):
        raise tokens.LinkProblem(expired=False)  # hidden by an editor: not theirs to undo


def confirm_still_correct(service: Service, actor: User | None) -> None:
    """The group says the listing is still right: checked today, shown again if hidden for
    being out of date; commits and re-indexes."""
    _check_confirmable(service)
    restored = service.publication_state is PublicationState.HIDDEN
    service.publication_state, service.hidden_reason = PublicationState.PUBLISHED, None
    service.last_reviewed = date.today()
    audit(
        actor,
        "listing.confirmed",
        f"Confirmed “{service.name}” is still correct" + (" (shown again)" if restored else ""),
        service=service,
    )
    db.session.commit()
    reindex_service(service.id)

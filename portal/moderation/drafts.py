"""A group's drafts: starting a new listing or a change, saving each step, sending it for review.

A draft is a `ListingRevision`; two people editing it at once are told rather than one
losing the other's work (`EditConflict`).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.accounts.access import is_directory_team
from portal.accounts.memberships import check_manages, people_of
from portal.accounts.models import User
from portal.audit import audit
from portal.db import as_utc, claim, utcnow
from portal.directory.models import (
    Organisation,
    Service,
)
from portal.extensions import db
from portal.links import absolute_url
from portal.listings.data import empty_listing, listing_data
from portal.listings.steps import STEP_KEYS, still_needed
from portal.moderation.models import (
    OPEN_REVISION_STATES,
    ListingRevision,
    RevisionState,
)
from portal.notify import email_text, send_email
from portal.validation import (
    EditConflict,
    NotAllowed,
    NotFound,
    ValidationFailed,
    parse_id,
)


def tell_group(revision: ListingRevision, subject: str, body: str) -> None:
    """E-mail the group's people and the draft's author, once each."""
    recipients = set(people_of(revision.organisation))
    if revision.author is not None:
        recipients.add(revision.author.email)
    for email in sorted(recipients):
        send_email(email, subject, body)


def get_revision(revision_id: str) -> ListingRevision:
    """A revision, with the group and author its pages show (loaded again when a rollback
    has expired them); NotFound when there is none."""
    revision = db.session.scalars(
        select(ListingRevision)
        .options(joinedload(ListingRevision.organisation), joinedload(ListingRevision.author))
        .where(ListingRevision.id == parse_id(revision_id))
    ).first()
    if revision is None:
        raise NotFound(revision_id)
    return revision


def open_revision_for(service: Service) -> ListingRevision | None:
    return db.session.scalars(
        select(ListingRevision)
        .where(
            ListingRevision.service_id == service.id,
            ListingRevision.state.in_(OPEN_REVISION_STATES),
        )
        .order_by(ListingRevision.created_at.desc())
    ).first()


def start_listing(user: User, organisation: Organisation):
    """A new, empty draft listing for `organisation`; commits."""
    check_manages(user, organisation.id)
    revision = ListingRevision(
        organisation=organisation,
        author=user,
        data=empty_listing(),
        source="editor" if is_directory_team(user) else "group",
    )
    db.session.add(revision)
    db.session.commit()
    return revision


def start_edit(user: User, service: Service) -> ListingRevision:
    """The open edit of a live listing, or a new one holding its current data; commits."""
    check_manages(user, service.organisation_id)
    revision = open_revision_for(service)
    if revision is None:
        current = listing_data(service)
        revision = ListingRevision(
            service=service,
            organisation=service.organisation,
            author=user,
            data=current,
            base=current,
            steps_done=list(STEP_KEYS),
            source="editor" if is_directory_team(user) else "group",
        )
        db.session.add(revision)
        db.session.commit()
    return revision


def _writable_states(user: User) -> tuple[RevisionState, ...]:
    """The states of a revision `user` may change: the directory team may correct one that
    is waiting for review too."""
    if is_directory_team(user):
        return (RevisionState.DRAFT, RevisionState.CHANGES_REQUESTED, RevisionState.PENDING)
    return (RevisionState.DRAFT, RevisionState.CHANGES_REQUESTED)


def edit_conflict(revision: ListingRevision) -> EditConflict:
    """What someone who started from an older version needs to know: who changed the draft,
    when, and what it holds now. Ends the failed attempt's transaction (nothing was saved)."""
    db.session.rollback()
    changer = revision.updated_by
    return EditConflict(
        changer.name if changer is not None else "Someone else",
        as_utc(revision.updated_at),
        dict(revision.data or {}),
    )


def check_can_edit(user: User, revision: ListingRevision, started_from: int | None = None) -> None:
    """Raise NotAllowed unless `user` may change the revision now.

    With `started_from` (the version the person's page showed) the revision is also taken for
    the change that follows in this transaction, which the caller commits: its version goes
    up by one, so a save that started from the same version is refused, and EditConflict is
    raised (nothing changed) when someone saved it since."""
    check_manages(user, revision.organisation_id)
    if revision.state not in _writable_states(user):
        raise NotAllowed("This listing is waiting for review and cannot be changed now")
    if started_from is not None and not claim(
        ListingRevision,
        revision.id,
        {"version": started_from},
        {"version": started_from + 1, "updated_by_id": user.id},
    ):
        raise edit_conflict(revision)


def save_step(
    revision: ListingRevision,
    key: str,
    changes: dict,
    started_from: int | None = None,
    user: User | None = None,
) -> None:
    """Keep one step's answers in the draft; commits.

    `started_from` is the version the person's page showed (None: the version loaded here).
    The save is one conditional UPDATE on that version, while the draft may still be changed
    (by `user`), so of two saves made at the same moment exactly one lands; the other raises
    EditConflict and saves nothing."""
    expected = revision.version if started_from is None else started_from
    states = _writable_states(user) if user is not None else OPEN_REVISION_STATES
    data = {**empty_listing(), **(revision.data or {}), **changes}
    steps_done = sorted(set(revision.steps_done or []) | {key}, key=STEP_KEYS.index)
    saved = claim(
        ListingRevision,
        revision.id,
        {"version": expected, "state": states},
        {
            "data": data,
            "steps_done": steps_done,
            "version": expected + 1,
            "updated_by_id": user.id if user is not None else revision.updated_by_id,
        },
    )
    if not saved:
        raise edit_conflict(revision)
    db.session.commit()


def submit(revision: ListingRevision, user: User, expected_version: int | None = None) -> None:
    """Send a complete draft to the directory team; commits and tells the group.

    `expected_version` is the version the person checked (None: the version loaded here):
    a draft saved by someone else since is not sent (EditConflict), and a save made at the
    same moment is refused rather than lost."""
    check_can_edit(user, revision)
    missing = still_needed(revision.data)
    if missing:
        raise ValidationFailed(missing[0][0], f"Add {missing[0][1]} before you submit")
    expected = revision.version if expected_version is None else expected_version
    if not claim(
        ListingRevision,
        revision.id,
        {"version": expected, "state": _writable_states(user)},
        {"state": RevisionState.PENDING, "version": expected + 1, "updated_by_id": user.id},
    ):
        raise edit_conflict(revision)
    revision.submitted_at = utcnow()
    revision.author = revision.author or user
    audit(
        user,
        "revision.submitted",
        f"Submitted {'changes to' if revision.is_edit else 'a new listing,'} “{revision.title}”",
        service=revision.service,
        subject=f"revision:{revision.id}",
    )
    db.session.commit()
    what = "your changes to" if revision.is_edit else "your new listing"
    tell_group(
        revision,
        f"We have received {what} {revision.title}",
        email_text(
            "listing_received.txt",
            is_edit=revision.is_edit,
            title=revision.title,
            dashboard_link=absolute_url("groups.dashboard"),
        ),
    )

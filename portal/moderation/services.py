"""Listings from draft to live, and the directory team's decisions, each one audited.

Groups write `ListingRevision`s; editors approve them (the live listing changes then, and only
then), send them back with a reason, or publish their own directly. Every decision and every
change to a listing is an `AuditEvent`; a listing change keeps the data before and after, so
it can be compared and reverted. One commit per function; the search index follows every
change to a live listing (`reindex_service`).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from portal.accounts.access import is_directory_team
from portal.accounts.models import Membership, User
from portal.audit import AuditEvent, audit
from portal.db import as_utc, claim, hold, utcnow
from portal.db import claim as claim_row
from portal.directory.models import (
    HiddenReason,
    Organisation,
    OrganisationType,
    PublicationState,
    Service,
)
from portal.directory.services import reindex_service
from portal.extensions import db
from portal.links import absolute_url
from portal.listings.data import apply_listing_data, empty_listing, listing_data
from portal.listings.steps import STEP_KEYS, still_needed
from portal.moderation.models import (
    OPEN_REVISION_STATES,
    Claim,
    ClaimState,
    ListingRevision,
    ProblemKind,
    ProblemReport,
    RevisionState,
)
from portal.notify import email_text, send_email
from portal.text import plain
from portal.validation import (
    AlreadyDecided,
    EditConflict,
    NotAllowed,
    NotFound,
    ValidationFailed,
    moment_text,
    parse_id,
)


def member_of(user: User, organisation_id: uuid.UUID) -> bool:
    return any(m.organisation_id == organisation_id for m in user.memberships)


def check_manages(user: User, organisation_id: uuid.UUID) -> None:
    """Raise NotAllowed unless `user` is on the directory team or a member of the group."""
    if not (is_directory_team(user) or member_of(user, organisation_id)):
        raise NotAllowed(str(organisation_id))


def people_of(organisation: Organisation) -> list[str]:
    emails = db.session.scalars(
        select(User.email)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organisation_id == organisation.id, User.active.is_(True))
    ).all()
    return sorted(set(emails))


def _tell_group(revision: ListingRevision, subject: str, body: str) -> None:
    recipients = set(people_of(revision.organisation))
    if revision.author is not None:
        recipients.add(revision.author.email)
    for email in sorted(recipients):
        send_email(email, subject, body)


# --- organisations and claims --------------------------------------------------------------


def organisation_named(name: str) -> Organisation | None:
    return db.session.scalars(
        select(Organisation).where(func.lower(Organisation.name) == name.strip().lower())
    ).first()


def create_organisation(user: User, name: str, description: str, email: str, website: str):
    """A new group; a group member who creates it manages it (the directory team needs no
    membership); commits. Raises ValidationFailed for a taken name or a bad address."""
    name = plain(name, 255)
    if not name:
        raise ValidationFailed("name", "Enter the name of your group or organisation")
    existing = organisation_named(name)
    if existing is not None:
        raise ValidationFailed(
            "name",
            f"“{existing.name}” is already in the directory: ask to manage it instead",
        )
    email, website = (email or "").strip(), (website or "").strip()
    if email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
        raise ValidationFailed("email", "Enter an email address like name@example.com")
    if website and not re.match(r"^https?://[^\s/]+\.[^\s]+$", website):
        raise ValidationFailed("website", "Enter a web address starting https://")
    organisation = Organisation(
        name=name,
        description=plain(description),
        organisation_type=OrganisationType.COMMUNITY_GROUP,
        email=email or None,
        website=website or None,
    )
    db.session.add(organisation)
    if not is_directory_team(user):
        db.session.add(Membership(user=user, organisation=organisation))
    audit(user, "organisation.created", f"Created “{name}”", subject=f"organisation:{name}")
    db.session.commit()
    return organisation


def request_claim(user: User, organisation: Organisation, message: str) -> Claim:
    """Ask the directory team to let `user` manage `organisation`; commits."""
    if member_of(user, organisation.id):
        raise ValidationFailed("organisation", "You already manage this organisation")
    waiting = db.session.scalars(
        select(Claim).where(
            Claim.user_id == user.id,
            Claim.organisation_id == organisation.id,
            Claim.state == ClaimState.PENDING,
        )
    ).first()
    if waiting is not None:
        return waiting
    message = plain(message, 1000)
    if not message:
        raise ValidationFailed("message", "Say how you are connected to this organisation")
    claim = Claim(user=user, organisation=organisation, message=message)
    db.session.add(claim)
    audit(user, "claim.requested", f"Asked to manage “{organisation.name}”", subject="claim")
    db.session.commit()
    return claim


def decide_claim(claim: Claim, editor: User, approve: bool, reason: str = "") -> None:
    """Approve (the person becomes a member) or refuse a claim, telling them; commits.
    Raises AlreadyDecided when another editor decided it first."""
    if claim.state is not ClaimState.PENDING:
        _lost_claim(claim)
    reason = plain(reason, 1000)
    if not approve and not reason:
        raise ValidationFailed("reason", "Say why, so the person knows what to do next")
    decision = {
        "state": ClaimState.APPROVED if approve else ClaimState.REJECTED,
        "reason": reason or None,
        "decided_at": utcnow(),
        "decided_by_id": editor.id,
    }
    if not claim_row(Claim, claim.id, {"state": ClaimState.PENDING}, decision):
        _lost_claim(claim)
    if approve and not member_of(claim.user, claim.organisation_id):
        db.session.add(Membership(user=claim.user, organisation=claim.organisation))
    verb = "approved" if approve else "refused"
    audit(
        editor,
        f"claim.{verb}",
        f"{verb.capitalize()} {claim.user.name}'s request to manage “{claim.organisation.name}”"
        + (f": {reason}" if reason else ""),
        subject=f"claim:{claim.id}",
    )
    db.session.commit()
    name = claim.organisation.name
    body = email_text(
        "claim_decided.txt",
        name=claim.user.name,
        approved=approve,
        organisation=name,
        dashboard_link=absolute_url("groups.dashboard"),
        reason=reason,
    )
    send_email(claim.user.email, f"Your request to manage {name}", body)


def _name_of(user_id) -> str:
    person = db.session.get(User, user_id) if user_id else None
    return person.name if person is not None else "Someone"


def _lost_claim(claim: Claim) -> None:
    """Raise AlreadyDecided for a claim someone else decided; nothing is kept."""
    verb = "approved" if claim.state is ClaimState.APPROVED else "refused"
    message = (
        f"This request has already been decided: {_name_of(claim.decided_by_id)} already "
        f"{verb} it at {moment_text(claim.decided_at or utcnow())}."
    )
    db.session.rollback()
    raise AlreadyDecided(message)


# --- revisions -------------------------------------------------------------------------------


def get_revision(revision_id: str) -> ListingRevision:
    revision = db.session.get(ListingRevision, parse_id(revision_id))
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


def _conflict(revision: ListingRevision) -> EditConflict:
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
        raise _conflict(revision)


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
        raise _conflict(revision)
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
        raise _conflict(revision)
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
    _tell_group(
        revision,
        f"We have received {what} {revision.title}",
        f"Thank you. The directory team will check {what} “{revision.title}”, usually within "
        "2 working days, and email you when it is done."
        + (" Until then the listing stays as it was." if revision.is_edit else "")
        + f"\n\nSee your listings: {absolute_url('groups.dashboard')}\n",
    )


DECIDED = {
    RevisionState.APPROVED: "approved this",
    RevisionState.CHANGES_REQUESTED: "sent this back",
    RevisionState.WITHDRAWN: "withdrew this",
}


def _lost_revision(revision: ListingRevision, problem: ValidationFailed) -> None:
    """Raise AlreadyDecided (who decided it, and when) for a revision decided by someone
    else, or `problem` when it is simply not in a state for this; nothing is kept."""
    decided = revision.state in DECIDED and revision.decided_at is not None
    message = ""
    if decided:
        message = (
            f"{_name_of(revision.decided_by_id)} already {DECIDED[revision.state]} at "
            f"{moment_text(revision.decided_at)}."
        )
        if revision.state is RevisionState.CHANGES_REQUESTED and revision.reason:
            message += f" They said: {revision.reason}"
    db.session.rollback()
    if decided:
        raise AlreadyDecided(message)
    raise problem


def _apply(
    revision: ListingRevision, editor: User, starts_from, problem, seen_version: int | None = None
) -> Service:
    """Approve `revision` once, from one of the states `starts_from`, and write it onto its
    listing, whose rows it replaces (read once the listing is held); flushes.

    `seen_version`: the version the editor reviewed; if someone corrected the revision since,
    EditConflict is raised and nothing changes, so an editor never approves unseen words."""
    now = utcnow()
    expected: dict[str, object] = {"state": list(starts_from)}
    if seen_version is not None:
        expected["version"] = seen_version
    won = claim_row(
        ListingRevision,
        revision.id,
        expected,
        {
            "state": RevisionState.APPROVED,
            "decided_at": now,
            "decided_by_id": editor.id,
            "submitted_at": func.coalesce(ListingRevision.submitted_at, now),
        },
    )
    if not won:
        if revision.state in starts_from and revision.version != seen_version:
            raise _conflict(revision)
        _lost_revision(revision, problem)
    action = "listing.changed" if revision.is_edit else "listing.published"
    service = revision.service
    if service is not None:
        hold(Service, service.id)
        db.session.expire(service)
    before = listing_data(service) if service is not None else None
    if service is None:
        service = Service(organisation=revision.organisation)
        db.session.add(service)
    apply_listing_data(service, revision.data)
    service.publication_state = PublicationState.PUBLISHED
    service.hidden_reason = None
    service.last_reviewed = date.today()
    revision.service = service
    db.session.flush()
    if before is None:  # a new listing: its submission and sending back are its history too
        earlier = select(AuditEvent).where(
            AuditEvent.subject == f"revision:{revision.id}", AuditEvent.service_id.is_(None)
        )
        for event in db.session.scalars(earlier).all():
            event.service = service
    audit(
        editor,
        action,
        f"{'Changed' if before else 'Published'} “{service.name}”",
        service=service,
        subject=f"revision:{revision.id}",
        before=before,
        after=listing_data(service),
    )
    return service


def approve(revision: ListingRevision, editor: User, seen_version: int | None = None) -> Service:
    """Put a submitted listing or edit live, once; commits, re-indexes, tells the group.
    Raises AlreadyDecided when another editor decided it first, and EditConflict when it was
    corrected after the editor opened it (`seen_version`: the version they reviewed)."""
    problem = ValidationFailed("decision", "Only listings waiting for review can be approved")
    service = _apply(revision, editor, (RevisionState.PENDING,), problem, seen_version)
    db.session.commit()
    reindex_service(service.id)
    _tell_group(
        revision,
        f"{service.name} is live",
        f"Good news: the directory team approved “{service.name}”. It is live now:\n\n"
        f"{absolute_url('directory.service', service_id=service.id)}\n",
    )
    return service


def publish_directly(revision: ListingRevision, editor: User) -> Service:
    """The directory team's own listing or edit, live at once; commits and re-indexes.
    Raises AlreadyDecided when it was approved (or withdrawn) meanwhile."""
    if not is_directory_team(editor):
        raise NotAllowed("publish")
    missing = still_needed(revision.data)
    if missing:
        raise ValidationFailed(missing[0][0], f"Add {missing[0][1]} before you publish")
    problem = ValidationFailed("revision", "This is no longer a draft")
    service = _apply(revision, editor, OPEN_REVISION_STATES, problem)
    db.session.commit()
    reindex_service(service.id)
    return service


def send_back(revision: ListingRevision, editor: User, reason: str) -> None:
    """Return a submitted listing to its group with what to change, once; commits, e-mails
    them. Raises AlreadyDecided when another editor decided it first."""
    problem = ValidationFailed("reason", "Only listings waiting for review can be sent back")
    if revision.state is not RevisionState.PENDING:
        _lost_revision(revision, problem)
    reason = plain(reason, 2000)
    if not reason:
        raise ValidationFailed("reason", "Say what needs to change, so the group can fix it")
    decision = {
        "state": RevisionState.CHANGES_REQUESTED,
        "reason": reason,
        "decided_at": utcnow(),
        "decided_by_id": editor.id,
    }
    if not claim_row(ListingRevision, revision.id, {"state": RevisionState.PENDING}, decision):
        _lost_revision(revision, problem)
    audit(
        editor,
        "revision.sent_back",
        f"Sent back “{revision.title}”: {reason}",
        service=revision.service,
        subject=f"revision:{revision.id}",
    )
    db.session.commit()
    _tell_group(
        revision,
        f"Please change {revision.title}",
        f"The directory team looked at “{revision.title}” and asked for a change:\n\n"
        f"{reason}\n\nMake the change and send it again here:\n\n"
        f"{absolute_url('listings.overview', revision_id=revision.id)}\n",
    )


def withdraw(revision: ListingRevision, user: User) -> None:
    """Abandon a draft or an edit that is not yet live, once; commits. Raises ValidationFailed,
    saying who decided it and when, if it was approved or withdrawn meanwhile."""
    check_manages(user, revision.organisation_id)
    withdrawn = {"state": RevisionState.WITHDRAWN, "decided_at": utcnow(), "decided_by_id": user.id}
    if not claim_row(
        ListingRevision, revision.id, {"state": list(OPEN_REVISION_STATES)}, withdrawn
    ):
        try:
            _lost_revision(revision, ValidationFailed("revision", "This is no longer a draft"))
        except AlreadyDecided as decided:
            raise ValidationFailed("revision", decided.message) from None
    audit(user, "revision.withdrawn", f"Deleted the draft “{revision.title}”", subject="revision")
    db.session.commit()


# --- live listings -------------------------------------------------------------------------


def get_service(service_id: str) -> Service:
    """Any listing, whatever its state (for the people who manage it)."""
    service = db.session.get(Service, parse_id(service_id))
    if service is None:
        raise NotFound(service_id)
    return service


def _last_event(service: Service, *actions: str, subject: str | None = None) -> AuditEvent | None:
    query = select(AuditEvent).where(
        AuditEvent.service_id == service.id, AuditEvent.action.in_(actions)
    )
    if subject is not None:
        query = query.where(AuditEvent.subject == subject)
    return db.session.scalars(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())).first()


def _already(event: AuditEvent | None, what: str, fallback: str) -> None:
    """Raise AlreadyDecided: who did `what`, and when (from the audit trail)."""
    message = (
        f"{event.actor.name if event.actor else 'Someone'} already {what} at "
        f"{moment_text(event.at)}."
        if event is not None
        else fallback
    )
    db.session.rollback()
    raise AlreadyDecided(message)


def hide_listing(service: Service, editor: User, reason: str) -> None:
    """Hide a listing from the public, once; commits and re-indexes. Raises AlreadyDecided
    when another editor hid it first."""
    reason = plain(reason, 1000)
    if not reason:
        raise ValidationFailed("reason", "Say why it is hidden, for the record")
    hidden = {"publication_state": PublicationState.HIDDEN, "hidden_reason": HiddenReason.BY_EDITOR}
    if not claim_row(
        Service, service.id, {"hidden_reason": [None, HiddenReason.OUT_OF_DATE]}, hidden
    ):
        _already(
            _last_event(service, "listing.hidden"),
            "hid this listing",
            "This listing is already hidden by the directory team.",
        )
    audit(editor, "listing.hidden", f"Hid “{service.name}”: {reason}", service=service)
    db.session.commit()
    reindex_service(service.id)


def restore_listing(service: Service, editor: User) -> None:
    """Show a hidden listing again, once; commits and re-indexes. Raises AlreadyDecided when
    it is not hidden (another editor restored it first)."""
    shown = {
        "publication_state": PublicationState.PUBLISHED,
        "hidden_reason": None,
        "last_reviewed": date.today(),
    }
    if not claim_row(Service, service.id, {"publication_state": PublicationState.HIDDEN}, shown):
        _already(
            _last_event(service, "listing.restored", "listing.confirmed"),
            "made this listing public again",
            "This listing is not hidden.",
        )
    audit(editor, "listing.restored", f"Restored “{service.name}”", service=service)
    db.session.commit()
    reindex_service(service.id)


def revert(event: AuditEvent, editor: User) -> Service:
    """Put a listing back as it was before `event` changed it, once; commits (and is
    audited). Raises AlreadyDecided when another editor reverted that change first."""
    if event.service is None or event.before is None:
        raise ValidationFailed("event", "This change cannot be reverted")
    service = event.service
    hold(Service, service.id)
    done = _last_event(service, "listing.reverted", subject=f"event:{event.id}")
    if done is not None:
        _already(done, "reverted this change", "")
    db.session.expire(service)
    before = listing_data(service)
    apply_listing_data(service, event.before)
    db.session.flush()
    audit(
        editor,
        "listing.reverted",
        f"Reverted “{service.name}” to before the change of {event.at:%d %B %Y %H:%M}",
        service=service,
        subject=f"event:{event.id}",
        before=before,
        after=listing_data(service),
    )
    db.session.commit()
    reindex_service(service.id)
    return service


def history(service: Service) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.service_id == service.id)
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        ).all()
    )


# --- problem reports ---------------------------------------------------------------------------


def _lost_report(report: ProblemReport) -> None:
    """Raise AlreadyDecided: who dealt with the report, when, and what they did."""
    message = (
        f"{_name_of(report.resolved_by_id)} already dealt with this report at "
        f"{moment_text(report.resolved_at)}: {report.resolution}"
    )
    db.session.rollback()
    raise AlreadyDecided(message)


def report_problem(service: Service, kind: str, message: str, email: str) -> ProblemReport:
    """A member of the public says a listing is wrong; commits. No account needed."""
    try:
        problem_kind = ProblemKind(kind)
    except ValueError:
        raise ValidationFailed("kind", "Choose what is wrong") from None
    message = plain(message, 2000)
    if problem_kind is ProblemKind.OTHER and not message:
        raise ValidationFailed("message", "Tell us what is wrong")
    report = ProblemReport(
        service=service, kind=problem_kind, message=message, reporter_email=email or None
    )
    db.session.add(report)
    db.session.commit()
    return report


def resolve_report(report: ProblemReport, editor: User, resolution: str) -> None:
    """Record what was done about a report, once; commits. Raises AlreadyDecided when
    another editor dealt with it first."""
    if report.resolved_at is not None:
        _lost_report(report)
    resolution = plain(resolution, 2000)
    if not resolution:
        raise ValidationFailed("resolution", "Say what you did about it, for the record")
    done = {"resolved_at": utcnow(), "resolved_by_id": editor.id, "resolution": resolution}
    if not claim_row(ProblemReport, report.id, {"resolved_at": None}, done):
        _lost_report(report)
    audit(
        editor,
        "report.resolved",
        f"Resolved a report on “{report.service.name}” ({report.kind.label}): {resolution}",
        service=report.service,
        subject=f"report:{report.id}",
    )
    db.session.commit()


# --- the queue -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Queue:
    new_listings: list[ListingRevision]
    edits: list[ListingRevision]
    claims: list[Claim]
    reports: list[ProblemReport]
    out_of_date: list[Service]
    from_events: list[ListingRevision]  # suggested at community events, not yet completed

    @property
    def total(self) -> int:
        parts = (
            self.new_listings,
            self.edits,
            self.claims,
            self.reports,
            self.out_of_date,
            self.from_events,
        )
        return sum(len(x) for x in parts)


def review_queue() -> Queue:
    """Everything waiting for the directory team, oldest first."""
    pending = db.session.scalars(
        select(ListingRevision)
        .where(ListingRevision.state == RevisionState.PENDING)
        .order_by(ListingRevision.submitted_at, ListingRevision.id)
    ).all()
    return Queue(
        new_listings=[r for r in pending if not r.is_edit],
        edits=[r for r in pending if r.is_edit],
        claims=list(
            db.session.scalars(
                select(Claim).where(Claim.state == ClaimState.PENDING).order_by(Claim.created_at)
            ).all()
        ),
        reports=list(
            db.session.scalars(
                select(ProblemReport)
                .where(ProblemReport.resolved_at.is_(None))
                .order_by(ProblemReport.created_at)
            ).all()
        ),
        from_events=list(
            db.session.scalars(
                select(ListingRevision)
                .where(
                    ListingRevision.source == "event",
                    ListingRevision.state == RevisionState.DRAFT,
                )
                .order_by(ListingRevision.submitted_at, ListingRevision.id)
            ).all()
        ),
        out_of_date=list(
            db.session.scalars(
                select(Service)
                .where(
                    Service.publication_state == PublicationState.HIDDEN,
                    Service.hidden_reason == HiddenReason.OUT_OF_DATE,
                )
                .order_by(Service.last_reviewed)
            ).all()
        ),
    )

"""Applying a dry run: every planned change written in one transaction, or none.

`apply_run` holds the feed (so two applications of its runs queue up), claims the run from
READY, writes each planned change (organisations found or created through their source
records, listings written with `apply_listing_data`, withdrawn listings hidden, never deleted),
records provenance, moves the feed's pull marks, sets older waiting runs aside, and commits
once. Any failure rolls everything back: the run is READY again and the directory as it was.
The search index is brought in line after the commit; a failed index write is queued for the
repair and never fails the apply.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select, update

from portal import search
from portal.accounts.models import User
from portal.audit import audit
from portal.db import claim, hold, utcnow
from portal.directory.models import (
    HiddenReason,
    Organisation,
    PublicationState,
    Service,
)
from portal.extensions import db
from portal.listings.writing import apply_listing_data
from portal.oruk.models import (
    ChangeAction,
    Feed,
    ImportRun,
    PlannedChange,
    RecordType,
    RunState,
    SourceRecord,
)
from portal.oruk.plan import decided_text, is_stale
from portal.validation import AlreadyDecided

BATCH = 200  # planned changes read (and flushed) at a time
#: Hidden for a reason the feed can end: a listing back in the feed, or checked again, returns.
SOURCE_REASONS = (HiddenReason.WITHDRAWN_AT_SOURCE, HiddenReason.OUT_OF_DATE)


@dataclass
class Writing:
    """One application in progress."""

    feed: Feed
    run: ImportRun
    by: User | None
    pulled_at: datetime
    organisations: dict[str, Organisation] = field(default_factory=dict)
    touched: list[uuid.UUID] = field(default_factory=list)


def apply_run(run_id: uuid.UUID, by: User | None) -> ImportRun:
    """Write a dry run's planned changes, all or nothing (see the module's docstring).

    Raises AlreadyDecided, naming who and when, when the run is no longer waiting: applied or
    set aside by someone else, or replaced by a newer run of the same feed."""
    run = db.session.get(ImportRun, run_id)
    if run is None:
        raise LookupError(run_id)
    hold(Feed, run.feed_id)
    if not claim(ImportRun, run_id, {"state": RunState.READY}, {"state": RunState.APPLYING}):
        db.session.rollback()
        raise AlreadyDecided(decided_text(db.session.get(ImportRun, run_id)))
    moment = utcnow()
    try:
        writing = Writing(run.feed, run, by, run.fetch_started_at or moment)
        _write_all(writing)
        _close(writing, moment)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    reindex(writing.touched)
    return run


def _write_all(writing: Writing) -> None:
    last = 0
    while True:
        batch = db.session.scalars(
            select(PlannedChange)
            .where(PlannedChange.run_id == writing.run.id, PlannedChange.id > last)
            .order_by(PlannedChange.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return
        for change in batch:
            write_change(writing, change)
        last = batch[-1].id
        db.session.flush()


def write_change(writing: Writing, change: PlannedChange) -> None:
    """Write one planned change (flushes nothing itself)."""
    if change.action is ChangeAction.WITHDRAWN:
        _withdraw(writing, change)
    else:
        _take_in(writing, change)


def _record(feed_id: uuid.UUID, record_type: RecordType, external_id: str) -> SourceRecord | None:
    return db.session.scalars(
        select(SourceRecord).where(
            SourceRecord.feed_id == feed_id,
            SourceRecord.record_type == record_type,
            SourceRecord.external_id == external_id,
        )
    ).first()


def _held_service(record: SourceRecord | None) -> Service | None:
    """Our listing for a source record, locked against an editor's change at the same time."""
    if record is None:
        return None
    hold(Service, record.local_id)
    service = db.session.get(Service, record.local_id)
    if service is not None:
        db.session.refresh(service)
    return service


def _take_in(writing: Writing, change: PlannedChange) -> None:
    """Add or change a listing. Which one is decided now, by its source record, so a run
    checked before another was applied never makes the same listing twice."""
    payload = json.loads(change.data)
    organisation = _organisation(writing, payload.get("organisation") or {})
    record = _record(writing.feed.id, RecordType.SERVICE, change.external_id)
    service = _held_service(record)
    new = service is None
    if new:
        service = Service(id=uuid.uuid4(), organisation=organisation)
        service.publication_state = PublicationState.PUBLISHED
        db.session.add(service)
    elif service.organisation_id != organisation.id:
        service.organisation = organisation
    with db.session.no_autoflush:
        apply_listing_data(service, payload["listing"])
    checked = last_checked(payload, writing.pulled_at)
    if service.last_reviewed != checked:
        service.last_reviewed = checked
    _show_or_hide(service, checked, new)
    _keep_provenance(writing, record, service, change, payload)
    verb = "Took in" if new else "Updated"
    _audit(writing, service, "listing.imported" if new else "listing.import_changed", verb)


def last_checked(payload: dict, pulled_at: datetime) -> date:
    """When the source last checked the listing: its `assured_date`, else the day it was last
    modified, else the day we read it."""
    if payload.get("assured_date"):
        return date.fromisoformat(payload["assured_date"][:10])
    if payload.get("last_modified"):
        return datetime.fromisoformat(payload["last_modified"]).date()
    return pulled_at.date()


def _show_or_hide(service: Service, checked: date, new: bool) -> None:
    """Public when fresh; hidden as out of date when the source last checked it too long ago.
    A listing the directory team hid stays hidden; one hidden because its source dropped it or
    it went stale comes back once it is fresh."""
    state, reason = service.publication_state, service.hidden_reason
    ours_to_decide = (
        new
        or state is PublicationState.PUBLISHED
        or (state is PublicationState.HIDDEN and reason in SOURCE_REASONS)
    )
    if not ours_to_decide:
        return
    if is_stale(checked):
        wanted = (PublicationState.HIDDEN, HiddenReason.OUT_OF_DATE)
    else:
        wanted = (PublicationState.PUBLISHED, None)
    if (state, reason) != wanted:
        service.publication_state, service.hidden_reason = wanted


def _organisation(writing: Writing, data: dict) -> Organisation:
    """The organisation a record names, found by its source record (or made), its name,
    description, e-mail and website kept as the feed has them."""
    name = (data.get("name") or "").strip() or "Organisation not named"
    key = (str(data.get("external_id") or "") or f"name:{name.casefold()}")[:255]
    if key in writing.organisations:
        return writing.organisations[key]
    record = _record(writing.feed.id, RecordType.ORGANIZATION, key)
    organisation = db.session.get(Organisation, record.local_id) if record else None
    if organisation is None:
        organisation = Organisation(id=uuid.uuid4(), name=name)
        db.session.add(organisation)
        if record is None:
            record = SourceRecord(
                feed_id=writing.feed.id,
                record_type=RecordType.ORGANIZATION,
                external_id=key,
                local_id=organisation.id,
                pulled_at=writing.pulled_at,
            )
            db.session.add(record)
        record.local_id = organisation.id
    wanted = {
        "name": name,
        "description": data.get("description") or "",
        "email": data.get("email") or None,
        "website": data.get("website") or None,
    }
    for column, value in wanted.items():
        if getattr(organisation, column) != value:
            setattr(organisation, column, value)
    record.pulled_at = writing.pulled_at
    record.withdrawn_at = None
    writing.organisations[key] = organisation
    return organisation


def _keep_provenance(
    writing: Writing,
    record: SourceRecord | None,
    service: Service,
    change: PlannedChange,
    payload: dict,
) -> None:
    if record is None:
        record = SourceRecord(
            feed_id=writing.feed.id,
            record_type=RecordType.SERVICE,
            external_id=change.external_id,
            local_id=service.id,
        )
        db.session.add(record)
    record.local_id = service.id
    record.fingerprint = change.fingerprint
    record.pulled_at = writing.pulled_at
    assured = payload.get("assured_date")
    record.assured_date = date.fromisoformat(assured[:10]) if assured else None
    modified = payload.get("last_modified")
    record.source_modified = datetime.fromisoformat(modified) if modified else None
    record.withdrawn_at = None
    writing.touched.append(service.id)


def _withdraw(writing: Writing, change: PlannedChange) -> None:
    """Hide a listing its feed no longer has (never delete it); one the directory team hid
    stays as they left it."""
    record = _record(writing.feed.id, RecordType.SERVICE, change.external_id)
    if record is None or record.withdrawn_at is not None:
        return
    record.withdrawn_at = writing.pulled_at
    service = _held_service(record)
    if service is None:
        return
    if service.publication_state is PublicationState.PUBLISHED or (
        service.publication_state is PublicationState.HIDDEN
        and service.hidden_reason is HiddenReason.OUT_OF_DATE
    ):
        service.publication_state = PublicationState.HIDDEN
        service.hidden_reason = HiddenReason.WITHDRAWN_AT_SOURCE
    writing.touched.append(service.id)
    _audit(writing, service, "listing.withdrawn_at_source", "Hid")


def _audit(writing: Writing, service: Service, action: str, verb: str) -> None:
    source = writing.feed.name
    summary = {
        "Took in": f"Took in “{service.name}” from {source}",
        "Updated": f"Updated “{service.name}” from {source}",
        "Hid": f"Hid “{service.name}”: {source} no longer lists it",
    }[verb]
    audit(writing.by, action, summary, service=service, subject=f"import:{writing.run.id}")


def _close(writing: Writing, moment: datetime) -> None:
    """Mark the run applied, move the feed's pull marks, set older waiting runs aside."""
    run, feed = writing.run, writing.feed
    decided_by = writing.by.id if writing.by is not None else None
    run.state, run.decided_by_id, run.decided_at = RunState.APPLIED, decided_by, moment
    feed.last_pulled_at = writing.pulled_at
    if run.full:
        feed.last_full_pull_at = writing.pulled_at
        db.session.execute(
            update(SourceRecord)
            .where(
                SourceRecord.feed_id == feed.id,
                SourceRecord.record_type == RecordType.SERVICE,
                SourceRecord.withdrawn_at.is_(None),
                SourceRecord.pulled_at < writing.pulled_at,
            )
            .values(pulled_at=writing.pulled_at)
            .execution_options(synchronize_session=False)
        )
    db.session.execute(
        update(ImportRun)
        .where(
            ImportRun.feed_id == feed.id,
            ImportRun.state == RunState.READY,
            ImportRun.id != run.id,
            ImportRun.created_at < run.created_at,
        )
        .values(state=RunState.DISCARDED, decided_by_id=decided_by, decided_at=moment)
        .execution_options(synchronize_session=False)
    )
    counts = f"{run.new_count} new, {run.changed_count} changed, {run.withdrawn_count} withdrawn"
    audit(
        writing.by,
        "oruk.import_applied",
        f"Applied an import from {feed.name}: {counts}",
        subject=f"import:{run.id}",
    )


def reindex(service_ids: list[uuid.UUID]) -> None:
    """Bring search in line with the listings an import touched, after its commit. Never
    raises: a failed write is logged and queued for the repair (`portal.search.sync`)."""
    search.sync(service_ids)

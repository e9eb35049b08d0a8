"""The dry run: read a feed, compare it with what we hold, keep a report and a plan.

`check_run` reads every record (or, on a later pull of an API, those changed since the last
applied pull and the list of ids it holds now), normalises each one, and sorts it: new, changed
(its fingerprint differs, or it had been withdrawn), unchanged (nothing kept), or rejected (an
error keeps it out). Withdrawals are the records we imported that the feed no longer lists.
It writes the report on the run and one `PlannedChange` per listing to add, change or withdraw,
and nothing else: no directory table is touched until `portal.oruk.apply.apply_run`.

A feed that cannot be read (`SourceFailed`) fails the run: its report says why, and no planned
change is kept.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import delete, insert, select, update

from portal.accounts.models import User
from portal.db import claim, utcnow
from portal.directory.models import Service
from portal.extensions import db
from portal.moderation.freshness import months_between
from portal.oruk import sources
from portal.oruk.findings import (
    ASSURED_FIELD,
    MISSED,
    UNIDENTIFIED,
    no_assured_date,
    note_duplicates,
    note_incomplete,
)
from portal.oruk.incoming import Incoming, Problem, SourceTerm
from portal.oruk.mappings import note_unmapped, term_mapper
from portal.oruk.models import (
    ChangeAction,
    Feed,
    FeedKind,
    ImportRun,
    PlannedChange,
    RecordType,
    RunState,
    SourceRecord,
)
from portal.oruk.normalise import normalise
from portal.oruk.report import Report
from portal.validation import AlreadyDecided, moment_text

BATCH = 200  # planned changes written per statement (and per commit)
#: A check still "checking" after this long was stopped (its process ended): it is failed.
ABANDONED_AFTER = timedelta(hours=6)
#: A later pull asks for what changed since a little before the last one started: another
#: server's clock, or its timestamps cut to the second, never make a change slip between.
OVERLAP = timedelta(minutes=10)


@dataclass
class Known:
    """What we hold from one record of the feed."""

    local_id: uuid.UUID
    fingerprint: str
    withdrawn: bool


@dataclass
class Check:
    """A dry run in progress: what has been read so far."""

    run_id: uuid.UUID
    feed_id: uuid.UUID
    known: dict[str, Known]
    report: Report
    seen: set[str] = field(default_factory=set)
    pending: list[dict] = field(default_factory=list)
    unmapped: dict[str, tuple[SourceTerm, int]] = field(default_factory=dict)


def start_run(feed: Feed, by: User | None = None, *, full: bool | None = None) -> ImportRun:
    """Start an import of `feed` and check it at once (the dry run); commits.

    It reads the whole feed when asked (`full`), when the feed has never been read whole, or
    when it is a file; otherwise only what changed since the last applied pull (less
    `OVERLAP`: a record read twice is simply unchanged)."""
    _fail_abandoned(feed.id)
    whole = bool(full) or feed.last_full_pull_at is None or feed.kind is not FeedKind.API
    run = ImportRun(
        feed_id=feed.id,
        state=RunState.CHECKING,
        full=whole,
        modified_after=None if whole else feed.last_pulled_at - OVERLAP,
        started_by_id=by.id if by is not None else None,
        report=Report(source=feed.url, full=whole).to_json(),
    )
    db.session.add(run)
    db.session.commit()
    return check_run(run.id)


def _fail_abandoned(feed_id: uuid.UUID) -> None:
    """Checks whose process stopped half way (a killed command) would say "checking" for
    ever: mark them failed."""
    report = Report(fatal="The check stopped before it finished: nothing was imported.")
    db.session.execute(
        update(ImportRun)
        .where(
            ImportRun.feed_id == feed_id,
            ImportRun.state == RunState.CHECKING,
            ImportRun.created_at < utcnow() - ABANDONED_AFTER,
        )
        .values(state=RunState.FAILED, report=report.to_json())
        .execution_options(synchronize_session=False)
    )


def check_run(run_id: uuid.UUID) -> ImportRun:
    """Read and compare (see the module's docstring); the run ends READY or FAILED."""
    run = db.session.get(ImportRun, run_id)
    if run is None:
        raise LookupError(run_id)
    if run.state is not RunState.CHECKING:
        raise AlreadyDecided(f"This import was checked already: it is “{run.state.label}”.")
    feed = run.feed
    run.fetch_started_at = utcnow()
    check = Check(run.id, feed.id, _known(feed.id), Report(source=feed.url, full=run.full))
    location, kind, since = feed.url, feed.kind, run.modified_after
    db.session.commit()  # the start time is kept; no lock is held while the feed is read
    try:
        _read(check, location, kind, since)
        if run.full:
            _withdraw(check, set())
        else:
            _withdraw(check, sources.current_ids(location, kind))
        _flush(check)
    except sources.SourceFailed as error:
        return _failed(check, str(error))
    except Exception:
        _failed(check, "The import stopped because of a fault in this portal: nothing was kept.")
        raise
    return _finish(check)


def _known(feed_id: uuid.UUID) -> dict[str, Known]:
    rows = db.session.execute(
        select(
            SourceRecord.external_id,
            SourceRecord.local_id,
            SourceRecord.fingerprint,
            SourceRecord.withdrawn_at,
        ).where(SourceRecord.feed_id == feed_id, SourceRecord.record_type == RecordType.SERVICE)
    ).all()
    return {ext: Known(local, fp, withdrawn is not None) for ext, local, fp, withdrawn in rows}


def _read(check: Check, location: str, kind: FeedKind, since: datetime | None) -> None:
    mapper = term_mapper(check.feed_id)
    for item in sources.read_services(location, kind, modified_after=since):
        check.report.read += 1
        if isinstance(item, Problem):
            check.seen.add(item.record_id)
            check.report.problems.append(item.to_dict())
            check.report.counts["rejected"] += 1
            continue
        _sort(check, normalise(item, mapper))
        if len(check.pending) >= BATCH:
            _flush(check)


def _sort(check: Check, incoming: Incoming) -> None:
    """Count one record as new, changed, unchanged or rejected, and plan what to write."""
    report, record_id = check.report, incoming.external_id
    if record_id and record_id in check.seen:
        reason = "This id appears more than once in the feed: only the first record was read."
        report.problems.append(Problem(record_id, "id", reason).to_dict())
        report.counts["rejected"] += 1
        return
    check.seen.add(record_id)
    problems = list(incoming.problems)
    undated = incoming.usable and incoming.assured_date is None
    if undated and not any(p.field == ASSURED_FIELD for p in problems):
        problems.append(no_assured_date(incoming))
    report.problems.extend(p.to_dict() for p in problems)
    if not incoming.usable:
        report.counts["rejected"] += 1
        return
    _note_terms(check, incoming)
    note_incomplete(report, incoming)
    held = check.known.get(record_id)
    if held is None:
        note_duplicates(report, incoming)
        _plan(check, ChangeAction.NEW, incoming, None)
    elif held.withdrawn or held.fingerprint != incoming.fingerprint:
        _plan(check, ChangeAction.CHANGED, incoming, held.local_id)
    else:
        report.counts["unchanged"] += 1


def _note_terms(check: Check, incoming: Incoming) -> None:
    for term in {t.key: t for t in incoming.unmapped}.values():
        _first, records = check.unmapped.get(term.key, (term, 0))
        check.unmapped[term.key] = (_first, records + 1)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _plan(
    check: Check, action: ChangeAction, incoming: Incoming, service_id: uuid.UUID | None
) -> None:
    check.report.counts[action.value] += 1
    payload = {
        "name": incoming.name,
        "status": incoming.status,
        "listing": incoming.listing,
        "organisation": incoming.organisation,
        "assured_date": _iso(incoming.assured_date),
        "last_modified": _iso(incoming.last_modified),
    }
    check.pending.append(
        {
            "run_id": check.run_id,
            "action": action,
            "external_id": incoming.external_id,
            "service_id": service_id,
            "data": json.dumps(payload, ensure_ascii=False, default=str),
            "fingerprint": incoming.fingerprint,
        }
    )


def _withdraw(check: Check, listed_now: set[str]) -> None:
    """Plan to hide what we imported that the feed no longer has: on a full read, every record
    not read; on a later pull, every record missing from the feed's list of ids."""
    full = check.report.full
    if full and "" in check.seen:
        check.report.problems.append(UNIDENTIFIED.to_dict())
        return
    if not full:
        _note_missed(check, listed_now)
    gone = {
        ext: held
        for ext, held in check.known.items()
        if not held.withdrawn and ext not in check.seen and (full or ext not in listed_now)
    }
    names = _service_names([held.local_id for held in gone.values()])
    for ext, held in sorted(gone.items()):
        name = names.get(held.local_id, "")
        check.report.counts["withdrawn"] += 1
        check.report.withdrawn.append(
            {"record_id": ext, "service_id": str(held.local_id), "name": name}
        )
        check.pending.append(
            {
                "run_id": check.run_id,
                "action": ChangeAction.WITHDRAWN,
                "external_id": ext,
                "service_id": held.local_id,
                "data": json.dumps({"name": name}),
                "fingerprint": held.fingerprint,
            }
        )
        if len(check.pending) >= BATCH:
            _flush(check)


def _note_missed(check: Check, listed_now: set[str]) -> None:
    """A later pull reads only what changed: records the feed lists that we do not hold (or
    hold withdrawn) but it did not send are said, for a full pull to take in."""
    for ext in sorted(listed_now - check.seen):
        held = check.known.get(ext)
        if ext and (held is None or held.withdrawn):
            check.report.problems.append(Problem(ext, "last_modified", MISSED, "warning").to_dict())


def _service_names(ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    names: dict[uuid.UUID, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = db.session.execute(select(Service.id, Service.name).where(Service.id.in_(chunk)))
        names.update(rows.all())
    return names


def _flush(check: Check) -> None:
    """Write the planned changes read so far and commit (so no lock is held while reading)."""
    if check.pending:
        db.session.execute(insert(PlannedChange), check.pending)
        check.pending = []
    db.session.commit()


def _failed(check: Check, reason: str) -> ImportRun:
    """Nothing of a failed check is kept but its report: the planned changes go."""
    db.session.rollback()
    db.session.execute(delete(PlannedChange).where(PlannedChange.run_id == check.run_id))
    report = check.report
    report.fatal = reason
    run = db.session.get(ImportRun, check.run_id)
    run.state = RunState.FAILED
    run.report = report.to_json()
    run.problem_count = len(report.problems)
    db.session.commit()
    return run


def _finish(check: Check) -> ImportRun:
    report = check.report
    ranked = sorted(check.unmapped.values(), key=lambda pair: (-pair[1], pair[0].name))
    report.unmapped_terms = [
        {"key": term.key, "taxonomy": term.taxonomy, "name": term.name, "records": records}
        for term, records in ranked
    ]
    note_unmapped(check.feed_id, [term for term, _records in ranked])
    run = db.session.get(ImportRun, check.run_id)
    run.state = RunState.READY
    run.report = report.to_json()
    run.new_count = report.counts["new"]
    run.changed_count = report.counts["changed"]
    run.unchanged_count = report.counts["unchanged"]
    run.withdrawn_count = report.counts["withdrawn"]
    run.problem_count = len(report.problems)
    db.session.commit()
    return run


def discard_run(run_id: uuid.UUID, by: User | None) -> ImportRun:
    """An administrator chooses not to apply a dry run; commits. AlreadyDecided when it is not
    waiting any more (applied, discarded or replaced meanwhile)."""
    run = db.session.get(ImportRun, run_id)
    if run is None:
        raise LookupError(run_id)
    changes = {
        "state": RunState.DISCARDED,
        "decided_by_id": by.id if by is not None else None,
        "decided_at": utcnow(),
    }
    if not claim(ImportRun, run_id, {"state": RunState.READY}, changes):
        db.session.rollback()
        raise AlreadyDecided(decided_text(db.session.get(ImportRun, run_id)))
    db.session.commit()
    return run


def decided_text(run: ImportRun) -> str:
    """Why a run can no longer be applied or discarded, naming who decided and when."""
    who = "someone"
    if run.decided_by_id is not None:
        person = db.session.get(User, run.decided_by_id)
        who = person.name if person is not None else who
    elif run.decided_at is not None:
        who = "a command-line or scheduled import"
    when = f" at {moment_text(run.decided_at)}" if run.decided_at else ""
    if run.state is RunState.APPLIED:
        return f"This import was already applied by {who}{when}."
    if run.state is RunState.DISCARDED and _replaced(run):
        return f"A newer import of this feed was applied by {who}{when}, so this one was set aside."
    if run.state is RunState.DISCARDED:
        return f"This import was set aside by {who}{when}: it will not be applied."
    if run.state is RunState.FAILED:
        return "This import could not be read, so there is nothing to apply."
    return f"This import cannot be applied now: it is “{run.state.label}”."


def _replaced(run: ImportRun) -> bool:
    newer = select(ImportRun.id).where(
        ImportRun.feed_id == run.feed_id,
        ImportRun.state == RunState.APPLIED,
        ImportRun.decided_at == run.decided_at,
    )
    return db.session.scalar(newer) is not None


def is_stale(last_checked: date, today: date | None = None) -> bool:
    """Whether a listing last checked then is past the age our freshness rules hide at."""
    limit = current_app.config["PORTAL_HIDE_AFTER_MONTHS"]
    return months_between(last_checked, today or date.today()) >= limit

"""Feeds, and the scheduled pull that checks (and perhaps applies) each one when it is due.

`flask oruk pull` runs `pull_feeds` from cron. Each feed due is taken by a lease: one
conditional UPDATE that succeeds only while no other pull holds the feed and the feed is still
due (nobody pulled it meanwhile), so two pulls started together, in threads or processes, take
each feed once. The winner checks it (`start_run`), applies the run when the feed is set to and
the dry run was clean, and gives the lease back. A pull killed half way leaves a lease that
runs out after `LEASE`, and an unapplied check.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import exists, func, or_, select, update

from portal.accounts.models import User
from portal.db import as_utc, insert_once, utcnow
from portal.extensions import db
from portal.oruk import sources
from portal.oruk.apply import apply_run
from portal.oruk.models import Feed, FeedKind, ImportRun, RunState
from portal.oruk.plan import start_run
from portal.oruk.report import Report
from portal.validation import AlreadyDecided, ValidationFailed

LEASE = timedelta(hours=3)
URL_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class PullOutcome:
    """What a scheduled pull did with one feed."""

    feed_id: uuid.UUID
    feed_name: str
    run: ImportRun | None  # None: not due, or another pull holds it
    note: str  # plain English, one line


def is_url(location: str) -> bool:
    return urlsplit(location.strip()).scheme.lower() in URL_SCHEMES


def _where(location: str) -> str:
    """A URL as given, or a file's absolute path; ValidationFailed for a missing file."""
    location = location.strip()
    if not location:
        raise ValidationFailed("location", "Enter the feed's web address or a file's path")
    if is_url(location):
        return location
    path = os.path.abspath(os.path.expanduser(location))
    if not os.path.exists(path):
        raise ValidationFailed("location", f"There is no file or folder at {path}")
    return path


def _default_name(where: str) -> str:
    if is_url(where):
        return urlsplit(where).hostname or where
    return os.path.basename(where.rstrip(os.sep)) or where


def register_source(
    location: str,
    *,
    name: str | None = None,
    kind: FeedKind | None = None,
    by: User | None = None,
) -> Feed:
    """The feed for a URL or a file path, made if it is new; commits. A file is pulled only
    when someone asks (`pull_every_hours` 0); an API every day until an administrator says
    otherwise. Raises ValidationFailed for a missing file, SourceFailed when the kind cannot be
    told."""
    where = _where(location)
    found = _registered(where)
    if found is not None:
        return found
    kind = kind or sources.detect_kind(where)
    insert_once(
        Feed,
        {
            "id": uuid.uuid4(),
            "name": ((name or "").strip() or _default_name(where))[:255],
            "url": where,
            "kind": kind,
            "pull_every_hours": 24 if is_url(where) and kind is FeedKind.API else 0,
            "auto_apply": False,
            "created_by_id": by.id if by is not None else None,
            "created_at": utcnow(),
            "updated_at": utcnow(),
        },
    )
    db.session.commit()
    return _registered(where)


def _registered(where: str) -> Feed | None:
    """The feed at this address (a URL ignoring case and a trailing slash, as the "Other
    directories" page does), or at this file path."""
    if not is_url(where):
        return db.session.scalars(select(Feed).where(Feed.url == where)).first()
    bare = where.rstrip("/").lower()
    found = select(Feed).where(func.lower(Feed.url).in_((bare, bare + "/")))
    return db.session.scalars(found.order_by(Feed.created_at)).first()


def _due_before(feed: Feed, now: datetime) -> datetime:
    return now - timedelta(hours=feed.pull_every_hours)


def _take_lease(feed: Feed, now: datetime) -> bool:
    """Hold the feed for this pull, if no other pull holds it and it is still due: nobody
    applied a pull of it, or started one, within its period. Commits either way."""
    due_before = _due_before(feed, now)
    started_since = exists().where(ImportRun.feed_id == Feed.id, ImportRun.created_at > due_before)
    result = db.session.execute(
        update(Feed)
        .where(
            Feed.id == feed.id,
            Feed.pull_every_hours > 0,
            or_(Feed.pull_lease_until.is_(None), Feed.pull_lease_until < now),
            or_(Feed.last_pulled_at.is_(None), Feed.last_pulled_at <= due_before),
            ~started_since,
        )
        .values(pull_lease_until=now + LEASE)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def _release_lease(feed_id: uuid.UUID) -> None:
    db.session.rollback()
    db.session.execute(
        update(Feed)
        .where(Feed.id == feed_id)
        .values(pull_lease_until=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _not_taken(feed: Feed, now: datetime) -> str:
    """Why a pull left a feed alone, read after its lease was refused."""
    db.session.refresh(feed)
    if feed.pull_lease_until is not None and as_utc(feed.pull_lease_until) > now:
        return "another pull is reading it now; left alone"
    return "not due yet"


def _pull_one(feed: Feed, now: datetime) -> PullOutcome:
    """Check one feed under its lease; apply the run if the feed says so and it was clean."""
    feed_id, name = feed.id, feed.name
    try:
        run = start_run(feed)
        note = _describe(run)
        if run.state is RunState.READY and feed.auto_apply and Report.from_json(run.report).clean:
            try:
                run = apply_run(run.id, None)
                note = _describe(run) + ", applied automatically"
            except AlreadyDecided as decided:
                note += f" ({decided.message})"
        elif run.state is RunState.READY:
            note += f"; waiting to be applied: flask oruk apply {run.id}"
        return PullOutcome(feed_id, name, run, note)
    except Exception:
        current_app.logger.exception("The pull of %s failed", name)
        return PullOutcome(feed_id, name, None, "the pull failed; see the log")
    finally:
        _release_lease(feed_id)


def _describe(run: ImportRun) -> str:
    if run.state is RunState.FAILED:
        return "could not be read: " + (Report.from_json(run.report).fatal or "no reason given")
    return (
        f"{run.new_count} new, {run.changed_count} changed, {run.unchanged_count} unchanged, "
        f"{run.withdrawn_count} withdrawn, {run.problem_count} problems"
    )


def pull_feeds(now: datetime | None = None) -> list[PullOutcome]:
    """Every feed pulled on a schedule, each pulled if it is due (see the module's
    docstring), with what happened to it."""
    now = now or utcnow()
    feeds = db.session.scalars(
        select(Feed).where(Feed.pull_every_hours > 0).order_by(Feed.name)
    ).all()
    outcomes = []
    for feed in feeds:
        if not _take_lease(feed, now):
            outcomes.append(PullOutcome(feed.id, feed.name, None, _not_taken(feed, now)))
            continue
        outcomes.append(_pull_one(feed, now))
    return outcomes


def pull_due(now: datetime | None = None) -> list[ImportRun]:
    """The runs started by this pull of every feed that was due."""
    return [outcome.run for outcome in pull_feeds(now) if outcome.run is not None]

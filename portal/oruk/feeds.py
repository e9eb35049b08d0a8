"""Registering other directories' feeds, and what the "Other directories" pages read.

An administrator registers a feed by its web address (a file on this server is imported only
from the command line); its kind is chosen or worked out by asking it. Each function commits
once; bad input raises `FeedInvalid`, a `ValidationFailed` carrying every field's problem.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.accounts.models import User
from portal.audit import audit
from portal.db import hold
from portal.directory.models import PublicationState, Service
from portal.extensions import db
from portal.oruk.mappings import set_mapping
from portal.oruk.models import (
    Feed,
    FeedKind,
    ImportRun,
    RecordType,
    SourceRecord,
    TermMapping,
)
from portal.oruk.report import Report
from portal.oruk.sources import SourceFailed, detect_kind
from portal.validation import NotFound, ValidationFailed, parse_id

#: How often a feed is fetched, as the form offers it: hours between pulls (0 = only on asking).
PULL_HOURS = (24, 168, 0)
AUTO = "auto"  # "Work it out for me": ask the address what it is


class FeedInvalid(ValidationFailed):
    """Every problem with a feed's details, by field (the first is `field`/`message`)."""

    def __init__(self, problems: dict[str, str]) -> None:
        field, message = next(iter(problems.items()))
        super().__init__(field, message)
        self.problems = problems


@dataclass(frozen=True)
class FeedDetails:
    """What an administrator types about a feed, as plain values."""

    name: str
    url: str
    kind: str  # a FeedKind value, or AUTO
    contact_email: str
    pull_every_hours: int | None  # one of PULL_HOURS; None when nothing was chosen
    auto_apply: bool


@dataclass(frozen=True)
class FeedRow:
    """A feed on the list, with its latest run (None before its first check)."""

    feed: Feed
    latest: ImportRun | None


def _url_problem(url: str) -> str | None:
    if not url:
        return "Enter the directory’s web address, like https://fis.example.org/api"
    if len(url) > 1000:
        return "The address must be 1,000 characters or fewer"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        if parts.scheme in ("", "file") or url.startswith(("/", ".", "~")):
            return (
                "Enter a web address starting with http:// or https://. A file on this "
                "server can only be imported from the command line (flask oruk import)"
            )
        return "Enter a web address starting with http:// or https://"
    if not parts.hostname or " " in url:
        return "Enter a web address like https://fis.example.org/api"
    return None


def _problems(details: FeedDetails) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not details.name:
        problems["name"] = "Enter whose listings these are"
    elif len(details.name) > 255:
        problems["name"] = "The name must be 255 characters or fewer"
    if url_problem := _url_problem(details.url):
        problems["url"] = url_problem
    if details.kind not in (*[k.value for k in FeedKind], AUTO):
        problems["kind"] = "Choose what kind of address it is, or ‘Work it out for me’"
    try:
        validate_email(details.contact_email, check_deliverability=False)
    except EmailNotValidError:
        problems["contact_email"] = (
            "Enter the email address to tell about problems with their listings, "
            "like data@fis.example.org"
        )
    if details.pull_every_hours not in PULL_HOURS:
        problems["pull_every_hours"] = "Choose how often to fetch their listings"
    return problems


def _registered_as(url: str, except_id: uuid.UUID | None = None) -> Feed | None:
    """A feed already registered at this address (ignoring a trailing slash and case)."""
    bare = url.rstrip("/").lower()
    query = select(Feed).where(func.lower(Feed.url).in_((bare, bare + "/")))
    if except_id is not None:
        query = query.where(Feed.id != except_id)
    return db.session.scalars(query).first()


def _kind(details: FeedDetails) -> FeedKind:
    """The feed's kind: as chosen, or found by asking the address (a network call)."""
    if details.kind != AUTO:
        return FeedKind(details.kind)
    try:
        return detect_kind(details.url)
    except SourceFailed as failed:
        reason = str(failed).rstrip(".")
        raise FeedInvalid(
            {
                "kind": f"We could not work out what is at that address: {reason}. Check "
                "the address, or choose what kind it is"
            }
        ) from None


def _checked(details: FeedDetails, except_id: uuid.UUID | None = None) -> FeedKind:
    """Raise FeedInvalid for any bad field or an address already registered; the kind."""
    problems = _problems(details)
    if "url" not in problems and (taken := _registered_as(details.url, except_id)):
        problems["url"] = f"This directory is already registered: {taken.name}"
    if problems:
        raise FeedInvalid(problems)
    return _kind(details)


def _write(feed: Feed, details: FeedDetails, kind: FeedKind) -> None:
    feed.name, feed.url, feed.kind = details.name, details.url, kind
    feed.contact_email = details.contact_email
    feed.pull_every_hours = details.pull_every_hours or 0
    feed.auto_apply = details.auto_apply


def _commit_or_taken(details: FeedDetails, by: User, action: str, feed: Feed) -> None:
    """Audit and commit; another administrator registering the same address at the same
    moment makes the unique address refuse this one."""
    try:
        db.session.flush()
        verb = "Registered" if action == "feed.registered" else "Changed"
        audit(by, action, f"{verb} {feed.name} ({feed.url})", subject=f"feed:{feed.id}")
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        taken = _registered_as(details.url)
        name = taken.name if taken else "another directory"
        raise FeedInvalid({"url": f"This directory is already registered: {name}"}) from None


def register_feed(details: FeedDetails, by: User) -> Feed:
    """Add another directory to take listings from; commits. Nothing is fetched yet, except
    to work out its kind when asked to."""
    kind = _checked(details)
    feed = Feed(created_by_id=by.id)
    _write(feed, details, kind)
    db.session.add(feed)
    _commit_or_taken(details, by, "feed.registered", feed)
    return feed


def update_feed(feed_id: uuid.UUID, details: FeedDetails, by: User) -> Feed:
    """Change a feed's details; commits (two administrators saving at once: the last wins,
    each save whole)."""
    feed = get_feed(str(feed_id))
    kind = _checked(details, except_id=feed.id)
    hold(Feed, feed.id)
    db.session.refresh(feed)
    _write(feed, details, kind)
    _commit_or_taken(details, by, "feed.changed", feed)
    return feed


def details_of(feed: Feed) -> FeedDetails:
    return FeedDetails(
        name=feed.name,
        url=feed.url,
        kind=feed.kind.value,
        contact_email=feed.contact_email or "",
        pull_every_hours=feed.pull_every_hours,
        auto_apply=feed.auto_apply,
    )


# --- reading ---------------------------------------------------------------------------------


def get_feed(feed_id: str) -> Feed:
    feed = db.session.get(Feed, parse_id(feed_id))
    if feed is None:
        raise NotFound(feed_id)
    return feed


def get_run(run_id: str) -> ImportRun:
    run = db.session.get(ImportRun, parse_id(run_id))
    if run is None:
        raise NotFound(run_id)
    return run


def list_feeds() -> list[FeedRow]:
    """Every feed by name, each with its latest run."""
    feeds = db.session.scalars(select(Feed).order_by(func.lower(Feed.name), Feed.url)).all()
    newest = (
        select(
            ImportRun.id,
            func.row_number()
            .over(partition_by=ImportRun.feed_id, order_by=ImportRun.created_at.desc())
            .label("n"),
        )
    ).subquery()
    latest = db.session.scalars(
        select(ImportRun).join(newest, newest.c.id == ImportRun.id).where(newest.c.n == 1)
    ).all()
    by_feed = {run.feed_id: run for run in latest}
    return [FeedRow(feed, by_feed.get(feed.id)) for feed in feeds]


def recent_runs(feed: Feed, limit: int = 20) -> list[ImportRun]:
    return list(
        db.session.scalars(
            select(ImportRun)
            .where(ImportRun.feed_id == feed.id)
            .order_by(ImportRun.created_at.desc())
            .limit(limit)
        )
    )


def listing_counts(feed: Feed) -> tuple[int, int]:
    """How many of our listings came from this feed: (public, not public)."""
    rows = db.session.execute(
        select(Service.publication_state, func.count())
        .join(SourceRecord, SourceRecord.local_id == Service.id)
        .where(SourceRecord.feed_id == feed.id, SourceRecord.record_type == RecordType.SERVICE)
        .group_by(Service.publication_state)
    ).all()
    public = sum(n for state, n in rows if state is PublicationState.PUBLISHED)
    return public, sum(n for _state, n in rows) - public


def names_of(user_ids) -> dict[uuid.UUID, str]:
    """People's names by id (for who started or decided a run)."""
    ids = {i for i in user_ids if i is not None}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())


# --- their categories ------------------------------------------------------------------------


def undecided_terms(feed: Feed) -> int:
    """How many of the feed's categories wait for an administrator to say what they mean."""
    return db.session.scalar(
        select(func.count()).where(TermMapping.feed_id == feed.id, TermMapping.decided_at.is_(None))
    )


def term_records(feed: Feed) -> dict[str, int]:
    """How many records used each unmatched category, as the latest check counted them."""
    latest = db.session.scalars(
        select(ImportRun.report)
        .where(ImportRun.feed_id == feed.id)
        .order_by(ImportRun.created_at.desc())
        .limit(1)
    ).first()
    report = Report.from_json(latest or "{}")
    return {row.get("key", ""): int(row.get("records") or 0) for row in report.unmapped_terms}


def save_term_choices(
    feed: Feed, terms: list[TermMapping], choices: dict[str, uuid.UUID | None], by: User
) -> int:
    """Record each category whose meaning was chosen or changed (one of ours, or None: left
    out); how many. Every choice was checked before this is called, so none is refused."""
    current = {t.source_key: t for t in terms}
    changed = [
        (key, term_id)
        for key, term_id in choices.items()
        if current[key].decided_at is None or current[key].term_id != term_id
    ]
    for key, term_id in changed:
        set_mapping(feed.id, key, term_id, by)
    return len(changed)

"""What the referral pages show. Each page's view calls one of these (`referral_for`,
`open_record`, `lists_for`, `caseload_for`); those with personal data log the look at it and
commit that log before the page is drawn, so a page that only reads still leaves its trace,
then read what the page shows afresh (the commit expired everything the session held)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from portal.accounts.memberships import organisation_ids
from portal.accounts.models import Role, User
from portal.db import utcnow
from portal.directory.models import Service
from portal.directory.summaries import ServiceSummary
from portal.extensions import db
from portal.prescribing.access import SEEN_AS, can_act, can_see, log_access, visible_referrals
from portal.prescribing.models import (
    CLOSED_STATES,
    Connection,
    JournalEntry,
    Referral,
    ReferralEvent,
)
from portal.prescribing.referrals import casework
from portal.prescribing.referrals.services import connectors_for
from portal.prescribing.working_days import due_on, local_date, working_days_overdue
from portal.validation import NotAllowed, NotFound

# ---------------------------------------------------------------------------------------------
# Loading what the pages show
#
# A page with personal data commits its access log before it is drawn, and the commit expires
# every object the session holds: these load the referrals again, with all the page reads.


def record_load_options() -> tuple[LoaderOption, ...]:
    """Everything a referral's record shows: who and what it is for, its history, casework
    and questionnaire answers."""
    return (
        joinedload(Referral.service),
        joinedload(Referral.organisation),
        joinedload(Referral.consent_recorded_by),
        joinedload(Referral.assigned_connector),
        selectinload(Referral.events).joinedload(ReferralEvent.by),
        selectinload(Referral.journal).joinedload(JournalEntry.author),
        selectinload(Referral.goals),
        selectinload(Referral.connections).joinedload(Connection.service),
        selectinload(Referral.responses),
    )


def record(referral_id: uuid.UUID) -> Referral:
    """One referral, read afresh with everything its record shows."""
    query = select(Referral).where(Referral.id == referral_id).options(*record_load_options())
    return db.session.scalars(query.execution_options(populate_existing=True)).one()


def in_order(ids: Sequence[uuid.UUID], *with_loaded: LoaderOption) -> list[Referral]:
    """The referrals with these ids, in this order, read afresh in one query with
    `with_loaded` (what the list shows of each)."""
    if not ids:
        return []
    query = select(Referral).where(Referral.id.in_(set(ids))).options(*with_loaded)
    found = {r.id: r for r in db.session.scalars(query.execution_options(populate_existing=True))}
    return [found[referral_id] for referral_id in ids]


def listing_with_organisation(service_id: uuid.UUID) -> Service | None:
    """A listing and the organisation that runs it, read afresh (for its referral settings)."""
    query = (
        select(Service).where(Service.id == service_id).options(joinedload(Service.organisation))
    )
    return db.session.scalars(query.execution_options(populate_existing=True)).one_or_none()


def listing_as_saved(service_id: uuid.UUID) -> Service | None:
    """After a refused change to a listing's referral settings: the listing as it is saved,
    read afresh, with whatever the refused attempt left in the session dropped (rolled back)."""
    db.session.rollback()
    return listing_with_organisation(service_id)


# ---------------------------------------------------------------------------------------------
# What the referral pages show
#
# Each reads what its page shows, logs the access to personal data and commits that log before
# the page is drawn (so a page that only reads still leaves its trace), then loads what the
# page shows afresh.


def referral_for(user: User, referral_id: uuid.UUID, *, act: bool = False) -> Referral:
    """The referral, for someone who may see it (`act`: who may act on it, to change it or
    keep its casework). NotFound (404) when there is none, NotAllowed (403) when they may
    not."""
    referral = db.session.get(Referral, referral_id)
    if referral is None:
        raise NotFound(str(referral_id))
    allowed = can_act(user, referral) if act else can_see(user, referral)
    if not allowed:
        raise NotAllowed("Only the referrer, the receiving organisation and its connector")
    return referral


@dataclass(frozen=True)
class Record:
    """A referral's record as `user` sees it: whether they may act on it, whom it may be
    assigned to, the activities to connect the person to (`found` for the words searched for,
    None when search cannot answer), and whether it is overdue."""

    referral: Referral
    acting: bool
    connectors: list[User]
    can_take: bool
    find: str
    found: list[ServiceSummary] | None
    own_listings: list[Service]
    late: int
    due: date
    today: date


def open_record(user: User, referral: Referral, *, find: str = "", refused: bool = False) -> Record:
    """Log that `user` viewed the referral and commit it, then read the record afresh with
    everything it shows. `find`: the words searched for among activities to connect to.

    `refused`: the record is shown again because a change on it was refused; whatever the
    refused attempt left in the session is rolled back first, so the commit that keeps the
    access log keeps nothing of it."""
    if refused:
        db.session.rollback()
    log_access(user, referral, "viewed")
    referral_id = referral.id
    db.session.commit()
    referral = record(referral_id)
    acting = can_act(user, referral)
    words = find.strip()[:100]
    now = utcnow()
    return Record(
        referral=referral,
        acting=acting,
        connectors=connectors_for(referral) if acting else [],
        can_take=acting
        and user.role is Role.CONNECTOR
        and referral.organisation_id in organisation_ids(user)
        and referral.assigned_connector_id != user.id,
        find=words,
        found=casework.find_listings(words) if acting and words else [],
        own_listings=casework.organisation_listings(referral) if acting else [],
        late=working_days_overdue(referral, now),
        due=due_on(referral),
        today=local_date(now),
    )


CLOSED_SHOWN = 25  # closed referrals listed after the open ones; older ones by reference


def _listed(query: Select, reference: str = "") -> tuple[list[uuid.UUID], int]:
    """Every open referral the query finds (newest first), then the most recently closed;
    returns their ids and how many closed ones were left out. A reference narrows it to that
    one. Ids only: the page reads the referrals after the commit that keeps its access log."""
    query = query.with_only_columns(Referral.id)
    if reference:
        query = query.where(Referral.reference == reference)
    is_open = Referral.state.not_in(CLOSED_STATES)
    found = list(db.session.scalars(query.where(is_open).order_by(Referral.created_at.desc())))
    closed = query.where(~is_open)
    total = db.session.scalar(select(func.count()).select_from(closed.subquery())) or 0
    recent = db.session.scalars(
        closed.order_by(Referral.closed_at.desc(), Referral.created_at.desc()).limit(CLOSED_SHOWN)
    )
    found += list(recent)
    return found, max(0, total - CLOSED_SHOWN)


@dataclass(frozen=True)
class ReferralLists:
    """Everyone's own lists of referrals, one per reason they see them (`SEEN_AS`), with how
    many closed ones each left out and which of those shown are overdue."""

    lists: dict[str, list[Referral]]
    left_out: dict[str, int]
    overdue: set[uuid.UUID]


def lists_for(user: User, reference: str = "") -> ReferralLists:
    """The referrals `user` may see, by why they see them, logged as listed (one entry with
    how many) and committed. `reference` narrows each list to that referral."""
    groups = {seen_as: visible_referrals(user, seen_as) for seen_as in SEEN_AS}
    listed = {key: _listed(query, reference) for key, query in groups.items()}
    left_out = {key: left for key, (_found, left) in listed.items()}
    shown = list(dict.fromkeys(i for found, _left in listed.values() for i in found))
    log_access(user, None, "listed referrals", f"{len(shown)} referrals")
    db.session.commit()
    loaded = {r.id: r for r in in_order(shown, selectinload(Referral.service))}
    lists = {key: [loaded[i] for i in found] for key, (found, _left) in listed.items()}
    now = utcnow()
    overdue = {r.id for r in loaded.values() if working_days_overdue(r, now) > 0}
    return ReferralLists(lists=lists, left_out=left_out, overdue=overdue)


@dataclass(frozen=True)
class Caseload:
    """A connector's caseload: the referrals assigned to them, how many closed ones were left
    out, and the date of each one's latest journal note."""

    referrals: list[Referral]
    left_out: int
    last_notes: dict[uuid.UUID, date]


def caseload_for(user: User, reference: str = "") -> Caseload:
    """The referrals assigned to `user`, logged as their caseload viewed and committed."""
    ids, left_out = _listed(visible_referrals(user, "assigned"), reference)
    log_access(user, None, "viewed caseload", f"{len(ids)} referrals")
    db.session.commit()
    mine = in_order(ids, selectinload(Referral.connections))
    return Caseload(referrals=mine, left_out=left_out, last_notes=casework.last_journal_dates(ids))

"""Shortlists ("community prescriptions"): lists of activities to hand to a person.

Visitors keep a list of service ids in their session (`visitor_*`); signed-in people keep
named lists (`Shortlist`), one of them current. A professional writes what matters and a note
per activity, then hands the list over: printed, by a share link that expires, or sent by
e-mail or text. No personal data is needed for any of it, and text that looks like a personal
identifier is refused (`checks.py`). Each entry point commits once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from portal.accounts.models import User
from portal.db import as_utc, utcnow
from portal.directory.models import Contact, Service
from portal.directory.schedules import format_date
from portal.directory.services import get_public_service, listing_load_options
from portal.extensions import db
from portal.links import absolute_url
from portal.prescribing.shortlists.checks import facts, text_problem
from portal.prescribing.shortlists.models import Shortlist, ShortlistItem, new_share_token
from portal.validation import NotAllowed, NotFound, ValidationFailed, parse_id

MAX_ITEMS = 30
NAME_LIMIT = 120
WHAT_MATTERS_LIMIT = 1000
NOTE_LIMIT = 500
DEFAULT_NAME = "My shortlist"


class Problems(ValidationFailed):
    """Several fields a person can fix at once: `problems` maps each field to its message."""

    def __init__(self, problems: dict[str, str]) -> None:
        field, message = next(iter(problems.items()))
        super().__init__(field, message)
        self.problems = problems


class LinkExpired(LookupError):
    """The share link was real but its time is up: views answer 410."""


def full_message(shortlist_size: int) -> str:
    return (
        f"Your shortlist has {shortlist_size} activities, the most it can hold. "
        "Remove one before you add another."
    )


def addable_service(service_id: str) -> Service:
    """A public activity (NotFound otherwise: unknown, hidden or closed down)."""
    return get_public_service(service_id)


def _with_facts(ids) -> list[Service]:
    """The services with `ids`, and everything the list pages show of them, in a few queries
    (not several per activity)."""
    shown = (*listing_load_options(), selectinload(Service.contacts).selectinload(Contact.phones))
    return list(db.session.scalars(select(Service).where(Service.id.in_(ids)).options(*shown)))


# --- visitors: service ids in the session ------------------------------------------------------


def visitor_add(ids: list[str], service: Service) -> tuple[list[str], bool]:
    """The visitor's ids with `service` added, and whether it was new to the list."""
    key = str(service.id)
    if key in ids:
        return ids, False
    if len(ids) >= MAX_ITEMS:
        raise ValidationFailed("service_id", full_message(len(ids)))
    return [*ids, key], True


def visitor_remove(ids: list[str], service_id: str) -> list[str]:
    return [i for i in ids if i != service_id]


def visitor_services(ids: list[str]) -> list[Service]:
    """The public services among `ids`, in the visitor's order (others are left out)."""
    wanted = []
    for raw in ids[:MAX_ITEMS]:
        try:
            wanted.append(parse_id(raw))
        except NotFound:
            continue
    if not wanted:
        return []
    found = {s.id: s for s in _with_facts(wanted)}
    return [found[i] for i in wanted if i in found and found[i].is_public]


# --- named lists -----------------------------------------------------------------------------


def _latest_first(user: User):
    return (
        select(Shortlist).where(Shortlist.owner_id == user.id).order_by(Shortlist.updated_at.desc())
    )


def count_lists(user: User) -> int:
    """How many lists `user` has (with more than one, each add asks which)."""
    found = select(func.count()).select_from(Shortlist).where(Shortlist.owner_id == user.id)
    return db.session.scalar(found) or 0


def lists_of(user: User) -> list[Shortlist]:
    """The user's lists, latest first, with their items (the index counts them)."""
    return list(db.session.scalars(_latest_first(user).options(selectinload(Shortlist.items))))


def load_activities(shortlist: Shortlist) -> None:
    """Load every item's activity with what the pages show of it, all at once (not several
    queries per item)."""
    if not shortlist.items:
        return
    found = {s.id: s for s in _with_facts([item.service_id for item in shortlist.items])}
    for item in shortlist.items:
        set_committed_value(item, "service", found[item.service_id])


def get_own_list(user: User, list_id: str) -> Shortlist:
    """The list, if it is `user`'s: NotFound when there is none, NotAllowed when not theirs."""
    found = db.session.get(Shortlist, parse_id(list_id))
    if found is None:
        raise NotFound(list_id)
    if found.owner_id != user.id:
        raise NotAllowed(list_id)
    return found


def find_current(user: User, remembered: str | None) -> Shortlist | None:
    """The list the session remembers, if still theirs; else their latest one, if any."""
    if remembered:
        try:
            return get_own_list(user, remembered)
        except (NotFound, NotAllowed):
            pass
    return db.session.scalars(_latest_first(user).limit(1)).first()


def current_or_new(user: User, remembered: str | None) -> Shortlist:
    found = find_current(user, remembered)
    if found is None:
        found = Shortlist(owner=user, name=DEFAULT_NAME, what_matters="")
        db.session.add(found)
        db.session.commit()
    return found


def _checked_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationFailed("name", "Enter a name for the list")
    problem = text_problem(name, NAME_LIMIT, date.today(), "The name")
    if problem:
        raise ValidationFailed("name", problem)
    return name


def create_list(user: User, name: str, services: Sequence[Service] = ()) -> Shortlist:
    """A new named list, holding `services` (up to the most a list can hold)."""
    shortlist = Shortlist(owner=user, name=_checked_name(name), what_matters="")
    db.session.add(shortlist)
    for service in list(services)[:MAX_ITEMS]:
        _append(shortlist, service)
    db.session.commit()
    return shortlist


def rename_list(shortlist: Shortlist, name: str) -> None:
    shortlist.name = _checked_name(name)
    db.session.commit()


def delete_list(shortlist: Shortlist) -> None:
    db.session.delete(shortlist)
    db.session.commit()


def _append(shortlist: Shortlist, service: Service) -> ShortlistItem:
    position = max((item.position for item in shortlist.items), default=-1) + 1
    item = ShortlistItem(service=service, note="", position=position, snapshot=facts(service))
    shortlist.items.append(item)
    return item


def add_item(shortlist: Shortlist, service: Service) -> bool:
    """Add `service` to the list; False when it was there already."""
    if any(item.service_id == service.id for item in shortlist.items):
        return False
    if len(shortlist.items) >= MAX_ITEMS:
        raise ValidationFailed("service_id", full_message(len(shortlist.items)))
    _append(shortlist, service)
    shortlist.updated_at = utcnow()
    db.session.commit()
    return True


def add_many(shortlist: Shortlist, services: list[Service]) -> int:
    """Add those not there yet, while there is room; how many were added."""
    added = 0
    present = {item.service_id for item in shortlist.items}
    for service in services:
        if service.id not in present and len(shortlist.items) < MAX_ITEMS:
            _append(shortlist, service)
            present.add(service.id)
            added += 1
    shortlist.updated_at = utcnow()
    db.session.commit()
    return added


def _item(shortlist: Shortlist, item_id: int) -> ShortlistItem:
    for item in shortlist.items:
        if item.id == item_id:
            return item
    raise NotFound(str(item_id))


def remove_item(shortlist: Shortlist, item_id: int) -> Service:
    """Take an activity off the list; returns it (for the message that names it)."""
    item = _item(shortlist, item_id)
    service = item.service
    shortlist.items.remove(item)
    _renumber(shortlist.items)
    shortlist.updated_at = utcnow()
    db.session.commit()
    return service


def remove_service(shortlist: Shortlist, service_id: str) -> bool:
    for item in shortlist.items:
        if str(item.service_id) == service_id:
            remove_item(shortlist, item.id)
            return True
    return False


def _renumber(items: list[ShortlistItem]) -> None:
    for position, item in enumerate(items):
        item.position = position


def move_item(shortlist: Shortlist, item_id: int, step: int) -> None:
    """Move an activity one place up (step -1) or down (+1); the ends stay put."""
    items = sorted(shortlist.items, key=lambda i: i.position)
    index = items.index(_item(shortlist, item_id))
    other = index + step
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    _renumber(items)
    db.session.commit()
    db.session.refresh(shortlist)  # the relationship's order follows the new positions


def save_texts(
    shortlist: Shortlist, what_matters: str, notes: dict[int, str], today: date | None = None
) -> None:
    """Save what matters and each item's note; Problems (nothing saved) if any is refused."""
    today = today or date.today()
    what_matters = (what_matters or "").strip()
    problems = {}
    problem = text_problem(what_matters, WHAT_MATTERS_LIMIT, today, "What matters")
    if problem:
        problems["what_matters"] = problem
    cleaned = {}
    for item in shortlist.items:
        note = (notes.get(item.id, item.note) or "").strip()
        problem = text_problem(note, NOTE_LIMIT, today, "The note")
        if problem:
            problems[f"note-{item.id}"] = problem
        cleaned[item.id] = note
    if problems:
        raise Problems(problems)
    shortlist.what_matters = what_matters
    for item in shortlist.items:
        item.note = cleaned[item.id]
    shortlist.updated_at = utcnow()
    db.session.commit()


def acknowledge(shortlist: Shortlist, item_id: int) -> Service:
    """The person has seen what changed: the item remembers the activity as it is now."""
    item = _item(shortlist, item_id)
    item.snapshot = facts(item.service)
    db.session.commit()
    return item.service


# --- share links -----------------------------------------------------------------------------


def is_shared(shortlist: Shortlist, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return bool(
        shortlist.share_token
        and shortlist.share_expires_at
        and as_utc(shortlist.share_expires_at) > now
    )


def share(shortlist: Shortlist, now: datetime | None = None) -> None:
    """Make a share link, or give a live one its full time again (the same link keeps
    working: it may be printed already). An expired link is replaced by a new one."""
    now = now or utcnow()
    if not is_shared(shortlist, now):
        shortlist.share_token = new_share_token()
    shortlist.share_expires_at = now + timedelta(days=current_app.config["PORTAL_SHARE_DAYS"])
    shortlist.handed_over_at = now
    db.session.commit()


def ensure_shared(shortlist: Shortlist, now: datetime | None = None) -> None:
    """A live share link, for printing: made if there is none (an existing one is kept)."""
    if not is_shared(shortlist, now):
        share(shortlist, now)


def stop_sharing(shortlist: Shortlist) -> None:
    shortlist.share_token = None
    shortlist.share_expires_at = None
    db.session.commit()


def shared_list(token: str, now: datetime | None = None) -> Shortlist:
    """The list behind a share link: NotFound when unknown or stopped, LinkExpired when late."""
    now = now or utcnow()
    if not token or len(token) > 64:
        raise NotFound(token)
    found = db.session.scalars(select(Shortlist).where(Shortlist.share_token == token)).first()
    if found is None:
        raise NotFound(token)
    if not is_shared(found, now):
        raise LinkExpired(token)
    return found


def share_url(shortlist: Shortlist) -> str:
    return absolute_url("shortlists.shared", token=shortlist.share_token)


def expiry_text(shortlist: Shortlist) -> str:
    """The last day a shared list's link works."""
    if shortlist.share_expires_at is None:
        raise ValueError("This list is not shared: its link has no expiry date")
    return format_date(as_utc(shortlist.share_expires_at).date())

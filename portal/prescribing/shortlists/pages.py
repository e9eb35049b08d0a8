"""What every shortlist page needs: the add button's state on any page (and a visitor's list
surviving sign-in), the rows the list pages show, and a named list's own page, which the list
and hand-over pages both come back to.

Visitors' lists live in the session (service ids only) and survive signing in, so they can be
saved as a named list. Named lists are their owner's alone: 403 for anyone else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import flash, g, redirect, render_template, request, session
from flask_login import current_user, user_logged_in

from portal.accounts.access import can_refer
from portal.accounts.services import safe_next
from portal.directory.models import Service, ServiceStatus
from portal.forms import ButtonForm
from portal.prescribing.shortlists import bp
from portal.prescribing.shortlists import services as shortlists
from portal.prescribing.shortlists.checks import (
    changed_facts,
    contact_details,
    is_closed,
    when_lines,
    where_lines,
)
from portal.prescribing.shortlists.forms import NameForm, SendForm
from portal.prescribing.shortlists.models import Shortlist, ShortlistItem

VISITOR_KEY = "shortlist_ids"
CURRENT_KEY = "shortlist_current"
NOTE_KEY = "shortlist_note"  # what was just done to one result, said beside it once


# --- what every page needs: the add button's state, and the list surviving sign-in -----------


def visitor_ids() -> list[str]:
    return list(session.get(VISITOR_KEY) or [])


def _listed_ids() -> set[str]:
    """The ids on this person's shortlist (the current named list once signed in)."""
    if "shortlist_listed" not in g:
        if current_user.is_authenticated:
            found = shortlists.find_current(current_user, session.get(CURRENT_KEY))
            g.shortlist_listed = {str(i.service_id) for i in found.items} if found else set()
        else:
            g.shortlist_listed = set(visitor_ids())
    return g.shortlist_listed


def _note_for(service_id) -> dict | None:
    """What was just done to this activity (added, already there, removed), to say beside its
    result: read from the session once per page, so a reload does not say it again."""
    if "shortlist_note" not in g:
        g.shortlist_note = session.pop(NOTE_KEY, None)
    note = g.shortlist_note
    return note if note and note.get("service_id") == str(service_id) else None


def _many_lists_current() -> Shortlist | None:
    """The current list of someone with more than one (their results name it); else None."""
    if "shortlist_many" not in g:
        g.shortlist_many = None
        if current_user.is_authenticated and shortlists.count_lists(current_user) > 1:
            g.shortlist_many = shortlists.find_current(current_user, session.get(CURRENT_KEY))
    return g.shortlist_many


def load_button_state() -> None:
    """Read what the add buttons say (which activities are listed, and the current list of
    someone with several) before a page that shows them is drawn: a template may not query."""
    _listed_ids()
    _many_lists_current()


@bp.app_context_processor
def _button_helpers() -> dict:
    return {
        "on_shortlist": lambda service_id: str(service_id) in _listed_ids(),
        "shortlist_next": lambda: request.full_path.rstrip("?"),
        "shortlist_note": _note_for,
        "shortlist_many_current": _many_lists_current,
    }


@bp.context_processor
def _fact_helpers() -> dict:
    return {
        "contact_details": contact_details,
        "when_lines": when_lines,
        "where_lines": where_lines,
        "share_state": _share_state,
    }


def _share_state(shortlist: Shortlist) -> str:
    if shortlists.is_shared(shortlist):
        return f"Until {shortlists.expiry_text(shortlist)}"
    return "Expired"


@bp.before_app_request
def _remember_visitor_list_through_sign_in() -> None:
    if request.endpoint == "accounts.sign_in" and request.method == "POST":
        g.visitor_shortlist = session.get(VISITOR_KEY)


@user_logged_in.connect
def _restore_visitor_list(_sender, **_extra) -> None:
    """Signing in starts a fresh session: the visitor's list (ids only) is carried over."""
    kept = g.pop("visitor_shortlist", None)
    if kept:
        session[VISITOR_KEY] = kept


def go_back(next_page: str | None, fallback: str):
    """Back to `next_page` (a form's `next` field: the page its button was on) when it is one
    of ours, else to `fallback`."""
    return redirect(safe_next(next_page, fallback))


# --- rows as the pages show them ----------------------------------------------------------------


@dataclass
class Row:
    service: Service
    item: ShortlistItem | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def gone(self) -> bool:
        """No longer in the directory: only its name (as it was) is shown."""
        return not self.service.is_public

    @property
    def closed(self) -> bool:
        return is_closed(self.service)

    @property
    def temporarily_closed(self) -> bool:
        return self.service.status is ServiceStatus.TEMPORARILY_CLOSED and not self.gone

    @property
    def name(self) -> str:
        if self.gone and self.item is not None:
            return self.item.snapshot.get("name") or "An activity"
        return self.service.name


def rows_of(shortlist: Shortlist) -> list[Row]:
    shortlists.load_activities(shortlist)
    rows = []
    for item in shortlist.items:
        changes = [] if is_closed(item.service) else changed_facts(item.snapshot, item.service)
        rows.append(Row(item.service, item, changes))
    return rows


def visitor_rows() -> list[Row]:
    ids = visitor_ids()
    found = shortlists.visitor_services(ids)
    if len(found) < len(ids):
        session[VISITOR_KEY] = [str(s.id) for s in found]
        gone = len(ids) - len(found)
        flash(
            f"{gone} {'activity you added is' if gone == 1 else 'activities you added are'} "
            f"no longer in the directory, so we took {'it' if gone == 1 else 'them'} off.",
            "important",
        )
    return [Row(service) for service in found]


# --- a named list's page ---------------------------------------------------------------------


def own_list(list_id: str) -> Shortlist:
    return shortlists.get_own_list(current_user, list_id)


def list_page(shortlist: Shortlist, problems: dict | None = None, values: dict | None = None):
    """The list page; `values` are what was typed (kept when something was refused)."""
    problems = problems or {}
    current = shortlists.find_current(current_user, session.get(CURRENT_KEY))
    send_form = SendForm(formdata=None, data=(values or {}).get("send", {}))
    page = render_template(
        "prescribing/shortlists/show.html",
        shortlist=shortlist,
        rows=rows_of(shortlist),
        values=values or {},
        problems=problems,
        form=ButtonForm(),
        name_form=NameForm(formdata=None, name=(values or {}).get("name", shortlist.name)),
        send_form=send_form,
        is_current=current is not None and current.id == shortlist.id,
        list_count=shortlists.count_lists(current_user),
        may_refer=can_refer(current_user),
        shared=shortlists.is_shared(shortlist),
        share_url=shortlists.share_url(shortlist) if shortlist.share_token else None,
        expires=shortlists.expiry_text(shortlist) if shortlist.share_expires_at else None,
        limit=shortlists.MAX_ITEMS,
    )
    return page, 400 if problems else 200

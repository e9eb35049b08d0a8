"""Shortlist pages: add and remove from any listing, the visitor's list and named lists.
The hand-over pages (print, share links, sending) are in `shortlist_handover_views`, on the
same blueprint.

Visitors' lists live in the session (service ids only) and survive signing in, so they can be
saved as a named list. Named lists are their owner's alone: 403 for anyone else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, user_logged_in

from portal.accounts.models import Role
from portal.accounts.services import safe_next
from portal.directory.models import Service, ServiceStatus
from portal.prescribing import shortlists
from portal.prescribing.models import Shortlist, ShortlistItem
from portal.prescribing.shortlist_checks import (
    changed_facts,
    contact_details,
    is_closed,
    when_lines,
    where_lines,
)
from portal.prescribing.shortlist_forms import (
    AddForm,
    ButtonForm,
    NameForm,
    SendForm,
    action_from,
    notes_from,
)
from portal.validation import NotFound, ValidationFailed

bp = Blueprint("shortlists", __name__)

VISITOR_KEY = "shortlist_ids"
CURRENT_KEY = "shortlist_current"
NOTE_KEY = "shortlist_note"  # what was just done to one result, said beside it once


# --- what every page needs: the add button's state, and the list surviving sign-in -----------


def _visitor_ids() -> list[str]:
    return list(session.get(VISITOR_KEY) or [])


def _listed_ids() -> set[str]:
    """The ids on this person's shortlist (the current named list once signed in)."""
    if "shortlist_listed" not in g:
        if current_user.is_authenticated:
            found = shortlists.find_current(current_user, session.get(CURRENT_KEY))
            g.shortlist_listed = {str(i.service_id) for i in found.items} if found else set()
        else:
            g.shortlist_listed = set(_visitor_ids())
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


def _back(fallback: str):
    return redirect(safe_next(request.form.get("next"), fallback))


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


def _rows(shortlist: Shortlist) -> list[Row]:
    shortlists.load_activities(shortlist)
    rows = []
    for item in shortlist.items:
        changes = [] if is_closed(item.service) else changed_facts(item.snapshot, item.service)
        rows.append(Row(item.service, item, changes))
    return rows


# --- adding and removing, from any page -------------------------------------------------------


def _come_back(service: Service, said: str, beside: str, kind: str = "success", **extra):
    """Back to the page the button was on. From a search result: to that result
    (`#service-<id>`), with `beside` shown next to it; elsewhere `said` at the top."""
    fallback = extra.pop("fallback", url_for("directory.service", service_id=service.id))
    back = safe_next(request.form.get("next"), fallback)
    if request.form.get("back_to") != "result":
        flash(said, kind)
        return redirect(back)
    session[NOTE_KEY] = {"service_id": str(service.id), "text": beside, "kind": kind, **extra}
    return redirect(f"{back}#service-{service.id}")


def _list_link(target: Shortlist | None) -> str:
    if target is None:
        return url_for("shortlists.mine")
    return url_for("shortlists.show", list_id=target.id)


@bp.post("/shortlist/add")
def add():
    """Add in one click for visitors and people with one list; with more, ask which list
    (every time: adding silently to the last one used mixed two people's lists)."""
    form = AddForm()
    if not form.validate_on_submit():
        abort(400)
    service = shortlists.addable_service(form.service_id.data or "")
    target = None
    if current_user.is_authenticated:
        if "choosing" in request.form:
            target, problems = _chosen_list(service)
            if problems:
                return _choose_page(service, request.form, problems)
        elif shortlists.count_lists(current_user) > 1:
            asked = {k: request.form.get(k, "") for k in ("service_id", "next", "back_to")}
            return redirect(url_for("shortlists.choose", **asked), 303)
        else:
            target = shortlists.current_or_new(current_user, session.get(CURRENT_KEY))
    return _add_to(service, target)


def _add_to(service: Service, target: Shortlist | None):
    """Add to `target` (None: the visitor's list) and say so where the person will look."""
    where = f"‘{target.name}’" if target is not None else "your shortlist"
    link = {"href": _list_link(target)}
    try:
        if target is not None:
            session[CURRENT_KEY] = str(target.id)
            added = shortlists.add_item(target, service)
        else:
            ids, added = shortlists.visitor_add(_visitor_ids(), service)
            session[VISITOR_KEY] = ids
    except ValidationFailed as problem:
        mine = url_for("shortlists.mine")
        return _come_back(service, problem.message, problem.message, "important", fallback=mine)
    if added:
        return _come_back(service, f"Added {service.name} to {where}.", f"Added to {where}", **link)
    said = f"{service.name} is already on {where}."
    return _come_back(service, said, f"Already on {where}", "important", **link)


def _chosen_list(service: Service) -> tuple[Shortlist | None, dict[str, str]]:
    """The list chosen on the "which list?" page: one of theirs, or a new one by name."""
    chosen = request.form.get("list_id") or ("new" if request.form.get("name", "").strip() else "")
    if not chosen:
        return None, {"list_id": "Choose the list to add it to"}
    if chosen != "new":
        return shortlists.get_own_list(current_user, chosen), {}
    try:
        return shortlists.create_list(current_user, request.form.get("name", "")), {}
    except ValidationFailed as problem:
        return None, {problem.field: problem.message}


def _choose_page(service: Service, typed, problems: dict | None = None):
    """ "Add <activity> to which list?": their lists, latest first, and a new list."""
    back = safe_next(typed.get("next"), url_for("directory.service", service_id=service.id))
    if typed.get("back_to") == "result":
        back = f"{back}#service-{service.id}"
    page = render_template(
        "prescribing/shortlists/choose.html",
        service=service,
        lists=shortlists.lists_of(current_user),
        typed=typed,
        back=back,
        problems=problems or {},
    )
    return page, 400 if problems else 200


@bp.get("/shortlist/choose")
@login_required
def choose():
    service = shortlists.addable_service(request.args.get("service_id") or "")
    return _choose_page(service, request.args)


@bp.post("/shortlist/remove")
def remove():
    form = AddForm()
    if not form.validate_on_submit():
        abort(400)
    service = shortlists.addable_service(form.service_id.data or "")
    target = None
    if current_user.is_authenticated:
        target = shortlists.find_current(current_user, session.get(CURRENT_KEY))
        if target is not None:
            shortlists.remove_service(target, str(service.id))
    else:
        session[VISITOR_KEY] = shortlists.visitor_remove(_visitor_ids(), str(service.id))
    where = f"‘{target.name}’" if target is not None else "your shortlist"
    said = f"Removed {service.name} from your shortlist."
    link = {"href": _list_link(target), "fallback": url_for("shortlists.mine")}
    return _come_back(service, said, f"Removed from {where}", **link)


# --- the visitor's list -------------------------------------------------------------------------


def _visitor_rows() -> list[Row]:
    ids = _visitor_ids()
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


@bp.get("/shortlist")
def mine():
    """The visitor's list; once signed in, the session's list to save, or the current list."""
    rows = _visitor_rows()
    current = None
    if current_user.is_authenticated:
        current = shortlists.find_current(current_user, session.get(CURRENT_KEY))
        if current is not None and not rows:
            return redirect(url_for("shortlists.show", list_id=current.id))
    return render_template(
        "prescribing/shortlists/visitor.html",
        rows=rows,
        current=current,
        form=NameForm(name=shortlists.DEFAULT_NAME),
        problems={},
    )


@bp.post("/shortlist/save")
@login_required
def save_visitor_list():
    """Save the list kept before signing in: into the current list, or as a new one."""
    form = NameForm()
    if not form.validate_on_submit():
        abort(400)
    services = shortlists.visitor_services(_visitor_ids())
    if request.form.get("into") == "current":
        target = shortlists.current_or_new(current_user, session.get(CURRENT_KEY))
        added = shortlists.add_many(target, services)
        message = f"Added {added} {'activity' if added == 1 else 'activities'} to ‘{target.name}’."
    else:
        try:
            target = shortlists.create_list(current_user, form.name.data or "", services)
        except ValidationFailed as problem:
            page = render_template(
                "prescribing/shortlists/visitor.html",
                rows=[Row(s) for s in services],
                current=shortlists.find_current(current_user, session.get(CURRENT_KEY)),
                form=form,
                problems={problem.field: problem.message},
            )
            return page, 400
        message = f"Saved your shortlist as ‘{target.name}’."
    session.pop(VISITOR_KEY, None)
    session[CURRENT_KEY] = str(target.id)
    flash(message, "success")
    return redirect(url_for("shortlists.show", list_id=target.id))


@bp.post("/shortlist/forget")
def forget_visitor_list():
    if not ButtonForm().validate_on_submit():
        abort(400)
    session.pop(VISITOR_KEY, None)
    flash("Your shortlist is empty again.", "success")
    return redirect(url_for("shortlists.mine"))


# --- named lists -----------------------------------------------------------------------------


@bp.get("/shortlists")
@login_required
def index():
    return _index_page(NameForm(), {})


def _index_page(form: NameForm, problems: dict):
    current = shortlists.find_current(current_user, session.get(CURRENT_KEY))
    page = render_template(
        "prescribing/shortlists/index.html",
        lists=shortlists.lists_of(current_user),
        current=current,
        form=form,
        problems=problems,
    )
    return page, 400 if problems else 200


@bp.post("/shortlists")
@login_required
def create():
    form = NameForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        made = shortlists.create_list(current_user, form.name.data or "")
    except ValidationFailed as problem:
        return _index_page(form, {problem.field: problem.message})
    session[CURRENT_KEY] = str(made.id)
    if shortlists.count_lists(current_user) > 1:
        flash(f"Made ‘{made.name}’. Each time you add an activity we ask which list.", "success")
    else:
        flash(f"Made ‘{made.name}’. Activities you add now go on it.", "success")
    return redirect(url_for("shortlists.show", list_id=made.id))


def _own(list_id: str) -> Shortlist:
    return shortlists.get_own_list(current_user, list_id)


def _list_page(shortlist: Shortlist, problems: dict | None = None, values: dict | None = None):
    """The list page; `values` are what was typed (kept when something was refused)."""
    problems = problems or {}
    current = shortlists.find_current(current_user, session.get(CURRENT_KEY))
    send_form = SendForm(formdata=None, data=(values or {}).get("send", {}))
    page = render_template(
        "prescribing/shortlists/show.html",
        shortlist=shortlist,
        rows=_rows(shortlist),
        values=values or {},
        problems=problems,
        form=ButtonForm(),
        name_form=NameForm(formdata=None, name=(values or {}).get("name", shortlist.name)),
        send_form=send_form,
        is_current=current is not None and current.id == shortlist.id,
        list_count=shortlists.count_lists(current_user),
        may_refer=current_user.role in (Role.PROFESSIONAL, Role.CONNECTOR),
        shared=shortlists.is_shared(shortlist),
        share_url=shortlists.share_url(shortlist) if shortlist.share_token else None,
        expires=shortlists.expiry_text(shortlist) if shortlist.share_expires_at else None,
        limit=shortlists.MAX_ITEMS,
    )
    return page, 400 if problems else 200


@bp.get("/shortlists/<list_id>")
@login_required
def show(list_id: str):
    return _list_page(_own(list_id))


@bp.post("/shortlists/<list_id>")
@login_required
def change(list_id: str):
    shortlist = _own(list_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    action = action_from(request.form)
    if action is None:
        abort(400)
    return _apply(shortlist, *action)


@bp.post("/shortlists/<list_id>/items/<int:item_id>/seen")
@login_required
def seen(list_id: str, item_id: int):
    shortlist = _own(list_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    return _apply(shortlist, "seen", item_id)


def _save_typed(shortlist: Shortlist):
    """Save what matters and the notes, when this form carried them; a page when refused."""
    if "what_matters" not in request.form:
        return None
    notes = notes_from(request.form)
    try:
        shortlists.save_texts(shortlist, request.form["what_matters"], notes)
    except shortlists.Problems as refused:
        typed = {"what_matters": request.form["what_matters"], "notes": notes}
        return _list_page(shortlist, refused.problems, typed)
    return None


def _apply(shortlist: Shortlist, verb: str, item_id: int | None):
    if verb == "rename":
        try:
            shortlists.rename_list(shortlist, request.form.get("name", ""))
        except ValidationFailed as problem:
            typed = {"name": request.form.get("name", "")}
            return _list_page(shortlist, {problem.field: problem.message}, typed)
        flash(f"Renamed the list ‘{shortlist.name}’.", "success")
        return redirect(url_for("shortlists.show", list_id=shortlist.id))
    if verb == "current":
        session[CURRENT_KEY] = str(shortlist.id)
        flash(f"‘{shortlist.name}’ is now your current list.", "success")
        return _back(url_for("shortlists.show", list_id=shortlist.id))
    refused = _save_typed(shortlist)
    if refused is not None:
        return refused
    anchor = ""
    try:
        if verb == "save":
            flash("Saved what matters and your notes.", "success")
        elif verb in ("up", "down"):
            shortlists.move_item(shortlist, item_id, -1 if verb == "up" else 1)
            anchor = f"#item-{item_id}"
        elif verb == "remove":
            service = shortlists.remove_item(shortlist, item_id)
            flash(f"Removed {service.name} from the list.", "success")
        elif verb == "seen":
            service = shortlists.acknowledge(shortlist, item_id)
            flash(f"Noted the changes to {service.name}.", "success")
            anchor = f"#item-{item_id}"
    except NotFound:
        abort(404)
    return redirect(url_for("shortlists.show", list_id=shortlist.id) + anchor)


@bp.route("/shortlists/<list_id>/delete", methods=["GET", "POST"])
@login_required
def delete(list_id: str):
    shortlist = _own(list_id)
    form = ButtonForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        name = shortlist.name
        shortlists.delete_list(shortlist)
        if session.get(CURRENT_KEY) == list_id:
            session.pop(CURRENT_KEY, None)
        flash(f"Deleted ‘{name}’. Its share link no longer works.", "success")
        return redirect(url_for("shortlists.index"))
    return render_template("prescribing/shortlists/delete.html", shortlist=shortlist, form=form)

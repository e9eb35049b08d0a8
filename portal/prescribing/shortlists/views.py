"""Shortlist pages: the visitor's list, and named lists (make, rename, reorder, note, delete).
Adding from any page is `adding_views`; printing, sharing and sending `handover_views`; what
they all need `pages`.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from portal.forms import ButtonForm
from portal.prescribing.shortlists import bp
from portal.prescribing.shortlists import services as shortlists
from portal.prescribing.shortlists.forms import KeepListForm, ListForm, NameForm, list_form
from portal.prescribing.shortlists.models import Shortlist
from portal.prescribing.shortlists.pages import (
    CURRENT_KEY,
    VISITOR_KEY,
    Row,
    go_back,
    list_page,
    own_list,
    visitor_ids,
    visitor_rows,
)
from portal.validation import NotFound, ValidationFailed

# --- the visitor's list -------------------------------------------------------------------------


@bp.get("/shortlist")
def mine():
    """The visitor's list; once signed in, the session's list to save, or the current list."""
    rows = visitor_rows()
    current = None
    if current_user.is_authenticated:
        current = shortlists.find_current(current_user, session.get(CURRENT_KEY))
        if current is not None and not rows:
            return redirect(url_for("shortlists.show", list_id=current.id))
    return render_template(
        "prescribing/shortlists/visitor.html",
        rows=rows,
        current=current,
        form=KeepListForm(name=shortlists.DEFAULT_NAME),
        problems={},
    )


@bp.post("/shortlist/save")
@login_required
def save_visitor_list():
    """Save the list kept before signing in: into the current list, or as a new one."""
    form = KeepListForm()
    if not form.validate_on_submit():
        abort(400)
    services = shortlists.visitor_services(visitor_ids())
    if form.into.data == "current":
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


@bp.get("/shortlists/<list_id>")
@login_required
def show(list_id: str):
    return list_page(own_list(list_id))


@bp.post("/shortlists/<list_id>")
@login_required
def change(list_id: str):
    shortlist = own_list(list_id)
    form = list_form(shortlist)
    if not form.validate_on_submit():
        abort(400)
    action = form.pressed()
    if action is None:
        abort(400)
    return _apply(shortlist, form, *action)


@bp.post("/shortlists/<list_id>/items/<int:item_id>/seen")
@login_required
def seen(list_id: str, item_id: int):
    shortlist = own_list(list_id)
    form = list_form(shortlist)  # the list page's form, sent by this item's button
    if not form.validate_on_submit():
        abort(400)
    return _apply(shortlist, form, "seen", item_id)


def _save_typed(shortlist: Shortlist, form: ListForm):
    """Save what matters and the notes, when this form carried them; a page when refused."""
    if not form.carries_texts():
        return None
    what_matters, notes = form.what_matters.data or "", form.notes()
    try:
        shortlists.save_texts(shortlist, what_matters, notes)
    except shortlists.Problems as refused:
        typed = {"what_matters": what_matters, "notes": notes}
        return list_page(shortlist, refused.problems, typed)
    return None


def _item(item_id: int | None) -> int:
    """The item a button acts on; a button that must name one and did not is a bad request."""
    if item_id is None:
        abort(400)
    return item_id


def _apply(shortlist: Shortlist, form: ListForm, verb: str, item_id: int | None):
    """Do what the pressed button says (after saving what was typed, for the main form's)."""
    if verb == "rename":
        name = form.name.data or ""
        try:
            shortlists.rename_list(shortlist, name)
        except ValidationFailed as problem:
            return list_page(shortlist, {problem.field: problem.message}, {"name": name})
        flash(f"Renamed the list ‘{shortlist.name}’.", "success")
        return redirect(url_for("shortlists.show", list_id=shortlist.id))
    if verb == "current":
        session[CURRENT_KEY] = str(shortlist.id)
        flash(f"‘{shortlist.name}’ is now your current list.", "success")
        return go_back(form.next.data, url_for("shortlists.show", list_id=shortlist.id))
    refused = _save_typed(shortlist, form)
    if refused is not None:
        return refused
    anchor = ""
    try:
        if verb == "save":
            flash("Saved what matters and your notes.", "success")
        elif verb in ("up", "down"):
            shortlists.move_item(shortlist, _item(item_id), -1 if verb == "up" else 1)
            anchor = f"#item-{item_id}"
        elif verb == "remove":
            service = shortlists.remove_item(shortlist, _item(item_id))
            flash(f"Removed {service.name} from the list.", "success")
        elif verb == "seen":
            service = shortlists.acknowledge(shortlist, _item(item_id))
            flash(f"Noted the changes to {service.name}.", "success")
            anchor = f"#item-{item_id}"
    except NotFound:
        abort(404)
    return redirect(url_for("shortlists.show", list_id=shortlist.id) + anchor)


@bp.route("/shortlists/<list_id>/delete", methods=["GET", "POST"])
@login_required
def delete(list_id: str):
    shortlist = own_list(list_id)
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

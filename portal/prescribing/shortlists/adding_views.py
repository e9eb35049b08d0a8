"""Adding an activity to a shortlist from any page, and taking it off again. Visitors and
people with one list add in one click; with more than one, the "which list?" page asks.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from portal.accounts.services import safe_next
from portal.directory.models import Service
from portal.prescribing.shortlists import bp
from portal.prescribing.shortlists import services as shortlists
from portal.prescribing.shortlists.forms import AddForm
from portal.prescribing.shortlists.models import Shortlist
from portal.prescribing.shortlists.pages import CURRENT_KEY, NOTE_KEY, VISITOR_KEY, visitor_ids
from portal.validation import ValidationFailed


def _come_back(
    form: AddForm, service: Service, said: str, beside: str, kind: str = "success", **extra
):
    """Back to the page the button was on (`form.next`). From a search result: to that result
    (`#service-<id>`), with `beside` shown next to it; elsewhere `said` at the top."""
    fallback = extra.pop("fallback", url_for("directory.service", service_id=service.id))
    back = safe_next(form.next.data, fallback)
    if form.back_to.data != "result":
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
        if form.is_choosing():
            target, problems = _chosen_list(form)
            if problems:
                return _choose_page(service, form.typed(), problems)
        elif shortlists.count_lists(current_user) > 1:
            return redirect(url_for("shortlists.choose", **form.asked()), 303)
        else:
            target = shortlists.current_or_new(current_user, session.get(CURRENT_KEY))
    return _add_to(form, service, target)


def _add_to(form: AddForm, service: Service, target: Shortlist | None):
    """Add to `target` (None: the visitor's list) and say so where the person will look."""
    where = f"‘{target.name}’" if target is not None else "your shortlist"
    link = {"href": _list_link(target)}
    try:
        if target is not None:
            session[CURRENT_KEY] = str(target.id)
            added = shortlists.add_item(target, service)
        else:
            ids, added = shortlists.visitor_add(visitor_ids(), service)
            session[VISITOR_KEY] = ids
    except ValidationFailed as problem:
        mine = url_for("shortlists.mine")
        message = problem.message
        return _come_back(form, service, message, message, "important", fallback=mine)
    if added:
        said = f"Added {service.name} to {where}."
        return _come_back(form, service, said, f"Added to {where}", **link)
    said = f"{service.name} is already on {where}."
    return _come_back(form, service, said, f"Already on {where}", "important", **link)


def _chosen_list(form: AddForm) -> tuple[Shortlist | None, dict[str, str]]:
    """The list chosen on the "which list?" page: one of theirs, or a new one by name."""
    name = form.name.data or ""
    chosen = form.list_id.data or ("new" if name.strip() else "")
    if not chosen:
        return None, {"list_id": "Choose the list to add it to"}
    if chosen != "new":
        return shortlists.get_own_list(current_user, chosen), {}
    try:
        return shortlists.create_list(current_user, name), {}
    except ValidationFailed as problem:
        return None, {problem.field: problem.message}


def _choose_page(service: Service, typed: Mapping[str, str], problems: dict | None = None):
    """ "Add <activity> to which list?": their lists, latest first, and a new list. `typed`
    is what the link (`request.args`) or the refused form (`AddForm.typed`) carried."""
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
        session[VISITOR_KEY] = shortlists.visitor_remove(visitor_ids(), str(service.id))
    where = f"‘{target.name}’" if target is not None else "your shortlist"
    said = f"Removed {service.name} from your shortlist."
    link = {"href": _list_link(target), "fallback": url_for("shortlists.mine")}
    return _come_back(form, service, said, f"Removed from {where}", **link)

"""Adding an activity to a shortlist from any page, and taking it off again. Visitors and
people with one list add in one click; with more than one, the "which list?" page asks.
"""

from __future__ import annotations

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
            ids, added = shortlists.visitor_add(visitor_ids(), service)
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
        session[VISITOR_KEY] = shortlists.visitor_remove(visitor_ids(), str(service.id))
    where = f"‘{target.name}’" if target is not None else "your shortlist"
    said = f"Removed {service.name} from your shortlist."
    link = {"href": _list_link(target), "fallback": url_for("shortlists.mine")}
    return _come_back(service, said, f"Removed from {where}", **link)

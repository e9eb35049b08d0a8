"""`/listings`: the guided form for a new listing or an edit, used by groups and editors.

A draft is saved step by step; its overview is a task list; the check page shows the public
page as it will look, similar listings nearby, and sends it for review (a group) or publishes
it (the directory team). The "still correct" link from a reminder e-mail lands here too.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from portal.accounts.access import is_directory_team
from portal.accounts.tokens import LinkProblem
from portal.directory.schedules import format_date, format_time
from portal.directory.services import get_organisation_any, vocabulary_terms
from portal.directory.vocabulary import ACCESSIBILITY
from portal.forms import ButtonForm
from portal.groups import listing_drafts
from portal.groups.listing_pins import pin_maps, pin_words
from portal.listings import steps as listing_steps
from portal.listings.data import DAY_CODES, PATTERNS, PLACE_KINDS, WEEKS, listing_data
from portal.listings.duplicates import similar_listings
from portal.listings.wording import differences, summary
from portal.listings.writing import preview_service
from portal.moderation import freshness
from portal.moderation import services as moderation
from portal.moderation.models import OPEN_REVISION_STATES, RevisionState
from portal.oruk.provenance import check_group_may_change
from portal.validation import AlreadyDecided, EditConflict, ValidationFailed

bp = Blueprint("listings", __name__, url_prefix="/listings")
LONDON = ZoneInfo("Europe/London")
# The parts of the listing (as `summary` names them) that each step of the form writes.
STEP_PARTS = {
    "about": ("Name", "What happens", "Kind of activity", "Running or closed"),
    "who": ("Who it is for",),
    "when": ("When",),
    "where": ("Where", "Map position"),
    "cost": ("Cost", "How to join"),
    "contact": ("Contact",),
    "access": ("Accessibility",),
    "needs": ("Needs it helps with",),
}
DAY_NAMES = dict(
    zip(
        DAY_CODES,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)


def _revision_for(revision_id: str, editing: bool = False):
    revision = moderation.get_revision(revision_id)
    if editing:
        moderation.check_can_edit(current_user, revision)
    else:
        moderation.check_manages(current_user, revision.organisation_id)
    return revision


@bp.route("/new/<organisation_id>", methods=["GET", "POST"])
@login_required
def start(organisation_id: str):
    organisation = get_organisation_any(organisation_id)
    moderation.check_manages(current_user, organisation.id)
    form = ButtonForm()
    if form.validate_on_submit():
        revision = moderation.start_listing(current_user, organisation)
        return redirect(url_for("listings.step", revision_id=revision.id, key="about"))
    return render_template(
        "listings/start.html", organisation=organisation, steps=listing_steps.STEPS, form=form
    )


@bp.get("/drafts/<revision_id>")
@login_required
def overview(revision_id: str):
    revision = _revision_for(revision_id)
    missing = dict(listing_steps.still_needed(revision.data))
    return render_template(
        "listings/overview.html",
        revision=revision,
        steps=listing_steps.STEPS,
        missing=missing,
        summary=summary(revision.data),
        editable=revision.state in (RevisionState.DRAFT, RevisionState.CHANGES_REQUESTED)
        or is_directory_team(current_user),
        form=ButtonForm(),
    )


def _when(moment: datetime) -> str:
    """'at 10:32am', or 'on Tuesday 1 December 2026 at 10:32am' when not today (UK time)."""
    local = moment.astimezone(LONDON)
    clock = format_time(local.time())
    if local.date() == datetime.now(LONDON).date():
        return f"at {clock}"
    return f"on {format_date(local.date())} at {clock}"


def _conflict_notice(conflict: EditConflict, key: str | None = None, typed: dict | None = None):
    """What the page says when someone else saved the draft first: who, when, and for this
    step's parts (label, what the draft says now, what this person typed)."""
    rows = []
    if key is not None:
        now = summary(conflict.current)
        mine = summary({**conflict.current, **(typed or {})})
        rows = [(label, now[label], mine[label]) for label in STEP_PARTS[key]]
        rows = [row for row in rows if row[1] != row[2]]
    return {"who": conflict.changed_by, "when": _when(conflict.changed_at), "rows": rows}


def _step_context(revision, key: str, data: dict, version: int | None = None) -> dict:
    context = {
        "revision": revision,
        "version": revision.version if version is None else version,
        "conflict": None,
        "can_save": True,
        "step": listing_steps.step(key),
        "step_number": listing_steps.STEP_KEYS.index(key) + 1,
        "steps": listing_steps.STEPS,
        "data": data,
        "activity_types": [(t.code, t.name) for t in vocabulary_terms("activity-types")],
        "audiences": [(t.code, t.name) for t in vocabulary_terms("audiences")],
        "needs": [(t.code, t.name, t.description) for t in vocabulary_terms("needs")],
        "access": list(ACCESSIBILITY.items()),
        "patterns": list(PATTERNS.items()),
        "days": list(DAY_NAMES.items()),
        "weeks": [(str(n), name.capitalize()) for n, name in WEEKS.items()],
        "place_kinds": list(PLACE_KINDS.items()),
        "back_to_check": request.args.get("return") == "check",
        "pin_maps": {},
        "pin_words": {},
        "time_text": listing_steps.time_text,
    }
    if key == "where":
        context["pin_maps"] = pin_maps(data)
        context["pin_words"] = {n: pin_words(data["places"][n]) for n in context["pin_maps"]}
    return context


@bp.route(
    f"/drafts/<revision_id>/<any({', '.join(listing_steps.STEP_KEYS)}):key>",
    methods=["GET", "POST"],
)
@login_required
def step(revision_id: str, key: str):
    revision = _revision_for(revision_id, editing=True)
    data = revision.data
    this_step = listing_steps.step(key)
    form = this_step.form()
    if form.validate_on_submit():
        started_from = form.started_from()
        parsed = this_step.parse(form.values(), data)
        shown = {**data, **parsed.changes}
        if parsed.problems:
            context = _step_context(revision, key, shown, started_from)
            return render_template(
                f"listings/steps/{key}.html", problems=parsed.problems, **context
            ), 400
        if parsed.again and form.action.data:  # a row added or removed
            context = _step_context(revision, key, shown, started_from)
            return render_template(f"listings/steps/{key}.html", problems={}, **context)
        try:
            moderation.save_step(revision, key, parsed.changes, started_from, current_user)
        except EditConflict as conflict:
            return _step_conflict(revision, key, parsed.changes, conflict)
        if parsed.again:  # a new venue: show its pin before moving on
            flash("Check the pin is in the right place on the map, then continue.", "important")
            return redirect(url_for("listings.step", revision_id=revision.id, key=key))
        following = listing_steps.next_step(key)
        if request.args.get("return") == "check" or following is None:
            return redirect(url_for("listings.check", revision_id=revision.id))
        return redirect(url_for("listings.step", revision_id=revision.id, key=following))
    return render_template(
        f"listings/steps/{key}.html", problems={}, **_step_context(revision, key, data)
    )


def _step_conflict(revision, key: str, typed: dict, conflict: EditConflict):
    """The step again after someone else saved the draft first: what this person typed in
    every field, what the draft says now, and the new version, so saving again is their
    informed choice (409)."""
    context = _step_context(revision, key, {**conflict.current, **typed}, revision.version)
    context["conflict"] = _conflict_notice(conflict, key, typed)
    context["can_save"] = revision.state in OPEN_REVISION_STATES and (
        revision.state is not RevisionState.PENDING or is_directory_team(current_user)
    )
    return render_template(f"listings/steps/{key}.html", problems={}, **context), 409


def _send_or_publish(revision, started_from: int | None):
    """Send the draft for review (a group) or publish it (the directory team), as it was
    when the check page was shown: raises EditConflict when someone saved it since."""
    service = listing_drafts.send_or_publish(revision, current_user, started_from)
    if service is None:
        flash(f"Thank you: “{revision.title}” is waiting for review.", "success")
        return redirect(url_for("groups.dashboard"))
    flash(f"“{service.name}” is live.", "success")
    return redirect(url_for("moderation.listing", service_id=service.id))


@bp.route("/drafts/<revision_id>/check", methods=["GET", "POST"])
@login_required
def check(revision_id: str):
    revision = _revision_for(revision_id)
    form = listing_steps.DraftForm()
    problems: dict[str, str] = {}
    conflict = None
    if form.validate_on_submit():
        try:
            return _send_or_publish(revision, form.started_from())
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        except EditConflict as changed:
            conflict = _conflict_notice(changed)
        except AlreadyDecided as decided:
            flash(decided.message, "important")
            return redirect(url_for("listings.overview", revision_id=revision.id))
    page = render_template(
        "listings/check.html",
        revision=revision,
        conflict=conflict,
        summary=summary(revision.data),
        changes=differences(revision.base, revision.data) if revision.is_edit else [],
        missing=listing_steps.still_needed(revision.data),
        similar=similar_listings(revision.data, exclude=revision.service_id),
        steps=listing_steps.STEPS,
        editor=is_directory_team(current_user),
        problems=problems,
        form=form,
    )
    return page, 409 if conflict else 400 if problems else 200


@bp.get("/drafts/<revision_id>/preview")
@login_required
def preview(revision_id: str):
    revision = _revision_for(revision_id)
    service = preview_service(revision.data, revision.organisation)
    service.last_reviewed = date.today()
    return render_template(
        "directory/service.html", service=service, map_parts=None, position=None, preview=revision
    )


@bp.post("/drafts/<revision_id>/delete")
@login_required
def delete(revision_id: str):
    revision = _revision_for(revision_id)
    form = listing_steps.DraftForm()
    if form.validate_on_submit():
        try:
            listing_drafts.delete_draft(revision, current_user, form.started_from())
        except EditConflict as changed:
            notice = _conflict_notice(changed)
            flash(
                f"{notice['who']} changed this draft {notice['when']} after you opened this "
                "page, so it has not been deleted. Check it, then delete it if you still want to.",
                "important",
            )
            return redirect(url_for("listings.overview", revision_id=revision.id))
        except ValidationFailed as problem:
            flash(problem.message, "important")
        else:
            flash(f"Deleted the draft “{revision.title}”.", "success")
    return redirect(
        url_for("groups.dashboard")
        if not is_directory_team(current_user)
        else url_for("moderation.queue")
    )


@bp.route("/<service_id>/edit", methods=["GET", "POST"])
@login_required
def edit_listing(service_id: str):
    service = moderation.get_service(service_id)
    moderation.check_manages(current_user, service.organisation_id)
    check_group_may_change(current_user, service)  # another directory's listing: theirs to change
    form = ButtonForm()
    if form.validate_on_submit():
        revision = moderation.start_edit(current_user, service)
        return redirect(url_for("listings.overview", revision_id=revision.id))
    return render_template(
        "listings/edit.html",
        service=service,
        organisation=service.organisation,
        open_revision=moderation.open_revision_for(service),
        form=form,
    )


@bp.route("/still-correct/<token>", methods=["GET", "POST"])
def still_correct(token: str):
    try:
        service = freshness.service_for_confirmation(token)
    except LinkProblem as problem:
        return render_template("listings/confirm_problem.html", expired=problem.expired), 400
    form = ButtonForm()
    if form.validate_on_submit():
        try:
            freshness.confirm_still_correct(
                service, current_user if current_user.is_authenticated else None
            )
        except LinkProblem:
            return render_template("listings/confirm_problem.html", expired=False), 400
        return render_template("listings/confirmed.html", service=service)
    return render_template(
        "listings/confirm.html",
        service=service,
        organisation=service.organisation,
        form=form,
        summary=summary(listing_data(service)),
    )


@bp.post("/<service_id>/still-correct")
@login_required
def confirm_from_dashboard(service_id: str):
    service = moderation.get_service(service_id)
    moderation.check_manages(current_user, service.organisation_id)
    check_group_may_change(current_user, service)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        freshness.confirm_still_correct(service, current_user)
    except LinkProblem:
        abort(403)
    flash(f"Thank you: “{service.name}” is marked as checked today.", "success")
    return redirect(url_for("groups.dashboard"))

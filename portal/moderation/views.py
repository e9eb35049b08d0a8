"""`/moderation`: the directory team's review queue, decisions, listings and their history."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.accounts.access import DIRECTORY_TEAM, roles_required
from portal.db import utcnow
from portal.directory.models import PublicationState
from portal.directory.services import organisations_matching
from portal.forms import ButtonForm
from portal.listings.data import listing_data
from portal.listings.duplicates import similar_listings
from portal.listings.wording import differences, summary
from portal.moderation import services
from portal.moderation.forms import (
    ApproveForm,
    ClaimDecisionForm,
    HideListingForm,
    NewOrganisationForm,
    ResolveReportForm,
    SendBackForm,
)
from portal.moderation.models import RevisionState
from portal.prescribing.working_days import overdue_referrals
from portal.text import plain
from portal.validation import AlreadyDecided, EditConflict, ValidationFailed

bp = Blueprint("moderation", __name__, url_prefix="/moderation")
team = roles_required(*DIRECTORY_TEAM)


@bp.get("")
@team
def queue():
    return render_template(
        "moderation/queue.html",
        queue=services.review_queue(),
        overdue_referrals=len(overdue_referrals(utcnow())),
    )


def _review_page(revision, problems: dict[str, str] | None = None, reason: str = "", conflict=None):
    live = listing_data(revision.service) if revision.service is not None else None
    page = render_template(
        "moderation/revision.html",
        revision=revision,
        changes=differences(live, revision.data) if live is not None else [],
        summary=summary(revision.data),
        similar=similar_listings(revision.data, exclude=revision.service_id),
        problems=problems or {},
        reason=reason,
        conflict=conflict,
        form=ButtonForm(),
    )
    return page, 409 if conflict else 400 if problems else 200


@bp.get("/revisions/<revision_id>")
@team
def revision(revision_id: str):
    return _review_page(services.get_revision(revision_id))


@bp.post("/revisions/<revision_id>/approve")
@team
def approve(revision_id: str):
    revision = services.get_revision(revision_id)
    form = ApproveForm()
    if form.validate_on_submit():
        try:
            service = services.approve(revision, current_user, form.version.data)
        except AlreadyDecided as decided:
            return _decided_elsewhere(revision_id, decided)
        except EditConflict as changed:
            return _review_page(services.get_revision(revision_id), conflict=changed)
        except ValidationFailed as problem:  # perhaps after a rollback: read it again
            problems = {problem.field: problem.message}
            return _review_page(services.get_revision(revision_id), problems)
        flash(f"Approved: “{service.name}” is live.", "success")
    return redirect(url_for("moderation.queue"))


def _decided_elsewhere(revision_id: str, decided: AlreadyDecided):
    """Someone decided the revision first: say so, on the page that shows the result (the
    listing, once approved; otherwise the revision itself)."""
    flash(decided.message, "important")
    revision = services.get_revision(revision_id)
    if revision.service_id is not None and revision.state is RevisionState.APPROVED:
        return redirect(url_for("moderation.listing", service_id=revision.service_id))
    return redirect(url_for("moderation.revision", revision_id=revision.id))


@bp.post("/revisions/<revision_id>/send-back")
@team
def send_back(revision_id: str):
    revision = services.get_revision(revision_id)
    form = SendBackForm()
    if form.validate_on_submit():
        try:
            services.send_back(revision, current_user, form.reason.data)
        except AlreadyDecided as decided:
            return _decided_elsewhere(revision_id, decided)
        except ValidationFailed as problem:  # perhaps after a rollback: read it again
            problems = {problem.field: problem.message}
            return _review_page(services.get_revision(revision_id), problems, form.reason.data)
        flash(f"Sent back “{revision.title}”: the group has been emailed.", "success")
    return redirect(url_for("moderation.queue"))


@bp.route("/claims/<int:claim_id>", methods=["GET", "POST"])
@team
def claim(claim_id: int):
    found = services.get_claim(claim_id)
    form = ClaimDecisionForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            services.decide_claim(found, current_user, form.approves(), form.reason.data)
        except AlreadyDecided as decided:
            problems["decision"] = decided.message
            found = services.get_claim(claim_id)  # as the other editor left it
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            flash("Decision recorded and the person has been emailed.", "success")
            return redirect(url_for("moderation.queue"))
    page = render_template(
        "moderation/claim.html",
        claim=found,
        form=form,
        problems=problems,
        decision=form.decision.data,
        reason=form.reason.data,
        members=services.people_of(found.organisation),
    )
    return page, 400 if (form.errors or problems) else 200


@bp.route("/reports/<int:report_id>", methods=["GET", "POST"])
@team
def report(report_id: int):
    found = services.get_report(report_id)
    form = ResolveReportForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            services.resolve_report(found, current_user, form.resolution.data)
        except AlreadyDecided as decided:
            flash(decided.message, "important")
            return redirect(url_for("moderation.queue"))
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            flash("Report marked as dealt with.", "success")
            return redirect(url_for("moderation.queue"))
    page = render_template(
        "moderation/report.html",
        report=found,
        source=services.listing_source(found.service_id),
        form=form,
        problems=problems,
        resolution=form.resolution.data,
    )
    return page, 400 if problems else 200


@bp.get("/listings")
@team
def listings():
    text = plain(request.args.get("q"), 100)
    state = request.args.get("state") or ""
    return render_template(
        "moderation/listings.html",
        found=services.find_listings(text, state),
        text=text,
        state=state,
        states=[(s.value, s.value.capitalize()) for s in PublicationState],
    )


@bp.route("/listings/new", methods=["GET", "POST"])
@team
def new_listing():
    form = NewOrganisationForm()
    text = plain(request.args.get("q"), 100)  # the search above the form, which is a GET
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            organisation = services.create_organisation(current_user, form.name.data, "", "", "")
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            return redirect(url_for("listings.start", organisation_id=organisation.id))
    page = render_template(
        "moderation/new_listing.html",
        form=form,
        text=text,
        name=form.name.data,
        found=organisations_matching(text) if text else [],
        problems=problems,
    )
    return page, 400 if problems else 200


def _listing_page(service, problems: dict[str, str] | None = None, reason: str = ""):
    events = services.history(service)
    page = render_template(
        "moderation/listing.html",
        service=service,
        events=[(e, differences(e.before, e.after) if e.after else []) for e in events],
        open_revision=services.open_revision_for(service),
        members=services.people_of(service.organisation),
        source=services.listing_source(service.id),
        form=ButtonForm(),
        problems=problems or {},
        reason=reason,
    )
    return page, 400 if problems else 200


@bp.get("/listings/<service_id>")
@team
def listing(service_id: str):
    return _listing_page(services.get_service(service_id))


@bp.post("/listings/<service_id>/hide")
@team
def hide(service_id: str):
    service = services.get_service(service_id)
    form = HideListingForm()
    if form.validate_on_submit():
        try:
            services.hide_listing(service, current_user, form.reason.data)
        except AlreadyDecided as decided:
            flash(decided.message, "important")
        except ValidationFailed as problem:
            return _listing_page(service, {problem.field: problem.message}, form.reason.data)
        else:
            flash(f"“{service.name}” is hidden from the public.", "success")
    return redirect(url_for("moderation.listing", service_id=service.id))


@bp.post("/listings/<service_id>/restore")
@team
def restore(service_id: str):
    service = services.get_service(service_id)
    if ButtonForm().validate_on_submit():
        try:
            services.restore_listing(service, current_user)
        except AlreadyDecided as decided:
            flash(decided.message, "important")
        else:
            flash(f"“{service.name}” is public again.", "success")
    return redirect(url_for("moderation.listing", service_id=service.id))


@bp.post("/events/<int:event_id>/revert")
@team
def revert(event_id: int):
    event = services.get_change(event_id)
    if ButtonForm().validate_on_submit():
        try:
            service = services.revert(event, current_user)
        except AlreadyDecided as decided:
            flash(decided.message, "important")
            return redirect(url_for("moderation.listing", service_id=event.service_id))
        except ValidationFailed as problem:
            flash(problem.message, "important")
            return redirect(url_for("moderation.queue"))
        flash(f"“{service.name}” is back as it was before that change.", "success")
        return redirect(url_for("moderation.listing", service_id=service.id))
    return redirect(url_for("moderation.queue"))

"""`/groups`: a group member's listings, a new organisation, asking to manage one."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.accounts.access import roles_required
from portal.accounts.models import Role
from portal.directory.services import get_organisation_any, organisations_matching
from portal.forms import ButtonForm
from portal.groups import services
from portal.groups.forms import ClaimForm, NewOrganisationForm
from portal.moderation import services as moderation
from portal.oruk.provenance import check_group_may_claim
from portal.text import plain
from portal.validation import NotFound, ValidationFailed

bp = Blueprint("groups", __name__, url_prefix="/groups")
GROUP = (Role.GROUP_MEMBER,)


@bp.get("")
@roles_required(*GROUP)
def dashboard():
    return render_template(
        "groups/dashboard.html",
        organisations=services.dashboard(current_user),
        claims=services.claims_waiting(current_user),
        form=ButtonForm(),
    )


@bp.route("/organisations/new", methods=["GET", "POST"])
@roles_required(*GROUP)
def new_organisation():
    form = NewOrganisationForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            organisation = moderation.create_organisation(
                current_user,
                form.name.data,
                form.description.data,
                form.email.data,
                form.website.data,
            )
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            flash(f"“{organisation.name}” is set up. Now add its first activity.", "success")
            return redirect(url_for("listings.start", organisation_id=organisation.id))
    taken = moderation.organisation_named(form.name.data) if "name" in problems else None
    page = render_template(
        "groups/new_organisation.html",
        form=form,
        values=form.data,
        problems=problems,
        taken=taken,
    )
    return page, 400 if problems else 200


@bp.route("/organisations/claim", methods=["GET", "POST"])
@roles_required(*GROUP)
def claim():
    form = ClaimForm()
    text = plain(request.args.get("q"), 100)
    problems: dict[str, str] = {}
    chosen = None
    if request.args.get("organisation"):
        try:
            chosen = get_organisation_any(request.args["organisation"])
        except NotFound:
            abort(404)
        check_group_may_claim(current_user, chosen.id, chosen.name)  # another directory's
    if chosen is not None and form.validate_on_submit():
        try:
            moderation.request_claim(current_user, chosen, form.message.data)
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            flash(
                f"We have asked the directory team to confirm you manage “{chosen.name}”. "
                "We will email you.",
                "success",
            )
            return redirect(url_for("groups.dashboard"))
    page = render_template(
        "groups/claim.html",
        form=form,
        text=text,
        found=organisations_matching(text) if text else [],
        chosen=chosen,
        message=form.message.data,
        problems=problems,
    )
    return page, 400 if problems else 200

"""`/admin`: administrators give people roles, invite staff and close accounts, and keep the
vocabularies (needs, who for, activity types). Pages only: the work is
`accounts.administration` and `moderation.vocabulary`."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user

from portal.accounts import administration, second_factor
from portal.accounts.access import SECOND_FACTOR_KEY, roles_required
from portal.accounts.memberships import groups_of
from portal.accounts.models import Role
from portal.admin.forms import InviteForm, TermForm, UserForm
from portal.directory.services import terms_with_counts
from portal.forms import ButtonForm
from portal.moderation import vocabulary
from portal.moderation.vocabulary import VOCABULARY_NAMES
from portal.validation import ValidationFailed

bp = Blueprint("admin", __name__, url_prefix="/admin")
admin_only = roles_required(Role.ADMIN)
ROLES = [(role.value, role.label) for role in Role]


@bp.get("/users")
@admin_only
def users():
    text = (request.args.get("q") or "").strip()[:100]
    return render_template("admin/users.html", users=administration.find_users(text), text=text)


@bp.route("/users/new", methods=["GET", "POST"])
@admin_only
def invite():
    form = InviteForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            user = administration.invite_user(form.values(), current_user)
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            flash(f"Invited {user.name}: they have an email to set their password.", "success")
            return redirect(url_for("admin.users"))
    page = render_template(
        "admin/invite.html", form=form, values=form.values(), problems=problems, roles=ROLES
    )
    return page, 400 if problems else 200


@bp.route("/users/<user_id>", methods=["GET", "POST"])
@admin_only
def user(user_id: str):
    found = administration.get_user(user_id)
    form = UserForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            administration.change_user(found, form.role.data, form.active.data, current_user)
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            flash(f"Saved the changes to {found.name}'s account.", "success")
            return redirect(url_for("admin.user", user_id=found.id))
    page = render_template(
        "admin/user.html",
        user=found,
        organisations=groups_of(found),
        form=form,
        problems=problems,
        roles=ROLES,
        has_second_factor=second_factor.has_second_factor(found),
    )
    return page, 400 if problems else 200


@bp.post("/users/<user_id>/second-factor/reset")
@admin_only
def reset_second_factor(user_id: str):
    """Take away someone's second factor (a lost phone): they set up a new one, and are signed
    out everywhere meanwhile."""
    found = administration.get_user(user_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if second_factor.has_second_factor(found):
        second_factor.reset(found, current_user._get_current_object())
        if found.id == current_user.id:  # their own: this session carries on, without it
            login_user(found)
            session.pop(SECOND_FACTOR_KEY, None)
        flash(
            f"Reset {found.name}'s second factor. They will set up a new authenticator app "
            "next time they open personal records.",
            "success",
        )
    return redirect(url_for("admin.user", user_id=found.id))


# --- vocabularies ----------------------------------------------------------------------------


@bp.get("/vocabularies")
@admin_only
def vocabularies():
    return render_template(
        "admin/vocabularies.html",
        vocabularies=[
            (slug, label, terms_with_counts(slug)) for slug, label in VOCABULARY_NAMES.items()
        ],
    )


@bp.route("/vocabularies/<slug>/new", methods=["GET", "POST"])
@admin_only
def new_term(slug: str):
    taxonomy = vocabulary.get_taxonomy(slug)
    return _term_form(taxonomy, None)


@bp.route("/vocabularies/<slug>/<code>", methods=["GET", "POST"])
@admin_only
def term(slug: str, code: str):
    taxonomy = vocabulary.get_taxonomy(slug)
    return _term_form(taxonomy, vocabulary.get_term(taxonomy, code))


def _term_form(taxonomy, found):
    """Add a term (`found` None) or change one; the page starts from the saved values."""
    saved = {"name": found.name, "description": found.description} if found else None
    form = TermForm(data=saved)
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        name, description = form.name.data, form.description.data
        try:
            if found is None:
                vocabulary.add_term(taxonomy, name, description, current_user)
                flash(f"Added “{name}”.", "success")
            else:
                moved = vocabulary.change_term(
                    found, name, description, form.move.data, current_user
                )
                flash(
                    "Saved." + (f" {moved} listings now show the new name." if moved else ""),
                    "success",
                )
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            return redirect(url_for("admin.vocabularies"))
    page = render_template(
        "admin/term.html",
        taxonomy=taxonomy,
        label=vocabulary.VOCABULARY_NAMES[taxonomy.slug],
        term=found,
        values=form.data,
        problems=problems,
        form=form,
    )
    return page, 400 if problems else 200

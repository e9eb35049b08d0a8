"""`/admin/safety`: administrators keep the safety words, the panel, its helplines and the
quick exit. Every form carries its CSRF token and the version of what it was opened on."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from portal.accounts.access import roles_required
from portal.accounts.models import Role
from portal.directory.services import term_names, vocabulary_terms
from portal.forms import ButtonForm
from portal.safety import editing
from portal.safety.forms import (
    HELPLINE_FIELDS,
    HelplineForm,
    HelplinesForm,
    MoveHelplineForm,
    PanelForm,
    QuickExitForm,
    WordsForm,
)
from portal.safety.services import current_state, explain
from portal.validation import EditConflict, NotFound, ValidationFailed, moment_text

bp = Blueprint("safety", __name__, url_prefix="/admin/safety")
admin_only = roles_required(Role.ADMIN)


def _changed_elsewhere(conflict: EditConflict, what: str) -> str:
    return (
        f"{conflict.changed_by} changed the {what} at {moment_text(conflict.changed_at)}, "
        "after you opened this page. Nothing was saved."
    )


@bp.get("")
@admin_only
def index():
    text = (request.args.get("try") or "").strip()[:200]
    return render_template(
        "safety/index.html",
        state=current_state(),
        need_names=term_names("needs"),
        form=ButtonForm(),
        tried=text,
        explanation=explain(text) if text else None,
    )


@bp.route("/words", methods=["GET", "POST"])
@admin_only
def words():
    state = current_state()
    form = WordsForm(data={"words": "\n".join(state.words)})
    problems: dict[str, str] = {}
    conflict = None
    if form.validate_on_submit():
        try:
            saved = editing.save_words(form.words.data, form.version.data, current_user)
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        except EditConflict as changed:
            conflict = _changed_elsewhere(changed, "words")
            state = current_state()
        else:
            flash(f"Saved {len(saved)} safety words and phrases.", "success")
            return redirect(url_for("safety.index"))
    page = render_template(
        "safety/words.html",
        form=form,
        state=state,
        text=form.words.data,
        problems=problems,
        conflict=conflict,
    )
    return page, 409 if conflict else 400 if problems else 200


@bp.route("/panel", methods=["GET", "POST"])
@admin_only
def panel():
    state = current_state()
    form = PanelForm(data={"heading": state.heading, "intro": state.intro})
    return _settings_form(
        "safety/panel.html",
        form,
        lambda: editing.save_panel(
            form.heading.data, form.intro.data, form.version.data, current_user
        ),
        "Saved the panel’s heading and text.",
    )


@bp.route("/quick-exit", methods=["GET", "POST"])
@admin_only
def quick_exit():
    state = current_state()
    form = QuickExitForm(data={"exit_url": state.exit_url, "needs": list(state.sensitive_needs)})
    return _settings_form(
        "safety/quick_exit.html",
        form,
        lambda: editing.save_quick_exit(
            form.exit_url.data, form.needs.data, form.version.data, current_user
        ),
        "Saved the quick exit.",
    )


def _settings_form(template: str, form: FlaskForm, save, saved_message: str):
    """Show a settings form, or save it (`save`, which reads the form): back to the overview,
    or the form again with what was typed and the problem (400), or with who saved first
    (409)."""
    problems: dict[str, str] = {}
    conflict = None
    if form.validate_on_submit():
        try:
            save()
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        except EditConflict as changed:
            conflict = _changed_elsewhere(changed, "safety settings")
        else:
            flash(saved_message, "success")
            return redirect(url_for("safety.index"))
    page = render_template(
        template,
        form=form,
        state=current_state(),
        values=form.data,
        problems=problems,
        conflict=conflict,
        needs=vocabulary_terms("needs"),
    )
    return page, 409 if conflict else 400 if problems else 200


@bp.route("/helplines/new", methods=["GET", "POST"])
@admin_only
def new_helpline():
    return _helpline_form(None)


@bp.route("/helplines/<int:number>", methods=["GET", "POST"])
@admin_only
def helpline(number: int):
    return _helpline_form(number)


def _helpline_at(number: int):
    helplines = current_state().helplines
    if not 1 <= number <= len(helplines):
        raise NotFound(str(number))
    return helplines[number - 1]


def _helpline_form(number: int | None):
    found = _helpline_at(number) if number is not None else None
    form = HelplineForm(
        data={key: getattr(found, key) for key in HELPLINE_FIELDS} if found else None
    )
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            saved = editing.save_helpline(
                number, form.helpline_values(), form.version.data, current_user
            )
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        except EditConflict as changed:
            return _helplines_changed(changed)
        else:
            flash(f"{'Saved' if found else 'Added'} {saved.name}.", "success")
            return redirect(url_for("safety.index", _anchor="helplines"))
    page = render_template(
        "safety/helpline.html",
        form=form,
        number=number,
        found=found,
        values=form.data,
        problems=problems,
        state=current_state(),
    )
    return page, 400 if problems else 200


def _helplines_changed(conflict: EditConflict):
    """The helplines changed since the page was opened: their numbers may mean others now,
    so back to the list as it is, with who changed it."""
    flash(
        _changed_elsewhere(conflict, "helplines") + " Check the list, then make your change again.",
        "important",
    )
    return redirect(url_for("safety.index", _anchor="helplines"))


@bp.route("/helplines/<int:number>/delete", methods=["GET", "POST"])
@admin_only
def delete_helpline(number: int):
    found = _helpline_at(number)
    form = HelplinesForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            name = editing.delete_helpline(number, form.version.data, current_user)
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        except EditConflict as changed:
            return _helplines_changed(changed)
        else:
            flash(f"Deleted {name} from the panel.", "success")
            return redirect(url_for("safety.index", _anchor="helplines"))
    page = render_template(
        "safety/delete_helpline.html",
        form=form,
        number=number,
        found=found,
        problems=problems,
        state=current_state(),
    )
    return page, 400 if problems else 200


@bp.post("/helplines/<int:number>/move")
@admin_only
def move_helpline(number: int):
    _helpline_at(number)
    form = MoveHelplineForm()
    step = form.step()
    if form.validate_on_submit() and step is not None:
        try:
            editing.move_helpline(number, step, form.version.data, current_user)
        except EditConflict as changed:
            return _helplines_changed(changed)
    return redirect(url_for("safety.index", _anchor="helplines"))


@bp.route("/restore", methods=["GET", "POST"])
@admin_only
def restore():
    form = ButtonForm()
    if form.validate_on_submit():
        editing.restore_defaults(current_user)
        flash("Restored the default safety words, helplines, panel and quick exit.", "success")
        return redirect(url_for("safety.index"))
    return render_template("safety/restore.html", form=form, state=current_state())

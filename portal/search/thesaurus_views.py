"""The directory team's pages for the search thesaurus: list, add, change, delete."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from portal.accounts.access import DIRECTORY_TEAM, roles_required
from portal.directory.services import term_names, vocabulary_terms
from portal.forms import ButtonForm
from portal.search import thesaurus
from portal.search.models import Synonym
from portal.search.thesaurus_forms import SynonymForm
from portal.validation import ValidationFailed

bp = Blueprint("thesaurus", __name__, url_prefix="/directory-team/search-words")


@bp.get("")
@roles_required(*DIRECTORY_TEAM)
def index():
    return render_template(
        "search/thesaurus/list.html",
        synonyms=thesaurus.list_synonyms(),
        need_names=term_names("needs"),
    )


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*DIRECTORY_TEAM)
def new():
    """The form, empty, or with the word a page asked for (`?term=`: the insights' words
    that found nothing link here)."""
    term = (request.args.get("term") or "").strip()[:100]
    return _edit(None, SynonymForm(data={"term": term}) if term else SynonymForm())


@bp.route("/<int:synonym_id>/edit", methods=["GET", "POST"])
@roles_required(*DIRECTORY_TEAM)
def edit(synonym_id: int):
    synonym = thesaurus.get_synonym(synonym_id)
    form = SynonymForm(
        data={
            "term": synonym.term,
            "expands_to": synonym.expands_to,
            "needs": [n.strip() for n in synonym.needs.split(",") if n.strip()],
        }
    )
    return _edit(synonym, form)


def _edit(synonym: Synonym | None, form: SynonymForm):
    """Show the form, or save what was sent: back to the list, or the form again with the error."""
    errors: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            saved = thesaurus.save_synonym(
                synonym.id if synonym else None,
                form.term.data or "",
                form.expands_to.data or "",
                form.needs.data or [],
            )
        except ValidationFailed as problem:
            errors[problem.field] = problem.message
        else:
            flash(f"Saved “{saved.term}”.", "success")
            return redirect(url_for("thesaurus.index"))
    page = render_template(
        "search/thesaurus/form.html",
        form=form,
        synonym=synonym,
        errors=errors,
        needs=vocabulary_terms("needs"),
    )
    return page, 400 if errors else 200


@bp.route("/<int:synonym_id>/delete", methods=["GET", "POST"])
@roles_required(*DIRECTORY_TEAM)
def delete(synonym_id: int):
    synonym = thesaurus.get_synonym(synonym_id)
    form = ButtonForm()
    if form.validate_on_submit():
        term = thesaurus.delete_synonym(synonym.id)
        flash(f"Deleted “{term}”.", "success")
        return redirect(url_for("thesaurus.index"))
    return render_template("search/thesaurus/delete.html", synonym=synonym, form=form)

"""`/admin/directories`: administrators register other directories, check and apply their
listings, and match their categories to ours.

Every decision goes through the engine (`portal.oruk.plan`, `apply`, `mappings`), which takes
it once; a decision someone else took first is shown on the page with who and when (409).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.accounts.access import roles_required
from portal.accounts.models import Role
from portal.forms import ButtonForm
from portal.oruk import feeds, forms, provenance
from portal.oruk.apply import apply_run
from portal.oruk.mappings import feed_terms
from portal.oruk.models import ImportRun, RunState
from portal.oruk.plan import decided_text, discard_run, start_run
from portal.oruk.report import Report
from portal.validation import AlreadyDecided, ValidationFailed, moment_text

bp = Blueprint("oruk", __name__, url_prefix="/admin/directories")
admin_only = roles_required(Role.ADMIN)
PROBLEMS_PER_PAGE = 50
LIST_CAP = 100  # the other sections of a report show this many, then say how many more


@bp.app_errorhandler(provenance.KeptBySource)
def kept_by_source(refused: provenance.KeptBySource):
    """A group tried to change, confirm or claim another directory's listing: say whose it is
    and how a correction reaches them."""
    return render_template(
        "oruk/kept_by_source.html",
        source=refused.source,
        what=refused.what,
        service=refused.service,
    ), 403


@bp.get("")
@admin_only
def index():
    return render_template("oruk/index.html", rows=feeds.list_feeds())


@bp.route("/new", methods=["GET", "POST"])
@admin_only
def new_feed():
    return _feed_form(None)


@bp.route("/<feed_id>/edit", methods=["GET", "POST"])
@admin_only
def edit_feed(feed_id: str):
    return _feed_form(feeds.get_feed(feed_id))


def _feed_form(feed):
    """Add another directory (`feed` None) or change one; the page starts from its saved
    details, or a daily fetch for a new one."""
    if request.method == "POST":  # an unticked box sends nothing: no saved value may fill in
        form = forms.FeedForm()
    elif feed is not None:
        form = forms.FeedForm(data=forms.shown(feeds.details_of(feed)))
    else:
        form = forms.FeedForm(data={"pull_every_hours": "24"})
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        details = form.details()
        try:
            if feed is None:
                saved = feeds.register_feed(details, current_user._get_current_object())
            else:
                saved = feeds.update_feed(feed.id, details, current_user._get_current_object())
        except ValidationFailed as problem:
            problems = getattr(problem, "problems", {problem.field: problem.message})
        else:
            flash(f"Saved {saved.name}. Check it now to see what it would add.", "success")
            return redirect(url_for("oruk.feed", feed_id=saved.id))
    page = render_template(
        "oruk/feed_form.html",
        feed=feed,
        form=form,
        values=form.data,
        problems=problems,
        kinds=forms.KIND_CHOICES,
        pulls=forms.PULL_CHOICES,
    )
    return page, 400 if problems else 200


@bp.get("/<feed_id>")
@admin_only
def feed(feed_id: str):
    found = feeds.get_feed(feed_id)
    runs = feeds.recent_runs(found)
    public, hidden = feeds.listing_counts(found)
    return render_template(
        "oruk/feed.html",
        feed=found,
        runs=runs,
        public=public,
        hidden=hidden,
        undecided=feeds.undecided_terms(found),
        names=feeds.names_of(r.started_by_id for r in runs),
        form=ButtonForm(),
    )


@bp.post("/<feed_id>/check")
@admin_only
def check(feed_id: str):
    """Read the feed now and plan what it would change (synchronously), then show that."""
    found = feeds.get_feed(feed_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        run = start_run(found, by=current_user._get_current_object())
    except (AlreadyDecided, ValidationFailed) as refused:
        flash(refused.message, "important")
        return redirect(url_for("oruk.feed", feed_id=found.id))
    return redirect(url_for("oruk.run", run_id=run.id))


# --- a run's report ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProblemPage:
    """One page of a report's problems (the pagination macro's shape)."""

    items: list[dict]
    page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PROBLEMS_PER_PAGE))

    first = property(lambda self: (self.page - 1) * PROBLEMS_PER_PAGE + 1)
    last = property(lambda self: (self.page - 1) * PROBLEMS_PER_PAGE + len(self.items))
    has_prev = property(lambda self: self.page > 1)
    has_next = property(lambda self: self.page < self.pages)
    prev_num = property(lambda self: self.page - 1)
    next_num = property(lambda self: self.page + 1)


def _problem_page(report: Report) -> ProblemPage:
    raw = request.args.get("page", "1")
    number = int(raw) if raw.isdigit() and int(raw) > 0 else 1
    total = len(report.problems)
    number = min(number, max(1, -(-total // PROBLEMS_PER_PAGE)))
    start = (number - 1) * PROBLEMS_PER_PAGE
    return ProblemPage(report.problems[start : start + PROBLEMS_PER_PAGE], number, total)


def _outcome(run: ImportRun, names: dict) -> str | None:
    """What was decided about a run, by whom and when (None while it waits)."""
    if run.state is RunState.APPLIED:
        who = names.get(run.decided_by_id, "a command-line or scheduled import")
        when = f" at {moment_text(run.decided_at)}" if run.decided_at else ""
        return f"Applied by {who}{when}."
    if run.state is RunState.DISCARDED:
        return decided_text(run)
    return None


def _run_page(run: ImportRun, decided: str | None = None, status: int = 200):
    report = Report.from_json(run.report)
    names = feeds.names_of((run.started_by_id, run.decided_by_id))
    page = render_template(
        "oruk/run.html",
        run=run,
        feed=run.feed,
        report=report,
        problems=_problem_page(report),
        url_for_page=lambda n: url_for("oruk.run", run_id=run.id, page=n, _anchor="problems"),
        cap=LIST_CAP,
        names=names,
        outcome=_outcome(run, names),
        decided=decided,
        form=ButtonForm(),
        RunState=RunState,
    )
    return page, status


@bp.get("/runs/<run_id>")
@admin_only
def run(run_id: str):
    return _run_page(feeds.get_run(run_id))


@bp.post("/runs/<run_id>/apply")
@admin_only
def apply(run_id: str):
    return _decide(run_id, apply_run, "Applied: the listings are live.")


@bp.post("/runs/<run_id>/discard")
@admin_only
def discard(run_id: str):
    return _decide(run_id, discard_run, "Not applied. Nothing was changed.")


def _decide(run_id: str, decision, done: str):
    """Apply or discard a run through the engine, which takes the decision once; when
    someone decided first the report shows who and when (409)."""
    found = feeds.get_run(run_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        decision(found.id, current_user._get_current_object())
    except AlreadyDecided as decided:
        return _run_page(feeds.get_run(run_id), decided=decided.message, status=409)
    flash(done, "success")
    return redirect(url_for("oruk.run", run_id=found.id))


# --- matching their categories to ours ----------------------------------------------------------


@bp.route("/<feed_id>/categories", methods=["GET", "POST"])
@admin_only
def categories(feed_id: str):
    found = feeds.get_feed(feed_id)
    terms = feed_terms(found.id)
    form = forms.categories_form(len(terms))
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        choices, problems = forms.chosen_terms(form.sent(), {t.source_key for t in terms})
        if not problems:
            saved = feeds.save_term_choices(
                found, terms, choices, current_user._get_current_object()
            )
            flash(
                f"Saved what {saved} of their categories mean. Check {found.name} again to "
                "use them."
                if saved
                else "Nothing changed.",
                "success",
            )
            return redirect(url_for("oruk.feed", feed_id=found.id))
    sent = form.sent()
    selected = {t.source_key: forms.selected_value(t, sent, n) for n, t in enumerate(terms)}
    page = render_template(
        "oruk/categories.html",
        feed=found,
        terms=terms,
        selected=selected,
        records=feeds.term_records(found),
        groups=forms.term_groups(),
        leave_out=forms.LEAVE_OUT,
        problems=problems,
        form=form,
    )
    return page, 400 if problems else 200

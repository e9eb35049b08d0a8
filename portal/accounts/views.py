"""Sign up, confirm, sign in and out, reset or change a password, and the account page."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from portal.accounts import second_factor, services
from portal.accounts.access import (
    can_refer,
    is_directory_team,
    is_group_member,
    mark_second_factor_passed,
)
from portal.accounts.forms import (
    ChangePasswordForm,
    CodeForm,
    EmailForm,
    NewPasswordForm,
    SetUpSecondFactorForm,
    SignInForm,
    SignUpForm,
)
from portal.accounts.memberships import groups_of
from portal.accounts.tokens import LinkProblem
from portal.extensions import limiter, login_manager
from portal.validation import ValidationFailed

bp = Blueprint("accounts", __name__)

WRONG = "The email address or password is not right"
PENDING_SECRET = "second_factor_pending"  # session key: a new secret, not confirmed yet


def _email_key() -> str:
    return (request.form.get("email") or "").strip().lower() or "-"


def _user_key() -> str:
    """Rate limits per account for signed-in pages (the limit is checked before sign-in is),
    and for the code page, where the person has typed their password only."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    pending = services.half_signed_in()
    if pending is not None:
        return f"user:{pending.id}"
    return request.remote_addr or "-"


def _here() -> str:
    return request.full_path.rstrip("?")


@login_manager.unauthorized_handler
def _not_signed_in():
    """What `login_required` answers someone not signed in: the code page for a person who has
    typed their password but not yet the code, the sign-in page (with a note) for anyone else."""
    if services.half_signed_in() is not None:
        return redirect(url_for("accounts.second_factor", next=_here()))
    flash(login_manager.login_message, login_manager.login_message_category)
    return redirect(url_for("accounts.sign_in", next=_here()))


def _home_for(user) -> str:
    """Where each role starts work: professionals and connectors search for activities, with
    their shortlists and referrals a click away in the menu."""
    if can_refer(user):
        return url_for("search.results")
    if is_directory_team(user):
        return url_for("moderation.queue")
    if is_group_member(user):
        return url_for("groups.dashboard")
    return url_for("accounts.account")


def _page(template: str, form, problems: dict[str, str] | None = None, **context):
    """A form page: 400 when it carries errors, so nothing looks saved."""
    problems = problems or {}
    status = 400 if (form.errors or problems) else 200
    return render_template(template, form=form, problems=problems, **context), status


@bp.route("/sign-up", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def sign_up():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.account"))
    form = SignUpForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            services.sign_up(form.name.data, form.email.data, form.password.data)
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            session["check_email"] = services.normalise_email(form.email.data)
            return redirect(url_for("accounts.check_email"))
    return _page("accounts/sign_up.html", form, problems)


@bp.get("/sign-up/check-your-email")
def check_email():
    return render_template(
        "accounts/check_email.html", email=session.get("check_email"), form=EmailForm()
    )


@bp.post("/sign-up/send-again")
@limiter.limit("5 per hour")
def resend_confirmation():
    form = EmailForm()
    if form.validate_on_submit():
        services.resend_confirmation(form.email.data)
        session["check_email"] = services.normalise_email(form.email.data)
        flash("If that address has an account waiting, we have sent a new link.", "success")
    return redirect(url_for("accounts.check_email"))


@bp.get("/confirm-email/<token>")
def confirm_email(token: str):
    try:
        services.confirm_email(token)
    except LinkProblem as problem:
        return render_template("accounts/link_problem.html", expired=problem.expired), 400
    flash("Your email address is confirmed. Sign in to carry on.", "success")
    return redirect(url_for("accounts.sign_in"))


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit("10 per minute;50 per hour", methods=["POST"])
@limiter.limit("5 per minute", methods=["POST"], key_func=_email_key)
def sign_in():
    if current_user.is_authenticated:
        return redirect(_home_for(current_user))
    form = SignInForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        result = services.authenticate(form.email.data, form.password.data)
        if result.outcome is services.SignIn.OK:
            _fresh_session()
            login_user(result.user)
            target = safe_next_or_home(result.user)
            if second_factor.has_second_factor(result.user):  # signed in; personal data waits
                return redirect(url_for("accounts.second_factor", next=target))
            return redirect(target)
        if result.outcome is services.SignIn.UNCONFIRMED:
            services.send_confirmation(result.user)
            problems["email"] = (
                "Confirm your email address first: we have sent you a new link. "
                "Open it, then sign in"
            )
        else:
            problems["password"] = WRONG
    return _page("accounts/sign_in.html", form, problems)


def _fresh_session() -> None:
    """A new session (a new CSRF secret with it), so nothing from before carries over."""
    session.clear()
    g.pop("csrf_token", None)  # this request's token belonged to the old session


def safe_next_or_home(user) -> str:
    return services.safe_next(request.args.get("next"), _home_for(user))


@bp.post("/sign-out")
def sign_out():
    user = current_user._get_current_object() if current_user.is_authenticated else None
    user = user or services.half_signed_in()
    if user is not None:  # a copy of this session's cookie must not work either
        services.end_sessions(user)
    logout_user()
    _fresh_session()
    flash("You have signed out.", "success")
    return redirect(url_for("directory.home"))


@bp.route("/forgotten-password", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])
@limiter.limit("3 per hour", methods=["POST"], key_func=_email_key)
def forgotten_password():
    form = EmailForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        return render_template(
            "accounts/reset_sent.html", email=services.normalise_email(form.email.data)
        )
    return _page("accounts/forgotten_password.html", form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def reset_password(token: str):
    try:
        services.user_for_reset(token)
    except LinkProblem as problem:
        return render_template("accounts/link_problem.html", expired=problem.expired), 400
    form = NewPasswordForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.password.data or "")
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            logout_user()
            flash("Your password has changed. Sign in with your new password.", "success")
            return redirect(url_for("accounts.sign_in"))
    return _page("accounts/reset_password.html", form, problems)


@bp.route("/sign-in/code", methods=["GET", "POST"], endpoint="second_factor")
@limiter.limit("10 per minute", methods=["POST"], key_func=_user_key)
def enter_code():
    """The second step of signing in: the code from the person's authenticator app. Until it
    is entered the person is not signed in (`services.load_user`): this page alone knows them."""
    if current_user.is_authenticated:  # signed in already: with a code, or without a factor
        target = safe_next_or_home(current_user)
        if not second_factor.has_second_factor(current_user):
            return redirect(url_for("accounts.second_factor_setup", next=target))
        return redirect(target)
    user = services.half_signed_in()
    if user is None:
        return login_manager.unauthorized()
    target = safe_next_or_home(user)
    form = CodeForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            second_factor.use_code(user, form.code.data)
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            mark_second_factor_passed(user)
            return redirect(target)
    return _page("accounts/second_factor.html", form, problems)


@bp.route("/account/second-factor", methods=["GET", "POST"], endpoint="second_factor_setup")
@login_required
@limiter.limit("10 per minute", methods=["POST"], key_func=_user_key)
def set_up_second_factor():
    """Add an authenticator app (or change to a new one, with a code from the old one)."""
    user = current_user._get_current_object()
    secret = session.get(PENDING_SECRET) or second_factor.new_secret()
    session[PENDING_SECRET] = secret  # the same secret until it is confirmed: nothing lost
    changing = second_factor.has_second_factor(user)
    form = SetUpSecondFactorForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            second_factor.confirm(user, secret, form.code.data, form.current_code.data)
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            session.pop(PENDING_SECRET, None)
            mark_second_factor_passed(user)
            flash(
                "Your second factor is set up. Keep your phone with you when you sign in.",
                "success",
            )
            return redirect(services.safe_next(request.args.get("next"), url_for(".account")))
    uri = second_factor.provisioning_uri(user, secret)
    return _page(
        "accounts/second_factor_setup.html",
        form,
        problems,
        changing=changing,
        secret=second_factor.grouped(secret),
        qr=second_factor.qr_svg(uri),
    )


@bp.get("/account")
@login_required
def account():
    return render_template(
        "accounts/account.html",
        user=current_user,
        organisations=groups_of(current_user),
        has_second_factor=second_factor.has_second_factor(current_user),
    )


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@limiter.limit("10 per hour", methods=["POST"])
def change_password():
    form = ChangePasswordForm()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            services.change_password(
                current_user._get_current_object(),
                form.current_password.data,
                form.password.data,
            )
        except ValidationFailed as problem:
            problems[problem.field] = problem.message
        else:
            login_user(current_user._get_current_object())  # the session follows the new token
            flash("Your password has changed.", "success")
            return redirect(url_for("accounts.account"))
    return _page("accounts/change_password.html", form, problems)

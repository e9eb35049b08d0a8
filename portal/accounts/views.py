"""Sign in, sign out, and the signed-in person's own page."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from portal.accounts.forms import SignInForm
from portal.accounts.services import authenticate, safe_next
from portal.extensions import limiter

bp = Blueprint("accounts", __name__)


def _sign_in_key() -> str:
    return (request.form.get("email") or "").strip().lower() or "-"


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit("10 per minute;50 per hour", methods=["POST"])
@limiter.limit("5 per minute", methods=["POST"], key_func=_sign_in_key)
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.account"))
    form = SignInForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(safe_next(request.args.get("next"), url_for("accounts.account")))
        form.password.errors.append("The email address or password is not right")
    status = 400 if form.errors else 200
    return render_template("accounts/sign_in.html", form=form), status


@bp.post("/sign-out")
def sign_out():
    logout_user()
    flash("You have signed out.", "success")
    return redirect(url_for("directory.home"))


@bp.get("/account")
@login_required
def account():
    return render_template("accounts/account.html", user=current_user)

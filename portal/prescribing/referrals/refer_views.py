"""Referring someone (or oneself) to an activity that takes referrals, the confirmation with
the reference, and a listing's referral settings (whether it takes them, and where they go).
"""

from __future__ import annotations

import uuid

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from portal.accounts.access import REFERRERS, roles_required
from portal.accounts.models import User
from portal.directory.models import Service
from portal.directory.services import get_public_service
from portal.extensions import limiter
from portal.prescribing.access import personal_data_route
from portal.prescribing.referrals import bp, forms, records
from portal.prescribing.referrals import services as referrals
from portal.prescribing.shortlists import services as shortlists
from portal.validation import NotAllowed, NotFound, ValidationFailed

referring = roles_required(*REFERRERS)
SENT_KEY = "referral_sent"  # session: the reference of the referral just made


@bp.app_context_processor
def referral_helpers() -> dict:
    """For the listing page: whether to offer the signed-in person its referral settings."""

    def may_manage_referrals(service: Service) -> bool:
        return referrals.may_manage_referrals(current_user, service)

    return {"may_manage_referrals": may_manage_referrals}


# --- making a referral --------------------------------------------------------------------------


def _referrable(service_id: uuid.UUID) -> Service:
    service = get_public_service(str(service_id))
    if not service.accepts_referrals:
        abort(404)
    return service


def _from_shortlist(referrer: User | None):
    """The referrer's own shortlist this referral was started from (`?shortlist=`), if any:
    its "what matters" starts the form off. Anyone else's list is ignored."""
    wanted = request.args.get("shortlist")
    if referrer is None or not wanted:
        return None
    try:
        return shortlists.get_own_list(referrer, wanted)
    except (NotFound, NotAllowed):
        return None


def _refer(service: Service, referrer: User | None, template: str):
    shortlist = _from_shortlist(referrer)
    initial = None
    if request.method != "POST":
        what_matters = (shortlist.what_matters or "") if shortlist is not None else None
        initial = forms.initial_referral(service, referrer, what_matters)
    form = forms.ReferralForm(data=initial)
    values = forms.referral_values(form, referrer)
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        fields = dict(values)
        problems = referrals.referral_problems(referrer, fields)
        if not problems:
            try:
                made = referrals.make_referral(service, referrer, **fields)
            except ValidationFailed as problem:
                problems = {problem.field: problem.message}
            else:
                session[SENT_KEY] = made.reference
                return redirect(url_for("referrals.sent", service_id=service.id))
    page = render_template(
        template,
        service=service,
        shortlist=shortlist,
        form=form,
        values=values,
        problems=problems,
        reasons=forms.REASON_OPTIONS,
        contacts=forms.CONTACT_OPTIONS,
        sources=forms.SOURCE_OPTIONS,
        consent_options=forms.CONSENT_OPTIONS,
    )
    return page, 400 if problems else 200


@bp.route("/services/<uuid:service_id>/refer", methods=["GET", "POST"])
@referring
@personal_data_route
def refer(service_id: uuid.UUID):
    return _refer(_referrable(service_id), current_user, "prescribing/referrals/refer.html")


@bp.route("/services/<uuid:service_id>/refer-yourself", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])
def refer_yourself(service_id: uuid.UUID):
    return _refer(_referrable(service_id), None, "prescribing/referrals/refer_yourself.html")


@bp.get("/services/<uuid:service_id>/referral-sent")
def sent(service_id: uuid.UUID):
    """The confirmation: the reference and what happens next, no personal details."""
    service = get_public_service(str(service_id))
    return render_template(
        "prescribing/referrals/sent.html",
        service=service,
        reference=session.get(SENT_KEY),
        days=current_app.config["PORTAL_REFERRAL_REMINDER_DAYS"],
    )


# --- a listing's referral settings ----------------------------------------------------------------


@bp.route("/listings/<uuid:service_id>/referrals", methods=["GET", "POST"])
@login_required
def settings(service_id: uuid.UUID):
    service = records.listing_with_organisation(service_id)
    if service is None:
        abort(404)
    if not referrals.may_manage_referrals(current_user, service):
        abort(403)
    saved = None
    if request.method != "POST":
        saved = {
            "accepts_referrals": service.accepts_referrals,
            "referral_email": service.referral_email or "",
        }
    form = forms.ReferralSettingsForm(data=saved)
    values = form.values()
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        try:
            referrals.set_referral_settings(
                service,
                current_user,
                accepts=form.accepts_referrals.data,
                email=form.referral_email.data or "",
            )
        except ValidationFailed as problem:
            service = records.listing_as_saved(service_id)
            problems = {problem.field: problem.message}
        else:
            flash("Referral settings saved", "success")
            return redirect(url_for("referrals.settings", service_id=service.id))
    page = render_template(
        "prescribing/referrals/settings.html",
        service=service,
        form=form,
        values=values,
        problems=problems,
    )
    return page, 400 if problems else 200

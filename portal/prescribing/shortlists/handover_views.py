"""Handing a shortlist over: the one-page A4 print with a QR code, share links (`/s/<token>`
is public and shows no personal data) and sending by e-mail or text."""

from __future__ import annotations

from datetime import date

import segno
from flask import abort, flash, redirect, render_template, url_for
from flask_login import login_required
from markupsafe import Markup

from portal.extensions import limiter
from portal.forms import ButtonForm
from portal.links import absolute_url
from portal.prescribing.shortlists import bp, sending
from portal.prescribing.shortlists import services as shortlists
from portal.prescribing.shortlists.forms import SendForm
from portal.prescribing.shortlists.pages import list_page, own_list, rows_of, visitor_rows
from portal.validation import NotFound, ValidationFailed


def _qr(url: str) -> Markup:
    return Markup(segno.make(url, error="m").svg_inline(border=2, omitsize=True))


@bp.get("/shortlist/print")
def print_visitor_list():
    search_url = absolute_url("search.results")
    return render_template(
        "prescribing/shortlists/print.html",
        rows=visitor_rows(),
        shortlist=None,
        qr=_qr(search_url),
        qr_url=search_url,
        today=date.today(),
    )


@bp.get("/shortlists/<list_id>/print")
@login_required
def print_list(list_id: str):
    """One A4 page to hand over, with a QR code to the list online (shared if it was not)."""
    shortlist = own_list(list_id)
    shortlists.ensure_shared(shortlist)
    url = shortlists.share_url(shortlist)
    return render_template(
        "prescribing/shortlists/print.html",
        rows=rows_of(shortlist),
        shortlist=shortlist,
        qr=_qr(url),
        qr_url=url,
        expires=shortlists.expiry_text(shortlist),
        today=date.today(),
    )


@bp.post("/shortlists/<list_id>/share")
@login_required
def share(list_id: str):
    shortlist = own_list(list_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    shortlists.share(shortlist)
    flash(f"The share link works until {shortlists.expiry_text(shortlist)}.", "success")
    return redirect(url_for("shortlists.show", list_id=shortlist.id) + "#hand-over")


@bp.post("/shortlists/<list_id>/stop-sharing")
@login_required
def stop_sharing(list_id: str):
    shortlist = own_list(list_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    shortlists.stop_sharing(shortlist)
    flash("The share link no longer works. Anyone who opens it is told the list has gone.")
    return redirect(url_for("shortlists.show", list_id=shortlist.id) + "#hand-over")


@bp.post("/shortlists/<list_id>/send")
@limiter.limit("20 per hour")
@login_required
def send(list_id: str):
    shortlist = own_list(list_id)
    form = SendForm()
    if not form.validate_on_submit():
        abort(400)
    typed = {"email": form.email.data or "", "mobile": form.mobile.data or ""}
    try:
        sent = sending.send_list(shortlist, typed["email"], typed["mobile"])
    except shortlists.Problems as refused:
        return list_page(shortlist, refused.problems, {"send": typed})
    except ValidationFailed as problem:
        return list_page(shortlist, {problem.field: problem.message}, {"send": typed})
    flash(f"Sent the list to {' and '.join(sent)}.", "success")
    return redirect(url_for("shortlists.show", list_id=shortlist.id) + "#hand-over")


# --- the share link: public, no personal data ------------------------------------------------


@bp.get("/s/<token>")
def shared(token: str):
    try:
        shortlist = shortlists.shared_list(token)
    except shortlists.LinkExpired:
        return render_template("prescribing/shortlists/gone.html", expired=True), 410
    except NotFound:
        return render_template("prescribing/shortlists/gone.html", expired=False), 404
    page = render_template(
        "prescribing/shortlists/shared.html",
        shortlist=shortlist,
        rows=rows_of(shortlist),
        expires=shortlists.expiry_text(shortlist),
    )
    return page, 200, {"X-Robots-Tag": "noindex", "Cache-Control": "no-store"}

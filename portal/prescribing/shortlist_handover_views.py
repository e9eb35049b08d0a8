"""Handing a shortlist over: the one-page A4 print with a QR code, share links (`/s/<token>`
is public and shows no personal data) and sending by e-mail or text. Same blueprint as
`shortlist_views` (`portal.prescribing.register` imports it before registering that blueprint)."""

from __future__ import annotations

from datetime import date

import segno
from flask import abort, flash, redirect, render_template, url_for
from flask_login import login_required
from markupsafe import Markup

from portal.extensions import limiter
from portal.links import absolute_url
from portal.prescribing import shortlist_sending, shortlists
from portal.prescribing.shortlist_forms import ButtonForm, SendForm
from portal.prescribing.shortlist_views import _list_page, _own, _rows, _visitor_rows, bp
from portal.validation import NotFound, ValidationFailed


def _qr(url: str) -> Markup:
    return Markup(segno.make(url, error="m").svg_inline(border=2, omitsize=True))


@bp.get("/shortlist/print")
def print_visitor_list():
    search_url = absolute_url("search.results")
    return render_template(
        "prescribing/shortlists/print.html",
        rows=_visitor_rows(),
        shortlist=None,
        qr=_qr(search_url),
        qr_url=search_url,
        today=date.today(),
    )


@bp.get("/shortlists/<list_id>/print")
@login_required
def print_list(list_id: str):
    """One A4 page to hand over, with a QR code to the list online (shared if it was not)."""
    shortlist = _own(list_id)
    shortlists.ensure_shared(shortlist)
    url = shortlists.share_url(shortlist)
    return render_template(
        "prescribing/shortlists/print.html",
        rows=_rows(shortlist),
        shortlist=shortlist,
        qr=_qr(url),
        qr_url=url,
        expires=shortlists.expiry_text(shortlist),
        today=date.today(),
    )


@bp.post("/shortlists/<list_id>/share")
@login_required
def share(list_id: str):
    shortlist = _own(list_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    shortlists.share(shortlist)
    flash(f"The share link works until {shortlists.expiry_text(shortlist)}.", "success")
    return redirect(url_for("shortlists.show", list_id=shortlist.id) + "#hand-over")


@bp.post("/shortlists/<list_id>/stop-sharing")
@login_required
def stop_sharing(list_id: str):
    shortlist = _own(list_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    shortlists.stop_sharing(shortlist)
    flash("The share link no longer works. Anyone who opens it is told the list has gone.")
    return redirect(url_for("shortlists.show", list_id=shortlist.id) + "#hand-over")


@bp.post("/shortlists/<list_id>/send")
@limiter.limit("20 per hour")
@login_required
def send(list_id: str):
    shortlist = _own(list_id)
    form = SendForm()
    if not form.validate_on_submit():
        abort(400)
    typed = {"email": form.email.data or "", "mobile": form.mobile.data or ""}
    try:
        sent = shortlist_sending.send_list(shortlist, typed["email"], typed["mobile"])
    except shortlists.Problems as refused:
        return _list_page(shortlist, refused.problems, {"send": typed})
    except ValidationFailed as problem:
        return _list_page(shortlist, {problem.field: problem.message}, {"send": typed})
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
        rows=_rows(shortlist),
        expires=shortlists.expiry_text(shortlist),
    )
    return page, 200, {"X-Robots-Tag": "noindex", "Cache-Control": "no-store"}

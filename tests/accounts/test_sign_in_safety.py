"""Signing in safely: a `next` that would break the redirect, codes typed in other digits,
the time between the password and the code, and where a professional lands afterwards."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pyotp
import pytest

from portal.accounts import second_factor
from portal.accounts.models import Role
from portal.db import utcnow
from portal.extensions import db
from tests import factories
from tests.accounts.helpers import field_error, is_signed_in, submit
from tests.support import csrf_token, try_sign_in

EMAIL, PASSWORD = "gp@example.org", "correct horse battery"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
MOMENT = 1_800_000_015.0
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
BROKEN_NEXTS = ["/\r\nSet-Cookie: stolen=1", "/search%0d%0aX-Injected: 1", "/\nx", "/\tx"]


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(second_factor, "now", lambda: MOMENT)
    return pyotp.TOTP(SECRET)


@pytest.fixture
def gp(app):
    person = factories.user(EMAIL, PASSWORD, Role.PROFESSIONAL, name="Dr Ann Lee")
    person.totp_secret, person.totp_confirmed_at = SECRET, utcnow()
    db.session.commit()
    return person


def where(response) -> str:
    assert response.status_code == 302, response.status_code
    return response.headers["Location"]


def enter(client, code: str, next_url: str | None = None):
    url = "/sign-in/code" + (f"?next={quote(next_url, safe='')}" if next_url else "")
    return submit(client, url, {"code": code}, form_url="/sign-in/code")


# --- a `next` with a line break ----------------------------------------------------------------


@pytest.mark.parametrize("target", BROKEN_NEXTS, ids=["crlf", "encoded-crlf", "lf", "tab"])
def test_a_next_with_a_line_break_falls_back_to_a_safe_page(client, app, target):
    factories.user("worker@example.org", PASSWORD, Role.GROUP_MEMBER)
    url = "/sign-in?next=" + quote(target, safe="%")
    token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    response = client.post(
        url, data={"email": "worker@example.org", "password": PASSWORD, "csrf_token": token}
    )
    assert where(response) == "/groups"
    assert "stolen" not in response.headers.get("Set-Cookie", "")


@pytest.mark.parametrize("target", ["/\r\nSet-Cookie: stolen=1", "/\nx"], ids=["crlf", "lf"])
def test_adding_to_the_shortlist_with_a_broken_next_goes_back_to_the_listing(client, app, target):
    listing = factories.service()
    page = client.get(f"/services/{listing.id}").get_data(as_text=True)
    response = client.post(
        "/shortlist/add",
        data={"service_id": str(listing.id), "next": target, "csrf_token": csrf_token(page)},
    )
    assert where(response) == f"/services/{listing.id}"
    followed = client.get(where(response)).get_data(as_text=True)
    assert f"Added {listing.name} to your shortlist" in followed


# --- codes typed in other digits ---------------------------------------------------------------


def test_a_code_in_arabic_indic_digits_is_accepted(client, gp, clock):
    try_sign_in(client, EMAIL, PASSWORD)
    response = enter(client, clock.at(MOMENT).translate(ARABIC_INDIC))
    assert where(response) == "/search"


def test_a_wrong_code_in_arabic_indic_digits_is_refused_and_counts(client, gp, clock):
    try_sign_in(client, EMAIL, PASSWORD)
    wrong = "000000" if clock.at(MOMENT) != "000000" else "111111"
    for _ in range(5):
        response = enter(client, wrong.translate(ARABIC_INDIC))
        assert response.status_code == 400
        assert field_error(response.get_data(as_text=True), "code") == second_factor.WRONG_CODE
    paused = enter(client, clock.at(MOMENT))
    assert paused.status_code == 400
    assert field_error(paused.get_data(as_text=True), "code") == second_factor.PAUSED


def test_other_characters_get_the_format_message(client, gp, clock):
    try_sign_in(client, EMAIL, PASSWORD)
    response = enter(client, "１２３４５x")  # full-width digits and a letter
    assert response.status_code == 400
    assert field_error(response.get_data(as_text=True), "code") == second_factor.BAD_FORMAT


# --- between the password and the code ---------------------------------------------------------

BEHIND_SIGN_IN = ["/shortlists", "/referrals", "/account", "/caseload", "/account/password"]


@pytest.mark.parametrize("url", BEHIND_SIGN_IN)
def test_after_the_password_alone_nothing_behind_sign_in_opens(client, gp, url):
    assert where(try_sign_in(client, EMAIL, PASSWORD)).startswith("/sign-in/code")
    response = client.get(url)
    location = urlsplit(where(response))
    assert location.path in ("/sign-in/code", "/sign-in")
    opened = client.get(where(response))
    assert "Enter the code from your authenticator app" in opened.get_data(as_text=True)


def test_after_the_password_alone_the_menu_offers_no_signed_in_pages(client, gp):
    try_sign_in(client, EMAIL, PASSWORD)
    page = client.get("/search").get_data(as_text=True)
    assert "Shortlists" not in page and "Your account" not in page
    assert not is_signed_in(client)


def test_after_the_password_alone_a_shortlist_is_not_shown(client, gp, clock):
    try_sign_in(client, EMAIL, PASSWORD)
    enter(client, clock.at(MOMENT))
    made = submit(client, "/shortlists", {"name": "Mrs Patel"}, form_url="/shortlists")
    shortlist_url = where(made)
    assert "Mrs Patel" in client.get(shortlist_url).get_data(as_text=True)
    token = csrf_token(client.get("/search").get_data(as_text=True))
    client.post("/sign-out", data={"csrf_token": token})

    try_sign_in(client, EMAIL, PASSWORD)  # the password only, not the code
    response = client.get(shortlist_url)
    assert response.status_code == 302
    assert "Mrs Patel" not in client.get(where(response)).get_data(as_text=True)


def test_the_code_page_can_sign_out_before_the_code(client, gp):
    try_sign_in(client, EMAIL, PASSWORD)
    page = client.get("/sign-in/code").get_data(as_text=True)
    response = client.post("/sign-out", data={"csrf_token": csrf_token(page)})
    assert where(response) == "/"
    assert where(client.get("/sign-in/code")).startswith("/sign-in")


# --- where a professional lands ------------------------------------------------------------------


def test_after_the_code_a_professional_lands_on_search_with_search_in_the_menu(client, gp, clock):
    assert urlsplit(where(try_sign_in(client, EMAIL, PASSWORD))).path == "/sign-in/code"
    response = enter(client, clock.at(MOMENT))
    assert where(response) == "/search"
    page = client.get("/search").get_data(as_text=True)
    for link in ('href="/search"', 'href="/shortlists"', 'href="/referrals"'):
        assert link in page, link


def test_after_the_code_a_safe_next_still_wins(client, gp, clock):
    submit(
        client,
        "/sign-in?next=/referrals",
        {"email": EMAIL, "password": PASSWORD},
        form_url="/sign-in",
    )
    assert where(enter(client, clock.at(MOMENT), "/referrals")) == "/referrals"

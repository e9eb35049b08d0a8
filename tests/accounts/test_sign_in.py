"""Signing in: demo accounts, wrong passwords, CSRF, rate limits, safe redirects, roles."""

import pytest

from portal.accounts.models import Role, User
from portal.extensions import db
from tests import factories
from tests.support import csrf_token, try_sign_in


def make_user(
    email="worker@example.org", password="correct horse battery", role=Role.CONNECTOR, is_demo=False
) -> User:
    return factories.user(email, password, role, is_demo=is_demo)


def test_passwords_are_stored_hashed(app):
    user = make_user()
    assert "correct horse battery" not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_sign_in_takes_you_to_where_you_start_work(client, app):
    make_user()  # a connector: they start by searching (issue 12: not the account page)
    response = try_sign_in(client, "Worker@Example.org ", "correct horse battery")
    assert response.status_code == 302
    assert response.headers["Location"] == "/search"
    html = client.get("/account").get_data(as_text=True)
    assert "Sam Worker" in html and "Community connector or link worker" in html


def test_wrong_password_gets_a_clear_message_and_keeps_the_email(client, app):
    make_user()
    response = try_sign_in(client, "worker@example.org", "wrong")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The email address or password is not right" in html
    assert 'value="worker@example.org"' in html
    assert "There is a problem" in html


def test_unknown_email_gets_the_same_message(client, app):
    html = try_sign_in(client, "nobody@example.org", "whatever").get_data(as_text=True)
    assert "The email address or password is not right" in html


def test_empty_form_says_what_is_missing(client, app):
    html = try_sign_in(client, "", "").get_data(as_text=True)
    assert "Enter your email address" in html
    assert "Enter your password" in html


def test_sign_in_without_csrf_token_is_refused(client, app):
    make_user()
    response = client.post(
        "/sign-in", data={"email": "worker@example.org", "password": "correct horse battery"}
    )
    assert response.status_code == 400
    assert "Nothing was saved" in response.get_data(as_text=True)
    assert client.get("/account").status_code == 302


def test_repeated_failures_are_rate_limited(client, app):
    make_user()
    statuses = [try_sign_in(client, "worker@example.org", "wrong").status_code for _ in range(7)]
    assert statuses[:5] == [400] * 5
    assert statuses[-1] == 429
    assert "Too many attempts" in try_sign_in(client, "worker@example.org", "x").get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/needs/food", "/needs/food"),
        ("https://evil.example/phish", "/search"),
        ("//evil.example/phish", "/search"),
        ("/\\evil.example", "/search"),
        ("javascript:alert(1)", "/search"),
    ],
)
def test_redirect_after_sign_in_stays_on_this_site(client, app, next_url, expected):
    make_user()
    response = try_sign_in(client, "worker@example.org", "correct horse battery", next_url)
    assert response.headers["Location"] == expected


def test_demo_accounts_work_only_in_demo_mode(client, app):
    make_user(email="connector@demo.example.org", password="demo-password-2026", is_demo=True)
    refused = try_sign_in(client, "connector@demo.example.org", "demo-password-2026")
    assert refused.status_code == 400
    app.config["PORTAL_DEMO"] = True
    accepted = try_sign_in(client, "connector@demo.example.org", "demo-password-2026")
    assert accepted.status_code == 302


def test_deactivated_accounts_cannot_sign_in(client, app):
    user = make_user()
    user.active = False
    db.session.commit()
    assert try_sign_in(client, "worker@example.org", "correct horse battery").status_code == 400


def test_sign_out_needs_a_post_with_csrf(client, app):
    make_user()
    try_sign_in(client, "worker@example.org", "correct horse battery")
    assert client.get("/sign-out").status_code == 405
    assert client.post("/sign-out").status_code == 400
    token = csrf_token(client.get("/account").get_data(as_text=True))
    response = client.post("/sign-out", data={"csrf_token": token})
    assert response.status_code == 302
    assert client.get("/account").status_code == 302

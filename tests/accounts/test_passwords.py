"""Forgotten and changed passwords: the reset link, the policy, other sessions, the limits."""

import pytest

from portal.extensions import db
from tests import factories
from tests.accounts.helpers import comparable, emails, field_error, is_signed_in, link_in, submit
from tests.support import csrf_token, try_sign_in

EMAIL, OLD, NEW = "worker@example.org", "correct horse battery", "lantern orchard pebble"
RESET = "Reset your password"


@pytest.fixture
def user(app):
    return factories.user(EMAIL, OLD)


def ask_for_reset(client, email: str = EMAIL, **kwargs):
    return submit(client, "/forgotten-password", {"email": email}, **kwargs)


def reset_link(client, email: str = EMAIL) -> str:
    assert ask_for_reset(client, email).status_code == 200
    return link_in(emails(to=email, subject=RESET)[-1], "/reset-password/")


def choose(client, link: str, password: str):
    return submit(client, link, {"password": password})


def change(client, current: str, new: str):
    return submit(client, "/account/password", {"current_password": current, "password": new})


def test_a_known_address_gets_a_reset_email(client, user):
    response = ask_for_reset(client, " Worker@Example.org")

    assert response.status_code == 200
    assert "Check your email" in response.get_data(as_text=True)
    [message] = emails()
    assert (message.to, message.subject) == (EMAIL, RESET)
    assert "Hello Sam Worker" in message.body
    assert link_in(message, "/reset-password/")


def test_an_unknown_address_gets_the_same_page_and_no_email(app, user):
    known = ask_for_reset(app.test_client(), EMAIL)
    unknown = ask_for_reset(app.test_client(), "nobody@example.org")

    assert known.status_code == unknown.status_code == 200
    assert comparable(known.get_data(as_text=True), EMAIL) == comparable(
        unknown.get_data(as_text=True), "nobody@example.org"
    )
    assert emails(to="nobody@example.org") == []
    assert len(emails()) == 1


def test_the_reset_link_sets_a_new_password(client, user):
    link = reset_link(client)
    assert "New password" in client.get(link).get_data(as_text=True)

    response = choose(client, link, NEW)

    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in"
    assert "Your password has changed" in client.get("/sign-in").get_data(as_text=True)
    assert try_sign_in(client, EMAIL, OLD).status_code == 400
    assert try_sign_in(client, EMAIL, NEW).status_code == 302


def test_a_reset_link_works_once_only(client, user):
    link = reset_link(client)
    choose(client, link, NEW)

    again = client.get(link)

    assert again.status_code == 400
    assert "That link does not work" in again.get_data(as_text=True)
    token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    reused = client.post(link, data={"password": "another fresh choice", "csrf_token": token})
    assert reused.status_code == 400
    assert try_sign_in(client, EMAIL, "another fresh choice").status_code == 400
    assert try_sign_in(client, EMAIL, NEW).status_code == 302


def test_a_reset_link_stops_working_once_the_password_changes(client, user):
    link = reset_link(client)
    try_sign_in(client, EMAIL, OLD)
    assert change(client, OLD, NEW).status_code == 302

    response = client.get(link)

    assert response.status_code == 400
    assert "That link does not work" in response.get_data(as_text=True)


def test_an_older_reset_link_stops_working_when_a_newer_one_is_used(client, user):
    first, second = reset_link(client), reset_link(client)
    assert choose(client, second, NEW).status_code == 302
    assert client.get(first).status_code == 400


def test_a_reset_link_for_a_closed_account_does_not_work(client, user):
    link = reset_link(client)
    user.active = False
    db.session.commit()
    assert client.get(link).status_code == 400


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("too short", "Password must be 10 characters or more"),
        ("password1234", "Choose a password that is harder to guess"),
        ("SamWorker12", "Choose a password that is harder to guess. Do not use your name"),
    ],
    ids=["too-short", "common", "their-name"],
)
def test_a_new_password_obeys_the_same_policy(client, user, password, message):
    link = reset_link(client)

    response = choose(client, link, password)

    assert response.status_code == 400
    assert field_error(response.get_data(as_text=True), "password").startswith(message)
    assert try_sign_in(client, EMAIL, OLD).status_code == 302  # nothing changed
    assert client.get(link).status_code == 200  # and the link still works


def test_a_reset_signs_out_other_sessions(app, user):
    laptop, phone = app.test_client(), app.test_client()
    try_sign_in(laptop, EMAIL, OLD)
    assert is_signed_in(laptop)

    choose(phone, reset_link(phone), NEW)

    assert not is_signed_in(laptop)
    assert try_sign_in(laptop, EMAIL, NEW).status_code == 302


def test_changing_needs_the_right_current_password(client, user):
    try_sign_in(client, EMAIL, OLD)

    response = change(client, "not my password", NEW)

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert field_error(html, "current_password") == "Your current password is not right"
    assert field_error(html, "password") is None
    assert emails() == []
    assert try_sign_in(client.application.test_client(), EMAIL, OLD).status_code == 302


def test_changing_to_a_weak_password_is_refused(client, user):
    try_sign_in(client, EMAIL, OLD)

    response = change(client, OLD, "password1234")

    assert response.status_code == 400
    message = field_error(response.get_data(as_text=True), "password")
    assert message.startswith("Choose a password that is harder to guess")
    assert emails() == []


def test_changing_emails_the_owner_and_signs_out_only_other_sessions(app, user):
    laptop, phone = app.test_client(), app.test_client()
    try_sign_in(laptop, EMAIL, OLD)
    try_sign_in(phone, EMAIL, OLD)

    response = change(phone, OLD, NEW)

    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    assert "Your password has changed" in phone.get("/account").get_data(as_text=True)
    assert is_signed_in(phone)
    assert not is_signed_in(laptop)
    [message] = emails(to=EMAIL, subject="Your password has changed")
    assert link_in(message, "/forgotten-password")
    assert try_sign_in(laptop, EMAIL, NEW).status_code == 302


def test_forgotten_password_is_limited_to_three_an_hour_for_one_address(app, user):
    for n in range(3):
        home = {"environ_base": {"REMOTE_ADDR": f"192.0.2.{n + 1}"}}
        assert ask_for_reset(app.test_client(), **home).status_code == 200

    elsewhere = {"environ_base": {"REMOTE_ADDR": "198.51.100.9"}}
    refused = ask_for_reset(app.test_client(), "WORKER@example.org", **elsewhere)

    assert refused.status_code == 429
    assert "Too many attempts" in refused.get_data(as_text=True)
    assert len(emails()) == 3
    # Another address, from the same place, is still served.
    other = factories.user("sue@example.org", name="Sue Baker")
    assert ask_for_reset(app.test_client(), other.email, **elsewhere).status_code == 200
    assert len(emails(to=other.email)) == 1

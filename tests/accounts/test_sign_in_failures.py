"""Wrong passwords slow down where they come from, not the account's owner (issue 12).

Failures count per address and network (IPv4 /24, IPv6 /64) in the database, so every worker
counts together; the account itself pauses only when many networks fail, and its owner is
e-mailed then."""

from __future__ import annotations

import pytest

from portal.extensions import db, limiter
from tests import factories
from tests.accounts.helpers import emails, field_error, link_in, submit
from tests.support import csrf_token, make_app, try_sign_in

EMAIL, RIGHT = "gp@example.org", "correct horse battery"
WRONG = "The email address or password is not right"
PAUSED = "Sign-in to your account is paused"
ATTACKER, OWNER = "198.51.100.23", "203.0.113.40"


@pytest.fixture
def user(app):
    return factories.user(EMAIL, RIGHT)


def attempt(client, address: str, password: str, email: str = EMAIL):
    limiter.reset()  # these tests are about the counts, not the per-minute limits
    return try_sign_in(client, email, password, environ_base={"REMOTE_ADDR": address})


def fail(client, address: str, times: int, email: str = EMAIL) -> None:
    for _ in range(times):
        response = attempt(client, address, "not my password", email)
        assert response.status_code == 400
        assert field_error(response.get_data(as_text=True), "password") == WRONG


def test_the_owner_signs_in_from_home_while_someone_else_keeps_failing(app, user):
    attacker, owner = app.test_client(), app.test_client()
    fail(attacker, ATTACKER, 12)

    response = attempt(owner, OWNER, RIGHT)

    assert response.status_code == 302
    assert attempt(attacker, ATTACKER, RIGHT).status_code == 400  # that network waits
    assert emails() == []


def test_neighbours_on_one_network_count_together(app, user):
    client = app.test_client()
    fail(client, "198.51.100.1", 3)
    fail(client, "198.51.100.200", 2)
    assert attempt(client, "198.51.100.77", RIGHT).status_code == 400
    assert attempt(client, "198.51.101.77", RIGHT).status_code == 302


def test_ipv6_counts_by_slash_64(app, user):
    client = app.test_client()
    fail(client, "2001:db8:1:2::10", 3)
    fail(client, "2001:db8:1:2:ffff::1", 2)
    assert attempt(client, "2001:db8:1:2::99", RIGHT).status_code == 400
    assert attempt(client, "2001:db8:1:3::99", RIGHT).status_code == 302


def test_many_networks_pause_the_account_and_its_owner_hears_once(app, user):
    client = app.test_client()
    for network in range(10):  # 50 failures from 10 networks
        fail(client, f"192.0.{network}.5", 5)

    refused = attempt(client, OWNER, RIGHT)  # even the owner, from a fresh network

    assert refused.status_code == 400
    assert field_error(refused.get_data(as_text=True), "password") == WRONG
    fail(client, "192.0.77.5", 4)
    [message] = emails(to=EMAIL, subject=PAUSED)
    assert "from several places" in message.body and "15 minutes" in message.body
    # A new password (the link goes to the owner's mailbox) ends the pause.
    submit(client, "/forgotten-password", {"email": EMAIL})
    [reset] = emails(to=EMAIL, subject="Reset your password")
    link = link_in(reset, "/reset-password/")
    page = client.get(link).get_data(as_text=True)
    client.post(link, data={"password": "a brand new passphrase", "csrf_token": csrf_token(page)})
    assert attempt(client, OWNER, "a brand new passphrase").status_code == 302


def test_one_network_alone_never_pauses_the_account(app, user):
    app.config["PORTAL_ACCOUNT_PAUSE_AFTER"] = 5
    client = app.test_client()
    fail(client, ATTACKER, 30)
    assert attempt(client, OWNER, RIGHT).status_code == 302
    assert emails() == []


def test_an_unknown_address_is_counted_and_answered_alike(app, user):
    client = app.test_client()
    fail(client, ATTACKER, 6, email="nobody@example.org")
    fail(client, ATTACKER, 6)
    assert emails() == []


def test_every_worker_sees_the_same_counts(app, user, tmp_path):
    other_worker = make_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "other-search")
    fail(app.test_client(), ATTACKER, 3)
    with other_worker.app_context():
        fail(other_worker.test_client(), ATTACKER, 2)
        db.session.remove()
        db.engine.dispose()  # its connections close now, not whenever they are collected
    assert attempt(app.test_client(), ATTACKER, RIGHT).status_code == 400

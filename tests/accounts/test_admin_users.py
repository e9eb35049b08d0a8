"""Administrators: inviting people, changing roles, closing accounts; `flask accounts create`."""

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Role, User
from portal.extensions import db
from tests import factories
from tests.accounts.helpers import emails, field_error, is_signed_in, link_in, submit
from tests.support import try_sign_in

ADMIN_EMAIL, PASSWORD = "admin@example.org", "correct horse battery"
CHOSEN = "lantern orchard pebble"


@pytest.fixture
def admin(app):
    return factories.user(ADMIN_EMAIL, PASSWORD, Role.ADMIN, name="Ada Admin")


@pytest.fixture
def admin_client(app, admin):
    client = app.test_client()
    assert try_sign_in(client, ADMIN_EMAIL, PASSWORD).status_code == 302
    return client


def invite(client, name="Dr Rosa Patel", email="rosa@example.org", role="professional"):
    return submit(client, "/admin/users/new", {"name": name, "email": email, "role": role})


def change(client, user, role: str, active: str = "yes"):
    return submit(client, f"/admin/users/{user.id}", {"role": role, "active": active})


def count_users(email: str) -> int:
    db.session.expire_all()
    return db.session.scalar(
        select(func.count()).select_from(User).where(func.lower(User.email) == email.lower())
    )


def test_an_invited_person_chooses_a_password_and_signs_in_with_their_role(app, admin_client):
    response = invite(admin_client)

    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/users"
    people = admin_client.get("/admin/users").get_data(as_text=True)
    assert "Invited Dr Rosa Patel" in people and "rosa@example.org" in people
    [message] = emails(to="rosa@example.org")
    assert "Hello Dr Rosa Patel" in message.body
    link = link_in(message, "/reset-password/")

    rosa = app.test_client()
    assert submit(rosa, link, {"password": CHOSEN}).status_code == 302
    assert try_sign_in(rosa, "rosa@example.org", CHOSEN).status_code == 302
    account = rosa.get("/account").get_data(as_text=True)
    assert "Dr Rosa Patel" in account and "GP or health professional" in account


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"name": ""}, "name", "Enter their name"),
        ({"email": "rosa.example.org"}, "email", "Enter an email address"),
        ({"email": "rosa@"}, "email", "Enter an email address"),
        ({"email": "rosa patel@example.org"}, "email", "Enter an email address"),
        ({"role": ""}, "role", "Choose what they will do"),
        ({"role": "superuser"}, "role", "Choose what they will do"),
        (
            {"email": "Admin@Example.org"},
            "email",
            "There is already an account with this email address",
        ),
    ],
    ids=[
        "no-name",
        "no-at",
        "no-domain",
        "a-space",
        "no-role",
        "unknown-role",
        "existing-address",
    ],
)
def test_invite_mistakes_are_shown_next_to_the_field(admin_client, values, field, message):
    typed = {"name": "Dr Rosa Patel", "email": "rosa@example.org", "role": "professional"}
    typed.update(values)

    response = invite(admin_client, **typed)

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert field_error(html, field).startswith(message)
    assert "There is a problem" in html
    if typed["name"]:
        assert f'value="{typed["name"]}"' in html  # what was typed is kept
    assert f'value="{typed["email"]}"' in html
    db.session.expire_all()
    assert db.session.scalars(select(User.email)).all() == [ADMIN_EMAIL]  # nobody was added
    assert emails() == []


def test_an_admin_can_change_someones_role(app, admin_client):
    worker = factories.user("worker@example.org", PASSWORD, Role.CONNECTOR)
    theirs = app.test_client()
    try_sign_in(theirs, worker.email, PASSWORD)
    assert theirs.get("/moderation").status_code == 403

    response = change(admin_client, worker, "editor")

    assert response.status_code == 302
    assert "Saved the changes" in admin_client.get(response.headers["Location"]).text
    assert theirs.get("/moderation").status_code == 200  # at once, no need to sign in again
    assert "Directory editor" in theirs.get("/account").text


def test_a_closed_account_is_signed_out_and_cannot_sign_in(app, admin_client):
    worker = factories.user("worker@example.org", PASSWORD, Role.CONNECTOR)
    theirs = app.test_client()
    try_sign_in(theirs, worker.email, PASSWORD)

    assert change(admin_client, worker, "connector", active="no").status_code == 302

    assert not is_signed_in(theirs)
    refused = try_sign_in(theirs, worker.email, PASSWORD)
    assert refused.status_code == 400
    assert field_error(refused.text, "password") == "The email address or password is not right"
    # Nor can a reset link bring it back.
    assert submit(theirs, "/forgotten-password", {"email": worker.email}).status_code == 200
    assert emails(to=worker.email) == []


@pytest.mark.parametrize(("role", "active"), [("editor", "yes"), ("admin", "no")])
def test_an_admin_cannot_take_away_their_own_admin_account(admin_client, admin, role, active):
    response = change(admin_client, admin, role, active)

    assert response.status_code == 400
    message = field_error(response.get_data(as_text=True), "role")
    assert message == "You cannot take away your own administrator account"
    assert admin_client.get("/admin/users").status_code == 200
    db.session.expire_all()
    assert (admin.role, admin.active) == (Role.ADMIN, True)


def test_only_admins_can_manage_people(app, admin):
    editor = factories.user("editor@example.org", PASSWORD, Role.EDITOR)
    client = app.test_client()
    try_sign_in(client, editor.email, PASSWORD)
    assert client.get("/admin/users").status_code == 403
    assert client.get(f"/admin/users/{admin.id}").status_code == 403


def test_the_command_creates_a_confirmed_account_that_can_sign_in(app, client):
    result = app.test_cli_runner().invoke(
        args=[
            *("accounts", "create", "Boss@Example.org", "--name", "Bo Boss"),
            *("--role", "editor", "--password", CHOSEN),
        ]
    )

    assert result.exit_code == 0, result.output
    assert "Created Directory editor account for boss@example.org" in result.output
    response = try_sign_in(client, "boss@example.org", CHOSEN)
    assert response.status_code == 302
    assert response.headers["Location"] == "/moderation"


def test_the_command_refuses_a_weak_password_and_says_why(app):
    result = app.test_cli_runner().invoke(
        args=["accounts", "create", "boss@example.org", "--name", "Bo Boss", "--password", "short"]
    )

    assert result.exit_code != 0
    assert "Password must be 10 characters or more" in result.output
    assert count_users("boss@example.org") == 0

"""Signing up: the confirmation e-mail and its link, known addresses, weak passwords, limits."""

import time
from datetime import timedelta

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import func, select

from portal.accounts.models import Role, User
from portal.extensions import db
from tests import factories
from tests.accounts.helpers import comparable, emails, field_error, link_in, sign_up
from tests.support import try_sign_in

NAME, EMAIL, PASSWORD = "Priya Shah", "priya@example.org", "teapot river sunday"
CONFIRM = "Confirm your email address"


def account(email: str = EMAIL) -> User | None:
    db.session.expire_all()
    return db.session.scalars(select(User).where(User.email == email)).first()


def confirmation_link(email: str = EMAIL) -> str:
    return link_in(emails(to=email, subject=CONFIRM)[-1], "/confirm-email/")


def signed_up_at(monkeypatch, client, seconds_ago: float) -> str:
    """Sign up as if `seconds_ago` had passed since; the confirmation link from the e-mail."""
    then = int(time.time() - seconds_ago)
    with monkeypatch.context() as past:
        past.setattr(TimestampSigner, "get_timestamp", lambda _signer: then)
        assert sign_up(client, NAME, EMAIL, PASSWORD).status_code == 302
    return confirmation_link()


def test_sign_up_creates_an_unconfirmed_group_member_and_sends_a_link(client, app):
    response = sign_up(client, NAME, " Priya@Example.org ", PASSWORD)

    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-up/check-your-email"
    page = client.get("/sign-up/check-your-email").get_data(as_text=True)
    assert "Check your email" in page and EMAIL in page
    user = account()
    assert user.name == NAME
    assert user.role is Role.GROUP_MEMBER
    assert user.email_confirmed_at is None
    [message] = emails()
    assert (message.to, message.subject) == (EMAIL, CONFIRM)
    assert "Hello Priya Shah" in message.body
    assert link_in(message, "/confirm-email/")


def test_the_link_confirms_the_address_and_then_sign_in_works(client, app):
    sign_up(client, NAME, EMAIL, PASSWORD)

    response = client.get(confirmation_link())

    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in"
    assert "Your email address is confirmed" in client.get("/sign-in").get_data(as_text=True)
    assert account().email_confirmed_at is not None
    signed_in = try_sign_in(client, EMAIL, PASSWORD)
    assert signed_in.status_code == 302
    assert signed_in.headers["Location"] == "/groups"


def test_opening_the_link_twice_is_harmless(client, app):
    sign_up(client, NAME, EMAIL, PASSWORD)
    link = confirmation_link()
    client.get(link)
    assert client.get(link).status_code == 302
    assert try_sign_in(client, EMAIL, PASSWORD).status_code == 302


def test_signing_in_before_confirming_says_so_and_sends_a_new_link(client, app):
    sign_up(client, NAME, EMAIL, PASSWORD)

    response = try_sign_in(client, EMAIL, PASSWORD)

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert field_error(html, "email").startswith("Confirm your email address first")
    assert len(emails(to=EMAIL, subject=CONFIRM)) == 2
    assert client.get(confirmation_link()).status_code == 302  # the new link works
    assert try_sign_in(client, EMAIL, PASSWORD).status_code == 302


def test_a_wrong_password_on_an_unconfirmed_account_sends_nothing(client, app):
    sign_up(client, NAME, EMAIL, PASSWORD)

    response = try_sign_in(client, EMAIL, "not the password at all")

    html = response.get_data(as_text=True)
    assert field_error(html, "password") == "The email address or password is not right"
    assert "Confirm your email address first" not in html
    assert len(emails(to=EMAIL, subject=CONFIRM)) == 1


def test_an_existing_address_gets_the_same_answer_and_its_owner_an_email(app):
    owner = factories.user("sue@example.org", name="Sue Baker")
    stranger, newcomer = app.test_client(), app.test_client()

    known = sign_up(stranger, "Someone Else", "Sue@Example.org", PASSWORD)
    new = sign_up(newcomer, NAME, EMAIL, PASSWORD)

    assert (known.status_code, known.headers["Location"]) == (
        new.status_code,
        new.headers["Location"],
    )
    known_page = stranger.get(known.headers["Location"])
    new_page = newcomer.get(new.headers["Location"])
    assert known_page.status_code == new_page.status_code == 200
    assert comparable(known_page.get_data(as_text=True), "sue@example.org") == comparable(
        new_page.get_data(as_text=True), EMAIL
    )
    # The owner is told instead; nothing is created and their password still works.
    [told] = emails(to="sue@example.org")
    assert told.subject == "You already have an account"
    assert "Hello Sue Baker" in told.body
    assert link_in(told, "/forgotten-password")
    db.session.expire_all()
    count = select(func.count()).select_from(User).where(func.lower(User.email) == owner.email)
    assert db.session.scalar(count) == 1
    assert account("sue@example.org").name == "Sue Baker"
    assert try_sign_in(stranger, "sue@example.org", PASSWORD).status_code == 400
    assert try_sign_in(stranger, "sue@example.org", "correct horse battery").status_code == 302


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short one", "Password must be 10 characters or more"),
        (
            "password1234",
            "Choose a password that is harder to guess. This is a very common password.",
        ),
        (
            "PriyaShah2024",
            "Choose a password that is harder to guess. Do not use your name or email address",
        ),
    ],
    ids=["too-short", "common", "contains-their-name"],
)
def test_weak_passwords_are_refused_with_the_reason(client, app, password, message):
    response = sign_up(client, NAME, EMAIL, password)

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert field_error(html, "password").startswith(message)
    assert "There is a problem" in html
    assert f'value="{NAME}"' in html and f'value="{EMAIL}"' in html  # what they typed stays
    assert password not in html  # but never the password
    assert account() is None
    assert emails() == []


def test_a_name_only_makes_a_password_weak_for_that_person(client, app):
    assert sign_up(client, "Sam Worker", "sam@example.org", "PriyaShah2024").status_code == 302


def test_empty_sign_up_says_what_is_missing(client, app):
    html = sign_up(client, "", "", "").get_data(as_text=True)
    assert field_error(html, "name") == "Enter your name"
    assert field_error(html, "email") == "Enter your email address"
    assert field_error(html, "password") == "Enter a password"


def _tampered(token: str) -> str:
    payload, stamp, signature = token.rsplit(".", 2)
    middle = len(signature) // 2
    changed = "B" if signature[middle] == "A" else "A"
    return f"{payload}.{stamp}.{signature[:middle]}{changed}{signature[middle + 1 :]}"


@pytest.mark.parametrize("damage", ["tampered", "cut-short", "forged", "a-reset-link"])
def test_a_damaged_or_forged_link_does_not_work(client, app, damage):
    sign_up(client, NAME, EMAIL, PASSWORD)
    token = confirmation_link().rsplit("/", 1)[1]
    user = account()
    payload = {"user": str(user.id), "email": EMAIL}
    bad = {
        "tampered": lambda: _tampered(token),
        "cut-short": lambda: token[:-6],
        "forged": lambda: URLSafeTimedSerializer("guessed-key", salt="confirm-email").dumps(
            payload
        ),
        "a-reset-link": lambda: URLSafeTimedSerializer(
            app.config["SECRET_KEY"], salt="reset-password"
        ).dumps(payload),
    }[damage]()

    response = client.get(f"/confirm-email/{bad}")

    assert response.status_code == 400
    assert "That link does not work" in response.get_data(as_text=True)
    assert account().email_confirmed_at is None


def test_a_link_for_an_address_the_account_no_longer_has_does_not_work(client, app):
    sign_up(client, NAME, EMAIL, PASSWORD)
    link = confirmation_link()
    user = account()
    user.email = "priya.r@example.org"
    db.session.commit()

    assert client.get(link).status_code == 400
    assert account("priya.r@example.org").email_confirmed_at is None


def test_an_old_link_says_it_has_expired(client, app, monkeypatch):
    link = signed_up_at(monkeypatch, client, timedelta(days=3, minutes=1).total_seconds())

    response = client.get(link)

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "That link has expired" in html
    assert "That link does not work" not in html
    assert account().email_confirmed_at is None


def test_a_link_still_works_until_three_days_have_passed(client, app, monkeypatch):
    link = signed_up_at(monkeypatch, client, timedelta(days=2, hours=23).total_seconds())
    assert client.get(link).status_code == 302
    assert account().email_confirmed_at is not None


def test_sign_ups_are_limited_to_ten_an_hour_from_one_address(app):
    client = app.test_client()
    for attempt in range(10):
        # Refused for its password, but still counted.
        assert sign_up(client, NAME, f"p{attempt}@example.org", "short").status_code == 400

    refused = sign_up(client, NAME, EMAIL, PASSWORD)

    assert refused.status_code == 429
    assert "Too many attempts" in refused.get_data(as_text=True)
    assert account() is None and emails() == []
    elsewhere = app.test_client()
    other_address = {"environ_base": {"REMOTE_ADDR": "192.0.2.7"}}
    assert sign_up(elsewhere, NAME, EMAIL, PASSWORD, **other_address).status_code == 302


def test_a_new_and_a_known_address_cost_the_same_work(app, monkeypatch):
    """Issue 12: a known address answered faster (no hash of the password, no write), so
    timing told a stranger it had an account. Both now hash the password once, write and
    commit once, and send one e-mail (timings: see the report's script, not a test)."""
    from sqlalchemy import event

    import portal.accounts.models as models

    factories.user("sue@example.org", name="Sue Baker")
    work: list[str] = []
    real_hash = models.generate_password_hash
    monkeypatch.setattr(
        models, "generate_password_hash", lambda *a, **k: work.append("hash") or real_hash(*a, **k)
    )

    def committed(_session) -> None:
        work.append("commit")

    event.listen(db.session, "after_commit", committed)
    try:
        for email in ("sue@example.org", EMAIL):
            work.clear()
            outbox = len(emails())
            assert sign_up(app.test_client(), NAME, email, PASSWORD).status_code == 302
            assert sorted(work) == ["commit", "hash"], (email, work)
            assert [m.to for m in emails()[outbox:]] == [email]
    finally:
        event.remove(db.session, "after_commit", committed)

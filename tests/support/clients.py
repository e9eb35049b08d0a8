"""Signing in and sending forms with the Flask test client, as a person would in a browser."""

from __future__ import annotations

from urllib.parse import quote

from flask import has_app_context
from flask.testing import FlaskClient

from portal.extensions import db
from tests.support.pages import csrf_token, page

PASSWORD = "correct horse battery"  # what tests/factories.py gives every user


class Browser(FlaskClient):
    """The test client every test app uses (`tests.support.apps.make_app`): each request runs
    in its own app context, with its own `g` and its own database session, as on a server.

    The `app` fixture keeps one app context open for the whole test, and Flask would reuse it
    for the requests made in it: then `g` (who is signed in, this session's CSRF token) and
    the database session would be shared by every client in the test, two people could not be
    signed in at once, and a page could read objects the test had already loaded where a
    server would have to query for them (hiding a template that queries). After each request
    the test's own session forgets what it had loaded, so it sees what the request saved."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        if has_app_context():  # a test's own context: see what the request saved
            db.session.expire_all()
        return response


def try_sign_in(client, email: str, password: str, next_url: str | None = None, **kwargs):
    """Send the sign-in form (opened first, for its CSRF token), whatever comes of it; the
    response. `next_url` is where to go afterwards; `kwargs` go to the client's `post`."""
    token = csrf_token(page(client, "/sign-in"))
    url = "/sign-in" + (f"?next={quote(next_url, safe='')}" if next_url else "")
    data = {"email": email, "password": password, "csrf_token": token}
    return client.post(url, data=data, **kwargs)


def sign_in(client, user, password: str = PASSWORD):
    """Sign `user` in through the form and check it worked (a redirect); the response."""
    response = try_sign_in(client, user.email, password)
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    return response


def post(browser, form_url: str, url: str | None = None, **data):
    """Submit a form as a person would: open the page it is on, then send it (with CSRF)."""
    token = csrf_token(page(browser, form_url))
    return browser.post(url or form_url, data={"csrf_token": token, **data})

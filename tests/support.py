"""What every test reads pages and e-mails with, and signs in with: one of each.

Import these rather than writing another: `from tests.support import page, sign_in`.
(The browser tests sign in through the form with Playwright: `tests/e2e/conftest.py`.)
"""

from __future__ import annotations

import re


def page(client, url: str, status: int = 200) -> str:
    """The page at `url` as text, after checking it answered `status`."""
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.location)
    return response.get_data(as_text=True)


def link_in(body: str, path_start: str = "/") -> str:
    """The path of the portal link in an e-mail that starts with `path_start`."""
    found = re.search(rf"http://portal\.test({re.escape(path_start)}\S*)", body)
    assert found, f"no link to {path_start} in:\n{body}"
    return found.group(1)


def csrf_token(html: str) -> str:
    """The CSRF token of the (first) form in `html`."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    if not match:
        match = re.search(r'value="([^"]+)"[^>]*name="csrf_token"', html)
    assert match, "no CSRF token in the form"
    return match.group(1)


def sign_in(client, user, password: str = "correct horse battery"):
    """Sign `user` in through the form, as a person would; returns the response."""
    token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    response = client.post(
        "/sign-in", data={"email": user.email, "password": password, "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    return response

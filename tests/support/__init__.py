"""What the tests share: one way to read a page, to sign in, to make an app. Use these rather
than writing another.

- `pages`: a page's text, its CSRF token, a form field's error, a link in an e-mail;
- `clients`: signing in and sending forms with the Flask test client, and `Browser`;
- `browser`: signing in with Playwright (the browser tests);
- `apps`: the test configuration (`make_app`) and which database this run tests;
- `listings`: a group's listing as the guided form builds it, sent for review or approved;
- `people`: fixtures for a group, its member and an editor (a conftest imports them).

The common ones are importable from here: `from tests.support import page, sign_in`.
A conftest keeps fixtures; a test imports helpers from here, never from a conftest.
"""

from __future__ import annotations

from tests.support.apps import ON_POSTGRES, make_app
from tests.support.clients import Browser, post, sign_in, try_sign_in
from tests.support.pages import (
    csrf_token,
    emails_to,
    error_next_to,
    html_of,
    link_in,
    page,
    section,
    text_of,
)

__all__ = [
    "ON_POSTGRES",
    "Browser",
    "csrf_token",
    "emails_to",
    "error_next_to",
    "html_of",
    "link_in",
    "make_app",
    "page",
    "post",
    "section",
    "sign_in",
    "text_of",
    "try_sign_in",
]

"""What the account tests share: the outbox, links in e-mails, forms and their error messages."""

from __future__ import annotations

import html as html_lib
import re

from portal.notify import Message, outbox_messages
from tests.support import csrf_token, pages
from tests.support.pages import BASE_URL


def emails(to: str | None = None, subject: str | None = None) -> list[Message]:
    """The messages in the outbox, oldest first, to `to` and with `subject` when given."""
    return [
        message
        for message in outbox_messages()
        if (to is None or message.to == to) and (subject is None or message.subject == subject)
    ]


def link_in(message: Message, path: str) -> str:
    """The path of the one portal link in `message` that starts with `path` (the shared
    `link_in`, after checking there is only one).

    Links in e-mails must be absolute and on PORTAL_BASE_URL (never the request's Host).
    """
    found = re.findall(re.escape(BASE_URL + path) + r"\S*", message.body)
    assert len(found) == 1, f"expected one {path} link in:\n{message.body}"
    return pages.link_in(message.body, path)


def submit(client, url: str, data: dict, *, form_url: str | None = None, **kwargs):
    """Open the form at `form_url` (or `url`) and post `data` with its CSRF token."""
    page = client.get(form_url or url)
    assert page.status_code == 200, page.status_code
    token = csrf_token(page.get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token}, **kwargs)


def sign_up(client, name: str, email: str, password: str, **kwargs):
    return submit(
        client, "/sign-up", {"name": name, "email": email, "password": password}, **kwargs
    )


def is_signed_in(client) -> bool:
    """Whether the account page opens (signed out, it sends you to the sign-in page)."""
    status = client.get("/account").status_code
    assert status in (200, 302), status
    return status == 200


def field_error(html: str, field: str) -> str | None:
    """The error message shown next to `field`, or None when the field has none."""
    match = re.search(
        rf'<p id="{re.escape(field)}-error" class="govuk-error-message">\s*'
        r'<span class="govuk-visually-hidden">Error:</span>\s*(.*?)\s*</p>',
        html,
        re.DOTALL,
    )
    return html_lib.unescape(match.group(1)) if match else None


def comparable(html: str, *personal: str) -> str:
    """A page without what differs between any two visits: CSRF tokens and the given words."""
    html = re.sub(r'(name="csrf_token"[^>]*value=")[^"]+"', r'\1"', html)
    for word in personal:
        html = html.replace(word, "<personal>")
    return html

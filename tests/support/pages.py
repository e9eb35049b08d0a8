"""Reading what a person reads: a page's text, its form's CSRF token and errors, e-mails."""

from __future__ import annotations

import re
from html import unescape

from portal.notify import outbox_messages

BASE_URL = "http://portal.test"  # PORTAL_BASE_URL in the test configuration (apps.py)


def _html(page_or_response) -> str:
    if isinstance(page_or_response, str):
        return page_or_response
    return page_or_response.get_data(as_text=True)


def page(client, url: str, status: int = 200) -> str:
    """The page at `url` as text, after checking it answered `status`."""
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.location)
    return response.get_data(as_text=True)


def text_of(page_or_response) -> str:
    """What a person reads on a page (HTML, or a test client's response): no tags, entities
    decoded, runs of white space made single spaces."""
    words = unescape(re.sub(r"<[^>]+>", " ", _html(page_or_response)))
    return re.sub(r"\s+", " ", words).strip()


def html_of(page_or_response) -> str:
    """A page's HTML with its entities decoded, tags and all (for checks about markup too)."""
    return unescape(_html(page_or_response))


def csrf_token(html: str) -> str:
    """The CSRF token of the (first) form in `html`."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    if not match:
        match = re.search(r'value="([^"]+)"[^>]*name="csrf_token"', html)
    assert match, "no CSRF token in the form"
    return match.group(1)


def error_next_to(html: str, field: str) -> str:
    """The error message shown next to a form field ('' when there is none)."""
    found = re.search(
        rf'<p id="{field}-error" class="govuk-error-message">\s*'
        r'<span class="govuk-visually-hidden">Error:</span>\s*(.*?)\s*</p>',
        html,
        flags=re.S,
    )
    return unescape(found.group(1)) if found else ""


def section(html: str, section_id: str) -> str:
    """One part of a page, from its heading (by id) to the next heading of its level."""
    start = html.index(f'id="{section_id}"')
    rest = html[start:]
    following = re.search(r'<h2 class="govuk-heading-m" id=', rest[1:])
    return rest[: following.start() + 1] if following else rest


def emails_to(address: str, subject: str = "") -> list:
    """The messages in the outbox to `address` whose subject contains `subject`."""
    return [m for m in outbox_messages() if m.to == address and subject in m.subject]


def link_in(body: str, path_start: str = "/") -> str:
    """The path of the (first) portal link in an e-mail's text that starts with `path_start`.

    Links in e-mails are absolute and on PORTAL_BASE_URL, never the request's host."""
    found = re.search(rf"{re.escape(BASE_URL)}({re.escape(path_start)}\S*)", body)
    assert found, f"no link to {path_start} in:\n{body}"
    return found.group(1)

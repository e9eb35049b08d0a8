"""Request bodies are limited: a huge form is refused with a page that says so (413), never
read in full; every form the portal has fits well inside the limit."""

from __future__ import annotations

import pytest

from tests import factories
from tests.support import csrf_token

TWENTY_MB = 20 * 1024 * 1024


@pytest.mark.parametrize("path", ["/sign-in", "/sign-up", "/forgotten-password"])
def test_a_twenty_megabyte_form_is_refused_with_the_error_page(client, app, path):
    token = csrf_token(client.get(path).get_data(as_text=True))
    response = client.post(path, data={"csrf_token": token, "email": "x" * TWENTY_MB})
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "The form you sent was too big" in page
    assert "Error code: 413" in page


def test_a_huge_body_of_any_kind_is_refused(client, app):
    response = client.post(
        "/shortlist/add", data=b"x" * TWENTY_MB, content_type="application/octet-stream"
    )
    assert response.status_code == 413


def test_a_long_but_ordinary_form_is_read(client, app):
    """A listing's longest text, many times over, is far inside the limit."""
    factories.user("worker@example.org")
    token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    response = client.post(
        "/sign-in",
        data={"csrf_token": token, "email": "worker@example.org", "password": "p" * 200_000},
    )
    assert response.status_code == 400  # read and answered: the password is too long
    assert "The form you sent was too big" not in response.get_data(as_text=True)


def test_the_limit_is_a_setting(app):
    assert 100_000 <= app.config["MAX_CONTENT_LENGTH"] <= 1_000_000

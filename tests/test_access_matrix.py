"""Who may open what: every route, for anonymous visitors and every role, checked on the server."""

import pytest

from portal.accounts.models import Role, User
from portal.extensions import db
from tests import factories
from tests.conftest import csrf_token

ROLES = [None, *Role]
PUBLIC = 200
SIGN_IN = 302  # redirected to the sign-in page

# url template -> expected status for anonymous, and for any signed-in role
MATRIX = {
    "/": (PUBLIC, PUBLIC),
    "/needs/": (PUBLIC, PUBLIC),
    "/who-for/": (PUBLIC, PUBLIC),
    "/needs/loneliness-and-company": (PUBLIC, PUBLIC),
    "/who-for/older-people": (PUBLIC, PUBLIC),
    "/services/{service}": (PUBLIC, PUBLIC),
    "/organisations/{organisation}": (PUBLIC, PUBLIC),
    "/search?q=chatter": (PUBLIC, PUBLIC),
    "/about": (PUBLIC, PUBLIC),
    "/accessibility": (PUBLIC, PUBLIC),
    "/healthz": (PUBLIC, PUBLIC),
    "/sign-in": (PUBLIC, 302),  # signed-in people go to their account
    "/account": (SIGN_IN, PUBLIC),
}


def test_every_registered_route_is_in_the_matrix(app):
    covered = {url.split("?")[0].split("{")[0].rstrip("/") or "/" for url in MATRIX}
    covered |= {"/sign-out", "/static"}
    for rule in app.url_map.iter_rules():
        base = rule.rule.split("<")[0].rstrip("/") or "/"
        assert base in covered or base + "/" in MATRIX, f"{rule.rule} is not in the access matrix"


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "anonymous")
def test_role_by_url(client, app, role):
    from portal.cli import reindex_all

    listing = factories.service("Tuesday Chatter Café")
    reindex_all()
    if role is not None:
        user = User(email=f"{role.value}@example.org", name="Someone", role=role)
        user.set_password("a long enough password")
        db.session.add(user)
        db.session.commit()
        token = csrf_token(client.get("/sign-in").get_data(as_text=True))
        client.post(
            "/sign-in",
            data={"email": user.email, "password": "a long enough password", "csrf_token": token},
        )
    for template, (anonymous, signed_in) in MATRIX.items():
        url = template.format(service=listing.id, organisation=listing.organisation_id)
        expected = anonymous if role is None else signed_in
        assert client.get(url).status_code == expected, (role, url)

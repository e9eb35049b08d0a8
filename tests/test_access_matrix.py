"""Who may open what: every route, for anonymous visitors and every role, checked on the server."""

import pytest

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.search.models import Synonym
from tests import factories
from tests.conftest import csrf_token

ROLES = [None, *Role]
PUBLIC = 200
SIGN_IN = 302  # redirected to the sign-in page
FORBIDDEN = 403

# Only the directory team (admin, editor); anyone else signed in is refused.
DIRECTORY_TEAM_ONLY = {
    None: SIGN_IN,
    Role.ADMIN: PUBLIC,
    Role.EDITOR: PUBLIC,
    Role.PROFESSIONAL: FORBIDDEN,
    Role.CONNECTOR: FORBIDDEN,
    Role.GROUP_MEMBER: FORBIDDEN,
    Role.COMMISSIONER: FORBIDDEN,
}

# url template -> (status for anonymous, status for any signed-in role),
# or a dict of status by role (None for anonymous) where roles differ
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
    "/directory-team/search-words": DIRECTORY_TEAM_ONLY,
    "/directory-team/search-words/new": DIRECTORY_TEAM_ONLY,
    "/directory-team/search-words/{synonym}/edit": DIRECTORY_TEAM_ONLY,
    "/directory-team/search-words/{synonym}/delete": DIRECTORY_TEAM_ONLY,
}


def expected_status(expectation: tuple[int, int] | dict, role: Role | None) -> int:
    if isinstance(expectation, dict):
        return expectation[role]
    anonymous, signed_in = expectation
    return anonymous if role is None else signed_in


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
    synonym = Synonym(term="lonely", expands_to="befriending")
    db.session.add(synonym)
    db.session.commit()
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
    for template, expectation in MATRIX.items():
        url = template.format(
            service=listing.id, organisation=listing.organisation_id, synonym=synonym.id
        )
        response = client.get(url)
        assert response.status_code == expected_status(expectation, role), (role, url)
        if role is None and response.status_code == SIGN_IN:
            assert response.headers["Location"].startswith("/sign-in"), url

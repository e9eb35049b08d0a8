"""Issue 14: two app servers on one PostgreSQL database agree on what search finds, at once.

Two gunicorn servers, each with its own instance folder (as two machines behind a load
balancer have), share one PostgreSQL database. A listing an editor approves through the first
is found by a search on the second at its very next request; a listing hidden through the
second is gone from the first's results at its next request. Always on PostgreSQL (a scratch
database on the local server, whatever DATABASE_URL this run uses): that is what several
machines need.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape

import pytest
import requests
from flask_migrate import upgrade

from portal.accounts.models import Role
from portal.extensions import db
from tests import factories
from tests.concurrency import Person
from tests.servers import gunicorn, postgres_database
from tests.support import csrf_token, make_app
from tests.support.listings import submitted_listing

NAME = "Knit and Natter"
SHARED_KEY = "two-servers-share-one-key"  # every machine of a portal is given the same key


@dataclass(frozen=True)
class Directory:
    database_url: str
    editor_email: str
    revision_id: str


@pytest.fixture
def directory(tmp_path) -> Iterator[Directory]:
    """A PostgreSQL database made by the migrations, with an editor and a listing a group
    has sent for review (pending: not public yet)."""
    with postgres_database("two_servers") as url:
        app = make_app(url, tmp_path / "setup-search")
        with app.app_context():
            upgrade()
            org = factories.organisation("Crowthorne Good Companions")
            member = factories.user(
                "gwen@example.org", role=Role.GROUP_MEMBER, name="Gwen Group", organisations=(org,)
            )
            editor = factories.user("eve@example.org", role=Role.EDITOR, name="Eve Editor")
            revision = submitted_listing(member, org, name=NAME)
            found = Directory(url, editor.email, str(revision.id))
            db.session.remove()
            db.engine.dispose()
        yield found


def found_by_search(base: str, words: str) -> dict[str, str]:
    """Name -> service id of each result of a search on the server at `base` (a new visitor)."""
    answer = requests.get(base + "/search", params={"q": words}, timeout=60)
    assert answer.status_code == 200, answer.text[-2000:]
    results = re.findall(
        r'<li class="app-result-list__item".*?'
        r'<a class="govuk-link" href="/services/([0-9a-f-]{36})">([^<]+)</a>',
        answer.text,
        flags=re.S,
    )
    return {unescape(name): service_id for service_id, name in results}


def form_fields(editor: Person, path: str) -> dict[str, str]:
    """The CSRF token and the version a review page's form carries, as the browser sends them."""
    answer = editor.get(path)
    assert answer.status_code == 200, (path, answer.status_code)
    fields = {"csrf_token": csrf_token(answer.text)}
    version = re.search(r'name="version" value="(\d+)"', answer.text)
    if version:
        fields["version"] = version.group(1)
    return fields


def approve(editor: Person, revision_id: str) -> None:
    """Approve a revision from its review page, as the editor would."""
    path = f"/moderation/revisions/{revision_id}"
    fields = form_fields(editor, path)
    answer = editor.post(f"{path}/approve", fields.pop("csrf_token"), fields)
    assert f"Approved: “{NAME}” is live." in editor.follow(answer)


def hide(editor: Person, service_id: str) -> None:
    path = f"/moderation/listings/{service_id}"
    token = form_fields(editor, path)["csrf_token"]
    answer = editor.post(f"{path}/hide", token, {"reason": "The group has stopped meeting."})
    assert f"“{NAME}” is hidden from the public." in editor.follow(answer)


def test_what_one_server_publishes_or_hides_the_other_finds_at_once(directory, tmp_path):
    """One worker each: a server that kept a search index of its own would hear of the other's
    change only at its next periodic check (a minute on), never at the next request."""
    servers = [
        gunicorn(
            directory.database_url,
            tmp_path / name,
            workers=1,
            SECRET_KEY=SHARED_KEY,
            PORTAL_SEARCH_BACKEND="postgresql",
        )
        for name in ("first", "second")
    ]
    with servers[0] as first, servers[1] as second:
        for server in (first, second):  # pending: not public anywhere
            assert found_by_search(server, "natter") == {}

        approve(Person(first, directory.editor_email), directory.revision_id)
        on_second = found_by_search(second, "natter")
        assert list(on_second) == [NAME]
        assert found_by_search(first, "natter") == on_second

        hide(Person(second, directory.editor_email), on_second[NAME])
        assert found_by_search(first, "natter") == {}
        assert found_by_search(second, "natter") == {}

"""`/healthz` tells operators and load balancers whether the portal can serve."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from portal import search
from portal.cli import reindex_all
from portal.extensions import db
from portal.search import SearchStatus
from portal.search.backend import current_backend
from tests import factories
from tests.support import ON_POSTGRES

#: Every backend this database can run (PostgreSQL's full text needs PostgreSQL).
BACKENDS = ["whoosh", "postgresql"] if ON_POSTGRES else ["whoosh"]


@pytest.mark.parametrize("app", BACKENDS, indirect=True)
def test_healthy_portal_reports_ok_and_the_number_of_published_services(client, app):
    factories.service("One")
    factories.service("Two")
    factories.service("Draft", state=factories.PublicationState.DRAFT)
    reindex_all()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ok",
        "database": "ok",
        "search_index": "ok",
        "search_backend": search.backend_name(),
        "search_documents": 2,
        "services": 2,
    }
    assert response.headers["Cache-Control"] == "no-store"


def test_a_search_backend_that_cannot_answer_is_a_503_saying_why(client, app, monkeypatch):
    """Whichever backend: what it says is wrong is what operators read."""
    reindex_all()
    trouble = SearchStatus(search.backend_name(), False, 0, "the search tables are missing")
    monkeypatch.setattr(current_backend(), "status", lambda: trouble)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["search_index"] == "error: the search tables are missing"
    assert response.get_json()["database"] == "ok"


@pytest.mark.parametrize("app", ["whoosh"], indirect=True)
def test_missing_search_index_is_a_503_naming_the_index(client, app):
    factories.service()
    response = client.get("/healthz")
    body = response.get_json()
    assert response.status_code == 503
    assert body["status"] == "error"
    assert body["database"] == "ok"
    assert body["search_index"].startswith("error: no search index")


@pytest.mark.parametrize("app", ["whoosh"], indirect=True)
def test_damaged_search_index_is_a_503(client, app):
    reindex_all()
    folder = app.config["PORTAL_SEARCH_DIR"]
    for path in Path(folder).iterdir():
        if path.name != "VERSION":
            path.write_bytes(b"garbage")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "unreadable" in response.get_json()["search_index"]
    shutil.rmtree(folder)


@pytest.mark.parametrize("app", BACKENDS, indirect=True)
def test_unreachable_database_is_a_503_naming_the_database(client, app, monkeypatch):
    reindex_all()

    def refuse(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", refuse)
    response = client.get("/healthz")
    body = response.get_json()
    assert response.status_code == 503
    assert body["database"] == "error: OperationalError"
    assert body["status"] == "error"

"""Fixtures: a fresh database and search index per test, and a shared read-only demo portal.

The database is SQLite in the test's temporary folder, unless DATABASE_URL names PostgreSQL:
then each test session makes its own databases on that server and drops them afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from functools import partial

import pytest
from flask import Flask
from sqlalchemy import text
from werkzeug.security import generate_password_hash

from portal.extensions import db
from portal.search.embedded.readers import close_all as close_search_readers
from portal.search.embedded.upkeep import wait_for_background as wait_for_search_rebuilds
from tests.servers import postgres_database
from tests.support.apps import ON_POSTGRES, make_app

# A template that queries while it renders fails the test (portal/page_queries.py); set here,
# before any app is made, so the servers the tests start in other processes inherit it.
os.environ["PORTAL_TEMPLATES_MAY_QUERY"] = "0"


@pytest.fixture(scope="session")
def new_database_url(tmp_path_factory):
    """A factory for empty databases of the kind this run tests (SQLite or PostgreSQL)."""
    with ExitStack() as made:

        def make(label: str) -> str:
            if ON_POSTGRES:
                return made.enter_context(postgres_database(label))
            folder = tmp_path_factory.mktemp(label)
            return f"sqlite:///{folder / 'portal.sqlite3'}"

        yield make


@pytest.fixture(scope="session")
def shared_test_database(new_database_url) -> str | None:
    """On PostgreSQL, one database for the function-scoped tests, emptied after each."""
    return new_database_url("unit") if ON_POSTGRES else None


@pytest.fixture(autouse=True)
def quick_password_hashes():
    """A cheap hash in tests (each scrypt one takes a tenth of a second); checks work alike.

    Its own MonkeyPatch, not the `monkeypatch` fixture: an autouse fixture would set that one
    up before `app`, and a test's patches would then outlive the app's teardown."""
    import portal.accounts.models

    quick = partial(generate_password_hash, method="pbkdf2:sha256:1000")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(portal.accounts.models, "generate_password_hash", quick)
        yield


def _empty_all_tables() -> None:
    tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    db.session.commit()


def search_backend_asked(request) -> dict[str, str]:
    """`PORTAL_SEARCH_BACKEND` for a test: `@pytest.mark.parametrize("app", ["whoosh"],
    indirect=True)` on the test, or `SEARCH_BACKEND = "whoosh"` in its module (tests of the
    Whoosh index's own workings run on PostgreSQL too); else the database's default."""
    chosen = getattr(request, "param", None) or getattr(request.module, "SEARCH_BACKEND", None)
    return {"PORTAL_SEARCH_BACKEND": chosen} if chosen else {}


@pytest.fixture
def app(request, shared_test_database, tmp_path) -> Iterator[Flask]:
    url = shared_test_database or f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    app = make_app(url, tmp_path / "search", **search_backend_asked(request))
    with app.app_context():
        db.create_all()
        yield app
        wait_for_search_rebuilds()  # a search may have started one in the background
        close_search_readers()
        db.session.remove()
        if ON_POSTGRES:
            _empty_all_tables()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def demo_app(new_database_url, tmp_path_factory) -> Iterator[Flask]:
    """A portal loaded with the demo area and indexed, shared read-only by many tests."""
    from portal.cli import reindex_all
    from seed.loader import load_demo

    app = make_app(
        new_database_url("demo"), tmp_path_factory.mktemp("demo-search"), PORTAL_DEMO=True
    )
    with app.app_context():
        db.create_all()
        load_demo()
        reindex_all()
        db.session.remove()
    yield app
    close_search_readers()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def demo_client(demo_app):
    return demo_app.test_client()

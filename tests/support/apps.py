"""The portal as tests configure it, and which database this run tests.

The database is SQLite in the test's temporary folder, unless DATABASE_URL names PostgreSQL:
then the fixtures make their own databases on that server (tests/servers.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from portal import create_app
from tests.support.clients import Browser

SERVER_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SERVER_URL.startswith("postgresql")


def make_app(database_url: str, search_dir: Path, **overrides) -> Flask:
    """A portal on `database_url` with its files beside `search_dir`; `overrides` win."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "PORTAL_SEARCH_DIR": str(search_dir),
        "PORTAL_OUTBOX_DIR": str(Path(search_dir).with_name(Path(search_dir).name + "-outbox")),
        "PORTAL_POSTER_DIR": str(Path(search_dir).with_name(Path(search_dir).name + "-posters")),
        "PORTAL_BASE_URL": "http://portal.test",
        "PORTAL_DEMO": False,
        "PORTAL_COUNTS_CACHE_SECONDS": 0,
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": None,
    }
    config.update(overrides)
    app = create_app(config)

    app.test_client_class = Browser
    return app

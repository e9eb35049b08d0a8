"""The community directory and social-prescribing portal: `create_app()` builds the Flask app."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import config as portal_config
from portal.extensions import csrf, db, limiter, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        # PORTAL_INSTANCE_DIR: where this server keeps its own files (a second server on the
        # same machine, or a test, gives it another folder).
        instance_path=os.environ.get("PORTAL_INSTANCE_DIR") or str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(portal_config.load(Path(app.instance_path), config))
    _trust_proxies(app)
    _init_extensions(app)
    _register_blueprints(app)
    _register_template_helpers(app)

    from portal import page_queries

    page_queries.init_app(app)

    from portal.cli import register_cli
    from portal.errors import register_error_handlers
    from portal.navigation import register_navigation
    from portal.security import register_security_headers

    register_error_handlers(app)
    register_navigation(app)
    register_security_headers(app)
    register_cli(app)
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO)
        # weasyprint logs each step of every poster it prints at INFO: keep its warnings only.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind `PORTAL_PROXY_HOPS` reverse proxies, take the client's address, the scheme and the
    host from the X-Forwarded-* headers the nearest ones set (rate limits then count per
    client, not per proxy, and links use https). With 0 the app trusts none of them."""
    hops = int(app.config.get("PORTAL_PROXY_HOPS") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def _init_extensions(app: Flask) -> None:
    import portal.models  # noqa: F401  (every table, for the metadata)

    db.init_app(app)
    _release_connections_safely(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)

    from portal import search

    search.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.sign_in"
    login_manager.login_message = "Sign in to see that page."
    login_manager.login_message_category = "important"

    from portal.accounts.services import load_user

    login_manager.user_loader(load_user)

    _connect_features()


def _connect_features() -> None:
    """Tell lower packages about the higher ones they serve, so neither imports the other
    back: search learns of each changed listing, the gazetteer where our listings are, the
    freshness review which listings other directories keep, moderation whose each one is."""
    from portal import search
    from portal.directory.services import listings_centre, use_search_sync
    from portal.geo.gazetteer import use_listings_centre
    from portal.moderation.freshness import use_imported_listings
    from portal.moderation.live_listings import use_listing_sources
    from portal.oruk.provenance import imported_service_ids, source_of

    use_search_sync(search.sync)
    use_listings_centre(listings_centre)
    use_imported_listings(imported_service_ids)
    use_listing_sources(source_of)


def _release_connections_safely(app: Flask) -> None:
    """End each request's session even when the database has just gone away.

    Flask-SQLAlchemy's own teardown rolls back over the connection; if the database went away
    after the page was made, that rollback raised past every error handler and the person got
    a bare 500 for a finished page. Registered after it, this runs first: a failed rollback
    drops the connection instead (the server rolls back what it held anyway)."""

    @app.teardown_appcontext
    def release(_error=None) -> None:
        try:
            db.session.remove()
        except DBAPIError:
            app.logger.warning("Database connection lost at the end of a request; dropped it")
            db.session().invalidate()
            db.session.remove()


def _register_blueprints(app: Flask) -> None:
    from portal.accounts.views import bp as accounts_bp
    from portal.admin.views import bp as admin_bp
    from portal.community_maps import connect
    from portal.community_maps.views import bp as community_maps_bp
    from portal.groups.listing_views import bp as listings_bp
    from portal.groups.views import bp as groups_bp
    from portal.health import bp as health_bp
    from portal.insights.views import bp as insights_bp
    from portal.moderation.views import bp as moderation_bp
    from portal.oruk.views import bp as oruk_bp
    from portal.public.listing_views import bp as directory_bp
    from portal.public.search_views import bp as search_bp
    from portal.safety.views import bp as safety_bp
    from portal.search.thesaurus_views import bp as thesaurus_bp

    app.register_blueprint(directory_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(thesaurus_bp)
    for blueprint in (
        groups_bp,
        listings_bp,
        moderation_bp,
        admin_bp,
        community_maps_bp,
        connect.blueprint(),
        oruk_bp,
        insights_bp,
        safety_bp,
    ):
        app.register_blueprint(blueprint)

    from portal.prescribing import register as register_prescribing

    register_prescribing(app)

    from portal.api.views import bp as api_bp

    app.register_blueprint(api_bp)
    csrf.exempt(api_bp)  # the Open Referral API: read-only, open to every origin, no forms


def _register_template_helpers(app: Flask) -> None:
    from portal.accounts import access
    from portal.directory import presenters
    from portal.listings.wording import place_text, session_text

    app.jinja_env.globals.update(presenters.template_globals())
    app.jinja_env.globals.update(access.template_globals())
    app.jinja_env.globals.update(listing_place_text=place_text, listing_session_text=session_text)
    app.jinja_env.filters.update(presenters.template_filters())


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL and foreign keys for SQLite; other databases are left alone.

    In WAL mode `synchronous=NORMAL` syncs at checkpoints rather than at every commit: the
    database cannot be corrupted, and at worst the last commits before a power cut are lost.
    Without it every search (its log line) waited for a disk sync.
    """
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Writers queue for the one write lock rather than fail: under load (searches log a
        # row each, editors approve, groups save) a 5 s wait was too short.
        cursor.execute("PRAGMA busy_timeout=20000")
        cursor.close()

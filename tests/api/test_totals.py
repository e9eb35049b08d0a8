"""Whole-directory totals are kept between requests, and are right at once after any change,
in every worker."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from portal.accounts.models import Role
from portal.directory.models import ServiceStatus
from portal.directory.services import get_public_service, update_service
from portal.extensions import db
from portal.moderation.services import hide_listing, restore_listing
from tests import factories
from tests.api.helpers import get_json
from tests.support import make_app

LISTS = ("/api/services", "/api/service_at_locations", "/api/organizations")


def totals(client) -> tuple[int, ...]:
    return tuple(get_json(client, path)["total_items"] for path in LISTS)


@contextmanager
def counted_statements(engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        if "count(" in statement.lower():
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_totals_are_kept_while_nothing_changes(app, client, directory):
    app.config["PORTAL_COUNTS_CACHE_SECONDS"] = 3600
    assert totals(client) == (5, 5, 2)
    with counted_statements(db.engine) as counts:
        assert totals(client) == (5, 5, 2)
    assert counts == []


def test_totals_are_right_after_every_kind_of_change(app, client, directory, tmp_path):
    app.config["PORTAL_COUNTS_CACHE_SECONDS"] = 3600
    other_worker = make_app(
        app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "other", PORTAL_COUNTS_CACHE_SECONDS=3600
    )
    workers = (client, other_worker.test_client())
    try:
        for worker in workers:
            assert totals(worker) == (5, 5, 2)
        editor = factories.user("editor@example.org", role=Role.EDITOR)
        walk = get_public_service(directory["walk"])
        hide_listing(walk, editor, "Walk leader moved away")  # a conditional UPDATE
        for worker in workers:
            assert totals(worker) == (4, 4, 2)
        restore_listing(walk, editor)
        for worker in workers:
            assert totals(worker) == (5, 5, 2)
        update_service(directory["knit"], status=ServiceStatus.INACTIVE)  # through the ORM
        for worker in workers:
            assert totals(worker) == (4, 4, 2)
        factories.service("Brand new club", org=factories.organisation("New Friends"))
        for worker in workers:
            assert totals(worker) == (5, 5, 3)
        for name in ("quiz", "shed"):
            update_service(directory[name], status=ServiceStatus.DEFUNCT)
        for worker in workers:
            assert totals(worker) == (3, 3, 2)
    finally:
        with other_worker.app_context():
            db.engine.dispose()

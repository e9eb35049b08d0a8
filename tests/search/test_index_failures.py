"""The search index after a failure (issue 11): failed writes, stale content, a missing or
damaged index, concurrent rebuilds, a segment cut short under a reader, and what /healthz says.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import textwrap
import threading
import uuid
from contextlib import contextmanager
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from portal import search
from portal.cli import reindex_all
from portal.db import as_utc, utcnow
from portal.directory.models import Schedule, Service, ServiceAttribute, TaxonomyTerm
from portal.directory.services import update_service
from portal.directory.summaries import service_summaries
from portal.extensions import db
from portal.search.documents import content_version
from portal.search.embedded import engine, index, upkeep
from portal.search.embedded.index import directory, index_status, indexed_versions
from portal.search.embedded.locking import rebuild_lock
from portal.search.embedded.readers import close_all
from portal.search.models import IndexBacklog
from portal.search.query import SearchQuery
from tests import factories
from tests.support import page

SEARCH_BACKEND = "whoosh"  # the Whoosh index's own workings, on PostgreSQL too
NOTE = "Search is being rebuilt: these results may be incomplete."


def ranked_names(**asked) -> list[str]:
    ranked = engine.rank(SearchQuery(**asked), None, 0, 50, {}, date.today())
    return [s.name for s in service_summaries([uuid.UUID(i) for i in ranked.ids])]


@pytest.fixture
def full_disk(monkeypatch):
    """Every index write fails as on a full disk, until the test calls `.clear()`."""

    @contextmanager
    def refuse():
        raise OSError(28, "No space left on device")
        yield  # pragma: no cover

    monkeypatch.setattr(index, "writer", refuse)
    return monkeypatch.undo


def backlog_ids() -> set[uuid.UUID]:
    db.session.expire_all()
    return {row.service_id for row in db.session.scalars(select(IndexBacklog))}


# --- a write that fails after the commit ---------------------------------------------------


def test_a_failed_index_write_is_queued_reported_and_repaired(client, app, runner, full_disk):
    club = factories.service("Garden Club", description="Digging together.")
    reindex_all()
    update_service(str(club.id), name="Allotment Society")  # index.writer fails: no exception
    assert backlog_ids() == {club.id}
    health = client.get("/healthz")
    assert health.status_code == 503
    assert "behind: 1 listing waiting to be indexed" in health.get_json()["search_index"]
    assert "No space left on device" in health.get_json()["search_index"]
    assert ranked_names(text="allotment") == []

    full_disk()  # space again
    result = runner.invoke(args=["search", "repair"])
    assert result.exit_code == 0, result.output
    assert "Retried 1 waiting listing(s) (0 still failing)" in result.output
    assert ranked_names(text="allotment") == ["Allotment Society"]
    assert backlog_ids() == set()
    assert client.get("/healthz").status_code == 200


def test_a_repair_that_still_cannot_write_counts_the_attempt(app, full_disk):
    club = factories.service("Garden Club")
    reindex_all()
    update_service(str(club.id), name="Allotment Society")
    with pytest.raises(OSError):
        upkeep.repair_index()  # the changed listing cannot be written either
    row = db.session.get(IndexBacklog, club.id)
    assert row.attempts >= 2 and "No space left" in row.last_error


def test_an_approval_whose_index_write_fails_is_still_reported_as_done(
    client, app, full_disk, monkeypatch
):
    from portal.accounts.models import Role
    from tests.moderation.test_workflow import approve
    from tests.support import sign_in
    from tests.support.listings import submitted_listing

    org = factories.organisation("Crowthorne Good Companions")
    db.session.commit()
    member = factories.user(
        "gwen@example.org",
        role=Role.GROUP_MEMBER,
        name="Gwen Group",
        organisations=(org,),
    )
    editor = factories.user("eve@example.org", role=Role.EDITOR, name="Eve Editor")
    reindex_all()
    revision = submitted_listing(member, org)
    editor_client = app.test_client()
    sign_in(editor_client, editor)

    response = approve(editor_client, revision)
    assert response.status_code == 302  # done, not a 500
    db.session.refresh(revision)
    assert revision.service.is_public
    assert backlog_ids() == {revision.service.id}
    assert client.get("/healthz").status_code == 503

    full_disk()
    upkeep.repair_index()
    assert "Knit and Natter" in ranked_names(text="knitting")
    assert backlog_ids() == set()
    assert client.get("/healthz").status_code == 200


# --- changes the index never heard of ------------------------------------------------------


def test_repair_finds_a_listing_changed_behind_the_index_by_its_content_version(app):
    walk = factories.service(
        "Walking Group", needs=("getting-active",), schedules=[factories.weekly("MO")]
    )
    quiet = factories.service("Quiet Club")
    reindex_all()
    assert upkeep.repair_index().changes == 0
    versions = indexed_versions()
    assert versions[str(walk.id)] == content_version(walk.updated_at)

    # only a schedule changes (the service row itself is untouched)
    db.session.scalars(select(Schedule).where(Schedule.service_id == walk.id)).one().byday = "SA"
    db.session.commit()
    report = upkeep.repair_index()
    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    assert ranked_names(text="walking", days=("sat",)) == ["Walking Group"]

    # only its needs change
    term = db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.code == "food")).one()
    db.session.add(ServiceAttribute(service_id=walk.id, taxonomy_term_id=term.id))
    db.session.commit()
    assert upkeep.repair_index().updated == 1
    assert ranked_names(needs=("food",)) == ["Walking Group"]

    # only its name, written straight to the table (no ORM, no reindex)
    db.session.execute(
        Service.__table__.update()
        .where(Service.__table__.c.id == quiet.id)
        .values(name="Silent Reading Club")
    )
    db.session.commit()
    assert upkeep.repair_index().updated == 1
    assert ranked_names(text="silent") == ["Silent Reading Club"]
    assert upkeep.repair_index().changes == 0


def test_a_workers_minutely_check_compares_only_what_changed_since_its_last(app):
    """A person's search never waits for the whole directory to be compared (1.3 s at
    100,000 listings): the check inside it reads only the listings changed since the last."""
    walk = factories.service("Walking Group", schedules=[factories.weekly("MO")])
    quiet = factories.service("Quiet Club")
    gone = factories.service("Gone Club")
    reindex_all()
    before_changes = utcnow()
    db.session.scalars(select(Schedule).where(Schedule.service_id == walk.id)).one().byday = "SA"
    db.session.execute(  # straight to the table: updated_at still moves
        Service.__table__.update()
        .where(Service.__table__.c.id == quiet.id)
        .values(name="Silent Reading Club")
    )
    db.session.execute(
        Service.__table__.update()
        .where(Service.__table__.c.id == gone.id)
        .values(publication_state="archived")
    )
    db.session.commit()
    new = factories.service("New Club")
    report = upkeep.repair_recent(before_changes)
    assert (report.added, report.updated, report.removed) == (1, 2, 1)
    assert ranked_names(text="walking", days=("sat",)) == ["Walking Group"]
    assert ranked_names(text="silent") == ["Silent Reading Club"]
    assert str(new.id) in indexed_versions() and str(gone.id) not in indexed_versions()
    assert upkeep.repair_recent(before_changes).changes == 0
    assert upkeep.repair_index().changes == 0  # the full comparison agrees


def test_changes_before_the_last_check_are_left_to_the_full_comparison(app):
    club = factories.service("Book Club")
    reindex_all()
    db.session.execute(
        Service.__table__.update()
        .where(Service.__table__.c.id == club.id)
        .values(name="Poetry Club", updated_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()
    assert upkeep.repair_recent(utcnow()).changes == 0  # looks only after the last check
    assert upkeep.repair_index().updated == 1  # the server's start and the hourly job do
    assert ranked_names(text="poetry") == ["Poetry Club"]


def test_searches_in_one_worker_check_from_where_the_last_check_ended(client, app):
    factories.service("Book Club")
    reindex_all()
    kept = app.extensions.setdefault("portal.search", {})
    for name in ("Poetry Club", "Sonnet Club"):
        club = db.session.scalars(select(Service)).one()
        db.session.execute(  # the index is not told
            Service.__table__.update().where(Service.__table__.c.id == club.id).values(name=name)
        )
        db.session.commit()
        kept["checked"] = -1e9  # a minute has passed
        html = client.get(f"/search?q={name.split()[0]}").get_data(as_text=True)
        assert name in html
    assert kept["repaired_through"] > as_utc(club.updated_at)


def test_the_server_compares_everything_before_it_answers(app):
    club = factories.service("Book Club")
    reindex_all()
    db.session.execute(  # changed while no server was running, long ago
        Service.__table__.update()
        .where(Service.__table__.c.id == club.id)
        .values(name="Poetry Club", updated_at=utcnow() - timedelta(days=2))
    )
    db.session.commit()
    assert search.prepare() is False  # nothing to build: the index was usable
    assert ranked_names(text="poetry") == ["Poetry Club"]


def test_changing_a_child_row_or_the_organisation_name_moves_the_version(app):
    club = factories.service("Book Club", schedules=[factories.weekly("TU")])
    before = club.updated_at
    club.schedules[0].opens_at = time(19, 0)
    db.session.commit()
    after_schedule = club.updated_at
    assert after_schedule > before
    club.organisation.name = "Renamed Readers"
    db.session.commit()
    assert club.updated_at > after_schedule
    club.schedules.clear()
    db.session.commit()
    assert club.updated_at > after_schedule


def test_repair_removes_what_is_no_longer_public_and_adds_what_is_missing(app):
    gone = factories.service("Gone Club")
    reindex_all()
    db.session.execute(
        Service.__table__.update()
        .where(Service.__table__.c.id == gone.id)
        .values(publication_state="archived")
    )
    db.session.commit()
    new = factories.service("New Club")
    report = upkeep.repair_index()
    assert (report.added, report.removed) == (1, 1)
    assert set(indexed_versions()) == {str(new.id)}


# --- a missing or damaged index ------------------------------------------------------------


@pytest.fixture
def listed(app):
    factories.service("Crowthorne Walking Group", description="A walk in the woods.")
    factories.service("Tuesday Natter", description="Tea and chat.")
    reindex_all()
    close_all()
    app.extensions.pop("portal.search", None)


def _segment_files() -> list[Path]:
    return sorted(directory().glob("*.seg"))


def damage(how: str) -> None:
    folder = directory()
    if how == "missing":
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    elif how == "truncated segment":
        for segment in _segment_files():
            os.truncate(segment, segment.stat().st_size // 3)
    elif how == "garbage table of contents":
        for toc in folder.glob("*.toc"):
            toc.write_bytes(b"\x00garbage" * 20)


@pytest.mark.parametrize("how", ["missing", "truncated segment", "garbage table of contents"])
def test_a_damaged_index_is_rebuilt_in_the_background_while_the_database_answers(
    client, listed, how
):
    damage(how)
    html = page(client, "/search?q=walk")
    assert "Crowthorne Walking Group" in html and NOTE in html
    upkeep.wait_for_background()
    assert index_status().ok
    html = page(client, "/search?q=walk")
    assert "Crowthorne Walking Group" in html and NOTE not in html


def test_a_search_never_rebuilds_the_index_in_the_request(client, listed, monkeypatch):
    real, rebuilt_in = upkeep.rebuild, []

    def recording_rebuild(*args, **kwargs):
        rebuilt_in.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(upkeep, "rebuild", recording_rebuild)
    damage("missing")
    assert NOTE in page(client, "/search?q=walk")
    upkeep.wait_for_background()
    assert rebuilt_in == ["search-rebuild"]  # the background thread, not the request's


@contextmanager
def rebuilding_elsewhere():
    """Another process holds the rebuild lock (a thread of its own, so it is not ours)."""
    taken, release = threading.Event(), threading.Event()
    folder = directory()

    def hold():
        with rebuild_lock(folder) as won:
            assert won
            taken.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait(10)
    try:
        yield
    finally:
        release.set()
        holder.join()


@pytest.mark.parametrize("how", ["missing", "truncated segment", "garbage table of contents"])
def test_while_another_process_rebuilds_searches_answer_from_the_database(client, listed, how):
    damage(how)
    with rebuilding_elsewhere():
        html = page(client, "/search?q=walk")
        assert "Crowthorne Walking Group" in html and "Tuesday Natter" not in html
        assert NOTE in html
        health = client.get("/healthz")
        assert health.status_code == 503
        doing = "building" if how == "missing" else "rebuilding"
        assert health.get_json()["search_index"].startswith(
            f"error: {doing}: searches are answered from the database meanwhile"
        )
    assert NOTE in page(client, "/search?q=chat")  # this search starts a rebuild of its own
    upkeep.wait_for_background()
    html = page(client, "/search?q=chat")
    assert "Tuesday Natter" in html and NOTE not in html


def test_the_old_index_answers_while_a_stale_one_is_rebuilt_elsewhere(client, listed):
    (directory() / "VERSION").write_text("an older schema")
    with rebuilding_elsewhere():
        html = page(client, "/search?q=walk")
    assert "Crowthorne Walking Group" in html and NOTE not in html


def test_the_database_answer_keeps_needs_and_place(client, app):
    from portal.geo import find_place

    here = find_place("Crowthorne")
    factories.service(
        "Near Walk",
        needs=("getting-active",),
        location=factories.venue("Hall", latitude=here.latitude, longitude=here.longitude),
    )
    factories.service(
        "Far Walk",
        needs=("getting-active",),
        location=factories.venue("Far Hall", latitude=53.8, longitude=-1.55),
    )
    factories.service("Near Lunch", needs=("food",))
    damage("missing")
    with rebuilding_elsewhere():
        html = page(client, "/search?need=getting-active&where=Crowthorne&radius=5")
    assert NOTE in html
    assert "Near Walk" in html and "Far Walk" not in html and "Near Lunch" not in html


def test_the_database_answer_lists_open_activities_before_closed_ones(client, app):
    from portal.directory.models import ServiceStatus

    factories.service("Alder Bereavement Cafe", status=ServiceStatus.TEMPORARILY_CLOSED)
    factories.service("Yew Bereavement Walk")
    damage("missing")
    with rebuilding_elsewhere():
        html = page(client, "/search?q=bereavement")
    assert NOTE in html
    assert html.index("Yew Bereavement Walk") < html.index("Alder Bereavement Cafe")


# --- several processes ----------------------------------------------------------------------


def _rebuild_in_another_process(args):
    """Ask for a rebuild as a search would; True when this process's thread rebuilt."""
    url, folder, barrier = args
    import time as clock

    from portal.search.embedded import index as index_module
    from portal.search.embedded import upkeep as upkeep_module
    from tests.support import make_app

    real, built = index_module._build, []

    def slow_build(*a, **k):
        built.append(True)
        clock.sleep(1.0)  # long enough that the two attempts overlap
        return real(*a, **k)

    index_module._build = slow_build
    other = make_app(url, folder, PORTAL_SEARCH_BACKEND="whoosh")
    with other.app_context():
        barrier.wait(30)
        upkeep_module.start_rebuild(other, "test")
        upkeep_module.wait_for_background()
        db.engine.dispose()
    return bool(built)


def test_two_processes_asked_to_rebuild_at_once_rebuild_once(app):
    for n in range(40):
        factories.service(f"Club {n:02d}")
    folder = Path(app.config["PORTAL_SEARCH_DIR"])
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        barrier = manager.Barrier(2)
        with context.Pool(2) as pool:
            url = app.config["SQLALCHEMY_DATABASE_URI"]
            results = pool.map(_rebuild_in_another_process, [(url, str(folder), barrier)] * 2)
    assert sorted(results) == [False, True]
    assert index_status().documents == 40
    assert [p.name for p in folder.parent.iterdir() if p.name.startswith("search.")] == [
        "search.lock"
    ]


def _rebuild_index_blocking(args):
    url, folder = args
    from portal.search.embedded.upkeep import rebuild_index
    from tests.support import make_app

    other = make_app(url, folder, PORTAL_SEARCH_BACKEND="whoosh")
    with other.app_context():
        count = rebuild_index()
        db.engine.dispose()
    return count


def test_two_rebuild_commands_at_once_wait_for_each_other(app):
    for n in range(60):
        factories.service(f"Group {n:02d}")
    url, folder = app.config["SQLALCHEMY_DATABASE_URI"], app.config["PORTAL_SEARCH_DIR"]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        counts = pool.map(_rebuild_index_blocking, [(url, folder)] * 2)
    assert counts == [60, 60]
    assert index_status().documents == 60


# --- a segment cut short under a reading process ------------------------------------------

READER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from tests.support import make_app
    from portal.extensions import db
    from portal.search.embedded.upkeep import wait_for_background

    app = make_app(sys.argv[1], Path(sys.argv[2]), PORTAL_SEARCH_BACKEND="whoosh")
    client = app.test_client()
    with app.app_context():
        assert client.get("/search?q=walk").status_code == 200  # segment opened and read
        for segment in Path(sys.argv[2]).glob("*.seg"):
            os.truncate(segment, 64)
        response = client.get("/search?q=zebra+crossing&need=food")  # words never read yet
        print("status", response.status_code, flush=True)
        response = client.get("/search?q=tea")
        print("status", response.status_code, "Tuesday Natter" in response.get_data(as_text=True))
        wait_for_background()  # the rebuild the damaged segment started
        db.engine.dispose()
    """
)


def test_a_segment_truncated_under_a_reader_does_not_kill_the_process(app):
    factories.service("Crowthorne Walking Group", description="A walk in the woods.")
    factories.service("Tuesday Natter", description="Tea and chat, zebra crossing nearby.")
    reindex_all()
    done = subprocess.run(
        [sys.executable, "-c", READER, app.config["SQLALCHEMY_DATABASE_URI"], str(directory())],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-3000:])
    assert done.stdout.splitlines() == ["status 200", "status 200 True"]


# --- /healthz ------------------------------------------------------------------------------


def test_healthz_names_an_index_folder_that_cannot_be_written(client, app, monkeypatch):
    reindex_all()
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if ".write-check" in str(path):
            raise OSError(30, "Read-only file system")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(index.os, "open", read_only)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "cannot be written" in response.get_json()["search_index"]
    assert "Read-only file system" in response.get_json()["search_index"]


def test_healthz_reports_a_rebuild_beside_a_usable_index_as_healthy(client, app):
    reindex_all()
    with rebuilding_elsewhere():
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["search_index"].startswith("rebuilding")

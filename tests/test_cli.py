"""The commands `make run` relies on."""

import shutil

import pytest

from portal import search
from portal.extensions import db
from tests import factories


def test_seed_load_prints_the_demo_accounts(runner, app):
    app.config["PORTAL_DEMO"] = True
    result = runner.invoke(args=["seed", "load"])
    assert result.exit_code == 0, result.output
    assert "Loaded" in result.output and "services from" in result.output
    assert "connector@demo.example.org" in result.output
    assert "password: demo-password-2026" in result.output
    again = runner.invoke(args=["seed", "load", "--quiet"])
    assert "Demo data already loaded" in again.output


def test_seed_load_refuses_real_data_with_a_clear_message(runner, app):
    factories.service("A real listing")
    result = runner.invoke(args=["seed", "load"])
    assert result.exit_code == 1
    assert "already holds real data (1 organisations, 1 services)" in result.output


@pytest.mark.parametrize("app", ["whoosh"], indirect=True)  # PostgreSQL's is never behind
def test_reindex_builds_the_index_and_skips_when_up_to_date(runner, app):
    factories.service("One")
    factories.service("Two")
    first = runner.invoke(args=["search", "reindex", "--if-needed"])
    assert "Indexed 2 services." in first.output
    assert search.status().documents == 2
    second = runner.invoke(args=["search", "reindex", "--if-needed"])
    assert "Search index is up to date." in second.output
    db.session.commit()


def test_search_status_names_the_backend_and_what_it_holds(runner, app):
    factories.service("One")
    runner.invoke(args=["search", "reindex"])
    result = runner.invoke(args=["search", "status"])
    assert result.exit_code == 0, result.output
    assert f"Backend: {search.backend_name()}" in result.output
    assert "Documents: 1" in result.output and "Problem: none" in result.output


@pytest.mark.parametrize("app", ["whoosh"], indirect=True)
def test_search_prepare_builds_a_missing_index_before_the_server_answers(runner, app):
    factories.service("One")
    factories.service("Two")
    missing = runner.invoke(args=["search", "status"])
    assert missing.exit_code == 1 and "Problem: no search index" in missing.output
    first = runner.invoke(args=["search", "prepare"])
    assert first.exit_code == 0, first.output
    assert "Built search (whoosh, 2 listings)." in first.output
    again = runner.invoke(args=["search", "prepare"])
    assert "Search is ready (whoosh, 2 listings)." in again.output


@pytest.mark.parametrize("app", ["whoosh"], indirect=True)
def test_search_repair_rebuilds_an_index_that_is_gone(runner, app):
    factories.service("One")
    runner.invoke(args=["search", "reindex"])
    shutil.rmtree(app.config["PORTAL_SEARCH_DIR"])
    result = runner.invoke(args=["search", "repair"])
    assert result.exit_code == 0, result.output
    assert "Rebuilt the search index (no search index in" in result.output
    assert search.status().documents == 1


def test_vocabulary_loads_idempotently(runner, app):
    assert "(44 new terms)" in runner.invoke(args=["directory", "load-vocabulary"]).output
    assert "(0 new terms)" in runner.invoke(args=["directory", "load-vocabulary"]).output


def test_seed_prepare_migrates_loads_and_indexes_then_keeps_data(new_database_url, tmp_path):
    from tests.support import make_app

    app = make_app(
        new_database_url("prepare"),
        tmp_path / "search",
        PORTAL_DEMO=True,
        PORTAL_SEARCH_BACKEND="whoosh",  # an index to build (PostgreSQL's is written as it goes)
    )
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed", "prepare"])
    assert first.exit_code == 0, first.output
    assert "Loaded" in first.output
    # The index holds every public listing (the demo's year of searches, counted by real
    # searches while loading, may have built it already: then prepare finds it up to date).
    assert "Indexed" in first.output or "Search index is up to date." in first.output
    with app.app_context():
        from portal import search
        from portal.directory.services import count_public_services

        status = search.status()
        assert status.ok and status.documents == count_public_services() > 0
    second = runner.invoke(args=["seed", "prepare"])
    assert "Demo data already loaded" in second.output
    assert "Search index is up to date." in second.output
    with app.app_context():
        db.engine.dispose()


def test_commands_on_an_empty_database_say_to_migrate_first(new_database_url, tmp_path):
    from tests.support import make_app

    app = make_app(new_database_url("empty"), tmp_path / "search")
    runner = app.test_cli_runner()
    for command in (["seed", "load"], ["search", "reindex"], ["directory", "load-vocabulary"]):
        result = runner.invoke(args=command)
        assert result.exit_code == 1, command
        assert "The database has no tables yet" in result.output, command
        assert "Traceback" not in result.output
    with app.app_context():
        db.engine.dispose()

"""The commands `make run` relies on."""

from portal.extensions import db
from portal.search import index_status
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


def test_reindex_builds_the_index_and_skips_when_up_to_date(runner, app):
    factories.service("One")
    factories.service("Two")
    first = runner.invoke(args=["search", "reindex", "--if-needed"])
    assert "Indexed 2 services." in first.output
    assert index_status().documents == 2
    second = runner.invoke(args=["search", "reindex", "--if-needed"])
    assert "Search index is up to date." in second.output
    db.session.commit()


def test_vocabulary_loads_idempotently(runner, app):
    assert "(44 new terms)" in runner.invoke(args=["directory", "load-vocabulary"]).output
    assert "(0 new terms)" in runner.invoke(args=["directory", "load-vocabulary"]).output


def test_seed_prepare_migrates_loads_and_indexes_then_keeps_data(new_database_url, tmp_path):
    from tests.conftest import make_app

    app = make_app(new_database_url("prepare"), tmp_path / "search", PORTAL_DEMO=True)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed", "prepare"])
    assert first.exit_code == 0, first.output
    assert "Loaded" in first.output and "Indexed" in first.output
    second = runner.invoke(args=["seed", "prepare"])
    assert "Demo data already loaded" in second.output
    assert "Search index is up to date." in second.output
    with app.app_context():
        db.engine.dispose()


def test_commands_on_an_empty_database_say_to_migrate_first(new_database_url, tmp_path):
    from tests.conftest import make_app

    app = make_app(new_database_url("empty"), tmp_path / "search")
    runner = app.test_cli_runner()
    for command in (["seed", "load"], ["search", "reindex"], ["directory", "load-vocabulary"]):
        result = runner.invoke(args=command)
        assert result.exit_code == 1, command
        assert "The database has no tables yet" in result.output, command
        assert "Traceback" not in result.output
    with app.app_context():
        db.engine.dispose()

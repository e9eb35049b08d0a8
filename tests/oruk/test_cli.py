"""`flask oruk ...`: the dry run printed in plain English, then applied on asking; recent runs;
the scheduled pull's one line per feed; exit codes a script can rely on."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from portal.directory.models import Service
from portal.extensions import db
from portal.oruk.models import Feed, ImportRun, RunState
from portal.oruk.pull import register_source
from tests.oruk.importing import listing_by_name, service_record, vocabularies, write_json


def run_id_in(output: str) -> str:
    return output.split("flask oruk apply ")[1].split()[0]


def test_import_prints_the_dry_run_and_how_to_apply_it(runner, app, tmp_path):
    vocabularies()
    broken = {"id": "svc-broken", "status": "active"}
    bare = service_record(3, contacts=[], email=None, url=None, application_process=None)
    bare["service_at_locations"] = []
    path = write_json(tmp_path, [service_record(1), service_record(2), broken, bare])

    result = runner.invoke(args=["oruk", "import", str(path), "--name", "Walks"])

    assert result.exit_code == 0, result.output
    out = result.output
    assert "Read 4 records" in out
    assert "New: 3" in out and "Rejected: 1" in out and "Withdrawn: 0" in out
    assert "record svc-broken: name: The record has no name." in out
    assert "record svc-3 (Walking group 3): a place (an address or postcode)" in out
    assert "Nothing is written yet. To apply it: flask oruk apply " in out
    assert db.session.scalars(select(Service)).all() == []
    assert db.session.scalars(select(Feed.name)).all() == ["Walks"]

    applied = runner.invoke(args=["oruk", "apply", run_id_in(out)])

    assert applied.exit_code == 0, applied.output
    assert "Applied: 3 new, 0 changed, 0 withdrawn." in applied.output
    assert listing_by_name("Walking group 1").is_public
    again = runner.invoke(args=["oruk", "apply", run_id_in(out)])
    assert again.exit_code == 1
    assert "already applied" in again.output


def test_import_with_apply_takes_it_in_at_once_and_lists_unmapped_terms(runner, app, tmp_path):
    vocabularies()
    from tests.oruk.importing import term_attribute

    odd = term_attribute("Council needs", "F1", "Ferret care")
    path = write_json(tmp_path, [service_record(1, attributes=[odd])])

    result = runner.invoke(args=["oruk", "import", str(path), "--apply", "--kind", "json"])

    assert result.exit_code == 0, result.output
    assert "Terms we cannot map yet" in result.output
    assert "Council needs: Ferret care (1 record)" in result.output
    assert "Applied: 1 new" in result.output
    assert listing_by_name("Walking group 1").is_public

    again = runner.invoke(args=["oruk", "import", str(path), "--apply"])

    assert "Unchanged: 1" in again.output and "Applied: 0 new, 0 changed" in again.output


def test_a_withdrawal_and_a_possible_duplicate_are_printed(runner, app, tmp_path):
    vocabularies()
    path = write_json(tmp_path, [service_record(1), service_record(2)])
    runner.invoke(args=["oruk", "import", str(path), "--apply"])
    write_json(tmp_path, [service_record(1), service_record(3, name="Walking group 2")])

    result = runner.invoke(args=["oruk", "import", str(path)])

    assert "Withdrawn: 1" in result.output
    assert "Withdrawn at source (will be hidden, not deleted) (1):" in result.output
    assert "record svc-2: Walking group 2" in result.output
    assert "May already be listed here" in result.output
    assert "looks like our “Walking group 2”" in result.output


def test_a_feed_that_cannot_be_read_exits_1_and_says_why(runner, app, tmp_path):
    vocabularies()
    path = tmp_path / "feed.json"
    path.write_text("this is not JSON", encoding="utf-8")

    result = runner.invoke(args=["oruk", "import", str(path), "--kind", "json"])

    assert result.exit_code == 1
    assert "The import could not finish:" in result.output
    assert "Nothing was imported." in result.output
    assert db.session.scalars(select(ImportRun.state)).all() == [RunState.FAILED]


def test_bad_arguments_exit_2(runner, app, tmp_path):
    missing = runner.invoke(args=["oruk", "import", str(tmp_path / "nowhere.json")])
    assert missing.exit_code == 2 and "There is no file or folder at" in missing.output
    wrong_kind = runner.invoke(args=["oruk", "import", "x.json", "--kind", "xml"])
    assert wrong_kind.exit_code == 2
    not_an_id = runner.invoke(args=["oruk", "apply", "twelve"])
    assert not_an_id.exit_code == 2 and "not an import's id" in not_an_id.output
    unknown = runner.invoke(args=["oruk", "apply", str(uuid.uuid4())])
    assert unknown.exit_code == 2 and "no import with that id" in unknown.output


def test_runs_lists_recent_imports(runner, app, tmp_path):
    vocabularies()
    path = write_json(tmp_path, [service_record(1)])
    assert runner.invoke(args=["oruk", "runs"]).output.strip() == "No imports yet."
    runner.invoke(args=["oruk", "import", str(path), "--name", "Walks"])

    listed = runner.invoke(args=["oruk", "runs"])

    assert listed.exit_code == 0
    assert "Walks: Waiting to be applied (1 new, 0 changed" in listed.output


def test_pull_prints_one_line_per_feed_and_says_when_another_pull_holds_it(runner, app, tmp_path):
    vocabularies()
    first = register_source(str(write_json(tmp_path, [service_record(1)], "a.json")), name="A")
    second = register_source(str(write_json(tmp_path, [service_record(2)], "b.json")), name="B")
    assert runner.invoke(args=["oruk", "pull"]).output.strip() == (
        "No feeds are pulled on a schedule."
    )
    from datetime import timedelta

    from portal.db import utcnow

    first.pull_every_hours = second.pull_every_hours = 24
    second.pull_lease_until = utcnow() + timedelta(hours=1)
    db.session.commit()

    result = runner.invoke(args=["oruk", "pull"])

    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("A: 1 new, 0 changed, 0 unchanged, 0 withdrawn, 0 problems")
    assert "flask oruk apply" in lines[0]
    assert lines[1] == "B: another pull is reading it now; left alone"


def test_export_writes_the_public_directory_in_both_formats(runner, app, tmp_path):
    import json
    import zipfile

    from tests import factories

    listing = factories.service("Tuesday Chatter Café")
    factories.service("A draft", state=factories.PublicationState.DRAFT)

    lines = runner.invoke(
        args=["oruk", "export", "--format", "ndjson", "--output", str(tmp_path / "d.ndjson")]
    )
    package = runner.invoke(
        args=["oruk", "export", "--format", "csv", "--output", str(tmp_path / "d.zip")]
    )

    assert lines.exit_code == 0 and package.exit_code == 0, (lines.output, package.output)
    assert lines.output.strip() == f"Wrote 1 listing to {tmp_path / 'd.ndjson'}."
    records = [json.loads(line) for line in (tmp_path / "d.ndjson").read_text().splitlines()]
    assert [r["id"] for r in records] == [str(listing.id)]
    with zipfile.ZipFile(tmp_path / "d.zip") as archive:
        assert "services.csv" in archive.namelist()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".export-")] == []
    assert "Wrote 1 listing" in package.output


def test_an_export_that_fails_leaves_no_file(runner, app, tmp_path, monkeypatch):
    import portal.api.export

    def broken(_out):
        raise OSError("No space left on device")

    monkeypatch.setattr(portal.api.export, "write_ndjson", broken)
    folder = tmp_path / "exports"
    folder.mkdir()
    result = runner.invoke(
        args=["oruk", "export", "--format", "ndjson", "--output", str(folder / "d.ndjson")]
    )

    assert result.exit_code != 0
    assert list(folder.iterdir()) == []

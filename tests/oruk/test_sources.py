"""Reading services from another directory: an ORUK API (every page), JSON files, CSV packages,
and the failures that stop a read with a sentence an administrator can act on."""

from __future__ import annotations

import io
import json
import socket
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from portal.oruk import sources
from portal.oruk.incoming import Problem
from portal.oruk.models import FeedKind
from portal.oruk.sources import SourceFailed, current_ids, detect_kind, read_services
from portal.oruk.tabular import write_package
from tests.oruk.feeds import a_service, serve_feed

EXAMPLES = Path(__file__).resolve().parents[2] / "standards" / "oruk" / "examples"


def services(count: int, **fields) -> list[dict]:
    return [a_service(f"svc-{n}", f"Group {n}", **fields) for n in range(1, count + 1)]


def read(location: str, kind: FeedKind = FeedKind.API, **options) -> list[dict | Problem]:
    return list(read_services(location, kind, **options))


def ids(items: list) -> list[str]:
    return [item["id"] for item in items if isinstance(item, dict)]


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- an API --------------------------------------------------------------------------------


def test_every_page_is_read_not_just_the_first():
    with serve_feed(services(5), per_page=2) as (base_url, state):
        items = read(base_url)
    assert ids(items) == ["svc-1", "svc-2", "svc-3", "svc-4", "svc-5"]
    assert state.requests["/services"] == 3
    assert [q["page"] for q in state.queries] == [["1"], ["2"], ["3"]]
    assert all(q["per_page"] == ["100"] for q in state.queries)


def test_list_entries_that_are_not_full_are_fetched_whole():
    with serve_feed(services(3), per_page=2) as (base_url, state):
        items = read(base_url)
    assert all(state.requests[f"/services/svc-{n}"] == 1 for n in (1, 2, 3))
    assert items[0]["schedules"][0]["byday"] == "TU"
    assert items[2]["service_at_locations"][0]["location"]["name"] == "Priestwood Community Centre"


def test_full_list_entries_are_not_fetched_again():
    with serve_feed(services(3), per_page=2, list_full=True) as (base_url, state):
        items = read(base_url)
    assert ids(items) == ["svc-1", "svc-2", "svc-3"]
    assert not [path for path in state.requests if path.startswith("/services/")]


def test_modified_after_is_passed_on_and_only_changed_services_come_back():
    records = services(4)
    records[2]["last_modified"] = "2025-06-02T09:00:00+00:00"
    with serve_feed(records, per_page=2) as (base_url, state):
        since = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
        items = read(base_url, modified_after=since)
    assert ids(items) == ["svc-3"]
    assert state.queries[0]["modified_after"] == ["2025-06-01T12:00:00+00:00"]


def test_a_server_error_half_way_stops_the_read_naming_the_page():
    with (
        serve_feed(services(5), per_page=2, fail_on_page=2) as (base_url, _state),
        pytest.raises(SourceFailed) as failed,
    ):
        read(base_url)
    assert str(failed.value) == "The feed answered 500 Internal Server Error for page 2 of 3."


def test_a_malformed_record_is_a_problem_and_reading_goes_on():
    with serve_feed(services(5), per_page=2, malformed_ids=("svc-2",)) as (base_url, state):
        state.raw_entries["svc-4"] = "not a service"
        items = read(base_url)
    assert ids(items) == ["svc-1", "svc-3", "svc-5"]
    problems = [item for item in items if isinstance(item, Problem)]
    assert [(p.record_id, p.field) for p in problems] == [("", "id"), ("", "")]
    assert problems[0].reason == (
        "“Group 2” (record 2 on page 1) has no id, so it cannot be imported or updated later."
    )
    assert (
        problems[1].reason == "The record 2 on page 2 is text, not an object, so it was not read."
    )


def test_a_service_the_list_names_but_the_api_cannot_find_is_a_problem_with_its_id():
    with serve_feed(services(2), per_page=2) as (base_url, state):
        state.raw_entries["svc-2"] = {"id": "svc-gone", "name": "Gone"}
        items = read(base_url)
    assert ids(items) == ["svc-1"]
    assert items[1].record_id == "svc-gone"
    assert "answered 404 Not Found for its details" in items[1].reason


def test_connection_refused_stops_the_read(closed_port):
    with pytest.raises(SourceFailed) as failed:
        read(f"http://127.0.0.1:{closed_port}")
    assert str(failed.value) == (
        f"Could not connect to 127.0.0.1:{closed_port}: the connection was refused."
    )


def test_a_server_that_never_answers_stops_the_read_after_the_timeout():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        with pytest.raises(SourceFailed) as failed:
            read(f"http://127.0.0.1:{port}", timeout=0.2)
    assert str(failed.value) == f"127.0.0.1:{port} did not answer within 0.2 seconds."


def test_requests_name_the_portal():
    with serve_feed(services(1)) as (base_url, state):
        read(base_url)
    assert state.user_agents and all("community-portal" in agent for agent in state.user_agents)


def test_an_answer_that_is_not_json_stops_the_read(tmp_path):
    with serve_feed(services(1)) as (base_url, _state), pytest.raises(SourceFailed) as failed:
        read(base_url + "/nothing-here")
    assert str(failed.value) == "The feed answered 404 Not Found for page 1."


def test_a_server_ignoring_the_page_number_fails_rather_than_withdrawing_the_rest():
    with serve_feed(services(5), per_page=2) as (base_url, state):
        state.ignore_page = True
        with pytest.raises(SourceFailed) as failed:
            read(base_url)
    assert "already given, after 2 of its 5 services" in str(failed.value)


def test_a_repeated_last_page_ends_the_read_when_everything_was_read():
    with serve_feed(services(2), per_page=2) as (base_url, state):
        state.ignore_page, state.claim_pages = True, 4
        items = read(base_url)
    assert ids(items) == ["svc-1", "svc-2"]
    assert state.requests["/services"] == 2


def test_an_empty_page_ends_the_read_even_when_more_pages_were_claimed():
    with serve_feed(services(3), per_page=2) as (base_url, state):
        state.claim_pages = 50
        items = read(base_url)
    assert ids(items) == ["svc-1", "svc-2", "svc-3"]
    assert state.requests["/services"] == 3


def test_a_feed_claiming_too_many_pages_is_not_read(monkeypatch):
    monkeypatch.setattr(sources, "MAX_PAGES", 2)
    with (
        serve_feed(services(5), per_page=2) as (base_url, _state),
        pytest.raises(SourceFailed, match="more than 2 pages"),
    ):
        read(base_url)


def test_a_feed_url_ending_in_services_is_read_as_the_api():
    with serve_feed(services(3), per_page=2) as (base_url, _state):
        assert detect_kind(base_url + "/services") is FeedKind.API
        assert ids(read(base_url + "/services/")) == ["svc-1", "svc-2", "svc-3"]


def test_current_ids_lists_every_id_across_pages():
    with serve_feed(services(5), per_page=2) as (base_url, state):
        found = current_ids(base_url, FeedKind.API)
    assert found == {"svc-1", "svc-2", "svc-3", "svc-4", "svc-5"}
    assert all(q["minimal"] == ["true"] and q["per_page"] == ["1000"] for q in state.queries)
    assert not [path for path in state.requests if path.startswith("/services/")]


def test_current_ids_takes_full_records_from_a_server_ignoring_minimal():
    with serve_feed(services(3), per_page=2, list_full=True) as (base_url, _state):
        assert current_ids(base_url, FeedKind.API) == {"svc-1", "svc-2", "svc-3"}


def test_current_ids_fails_like_a_read(closed_port):
    with pytest.raises(SourceFailed):
        current_ids(f"http://127.0.0.1:{closed_port}", FeedKind.API)


# --- files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "document",
    [
        [a_service("svc-1"), a_service("svc-2")],
        {"total_pages": 1, "contents": [a_service("svc-1"), a_service("svc-2")]},
    ],
    ids=["array", "page"],
)
def test_a_json_file_holds_an_array_or_a_page(tmp_path, document):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(document))
    assert ids(read(str(path), FeedKind.JSON)) == ["svc-1", "svc-2"]


def test_a_json_file_may_hold_one_service(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(a_service("svc-9")))
    assert ids(read(str(path), FeedKind.JSON)) == ["svc-9"]


def test_ndjson_has_one_service_a_line_and_a_bad_line_is_a_problem(tmp_path):
    path = tmp_path / "feed.ndjson"
    lines = [json.dumps(a_service("svc-1")), "{not json", "", json.dumps(a_service("svc-2"))]
    path.write_text("\n".join(lines))
    items = read(str(path), FeedKind.JSON)
    assert ids(items) == ["svc-1", "svc-2"]
    assert items[1].reason.startswith("Line 2 is not JSON (")


def test_several_json_documents_without_the_ndjson_suffix_are_read_as_lines(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(a_service("svc-1")) + "\n" + json.dumps(a_service("svc-2")))
    assert ids(read(str(path), FeedKind.JSON)) == ["svc-1", "svc-2"]


def test_a_json_record_without_an_id_is_a_problem(tmp_path):
    path = tmp_path / "feed.json"
    nameless = a_service("svc-2")
    del nameless["id"]
    path.write_text(json.dumps([a_service("svc-1"), nameless, 7]))
    items = read(str(path), FeedKind.JSON)
    assert ids(items) == ["svc-1"]
    assert [p.reason for p in items[1:]] == [
        "“Knit and natter” (record 2 of the file) has no id, so it cannot be imported or "
        "updated later.",
        "The record 3 of the file is a number, not an object, so it was not read.",
    ]


def test_service_at_location_records_gather_their_service_locations(tmp_path):
    service = a_service("svc-1")
    links = service.pop("service_at_locations")
    second = {**links[0], "id": "sal-2", "location": {"id": "loc-2", "location_type": "virtual"}}
    path = tmp_path / "sal.json"
    path.write_text(json.dumps([{**links[0], "service": service}, {**second, "service": service}]))
    items = read(str(path), FeedKind.JSON)
    assert ids(items) == ["svc-1"]
    assert [link["id"] for link in items[0]["service_at_locations"]] == ["svc-1-at-loc-1", "sal-2"]


def test_an_organisation_file_gives_its_services_their_organisation(tmp_path):
    service = a_service("svc-1")
    del service["organization"]
    path = tmp_path / "org.json"
    path.write_text(json.dumps({"id": "org-7", "name": "Knitters", "services": [service]}))
    [item] = read(str(path), FeedKind.JSON)
    assert item["organization"] == {"id": "org-7", "name": "Knitters"}


def test_files_give_only_records_modified_since_when_asked(tmp_path):
    records = services(3)
    records[1]["last_modified"] = "2025-07-01T00:00:00Z"
    del records[2]["last_modified"]  # not saying when: always read
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(records))
    since = datetime(2025, 6, 1, tzinfo=UTC)
    assert ids(read(str(path), FeedKind.JSON, modified_after=since)) == ["svc-2", "svc-3"]
    assert current_ids(str(path), FeedKind.JSON) == {"svc-1", "svc-2", "svc-3"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html>hello</html>", "The file is not JSON (Expecting value at line 1, column 1)."),
        (b"\xff\xfe\x00", "The file is not UTF-8 text, so it is not JSON."),
    ],
)
def test_a_file_that_is_not_json_stops_the_read(tmp_path, content, message):
    path = tmp_path / "feed.json"
    path.write_bytes(content)
    with pytest.raises(SourceFailed) as failed:
        read(str(path), FeedKind.JSON)
    assert str(failed.value) == message


def test_a_missing_file_stops_the_read(tmp_path):
    with pytest.raises(SourceFailed) as failed:
        read(str(tmp_path / "gone.json"), FeedKind.JSON)
    assert str(failed.value) == f"There is no file at {tmp_path / 'gone.json'}."


def test_a_json_url_is_fetched():
    with serve_feed(services(2)) as (base_url, _state):
        items = read(base_url + "/services/svc-2", FeedKind.JSON)
    assert ids(items) == ["svc-2"]


def test_a_csv_package_is_read_from_a_zip(tmp_path):
    path = tmp_path / "package.zip"
    with path.open("wb") as out:
        write_package(services(2), out)
    assert ids(read(str(path), FeedKind.CSV)) == ["svc-1", "svc-2"]
    assert current_ids(str(path), FeedKind.CSV) == {"svc-1", "svc-2"}


def test_a_csv_service_without_an_id_is_a_problem(tmp_path):
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "services.csv").write_text("id,name,status\nsvc-1,Knit,active\n,Walk,active\n")
    items = read(str(folder), FeedKind.CSV)
    assert ids(items) == ["svc-1"]
    assert items[1].reason == (
        "“Walk” (service on row 3 of services.csv) has no id, so it cannot be imported or "
        "updated later."
    )


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (None, "The file is not a zip file, or it is damaged."),
        ({"organizations.csv": "id,name\n"}, "The package has no services.csv"),
    ],
)
def test_a_package_that_cannot_be_read_stops_the_read(tmp_path, files, message):
    path = tmp_path / "package.zip"
    if files is None:
        path.write_bytes(b"this is not a zip")
    else:
        with zipfile.ZipFile(path, "w") as archive:
            for name, text in files.items():
                archive.writestr(name, text)
    with pytest.raises(SourceFailed, match=message):
        read(str(path), FeedKind.CSV)


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder's files over HTTP on 127.0.0.1; yield the base URL."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_packages_and_files_are_read_from_the_web(tmp_path):
    with (tmp_path / "package.zip").open("wb") as out:
        write_package(services(2), out)
    (tmp_path / "feed.ndjson").write_text(json.dumps(a_service("svc-3")))
    with serve_folder(tmp_path) as base_url:
        assert detect_kind(base_url + "/package.zip") is FeedKind.CSV
        assert ids(read(base_url + "/package.zip", FeedKind.CSV)) == ["svc-1", "svc-2"]
        assert ids(read(base_url + "/feed.ndjson", FeedKind.JSON)) == ["svc-3"]
        with pytest.raises(SourceFailed) as failed:
            read(base_url + "/missing.json", FeedKind.JSON)
    assert str(failed.value) == f"{base_url}/missing.json answered 404 File not found."


# --- what a location is --------------------------------------------------------------------


def test_detect_kind_asks_an_api_for_its_version():
    with serve_feed(services(1)) as (base_url, state):
        assert detect_kind(base_url) is FeedKind.API
    assert state.requests["/"] == 1


def test_detect_kind_tells_a_json_address_from_an_api():
    with serve_feed(services(1)) as (base_url, _state):
        assert detect_kind(base_url + "/services/svc-1") is FeedKind.JSON


def test_detect_kind_reads_files_by_name_and_content(tmp_path):
    (tmp_path / "feed.json").write_text("[]")
    (tmp_path / "feed.ndjson").write_text("")
    (tmp_path / "export").write_text('  {"id": "1"}')
    archive = io.BytesIO()
    write_package([], archive)
    (tmp_path / "package.zip").write_bytes(archive.getvalue())
    (tmp_path / "package.bin").write_bytes(archive.getvalue())
    assert detect_kind(str(tmp_path / "feed.json")) is FeedKind.JSON
    assert detect_kind(str(tmp_path / "feed.ndjson")) is FeedKind.JSON
    assert detect_kind(str(tmp_path / "export")) is FeedKind.JSON
    assert detect_kind(str(tmp_path / "package.zip")) is FeedKind.CSV
    assert detect_kind(str(tmp_path / "package.bin")) is FeedKind.CSV
    assert detect_kind(str(tmp_path)) is FeedKind.CSV
    assert detect_kind("https://example.org/feed.json") is FeedKind.JSON
    assert detect_kind("https://example.org/package.zip") is FeedKind.CSV


def test_detect_kind_says_what_is_wrong(tmp_path, closed_port):
    with pytest.raises(SourceFailed, match="There is no file or folder at"):
        detect_kind(str(tmp_path / "nothing"))
    with pytest.raises(SourceFailed, match="the connection was refused"):
        detect_kind(f"http://127.0.0.1:{closed_port}/api")
    with pytest.raises(SourceFailed, match="Only addresses starting http"):
        detect_kind("ftp://example.org/feed")


# --- the examples --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "service_full.json",
        "service_list.json",
        "organization_full.json",
        "service_at_location_full.json",
        "service_at_location_list.json",
    ],
)
def test_each_example_file_gives_its_service(name):
    path = str(EXAMPLES / name)
    assert detect_kind(path) is FeedKind.JSON
    [service] = read(path, FeedKind.JSON)
    assert service["id"] == "ac148810-d857-441c-9679-408f346de14b"
    assert service["organization"]["name"] == "Example Organization Inc."


def test_an_organisation_list_without_services_gives_problems_not_services():
    [problem] = read(str(EXAMPLES / "organization_list.json"), FeedKind.JSON)
    assert problem.reason == (
        "The record in the file is an organisation without services, not a service; "
        "it was not read."
    )

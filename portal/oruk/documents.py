"""The services in a JSON document or a CSV package, and the records that cannot be read.

A JSON file (or URL) may hold an array of services, a page (`contents`), one service, an
organisation with its `services`, service-at-location records (each service gathers its
locations) or one service per line (ndjson, also when a file without that suffix holds
several documents). A CSV package is read by `portal.oruk.tabular`. A record that cannot be
read (not an object, no id, a line that is not JSON, an organisation without services) is a
`Problem`; a document that cannot be read at all raises `SourceFailed`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from io import BytesIO
from urllib.parse import urlsplit

from portal.oruk import tabular
from portal.oruk.fetching import SourceFailed, file_bytes, is_url, local_path
from portal.oruk.fields import kind_of, quoted
from portal.oruk.incoming import Problem

LINE_SUFFIXES = (".ndjson", ".jsonl")


def record_id(record: dict) -> str:
    value = record.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


def unreadable(record: object, where: str) -> Problem | None:
    """A Problem for a record we cannot take any further (not an object, no id)."""
    if not isinstance(record, dict):
        return Problem(
            "", "", f"The {where} is {kind_of(record)}, not an object, so it was not read."
        )
    if not record_id(record):
        name = record.get("name")
        named = isinstance(name, str) and name.strip()
        subject = f"{quoted(name)} ({where})" if named else f"The {where}"
        return Problem("", "id", f"{subject} has no id, so it cannot be imported or updated later.")
    return None


def _not_a_service(record: dict) -> str:
    """What a record without a status is instead of a service, when its fields say so."""
    if "status" in record:
        return ""
    shapes = (
        ("an organisation without services", ("website", "logo", "organization_identifiers")),
        ("a taxonomy", ("version", "taxonomy_terms")),
        ("a taxonomy term", ("term_uri", "parent_id", "term", "taxonomy_id")),
    )
    return next((what for what, keys in shapes if any(k in record for k in keys)), "")


def _expand(item: object, where: str, gathered: dict[str, dict]) -> Iterator[dict | Problem]:
    """The services one item of a file holds. Service-at-location items are gathered into
    `gathered` (by service id) and yielded by the caller at the end."""
    if isinstance(item, dict) and isinstance(item.get("service"), dict):
        service = item["service"]
        problem = unreadable(service, f"service of the {where}")
        if problem:
            yield problem
            return
        link = {key: value for key, value in item.items() if key != "service"}
        own = service.get("service_at_locations")
        held = gathered.setdefault(
            record_id(service),
            {**service, "service_at_locations": list(own) if isinstance(own, list) else []},
        )
        if link not in held["service_at_locations"]:
            held["service_at_locations"].append(link)
    elif isinstance(item, dict) and isinstance(item.get("services"), list):
        org = {key: value for key, value in item.items() if key != "services"}
        for index, service in enumerate(item["services"]):
            problem = unreadable(service, f"service {index + 1} of the organisation ({where})")
            if problem:
                yield problem
            else:
                yield {"organization": org, **service} if "organization" not in service else service
    elif isinstance(item, dict) and _not_a_service(item):
        what = _not_a_service(item)
        yield Problem(
            record_id(item), "", f"The {where} is {what}, not a service; it was not read."
        )
    else:
        yield unreadable(item, where) or item  # type: ignore[misc]


def _shaped(data: object, where: str) -> Iterator[dict | Problem]:
    """The services in a parsed JSON document: an array, a page, or one record."""
    if isinstance(data, list):
        items = data
    elif isinstance(data, dict) and isinstance(data.get("contents"), list):
        items = data["contents"]
    else:
        items = [data]
    gathered: dict[str, dict] = {}
    for index, item in enumerate(items):
        label = f"record {index + 1} of {where}" if len(items) > 1 else f"record in {where}"
        yield from _expand(item, label, gathered)
    yield from gathered.values()


def _lines(lines: Iterable[str]) -> Iterator[dict | Problem]:
    gathered: dict[str, dict] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (ValueError, RecursionError) as error:
            reason = getattr(error, "msg", "it nests too deeply")
            yield Problem("", "", f"Line {number} is not JSON ({reason}), so it was not read.")
            continue
        yield from _expand(item, f"record on line {number}", gathered)
    yield from gathered.values()


def changed_since(record: dict | Problem, since: datetime | None) -> bool:
    """Whether a record read from a file counts as modified on or after `since`."""
    if since is None or isinstance(record, Problem):
        return True
    try:
        moment = datetime.fromisoformat(str(record.get("last_modified")))
    except ValueError:
        return True
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)) >= aware(since)


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def read_json_file(location: str, timeout: float) -> Iterator[dict | Problem]:
    lines = not is_url(location) and urlsplit(location).path.lower().endswith(LINE_SUFFIXES)
    if lines:  # a file of JSON lines on this server is read a line at a time, however big
        yield from _local_lines(location)
        return
    body = file_bytes(location, timeout)
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceFailed("The file is not UTF-8 text, so it is not JSON.") from None
    if urlsplit(location).path.lower().endswith(LINE_SUFFIXES):
        yield from _lines(text.splitlines())
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":  # one record per line (ndjson) without the suffix
            yield from _lines(text.splitlines())
            return
        raise SourceFailed(
            f"The file is not JSON ({error.msg} at line {error.lineno}, column {error.colno})."
        ) from None
    except RecursionError:
        raise SourceFailed("The file nests too deeply to be read.") from None
    yield from _shaped(data, "the file")


def _local_lines(location: str) -> Iterator[dict | Problem]:
    path = local_path(location)
    if not path.is_file():
        raise SourceFailed(f"There is no file at {location}.")
    try:
        with path.open(encoding="utf-8-sig") as handle:
            yield from _lines(handle)
    except UnicodeDecodeError:
        raise SourceFailed("The file is not UTF-8 text, so it is not JSON.") from None
    except OSError as error:
        raise SourceFailed(f"{location} could not be read ({error.strerror}).") from None


def read_csv_package(location: str, timeout: float) -> Iterator[dict | Problem]:
    source = BytesIO(file_bytes(location, timeout)) if is_url(location) else local_path(location)
    try:
        services = tabular.read_package(source)
    except tabular.PackageUnreadable as error:
        raise SourceFailed(str(error)) from None
    for index, service in enumerate(services):
        yield unreadable(service, f"service on row {index + 2} of services.csv") or service

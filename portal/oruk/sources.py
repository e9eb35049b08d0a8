"""Reading another directory's services: from an ORUK 3.0 API, a JSON file or a CSV package.

An API is read page by page (`/services?page=N&per_page=100`, with `modified_after` on a later
pull) through every page it says it has, never only the first; a list entry that is not a
full record (it has neither `service_at_locations` nor `schedules`) is fetched whole from
`/services/{id}`. A server that misbehaves cannot keep us reading for ever: a page with
nothing on it ends the reading; a page repeating one already read ends it when every service
the feed counted has been read, and otherwise fails the run (stopping quietly there would
make the unread services look withdrawn); so does a feed claiming more than 100,000 pages.

A JSON file (or URL) may hold an array of services, a page (`contents`), one service, an
organisation with its `services`, service-at-location records (each service gathers its
locations) or one service per line (ndjson). A CSV package is read by `portal.oruk.tabular`.
With `modified_after`, files yield only records modified then or later (or not saying when).

A record that cannot be read (not an object, no id, a line that is not JSON, a service the
API lists but cannot find) is yielded as a `Problem` and reading goes on; anything that stops
the reading raises `SourceFailed` with a sentence for the report. HTTP is the standard
library's, with our User-Agent and the caller's timeout.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import quote, urlencode, urlsplit

from portal.oruk.documents import (
    aware,
    changed_since,
    read_csv_package,
    read_json_file,
    record_id,
    unreadable,
)
from portal.oruk.fetching import (
    MAX_FILE_BYTES,
    Answered,
    SourceFailed,
    fetch,
    is_url,
    json_body,
    local_path,
)
from portal.oruk.fields import kind_of, quoted
from portal.oruk.incoming import Problem
from portal.oruk.models import FeedKind

__all__ = ["SourceFailed", "current_ids", "detect_kind", "read_services"]

PER_PAGE = 100
IDS_PER_PAGE = 1000
MAX_PAGES = 100_000
DETECT_TIMEOUT = 15.0
JSON_SUFFIXES = (".json", ".ndjson", ".jsonl")
DETAIL_KEYS = ("service_at_locations", "schedules")


# --- an API ----------------------------------------------------------------------------------


def _api_base(location: str) -> str:
    base = location.rstrip("/")
    return base[: -len("/services")] if base.endswith("/services") else base


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _page(base: str, params: dict, page: int, total: int | None, timeout: float) -> object:
    url = f"{base}/services?{urlencode({**params, 'page': page})}"
    which = f"page {page} of {total}" if total else f"page {page}"
    try:
        body = fetch(url, timeout)
    except Answered as answer:
        raise SourceFailed(f"The feed answered {answer} for {which}.") from None
    return json_body(body, f"The feed's {which}")


def _pages(base: str, params: dict, timeout: float) -> Iterator[tuple[int, list]]:
    """(page number, contents) for every page of /services (see the module docstring)."""
    total_pages: int | None = None
    total_items: int | None = None
    seen_ids: set[str] = set()
    seen_numbers: set[int] = set()
    read = 0
    for page in range(1, MAX_PAGES + 1):
        data = _page(base, params, page, total_pages, timeout)
        if isinstance(data, list):  # an answer without pages: everything at once
            yield page, data
            return
        if not isinstance(data, dict) or not isinstance(data.get("contents"), list):
            raise SourceFailed(f"Page {page} of the feed is not a page of services.")
        contents = data["contents"]
        total_pages = _whole(data.get("total_pages")) or total_pages
        total_items = total_items if total_items is not None else _whole(data.get("total_items"))
        if not contents:
            return
        ids = {record_id(c) for c in contents if isinstance(c, dict)} - {""}
        number = _whole(data.get("page_number"))
        if (ids and ids <= seen_ids) or (number is not None and number in seen_numbers):
            if total_items is not None and read >= total_items:
                return
            raise SourceFailed(
                f"The feed answered page {page} with services it had already given, after "
                f"{read:,} of its {total_items or 'unknown number of'} services: it cannot be "
                "read page by page, so nothing was imported."
            )
        seen_ids |= ids
        seen_numbers |= {number} if number is not None else set()
        read += len(contents)
        yield page, contents
        if (total_pages is not None and page >= total_pages) or data.get("last_page") is True:
            return
    raise SourceFailed(f"The feed says it has more than {MAX_PAGES:,} pages; it was not read.")


def _detail(base: str, entry: dict, timeout: float) -> dict | Problem:
    key = record_id(entry)
    url = f"{base}/services/{quote(key, safe='')}"
    try:
        body = fetch(url, timeout)
    except Answered as answer:
        if answer.status in (404, 410):
            return Problem(
                key,
                "",
                f"The feed lists this service but answered {answer} for its details "
                "(/services/{id}), so it was not read.",
            )
        raise SourceFailed(f"The feed answered {answer} for service {quoted(key)}.") from None
    detail = json_body(body, f"The details of service {quoted(key)}")
    if not isinstance(detail, dict):
        return Problem(
            key,
            "",
            f"The feed's details of this service are {kind_of(detail)}, not an object.",
        )
    return {**entry, **detail, "id": detail.get("id") or entry.get("id")}


def _read_api(
    location: str, modified_after: datetime | None, timeout: float
) -> Iterator[dict | Problem]:
    base = _api_base(location)
    params: dict[str, object] = {"per_page": PER_PAGE}
    if modified_after is not None:
        params["modified_after"] = aware(modified_after).astimezone(UTC).isoformat()
    seen: set[str] = set()
    for page, contents in _pages(base, params, timeout):
        for index, entry in enumerate(contents):
            problem = unreadable(entry, f"record {index + 1} on page {page}")
            if problem is not None:
                yield problem
                continue
            if record_id(entry) in seen:  # moved to a later page while we read
                continue
            seen.add(record_id(entry))
            full = any(key in entry for key in DETAIL_KEYS)
            yield entry if full else _detail(base, entry, timeout)


# --- the public surface ----------------------------------------------------------------------


def _json_answer(url: str) -> object | None:
    """What a URL answers as JSON; None for an error status or an answer that is not JSON
    (a server that cannot be reached still raises SourceFailed)."""
    try:
        return json.loads(fetch(url, DETECT_TIMEOUT).decode("utf-8-sig"))
    except (Answered, ValueError, RecursionError):
        return None


def _probe(url: str) -> FeedKind:
    base = url.rstrip("/")
    root = _json_answer(base + "/")
    if isinstance(root, dict) and "version" in root:
        return FeedKind.API
    page = _json_answer(_api_base(base) + "/services?page=1&per_page=1")
    if isinstance(page, dict) and isinstance(page.get("contents"), list):
        return FeedKind.API
    try:
        body = fetch(url, DETECT_TIMEOUT, MAX_FILE_BYTES)
    except Answered as answer:
        raise SourceFailed(f"{url} answered {answer}.") from None
    if body.startswith(b"PK"):
        return FeedKind.CSV
    try:
        json.loads(body.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        raise SourceFailed(
            f"{url} answered, but not as an Open Referral UK API, a JSON file or a CSV package."
        ) from None
    return FeedKind.JSON


def detect_kind(location: str) -> FeedKind:
    """What a location is: the URL of an ORUK API (its root answers a `version`, or its
    /services answers a page), a JSON or ndjson file or URL, or a CSV package (a zip, or a
    folder of CSV files). Asks the server when a URL does not say; raises SourceFailed."""
    if is_url(location):
        suffix = urlsplit(location).path.lower()
        if suffix.endswith(JSON_SUFFIXES):
            return FeedKind.JSON
        if suffix.endswith(".zip"):
            return FeedKind.CSV
        return _probe(location)
    path = local_path(location)
    if path.is_dir():
        return FeedKind.CSV
    if not path.is_file():
        raise SourceFailed(f"There is no file or folder at {location}.")
    if path.suffix.lower() == ".zip":
        return FeedKind.CSV
    if path.suffix.lower() in JSON_SUFFIXES:
        return FeedKind.JSON
    with path.open("rb") as file:
        start = file.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"PK"):
        return FeedKind.CSV
    if start[:1] in (b"{", b"["):
        return FeedKind.JSON
    raise SourceFailed(f"{location} is neither JSON nor a zip of CSV files.")


def read_services(
    location: str,
    kind: FeedKind,
    *,
    modified_after: datetime | None = None,
    timeout: float = 30,
) -> Iterator[dict | Problem]:
    """Each service as a full nested ORUK dict, or a Problem for a record that cannot be read
    (see the module docstring). Raises SourceFailed when reading has to stop."""
    if kind is FeedKind.API:
        yield from _read_api(location, modified_after, timeout)
        return
    records = (
        read_json_file(location, timeout)
        if kind is FeedKind.JSON
        else read_csv_package(location, timeout)
    )
    for record in records:
        if changed_since(record, modified_after):
            yield record


def current_ids(location: str, kind: FeedKind, *, timeout: float = 30) -> set[str]:
    """Every service id the source lists now (a pull that asked only for changes uses it to
    notice withdrawals). An API is asked for minimal records, 1,000 a page; full records from
    a server that ignores `minimal` serve as well. Raises SourceFailed."""
    if kind is not FeedKind.API:
        return {
            record_id(record)
            for record in read_services(location, kind, timeout=timeout)
            if isinstance(record, dict)
        }
    base = _api_base(location)
    params = {"minimal": "true", "per_page": IDS_PER_PAGE}
    ids: set[str] = set()
    for _page_number, contents in _pages(base, params, timeout):
        ids |= {record_id(entry) for entry in contents if isinstance(entry, dict)} - {""}
    return ids

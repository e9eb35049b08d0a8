"""Getting bytes from another directory: HTTP GETs (the standard library's, with our
User-Agent and the caller's timeout) and files on this server, with the failures that stop a
read (`SourceFailed`, a sentence for the report) told apart from an HTTP error status
(`Answered`, which the caller words: which page, which service).
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
from contextlib import suppress
from http import HTTPStatus
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

USER_AGENT = "community-portal/0.1 (Open Referral UK importer)"
MAX_PAGE_BYTES = 64 * 1024 * 1024
MAX_FILE_BYTES = 512 * 1024 * 1024


class SourceFailed(Exception):
    """Reading had to stop; str(error) is a plain-English sentence for the report, e.g.
    'The feed answered 500 Internal Server Error for page 3 of 5.'"""


class Answered(Exception):
    """The server answered with an HTTP error status (str(): "404 Not Found")."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(status, reason)
        self.status = status
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.status} {self.reason}".strip()


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


def fetch(url: str, timeout: float, limit: int = MAX_PAGE_BYTES) -> bytes:
    """The body of a GET; raises Answered for an HTTP error status and SourceFailed when the
    server cannot be reached or stops answering."""
    host = _host(url)
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json, */*;q=0.8"}
    request = Request(url, headers=headers)
    try:
        with urlopen(request, timeout=timeout) as response:
            body = response.read(limit + 1)
    except HTTPError as error:
        error.close()  # it holds the response open
        reason = error.reason if isinstance(error.reason, str) and error.reason else ""
        with suppress(ValueError):
            reason = reason or HTTPStatus(error.code).phrase
        raise Answered(error.code, reason) from None
    except TimeoutError:
        raise SourceFailed(f"{host} did not answer within {timeout:g} seconds.") from None
    except URLError as error:
        raise SourceFailed(_unreachable(host, error.reason, timeout)) from None
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise SourceFailed(f"The connection to {host} failed ({error}).") from None
    if len(body) > limit:
        raise SourceFailed(f"{host} sent more than {limit // (1024 * 1024)} MB in one answer.")
    return body


def _host(url: str) -> str:
    """The server's name and port, as a message shows it (never a user name or password)."""
    try:
        parts = urlsplit(url)
        return (parts.hostname or url) + (f":{parts.port}" if parts.port else "")
    except ValueError:
        return url


def _unreachable(host: str, reason: object, timeout: float) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return f"Could not connect to {host}: the connection was refused."
    if isinstance(reason, TimeoutError):
        return f"{host} did not answer within {timeout:g} seconds."
    if isinstance(reason, socket.gaierror):
        return f"Could not find the server {host} (check the address)."
    if isinstance(reason, ssl.SSLError):
        return f"The secure connection to {host} failed ({reason})."
    return f"Could not connect to {host} ({reason})."


def json_body(body: bytes, what: str) -> object:
    try:
        return json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SourceFailed(f"{what} is not UTF-8 text, so it is not JSON.") from None
    except json.JSONDecodeError as error:
        raise SourceFailed(
            f"{what} is not JSON ({error.msg} at line {error.lineno}, column {error.colno})."
        ) from None
    except RecursionError:
        raise SourceFailed(f"{what} nests too deeply to be read.") from None


def file_bytes(location: str, timeout: float) -> bytes:
    """A file's content, from the web or from this server."""
    if is_url(location):
        try:
            return fetch(location, timeout, MAX_FILE_BYTES)
        except Answered as answer:
            raise SourceFailed(f"{location} answered {answer}.") from None
    path = local_path(location)
    if not path.is_file():
        raise SourceFailed(f"There is no file at {location}.")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise SourceFailed(f"{location} is larger than we can read.")
    try:
        return path.read_bytes()
    except OSError as error:
        raise SourceFailed(f"{location} could not be read ({error.strerror}).") from None


def local_path(location: str) -> Path:
    if location.lower().startswith("file://"):
        return Path(location[len("file://") :])
    if "://" in location:
        raise SourceFailed("Only addresses starting http:// or https://, or files, can be read.")
    return Path(location)

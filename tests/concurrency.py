"""Helpers for tests that make two people (or two processes) act at the same moment.

`live_server` serves the test's app on a real port, so each request runs in its own thread as
in production; `Person` is a browser (a `requests` session) that signs in and sends forms with
their CSRF token; `at_once` starts several calls together behind a barrier and returns what
each one answered, in order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import requests
from werkzeug.serving import make_server

from tests.support import csrf_token, text_of


@contextmanager
def live_server(app) -> Iterator[str]:
    """The app on 127.0.0.1 (a free port), one thread per request, until the block ends."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


class Person:
    """Someone using the portal in their own browser."""

    def __init__(self, base: str, email: str, password: str = "correct horse battery"):
        self.base = base
        self.browser = requests.Session()
        response = self.send("/sign-in", {"email": email, "password": password})
        assert response.status_code == 302, response.text[-2000:]

    def get(self, path: str) -> requests.Response:
        return self.browser.get(self.base + path, allow_redirects=False, timeout=60)

    def token(self, form_path: str) -> str:
        """Open the page a form is on and keep its CSRF token, as a browser tab would."""
        response = self.get(form_path)
        assert response.status_code == 200, (form_path, response.status_code)
        return csrf_token(response.text)

    def post(self, path: str, token: str, data: dict | None = None) -> requests.Response:
        return self.browser.post(
            self.base + path,
            data={"csrf_token": token, **(data or {})},
            allow_redirects=False,
            timeout=60,
        )

    def send(self, path: str, data: dict, form_path: str | None = None) -> requests.Response:
        return self.post(path, self.token(form_path or path), data)

    def follow(self, response: requests.Response) -> str:
        """The page a redirect leads to, as text (its banners included)."""
        assert response.status_code in (302, 303), (response.status_code, response.text[-2000:])
        return text_of(self.get(response.headers["Location"]).text)


def at_once(*calls: Callable[[], object]) -> list[object]:
    """Run the calls in threads that start together; what each returned (or raised), in order."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:  # the test looks at what was raised
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results

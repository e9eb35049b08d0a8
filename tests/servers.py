"""Real servers for tests about processes: gunicorn with several workers on a test database.

A test that is about several processes (signing keys, caches, locks) must run them: the
Flask test client and a threaded server are one process and cannot show those faults.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(
    database_url: str, instance: Path, workers: int = 3, **environment: str
) -> Iterator[str]:
    """Serve the portal with gunicorn on a free port; yield its base URL, stop it after.

    The server gets its own instance folder (search index, outbox, keys) and no SECRET_KEY
    unless `environment` gives one, as an operator's first start would."""
    port = free_port()
    instance.mkdir(parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SECRET_KEY", "DATABASE_URL", "PORTAL_DEMO")
    }
    env.update(
        DATABASE_URL=database_url,
        PORTAL_INSTANCE_DIR=str(instance),
        PORTAL_ENV="development",
        PORTAL_BASE_URL=f"http://127.0.0.1:{port}",
        **environment,
    )
    command = [sys.executable, "-m", "gunicorn", "-w", str(workers)]
    command += ["-b", f"127.0.0.1:{port}", "--graceful-timeout", "2", "--no-control-socket"]
    command += ["wsgi:app"]
    log = instance / "gunicorn.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(base, process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_answering(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped:\n{log.read_text()}")
        try:
            requests.get(base + "/healthz", timeout=10)
            return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer in 60 s:\n{log.read_text()}")

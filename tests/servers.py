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
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
# Where rate limits are counted is each test's choice (the database unless it says otherwise).
RATE_LIMIT_SETTINGS = ("REDIS_URL", "RATELIMIT_STORAGE_URI", "RATELIMIT_KEY_PREFIX")
POSTGRES_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PORT_ATTEMPTS = 3


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
    unless `environment` gives one, as an operator's first start would. It runs with the
    project's gunicorn.conf.py, as `make run` and the deploy guide's unit do."""
    instance.mkdir(parents=True, exist_ok=True)
    process, base = _start_gunicorn(database_url, instance, workers, environment)
    try:
        yield base
    finally:
        _stop(process)


def _start_gunicorn(
    database_url: str, instance: Path, workers: int, environment: dict[str, str]
) -> tuple[subprocess.Popen, str]:
    """A gunicorn answering on a free port, and its base URL. The port is free when chosen but
    may be taken before gunicorn binds it (by another test worker, or any connection): then
    another is chosen."""
    log = instance / "gunicorn.log"
    for attempt in range(PORT_ATTEMPTS):
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("SECRET_KEY", "DATABASE_URL", "PORTAL_DEMO", *RATE_LIMIT_SETTINGS)
        }
        env.update(
            DATABASE_URL=database_url,
            PORTAL_INSTANCE_DIR=str(instance),
            PORTAL_ENV="development",
            PORTAL_BASE_URL=base,
            GUNICORN_LOG_LEVEL="info",  # its "Listening at" line shows it has the port
            **environment,
        )
        command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
        command += ["-w", str(workers)]
        command += ["-b", f"127.0.0.1:{port}", "--graceful-timeout", "2", "--no-control-socket"]
        command += ["wsgi:app"]
        with log.open("wb") as output:
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
        try:
            _wait_until_answering(base, process, log)
            return process, base
        except PortTaken:
            _stop(process)
            if attempt == PORT_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


class PortTaken(RuntimeError):
    """Something else listens on the port chosen for gunicorn (it would answer in its place)."""


def _wait_until_answering(base: str, process: subprocess.Popen, log: Path) -> None:
    """Until this gunicorn listens at `base` and answers there; not whatever else might."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped:\n{log.read_text()}")
        said = log.read_text(errors="replace")
        if "Connection in use" in said:
            raise PortTaken(said)
        if f"Listening at: {base}" in said:
            try:
                requests.get(base + "/healthz", timeout=10)
                return
            except (requests.ConnectionError, requests.Timeout):
                pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer in 60 s:\n{log.read_text()}")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def postgres_database(label: str) -> Iterator[str]:
    """A new empty database on the PostgreSQL server of this run (DATABASE_URL when it names
    one, else the local server CI always has); dropped afterwards, whatever its connections."""
    server = os.environ.get("DATABASE_URL", "")
    url = make_url(server if server.startswith("postgresql") else POSTGRES_SERVER)
    url = url.set(drivername="postgresql+psycopg")
    name = f"{url.database}_{label}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

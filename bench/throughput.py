"""Pages a second under gunicorn: start it on the benchmark's data, load it with wrk, stop it.

gunicorn (2 workers) and wrk share the machine's cores, as they would on a small server that
also runs its own monitoring; wrk's figures are therefore a floor.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


@dataclass
class Throughput:
    requests_per_second: float
    latency: dict[str, str]
    errors: str
    output: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _wait_healthy(
    base: str, server: subprocess.Popen, seconds: float = 120, path: str = "/healthz"
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped with {server.returncode}")
        if _get(base + path) == 200:
            return
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {path} with 200 in time")


def _start(
    folder: Path,
    database_url: str,
    port: int,
    workers: int,
    extra_env: dict[str, str] | None = None,
    app: str = "wsgi:app",
) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PORTAL_SEARCH_DIR": str(folder / "search"),
        "PORTAL_COUNTS_CACHE_SECONDS": "60",
        "SECRET_KEY": "bench",
        "PORTAL_ENV": "production",
        "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
        **(extra_env or {}),
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    log = (folder / "gunicorn.log").open("w")
    return subprocess.Popen(
        [str(gunicorn), "-w", str(workers), "-b", f"127.0.0.1:{port}", app],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _parse(output: str) -> Throughput:
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: .*", output)
    problems = ", ".join(
        filter(None, [errors and f"{errors.group(1)} non-2xx", socket_errors and socket_errors[0]])
    )
    return Throughput(float(rate.group(1)) if rate else 0.0, latency, problems or "none", output)


def measure(
    folder: Path,
    database_url: str,
    paths: list[str],
    seconds: int = 20,
    connections: int = 16,
    workers: int = 2,
    extra_env: dict[str, str] | None = None,
) -> Throughput:
    """Serve the benchmark data with gunicorn and load it with wrk cycling through `paths`."""
    folder.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    server = _start(folder, database_url, port, workers, extra_env)
    return _load(
        server, f"http://127.0.0.1:{port}", "/healthz", paths, folder, seconds, connections
    )


def measure_hello(folder: Path, seconds: int = 20, connections: int = 16) -> Throughput:
    """The same gunicorn and wrk settings on `bench.hello`: the ceiling a page is compared to."""
    folder.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    server = _start(folder, "", port, 2, app="bench.hello:app")
    return _load(server, f"http://127.0.0.1:{port}", "/", ["/"], folder, seconds, connections)


def _load(
    server: subprocess.Popen,
    base: str,
    ready: str,
    paths: list[str],
    folder: Path,
    seconds: int,
    connections: int,
) -> Throughput:
    """Wait for `ready` to answer 200, warm every path twice, run wrk, stop the server."""
    wrk = shutil.which("wrk")
    try:
        if wrk is None:
            raise SystemExit("wrk is not installed: apt-get install -y wrk (or pass --no-gunicorn)")
        _wait_healthy(base, server, path=ready)
        for path in paths * 2:  # every worker imports, opens the index and fills its caches
            _get(base + path)
        script = folder / "mix.lua"
        script.write_text(LUA % ", ".join(f'"{p}"' for p in paths))
        command = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
        command += ["--latency", "-s", str(script), base]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        return _parse(result.stdout)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

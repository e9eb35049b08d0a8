"""Issue 14: rate limits hold at their configured numbers whatever the workers and machines.

The sign-in form allows 10 attempts a minute from one address. Counted in each worker's
memory, three gunicorn workers let up to 30 through; counted in the database (the default) or
in Redis (with REDIS_URL), exactly 10 pass. Behind a proxy (`PORTAL_PROXY_HOPS`), attempts are
counted against the client's address from X-Forwarded-For, and only then.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator

import pytest
import redis
import requests
from flask import Flask, request
from limits.storage import storage_from_string
from sqlalchemy import select

from portal import config
from portal.extensions import db
from portal.ratelimits import KEY_LENGTH, DatabaseStorage, RateLimitWindow, stored_key
from tests.servers import gunicorn
from tests.support import csrf_token, make_app

REDIS_SERVER = "redis://127.0.0.1:6379/13"  # a database of this test's own
PER_MINUTE = 10  # sign-in attempts from one address (portal/accounts/views.py)
ATTEMPTS = 15


def sign_in_attempts(base: str, count: int = ATTEMPTS) -> list[int]:
    """The status of each of `count` wrong sign-ins from this machine, one after another.

    Each comes from a new browser on a new connection (so any worker may answer it) and names
    another e-mail address, so only the per-address limit can refuse it (429)."""
    statuses = []
    for attempt in range(count):
        browser = requests.Session()
        browser.headers["Connection"] = "close"
        form = browser.get(base + "/sign-in", timeout=30)
        answer = browser.post(
            base + "/sign-in",
            data={
                "email": f"nobody{attempt}@example.org",
                "password": "not the password",
                "csrf_token": csrf_token(form.text),
            },
            timeout=30,
            allow_redirects=False,
        )
        statuses.append(answer.status_code)
    return statuses


REFUSED_AFTER_TEN = [400] * PER_MINUTE + [429] * (ATTEMPTS - PER_MINUTE)


@pytest.fixture
def empty_portal(new_database_url, tmp_path) -> Iterator[str]:
    """A database of the run's kind with the portal's tables, for servers to share."""
    url = new_database_url("ratelimits")
    app = make_app(url, tmp_path / "schema-search")
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    yield url


def windows(url: str, tmp_path) -> list[RateLimitWindow]:
    app = make_app(url, tmp_path / "reader-search")
    with app.app_context():
        rows = list(db.session.scalars(select(RateLimitWindow)))
        db.session.remove()
        db.engine.dispose()
    return rows


def test_three_workers_share_the_sign_in_limit_in_the_database(empty_portal, tmp_path):
    with gunicorn(empty_portal, tmp_path / "instance", workers=3) as base:
        statuses = sign_in_attempts(base)
    assert statuses == REFUSED_AFTER_TEN
    counted = [w for w in windows(empty_portal, tmp_path) if "sign_in" in w.key]
    assert any("127.0.0.1" in w.key and w.hits == ATTEMPTS for w in counted), counted


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    """A key prefix of this test's own in the test Redis database; its keys are deleted after."""
    prefix = f"portal-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    server = redis.Redis.from_url(REDIS_SERVER)
    for key in server.scan_iter(match=f"*{prefix}*"):
        server.delete(key)
    server.close()


def test_three_workers_share_the_sign_in_limit_in_redis(empty_portal, tmp_path, redis_prefix):
    with gunicorn(
        empty_portal,
        tmp_path / "instance",
        workers=3,
        REDIS_URL=REDIS_SERVER,
        RATELIMIT_KEY_PREFIX=redis_prefix,
    ) as base:
        statuses = sign_in_attempts(base)
    assert statuses == REFUSED_AFTER_TEN
    server = redis.Redis.from_url(REDIS_SERVER)
    assert list(server.scan_iter(match=f"*{redis_prefix}*sign_in*"))
    server.close()
    assert windows(empty_portal, tmp_path) == []  # nothing counted in the database


def _production(monkeypatch) -> None:
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s3cret-from-the-environment")
    monkeypatch.setenv("PORTAL_BASE_URL", "https://helpyourself.example.org")
    for name in ("REDIS_URL", "RATELIMIT_STORAGE_URI"):
        monkeypatch.delenv(name, raising=False)


def test_production_refuses_limits_kept_in_each_worker(monkeypatch, tmp_path):
    _production(monkeypatch)
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "memory://")
    with pytest.raises(config.ConfigError, match=r"memory:// counts rate limits inside each"):
        config.load(tmp_path)


def test_production_counts_in_the_database_or_in_redis(monkeypatch, tmp_path):
    _production(monkeypatch)
    uri = config.load(tmp_path)["RATELIMIT_STORAGE_URI"]
    assert isinstance(storage_from_string(uri), DatabaseStorage)
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/0")
    assert config.load(tmp_path)["RATELIMIT_STORAGE_URI"] == "redis://cache.internal:6379/0"


def test_development_may_still_count_in_memory(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_ENV", "development")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "memory://")
    assert config.load(tmp_path)["RATELIMIT_STORAGE_URI"] == "memory://"


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_a_window_counts_until_it_ends_then_starts_again(app):
    clock = Clock()
    storage = DatabaseStorage("portal-database://", clock=clock)
    assert [storage.incr("sign-in/203.0.113.9", 60) for _ in range(3)] == [1, 2, 3]
    assert storage.get("sign-in/203.0.113.9") == 3
    assert storage.get_expiry("sign-in/203.0.113.9") == clock.now + 60
    assert storage.incr("sign-in/203.0.113.9", 60, amount=2) == 5
    clock.now += 59
    assert storage.get("sign-in/203.0.113.9") == 5
    clock.now += 1
    assert storage.get("sign-in/203.0.113.9") == 0
    assert storage.get_expiry("sign-in/203.0.113.9") == clock.now
    assert storage.incr("sign-in/203.0.113.9", 60) == 1
    assert storage.get_expiry("sign-in/203.0.113.9") == clock.now + 60


def test_ended_windows_are_deleted_and_live_ones_kept(app):
    clock = Clock()
    storage = DatabaseStorage("portal-database://", clock=clock)
    storage.incr("short", 10)
    storage.incr("long", 3600)
    clock.now += 10
    assert storage.purge_expired() == 1
    assert [w.key for w in db.session.scalars(select(RateLimitWindow))] == ["long"]
    assert storage.get("long") == 1
    storage.clear("long")
    assert storage.get("long") == 0


def test_keys_too_long_to_store_still_count_apart(app):
    storage = DatabaseStorage("portal-database://")
    typed = "x" * 5000
    first, second = f"sign-in/{typed}a", f"sign-in/{typed}b"
    assert len(stored_key(first)) == KEY_LENGTH
    assert storage.incr(first, 60) == 1
    assert storage.incr(first, 60) == 2
    assert storage.incr(second, 60) == 1
    assert storage.reset() == 2


def test_hits_at_the_same_moment_from_many_threads_count_exactly(app):
    """Eight threads (each with its own connection, as workers have) hit one key 25 times
    each: every hit gets a count of its own, so the counts are exactly 1 to 200."""
    storage = storage_from_string("portal-database://")
    assert isinstance(storage, DatabaseStorage)
    barrier = threading.Barrier(8)
    counts: list[int] = []
    failures: list[BaseException] = []

    def hit() -> None:
        with app.app_context():
            barrier.wait()
            try:
                counts.extend(storage.incr("busy", 60) for _ in range(25))
            except BaseException as error:
                failures.append(error)

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert sorted(counts) == list(range(1, 201))
    assert storage.get("busy") == 200


@pytest.fixture
def behind(app, tmp_path) -> Iterator[Callable[[int], Flask]]:
    """The portal on the test's database as it runs behind `hops` proxies, with a page that
    says what address and URL it takes each request to come from and for."""
    made: list[Flask] = []

    def portal(hops: int) -> Flask:
        proxied = make_app(
            app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "search", PORTAL_PROXY_HOPS=hops
        )
        proxied.add_url_rule("/_seen-as", "seen_as", lambda: f"{request.remote_addr} {request.url}")
        made.append(proxied)
        return proxied

    yield portal
    for proxied in made:
        with proxied.app_context():
            db.engine.dispose()


def _attempt(client, address: str, attempt: int) -> int:
    headers = {"X-Forwarded-For": address}
    token = csrf_token(client.get("/sign-in", headers=headers).get_data(as_text=True))
    answer = client.post(
        "/sign-in",
        headers=headers,
        data={"email": f"p{attempt}@example.org", "password": "nope", "csrf_token": token},
    )
    return answer.status_code


def test_behind_one_proxy_each_client_address_has_its_own_limit(behind):
    client = behind(1).test_client()
    first = [_attempt(client, "203.0.113.7", n) for n in range(PER_MINUTE + 1)]
    assert first == [400] * PER_MINUTE + [429]
    assert _attempt(client, "198.51.100.4", 99) == 400  # another client, its own count
    seen = client.get(
        "/_seen-as",
        headers={
            "X-Forwarded-For": "203.0.113.7",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "helpyourself.example.org",
        },
    )
    assert seen.get_data(as_text=True) == "203.0.113.7 https://helpyourself.example.org/_seen-as"


def test_without_proxies_forwarded_headers_are_ignored(behind):
    client = behind(0).test_client()
    first = [_attempt(client, "203.0.113.7", n) for n in range(PER_MINUTE)]
    assert first == [400] * PER_MINUTE
    assert _attempt(client, "198.51.100.4", 99) == 429  # the same client (127.0.0.1) after all
    seen = client.get(
        "/_seen-as", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    )
    assert seen.get_data(as_text=True) == "127.0.0.1 http://localhost/_seen-as"

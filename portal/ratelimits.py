"""Rate limits that hold across every worker and machine: Flask-Limiter's counters in our database.

Flask-Limiter keeps its counters in a `limits` storage. `memory://` keeps them inside each
worker process, so three gunicorn workers let three times the limit through (and each machine
behind a load balancer as many again). The portal therefore counts in a store every worker
shares: Redis when `REDIS_URL` is set (the `limits` Redis storage), otherwise its own database
through `DatabaseStorage` below, which `portal-database://` names (the default
`RATELIMIT_STORAGE_URI`; see `portal.config`).

`DatabaseStorage` keeps one row per limit and client in `rate_limits`: a fixed window of
`expiry` seconds that starts at its first hit. Each hit is one atomic statement, `INSERT ...
ON CONFLICT (key) DO UPDATE ... RETURNING hits`, on SQLite and PostgreSQL alike: two workers
hitting one key at once are counted one after the other, never both as the first. It uses the
app's own engine (so it needs an app context, as every request has), on a connection of its
own that commits at once, whatever the request then does with its transaction. On PostgreSQL
that commit does not wait for the disk (`synchronous_commit` off for it alone): a crash may
forget the last moment's counts, which only a rate limit would miss.

Ended windows are reused by the next hit on their key; rows nobody hits again are deleted by
`purge_expired()` (for `flask jobs run`) and, so that a portal without that job stays small,
by every `PURGE_EVERY`-th hit a process counts.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from collections.abc import Callable
from typing import ClassVar

from limits.storage import Storage
from sqlalchemy import Double, Integer, String, case, delete, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base

SCHEME = "portal-database"
STORAGE_URI = f"{SCHEME}://"
KEY_LENGTH = 255
PURGE_EVERY = 500


class RateLimitWindow(Base):
    """How many hits one rate limit has counted for one client in its current window."""

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(KEY_LENGTH), primary_key=True)
    hits: Mapped[int] = mapped_column(Integer, nullable=False)
    # Seconds since the epoch (the app servers' clocks, kept by NTP): when the window ends.
    expires_at: Mapped[float] = mapped_column(Double, nullable=False, index=True)


def stored_key(key: str) -> str:
    """The row key for a limit's key: itself when it fits, else its start and a SHA-256 digest.

    Some keys carry what a client typed (the e-mail address of a sign-in), which can be far
    longer than any index allows; two different long keys still count apart."""
    if len(key) <= KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{key[: KEY_LENGTH - len(digest) - 1]}#{digest}"


def _engine() -> Engine:
    from portal.extensions import db  # here: portal.extensions imports this module

    return db.engine


def _insert_for(connection: Connection):
    dialects = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
    name = connection.dialect.name
    if name not in dialects:
        raise NotImplementedError(
            f"{STORAGE_URI} counts rate limits in SQLite or PostgreSQL, not {name}; "
            "set REDIS_URL to count them in Redis instead."
        )
    return dialects[name]


def _count_hit(connection: Connection, key: str, now: float, expiry: float, amount: int) -> int:
    """Add `amount` to the key's window (a new window if it has none, or its window ended)."""
    table = RateLimitWindow.__table__
    ended = table.c.expires_at <= now
    statement = (
        _insert_for(connection)(table)
        .values(key=key, hits=amount, expires_at=now + expiry)
        .on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "hits": case((ended, amount), else_=table.c.hits + amount),
                "expires_at": case((ended, now + expiry), else_=table.c.expires_at),
            },
        )
        .returning(table.c.hits)
    )
    return int(connection.execute(statement).scalar_one())


class DatabaseStorage(Storage):
    """A `limits` storage in the portal's database, for the fixed-window strategy.

    `clock` (seconds since the epoch) is for tests; every process of a portal uses the
    wall clock, so windows agree across workers and machines."""

    STORAGE_SCHEME: ClassVar[list[str]] = [SCHEME]

    def __init__(
        self,
        uri: str | None = None,
        wrap_exceptions: bool = False,
        clock: Callable[[], float] = time.time,
        **options: float | str | bool,
    ) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.clock = clock
        self._hits = itertools.count(1)

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        """Count a hit; the window's count including it."""
        now = self.clock()
        with _engine().begin() as connection:
            if connection.dialect.name == "postgresql":
                # A count lost in a crash is harmless: do not wait for the disk at commit.
                connection.execute(text("SET LOCAL synchronous_commit TO OFF"))
            hits = _count_hit(connection, stored_key(key), now, expiry, amount)
        if next(self._hits) % PURGE_EVERY == 0:
            self.purge_expired()
        return hits

    def get(self, key: str) -> int:
        """The count of the key's current window (0 when it has none)."""
        with _engine().connect() as connection:
            hits = connection.scalar(self._current(key, RateLimitWindow.hits))
        return int(hits or 0)

    def get_expiry(self, key: str) -> float:
        """When the key's current window ends (now, when it has none)."""
        now = self.clock()
        with _engine().connect() as connection:
            ends = connection.scalar(self._current(key, RateLimitWindow.expires_at, now))
        return float(ends) if ends is not None else now

    def _current(self, key: str, column, now: float | None = None):
        now = self.clock() if now is None else now
        return select(column).where(
            RateLimitWindow.key == stored_key(key), RateLimitWindow.expires_at > now
        )

    def check(self) -> bool:
        try:
            with _engine().connect() as connection:
                connection.scalar(select(1))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        """Forget every count; how many windows there were."""
        with _engine().begin() as connection:
            return connection.execute(delete(RateLimitWindow)).rowcount

    def clear(self, key: str) -> None:
        only_this = delete(RateLimitWindow).where(RateLimitWindow.key == stored_key(key))
        with _engine().begin() as connection:
            connection.execute(only_this)

    def purge_expired(self) -> int:
        """Delete the windows that have ended; how many."""
        return _delete_ended(self.clock())


def _delete_ended(now: float) -> int:
    with _engine().begin() as connection:
        ended = delete(RateLimitWindow).where(RateLimitWindow.expires_at <= now)
        return connection.execute(ended).rowcount


def purge_expired() -> int:
    """Delete every ended rate-limit window from the database; how many (in an app context).

    For `flask jobs run`. Harmless when the limits are counted in Redis: the table is then
    empty."""
    return _delete_ended(time.time())

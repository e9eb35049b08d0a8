"""Figures that are costly at scale and may lag a little, kept per app for a short while."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from flask import current_app

T = TypeVar("T")


def cached(key: tuple, compute: Callable[[], T]) -> T:
    """Figures that are costly at scale and may lag a little (home-page counts), per app.

    `PORTAL_COUNTS_CACHE_SECONDS` (0 turns it off) bounds how stale they can be. Only plain
    values are cached, never ORM objects, which belong to one request's session.
    """
    ttl = current_app.config["PORTAL_COUNTS_CACHE_SECONDS"]
    if ttl <= 0:
        return compute()
    cache: dict = current_app.extensions.setdefault("portal.counts", {})
    now = time.monotonic()
    hit = cache.get(key)
    if hit is None or now - hit[0] >= ttl:
        hit = cache[key] = (now, compute())
    return hit[1]


def forget(key: tuple) -> None:
    """Drop one cached figure in this worker (others catch up within the configured time)."""
    current_app.extensions.setdefault("portal.counts", {}).pop(key, None)

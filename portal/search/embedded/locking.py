"""One rebuild at a time, across every process that shares the index folder.

A lock file beside the index (`<folder>.lock`) is held with `fcntl.flock` while a rebuild
runs. Each holder opens the file afresh, so two threads of one process exclude each other as
two processes do; a thread that already holds it (a rebuild calling `rebuild`) passes through.
The kernel drops the lock when its holder dies, so a crashed rebuild never blocks the next.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_held = threading.local()


def lock_path(folder: Path) -> Path:
    return folder.with_name(folder.name + ".lock")


def _holding() -> set[str]:
    if not hasattr(_held, "paths"):
        _held.paths = set()
    return _held.paths


@contextmanager
def rebuild_lock(folder: Path, wait: bool = True) -> Iterator[bool]:
    """Hold the rebuild lock of `folder` for the block; yields False (holding nothing) when
    `wait` is off and another process or thread holds it."""
    path = lock_path(folder)
    if str(path) in _holding():
        yield True
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        _holding().add(str(path))
        try:
            yield True
        finally:
            _holding().discard(str(path))
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def rebuild_in_progress(folder: Path) -> bool:
    """Whether some process (this one included) holds the rebuild lock right now."""
    path = lock_path(folder)
    if str(path) in _holding():
        return True
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False  # never locked here
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)

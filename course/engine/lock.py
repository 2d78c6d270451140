"""One build at a time per checkout: an advisory lock file that a second build (or `mkdocs serve` beside a build)
waits on, so no build reads half-written files or prunes another's newer cache entries.

The lock is re-entrant within a process (the MkDocs hook holds it for the whole site build and the engine takes
it again), released when the holder exits however it exits (the operating system drops ``flock`` locks).
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger("course.engine")
_held: dict[Path, tuple[int, int]] = {}  # lock path -> (file descriptor, depth)
_guard = threading.RLock()


def acquire(path: Path) -> bool:
    """Take the lock at ``path``, waiting for another process that holds it; False when it cannot be created
    (a read-only checkout builds unlocked)."""
    path = Path(path).resolve()
    with _guard:
        if path in _held:
            descriptor, depth = _held[path]
            _held[path] = (descriptor, depth + 1)
            return True
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return False
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("Another build of this project is running; waiting for it to finish (%s).", path)
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        _held[path] = (descriptor, 1)
        return True


def release(path: Path) -> None:
    """Give back one level of the lock; the file lock is dropped when the outermost holder releases."""
    path = Path(path).resolve()
    with _guard:
        if path not in _held:
            return
        descriptor, depth = _held[path]
        if depth > 1:
            _held[path] = (descriptor, depth - 1)
            return
        del _held[path]
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)


@contextmanager
def build_lock(path: Path) -> Iterator[None]:
    locked = acquire(path)
    try:
        yield
    finally:
        if locked:
            release(path)

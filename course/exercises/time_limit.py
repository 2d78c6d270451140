"""A time limit for one check, so an answer whose attribute or ``__len__`` loops forever still gets a verdict.

Uses ``SIGALRM``, so it works where notebooks run cells — the main thread of a Unix process — and does nothing
elsewhere (another thread, Windows) or when the learner's own code already has an interval timer running.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["CheckTimeout", "time_limit"]


class CheckTimeout(Exception):
    """Raised inside a check that ran past its time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``CheckTimeout`` in the body once it has run ``seconds``; the previous handler is put back after."""
    if not _can_interrupt():
        yield
        return

    active = [True]  # once the body is done, a late alarm must not raise in the clean-up below

    def interrupt(signum: int, frame: Any) -> None:
        if active[0]:
            active[0] = False
            raise CheckTimeout(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            active[0] = False
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


def _can_interrupt() -> bool:
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        return False
    try:
        return signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # never take over the learner's own timer
    except (AttributeError, OSError):
        return False

"""Read a learner's answer without trusting it: a bounded ``repr``, an exception's text, a bounded walk over an
iterable. Each never raises, whatever the value's ``__repr__``, ``__str__`` or ``__iter__`` does; ``first_items`` reads
at most ``limit`` items, and a slow ``__repr__`` or ``__str__`` is stopped only by the check's time limit
(``course.exercises.time_limit``).
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable
from itertools import islice
from typing import Any

__all__ = ["MAX_ITEMS", "MAX_SHOWN", "error_text", "first_items", "shown", "type_name"]

MAX_SHOWN = 80
"""Characters of any value's ``repr`` a message quotes: enough to recognise it, never a 100 MB page."""

MAX_ITEMS = 1000
"""Items read from any list, layer stack or metrics list: more than any model in the course has."""

_REPR = reprlib.Repr()
_REPR.maxstring = MAX_SHOWN
_REPR.maxother = MAX_SHOWN
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxdict = 8


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def type_name(value: Any) -> str:
    """``int`` or ``package.Class`` for the type of ``value``; ``type()`` cannot be faked by the value."""
    cls = type(value)
    try:
        name = str(cls.__name__)
        package = str(cls.__module__).split(".")[0]
    except Exception:
        return "object"
    return _cut(name if package == "builtins" else f"{package}.{name}", MAX_SHOWN)


def shown(value: Any, limit: int = MAX_SHOWN) -> str:
    """``repr(value)`` cut to ``limit`` characters; the type's name if the ``repr`` itself fails."""
    try:
        text = _REPR.repr(value)
        if not isinstance(text, str):
            raise TypeError("repr did not return a string")
    except Exception:
        return f"<{type_name(value)} object>"
    return _cut(text, limit)


def error_text(error: BaseException, limit: int = 2 * MAX_SHOWN) -> str:
    """``TypeError: what it said``, cut to ``limit``; just the class name if the error's ``__str__`` fails."""
    name = type_name(error)
    try:
        text = str(error)
        if not isinstance(text, str):
            raise TypeError("str did not return a string")
    except Exception:
        return name
    return _cut(f"{name}: {text}" if text else name, limit)


def first_items(values: Iterable[Any], limit: int = MAX_ITEMS) -> list[Any]:
    """At most ``limit`` items of ``values``, so an endless iterator cannot hang a check."""
    return list(islice(values, limit))

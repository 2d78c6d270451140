"""The blank a learner fills in: ``____``, a unique sentinel, so ``model = ____`` runs and the checker can tell
an unanswered question from a wrong answer.
"""

from __future__ import annotations

from typing import Any

from course.exercises.safe_reading import first_items

__all__ = ["____", "is_blank"]


class _Blank:
    """The type of ``____``: one instance, shown as ``____`` wherever it is printed."""

    _instance: _Blank | None = None

    def __new__(cls) -> _Blank:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"

    def __reduce__(self) -> str:
        # Copies and pickles stay the one sentinel, so `is` comparisons keep working.
        return "____"


____ = _Blank()


def is_blank(value: Any) -> bool:
    """True for ``____`` itself and for a list or tuple that still holds one (``[____]``). Never raises: the
    value's type is read with ``type()`` and its items through ``list``'s own iterator, at most ``MAX_ITEMS``.
    """
    if value is ____:
        return True
    cls = type(value)
    for base in (list, tuple):
        if issubclass(cls, base):
            try:
                return any(item is ____ for item in first_items(base.__iter__(value)))
            except Exception:
                return False
    return False

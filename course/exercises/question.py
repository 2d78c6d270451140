"""A question of an exercise, declared as data: prompt, the variable that holds the answer, a check function,
a hint and the solution code. ``check()`` never raises: whatever the value, it returns a ``CheckResult``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from course.exercises.placeholder import is_blank
from course.exercises.result import CheckResult, Hint, Solution, incorrect, not_attempted

__all__ = ["MISSING", "Question"]


class _Missing:
    def __repr__(self) -> str:
        return "<no answer given>"


MISSING: Any = _Missing()
"""What an open question's check function receives when ``check()`` had no value and reads no variable."""


@dataclass(frozen=True)
class Question:
    """One question. ``check_answer`` receives the learner's value (never ``____``) and judges it.

    ``variable`` names the learner's variable that ``check()`` reads when called without a value; ``None`` for an
    open question, whose ``check_answer`` then also gets ``____`` or ``MISSING`` and decides itself.
    """

    name: str
    prompt: str
    variable: str | None
    check_answer: Callable[[Any], CheckResult]
    hint_text: str
    solution_code: str
    solution_note: str = ""

    def check(self, value: Any = MISSING) -> CheckResult:
        """Judge ``value``, or the caller's variable ``self.variable`` when no value is given."""
        if value is MISSING and self.variable is not None:
            frame = inspect.currentframe()
            try:
                value = _lookup(frame.f_back if frame else None, self.variable)
            finally:
                del frame
            if value is MISSING:
                return not_attempted(
                    f"`{self.variable}` is not defined yet: set `{self.variable} = ...` and run "
                    f"`{self.name}.check()` again."
                )
        if self.variable is not None and is_blank(value):
            return not_attempted(
                f"replace `____` in `{self.variable}` with your answer, then run `{self.name}.check()` again."
            )
        try:
            result = self.check_answer(value)
        except Exception as error:  # a checker bug must not reach the learner as a traceback
            return incorrect(
                f"the checker could not read this answer ({type(error).__name__}: {error}). "
                f"Compare it with `{self.name}.solution()`."
            )
        if not isinstance(result, CheckResult):
            return incorrect(f"the checker for {self.name} returned {result!r} instead of a verdict.")
        return result

    def hint(self) -> Hint:
        return Hint(self.hint_text)

    def solution(self) -> Solution:
        return Solution(self.solution_code, self.solution_note)

    def __repr__(self) -> str:
        return f"{self.name}: {self.prompt}"


def _lookup(frame: Any, name: str) -> Any:
    """``name`` in the frame's locals, then its globals (a notebook's namespace); ``MISSING`` if in neither."""
    if frame is None:
        return MISSING
    try:
        if name in frame.f_locals:
            return frame.f_locals[name]
        return frame.f_globals.get(name, MISSING)
    finally:
        del frame

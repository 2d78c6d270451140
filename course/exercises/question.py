"""A question of an exercise, declared as data: prompt, the variable that holds the answer, a check function,
a hint and the solution code. ``check()`` never raises: whatever the value, it returns a ``CheckResult``.
Prompt, hint and solution note are ``Text`` (English and Chinese); so is the solution code when its comments
are translated (its code is the same in both).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from course.exercises.placeholder import is_blank
from course.exercises.result import CheckResult, Hint, Solution, incorrect, not_attempted
from course.exercises.safe_reading import error_text, shown
from course.exercises.text import Text
from course.exercises.time_limit import CheckTimeout, time_limit
from course.language import current_language

__all__ = ["MISSING", "Question"]


class _Missing:
    def __repr__(self) -> str:
        return "<no answer given>"


MISSING: Any = _Missing()
"""What an open question's check function receives when ``check()`` had no value and reads no variable."""

MAX_MESSAGE = 1200
"""Longest message a check returns: a few sentences, however large the answer."""

CHECK_SECONDS = 10.0
"""Longest a check may run; checks take milliseconds, so only an answer that never stops reaches this."""


@dataclass(frozen=True)
class Question:
    """One question. ``check_answer`` receives the learner's value (never ``____``) and judges it.

    ``variable`` names the learner's variable that ``check()`` reads when called without a value; several names
    separated by commas (``"w, b"``) read a tuple of those variables. ``None`` for an open question, whose
    ``check_answer`` then also gets ``____`` or ``MISSING`` and decides itself.
    """

    name: str
    prompt: Text
    variable: str | None
    check_answer: Callable[[Any], CheckResult]
    hint_text: Text
    solution_code: Text | str  # a Text when the code has comments, translated in place
    solution_note: Text = Text("", "")

    def __post_init__(self) -> None:
        for words in ("prompt", "hint_text", "solution_note"):  # a plain string reads the same in every language
            if not isinstance(getattr(self, words), Text):
                object.__setattr__(self, words, Text.of(getattr(self, words)))

    @property
    def variables(self) -> tuple[str, ...]:
        """The names ``check()`` reads: ``("w", "b")`` for ``variable="w, b"``; empty for an open question."""
        if self.variable is None:
            return ()
        return tuple(name.strip() for name in self.variable.split(",") if name.strip())

    def check(self, value: Any = MISSING, *more: Any, **named: Any) -> CheckResult:
        """Judge ``value``, or the caller's variable(s) ``self.variable`` when no value is given. Never raises:
        whatever the answer does when it is read, the result is a verdict with a message of bounded length.
        A learner who passes the answer in (``q_3.check(w, b)``, ``q_1.check(input_shape=[6])``) hears that
        ``check()`` reads the variables itself, instead of Python's complaint about the arguments.
        """
        if more or named:
            return self._called_with_arguments()
        frame = inspect.currentframe()
        caller = frame.f_back if frame else None
        del frame
        try:
            with time_limit(CHECK_SECONDS):
                return _capped(self._judge(value, caller))
        except CheckTimeout:
            return incorrect(Text(
                f"reading this answer took more than {CHECK_SECONDS:g} seconds, so the checker stopped. Compare it "
                f"with `{self.name}.solution()`.",
                f"读取这个答案用了超过 {CHECK_SECONDS:g} 秒，检查器已停止。请与 `{self.name}.solution()` 对照。",
            ))
        except Exception as error:  # the answer raised while read, or a check has a bug: a verdict, not a traceback
            return incorrect(Text(
                f"the checker could not read this answer ({error_text(error)}). Compare it with "
                f"`{self.name}.solution()`.",
                f"检查器无法读取这个答案（{error_text(error)}）。请与 `{self.name}.solution()` 对照。",
            ))
        finally:
            del caller

    def _called_with_arguments(self) -> CheckResult:
        """One sentence for ``check(...)`` given arguments: it reads the learner's variables itself."""
        call = f"`{self.name}.check()`"
        names = [f"`{name}`" for name in self.variables]
        if not names:
            return not_attempted(Text(
                f"{call} takes no arguments: call it with empty brackets, {call}.",
                f"{call} 不需要参数：调用时括号里什么都不用写，即 {call}。",
            ))
        word = "variable" if len(names) == 1 else "variables"
        return not_attempted(Text(
            f"{call} reads your {word} {' and '.join(names)} itself: call it with empty brackets, {call}.",
            f"{call} 会自己读取你的变量 {' 和 '.join(names)}：调用时括号里什么都不用写，即 {call}。",
        ))

    def _judge(self, value: Any, caller: Any) -> CheckResult:
        names = self.variables
        if value is MISSING and names:
            values = tuple(_lookup(caller, name) for name in names)
            unset = [name for name, found in zip(names, values) if found is MISSING]
            if unset:
                return not_attempted(Text(
                    f"`{unset[0]}` is not defined yet: set `{self.variable} = ...` and run "
                    f"`{self.name}.check()` again.",
                    f"`{unset[0]}` 还没有定义：先写 `{self.variable} = ...`，再运行一次 `{self.name}.check()`。",
                ))
            value = values[0] if len(values) == 1 else values
        if names and is_blank(value):
            return not_attempted(Text(
                f"replace `____` in `{self.variable}` with your answer, then run `{self.name}.check()` again.",
                f"把 `{self.variable}` 中的 `____` 换成你的答案，再运行一次 `{self.name}.check()`。",
            ))
        result = self.check_answer(value)
        if type(result) is not CheckResult:
            return incorrect(Text(
                f"the checker for {self.name} returned {shown(result)} instead of a verdict.",
                f"{self.name} 的检查函数返回了 {shown(result)}，而不是判定结果。",
            ))
        return result

    def hint(self) -> Hint:
        return Hint(self.hint_text)

    def solution(self) -> Solution:
        return Solution(self.solution_code, self.solution_note)

    def __repr__(self) -> str:
        return f"{self.name}: {self.prompt.in_language(current_language())}"


def _capped(result: CheckResult) -> CheckResult:
    """``result`` with its message in each language cut to ``MAX_MESSAGE`` characters, whatever a check put in it."""
    if max(len(result.text.en), len(result.text.zh)) <= MAX_MESSAGE:
        return result
    return CheckResult(
        result.status, result.text.map(lambda words, language: words if len(words) <= MAX_MESSAGE else
                                       words[: MAX_MESSAGE - 1] + "…")
    )


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

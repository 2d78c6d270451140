"""Judge a Keras callback given as an answer (``keras.callbacks.EarlyStopping(patience=5, ...)``): its class and
the settings the question names, read from the attributes the constructor stored, on Keras 3 and ``tf_keras``.
The callback is only read, never called.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from course.exercises.keras_models import keras_kind
from course.exercises.model_checks import describe_value, report
from course.exercises.result import CheckResult, correct, incorrect
from course.exercises.safe_reading import shown

__all__ = ["CallbackSpec"]

# Settings Keras stores with their sign changed: EarlyStopping keeps `min_delta` negative when it watches a loss.
_SIGNLESS = {"min_delta"}
_UNREAD = object()


@dataclass(frozen=True)
class CallbackSpec:
    """A ``keras.callbacks.<callback>`` object whose ``settings`` (constructor arguments, by name) have the
    values given; settings left out may be anything.
    """

    callback: str
    settings: dict[str, Any] = field(default_factory=dict)

    def code(self) -> str:
        arguments = ", ".join(f"{name}={value!r}" for name, value in self.settings.items())
        return f"keras.callbacks.{self.callback}({arguments})"

    def check(self, value: Any) -> CheckResult:
        problem = self._not_the_callback(value)
        if problem:
            return incorrect(problem)
        problems = []
        for name, wanted in self.settings.items():
            actual = getattr(value, name, _UNREAD)
            if actual is _UNREAD:
                problems.append(f"this {self.callback} has no `{name}` setting; create it with `{self.code()}`.")
            elif not _same(name, actual, wanted):
                problems.append(f"`{name}` is {_shown_setting(name, actual)}; set `{name}={wanted!r}`.")
        if problems:
            return incorrect(report(problems) + f" All together: `{self.code()}`.")
        settings = ", ".join(f"{name}={value!r}" for name, value in self.settings.items())
        return correct(f"`{self.callback}` with {settings}." if settings else f"a `{self.callback}` callback.")

    def _not_the_callback(self, value: Any) -> str | None:
        """Why ``value`` is not a ``self.callback`` object, for a learner; ``None`` if it is one."""
        cls = type(value)
        if keras_kind(value) == "callback":
            if any(base.__name__ == self.callback for base in cls.__mro__):  # a learner's subclass counts too
                return None
            return f"this is a `{cls.__name__}` callback; this exercise asks for `{self.code()}`."
        if issubclass(cls, type) and value.__name__ == self.callback:
            return f"this is the class `{self.callback}` itself: call it to make a callback, `{self.code()}`."
        if issubclass(cls, (list, tuple)):
            return (
                f"this is a {cls.__name__}; assign the callback itself, not a list of callbacks (the list goes "
                f"to `fit(callbacks=[...])`): `{self.code()}`."
            )
        if keras_kind(value) in {"sequential", "functional", "model"}:
            return f"this is a model; the answer is a callback: `{self.code()}`."
        return f"{describe_value(value)} is not a Keras callback: create one with `{self.code()}`."


def _same(name: str, actual: Any, wanted: Any) -> bool:
    if wanted is None:
        return actual is None
    if type(wanted) in (bool, str):
        return type(actual) is type(wanted) and actual == wanted
    if type(actual) is bool or not isinstance(actual, (int, float)):
        return False
    actual = abs(float(actual)) if name in _SIGNLESS else float(actual)
    return math.isclose(actual, float(wanted), rel_tol=1e-9, abs_tol=1e-12)


def _shown_setting(name: str, actual: Any) -> str:
    if name in _SIGNLESS and isinstance(actual, (int, float)) and type(actual) is not bool:
        return f"`{abs(actual)!r}`"
    return f"`{shown(actual)}`"

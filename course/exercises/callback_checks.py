"""Judge a Keras callback given as an answer (``keras.callbacks.EarlyStopping(patience=5, ...)``): its class and
the settings the question names, read from the attributes the constructor stored, on Keras 3 and ``tf_keras``.
The callback is only read, never called.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from course.exercises.answers import describe_value, report
from course.exercises.keras_models import keras_kind
from course.exercises.result import CheckResult, correct, incorrect
from course.exercises.safe_reading import shown
from course.exercises.text import Text

__all__ = ["CallbackSpec", "KeptSetting"]

# Settings Keras stores with their sign changed: EarlyStopping keeps `min_delta` negative when it watches a loss.
_SIGNLESS = {"min_delta"}
_UNREAD = object()


@dataclass(frozen=True)
class KeptSetting:
    """A setting the question leaves at its default, which the callback only works with: ``name`` must hold one of
    ``allowed`` (the default first); ``why`` finishes the sentence "it must ..." for the learner."""

    name: str
    allowed: tuple[Any, ...]
    why: Text


# Settings that change when a callback acts, by callback, with their defaults. A question leaves them out unless it
# says otherwise, so an answer that sets them trains differently from the one asked for. (`monitor` and `mode` are
# not here: which value is right depends on what the question watches, so a question names them in `kept`.)
_UNASKED: dict[str, tuple[KeptSetting, ...]] = {
    "EarlyStopping": (
        KeptSetting("baseline", (None,), Text(
            "be left unset (with a baseline, training stops after `patience` epochs if the watched value has not "
            "beaten the baseline by then, however much it improved)",
            "保持不设（设了基准值后，如果被监视的值在 `patience` 轮内没有优于基准值，训练就会停止，不管它改善了多少）",
        )),
        KeptSetting("start_from_epoch", (0,), Text(
            "be 0 (early stopping ignores the epochs before `start_from_epoch`, so training cannot stop during them, "
            "however long the watched value has not improved)",
            "是 0（早停会忽略 `start_from_epoch` 之前的各轮，所以在这些轮里，不管被监视的值已经多久没有改善，训练都不会停止）",
        )),
    ),
}


@dataclass(frozen=True)
class CallbackSpec:
    """A ``keras.callbacks.<callback>`` object whose ``settings`` (constructor arguments, by name) have the
    values given, and whose ``kept`` settings hold one of their allowed values. Settings that change when the callback
    acts (``_UNASKED``: an EarlyStopping's ``baseline``) keep their defaults unless ``settings`` or ``kept`` names
    them; other settings (``verbose``) may be anything.
    """

    callback: str
    settings: dict[str, Any] = field(default_factory=dict)
    kept: tuple[KeptSetting, ...] = ()

    @property
    def all_kept(self) -> tuple[KeptSetting, ...]:
        """``kept``, then the settings of the callback that change what it does (``_UNASKED``) which neither
        ``settings`` nor ``kept`` names: a question that does not ask for them wants their defaults."""
        named = set(self.settings) | {kept.name for kept in self.kept}
        return self.kept + tuple(rule for rule in _UNASKED.get(self.callback, ()) if rule.name not in named)

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
                problems.append(Text(
                    f"this {self.callback} has no `{name}` setting; create it with `{self.code()}`.",
                    f"这个 {self.callback} 没有 `{name}` 设置；请用 `{self.code()}` 创建它。",
                ))
            elif not _same(name, actual, wanted):
                problems.append(Text(
                    f"`{name}` is {_shown_setting(name, actual)}; set `{name}={wanted!r}`.",
                    f"`{name}` 是 {_shown_setting(name, actual)}；请设为 `{name}={wanted!r}`。",
                ))
        for kept in self.all_kept:
            actual = _setting(value, kept.name, kept.allowed[0])
            if not any(_same(kept.name, actual, allowed) for allowed in kept.allowed):
                problems.append(Text(
                    f"`{kept.name}` is {_shown_setting(kept.name, actual)}, but it must ",
                    f"`{kept.name}` 是 {_shown_setting(kept.name, actual)}，但它必须",
                ) + kept.why + Text(
                    f": leave `{kept.name}` out, and it is `{kept.allowed[0]!r}`.",
                    f"：去掉 `{kept.name}` 即可，它默认就是 `{kept.allowed[0]!r}`。",
                ))
        if problems:
            return incorrect(report(problems) + Text(f" All together: `{self.code()}`.", f"合起来：`{self.code()}`。"))
        settings = ", ".join(f"{name}={value!r}" for name, value in self.settings.items())
        if settings:
            return correct(Text(f"`{self.callback}` with {settings}.", f"`{self.callback}`，设置为 {settings}。"))
        return correct(Text(f"a `{self.callback}` callback.", f"一个 `{self.callback}` 回调。"))

    def _not_the_callback(self, value: Any) -> Text | None:
        """Why ``value`` is not a ``self.callback`` object, for a learner; ``None`` if it is one."""
        cls = type(value)
        if keras_kind(value) == "callback":
            if any(base.__name__ == self.callback for base in cls.__mro__):  # a learner's subclass counts too
                return None
            return Text(
                f"this is a `{cls.__name__}` callback; this exercise asks for `{self.code()}`.",
                f"这是一个 `{cls.__name__}` 回调；本练习要的是 `{self.code()}`。",
            )
        if issubclass(cls, type) and value.__name__ == self.callback:
            return Text(
                f"this is the class `{self.callback}` itself: call it to make a callback, `{self.code()}`.",
                f"这是类 `{self.callback}` 本身：调用它才能得到一个回调，即 `{self.code()}`。",
            )
        if issubclass(cls, (list, tuple)):
            container = "列表" if issubclass(cls, list) else "元组"
            return Text(
                f"this is a {cls.__name__}; assign the callback itself, not a list of callbacks (the list goes "
                f"to `fit(callbacks=[...])`): `{self.code()}`.",
                f"这是一个{container}；要赋值的是回调本身，而不是回调列表（列表要传给 `fit(callbacks=[...])`）："
                f"`{self.code()}`。",
            )
        if keras_kind(value) in {"sequential", "functional", "model"}:
            return Text(
                f"this is a model; the answer is a callback: `{self.code()}`.",
                f"这是一个模型；答案应该是回调：`{self.code()}`。",
            )
        return Text("", "答案是") + describe_value(value) + Text(
            f" is not a Keras callback: create one with `{self.code()}`.",
            f"，不是 Keras 回调：请用 `{self.code()}` 创建一个。",
        )


def _setting(callback: Any, name: str, default: Any) -> Any:
    """The value of setting ``name`` the callback stored; ``default`` if it stored none. tf_keras's EarlyStopping
    keeps no ``mode``, only the comparison it chose from it (``numpy.less`` for "min", ``numpy.greater`` for "max")."""
    if name == "mode" and not hasattr(callback, "mode"):
        chosen = getattr(getattr(callback, "monitor_op", None), "__name__", None)
        return {"less": "min", "greater": "max"}.get(chosen, default)
    return getattr(callback, name, default)


def _same(name: str, actual: Any, wanted: Any) -> bool:
    if wanted is None:
        return actual is None
    if type(wanted) is bool:  # Keras tests a switch for truth: `restore_best_weights=1` restores the weights
        return isinstance(actual, (int, float)) and bool(actual) == wanted
    if type(wanted) is str:
        return type(actual) is str and actual == wanted
    if type(actual) is bool or not isinstance(actual, (int, float)):
        return False
    actual = abs(float(actual)) if name in _SIGNLESS else float(actual)
    return math.isclose(actual, float(wanted), rel_tol=1e-9, abs_tol=1e-12)


def _shown_setting(name: str, actual: Any) -> str:
    if name in _SIGNLESS and isinstance(actual, (int, float)) and type(actual) is not bool:
        return f"`{abs(actual)!r}`"
    return f"`{shown(actual)}`"

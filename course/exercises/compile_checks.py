"""Judge how a learner compiled a Keras model: optimizer, loss and metrics, each given as a string
(``"adam"``, ``"mae"``), a function or an object (``keras.optimizers.Adam()``), on Keras 3 and ``tf_keras``.

Reads only what ``compile()`` stored on the model; never compiles, builds or calls it.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any

from course.exercises.answers import describe_value, report
from course.exercises.keras_models import keras_kind
from course.exercises.result import CheckResult, correct, incorrect, not_attempted
from course.exercises.safe_reading import MAX_ITEMS, first_items, shown
from course.exercises.text import Text

__all__ = ["CompileSpec", "compiled_settings", "loss_name", "metric_name", "optimizer_name"]

# Short names Keras accepts for a loss or a metric, and the function each one means.
_ALIASES = {
    "mae": "mean_absolute_error",
    "mse": "mean_squared_error",
    "mape": "mean_absolute_percentage_error",
    "msle": "mean_squared_logarithmic_error",
    "huber_loss": "huber",
    "bce": "binary_crossentropy",
    "acc": "accuracy",
}
# "accuracy": Keras picks the accuracy from the shapes of the output and the targets (one unit: binary accuracy);
# this maps it from the loss, which agrees for the course's models, one output unit each.
_ACCURACY_FOR_LOSS = {
    "binary_crossentropy": "binary_accuracy",
    "binary_focal_crossentropy": "binary_accuracy",
    "categorical_crossentropy": "categorical_accuracy",
    "sparse_categorical_crossentropy": "sparse_categorical_accuracy",
}
# How messages name a setting for people, and how the lessons write it in code.
_READABLE = {
    "adam": "Adam",
    "sgd": "SGD",
    "rmsprop": "RMSprop",
    "mean_absolute_error": "mean absolute error (MAE)",
    "mean_squared_error": "mean squared error (MSE)",
    "huber": "Huber",
    "binary_crossentropy": "binary cross-entropy",
    "binary_accuracy": "binary accuracy",
}
_READABLE_ZH = {
    "mean_absolute_error": "平均绝对误差（MAE）",
    "mean_squared_error": "均方误差（MSE）",
    "huber": "Huber 损失",
    "binary_crossentropy": "二元交叉熵",
    "binary_accuracy": "二元准确率",
}
_CODE = {"mean_absolute_error": '"mae"', "mean_squared_error": '"mse"'}
# Lists in lists that the metrics are read through: Keras reads `[["binary_accuracy"]]` as one output's metrics.
_MAX_NESTING = 4


def _snake(name: str) -> str:
    """``MeanAbsoluteError`` → ``mean_absolute_error``; ``SGD`` → ``sgd``; ``RMSprop`` → ``rmsprop``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _name(value: Any) -> str | None:
    """The snake-case name of a setting given as a string, a function or an object; ``None`` for nothing."""
    if value is None:
        return None
    if type(value) is str:  # Keras looks a string up among function and class names: "mae", "MeanAbsoluteError"
        name = _snake(value.strip())
    elif issubclass(type(value), type):  # the class itself, e.g. `keras.losses.MeanAbsoluteError`
        name = _snake(value.__name__)
    elif callable(value) and type(getattr(value, "__name__", None)) is str and not hasattr(value, "get_config"):
        name = value.__name__.lower()  # a plain function such as keras.losses.mean_absolute_error
    elif type(value).__module__ == "builtins":  # a number or a dict is no setting: name it by what was written
        return shown(value)
    else:
        name = _snake(type(value).__name__)
    return _ALIASES.get(name, name)


def optimizer_name(optimizer: Any) -> str | None:
    """``adam`` for ``"adam"`` or ``Adam()``, looking through a loss-scaling wrapper."""
    inner = getattr(optimizer, "inner_optimizer", None) if type(optimizer).__name__ == "LossScaleOptimizer" else None
    name = _name(inner if inner is not None else optimizer)
    return name.replace("_", "") if name else None  # RMSprop and RMS_prop alike


def loss_name(loss: Any) -> str | None:
    """``mean_absolute_error`` for ``"mae"``, ``keras.losses.mean_absolute_error`` or ``MeanAbsoluteError()``."""
    loss = _only_output(loss)
    name = _name(getattr(loss, "fn", None) if type(loss).__name__ == "LossFunctionWrapper" else loss)
    return name


def _only_output(value: Any) -> Any:
    """The one item of a setting given per output as a list or a dict (this course's models have one output);
    ``None`` for an empty one, which is how tf_keras stores a compile without a loss; ``value`` itself otherwise."""
    cls = type(value)  # type(), not isinstance: tf_keras's dict wrapper claims to be a dict
    if cls.__name__ == "_DictWrapper" and cls.__module__.startswith("tensorflow."):
        items = first_items(value.values(), 2)
    elif issubclass(cls, dict):
        items = first_items(dict.values(value), 2)
    elif issubclass(cls, (list, tuple)):
        items = first_items(value, 2)
    else:
        return value
    return items[0] if len(items) == 1 else None if not items else value


def metric_name(metric: Any, loss: str | None) -> str | None:
    """``binary_accuracy`` for ``"binary_accuracy"``, ``BinaryAccuracy()``, or ``"accuracy"`` with that loss."""
    name = _name(metric)
    if name == "accuracy" and type(metric) is str:
        return _ACCURACY_FOR_LOSS.get(loss or "", name)
    return name


@dataclass(frozen=True)
class CompiledSettings:
    """What ``compile()`` stored: ``None`` everywhere for a model never compiled. ``keras2`` is true for a
    tf_keras model, which records some metrics in the training history under other names than Keras 3 does."""

    compiled: bool
    optimizer: Any = None
    loss: Any = None
    metrics: tuple[Any, ...] = ()
    keras2: bool = False


def compiled_settings(model: Any) -> CompiledSettings:
    """Read the optimizer, loss and metrics a Keras 3 or ``tf_keras`` model was compiled with."""
    compiled = getattr(model, "compiled", None)  # Keras 3
    if compiled is None:
        compiled = getattr(model, "_is_compiled", False)  # tf_keras
    if compiled is not True:
        return CompiledSettings(False)
    config = getattr(getattr(model, "_compile_config", None), "config", None)
    config = config if type(config) is dict else {}
    keras2 = type(model).__module__.split(".")[0] in {"tf_keras", "tensorflow"}
    return CompiledSettings(
        True, getattr(model, "optimizer", None), getattr(model, "loss", None),
        tuple(_flat_metrics(config.get("metrics"))), keras2,
    )


def _flat_metrics(value: Any) -> list[Any]:
    """The metrics given to ``compile()`` as one list. Keras reads a dict, or lists in the list, as metrics per
    output, and records each under its own name when the model has one output, as this course's models have.
    Reads at most ``MAX_ITEMS`` entries in all, so that lists nested in lists cannot multiply the work."""
    if value is None:
        return []
    flat: list[Any] = []
    pending = [(value, 0)]
    for _ in range(MAX_ITEMS):
        if not pending:
            break
        item, depth = pending.pop()
        if type(item) is dict:
            item = first_items(item.values())
        if type(item) in (list, tuple) and depth < _MAX_NESTING:
            pending += [(inner, depth + 1) for inner in reversed(first_items(item))]
        else:
            flat.append(item)
    return flat


@dataclass(frozen=True)
class CompileSpec:
    """A model compiled with ``optimizer`` and ``loss`` (snake-case names: ``"adam"``, ``"mean_absolute_error"``)
    and at least the ``metrics`` named (``("binary_accuracy",)``); other metrics are allowed. A model not
    compiled yet is "not attempted", as a blank is.
    """

    optimizer: str
    loss: str
    metrics: tuple[str, ...] = ()

    def code(self) -> str:
        metrics = f", metrics=[{', '.join(_code(m) for m in self.metrics)}]" if self.metrics else ""
        return f"model.compile(optimizer={_code(self.optimizer)}, loss={_code(self.loss)}{metrics})"

    def blank_code(self) -> str:
        """The call with its arguments left out, ``model.compile(optimizer=..., loss=...)``: what a message shows
        before the learner has tried, so that it does not give the answer away."""
        metrics = ", metrics=[...]" if self.metrics else ""
        return f"model.compile(optimizer=..., loss=...{metrics})"

    def check(self, value: Any) -> CheckResult:
        if value is None:  # `model = model.compile(...)`: compile returns None
            return incorrect(Text(
                "`model` is `None`. `model.compile(...)` changes the model in place and returns `None`, so "
                "`model = model.compile(...)` replaces your model with `None`. Build the model again (run its "
                f"cell), then call `{self.code()}` on a line of its own.",
                "`model` 是 `None`。`model.compile(...)` 直接修改模型本身，返回的是 `None`，所以 "
                "`model = model.compile(...)` 会把你的模型换成 `None`。请重新搭建模型（再运行一次那个单元格），"
                f"然后在单独的一行中调用 `{self.code()}`。",
            ))
        if keras_kind(value) not in {"sequential", "functional", "model"}:
            return incorrect(Text("", "答案是") + describe_value(value) + Text(
                f" is not a Keras model: compile your model with `{self.code()}`.",
                f"，不是 Keras 模型：请用 `{self.code()}` 编译你的模型。",
            ))
        settings = compiled_settings(value)
        if not settings.compiled:  # the learner's cell still holds `____` where the compile call goes
            return not_attempted(Text(
                f"`model` is not compiled yet: run `{self.blank_code()}`, then check again.",
                f"`model` 还没有编译：运行 `{self.blank_code()}`，然后再检查一次。",
            ))
        problems = []
        optimizer = optimizer_name(settings.optimizer)
        if optimizer != self.optimizer.replace("_", ""):
            problems.append(Text(
                f"the optimizer is {_readable(optimizer)}; this exercise uses {_readable(self.optimizer)}: "
                f"`optimizer={_code(self.optimizer)}`.",
                f"优化器是{_named(optimizer)}；本练习用的是{_named(self.optimizer)}："
                f"`optimizer={_code(self.optimizer)}`。",
            ))
        loss, written = loss_name(settings.loss), _only_output(settings.loss)
        if loss is None:  # Keras would stop at the first fit: "No loss to compute"
            problems.append(Text(
                f"`compile` was called without a loss: add `loss={_code(self.loss)}`.",
                f"编译时没有指定损失函数：请加上 `loss={_code(self.loss)}`。",
            ))
        elif type(written) is str and not _keras_finds_loss(value, written, loss):
            written = written[:40]  # a typo, or a name Keras does not look up as written (`"Mae"`)
            problems.append(Text(
                f'Keras knows no loss spelled `"{written}"` and would stop at the first `fit`: '
                f"write `loss={_code(self.loss)}`.",
                f'Keras 不认识写成 `"{written}"` 的损失函数，第一次 `fit` 时就会报错：请写 `loss={_code(self.loss)}`。',
            ))
        elif isinstance(written, type) and settings.keras2:  # Keras 3 makes the object itself; tf_keras does not
            problems.append(Text(
                f"`loss` is the class `{written.__name__}` itself, not a loss made from it: this Keras "
                f"(tf_keras) would stop at the first `fit` with a TypeError. Call the class, "
                f"`loss=keras.losses.{written.__name__}()`, or write `loss={_code(self.loss)}`.",
                f"`loss` 是类 `{written.__name__}` 本身，而不是用它创建的损失函数：这个版本的 Keras（tf_keras）"
                f"会在第一次 `fit` 时因 TypeError 报错。请调用这个类，写成 `loss=keras.losses.{written.__name__}()`，"
                f"或者写 `loss={_code(self.loss)}`。",
            ))
        elif loss != self.loss:
            problems.append(Text(
                f"the loss is {_readable(loss)}; this exercise uses {_readable(self.loss)}: `loss={_code(self.loss)}`.",
                f"损失函数是{_named(loss)}；本练习用的是{_named(self.loss)}："
                f"`loss={_code(self.loss)}`。",
            ))
        elif getattr(settings.loss, "from_logits", False) is True:
            problems.append(Text(
                "the loss was given `from_logits=True`: it would apply a sigmoid to the model's outputs itself, but "
                "these outputs already come out of a sigmoid and are probabilities. Leave `from_logits` out: "
                f"`loss={_code(self.loss)}`.",
                "损失函数设置了 `from_logits=True`：它会自己再对模型的输出做一次 sigmoid，可这些输出已经经过 sigmoid，"
                f"本身就是概率。去掉 `from_logits`：`loss={_code(self.loss)}`。",
            ))
        given = [metric_name(m, loss) for m in settings.metrics]
        missing = [m for m in self.metrics if m not in given]
        if missing:
            wanted = f"`metrics=[{', '.join(_code(m) for m in self.metrics)}]`"
            if given:
                now = Text(
                    f"its metrics are {', '.join(_readable(m) for m in given)}",
                    f"模型的指标是{_named(*given)}",
                )
            else:
                now = Text("it has no metrics", "模型没有指标")
            problems.append(now + Text(
                f"; add {' and '.join(_readable(m) for m in missing)}: {wanted}.",
                f"；请加上{_named(*missing)}：{wanted}。",
            ))
        else:
            problems += self._history_name_problems(settings, loss)
        if problems:
            return incorrect(report(problems))
        metrics = f", metrics {', '.join(_readable(m) for m in self.metrics)}" if self.metrics else ""
        metrics_zh = f"，指标为{_named(*self.metrics)}" if self.metrics else ""
        return correct(Text(
            f"compiled with {_readable(self.optimizer)}, loss {_readable(self.loss)}{metrics}.",
            f"已编译，优化器为{_named(self.optimizer)}，损失函数为{_named(self.loss)}{metrics_zh}。",
        ))

    def _history_name_problems(self, settings: CompiledSettings, loss: str | None) -> list[Text]:
        """The lesson's next cells read each metric from the training history by its own name
        (``history.history["val_binary_accuracy"]``); a metric that computes the same under another name
        (``"accuracy"``, ``"acc"``, Keras 3's ``"BinaryAccuracy"``) would leave them a KeyError."""
        problems = []
        for wanted in self.metrics:
            for metric in settings.metrics:
                recorded = _recorded_name(metric, settings.keras2)
                if metric_name(metric, loss) == wanted and recorded not in (None, wanted):
                    written = f'"{metric}"' if type(metric) is str else _metric_code(metric, recorded)
                    problems.append(Text(
                        f'`{written}` computes {_readable(wanted)} too, but Keras records it in the training '
                        f'history as "{recorded}", and the next cells read "{wanted}": write '
                        f"`metrics=[{_code(wanted)}]`.",
                        f'`{written}` 算的也是{_named(wanted)}，但 Keras 在训练历史里把它记作 `"{recorded}"`，'
                        f'而后面的单元格读取的是 `"{wanted}"`：请写 `metrics=[{_code(wanted)}]`。',
                    ))
        return problems


def _recorded_name(metric: Any, keras2: bool = False) -> str | None:
    """The key a metric gets in ``history.history``: a string as written (but for tf_keras, a class name such as
    ``"BinaryAccuracy"`` gives an object named by default, ``binary_accuracy``), a metric object's ``name``, and
    for a metric class the default name of the object Keras makes of it (``binary_accuracy``)."""
    if type(metric) is str:
        is_class_name = metric[:1].isupper() and metric != metric.upper()
        return _snake(metric) if keras2 and is_class_name else metric
    if issubclass(type(metric), type):  # the class's `name` is a property, not a name
        return _snake(metric.__name__)
    name = getattr(metric, "name", None)
    if type(name) is not str:
        name = getattr(metric, "__name__", None)
    return name if type(name) is str else None


def _metric_code(metric: Any, name: str | None) -> str:
    """A metric object as code, the way it was written: ``BinaryAccuracy(name="acc")``; anything else as shown."""
    if not hasattr(metric, "get_config") or name is None:
        return shown(metric)
    return f'{type(metric).__name__}(name="{name[:40]}")'


def _keras_finds_loss(model: Any, text: str, name: str) -> bool:
    """Whether the Keras package of ``model`` finds a loss from the string ``text`` as written, asked through its
    own ``losses.get`` (which only looks the name up); where that cannot be asked, whether ``text`` is spelled as
    Keras spells the loss ``name`` (``_spelled_as_keras_spells``)."""
    packages = [cls.__module__.split(".")[0] for cls in type(model).__mro__]
    package = next((sys.modules.get(p) for p in packages if p in {"keras", "tf_keras"}), None)
    look_up = getattr(getattr(package, "losses", None), "get", None)
    if not callable(look_up):
        return _spelled_as_keras_spells(text, name)
    try:
        return look_up(text) is not None
    except Exception:  # Keras 3 and tf_keras raise ValueError: "Could not interpret loss identifier"
        return False


def _spelled_as_keras_spells(text: str, name: str) -> bool:
    """Whether Keras finds the loss ``name`` from the string ``text`` as written: its function's name, its class's
    name (``MeanAbsoluteError``) or a short name in lower or upper case (``mae``, ``MAE``); not ``Mae``."""
    class_name = "".join(part.capitalize() for part in name.split("_"))
    short = {alias for alias, meaning in _ALIASES.items() if meaning == name}
    return text in {name, class_name} | short | {alias.upper() for alias in short}


def _code(name: str) -> str:
    return _CODE.get(name, f'"{name}"')


def _named(*names: str | None) -> str:
    """Settings named in a Chinese sentence: joined by 、, a Latin name set off by a space from the word before."""
    text = "、".join(_readable(name, "zh") for name in names)
    return f" {text}" if text[:1].isascii() else text


def _readable(name: str | None, language: str = "en") -> str:
    """How a message names a setting for people, in ``language``: in words if the course has them, else as code
    (`` `adamw` ``), the same in both languages."""
    if language == "zh" and name in _READABLE_ZH:
        return _READABLE_ZH[name]
    return _READABLE[name] if name in _READABLE else f"`{name}`"

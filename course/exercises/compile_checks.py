"""Judge how a learner compiled a Keras model: optimizer, loss and metrics, each given as a string
(``"adam"``, ``"mae"``), a function or an object (``keras.optimizers.Adam()``), on Keras 3 and ``tf_keras``.

Reads only what ``compile()`` stored on the model; never compiles, builds or calls it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from course.exercises.answers import describe_value, report
from course.exercises.keras_models import keras_kind
from course.exercises.result import CheckResult, correct, incorrect, not_attempted
from course.exercises.safe_reading import first_items, shown
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
# "accuracy" means the accuracy that fits the loss; Keras picks it the same way.
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


def _snake(name: str) -> str:
    """``MeanAbsoluteError`` → ``mean_absolute_error``; ``SGD`` → ``sgd``; ``RMSprop`` → ``rmsprop``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _name(value: Any) -> str | None:
    """The snake-case name of a setting given as a string, a function or an object; ``None`` for nothing."""
    if value is None:
        return None
    if type(value) is str:
        name = value.strip().lower()
    elif issubclass(type(value), type):  # the class itself, e.g. `keras.losses.MeanAbsoluteError`
        name = _snake(value.__name__)
    elif callable(value) and type(getattr(value, "__name__", None)) is str and not hasattr(value, "get_config"):
        name = value.__name__.lower()  # a plain function such as keras.losses.mean_absolute_error
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
    name = _name(getattr(loss, "fn", None) if type(loss).__name__ == "LossFunctionWrapper" else loss)
    return name


def metric_name(metric: Any, loss: str | None) -> str | None:
    """``binary_accuracy`` for ``"binary_accuracy"``, ``BinaryAccuracy()``, or ``"accuracy"`` with that loss."""
    name = _name(metric)
    if name == "accuracy" and type(metric) is str:
        return _ACCURACY_FOR_LOSS.get(loss or "", name)
    return name


@dataclass(frozen=True)
class CompiledSettings:
    """What ``compile()`` stored: ``None`` everywhere for a model never compiled."""

    compiled: bool
    optimizer: Any = None
    loss: Any = None
    metrics: tuple[Any, ...] = ()


def compiled_settings(model: Any) -> CompiledSettings:
    """Read the optimizer, loss and metrics a Keras 3 or ``tf_keras`` model was compiled with."""
    compiled = getattr(model, "compiled", None)  # Keras 3
    if compiled is None:
        compiled = getattr(model, "_is_compiled", False)  # tf_keras
    if compiled is not True:
        return CompiledSettings(False)
    config = getattr(getattr(model, "_compile_config", None), "config", None)
    config = config if type(config) is dict else {}
    metrics = config.get("metrics")
    if type(metrics) is dict:  # metrics per output: this course's models have one output
        metrics = [m for value in first_items(metrics.values()) for m in _as_list(value)]
    return CompiledSettings(
        True, getattr(model, "optimizer", None), getattr(model, "loss", None), tuple(_as_list(metrics))
    )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if type(value) in (list, tuple):
        return first_items(value)
    return [value]


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
                f"`model` is not compiled yet: run `{self.code()}`, then check again.",
                f"`model` 还没有编译：运行 `{self.code()}`，然后再检查一次。",
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
        loss = loss_name(settings.loss)
        if loss != self.loss:
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
                    f"它的指标是{_named(*given)}",
                )
            else:
                now = Text("it has no metrics", "它没有指标")
            problems.append(now + Text(
                f"; add {' and '.join(_readable(m) for m in missing)}: {wanted}.",
                f"；请加上{_named(*missing)}：{wanted}。",
            ))
        else:
            problems += self._history_name_problems(settings.metrics, loss)
        if problems:
            return incorrect(report(problems))
        metrics = f", metrics {', '.join(_readable(m) for m in self.metrics)}" if self.metrics else ""
        metrics_zh = f"，指标为{_named(*self.metrics)}" if self.metrics else ""
        return correct(Text(
            f"compiled with {_readable(self.optimizer)}, loss {_readable(self.loss)}{metrics}.",
            f"已编译：优化器为{_named(self.optimizer)}，损失函数为{_named(self.loss)}{metrics_zh}。",
        ))

    def _history_name_problems(self, metrics: tuple[Any, ...], loss: str | None) -> list[Text]:
        """The lesson's next cells read each metric from the training history by its own name
        (``history.history["val_binary_accuracy"]``); a metric that computes the same under another name
        (``"accuracy"``, ``"acc"``) would leave them a KeyError."""
        problems = []
        for wanted in self.metrics:
            for metric in metrics:
                recorded = _recorded_name(metric)
                if metric_name(metric, loss) == wanted and recorded not in (None, wanted):
                    written = f'"{metric}"' if type(metric) is str else shown(metric)
                    problems.append(Text(
                        f'`{written}` computes {_readable(wanted)} too, but Keras records it in the training '
                        f'history as "{recorded}", and the next cells read "{wanted}": write '
                        f"`metrics=[{_code(wanted)}]`.",
                        f'`{written}` 算的也是{_named(wanted)}，但 Keras 在训练历史里把它记作 `"{recorded}"`，'
                        f'而后面的单元格读取的是 `"{wanted}"`：请写 `metrics=[{_code(wanted)}]`。',
                    ))
        return problems


def _recorded_name(metric: Any) -> str | None:
    """The key a metric gets in ``history.history``: a string as written, a metric object's ``name``."""
    if type(metric) is str:
        return metric
    name = getattr(metric, "name", None)
    if type(name) is not str:
        name = getattr(metric, "__name__", None)
    return name if type(name) is str else None


def _code(name: str) -> str:
    return _CODE.get(name, f'"{name}"')


def _named(*names: str | None) -> str:
    """Settings named in a Chinese sentence: joined by 、, a Latin name set off by a space from the word before."""
    text = "、".join(_readable(name, "zh") for name in names)
    return f" {text}" if text[:1].isascii() else text


def _readable(name: str | None, language: str = "en") -> str:
    """How a message names a setting for people, in ``language``."""
    if name is None:
        return "none" if language == "en" else "无"
    if language == "zh" and name in _READABLE_ZH:
        return _READABLE_ZH[name]
    return _READABLE.get(name, name)

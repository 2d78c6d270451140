"""Checks shared by the exercises on the Auto MPG data (lessons 00 and 06): the input shape of its six features
and a model that is one linear unit on them. A size that counts columns which are not features (the target,
``origin``, ``name``) gets a sentence saying which; everything else is the core's ``InputShapeSpec`` and
``LayerSequenceSpec``.
"""

from __future__ import annotations

import numbers
from typing import Any

from course.data.auto_mpg import COLUMNS, EXPECTED_ROWS, FEATURES, TARGET
from course.exercises.answers import not_a_sequential_model
from course.exercises.keras_models import describe_model
from course.exercises.result import CheckResult, incorrect
from course.exercises.sequence_checks import DenseLayer, LayerSequenceSpec
from course.exercises.shape_checks import InputShapeSpec
from course.exercises.text import Text

__all__ = ["AUTO_MPG", "LINEAR_UNIT", "check_input_shape", "check_linear_unit"]

AUTO_MPG = InputShapeSpec(features=len(FEATURES), rows=EXPECTED_ROWS, target=TARGET)
LINEAR_UNIT = LayerSequenceSpec(AUTO_MPG, layers=(DenseLayer(1),))
_N = len(FEATURES)

def _miscount(size: int | None, data_name: str) -> Text | None:
    """The sentence for a size a learner gets by counting columns of the table that are not features, naming the
    lesson's table of features ``data_name``; ``None`` for any other size."""
    if size == _N + 1:
        return Text(
            f"{_N + 1} counts one column too many: the target `{TARGET}` or the region code `origin`. "
            f"The inputs are the {_N} columns of `FEATURES` ({', '.join(FEATURES)}): `[{_N}]`.",
            f"{_N + 1} 多算了一列：目标 `{TARGET}` 或产地代码 `origin`。"
            f"输入是 `FEATURES` 中的 {_N} 列（{'、'.join(FEATURES)}）：`[{_N}]`。",
        )
    if size == len(COLUMNS) - 1:
        return Text(
            f"{len(COLUMNS) - 1} is every column except the target, but `origin` (a region code) and "
            f"`name` (text) are not features here. Count the columns of `{data_name}`: `[{_N}]`.",
            f"{len(COLUMNS) - 1} 是除目标以外的所有列，但 `origin`（产地代码）和 `name`（文本）在这里都不是特征。"
            f"数一数 `{data_name}` 的列：`[{_N}]`。",
        )
    if size == len(COLUMNS):
        return Text(
            f"{len(COLUMNS)} is every column of the table, the target `{TARGET}` included. The input is "
            f"only the {_N} feature columns of `{data_name}`: `[{_N}]`.",
            f"{len(COLUMNS)} 是表格的所有列，连目标 `{TARGET}` 也算在内。输入只有 `{data_name}` 的 {_N} 个特征列：`[{_N}]`。",
        )
    return None


def _single_size(value: Any) -> int | None:
    """``n`` for ``n``, ``[n]`` or ``(n,)`` written with a whole number; ``None`` otherwise."""
    if type(value) in (list, tuple) and len(value) == 1:
        value = value[0]
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    return None


def check_input_shape(value: Any, data: InputShapeSpec = AUTO_MPG) -> CheckResult:
    """The input shape of one car, ``[6]``; a miscount of the table's columns gets its own sentence. ``data``
    names the lesson's table of features in the messages (``AUTO_MPG`` calls it ``X``)."""
    result = data.check(value)
    miscount = _miscount(_single_size(value), data.data_name)
    if not result.passed and miscount is not None:
        return incorrect(miscount)
    return result


def check_linear_unit(value: Any) -> CheckResult:
    """A ``keras.Sequential`` of ``keras.Input(shape=[6])`` and one ``Dense(1)`` without activation."""
    if not_a_sequential_model(value) is None:
        model = describe_model(value)
        shape = model.input_shape
        size = shape[0] if shape is not None and len(shape) == 1 else None
        miscount = _miscount(size, AUTO_MPG.data_name)
        if miscount is not None:
            if model.legacy_input:  # the learner wrote `input_shape=` (or `input_dim=`), not `keras.Input`
                fix = Text(" Fix the input shape you gave the first layer, then check again.",
                           "请改正你给第一层的输入形状，然后再检查一次。")
            else:
                fix = Text(" Fix `keras.Input(shape=...)`, then check again.",
                           "请改正 `keras.Input(shape=...)`，然后再检查一次。")
            found = Text(f"the model's input has {size} features. ", f"模型的输入有 {size} 个特征。")
            return incorrect(found + miscount + fix)
    return LINEAR_UNIT.check(value)

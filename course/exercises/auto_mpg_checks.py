"""Checks shared by the exercises on the Auto MPG data (lessons 00 and 06): the input shape of its six features,
a model that is one linear unit on them, and that unit's weights. Each says what a wrong answer miscounted.
"""

from __future__ import annotations

import numbers
from typing import Any

from course.data.auto_mpg import COLUMNS, EXPECTED_ROWS, FEATURES, TARGET
from course.exercises.keras_models import describe_model, keras_kind
from course.exercises.model_checks import not_a_sequential_model
from course.exercises.result import CheckResult, correct, incorrect, sentence
from course.exercises.shape_checks import InputShapeSpec, explain_shape

__all__ = ["AUTO_MPG", "check_input_shape", "check_linear_unit", "check_weights"]

AUTO_MPG = InputShapeSpec(features=len(FEATURES), rows=EXPECTED_ROWS, target=TARGET)
_N = len(FEATURES)
_FEATURE_LIST = ", ".join(FEATURES)

# Sizes a learner gets by counting columns of the table that are not features.
_MISCOUNTS: dict[int, str] = {
    _N + 1: f"{_N + 1} counts one column too many: the target `{TARGET}` or the region code `origin`. "
    f"The inputs are the {_N} columns of `FEATURES` ({_FEATURE_LIST}): `[{_N}]`.",
    len(COLUMNS) - 1: f"{len(COLUMNS) - 1} is every column except the target, but `origin` (a region code) and "
    f"`name` (text) are not features here. Count the columns of `X`: `[{_N}]`.",
    len(COLUMNS): f"{len(COLUMNS)} is every column of the table, the target `{TARGET}` included. The input is "
    f"only the {_N} feature columns of `X`: `[{_N}]`.",
}


def _single_size(value: Any) -> int | None:
    """``n`` for ``n``, ``[n]`` or ``(n,)`` written with a whole number; ``None`` otherwise."""
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    return None


def check_input_shape(value: Any) -> CheckResult:
    """The input shape of one car: ``[6]``; miscounted columns get their own sentence."""
    result = AUTO_MPG.check(value)
    size = _single_size(value)
    if not result.passed and size in _MISCOUNTS:
        return incorrect(_MISCOUNTS[size])
    return result


def _input_problem(shape: tuple[int | None, ...] | None) -> str | None:
    if shape is None:
        return f"the model has no input shape: start the list with `keras.Input(shape=[{_N}])`."
    if len(shape) == 1 and shape[0] in _MISCOUNTS:
        return f"the model's input has {shape[0]} features. {_MISCOUNTS[shape[0]]}"
    problem = explain_shape(shape, AUTO_MPG)
    return f"the model's input shape is {list(shape)}: {problem}" if problem else None


def check_linear_unit(value: Any) -> CheckResult:
    """A ``keras.Sequential`` of ``keras.Input(shape=[6])`` and one ``Dense(1)`` with no activation."""
    problem = not_a_sequential_model(value)
    if problem:
        return incorrect(problem)
    model = describe_model(value)
    problems = [p for p in [_input_problem(model.input_shape)] if p]
    dense = [layer for layer in model.layers if layer.kind == "dense"]
    others = [layer.class_name for layer in model.layers if layer.kind != "dense"]
    if others:
        problems.append(f"a single neuron is one Dense layer and nothing else; remove the {', '.join(others)} "
                        f"layer{'s' if len(others) > 1 else ''}.")
    if not dense:
        problems.append("the model has no Dense layer: add `layers.Dense(1)` after the input.")
    elif len(dense) > 1:
        units = ", ".join(f"Dense({layer.units})" for layer in dense)
        problems.append(f"the model has {len(dense)} Dense layers ({units}); a single neuron is one layer "
                        f"with one unit, `layers.Dense(1)`.")
    else:
        unit = dense[0]
        if unit.units != 1:
            problems.append(f"the Dense layer has {unit.units} units, so it is {unit.units} neurons side by side; "
                            f"a single neuron is `layers.Dense(1)`.")
        if unit.activation not in (None, "linear"):
            problems.append(f'the Dense layer applies `activation="{unit.activation}"`; a linear unit has none, '
                            f"so its output is the weighted sum plus the bias: `layers.Dense(1)`.")
    if problems:
        return incorrect(" ".join(sentence(p) for p in problems))
    return correct(f"one linear unit on {_N} inputs: {_N} weights and a bias, {_N + 1} parameters.")


def _shape_of(value: Any) -> tuple[int, ...] | None:
    shape = getattr(value, "shape", None)
    if shape is None:
        return None
    try:
        return tuple(int(dim) for dim in shape)
    except (TypeError, ValueError):
        return None


def _weight_kind(value: Any) -> str | None:
    """Why ``value`` is not a weight array, for a learner; ``None`` when it has a numeric shape."""
    if value is None:
        return "is `None`"
    kind = keras_kind(value)
    if kind == "layer":
        return f"is a `{type(value).__name__}` layer, not one of its weights (they are in `model.weights`)"
    if kind is not None:
        return "is a whole model, not one of its weights (they are in `model.weights`)"
    if isinstance(value, (list, tuple)):
        return f"is a {type(value).__name__} of {len(value)} items, not one array"
    if _shape_of(value) is None:
        return f"is a {type(value).__name__}, not a weight array"
    return None


def check_weights(pair: Any) -> CheckResult:
    """``(w, b)``: the kernel of shape ``(6, 1)`` and the bias of shape ``(1,)``, as variables or arrays."""
    if not (isinstance(pair, tuple) and len(pair) == 2):
        return incorrect("give the two weights as a pair: `w, b = model.weights`, then `q_3.check()`.")
    w, b = pair
    unpack = "Unpack the model's weights: `w, b = model.weights`."
    for name, value in (("w", w), ("b", b)):
        problem = _weight_kind(value)
        if problem:
            return incorrect(f"`{name}` {problem}. {unpack}")
    w_shape, b_shape = _shape_of(w), _shape_of(b)
    if w_shape == (1,) and b_shape == (_N, 1):
        return incorrect("`w` and `b` are swapped: `model.weights` lists the kernel first, then the bias. "
                         + unpack)
    if w_shape == (1, _N):
        return incorrect(f"`w` has shape (1, {_N}), the transpose of the kernel: the kernel has one row per input "
                         f"and one column per unit, ({_N}, 1). {unpack}")
    if w_shape != (_N, 1) and len(w_shape) == 2 and w_shape[1] == 1:
        return incorrect(f"`w` has shape {w_shape}: the kernel of a unit with {w_shape[0]} input(s). Take it from "
                         f"the model on the {_N} features, whose kernel has shape ({_N}, 1).")
    if w_shape != (_N, 1):
        return incorrect(f"`w` has shape {w_shape}; the kernel of one unit on {_N} inputs has shape ({_N}, 1). "
                         + unpack)
    if b_shape != (1,):
        return incorrect(f"`b` has shape {b_shape}; a single unit has one bias, shape (1,). {unpack}")
    return correct(f"`w` is the kernel, shape ({_N}, 1): one weight per feature; `b` is the bias, shape (1,).")


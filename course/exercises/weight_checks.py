"""Judge ``w, b`` taken from a Dense layer's weights (``w, b = model.weights``): the kernel of shape
``(features, units)`` first, the bias of shape ``(units,)`` second. Reads shapes and names only, so Keras 3
variables, TensorFlow variables and NumPy arrays (from ``get_weights()``) all work and nothing is computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from course.exercises.answers import describe_value
from course.exercises.keras_models import keras_kind
from course.exercises.result import CheckResult, correct, incorrect
from course.exercises.safe_reading import first_items
from course.exercises.shape_checks import InputShapeSpec
from course.exercises.text import Text

__all__ = ["WeightsSpec"]


@dataclass(frozen=True)
class WeightsSpec:
    """``(w, b)``: the kernel and bias of a ``Dense(units)`` layer on ``data.features`` inputs."""

    data: InputShapeSpec
    units: int = 1

    @property
    def kernel_shape(self) -> tuple[int, int]:
        return (self.data.features, self.units)

    def check(self, value: Any) -> CheckResult:
        fix = Text("take them from the model: `w, b = model.weights`.", "请从模型中取出它们：`w, b = model.weights`。")
        kind = keras_kind(value)
        if kind in {"sequential", "functional", "model"}:
            return incorrect(Text(
                "this is the model itself; the answer is its two weight tensors: ",
                "这是模型本身；答案应该是它的两个权重张量。",
            ) + fix)
        if kind == "layer":
            return incorrect(Text(
                "this is a layer; the answer is its two weight tensors: ", "这是一个层；答案应该是它的两个权重张量。"
            ) + fix)
        if not issubclass(type(value), (list, tuple)):
            return incorrect(
                Text("", "答案是") + describe_value(value) + Text(" is not a pair of weights: ", "，不是一对权重。") + fix
            )
        items = first_items(value, 3)
        if not items:
            return incorrect(Text(
                "this holds no weights: a model has none until it knows the shape of its input. Start the model "
                "with `keras.Input(shape=...)`, then take them from it: `w, b = model.weights`.",
                "这里一个权重也没有：模型要知道输入的形状之后才会有权重。请以 `keras.Input(shape=...)` 作为模型的开头，"
                "然后从模型中取出它们：`w, b = model.weights`。",
            ))
        if len(items) != 2:
            count = Text(f"{len(items)}", f" {len(items)}") if len(items) < 3 else Text("more than 2", "超过 2")
            return incorrect(Text("this holds ", "这里有") + count + Text(
                " values; the answer is two, the kernel `w` and the bias `b`: ",
                " 个值；答案应该是两个：核 `w` 和偏置 `b`。",
            ) + fix + (Text(
                " A model with hidden layers has more weights than these two.",
                "有隐藏层的模型的权重不止这两个。",
            ) if len(items) > 2 else ""))
        w, b = (_shape(item) for item in items)
        kernel, bias = self.kernel_shape, (self.units,)
        shapes = [(name, _as_shape(item)) for name, item in zip(("w", "b"), items) if _as_shape(item) is not None]
        if shapes:  # `w, b = model.weights[0].shape, model.weights[1].shape`
            names = " and ".join(f"`{name}`" for name, _ in shapes)
            names_zh = " 和 ".join(f"`{name}`" for name, _ in shapes)
            values = " and ".join(str(shape) for _, shape in shapes)
            values_zh = " 和 ".join(str(shape) for _, shape in shapes)
            plural = len(shapes) > 1
            return incorrect(Text(
                f"{names} {'are shapes' if plural else 'is a shape'}, {values}, not the weights: drop `.shape` "
                "and write `w, b = model.weights`.",
                f"{names_zh} 是形状 {values_zh}，不是权重：去掉 `.shape`，写成 `w, b = model.weights`。",
            ))
        if w is None or b is None:
            which = "`w`" if w is None else "`b`"
            what = describe_value(items[0] if w is None else items[1])
            return incorrect(
                Text(f"{which} is ", f"{which} 是") + what + Text(", not a weight tensor: ", "，不是权重张量。") + fix
            )
        if w == bias and b == kernel:
            return incorrect(Text(
                f"`w` and `b` are swapped: `model.weights` lists the kernel, shape {kernel}, first and the bias, "
                f"shape {bias}, second. Write `w, b = model.weights`.",
                f"`w` 和 `b` 弄反了：`model.weights` 先列出形状为 {kernel} 的核，再列出形状为 {bias} 的偏置。"
                f"请写 `w, b = model.weights`。",
            ))
        problems = []
        if w != kernel:
            per_unit = "for the one unit" if self.units == 1 else f"for each of the {self.units} units"
            per_unit_zh = "（只有一个单元）" if self.units == 1 else f"，{self.units} 个单元各有一组"
            problems.append(Text(
                f"`w` has shape {w}; the kernel of this model has shape {kernel}: one weight per input feature "
                f"({self.data.features}) {per_unit}.",
                f"`w` 的形状是 {w}；这个模型的核的形状是 {kernel}：每个输入特征（共 {self.data.features} 个）"
                f"一个权重{per_unit_zh}。",
            ))
        if b != bias:
            problems.append(Text(
                f"`b` has shape {b}; the bias has shape {bias}: one number per unit.",
                f"`b` 的形状是 {b}；偏置的形状是 {bias}：每个单元一个数。",
            ))
        if problems:
            return incorrect(Text.join(problems) + Text(
                f" Make sure the model is the one asked for, then {fix.en}",
                "请确认模型就是题目要求的那个，然后从模型中取出它们：`w, b = model.weights`。",
            ))
        return correct(Text(
            f"`w` is the kernel, shape {kernel}: one weight per input feature; `b` is the bias, shape {bias}.",
            f"`w` 是核，形状为 {kernel}：每个输入特征一个权重；`b` 是偏置，形状为 {bias}。",
        ))


def _as_shape(value: Any) -> tuple[int, ...] | None:
    """``value`` as a tuple of sizes if it is a shape rather than weights: a ``TensorShape`` or a tuple of whole
    numbers, as ``.shape`` gives in tf_keras and Keras 3; ``None`` otherwise."""
    if type(value).__name__ == "TensorShape" and hasattr(value, "as_list"):
        try:
            dims = value.as_list()
        except Exception:  # a shape of unknown rank
            return None
    elif type(value) is tuple:
        dims = first_items(value, 9)
    else:
        return None
    if not 0 < len(dims) <= 8 or any(type(dim) is not int for dim in dims):
        return None
    return tuple(dims)


def _shape(value: Any) -> tuple[int, ...] | None:
    """The shape of a variable, tensor or array as a tuple of ints; ``None`` if ``value`` has no known shape."""
    if keras_kind(value) in {"sequential", "functional", "model", "layer", "callback"}:
        return None
    shape = getattr(value, "shape", None)
    if shape is None or type(value).__name__ in {"DataFrame", "Series"}:
        return None
    if hasattr(shape, "as_list"):  # tf.TensorShape
        shape = shape.as_list()
    dims = first_items(shape, 8)
    if any(type(dim) is bool or not hasattr(dim, "__index__") for dim in dims):
        return None
    return tuple(int(dim) for dim in dims)



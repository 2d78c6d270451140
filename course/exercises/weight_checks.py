"""Judge ``w, b`` taken from a Dense layer's weights (``w, b = model.weights``): the kernel of shape
``(features, units)`` first, the bias of shape ``(units,)`` second. Reads shapes and names only, so Keras 3
variables, TensorFlow variables and NumPy arrays (from ``get_weights()``) all work and nothing is computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from course.exercises.keras_models import keras_kind
from course.exercises.model_checks import describe_value
from course.exercises.result import CheckResult, correct, incorrect
from course.exercises.safe_reading import first_items
from course.exercises.shape_checks import InputShapeSpec

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
        fix = "take them from the model: `w, b = model.weights`."
        kind = keras_kind(value)
        if kind in {"sequential", "functional", "model"}:
            return incorrect(f"this is the model itself; the answer is its two weight tensors: {fix}")
        if kind == "layer":
            return incorrect(f"this is a layer; the answer is its two weight tensors: {fix}")
        if not issubclass(type(value), (list, tuple)):
            return incorrect(f"{describe_value(value)} is not a pair of weights: {fix}")
        items = first_items(value, 3)
        if len(items) != 2:
            return incorrect(
                f"this holds {len(items) if len(items) < 3 else 'more than 2'} values; the answer is two, the "
                f"kernel `w` and the bias `b`: {fix} A model with hidden layers has more weights than these two."
            )
        w, b = (_shape(item) for item in items)
        kernel, bias = self.kernel_shape, (self.units,)
        if w is None or b is None:
            which = "`w`" if w is None else "`b`"
            what = describe_value(items[0] if w is None else items[1])
            return incorrect(f"{which} is {what}, not a weight tensor: {fix}")
        if w == bias and b == kernel:
            return incorrect(
                f"`w` and `b` are swapped: `model.weights` lists the kernel, shape {kernel}, first and the bias, "
                f"shape {bias}, second. Write `w, b = model.weights`."
            )
        problems = []
        if w != kernel:
            per_unit = "for the one unit" if self.units == 1 else f"for each of the {self.units} units"
            problems.append(
                f"`w` has shape {w}; the kernel of this model has shape {kernel}: one weight per input feature "
                f"({self.data.features}) {per_unit}."
            )
        if b != bias:
            problems.append(f"`b` has shape {b}; the bias has shape {bias}: one number per unit.")
        if problems:
            return incorrect(" ".join(problems) + f" Make sure the model is the one asked for, then {fix}")
        return correct(
            f"`w` is the kernel, shape {kernel}: one weight per input feature; `b` is the bias, shape {bias}."
        )


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



"""Judge an input shape given as an answer (``[8]``) and say what a wrong one counted by mistake: the target
column, the rows, the batch axis. ``explain_shape`` is shared with the model checks, which read shapes too.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any

from course.exercises.result import CheckResult, correct, incorrect
from course.exercises.safe_reading import first_items, shown

__all__ = ["InputShapeSpec", "explain_shape"]

_READ_DIMS = 64  # sizes read from an answer: any more and it is data, not a shape
_SHOWN_DIMS = 8  # sizes quoted back in a message


@dataclass(frozen=True)
class InputShapeSpec:
    """The data the shape describes: ``features`` input columns, ``rows`` samples, one ``target`` column."""

    features: int
    rows: int
    target: str

    @property
    def answer(self) -> str:
        return f"[{self.features}]"

    def check(self, value: Any) -> CheckResult:
        """Judge ``value`` as the input shape of one sample."""
        dims, form = _as_dims(value)
        if dims is None:
            return incorrect(form)
        problem = explain_shape(dims, self)
        if problem:
            return incorrect(problem)
        if form == "list":
            return correct(
                f"`{self.answer}`: each sample is a row of {self.features} features; the target "
                f"`{self.target}` and the number of rows are not part of it."
            )
        notes = {
            "tuple": f"`{shown(value)}` is the same shape as `{self.answer}`; the lessons write it as a list.",
            "int": f"{self.features} is the right size, but a shape is a list of sizes, one per axis: "
            f"write `input_shape = {self.answer}`.",
        }
        note = notes.get(form, f"the usual way to write this shape is the plain list `{self.answer}`.")
        return correct(f"{self.features} features. Note: {note}")


def explain_shape(dims: tuple[Any, ...], spec: InputShapeSpec) -> str | None:
    """Why ``dims`` (without a batch axis) is not the input shape ``spec`` expects; ``None`` if it is."""
    features, rows, target = spec.features, spec.rows, spec.target
    if any(dim is not None and (isinstance(dim, bool) or not isinstance(dim, int)) for dim in dims):
        return f"sizes in a shape are whole numbers; `{_show(dims)}` is not a shape."
    if dims == (features,):
        return None
    if not dims:
        return f"the shape `[]` is empty: it needs one size, the number of features ({features})."
    if len(dims) > 4:
        return (
            f"this has {len(dims)} entries: it looks like data, not a shape. A shape has one size per axis; "
            f"the input shape of one sample is `X.shape[1:]`."
        )
    if dims == (features + 1,):
        return (
            f"{features + 1} counts the target column `{target}` too. The input is only the features: "
            f"leave the target out, `{spec.answer}`."
        )
    if len(dims) == 2 and dims[0] == rows:
        extra = f", and {features + 1} counts the target `{target}` too" if dims[1] == features + 1 else ""
        return (
            f"`{_show(dims)}` includes the number of rows ({rows}){extra}. The input shape describes one "
            f"sample, so leave the rows out: `{spec.answer}` (that is `X.shape[1:]`)."
        )
    if len(dims) == 2 and dims[0] is None:
        return (
            f"`{_show(dims)}` includes the batch axis `None`; Keras adds that itself. Give the shape of one "
            f"sample: `{spec.answer}`."
        )
    if len(dims) > 1:
        return (
            f"`{_show(dims)}` has {len(dims)} axes; each sample is a flat row of {features} features, so its "
            f"shape has one axis: `{spec.answer}`."
        )
    if dims == (None,):
        return f"`[None]` leaves the number of features open; the data has {features}: `{spec.answer}`."
    return (
        f"`{_show(dims)}` says {dims[0]} features; the data has {features}: every column except the target "
        f"`{target}`. Count the columns of `X`, or use `X.shape[1:]`."
    )


def _show(dims: tuple[Any, ...]) -> str:
    more = ", …" if len(dims) > _SHOWN_DIMS else ""
    return "[" + ", ".join(shown(dim, 24) for dim in dims[:_SHOWN_DIMS]) + more + "]"


def _type_name(value: Any) -> str:
    cls = type(value)
    package = cls.__module__.split(".")[0]
    return cls.__name__ if package == "builtins" else f"{package}.{cls.__name__}"


def _as_dims(value: Any) -> tuple[tuple[Any, ...] | None, str]:
    """(sizes, form) for a shape-like ``value``; (``None``, why it is not a shape) otherwise.

    ``form`` is ``list``, ``tuple``, ``int`` or another name for how the shape was written.
    """
    if value is None:
        return None, "the answer is `None`. Set it to a list of sizes, like `[3]` for rows of 3 features."
    if isinstance(value, bool):
        return None, f"`{value}` is a truth value, not a shape; a shape is a list of sizes, like `[3]`."
    if isinstance(value, numbers.Integral):
        return (int(value),), "int"
    if isinstance(value, numbers.Real):
        return None, f"`{shown(value)}` is not a whole number; a shape is a list of whole sizes, like `[3]`."
    if isinstance(value, (str, bytes)):
        return None, f"a string is not a shape: write the list itself, without quotes, not `{shown(value)}`."
    package, name = type(value).__module__.split(".")[0], type(value).__name__
    if package == "pandas" and name in {"DataFrame", "Series"}:
        return None, (
            f"a pandas {name} is the data, not its shape. Its shape is `X.shape`; the input shape of one sample "
            "leaves out the rows: `X.shape[1:]`."
        )
    if package == "numpy" and (getattr(value, "ndim", 1) != 1 or getattr(value, "size", 0) > 4):
        return None, (
            f"this is a NumPy array with shape {getattr(value, 'shape', '?')}: the data, not a shape. "
            "The input shape of one sample is `X.shape[1:]`."
        )
    if hasattr(value, "as_list"):  # tf.TensorShape
        try:
            value = value.as_list()
        except Exception:
            return None, "this TensorShape has no known sizes; give the shape as a list, like `[3]`."
        form = "TensorShape"
    elif issubclass(type(value), list):
        form = "list"
    elif issubclass(type(value), tuple):
        form = "tuple"
    elif package == "numpy":
        form = "NumPy array"
    else:
        return None, f"a {_type_name(value)} is not a shape; a shape is a list of sizes, like `[3]`."
    items = first_items(value, _READ_DIMS + 1)  # a shape has a few sizes; an endless iterable must not hang
    if len(items) > _READ_DIMS:
        return None, (
            f"this {form} holds more than {_READ_DIMS} values: that is data, not a shape. The input shape of one "
            "sample is `X.shape[1:]`."
        )
    dims = tuple(int(dim) if isinstance(dim, numbers.Integral) and not isinstance(dim, bool) else dim for dim in items)
    return dims, form

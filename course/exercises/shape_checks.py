"""Judge an input shape given as an answer (``[8]``) and say what a wrong one counted by mistake: the target
column, the rows, the batch axis. ``explain_shape`` is shared with the model checks, which read shapes too.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any

from course.exercises.answers import PYTHON_TYPES_ZH, with_notes
from course.exercises.keras_models import keras_kind
from course.exercises.result import CheckResult, correct, incorrect
from course.exercises.safe_reading import first_items, shown
from course.exercises.text import Text, count_of

__all__ = ["InputShapeSpec", "explain_shape"]

_READ_DIMS = 64  # sizes read from an answer: any more and it is data, not a shape
_SHOWN_DIMS = 8  # sizes quoted back in a message
_FORM_ZH = {"list": "列表", "tuple": "元组", "TensorShape": " TensorShape ", "NumPy array": " NumPy 数组"}
_WHOLE_DIGITS = 18  # a size written in quotes is read back as a number when it is at most this many digits


@dataclass(frozen=True)
class InputShapeSpec:
    """The data the shape describes: ``features`` input columns, ``rows`` samples, one ``target`` column.
    ``data_name`` is the lesson's variable holding the feature columns, which messages name (``X.shape[1:]``)."""

    features: int
    rows: int
    target: str
    data_name: str = "X"

    @property
    def answer(self) -> str:
        return f"[{self.features}]"

    def check(self, value: Any) -> CheckResult:
        """Judge ``value`` as the input shape of one sample."""
        dims, form = _as_dims(value, self.data_name)
        if dims is None:
            return incorrect(form)
        if len(dims) == 1 and isinstance(dims[0], (list, tuple)):
            return incorrect(Text(
                f"`{shown(value)}` wraps the shape in another {form}. Give the shape itself: `{self.answer}` "
                f"(`keras.Input(shape=...)` takes it as it is).",
                f"`{shown(value)}` 把形状又包进了一个{_FORM_ZH.get(form, form)}。请直接给出形状本身：`{self.answer}`"
                f"（`keras.Input(shape=...)` 就按原样接收它）。",
            ))
        problem = explain_shape(dims, self, as_tuple=form == "tuple")
        if problem:
            return incorrect(problem)
        if form == "list":
            return correct(Text(
                f"`{self.answer}`: each example is a row of {self.features} features; the target "
                f"`{self.target}` and the number of rows are not part of it.",
                f"`{self.answer}`：每个样本是一行，含 {self.features} 个特征；目标 `{self.target}` 和行数都不算在内。",
            ))
        if form == "int":  # keras.Input(shape=8) raises: the next cell would fail
            return incorrect(Text(
                f"{self.features} is the right size, but a shape is a list of sizes, one per axis, and "
                f"`keras.Input(shape={self.features})` would fail: write `input_shape = {self.answer}`.",
                f"{self.features} 这个大小没错，但形状是一个由各轴大小组成的列表，`keras.Input(shape={self.features})` "
                f"会出错：写成 `input_shape = {self.answer}`。",
            ))
        notes = {
            "tuple": Text(
                f"`{shown(value)}` is the same shape as `{self.answer}`: a tuple and a list both work.",
                f"`{shown(value)}` 与 `{self.answer}` 是同一个形状：元组和列表都可以。",
            ),
        }
        note = notes.get(form, Text(
            f"the usual way to write this shape is the plain list `{self.answer}`.",
            f"这个形状通常写成普通列表 `{self.answer}`。",
        ))
        return correct(with_notes(Text(f"{self.features} features.", f"{self.features} 个特征。"), [note]))


def explain_shape(dims: tuple[Any, ...], spec: InputShapeSpec, as_tuple: bool = False) -> Text | None:
    """Why ``dims`` (without a batch axis) is not the input shape ``spec`` expects; ``None`` if it is. ``as_tuple``:
    the learner wrote the shape as a tuple, so messages quote it as one, ``(392, 6)``."""
    features, rows, target, data = spec.features, spec.rows, spec.target, spec.data_name
    if any(dim is not None and (isinstance(dim, bool) or not isinstance(dim, int)) for dim in dims):
        return _not_whole(dims, spec, as_tuple)
    if dims == (features,):
        return None
    if not dims:
        return Text(
            f"the shape `{_show(dims, as_tuple)}` is empty: it needs one size, the number of features ({features}).",
            f"形状 `{_show(dims, as_tuple)}` 是空的：它需要一个大小，即特征的个数（{features}）。",
        )
    if len(dims) > 4:
        return Text(
            f"this has {len(dims)} entries: it looks like data, not a shape. A shape has one size per axis; "
            f"the input shape of one example is `{data}.shape[1:]`.",
            f"这里有 {len(dims)} 个数：看起来是数据，而不是形状。形状的每个轴只有一个大小；"
            f"一个样本的输入形状是 `{data}.shape[1:]`。",
        )
    if dims == (features + 1,):
        return Text(
            f"{features + 1} counts the target column `{target}` too. The input is only the features: "
            f"leave the target out, `{spec.answer}`.",
            f"{features + 1} 把目标列 `{target}` 也算进去了。输入只有特征：去掉目标，即 `{spec.answer}`。",
        )
    # The rows of the whole table, or of a part of it such as the training split (`X_train.shape`).
    if len(dims) == 2 and (dims[0] == rows or (isinstance(dims[0], int) and dims[0] > 1
                                               and dims[1] in (features, features + 1))):
        target_too = dims[1] == features + 1
        extra = f", and {features + 1} counts the target `{target}` too" if target_too else ""
        extra_zh = f"，而且 {features + 1} 把目标 `{target}` 也算进去了" if target_too else ""
        return Text(
            f"`{_show(dims, as_tuple)}` includes the number of rows ({dims[0]}){extra}. The input shape describes one "
            f"sample, so leave the rows out: `{spec.answer}` (that is `{data}.shape[1:]`).",
            f"`{_show(dims, as_tuple)}` 包含了行数（{dims[0]}）{extra_zh}。输入形状描述的是一个样本，所以不要行数："
            f"`{spec.answer}`（即 `{data}.shape[1:]`）。",
        )
    if len(dims) == 2 and dims[0] is None:
        return Text(
            f"`{_show(dims, as_tuple)}` includes the batch axis `None`; Keras adds that itself. Give the shape of one "
            f"sample: `{spec.answer}`.",
            f"`{_show(dims, as_tuple)}` 包含了批量轴 `None`，而 Keras 会自己加上它。请给出一个样本的形状：`{spec.answer}`。",
        )
    if len(dims) > 1:
        return Text(
            f"`{_show(dims, as_tuple)}` has {len(dims)} axes; each example is a flat row of {features} features, so its "
            f"shape has one axis: `{spec.answer}`.",
            f"`{_show(dims, as_tuple)}` 有 {len(dims)} 个轴；每个样本是一行扁平的 {features} 个特征，所以它的形状只有一个轴："
            f"`{spec.answer}`。",
        )
    if dims == (None,):
        return Text(
            f"`{_show(dims, as_tuple)}` leaves the number of features open; the data has {features}: `{spec.answer}`.",
            f"`{_show(dims, as_tuple)}` 没有给出特征个数；数据有 {features} 个特征：`{spec.answer}`。",
        )
    return Text(
        f"`{_show(dims, as_tuple)}` says {count_of(dims[0], 'feature')}; the data has {features}, the columns of `{data}`: "
        f"count them, or use `{data}.shape[1:]`.",
        f"`{_show(dims, as_tuple)}` 表示 {dims[0]} 个特征；数据有 {features} 个特征，即 `{data}` 的各列：数一数，"
        f"或者用 `{data}.shape[1:]`。",
    )


def _not_whole(dims: tuple[Any, ...], spec: InputShapeSpec, as_tuple: bool = False) -> Text:
    """Why ``dims``, some of whose sizes are not whole numbers, is no shape, and how to write it: the same sizes as
    whole numbers when they are whole (``[8.0]``, ``['8']``), with what is still wrong then; else the shape asked."""
    problem = Text(
        f"sizes in a shape are whole numbers; `{_show(dims, as_tuple)}` is not a shape. ",
        f"形状中的大小都是整数；`{_show(dims, as_tuple)}` 不是形状。",
    )
    quoted = any(isinstance(dim, str) for dim in dims)
    mended = _as_whole(dims)
    if mended is None:  # nan, inf, 8.5, a word: nothing to keep, so say what the data needs
        return problem + Text(
            f"Give one whole size per axis{', without quotes' if quoted else ''}; for this data, `{spec.answer}`.",
            f"每个轴给一个整数大小{'，不加引号' if quoted else ''}；对这份数据来说，就是 `{spec.answer}`。",
        )
    still_wrong = explain_shape(mended, spec, as_tuple)
    if still_wrong is None:
        if quoted:
            return problem + Text(f"Remove the quotes: `{spec.answer}`.", f"去掉引号：`{spec.answer}`。")
        return problem + Text(f"Write it with whole numbers: `{spec.answer}`.", f"用整数来写：`{spec.answer}`。")
    return problem + Text(
        f"As whole numbers it is `{_show(mended, as_tuple)}`, and that is not right either: ",
        f"写成整数是 `{_show(mended, as_tuple)}`，但它也不对：",
    ) + still_wrong


def _as_whole(dims: tuple[Any, ...]) -> tuple[int | None, ...] | None:
    """``dims`` with each size written as a float or in quotes (``8.0``, ``'8'``) turned into the whole number it
    names; ``None`` if a size names none (``nan``, ``8.5``, ``'eight'``, ``True``)."""
    whole: list[int | None] = []
    for dim in dims:
        if isinstance(dim, bool):  # True is 1 to Python, but no one means a size by it
            return None
        if dim is None or isinstance(dim, int):
            whole.append(dim)
        elif isinstance(dim, numbers.Real) and math.isfinite(float(dim)) and float(dim).is_integer():
            whole.append(int(float(dim)))
        elif isinstance(dim, str) and dim.strip().isdecimal() and len(dim.strip()) <= _WHOLE_DIGITS:
            whole.append(int(dim.strip()))
        else:
            return None
    return tuple(whole)


def _show(dims: tuple[Any, ...], as_tuple: bool = False) -> str:
    """``dims`` quoted as the learner wrote them: ``[392, 6]``, or ``(392, 6)`` and ``(8,)`` for a tuple."""
    more = ", …" if len(dims) > _SHOWN_DIMS else ""
    inner = ", ".join(shown(dim, 24) for dim in dims[:_SHOWN_DIMS]) + more
    if as_tuple:
        return f"({inner},)" if len(dims) == 1 else f"({inner})"
    return f"[{inner}]"


def _type_name(value: Any) -> str:
    cls = type(value)
    package = cls.__module__.split(".")[0]
    return cls.__name__ if package == "builtins" else f"{package}.{cls.__name__}"


def _type_name_en(value: Any) -> str:
    """``_type_name(value)`` for an English sentence: Python's own types as words, others as code."""
    name = _type_name(value)
    return name if type(value).__module__ == "builtins" else f"`{name}` object"


def _type_name_zh(value: Any) -> str:
    """``_type_name(value)`` for a Chinese sentence: Python's own types in Chinese, others as code."""
    name = _type_name(value)
    return PYTHON_TYPES_ZH.get(name, f"`{name}` 对象")


def _as_dims(value: Any, data: str) -> tuple[tuple[Any, ...] | None, Any]:
    """(sizes, form) for a shape-like ``value``; (``None``, why it is not a shape) otherwise. ``data`` names the
    lesson's feature table in the "why".

    ``form`` is ``list``, ``tuple``, ``int`` or another name for how the shape was written; "why" is a ``Text``.
    """
    if value is None:
        return None, Text(
            "the answer is `None`. Set it to a list of sizes, like `[3]` for rows of 3 features.",
            "答案是 `None`。请把它设为由大小组成的列表，例如每行 3 个特征时写 `[3]`。",
        )
    if isinstance(value, bool):
        return None, Text(
            f"`{value}` is a truth value, not a shape; a shape is a list of sizes, like `[3]`.",
            f"`{value}` 是布尔值，不是形状；形状是由大小组成的列表，例如 `[3]`。",
        )
    if isinstance(value, numbers.Integral):
        return (int(value),), "int"
    if isinstance(value, numbers.Real):
        return None, Text(
            f"`{shown(value)}` is not a whole number; a shape is a list of whole sizes, like `[3]`.",
            f"`{shown(value)}` 不是整数；形状是由整数大小组成的列表，例如 `[3]`。",
        )
    if isinstance(value, (str, bytes)):
        return None, Text(
            f"a string is not a shape: write the list itself, without quotes, not `{shown(value)}`.",
            f"字符串不是形状：直接写列表本身，不加引号，而不是 `{shown(value)}`。",
        )
    package, name = type(value).__module__.split(".")[0], type(value).__name__
    if package == "pandas" and name in {"DataFrame", "Series"}:
        return None, Text(
            f"a pandas {name} is the data, not its shape. Its shape is `{data}.shape`; the input shape of one sample "
            f"leaves out the rows: `{data}.shape[1:]`.",
            f"pandas {name} 是数据本身，不是它的形状。它的形状是 `{data}.shape`；一个样本的输入形状不含行数："
            f"`{data}.shape[1:]`。",
        )
    if package == "numpy" and (getattr(value, "ndim", 1) != 1 or getattr(value, "size", 0) > 4):
        array_shape = getattr(value, "shape", "?")
        return None, Text(
            f"this is a NumPy array with shape {array_shape}: the data, not a shape. "
            f"The input shape of one example is `{data}.shape[1:]`.",
            f"这是一个形状为 {array_shape} 的 NumPy 数组：它是数据，不是形状。一个样本的输入形状是 `{data}.shape[1:]`。",
        )
    if hasattr(value, "as_list"):  # tf.TensorShape
        try:
            value = value.as_list()
        except Exception:
            return None, Text(
                "this TensorShape has no known sizes; give the shape as a list, like `[3]`.",
                "这个 TensorShape 没有已知的大小；请把形状写成列表，例如 `[3]`。",
            )
        form = "TensorShape"
    elif issubclass(type(value), list):
        form = "list"
    elif issubclass(type(value), tuple):
        form = "tuple"
    elif package == "numpy":
        form = "NumPy array"
    elif keras_kind(value) == "tensor":  # input_shape = keras.Input(shape=[6])
        return None, Text(
            "this is the tensor that `keras.Input` returns, not a shape: give the list of sizes you pass to it, "
            "like `[3]`.",
            "这是 `keras.Input` 返回的张量，不是形状：请给出你传给它的那个由大小组成的列表，例如 `[3]`。",
        )
    else:
        return None, Text(
            f"a {_type_name_en(value)} is not a shape; a shape is a list of sizes, like `[3]`.",
            f"{_type_name_zh(value)}不是形状；形状是由大小组成的列表，例如 `[3]`。",
        )
    items = first_items(value, _READ_DIMS + 1)  # a shape has a few sizes; an endless iterable must not hang
    if len(items) > _READ_DIMS:
        return None, Text(
            f"this {form} holds more than {_READ_DIMS} values: that is data, not a shape. The input shape of one "
            f"example is `{data}.shape[1:]`.",
            f"这个{_FORM_ZH.get(form, form)}含有超过 {_READ_DIMS} 个值：这是数据，不是形状。"
            f"一个样本的输入形状是 `{data}.shape[1:]`。",
        )
    dims = tuple(int(dim) if isinstance(dim, numbers.Integral) and not isinstance(dim, bool) else dim for dim in items)
    return dims, form

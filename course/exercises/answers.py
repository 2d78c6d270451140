"""Say what a learner's answer is when it is not what a question wants — ``the number `3```, a list of layers,
a functional model — and gather a check's sentences into one message (``report``). Every sentence is a
``Text`` in English and Chinese.
"""

from __future__ import annotations

from typing import Any

from course.exercises.keras_models import keras_kind
from course.exercises.result import sentence
from course.exercises.safe_reading import MAX_SHOWN, first_items, shown, type_name
from course.exercises.text import Text

__all__ = ["PYTHON_TYPES_ZH", "describe_value", "not_a_sequential_model", "report", "with_notes"]

_MAX_PROBLEMS = 4  # past this, more sentences bury the first one


def report(problems: list[Text]) -> Text:
    """The first few ``problems`` as sentences, and how many more there are."""
    shown = problems[:_MAX_PROBLEMS]
    more = len(problems) - len(shown)
    tail = Text(f" ({more} more problem{'s' if more > 1 else ''} after these.)", f"（后面还有 {more} 个问题。）")
    return Text.join(sentence(Text.of(p)) for p in shown) + (tail if more else "")


def with_notes(message: Text, notes: list[Text]) -> Text:
    """``message`` on a right answer followed by gentle ``notes`` on its form, written as the shape checks write
    theirs: ``… Note: the usual way …``. Just ``message`` when there are none."""
    if not notes:
        return message
    first, *more = notes
    return message + Text(" Note: ", "注意：") + Text.join([first, *(sentence(note) for note in more)])


def not_a_sequential_model(value: Any) -> Text | None:
    """Why ``value`` is not a ``keras.Sequential`` model, for a learner; ``None`` if it is one."""
    kind = keras_kind(value)
    fix = Text(
        "build one with `keras.Sequential([keras.Input(shape=...), layers.Dense(...), ...])`.",
        "用 `keras.Sequential([keras.Input(shape=...), layers.Dense(...), ...])` 搭建一个。",
    )
    if kind == "sequential":
        return None
    if value is None:
        return Text(
            "the answer is `None`. Assign the model itself, `model = keras.Sequential([...])`; "
            "methods like `model.add(...)` and `model.summary()` return `None`.",
            "答案是 `None`。请把模型本身赋给变量：`model = keras.Sequential([...])`；"
            "`model.add(...)` 和 `model.summary()` 这类方法返回的是 `None`。",
        )
    name = type(value).__name__
    if issubclass(type(value), type):  # `model = keras.Sequential`, without the call
        return Text(
            f"this is the class `{value.__name__}` itself, not a model made from it: call it with your layers, "
            "`model = keras.Sequential([keras.Input(shape=...), layers.Dense(...), ...])`.",
            f"这是 `{value.__name__}` 类本身，不是用它创建的模型：请把你的各层传给它来调用，即 "
            "`model = keras.Sequential([keras.Input(shape=...), layers.Dense(...), ...])`。",
        )
    if kind == "functional":
        return Text(
            "this is a functional model (`keras.Model(inputs, outputs)`); this exercise asks for a "
            "`keras.Sequential` model: ",
            "这是一个函数式模型（`keras.Model(inputs, outputs)`）；本练习要的是 `keras.Sequential` 模型：",
        ) + fix
    if kind == "model":
        return Text(
            f"this is a `{name}`, a subclassed Keras model, not a `keras.Sequential`: ",
            f"这是 `{name}`，一个子类化的 Keras 模型，不是 `keras.Sequential`：",
        ) + fix
    if kind == "layer":
        return Text(
            f"this is a single `{name}` layer, not a model: put your layers in a list and ",
            f"这是单独一个 `{name}` 层，不是模型：把各层放进一个列表，再",
        ) + fix
    if kind == "tensor":
        return Text(
            "this is the input tensor from `keras.Input`, not a model: make it the first item when you ",
            "这是 `keras.Input` 给出的输入张量，不是模型：把它作为列表的第一项，再",
        ) + fix
    if issubclass(type(value), (list, tuple)):
        # A subclass of list or tuple is named as code, in Chinese too (`` `Rows` 对象``), never bare.
        named = name if name in PYTHON_TYPES_ZH else f"`{name}`"
        named_zh = PYTHON_TYPES_ZH.get(name, f"`{name}` 对象")
        if any(keras_kind(item) in {"layer", "tensor"} for item in first_items(value)):
            return Text(
                f"this is a {named} of layers, not a model: pass it to `keras.Sequential(...)`, "
                f"as in `model = keras.Sequential([...])`.",
                f"这是由层组成的{'' if name in PYTHON_TYPES_ZH else ' '}{named_zh}，不是模型：把它传给 "
                f"`keras.Sequential(...)`，即 `model = keras.Sequential([...])`。",
            )
        return Text(f"a {named} is not a Keras model: ", f"{named_zh}不是 Keras 模型：") + fix
    return Text("", "答案是") + describe_value(value) + Text(" is not a Keras model: ", "，不是 Keras 模型：") + fix


# Python's own types named in Chinese; any other is set off as code (`` `range` 对象``), never bare (答案是dict).
PYTHON_TYPES_ZH = {"list": "列表", "tuple": "元组", "dict": "字典", "set": "集合", "frozenset": "集合",
                 "bytes": "字节串", "bytearray": "字节串", "function": "函数", "builtin_function_or_method": "函数",
                 "complex": "复数"}


def describe_value(value: Any) -> Text:
    """``the number `3```, ``a NumPy array``, ``a Keras `Sequential` model``: what an answer is, in a few words,
    named as the learner's code names it (never by a private module path such as ``keras.src``). The Chinese
    wording starting with code starts with a space, to follow a Chinese word (``答案是 `None```)."""
    cls = type(value)  # type(), not isinstance: a value's own `__class__` may lie or raise
    package = type_name(value).split(".")[0] if "." in type_name(value) else "builtins"
    if value is None or cls is bool:
        return Text(f"`{value}`", f" `{value}`")
    if issubclass(cls, type):
        name = _class_name(value)
        return Text(f"the class `{name}` itself", f" `{name}` 类本身")
    keras = _keras_thing(value)
    if keras is not None:
        return keras
    if issubclass(cls, (int, float, complex)):
        return Text(f"the number `{shown(value)}`", f"数字 `{shown(value)}`")
    if issubclass(cls, str):
        return Text("a string", "字符串")
    if package == "numpy":
        if cls.__name__ == "ndarray":
            return Text("a NumPy array", " NumPy 数组")
        return Text(f"a NumPy {cls.__name__}", f" NumPy {cls.__name__}")
    if package == "pandas":
        return Text(f"a pandas {cls.__name__}", f" pandas {cls.__name__}")
    if package == "builtins":
        return Text(f"a {type_name(value)}", PYTHON_TYPES_ZH.get(type_name(value), f" `{type_name(value)}` 对象"))
    if package in {"keras", "tf_keras"}:  # `keras.src.optimizers.adam.Adam` names a private module: say `Adam`
        return Text(f"a Keras `{_class_name(cls)}` object", f" Keras `{_class_name(cls)}` 对象")
    try:
        full = f"{cls.__module__}.{cls.__qualname__}"[:MAX_SHOWN]
    except Exception:
        full = type_name(value)
    return Text(f"a `{full}` object", f" `{full}` 对象")


def _class_name(cls: type) -> str:
    """The plain name of the class ``cls``, as code would write it: ``Sequential``, not ``'Sequential'``."""
    try:
        name = cls.__name__
    except Exception:
        return "object"
    return name[:MAX_SHOWN] if type(name) is str else "object"


def _keras_thing(value: Any) -> Text | None:
    """``a Keras `Sequential` model``: a Keras model or input in the words a learner knows it by, not by its module
    path (``keras.src.models.sequential.Sequential``); ``None`` for anything else."""
    name = _class_name(type(value))
    kind = keras_kind(value)
    if kind == "sequential":
        return Text("a Keras `Sequential` model", " Keras `Sequential` 模型")
    if kind == "functional":
        return Text("a functional Keras model", "函数式 Keras 模型")
    if kind == "model":
        return Text(f"a Keras model (`{name}`)", f" Keras 模型（`{name}`）")
    if kind == "tensor":
        return Text("the input tensor from `keras.Input`", " `keras.Input` 给出的输入张量")
    return None  # a layer, a callback, an optimizer: "a Keras `Dense` object" says enough

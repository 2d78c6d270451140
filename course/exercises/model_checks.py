"""Judge a learner's Keras model against a ``SequentialSpec``: input shape, hidden Dense layers (units and
activation, inside the layer or as a separate ``Activation`` layer) and a linear output. Every problem found gets
its own sentence naming the layer; anything that is not a Sequential model gets a sentence saying what it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from course.exercises.keras_models import LayerInfo, ModelDescription, describe_model, keras_kind
from course.exercises.result import CheckResult, correct, incorrect, sentence
from course.exercises.safe_reading import MAX_SHOWN, first_items, shown, type_name
from course.exercises.shape_checks import InputShapeSpec, explain_shape

__all__ = ["SequentialSpec", "describe_value", "input_problems", "not_a_sequential_model", "report"]

_MAX_PROBLEMS = 4  # past this, more sentences bury the first one


@dataclass
class _Block:
    """A Dense layer and the activation layers that follow it."""

    units: int | None
    inner: str
    after: list[str] = field(default_factory=list)

    @property
    def activations(self) -> list[str]:
        """The activations this block applies, linear ones (which change nothing) left out."""
        return [name for name in [self.inner, *self.after] if name != "linear"]


@dataclass(frozen=True)
class SequentialSpec:
    """A Sequential regression model: ``data.features`` inputs, Dense hidden layers of ``hidden_units`` with
    ``activation``, and a linear Dense output of ``output_units``. ``activation_layers`` asks for every hidden
    activation as its own ``layers.Activation`` after a Dense layer that has none.
    """

    data: InputShapeSpec
    hidden_units: tuple[int, ...]
    activation: str = "relu"
    output_units: int = 1
    activation_layers: bool = False

    def summary(self) -> str:
        act = f'Activation("{self.activation}")'
        if self.activation_layers:
            hidden = " → ".join(f"Dense({units}) → {act}" for units in self.hidden_units)
        else:
            hidden = " → ".join(f"Dense({units}, {self.activation})" for units in self.hidden_units)
        return f"{self.data.features} inputs → {hidden} → Dense({self.output_units})"

    def check(self, value: Any) -> CheckResult:
        problem = not_a_sequential_model(value)
        if problem:
            return incorrect(problem)
        problems = self.problems(describe_model(value))
        if not problems:
            return correct(f"{self.summary()}, with a linear output.")
        return incorrect(report(problems))

    def problems(self, model: ModelDescription) -> list[str]:
        """What is wrong with ``model``, one sentence each, top of the model first."""
        problems = self._input_problems(model.input_shape)
        blocks, layer_problems = _blocks(model.layers)
        problems += layer_problems
        if not blocks:
            return [*problems, f"the model has no Dense layers; it needs {self.summary()}."]
        hidden, output = blocks[:-1], blocks[-1]
        if self._is_missing_output(hidden, output):
            problems.append(
                f"the model ends with a hidden layer (Dense({output.units}) with {output.activations[0]}): "
                f"add the output layer `layers.Dense({self.output_units})` at the end."
            )
            hidden, output = blocks, None
        expected = len(self.hidden_units)
        if len(hidden) != expected:
            problems.append(
                f"the model has {_count(len(hidden), 'hidden Dense layer')}; it needs {expected}, "
                f"then the output layer."
            )
        style = self._activation_style_problems(hidden)
        problems += style
        for number, block in enumerate(hidden, start=1):
            problems += self._hidden_problems(number, block, said_inner=bool(style))
        if output is not None:
            problems += self._output_problems(output)
        return problems

    def _input_problems(self, shape: tuple[int | None, ...] | None) -> list[str]:
        return input_problems(shape, self.data)

    def _is_missing_output(self, hidden: list[_Block], output: _Block) -> bool:
        """The last Dense layer looks like one more hidden layer, and one hidden layer is still to come."""
        return (
            output.units != self.output_units
            and output.activations == [self.activation]
            and len(hidden) < len(self.hidden_units)
        )

    def _activation_style_problems(self, hidden: list[_Block]) -> list[str]:
        """With ``activation_layers``: one sentence when every hidden Dense still has its own activation."""
        if not (self.activation_layers and hidden and all(block.inner != "linear" for block in hidden)):
            return []
        return [
            f"the hidden Dense layers still use `activation=` inside them. Give each Dense layer no activation "
            f'and follow it with its own `layers.Activation("{self.activation}")`.'
        ]

    def _hidden_problems(self, number: int, block: _Block, said_inner: bool = False) -> list[str]:
        """Sentences about one hidden layer; ``said_inner``: its activation inside Dense is already reported."""
        name = f"hidden layer {number}"
        want_units = self.hidden_units[min(number, len(self.hidden_units)) - 1]
        act = self.activation
        problems = []
        if block.units != want_units:
            problems.append(f"{name} has {block.units} units; it should have {want_units}.")
        wrong = [a for a in block.activations if a != act]
        if self.activation_layers:
            if block.inner != "linear":
                if said_inner:
                    return problems
                if block.after:
                    problems.append(
                        f'{name} has `activation="{block.inner}"` inside Dense as well as a separate '
                        f"Activation layer: remove the one inside Dense."
                    )
                else:
                    problems.append(
                        f'{name} still sets `activation="{block.inner}"` inside Dense: remove it and put '
                        f'`layers.Activation("{act}")` right after the Dense layer.'
                    )
                return problems  # the sentence above names the fix; more would repeat it
            if not block.activations:
                problems.append(f'{name} has no activation: add `layers.Activation("{act}")` right after it.')
            elif len(block.activations) > 1:
                problems.append(f"{name} is followed by {len(block.activations)} activations; keep one.")
            elif wrong:
                problems.append(f'{name} uses {wrong[0]}; it should use `layers.Activation("{act}")`.')
            return problems
        if not block.activations:
            problems.append(f'{name} has no activation: give it `activation="{act}"`.')
        elif len(block.activations) > 1:
            problems.append(
                f"{name} applies {len(block.activations)} activations ({', '.join(block.activations)}), "
                f"inside Dense and as separate layers; keep one, {act}."
            )
        elif wrong:
            problems.append(f'{name} uses {wrong[0]}; it should use `activation="{act}"`.')
        return problems

    def _output_problems(self, block: _Block) -> list[str]:
        problems = []
        if block.units != self.output_units:
            problems.append(
                f"the output layer has {block.units} units; it should have {self.output_units}: one number, "
                f"the predicted {self.data.target}."
            )
        if block.inner != "linear":
            problems.append(
                f'the output layer has `activation="{block.inner}"`; leave it out, so the output is linear '
                f"and can take any value: `layers.Dense({self.output_units})`."
            )
        extra = [name for name in block.after if name != "linear"]
        if extra:
            problems.append(
                f"the model ends with an activation ({extra[-1]}) after the output layer: remove it, the "
                f"output should be linear."
            )
        return problems


def input_problems(shape: tuple[int | None, ...] | None, data: InputShapeSpec) -> list[str]:
    """What is wrong with a model's input ``shape`` (without the batch axis) for ``data``; empty if nothing."""
    features = data.features
    if shape is None:
        return [
            f"the model has no input shape: start the list with `keras.Input(shape=({features},))` "
            f"(or give the first layer `input_shape=[{features}]`)."
        ]
    problem = explain_shape(shape, data)
    return [f"the model's input shape is {_show(shape)}: {problem}"] if problem else []


def report(problems: list[str]) -> str:
    """The first few ``problems`` as sentences, and how many more there are."""
    shown = problems[:_MAX_PROBLEMS]
    more = len(problems) - len(shown)
    tail = f" ({more} more problem{'s' if more > 1 else ''} after these.)" if more else ""
    return " ".join(sentence(p) for p in shown) + tail


def not_a_sequential_model(value: Any) -> str | None:
    """Why ``value`` is not a ``keras.Sequential`` model, for a learner; ``None`` if it is one."""
    kind = keras_kind(value)
    fix = "build one with `keras.Sequential([keras.Input(shape=...), layers.Dense(...), ...])`."
    if kind == "sequential":
        return None
    if value is None:
        return (
            "the answer is `None`. Assign the model itself, `model = keras.Sequential([...])`; "
            "methods like `model.add(...)` and `model.summary()` return `None`."
        )
    if kind == "functional":
        return (
            "this is a functional model (`keras.Model(inputs, outputs)`); this exercise asks for a "
            f"`keras.Sequential` model: {fix}"
        )
    if kind == "model":
        return f"this is a `{type(value).__name__}`, a subclassed Keras model, not a `keras.Sequential`: {fix}"
    if kind == "layer":
        return f"this is a single `{type(value).__name__}` layer, not a model: put your layers in a list and {fix}"
    if kind == "tensor":
        return f"this is the input tensor from `keras.Input`, not a model: make it the first item when you {fix}"
    if issubclass(type(value), (list, tuple)):
        if any(keras_kind(item) in {"layer", "tensor"} for item in first_items(value)):
            return (
                f"this is a {type(value).__name__} of layers, not a model: pass it to `keras.Sequential(...)`, "
                f"as in `model = keras.Sequential([...])`."
            )
        return f"a {type(value).__name__} is not a Keras model: {fix}"
    return f"{describe_value(value)} is not a Keras model: {fix}"


def describe_value(value: Any) -> str:
    """``the number `3```, ``a string``, ``a NumPy array``: what a non-Keras answer is, in a few words."""
    cls = type(value)  # type(), not isinstance: a value's own `__class__` may lie or raise
    package = type_name(value).split(".")[0] if "." in type_name(value) else "builtins"
    if value is None or cls is bool:
        return f"`{value}`"
    if issubclass(cls, (int, float, complex)):
        return f"the number `{shown(value)}`"
    if issubclass(cls, str):
        return "a string"
    if package == "numpy":
        return "a NumPy array" if cls.__name__ == "ndarray" else f"a NumPy {cls.__name__}"
    if package == "pandas":
        return f"a pandas {cls.__name__}"
    if package == "builtins":
        return f"a {type_name(value)}"
    try:
        full = f"{cls.__module__}.{cls.__qualname__}"[:MAX_SHOWN]
    except Exception:
        full = type_name(value)
    return f"a `{full}` object"


def _blocks(layers: tuple[LayerInfo, ...]) -> tuple[list[_Block], list[str]]:
    """Group layers into Dense blocks; sentences for layers that fit no block."""
    blocks: list[_Block] = []
    problems = []
    for position, layer in enumerate(layers, start=1):
        if layer.kind == "dense":
            blocks.append(_Block(layer.units, layer.activation or "linear"))
        elif layer.kind == "activation" and blocks:
            blocks[-1].after.append(layer.activation or "linear")
        elif layer.kind == "activation":
            problems.append(
                f"layer {position} is an activation ({layer.activation}) before any Dense layer; an activation "
                f"belongs after the Dense layer it applies to."
            )
        else:
            problems.append(
                f"layer {position} is a `{layer.class_name}` layer; this model uses only Dense and Activation "
                f"layers, so remove it."
            )
    return blocks, problems


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _show(shape: tuple[int | None, ...]) -> str:
    return "(" + ", ".join(repr(dim) for dim in shape) + ("," if len(shape) == 1 else "") + ")"

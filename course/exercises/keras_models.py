"""Read a Keras model into a plain description — input shape, and (kind, units, activation, dropout rate) per
layer — so that checks judge the description and not the model. Layers are read at most ``MAX_ITEMS``.

Works on Keras 3 (``keras``) and on the Keras 2 API (``tf_keras``) alike, recognising classes by name so neither
package is imported here. Reading only: nothing is built, compiled or called; ``layer.input_shape``, gone in Keras
3, is never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from course.exercises.safe_reading import first_items
from course.exercises.text import Text

__all__ = [
    "LayerInfo", "ModelDescription", "activation_code", "activation_name", "activation_words", "describe_layer",
    "describe_model", "keras_kind",
]

_KERAS_PACKAGES = {"keras", "tf_keras", "tensorflow"}
# Layers that are nothing but an activation function, and the name of the function they apply.
_ACTIVATION_LAYERS = {"ReLU": "relu", "LeakyReLU": "leaky_relu", "ELU": "elu", "PReLU": "prelu", "Softmax": "softmax"}

KerasKind = Literal["sequential", "functional", "model", "layer", "tensor", "callback"]
LayerKind = Literal["dense", "activation", "dropout", "batch_normalization", "other"]


@dataclass(frozen=True)
class LayerInfo:
    """One layer: ``kind`` as above; ``activation`` is a function name, ``rate`` a Dropout layer's rate."""

    kind: LayerKind
    class_name: str
    units: int | None = None
    activation: str | None = None
    rate: float | None = None


@dataclass(frozen=True)
class ModelDescription:
    """A model as data: ``input_shape`` without the batch axis (``(8,)``), or ``None`` if it has none yet;
    ``legacy_input`` when the first layer was given that shape itself (``input_shape=`` or ``input_dim=``, the
    Keras 2 form) instead of the model starting with ``keras.Input``."""

    input_shape: tuple[int | None, ...] | None
    layers: tuple[LayerInfo, ...]
    legacy_input: bool = False


def _classes(value: Any) -> list[tuple[str, str]]:
    """(top-level package, class name) for each class of ``value``, most derived first."""
    return [(getattr(cls, "__module__", "").split(".")[0], cls.__name__) for cls in type(value).__mro__]


def keras_kind(value: Any) -> KerasKind | None:
    """What Keras thing ``value`` is, or ``None`` if it is not one."""
    names = {name for package, name in _classes(value) if package in _KERAS_PACKAGES}
    if "Sequential" in names:
        return "sequential"
    if "Functional" in names:
        return "functional"
    if "Model" in names:
        return "model"
    if "Layer" in names:
        return "layer"
    if "KerasTensor" in names:
        return "tensor"
    if "Callback" in names:
        return "callback"
    return None


def activation_name(function: Any) -> str:
    """``relu`` for ``keras.activations.relu``, ``tf.nn.relu`` or ``"relu"``; ``linear`` for no activation."""
    if function is None:
        return "linear"
    if isinstance(function, str):
        return function
    name = getattr(function, "__name__", None)
    if isinstance(name, str):
        return name
    # An activation given as an object (a layer or a callable class): name it after its class.
    class_name = type(function).__name__
    if class_name in _ACTIVATION_LAYERS:
        return _ACTIVATION_LAYERS[class_name]
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", class_name).lower()


_LAMBDA = "<lambda>"  # the name Python gives every `lambda`: it says nothing about what the function computes


def activation_words(name: str) -> Text:
    """An activation named by ``activation_name`` as a message says it: ``relu``, or for a ``lambda``, which has
    no name of its own, ``a function of your own (`lambda`)``. A Chinese name starts with a space, to follow a
    Chinese word (``用的是 relu``)."""
    if name == _LAMBDA:
        return Text("a function of your own (`lambda`)", "你自己写的函数（`lambda`）")
    return Text(name, f" {name}")


def activation_code(name: str) -> str:
    """How the learner's code gave the activation ``name``: ``"relu"`` (quotes included), or ``lambda …``."""
    return "lambda …" if name == _LAMBDA else f'"{name}"'


def _relu_layer_name(layer: Any) -> str:
    """``relu`` for a plain ``ReLU()`` layer; ``relu`` with its options spelled out otherwise."""
    options = {"max_value": None, "negative_slope": 0.0, "threshold": 0.0}
    changed = []
    for option, default in options.items():
        value = getattr(layer, option, default)
        value = None if value is None else float(value)
        if value != default:
            changed.append(f"{option}={value:g}")
    return f"relu({', '.join(changed)})" if changed else "relu"


def describe_layer(layer: Any) -> LayerInfo:
    """A Keras layer of either API as a ``LayerInfo``."""
    name = type(layer).__name__
    if name == "Dense":
        units = getattr(layer, "units", None)
        units = int(units) if units is not None else None
        return LayerInfo("dense", name, units, activation_name(getattr(layer, "activation", None)))
    if name == "Activation":
        return LayerInfo("activation", name, activation=activation_name(getattr(layer, "activation", None)))
    if name == "ReLU":
        return LayerInfo("activation", name, activation=_relu_layer_name(layer))
    if name in _ACTIVATION_LAYERS:
        return LayerInfo("activation", name, activation=_ACTIVATION_LAYERS[name])
    if name == "Dropout":
        rate = getattr(layer, "rate", None)
        return LayerInfo("dropout", name, rate=float(rate) if rate is not None else None)
    if name == "BatchNormalization":
        return LayerInfo("batch_normalization", name)
    return LayerInfo("other", name)


def _input_shape(model: Any) -> tuple[int | None, ...] | None:
    """The model's input shape without the batch axis, read only if the model already knows it."""
    try:
        # Both APIs define it once the model has an input; before that both raise AttributeError.
        shape = model.input_shape
    except Exception:
        shape = _declared_input(model)
    if isinstance(shape, list):  # several inputs: not a model this course builds
        shape = shape[0] if len(shape) == 1 else None
    if shape is None:
        return None
    shape = tuple(None if dim is None else int(dim) for dim in shape)
    return shape[1:]


def _declared_input(model: Any) -> tuple[int | None, ...] | None:
    """A Keras 3 Sequential that holds only its ``keras.Input`` is not built yet, but the input is there."""
    first = next(iter(first_items(getattr(model, "_layers", None) or [], 1)), None)
    if type(first).__name__ == "InputLayer":
        return getattr(first, "batch_shape", None)
    return None


def _given_input_shape(layer: Any) -> bool:
    """Whether ``layer`` was made with ``input_shape=`` or ``input_dim=``. Keras 3 keeps that argument as
    ``_input_shape_arg`` (``Sequential.add`` reads it to make the model's ``InputLayer``); tf_keras keeps it as
    ``_batch_input_shape``. A layer after ``keras.Input`` has neither."""
    for name in ("_input_shape_arg", "_batch_input_shape"):
        try:
            if getattr(layer, name, None) is not None:
                return True
        except Exception:  # a hostile attribute: reading it tells nothing
            continue
    return False


def describe_model(model: Any) -> ModelDescription:
    """Describe a Keras model (one for which ``keras_kind`` is not ``None``)."""
    layers = [layer for layer in first_items(model.layers)  # bounded: a hostile model's `layers` may never end
              if type(layer).__name__ != "InputLayer"]
    return ModelDescription(
        _input_shape(model),
        tuple(describe_layer(layer) for layer in layers),
        legacy_input=bool(layers) and _given_input_shape(layers[0]),
    )

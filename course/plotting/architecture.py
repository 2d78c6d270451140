"""Read a built Keras model into the columns of a network diagram: widths, activations, parameter counts.

Only reads the model (never builds, calls or changes it) and never imports Keras: layers are recognised by
class name, so importing ``course.plotting`` stays fast. Understood layers: ``Dense`` (a column), ``Activation``
and the activation layers (``ReLU``, ``LeakyReLU``, ``ELU``, ``PReLU``, ``Softmax``), which attach to the column
before them, and ``Dropout`` (no parameters, no change of width; noted on its column).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

__all__ = ["Column", "describe_model"]

_ACTIVATION_LAYERS = {"ReLU": "relu", "LeakyReLU": "leaky_relu", "ELU": "elu", "PReLU": "prelu", "Softmax": "softmax"}
_SKIPPED = {"InputLayer"}


@dataclass(frozen=True)
class Column:
    """One column of a network diagram: the input, or a dense layer with what follows it."""

    kind: str  # "input", "hidden" or "output"
    width: int
    activations: tuple[str, ...] = ()
    params: int = 0
    notes: tuple[str, ...] = ()

    @property
    def activation(self) -> str:
        """The activations applied in order, e.g. "relu", or "linear" when none is."""
        applied = [a for a in self.activations if a != "linear"]
        return " → ".join(applied) if applied else "linear"


def _not_built_error(model: Any) -> ValueError:
    name = getattr(model, "name", type(model).__name__)
    return ValueError(
        f"model {name!r} is not built, so its input width and parameter counts are unknown. Start it with "
        "keras.Input, e.g. keras.Sequential([keras.Input(shape=(2,)), layers.Dense(4), ...]), "
        "or call model.build((None, n_features)) before drawing it."
    )


def _input_width(model: Any) -> int:
    if not getattr(model, "built", False):
        raise _not_built_error(model)
    try:
        inputs = model.inputs
    except (AttributeError, ValueError) as error:  # Keras 3 Sequential without an Input: "no defined inputs yet"
        raise _not_built_error(model) from error
    if not inputs or len(inputs) != 1:
        raise ValueError(f"draw_network draws models with one input; this one has {len(inputs or [])}")
    width = inputs[0].shape[-1]
    if width is None:
        raise ValueError("the model's input has no fixed width (last dimension None): give keras.Input a shape")
    return int(width)


def _activation_name(layer: Any) -> str:
    """The name of ``layer.activation``: a function's ``__name__`` ("relu"), or for a layer object its kind."""
    function = getattr(layer, "activation", None)
    name = getattr(function, "__name__", None)
    if name:
        return str(name)
    kind = type(function).__name__
    return _ACTIVATION_LAYERS.get(kind, kind.lower())


def describe_model(model: Any) -> list[Column]:
    """The input column and one column per ``Dense`` layer of a built ``model``; the last column is the output.

    Raises ``ValueError`` for a model that is not built (no ``keras.Input``), has no ``Dense`` layer, or holds a
    layer the diagram cannot show (its message names the layer).
    """
    columns = [Column(kind="input", width=_input_width(model))]
    for layer in getattr(model, "layers", []):
        kind = type(layer).__name__
        if kind in _SKIPPED:
            continue
        if kind == "Dense":
            columns.append(
                Column(kind="hidden", width=int(layer.units), activations=(_activation_name(layer),),
                       params=int(layer.count_params()))
            )
            continue
        if len(columns) == 1:
            raise ValueError(
                f"layer {layer.name!r} ({kind}) comes before any Dense layer: draw_network cannot place it"
            )
        previous = columns[-1]
        if kind == "Activation" or kind in _ACTIVATION_LAYERS:
            name = _activation_name(layer) if kind == "Activation" else _ACTIVATION_LAYERS[kind]
            columns[-1] = replace(
                previous, activations=(*previous.activations, name), params=previous.params + int(layer.count_params())
            )
        elif kind == "Dropout":
            columns[-1] = replace(previous, notes=(*previous.notes, f"dropout {layer.rate:g}"))
        else:
            raise ValueError(
                f"draw_network draws stacks of Dense layers; layer {layer.name!r} is a {kind}, which it cannot show"
            )
    if len(columns) == 1:
        raise ValueError("the model has no Dense layer to draw")
    columns[-1] = replace(columns[-1], kind="output")
    return columns

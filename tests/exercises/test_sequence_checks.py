"""``LayerSequenceSpec``, table-driven on Keras 3 and tf_keras: the declared model passes however its input and
activations are written, and each kind of mistake (missing, extra, reordered or misconfigured layers, wrong input
width, wrong output activation, not a Sequential model) fails with a sentence that names it. Reading never
builds the model or adds weights to it.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import pytest

from course.exercises import BatchNormLayer, DenseLayer, DropoutLayer, InputShapeSpec, LayerSequenceSpec

DATA = InputShapeSpec(features=11, rows=1599, target="quality")
CLASSIFIER = LayerSequenceSpec(
    DATA,
    (
        BatchNormLayer(),
        DenseLayer(256, "relu"),
        BatchNormLayer(),
        DropoutLayer(0.3),
        DenseLayer(256, "relu"),
        BatchNormLayer(),
        DropoutLayer(0.3),
        DenseLayer(1, "sigmoid"),
    ),
)
DROPOUT = LayerSequenceSpec(
    DATA, (DenseLayer(128, "relu"), DropoutLayer(0.3), DenseLayer(64, "relu"), DropoutLayer(0.3), DenseLayer(1))
)
NEURON = LayerSequenceSpec(DATA, (DenseLayer(1),))
SPECS = {"classifier": CLASSIFIER, "dropout": DROPOUT, "neuron": NEURON}
CORRECT, INCORRECT = "correct", "incorrect"
Build = Callable[[Any], Any]


def _classifier(K: Any, *, width: int = 11, rate: float = 0.3, output: str = "sigmoid") -> Any:
    L = K.layers
    return K.Sequential([
        K.Input((width,)),
        L.BatchNormalization(),
        K.Dense(256, activation="relu"),
        L.BatchNormalization(),
        L.Dropout(rate),
        K.Dense(256, activation="relu"),
        L.BatchNormalization(),
        L.Dropout(0.3),
        K.Dense(1, activation=output),
    ])


def _seq(*make: Callable[[Any], Any], width: int | None = 11) -> Build:
    """A Sequential of ``keras.Input((width,))`` (none if ``width`` is None) and the layers ``make`` build."""
    return lambda K: K.Sequential(([K.Input((width,))] if width else []) + [m(K) for m in make])


def dense(units: int, activation: str | None = None) -> Callable[[Any], Any]:
    return lambda K: K.Dense(units, activation=activation)


def dropout(rate: float) -> Callable[[Any], Any]:
    return lambda K: K.layers.Dropout(rate)


def bn() -> Callable[[Any], Any]:
    return lambda K: K.layers.BatchNormalization()


def act(name: str) -> Callable[[Any], Any]:
    return lambda K: K.Activation(name)


CASES: list[tuple[str, str, Build, str, str]] = [
    # spec, id, build, status, fragment of the message
    ("classifier", "solution", _classifier, CORRECT, "11 inputs → BatchNormalization → Dense(256, relu)"),
    (
        "classifier",
        "legacy input_shape on BatchNormalization",
        lambda K: K.Sequential([K.layers.BatchNormalization(input_shape=[11]), *_classifier(K).layers[1:]]),
        CORRECT,
        "Dense(1, sigmoid)",
    ),
    (
        "classifier",
        "activations as separate layers",
        _seq(bn(), dense(256), act("relu"), bn(), dropout(0.3), dense(256), act("relu"), bn(), dropout(0.3),
             dense(1), act("sigmoid")),
        CORRECT,
        "Dense(1, sigmoid)",
    ),
    ("classifier", "linear output", lambda K: _classifier(K, output=None), INCORRECT, 'needs `activation="sigmoid"`'),
    ("classifier", "relu output", lambda K: _classifier(K, output="relu"), INCORRECT, "probability between 0 and 1"),
    ("classifier", "dropout rate", lambda K: _classifier(K, rate=0.5), INCORRECT, "drops a fraction 0.5"),
    ("classifier", "input counts the target", lambda K: _classifier(K, width=12), INCORRECT, "counts the target"),
    ("classifier", "input too narrow", lambda K: _classifier(K, width=10), INCORRECT, "the data has 11"),
    (
        "classifier",
        "no first BatchNormalization",
        _seq(dense(256, "relu"), bn(), dropout(0.3), dense(256, "relu"), bn(), dropout(0.3), dense(1, "sigmoid")),
        INCORRECT,
        "missing `layers.BatchNormalization()` at the start",
    ),
    (
        "classifier",
        "dropout before batch normalization",
        _seq(bn(), dense(256, "relu"), dropout(0.3), bn(), dense(256, "relu"), dropout(0.3), bn(),
             dense(1, "sigmoid")),
        INCORRECT,
        "all there but in another order",
    ),
    (
        "classifier",
        "no input",
        _seq(bn(), dense(256, "relu"), bn(), dropout(0.3), dense(256, "relu"), bn(), dropout(0.3),
             dense(1, "sigmoid"), width=None),
        INCORRECT,
        "no input shape: start the list with `keras.Input(shape=(11,))`",
    ),
    ("dropout", "solution", _seq(dense(128, "relu"), dropout(0.3), dense(64, "relu"), dropout(0.3), dense(1)),
     CORRECT, "Dropout(0.3) → Dense(64, relu)"),
    ("dropout", "no dropout", _seq(dense(128, "relu"), dense(64, "relu"), dense(1)), INCORRECT,
     "missing `layers.Dropout(0.3)` after layer 1 (Dense(128, relu))"),
    ("dropout", "dropout after the output",
     _seq(dense(128, "relu"), dropout(0.3), dense(64, "relu"), dropout(0.3), dense(1), dropout(0.3)), INCORRECT,
     "layer 6 (Dropout(0.3)) is not part of this model: remove it"),
    ("dropout", "batch normalization instead of dropout",
     _seq(dense(128, "relu"), bn(), dense(64, "relu"), dropout(0.3), dense(1)), INCORRECT,
     "layer 2 is a BatchNormalization layer; here the model needs `layers.Dropout(0.3)`"),
    ("dropout", "wrong units", _seq(dense(128, "relu"), dropout(0.3), dense(32, "relu"), dropout(0.3), dense(1)),
     INCORRECT, "layer 3 has 32 units; it should have 64"),
    ("dropout", "hidden layer without activation",
     _seq(dense(128), dropout(0.3), dense(64, "relu"), dropout(0.3), dense(1)), INCORRECT,
     'layer 1 has no activation; it needs `activation="relu"`'),
    ("dropout", "activated output",
     _seq(dense(128, "relu"), dropout(0.3), dense(64, "relu"), dropout(0.3), dense(1, "relu")), INCORRECT,
     "leave it out so the output is linear"),
    ("dropout", "dropout between a Dense layer and its activation",
     _seq(dense(128), dropout(0.3), act("relu"), dense(64, "relu"), dropout(0.3), dense(1)), INCORRECT,
     'layer 2 (Dropout(0.3)) sits between the Dense layer 1 and its `Activation("relu")` (layer 3); in this model '
     'it comes after the activation: `layers.Dense(128, activation="relu")`, then the Dropout(0.3)'),
    ("dropout", "an Activation layer after the output",
     _seq(dense(128, "relu"), dropout(0.3), dense(64, "relu"), dropout(0.3), dense(1), act("relu")), INCORRECT,
     'the output layer (layer 5) is followed by `Activation("relu")` (layer 6); remove that layer'),
    ("classifier", "batch normalization between each Dense layer and its activation",
     _seq(bn(), dense(256), bn(), act("relu"), dropout(0.3), dense(256), bn(), act("relu"), dropout(0.3),
          dense(1, "sigmoid")), INCORRECT,
     "layers 3 and 7 (BatchNormalization) each sit between a Dense layer and its Activation layer"),
    ("neuron", "solution", _seq(dense(1)), CORRECT, "11 inputs → Dense(1)"),
    ("neuron", "one unit too many", _seq(dense(2)), INCORRECT, "has 2 units; it should have 1"),
    ("neuron", "two units", _seq(dense(2)), INCORRECT, "has 2 units; it should have 1"),
    ("neuron", "only an input", _seq(), INCORRECT, "no layers after its input"),
    ("neuron", "a layer, not a model", dense(1), INCORRECT, "single `Dense` layer, not a model"),
    ("neuron", "a list of layers", lambda K: [K.Input((11,)), K.Dense(1)], INCORRECT, "pass it to `keras.Sequential"),
]


def _state(model: Any) -> tuple[Any, ...]:
    if not hasattr(model, "layers"):
        return ()
    return model.built, sum(len(layer.weights) for layer in model.layers), len(model.layers)


@pytest.mark.parametrize(
    ("spec", "build", "status", "fragment"),
    [(case[0], *case[2:]) for case in CASES],
    ids=[f"{case[0]}: {case[1]}" for case in CASES],
)
def test_layer_sequences(keras_api: Any, spec: str, build: Build, status: str, fragment: str) -> None:
    model = keras_api.build(build)
    before = _state(model)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # reading a model must not even warn
        result = SPECS[spec].check(model)
    assert result.status == status, result
    assert fragment.lower() in result.message.lower(), result
    assert _state(model) == before


def test_an_unbuilt_model_is_judged_and_stays_unbuilt(keras_api: Any) -> None:
    model = keras_api.build(_seq(dense(1), width=None))
    result = NEURON.check(model)
    assert result.status == INCORRECT and "no input shape" in result.message, result
    assert _state(model) == (False, 0, 1)


def test_the_summary_lists_every_layer() -> None:
    assert CLASSIFIER.summary() == (
        "11 inputs → BatchNormalization → Dense(256, relu) → BatchNormalization → Dropout(0.3) → "
        "Dense(256, relu) → BatchNormalization → Dropout(0.3) → Dense(1, sigmoid)"
    )
    codes = [step.code() for step in DROPOUT.layers[:2]]
    assert codes == ['layers.Dense(128, activation="relu")', "layers.Dropout(0.3)"]

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
from course.exercises.model_checks import SequentialSpec

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
ELU_DROPOUT = LayerSequenceSpec(DATA, (DenseLayer(16, "elu"), DropoutLayer(0.5), DenseLayer(1)))
WIDTHS = LayerSequenceSpec(DATA, (DenseLayer(128, "relu"), DenseLayer(64, "relu"), DenseLayer(1)))
NORMALIZED = LayerSequenceSpec(
    DATA, (BatchNormLayer(), *[step for _ in range(3) for step in (DenseLayer(512, "relu"), BatchNormLayer())],
           DenseLayer(1)),
)
SPECS = {"classifier": CLASSIFIER, "dropout": DROPOUT, "neuron": NEURON, "elu dropout": ELU_DROPOUT,
         "widths": WIDTHS, "normalized": NORMALIZED}
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
        "Dense(1, sigmoid). Note: giving the first layer `input_shape=` (or `input_dim=`) is the older Keras 2 form; "
        "Keras 3 still reads it but warns. Keras 3 writes the input as the first item of the list: "
        "`keras.Input(shape=(11,))`, with no `input_shape=`.",
    ),
    ("neuron", "legacy input_dim", lambda K: K.Sequential([K.Dense(1, input_dim=11)]), CORRECT,
     "`input_shape=` (or `input_dim=`) is the older Keras 2 form"),
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
        # No one swap or move fixes it: the sentence names the first layer out of place, not two whole orders.
        "all there but in another order: the first layer out of place is layer 3 (Dropout(0.3)), where this model "
        "needs `layers.BatchNormalization()`.",
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
    # relu(dropout(x)) == dropout(relu(x)): dropout zeroes values and scales the others by 1 / (1 - rate) > 0.
    ("dropout", "dropout between a Dense layer and its ReLU",
     _seq(dense(128), dropout(0.3), act("relu"), dense(64, "relu"), dropout(0.3), dense(1)), CORRECT,
     'Note: layer 2 (Dropout(0.3)) comes between the Dense layer 1 and its `Activation("relu")` (layer 3). With '
     "relu that gives exactly the same numbers as dropout after the activation"),
    ("dropout", "dropout between each Dense layer and its ReLU",
     _seq(dense(128), dropout(0.3), act("relu"), dense(64), dropout(0.3), act("relu"), dense(1)), CORRECT,
     "layers 2 and 5 (Dropout) each come between a Dense layer and its Activation layer. With relu"),
    ("dropout", "dropout between a Dense layer and its LeakyReLU layer",
     _seq(dense(128), dropout(0.3), lambda K: K.layers.LeakyReLU(), dense(64, "relu"), dropout(0.3), dense(1)),
     INCORRECT, "layer 1 has leaky_relu as its activation"),
    ("elu dropout", "dropout between a Dense layer and its elu, which does not commute with it",
     _seq(dense(16), dropout(0.5), act("elu"), dense(1)), INCORRECT,
     'layer 2 (Dropout(0.5)) sits between the Dense layer 1 and its `Activation("elu")` (layer 3). In this model '
     'the Dropout(0.5) comes after the activation: `layers.Dense(16, activation="elu")`, then `layers.Dropout(0.5)`'),
    ("widths", "two Dense layers swapped",
     _seq(dense(64, "relu"), dense(128, "relu"), dense(1)), INCORRECT,
     "another order: swap layer 1 (Dense(64, relu)) and layer 2 (Dense(128, relu)); this model has "
     '`layers.Dense(128, activation="relu")` first, then `layers.Dense(64, activation="relu")`.'),
    ("normalized", "one BatchNormalization moved to the start",
     _seq(bn(), bn(), dense(512, "relu"), bn(), dense(512, "relu"), bn(), dense(512, "relu"), dense(1)), INCORRECT,
     "another order: move layer 2 (BatchNormalization) so that it comes right after layer 7 (Dense(512, relu))."),
    ("normalized", "the output layer moved up",
     _seq(bn(), dense(1), dense(512, "relu"), bn(), dense(512, "relu"), bn(), dense(512, "relu"), bn()), INCORRECT,
     "another order: move layer 2 (Dense(1)) so that it comes right after layer 8 (BatchNormalization)."),
    ("widths", "the first hidden layer last", _seq(dense(64, "relu"), dense(1), dense(128, "relu")), INCORRECT,
     "another order: move layer 3 (Dense(128, relu)) to the start, right after `keras.Input`."),
    ("classifier", "a Dense layer moved down",
     _seq(bn(), bn(), dropout(0.3), dense(256, "relu"), dense(256, "relu"), bn(), dropout(0.3), dense(1, "sigmoid")),
     INCORRECT, "another order: move layer 4 (Dense(256, relu)) so that it comes right after layer 1 "
                "(BatchNormalization)."),
    ("normalized", "a swap across an Activation layer",
     _seq(bn(), dense(512), act("relu"), bn(), dense(512, "relu"), dense(512, "relu"), bn(), bn(), dense(1)),
     INCORRECT, "swap layer 6 (Dense(512, relu)) and layer 7 (BatchNormalization)"),
    ("dropout", "an Activation layer after the output",
     _seq(dense(128, "relu"), dropout(0.3), dense(64, "relu"), dropout(0.3), dense(1), act("relu")), INCORRECT,
     'the output layer (layer 5) is followed by `Activation("relu")` (layer 6); remove that layer'),
    ("classifier", "batch normalization between each Dense layer and its activation",
     _seq(bn(), dense(256), bn(), act("relu"), dropout(0.3), dense(256), bn(), act("relu"), dropout(0.3),
          dense(1, "sigmoid")), INCORRECT,
     "layers 3 and 7 (BatchNormalization) each sit between a Dense layer and its Activation layer. Batch "
     "normalization before the activation and after it are both common, but this question asks for it after the "
     "activation: give each Dense layer its activation and put `layers.BatchNormalization()` right after it, as in "
     '`layers.Dense(256, activation="relu")`, then `layers.BatchNormalization()`.'),
    ("normalized", "batch normalization between one Dense layer and its activation",
     _seq(bn(), dense(512), bn(), act("relu"), dense(512, "relu"), bn(), dense(512, "relu"), bn(), dense(1)),
     INCORRECT, 'layer 3 (BatchNormalization) sits between the Dense layer 2 and its `Activation("relu")` (layer 4). '
     "Batch normalization before the activation and after it are both common, but this question asks for it after "
     'the activation: `layers.Dense(512, activation="relu")`, then `layers.BatchNormalization()`.'),
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


def test_chinese_lists_of_code_use_the_enumeration_comma(keras_api: Any) -> None:
    model = keras_api.build(_seq(bn(), dense(256, "relu"), dense(256, "relu"), bn(), dropout(0.3), dense(1, "sigmoid")))
    result = CLASSIFIER.check(model)
    assert "缺少 `layers.BatchNormalization()`、`layers.Dropout(0.3)`。" in result.text.zh, result.text.zh
    assert "missing `layers.BatchNormalization()`, `layers.Dropout(0.3)` after layer 2" in result.message, result


def test_the_model_without_an_input_is_told_only_the_keras_3_way(keras_api: Any) -> None:
    result = NEURON.check(keras_api.build(_seq(dense(1), width=None)))
    assert "`keras.Input(shape=(11,))`" in result.message, result
    assert "input_shape" not in result.text.en and "input_shape" not in result.text.zh, result


def test_a_model_with_keras_input_gets_no_note(keras_api: Any) -> None:
    result = NEURON.check(keras_api.build(_seq(dense(1))))
    assert result.passed and "Note" not in result.message and "注意" not in result.text.zh, result


def test_the_sequential_spec_notes_the_legacy_input_shape_too(keras_api: Any) -> None:
    spec = SequentialSpec(DATA, hidden_units=(32,))
    model = keras_api.build(lambda K: K.Sequential([K.Dense(32, activation="relu", input_shape=[11]), K.Dense(1)]))
    result = spec.check(model)
    assert result.passed and "Note: giving the first layer `input_shape=`" in result.message, result
    assert "注意：给第一层写 `input_shape=`" in result.text.zh, result.text.zh
    no_input = spec.check(keras_api.build(lambda K: K.Sequential([K.Dense(32, activation="relu"), K.Dense(1)])))
    assert "input_shape" not in no_input.text.en and "input_shape" not in no_input.text.zh, no_input


def test_an_activation_given_as_a_lambda_is_named_in_words(keras_api: Any) -> None:
    spec = SequentialSpec(DATA, hidden_units=(32,))
    relu = keras_api.module.activations.relu
    model = keras_api.build(lambda K: K.Sequential([K.Input((11,)), K.Dense(32, activation=lambda x: relu(x)),
                                                    K.Dense(1)]))
    result = spec.check(model)
    assert 'hidden layer 1 uses a function of your own (`lambda`); it should use `activation="relu"`' in (
        result.message.lower()), result
    assert "用的是你自己写的函数（`lambda`）" in result.text.zh, result.text.zh
    on_output = NEURON.check(keras_api.build(_seq(lambda K: K.Dense(1, activation=lambda x: relu(x)))))
    assert "has `activation=lambda …`; leave it out" in on_output.message, on_output

"""``CompileSpec`` on Keras 3 and tf_keras: optimizer, loss and metrics given as strings, short names,
functions or objects are read back from the compiled model; ``"accuracy"`` counts as binary accuracy with a
binary cross-entropy loss; each wrong setting gets its own sentence; checking never compiles or builds the model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from course.exercises import CompileSpec
from course.exercises.compile_checks import loss_name, metric_name, optimizer_name

REGRESSION = CompileSpec(optimizer="adam", loss="mean_absolute_error")
CLASSIFICATION = CompileSpec(optimizer="adam", loss="binary_crossentropy", metrics=("binary_accuracy",))
SPECS = {"regression": REGRESSION, "classification": CLASSIFICATION}
CORRECT, INCORRECT, NOT_ATTEMPTED = "correct", "incorrect", "not attempted"
Settings = Callable[[Any], dict[str, Any] | None]  # K -> compile() arguments, None for "not compiled"

CASES: list[tuple[str, str, Settings, str, str]] = [
    # spec, id, compile arguments, status, fragment of the message
    ("regression", "strings", lambda K: {"optimizer": "adam", "loss": "mae"}, CORRECT, "adam, loss mean absolute"),
    ("regression", "long name", lambda K: {"optimizer": "Adam", "loss": "mean_absolute_error"}, CORRECT, "MAE"),
    ("regression", "objects",
     lambda K: {"optimizer": K.module.optimizers.Adam(learning_rate=0.01), "loss": K.module.losses.MeanAbsoluteError()},
     CORRECT, "compiled with Adam"),
    ("regression", "loss function", lambda K: {"optimizer": "adam", "loss": K.module.losses.mean_absolute_error},
     CORRECT, "compiled with Adam"),
    ("regression", "loss class",
     lambda K: {"optimizer": "adam", "loss": K.module.losses.MeanAbsoluteError}, CORRECT,
     "compiled with Adam"),
    ("regression", "extra metric", lambda K: {"optimizer": "adam", "loss": "mae", "metrics": ["mse"]}, CORRECT,
     "compiled"),
    ("regression", "not compiled", lambda K: None, NOT_ATTEMPTED,
     '`model` is not compiled yet: run `model.compile(optimizer="adam", loss="mae")`'),
    ("regression", "sgd", lambda K: {"optimizer": "sgd", "loss": "mae"}, INCORRECT,
     'the optimizer is SGD; this exercise uses Adam: `optimizer="adam"`'),
    ("regression", "sgd object", lambda K: {"optimizer": K.module.optimizers.SGD(), "loss": "mae"}, INCORRECT,
     "the optimizer is SGD"),
    ("regression", "mse loss", lambda K: {"optimizer": "adam", "loss": "mse"}, INCORRECT,
     'the loss is mean squared error (MSE); this exercise uses mean absolute error (MAE): `loss="mae"`'),
    ("regression", "huber object", lambda K: {"optimizer": "adam", "loss": K.module.losses.Huber()}, INCORRECT,
     "the loss is Huber"),
    ("classification", "strings",
     lambda K: {"optimizer": "adam", "loss": "binary_crossentropy", "metrics": ["binary_accuracy"]}, CORRECT,
     "metrics binary accuracy"),
    ("classification", "accuracy",
     lambda K: {"optimizer": "adam", "loss": "binary_crossentropy", "metrics": ["accuracy"]}, INCORRECT,
     '`"accuracy"` computes binary accuracy too, but Keras records it in the training history as "accuracy"'),
    ("classification", "metric object",
     lambda K: {"optimizer": "adam", "loss": "binary_crossentropy", "metrics": [K.module.metrics.BinaryAccuracy()]},
     CORRECT, "binary accuracy"),
    ("classification", "loss object and accuracy",
     lambda K: {"optimizer": K.module.optimizers.Adam(), "loss": K.module.losses.BinaryCrossentropy(),
                "metrics": ["accuracy"]}, INCORRECT, 'the next cells read "binary_accuracy"'),
    ("classification", "metric object under another name",
     lambda K: {"optimizer": "adam", "loss": "binary_crossentropy",
                "metrics": [K.module.metrics.BinaryAccuracy(name="acc")]}, INCORRECT, 'as "acc"'),
    ("classification", "metric as a tuple",
     lambda K: {"optimizer": "adam", "loss": "binary_crossentropy", "metrics": ("binary_accuracy",)}, CORRECT,
     "binary accuracy"),
    ("classification", "no metrics", lambda K: {"optimizer": "adam", "loss": "binary_crossentropy"}, INCORRECT,
     'it has no metrics; add binary accuracy: `metrics=["binary_accuracy"]`'),
    ("classification", "wrong metric",
     lambda K: {"optimizer": "adam", "loss": "binary_crossentropy", "metrics": ["mae"]}, INCORRECT,
     "its metrics are mean absolute error (MAE); add binary accuracy"),
    ("classification", "regression loss",
     lambda K: {"optimizer": "adam", "loss": "mae", "metrics": ["binary_accuracy"]}, INCORRECT,
     'the loss is mean absolute error (MAE); this exercise uses binary cross-entropy: `loss="binary_crossentropy"`'),
    ("classification", "accuracy with a regression loss",
     lambda K: {"optimizer": "adam", "loss": "mse", "metrics": ["accuracy"]}, INCORRECT, "its metrics are accuracy"),
]


def _model(K: Any) -> Any:
    return K.Sequential([K.Input((4,)), K.Dense(1, activation="sigmoid")])


def _state(model: Any) -> tuple[Any, ...]:
    compiled = getattr(model, "compiled", getattr(model, "_is_compiled", None))
    optimizer = type(getattr(model, "optimizer", None)).__name__
    return model.built, len(model.weights), compiled, optimizer, getattr(model, "loss", None)


@pytest.mark.parametrize(
    ("spec", "settings", "status", "fragment"),
    [(case[0], *case[2:]) for case in CASES],
    ids=[f"{case[0]}: {case[1]}" for case in CASES],
)
def test_compiled_models(keras_api: Any, spec: str, settings: Settings, status: str, fragment: str) -> None:
    model = keras_api.build(_model)
    arguments = settings(keras_api)
    if arguments is not None:
        model.compile(**arguments)
    before = _state(model)
    result = SPECS[spec].check(model)
    assert result.status == status, result
    assert fragment.lower() in result.message.lower(), result
    assert _state(model) == before


def test_a_subclassed_model_is_read_like_any_other(keras_api: Any) -> None:
    class Linear(keras_api.module.Model):
        def __init__(self) -> None:
            super().__init__()
            self.dense = keras_api.Dense(1)

        def call(self, inputs: Any) -> Any:
            return self.dense(inputs)

    model = Linear()
    model.compile(optimizer="adam", loss="mae")
    assert REGRESSION.check(model).passed
    assert not model.built


@pytest.mark.parametrize(
    ("value", "fragment"),
    [(None, "`model.compile(...)` changes the model in place and returns `None`"),
     ("adam", "a string is not a Keras model"), ([1], "a list is not")],
)
def test_values_that_are_not_models(value: Any, fragment: str) -> None:
    result = REGRESSION.check(value)
    assert result.status == INCORRECT and fragment.lower() in result.message.lower(), result


def test_names_read_alike_across_spellings() -> None:
    assert {optimizer_name(n) for n in ["adam", "Adam", " ADAM "]} == {"adam"}
    assert optimizer_name("RMSprop") == optimizer_name("rmsprop") == "rmsprop"
    assert {loss_name(n) for n in ["mae", "MAE", "mean_absolute_error"]} == {"mean_absolute_error"}
    assert metric_name("accuracy", "binary_crossentropy") == "binary_accuracy"
    assert metric_name("acc", "categorical_crossentropy") == "categorical_accuracy"
    assert metric_name("accuracy", "mean_squared_error") == "accuracy"

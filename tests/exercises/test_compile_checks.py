"""``CompileSpec`` on Keras 3 and tf_keras: optimizer, loss and metrics given as strings, short names,
functions or objects are read back from the compiled model; ``"accuracy"`` counts as binary accuracy with a
binary cross-entropy loss; each wrong setting gets its own sentence; checking never compiles or builds the model.
Where a verdict rests on what Keras does (a spelling it looks up, a key it records in the history), a short fit
shows that Keras does it.
"""

from __future__ import annotations

from collections.abc import Callable
import re
from typing import Any

import numpy as np
import pytest

from course.exercises import CompileSpec
from course.exercises.compile_checks import _flat_metrics, loss_name, metric_name, optimizer_name

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
    ("regression", "extra metric", lambda K: {"optimizer": "adam", "loss": "mae", "metrics": ["mse"]}, CORRECT,
     "compiled"),
    ("regression", "not compiled", lambda K: None, NOT_ATTEMPTED,
     "`model` is not compiled yet: run `model.compile(optimizer=..., loss=...)`"),
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
                "metrics": [K.module.metrics.BinaryAccuracy(name="acc")]}, INCORRECT,
     '`BinaryAccuracy(name="acc")` computes binary accuracy too, but Keras records it in the training history as "acc"'),
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
     lambda K: {"optimizer": "adam", "loss": "mse", "metrics": ["accuracy"]}, INCORRECT, "its metrics are `accuracy`"),
    # Keras looks a string up among its loss functions and classes alike: "MeanAbsoluteError" is a valid loss.
    ("regression", "loss class name", lambda K: {"optimizer": "adam", "loss": "MeanAbsoluteError"}, CORRECT,
     "compiled with Adam"),
    ("regression", "short name in capitals", lambda K: {"optimizer": "adam", "loss": "MAE"}, CORRECT, "compiled"),
    ("classification", "loss class name",
     lambda K: {"optimizer": "adam", "loss": "BinaryCrossentropy", "metrics": ["binary_accuracy"]}, CORRECT,
     "loss binary cross-entropy"),
    ("regression", "no loss", lambda K: {"optimizer": "adam"}, INCORRECT,
     '`compile` was called without a loss: add `loss="mae"`.'),
    ("classification", "no loss", lambda K: {"optimizer": "adam", "metrics": ["binary_accuracy"]}, INCORRECT,
     '`compile` was called without a loss: add `loss="binary_crossentropy"`.'),
    # Metrics given per output: Keras reads a list of lists as the first output's list and records binary_accuracy.
    ("classification", "metrics in a nested list",
     lambda K: {"optimizer": "adam", "loss": "binary_crossentropy", "metrics": [["binary_accuracy"]]}, CORRECT,
     "metrics binary accuracy"),
    ("classification", "metrics nested twice with another",
     lambda K: {"optimizer": "adam", "loss": "binary_crossentropy", "metrics": [[["binary_accuracy"]], ["mae"]]},
     CORRECT, "metrics binary accuracy"),
    ("classification", "a wrong metric in a nested list",
     lambda K: {"optimizer": "adam", "loss": "binary_crossentropy", "metrics": [["mae"]]}, INCORRECT,
     "its metrics are mean absolute error (MAE); add binary accuracy"),
    ("regression", "a loss with no plain name", lambda K: {"optimizer": "adam", "loss": "categorical_crossentropy"},
     INCORRECT, "the loss is `categorical_crossentropy`; this exercise uses mean absolute error (MAE)"),
    ("regression", "an optimizer with no plain name", lambda K: {"optimizer": "adamw", "loss": "mae"}, INCORRECT,
     'the optimizer is `adamw`; this exercise uses Adam: `optimizer="adam"`'),
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


def _compiled(K: Any, **arguments: Any) -> Any:
    K.module.utils.set_random_seed(0)  # the course runs TensorFlow deterministically: random ops need a seed
    model = K.build(_model)
    model.compile(**arguments)
    return model


def _history_keys(model: Any) -> set[str]:
    """The keys one epoch of training on a few samples writes into ``history.history``."""
    # Eagerly: Keras records the same keys and raises the same errors without tracing a graph first, which took
    # two thirds of each fit's time.
    model.run_eagerly = True
    x, y = np.zeros((4, 4), "float32"), np.ones((4, 1), "float32")
    return set(model.fit(x, y, validation_data=(x, y), epochs=1, verbose=0).history)


def test_a_metric_class_is_read_as_keras_3_records_it(keras_api: Any) -> None:
    """Keras 3 makes an object of a metric class with its default name, ``binary_accuracy``; tf_keras refuses the
    class in ``compile`` already, so no checker ever sees it there."""
    metric = keras_api.module.metrics.BinaryAccuracy
    arguments = {"optimizer": "adam", "loss": "binary_crossentropy", "metrics": [metric]}
    if keras_api.name == "tf_keras":
        with pytest.raises(TypeError):
            _compiled(keras_api, **arguments)
        return
    model = _compiled(keras_api, **arguments)
    result = CLASSIFICATION.check(model)
    assert result.passed and "metrics binary accuracy" in result.message, result
    assert {"binary_accuracy", "val_binary_accuracy"} <= _history_keys(model)


def test_a_metric_class_name_as_a_string_is_judged_by_its_history_key(keras_api: Any) -> None:
    """``"BinaryAccuracy"`` is recorded as written by Keras 3, so the next cells' ``"binary_accuracy"`` is missing:
    the learner hears why, as for ``"accuracy"``; tf_keras records the class's default name and the answer passes."""
    model = _compiled(keras_api, optimizer="adam", loss="binary_crossentropy", metrics=["BinaryAccuracy"])
    result = CLASSIFICATION.check(model)
    keys = _history_keys(model)
    if keras_api.name == "tf_keras":
        assert result.passed and "binary_accuracy" in keys, (result, keys)
        return
    assert "binary_accuracy" not in keys and "BinaryAccuracy" in keys
    assert result.status == INCORRECT, result
    assert result.text.en == (
        '`"BinaryAccuracy"` computes binary accuracy too, but Keras records it in the training history as '
        '"BinaryAccuracy", and the next cells read "binary_accuracy": write `metrics=["binary_accuracy"]`.'
    )
    assert '记作 `"BinaryAccuracy"`' in result.text.zh and "binaryaccuracy" not in result.text.zh


@pytest.mark.parametrize("metrics", [[["binary_accuracy"]], (["binary_accuracy"],), [[["binary_accuracy"]], "mae"]],
                         ids=["list of a list", "tuple of a list", "nested twice"])
def test_nested_metrics_pass_because_keras_records_binary_accuracy(keras_api: Any, metrics: Any) -> None:
    model = _compiled(keras_api, optimizer="adam", loss="binary_crossentropy", metrics=metrics)
    assert CLASSIFICATION.check(model).passed
    assert {"binary_accuracy", "val_binary_accuracy"} <= _history_keys(model)


@pytest.mark.parametrize("loss", ["MeanAbsoluteError", "MAE", "mae", "mean_absolute_error"])
def test_the_loss_names_that_pass_are_ones_keras_trains_with(keras_api: Any, loss: str) -> None:
    model = _compiled(keras_api, optimizer="adam", loss=loss)
    assert REGRESSION.check(model).passed
    assert "loss" in _history_keys(model)


def test_a_loss_class_passes_exactly_where_keras_trains_with_it(keras_api: Any) -> None:
    """``loss=keras.losses.MeanAbsoluteError`` without the call: Keras 3 makes the loss from the class, tf_keras
    compiles it and then fails in ``fit``. The verdict follows what training does."""
    model = _compiled(keras_api, optimizer="adam", loss=keras_api.module.losses.MeanAbsoluteError)
    result = REGRESSION.check(model)
    try:
        trains = "loss" in _history_keys(model)
    except TypeError:
        trains = False
    assert result.passed == trains, (keras_api.name, result)
    if not trains:
        assert "`loss=keras.losses.MeanAbsoluteError()`" in result.message and "first `fit`" in result.message
        assert "`loss=keras.losses.MeanAbsoluteError()`" in result.text.zh


def test_a_model_compiled_without_a_loss_says_so_in_chinese(keras_api: Any) -> None:
    result = REGRESSION.check(_compiled(keras_api, optimizer="adam"))
    assert result.text.zh == '编译时没有指定损失函数：请加上 `loss="mae"`。', result.text.zh
    assert "none" not in result.text.en.lower() and "无" not in result.text.zh


@pytest.mark.parametrize(
    ("spec", "arguments", "chinese"),
    [("regression", {"optimizer": "adam", "loss": "categorical_crossentropy"},
      "损失函数是 `categorical_crossentropy`；"),
     ("regression", {"optimizer": "adam", "loss": "mape"}, "损失函数是 `mean_absolute_percentage_error`；"),
     ("regression", {"optimizer": "adamw", "loss": "mae"}, "优化器是 `adamw`；"),
     ("classification",
      {"optimizer": "adam", "loss": "binary_crossentropy", "metrics": ["mae", "categorical_accuracy"]},
      "模型的指标是平均绝对误差（MAE）、`categorical_accuracy`；"),
     ("classification", {"optimizer": "adam", "loss": "binary_crossentropy", "metrics": [["mae"]]},
      "模型的指标是平均绝对误差（MAE）；")],
    ids=["loss", "long loss", "optimizer", "two metrics", "nested metric"],
)
def test_chinese_messages_set_code_names_as_code(keras_api: Any, spec: str, arguments: dict[str, Any],
                                                 chinese: str) -> None:
    """Names with no Chinese wording are code, in backticks as in English; no English type word such as ``list``
    leaks into a Chinese sentence; several names are joined with 、."""
    result = SPECS[spec].check(_compiled(keras_api, **arguments))
    assert result.status == INCORRECT and chinese in result.text.zh, result.text.zh
    assert not re.search(r"(?<![A-Za-z])[a-z_]{3,}(?![A-Za-z])", re.sub(r"`[^`]*`", "", result.text.zh)), result.text.zh


def test_a_model_not_compiled_yet_is_not_given_the_answer(keras_api: Any) -> None:
    """Before any attempt the message names the call, not its arguments, as lesson 09's question 2 does."""
    for spec in SPECS.values():
        result = spec.check(keras_api.build(_model))
        assert result.status == NOT_ATTEMPTED, result
        for text in (result.text.en, result.text.zh):
            assert "model.compile(optimizer=..., loss=..." in text and '"adam"' not in text, text
            assert spec.loss not in text and '"mae"' not in text, text


@pytest.mark.parametrize("loss", ["Mae", " mae ", "MEAN_ABSOLUTE_ERROR", "mean_absolute_eror"])
def test_a_loss_keras_cannot_look_up_is_wrong_however_close(keras_api: Any, loss: str) -> None:
    """Keras looks a loss string up as written: these read as MAE once lower-cased, but training stops."""
    model = _compiled(keras_api, optimizer="adam", loss=loss)
    with pytest.raises(ValueError):
        _history_keys(model)
    result = REGRESSION.check(model)
    assert result.status == INCORRECT, result
    assert result.text.en == (
        f'Keras knows no loss spelled `"{loss}"` and would stop at the first `fit`: write `loss="mae"`.'
    )
    assert result.text.zh.startswith(f'Keras 不认识写成 `"{loss}"` 的损失函数'), result.text.zh


def test_metrics_nested_without_end_are_read_only_so_far() -> None:
    """Lists in lists multiply: reading them stops after a bounded number of entries."""
    nested = [[[[[[]] * 1000] * 1000] * 1000] * 1000]
    assert len(_flat_metrics(nested)) < 1000
    assert _flat_metrics([[["binary_accuracy"]], "mae", {"out": ["mse"]}]) == ["binary_accuracy", "mae", "mse"]


def test_the_verdict_on_a_right_compile_reads_as_one_sentence(keras_api: Any) -> None:
    model = keras_api.build(_model)
    model.compile(optimizer="adam", loss="mean_absolute_error")
    result = REGRESSION.check(model)
    assert result.passed, result
    assert result.message == "Compiled with Adam, loss mean absolute error (MAE).", result.message
    # Shown after the label "正确：", so the sentence itself has no colon.
    assert result.text.zh.startswith("已编译，优化器为 Adam，损失函数为") and "：" not in result.text.zh, result.text.zh


def test_a_misspelled_loss_is_named_as_a_typo_not_as_another_loss(keras_api: Any) -> None:
    """``"binary_cross_entropy"`` is no loss Keras knows: training stops, and the message says so rather than
    "the loss is binary_cross_entropy; this exercise uses binary cross-entropy"."""
    arguments = {"optimizer": "adam", "loss": "binary_cross_entropy", "metrics": ["binary_accuracy"]}
    model = _compiled(keras_api, **arguments)
    with pytest.raises(ValueError):
        _history_keys(model)
    result = CLASSIFICATION.check(model)
    assert result.status == INCORRECT, result
    assert result.text.en == (
        'Keras knows no loss spelled `"binary_cross_entropy"` and would stop at the first `fit`: '
        'write `loss="binary_crossentropy"`.'
    ), result.text.en
    assert result.text.zh.startswith('Keras 不认识写成 `"binary_cross_entropy"` 的损失函数'), result.text.zh

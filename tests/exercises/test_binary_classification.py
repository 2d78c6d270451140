"""The Binary Classification exercise, table-driven: every question's solution passes, the blank is "not attempted",
each typical wrong answer fails with its own message, and hostile answers get a verdict instead of a traceback —
for models built with Keras 3 and with tf_keras alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from course.exercises import ____, MISSING, CheckResult
from course.exercises.binary_classification import q_1, q_2, q_3

CORRECT, INCORRECT, NOT_ATTEMPTED, OPEN = "correct", "incorrect", "not attempted", "open"
Build = Callable[[Any], Any]


def assert_verdict(result: CheckResult, status: str, fragment: str) -> None:
    assert isinstance(result, CheckResult)
    assert result.status == status, result
    assert fragment.lower() in result.message.lower(), result


def wide(K: Any, first: list[Any] | None = None, output: Any = None, rate: float = 0.3, units: int = 256) -> Any:
    """The exercise's model, with parts swapped for the wrong answers."""
    L = K.layers
    first = [K.Input((30,))] if first is None else first
    output = L.Dense(1, activation="sigmoid") if output is None else output
    return K.Sequential([
        *first,
        L.BatchNormalization(),
        L.Dense(units, activation="relu"),
        L.BatchNormalization(),
        L.Dropout(rate),
        L.Dense(256, activation="relu"),
        L.BatchNormalization(),
        L.Dropout(rate),
        output,
    ])


def solution(K: Any) -> Any:
    return wide(K)


# ---------------------------------------------------------------------------------------------------------------
# q_1: the model

Q1_CASES: list[tuple[str, Build, str, str]] = [
    ("solution", solution, CORRECT, "30 inputs → BatchNormalization → Dense(256, relu)"),
    (
        "legacy input_shape on BatchNormalization",
        lambda K: K.Sequential([
            K.layers.BatchNormalization(input_shape=[30]),
            K.Dense(256, activation="relu"), K.layers.BatchNormalization(), K.layers.Dropout(0.3),
            K.Dense(256, activation="relu"), K.layers.BatchNormalization(), K.layers.Dropout(0.3),
            K.Dense(1, activation="sigmoid"),
        ]),
        CORRECT,
        "Dense(1, sigmoid)",
    ),
    (
        "activations as layers",
        lambda K: K.Sequential([
            K.Input((30,)), K.layers.BatchNormalization(),
            K.Dense(256), K.Activation("relu"), K.layers.BatchNormalization(), K.layers.Dropout(0.3),
            K.Dense(256), K.Activation("relu"), K.layers.BatchNormalization(), K.layers.Dropout(0.3),
            K.Dense(1), K.Activation("sigmoid"),
        ]),
        CORRECT,
        "30 inputs",
    ),
    ("linear output", lambda K: wide(K, output=K.Dense(1)), INCORRECT, "between 0 and 1"),
    ("relu output", lambda K: wide(K, output=K.Dense(1, activation="relu")), INCORRECT, 'activation="sigmoid"'),
    ("two softmax outputs", lambda K: wide(K, output=K.Dense(2, activation="softmax")), INCORRECT,
     "should have 1"),
    ("dropout rate", lambda K: wide(K, rate=0.5), INCORRECT, "should drop 0.3"),
    ("hidden units", lambda K: wide(K, units=128), INCORRECT, "has 128 units; it should have 256"),
    ("input width of the concrete data", lambda K: wide(K, first=[K.Input((8,))]), INCORRECT, "30"),
    (
        "first BatchNormalization missing",
        lambda K: K.Sequential([
            K.Input((30,)),
            K.Dense(256, activation="relu"), K.layers.BatchNormalization(), K.layers.Dropout(0.3),
            K.Dense(256, activation="relu"), K.layers.BatchNormalization(), K.layers.Dropout(0.3),
            K.Dense(1, activation="sigmoid"),
        ]),
        INCORRECT,
        "missing `layers.BatchNormalization()` at the start",
    ),
    (
        "dropout before batch normalization",
        lambda K: K.Sequential([
            K.Input((30,)), K.layers.BatchNormalization(),
            K.Dense(256, activation="relu"), K.layers.Dropout(0.3), K.layers.BatchNormalization(),
            K.Dense(256, activation="relu"), K.layers.Dropout(0.3), K.layers.BatchNormalization(),
            K.Dense(1, activation="sigmoid"),
        ]),
        INCORRECT,
        "another order",
    ),
    (
        "no dropout at all",
        lambda K: K.Sequential([
            K.Input((30,)), K.layers.BatchNormalization(),
            K.Dense(256, activation="relu"), K.layers.BatchNormalization(),
            K.Dense(256, activation="relu"), K.layers.BatchNormalization(),
            K.Dense(1, activation="sigmoid"),
        ]),
        INCORRECT,
        "layers.Dropout(0.3)",
    ),
]


@pytest.mark.parametrize(("build", "status", "fragment"), [case[1:] for case in Q1_CASES],
                         ids=[case[0] for case in Q1_CASES])
def test_q1_models(keras_api, build: Build, status: str, fragment: str) -> None:
    assert_verdict(q_1.check(keras_api.build(build)), status, fragment)


def test_q1_blank_is_not_attempted() -> None:
    assert_verdict(q_1.check(____), NOT_ATTEMPTED, "replace `____`")


def test_q1_reads_the_variable_model() -> None:
    model = ____  # noqa: F841 (read by q_1.check() from this frame)
    assert_verdict(q_1.check(), NOT_ATTEMPTED, "replace `____` in `model`")


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        (None, "none"),
        ("keras.Sequential([...])", "str"),
        ([], "list"),
    ],
    ids=["None", "string", "list of layers"],
)
def test_q1_not_a_model(answer: Any, fragment: str) -> None:
    assert_verdict(q_1.check(answer), INCORRECT, fragment)


def test_q1_list_of_layers_is_not_a_model(keras_api) -> None:
    layers = keras_api.build(lambda K: [K.layers.BatchNormalization(), K.Dense(1, activation="sigmoid")])
    result = q_1.check(layers)
    assert result.status == INCORRECT and "Sequential" in result.message, result


def test_q1_functional_model_is_explained(keras_api) -> None:
    def functional(K: Any) -> Any:
        inputs = K.Input((30,))
        outputs = K.Dense(1, activation="sigmoid")(K.layers.BatchNormalization()(inputs))
        return K.module.Model(inputs, outputs)

    result = q_1.check(keras_api.build(functional))
    assert result.status == INCORRECT and "Sequential" in result.message, result


def test_q1_model_without_input_gets_a_verdict(keras_api) -> None:
    unbuilt = keras_api.build(lambda K: K.Sequential([K.layers.BatchNormalization(), K.Dense(1, activation="sigmoid")]))
    result = q_1.check(unbuilt)
    assert result.status == INCORRECT, result
    assert result.message


# ---------------------------------------------------------------------------------------------------------------
# q_2: compile


def compiled(K: Any, **settings: Any) -> Any:
    model = wide(K)
    model.compile(**settings)
    return model


Q2_CASES: list[tuple[str, Build, str, str]] = [
    ("strings", lambda K: compiled(K, optimizer="adam", loss="binary_crossentropy", metrics=["binary_accuracy"]),
     CORRECT, "binary accuracy"),
    # Binary accuracy under another name: the next cells read history["val_binary_accuracy"] and would fail.
    ("accuracy alias", lambda K: compiled(K, optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"]),
     INCORRECT, 'records it in the training history as "accuracy", and the next cells read "binary_accuracy"'),
    ("acc alias", lambda K: compiled(K, optimizer="adam", loss="binary_crossentropy", metrics=["acc"]),
     INCORRECT, 'write `metrics=["binary_accuracy"]`'),
    ("probabilities taken for logits",
     lambda K: compiled(K, optimizer="adam", loss=K.module.losses.BinaryCrossentropy(from_logits=True),
                        metrics=["binary_accuracy"]),
     INCORRECT, "Leave `from_logits` out"),
    (
        "objects",
        lambda K: compiled(K, optimizer=K.module.optimizers.Adam(), loss=K.module.losses.BinaryCrossentropy(),
                           metrics=[K.module.metrics.BinaryAccuracy()]),
        CORRECT,
        "Adam",
    ),
    (
        "loss function and metric alongside another",
        lambda K: compiled(K, optimizer="adam", loss=K.module.losses.binary_crossentropy,
                           metrics=["binary_accuracy", "auc"]),
        CORRECT,
        "binary accuracy",
    ),
    ("sgd", lambda K: compiled(K, optimizer="sgd", loss="binary_crossentropy", metrics=["binary_accuracy"]),
     INCORRECT, "the optimizer is SGD"),
    ("regression loss", lambda K: compiled(K, optimizer="adam", loss="mae", metrics=["binary_accuracy"]),
     INCORRECT, "the loss is mean absolute error"),
    ("no metrics", lambda K: compiled(K, optimizer="adam", loss="binary_crossentropy"),
     INCORRECT, "it has no metrics; add binary accuracy"),
    ("mae as the metric", lambda K: compiled(K, optimizer="adam", loss="binary_crossentropy", metrics=["mae"]),
     INCORRECT, "add binary accuracy"),
]


@pytest.mark.parametrize(("build", "status", "fragment"), [case[1:] for case in Q2_CASES],
                         ids=[case[0] for case in Q2_CASES])
def test_q2_compiled_models(keras_api, build: Build, status: str, fragment: str) -> None:
    assert_verdict(q_2.check(keras_api.build(build)), status, fragment)


def test_q2_uncompiled_model_is_not_attempted(keras_api) -> None:
    # The learner's cell holds a bare `____` where the compile call goes: the model stays uncompiled.
    assert_verdict(q_2.check(keras_api.build(solution)), NOT_ATTEMPTED, "not compiled yet")


def test_q2_the_tutorials_compiled_network_is_not_an_answer(keras_api) -> None:
    # Question 1's cell did not run (or raised before assigning): `model` is still the small network of the page,
    # which the page compiled with the very settings question 2 asks for.
    def tutorial_network(K: Any) -> Any:
        model = K.Sequential([K.Input((30,)), K.Dense(16, activation="relu"), K.Dense(16, activation="relu"),
                              K.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["binary_accuracy"])
        return model

    assert_verdict(q_2.check(keras_api.build(tutorial_network)), NOT_ATTEMPTED, "still the small network")


def test_q2_blank_is_not_attempted() -> None:
    assert_verdict(q_2.check(____), NOT_ATTEMPTED, "replace `____`")


def test_q2_a_compile_call_result_is_not_a_model(keras_api) -> None:
    # `model = model.compile(...)` leaves `model` as None: the message says why, and how to get the model back.
    assert_verdict(q_2.check(None), INCORRECT, "returns `None`, so `model = model.compile(...)` replaces your model")


def test_q2_checking_does_not_change_the_model(keras_api) -> None:
    model = keras_api.build(lambda K: compiled(K, optimizer="sgd", loss="binary_crossentropy"))
    weights = [w.numpy().copy() for w in model.weights]
    optimizer = model.optimizer
    q_2.check(model)
    assert model.optimizer is optimizer
    assert all((w.numpy() == before).all() for w, before in zip(model.weights, weights))


# ---------------------------------------------------------------------------------------------------------------
# q_3: open


@pytest.mark.parametrize("answer", [MISSING, ____, "it overfits a little", None], ids=["none", "blank", "text", "None"])
def test_q3_open_question_accepts_anything(answer: Any) -> None:
    # Labelled "Open question", not "Correct": the learner may not have looked at anything yet.
    result = q_3.check(answer)
    assert_verdict(result, OPEN, "validation loss")
    assert result.passed and result.label == "Open question"


def test_q3_check_without_an_answer() -> None:
    assert_verdict(q_3.check(), OPEN, "overfitting")


# ---------------------------------------------------------------------------------------------------------------
# every question: hint, solution, and verdicts for hostile answers


@pytest.mark.parametrize("question", [q_1, q_2, q_3], ids=["q_1", "q_2", "q_3"])
def test_hint_and_solution(question) -> None:
    assert question.hint().text
    assert question.solution().code.strip()
    assert question.name in repr(question)


def test_the_q1_hint_lists_the_first_layers_in_the_solutions_order() -> None:
    """Read as a sequence, the hint's layers are the solution's first ones, none left out between them."""
    import re

    solution = [line.strip().rstrip(",") for line in q_1.solution().code.splitlines()[1:-1]]
    for hint in (q_1.hint_text.en, q_1.hint_text.zh):
        listed = re.findall(r"`((?:keras\.Input|layers\.(?!Dense\(1,))[^`]*)`", hint.split("and so on")[0]
                            .split("依此类推")[0])
        assert len(listed) >= 4 and listed == solution[: len(listed)], (listed, solution)


def test_the_prompts_say_lesson_not_tutorial() -> None:
    for words in (q_3.prompt.en, q_3.prompt.zh):
        assert "tutorial" not in words and "教程" not in words, words
    assert "the small network above" in q_3.prompt.en and "上面的小网络" in q_3.prompt.zh


def test_solutions_run_and_pass_their_own_checks() -> None:
    """The solution code (Keras 3, as the lesson writes it), run, passes its check: q_1 then q_2, on one model."""
    import keras

    namespace: dict[str, Any] = {"keras": keras, "layers": keras.layers, "input_shape": [30]}
    exec(q_1.solution().code, namespace)
    assert q_1.check(namespace["model"]).passed
    exec(q_2.solution().code, namespace)
    assert q_2.check(namespace["model"]).passed


class Hostile:
    """An answer whose every attribute raises, and whose class claims to be a Keras Sequential."""

    def __getattribute__(self, name: str) -> Any:
        if name in {"__class__", "__dict__"}:
            return object.__getattribute__(self, name)
        raise RuntimeError(f"no {name} for you")


def test_hostile_answers_get_a_verdict(keras_api) -> None:
    """Never a traceback, never "Correct", a message of bounded length."""
    class Subclassed(keras_api.module.Model):
        def __init__(self) -> None:
            super().__init__()
            self.dense = keras_api.layers.Dense(1, activation="sigmoid")

        def call(self, inputs: Any) -> Any:
            return self.dense(inputs)

    class Exploding(keras_api.module.Sequential):
        """A real Sequential whose layers and compile state raise once it is armed."""

        def __getattribute__(self, name: str) -> Any:
            if name in {"layers", "compiled", "_is_compiled", "_compile_config", "optimizer", "loss", "input_shape"}:
                if object.__getattribute__(self, "__dict__").get("armed"):
                    raise RuntimeError("boom")
            return super().__getattribute__(name)

    subclassed = Subclassed()
    exploding = keras_api.build(lambda K: Exploding([K.Input((30,)), K.Dense(1, activation="sigmoid")]))
    exploding.__dict__["armed"] = True
    for answer in (Hostile(), subclassed, exploding, object(), 3.5):
        for question in (q_1, q_2):
            result = question.check(answer)
            assert isinstance(result, CheckResult), (question.name, answer)
            assert result.status != CORRECT, (question.name, type(answer).__name__, result)
            assert result.message and len(result.message) <= 1200

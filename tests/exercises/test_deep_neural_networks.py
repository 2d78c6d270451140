"""The Deep Neural Networks exercise, table-driven: every question's solution passes, ``____`` is "not attempted",
and each wrong answer fails with its own message — for models built with Keras 3 and with tf_keras alike.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest

from course.exercises import ____, CheckResult
from course.exercises.deep_neural_networks import q_1, q_2, q_3, q_4

QUESTIONS = {"q_1": q_1, "q_2": q_2, "q_3": q_3, "q_4": q_4}
CORRECT, INCORRECT, NOT_ATTEMPTED = "correct", "incorrect", "not attempted"

# ---------------------------------------------------------------------------------------------------------------
# q_1: the input shape, plain values (no Keras needed)

Q1_CASES: list[tuple[str, Any, str, str]] = [
    # id, answer, status, fragment of the message
    ("list", [8], CORRECT, "8 features"),
    ("tuple", (8,), CORRECT, "same shape as `[8]`: a tuple and a list both work"),
    # keras.Input(shape=8) raises, so a bare size would break the next cell.
    ("bare int", 8, INCORRECT, "`keras.Input(shape=8)` would fail"),
    ("numpy int", np.int64(8), INCORRECT, "a shape is a list"),
    ("wrapped", ([8],), INCORRECT, "`([8],)` wraps the shape in another tuple"),
    ("one", [1], INCORRECT, "says 1 feature;"),
    ("shape slice", pd.DataFrame(np.zeros((3, 8))).shape[1:], CORRECT, "same shape"),
    ("numpy shape", np.array([8]), CORRECT, "plain list"),
    ("with target", [9], INCORRECT, "counts the target column `CompressiveStrength`"),
    ("bare 9", 9, INCORRECT, "counts the target"),
    ("with rows", [1030, 8], INCORRECT, "includes the number of rows (1030)"),
    ("rows as tuple", (1030, 8), INCORRECT, "includes the number of rows"),
    ("rows and target", [1030, 9], INCORRECT, "counts the target"),
    ("batch axis", [None, 8], INCORRECT, "batch axis"),
    ("two axes", [8, 1], INCORRECT, "one axis"),
    ("too few", [7], INCORRECT, "the data has 8"),
    ("empty", [], INCORRECT, "empty"),
    ("float", [8.0], INCORRECT, "whole numbers"),
    ("bare float", 8.0, INCORRECT, "whole number"),
    ("bool", True, INCORRECT, "not a shape"),
    ("string", "[8]", INCORRECT, "a string is not a shape"),
    ("None", None, INCORRECT, "`None`"),
    ("DataFrame", pd.DataFrame(np.zeros((3, 8))), INCORRECT, "a pandas DataFrame is the data"),
    ("Series", pd.Series([1.0, 2.0]), INCORRECT, "a pandas Series is the data"),
    ("2-D array", np.zeros((1030, 8)), INCORRECT, "the data, not a shape"),
    ("long list", list(range(20)), INCORRECT, "looks like data"),
    ("dict", {"shape": 8}, INCORRECT, "a dict is not a shape"),
    ("columns", pd.Index(list("abcdefgh")), INCORRECT, "a `pandas.Index` object is not a shape"),
    ("placeholder", ____, NOT_ATTEMPTED, "replace `____`"),
    ("placeholder in list", [____], NOT_ATTEMPTED, "replace `____`"),
]


@pytest.mark.parametrize(
    ("answer", "status", "fragment"), [case[1:] for case in Q1_CASES], ids=[case[0] for case in Q1_CASES]
)
def test_q1(answer: Any, status: str, fragment: str) -> None:
    result = q_1.check(answer)
    assert result.status == status, result
    assert fragment.lower() in result.message.lower(), result
    assert result.passed == (status == CORRECT)


# ---------------------------------------------------------------------------------------------------------------
# q_2 and q_3: models, built with each Keras API


def relu_stack(K: Any, units: int, n: int) -> list[Any]:
    return [K.Dense(units, activation="relu") for _ in range(n)]


def add_each(K: Any, layers: list[Any]) -> Any:
    model = K.Sequential()
    for layer in layers:
        model.add(layer)
    return model


Build = Callable[[Any], Any]
Q2_CASES: list[tuple[str, Build, str, str]] = [
    ("keras.Input", lambda K: K.Sequential([K.Input((8,)), *relu_stack(K, 512, 3), K.Dense(1)]), CORRECT, "8 inputs"),
    ("two output layers", lambda K: K.Sequential([K.Input((8,)), *relu_stack(K, 512, 3), K.Dense(1), K.Dense(1)]),
     INCORRECT, "hidden layer 4 is a `layers.Dense(1)` with no activation, an output layer: the model already ends "
                "with one, so remove this one"),
    ("output layer first", lambda K: K.Sequential([K.Input((8,)), K.Dense(1), *relu_stack(K, 512, 3)]),
     INCORRECT, "hidden layer 1 is a `layers.Dense(1)` with no activation, an output layer: move it to the end"),
    (
        "input_shape argument",
        lambda K: K.Sequential(
            [K.Dense(512, activation="relu", input_shape=[8]), *relu_stack(K, 512, 2), K.Dense(1)]
        ),
        CORRECT,
        "8 inputs",
    ),
    ("model.add", lambda K: add_each(K, [K.Input((8,)), *relu_stack(K, 512, 3), K.Dense(1)]), CORRECT, "linear output"),
    (
        "Activation layers",
        lambda K: K.Sequential(
            [K.Input((8,))] + [x for _ in range(3) for x in (K.Dense(512), K.Activation("relu"))] + [K.Dense(1)]
        ),
        CORRECT,
        "linear output",
    ),
    (
        "ReLU layer",
        lambda K: K.Sequential(
            [K.Input((8,)), K.Dense(512), K.layers.ReLU(), *relu_stack(K, 512, 2), K.Dense(1)]
        ),
        CORRECT,
        "8 inputs",
    ),
    (
        "wrong units",
        lambda K: K.Sequential(
            [K.Input((8,)), K.Dense(512, activation="relu"), K.Dense(256, activation="relu"),
             K.Dense(512, activation="relu"), K.Dense(1)]
        ),
        INCORRECT,
        "hidden layer 2 has 256 units; it should have 512",
    ),
    (
        "missing activation",
        lambda K: K.Sequential(
            [K.Input((8,)), K.Dense(512, activation="relu"), K.Dense(512), K.Dense(512, activation="relu"), K.Dense(1)]
        ),
        INCORRECT,
        "hidden layer 2 has no activation",
    ),
    (
        "wrong activation",
        lambda K: K.Sequential(
            [K.Input((8,)), K.Dense(512, activation="sigmoid"), *relu_stack(K, 512, 2), K.Dense(1)]
        ),
        INCORRECT,
        "hidden layer 1 uses sigmoid",
    ),
    (
        "two activations",
        lambda K: K.Sequential(
            [K.Input((8,)), K.Dense(512, activation="relu"), K.Activation("relu"), *relu_stack(K, 512, 2),
             K.Dense(1)]
        ),
        INCORRECT,
        "hidden layer 1 applies 2 activations",
    ),
    (
        "activation on output",
        lambda K: K.Sequential([K.Input((8,)), *relu_stack(K, 512, 3), K.Dense(1, activation="relu")]),
        INCORRECT,
        'the output layer has `activation="relu"`',
    ),
    (
        "Activation after output",
        lambda K: K.Sequential([K.Input((8,)), *relu_stack(K, 512, 3), K.Dense(1), K.Activation("sigmoid")]),
        INCORRECT,
        "activation (sigmoid) after the output layer",
    ),
    (
        "no input shape",
        lambda K: K.Sequential([*relu_stack(K, 512, 3), K.Dense(1)]),
        INCORRECT,
        "no input shape",
    ),
    (
        "input counts target",
        lambda K: K.Sequential([K.Input((9,)), *relu_stack(K, 512, 3), K.Dense(1)]),
        INCORRECT,
        "input shape is (9,): 9 counts the target",
    ),
    (
        "input includes rows",
        lambda K: K.Sequential([K.Input((1030, 8)), *relu_stack(K, 512, 3), K.Dense(1)]),
        INCORRECT,
        "includes the number of rows",
    ),
    (
        "too few hidden",
        lambda K: K.Sequential([K.Input((8,)), *relu_stack(K, 512, 2), K.Dense(1)]),
        INCORRECT,
        "2 hidden dense layers; it needs 3",
    ),
    (
        "too many hidden",
        lambda K: K.Sequential([K.Input((8,)), *relu_stack(K, 512, 4), K.Dense(1)]),
        INCORRECT,
        "4 hidden dense layers; it needs 3",
    ),
    (
        "no output layer",
        lambda K: K.Sequential([K.Input((8,)), *relu_stack(K, 512, 3)]),
        INCORRECT,
        "add the output layer `layers.Dense(1)`",
    ),
    (
        "wide output",
        lambda K: K.Sequential([K.Input((8,)), *relu_stack(K, 512, 3), K.Dense(8)]),
        INCORRECT,
        "the output layer has 8 units; it should have 1",
    ),
    (
        "extra Dropout",
        lambda K: K.Sequential(
            [K.Input((8,)), K.Dense(512, activation="relu"), K.layers.Dropout(0.3), *relu_stack(K, 512, 2),
             K.Dense(1)]
        ),
        INCORRECT,
        "layer 2 is a `Dropout` layer",
    ),
    (
        "activation first",
        lambda K: K.Sequential([K.Input((8,)), K.Activation("relu"), *relu_stack(K, 512, 3), K.Dense(1)]),
        INCORRECT,
        "before any dense layer",
    ),
    ("empty Sequential", lambda K: K.Sequential(), INCORRECT, "is empty: it has no input and no layers"),
    ("only keras.Input", lambda K: K.Sequential([K.Input((8,))]), INCORRECT, "no dense layers"),
]

Q3_CASES: list[tuple[str, Build, str, str]] = [
    (
        "Activation layers",
        lambda K: K.Sequential(
            [K.Input((8,)), K.Dense(32), K.Activation("relu"), K.Dense(32), K.Activation("relu"), K.Dense(1)]
        ),
        CORRECT,
        'Activation("relu")',
    ),
    (
        "legacy input_shape",
        lambda K: K.Sequential(
            [K.Dense(32, input_shape=[8]), K.Activation("relu"), K.Dense(32), K.Activation("relu"), K.Dense(1)]
        ),
        CORRECT,
        "linear output",
    ),
    (
        "model.add",
        lambda K: add_each(
            K, [K.Input((8,)), K.Dense(32), K.Activation("relu"), K.Dense(32), K.Activation("relu"), K.Dense(1)]
        ),
        CORRECT,
        "linear output",
    ),
    (
        "activation= still inside",
        lambda K: K.Sequential([K.Input((8,)), *relu_stack(K, 32, 2), K.Dense(1)]),
        INCORRECT,
        "the hidden dense layers still use `activation=` inside them",
    ),
    (
        "one still inside",
        lambda K: K.Sequential(
            [K.Input((8,)), K.Dense(32), K.Activation("relu"), K.Dense(32, activation="relu"), K.Dense(1)]
        ),
        INCORRECT,
        'hidden layer 2 still sets `activation="relu"` inside dense',
    ),
    (
        "inside and after",
        lambda K: K.Sequential(
            [K.Input((8,)), K.Dense(32, activation="relu"), K.Activation("relu"), K.Dense(32),
             K.Activation("relu"), K.Dense(1)]
        ),
        INCORRECT,
        "as well as a separate activation layer",
    ),
    (
        # Both already have their Activation layer: each hears "remove the one inside Dense", not "follow it with".
        "inside and after, both",
        lambda K: K.Sequential(
            [K.Input((8,)), K.Dense(32, activation="relu"), K.Activation("relu"), K.Dense(32, activation="relu"),
             K.Activation("relu"), K.Dense(1)]
        ),
        INCORRECT,
        "hidden layer 2 has `activation=\"relu\"` inside dense as well as a separate activation layer: remove the one",
    ),
    (
        "missing Activation",
        lambda K: K.Sequential([K.Input((8,)), K.Dense(32), K.Dense(32), K.Activation("relu"), K.Dense(1)]),
        INCORRECT,
        'hidden layer 1 has no activation: add `layers.Activation("relu")`',
    ),
    (
        "wrong Activation",
        lambda K: K.Sequential(
            [K.Input((8,)), K.Dense(32), K.Activation("tanh"), K.Dense(32), K.Activation("relu"), K.Dense(1)]
        ),
        INCORRECT,
        "hidden layer 1 uses tanh",
    ),
    (
        "wrong units",
        lambda K: K.Sequential(
            [K.Input((8,)), K.Dense(64), K.Activation("relu"), K.Dense(32), K.Activation("relu"), K.Dense(1)]
        ),
        INCORRECT,
        "hidden layer 1 has 64 units; it should have 32",
    ),
    (
        "Activation on output",
        lambda K: K.Sequential(
            [K.Input((8,)), K.Dense(32), K.Activation("relu"), K.Dense(32), K.Activation("relu"), K.Dense(1),
             K.Activation("relu")]
        ),
        INCORRECT,
        "after the output layer",
    ),
    (
        "no input shape",
        lambda K: K.Sequential(
            [K.Dense(32), K.Activation("relu"), K.Dense(32), K.Activation("relu"), K.Dense(1)]
        ),
        INCORRECT,
        "no input shape",
    ),
    (
        "the q_2 model",
        lambda K: K.Sequential([K.Input((8,)), *relu_stack(K, 512, 3), K.Dense(1)]),
        INCORRECT,
        "3 hidden dense layers; it needs 2",
    ),
]

MODEL_CASES = [("q_2", *case) for case in Q2_CASES] + [("q_3", *case) for case in Q3_CASES]


def _state(model: Any) -> tuple[bool, int, int]:
    """What a check must not change: built or not, how many weights, how many layers.

    Weights are counted per layer: tf_keras raises on ``model.weights`` before the model is built.
    """
    return model.built, sum(len(layer.weights) for layer in model.layers), len(model.layers)


@pytest.mark.parametrize(
    ("question", "build", "status", "fragment"),
    [case[:1] + case[2:] for case in MODEL_CASES],
    ids=[f"{case[0]}: {case[1]}" for case in MODEL_CASES],
)
def test_models(keras_api: Any, question: str, build: Build, status: str, fragment: str) -> None:
    model = keras_api.build(build)
    before = _state(model)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # reading a model must not even warn
        result = QUESTIONS[question].check(model)
    assert result.status == status, result
    assert fragment.lower() in result.message.lower(), result
    assert _state(model) == before


# ---------------------------------------------------------------------------------------------------------------
# Values that are not what was asked for: every question fails them with a message and never raises


def test_the_model_class_itself_is_told_to_be_called(keras_api: Any) -> None:
    result = q_2.check(keras_api.module.Sequential)  # `model = keras.Sequential`, without the call
    assert result.status == INCORRECT and "the class `Sequential` itself, not a model made from it" in result.message


class _FakeTorchSequential:
    """Stands in for a model from another library, e.g. torch.nn.Sequential."""


_FakeTorchSequential.__module__ = "torch.nn.modules.container"
_FakeTorchSequential.__qualname__ = _FakeTorchSequential.__name__ = "Sequential"


class _Hostile:
    """Everything one might touch raises."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError(f"no {name}")

    def __repr__(self) -> str:
        raise RuntimeError("no repr")

    def __iter__(self) -> Any:
        raise RuntimeError("no iter")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no eq")

    __hash__ = object.__hash__


def _functional(K: Any) -> Any:
    inputs = K.Input((8,))
    return K.module.Model(inputs, K.Dense(1)(inputs))


ODD_VALUES: list[tuple[str, Build, str]] = [
    # id, build, fragment of the q_2/q_3 message
    ("None", lambda K: None, "`None`"),
    ("list of layers", lambda K: [K.Input((8,)), *relu_stack(K, 512, 3), K.Dense(1)], "list of layers"),
    ("single Dense", lambda K: K.Dense(512, activation="relu"), "single `Dense` layer"),
    ("keras.Input", lambda K: K.Input((8,)), "input tensor"),
    ("functional model", _functional, "functional model"),
    ("number", lambda K: 512, "the number `512`"),
    ("numpy array", lambda K: np.zeros((1030, 8)), "a NumPy array"),
    ("DataFrame", lambda K: pd.DataFrame(np.zeros((3, 8))), "a pandas DataFrame"),
    ("string", lambda K: "keras.Sequential([...])", "a string"),
    ("other library", lambda K: _FakeTorchSequential(), "`torch.nn.modules.container.Sequential` object"),
    ("hostile object", lambda K: _Hostile(), "not a keras model"),
]


@pytest.mark.parametrize("question", ["q_1", "q_2", "q_3"])
@pytest.mark.parametrize(("build", "fragment"), [case[1:] for case in ODD_VALUES], ids=[c[0] for c in ODD_VALUES])
def test_odd_values_fail_with_a_message(keras_api: Any, question: str, build: Build, fragment: str) -> None:
    value = keras_api.build(build)
    result = QUESTIONS[question].check(value)
    assert isinstance(result, CheckResult)
    assert result.status == INCORRECT and not result.passed, result
    assert result.message and "Traceback" not in result.message
    if question != "q_1":
        assert fragment.lower() in result.message.lower(), result


def test_an_unbuilt_model_stays_unbuilt(keras_api: Any) -> None:
    model = keras_api.build(lambda K: K.Sequential([*relu_stack(K, 512, 3), K.Dense(1)]))
    for question in QUESTIONS.values():
        question.check(model)
    assert _state(model) == (False, 0, 4)


# ---------------------------------------------------------------------------------------------------------------
# The reference solutions, the blank, and check() reading the learner's variable


def _run_solution(question: Any, keras_api: Any) -> dict[str, Any]:
    """Run a solution where the lesson's cells run it: after question 1, `input_shape` holds `[8]`."""
    namespace = {"keras": keras_api.module, "layers": keras_api.layers, "input_shape": [8]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(question.solution().code, namespace)
    return namespace


def test_hints_and_solutions_write_the_input_as_the_lesson_asks() -> None:
    """The lesson's question 2 asks for `keras.Input(shape=input_shape)`, and its question 3 shows a model on
    `keras.Input(shape=[8])`: the hint and solutions write the input the same way, never as `(8,)`."""
    for words in (q_2.prompt.en, q_2.prompt.zh, q_2.hint_text.en, q_2.hint_text.zh, q_2.solution().code):
        assert "keras.Input(shape=input_shape)" in words and "(8,)" not in words, words
    for words in (q_3.prompt.en, q_3.prompt.zh, q_3.solution().code):
        assert "keras.Input(shape=[8])" in words and "(8,)" not in words, words


def test_a_tuple_shape_is_not_said_to_differ_from_the_lessons() -> None:
    """The lessons write shapes as tuples too (`shape=(len(features),)`): the note says both forms work."""
    result = q_1.check((8,))
    assert result.passed, result
    assert "lessons write it as a list" not in result.text.en and "课程里把它写成列表" not in result.text.zh
    assert "a tuple and a list both work" in result.text.en and "元组和列表都可以" in result.text.zh, result.text


@pytest.mark.parametrize("name", ["q_1", "q_2", "q_3"])
def test_the_solution_passes(keras_api: Any, name: str) -> None:
    question = QUESTIONS[name]
    namespace = _run_solution(question, keras_api)
    result = question.check(namespace[question.variable])
    assert result.passed, result


def test_the_q4_solution_runs(keras_api: Any) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    _run_solution(q_4, keras_api)
    matplotlib.pyplot.close("all")


@pytest.mark.parametrize("value", [____, None, 42, "anything"], ids=repr)
def test_q4_accepts_anything_and_says_what_to_look_for(value: Any) -> None:
    for result in (q_4.check(value), q_4.check()):
        assert result.passed
        assert "smooth" in result.message and "negative" in result.message


@pytest.mark.parametrize("name", ["q_1", "q_2", "q_3"])
def test_the_blank_is_not_attempted(name: str) -> None:
    question = QUESTIONS[name]
    assert question.check(____).status == NOT_ATTEMPTED
    namespace = {"question": question, question.variable: ____}
    exec("result = question.check()", namespace)  # a learner's copy: `model = ____`, then `q_2.check()`
    assert namespace["result"].status == NOT_ATTEMPTED
    assert "Not answered yet" in repr(namespace["result"])


@pytest.mark.parametrize("name", ["q_1", "q_2", "q_3"])
def test_an_undefined_variable_is_not_attempted(name: str) -> None:
    question = QUESTIONS[name]
    namespace = {"question": question}
    exec("result = question.check()", namespace)
    result = namespace["result"]
    assert result.status == NOT_ATTEMPTED
    assert f"`{question.variable}` is not defined" in result.message


def test_check_reads_the_notebook_namespace(keras_api: Any) -> None:
    """A notebook cell runs with the namespace as its globals: what exec does here."""
    for question in (q_1, q_2):
        namespace = _run_solution(question, keras_api)
        namespace["question"] = question
        exec("result = question.check()", namespace)
        assert namespace["result"].passed, namespace["result"]


def test_check_reads_the_callers_local_variable(keras_api: Any) -> None:
    input_shape = [9]
    assert "target" in q_1.check().message
    input_shape = [8]  # noqa: F841 - read by q_1.check() from this frame
    assert q_1.check().passed
    model = keras_api.build(lambda K: K.Sequential([K.Input((8,)), *relu_stack(K, 32, 2), K.Dense(1)]))
    assert "still use `activation=`" in q_3.check().message
    model = _run_solution(q_3, keras_api)["model"]  # noqa: F841
    assert q_3.check().passed


# ---------------------------------------------------------------------------------------------------------------
# How results, hints and solutions show themselves


@pytest.mark.parametrize(
    ("answer", "word"), [([8], "Correct"), ([9], "Incorrect"), (____, "Not answered yet")], ids=repr
)
def test_a_result_shows_its_status(answer: Any, word: str) -> None:
    result = q_1.check(answer)
    assert repr(result).startswith(f"{word}: ")
    assert str(result) == repr(result)
    assert f"{word}:" in result._repr_html_()
    assert f"{word}:" in result._repr_markdown_()
    assert "border-left" in result._repr_html_()


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_hint_and_solution_show_themselves(name: str) -> None:
    question = QUESTIONS[name]
    hint, solution = question.hint(), question.solution()
    assert repr(hint).startswith("Hint: ") and hint._repr_markdown_().startswith("**Hint:**")
    assert repr(solution).startswith("Solution:\n")
    assert "```python\n" in solution._repr_markdown_()
    assert question.solution_code.strip().splitlines()[0] in repr(solution)

"""The single-neuron exercise on the Auto MPG data: each question's solution passes, ``____`` is "not attempted",
typical wrong answers say what is wrong, and hostile answers get a verdict — on Keras 3 and tf_keras alike.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

from course.exercises import ____, CheckResult
from course.exercises.a_single_neuron import q_1, q_2, q_3, q_4

CORRECT, INCORRECT, NOT_ATTEMPTED = "correct", "incorrect", "not attempted"


def _solve(question: Any, keras_api: Any, **given: Any) -> dict[str, Any]:
    """Run a question's solution code as a notebook would, with ``given`` variables already defined."""
    namespace = {"keras": keras_api.module, "layers": keras_api.layers, "input_shape": [6], **given}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(question.solution().code, namespace)
    return namespace


def _unit(K: Any, features: int = 6, **dense: Any) -> Any:
    return K.Sequential([K.Input((features,)), K.Dense(1, **dense)])


# --- q_1: the input shape ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("answer", "status", "fragment"),
    [
        ([6], CORRECT, "6 features"),
        ((6,), CORRECT, "same shape"),
        (6, INCORRECT, "`keras.Input(shape=6)` would fail: write `input_shape = [6]`"),
        ([7], INCORRECT, "the target `mpg` or the region code `origin`"),
        ([8], INCORRECT, "`origin` (a region code) and `name` (text) are not features"),
        (9, INCORRECT, "every column of the table"),
        ([392, 6], INCORRECT, "`[392, 6]` includes the number of rows (392)"),
        ((392, 6), INCORRECT, "`(392, 6)` includes the number of rows (392)"),  # input_shape = X.shape
        ([None, 6], INCORRECT, "batch axis"),
        ([5], INCORRECT, "the data has 6"),
        ("[6]", INCORRECT, "a string is not a shape"),
        (____, NOT_ATTEMPTED, "replace `____`"),
        ([____], NOT_ATTEMPTED, "replace `____`"),
    ],
    ids=repr,
)
def test_q1(answer: Any, status: str, fragment: str) -> None:
    result = q_1.check(answer)
    assert result.status == status, result
    assert fragment.lower() in result.message.lower(), result


# --- q_2: one linear unit ---------------------------------------------------------------------------------------

Q2_CASES = [
    ("solution", lambda K: _unit(K), CORRECT, "6 inputs → Dense(1)"),
    ("legacy input_shape", lambda K: K.Sequential([K.Dense(1, input_shape=[6])]), CORRECT, "Dense(1)"),
    ("relu", lambda K: _unit(K, activation="relu"), INCORRECT, 'has `activation="relu"`'),
    ("six units", lambda K: K.Sequential([K.Input((6,)), K.Dense(6)]), INCORRECT, "has 6 units; it should have 1"),
    ("a hidden layer", lambda K: K.Sequential([K.Input((6,)), K.Dense(8, activation="relu"), K.Dense(1)]),
     INCORRECT, "remove it"),
    ("target counted", lambda K: _unit(K, 7), INCORRECT, "the target `mpg` or the region code `origin`"),
    ("every column", lambda K: _unit(K, 9), INCORRECT, "every column of the table"),
    ("no input", lambda K: K.Sequential([K.Dense(1)]), INCORRECT, "no input shape"),
    ("empty", lambda K: K.Sequential(), INCORRECT, "the model is empty: it has no input and no layers"),
    ("legacy input_shape, target counted", lambda K: K.Sequential([K.Dense(1, input_shape=[7])]), INCORRECT,
     "Fix the input shape you gave the first layer"),
    ("a layer", lambda K: K.Dense(1), INCORRECT, "a single `Dense` layer, not a model"),
    ("None", lambda K: None, INCORRECT, "`None`"),
]


@pytest.mark.parametrize(("build", "status", "fragment"), [c[1:] for c in Q2_CASES], ids=[c[0] for c in Q2_CASES])
def test_q2(keras_api: Any, build: Any, status: str, fragment: str) -> None:
    result = q_2.check(keras_api.build(build))
    assert result.status == status, result
    assert fragment.lower() in result.message.lower(), result


def test_q2_names_only_code_the_learner_wrote(keras_api: Any) -> None:
    """A model given its input the Keras 2 way (`input_shape=`) is not told to fix a `keras.Input` it lacks; an
    empty model is not told both that it has no input and that it has no layers "after its input"."""
    legacy = q_2.check(keras_api.build(lambda K: K.Sequential([K.Dense(1, input_shape=[7])])))
    assert "keras.Input" not in legacy.text.en and "keras.Input" not in legacy.text.zh, legacy.text
    assert "第一层的输入形状" in legacy.text.zh, legacy.text.zh
    empty = q_2.check(keras_api.build(lambda K: K.Sequential()))
    assert "after its input" not in empty.text.en and "在输入之后" not in empty.text.zh, empty.text
    assert empty.text.zh.startswith("模型是空的"), empty.text.zh


def test_q1_a_keras_input_tensor_is_named_as_such(keras_api: Any) -> None:
    """`input_shape = keras.Input(shape=(6,))` holds the tensor, not the shape given to it."""
    result = q_1.check(keras_api.Input((6,)))
    assert result.status == INCORRECT, result
    assert result.text.en == ("This is the tensor that `keras.Input` returns, not a shape: give the list of sizes you "
                              "pass to it, like `[3]`."), result.text.en
    assert "`keras.Input` 返回的张量" in result.text.zh, result.text.zh


# --- q_3: w, b = model.weights ----------------------------------------------------------------------------------

def test_q3_solution_passes_with_variables_and_with_arrays(keras_api: Any) -> None:
    model = _unit(keras_api)
    namespace = _solve(q_3, keras_api, model=model)
    assert q_3.check((namespace["w"], namespace["b"])).passed
    arrays = tuple(model.get_weights())
    assert q_3.check(arrays).passed
    # check() reads both variables from the learner's namespace, as a notebook cell does.
    namespace["question"] = q_3
    exec("result = question.check()", namespace)
    assert namespace["result"].passed, namespace["result"]


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda m: tuple(reversed(m.weights)), "swapped"),
        (lambda m: (m.weights, None), "`w` is a list, not a weight tensor"),  # w = model.weights
        (lambda m: tuple(m.layers) * 2, "Dense` object, not a weight tensor"),
        (lambda m: m, "the model itself"),
        (lambda m: (np.zeros((1, 6)), np.zeros(1)), "`w` has shape (1, 6)"),
        (lambda m: (m.weights[0].shape, m.weights[1].shape),
         "`w` and `b` are shapes, (6, 1) and (1,), not the weights: drop `.shape`"),
        (lambda m: (m.weights[0].shape, m.weights[1]), "`w` is a shape, (6, 1), not the weights: drop `.shape`"),
    ],
    ids=["swapped", "whole list as w", "layers", "model", "transposed", "shapes", "one shape"],
)
def test_q3_wrong_answers(keras_api: Any, make: Any, fragment: str) -> None:
    result = q_3.check(make(_unit(keras_api)))
    assert result.status == INCORRECT, result
    assert fragment.lower() in result.message.lower(), result


def test_q3_weights_of_a_model_without_an_input_say_why_there_are_none() -> None:
    result = q_3.check(())  # Keras 3's `model.weights` before the model knows its input shape
    assert result.status == INCORRECT and "a model has none until it knows the shape of its input" in result.message
    assert "hidden layers" not in result.message, result


def test_q3_weights_of_a_one_input_unit_are_the_wrong_shape(keras_api: Any) -> None:
    result = q_3.check(tuple(_unit(keras_api, 1).weights))
    assert result.status == INCORRECT and "(6, 1)" in result.message, result


def test_q3_blank_and_undefined(keras_api: Any) -> None:
    namespace = {"question": q_3, "w": ____, "b": ____}
    exec("result = question.check()", namespace)  # the learner's cell: `w, b = ____, ____`
    assert namespace["result"].status == NOT_ATTEMPTED
    namespace = {"question": q_3}
    exec("result = question.check()", namespace)
    assert namespace["result"].status == NOT_ATTEMPTED and "not defined" in namespace["result"].message


# --- every question: solution, blank, hostile answers -----------------------------------------------------------

@pytest.mark.parametrize("question", [q_1, q_2], ids=["q_1", "q_2"])
def test_the_solution_passes(keras_api: Any, question: Any) -> None:
    namespace = _solve(question, keras_api)
    assert question.check(namespace[question.variable]).passed


@pytest.mark.parametrize("question", [q_1, q_2, q_3], ids=["q_1", "q_2", "q_3"])
def test_the_blank_is_not_attempted(question: Any) -> None:
    result = question.check(____)
    assert result.status == NOT_ATTEMPTED and "Not answered yet" in repr(result)


class _Hostile:
    """An answer whose every attribute raises, as a broken object in a notebook might."""

    def __getattribute__(self, name: str) -> Any:
        if name in {"__class__", "__dict__"}:
            return object.__getattribute__(self, name)
        raise RuntimeError("no attributes here")


def _subclassed(K: Any) -> Any:
    class Linear(K.module.Model):
        def __init__(self) -> None:
            super().__init__()
            self.unit = K.Dense(1)

        def call(self, inputs: Any) -> Any:
            return self.unit(inputs)

    return Linear()


@pytest.mark.parametrize("question", [q_1, q_2, q_3], ids=["q_1", "q_2", "q_3"])
@pytest.mark.parametrize("build", [lambda K: _Hostile(), lambda K: K.Sequential([K.Dense(1)]), _subclassed],
                         ids=["hostile", "unbuilt", "subclassed"])
def test_hostile_answers_get_a_verdict(keras_api: Any, question: Any, build: Any) -> None:
    value = keras_api.build(build)
    result = question.check(value)
    assert isinstance(result, CheckResult) and result.status == INCORRECT, result
    assert result.message and "Traceback" not in result.message


def test_checks_leave_an_unbuilt_model_unbuilt(keras_api: Any) -> None:
    model = keras_api.Sequential([keras_api.Dense(1)])
    for question in (q_1, q_2, q_3, q_4):
        question.check(model)
    assert not model.built and not model.layers[0].weights


def test_q4_is_open_and_its_solution_shows_what_changes_from_seed_to_seed(keras_api: Any, capsys) -> None:
    """The open question asks what stays the same from run to run: the solution's printout shows it (a slope that
    changes with the seed, within Glorot's bounds, and a line through 0 at x = 0), and its note says so."""
    _solve(q_4, keras_api, np=np)
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    slopes = [float(row[3].rstrip(",")) for row in rows]
    assert len(slopes) >= 3 and len(set(slopes)) == len(slopes), rows
    assert all(abs(slope) <= 3 ** 0.5 for slope in slopes), slopes
    assert {(row[5], row[-1]) for row in rows} == {("0.00,", "0.00")}, rows
    note = q_4.solution().explanation
    assert "each seed gives another" in note.en and "passes through 0 at x = 0" in note.en, note.en
    for value in (____, None, "anything"):
        result = q_4.check(value)
        assert result.passed and "slope" in result.message
        # The lesson's plots start right of x = 0: the message says to extend the line there, not to look.
        assert "extend the line there if your plot stops short of it" in result.message, result.message
        assert "把直线延长过去" in result.text.zh, result.text.zh
    assert q_4.check().passed

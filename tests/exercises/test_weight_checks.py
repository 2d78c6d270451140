"""``WeightsSpec`` on Keras 3 and tf_keras: ``w, b = model.weights`` of a one-unit model on the data's features
passes, as do the arrays of ``get_weights()``; swapped, missing or wrongly shaped weights, the model itself and
other values get a sentence saying what to write. ``variable="w, b"`` makes ``check()`` read both variables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from course.exercises import ____, InputShapeSpec, Question, WeightsSpec

DATA = InputShapeSpec(features=8, rows=1030, target="CompressiveStrength")
WEIGHTS = WeightsSpec(DATA)
CORRECT, INCORRECT = "correct", "incorrect"
Build = Callable[[Any], Any]


def _model(K: Any, features: int = 8, hidden: bool = False) -> Any:
    layers = [K.Input((features,)), *([K.Dense(4)] if hidden else []), K.Dense(1)]
    return K.Sequential(layers)


CASES: list[tuple[str, Build, str, str]] = [
    # id, build, status, fragment of the message
    ("solution", lambda K: tuple(_model(K).weights), CORRECT, "`w` is the kernel, shape (8, 1)"),
    ("as a list", lambda K: list(_model(K).weights), CORRECT, "`b` is the bias, shape (1,)"),
    ("get_weights arrays", lambda K: _model(K).get_weights(), CORRECT, "kernel"),
    ("swapped", lambda K: tuple(_model(K).weights)[::-1], INCORRECT, "`w` and `b` are swapped"),
    ("the model", _model, INCORRECT, "this is the model itself"),
    ("a layer", lambda K: _model(K).layers[-1], INCORRECT, "this is a layer"),
    ("hidden layer too", lambda K: tuple(_model(K, hidden=True).weights), INCORRECT, "more than 2"),
    ("only the kernel", lambda K: (_model(K).weights[0],), INCORRECT, "this holds 1 values; the answer is two"),
    ("another input width", lambda K: tuple(_model(K, features=3).weights), INCORRECT,
     "`w` has shape (3, 1); the kernel of this model has shape (8, 1)"),
    ("numbers", lambda K: (1.0, 0.0), INCORRECT, "`w` is the number `1.0`, not a weight tensor"),
    # Named as the learner's code names them, not by Keras's private module path (keras.src.models.…).
    ("the model twice", lambda K: (_model(K), _model(K)), INCORRECT,
     "`w` is a Keras `Sequential` model, not a weight tensor"),
    ("a class", lambda K: (K.module.Sequential, K.module.Sequential), INCORRECT,
     "`w` is the class `Sequential` itself, not a weight tensor"),
    ("an optimizer", lambda K: (K.module.optimizers.Adam(), 0), INCORRECT,
     "`w` is a Keras `Adam` object, not a weight tensor"),
    ("None", lambda K: None, INCORRECT, "`None` is not a pair of weights"),
    ("data", lambda K: (np.zeros((1030, 8)), np.zeros(1030)), INCORRECT, "`w` has shape (1030, 8)"),
]


@pytest.mark.parametrize(("build", "status", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_weights(keras_api: Any, build: Build, status: str, fragment: str) -> None:
    result = WEIGHTS.check(build(keras_api))
    assert result.status == status, result
    assert fragment.lower() in result.message.lower(), result


def _question() -> Question:
    return Question(
        name="q_3",
        prompt="Take the weights.",
        variable="w, b",
        check_answer=WEIGHTS.check,
        hint_text="Unpack model.weights.",
        solution_code="w, b = model.weights",
    )


def test_check_reads_both_variables(keras_api: Any) -> None:
    question = _question()
    namespace = {"question": question, "model": _model(keras_api)}
    exec(question.solution().code + "\nresult = question.check()", namespace)
    assert namespace["result"].passed, namespace["result"]
    exec("w, b = b, w\nresult = question.check()", namespace)
    assert "swapped" in namespace["result"].message


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("w, b = ____, ____", "replace `____` in `w, b`"),
        ("w = ____", "`b` is not defined yet: set `w, b = ...`"),
        ("pass", "`w` is not defined yet"),
    ],
)
def test_blanks_and_unset_variables_are_not_attempted(code: str, fragment: str) -> None:
    question = _question()
    namespace = {"question": question, "____": ____}
    exec(f"{code}\nresult = question.check()", namespace)
    result = namespace["result"]
    assert result.status == "not attempted" and fragment.lower() in result.message.lower(), result

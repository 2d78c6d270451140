"""The overfitting and underfitting exercise: every question's solution passes, ``____`` is "not attempted", and
typical wrong answers fail with their own message, for models and callbacks built with Keras 3 and tf_keras.
Hostile answers (attributes that raise, unbuilt and subclassed models) get a verdict, never a traceback.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import pytest

from course.exercises import ____, CheckResult
from course.exercises.overfitting_and_underfitting import q_1, q_2, q_3, q_4

CORRECT, INCORRECT, NOT_ATTEMPTED = "correct", "incorrect", "not attempted"
Build = Callable[[Any], Any]


def _relu(K: Any, units: int) -> Any:
    return K.Dense(units, activation="relu")


def _network(K: Any, *middle: Any, shape: tuple[int, ...] = (8,)) -> Any:
    return K.Sequential([K.Input(shape), *middle])


def _reference(K: Any) -> Any:
    return _network(K, _relu(K, 128), _relu(K, 64), K.Dense(1))


# --- q_2: the model with two hidden layers ---------------------------------------------------------------------

Q2_CASES: list[tuple[str, Build, str, str]] = [
    ("solution", _reference, CORRECT, "Dense(128, relu) → Dense(64, relu) → Dense(1)"),
    ("legacy input_shape", lambda K: K.Sequential([K.Dense(128, activation="relu", input_shape=[8]),
                                                   _relu(K, 64), K.Dense(1)]), CORRECT, "Dense(128, relu)"),
    ("activation layers", lambda K: _network(K, K.Dense(128), K.Activation("relu"), K.Dense(64),
                                             K.Activation("relu"), K.Dense(1)), CORRECT, "Dense(64, relu)"),
    ("swapped widths", lambda K: _network(K, _relu(K, 64), _relu(K, 128), K.Dense(1)), INCORRECT,
     "swap layer 1 (Dense(64, relu)) and layer 2 (Dense(128, relu))"),
    ("no activations", lambda K: _network(K, K.Dense(128), K.Dense(64), K.Dense(1)), INCORRECT,
     'it needs `activation="relu"`'),
    ("one hidden layer", lambda K: _network(K, _relu(K, 128), K.Dense(1)), INCORRECT,
     'missing `layers.Dense(64, activation="relu")` after layer 1'),
    ("still linear", lambda K: _network(K, K.Dense(1)), INCORRECT, "missing `layers.Dense(128"),
    ("relu output", lambda K: _network(K, _relu(K, 128), _relu(K, 64), K.Dense(1, activation="relu")),
     INCORRECT, "output is linear"),
    ("target counted", lambda K: _network(K, _relu(K, 128), _relu(K, 64), K.Dense(1), shape=(9,)), INCORRECT,
     "counts the target column"),
    ("no input", lambda K: K.Sequential([_relu(K, 128), _relu(K, 64), K.Dense(1)]), INCORRECT,
     "no input shape"),
]


def _state(model: Any) -> tuple[bool, int, int]:
    return model.built, sum(len(layer.weights) for layer in model.layers), len(model.layers)


@pytest.mark.parametrize(("build", "status", "fragment"), [c[1:] for c in Q2_CASES], ids=[c[0] for c in Q2_CASES])
def test_q2_models(keras_api: Any, build: Build, status: str, fragment: str) -> None:
    model = keras_api.build(build)
    before = _state(model)
    result = q_2.check(model)
    assert result.status == status, result
    assert fragment.lower() in result.message.lower(), result
    assert _state(model) == before, "checking must not build or change the learner's model"


# --- q_3: the early-stopping callback --------------------------------------------------------------------------


def _early_stopping(K: Any, **settings: Any) -> Any:
    return K.module.callbacks.EarlyStopping(**settings)


SOLUTION_SETTINGS = {"min_delta": 0.001, "patience": 5, "restore_best_weights": True}
Q3_CASES: list[tuple[str, Build, str, str]] = [
    ("solution", lambda K: _early_stopping(K, **SOLUTION_SETTINGS), CORRECT, "patience=5"),
    ("explicit monitor", lambda K: _early_stopping(K, monitor="val_loss", **SOLUTION_SETTINGS), CORRECT,
     "restore_best_weights=True"),
    ("defaults", lambda K: _early_stopping(K), INCORRECT, "set `patience=5`"),
    ("patience 10", lambda K: _early_stopping(K, **{**SOLUTION_SETTINGS, "patience": 10}), INCORRECT,
     "`patience` is `10`"),
    ("min_delta 0.01", lambda K: _early_stopping(K, **{**SOLUTION_SETTINGS, "min_delta": 0.01}), INCORRECT,
     "set `min_delta=0.001`"),
    ("no restore", lambda K: _early_stopping(K, min_delta=0.001, patience=5), INCORRECT,
     "set `restore_best_weights=True`"),
    ("the class", lambda K: K.module.callbacks.EarlyStopping, INCORRECT, "the class `EarlyStopping` itself"),
    ("in a list", lambda K: [_early_stopping(K, **SOLUTION_SETTINGS)], INCORRECT, "not a list of callbacks"),
    ("another callback", lambda K: K.module.callbacks.TerminateOnNaN(), INCORRECT, "`TerminateOnNaN` callback"),
    ("the model", _reference, INCORRECT, "this is a model"),
    ("a dict", lambda K: dict(SOLUTION_SETTINGS), INCORRECT, "not a keras callback"),
]


@pytest.mark.parametrize(("build", "status", "fragment"), [c[1:] for c in Q3_CASES], ids=[c[0] for c in Q3_CASES])
def test_q3_callbacks(keras_api: Any, build: Build, status: str, fragment: str) -> None:
    value = keras_api.build(build)
    result = q_3.check(value)
    assert result.status == status, result
    assert fragment.lower() in result.message.lower(), result


def test_q3_leaves_the_callback_as_it_was(keras_api: Any) -> None:
    callback = _early_stopping(keras_api, **SOLUTION_SETTINGS)
    before = dict(vars(callback))
    assert q_3.check(callback).passed
    assert dict(vars(callback)).keys() == before.keys()
    assert all(vars(callback)[name] is value for name, value in before.items())


# --- hostile answers -------------------------------------------------------------------------------------------


class _Hostile:
    """Everything one might touch raises."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError(f"no {name}")

    def __repr__(self) -> str:
        raise RuntimeError("no repr")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no eq")

    __hash__ = object.__hash__


def _subclassed(K: Any) -> Any:
    class Regressor(K.module.Model):
        def __init__(self) -> None:
            super().__init__()
            self.hidden = K.Dense(128, activation="relu")
            self.out = K.Dense(1)

        def call(self, inputs: Any) -> Any:
            return self.out(self.hidden(inputs))

    return Regressor()


HOSTILE: list[tuple[str, Build, str]] = [
    ("attributes raise", lambda K: _Hostile(), ""),
    ("subclassed model", _subclassed, "subclassed"),
    ("None", lambda K: None, "`None`"),
]


@pytest.mark.parametrize("question", [q_2, q_3], ids=["q_2", "q_3"])
@pytest.mark.parametrize(("build", "fragment"), [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_answers_get_a_verdict(keras_api: Any, question: Any, build: Build, fragment: str) -> None:
    result = question.check(keras_api.build(build))
    assert isinstance(result, CheckResult)
    assert result.status == INCORRECT and "Traceback" not in result.message, result
    if question is q_2:
        assert fragment.lower() in result.message.lower(), result


def test_an_unbuilt_model_gets_a_verdict_and_stays_unbuilt(keras_api: Any) -> None:
    model = keras_api.build(lambda K: K.Sequential([_relu(K, 128), _relu(K, 64), K.Dense(1)]))
    verdicts = {question.name: question.check(model) for question in (q_1, q_2, q_3, q_4)}
    assert [verdicts[name].status for name in ("q_1", "q_2", "q_3", "q_4")] == ["open", INCORRECT, INCORRECT, "open"]
    assert "no input shape" in verdicts["q_2"].message and "the answer is a callback" in verdicts["q_3"].message
    assert _state(model) == (False, 0, 3)


# --- the blank, the open questions and the reference solutions -------------------------------------------------


@pytest.mark.parametrize("question", [q_2, q_3], ids=["q_2", "q_3"])
def test_the_blank_is_not_attempted(question: Any) -> None:
    result = question.check(____)
    assert result.status == NOT_ATTEMPTED and "replace `____`" in result.message.lower(), result


def test_check_reads_the_learners_variables(keras_api: Any) -> None:
    model = keras_api.build(_reference)
    early_stopping = _early_stopping(keras_api, **SOLUTION_SETTINGS)
    assert q_2.check().passed and q_3.check().passed
    del model, early_stopping


def test_undefined_variables_are_not_attempted() -> None:
    assert q_2.check().status == NOT_ATTEMPTED
    assert "`early_stopping` is not defined" in q_3.check().message


@pytest.mark.parametrize("question", [q_1, q_4], ids=["q_1", "q_4"])
@pytest.mark.parametrize("answer", [____, None, "underfitting", 42], ids=["blank", "None", "text", "number"])
def test_open_questions_accept_anything_and_say_what_to_look_for(question: Any, answer: Any) -> None:
    result = question.check(answer)
    assert result.passed and len(result.message) > 100
    assert question.check().passed


def test_q1_feedback_names_underfitting() -> None:
    assert "underfitting" in q_1.check().message
    assert "capacity" in q_1.check().message


@pytest.mark.parametrize(("question", "variable"), [(q_2, "model"), (q_3, "early_stopping")], ids=["q_2", "q_3"])
def test_reference_solutions_pass(keras_api: Any, question: Any, variable: str) -> None:
    namespace = {"keras": keras_api.module, "layers": keras_api.layers, "input_shape": [8]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(question.solution().code, namespace)
    assert question.check(namespace[variable]).passed


def test_every_question_has_a_hint_and_a_solution() -> None:
    for question in (q_1, q_2, q_3, q_4):
        assert len(question.hint().text) > 40
        assert question.solution().code.strip()

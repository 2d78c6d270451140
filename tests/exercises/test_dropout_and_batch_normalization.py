"""The dropout and batch normalization exercise: every question's solution passes, ``____`` is "not attempted",
and typical wrong answers fail with their own message, for models built with Keras 3 and tf_keras. Hostile
answers (attributes that raise, unbuilt and subclassed models) get a verdict, never a traceback.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import pytest

from course.exercises import ____, CheckResult
from course.exercises.dropout_and_batch_normalization import q_1, q_2, q_3, q_4

CORRECT, INCORRECT, NOT_ATTEMPTED = "correct", "incorrect", "not attempted"
Build = Callable[[Any], Any]


def _relu(K: Any, units: int) -> Any:
    return K.Dense(units, activation="relu")


def _drop(K: Any, rate: float = 0.3) -> Any:
    return K.layers.Dropout(rate)


def _norm(K: Any) -> Any:
    return K.layers.BatchNormalization()


def _network(K: Any, *layers: Any) -> Any:
    return K.Sequential([K.Input((8,)), *layers])


def _with_dropout(K: Any) -> Any:
    return _network(K, _relu(K, 128), _drop(K), _relu(K, 64), _drop(K), K.Dense(1))


def _batch_normalized(K: Any) -> Any:
    return _network(K, _norm(K), _relu(K, 512), _norm(K), _relu(K, 512), _norm(K), _relu(K, 512), _norm(K),
                    K.Dense(1))


def _state(model: Any) -> tuple[bool, int, int]:
    return model.built, sum(len(layer.weights) for layer in model.layers), len(model.layers)


# --- q_1: dropout after each hidden layer ----------------------------------------------------------------------

Q1_CASES: list[tuple[str, Build, str, str]] = [
    ("solution", _with_dropout, CORRECT, "Dropout(0.3)"),
    ("no dropout", lambda K: _network(K, _relu(K, 128), _relu(K, 64), K.Dense(1)), INCORRECT,
     "missing `layers.Dropout(0.3)` after layer 1"),
    ("one dropout", lambda K: _network(K, _relu(K, 128), _drop(K), _relu(K, 64), K.Dense(1)), INCORRECT,
     "missing `layers.Dropout(0.3)` after layer 3"),
    ("rate 0.5", lambda K: _network(K, _relu(K, 128), _drop(K, 0.5), _relu(K, 64), _drop(K, 0.5), K.Dense(1)),
     INCORRECT, "should drop 0.3"),
    ("dropout before dense", lambda K: _network(K, _drop(K), _relu(K, 128), _drop(K), _relu(K, 64), K.Dense(1)),
     INCORRECT, "another order"),
    ("dropout after output", lambda K: _network(K, _relu(K, 128), _drop(K), _relu(K, 64), _drop(K), K.Dense(1),
                                                _drop(K)), INCORRECT, "layer 6 (dropout(0.3)) is not part"),
    ("relu output", lambda K: _network(K, _relu(K, 128), _drop(K), _relu(K, 64), _drop(K),
                                       K.Dense(1, activation="relu")), INCORRECT, "output is linear"),
    # The lesson has no `X`: the message names where its features are.
    ("seven inputs", lambda K: K.Sequential([K.Input((7,)), _relu(K, 128), _drop(K), _relu(K, 64), _drop(K),
                                             K.Dense(1)]), INCORRECT, "use `train[features].shape[1:]`"),
]


@pytest.mark.parametrize(("build", "status", "fragment"), [c[1:] for c in Q1_CASES], ids=[c[0] for c in Q1_CASES])
def test_q1_models(keras_api: Any, build: Build, status: str, fragment: str) -> None:
    model = keras_api.build(build)
    before = _state(model)
    result = q_1.check(model)
    assert result.status == status, result
    assert fragment.lower() in result.message.lower(), result
    assert _state(model) == before, "checking must not build or change the learner's model"


# --- q_3: batch normalization first and after every hidden layer -----------------------------------------------

Q3_CASES: list[tuple[str, Build, str, str]] = [
    ("solution", _batch_normalized, CORRECT, "BatchNormalization"),
    ("no first batchnorm", lambda K: _network(K, _relu(K, 512), _norm(K), _relu(K, 512), _norm(K), _relu(K, 512),
                                              _norm(K), K.Dense(1)), INCORRECT, "at the start, right after"),
    ("no batchnorm at all", lambda K: _network(K, _relu(K, 512), _relu(K, 512), _relu(K, 512), K.Dense(1)),
     INCORRECT, "missing `layers.BatchNormalization()`"),
    ("batchnorm after output", lambda K: _network(K, _norm(K), _relu(K, 512), _norm(K), _relu(K, 512), _norm(K),
                                                  _relu(K, 512), _norm(K), K.Dense(1), _norm(K)), INCORRECT,
     "layer 9 (batchnormalization) is not part"),
    ("dropout instead", lambda K: _network(K, _norm(K), _relu(K, 512), _drop(K), _relu(K, 512), _norm(K),
                                           _relu(K, 512), _norm(K), K.Dense(1)), INCORRECT,
     "needs `layers.BatchNormalization()`"),
    ("256 units", lambda K: _network(K, _norm(K), _relu(K, 256), _norm(K), _relu(K, 512), _norm(K),
                                     _relu(K, 512), _norm(K), K.Dense(1)), INCORRECT, "it should have 512"),
    ("two hidden layers", lambda K: _network(K, _norm(K), _relu(K, 512), _norm(K), _relu(K, 512), _norm(K),
                                             K.Dense(1)), INCORRECT, 'missing `layers.Dense(512, activation="relu")`'),
]


@pytest.mark.parametrize(("build", "status", "fragment"), [c[1:] for c in Q3_CASES], ids=[c[0] for c in Q3_CASES])
def test_q3_models(keras_api: Any, build: Build, status: str, fragment: str) -> None:
    model = keras_api.build(build)
    before = _state(model)
    result = q_3.check(model)
    assert result.status == status, result
    assert fragment.lower() in result.message.lower(), result
    assert _state(model) == before, "checking must not build or change the learner's model"


def test_q1_and_q3_do_not_accept_each_others_model(keras_api: Any) -> None:
    assert not q_1.check(keras_api.build(_batch_normalized)).passed
    assert not q_3.check(keras_api.build(_with_dropout)).passed


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
            self.norm = K.layers.BatchNormalization()
            self.out = K.Dense(1)

        def call(self, inputs: Any) -> Any:
            return self.out(self.norm(inputs))

    return Regressor()


HOSTILE: list[tuple[str, Build, str]] = [
    ("attributes raise", lambda K: _Hostile(), "not a keras model"),
    ("subclassed model", _subclassed, "subclassed"),
    ("list of layers", lambda K: [K.Input((8,)), _relu(K, 128), _drop(K), K.Dense(1)], "list of layers"),
    ("single layer", lambda K: _drop(K), "single `Dropout` layer"),
]


@pytest.mark.parametrize("question", [q_1, q_3], ids=["q_1", "q_3"])
@pytest.mark.parametrize(("build", "fragment"), [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_answers_get_a_verdict(keras_api: Any, question: Any, build: Build, fragment: str) -> None:
    result = question.check(keras_api.build(build))
    assert isinstance(result, CheckResult)
    assert result.status == INCORRECT and "Traceback" not in result.message, result
    assert fragment.lower() in result.message.lower(), result


def test_an_unbuilt_model_gets_a_verdict_and_stays_unbuilt(keras_api: Any) -> None:
    model = keras_api.build(lambda K: K.Sequential([_norm(K), _relu(K, 512), _norm(K), K.Dense(1)]))
    verdicts = {question.name: question.check(model) for question in (q_1, q_2, q_3, q_4)}
    assert [verdicts[name].status for name in ("q_1", "q_2", "q_3", "q_4")] == [INCORRECT, "open", INCORRECT, "open"]
    assert all("no input shape" in verdicts[name].message for name in ("q_1", "q_3"))
    assert _state(model) == (False, 0, 4)


# --- the blank, the open questions and the reference solutions -------------------------------------------------


@pytest.mark.parametrize("question", [q_1, q_3], ids=["q_1", "q_3"])
def test_the_blank_is_not_attempted(question: Any) -> None:
    result = question.check(____)
    assert result.status == NOT_ATTEMPTED and "replace `____`" in result.message.lower(), result


def test_check_reads_the_learners_model(keras_api: Any) -> None:
    model = keras_api.build(_with_dropout)
    assert q_1.check().passed and not q_3.check().passed
    model = keras_api.build(_batch_normalized)
    assert q_3.check().passed
    del model


@pytest.mark.parametrize("question", [q_2, q_4], ids=["q_2", "q_4"])
@pytest.mark.parametrize("answer", [____, None, "it trains", 42], ids=["blank", "None", "text", "number"])
def test_open_questions_accept_anything_and_say_what_to_look_for(question: Any, answer: Any) -> None:
    result = question.check(answer)
    assert result.passed and len(result.message) > 100
    assert question.check().passed


def test_open_feedback_explains_the_two_effects() -> None:
    assert "dropout switched on" in q_2.hint().text or "switched on" in q_2.hint().text
    assert "validation" in q_2.check().message
    assert "BatchNormalization" in q_4.check().message and "SGD" in q_4.check().message
    # the dropout reading compares the ends of the validation curves, not only their lowest points
    assert "last epochs" in q_2.check().message and "early dip" in q_2.check().message
    # the rescue's reading names the train/inference difference as the cause of the validation gap
    assert "moving averages" in q_4.check().message and "not mainly" in q_4.check().message
    assert "moving averages" in q_4.solution().code


def test_the_rescues_reading_describes_the_raw_features_as_they_are() -> None:
    """It names the features' scale as the cause of the overflow: the ones it names are in the hundreds."""
    from course.data import load_concrete

    named = ["Cement", "Water", "CoarseAggregate", "FineAggregate"]
    means = load_concrete()[named].mean()
    assert (means >= 100).all() and (means < 1000).all(), means
    assert "cement, water and the aggregates in the hundreds of kg/m³" in q_4.check().message


@pytest.mark.parametrize("question", [q_1, q_3], ids=["q_1", "q_3"])
def test_reference_solutions_pass(keras_api: Any, question: Any) -> None:
    namespace = {"keras": keras_api.module, "layers": keras_api.layers, "input_shape": [8]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(question.solution().code, namespace)
    assert question.check(namespace["model"]).passed


def test_every_question_has_a_hint_and_a_solution() -> None:
    for question in (q_1, q_2, q_3, q_4):
        assert len(question.hint().text) > 40
        assert question.solution().code.strip()

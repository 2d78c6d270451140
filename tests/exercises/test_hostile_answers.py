"""The checker never raises and never hangs: every kind of question, given answers that raise when touched,
never end, weigh 100 MB or are models of an unexpected build, returns a verdict whose message is a few sentences
and quotes at most a few hundred characters of the answer. Models of both Keras 3 and tf_keras.
"""

from __future__ import annotations

import itertools
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

import pytest

from course.exercises import (
    ____,
    BatchNormLayer,
    CallbackSpec,
    CheckResult,
    CompileSpec,
    DenseLayer,
    DropoutLayer,
    InputShapeSpec,
    LayerSequenceSpec,
    Question,
    SequentialSpec,
    WeightsSpec,
    is_blank,
)
from course.exercises.question import MAX_MESSAGE
from course.exercises.safe_reading import MAX_SHOWN, error_text, first_items, shown

DATA = InputShapeSpec(features=8, rows=1030, target="CompressiveStrength")
SPECS: dict[str, Any] = {
    "input shape": DATA,
    "sequential": SequentialSpec(DATA, hidden_units=(16,)),
    "layer sequence": LayerSequenceSpec(DATA, (BatchNormLayer(), DenseLayer(16, "relu"), DropoutLayer(0.3),
                                               DenseLayer(1, "sigmoid"))),
    "compile": CompileSpec("adam", "binary_crossentropy", ("binary_accuracy",)),
    "callback": CallbackSpec("EarlyStopping", {"patience": 5}),
    "weights": WeightsSpec(DATA),
}
QUESTIONS = {
    name: Question(name="q_x", prompt="?", variable="answer", check_answer=spec.check, hint_text=".",
                   solution_code="answer = ...")
    for name, spec in SPECS.items()
}
HUGE = 100_000_000  # characters: a 100 MB answer
TIME_LIMIT = 20.0  # seconds; generous for a loaded machine, far below "hangs"


class _Boom(Exception):
    pass


class _UnprintableError(Exception):
    def __str__(self) -> str:
        raise _Boom("no str either")


class _RaisingClass:
    @property  # type: ignore[misc]
    def __class__(self) -> type:  # noqa: PLE0307
        raise _Boom("no __class__")


class _RaisingEverything:
    """Every attribute read, ``repr``, iteration, comparison and truth test raises."""

    def __getattribute__(self, name: str) -> Any:
        raise _Boom(name)

    def __repr__(self) -> str:
        raise _Boom("repr")

    def __iter__(self) -> Iterator[Any]:
        raise _Boom("iter")

    def __len__(self) -> int:
        raise _Boom("len")

    def __eq__(self, other: object) -> bool:
        raise _Boom("eq")

    def __bool__(self) -> bool:
        raise _Boom("bool")

    __hash__ = object.__hash__


class _RaisingList(list):  # type: ignore[type-arg]
    def __iter__(self) -> Iterator[Any]:
        raise _Boom("iter")

    def __len__(self) -> int:
        raise _Boom("len")


class _EndlessList(list):  # type: ignore[type-arg]
    """Looks like a list of one size, but iterating it never stops."""

    def __iter__(self) -> Iterator[Any]:
        return itertools.repeat(8)

    def __len__(self) -> int:
        return 1


class _HugeRepr:
    def __repr__(self) -> str:
        return "x" * HUGE

    __str__ = __repr__


class _NumpyLike:
    """Claims to come from NumPy; its shape raises."""

    @property
    def shape(self) -> Any:
        raise _Boom("shape")


_NumpyLike.__module__ = "numpy"


def _endless_generator() -> Iterator[int]:
    while True:
        yield 8


PLAIN_VALUES: list[tuple[str, Callable[[], Any]]] = [
    ("Mock(spec=list)", lambda: mock.Mock(spec=list)),
    ("MagicMock", mock.MagicMock),
    ("raising __class__", _RaisingClass),
    ("raising everything", _RaisingEverything),
    ("list whose __iter__ raises", lambda: _RaisingList([8])),
    ("list that never ends", lambda: _EndlessList([8])),
    ("itertools.count", itertools.count),
    ("endless generator", _endless_generator),
    ("100 MB string", lambda: "8" * HUGE),
    ("100 MB bytes", lambda: b"8" * HUGE),
    ("100 MB list", lambda: [8] * (HUGE // 8)),
    ("100 MB repr", _HugeRepr),
    ("huge int", lambda: 10**5000),
    ("list holding a raising object", lambda: [_RaisingEverything()]),
    ("numpy-like with raising shape", _NumpyLike),
    ("pair of raising objects", lambda: (_RaisingEverything(), _RaisingEverything())),
]


def _verdict(question: Question, value: Any) -> CheckResult:
    """``question.check(value)`` in a thread, failing the test if it raises or runs past ``TIME_LIMIT``."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = question.check(value)
        except BaseException as error:  # the test reports it; the checker must not let it out
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(TIME_LIMIT)
    assert not thread.is_alive(), f"check() still running after {TIME_LIMIT} s"
    assert "error" not in outcome, f"check() raised {outcome.get('error')!r}"
    return outcome["result"]


def _assert_a_short_verdict(result: CheckResult) -> None:
    assert type(result) is CheckResult
    assert result.status in {"incorrect", "not attempted"}, result
    assert 0 < len(result.message) <= MAX_MESSAGE
    assert "x" * (MAX_SHOWN + 1) not in result.message and "8" * (MAX_SHOWN + 1) not in result.message
    assert "Traceback" not in result.message
    repr(result), result._repr_html_()  # shows itself without raising


@pytest.mark.parametrize("question", list(QUESTIONS))
@pytest.mark.parametrize("make", [v[1] for v in PLAIN_VALUES], ids=[v[0] for v in PLAIN_VALUES])
def test_hostile_values_get_a_verdict(question: str, make: Callable[[], Any]) -> None:
    _assert_a_short_verdict(_verdict(QUESTIONS[question], make()))


def test_mock_spec_list_on_the_input_shape_question_says_what_it_is() -> None:
    result = _verdict(QUESTIONS["input shape"], mock.Mock(spec=list))
    assert result.status == "incorrect" and "Mock" in result.message, result


def test_a_check_function_raising_an_unprintable_error_gets_a_verdict() -> None:
    def broken(value: Any) -> CheckResult:
        raise _UnprintableError

    question = Question(name="q_x", prompt="?", variable="answer", check_answer=broken, hint_text=".",
                        solution_code="answer = 1")
    result = _verdict(question, 1)
    assert result.status == "incorrect" and "_UnprintableError" in result.message, result


def test_a_check_function_returning_a_huge_message_is_cut() -> None:
    question = Question(name="q_x", prompt="?", variable="answer",
                        check_answer=lambda value: CheckResult("incorrect", "x" * HUGE), hint_text=".",
                        solution_code="answer = 1")
    result = _verdict(question, 1)
    assert len(result.message) == MAX_MESSAGE and result.message.endswith("…")


def test_check_reads_a_hostile_variable_from_the_notebook() -> None:
    question = QUESTIONS["sequential"]
    namespace = {"question": question, "answer": _RaisingEverything()}
    exec("result = question.check()", namespace)
    _assert_a_short_verdict(namespace["result"])


class _ForeverList(list):  # type: ignore[type-arg]
    """Iterating it never yields: no iteration bound can help, only the time limit."""

    def __iter__(self) -> Iterator[Any]:
        while True:
            pass


def _forever_model(K: Any) -> Any:
    """A Sequential model whose ``layers`` and ``compiled`` never return."""

    class Forever(K.module.Sequential):
        @property
        def layers(self) -> Any:
            while True:
                pass

        @property
        def compiled(self) -> Any:
            while True:
                pass

    model = K.Sequential()
    model.__class__ = Forever
    return model


@pytest.mark.parametrize("question", ["input shape", "layer sequence", "compile"])
def test_an_answer_that_never_returns_is_stopped(
    keras_api: Any, monkeypatch: pytest.MonkeyPatch, question: str
) -> None:
    monkeypatch.setattr("course.exercises.question.CHECK_SECONDS", 0.5)
    answer = _ForeverList([8]) if question == "input shape" else _forever_model(keras_api)
    started = time.monotonic()
    result = QUESTIONS[question].check(answer)  # in the main thread, as a notebook cell runs
    assert time.monotonic() - started < 5
    assert result.status == "incorrect" and "took more than 0.5 seconds" in result.message, result
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL


def test_the_time_limit_leaves_a_learners_own_timer_alone() -> None:
    previous = signal.signal(signal.SIGALRM, lambda *args: None)
    signal.setitimer(signal.ITIMER_REAL, 60)
    try:
        assert QUESTIONS["input shape"].check([8]).passed
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 50
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------------------------------------------------------
# Models nobody expected: unbuilt, subclassed, with endless or raising layers


def _subclassed(K: Any) -> Any:
    class Linear(K.module.Model):
        def __init__(self) -> None:
            super().__init__()
            self.dense = K.Dense(1)

        def call(self, inputs: Any) -> Any:
            return self.dense(inputs)

    return Linear()


def _endless_layers(K: Any) -> Any:
    class Endless(K.module.Sequential):
        @property
        def layers(self) -> Any:
            return itertools.repeat(K.Dense(1))

    model = K.Sequential()
    model.__class__ = Endless  # after construction: tf_keras's own __init__ would walk the endless layers
    return model


def _raising_layers(K: Any) -> Any:
    class Raising(K.module.Sequential):
        @property
        def layers(self) -> Any:
            raise _UnprintableError

    model = K.Sequential()
    model.__class__ = Raising
    return model


MODELS: list[tuple[str, Callable[[Any], Any]]] = [
    ("unbuilt Sequential", lambda K: K.Sequential([K.Dense(16, activation="relu"), K.Dense(1)])),
    ("empty Sequential", lambda K: K.Sequential()),
    ("subclassed model", _subclassed),
    ("Sequential with endless layers", _endless_layers),
    ("Sequential whose layers raise", _raising_layers),
]


@pytest.mark.parametrize("question", list(QUESTIONS))
@pytest.mark.parametrize("make", [m[1] for m in MODELS], ids=[m[0] for m in MODELS])
def test_unexpected_models_get_a_verdict_and_stay_unbuilt(
    keras_api: Any, question: str, make: Callable[[Any], Any]
) -> None:
    model = keras_api.build(make)
    _assert_a_short_verdict(_verdict(QUESTIONS[question], model))
    assert object.__getattribute__(model, "built") is False


# ---------------------------------------------------------------------------------------------------------------
# The safe readers themselves


def test_the_blank_detector_never_raises() -> None:
    assert is_blank(_RaisingList([____])) is True  # list's own iterator, not the overridden one
    assert is_blank(mock.Mock(spec=list)) is False
    assert is_blank(_RaisingEverything()) is False
    assert is_blank(_EndlessList([8])) is False


def test_the_safe_readers() -> None:
    assert len(shown("x" * HUGE)) <= MAX_SHOWN
    text = shown(_RaisingEverything())
    assert text == "<tests._RaisingEverything object>"
    assert error_text(_UnprintableError()) == "tests._UnprintableError"
    assert error_text(ValueError("x" * HUGE)).startswith("ValueError: xxx") and len(error_text(ValueError())) < 20
    assert first_items(itertools.count(), 3) == [0, 1, 2]

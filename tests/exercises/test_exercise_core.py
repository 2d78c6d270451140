"""The checking core: the ``____`` blank, ``CheckResult`` and ``Question`` — no Keras needed."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys
from typing import Any

import numpy as np
import pandas as pd
import pytest

from course.exercises import MISSING, ____, CheckResult, Question, is_blank
from course.exercises.answers import not_a_sequential_model
from course.exercises.result import correct, incorrect, not_attempted


def _question(
    check_answer: Any = lambda value: correct(f"got {value!r}"), variable: str | None = "answer"
) -> Question:
    return Question(
        name="q_x",
        prompt="What is it?",
        variable=variable,
        check_answer=check_answer,
        hint_text="Think.",
        solution_code="answer = 1",
    )


def test_the_blank_is_one_object_that_shows_as_four_underscores() -> None:
    assert repr(____) == "____"
    assert copy.copy(____) is ____ and copy.deepcopy(____) is ____
    assert pickle.loads(pickle.dumps(____)) is ____
    assert type(____)() is ____


@pytest.mark.parametrize(
    ("value", "blank"), [(____, True), ([____], True), ((1, ____), True), ([8], False), (None, False)]
)
def test_is_blank(value: Any, blank: bool) -> None:
    assert is_blank(value) is blank


def test_a_result_knows_only_three_statuses() -> None:
    with pytest.raises(ValueError, match="status must be one of"):
        CheckResult("maybe", "?")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("result", "text", "passed"),
    [
        (correct("fine."), "Correct: Fine.", True),
        (incorrect("wrong."), "Incorrect: Wrong.", False),
        (not_attempted("later."), "Not answered yet: Later.", False),
    ],
)
def test_a_result_reads_as_plain_text(result: CheckResult, text: str, passed: bool) -> None:
    assert repr(result) == text and str(result) == text
    assert result.passed is passed and bool(result) is passed


def test_the_html_line_escapes_the_message_and_marks_up_code() -> None:
    html = incorrect("`<b>` is not <i>a</i> shape")._repr_html_()
    assert "<code>&lt;b&gt;</code>" in html and "<i>" not in html
    assert "border-left: 4px solid" in html


def test_check_returns_the_check_functions_verdict() -> None:
    assert _question().check(3).message == "Got 3"


def test_check_reads_locals_before_globals() -> None:
    question = _question()
    namespace = {"question": question, "answer": "global"}
    exec("def cell():\n    answer = 'local'\n    return question.check()\nresult = cell()", namespace)
    assert namespace["result"].message == "Got 'local'"
    exec("result = question.check()", namespace)
    assert namespace["result"].message == "Got 'global'"


def test_a_failing_check_function_becomes_a_message_not_a_traceback() -> None:
    def broken(value: Any) -> CheckResult:
        raise KeyError("units")

    result = _question(broken).check(1)
    assert result.status == "incorrect"
    assert "could not read this answer (KeyError" in result.message and "q_x.solution()" in result.message


@pytest.mark.parametrize(
    ("variable", "arguments", "named", "reads"),
    [("w, b", (1, 2), {}, "reads your variables `w` and `b` itself"),
     ("input_shape", (), {"input_shape": [6]}, "reads your variable `input_shape` itself"),
     ("input_shape", ([6], [6]), {}, "reads your variable `input_shape` itself"),
     (None, (1, 2), {"x": 3}, "takes no arguments")],
    ids=["two values", "a keyword", "a value too many", "an open question"],
)
def test_arguments_to_check_get_one_sentence_not_a_type_error(variable: str | None, arguments: tuple[Any, ...],
                                                               named: dict[str, Any], reads: str) -> None:
    """`q_3.check(w, b)` or `q_1.check(input_shape=[6])` is a natural guess: the learner hears that `check()`
    reads the variables itself and is called with empty brackets, never "takes from 1 to 2 positional arguments"."""
    seen: list[Any] = []
    question = _question(lambda value: seen.append(value) or correct("ok"), variable=variable)
    result = question.check(*arguments, **named)
    assert result.status == "not attempted" and not seen, result
    assert reads in result.message and "with empty brackets, `q_x.check()`." in result.message, result.message
    assert "`q_x.check()`" in result.text.zh and "括号里什么都不用写" in result.text.zh, result.text.zh


def test_a_check_function_must_return_a_result() -> None:
    assert "instead of a verdict" in _question(lambda value: True).check(1).message


def test_an_open_question_gets_missing_and_blank_values() -> None:
    seen = []
    question = _question(lambda value: seen.append(value) or correct("ok"), variable=None)
    question.check()
    question.check(____)
    assert seen == [MISSING, ____]


def test_importing_the_exercise_does_not_import_tensorflow() -> None:
    code = (
        "import sys, course.exercises.deep_neural_networks\n"
        "loaded = [name for name in ('tensorflow', 'keras', 'tf_keras') if name in sys.modules]\n"
        "assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(("value", "zh"), [
    (np.zeros(3), "答案是 NumPy 数组，不是 Keras 模型"),
    (np.float32(1), "答案是 NumPy float32，不是 Keras 模型"),
    (pd.DataFrame({"a": [1]}), "答案是 pandas DataFrame，不是 Keras 模型"),
], ids=["array", "NumPy scalar", "DataFrame"])
def test_chinese_sets_a_library_name_off_with_a_space(value: Any, zh: str) -> None:
    problem = not_a_sequential_model(value)
    assert problem is not None and problem.zh.startswith(zh), problem


class _Rows(list):
    pass


def test_a_list_of_its_own_class_is_named_as_code_in_both_languages() -> None:
    problem = not_a_sequential_model(_Rows([1]))
    assert problem is not None and problem.en.startswith("a `_Rows` is not a Keras model"), problem
    assert problem.zh.startswith("`_Rows` 对象不是 Keras 模型"), problem.zh

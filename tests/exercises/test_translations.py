"""Every question of every lesson's exercise speaks Simplified Chinese as well as English: its prompt, hint,
solution note, and the verdicts on its reference solution and on a blank answer. (The fixture in conftest.py
checks the Chinese of every other verdict the tests produce.)
"""

from __future__ import annotations

import importlib
import io
import re
import tokenize
import warnings
from typing import Any

import pytest

from course.engine.translations import code_lines
from course.exercises import MISSING, ____, Question
from course.exercises.result import TRANSLATIONS_KEY
from tests.exercises.conftest import CJK

# lesson module -> the input width its data has (the solutions read `input_shape`)
LESSON_MODULES = {
    "a_single_neuron": 6,
    "deep_neural_networks": 8,
    "stochastic_gradient_descent": 6,
    "overfitting_and_underfitting": 8,
    "dropout_and_batch_normalization": 8,
    "binary_classification": 30,
}


def _questions(module_name: str) -> list[Question]:
    """Every question the module defines, listed in its ``__all__`` or not (a new one often is not yet)."""
    module = importlib.import_module(f"course.exercises.{module_name}")
    return [value for value in vars(module).values() if isinstance(value, Question)]


QUESTIONS = [(module, question.name) for module in LESSON_MODULES for question in _questions(module)]


def _question(module: str, name: str) -> Question:
    return next(question for question in _questions(module) if question.name == name)


def _speaks_both(text: Any) -> None:
    assert text.en.strip() and not CJK.search(text.en), f"no English wording, or Chinese in the English: {text}"
    assert CJK.search(text.zh), (f"no Chinese wording: a plain string reads the same in both languages; give "
                                 f"Text(en=..., zh=...): {text}")


def test_every_lesson_module_declares_questions() -> None:
    assert len(QUESTIONS) >= 6 * 3
    assert {module for module, _ in QUESTIONS} == set(LESSON_MODULES)


@pytest.mark.parametrize(("module", "name"), QUESTIONS, ids=[f"{m}.{n}" for m, n in QUESTIONS])
def test_a_solutions_comments_are_chinese_in_chinese_and_its_code_is_the_same(module: str, name: str) -> None:
    """As a lesson's translation does, a solution translates its comments where they stand and keeps its code."""
    listing = _question(module, name).solution().listing
    assert code_lines(listing.en) == code_lines(listing.zh), "the code of the Chinese solution differs"
    for language, expect_chinese in (("en", False), ("zh", True)):
        comments = [token.string for token in tokenize.generate_tokens(
            io.StringIO(listing.in_language(language) + "\n").readline) if token.type == tokenize.COMMENT]
        prose = [comment for comment in comments if re.search(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}", comment)
                 and not comment.rstrip().endswith((")", "])"))]  # `# keras.Sequential([...])` is code
        assert all(bool(CJK.search(comment)) == expect_chinese for comment in prose), (language, prose)


@pytest.mark.parametrize(("module", "name"), QUESTIONS, ids=[f"{m}.{n}" for m, n in QUESTIONS])
def test_prompt_hint_and_note_have_chinese(module: str, name: str) -> None:
    question = _question(module, name)
    _speaks_both(question.prompt)
    _speaks_both(question.hint().content)
    note = question.solution().explanation
    if note.en:
        _speaks_both(note)
    else:
        assert not note.zh, "a Chinese note without an English one"


@pytest.mark.parametrize(("module", "name"), QUESTIONS, ids=[f"{m}.{n}" for m, n in QUESTIONS])
def test_the_verdict_on_a_blank_answer_has_chinese(module: str, name: str) -> None:
    question = _question(module, name)
    for result in (question.check(____), question.check()):  # the blank itself, and no variable at all
        if question.variable is not None:
            assert result.status == "not attempted", result
        _speaks_both(result.text)
        assert str(result).startswith(result.label)


@pytest.mark.parametrize("module", list(LESSON_MODULES))
def test_the_verdicts_on_the_reference_solutions_have_chinese(module: str) -> None:
    """Each solution run in order, as the lesson runs them (a compile question compiles the model before it)."""
    import keras

    features = LESSON_MODULES[module]
    namespace: dict[str, Any] = {
        "keras": keras,
        "layers": keras.layers,
        "input_shape": [features],
        "model": keras.Sequential([keras.Input(shape=(features,)), keras.layers.Dense(1)]),
    }
    for question in _questions(module):
        if question.variable is None:  # open questions: their solutions plot the lesson's data
            result = question.check(MISSING)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exec(question.solution().code, namespace)
            values = tuple(namespace[name] for name in question.variables)
            result = question.check(values[0] if len(values) == 1 else values)
        assert result.passed, (question.name, result)
        _speaks_both(result.text)
        bundle = result._repr_mimebundle_()[1][TRANSLATIONS_KEY]["zh"]
        label = "开放题：" if question.variable is None else "正确："
        assert bundle["text/plain"].startswith(label) and 'lang="zh-Hans"' in bundle["text/html"]

"""The course's language switch: ``set_language`` first, then ``COURSE_LANGUAGE``, then English."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import course.language
from course.language import ENVIRONMENT_VARIABLE, LANGUAGES, current_language, set_language


@pytest.fixture(autouse=True)
def no_choice_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setattr(course.language, "_chosen", None)


def test_english_and_chinese_are_the_languages() -> None:
    assert LANGUAGES == ("en", "zh")


def test_english_without_a_choice() -> None:
    assert current_language() == "en"


def test_the_environment_variable_chooses_when_it_names_a_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "zh")
    assert current_language() == "zh"
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "klingon")
    assert current_language() == "en"


def test_set_language_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "zh")
    set_language("en")
    assert current_language() == "en"
    set_language("zh")
    assert current_language() == "zh"


@pytest.mark.parametrize("code", ["fr", "ZH", "zh-Hans", "", None, 1])
def test_an_unknown_code_is_refused_in_one_sentence(code: object) -> None:
    with pytest.raises(ValueError) as caught:
        set_language(code)  # type: ignore[arg-type]
    message = str(caught.value)
    assert message == f'set_language accepts "en" (English) or "zh" (Simplified Chinese), not {code!r}.'
    assert message.count(". ") == 0 and message.endswith(".")
    assert current_language() == "en", "a refused code changes nothing"


def test_set_language_is_exported_by_the_checker() -> None:
    from course.exercises import set_language as exported

    assert exported is set_language


def test_course_language_reaches_a_fresh_process() -> None:
    """What a reader does: ``COURSE_LANGUAGE=zh jupyter lab``; the checker then answers in Chinese."""
    probe = "from course.exercises.deep_neural_networks import q_1; print(repr(q_1.check([8])))"
    environment = {**os.environ, ENVIRONMENT_VARIABLE: "zh"}
    result = subprocess.run([sys.executable, "-c", probe], env=environment, capture_output=True, text=True,
                            check=True)
    assert result.stdout.startswith("正确：`[8]`：每个样本是一行")

"""Fixtures for the exercise checker's tests: the same models built with Keras 3 and with tf_keras; every test
runs in English, and every verdict the checker makes during a test must also have its Chinese wording."""

from __future__ import annotations

import importlib
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import course.exercises
import course.exercises.result
import course.language
from course.exercises.result import CheckResult
from course.language import ENVIRONMENT_VARIABLE

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow's start-up chatter is not test output


@dataclass(frozen=True)
class KerasAPI:
    """One Keras package under test: ``name``, the ``module`` itself and its ``layers``."""

    name: str
    module: ModuleType

    def __repr__(self) -> str:
        return self.name

    @property
    def layers(self) -> ModuleType:
        return self.module.layers

    def build(self, make: Callable[[Any], Any]) -> Any:
        """``make(self)``, quiet about legacy ``input_shape=`` arguments, which Keras 3 warns about."""
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*input_shape.*", category=UserWarning)
            return make(self)

    def Sequential(self, layers: list[Any] | None = None) -> Any:
        return self.module.Sequential(layers)

    def Input(self, shape: tuple[int, ...]) -> Any:
        return self.module.Input(shape=shape)

    def Dense(self, units: int, **kwargs: Any) -> Any:
        return self.module.layers.Dense(units, **kwargs)

    def Activation(self, name: str) -> Any:
        return self.module.layers.Activation(name)


@pytest.fixture(params=["keras3", "tf_keras"], scope="session")
def keras_api(request: pytest.FixtureRequest) -> KerasAPI:
    module = importlib.import_module("keras" if request.param == "keras3" else "tf_keras")
    return KerasAPI(name=request.param, module=module)


CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
"""A Chinese character or full-width punctuation: what every Chinese message contains."""

_EXERCISES = Path(course.exercises.__file__).parent
_RESULT_FILE = Path(course.exercises.result.__file__)


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in English whatever the shell says; a test that sets the language sets it for itself."""
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setattr(course.language, "_chosen", None)


@pytest.fixture(autouse=True)
def every_verdict_speaks_chinese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each ``CheckResult`` the checker's own modules make during any test must carry Chinese (and its English
    none): so every wrong, hostile and blank answer the tests try also proves its message was translated.
    Results a test builds itself (``correct("fine.")`` in a test file) are not the checker's and are not judged.
    """
    made: list[tuple[CheckResult, str]] = []
    original = CheckResult.__post_init__

    def recording(self: CheckResult) -> None:
        original(self)
        frame = sys._getframe(1)
        while frame is not None and (frame.f_code.co_filename == str(_RESULT_FILE)
                                     or not frame.f_code.co_filename.endswith(".py")):
            frame = frame.f_back  # past the dataclass __init__ and result.py's correct()/incorrect()
        if frame is not None and frame.f_code.co_name != "_capped":  # a cut copy: its original was judged
            made.append((self, frame.f_code.co_filename))

    monkeypatch.setattr(CheckResult, "__post_init__", recording)
    yield
    untranslated = [
        (result.text, origin) for result, origin in made
        if Path(origin).parent == _EXERCISES and (not CJK.search(result.text.zh) or CJK.search(result.text.en))
    ]
    assert not untranslated, f"verdicts without a Chinese wording (or with Chinese in the English): {untranslated[:3]}"
    cramped = [result.text.zh for result, origin in made
               if Path(origin).parent == _EXERCISES and _CODE_TOUCHING_HANZI.search(result.text.zh)]
    assert not cramped, f"Chinese verdicts with code set right against a character (write 是 `None`): {cramped[:3]}"
    latin = [result.text.zh for result, origin in made
             if Path(origin).parent == _EXERCISES and _LATIN_TOUCHING_HANZI.search(result.text.zh)]
    assert not latin, f"Chinese verdicts with a Latin word set right against a character (write 是 NumPy): {latin[:3]}"


# Inline code directly before or after a Chinese character: Chinese text sets code off with a space.
_CODE_TOUCHING_HANZI = re.compile(r"[\u3400-\u9fff]`[^`\s][^`]*`|`[^`]*[^`\s]`[\u3400-\u9fff]")
# A Latin word directly before or after a Chinese character: Chinese text sets it off with a space (是 NumPy 数组).
_LATIN_TOUCHING_HANZI = re.compile(r"[\u3400-\u9fff][A-Za-z]|[A-Za-z][\u3400-\u9fff]")

"""Fixtures for the exercise checker's tests: the same models built with Keras 3 and with tf_keras."""

from __future__ import annotations

import importlib
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pytest

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

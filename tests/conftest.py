"""Shared fixtures: the project's paths and lessons executed fresh through the one executor, once per session."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from course.build.execute import execute_tutorial
from course.build.sources import read_tutorial

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TUTORIALS = PROJECT_ROOT / "tutorials_src"


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def executed_lesson():
    """``executed_lesson("02_activations")`` executes that lesson (no cache) on first use and returns the notebook."""
    executed: dict[str, nbformat.NotebookNode] = {}

    def get(name: str) -> nbformat.NotebookNode:
        if name not in executed:
            tutorial = read_tutorial(TUTORIALS / f"{name}.py")
            executed[name] = execute_tutorial(tutorial, work_dir=PROJECT_ROOT).notebook
        return executed[name]

    return get

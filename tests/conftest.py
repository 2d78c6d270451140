"""Shared fixtures: the project's paths and lessons executed fresh through the one executor, once per session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course.engine.execute import execute_tutorial
from course.engine.sources import read_tutorial

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TUTORIALS = PROJECT_ROOT / "tutorials_src"
TESTS = PROJECT_ROOT / "tests"


@pytest.hookimpl(tryfirst=True)  # before -m/-k deselect: a file whose tests are all deselected still counts
def pytest_collection_modifyitems(session, config, items) -> None:
    """Fail the session when a test file under tests/ contributed no test, so no folder drops out unnoticed.

    pytest silently skips folders it takes for output (``build``, ``dist``, dot-folders ...) and files whose
    tests fail to be discovered; this check only runs when the whole of tests/ was asked for.
    """
    asked = {Path(arg.split("::")[0]).resolve() for arg in config.args} or {TESTS}
    if not asked & {TESTS, PROJECT_ROOT}:
        return
    on_disk = {path.resolve() for path in TESTS.rglob("test_*.py")}
    collected = {Path(item.path).resolve() for item in items}
    silent = sorted(path.relative_to(PROJECT_ROOT).as_posix() for path in on_disk - collected)
    if silent:
        raise pytest.UsageError(
            "These test files contributed no collected test (a folder pytest ignores, a name it does not "
            "discover, or a collection error): " + ", ".join(silent)
        )


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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per session with ``mkdocs build --strict`` (lessons through the project cache)."""
    site_dir = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    (site_dir / "build.log").write_text(result.stderr)
    return site_dir

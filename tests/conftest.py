"""Shared fixtures: the project's paths, and every lesson executed fresh by the build engine, in parallel, once
per session (the same code path as the site build, whose cache the results then warm for ``built_site``)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import nbformat
import pytest

from course.engine import BuildReport, BuildSettings, build_lessons
from course.engine.cache import NotebookCache, cache_key, environment_digest
from course.engine.execute import execute_tutorial, kernel_fingerprint
from course.engine.imports import FileDigests
from course.engine.lock import build_lock
from course.engine.settings import mkdocs_options
from course.engine.sources import find_tutorials, read_tutorial

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


@dataclass(frozen=True)
class LessonRuns:
    report: BuildReport  # this session's fresh execution of every lesson, as published
    earlier: dict[str, nbformat.NotebookNode]  # per lesson, a stored execution of the same inputs from before


@pytest.fixture(scope="session")
def lesson_build() -> LessonRuns:
    """Every lesson executed by the engine, fresh (cache ignored, results stored), one kernel per core.

    What the cache held for the same inputs is kept first, for the determinism test. Under pytest-xdist each
    worker is its own session: the first to get the build lock executes, the others find this run's results.
    """
    settings = BuildSettings.for_project(PROJECT_ROOT, mkdocs_options(PROJECT_ROOT))
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    marker = settings.cache_dir.parent / "test-run"
    with build_lock(settings.cache_dir.parent / "build.lock"):
        fresh = run is None or not marker.exists() or marker.read_text() != run
        earlier = stored_executions(settings) if fresh else {}
        report = build_lessons(replace(settings, fresh=fresh), log=lambda line: None)
        if run is not None:
            marker.write_text(run)
    return LessonRuns(report, earlier)


def stored_executions(settings: BuildSettings) -> dict[str, nbformat.NotebookNode]:
    cache = NotebookCache(settings.cache_dir)
    environment = environment_digest(settings.dependencies, kernel_fingerprint())
    digests, stored = FileDigests(settings.work_dir), {}
    for path in find_tutorials(settings.source_dir):
        tutorial = read_tutorial(path)
        entry = cache.lookup(tutorial, cache_key(tutorial, environment), digests)
        if entry is not None:
            stored[tutorial.name] = entry.notebook
    return stored


@pytest.fixture(scope="session")
def executed_lesson(lesson_build):
    """``executed_lesson("02_activations")`` returns that lesson's freshly executed notebook as the kernel left it
    (the cache's copy: glued values still in the outputs, prose roles unresolved), not the published page."""
    executions = stored_executions(BuildSettings.for_project(PROJECT_ROOT, mkdocs_options(PROJECT_ROOT)))

    def get(name: str) -> nbformat.NotebookNode:
        return executions[name]

    return get


@pytest.fixture(scope="session")
def independent_execution(lesson_build):
    """``independent_execution(name)``: another execution of the lesson than ``executed_lesson``'s, for comparing
    the two: the one stored by an earlier build with the same inputs, or, from a clean clone, a new one."""

    def get(name: str) -> nbformat.NotebookNode:
        if name not in lesson_build.earlier:
            tutorial = read_tutorial(TUTORIALS / f"{name}.py")
            lesson_build.earlier[name] = execute_tutorial(
                tutorial, work_dir=PROJECT_ROOT, packages=(PROJECT_ROOT / "course",)).notebook
        return lesson_build.earlier[name]

    return get


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, lesson_build) -> Path:
    """The real site, built once per session as ``make build`` builds it: ``mkdocs build --strict`` (English), then
    ``-f mkdocs.zh.yml`` into its ``zh/`` folder. The lessons it shows are the ones ``lesson_build`` just executed
    (the build finds them in the project cache). Each edition's log is kept as ``build.log`` / ``zh/build.log``."""
    site_dir = tmp_path_factory.mktemp("site")
    for config, target in (("mkdocs.yml", site_dir), ("mkdocs.zh.yml", site_dir / "zh")):
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(target)],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        if result.returncode != 0:
            pytest.fail(f"mkdocs build --strict -f {config} failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
        (target / "build.log").write_text(result.stderr)
    return site_dir

"""Build every lesson: read sources, answer from the cache where possible, execute the rest in parallel.

This is the one code path that executes lessons, for the site (through the MkDocs hook) and for the tests.
It prints a line per lesson as it finishes and a summary line, and raises BuildFailed listing every failure
after the other lessons have finished (so their results are cached).
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from course.engine.cache import NotebookCache, cache_key, environment_digest, merge_outputs, write_atomically
from course.engine.drift import DriftLog
from course.engine.errors import BuildFailed, TutorialError
from course.engine.execute import execute_tutorial_async, run_coroutine
from course.engine.glue import resolve_glue
from course.engine.sources import Tutorial, find_tutorials, read_tutorial


@dataclass(frozen=True)
class BuildSettings:
    """Where lessons come from and go, and how they run. ``from_environment`` reads the COURSE_* overrides."""

    source_dir: Path
    cache_dir: Path
    output_dir: Path  # executed notebooks with current prose, the files the site renders
    work_dir: Path  # the kernels' working directory
    dependencies: tuple[Path, ...] = ()
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout: int = 600
    fresh: bool = False  # ignore the cache (results are still stored)

    @classmethod
    def for_project(cls, root: Path, **overrides) -> BuildSettings:
        """The project's layout, with COURSE_JOBS, COURSE_TIMEOUT and COURSE_FRESH=1 read from the environment."""
        values = {
            "source_dir": root / "tutorials_src",
            "cache_dir": root / ".cache" / "tutorials",
            "output_dir": root / ".cache" / "executed" / "lessons",
            "work_dir": root,
            "dependencies": (root / "course", root / "requirements.txt"),
            "jobs": int(os.environ.get("COURSE_JOBS") or os.cpu_count() or 1),
            "timeout": int(os.environ.get("COURSE_TIMEOUT") or 600),
            "fresh": os.environ.get("COURSE_FRESH", "") not in ("", "0"),
        }
        values.update(overrides)
        return cls(**values)


@dataclass(frozen=True)
class LessonResult:
    tutorial: Tutorial
    notebook_path: Path  # the executed notebook, current prose, in output_dir
    status: str  # "executed", "cached", or "stale" (it failed; the notebook is the last one that built)
    seconds: float  # time of the execution the outputs come from
    error: str | None = None  # for a stale lesson, why it failed


@dataclass(frozen=True)
class BuildReport:
    results: list[LessonResult]
    seconds: float

    @property
    def executed(self) -> int:
        return sum(result.status == "executed" for result in self.results)

    @property
    def summary(self) -> str:
        total = len(self.results)
        stale = sum(result.status == "stale" for result in self.results)
        cached = total - self.executed - stale
        failed = f", {stale} failed and shown as last built" if stale else ""
        return f"executed {self.executed} of {total} ({cached} cached{failed}) in {self.seconds:.1f} s"


def build_lessons(
    settings: BuildSettings, log: Callable[[str], None] = print, *, keep_last_good: bool = False
) -> BuildReport:
    """Bring every lesson's executed notebook in ``settings.output_dir`` up to date; see the module docstring.

    With ``keep_last_good`` (for a live preview while authors edit), a lesson that fails to execute but was
    published before is reported as "stale" with its error, and its last good notebook stays in place.
    """
    started = time.perf_counter()
    errors: list[TutorialError] = []
    tutorials: list[Tutorial] = []
    for path in find_tutorials(settings.source_dir):
        try:
            tutorials.append(read_tutorial(path))
        except TutorialError as error:
            errors.append(error)
    if errors:
        raise BuildFailed(errors)

    cache = NotebookCache(settings.cache_dir)
    drift = DriftLog(settings.cache_dir, log)  # which cells' outputs changed since a lesson's last execution
    environment = environment_digest(settings.dependencies)
    keys = {tutorial.name: cache_key(tutorial, environment) for tutorial in tutorials}
    progress = _Progress(len(tutorials), log)
    results: dict[str, LessonResult] = {}
    pending: list[Tutorial] = []
    for tutorial in tutorials:
        entry = None if settings.fresh else cache.load(tutorial.name, keys[tutorial.name])
        if entry is None:
            pending.append(tutorial)
            continue
        path = _publish(settings, tutorial, merge_outputs(tutorial.notebook, entry.notebook))
        results[tutorial.name] = LessonResult(tutorial, path, "cached", entry.seconds)
        progress.report(tutorial, "cached")

    # Longest first, so one slow lesson does not start last and hold up the whole build.
    pending.sort(key=lambda tutorial: -_expected_seconds(cache, tutorial))
    for tutorial, outcome in run_coroutine(_execute_all(pending, settings, progress)):
        if isinstance(outcome, TutorialError):
            last_good = settings.output_dir / f"{tutorial.name}.ipynb"
            if keep_last_good and last_good.exists():
                results[tutorial.name] = LessonResult(tutorial, last_good, "stale", 0.0, error=str(outcome))
            else:
                errors.append(outcome)
            continue
        execution = outcome
        drift.compare(tutorial.name, cache.latest(tutorial.name), execution.notebook)
        cache.store(tutorial.name, keys[tutorial.name], execution.notebook, execution.seconds)
        path = _publish(settings, tutorial, execution.notebook)
        results[tutorial.name] = LessonResult(tutorial, path, "executed", execution.seconds)

    drift.save()
    if errors:
        raise BuildFailed(errors, [results[t.name] for t in tutorials if t.name in results])
    cache.prune(keys)
    report = BuildReport([results[tutorial.name] for tutorial in tutorials], time.perf_counter() - started)
    log(f"Lessons: {report.summary}")
    return report


async def _execute_all(tutorials: list[Tutorial], settings: BuildSettings, progress: _Progress) -> list:
    """Run at most ``settings.jobs`` kernels at once; each outcome is (tutorial, execution or error)."""
    slots = asyncio.Semaphore(max(1, settings.jobs))

    async def run(tutorial: Tutorial):
        async with slots:
            started = time.perf_counter()
            try:
                execution = await execute_tutorial_async(tutorial, work_dir=settings.work_dir, timeout=settings.timeout)
            except TutorialError as error:
                progress.report(tutorial, "FAILED", time.perf_counter() - started)
                return tutorial, error
            progress.report(tutorial, "executed", execution.seconds)
            return tutorial, execution

    return await asyncio.gather(*(run(tutorial) for tutorial in tutorials))


def _expected_seconds(cache: NotebookCache, tutorial: Tutorial) -> float:
    """How long a lesson will probably run: its last run's time, or, never run here, a guess from its code."""
    known = cache.last_seconds(tutorial.name)
    if known is not None:
        return known
    # Training is what makes a lesson slow: count the fit() calls, one minute each, to put such lessons first.
    code = "".join(cell.source for cell in tutorial.notebook.cells if cell.cell_type == "code")
    return 60.0 * code.count(".fit(")


def _publish(settings: BuildSettings, tutorial: Tutorial, notebook: nbformat.NotebookNode) -> Path:
    """Write the notebook the site renders, only when its bytes change (so watchers and render caches stay calm)."""
    path = settings.output_dir / f"{tutorial.name}.ipynb"
    notebook = resolve_glue(notebook, tutorial)  # prose quotes glued values; raises GlueError naming the line
    data = nbformat.writes(notebook).encode("utf-8")
    if not path.exists() or path.read_bytes() != data:
        write_atomically(path, data)
    return path


class _Progress:
    def __init__(self, total: int, log: Callable[[str], None]):
        self.total, self.done, self.log = total, 0, log

    def report(self, tutorial: Tutorial, status: str, seconds: float | None = None) -> None:
        self.done += 1
        timing = f" {seconds:.1f} s" if seconds is not None else ""
        self.log(f"[{self.done}/{self.total}] {tutorial.path.name}  {status}{timing}")

"""Build every lesson: read sources, answer from the cache where possible, execute the rest in parallel.

This is the one code path that executes lessons, for the site (through the MkDocs hook) and for the tests.
It prints a line per lesson as it finishes and a summary line, and raises BuildFailed listing every failure
after the other lessons have finished (so their results are cached).
"""

from __future__ import annotations

import asyncio
import atexit
import copy
import dataclasses
import hashlib
import logging
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat

from course.engine.cache import NotebookCache, cache_key, environment_digest, merge_outputs, write_atomically
from course.engine.drift import DriftLog
from course.engine.errors import BuildFailed, TutorialError
from course.engine.execute import execute_tutorial_async, kernel_fingerprint, run_coroutine
from course.engine.glue import resolve_glue
from course.engine.imports import FileDigests
from course.engine.lock import build_lock
from course.engine.outputs import choose_language, vet_outputs
from course.engine.settings import SOURCE_LANGUAGE, BuildSettings, SettingsError
from course.engine.sources import Tutorial, find_tutorials, read_tutorial
from course.engine.warm_kernels import WarmKernels, imported_modules

__all__ = ["BuildReport", "BuildSettings", "LessonResult", "SettingsError", "build_lessons"]
engine_log = logging.getLogger("course.engine")


@dataclass(frozen=True)
class LessonResult:
    tutorial: Tutorial
    notebook_path: Path  # the executed notebook, current prose, in output_dir
    status: str  # "executed", "cached", or "stale" (it failed; the notebook is the last one that built)
    seconds: float  # time of the execution the outputs come from
    error: str | None = None  # for a stale lesson, why it failed
    entry: str | None = None  # the cache entry the outputs come from (NotebookCache.previous finds the one before)
    # The execution as the kernel left it (glued values still in the outputs, prose unresolved), current prose;
    # None for a stale lesson. A translation takes its outputs from here (course.engine.translations).
    executed: nbformat.NotebookNode | None = dataclasses.field(default=None, repr=False, compare=False)


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
    settings: BuildSettings, log: Callable[[str], None] = print, *, keep_last_good: bool = False,
    kernel_server: KeptKernelServer | None = None,
) -> BuildReport:
    """Bring every lesson's executed notebook in ``settings.output_dir`` up to date; see the module docstring.

    With ``keep_last_good`` (for a live preview while authors edit), a lesson that fails to execute but was
    published before is reported as "stale" with its error, and its last good notebook stays in place. With
    ``kernel_server`` (a live preview's too), lessons' kernels are forked from the server it keeps between builds
    instead of one started for this build.
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

    with build_lock(settings.cache_dir.parent / "build.lock"):
        settings, storing = _usable_folders(settings)
        cache = NotebookCache(settings.cache_dir)
        drift = DriftLog(settings.cache_dir, log)  # which cells' outputs changed since a lesson's last run
        environment = environment_digest(settings.dependencies, kernel_fingerprint())
        digests = FileDigests(settings.work_dir)
        keys = {tutorial.name: cache_key(tutorial, environment) for tutorial in tutorials}
        progress = _Progress(len(tutorials), log)
        results: dict[str, LessonResult] = {}
        pending: list[Tutorial] = []
        for tutorial in tutorials:
            entry = None if settings.fresh else cache.lookup(tutorial, keys[tutorial.name], digests)
            if entry is None:
                pending.append(tutorial)
                continue
            executed = merge_outputs(tutorial.notebook, entry.notebook)
            try:
                notebook = vet_notebook(settings, tutorial, executed)
            except TutorialError as error:
                errors.append(error)
                continue
            path = _publish(settings, tutorial, notebook)
            results[tutorial.name] = LessonResult(tutorial, path, "cached", entry.seconds, entry=entry.id,
                                                  executed=executed)
            progress.report(tutorial, "cached")

        # Longest first, so one slow lesson does not start last and hold up the whole build.
        pending.sort(key=lambda tutorial: -_expected_seconds(cache, tutorial))
        with _stop_on_terminate():
            # One server imports the libraries the lessons import, once; every lesson's kernel is forked from it.
            modules = imported_modules(tutorial.notebook for tutorial in pending)
            kernels = WarmKernels(modules) if kernel_server is None else kernel_server.for_build(modules, environment)
            try:
                outcomes = run_coroutine(_execute_all(pending, settings, progress, kernels))
            finally:
                if kernel_server is None:  # a kept server stays up for the next build
                    kernels.close()
        for tutorial, outcome in outcomes:
            if not isinstance(outcome, TutorialError):
                try:
                    notebook = vet_notebook(settings, tutorial, outcome.notebook)
                except TutorialError as error:
                    outcome = error
            if isinstance(outcome, TutorialError):
                last_good = settings.output_dir / f"{tutorial.name}.ipynb"
                if keep_last_good and last_good.exists():
                    results[tutorial.name] = LessonResult(tutorial, last_good, "stale", 0.0, error=str(outcome))
                else:
                    errors.append(outcome)
                continue
            drift.compare(tutorial.name, cache.latest(tutorial.name), outcome.notebook)
            entry_id = None
            if storing:
                entry_id = cache.store(tutorial.name, keys[tutorial.name], outcome.used, digests,
                                       outcome.notebook, outcome.seconds)
            path = _publish(settings, tutorial, notebook)
            results[tutorial.name] = LessonResult(tutorial, path, "executed", outcome.seconds, entry=entry_id,
                                                  executed=outcome.notebook)

        if storing:
            drift.save()
        if errors:
            raise BuildFailed(errors, [results[t.name] for t in tutorials if t.name in results])
        if storing:
            cache.prune({name: result.entry for name, result in results.items()})
    report = BuildReport([results[tutorial.name] for tutorial in tutorials], time.perf_counter() - started)
    log(f"Lessons: {report.summary}")
    return report


def vet_notebook(settings: BuildSettings, tutorial: Tutorial, notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook to publish: outputs checked (size, other hosts, scripts, paths), glue roles in the prose
    resolved from the outputs. Raises TutorialError naming the file, cell or line."""
    notebook = choose_language(copy.deepcopy(notebook), SOURCE_LANGUAGE)  # the English pages show English
    vetted = vet_outputs(tutorial, notebook, limit=settings.output_limit, allowed_scripts=settings.allowed_scripts,
                         root=settings.work_dir)
    return resolve_glue(vetted, tutorial)


def _usable_folders(settings: BuildSettings) -> tuple[BuildSettings, bool]:
    """The settings to build with, and whether results can be stored: a cache folder that cannot be written
    (read-only checkout, full disk) means building without storing, said once."""
    problem = _unwritable(settings.cache_dir) or _unwritable(settings.output_dir)
    if problem is None:
        return settings, True
    engine_log.warning("The lesson cache cannot be written (%s); lessons are executed and published without "
                       "being stored.", problem)
    return dataclasses.replace(settings, output_dir=_scratch_folder(settings.output_dir), fresh=True), False


_scratch_root: Path | None = None


def _scratch_folder(output_dir: Path) -> Path:
    """Where lessons that cannot be stored are published instead: a folder of this process's own temporary one,
    the same for every build of ``output_dir`` (a live preview rebuilds into it), removed when the process exits,
    since the site is rendered from it until then."""
    global _scratch_root
    if _scratch_root is None:
        _scratch_root = Path(tempfile.mkdtemp(prefix="course-lessons-"))
        atexit.register(shutil.rmtree, _scratch_root, ignore_errors=True)
    place = hashlib.sha256(str(output_dir.resolve()).encode()).hexdigest()[:12]
    return _scratch_root / place / output_dir.name


def _unwritable(folder: Path) -> str | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        return f"{folder}: {error.strerror or error}"
    return None


@contextmanager
def _stop_on_terminate() -> Iterator[None]:
    """Turn SIGTERM into SystemExit while lessons run, so every kernel is stopped on the way out (Ctrl-C's
    KeyboardInterrupt already unwinds the same way)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


async def _execute_all(tutorials: list[Tutorial], settings: BuildSettings, progress: _Progress,
                       kernels: WarmKernels) -> list:
    """Run at most ``settings.jobs`` kernels at once, forked from ``kernels``' server; each outcome is
    (tutorial, execution or error)."""
    slots = asyncio.Semaphore(max(1, settings.jobs))

    async def run(tutorial: Tutorial):
        async with slots:
            started = time.perf_counter()
            try:
                execution = await execute_tutorial_async(tutorial, work_dir=settings.work_dir, kernels=kernels,
                                                         timeout=settings.timeout, packages=settings.packages)
            except TutorialError as error:
                progress.report(tutorial, "FAILED", time.perf_counter() - started)
                return tutorial, error
            progress.report(tutorial, "executed", execution.seconds)
            return tutorial, execution

    return await asyncio.gather(*(run(tutorial) for tutorial in tutorials))


class KeptKernelServer:
    """A live preview's kernel server, kept from one build to the next: a code edit under ``mkdocs serve`` then
    forks its lesson's kernel at once, instead of importing the lessons' libraries again (Keras alone costs about
    4 CPU-seconds).

    A server holds the libraries as they were when it started, so it serves only builds with the same environment
    (the library versions and kernel set-up every lesson's cache key covers); a change, a lesson that imports a
    library the server did not import, or a server that died starts a new one. ``close`` stops it.
    """

    def __init__(self) -> None:
        self._kernels: WarmKernels | None = None
        self._environment: str | None = None

    def for_build(self, modules: Iterable[str], environment: str) -> WarmKernels:
        """The server to fork this build's kernels from: the kept one when it serves ``modules`` in
        ``environment``, else a new one (it starts with the first kernel) importing these and the kept one's."""
        modules = list(modules)
        kept, same_environment = self._kernels, self._environment == environment
        if kept is not None and kept.running and same_environment and set(modules) <= set(kept.modules):
            return kept
        earlier = kept.modules if kept is not None and same_environment else []
        self.close()
        self._kernels, self._environment = WarmKernels(dict.fromkeys([*earlier, *modules])), environment
        return self._kernels

    def close(self) -> None:
        if self._kernels is not None:
            self._kernels.close()
            self._kernels = None


def _expected_seconds(cache: NotebookCache, tutorial: Tutorial) -> float:
    """How long a lesson will probably run: its last run's time, or, never run here, a guess from its code."""
    known = cache.last_seconds(tutorial.name)
    if known is not None:
        return known
    # Training is what makes a lesson slow: count the fit() calls, one minute each, to put such lessons first.
    code = "".join(cell.source for cell in tutorial.notebook.cells if cell.cell_type == "code")
    return 60.0 * code.count(".fit(")


def _publish(settings: BuildSettings, tutorial: Tutorial, notebook: nbformat.NotebookNode) -> Path:
    return publish_notebook(settings.output_dir / f"{tutorial.name}.ipynb", notebook)


def publish_notebook(path: Path, notebook: nbformat.NotebookNode) -> Path:
    """Write the notebook the site renders, only when its bytes change (so watchers and render caches stay calm)."""
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

"""Shared fixtures: the project's paths, and every lesson brought up to date by the build engine once per session,
in parallel (the same code path and cache as the site build, which ``built_site`` then runs)."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import jupytext
import nbformat
import pytest

from course.engine import BuildReport, BuildSettings, build_lessons, execute
from course.engine.cache import NotebookCache, cache_key, environment_digest, merge_outputs
from course.engine.execute import kernel_fingerprint
from course.engine.imports import FileDigests
from course.engine.lock import build_lock
from course.engine.settings import mkdocs_options, read_environment
from course.engine.sources import find_tutorials, read_tutorial

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TUTORIALS = PROJECT_ROOT / "tutorials_src"
TESTS = PROJECT_ROOT / "tests"
# The tests build the site as GitHub Pages publishes a project's: at a path below the host's root (SITE_URL, which
# .github/workflows/pages.yml sets), and the browser tests serve it there.
PUBLISHED_PATH = "/course/"

# `make test-fresh` asks, with COURSE_FRESH=1, for every lesson of the course to execute. The engine tests build
# throwaway projects of their own in subprocesses, to see what the cache does; inheriting that request, their
# builds executed what they expected to find cached, and three of them failed. So the request moves, before any
# worker or build starts, to a variable that only the lessons' fixture below reads.
FRESH_REQUEST_VARIABLE = "COURSE_TESTS_FRESH"
if "COURSE_FRESH" in os.environ:
    os.environ[FRESH_REQUEST_VARIABLE] = os.environ.pop("COURSE_FRESH")


def fresh_requested() -> dict:
    """``{"fresh": True}`` when `make test-fresh` (COURSE_FRESH, moved above) asked for every lesson, learner copy
    and browser test to run again; ``{"fresh": False}`` or nothing otherwise."""
    requested = os.environ.get(FRESH_REQUEST_VARIABLE)
    return read_environment({"COURSE_FRESH": requested}) if requested is not None else {}


# The tests build thousands of short-lived objects (Keras models, notebooks, parsed pages) beside millions that live
# for the whole session (TensorFlow, Keras, matplotlib, the collected tests). With Python's default thresholds its
# cycle collector kept scanning the long-lived ones, about an eighth of the quick set's CPU time (68 against 60
# CPU-seconds). So each test process collects less often, and after collection sets aside what exists by then.
GC_THRESHOLDS = (100_000, 50, 100)
gc.set_threshold(*GC_THRESHOLDS)


def pytest_collection_finish(session) -> None:
    gc.collect()
    gc.freeze()


@pytest.hookimpl(tryfirst=True)  # before -m/-k deselect: a file whose tests are all deselected still counts
def pytest_collection_modifyitems(session, config, items) -> None:
    check_every_file_contributes(config, items)
    order_for_workers(items)


def order_for_workers(items: list) -> None:
    """Order the tests for pytest-xdist (in place, otherwise keeping their order): first one test that needs the
    built site, so that its build (both editions, about 30 s) starts at once on one worker while the others run the
    tests that need no site; then the slow test that adds a lesson in a copy of the project (the longest); then every
    test that needs no site; the other tests of the built site last, when it is ready. Among those that need no site,
    and among those that need it, the slow ones (a kernel, a build, a browser) come first, so that the run ends on
    quick tests that the workers share out evenly rather than on one worker's build of several seconds. `make test`
    runs ``--dist worksteal``: each worker starts on its own stretch of this order and takes tests from the others'
    stretches when it runs out."""
    uses_site = ["built_site" in getattr(item, "fixturenames", ()) for item in items]
    first_site_test = uses_site.index(True) if True in uses_site else -1

    def rank(position: int) -> tuple[int, bool]:
        if position == first_site_test:
            return 0, False
        if items[position].path.name == "test_adding_a_lesson.py":
            return 1, False
        quick = items[position].get_closest_marker("slow") is None
        return (3 if uses_site[position] else 2), quick

    items[:] = [items[position] for position in sorted(range(len(items)), key=rank)]


def check_every_file_contributes(config, items: list) -> None:
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


def pytest_terminal_summary(terminalreporter) -> None:
    """The skipped tests, one line per reason with their count."""
    reasons = Counter(report.longrepr[2].removeprefix("Skipped: ")
                      for report in terminalreporter.stats.get("skipped", []) if isinstance(report.longrepr, tuple))
    if reasons:
        terminalreporter.write_sep("=", "skipped, by reason")
        for reason, count in reasons.most_common():
            terminalreporter.write_line(f"SKIPPED [{count}] {reason}")


# A marker that exempts a test from the quick set's promise (README: the quick tests run in about a minute on two cores).
EXEMPT_MARKERS = ("slow", "browser", "learner")


def _in_quick_set(item) -> bool:
    return not any(item.get_closest_marker(name) for name in EXEMPT_MARKERS)


@contextmanager
def watching_starts() -> Iterator[list[str]]:
    """While it lasts, the kernels (by lesson file) and ``mkdocs build``/``serve`` processes started, listed as they
    start. They are only watched, never stopped."""
    started: list[str] = []
    start_kernel = execute._start_kernel

    async def watched_start_kernel(manager, tutorial, *args, **kwargs):
        running = await start_kernel(manager, tutorial, *args, **kwargs)
        started.append(f"a kernel for {tutorial.path.name}")  # one that failed to start cost nothing
        return running

    class WatchedPopen(subprocess.Popen):
        def __init__(self, args, *rest, **options):
            words = [str(word) for word in args] if isinstance(args, (list, tuple)) else str(args).split()
            if "mkdocs" in words and {"build", "serve"} & set(words[words.index("mkdocs"):]):
                started.append(f"`{' '.join(words[words.index('mkdocs'):][:2])}`")
            super().__init__(args, *rest, **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(execute, "_start_kernel", watched_start_kernel)
        patch.setattr(subprocess, "Popen", WatchedPopen)
        yield started


# What the fixtures of a quick-set test started for it (a session fixture's lesson build, say), by the test's id.
_STARTED_BY_FIXTURES: dict[str, list[str]] = {}


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """Watch a session or module fixture that a quick-set test is the first to ask for: what it starts counts
    against that test (``executed_lesson`` executes every changed lesson, ``built_site`` builds the site)."""
    item = getattr(request, "_pyfuncitem", None)
    if fixturedef.scope == "function" or item is None or not _in_quick_set(item):
        return (yield)
    with watching_starts() as started:
        try:
            return (yield)
        finally:
            if started:
                _STARTED_BY_FIXTURES.setdefault(item.nodeid, []).extend(
                    f"{what} (fixture {fixturedef.argname})" for what in started)


@pytest.fixture(autouse=True)
def quick_tests_start_no_kernel_and_no_site_build(request):
    """``-m "not slow and not browser"`` is the quick set: a test that starts a kernel or runs ``mkdocs build``
    (a second or more each, minutes together) must be marked ``slow``, and one that does and is not fails when it
    ends, saying what it started. That counts what the session and module fixtures it is the first to ask for
    start (in the quick set it always is, since the marked tests that share them are left out), and what the
    test itself starts. What it started is only watched, never stopped: the test itself runs as it would."""
    if not _in_quick_set(request.node):
        yield
        return
    with watching_starts() as started:
        yield
    started = _STARTED_BY_FIXTURES.pop(request.node.nodeid, []) + started
    if started:
        pytest.fail(f"{request.node.nodeid} started {', '.join(sorted(set(started)))} and is not marked slow: "
                    f"add @pytest.mark.slow so that the quick set (-m \"not slow and not browser\") stays quick.",
                    pytrace=False)


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@dataclass(frozen=True)
class LessonRuns:
    report: BuildReport  # every lesson brought up to date: "executed" by this worker, or "cached"
    executed: frozenset[str]  # the lessons this test run executed (by whichever xdist worker built them)
    earlier: dict[str, nbformat.NotebookNode]  # per lesson, a stored execution of the same inputs from before
    shared: Path  # a folder of this test run that every xdist worker sees


@pytest.fixture(scope="session")
def lesson_build(request, tmp_path_factory) -> LessonRuns:
    """Every lesson brought up to date by the engine, the way the site build does it: a lesson whose inputs (its
    code, the project files it imports, the library versions ...) changed since it last executed runs again, in
    parallel, one kernel per core; the others come from the cache, which holds what executing them would give
    (``test_two_executions_show_identical_outputs`` compares two executions of every lesson that runs).
    ``COURSE_FRESH=1`` (``make test-fresh``) executes every lesson, keeping what the cache held for the same
    inputs first, for that comparison.

    Under pytest-xdist each worker is its own session: the first to get the lock builds and records what it
    executed in the run's shared folder; the others find the lessons in the cache and read that record.
    """
    settings = BuildSettings.for_project(PROJECT_ROOT, mkdocs_options(PROJECT_ROOT), **fresh_requested())
    shared = run_folder(request, tmp_path_factory)
    record, earlier_dir = shared / "lessons-executed.txt", shared / "earlier"
    with build_lock(shared / "lessons.lock"), build_lock(settings.cache_dir.parent / "build.lock"):
        first = not record.exists()
        fresh = settings.fresh and first
        if fresh:
            earlier_dir.mkdir(exist_ok=True)
            for name, notebook in stored_executions(settings).items():
                nbformat.write(notebook, earlier_dir / f"{name}.ipynb")
        report = build_lessons(replace(settings, fresh=fresh), log=lambda line: None)
        if first:
            record.write_text("\n".join(r.tutorial.name for r in report.results if r.status == "executed"))
    executed = frozenset(filter(None, record.read_text().splitlines()))
    earlier = {path.stem: nbformat.read(path, as_version=4) for path in sorted(earlier_dir.glob("*.ipynb"))}
    return LessonRuns(report, executed, earlier, shared)


def run_folder(request, tmp_path_factory) -> Path:
    """A folder for this test run: under pytest-xdist the one above every worker's own, shared by all of them."""
    if xdist_run(request) is None:
        return tmp_path_factory.getbasetemp()
    return tmp_path_factory.getbasetemp().parent


def xdist_run(request) -> str | None:
    """The id of the pytest-xdist run this process is a worker of, or None when it runs on its own (a pytest
    started by a test inherits the workers' environment variables, so they cannot tell)."""
    workerinput = getattr(request.config, "workerinput", None)
    return workerinput.get("testrunuid") if workerinput else None


def stored_executions(settings: BuildSettings) -> dict[str, nbformat.NotebookNode]:
    """Each lesson's stored execution with the source's current prose, as the build shows it: a prose edit
    executes nothing, so the cache's copy still holds the prose of the run that stored it."""
    cache = NotebookCache(settings.cache_dir)
    environment = environment_digest(settings.dependencies, kernel_fingerprint())
    digests, stored = FileDigests(settings.work_dir), {}
    for path in find_tutorials(settings.source_dir):
        tutorial = read_tutorial(path)
        entry = cache.lookup(tutorial, cache_key(tutorial, environment), digests)
        if entry is not None:
            stored[tutorial.name] = merge_outputs(tutorial.notebook, entry.notebook)
    return stored


@pytest.fixture(scope="session")
def executed_lesson(lesson_build):
    """``executed_lesson("02_activations")`` returns that lesson's execution as the kernel left it (the cache's
    copy: glued values still in the outputs, prose roles unresolved), not the published page."""
    executions = stored_executions(BuildSettings.for_project(PROJECT_ROOT, mkdocs_options(PROJECT_ROOT)))

    def get(name: str) -> nbformat.NotebookNode:
        return executions[name]

    return get


@pytest.fixture(scope="session")
def independent_execution(lesson_build):
    """``independent_execution(name)``: another execution of a lesson this test run executed, for comparing the
    two: the one an earlier build stored for the same inputs, or a new one. The new ones all run at the first
    call, in parallel, through the engine, once for all xdist workers. None for a lesson taken from the cache."""
    second = lesson_build.shared / "second-execution"
    with build_lock(lesson_build.shared / "second-execution.lock"):
        missing = sorted(lesson_build.executed - set(lesson_build.earlier))
        if missing and not (second / "done").exists():
            sources = second / "tutorials_src"
            sources.mkdir(parents=True, exist_ok=True)
            for name in missing:
                shutil.copy2(TUTORIALS / f"{name}.py", sources / f"{name}.py")
            settings = replace(BuildSettings.for_project(PROJECT_ROOT, mkdocs_options(PROJECT_ROOT)), fresh=True,
                               source_dir=sources, cache_dir=second / "cache", output_dir=second / "executed")
            for result in build_lessons(settings, log=lambda line: None).results:
                nbformat.write(result.executed, second / f"{result.tutorial.name}.ipynb")
            (second / "done").write_text("")
    runs = {**{path.stem: nbformat.read(path, as_version=4) for path in second.glob("*.ipynb")},
            **lesson_build.earlier}

    def get(name: str) -> nbformat.NotebookNode | None:
        return runs.get(name) if name in lesson_build.executed else None

    return get


@pytest.fixture(scope="session")
def learner_execution(request, tmp_path_factory):
    """``learner_execution(name, notebook)``: the learner copy ``notebook`` of lesson ``name`` (its exercise with the
    answers blanked) executed by the engine as the build executes a lesson: again when its code, what it imports or
    the libraries changed, else from its own cache (``.cache/learner-copies``); ``make test-fresh`` executes it.
    Of its prose only the header goes along: executing depends on the code alone, and the build would stop at prose
    quoting values that only the blanked answers glue."""
    settings = BuildSettings.for_project(PROJECT_ROOT, mkdocs_options(PROJECT_ROOT), **fresh_requested())
    shared = run_folder(request, tmp_path_factory) / "learner-copies"

    def execute_copy(name: str, notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
        sources = shared / name / "tutorials_src"
        sources.mkdir(parents=True, exist_ok=True)
        header, *rest = notebook.cells  # the title and description every source opens with
        code = nbformat.v4.new_notebook(cells=[header, *(cell for cell in rest if cell.cell_type == "code")],
                                        metadata=notebook.metadata)
        (sources / f"{name}.py").write_text(jupytext.writes(code, fmt="py:percent"), encoding="utf-8")
        # A cache folder per copy: a build prunes the entries of lessons missing from its sources.
        copy_settings = replace(settings, source_dir=sources, output_dir=shared / name / "executed",
                                cache_dir=settings.cache_dir.parent / "learner-copies" / name)
        with build_lock(shared / f"{name}.lock"):
            [result] = build_lessons(copy_settings, log=lambda line: None).results
        return nbformat.read(result.notebook_path, as_version=4)

    return execute_copy


@pytest.fixture(scope="session")
def built_site(request, tmp_path_factory, lesson_build) -> Path:
    """The real site, built once per test run as ``make build`` builds it: ``mkdocs build --strict`` (English),
    then ``-f mkdocs.zh.yml`` into its ``zh/`` folder, for publishing at PUBLISHED_PATH. The lessons it shows are the ones ``lesson_build`` brought
    up to date (the build finds them in the project cache). Each edition's log is kept as ``build.log`` /
    ``zh/build.log``. Under pytest-xdist the workers share one build: the first to get the lock builds it."""
    if xdist_run(request) is None:
        site_dir = tmp_path_factory.mktemp("site")
        problem = build_site(site_dir)
    else:
        shared = tmp_path_factory.getbasetemp().parent  # the run's folder, above every worker's own
        site_dir, outcome = shared / "site", shared / "site.outcome"
        with build_lock(shared / "site.lock"):
            if not outcome.exists():
                outcome.write_text(build_site(site_dir) or "")
            problem = outcome.read_text()
    if problem:
        pytest.fail(problem, pytrace=False)
    return site_dir


def build_site(site_dir: Path) -> str | None:
    """Build both editions into ``site_dir``; None, or what failed.

    The two builds run at once: the Chinese edition needs only the lessons' cache, not the English site. It is
    built beside ``site_dir`` and moved into ``zh/`` afterwards, because the English build empties its folder first.
    """
    chinese = site_dir.with_name(site_dir.name + "-zh")
    builds = []
    for config, target in (("mkdocs.yml", site_dir), ("mkdocs.zh.yml", chinese)):
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(target)],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # Not COURSE_FRESH: the lessons were just brought up to date, and the build must find them.
            env={**{key: value for key, value in os.environ.items() if key != "COURSE_FRESH"},
                 "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1{PUBLISHED_PATH}",
                 # A fixed date for the sitemap's <lastmod> (mkdocs writes the build's day otherwise), so that a
                 # build on another day serves the same bytes and kept browser verdicts still hold.
                 "SOURCE_DATE_EPOCH": "0"},
        )
        builds.append((config, target, process))
    problems = []
    for config, target, process in builds:
        stdout, stderr = process.communicate()
        if process.returncode != 0:
            problems.append(f"mkdocs build --strict -f {config} failed:\n{stdout}\n{stderr}")
        else:
            (target / "build.log").write_text(stderr)
    if problems:
        return "\n".join(problems)
    shutil.rmtree(site_dir / "zh", ignore_errors=True)
    chinese.rename(site_dir / "zh")
    return None

"""make bench: build-time and page-weight figures for the course site, against the plain way of doing the job.

Every build scenario runs in a scratch copy of the project (the checkout's cache is not touched), each timed as a
whole `mkdocs build` and reported as the median of --runs runs, with the lessons each run executed (every distinct
count, and the expected one where a run differs):
  (a) cold build, empty cache            (b) rebuild, nothing changed
  (c) rebuild after editing a docs page, and after editing only a Markdown cell of one lesson
  (d) rebuild after editing a code cell of one lesson (should execute exactly one lesson)
  (e) the same lessons rendered by mkdocs-jupyter's own `execute: true`, its cache off
  (f) the cache keyed on what each lesson imported: edits that must execute nothing, or exactly the lessons
      that import the edited module, and an edit undone (the lesson's previous entry is found again)
  (g) the Chinese edition, built after the English one (it must execute nothing)
  (h) each lesson executed alone, as its own tests execute it (a kernel server started for it, then its kernel);
      first run only
  (i) under `mkdocs serve`, a code edit of lesson 00, then another: the second forks its kernel from the server
      the preview kept; timed by the rebuild time mkdocs logs
Then each lesson page's HTML and image bytes and its weight in Chromium (first run only), and (unless
--skip-test-suite) the warm test suite's time: what `make test` runs (browser tests that passed with the same inputs
skipped, as a contributor's rerun skips them), the same after a contributor's edit of a browser test file and of a
lesson's prose, with every browser test run, without the browser tests, and the quick set (SUITE_RUNS). The suite
runs in the checkout itself, as `make test` does (a warm-up run first, then the timed ones), so lessons whose
inputs changed execute into the checkout's cache.
Budgets and targets printed beside the figures: cold build <= 110 s and at most 0.55 of mkdocs-jupyter's time (e);
each lesson alone <= 30 s; a lesson page's first visit <= 150 KB gzip; `make test` warm <= 120 s (the three warm
runs a contributor repeats).
Prints a table; writes bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import namedtuple
from pathlib import Path

from bench import page_weight

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "mkdocs.zh.yml", "pyproject.toml", "requirements.txt", "docs", "tutorials_src", "hooks",
          "overrides", "course")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def scratch_project(parent: Path) -> Path:
    project = Path(tempfile.mkdtemp(dir=parent))
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    return project


def mkdocs_build(project: Path, config: str = "mkdocs.yml") -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", config], cwd=project, env=ENV,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:  # the scratch copy is removed on the way out: the log is what is left to read
        raise SystemExit(f"bench: mkdocs build -f {config} failed in the scratch copy:\n{result.stderr[-3000:]}")
    return seconds, result.stderr


def executed_count(log: str) -> str:
    match = re.search(r"Lessons: executed (\d+) of (\d+)", log)
    return f"{match.group(1)} of {match.group(2)}" if match else "?"


def executed_names(log: str) -> str:
    """Which lessons a build executed, from its progress lines: "0", or the names."""
    names = re.findall(r"\] (\d\d_\w+)\.py  executed", log)
    return ", ".join(sorted(name[:2] for name in names)) if names else "0"


def importers(project: Path, module: str) -> str:
    """The lessons whose source imports ``module`` (e.g. course.plotting), as their numbers."""
    numbers = [path.name[:2] for path in sorted((project / "tutorials_src").glob("*.py"))
               if re.search(rf"^\s*(from|import) {re.escape(module)}\b", path.read_text(), re.MULTILINE)]
    return ", ".join(numbers) if numbers else "0"


def cache_scenarios(project: Path, run: int) -> list[tuple[str, float, str, str]]:
    """(f): rows (scenario, seconds, lessons executed, lessons expected), on a project whose cache is warm."""
    rows = []

    def measure(name: str, expected: str) -> None:
        seconds, log = mkdocs_build(project)
        rows.append((name, seconds, executed_names(log), expected))

    with (project / "course" / "engine" / "runner.py").open("a") as stream:
        stream.write(f"# bench edit {run}\n")
    measure("(f) comment appended to course/engine/runner.py", "0")
    checker = project / "course" / "exercises" / "deep_neural_networks.py"
    with checker.open("a") as stream:
        stream.write(f"# bench edit {run}\n")
    measure("(f) comment appended to lesson 04's checker", importers(project, "course.exercises.deep_neural_networks"))
    (project / "course" / "plotting" / ".style.py.swp").write_bytes(b"swap file bytes")
    measure("(f) course/plotting/.style.py.swp added", "0")
    style = project / "course" / "plotting" / "style.py"
    original = style.read_text()
    style.write_text(original + f"\nBENCH_EDIT = {run}\n")
    measure("(f) course/plotting/style.py edited", importers(project, "course.plotting"))
    style.write_text(original)
    measure("(f) ... and the edit undone", "0")
    return rows


def serve_scenarios(project: Path, run: int, lesson_name: str) -> list[tuple[str, float, str, str]]:
    """(i): rows as in (f), under `mkdocs serve`: a code edit of one lesson, which starts the preview's kernel
    server, then a second edit, whose kernel is forked from the server the preview kept. The seconds are the
    rebuild's own, as mkdocs logs them."""
    import signal
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_path = project / "serve.log"
    with log_path.open("w") as output:
        # Stopped with Ctrl-C below, which a bench started in the background would have ignored, as would the preview.
        serve = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                 cwd=project, env=ENV, stdout=output, stderr=subprocess.STDOUT,
                                 preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    built = re.compile(r"Documentation built in ([\d.]+) seconds")

    def settled_builds(more_than: int = 0) -> int:
        """The number of builds so far, once there are more than ``more_than`` and the preview has been quiet for
        three seconds."""
        deadline, count, quiet_since = time.monotonic() + 600, -1, time.monotonic()
        while time.monotonic() < deadline and serve.poll() is None:
            now = len(built.findall(log_path.read_text()))
            if now != count:
                count, quiet_since = now, time.monotonic()
            elif count > more_than and time.monotonic() - quiet_since > 3:
                return count
            time.sleep(0.2)
        raise SystemExit(f"bench: mkdocs serve did not settle:\n{log_path.read_text()[-3000:]}")

    rows = []
    try:
        builds = settled_builds()
        lesson = project / "tutorials_src" / lesson_name
        for edit_number, name in enumerate(("(i) serve: a code edit (starts the kernel server)",
                                            "(i) serve: the next code edit (kept server)")):
            before = len(log_path.read_text())
            edit(lesson, "keras.utils.set_random_seed(0)",
                 f"keras.utils.set_random_seed(0)\nserve_edit = {run * 2 + edit_number}")
            builds = settled_builds(more_than=builds)
            log = log_path.read_text()[before:]
            rows.append((name, float(built.findall(log)[-1]), executed_names(log), lesson_name[:2]))
    finally:
        serve.send_signal(signal.SIGINT)
        try:
            serve.wait(60)
        except subprocess.TimeoutExpired:  # not stopped by Ctrl-C: end it, so that no preview outlives the bench
            serve.kill()
            serve.wait()
    return rows


# Run in the scratch project: executes each lesson on its own through the engine and prints its name and seconds.
ALONE = """
import sys, time
from pathlib import Path
from course.engine.execute import execute_tutorial
from course.engine.sources import find_tutorials, read_tutorial
root = Path.cwd()
for path in find_tutorials(root / "tutorials_src"):
    started = time.perf_counter()
    execute_tutorial(read_tutorial(path), work_dir=root, packages=(root / "course",))
    print(path.stem, round(time.perf_counter() - started, 1), flush=True)
"""


def lessons_alone(project: Path) -> list[tuple[str, float]]:
    """(h): each lesson's seconds when it executes by itself, one after another on an otherwise idle machine."""
    result = subprocess.run([sys.executable, "-c", ALONE], cwd=project, env={**ENV, "PYTHONPATH": str(project)},
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"bench: executing the lessons one by one failed:\n{result.stderr[-3000:]}")
    return [(name, float(seconds)) for name, seconds in (line.split() for line in result.stdout.splitlines())]


# What the suite's time is made of: make test's selection as a contributor reruns it (browser tests that passed
# before with the same inputs are skipped: tests/browser/verdicts.py), the same after an edit of one browser test
# file and after a prose edit of one lesson, then with every browser test run (as after a change that reaches every
# page, and as make test-fresh and a fresh clone run them), then without the browser tests, then the quick set the
# README offers (no kernel, no build, no browser). The target, 120 s, is for the warm runs a contributor repeats.
SuiteRun = namedtuple("SuiteRun", "label selection clear_verdicts edit targeted")
SUITE_RUNS = [
    SuiteRun("make test, warm: lessons and passed browser tests kept", "not learner", False, None, True),
    SuiteRun("make test, warm, after an edit of one browser test file", "not learner", False, "browser test", True),
    SuiteRun("make test, warm, after a prose edit of lesson 03", "not learner", False, "prose", True),
    SuiteRun("make test, every browser test run", "not learner", True, None, False),
    SuiteRun("  of which without the browser tests", "not learner and not browser", False, None, False),
    SuiteRun("  the quick set (README: about a minute)", "not slow and not browser", False, None, False),
]
KEPT_VERDICTS = ROOT / ".cache" / "browser-verdicts"


def test_suite_seconds(selection: str, warm_first: bool = False, clear_verdicts: bool = False,
                       edit: str | None = None) -> tuple[float, bool]:
    """The test suite as `make test` runs it in the project, limited to the ``-m`` expression ``selection``
    (lessons whose inputs are unchanged come from the cache, as in the site build): its seconds, and whether it
    passed. ``warm_first`` runs it once before timing, so that the timed run is the warm one a contributor sees;
    ``clear_verdicts`` deletes the kept browser verdicts before the timed run, so every browser test runs; ``edit``
    changes a file for the timed run as a contributor would ("prose": a word added to a prose line of lesson 03;
    "browser test": a comment appended to a browser test file) and puts it back afterwards (the next run then meets
    the original again)."""
    if edit is not None:
        path, original = edited_file(edit)
        try:
            return test_suite_seconds(selection, warm_first, clear_verdicts)
        finally:
            path.write_bytes(original)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "4", "--dist", "worksteal",
               "-m", selection]
    if warm_first:
        subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True)
    if clear_verdicts:
        shutil.rmtree(KEPT_VERDICTS, ignore_errors=True)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    lines = result.stdout.strip().splitlines()
    # A failure shows its assertion lines too: a test that fails once under the bench's load may not fail again.
    reasons = [line for line in lines if line.startswith("E ")][:20] if result.returncode != 0 else []
    print("\n".join(reasons + [line for line in lines if line.startswith(("FAILED", "ERROR"))] + lines[-1:])
          if lines else result.stderr[-500:])
    return seconds, result.returncode == 0


def edited_file(kind: str) -> tuple[Path, bytes]:
    """Make the contributor's edit named ``kind`` (see test_suite_seconds); the file and its bytes before."""
    if kind == "prose":
        path = next((ROOT / "tutorials_src").glob("03_*.py"))
        original = path.read_bytes()
        line = first_markdown_line(path)
        edit(path, line, line + " Edited.")
    elif kind == "browser test":
        path = ROOT / "tests" / "browser" / "test_find_browser.py"
        original = path.read_bytes()
        path.write_bytes(original + b"# a contributor's edit\n")
    else:
        raise ValueError(kind)
    return path, original


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    if old not in text:
        raise SystemExit(f"bench: cannot find {old!r} in {path}")
    path.write_text(text.replace(old, new, 1))


def first_markdown_line(lesson: Path) -> str:
    """A prose line of the lesson's second Markdown cell (not the title), to edit."""
    lines = lesson.read_text().splitlines()
    for index, line in enumerate(lines):
        if line.startswith("# %% [markdown]") and index > 0:
            for candidate in lines[index + 1:]:
                if candidate.startswith("# ") and len(candidate) > 10:
                    return candidate
    raise SystemExit(f"bench: no prose line found in {lesson}")


def plain_anchor_config(project: Path) -> str:
    """A config rendering the lesson sources with mkdocs-jupyter's own execution and no hook, cache off."""
    docs = project / "plain_docs"
    shutil.copytree(project / "docs", docs)
    (docs / "lessons").mkdir()
    for source in sorted((project / "tutorials_src").glob("*.py")):
        shutil.copy2(source, docs / "lessons" / source.name)
    lessons = sorted(path.name for path in (docs / "lessons").glob("*.py"))
    nav = "\n".join(f"  - lessons/{name}" for name in lessons)
    (project / "plain.yml").write_text(
        "site_name: Plain anchor\ndocs_dir: plain_docs\nsite_dir: plain_site\ntheme: {name: material}\n"
        "plugins:\n  - search\n  - mkdocs-jupyter:\n      execute: true\n      cache: false\n"
        '      include: ["lessons/*.py"]\n'
        f"nav:\n  - index.md\n{nav}\n"
    )
    return "plain.yml"


def page_weights(site: Path) -> list[tuple[str, int, int]]:
    rows = []
    for page in sorted((site / "lessons").glob("*/index.html")):
        html = page.read_text()
        images = 0
        for src in set(re.findall(r'<img[^>]+src="([^"]+)"', html)):
            if not src.startswith("data:"):
                images += (page.parent / src).resolve().stat().st_size
        rows.append((page.parent.name, len(html.encode()), images))
    return rows


def distinct_counts(counts: list[str], expected: str) -> str:
    """Each run's count of lessons executed, every distinct one once, and the expected one where a run differs."""
    seen = set(counts)
    return " / ".join(sorted(seen)) + ("" if seen == {expected} else f"  (expected {expected})")


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per scenario (median reported)")
    parser.add_argument("--skip-plain", action="store_true", help="skip (e), the slow mkdocs-jupyter anchor")
    parser.add_argument("--skip-test-suite", action="store_true", help="skip timing the whole test suite")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="course-bench-"))
    figures: dict[str, dict] = {}
    lessons = sorted((ROOT / "tutorials_src").glob("*.py"))
    edited_lesson = lessons[0].name
    try:
        cold, rebuild, docs_edit, prose_edit, code_edit, plain, chinese = [], [], [], [], [], [], []
        executed: dict[str, list[str]] = {key: [] for key in ("a", "b", "c docs", "c prose", "d", "g")}
        cache_runs: list[list[tuple[str, float, str, str]]] = []
        for run in range(args.runs):
            project = scratch_project(scratch)
            seconds, log = mkdocs_build(project)
            cold.append(seconds)
            executed["a"].append(executed_count(log))
            seconds, log = mkdocs_build(project)
            rebuild.append(seconds)
            executed["b"].append(executed_count(log))
            # Before the edits below: a translation must have the English lesson's code, and (d) edits it.
            seconds, log = mkdocs_build(project, "mkdocs.zh.yml")
            chinese.append(seconds)
            executed["g"].append(executed_count(log))
            if run == 0:
                alone = lessons_alone(project)
                weights = page_weights(project / "site")
                site = project / "site"
                pages = page_weight.lesson_pages(site)
                pages += [f"zh/{page}" for page in page_weight.lesson_pages(site / "zh")]
                print(page_weight.report(page_weight.measure_site(site, pages)), flush=True)
            edit(project / "docs" / "index.md", "# Deep Neural Networks", f"# Deep Neural Networks (edit {run})")
            seconds, log = mkdocs_build(project)
            docs_edit.append(seconds)
            executed["c docs"].append(executed_count(log))
            lesson = project / "tutorials_src" / edited_lesson
            line = first_markdown_line(lesson)
            edit(lesson, line, line + f" (edit {run})")
            seconds, log = mkdocs_build(project)
            prose_edit.append(seconds)
            executed["c prose"].append(executed_count(log))
            edit(lesson, "keras.utils.set_random_seed(0)", f"keras.utils.set_random_seed(0)\nbench_edit = {run}")
            seconds, log = mkdocs_build(project)
            code_edit.append(seconds)
            executed["d"].append(executed_count(log))
            cache_runs.append(cache_scenarios(project, run) + serve_scenarios(project, run, edited_lesson))
            if not args.skip_plain:
                plain.append(mkdocs_build(project, plain_anchor_config(project))[0])
                if run == 0:
                    plain_weights = page_weights(project / "plain_site")
            shutil.rmtree(project)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    every, one = f"{len(lessons)} of {len(lessons)}", f"1 of {len(lessons)}"
    nothing = f"0 of {len(lessons)}"

    def counts(key: str, expected: str) -> str:
        return distinct_counts(executed[key], expected)

    rows = [
        ("(a) cold build, empty cache", median(cold), counts("a", every)),
        ("(b) rebuild, nothing changed", median(rebuild), counts("b", nothing)),
        ("(c) rebuild, one docs page edited", median(docs_edit), counts("c docs", nothing)),
        (f"(c) rebuild, prose of {edited_lesson} edited", median(prose_edit), counts("c prose", nothing)),
        (f"(d) rebuild, code of {edited_lesson} edited", median(code_edit), counts("d", one)),
        ("(g) Chinese edition, after the English build", median(chinese), counts("g", nothing)),
    ]
    if plain:
        rows.append(("(e) mkdocs-jupyter execute: true, no cache", median(plain), "all, serial"))
    for number, (name, _, _, expected) in enumerate(cache_runs[0]):
        count = distinct_counts([run[number][2] for run in cache_runs], expected)
        rows.append((name, median([run[number][1] for run in cache_runs]), count))
    print(f"\nBuild times on {os.cpu_count()} cores, median of {args.runs} runs")
    print(f"{'scenario':48} {'seconds':>8}  lessons executed")
    for name, seconds, count in rows:
        print(f"{name:48} {seconds:8.1f}  {count}")
    print(f"cold build {median(cold):.1f} s (budget <= 110 s){'  over budget' if median(cold) > 110 else ''}")
    if plain:
        print(f"ratio (a)/(e): {median(cold) / median(plain):.2f}  (target <= 0.55)")
    print("\n(h) Each lesson executed alone, seconds (budget <= 30 s each)")
    for name, seconds in alone:
        print(f"{name:48} {seconds:8.1f}{'  over budget' if seconds > 30 else ''}")
    print("\nLesson pages (HTML excluding images; figures are separate WebP files)")
    print(f"{'page':26} {'HTML KB':>8} {'images KB':>10}" + (f" {'plain HTML KB':>14}" if plain else ""))
    plain_by_name = {name: html for name, html, _ in plain_weights} if plain else {}
    for name, html, images in weights:
        extra = f" {plain_by_name.get(name, 0) / 1024:14.0f}" if plain else ""
        print(f"{name:26} {html / 1024:8.1f} {images / 1024:10.1f}{extra}")
    suite, parts, failed = None, {}, []
    if not args.skip_test_suite:
        print("\nTest suite, four workers")
        for position, run in enumerate(SUITE_RUNS):
            parts[run.label], passed = test_suite_seconds(run.selection, warm_first=position == 0,
                                                          clear_verdicts=run.clear_verdicts, edit=run.edit)
            if not passed:
                failed.append(run.label)
        suite = parts[SUITE_RUNS[0].label]
        for run in SUITE_RUNS:
            target = "  (target <= 120 s)" if run.targeted else ""
            verdict = "  FAILED: a failing run's time says little" if run.label in failed else ""
            print(f"{run.label:56} {parts[run.label]:6.1f} s{target}{verdict}")
    results = {
        "cores": os.cpu_count(), "runs": args.runs, "test_suite_seconds": suite and round(suite, 1),
        "test_suite_parts_seconds": {label.strip(): round(seconds, 1) for label, seconds in parts.items()},
        "test_suite_failed": failed,
        "seconds": {name: round(seconds, 2) for name, seconds, _ in rows},
        "lesson_alone_seconds": dict(alone),
        "executed": {name: count for name, _, count in rows},
        "pages": [{"page": name, "html_bytes": html, "image_bytes": images} for name, html, images in weights],
    }
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()

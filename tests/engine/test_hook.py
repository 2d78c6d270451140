"""The engine inside a real `mkdocs build`: settings from mkdocs.yml, one-sentence setting errors, the
rendered-page cache validated, concurrent builds, and nothing of the build machine on the published site."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

GOOD = "# %% [markdown]\n# # Only\n# The only lesson.\n\n# %%\nprint(6 * 7)\n"


def site(root: Path, lesson: str = GOOD, course: str = "") -> Path:
    """A minimal site using the project's hook and mkdocs-jupyter (its cache on), with one lesson."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n")
    (root / "tutorials_src").mkdir()
    (root / "tutorials_src" / "01_only.py").write_text(lesson)
    extra = f"extra:\n  course:\n{textwrap.indent(course, '    ')}\n" if course else ""
    (root / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: Fixture
        theme: {{name: material, font: false}}
        plugins:
          - mkdocs-jupyter:
              execute: false
              allow_errors: false
              include: ["lessons/*.ipynb"]
              cache_dir: .cache/mkdocs-jupyter
        hooks:
          - {PROJECT_ROOT / "hooks" / "tutorials.py"}
        nav:
          - index.md
          - lessons/01_only.ipynb
        """) + extra)
    return root


def mkdocs_build(root: Path, cwd: Path | None = None, *options: str, **environment) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(PROJECT_ROOT), **environment}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *options,
                           "-f", str(root / "mkdocs.yml")],
                          cwd=cwd or root, capture_output=True, text=True, env=env)


@pytest.mark.slow
def test_settings_in_mkdocs_yml_take_effect(tmp_path):
    root = site(tmp_path, GOOD.replace("print(6 * 7)", "import time\ntime.sleep(30)"), course="timeout: 2")
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "tutorials_src/01_only.py, line 6 (cell 2) ran past the 2 s per-cell timeout" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("variable", "value"),
    [("COURSE_JOBS", "abc"), ("COURSE_JOBS", "0"), ("COURSE_JOBS", "-1"), ("COURSE_TIMEOUT", "-5"),
     ("COURSE_FRESH", "no-thanks")],
)
def test_an_invalid_variable_stops_the_build_with_one_sentence(tmp_path, variable, value):
    result = mkdocs_build(site(tmp_path), **{variable: value})
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if variable in line]
    assert len(errors) == 1 and f"{variable}={value!r} is invalid; it accepts" in errors[0]
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_an_invalid_mkdocs_option_stops_the_build_with_one_sentence(tmp_path):
    result = mkdocs_build(site(tmp_path, course="jobs: many"))
    assert result.returncode != 0
    assert "mkdocs.yml: 'course: jobs: many' is invalid; it accepts a whole number of kernels, 1 or more." in result.stderr


@pytest.fixture(scope="module")
def built_fixture_site(tmp_path_factory) -> Path:
    root = site(tmp_path_factory.mktemp("cached") / "project")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root


def render_cache_files(root: Path) -> list[Path]:
    return sorted((root / ".cache" / "mkdocs-jupyter").rglob("*.json"))


@pytest.mark.slow
def test_a_damaged_rendered_page_cache_file_costs_one_warning_not_the_build(built_fixture_site):
    [cached] = render_cache_files(built_fixture_site)
    cached.write_text(cached.read_text()[:100])
    result = mkdocs_build(built_fixture_site)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(f"Rendered-page cache file {cached} is damaged") == 1
    assert "42" in (built_fixture_site / "site" / "lessons" / "01_only" / "index.html").read_text()
    assert json.loads(cached.read_text())["content"]  # rendered and stored again


@pytest.mark.slow
def test_fresh_renders_every_page_again_and_the_caches_stay_under_the_project_root(built_fixture_site, tmp_path):
    cuts = built_fixture_site / ".cache" / "theme-css"
    assert list(cuts.glob("main-*.css")), "the earlier build kept its cut of the theme's main stylesheet"
    old_cut = cuts / "main-from-an-earlier-build-0000000000000000.css"
    old_cut.write_text("a{}")
    # -v: mkdocs-jupyter reports each page it renders only in verbose builds.
    result = mkdocs_build(built_fixture_site, tmp_path, "-v", COURSE_FRESH="1")
    assert result.returncode == 0, result.stderr
    assert "executed 1 of 1" in result.stderr
    assert "Cache miss" in result.stderr or "Converting notebook" in result.stderr
    assert "Lesson pages: 1 finished, 0 from the page cache" in result.stderr, "fresh finishes every page again"
    assert not old_cut.exists() and list(cuts.glob("main-*.css")), "fresh cuts the theme's stylesheets again"
    assert not (tmp_path / ".cache").exists()
    assert render_cache_files(built_fixture_site)


@pytest.mark.slow
def test_two_builds_at_once_both_succeed(built_fixture_site):
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: mkdocs_build(built_fixture_site), range(2)))
    assert [result.returncode for result in results] == [0, 0], [result.stderr[-2000:] for result in results]
    assert "42" in (built_fixture_site / "site" / "lessons" / "01_only" / "index.html").read_text()


@pytest.mark.slow
def test_the_published_site_holds_no_path_of_the_build_machine(built_site):
    """Lesson 03's deliberate traceback included: library files appear by their package path."""
    offenders = []
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".ipynb", ".js", ".txt", ".xml", ".py"}:
            text = path.read_text(errors="replace")
            for needle in (str(PROJECT_ROOT), sys.prefix, "site-packages"):
                if needle in text:
                    offenders.append(f"{path.relative_to(built_site)}: {needle}")
    assert offenders == []
    stacking = (built_site / "lessons" / "03_stacking" / "index.html").read_text()
    assert "keras/src/" in stacking


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_mkdocs_serve_forks_each_code_edits_kernel_from_one_kept_server_and_stops_it_on_ctrl_c(tmp_path):
    """The live preview's kernel server outlives a rebuild, so a second code edit does not import the libraries
    again; Ctrl-C stops it with the preview."""
    import signal
    import time
    import urllib.request

    from course.engine.warm_kernels import _running

    lesson = "# %% [markdown]\n# # Only\n# The only lesson.\n\n# %%\nimport os\nprint('edit 0 parent', os.getppid())\n"
    root = site(tmp_path, lesson)
    with (root / "mkdocs.yml").open("a") as config:
        config.write("watch:\n  - tutorials_src\n")  # as the project's mkdocs.yml has it
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        # Ctrl-C as in a terminal: a test run started in the background (`make test &` in a script) has SIGINT
        # ignored, and the preview would inherit that and never stop.
        serve = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                 cwd=root, stdout=output, stderr=subprocess.STDOUT,
                                 env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(PROJECT_ROOT)},
                                 preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))

    def wait_for(condition, what: str):
        deadline = time.monotonic() + 120
        while not condition():
            assert serve.poll() is None and time.monotonic() < deadline, f"{what}:\n{log.read_text()[-3000:]}"
            time.sleep(0.2)

    def parent_pid(edit: int) -> int:
        def shown() -> str:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/lessons/01_only/", timeout=5) as page:
                    return page.read().decode()
            except OSError:
                return ""
        printed = re.compile(rf"edit {edit} parent (\d+)")  # the output; the code shows os.getppid()
        wait_for(lambda: printed.search(shown()), f"edit {edit} never reached the page")
        return int(printed.search(shown())[1])

    try:
        parents = []
        for edit in (0, 1, 2):
            if edit:
                source = root / "tutorials_src" / "01_only.py"
                source.write_text(source.read_text().replace(f"edit {edit - 1} parent", f"edit {edit} parent"))
            parents.append(parent_pid(edit))
        assert parents[0] == parents[1] == parents[2], f"each edit's kernel forked from one server: {parents}"
        assert _running(parents[0])
    finally:
        serve.send_signal(signal.SIGINT)  # Ctrl-C
        try:
            serve.wait(30)
        except subprocess.TimeoutExpired:
            serve.kill()
            pytest.fail(f"mkdocs serve still ran 30 s after Ctrl-C:\n{log.read_text()[-3000:]}")
    deadline = time.monotonic() + 10
    while _running(parents[0]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(parents[0]), "the kept kernel server outlived the preview"

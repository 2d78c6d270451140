"""A default build prints one line per lesson, the summary and MkDocs' own start and finish lines; -v adds detail."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT
from tests.test_site_build import GOOD, fixture_site

LESSONS = sorted(path.stem for path in (PROJECT_ROOT / "tutorials_src").glob("*.py"))
pytestmark = pytest.mark.slow  # each test builds a site

CHATTER = ("Converting notebook", "Cache miss", "Cache hit", "Editable", "end of life", "Traceback")


def build(root: Path, *options: str, env: dict[str, str] | None = None) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *options], cwd=root,
                            capture_output=True, text=True, env=env or {**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return (result.stdout + result.stderr).splitlines()


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    """A one-lesson site built once: its lesson executed and mkdocs-jupyter's own cache filled, so that the tests
    see what a build prints when the lesson comes from the cache."""
    root = fixture_site(tmp_path_factory.mktemp("quiet"), GOOD, extra_config="not_in_nav: execution-times.md")
    build(root)
    return root


def test_the_page_renderer_speaks_only_under_verbose(built_once):
    root = built_once
    quiet = build(root)
    assert [line for line in quiet if any(word in line for word in CHATTER)] == []
    assert [line.split("-  ", 1)[-1] for line in quiet] == [
        "Cleaning site directory",
        f"Building documentation to directory: {root / 'site'}",
        "[1/1] 01_only.py  cached",
        "Lessons: executed 0 of 1 (1 cached) in " + quiet[3].rsplit(" in ", 1)[-1],
        "Documentation built in " + quiet[4].rsplit(" in ", 1)[-1],
    ]
    verbose = build(root, "-v")
    assert any("Cache hit" in line for line in verbose), "mkdocs -v shows the page renderer's lines again"


@pytest.mark.slow
def test_the_site_build_log_has_one_line_per_lesson_and_at_most_six_more(built_site):
    lines = (built_site / "build.log").read_text().splitlines()
    assert [line for line in lines if any(word in line for word in CHATTER)] == []
    assert len(lines) <= len(LESSONS) + 6, "\n".join(lines)


def test_plain_mkdocs_from_the_made_venv_prints_no_end_of_life_notice(built_once):
    purelib = Path(sysconfig.get_path("purelib"))
    if not (purelib / "course-project.pth").is_file():
        pytest.skip("this .venv was not made by `make`, which writes course-project.pth")
    environment = {name: value for name, value in os.environ.items() if name != "NO_MKDOCS_2_WARNING"}
    lines = build(built_once, env=environment)
    assert [line for line in lines if any(word in line for word in CHATTER)] == []
    assert len(lines) == 5, "\n".join(lines)


def test_the_readme_names_every_folder_the_build_caches_in(built_site):
    readme = (PROJECT_ROOT / "README.md").read_text()
    folders = sorted(f".cache/{path.name}/" for path in (PROJECT_ROOT / ".cache").iterdir() if path.is_dir())
    assert folders, "the build keeps its caches under .cache/"
    assert [folder for folder in folders if f"`{folder}`" not in readme] == []

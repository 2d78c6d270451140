"""Adding a lesson exactly as the README says (its example source, one nav line, its example test file) keeps every
check green, and the home page lists the new lesson without being edited."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from course.engine.lesson_index import lesson_names
from tests.conftest import PROJECT_ROOT, TUTORIALS

pytestmark = pytest.mark.slow

NAV_LESSON_LINE = re.compile(r"^(?P<indent>\s*)- lessons/\d{2}_[a-z0-9_]+\.ipynb\s*$", re.MULTILINE)


def readme_examples() -> tuple[str, str]:
    """The lesson source and the lesson test file that the README's "Adding a lesson" shows, unindented."""
    readme = (PROJECT_ROOT / "README.md").read_text()
    section = readme.split("## Adding a lesson", 1)[1].split("\n## ", 1)[0]
    blocks = [textwrap.dedent(block) for block in re.findall(r"```python\n(.*?)^\s*```", section, re.S | re.M)]
    assert len(blocks) == 2, "the README shows a lesson source, then its test file"
    return blocks[0], blocks[1]


def copy_project(target: Path) -> Path:
    """The project's files as git sees them (tracked, and new files not ignored), and the build's caches."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=PROJECT_ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = PROJECT_ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    if (PROJECT_ROOT / ".cache").is_dir():  # so that only the new lesson executes
        shutil.copytree(PROJECT_ROOT / ".cache", target / ".cache", symlinks=True)
    return target


def add_lesson_as_the_readme_says(project: Path) -> str:
    numbers = [int(name[:2]) for name in lesson_names(TUTORIALS)]
    name = f"{max(numbers) + 1:02d}_optimizers"
    source, test_file = readme_examples()
    (project / "tutorials_src" / f"{name}.py").write_text(source)
    (project / "tests" / "lessons" / f"test_{name}.py").write_text(
        test_file.replace("NN_topic", name).replace("Lesson NN", f"Lesson {name[:2]}"))
    config = (project / "mkdocs.yml").read_text()
    last = list(NAV_LESSON_LINE.finditer(config))[-1]
    nav_line = f"\n{last['indent']}- lessons/{name}.ipynb"
    (project / "mkdocs.yml").write_text(config[:last.end()] + nav_line + config[last.end():])
    return name


def test_a_lesson_added_per_the_readme_passes_the_checks_and_reaches_the_home_page(built_site, tmp_path):
    project = copy_project(tmp_path / "project")
    name = add_lesson_as_the_readme_says(project)
    environment = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
    checks = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "tests/test_lesson_list.py",
         "tests/test_tutorials.py", f"tests/lessons/test_{name}.py", "-k", f"{name} or nav or home_page or readme"],
        cwd=project, env=environment, capture_output=True, text=True,
    )
    assert checks.returncode == 0, checks.stdout[-4000:] + checks.stderr[-2000:]
    summary = checks.stdout.strip().splitlines()[-1]
    assert re.match(r"\d+ passed", summary) and "failed" not in summary and "error" not in summary, summary
    passed = int(summary.split()[0])
    assert passed >= 9, f"the new lesson's own test, its header, output, alt text and repeat-run checks: {summary}"

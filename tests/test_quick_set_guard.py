"""The quick set's guard (tests/conftest.py): a test that starts a kernel or a site build, itself or through a
session or module fixture it asks for, fails unless it is marked slow."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.slow  # it runs pytest in a process of its own

TESTS = textwrap.dedent('''
    import subprocess, sys
    import pytest

    @pytest.fixture(scope="module")
    def site():  # as built_site or executed_lesson would: the first test to ask pays for it
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--help"], capture_output=True, check=True)

    def test_unmarked_user_of_the_fixture(site):
        pass

    @pytest.mark.slow
    def test_marked_user_of_the_fixture(site):
        pass
''')


def run_pytest(test_file, *selection: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-c", "pyproject.toml", "-p", "no:cacheprovider", "-p", "tests.conftest", "-q",
         str(test_file), *selection],
        cwd=PROJECT_ROOT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}, capture_output=True, text=True)


def test_a_quick_test_whose_module_fixture_runs_mkdocs_build_fails_saying_which_fixture(tmp_path):
    test_file = tmp_path / "test_uses_a_built_site.py"
    test_file.write_text(TESTS)
    quick = run_pytest(test_file, "-m", "not slow and not browser")
    assert quick.returncode == 1, quick.stdout
    assert ("test_unmarked_user_of_the_fixture started `mkdocs build` (fixture site) and is not marked slow"
            in quick.stdout), quick.stdout
    marked = run_pytest(test_file, "-m", "slow")
    assert marked.returncode == 0, marked.stdout

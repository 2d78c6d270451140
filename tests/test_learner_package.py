"""The helper package as a reader installs it: quiet TensorFlow from the first cell, and (marker `learner`) the
whole install from what the site publishes, reproducing the site's outputs."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys

import nbformat
import pytest

import course
from course.engine.execute import KERNEL_ENVIRONMENT
from course.exercises import CORRECT, OPEN, CheckResult
from tests.conftest import PROJECT_ROOT


def test_the_package_sets_the_build_kernels_tensorflow_environment():
    assert course.QUIET_TENSORFLOW, "the package quiets TensorFlow"
    assert {name: KERNEL_ENVIRONMENT[name] for name in course.QUIET_TENSORFLOW} == course.QUIET_TENSORFLOW


def test_importing_the_package_sets_defaults_and_keeps_the_readers_own_values():
    probe = "import os, course; print(os.environ['TF_CPP_MIN_LOG_LEVEL'], os.environ['TF_DETERMINISTIC_OPS'])"
    environment = {name: value for name, value in os.environ.items() if not name.startswith(("TF_", "GRPC_"))}
    environment["TF_CPP_MIN_LOG_LEVEL"] = "1"
    result = subprocess.run([sys.executable, "-c", probe], env=environment, capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["1", "1"]


# --- a reader's install, from what the site publishes (minutes: run with `make test-learner`) -------------------

EXERCISE = "04_exercise_concrete"
REPRODUCED = ("01_layers", "05_training")  # lessons whose printed outputs a reader's run must match exactly
CHECK_CALL = re.compile(r"^q_([1-9])\.check\(\)\s*$", re.MULTILINE)
CORRECT_LABEL = CheckResult(CORRECT, "").label
OPEN_LABEL = CheckResult(OPEN, "").label
BLANK_ANSWER = re.compile(r"=\s*____\b")


def home_page_commands() -> list[str]:
    """The shell commands under the home page's "Run a lesson yourself", in order."""
    section = (PROJECT_ROOT / "docs" / "index.md").read_text().split("## Run a lesson yourself", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "the home page gives the commands in a ```sh block"
    return [line.split("  #", 1)[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_the_home_page_commands_install_the_zip_and_open_the_exercise():
    commands = home_page_commands()
    assert len(commands) == 3 and commands[0].startswith("python3 -m venv ")
    assert "pip install course-helpers.zip" in commands[1]
    assert commands[2].endswith(f"jupyter lab {EXERCISE}_learner.ipynb")


def with_solutions(learner: nbformat.NotebookNode, lesson: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The learner's notebook with each blank question cell replaced by that question's solution cell."""
    solutions = {int(match.group(1)): cell.source for cell in lesson.cells
                 if "solution" in cell.metadata.get("tags", []) and (match := CHECK_CALL.search(cell.source))}
    filled = nbformat.from_dict(learner)
    for cell in filled.cells:
        match = CHECK_CALL.search(cell.source) if cell.cell_type == "code" else None
        if match and "____" in cell.source:
            cell.source = solutions[int(match.group(1))]
    blanks = [cell.source for cell in filled.cells if cell.cell_type == "code" and BLANK_ANSWER.search(cell.source)]
    assert blanks == [], "every blank answer is filled"
    return filled


def printed(notebook: nbformat.NotebookNode) -> list[str]:
    """What the code cells printed (stdout), cell by cell."""
    return ["".join(output.text for output in cell.get("outputs", [])
                    if output.output_type == "stream" and output.name == "stdout")
            for cell in notebook.cells if cell.cell_type == "code"]


def stderr_of(notebook: nbformat.NotebookNode) -> list[str]:
    return [output.text for cell in notebook.cells for output in cell.get("outputs", [])
            if output.output_type == "stream" and output.name == "stderr"]


def without_outputs(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    cleared = nbformat.from_dict(notebook)
    for cell in cleared.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return cleared


@pytest.mark.slow
@pytest.mark.learner
def test_a_reader_reproduces_the_site_from_the_published_zip_alone(built_site, tmp_path):
    downloads = built_site / "downloads"
    for name in ["course-helpers.zip", f"{EXERCISE}_learner.ipynb"]:
        shutil.copy(downloads / name, tmp_path / name)
    site = {name: nbformat.read(downloads / f"{name}.ipynb", as_version=4) for name in (*REPRODUCED, EXERCISE)}
    exercise = with_solutions(nbformat.read(tmp_path / f"{EXERCISE}_learner.ipynb", as_version=4), site[EXERCISE])
    nbformat.write(exercise, tmp_path / f"{EXERCISE}_learner.ipynb")
    for name in REPRODUCED:
        nbformat.write(without_outputs(site[name]), tmp_path / f"{name}.ipynb")

    # A reader's shell: nothing of this checkout or of the test run leaks into the new environment.
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith(("PYTHON", "TF_", "GRPC_", "COURSE_", "VIRTUAL_ENV", "JUPYTER", "PYTEST"))}
    *setup, open_exercise = home_page_commands()
    for command in setup:  # the commands as the home page gives them
        result = subprocess.run(command, shell=True, cwd=tmp_path, env=environment, capture_output=True, text=True)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    # Headless, instead of opening JupyterLab: the same environment's `jupyter`, executing in place.
    jupyter = shlex.split(open_exercise)[0]
    for notebook in [f"{EXERCISE}_learner.ipynb", *(f"{name}.ipynb" for name in REPRODUCED)]:
        result = subprocess.run([str(tmp_path / jupyter), "execute", "--inplace", notebook], cwd=tmp_path,
                                env=environment, capture_output=True, text=True)
        assert result.returncode == 0, f"{notebook}\n{result.stderr[-3000:]}"

    ran = nbformat.read(tmp_path / f"{EXERCISE}_learner.ipynb", as_version=4)
    verdicts = {int(CHECK_CALL.search(cell.source).group(1)): output.data["text/plain"]
                for cell in ran.cells if cell.cell_type == "code" and CHECK_CALL.search(cell.source)
                for output in cell.outputs if output.output_type == "execute_result"}
    assert sorted(verdicts) == [1, 2, 3, 4]
    assert all(verdicts[number].startswith(f"{CORRECT_LABEL}:") for number in (1, 2, 3)), verdicts
    assert verdicts[4].startswith(f"{OPEN_LABEL}:"), verdicts  # question 4 is open
    assert stderr_of(ran) == []
    for name in REPRODUCED:
        reader = nbformat.read(tmp_path / f"{name}.ipynb", as_version=4)
        assert stderr_of(reader) == [], name
        assert printed(reader) == printed(site[name]), f"{name} printed something other than the site shows"

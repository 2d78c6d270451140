"""Every lesson in tutorials_src/ executes fresh through the one executor, and its page output is clean."""

from __future__ import annotations

import re
import unicodedata

import pytest

from course.engine.outputs import shorten_paths
from course.engine.sources import find_tutorials, read_tutorial
from tests.conftest import PROJECT_ROOT, TUTORIALS
from tests.helpers import alt_text, image_outputs, outputs_text, stderr_outputs

pytestmark = pytest.mark.slow

LESSONS = [path.stem for path in find_tutorials(TUTORIALS)]


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_source_is_valid(name):
    tutorial = read_tutorial(TUTORIALS / f"{name}.py")
    assert tutorial.title and tutorial.description
    for source in (TUTORIALS / f"{name}.py", TUTORIALS / "zh" / f"{name}.py"):
        if source.exists():  # the home page's table and the page's meta description show it: a whole sentence
            assert read_tutorial(source).description.endswith((".", "。")), source
    assert "keras.utils.set_random_seed(0)" in "".join(
        cell.source for cell in tutorial.notebook.cells if cell.cell_type == "code"
    ), "seeds are set visibly in every lesson"


# A lesson page shows 79 characters of a code line at the usual laptop widths (measured in Chromium at 1280 and
# 1440 px: a 646 px code column, 7.8 px per character), 77 in a folded solution, whose frame takes some of the
# width; the end of a longer line hides behind a scroll bar.
CODE_COLUMNS = 79
SOLUTION_CODE_COLUMNS = 77


SOURCES = [*LESSONS, *(f"zh/{path.stem}" for path in find_tutorials(TUTORIALS / "zh"))]


def columns_taken(line: str) -> int:
    """The character columns a code line takes: a Chinese character (a translated comment) about two."""
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in line)


@pytest.mark.parametrize("name", SOURCES)
def test_code_lines_fit_the_pages_code_column(name):
    path = TUTORIALS / f"{name}.py"
    file_lines = path.read_text(encoding="utf-8").splitlines()
    long = []
    for cell in read_tutorial(path).notebook.cells:
        if cell.cell_type == "code":
            columns = SOLUTION_CODE_COLUMNS if "solution" in cell.metadata.get("tags", []) else CODE_COLUMNS
            long += [(line, columns) for line in cell.source.splitlines() if columns_taken(line) > columns]
    where = [f"line {file_lines.index(line) + 1} ({columns_taken(line)} columns, at most {columns})"
             for line, columns in long]
    assert where == [], f"{name}.py: code lines wider than the page's code column: {', '.join(where)}"


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_executes_with_clean_output(executed_lesson, name):
    notebook = executed_lesson(name)
    assert stderr_outputs(notebook) == []
    text = outputs_text(notebook)
    assert "\x08" not in text and not re.search(r"\d+/\d+ ━", text), "progress-bar debris: use verbose=0"
    for cell in notebook.cells:
        errors = [output for output in cell.get("outputs", []) if output.output_type == "error"]
        if errors:
            assert "raises-exception" in cell.metadata.get("tags", []), cell.source


@pytest.mark.parametrize("name", LESSONS)
def test_every_figure_has_descriptive_alt_text(executed_lesson, name):
    for output in image_outputs(executed_lesson(name)):
        assert len(alt_text(output).split()) >= 4, alt_text(output)


def code_outputs(notebook) -> list:
    return [cell.outputs for cell in notebook.cells if cell.cell_type == "code"]


@pytest.mark.parametrize("name", LESSONS)
def test_two_executions_show_identical_outputs(independent_execution, executed_lesson, name):
    """This session's execution and another one (an earlier build's, or a second run) agree byte for byte, so
    numbers quoted in the prose cannot drift between builds."""
    other = independent_execution(name)
    if other is None:
        pytest.skip("not executed this session (its inputs are unchanged since it was stored); make test-fresh "
                    "executes and compares every lesson")
    other = shorten_paths(other, PROJECT_ROOT)
    assert code_outputs(other) == code_outputs(shorten_paths(executed_lesson(name), PROJECT_ROOT))

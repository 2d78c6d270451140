"""Drift: the cells whose outputs changed between two executions of a lesson, logged and kept for --drift."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from course.engine import BuildSettings, build_lessons
from course.engine.__main__ import main
from course.engine.drift import changed_cells, drift_line, last_report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tutorials"


def notebook(*cells: tuple[str, list]) -> nbformat.NotebookNode:
    """A notebook of a title cell then code cells given as (source, outputs)."""
    built = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title\nText.")])
    for count, (source, outputs) in enumerate(cells, start=1):
        cell = nbformat.v4.new_code_cell(source, execution_count=count)
        cell.outputs = [nbformat.from_dict(output) for output in outputs]
        built.cells.append(cell)
    return built


def stream(text: str) -> dict:
    return nbformat.v4.new_output("stream", name="stdout", text=text)


def result(text: str) -> dict:
    return nbformat.v4.new_output("execute_result", data={"text/plain": text}, execution_count=1)


def test_identical_outputs_have_no_drift_whatever_the_execution_counts():
    before = notebook(("a = 1", []), ("print(a)", [stream("1\n")]))
    after = notebook(("a = 1", []), ("print(a)", [stream("1\n")]))
    after.cells[2].execution_count = 7
    assert changed_cells(before, after) == []


def test_changed_outputs_are_named_by_cell_number():
    before = notebook(("x", [result("1.25")]), ("y", [stream("4.27\n")]), ("z", [result("'elu'")]))
    after = notebook(("x", [result("1.25")]), ("y", [stream("4.31\n")]), ("z", [result("'selu'")]))
    assert changed_cells(before, after) == [3, 4]


def test_a_stream_split_differently_is_the_same_output():
    before = notebook(("print('a'); print('b')", [stream("a\n"), stream("b\n")]))
    after = notebook(("print('a'); print('b')", [stream("a\nb\n")]))
    assert changed_cells(before, after) == []


def test_an_inserted_cell_does_not_shift_the_comparison_of_the_others():
    before = notebook(("x", [result("1")]), ("y", [result("2")]))
    after = notebook(("x", [result("1")]), ("new", [result("9")]), ("y", [result("2")]))
    assert changed_cells(before, after) == [3]


def test_an_edited_cell_is_compared_with_the_one_it_replaced():
    before = notebook(("random.seed(1)", [stream("0.13\n")]), ("z", [result("2")]))
    after = notebook(("random.seed(2)", [stream("0.95\n")]), ("z", [result("2")]))
    assert changed_cells(before, after) == [2]
    same = notebook(("random.seed(3)", [stream("0.13\n")]), ("z", [result("2")]))
    assert changed_cells(before, same) == []


def test_figure_alt_text_changes_count_as_drift():
    figure = {"output_type": "display_data", "data": {"image/png": "AAAA"}, "metadata": {"image/png": {"alt": "a"}}}
    moved = {**figure, "metadata": {"image/png": {"alt": "b"}}}
    assert changed_cells(notebook(("show()", [figure])), notebook(("show()", [moved]))) == [2]


@pytest.mark.parametrize(("cells", "line"), [
    ([], "05_training: no cell's outputs changed"),
    ([14], "05_training: outputs of cell 14 changed"),
    ([14, 18], "05_training: outputs of cells 14 and 18 changed"),
    ([14, 18, 21], "05_training: outputs of cells 14, 18 and 21 changed"),
])
def test_drift_line_reads_as_a_sentence(cells, line):
    assert drift_line("05_training", cells) == line


def settings(root: Path, **overrides) -> BuildSettings:
    values = dict(source_dir=root / "tutorials_src", cache_dir=root / ".cache" / "tutorials",
                  output_dir=root / ".cache" / "executed", work_dir=root, jobs=2, timeout=60)
    values.update(overrides)
    return BuildSettings(**values)


@pytest.mark.slow
def test_a_code_edit_logs_the_changed_cells_and_drift_prints_them_again(tmp_path, monkeypatch, capsys):
    shutil.copytree(FIXTURES, tmp_path / "tutorials_src")
    first: list[str] = []
    build_lessons(settings(tmp_path), log=first.append)
    assert not [line for line in first if "changed" in line], "a first execution has nothing to compare with"

    source = tmp_path / "tutorials_src" / "02_second.py"
    source.write_text(source.read_text().replace("random.seed(1)", "random.seed(2)"))
    second: list[str] = []
    build_lessons(settings(tmp_path), log=second.append)
    assert "02_second: outputs of cell 2 changed" in second
    assert not [line for line in second if line.startswith("01_first:")], "a cached lesson is not compared"

    third: list[str] = []
    build_lessons(settings(tmp_path), log=third.append)  # all cached: the last report stays
    assert last_report(tmp_path / ".cache" / "tutorials") == ["02_second: outputs of cell 2 changed"]

    monkeypatch.chdir(tmp_path)
    assert main(["--drift"]) == 0
    assert capsys.readouterr().out == "02_second: outputs of cell 2 changed\n"


@pytest.mark.slow
def test_a_fresh_build_compares_with_the_execution_it_replaces(tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "tutorials_src")
    (tmp_path / "tutorials_src" / "01_first.py").unlink()
    build_lessons(settings(tmp_path), log=lambda _: None)
    lines: list[str] = []
    build_lessons(settings(tmp_path, fresh=True), log=lines.append)
    assert "02_second: no cell's outputs changed" in lines


def test_drift_without_a_report_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["--drift"]) == 0
    assert "No build has re-executed a lesson" in capsys.readouterr().out

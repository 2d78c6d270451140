import base64
import re
import struct
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from course.engine.errors import CellError
from course.engine.execute import execute_tutorial, merge_adjacent_streams
from course.engine.sources import read_tutorial
from course.engine.tracebacks import describe_failure

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tutorials"


def lesson(folder: Path, body: str, name: str = "01_case.py"):
    path = folder / name
    path.write_text("# %% [markdown]\n# # Case\n# A test lesson.\n\n" + body, encoding="utf-8")
    return read_tutorial(path)


def texts(cell) -> str:
    return "".join(output.get("text", "") for output in cell.outputs)


@pytest.fixture(scope="module")
def first_fixture(tmp_path_factory) -> tuple[nbformat.NotebookNode, Path]:
    """The fixture lesson 01_first.py executed once for the tests that only read its outputs, and its work dir."""
    work_dir = tmp_path_factory.mktemp("work")
    return execute_tutorial(read_tutorial(FIXTURES / "01_first.py"), work_dir=work_dir).notebook, work_dir


@pytest.mark.slow
def test_executes_in_the_work_dir_with_quiet_tensorflow_settings(first_fixture):
    executed, work_dir = first_fixture
    first = texts(executed.cells[1])
    assert f"working directory: {work_dir}" in first
    assert "oneDNN: 0 C++ log level: 3" in first


@pytest.mark.slow
def test_c_level_stderr_stays_off_the_page_but_python_output_stays(first_fixture):
    cell = first_fixture[0].cells[3]
    assert texts(cell) == "sum: 45\n"
    assert all(output.get("name") != "stderr" for output in cell.outputs)


@pytest.mark.slow
def test_raises_exception_tag_keeps_the_error_and_goes_on(first_fixture):
    executed = first_fixture[0]
    errors = [output for output in executed.cells[4].outputs if output.output_type == "error"]
    assert [error.ename for error in errors] == ["KeyError"]
    figure_outputs = executed.cells[5].outputs
    assert any("image/png" in output.get("data", {}) for output in figure_outputs)


@pytest.mark.slow
def test_a_plain_matplotlib_figure_is_one_png_at_100_dpi_without_the_software_tag(first_fixture):
    """The kernel set-up configures the inline backend that matplotlib loads at the first figure: PNG only, the
    figure's 6.4 x 4.8 inches at 100 dpi (trimmed to what is drawn), and no "Software" line naming the library
    version in the file, so that an upgrade alone does not change the page."""
    [figure] = [output for output in first_fixture[0].cells[5].outputs if output.output_type == "display_data"]
    assert sorted(figure.data) == ["image/png", "text/plain"]
    png = base64.b64decode(figure.data["image/png"])
    width, height = struct.unpack(">II", png[16:24])
    assert 500 <= width <= 640 and 380 <= height <= 480, (width, height)
    assert b"Software" not in png and b"matplotlib" not in png.lower()


@pytest.mark.slow
def test_a_lesson_that_draws_nothing_does_not_import_matplotlib(tmp_path):
    tutorial = lesson(tmp_path, "# %%\nimport sys\n"
                                "print(sorted(name for name in sys.modules if 'matplotlib' in name))\n")
    assert texts(execute_tutorial(tutorial, work_dir=tmp_path).notebook.cells[1]) == "[]\n"


@pytest.mark.slow
def test_execution_counts_start_at_one_despite_the_hidden_setup(first_fixture):
    executed = first_fixture[0]
    counts = [cell.execution_count for cell in executed.cells if cell.cell_type == "code"]
    assert counts == [1, 2, 3, 4]
    assert all("execution" not in cell.metadata for cell in executed.cells)


@pytest.mark.slow
def test_failing_cell_names_file_cell_line_code_and_exception(tmp_path):
    tutorial = lesson(tmp_path, "# %%\nx = 1\n\n# %%\ndef f():\n    return undefined_name\nf()\n")
    with pytest.raises(CellError) as caught:
        execute_tutorial(tutorial, work_dir=tmp_path)
    message = str(caught.value)
    assert message.startswith("01_case.py, line 10 (cell 3) raised NameError: name 'undefined_name' is not defined")
    assert ">  10 |     return undefined_name" in message
    assert "    9 | def f():" in message
    assert "01_case.py, line 11\n" in message and "01_case.py, line 10, in f" in message
    assert "Traceback (most recent" not in message


@pytest.mark.slow
def test_the_failing_line_of_a_cell_deep_in_the_file(tmp_path):
    """The issue's case: the cell's first line is file line 40, its second line raises."""
    padding = "".join(f"# prose line {number}\n" for number in range(5, 38))
    tutorial = lesson(tmp_path, "# %% [markdown]\n" + padding + "# %%\nx = 1\ny = undefined_name\n")
    assert tutorial.source_line(2, 1) == 40
    with pytest.raises(CellError) as caught:
        execute_tutorial(tutorial, work_dir=tmp_path)
    message = str(caught.value)
    assert message.startswith("01_case.py, line 41 (cell 3) raised NameError")
    assert "site-packages" not in message


@pytest.mark.slow
def test_a_syntax_error_names_its_file_line_not_a_temporary_file(tmp_path):
    tutorial = lesson(tmp_path, "# %%\nx = 1\n\n# %%\ny = 2\nif y\n    pass\n")
    with pytest.raises(CellError) as caught:
        execute_tutorial(tutorial, work_dir=tmp_path)
    message = str(caught.value)
    assert message.startswith("01_case.py, line 10 (cell 3) raised SyntaxError: expected ':'")
    assert re.search(r"\d{5,}\.py", message) is None
    assert ">  10 | if y" in message


@pytest.mark.slow
def test_project_frames_are_kept_and_library_frames_counted(tmp_path):
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "__init__.py").write_text("")
    (tmp_path / "course" / "loader.py").write_text("import json\n\n\ndef load(text):\n    return json.loads(text)\n")
    tutorial = lesson(tmp_path, "# %%\nfrom course.loader import load\nload('{')\n")
    with pytest.raises(CellError) as caught:
        execute_tutorial(tutorial, work_dir=tmp_path, packages=(tmp_path / "course",))
    message = str(caught.value)
    assert message.startswith("01_case.py, line 7 (cell 2) raised JSONDecodeError")
    assert "course/loader.py, line 5, in load" in message
    assert re.search(r"\(\d+ frames inside the Python standard library omitted\)", message)
    assert str(tmp_path) not in message


@pytest.mark.slow
def test_a_long_cell_is_shown_as_a_window_around_the_failing_line(tmp_path):
    body = "".join(f"v{number} = {number}\n" for number in range(30)) + "1 / 0\n"
    tutorial = lesson(tmp_path, "# %%\n" + body)
    with pytest.raises(CellError) as caught:
        execute_tutorial(tutorial, work_dir=tmp_path)
    message = str(caught.value)
    assert ">  36 | 1 / 0" in message
    assert "v29 = 29" in message and "v0 = 0" not in message


@pytest.mark.slow
def test_the_kernel_reports_the_project_files_it_imported(tmp_path):
    (tmp_path / "course" / "data").mkdir(parents=True)
    (tmp_path / "course" / "__init__.py").write_text("")
    (tmp_path / "course" / "data" / "__init__.py").write_text("ROWS = 3\n")
    (tmp_path / "course" / "unused.py").write_text("")
    tutorial = lesson(tmp_path, "# %%\nimport json\nfrom course.data import ROWS\n")
    used = execute_tutorial(tutorial, work_dir=tmp_path, packages=(tmp_path / "course",)).used
    assert used.modules == ("course/__init__.py", "course/data/__init__.py")
    assert used.packages == ("course", "course/data")


@pytest.mark.slow
def test_kernels_get_a_minimal_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("API_TOKEN", "s3cr3t")
    tutorial = lesson(tmp_path, "# %%\nimport os\nprint(sorted(os.environ))\n")
    printed = texts(execute_tutorial(tutorial, work_dir=tmp_path).notebook.cells[1])
    assert "API_TOKEN" not in printed
    assert "'PATH'" in printed and "'TF_CPP_MIN_LOG_LEVEL'" in printed


@pytest.mark.slow
def test_kernels_write_no_bytecode_into_the_project(tmp_path):
    """Under `mkdocs serve` a .pyc written into a watched folder would start another rebuild."""
    (tmp_path / "helper_module.py").write_text("VALUE = 7\n")
    tutorial = lesson(tmp_path, "# %%\nimport helper_module\nprint(helper_module.VALUE)\n")
    assert "7" in texts(execute_tutorial(tutorial, work_dir=tmp_path).notebook.cells[1])
    assert list(tmp_path.rglob("*.pyc")) == []


@pytest.mark.slow
def test_a_cell_past_the_timeout_fails_with_its_name(tmp_path):
    tutorial = lesson(tmp_path, "# %%\nimport time\ntime.sleep(30)\n")
    with pytest.raises(CellError) as caught:
        execute_tutorial(tutorial, work_dir=tmp_path, timeout=2)
    assert "01_case.py, line 6 (cell 2) ran past the 2 s per-cell timeout" in str(caught.value)


@pytest.mark.slow
def test_a_dying_kernel_is_reported(tmp_path):
    tutorial = lesson(tmp_path, "# %%\nimport os\nos._exit(1)\n")
    with pytest.raises(CellError) as caught:
        execute_tutorial(tutorial, work_dir=tmp_path)
    assert str(caught.value).startswith("01_case.py, line 6 (cell 2) killed the kernel")


def test_a_missing_kernel_is_reported(tmp_path, monkeypatch):
    import course.engine.execute as execute

    monkeypatch.setattr(execute, "KERNEL_NAME", "no-such-kernel")
    tutorial = lesson(tmp_path, "# %%\nprint(1)\n")
    with pytest.raises(CellError, match="no Jupyter kernel named 'no-such-kernel'"):
        execute_tutorial(tutorial, work_dir=tmp_path)


@pytest.mark.slow
def test_executes_from_inside_a_running_event_loop(tmp_path):
    """Playwright's sync API (browser tests) and Jupyter keep a loop running in the calling thread."""
    import asyncio

    async def inside_a_loop():
        return execute_tutorial(read_tutorial(FIXTURES / "02_second.py"), work_dir=tmp_path)

    # In a thread of its own: the session may already run a loop in this thread (Playwright's browser tests).
    with ThreadPoolExecutor(max_workers=1) as thread:
        executed = thread.submit(asyncio.run, inside_a_loop()).result().notebook
    assert executed.cells[1].outputs[0].text.startswith("random: ")


def test_adjacent_stream_outputs_are_merged_and_the_order_of_outputs_kept():
    cell = nbformat.v4.new_code_cell("print('a'); display(1); print('b'); print('c')")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="a"),
                    nbformat.v4.new_output("stream", name="stdout", text="\n"),
                    nbformat.v4.new_output("display_data", data={"text/plain": "1"}),
                    nbformat.v4.new_output("stream", name="stdout", text="b\n"),
                    nbformat.v4.new_output("stream", name="stderr", text="w\n"),
                    nbformat.v4.new_output("stream", name="stdout", text="c\n")]
    notebook = nbformat.v4.new_notebook(cells=[cell, nbformat.v4.new_markdown_cell("text")])
    merge_adjacent_streams(notebook)
    assert [(o.output_type, o.get("text")) for o in notebook.cells[0].outputs] == [
        ("stream", "a\n"), ("display_data", None), ("stream", "b\n"), ("stream", "w\n"), ("stream", "c\n")]


def test_code_that_stops_inside_a_bracket_says_which_bracket_and_where_it_opened(tmp_path):
    """IPython reports such a cell as "incomplete input" at its last line; Python's own compiler names the bracket
    left open and the line it opened on. (What the kernel reports, as DIAGNOSE writes it.)"""
    tutorial = lesson(tmp_path, "# %%\nx = 1\n\n# %%\ny = max(1,\n        2\nprint(y)\n")
    report = {"ename": "SyntaxError", "evalue": "incomplete input", "frames": [],
              "syntax": ["/tmp/ipykernel_1/2315.py", 3], "cells": {"/tmp/ipykernel_1/2315.py": 2}}
    message = describe_failure(tutorial, 2, report, {2: 2}, tmp_path, "SyntaxError")
    assert message.startswith("01_case.py, line 9 (cell 3) raised SyntaxError: '(' was never closed"), message
    assert ">   9 | y = max(1," in message

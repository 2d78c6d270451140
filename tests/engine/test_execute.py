from pathlib import Path

import pytest

from course.engine.errors import CellError
from course.engine.execute import execute_tutorial
from course.engine.sources import read_tutorial

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tutorials"


def lesson(folder: Path, body: str, name: str = "01_case.py"):
    path = folder / name
    path.write_text("# %% [markdown]\n# # Case\n# A test lesson.\n\n" + body, encoding="utf-8")
    return read_tutorial(path)


def texts(cell) -> str:
    return "".join(output.get("text", "") for output in cell.outputs)


def test_executes_in_the_work_dir_with_quiet_tensorflow_settings(tmp_path):
    executed = execute_tutorial(read_tutorial(FIXTURES / "01_first.py"), work_dir=tmp_path).notebook
    first = texts(executed.cells[1])
    assert f"working directory: {tmp_path}" in first
    assert "oneDNN: 0 C++ log level: 3" in first


def test_c_level_stderr_stays_off_the_page_but_python_output_stays(tmp_path):
    executed = execute_tutorial(read_tutorial(FIXTURES / "01_first.py"), work_dir=tmp_path).notebook
    cell = executed.cells[3]
    assert texts(cell) == "sum: 45\n"
    assert all(output.get("name") != "stderr" for output in cell.outputs)


def test_raises_exception_tag_keeps_the_error_and_goes_on(tmp_path):
    executed = execute_tutorial(read_tutorial(FIXTURES / "01_first.py"), work_dir=tmp_path).notebook
    errors = [output for output in executed.cells[4].outputs if output.output_type == "error"]
    assert [error.ename for error in errors] == ["KeyError"]
    figure_outputs = executed.cells[5].outputs
    assert any("image/png" in output.get("data", {}) for output in figure_outputs)


def test_execution_counts_start_at_one_despite_the_hidden_setup(tmp_path):
    executed = execute_tutorial(read_tutorial(FIXTURES / "01_first.py"), work_dir=tmp_path).notebook
    counts = [cell.execution_count for cell in executed.cells if cell.cell_type == "code"]
    assert counts == [1, 2, 3, 4]
    assert all("execution" not in cell.metadata for cell in executed.cells)


def test_failing_cell_names_file_cell_line_code_and_exception(tmp_path):
    tutorial = lesson(tmp_path, "# %%\nx = 1\n\n# %%\ndef f():\n    return undefined_name\nf()\n")
    with pytest.raises(CellError) as caught:
        execute_tutorial(tutorial, work_dir=tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{tutorial.path}, cell 3 (line 8) raised NameError: name 'undefined_name' is not defined")
    assert "    def f():" in message
    assert "Traceback" not in message


def test_a_cell_past_the_timeout_fails_with_its_name(tmp_path):
    tutorial = lesson(tmp_path, "# %%\nimport time\ntime.sleep(30)\n")
    with pytest.raises(CellError) as caught:
        execute_tutorial(tutorial, work_dir=tmp_path, timeout=2)
    assert "cell 2 (line 5) ran past the 2 s per-cell timeout" in str(caught.value)


def test_a_dying_kernel_is_reported(tmp_path):
    tutorial = lesson(tmp_path, "# %%\nimport os\nos._exit(1)\n")
    with pytest.raises(CellError) as caught:
        execute_tutorial(tutorial, work_dir=tmp_path)
    assert f"{tutorial.path}, cell 2" in str(caught.value)


def test_a_missing_kernel_is_reported(tmp_path, monkeypatch):
    import course.engine.execute as execute

    monkeypatch.setattr(execute, "KERNEL_NAME", "no-such-kernel")
    tutorial = lesson(tmp_path, "# %%\nprint(1)\n")
    with pytest.raises(CellError, match="no Jupyter kernel named 'no-such-kernel'"):
        execute_tutorial(tutorial, work_dir=tmp_path)


def test_executes_from_inside_a_running_event_loop(tmp_path):
    """Playwright's sync API (browser tests) and Jupyter keep a loop running in the calling thread."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def inside_a_loop():
        return execute_tutorial(read_tutorial(FIXTURES / "02_second.py"), work_dir=tmp_path)

    # A thread of its own: in a full run the browser tests' Playwright loop already runs in this thread.
    with ThreadPoolExecutor(max_workers=1) as worker:
        executed = worker.submit(asyncio.run, inside_a_loop()).result().notebook
    assert executed.cells[1].outputs[0].text.startswith("random: ")

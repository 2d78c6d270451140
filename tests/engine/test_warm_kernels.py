"""Kernels forked from the kernel server: the same kernel a lesson would get from a plain start, with the
lessons' installed libraries already imported, and the project's own code left to the kernel."""

import json
import logging
from pathlib import Path

import nbformat
import pytest

from course.engine import warm_kernels
from course.engine.execute import execute_tutorial
from course.engine.sources import read_tutorial
from course.engine.warm_kernels import WarmKernels, imported_modules

# What a lesson can observe of its kernel that a fork could get wrong. colorsys is a standard-library module no
# kernel imports by itself: the lesson imports it at top level, so the server imports it first.
PROBE = '''\
# %%
import json, os, sys
import matplotlib
import pandas as pd
print(json.dumps({
    "colorsys already imported": "colorsys" in sys.modules,
    "pandas columns": pd.get_option("display.max_columns"),
    "pandas width": pd.get_option("display.width"),
    "shell": type(get_ipython()).__name__,
    "argv[0]": os.path.basename(sys.argv[0]),
    "path": sys.path,
    "cwd": os.getcwd(),
    "backend": matplotlib.get_backend(),
    "environment": sorted(set(os.environ) - {"JPY_PARENT_PID"}),
    "own process group": os.getpgid(0) == os.getpid(),
}))

# %%
import colorsys
print(colorsys.rgb_to_hsv(1.0, 0.0, 0.0))
'''


def lesson(folder: Path, body: str, name: str = "01_case.py"):
    path = folder / name
    path.write_text("# %% [markdown]\n# # Case\n# A test lesson.\n\n" + body, encoding="utf-8")
    return read_tutorial(path)


def probe(tmp_path: Path) -> dict:
    executed = execute_tutorial(lesson(tmp_path, PROBE), work_dir=tmp_path).notebook
    return json.loads(executed.cells[1].outputs[0].text)


@pytest.mark.slow
def test_a_forked_kernel_sees_what_a_plainly_started_kernel_sees(tmp_path, monkeypatch):
    forked = probe(tmp_path)
    monkeypatch.setattr(WarmKernels, "supported", staticmethod(lambda cmd: False))
    plain = probe(tmp_path)
    assert forked.pop("colorsys already imported") is True  # the server imported it before the lesson ran
    assert plain.pop("colorsys already imported") is False
    assert forked == plain
    assert plain["pandas columns"] == 20  # the Jupyter default, not a terminal's
    assert plain["shell"] == "ZMQInteractiveShell" and plain["own process group"] is True


@pytest.mark.slow
def test_the_project_code_a_lesson_imports_runs_in_its_kernel_not_in_the_server(tmp_path):
    (tmp_path / "helpers.py").write_text("print('helpers imported here')\nVALUE = 42\n")
    tutorial = lesson(tmp_path, "# %%\nimport helpers\nprint(helpers.VALUE)\n")
    assert imported_modules([tutorial.notebook]) == ["helpers"]  # asked of the server, which declines
    executed = execute_tutorial(tutorial, work_dir=tmp_path).notebook
    assert executed.cells[1].outputs[0].text == "helpers imported here\n42\n"


@pytest.mark.slow
def test_a_server_that_cannot_start_leaves_kernels_to_start_the_usual_way(tmp_path, monkeypatch, caplog):
    broken = tmp_path / "broken_server.py"
    broken.write_text("import sys\nprint('cannot import the libraries', file=sys.stderr)\nsys.exit(3)\n")
    monkeypatch.setattr(warm_kernels, "SERVER_SCRIPT", broken)
    with caplog.at_level(logging.WARNING, logger="course.engine"):
        executed = execute_tutorial(lesson(tmp_path, "# %%\nprint(6 * 7)\n"), work_dir=tmp_path).notebook
    assert executed.cells[1].outputs[0].text == "42\n"
    assert "The kernel server stopped while importing the lessons' libraries" in caplog.text
    assert "cannot import the libraries" in caplog.text  # the server's own words, from its log


def test_imported_modules_are_the_top_level_imports_in_order_of_first_appearance():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("import not_code"),
        nbformat.v4.new_code_cell("import numpy as np, pandas\nfrom matplotlib import pyplot"),
        nbformat.v4.new_code_cell("%matplotlib inline\n!pip list\nimport keras\nfrom . import sibling"),
        nbformat.v4.new_code_cell("def later():\n    import scipy\nimport numpy"),
        nbformat.v4.new_code_cell("this is not python ("),
    ])
    assert imported_modules([notebook]) == ["numpy", "pandas", "matplotlib", "keras"]


@pytest.mark.parametrize("command", [
    ["python", "-m", "some_other_kernel", "-f", "c.json"],
    ["/usr/bin/R", "--slave", "-e", "IRkernel::main()"],
])
def test_only_the_standard_ipykernel_command_is_forked(command):
    assert WarmKernels.supported(command) is False
    assert WarmKernels.supported(["python", "-m", "ipykernel_launcher", "-f", "c.json"]) is True

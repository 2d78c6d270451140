"""Glue: values recorded by ``course.glue.glue`` in a kernel, and roles resolved from them by the engine."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest

import course.engine.runner as runner
from course.engine import BuildFailed, BuildSettings, build_lessons
from course.engine.glue import GlueError, glued_values, resolve_glue, resolve_glue_in_source
from course.engine.sources import read_tutorial
from course.glue import GLUE_PREFIX, glue

PROJECT_ROOT = Path(__file__).resolve().parents[2]

LESSON = """# %% [markdown]
# # Glued
# A lesson that quotes its computed values.

# %%
error = 4.26789
best = "elu"

# %% [markdown]
# The error is {glue:text}`error:.2f` MPa and {glue}`best` ends lowest.
# Shown: {glue}`shown`.

# %%
print("unrelated output")
"""


def glue_output(name: str, value_repr: str, *, display: bool = False) -> nbformat.NotebookNode:
    prefix = "" if display else GLUE_PREFIX
    return nbformat.v4.new_output(
        "display_data",
        data={prefix + "text/plain": value_repr},
        metadata={"scrapbook": {"name": name, "mime_prefix": prefix}},
    )


def lesson(tmp_path: Path, text: str = LESSON):
    path = tmp_path / "01_glued.py"
    path.write_text(text, encoding="utf-8")
    return read_tutorial(path)


def executed(tutorial, outputs: list | None = None) -> nbformat.NotebookNode:
    """The tutorial's notebook as if executed: its first code cell carries ``outputs``."""
    notebook = nbformat.from_dict(nbformat.v4.new_notebook(cells=[dict(cell) for cell in tutorial.notebook.cells]))
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for count, cell in enumerate(code, start=1):
        cell.execution_count = count
        cell.outputs = []
    code[0].outputs = outputs if outputs is not None else [
        glue_output("error", "4.26789"),
        glue_output("best", "'elu'"),
        glue_output("shown", "7", display=True),
    ]
    code[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="unrelated output\n")]
    return notebook


def markdown(notebook) -> str:
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def test_glued_values_are_read_by_name_with_the_prefix_removed(tmp_path):
    values = glued_values(executed(lesson(tmp_path)))
    assert sorted(values) == ["best", "error", "shown"]
    assert values["error"].data == {"text/plain": "4.26789"} and values["error"].hidden
    assert values["error"].cell == 2
    assert values["best"].text == "elu"  # a glued string reads as itself, not its repr
    assert not values["shown"].hidden


def test_roles_are_replaced_by_the_values_text_and_format(tmp_path):
    tutorial = lesson(tmp_path)
    resolved = resolve_glue(executed(tutorial), tutorial)
    assert "The error is 4.27 MPa and elu ends lowest." in markdown(resolved)
    assert "Shown: 7." in markdown(resolved)
    assert "{glue" not in markdown(resolved)


def test_hidden_glue_outputs_leave_the_page_and_displayed_ones_stay(tmp_path):
    tutorial = lesson(tmp_path)
    notebook = executed(tutorial)
    resolved = resolve_glue(notebook, tutorial)
    first_code = next(cell for cell in resolved.cells if cell.cell_type == "code")
    assert [output.metadata["scrapbook"]["name"] for output in first_code.outputs] == ["shown"]
    assert len(next(cell for cell in notebook.cells if cell.cell_type == "code").outputs) == 3, "input untouched"


def test_an_unknown_name_names_the_file_line_and_the_glued_names(tmp_path):
    tutorial = lesson(tmp_path, LESSON.replace("{glue}`best`", "{glue}`bset`"))
    with pytest.raises(GlueError) as caught:
        resolve_glue(executed(tutorial), tutorial)
    message = str(caught.value)
    line = 1 + next(number for number, text in enumerate(tutorial.path.read_text().splitlines()) if "bset" in text)
    assert message.startswith(f"{tutorial.path}: 1 glue role cannot be resolved:")
    assert f"line {line}: {{glue}}`bset`: no value named 'bset' was glued" in message
    assert message.endswith("Glued in this lesson: best, error, shown.")
    assert "Traceback" not in message


def test_a_bad_format_spec_is_reported_with_the_value(tmp_path):
    tutorial = lesson(tmp_path, LESSON.replace("error:.2f", "error:d"))
    with pytest.raises(GlueError, match=r"line 10: \{glue:text\}`error:d`: format spec 'd' does not fit the value "
                                        r"'4.26789'"):
        resolve_glue(executed(tutorial), tutorial)


def test_a_pick_role_words_the_value_as_the_edition_chooses_and_reports_a_value_it_does_not_list(tmp_path):
    picked = LESSON.replace("{glue}`best` ends lowest", "elu {glue:pick}`best|elu=ends lowest|selu=does not`")
    tutorial = lesson(tmp_path, picked)
    assert "The error is 4.27 MPa and elu ends lowest." in markdown(resolve_glue(executed(tutorial), tutorial))
    tutorial = lesson(tmp_path, LESSON.replace("{glue}`best`", "{glue:pick}`best|relu=ReLU|selu = SELU`"))
    with pytest.raises(GlueError, match=r"line 10: .*: the value 'elu' of 'best' is none of the role's choices "
                                        r"\('relu', 'selu'\)"):
        resolve_glue(executed(tutorial), tutorial)
    tutorial = lesson(tmp_path, LESSON.replace("{glue}`best`", "{glue:pick}`best|elu`"))
    with pytest.raises(GlueError, match=re.escape("a pick role lists its choices as |value=words after the name")):
        resolve_glue(executed(tutorial), tutorial)


def test_a_role_split_across_lines_is_refused_naming_its_line(tmp_path):
    """The downloaded script replaces roles line by line; a role broken over two lines would reach readers half
    replaced, so the build stops instead."""
    split = LESSON.replace("{glue}`best` ends lowest", "elu {glue:pick}`best|elu=ends\n# lowest|selu=does not`")
    tutorial = lesson(tmp_path, split)
    with pytest.raises(GlueError, match=re.escape("line 10: {glue:pick}`best|elu=ends ...: a role must fit on one "
                                                  "line")):
        resolve_glue(executed(tutorial), tutorial)


def test_every_problem_of_a_lesson_is_in_one_message(tmp_path):
    tutorial = lesson(tmp_path, LESSON.replace("error:.2f", "eror:.2f").replace("{glue}`shown`", "{glue:md}`shown`"))
    with pytest.raises(GlueError) as caught:
        resolve_glue(executed(tutorial), tutorial)
    message = str(caught.value)
    assert "2 glue roles cannot be resolved" in message
    assert "line 10: {glue:text}`eror:.2f`: no value named 'eror'" in message
    assert "line 11: {glue:md}`shown`: {glue:md} is not a role the course knows" in message


def test_roles_in_a_lesson_that_never_executed_stop_the_build(tmp_path):
    tutorial = lesson(tmp_path)
    with pytest.raises(GlueError, match="the lesson has no outputs to quote \\(it never executed\\)"):
        resolve_glue(tutorial.notebook, tutorial)


def test_roles_without_any_glued_value_say_how_to_glue(tmp_path):
    tutorial = lesson(tmp_path)
    with pytest.raises(GlueError, match=r"No value is glued in this lesson: glue one in a code cell"):
        resolve_glue(executed(tutorial, outputs=[]), tutorial)


def test_a_notebook_without_glue_is_returned_as_it_is(tmp_path):
    tutorial = lesson(tmp_path, LESSON.replace("{glue:text}`error:.2f`", "4").replace("{glue}`best`", "x")
                      .replace("{glue}`shown`", "y"))
    notebook = executed(tutorial, outputs=[])
    assert resolve_glue(notebook, tutorial) is notebook


# --- the kernel side ---------------------------------------------------------------------------------------------


def test_glue_outside_ipython_records_nothing_and_checks_the_name(capsys):
    assert glue("val_mae", 1.5) is None
    assert capsys.readouterr().out == ""
    with pytest.raises(ValueError, match="cannot be quoted from Markdown"):
        glue("val:mae", 1.5)


KERNEL_LESSON = """# %% [markdown]
# # Glue in a kernel
# Values glued by a real kernel reach the prose.

# %%
import numpy as np
from course.glue import glue

values = np.array([4.26789, 5.5])
glue("lowest", values.min())
glue("count", len(values), display=True)
glue("winner", "elu")

# %% [markdown]
# Lowest {glue:text}`lowest:.2f`, count {glue}`count`, winner {glue}`winner`.
"""


def kernel_settings(root: Path) -> BuildSettings:
    return BuildSettings(source_dir=root / "tutorials_src", cache_dir=root / ".cache" / "tutorials",
                         output_dir=root / ".cache" / "executed", work_dir=root, jobs=1, timeout=60)


@pytest.fixture
def glued_project(tmp_path, monkeypatch):
    # The kernel imports course.glue from this checkout.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])))
    (tmp_path / "tutorials_src").mkdir()
    (tmp_path / "tutorials_src" / "01_kernel.py").write_text(KERNEL_LESSON, encoding="utf-8")
    return tmp_path


@pytest.mark.slow
def test_a_build_publishes_resolved_prose_and_keeps_the_source_roles(glued_project):
    report = build_lessons(kernel_settings(glued_project), log=lambda _: None)
    published = nbformat.read(report.results[0].notebook_path, as_version=4)
    assert "Lowest 4.27, count 2, winner elu." in markdown(published)
    code = published.cells[1]
    assert [output.data for output in code.outputs] == [{"text/plain": "2"}], "only display=True shows"
    assert code.outputs[0].metadata["scrapbook"] == {"name": "count", "mime_prefix": ""}
    assert "{glue:text}`lowest:.2f`" in (glued_project / "tutorials_src" / "01_kernel.py").read_text()


@pytest.mark.slow
def test_prose_edits_quoting_glued_values_start_no_kernel_and_typos_stop_the_build(glued_project, monkeypatch):
    settings = kernel_settings(glued_project)
    build_lessons(settings, log=lambda _: None)
    started: list[str] = []
    real = runner.execute_tutorial_async

    async def counting(tutorial, **kwargs):
        started.append(tutorial.name)
        return await real(tutorial, **kwargs)

    monkeypatch.setattr(runner, "execute_tutorial_async", counting)
    source = glued_project / "tutorials_src" / "01_kernel.py"
    source.write_text(source.read_text() + "# Again: {glue:text}`lowest:.1f` MPa.\n")
    report = build_lessons(settings, log=lambda _: None)
    assert started == []
    assert "Again: 4.3 MPa." in markdown(nbformat.read(report.results[0].notebook_path, as_version=4))

    source.write_text(source.read_text().replace("{glue}`winner`", "{glue}`winer`"))
    with pytest.raises((GlueError, BuildFailed)) as caught:
        build_lessons(settings, log=lambda _: None)
    assert started == []
    assert f"{source}: 1 glue role cannot be resolved:\n  line 15: {{glue}}`winer`" in str(caught.value)
    assert "Glued in this lesson: count, lowest, winner." in str(caught.value)


def test_a_downloaded_script_quotes_the_values_in_its_prose_and_keeps_its_code(tmp_path):
    text = LESSON.replace('best = "elu"', 'best = "elu"  # quoted as {glue}`best` in the prose').replace(
        "# Shown: {glue}`shown`.", "# Shown: {glue}`shown`; {glue}`nothing`.")
    tutorial = lesson(tmp_path, text)
    script = resolve_glue_in_source(tutorial, executed(tutorial))
    assert script.splitlines()[5:7] == ["error = 4.26789", 'best = "elu"  # quoted as {glue}`best` in the prose']
    assert "# The error is 4.27 MPa and elu ends lowest." in script.splitlines()
    assert "# Shown: 7; {glue}`nothing`." in script.splitlines(), "a role with no value stays as written"
    assert script.count("\n") == text.count("\n")


def test_code_in_a_pick_choice_reads_as_backticks_in_the_downloaded_script_and_stays_a_tag_on_the_page(tmp_path):
    # A pick choice cannot hold backticks, so a choice that shows code writes the tag.
    text = LESSON.replace("# Shown: {glue}`shown`.", "# Best: {glue:pick}`best|elu=<code>elu</code>|relu=ReLU`.")
    tutorial = lesson(tmp_path, text)
    assert "# Best: `elu`." in resolve_glue_in_source(tutorial, executed(tutorial)).splitlines()
    assert "Best: <code>elu</code>." in markdown(resolve_glue(executed(tutorial), tutorial))

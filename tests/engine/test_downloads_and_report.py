from pathlib import Path

import nbformat

from course.engine.downloads import Download, download_bar, has_solutions, learner_copy
from course.engine.report import timings_markdown
from course.engine.runner import BuildReport, LessonResult
from course.engine.sources import read_tutorial
from course.engine.wording import words


def notebook_with_solution():
    notebook = nbformat.v4.new_notebook()
    learner = nbformat.v4.new_code_cell("answer = ____\nq_1.check()")
    learner.outputs = [nbformat.v4.new_output("stream", name="stdout", text="Not answered yet\n")]
    learner.execution_count = 1
    solution = nbformat.v4.new_code_cell("answer = 42\nq_1.check()", metadata={"tags": ["solution"]})
    notebook.cells = [nbformat.v4.new_markdown_cell("# Exercise\nTry it."), learner, solution]
    return notebook


def test_learner_copy_drops_solutions_and_outputs():
    notebook = notebook_with_solution()
    assert has_solutions(notebook)
    copy = learner_copy(notebook)
    assert [cell.source for cell in copy.cells] == ["# Exercise\nTry it.", "answer = ____\nq_1.check()"]
    assert copy.cells[1].outputs == [] and copy.cells[1].execution_count is None
    assert not has_solutions(copy)
    assert len(notebook.cells) == 3, "the original notebook is left alone"
    nbformat.validate(copy)


def test_download_bar_escapes_and_marks_downloads():
    html = download_bar([Download("Notebook", "../a&b.ipynb", 'The "lesson"')])
    assert 'href="../a&amp;b.ipynb"' in html and "download" in html and "&quot;lesson&quot;" in html


def test_timings_table_lists_lessons_slowest_first(tmp_path):
    results = []
    for name, title, seconds in [("01_a", "Alpha", 2.0), ("02_b", "Beta", 9.5)]:
        path = tmp_path / f"{name}.py"
        path.write_text(f"# %% [markdown]\n# # {title}\n# About {title}.\n")
        results.append(LessonResult(read_tutorial(path), Path("unused"), "cached", seconds))
    page = timings_markdown(BuildReport(results, 0.1), lambda name: f"lessons/{name}.ipynb")
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert rows == ["| [Beta](lessons/02_b.ipynb) | `02_b.py` | 9.5 s |", "| [Alpha](lessons/01_a.ipynb) | `01_a.py` | 2.0 s |"]
    assert "Total: 11.5 s of execution for 2 lessons." in page


def test_package_archive_holds_the_package_and_is_reproducible(tmp_path):
    import io
    import zipfile

    from course.engine.downloads import package_archive

    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'course'\n"
                                             "[tool.setuptools.package-data]\ncourse = ['data/*.csv']\n")
    (tmp_path / "course" / "data").mkdir(parents=True)
    (tmp_path / "course" / "__init__.py").write_text("")
    (tmp_path / "course" / "data" / "table.csv").write_text("a\n1\n")
    (tmp_path / "course" / "__pycache__").mkdir()
    (tmp_path / "course" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\x00")
    first = package_archive(tmp_path)
    assert first == package_archive(tmp_path)
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert names == ["course-helpers/course/__init__.py", "course-helpers/course/data/table.csv",
                     "course-helpers/pyproject.toml"]


def test_chinese_execution_times_use_one_unit(tmp_path):
    path = tmp_path / "01_a.py"
    path.write_text("# %% [markdown]\n# # 甲\n# 一课。\n", encoding="utf-8")
    page = timings_markdown(BuildReport([LessonResult(read_tutorial(path), Path("unused"), "cached", 33.14)], 0.1),
                            lambda name: f"lessons/{name}.ipynb", language="zh")
    assert "| 33.1 秒 |" in page and "合计：1 课共执行 33.1 秒。" in page and " s |" not in page


def test_chinese_download_labels_use_full_width_brackets():
    say = words("zh")
    assert (say["notebook"], say["source"]) == ("笔记本（.ipynb）", "源文件（.py）")
    assert "(" not in say["notebook"] + say["source"]
    # The translation is not what the build executes: its code is the English source's.
    assert "英文源文件" in say["source.title"]

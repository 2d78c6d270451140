import json
import logging
from pathlib import Path

import nbformat
import pytest

import course.engine.cache as cache_module
from course.engine.cache import NotebookCache, cache_key, environment_digest, merge_outputs
from course.engine.sources import read_tutorial

SOURCE = """# %% [markdown]
# # Case
# A test lesson.

# %%
x = 1

# %% [markdown]
# Some prose.

# %% tags=["raises-exception"]
print(x)
"""


def tutorial_from(tmp_path: Path, text: str):
    path = tmp_path / "01_case.py"
    path.write_text(text, encoding="utf-8")
    return read_tutorial(path)


@pytest.fixture
def dependencies(tmp_path):
    package = tmp_path / "package"
    package.mkdir()
    (package / "module.py").write_text("VALUE = 1\n")
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("numpy==2.0\n")
    return package, requirements


def key_of(tmp_path, text, dependencies):
    return cache_key(tutorial_from(tmp_path, text), environment_digest(dependencies))


def test_editing_prose_keeps_the_key(tmp_path, dependencies):
    assert key_of(tmp_path, SOURCE, dependencies) == key_of(
        tmp_path, SOURCE.replace("Some prose.", "Much better prose."), dependencies
    )


def test_trailing_whitespace_in_code_keeps_the_key(tmp_path, dependencies):
    assert key_of(tmp_path, SOURCE, dependencies) == key_of(tmp_path, SOURCE.replace("x = 1", "x = 1   "), dependencies)


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: text.replace("x = 1", "x = 2"),  # a code cell
        lambda text: text.replace('tags=["raises-exception"]', ""),  # a cell's tags
        lambda text: text + "\n# %%\nprint('another cell')\n",  # a new code cell
    ],
    ids=["code", "tags", "new-cell"],
)
def test_editing_code_or_tags_changes_the_key(tmp_path, dependencies, edit):
    assert key_of(tmp_path, SOURCE, dependencies) != key_of(tmp_path, edit(SOURCE), dependencies)


def test_each_dependency_changes_the_key(tmp_path, dependencies):
    package, requirements = dependencies
    before = key_of(tmp_path, SOURCE, dependencies)
    (package / "module.py").write_text("VALUE = 2\n")
    after_package = key_of(tmp_path, SOURCE, dependencies)
    (package / "data.csv").write_text("a,b\n1,2\n")
    after_data = key_of(tmp_path, SOURCE, dependencies)
    requirements.write_text("numpy==2.1\n")
    after_requirements = key_of(tmp_path, SOURCE, dependencies)
    assert len({before, after_package, after_data, after_requirements}) == 4


def test_compiled_python_files_do_not_change_the_key(tmp_path, dependencies):
    package, _ = dependencies
    before = key_of(tmp_path, SOURCE, dependencies)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"\x00")
    assert key_of(tmp_path, SOURCE, dependencies) == before


@pytest.mark.parametrize("distribution", ["tensorflow", "keras"])
def test_library_versions_change_the_key(tmp_path, dependencies, monkeypatch, distribution):
    before = key_of(tmp_path, SOURCE, dependencies)
    real_version = cache_module._version
    monkeypatch.setattr(
        cache_module, "_version", lambda name: "99.0" if name == distribution else real_version(name)
    )
    assert key_of(tmp_path, SOURCE, dependencies) != before


def test_python_version_changes_the_key(tmp_path, dependencies, monkeypatch):
    before = key_of(tmp_path, SOURCE, dependencies)
    monkeypatch.setattr(cache_module.platform, "python_version", lambda: "3.99.0")
    assert key_of(tmp_path, SOURCE, dependencies) != before


def test_the_key_does_not_depend_on_where_the_project_lives(tmp_path):
    keys = []
    for place in ("one", "two"):
        package = tmp_path / place / "course"
        package.mkdir(parents=True)
        (package / "module.py").write_text("VALUE = 1\n")
        keys.append(environment_digest([package]))
    assert keys[0] == keys[1]


def executed_notebook(tmp_path):
    notebook = tutorial_from(tmp_path, SOURCE).notebook
    notebook.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    notebook.cells[1].execution_count = 1
    return notebook


def test_store_then_load_round_trips(tmp_path):
    cache = NotebookCache(tmp_path / "cache")
    cache.store("01_case", "abc", executed_notebook(tmp_path), 1.5)
    entry = cache.load("01_case", "abc")
    assert entry.seconds == 1.5
    assert entry.notebook.cells[1].outputs[0].text == "1\n"
    assert cache.load("01_case", "other") is None
    assert list((tmp_path / "cache" / "01_case").iterdir()) == [tmp_path / "cache" / "01_case" / "abc.ipynb"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_text(path.read_text()[:50]),  # half-written
        lambda path: path.write_text("not json at all"),
        lambda path: path.write_text(path.read_text().replace('"key": "abc"', '"key": "xyz"')),  # wrong entry
        lambda path: path.write_text(json.dumps({"cells": "nonsense"})),  # not a notebook
    ],
    ids=["truncated", "garbage", "mismatched-key", "invalid-notebook"],
)
def test_a_damaged_entry_is_a_logged_miss_and_is_removed(tmp_path, caplog, damage):
    cache = NotebookCache(tmp_path / "cache")
    path = cache.store("01_case", "abc", executed_notebook(tmp_path), 1.0)
    damage(path)
    with caplog.at_level(logging.WARNING, logger="course.engine"):
        assert cache.load("01_case", "abc") is None
    assert "damaged" in caplog.text and str(path) in caplog.text
    assert not path.exists()


def test_prune_keeps_only_current_entries(tmp_path):
    cache = NotebookCache(tmp_path / "cache")
    for name, key in [("01_case", "old"), ("01_case", "new"), ("02_gone", "any")]:
        cache.store(name, key, executed_notebook(tmp_path), 1.0)
    assert cache.prune({"01_case": "new"}) == 2
    assert sorted(path.relative_to(cache.root).as_posix() for path in cache.root.glob("*/*.ipynb")) == [
        "01_case/new.ipynb"
    ]


def test_merge_keeps_new_prose_and_cached_outputs(tmp_path):
    executed = executed_notebook(tmp_path)
    source = tutorial_from(tmp_path, SOURCE.replace("Some prose.", "New prose.")).notebook
    merged = merge_outputs(source, executed)
    assert merged.cells[2].source == "New prose."
    assert merged.cells[1].outputs[0].text == "1\n"
    assert merged.cells[1].execution_count == 1

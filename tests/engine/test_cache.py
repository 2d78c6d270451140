import json
import logging
from pathlib import Path

import nbformat
import pytest

import course.engine.cache as cache_module
from course.engine.cache import NotebookCache, cache_key, environment_digest, merge_outputs
from course.engine.imports import FileDigests, UsedFiles
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
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("numpy==2.0\n")
    return [requirements]


def key_of(tmp_path, text, dependencies, kernel_setup=""):
    return cache_key(tutorial_from(tmp_path, text), environment_digest(dependencies, kernel_setup))


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


def test_requirements_and_the_kernel_setup_change_the_key(tmp_path, dependencies):
    before = key_of(tmp_path, SOURCE, dependencies)
    assert key_of(tmp_path, SOURCE, dependencies, kernel_setup="%config X") != before
    dependencies[0].write_text("numpy==2.1\n")
    assert key_of(tmp_path, SOURCE, dependencies) != before


def test_the_engines_kernel_environment_is_part_of_the_fingerprint(monkeypatch):
    import course.engine.execute as execute

    before = execute.kernel_fingerprint()
    monkeypatch.setitem(execute.KERNEL_ENVIRONMENT, "PYTHONHASHSEED", "1")
    assert execute.kernel_fingerprint() != before


@pytest.mark.parametrize("distribution", ["tensorflow", "keras"])
def test_library_versions_change_the_key(tmp_path, dependencies, monkeypatch, distribution):
    before = key_of(tmp_path, SOURCE, dependencies)
    real_version = cache_module.installed_version
    monkeypatch.setattr(
        cache_module, "installed_version", lambda name: "99.0" if name == distribution else real_version(name)
    )
    assert key_of(tmp_path, SOURCE, dependencies) != before


def test_python_version_changes_the_key(tmp_path, dependencies, monkeypatch):
    before = key_of(tmp_path, SOURCE, dependencies)
    monkeypatch.setattr(cache_module.platform, "python_version", lambda: "3.99.0")
    assert key_of(tmp_path, SOURCE, dependencies) != before


def project_files(root: Path) -> UsedFiles:
    package = root / "course"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "data" / "__init__.py").write_text("")
    (package / "data" / "table.csv").write_text("a\n1\n")
    return UsedFiles(("course/__init__.py", "course/data/__init__.py"), ("course", "course/data"))


def test_used_files_digest_covers_modules_and_data_but_not_docs_or_editor_files(tmp_path):
    used = project_files(tmp_path)
    before = FileDigests(tmp_path).used(used)
    for name in ("README.md", "SOURCE.md", ".table.csv.swp", "table.csv~", ".hidden", "#table.csv#"):
        (tmp_path / "course" / "data" / name).write_text("noise")
    (tmp_path / "course" / "data" / "__pycache__").mkdir()
    (tmp_path / "course" / "data" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert FileDigests(tmp_path).used(used) == before
    (tmp_path / "course" / "data" / "table.csv").write_text("a\n2\n")
    assert FileDigests(tmp_path).used(used) != before
    (tmp_path / "course" / "data" / "table.csv").write_text("a\n1\n")
    (tmp_path / "course" / "__init__.py").write_text("VERSION = 2\n")
    assert FileDigests(tmp_path).used(used) != before


def test_the_digest_does_not_depend_on_where_the_project_lives(tmp_path):
    digests = [FileDigests(tmp_path / place).used(project_files(tmp_path / place)) for place in ("one", "two")]
    assert digests[0] == digests[1]


def executed_notebook(tmp_path, text=SOURCE):
    notebook = tutorial_from(tmp_path, text).notebook
    notebook.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    notebook.cells[1].execution_count = 1
    return notebook


def store(tmp_path, cache, code_key="abc", text=SOURCE):
    return cache.store("01_case", code_key, NOTHING_USED, FileDigests(tmp_path), executed_notebook(tmp_path, text), 1.5)


NOTHING_USED = UsedFiles((), ())


def test_store_then_lookup_round_trips(tmp_path):
    cache = NotebookCache(tmp_path / "cache")
    entry_id = store(tmp_path, cache)
    tutorial = tutorial_from(tmp_path, SOURCE)
    entry = cache.lookup(tutorial, "abc", FileDigests(tmp_path))
    assert (entry.id, entry.seconds) == (entry_id, 1.5)
    assert entry.notebook.cells[1].outputs[0].text == "1\n"
    assert cache.lookup(tutorial, "other", FileDigests(tmp_path)) is None
    assert sorted(path.name for path in (tmp_path / "cache" / "01_case").iterdir()) == [
        f"{entry_id}.ipynb", f"{entry_id}.json"]


@pytest.mark.parametrize(
    ("damage", "target"),
    [
        (lambda path: path.write_text(path.read_text()[:50]), ".ipynb"),  # half-written
        (lambda path: path.write_text("not json at all"), ".ipynb"),
        (lambda path: path.write_text(path.read_text().replace('"key": "', '"key": "x')), ".ipynb"),  # wrong entry
        (lambda path: path.write_text(json.dumps({"cells": "nonsense"})), ".ipynb"),  # not a notebook
        (lambda path: path.write_text(path.read_text().replace("x = 1", "x = 99")), ".ipynb"),  # other code cells
        (lambda path: path.write_text(path.read_text()[:20]), ".json"),  # half-written manifest
    ],
    ids=["truncated", "garbage", "mismatched-key", "invalid-notebook", "mismatched-code-cells", "manifest"],
)
def test_a_damaged_entry_is_a_logged_miss_and_is_removed(tmp_path, caplog, damage, target):
    cache = NotebookCache(tmp_path / "cache")
    entry_id = store(tmp_path, cache)
    path = tmp_path / "cache" / "01_case" / f"{entry_id}{target}"
    damage(path)
    with caplog.at_level(logging.WARNING, logger="course.engine"):
        assert cache.lookup(tutorial_from(tmp_path, SOURCE), "abc", FileDigests(tmp_path)) is None
    assert "damaged" in caplog.text and str(path) in caplog.text
    assert not path.exists()


def test_prune_keeps_the_current_and_the_newest_other_entry_of_each_lesson(tmp_path):
    import os

    cache = NotebookCache(tmp_path / "cache")
    ids = [store(tmp_path, cache, code_key=f"k{number}") for number in range(4)]
    for age, entry_id in enumerate(reversed(ids)):  # k3 newest ... k0 oldest
        os.utime(cache.path("01_case", entry_id).with_suffix(".json"), (1000 - age, 1000 - age))
    cache.store("02_gone", "any", NOTHING_USED, FileDigests(tmp_path), executed_notebook(tmp_path), 1.0)
    assert cache.prune({"01_case": ids[0]}) == 3
    kept = sorted(path.relative_to(cache.root).as_posix() for path in cache.root.glob("*/*.ipynb"))
    assert kept == sorted([f"01_case/{ids[0]}.ipynb", f"01_case/{ids[3]}.ipynb"])
    assert cache.previous("01_case", ids[0]).id == ids[3]
    assert cache.latest("01_case").id == ids[3]


def test_prune_keeps_the_newest_entries_of_a_lesson_without_a_current_one(tmp_path):
    """A lesson that failed under mkdocs serve has no current entry but is still in the build: undoing the edit
    must find its last good run (pruning it away made the undo execute the lesson again)."""
    import os

    cache = NotebookCache(tmp_path / "cache")
    ids = [store(tmp_path, cache, code_key=f"k{number}") for number in range(3)]
    for age, entry_id in enumerate(reversed(ids)):  # k2 newest ... k0 oldest
        os.utime(cache.path("01_case", entry_id).with_suffix(".json"), (1000 - age, 1000 - age))
    assert cache.prune({"01_case": None}) == 1
    kept = sorted(path.stem for path in (cache.root / "01_case").glob("*.ipynb"))
    assert kept == sorted(ids[1:])


def test_merge_keeps_new_prose_and_cached_outputs(tmp_path):
    executed = executed_notebook(tmp_path)
    source = tutorial_from(tmp_path, SOURCE.replace("Some prose.", "New prose.")).notebook
    merged = merge_outputs(source, executed)
    assert merged.cells[2].source == "New prose."
    assert merged.cells[1].outputs[0].text == "1\n"
    assert merged.cells[1].execution_count == 1

"""What a reader can download: each lesson's source and executed notebook, an exercise's learner's copy, and the
``course`` helper package the notebooks import.

A learner's copy is the executed lesson without the cells tagged ``solution`` and without any outputs, so the
learner runs it from the top and fills the ``____`` blanks. A translated edition's downloads of a lesson with
exercises (the learner's copy, and the full notebook and source too) start with a set-up cell choosing the
checker's language, so that re-running them answers in the language of their prose.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass
from html import escape
from pathlib import Path

import nbformat

from course.engine.package_files import package_files

SOLUTION_TAG = "solution"
SETUP_CELL_ID = "course-setup"
_CELL_MARKER = re.compile(r"^# %%", re.MULTILINE)  # a jupytext percent-format cell's first line


def has_solutions(notebook: nbformat.NotebookNode) -> bool:
    return any(SOLUTION_TAG in cell.metadata.get("tags", []) for cell in notebook.cells)


def learner_copy(notebook: nbformat.NotebookNode, setup: str = "") -> nbformat.NotebookNode:
    """The notebook without solution cells and outputs, ready for a learner to work through.

    ``setup`` (code, e.g. choosing the checker's language for a translated edition) becomes a code cell right
    after the title cell.
    """
    copied = notebook_download(notebook, setup)
    copied.cells = [cell for cell in copied.cells if SOLUTION_TAG not in cell.metadata.get("tags", [])]
    for cell in copied.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    copied.metadata.pop("course_engine", None)
    return copied


def notebook_download(notebook: nbformat.NotebookNode, setup: str = "") -> nbformat.NotebookNode:
    """The executed notebook as readers download it: ``setup`` (code) as a code cell right after the title
    cell."""
    copied = copy.deepcopy(notebook)
    if setup:
        copied.cells.insert(1, nbformat.v4.new_code_cell(setup, id=SETUP_CELL_ID))
    return copied


def notebook_download_bytes(executed: bytes, setup: str = "") -> bytes:
    """``notebook_download`` of a notebook file's bytes, as bytes: the same bytes when there is no ``setup``."""
    if not setup:
        return executed
    notebook = nbformat.reads(executed.decode("utf-8"), as_version=4)
    return nbformat.writes(notebook_download(notebook, setup)).encode("utf-8")


def source_download(script: str, setup: str = "") -> str:
    """A lesson's jupytext (percent format) source as readers download it: ``setup`` (code) as a code cell right
    after the title cell, as in the notebook."""
    if not setup:
        return script
    cell = f"# %%\n{setup.strip()}\n\n"
    markers = list(_CELL_MARKER.finditer(script))
    if len(markers) < 2:
        return script.rstrip("\n") + "\n\n" + cell.rstrip("\n") + "\n"
    at = markers[1].start()
    return script[:at] + cell + script[at:]


@dataclass(frozen=True)
class Download:
    label: str
    href: str  # relative to the page that links it
    title: str


def download_bar(downloads: list[Download], label: str = "Downloads") -> str:
    """HTML for the row of download buttons at the top of a lesson page."""
    buttons = "".join(
        f'<a class="md-button course-download" href="{escape(item.href)}" download title="{escape(item.title)}">'
        f"{escape(item.label)}</a>"
        for item in downloads
    )
    return f'<nav class="course-downloads" aria-label="{escape(label)}">{buttons}</nav>'


def package_archive(project_root: Path, folder: str = "course-helpers") -> bytes:
    """A zip of the helper package readers install with ``pip install <file>.zip``: the files ``package_files``
    selects (what pyproject.toml declares, tracked by git), nothing else that lies in the folder.

    Entries are sorted and stamped with a fixed date, so the same sources always give the same bytes.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in package_files(project_root):
            entry = zipfile.ZipInfo(f"{folder}/{path.relative_to(project_root).as_posix()}", date_time=(2026, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, path.read_bytes())
    return buffer.getvalue()

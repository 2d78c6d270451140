"""What a reader can download for a lesson: its source, the executed notebook and, for exercises, a learner's copy.

A learner's copy is the executed lesson without the cells tagged ``solution`` and without any outputs, so the
learner runs it from the top and fills the ``____`` blanks.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from html import escape

import nbformat

SOLUTION_TAG = "solution"


def has_solutions(notebook: nbformat.NotebookNode) -> bool:
    return any(SOLUTION_TAG in cell.metadata.get("tags", []) for cell in notebook.cells)


def learner_copy(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook without solution cells and outputs, ready for a learner to work through."""
    copied = copy.deepcopy(notebook)
    copied.cells = [cell for cell in copied.cells if SOLUTION_TAG not in cell.metadata.get("tags", [])]
    for cell in copied.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    copied.metadata.pop("course_build", None)
    return copied


@dataclass(frozen=True)
class Download:
    label: str
    href: str  # relative to the page that links it
    title: str


def download_bar(downloads: list[Download]) -> str:
    """HTML for the row of download buttons at the top of a lesson page."""
    buttons = "".join(
        f'<a class="md-button course-download" href="{escape(item.href)}" download title="{escape(item.title)}">'
        f"{escape(item.label)}</a>"
        for item in downloads
    )
    return f'<nav class="course-downloads" aria-label="Downloads">{buttons}</nav>'

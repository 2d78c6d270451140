"""Find, read and validate lesson sources: jupytext percent-format ``NN_topic.py`` files.

A valid source is named ``NN_topic.py`` and its first cell is Markdown holding ``# Title`` and, under it, a
paragraph describing the lesson (one or more lines). Reading never executes anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat

from course.engine.errors import SourceError

SOURCE_NAME = re.compile(r"^\d{2}_[a-z0-9]+(?:_[a-z0-9]+)*\.py$")
CELL_MARKER = re.compile(r"^# %%")


@dataclass(frozen=True)
class Tutorial:
    """One lesson source, read but not executed."""

    path: Path
    notebook: nbformat.NotebookNode
    title: str
    description: str
    cell_lines: tuple[int | None, ...]  # 1-based line of each cell's marker in the source, where known
    cell_starts: tuple[int | None, ...] = ()  # 1-based line of each cell's first source line, where known

    @property
    def name(self) -> str:
        """The source's stem, e.g. ``02_activations``: the lesson's identity in the cache and the site."""
        return self.path.stem

    def cell_line(self, index: int) -> int | None:
        return self.cell_lines[index] if 0 <= index < len(self.cell_lines) else None

    def source_line(self, index: int, line_in_cell: int = 1) -> int | None:
        """The file line of line ``line_in_cell`` (1-based) of cell ``index``: what an author's editor shows."""
        start = self.cell_starts[index] if 0 <= index < len(self.cell_starts) else None
        return start + line_in_cell - 1 if start else None


def find_tutorials(source_dir: Path) -> list[Path]:
    """Every ``*.py`` file directly in ``source_dir``, in reading order (by name)."""
    if not source_dir.is_dir():
        raise SourceError(f"The lesson folder {source_dir} does not exist.")
    return sorted(path for path in source_dir.glob("*.py") if path.is_file())


def read_tutorial(path: Path) -> Tutorial:
    """Read and validate one source; raise SourceError with a message naming the file and the fix."""
    if not SOURCE_NAME.match(path.name):
        raise SourceError(
            f"{path}: a lesson source must be named NN_topic.py (two digits, an underscore, "
            f"lower-case words joined by underscores), e.g. 02_activations.py."
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"{path}: cannot read the lesson source ({error}).") from None
    try:
        notebook = jupytext.reads(text, fmt="py:percent")
    except Exception as error:  # jupytext raises many kinds; all mean the same to an author
        raise SourceError(f"{path}: jupytext cannot read this as a percent-format script: {error}") from None
    for index, cell in enumerate(notebook.cells, start=1):
        cell.id = f"cell-{index}"  # jupytext invents random ids; fixed ones keep builds byte-identical
    title, description = _header(path, notebook)
    markers, starts = _cell_lines(text, len(notebook.cells))
    return Tutorial(path, notebook, title, description, markers, starts)


def _header(path: Path, notebook: nbformat.NotebookNode) -> tuple[str, str]:
    cells = notebook.cells
    if not cells or cells[0].cell_type != "markdown":
        raise SourceError(
            f"{path}: the first cell must be a Markdown cell ('# %% [markdown]') holding '# Title' "
            f"and a paragraph describing the lesson."
        )
    lines = [line.strip() for line in cells[0].source.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    if not lines or not lines[0].startswith("# "):
        raise SourceError(f"{path}: the first Markdown cell must start with the lesson title as '# Title'.")
    title, rest = lines[0][2:].strip(), lines[1:]
    while rest and not rest[0]:
        rest.pop(0)
    # The description is the whole paragraph under the title, however the author wrapped it.
    paragraph = []
    for line in rest:
        if not line or line.startswith("#"):
            break
        paragraph.append(line)
    if not paragraph:
        raise SourceError(
            f"{path}: the title '{lines[0]}' must be followed by a paragraph describing the lesson."
        )
    return title, _unwrap(paragraph)


# Ideographs, kana and full-width punctuation: Chinese text wrapped over two lines joins with no space between.
_WIDE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _unwrap(lines: list[str]) -> str:
    """The lines of one Markdown paragraph as one line: joined by a space, or by nothing between wide characters."""
    text = lines[0]
    for line in lines[1:]:
        text += line if _WIDE.match(text[-1]) and _WIDE.match(line[0]) else " " + line
    return text


def _cell_lines(text: str, cell_count: int) -> tuple[tuple[int | None, ...], tuple[int | None, ...]]:
    """Each cell's marker line and first source line (jupytext keeps a cell's leading blank lines)."""
    markers = [number for number, line in enumerate(text.splitlines(), start=1) if CELL_MARKER.match(line)]
    starts = [marker + 1 for marker in markers]
    if len(markers) == cell_count - 1:  # a first cell written without its marker
        markers, starts = [1, *markers], [1, *starts]
    if len(markers) != cell_count:
        return (None,) * cell_count, (None,) * cell_count
    return tuple(markers), tuple(starts)

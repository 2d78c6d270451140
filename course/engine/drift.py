"""Drift: which cells' outputs changed when a lesson executed again, so authors know which sentences to reread.

When a lesson re-executes and an earlier execution of it is in the cache, the two are compared cell by cell
(code cells are matched by their source, so an inserted cell does not shift the rest) and one line is logged:
``05_training: outputs of cells 14, 18 and 21 changed``. Cells are numbered as in the build's error messages and
``--show`` (every cell counts, from 1). The lines of the last build that executed lessons are kept in a small
file next to the cache, which ``python -m course.engine --drift`` prints.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat

from course.engine.cache import CacheEntry

REPORT_NAME = "drift.json"


def changed_cells(before: nbformat.NotebookNode, after: nbformat.NotebookNode) -> list[int]:
    """1-based numbers (in ``after``) of the code cells whose outputs differ from ``before``'s.

    Cells with the same source are compared; an edited cell is compared with the one it replaced; a new cell
    that has outputs counts as changed.
    """
    old = _code_cells(before)
    new = _code_cells(after)
    matcher = difflib.SequenceMatcher(a=[_source(cell) for _, cell in old],
                                      b=[_source(cell) for _, cell in new], autojunk=False)
    changed: list[int] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "delete":
            continue
        for offset, (number, cell) in enumerate(new[new_start:new_end]):
            previous = old[old_start + offset][1] if old_start + offset < old_end else None
            if previous is None:
                if cell.get("outputs"):
                    changed.append(number)
            elif _outputs(previous) != _outputs(cell):
                changed.append(number)
    return changed


def drift_line(name: str, cells: list[int]) -> str:
    """``05_training: outputs of cells 14, 18 and 21 changed``, or that none did."""
    if not cells:
        return f"{name}: no cell's outputs changed"
    numbers = [str(number) for number in cells]
    listed = numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"
    return f"{name}: outputs of cell{'s' if len(cells) > 1 else ''} {listed} changed"


class DriftLog:
    """Collects one line per re-executed lesson during a build and saves them for ``--drift``."""

    def __init__(self, cache_dir: Path, log: Callable[[str], None] = print):
        self.path = report_path(cache_dir)
        self.log = log
        self.lines: list[str] = []

    def compare(self, name: str, previous: CacheEntry | None, current: nbformat.NotebookNode) -> None:
        """Log and keep the drift line of ``name``; nothing when there was no earlier execution to compare with."""
        if previous is None:
            return
        line = drift_line(name, changed_cells(previous.notebook, current))
        self.lines.append(line)
        self.log(line)

    def save(self) -> None:
        """Keep this build's lines for ``--drift``; a build that re-executed nothing leaves the last report."""
        if not self.lines:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"lines": self.lines}, indent=1) + "\n", encoding="utf-8")


def report_path(cache_dir: Path) -> Path:
    """Where the last drift report lives: beside the cache folder, so pruning the cache never touches it."""
    return cache_dir.parent / REPORT_NAME


def last_report(cache_dir: Path) -> list[str]:
    """The drift lines of the last build that re-executed a lesson it had executed before; [] if none."""
    try:
        return list(json.loads(report_path(cache_dir).read_text(encoding="utf-8"))["lines"])
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _code_cells(notebook: nbformat.NotebookNode) -> list[tuple[int, nbformat.NotebookNode]]:
    return [(number, cell) for number, cell in enumerate(notebook.cells, start=1) if cell.cell_type == "code"]


def _source(cell: nbformat.NotebookNode) -> str:
    return "\n".join(line.rstrip() for line in cell.source.strip().splitlines())


def _outputs(cell: nbformat.NotebookNode) -> list[Any]:
    """The cell's outputs as comparable values: streams joined, execution counts and timings left out."""
    result: list[Any] = []
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream":
            if result and result[-1][0] == "stream" and result[-1][1] == output.get("name"):
                result[-1] = ("stream", output.get("name"), result[-1][2] + output.get("text", ""))
            else:
                result.append(("stream", output.get("name"), output.get("text", "")))
        elif kind == "error":
            result.append(("error", output.get("ename"), output.get("evalue")))
        else:
            result.append((kind, json.dumps(output.get("data", {}), sort_keys=True),
                           json.dumps(output.get("metadata", {}), sort_keys=True)))
    return result

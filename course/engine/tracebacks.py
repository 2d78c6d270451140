"""Turn a failed cell into a message for its author: the file line that raised, the exception, the frames that lie
in the lesson or the project's own code, library frames counted, and the cell with the failing line marked.

The kernel reports the failure as data (``DIAGNOSE`` runs there after the cell failed); this module maps IPython's
temporary cell file names back to lines of the lesson source, so no temporary name ever reaches the message.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from course.engine.sources import Tutorial

# Executed in the kernel right after a cell failed; prints one JSON line describing the exception.
DIAGNOSE = """\
import json as _json, sys as _sys, traceback as _traceback
_error = getattr(_sys, "last_value", None)
_report = {"ename": type(_error).__name__, "evalue": "", "frames": [], "syntax": None, "cells": {}}
if _error is not None:
    _report["evalue"] = str(getattr(_error, "msg", None) or _error) if isinstance(_error, SyntaxError) else str(_error)
    _report["frames"] = [[f.filename, f.lineno, f.name] for f in _traceback.extract_tb(_error.__traceback__)]
    if isinstance(_error, SyntaxError):
        _report["syntax"] = [_error.filename, _error.lineno]
    _report["cells"] = dict(get_ipython().compile._filename_map)
print(_json.dumps(_report, default=str))
del _json, _sys, _traceback, _error, _report
"""

LIBRARY_MARKERS = ("site-packages", "dist-packages")
EXCERPT_WINDOW = 4  # lines either side of the failing line when a cell is long
EXCERPT_WHOLE = 15  # cells up to this many lines are shown whole


@dataclass(frozen=True)
class Frame:
    where: str  # "tutorials_src/04_x.py, line 41" or "course/plotting/display.py, line 12, in show"
    cell: int | None = None  # index of the lesson cell, for lesson frames
    cell_line: int | None = None  # 1-based line inside that cell


def parse_report(text: str) -> dict | None:
    try:
        return json.loads(text.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def describe_failure(tutorial: Tutorial, index: int, report: dict | None, counts: dict[int, int],
                     root: Path, fallback: str) -> str:
    """The whole message for a cell at ``index`` that raised; ``counts`` maps execution counts to cell indexes.

    Without a report (the kernel could not answer) the message points at the cell's first line with ``fallback``.
    """
    if report is None:
        return cell_message(tutorial, index, None, f"raised {fallback}", root)
    cell_of = {name: counts.get(count) for name, count in report.get("cells", {}).items()}
    frames, omitted = _classify(report["frames"], tutorial, cell_of, root)
    if report.get("syntax"):
        file, line = report["syntax"]
        syntax = _frame(file, line or 1, "", tutorial, cell_of, root)
        if syntax is not None:
            frames.append(syntax)
    lesson = [frame for frame in frames if frame.cell is not None]
    failing = lesson[-1] if lesson else None
    headline_cell = failing.cell if failing else index
    failing_line = failing.cell_line if failing else None
    evalue = report["evalue"]
    if report["ename"] == "SyntaxError" and evalue == "incomplete input":
        # IPython's word for code that stops inside a bracket or string; Python says which one and where it opened.
        python = _python_syntax_error(tutorial, headline_cell)
        if python is not None:
            evalue, failing_line = python.msg, python.lineno or failing_line
    reason = f"raised {report['ename']}: {evalue}".rstrip(": ")
    message = cell_message(tutorial, headline_cell, failing_line, reason, root)
    shown = [frame.where for frame in frames]
    if omitted:
        shown.append("(" + ", ".join(f"{n} frame{'s' if n != 1 else ''} inside {lib}" for lib, n in omitted.items())
                     + " omitted)")
    if len(frames) > 1 or omitted:
        message += "\n  Traceback, most recent call last:\n" + "\n".join(f"    {line}" for line in shown)
    return message


def _python_syntax_error(tutorial: Tutorial, index: int) -> SyntaxError | None:
    """The SyntaxError Python's own compiler gives for the cell's code, or None when it compiles (it may hold
    IPython's syntax, which only IPython reads)."""
    if not 0 <= index < len(tutorial.notebook.cells):
        return None
    try:
        compile(tutorial.notebook.cells[index].source, "<cell>", "exec")
    except SyntaxError as error:
        return error
    except ValueError:  # a null byte
        return None
    return None


def cell_message(tutorial: Tutorial, index: int, cell_line: int | None, reason: str, root: Path) -> str:
    """``<file>, line N (cell K) <reason>`` and the cell's code with line N marked."""
    line = tutorial.source_line(index, cell_line or 1)
    where = f"{display_path(tutorial.path, root)}" + (f", line {line}" if line else "") + f" (cell {index + 1})"
    return f"{where} {reason}\n{excerpt(tutorial, index, cell_line)}".rstrip()


def excerpt(tutorial: Tutorial, index: int, cell_line: int | None) -> str:
    """The cell's code with file line numbers, the failing line marked with '>'; long cells as a window."""
    if not 0 <= index < len(tutorial.notebook.cells):
        return ""
    lines = tutorial.notebook.cells[index].source.splitlines()
    first, last = 1, len(lines)
    if len(lines) > EXCERPT_WHOLE and cell_line:
        first, last = max(1, cell_line - EXCERPT_WINDOW), min(len(lines), cell_line + EXCERPT_WINDOW)
    out = []
    for number in range(first, last + 1):
        file_line = tutorial.source_line(index, number)
        mark = ">" if number == cell_line else " "
        label = f"{file_line:>4}" if file_line else "    "
        out.append(f"  {mark}{label} | {lines[number - 1]}")
    return "\n".join(out)


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to the project root when it lies inside it, else as given."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def _classify(raw_frames: list, tutorial: Tutorial, cell_of: dict, root: Path) -> tuple[list[Frame], Counter]:
    frames: list[Frame] = []
    omitted: Counter = Counter()
    for file, line, name in raw_frames:
        frame = _frame(file, line, name, tutorial, cell_of, root)
        if frame is not None:
            frames.append(frame)
        elif frames or not _is_library(file, "IPython"):  # IPython's own exec() frame comes first: not counted
            omitted[_library_name(file)] += 1
    return frames, omitted


def _frame(file: str, line: int, name: str, tutorial: Tutorial, cell_of: dict, root: Path) -> Frame | None:
    if file in cell_of:
        index = cell_of[file]
        if index is None:
            return None
        file_line = tutorial.source_line(index, line)
        suffix = f", in {name}" if name and name != "<module>" else ""
        return Frame(f"{display_path(tutorial.path, root)}, line {file_line}{suffix}", index, line)
    if any(marker in Path(file).parts for marker in LIBRARY_MARKERS) or ".venv" in Path(file).parts:
        return None
    try:
        relative = Path(file).resolve().relative_to(Path(root).resolve()).as_posix()
    except (ValueError, OSError):
        return None
    suffix = f", in {name}" if name and name != "<module>" else ""
    return Frame(f"{relative}, line {line}{suffix}")


def _is_library(file: str, name: str) -> bool:
    return _library_name(file) == name


def _library_name(file: str) -> str:
    parts = Path(file).parts
    for marker in LIBRARY_MARKERS:
        if marker in parts:
            rest = parts[parts.index(marker) + 1:]
            return re.split(r"[.-]", rest[0])[0] if rest else marker
    if re.search(r"/python3\.\d+/", file):
        return "the Python standard library"
    return "other code"

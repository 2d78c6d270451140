"""Resolve glue roles in a lesson's Markdown from the values its code cells glued.

Code cells record values with ``course.glue.glue(name, value)``: a display_data output whose metadata holds
``scrapbook: {name, mime_prefix}`` (MyST-NB's convention). Markdown cells quote them as ``{glue}`name``` (the
value's text form), ``{glue:text}`name:.2f``` (a format spec) or ``{glue:pick}`name|above=is above|below=is
below``` (the wording chosen by the value's text form, so that each edition words a computed verdict in its own
language). ``resolve_glue`` returns the notebook with
every role replaced and the hidden glue outputs removed, as MyST-NB renders them. An unknown name, a bad format
spec or a role in a lesson without outputs raises GlueError naming the file, the line and the glued names.
"""

from __future__ import annotations

import ast
import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import nbformat

from course.engine.errors import TutorialError
from course.engine.sources import Tutorial

# {glue}`name`, {glue:}`name`, {glue:any}`name`, {glue:text}`name:spec`, {glue:pick}`name|value=words|...`; other
# {glue:...} kinds are reported.
ROLE = re.compile(r"\{glue(?::(?P<kind>[A-Za-z]*))?\}`(?P<content>[^`]*)`")
SUPPORTED_KINDS = ("", "any", "text", "pick")


class GlueError(TutorialError):
    """A lesson's prose quotes a glued value that cannot be resolved; the message names file, line and names."""


@dataclass(frozen=True)
class GluedValue:
    name: str
    data: dict[str, Any]  # the MIME bundle, prefix removed
    cell: int  # 1-based index of the code cell that glued it
    hidden: bool  # glued with display=False: recorded, not shown

    @property
    def text(self) -> str:
        """The value's text form: a glued string as itself, anything else as its ``text/plain`` repr."""
        plain = self.data.get("text/plain", "")
        value = _literal(plain)
        return value if isinstance(value, str) else plain

    def formatted(self, spec: str) -> str:
        """The value formatted with ``spec``; raises ValueError or TypeError when the spec does not fit it."""
        if not spec:
            return self.text
        return format(_literal(self.data.get("text/plain", "")), spec)


@dataclass(frozen=True)
class _Problem:
    line: int | None
    role: str
    reason: str


def glued_values(notebook: nbformat.NotebookNode) -> dict[str, GluedValue]:
    """Every value the notebook's code cells glued, by name; the last one wins when a name is glued twice."""
    values: dict[str, GluedValue] = {}
    for index, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            record = output.get("metadata", {}).get("scrapbook")
            if output.get("output_type") != "display_data" or not isinstance(record, dict) or "name" not in record:
                continue
            prefix = record.get("mime_prefix", "") or ""
            data = {kind[len(prefix):]: value for kind, value in output.get("data", {}).items()
                    if kind.startswith(prefix)}
            values[record["name"]] = GluedValue(record["name"], data, index, hidden=bool(prefix))
    return values


def has_roles(notebook: nbformat.NotebookNode) -> bool:
    return any(cell.cell_type == "markdown" and ROLE.search(cell.source) for cell in notebook.cells)


def resolve_glue(notebook: nbformat.NotebookNode, tutorial: Tutorial) -> nbformat.NotebookNode:
    """A copy of the executed ``notebook`` (the notebook itself when it has neither roles nor glued values) with every
    glue role in its Markdown replaced by the glued value and the hidden glue outputs removed. ``tutorial`` is the
    lesson it was executed from, for the file and lines.

    Raises GlueError listing every role that cannot be resolved, with the names that were glued.
    """
    if not has_roles(notebook) and not glued_values(notebook):
        return notebook
    resolved = copy.deepcopy(notebook)
    values = glued_values(resolved)
    executed = any(cell.get("outputs") or cell.get("execution_count") for cell in resolved.cells
                   if cell.cell_type == "code")
    lines = _source_lines(tutorial.path)
    problems: list[_Problem] = []
    for index, cell in enumerate(resolved.cells):
        if cell.cell_type == "markdown":
            line_of = partial(_file_line, tutorial, lines, index)
            cell.source = _resolve_cell(cell.source, values, executed, problems, line_of)
        elif cell.cell_type == "code":
            cell.outputs = [output for output in cell.get("outputs", []) if not _is_hidden_glue(output)]
    if problems:
        raise GlueError(_message(tutorial.path, problems, values, executed))
    return resolved


# A pick choice cannot hold backticks (they end the role), so one that shows code writes <code>inf</code>; in a
# script's comments, which readers read as plain text, the same Markdown reads better as `inf`.
INLINE_CODE_TAG = re.compile(r"<code>([^<>`\n]*)</code>")


def resolve_glue_in_source(tutorial: Tutorial, executed: nbformat.NotebookNode) -> str:
    """The lesson's source text, as a reader downloads it: each glue role in its Markdown cells replaced by the value
    the page shows, from ``executed`` (the execution with its glued values), with inline ``<code>`` tags in the
    Markdown written as backticks. The code, glue calls included, is left as it is, so the script still runs; a
    role that cannot be resolved stays as written (the build has already reported it)."""
    lines = tutorial.path.read_text(encoding="utf-8").splitlines(keepends=True)
    markers = [line for line in tutorial.cell_lines if line is not None]
    if len(markers) != len(tutorial.notebook.cells):
        return "".join(lines)
    values = glued_values(executed)
    pieces = ["".join(lines[:markers[0] - 1])]
    for cell, start, end in zip(tutorial.notebook.cells, markers, [*markers[1:], len(lines) + 1]):
        text = "".join(lines[start - 1:end - 1])
        if cell.cell_type == "markdown":
            text = INLINE_CODE_TAG.sub(r"`\1`", _resolve_cell(text, values, True, [], lambda offset, role: None))
        pieces.append(text)
    return "".join(pieces)


def _resolve_cell(source: str, values: dict[str, GluedValue], executed: bool, problems: list[_Problem],
                  line_of: Callable[[int, str], int | None]) -> str:
    """``source`` with each role replaced; a role that cannot be resolved stays and is added to ``problems``."""

    def replace(match: re.Match) -> str:
        role = match.group(0)
        line = line_of(source.count("\n", 0, match.start()), role)
        kind, content = match.group("kind") or "", match.group("content").strip()
        if "\n" in content:  # the downloaded script replaces roles line by line, keeping the source's lines
            problems.append(_Problem(line, role.split("\n", 1)[0] + " ...", "a role must fit on one line; "
                                                                          "put the whole role on one line"))
            return role
        if kind not in SUPPORTED_KINDS:
            problems.append(_Problem(line, role, f"{{glue:{kind}}} is not a role the course knows; use "
                                                 f"{{glue}}`name`, {{glue:text}}`name:.2f` or "
                                                 f"{{glue:pick}}`name|value=words|value=words`"))
            return role
        if kind == "pick":
            name, _, listed = content.partition("|")
            choices, spec = pick_choices(listed), ""
            if choices is None:
                problems.append(_Problem(line, role, "a pick role lists its choices as |value=words after the name, "
                                                     "each with an =, and at least one"))
                return role
        else:
            name, spec = (content.rsplit(":", 1) + [""])[:2] if kind == "text" else (content, "")
        name = name.strip()
        if not executed:
            problems.append(_Problem(line, role, "the lesson has no outputs to quote (it never executed)"))
            return role
        if name not in values:
            problems.append(_Problem(line, role, f"no value named {name!r} was glued"))
            return role
        if kind == "pick":
            if values[name].text not in choices:
                problems.append(_Problem(line, role, f"the value {values[name].text!r} of {name!r} is none of the "
                                                     f"role's choices ({', '.join(map(repr, choices))})"))
                return role
            return choices[values[name].text]
        try:
            return values[name].formatted(spec)
        except (ValueError, TypeError) as error:
            problems.append(_Problem(line, role, f"format spec {spec!r} does not fit the value "
                                                 f"{values[name].text!r} ({error})"))
            return role

    return ROLE.sub(replace, source)


def pick_choices(listed: str) -> dict[str, str] | None:
    """The choices of a pick role, ``value=words|value=words`` (what follows its name), by value; None when one
    lacks its ``=``."""
    pairs = [choice.partition("=") for choice in listed.split("|")]
    if not listed.strip() or any(not equals for _, equals, _ in pairs):
        return None
    return {value.strip(): words.strip() for value, _, words in pairs}


def _message(path: Path, problems: list[_Problem], values: dict[str, GluedValue], executed: bool) -> str:
    where = [f"  line {problem.line}: {problem.role}: {problem.reason}" if problem.line
             else f"  {problem.role}: {problem.reason}" for problem in problems]
    if values:
        names = "Glued in this lesson: " + ", ".join(sorted(values)) + "."
    elif executed:
        names = "No value is glued in this lesson: glue one in a code cell with course.glue.glue(name, value)."
    else:
        names = "Glue roles are resolved from a lesson's executed outputs."
    count = len(problems)
    return (f"{path}: {count} glue role{'s' if count != 1 else ''} cannot be resolved:\n"
            + "\n".join(where) + f"\n{names}")


def _is_hidden_glue(output: nbformat.NotebookNode) -> bool:
    record = output.get("metadata", {}).get("scrapbook")
    return isinstance(record, dict) and bool(record.get("mime_prefix"))


def _literal(text: str) -> Any:
    """The Python value a ``text/plain`` repr spells (a number, a string ...), or the text itself."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return text


def _source_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _file_line(tutorial: Tutorial, lines: list[str], cell_index: int, offset: int, role: str) -> int | None:
    """The 1-based line of the source file holding ``role``, the ``offset``-th line of Markdown cell
    ``cell_index``; jupytext writes a Markdown cell's lines one for one after its ``# %% [markdown]`` marker."""
    marker = tutorial.cell_line(cell_index)
    if marker is not None:
        for candidate in (marker + 1 + offset, marker + offset):
            if 1 <= candidate <= len(lines) and role in lines[candidate - 1]:
                return candidate
    matches = [number for number, text in enumerate(lines, start=1) if role in text]
    return matches[0] if matches else (marker + 1 + offset if marker is not None else None)

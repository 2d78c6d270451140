"""Small readers of executed notebooks, shared by the tests."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup


def outputs_text(notebook: nbformat.NotebookNode) -> str:
    """Every text output of every code cell (streams, text/plain results, error lines), joined by newlines."""
    parts: list[str] = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                parts.append(output.text)
            elif output.output_type == "error":
                parts.append(f"{output.ename}: {output.evalue}")
            else:
                data = output.get("data", {})
                parts.append(data.get("text/plain", ""))
                parts.append(data.get("text/html", "") if "text/plain" not in data else "")
    return "\n".join(parts)


def image_outputs(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """Every display output that carries a PNG."""
    return [
        output
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]


def stderr_outputs(notebook: nbformat.NotebookNode) -> list[str]:
    """The text of every stderr stream output (warnings, log lines): a reader should see none."""
    return [
        output.text
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.output_type == "stream" and output.name == "stderr"
    ]


def alt_text(output: nbformat.NotebookNode) -> str:
    """The alt text a figure output carries (what the page's <img alt> will say), or ''."""
    metadata = output.get("metadata", {})
    return (metadata.get("image/png", {}) or {}).get("alt", "") or metadata.get("alt", "")


_CHECK_CALL = re.compile(r"^q_([1-9])\.check\(\)$", re.MULTILINE)


def check_cells(notebook: nbformat.NotebookNode, *, solution: bool) -> dict[int, nbformat.NotebookNode]:
    """Question number -> the code cell ending in ``q_N.check()``, among the solution cells or the learner's."""
    found = {}
    for cell in notebook.cells:
        match = _CHECK_CALL.search(cell.source) if cell.cell_type == "code" else None
        if match and ("solution" in cell.metadata.get("tags", [])) == solution:
            found[int(match.group(1))] = cell
    return found


def verdict(cell: nbformat.NotebookNode) -> str:
    """The plain text of the ``CheckResult`` a check cell's last line returns."""
    results = [output for output in cell.outputs if output.output_type == "execute_result"]
    assert len(results) == 1, cell.source
    return results[0].data["text/plain"]


def built_page(site: Path, path: str) -> BeautifulSoup:
    """The built page at site path ``path`` (a directory URL like ``lessons/02_activations/``), parsed. The tree is
    shared by every caller in this process until the file changes: read it, never change it. (Parsing a lesson page
    takes a quarter of a second, and the glossary's tests look up the same lesson pages for each of their terms.)"""
    file = site / path / "index.html"
    stat = file.stat()
    return _parsed(file, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _parsed(file: Path, mtime_ns: int, size: int) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def resolve(path: str, href: str) -> str:
    """The site path a relative link on page ``path`` leads to."""
    parts: list[str] = [part for part in path.split("/") if part]
    for part in href.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts) + "/" if parts else ""

"""Outputs are checked before they are published, whether just executed or read from the cache.

A cell's outputs must stay under a size limit, must load nothing from another host (the site's promise: no
third-party request), and may carry script tags only for sources on an explicit allow-list. Published text
never shows the build machine's paths: tracebacks read ``keras/src/models/sequential.py``, not the virtualenv's
absolute path.
"""

from __future__ import annotations

import copy
import json
import os
import re
import sysconfig
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup

from course.engine.errors import CellError
from course.engine.sources import Tutorial
from course.engine.tracebacks import display_path

HTML_TYPES = ("text/html", "image/svg+xml", "text/markdown")
SCRIPT_TYPES = ("application/javascript", "text/javascript", "application/vnd.jupyter.widget-view+json")
REMOTE_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)  # http://, https://, //host
# Attributes through which markup loads a resource (``href`` only loads on these tags; on <a> it is a link).
LOADING_ATTRIBUTES = ("src", "srcset", "data", "poster", "background", "formaction", "action")
HREF_LOADS = {"link", "use", "image", "feimage", "script", "base"}
CSS_REMOTE = re.compile(r"""(?:url\(\s*["']?|@import\s+["']?)\s*(?:[a-z]+:)?//""", re.IGNORECASE)
MARKDOWN_REMOTE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*(?:[a-z]+:)?//", re.IGNORECASE)
LIBRARY_PATH = re.compile(r"""(?:[A-Za-z]:)?(?:[\\/][^\s'"\\/\x1b:()<>]+)*[\\/](?:site|dist)-packages[\\/]""")


def vet_outputs(tutorial: Tutorial, notebook: nbformat.NotebookNode, *, limit: int,
                allowed_scripts: tuple[str, ...], root: Path) -> nbformat.NotebookNode:
    """Raise CellError naming the file and cell when an output breaks a rule; else return the notebook with
    machine paths shortened, ready to publish."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or not cell.get("outputs"):
            continue
        size = len(json.dumps(cell.outputs))
        if size > limit:
            _refuse(tutorial, index, root, f"has {_megabytes(size)} of output, above the {_megabytes(limit)} limit "
                    f"(output_limit in mkdocs.yml or COURSE_OUTPUT_LIMIT); print a summary instead")
        for output in cell.outputs:
            data = output.get("data", {})
            for kind in SCRIPT_TYPES:
                if kind in data:
                    _refuse(tutorial, index, root, f"displays {kind}, which the site does not run")
            for kind in HTML_TYPES:
                if kind in data:
                    problem = markup_problem(_text(data[kind]), allowed_scripts)
                    if problem:
                        _refuse(tutorial, index, root, problem)
    return shorten_paths(notebook, root)


def markup_problem(markup: str, allowed_scripts: tuple[str, ...]) -> str | None:
    """Why this HTML/SVG/Markdown output may not be published, or None."""
    if MARKDOWN_REMOTE_IMAGE.search(markup) or CSS_REMOTE.search(markup):
        found = (MARKDOWN_REMOTE_IMAGE.search(markup) or CSS_REMOTE.search(markup)).group(0)
        return f"loads from another host ({found.strip()}...), which the site never does"
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            name = name.lower()
            text = " ".join(value) if isinstance(value, list) else str(value)
            loads = name in LOADING_ATTRIBUTES or (name in ("href", "xlink:href") and tag.name.lower() in HREF_LOADS)
            if loads and any(REMOTE_URL.match(part) for part in re.split(r",\s*", text)):
                return f"loads <{tag.name} {name}=\"{text[:80]}\"> from another host, which the site never does"
            if name.startswith("on"):
                return f"has a <{tag.name} {name}=...> script handler, which the site does not run"
            if text.strip().lower().startswith("javascript:"):
                return f"has a javascript: URL in <{tag.name} {name}>, which the site does not run"
        if tag.name.lower() == "script":
            source = tag.get("src")
            if source is None or source not in allowed_scripts:
                what = f"src={source!r}" if source else "inline code"
                return f"has a <script> tag ({what}) that is not on the allow-list (allowed_scripts in mkdocs.yml)"
    return None


def shorten_paths(notebook: nbformat.NotebookNode, root: Path) -> nbformat.NotebookNode:
    """A copy whose outputs name library files by their package path and project files relative to the root."""
    prefixes = sorted({str(Path(root).resolve()), str(root), sysconfig.get_paths()["stdlib"]}, key=len, reverse=True)

    def shorten(text: str) -> str:
        if "-packages" in text:  # the pattern needs site- or dist-packages; on long outputs it is slow to fail
            text = LIBRARY_PATH.sub("", text)
        for prefix in prefixes:
            text = text.replace(prefix + os.sep, "")
        return text

    published = copy.deepcopy(notebook)
    for cell in published.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                output["text"] = shorten(_text(output["text"]))
            if output.get("output_type") == "error":
                output["evalue"] = shorten(output["evalue"])
                output["traceback"] = [shorten(line) for line in output["traceback"]]
            for kind, value in output.get("data", {}).items():
                if kind.startswith("text/"):
                    output["data"][kind] = shorten(_text(value))
    return published


def _refuse(tutorial: Tutorial, index: int, root: Path, problem: str) -> None:
    line = tutorial.source_line(index)
    where = display_path(tutorial.path, root) + (f", line {line}" if line else "") + f" (cell {index + 1})"
    raise CellError(f"{where} {problem}.")


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


TRANSLATIONS_KEY = "course_translations"  # output metadata {language: MIME bundle}, from course.exercises


def choose_language(notebook: nbformat.NotebookNode, language: str) -> nbformat.NotebookNode:
    """Show every multilingual output (``course_translations`` metadata) in ``language``, and drop the other
    languages' copies from the notebook. Changes ``notebook`` in place and returns it."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            translations = output.get("metadata", {}).pop(TRANSLATIONS_KEY, None)
            if isinstance(translations, dict) and isinstance(translations.get(language), dict):
                output["data"] = nbformat.from_dict(translations[language])
    return notebook

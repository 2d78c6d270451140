"""mkdocs-jupyter's rendered-page cache, made safe to read: one folder per renderer version under the project
root, and every file validated before a build so a damaged one costs one warning and a re-render, never a build.

mkdocs-jupyter keys its cache on the notebook's bytes and its options only, and reads a file with a bare
``json.loads``; a truncated file would fail every build, and a new nbconvert would be served old HTML.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
from pathlib import Path

from course.engine.cache import installed_version

log = logging.getLogger("course.engine")
RENDERERS = ("mkdocs-jupyter", "nbconvert", "pygments", "jupyterlab-pygments")


def render_cache_dir(root: Path) -> Path:
    """The folder for this project and these renderer versions (absolute, whatever the working directory)."""
    versions = [f"{name} {installed_version(name)}" for name in RENDERERS]
    digest = hashlib.sha256("\n".join(versions).encode()).hexdigest()[:12]
    return Path(root).resolve() / ".cache" / "mkdocs-jupyter" / digest


def prepare(folder: Path, *, fresh: bool) -> bool:
    """Make ``folder`` safe to read before a build: emptied when ``fresh`` (every page rendered again), else
    every file validated. Return whether the renderer may use it (False when it cannot be written)."""
    if fresh:
        shutil.rmtree(folder, ignore_errors=True)
    validate(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        return False  # a read-only checkout renders without storing
    return True


def validate(folder: Path) -> int:
    """Delete every cache file that is not a well-formed rendered page, with one warning naming it; return how
    many were deleted."""
    removed = 0
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        problem = _problem(path)
        if problem:
            log.warning("Rendered-page cache file %s is damaged (%s); it is deleted and the page rendered again.",
                        path, problem)
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _problem(path: Path) -> str | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return f"unreadable: {error}"
    if not isinstance(record, dict) or not isinstance(record.get("content"), str):
        return "no rendered content"
    if not isinstance(record.get("toc_tokens"), list) or not isinstance(record.get("title"), (str, type(None))):
        return "no table of contents"
    return None

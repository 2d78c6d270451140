"""Cache of executed lessons: a folder of notebooks keyed by everything that can change their outputs.

The key covers a lesson's code cells and their tags (not its prose), plus an environment digest: the bytes of
every dependency path (the ``course`` package, data, requirements) and the Python, TensorFlow and Keras versions.
Entries are written atomically; an unreadable or mismatched entry is reported and treated as a miss.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import os
import platform
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import nbformat

from course.engine.sources import Tutorial

log = logging.getLogger("course.engine")

# Distributions whose versions change lesson outputs; a missing one counts as "absent".
VERSIONED_DISTRIBUTIONS = ("tensorflow", "tensorflow-cpu", "keras", "numpy", "matplotlib", "pandas", "ipykernel")
IGNORED_PARTS = {"__pycache__", ".pytest_cache", ".ipynb_checkpoints"}
METADATA_KEY = "course_engine"


def environment_digest(dependencies: Iterable[Path]) -> str:
    """A digest of every file under ``dependencies`` (path and bytes) and of the library versions."""
    digest = hashlib.sha256()
    digest.update(f"python {platform.python_version()}\n".encode())
    for name in VERSIONED_DISTRIBUTIONS:
        digest.update(f"{name} {_version(name)}\n".encode())
    for root in sorted(Path(path) for path in dependencies):
        for file in _files_under(root):
            # Name files relative to the dependency, so two clones of the project share keys.
            label = root.name if file == root else f"{root.name}/{file.relative_to(root).as_posix()}"
            digest.update(f"{label}\n".encode())
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def cache_key(tutorial: Tutorial, environment: str) -> str:
    """Key on the code cells (normalised source and tags) and the environment; Markdown cells do not count."""
    digest = hashlib.sha256(environment.encode())
    for cell in tutorial.notebook.cells:
        if cell.cell_type != "code":
            continue
        tags = sorted(cell.metadata.get("tags", []))
        source = "\n".join(line.rstrip() for line in cell.source.strip().splitlines())
        digest.update(json.dumps([source, tags]).encode())
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class CacheEntry:
    notebook: nbformat.NotebookNode
    seconds: float


class NotebookCache:
    """Executed notebooks stored as ``root/<lesson name>/<key>.ipynb``."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, name: str, key: str) -> Path:
        return self.root / name / f"{key}.ipynb"

    def load(self, name: str, key: str) -> CacheEntry | None:
        """The entry for ``key``, or None when absent; a damaged entry is logged, deleted and treated as absent."""
        path = self.path(name, key)
        if not path.exists():
            return None
        try:
            notebook = nbformat.read(path, as_version=4)
            nbformat.validate(notebook)
            record = notebook.metadata[METADATA_KEY]
            if record["key"] != key:
                raise ValueError(f"it holds key {record['key']}")
            seconds = float(record["seconds"])
        except Exception as error:  # any damage means the same thing: execute again
            log.warning("Cache entry %s is damaged (%s); executing the lesson again.", path, error)
            path.unlink(missing_ok=True)
            return None
        return CacheEntry(notebook, seconds)

    def store(self, name: str, key: str, notebook: nbformat.NotebookNode, seconds: float) -> Path:
        """Write the executed notebook atomically (temporary file, then rename) and return its path."""
        stored = copy.deepcopy(notebook)
        stored.metadata[METADATA_KEY] = {"key": key, "seconds": round(seconds, 3)}
        path = self.path(name, key)
        write_atomically(path, nbformat.writes(stored).encode("utf-8"))
        return path

    def latest(self, name: str) -> CacheEntry | None:
        """The newest stored execution of this lesson, whatever its key (read before a new one replaces it)."""
        entries = sorted(self.root.glob(f"{name}/*.ipynb"), key=lambda path: path.stat().st_mtime)
        return self.load(name, entries[-1].stem) if entries else None

    def last_seconds(self, name: str) -> float | None:
        """How long the newest stored run of this lesson took, for scheduling the slowest lessons first."""
        entries = sorted(self.root.glob(f"{name}/*.ipynb"), key=lambda path: path.stat().st_mtime)
        for path in reversed(entries):
            try:
                return float(json.loads(path.read_text(encoding="utf-8"))["metadata"][METADATA_KEY]["seconds"])
            except Exception:  # a damaged entry just gives no estimate
                continue
        return None

    def prune(self, keep: dict[str, str]) -> int:
        """Delete every entry except ``keep[name] == key``; return how many files were removed."""
        removed = 0
        for path in self.root.glob("*/*.ipynb"):
            if keep.get(path.parent.name) != path.stem:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def merge_outputs(source: nbformat.NotebookNode, executed: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The source notebook (current prose) carrying the executed notebook's code outputs, cell for cell.

    Both must hold the same code cells in the same order, which equal cache keys guarantee.
    """
    merged = copy.deepcopy(source)
    executed_code = [cell for cell in executed.cells if cell.cell_type == "code"]
    merged_code = [cell for cell in merged.cells if cell.cell_type == "code"]
    if len(executed_code) != len(merged_code):
        raise ValueError("the executed notebook has a different number of code cells")
    for target, result in zip(merged_code, executed_code):
        target.outputs = copy.deepcopy(result.outputs)
        target.execution_count = result.execution_count
    merged.metadata.update({key: value for key, value in executed.metadata.items() if key != METADATA_KEY})
    return merged


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _files_under(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.exists():
        return []
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and not IGNORED_PARTS.intersection(path.parts) and path.suffix != ".pyc"
    )


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"

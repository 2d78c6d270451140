"""Cache of executed lessons: notebooks keyed by everything that can change their outputs.

An entry is found in two steps, both without a kernel. The *code key* covers the lesson's code cells and their
tags (not its prose), the library versions, ``requirements.txt`` and the engine's kernel setup. Each entry then
carries a small manifest listing the project files its execution imported; the entry is a hit when the current
bytes of exactly those files (and the data files of the imported packages) hash as they did. Each lesson keeps
its newest entries, so undoing an edit finds the earlier entry again. Entries are written atomically; a damaged or
mismatched entry is logged, deleted and treated as a miss.
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

from course.engine.imports import FileDigests, UsedFiles
from course.engine.sources import Tutorial

log = logging.getLogger("course.engine")

# Distributions whose versions change lesson outputs; a missing one counts as "absent".
VERSIONED_DISTRIBUTIONS = ("tensorflow", "tensorflow-cpu", "keras", "numpy", "matplotlib", "pandas", "ipykernel")
METADATA_KEY = "course_engine"
KEEP_PER_LESSON = 2  # the current entry and the one before it: undoing an edit executes nothing


def environment_digest(dependencies: Iterable[Path], kernel_setup: str = "") -> str:
    """A digest of the library versions, the bytes of ``dependencies`` (files) and the kernel's set-up."""
    digest = hashlib.sha256()
    digest.update(f"python {platform.python_version()}\n".encode())
    for name in VERSIONED_DISTRIBUTIONS:
        digest.update(f"{name} {installed_version(name)}\n".encode())
    for path in sorted(Path(path) for path in dependencies):
        data = path.read_bytes() if path.is_file() else b"missing"
        # Named by file name only, so two clones of the project share keys.
        digest.update(f"{path.name} {hashlib.sha256(data).hexdigest()}\n".encode())
    digest.update(kernel_setup.encode())
    return digest.hexdigest()


def code_cells(notebook: nbformat.NotebookNode) -> list[list]:
    """Each code cell as [normalised source, sorted tags]: what the key covers and what an entry must match."""
    return [
        ["\n".join(line.rstrip() for line in cell.source.strip().splitlines()), sorted(cell.metadata.get("tags", []))]
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]


def cache_key(tutorial: Tutorial, environment: str) -> str:
    """The code key: code cells (normalised source and tags) and the environment; Markdown cells do not count."""
    digest = hashlib.sha256(environment.encode())
    for cell in code_cells(tutorial.notebook):
        digest.update(json.dumps(cell).encode())
    return digest.hexdigest()[:32]


def entry_id(code_key: str, files_digest: str) -> str:
    return hashlib.sha256(f"{code_key} {files_digest}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class CacheEntry:
    id: str
    notebook: nbformat.NotebookNode
    seconds: float
    used: UsedFiles


class NotebookCache:
    """Entries stored as ``root/<lesson>/<id>.ipynb`` with their manifest ``root/<lesson>/<id>.json``."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, name: str, key: str) -> Path:
        return self.root / name / f"{key}.ipynb"

    def lookup(self, tutorial: Tutorial, code_key: str, digests: FileDigests) -> CacheEntry | None:
        """The entry whose code key matches and whose recorded files still hash the same, or None.

        Only manifests are read to decide; the one notebook that matches is then loaded and checked.
        """
        for manifest_path in self._manifests(tutorial.name):
            manifest = self._read_manifest(manifest_path)
            if manifest is None or manifest["code_key"] != code_key:
                continue
            if entry_id(code_key, digests.used(manifest["used"])) != manifest_path.stem:
                continue
            entry = self._load(tutorial, manifest_path.stem)
            if entry is not None:
                mark_used(manifest_path)  # the newest-used entries survive pruning
                return entry
        return None

    def store(self, name: str, code_key: str, used: UsedFiles, digests: FileDigests,
              notebook: nbformat.NotebookNode, seconds: float) -> str:
        """Write the executed notebook and then its manifest, each atomically; return the entry's id."""
        key = entry_id(code_key, digests.used(used))
        record = {"key": key, "code_key": code_key, "used": used.to_json(), "seconds": round(seconds, 3)}
        stored = copy.deepcopy(notebook)
        stored.metadata[METADATA_KEY] = record
        write_atomically(self.path(name, key), nbformat.writes(stored).encode("utf-8"))
        write_atomically(self.path(name, key).with_suffix(".json"), json.dumps(record, indent=1).encode())
        return key

    def latest(self, name: str) -> CacheEntry | None:
        """The most recently used entry of lesson ``name``, whatever its key (read it before storing a new one)."""
        return self.previous(name, current="")

    def previous(self, name: str, current: str) -> CacheEntry | None:
        """The most recently used entry of lesson ``name`` other than ``current`` (what it showed before)."""
        for manifest_path in self._manifests(name):
            if manifest_path.stem != current:
                notebook = self._read_notebook(self.path(name, manifest_path.stem))
                manifest = self._read_manifest(manifest_path)
                if notebook is not None and manifest is not None:
                    return CacheEntry(manifest_path.stem, notebook, manifest["seconds"], manifest["used"])
        return None

    def last_seconds(self, name: str) -> float | None:
        """How long the newest stored run of this lesson took, for scheduling the slowest lessons first."""
        for manifest_path in self._manifests(name):
            manifest = self._read_manifest(manifest_path, quiet=True)
            if manifest is not None:
                return manifest["seconds"]
        return None

    def prune(self, current: dict[str, str | None], keep: int = KEEP_PER_LESSON) -> int:
        """Keep, per lesson in ``current``, its current entry and the newest others up to ``keep``; delete the
        rest, and every entry of lessons no longer in ``current``. A lesson with no current entry (None: it failed
        under ``mkdocs serve`` and shows its last good page) keeps its ``keep`` newest, so undoing the edit that
        broke it executes nothing. Return how many entries were removed."""
        removed = 0
        for folder in sorted(path for path in self.root.glob("*") if path.is_dir()):
            kept = [current[folder.name]] if current.get(folder.name) else []
            for manifest_path in self._manifests(folder.name):
                if len(kept) < keep and folder.name in current and manifest_path.stem not in kept:
                    kept.append(manifest_path.stem)
            for path in folder.iterdir():
                if path.suffix in (".ipynb", ".json") and path.stem not in kept:
                    path.unlink(missing_ok=True)
                    removed += path.suffix == ".ipynb"
        return removed

    def _manifests(self, name: str) -> list[Path]:
        """The lesson's manifests, most recently used first."""
        folder = self.root / name
        paths = [path for path in folder.glob("*.json") if not path.name.startswith(".")] if folder.is_dir() else []
        return sorted(paths, key=_mtime, reverse=True)

    def _read_manifest(self, path: Path, quiet: bool = False) -> dict | None:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            if record["key"] != path.stem or not isinstance(record["code_key"], str):
                raise ValueError(f"it describes entry {record['key']}")
            record["used"] = UsedFiles.from_json(record["used"])
            record["seconds"] = float(record["seconds"])
        except FileNotFoundError:
            return None
        except Exception as error:  # any damage means the same thing: a miss
            if not quiet:
                self._discard(path, error)
            return None
        return record

    def _read_notebook(self, path: Path) -> nbformat.NotebookNode | None:
        try:
            notebook = nbformat.read(path, as_version=4)
            nbformat.validate(notebook)
            if notebook.metadata[METADATA_KEY]["key"] != path.stem:
                raise ValueError(f"it holds entry {notebook.metadata[METADATA_KEY]['key']}")
        except FileNotFoundError:
            return None
        except Exception as error:
            self._discard(path, error)
            return None
        return notebook

    def _load(self, tutorial: Tutorial, key: str) -> CacheEntry | None:
        path = self.path(tutorial.name, key)
        notebook = self._read_notebook(path)
        if notebook is None:
            return None
        if code_cells(notebook) != code_cells(tutorial.notebook):
            self._discard(path, ValueError("its code cells differ from the lesson's"))
            return None
        record = notebook.metadata[METADATA_KEY]
        return CacheEntry(key, notebook, float(record["seconds"]), UsedFiles.from_json(record["used"]))

    def _discard(self, path: Path, error: Exception) -> None:
        log.warning("Cache entry %s is damaged (%s); it is deleted and the lesson runs again.", path, error)
        for stale in (path.with_suffix(".ipynb"), path.with_suffix(".json")):
            try:
                stale.unlink(missing_ok=True)
            except OSError:
                pass  # a read-only cache: the entry stays, and stays a miss


def merge_outputs(source: nbformat.NotebookNode, executed: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The source notebook (current prose) carrying the executed notebook's code outputs, cell for cell.

    Both must hold the same code cells in the same order, which the cache checks before it returns an entry.
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


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0  # gone meanwhile (another build pruned it): the least recently used


def mark_used(path: Path) -> None:
    """Make ``path`` the most recently used of its kind, for pruning by use."""
    try:
        os.utime(path)
    except OSError:
        pass  # read-only cache: pruning order is all this loses


def least_recently_used(paths: Iterable[Path], keep: Iterable[Path] = (), others: int = 0) -> list[Path]:
    """The ``paths`` to drop: all but those in ``keep`` and the ``others`` most recently used of the rest."""
    kept = set(keep)
    rest = sorted((path for path in paths if path not in kept), key=_mtime, reverse=True)
    return rest[others:]


def installed_version(distribution: str) -> str:
    """The installed version of ``distribution``, or "absent": for the keys of the caches."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"

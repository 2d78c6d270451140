"""The project files a lesson used: recorded in its kernel after it ran, hashed on the host to decide cache hits.

A lesson "used" every module of a project package that its kernel imported, and the data files of every
imported project package (``course/data/concrete.csv`` once ``course.data`` is imported). Documentation
(README, ``*.md``), hidden files, editor swap and backup files and ``__pycache__`` never count. Paths are
recorded relative to the project root, so two clones of the project share cache entries.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Executed in the kernel after the lesson's last cell; prints one JSON line. ``{packages}`` is filled in with
# the absolute package folders, so nothing outside the project (the standard library, site-packages) counts.
RECORD_IMPORTS = """\
import json as _json, os as _os, sys as _sys
_roots = {packages!r}
_used = {{"modules": set(), "packages": set()}}
for _module in list(_sys.modules.values()):
    _file = getattr(_module, "__file__", None)
    if not _file:
        continue
    _file = _os.path.realpath(_file)
    for _root in _roots:
        if _file == _root or _file.startswith(_root + _os.sep):
            _used["modules"].add(_file)
            if getattr(_module, "__path__", None) is not None:
                _used["packages"].add(_os.path.dirname(_file))
print(_json.dumps({{name: sorted(paths) for name, paths in _used.items()}}))
del _json, _os, _sys, _roots, _used, _module, _file
"""

DOC_SUFFIXES = {".md", ".rst"}
NOT_DATA_SUFFIXES = {".py", ".pyc", ".pyo", ".swp", ".swo", ".swx", ".bak", ".orig", ".tmp", ".rej"}


@dataclass(frozen=True)
class UsedFiles:
    """What a lesson's kernel imported from the project: module files and package folders, root-relative."""

    modules: tuple[str, ...]
    packages: tuple[str, ...]

    def to_json(self) -> dict:
        return {"modules": list(self.modules), "packages": list(self.packages)}

    @classmethod
    def from_json(cls, data: dict) -> UsedFiles:
        modules, packages = data["modules"], data["packages"]
        if not all(isinstance(item, str) for item in [*modules, *packages]):
            raise ValueError("the recorded file list holds something other than paths")
        return cls(tuple(modules), tuple(packages))


def record_imports_code(packages: Iterable[Path]) -> str:
    """The snippet to run in the kernel, for the given project package folders."""
    return RECORD_IMPORTS.format(packages=[str(Path(path).resolve()) for path in packages])


def parse_recorded(output: str, root: Path) -> UsedFiles:
    """Turn the snippet's printed JSON (absolute paths) into root-relative paths."""
    data = json.loads(output.strip().splitlines()[-1])
    root = Path(root).resolve()

    def relative(paths: list[str]) -> tuple[str, ...]:
        return tuple(sorted(Path(path).relative_to(root).as_posix() for path in paths))

    return UsedFiles(relative(data["modules"]), relative(data["packages"]))


def is_data_file(path: Path) -> bool:
    """A file that can change what a package gives a lesson: not code, documentation, hidden or an editor's."""
    name = path.name
    return not (
        name.startswith((".", "#", "README", "LICENSE"))
        or name.endswith("~")
        or path.suffix.lower() in NOT_DATA_SUFFIXES | DOC_SUFFIXES
    )


def data_files(package_dir: Path) -> list[Path]:
    """The package's data files, looking into sub-folders that are not packages of their own."""
    found = []
    for path in sorted(package_dir.iterdir()) if package_dir.is_dir() else []:
        if path.is_dir():
            if not path.name.startswith((".", "__")) and not (path / "__init__.py").exists():
                found.extend(data_files(path))
        elif path.is_file() and is_data_file(path):
            found.append(path)
    return found


class FileDigests:
    """Hashes of project files, each read at most once per build; a missing file hashes as "missing"."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._known: dict[str, str] = {}

    def file(self, relative: str) -> str:
        if relative not in self._known:
            try:
                self._known[relative] = hashlib.sha256((self.root / relative).read_bytes()).hexdigest()
            except OSError:
                self._known[relative] = "missing"
        return self._known[relative]

    def used(self, used: UsedFiles) -> str:
        """One digest of the bytes of every recorded module and of every data file of the recorded packages."""
        digest = hashlib.sha256()
        for relative in used.modules:
            digest.update(f"module {relative} {self.file(relative)}\n".encode())
        for package in used.packages:
            for path in data_files(self.root / package):
                relative = path.relative_to(self.root).as_posix()
                digest.update(f"data {relative} {self.file(relative)}\n".encode())
        return digest.hexdigest()

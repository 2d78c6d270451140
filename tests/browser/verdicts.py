"""Browser verdicts kept from one test run to the next: a browser test that passed does not run again while nothing
it used has changed, as a lesson does not execute again while its inputs are the same.

A browser test meets the course through the site server alone (the browser may fetch from no other host: such a
request fails the test) and through the project files its own process reads. When it passes, its record holds:

- every address it asked of the site server, with the status and a digest of the bytes the server answers with;
- every project file the test process opened while the test ran, every project module loaded in that process (of
  the test files, its own and those it imports), and pytest's settings (pyproject.toml), with a digest of each;
- the machine: the browser's path and version, every installed package's version, Python's, the fonts and font
  settings, the content types the server sends, and the locale and time zone.

Before the test runs again, its record is read back: when every address still gets the same answer and every file,
module and version is the same, the test would see what it saw when it passed, so it is skipped, saying so. Only
passes are kept (a failure while tearing the test down undoes one), so a failing test always runs again, and a test
that used a file changed while the run went on is not kept. ``make test-fresh`` runs every test and keeps anew;
CI, from a fresh clone, keeps nothing.

What it cannot see:
- a project file read into a cache in memory by an earlier test of the same process. The browser tests read the
  lesson sources directly, never through such a cache; keep it that way;
- time: a test that passes only when the machine is quick enough keeps that lucky pass until something it used
  changes. The fresh runs (CI, make test-fresh) still meet such a race.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# Folders of the project that hold what tests write or what is installed, not what a test reads as its input
# (Python's compiled modules, in any __pycache__, stand for their sources, which count).
NOT_INPUTS = (".cache", ".git", ".venv", "site", "test-output", ".pytest_cache")
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts", "/etc/fonts",
                os.path.join(os.environ.get("XDG_CONFIG_HOME", "~/.config"), "fontconfig"))
# When this process started (near enough: tests/browser/conftest.py imports this module before any test module). A
# file changed after it may differ from the one the process loaded or read, so a test that used one is not kept.
PROCESS_STARTED = time.time()
MISSING = "missing"


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_file(path: Path) -> str:
    """The file's digest, or MISSING when there is no such file."""
    try:
        return digest_bytes(path.read_bytes())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return MISSING


def fonts_digest(folders: tuple[str, ...] = FONT_FOLDERS) -> str:
    """A digest of the font files and font settings on this machine (names, where links lead, sizes): the browser
    lays out text, and so judges contrast, wrapping and overflow, with them."""
    listing = []
    for folder in folders:
        root = Path(folder).expanduser()
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    listing.append(f"{path} {os.path.realpath(path)} {path.stat().st_size}")
    return digest_bytes("\n".join(listing).encode())


@functools.lru_cache(maxsize=None)
def _import_statements(path: Path, size: int, modified: int) -> tuple[tuple[int, str, tuple[str, ...]], ...]:
    """Each import statement of the Python file: (level, module, names); ``size`` and ``modified`` are the file's, so
    an edited file is read again."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return ()
    statements = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            statements += [(0, alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            statements.append((node.level, node.module or "", tuple(alias.name for alias in node.names)))
    return tuple(statements)


def imported_names(path: Path, package: str) -> set[str]:
    """The dotted names of the modules a Python file imports, and of what it imports from them (which may be
    modules too), relative imports resolved against ``package``, the package the file belongs to."""
    try:
        status = path.stat()
    except OSError:
        return set()
    names = set()
    for level, module, members in _import_statements(path, status.st_size, status.st_mtime_ns):
        if level:  # `from . import x` names the package itself, each further dot its parent
            base = package.rsplit(".", level - 1)[0] if package.count(".") >= level - 1 else ""
            module = ".".join(filter(None, [base, module]))
        if module:
            names.add(module)
            names.update(f"{module}.{member}" for member in members)
    return names


def installed_packages_digest() -> str:
    """A digest of every installed distribution's name and version (pytest, nbformat and its validator, Playwright,
    axe-core's package ...): the tests judge with them."""
    names = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions())
    return digest_bytes("\n".join(names).encode())


def changed_since(path: Path, moment: float) -> bool:
    try:
        return path.stat().st_mtime > moment
    except OSError:
        return False


# The store recording a test in this process, told of every file opened through one audit hook: Python's audit hooks
# cannot be removed, so the process gets one, however many stores it makes.
_RECORDING_STORE: VerdictStore | None = None
_HOOKED = False


def _audit(event: str, args: tuple) -> None:
    store = _RECORDING_STORE
    if store is not None and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        store.opened(args[0])


def _hook() -> None:
    global _HOOKED
    sys.addaudithook(_audit)
    _HOOKED = True


@dataclass
class Recording:
    """What one test used, gathered while it runs: the site addresses it asked for, and the project files its process
    opened (project-relative)."""

    addresses: set[str] = field(default_factory=set)
    opened: set[str] = field(default_factory=set)


class VerdictStore:
    """The kept verdicts of one project's browser tests, one JSON file per test, under ``folder``. ``site_file``
    maps a site address to the server's answer: its status and the file it sends (None when it sends none)."""

    def __init__(self, folder: Path, project_root: Path, machine: dict,
                 site_file: Callable[[str], tuple[int, Path | None]], always: tuple[str, ...] = (),
                 started: float = PROCESS_STARTED):
        self.folder = folder
        self.started = started
        self.always = set(always)  # project files every verdict depends on (pytest's settings, say)
        self.project_root = project_root.resolve()
        self.machine = machine  # what else the browser's verdict depends on: versions, fonts
        self.site_file = site_file
        self._lock = threading.Lock()
        self._recording: Recording | None = None

    def opened(self, path: str | bytes | os.PathLike) -> None:
        """Python's report of a file opened in this process (see _audit)."""
        recording = self._recording
        if recording is not None:
            relative = self.project_relative(Path(os.fsdecode(path)))
            if relative is not None:
                recording.opened.add(relative)

    def project_relative(self, path: Path) -> str | None:
        """The path relative to the project, or None for a path outside it or in a folder of outputs."""
        try:
            relative = Path(os.path.abspath(path)).relative_to(self.project_root)
        except ValueError:
            return None
        if not relative.parts or relative.parts[0] in NOT_INPUTS or "__pycache__" in relative.parts:
            return None
        return relative.as_posix()

    def asked(self, address: str) -> None:
        """The site server's report of one request (called from its threads)."""
        recording = self._recording
        if recording is not None:
            with self._lock:
                recording.addresses.add(address)

    @contextmanager
    def recording(self) -> Iterator[Recording]:
        """Record what the test uses for as long as the block lasts."""
        global _RECORDING_STORE
        if not _HOOKED:
            _hook()
        self._recording, _RECORDING_STORE = Recording(), self
        try:
            yield self._recording
        finally:
            self._recording, _RECORDING_STORE = None, None

    def _record_file(self, test_id: str) -> Path:
        return self.folder / f"{digest_bytes(test_id.encode())[:32]}.json"

    def _served(self, address: str) -> str:
        status, path = self.site_file(address)
        return f"{status} {MISSING if path is None else digest_file(path)}"

    def loaded_modules(self, own_module: Path) -> set[str]:
        """The project modules loaded in this process that the test can use, project-relative: every module that is
        not a test file, the test's own file, and another test file only when one of those imports it (directly or
        through each other). Each process imports every test file it collects, but one that no module of the test
        imports neither runs in the test nor reaches the browser, so editing it leaves the other files' verdicts kept.
        Imports are read from the files' import statements; a module loaded by name at run time is not seen."""
        own = self.project_relative(own_module)
        loaded = {}  # module name -> project-relative file
        for name, module in list(sys.modules.items()):
            file = getattr(module, "__file__", None)
            relative = self.project_relative(Path(file)) if file else None
            if relative is not None:
                loaded[name] = relative
        counted = {relative for relative in loaded.values() if not Path(relative).name.startswith("test_")}
        counted |= {own} if own is not None else set()
        read: set[str] = set()
        while unread := counted - read:
            for relative in unread:
                read.add(relative)
                package = ".".join(Path(relative).parent.parts)  # the project root is on the import path
                imported = imported_names(self.project_root / relative, package)
                counted |= {loaded[module] for module in imported if module in loaded}
        return counted

    def keep(self, test_id: str, recording: Recording, own_module: Path) -> None:
        """Keep a passing test's record: the digests its verdict depends on (see the module's docstring). A test that
        used a file changed since the process started is not kept: what it used may not be what is there now."""
        files = sorted(self.loaded_modules(own_module) | recording.opened | self.always)
        if any(changed_since(self.project_root / name, self.started) for name in files):
            self.forget(test_id)
            return
        record = {"test": test_id, "machine": self.machine,
                  "served": {address: self._served(address) for address in sorted(recording.addresses)},
                  "files": {name: digest_file(self.project_root / name) for name in files}}
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self._record_file(test_id).with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(record, indent=1))
        temporary.replace(self._record_file(test_id))

    @contextmanager
    def run(self, test_id: str, own_module: Path, passed: Callable[[], bool], fresh: bool = False) -> Iterator[None]:
        """Around one test: skip it (pytest.skip) when it passed before and nothing it used changed, unless
        ``fresh``; otherwise record it while it runs, then keep its record if ``passed()`` or drop any older one."""
        if not fresh and self.unchanged(test_id):
            pytest.skip("passed before, with the same inputs (tests/browser/verdicts.py); make test-fresh runs it")
        with self.recording() as recording:
            yield
        if passed():
            self.keep(test_id, recording, own_module)
        else:
            self.forget(test_id)

    def forget(self, test_id: str) -> None:
        self._record_file(test_id).unlink(missing_ok=True)

    def unchanged(self, test_id: str) -> bool:
        """Whether the test passed before and would now meet exactly what it met then."""
        try:
            record = json.loads(self._record_file(test_id).read_text())
            return (record["test"] == test_id and record["machine"] == self.machine
                    and all(self._served(address) == digest for address, digest in record["served"].items())
                    and all(digest_file(self.project_root / name) == digest
                            for name, digest in record["files"].items()))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return False

"""Browser verdicts kept from one test run to the next: a browser test that passed does not run again while nothing
it used has changed, as a lesson does not execute again while its inputs are the same.

A browser test meets the course through the site server alone (the browser may fetch from no other host: such a
request fails the test) and through the project files its own process reads. When it passes, its record holds:

- every address it asked of the site server, with a digest of the bytes served or the fact that there were none;
- every project file the test process opened while the test ran, and every project module loaded in that process,
  with a digest of each;
- the machine: the versions of Chromium, Playwright, axe-core's package and Python, and the fonts installed.

Before the test runs again, its record is read back: when every address still serves the same bytes and every file,
module and version is the same, the test would see exactly what it saw when it passed, so it is skipped, saying so.
Only passes are kept, so a failing test always runs again; ``make test-fresh`` runs every test and stores anew.

What it cannot see: a project file read into a cache in memory by an earlier test of the same process. The browser
tests read the lesson sources directly, never through such a cache; keep it that way.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# Folders of the project that hold what tests write or what is installed, not what a test reads as its input.
NOT_INPUTS = (".cache", ".git", ".venv", "site", "test-output", "__pycache__", ".pytest_cache")
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts", "/etc/fonts")
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
    """A digest of the font files and font settings on this machine (names and sizes): the browser lays out text,
    and so judges contrast, wrapping and overflow, with them."""
    listing = []
    for folder in folders:
        root = Path(folder).expanduser()
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    listing.append(f"{path} {path.stat().st_size}")
    return digest_bytes("\n".join(listing).encode())


@dataclass
class Recording:
    """What one test used, gathered while it runs: the site addresses it asked for, and the project files its process
    opened (project-relative)."""

    addresses: set[str] = field(default_factory=set)
    opened: set[str] = field(default_factory=set)


class VerdictStore:
    """The kept verdicts of one project's browser tests, one JSON file per test, under ``folder``. ``site_file``
    maps a site address to the server's answer: its status and the file it sends (None when it sends none)."""

    def __init__(self, folder: Path, project_root: Path, machine: dict[str, str],
                 site_file: Callable[[str], tuple[int, Path | None]]):
        self.folder = folder
        self.project_root = project_root.resolve()
        self.machine = machine  # what else the browser's verdict depends on: versions, fonts
        self.site_file = site_file
        self._lock = threading.Lock()
        self._recording: Recording | None = None
        sys.addaudithook(self._audit)

    def _audit(self, event: str, args: tuple) -> None:
        """Python's audit hook: notes each project file opened while a test is recorded."""
        recording = self._recording
        if event != "open" or recording is None or not isinstance(args[0], (str, bytes, os.PathLike)):
            return
        relative = self.project_relative(Path(os.fsdecode(args[0])))
        if relative is not None:
            recording.opened.add(relative)

    def project_relative(self, path: Path) -> str | None:
        """The path relative to the project, or None for a path outside it or in a folder of outputs."""
        try:
            relative = Path(os.path.abspath(path)).relative_to(self.project_root)
        except ValueError:
            return None
        return None if not relative.parts or relative.parts[0] in NOT_INPUTS else relative.as_posix()

    def asked(self, address: str) -> None:
        """The site server's report of one request (called from its threads)."""
        recording = self._recording
        if recording is not None:
            with self._lock:
                recording.addresses.add(address)

    @contextmanager
    def recording(self) -> Iterator[Recording]:
        """Record what the test uses for as long as the block lasts."""
        self._recording = Recording()
        try:
            yield self._recording
        finally:
            self._recording = None

    def _record_file(self, test_id: str) -> Path:
        return self.folder / f"{digest_bytes(test_id.encode())[:32]}.json"

    def _served(self, address: str) -> str:
        status, path = self.site_file(address)
        return f"{status} {MISSING if path is None else digest_file(path)}"

    def loaded_modules(self, own_module: Path) -> set[str]:
        """The project modules loaded in this process, project-relative, leaving out the test files of other folders
        than the test's own: each process imports every test file it collects, and those of other folders can
        neither be imported by it nor reach the browser."""
        own_folder = Path(self.project_relative(own_module) or "").parent
        modules = {self.project_relative(Path(module.__file__))
                   for module in list(sys.modules.values()) if getattr(module, "__file__", None)} - {None}
        return {name for name in modules
                if Path(name).parent == own_folder or not Path(name).name.startswith("test_")}

    def keep(self, test_id: str, recording: Recording, own_module: Path) -> None:
        """Keep a passing test's record: the digests its verdict depends on (see the module's docstring)."""
        files = sorted(self.loaded_modules(own_module) | recording.opened)
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

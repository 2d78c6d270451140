"""Finished lesson pages kept between builds, so that a build in which a lesson page's inputs did not change copies
it instead of finishing it again.

Finishing a page (figures re-encoded, math typeset, the notebook stylesheet cut) costs about half a CPU-second, in
worker processes that take a second to start; under `mkdocs serve` every edit rebuilds every page. A page's key
covers everything its finished form depends on: the rendered page, the arguments it is finished with, the page
code (every module of this package) and the versions of the libraries that code uses. An entry holds the finished
page, its heading ids and the files it published into the site (stored once each, by content), which a hit
publishes again: every build starts from an empty site folder.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from course.engine.cache import installed_version, least_recently_used, mark_used, write_atomically

# Every library a module of this package imports (a test reads the imports and checks the list), so that upgrading
# one finishes the pages again: cheaper than being wrong about which of them a page's finishing reaches.
LIBRARIES = ("beautifulsoup4", "ipykernel", "jupyter_client", "jupytext", "nbclient", "nbformat", "numpy", "pillow",
             "pymdown-extensions", "PyYAML", "soupsieve", "tinycss2")
KEEP_PER_PAGE = 2  # an edit undone finds the page as it was


@dataclass(frozen=True)
class FinishedPage:
    html: str
    heading_ids: dict | None
    published: dict[str, bytes]  # site path -> bytes, as the page published them


def page_code_digest() -> str:
    """A digest of the page code: every module of this package, the Python and the versions of the libraries the
    code uses."""
    digest = hashlib.sha256(f"Python {sys.version}\0".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        digest.update(f"{name} {installed_version(name)}\0".encode())
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """The digest of a file's bytes, or of its absence."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "absent"


class PageCache:
    """Finished pages in ``folder``: ``<page>-<key>.json`` entries, and the files they published in ``files/``."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._code = page_code_digest()

    def key(self, page: str, html: str, **arguments) -> str:
        """The key of lesson page ``page`` rendered as ``html`` and finished with ``arguments`` (JSON values)."""
        record = json.dumps({"code": self._code, "page": page, "html": html, "arguments": arguments},
                            sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(record.encode("utf-8")).hexdigest()[:32]

    def has_page(self, page: str) -> bool:
        """Whether any entry of ``page`` is stored (a build whose pages all have one may well finish none)."""
        return any(self.folder.glob(f"{page}-*.json"))

    def get(self, page: str, key: str) -> FinishedPage | None:
        """The page stored under ``key``, or None (absent, or damaged: a damaged entry is a miss, never an error)."""
        entry = self._entry(page, key)
        try:
            record = json.loads(entry.read_text(encoding="utf-8"))
            published = {path: (self.folder / "files" / digest).read_bytes()
                         for path, digest in record["published"].items()}
            if any(hashlib.sha256(data).hexdigest() != record["published"][path] for path, data in published.items()):
                return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        mark_used(entry)  # the newest use: pruning keeps it
        return FinishedPage(record["html"], record["heading_ids"], published)

    def put(self, page: str, key: str, finished: FinishedPage) -> None:
        """Store ``finished`` under ``key``, keeping the newest KEEP_PER_PAGE entries of ``page``. A folder that
        cannot be written leaves the build uncached, never failed."""
        try:
            files = self.folder / "files"
            files.mkdir(parents=True, exist_ok=True)
            digests = {}
            for path, data in finished.published.items():
                digests[path] = hashlib.sha256(data).hexdigest()
                if not (files / digests[path]).exists():
                    write_atomically(files / digests[path], data)
            record = {"html": finished.html, "heading_ids": finished.heading_ids, "published": digests}
            write_atomically(self._entry(page, key), json.dumps(record, ensure_ascii=False).encode("utf-8"))
            self._prune(page, key)
        except OSError:
            pass

    def clear(self) -> None:
        """Forget every page (a fresh build finishes them all again)."""
        for path in [*self.folder.glob("*.json"), *self.folder.glob("files/*")]:
            path.unlink(missing_ok=True)

    def _entry(self, page: str, key: str) -> Path:
        return self.folder / f"{page}-{key}.json"

    def _prune(self, page: str, newest: str) -> None:
        """Keep the entry ``newest`` of ``page`` and the most recently used of the others, KEEP_PER_PAGE in all;
        drop the rest and the stored files only they used (a file another build is storing right now is not
        touched: it is not yet anyone's)."""
        dropped: set[str] = set()
        for old in least_recently_used(self.folder.glob(f"{page}-*.json"), [self._entry(page, newest)],
                                       KEEP_PER_PAGE - 1):
            dropped.update(_published_digests(old))
            old.unlink(missing_ok=True)
        for entry in self.folder.glob("*.json"):
            dropped -= _published_digests(entry)
        for digest in dropped:
            (self.folder / "files" / digest).unlink(missing_ok=True)


def _published_digests(entry: Path) -> set[str]:
    try:
        return set(json.loads(entry.read_text(encoding="utf-8"))["published"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return set()

"""Whether a CSS selector matches anywhere on a built site, remembered page by page between builds.

Cutting the theme's stylesheets asks, for each of their selectors, whether it matches an element of some built page.
Parsing every page to answer costs more than a second, on every build in which any page changed: a live preview
pays it on each edit. A ``SiteIndex`` answers from ``KnownPage`` records instead: each page's classes and the
selectors already judged on it, kept in a folder under a key of the page's HTML and the engine's code. Only a page
whose HTML is new is parsed, and only a selector new to a page is judged on it.

A selector matches the site when it matches one of its pages: every element a match involves lies in one page.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import soupsieve
from bs4 import BeautifulSoup

from course.engine.cache import least_recently_used, mark_used, write_atomically
from course.engine.selector_index import PageIndex, named_classes


class KnownPage:
    """One built page: its classes, and for each selector judged on it so far whether it matches there. The page
    is parsed only to judge a selector new to it (or to learn its classes, when nothing is known about it)."""

    def __init__(self, html: str, key: str, record: dict | None = None):
        self.key = key
        self._html = html
        self._index: PageIndex | None = None
        self.changed = record is None  # something was learned that the record kept for it does not hold
        self.classes = set(record["classes"]) if record else set(self._parsed().classes)
        self.judged: dict[str, bool] = dict(record["judged"]) if record else {}

    def any_match(self, selector: str) -> bool:
        """Whether an element of the page matches ``selector`` (soupsieve's errors propagate)."""
        if selector not in self.judged:
            self.judged[selector] = self._parsed().any_match(selector)
            self.changed = True
        return self.judged[selector]

    def record(self) -> dict:
        return {"classes": sorted(self.classes), "judged": self.judged}

    def _parsed(self) -> PageIndex:
        if self._index is None:
            self._index = PageIndex(BeautifulSoup(self._html, "html.parser"))
        return self._index


class SiteIndex:
    """The pages of a site judged as one, for ``course.engine.styles.used_css``: a selector matches the site when
    it matches one of its pages, and a page can hold a match only if it has every class the selector names."""

    def __init__(self, pages: list[KnownPage]):
        self.pages = pages
        self.classes = set().union(*(page.classes for page in pages))

    def any_match(self, selector: str) -> bool:
        soupsieve.compile(selector)  # a selector soupsieve cannot read raises, whichever pages have its classes
        named = set(named_classes(selector))
        return any(page.any_match(selector) for page in self.pages if named <= page.classes)


class KnownPages:
    """``KnownPage`` records kept in ``folder`` as ``<key>.json``, a page's key made of its HTML and ``code`` (a
    digest of the code that judges). ``folder`` None keeps nothing: every page is parsed."""

    def __init__(self, folder: Path | None, code: str):
        self.folder = Path(folder) if folder is not None else None
        self.code = code

    def page(self, html: str) -> KnownPage:
        """The page built as ``html``, with what an earlier build learned about it (a damaged record counts as
        none). Reading a record marks it as recently used, which pruning keeps."""
        key = hashlib.sha256(f"{self.code}\0{html}".encode("utf-8")).hexdigest()[:32]
        if self.folder is not None:
            path = self.folder / f"{key}.json"
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
                page = KnownPage(html, key, {"classes": list(record["classes"]), "judged": dict(record["judged"])})
            except (OSError, ValueError, KeyError, TypeError):
                return KnownPage(html, key)
            mark_used(path)
            return page
        return KnownPage(html, key)

    def keep(self, pages: list[KnownPage]) -> None:
        """Store what was learned about ``pages``; keep their records and twice as many of the most recently used
        others (the other edition's pages, pages as they were before an edit). A folder that cannot be written
        leaves the build uncached, never failed."""
        if self.folder is None:
            return
        try:
            for page in pages:
                if page.changed:
                    write_atomically(self.folder / f"{page.key}.json", json.dumps(page.record()).encode("utf-8"))
            current = {self.folder / f"{page.key}.json" for page in pages}
            for old in least_recently_used(self.folder.glob("*.json"), current, 2 * len(current)):
                old.unlink(missing_ok=True)
        except OSError:
            pass

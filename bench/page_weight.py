"""What a reader downloads to see a lesson page: every file Chromium fetches, weighed as gzip would send it.

The built site is served from 127.0.0.1 by a server that records each file it sends, so requests made by the
search worker count as much as the page's own. Each file's weight is its body compressed with gzip at level 6 (what
static hosts commonly use), whatever the local server sent. Files whose names carry a content hash are served as
immutable, every other file must be revalidated (a 304 costs no body), as on a host that caches well.

- first visit: a new browser profile (empty cache) loads the page, scrolls to its end so lazily loaded figures load
  too, and waits until the network is idle;
- search opened: then the reader opens search (the search box takes the focus): the site fetches the search
  index only now, so this is the price of a first search;
- repeat visit: the same profile loads the page again.
Requests to any other host are listed (and fail: the browser resolves no other name).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bench.chromium import ONLY_THIS_MACHINE, NoBrowser, find_browser, launch_arguments

# The browser resolves no name but 127.0.0.1: a request to another host fails at once, and is listed.
CHROMIUM_FLAGS = launch_arguments(ONLY_THIS_MACHINE)
BUDGET_BYTES = 150 * 1024  # the first visit of a lesson page, gzip, everything included
# A hex run of 8+ characters in a file name (bundle.f1e2d3c4.min.js, assets/figures/<sha>.png) means the name
# changes whenever the content does, so such files may be cached for good.
_HASHED_NAME = re.compile(r"[./_-][0-9a-f]{8,}[./_-]")


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@dataclass
class Visit:
    """The files one page load fetched: site path -> gzip size; plus requests to other hosts."""

    files: dict[str, int] = field(default_factory=dict)
    foreign: list[str] = field(default_factory=list)

    @property
    def gzip_bytes(self) -> int:
        return sum(self.files.values())


@dataclass
class PageWeight:
    page: str
    first: Visit
    search: Visit  # fetched when the reader then opens search (nothing when the weighing did not open it)
    repeat: Visit


class _RecordingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site and tells its server which files it sent with a body."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        if parsed:
            self.server.asked(self.path)
        return parsed

    def list_directory(self, path):
        """A host lists no folder: one without an index file is not found."""
        self.send_error(404)

    def end_headers(self):
        hashed = _HASHED_NAME.search(urlsplit(self.path).path)
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if hashed else "no-cache")
        super().end_headers()

    def send_head(self):
        body = super().send_head()
        if body is not None:  # None: a 304 or an error, no file sent
            path = unquote(urlsplit(self.path).path)
            with self.server.lock:
                self.server.sent.append((path, Path(body.name)))
        return body


class _RecordingServer(http.server.ThreadingHTTPServer):
    """Records the files it sends (``take``); ``asked`` hears of every address requested."""

    def __init__(self, site: Path, asked: Callable[[str], None] | None = None):
        super().__init__(("127.0.0.1", 0), functools.partial(_RecordingHandler, directory=str(site)))
        self.lock = threading.Lock()
        self.sent: list[tuple[str, Path]] = []
        self.asked = asked or (lambda address: None)

    def take(self) -> dict[str, int]:
        with self.lock:
            sent, self.sent = self.sent, []
        return {path: gzip_size(file.read_bytes()) for path, file in sent}


@contextmanager
def recording_server(site: Path, asked: Callable[[str], None] | None = None
                     ) -> Iterator[tuple[str, _RecordingServer]]:
    server = _RecordingServer(site, asked)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", server
    finally:
        server.shutdown()
        server.server_close()


def _load(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.evaluate("""async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 600) {
            window.scrollTo(0, y); await new Promise(r => setTimeout(r, 30)); }
    }""")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # a late request (the search index, if the page fetched it eagerly) is counted


def _open_search(page) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    meta = ".md-search-result__meta"
    initial = page.text_content(meta)  # "Initializing search", in the page's language
    page.keyboard.press("/")  # the theme's shortcut: the search box takes the focus
    # The theme changes that line once its worker has read the index. On a busy machine that comes well after the
    # network first falls idle; a page that never fetches the index is reported by what the visit fetched.
    try:
        page.wait_for_function("([meta, initial]) => document.querySelector(meta).textContent !== initial",
                               arg=[meta, initial], timeout=60_000)
    except PlaywrightTimeout:
        pass
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    page.keyboard.press("Escape")


def weigh_pages(browser, base_url: str, server: _RecordingServer, pages: list[str],
                open_search: bool = True) -> list[PageWeight]:
    """First visit, first search (unless not ``open_search``) and repeat visit of each page (site-relative URL),
    each page in a fresh browser profile."""
    host = urlsplit(base_url).netloc
    weights = []
    for path in pages:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        foreign: list[str] = []
        # Not context.route(): intercepting requests turns Chromium's cache off, and the repeat visit needs it.
        # Other hosts cannot be reached anyway: the browser resolves no name but 127.0.0.1 (CHROMIUM_FLAGS).
        context.on("request", lambda request, foreign=foreign: urlsplit(request.url).netloc != host
                   and not request.url.startswith("data:") and foreign.append(request.url))
        page = context.new_page()
        visits = []
        for visit in ("first", "search", "repeat"):
            server.take()
            foreign.clear()
            if visit == "search" and not open_search:
                visits.append(Visit())
                continue
            if visit == "search":
                _open_search(page)
            else:
                _load(page, urljoin(base_url, path))
            visits.append(Visit(server.take(), list(foreign)))
        context.close()
        weights.append(PageWeight(path, *visits))
    return weights


def lesson_pages(site: Path) -> list[str]:
    return [f"lessons/{page.parent.name}/" for page in sorted((site / "lessons").glob("*/index.html"))]


def measure_site(site: Path, pages: list[str] | None = None) -> list[PageWeight]:
    from playwright.sync_api import sync_playwright

    pages = lesson_pages(site) if pages is None else pages
    try:
        executable = find_browser()  # the browser the tests drive: CHROME_BIN, else one on PATH
    except NoBrowser as missing:
        raise SystemExit(f"bench: {missing}") from None
    with recording_server(site) as (base_url, server), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            return weigh_pages(browser, base_url, server, pages)
        finally:
            browser.close()


def report(weights: list[PageWeight], detail: bool = False) -> str:
    lines = [f"\nLesson pages in Chromium, gzip KB (budget for a first visit: {BUDGET_BYTES // 1024} KB)",
             f"{'page':46} {'first visit':>11} {'files':>6} {'+ first search':>15} {'repeat visit':>13} {'files':>6}"
             "  other hosts"]
    for weight in weights:
        first, search, repeat = weight.first, weight.search, weight.repeat
        over = "  OVER BUDGET" if first.gzip_bytes > BUDGET_BYTES else ""
        foreign = len(first.foreign + search.foreign + repeat.foreign)
        lines.append(f"{weight.page:46} {first.gzip_bytes / 1024:11.1f} {len(first.files):6} "
                     f"{search.gzip_bytes / 1024:15.1f} {repeat.gzip_bytes / 1024:13.1f} {len(repeat.files):6}  "
                     f"{foreign}{over}")
        if detail:
            for path, size in sorted(first.files.items(), key=lambda item: -item[1]):
                lines.append(f"    {size / 1024:8.1f}  {path}")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    given = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    site = Path(given[0]) if given else Path(__file__).resolve().parent.parent / "site"
    print(report(measure_site(site), detail="--detail" in sys.argv))

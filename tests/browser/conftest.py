"""Serve the built site on 127.0.0.1 and drive the machine's Chromium through Playwright, refusing every other host;
keep each passing verdict of a test that meets the course through the browser alone (verdicts.py)."""

from __future__ import annotations

import functools
import http.server
import inspect
import json
import mimetypes
import os
import posixpath
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from bench import chromium
from bench.chromium import ONLY_THIS_MACHINE, launch_arguments
from bench.page_weight import recording_server
from tests.browser.verdicts import VerdictStore, digest_bytes, fonts_digest, installed_packages_digest
from tests.conftest import PROJECT_ROOT, PUBLISHED_PATH, fresh_requested

SCREENSHOTS = PROJECT_ROOT / "test-output" / "screenshots"


def find_browser() -> str:
    """The Chromium or Chrome to drive (``bench.chromium.find_browser``); fails the session with one sentence saying
    what to install when there is none."""
    try:
        return chromium.find_browser()
    except chromium.NoBrowser as missing:
        pytest.fail(str(missing), pytrace=False)


def site_response(site_dir: Path, address: str) -> tuple[int, Path | None]:
    """What the site server answers to ``address``: 200 and the file it sends, or 404 and the site's 404.html (None
    when the site has none). A folder's address gets its index file (without the final slash, after a redirect), a
    folder without one is a 404 (the server lists no folder), and so is a file's address with a final slash."""
    path = urlsplit(address).path
    if path.startswith(PUBLISHED_PATH):
        relative = posixpath.normpath(unquote(path[len(PUBLISHED_PATH):]) or ".")
        local: Path | None = site_dir / relative
        if relative.startswith(".."):
            local = None
        elif local.is_dir():
            local = next((local / name for name in ("index.html", "index.htm") if (local / name).is_file()), None)
        elif path.endswith("/"):
            local = None
        if local is not None and local.is_file():
            return 200, local
    not_found = site_dir / "404.html"
    return 404, not_found if not_found.is_file() else None


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages serves a project's: below PUBLISHED_PATH, with the site's 404.html (status
    404) for any address it does not have (``site_response`` says the same without a request). Each address asked
    for is told to the server's ``asked``."""

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        if parsed:
            self.server.asked(self.path)
        return parsed

    def translate_path(self, path: str) -> str:
        if not path.startswith(PUBLISHED_PATH):
            return os.path.join(self.directory, "no such file")
        return super().translate_path("/" + path[len(PUBLISHED_PATH):])

    def list_directory(self, path):
        """GitHub Pages lists no folder: one without an index file is not found."""
        self.send_error(404)

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser may drop a request it no longer needs (a page closed while its figures load, a srcset candidate
    given up): the server lets it go instead of printing a traceback into the test run. ``asked`` hears of every
    address requested (the kept verdicts record them)."""

    def asked(self, address: str) -> None:
        pass

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[_QuietServer]:
    handler = functools.partial(_PagesHandler, directory=str(built_site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(site_server: _QuietServer) -> str:
    return f"http://127.0.0.1:{site_server.server_address[1]}{PUBLISHED_PATH}"


@pytest.fixture(scope="session")
def browser():
    executable = find_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # As the bench's: no name resolves, so a page that asks another host fails here (offline or not).
        launched = playwright.chromium.launch(executable_path=executable, args=launch_arguments(ONLY_THIS_MACHINE))
        yield launched
        launched.close()


class Visit:
    """A browser page that records console errors and refuses (and records) requests to other hosts."""

    def __init__(self, browser, site_url: str, color_scheme: str = "light"):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=color_scheme,
                                           accept_downloads=True)
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.failed_responses: list[str] = []
        host = urlsplit(site_url).netloc
        self.page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        self.page.on("response", lambda response: response.status >= 400 and self.failed_responses.append(
            f"{response.status} {response.url}"))

        def route(route):
            if urlsplit(route.request.url).netloc == host:
                route.continue_()
            else:
                self.foreign_requests.append(route.request.url)
                route.abort()

        self.context.route("**/*", route)

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, site_url):
    visits: list[Visit] = []

    def open_visit(color_scheme: str = "light") -> Visit:
        visits.append(Visit(browser, site_url, color_scheme))
        return visits[-1]

    yield open_visit
    for opened in visits:
        opened.close()


@pytest.fixture
def weighing_server(built_site, site_server):
    """``weighing_server()`` starts bench.page_weight's recording server over the built site (it serves at the root,
    with a host's cache headers, and weighs what it sends), telling ``site_server.asked`` each address as the site
    server would hear it, so that a kept verdict covers what it served."""
    def asked(address: str) -> None:
        site_server.asked(PUBLISHED_PATH + address.lstrip("/"))

    return functools.partial(recording_server, built_site, asked=asked)


# --- kept verdicts (verdicts.py) -------------------------------------------------------------------------------

# The fixtures through which a test can meet the course only as the browser shows it.
THROUGH_THE_BROWSER = {"site_url", "visit", "browser", "weighing_server"}
_CALL_REPORT = pytest.StashKey()


def meets_the_course_through_the_browser_alone(item) -> bool:
    """A browser test whose own arguments are only the site's address, browser visits and its parameters: what it
    checks comes to it from the site server, or from project files it opens, which are recorded."""
    if not isinstance(item, pytest.Function) or item.get_closest_marker("browser") is None:
        return False
    return takes_only_the_browser(item.obj, set(item.callspec.params) if hasattr(item, "callspec") else set())


def takes_only_the_browser(test_function, parameters: set[str]) -> bool:
    """Whether ``test_function`` asks for some of THROUGH_THE_BROWSER and nothing else but ``parameters``."""
    arguments = set(inspect.signature(test_function).parameters)
    return bool(arguments & THROUGH_THE_BROWSER) and arguments <= THROUGH_THE_BROWSER | parameters


_STORE = pytest.StashKey()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Note the test's own outcome for kept_verdict; a failure while tearing it down (closing its browser pages)
    undoes a pass kept a moment before."""
    report = yield
    if report.when == "call":
        item.stash[_CALL_REPORT] = report
    elif report.when == "teardown" and report.failed and _STORE in item.stash:
        item.stash[_STORE].forget(item.nodeid)
    return report


def browser_identity() -> str:
    """The browser's path and the version it reports, asked without starting it: a worker whose browser tests were
    all kept then starts no browser."""
    executable = find_browser()
    answer = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=60)
    return f"{os.path.realpath(executable)} {answer.stdout.strip()}"


@pytest.fixture(scope="session")
def verdict_store(site_server, built_site) -> VerdictStore:
    machine = {
        "browser": browser_identity(),
        "packages": installed_packages_digest(),
        "python": sys.version,
        "fonts": fonts_digest(),
        "content types": digest_bytes(json.dumps(sorted(mimetypes.types_map.items())).encode()),
        "environment": {name: value for name, value in sorted(os.environ.items())
                        if name in ("LANG", "LANGUAGE", "TZ", "PYTHONWARNINGS")
                        or name.startswith(("LC_", "FONTCONFIG"))},
        "published at": PUBLISHED_PATH,
    }
    store = VerdictStore(PROJECT_ROOT / ".cache" / "browser-verdicts", PROJECT_ROOT, machine,
                         lambda address: site_response(built_site, address), always=("pyproject.toml",))
    site_server.asked = store.asked
    return store


@pytest.fixture(autouse=True)
def kept_verdict(request):
    """Skip a test that meets the course through the browser alone when it passed before and everything it used is
    the same now; record what it uses otherwise, and keep the record if it passes."""
    item = request.node
    if not meets_the_course_through_the_browser_alone(item):
        yield
        return
    store: VerdictStore = request.getfixturevalue("verdict_store")
    item.stash[_STORE] = store

    def passed() -> bool:
        report = item.stash.get(_CALL_REPORT, None)
        return report is not None and report.passed

    with store.run(item.nodeid, item.path, passed, fresh=fresh_requested().get("fresh", False)):
        yield

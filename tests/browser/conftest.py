"""Serve the built site on 127.0.0.1 and drive the machine's Chromium through Playwright, refusing every other host."""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench import chromium
from bench.chromium import launch_arguments
from tests.conftest import PROJECT_ROOT, PUBLISHED_PATH

SCREENSHOTS = PROJECT_ROOT / "test-output" / "screenshots"


def find_browser() -> str:
    """The Chromium or Chrome to drive (``bench.chromium.find_browser``); fails the session with one sentence saying
    what to install when there is none."""
    try:
        return chromium.find_browser()
    except chromium.NoBrowser as missing:
        pytest.fail(str(missing), pytrace=False)


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages serves a project's: below PUBLISHED_PATH, with the site's 404.html (status
    404) for any address it does not have."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PUBLISHED_PATH):
            return os.path.join(self.directory, "no such file")
        return super().translate_path("/" + path[len(PUBLISHED_PATH):])

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
    given up): the server lets it go instead of printing a traceback into the test run."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_PagesHandler, directory=str(built_site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PUBLISHED_PATH}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    executable = find_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=launch_arguments())
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

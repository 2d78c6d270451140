"""The browser tests run on any Linux machine: the browser comes from CHROME_BIN or PATH, and `make test` installs
one only on Debian, otherwise saying in one sentence what to install. Chromium starts with Playwright's switches and
ours, and opens no page of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from bench.chromium import SWITCHES, launch_arguments
from tests.browser.conftest import find_browser
from tests.conftest import PROJECT_ROOT

MAKE = shutil.which("make")


def executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return path


def test_chrome_bin_comes_first(tmp_path, monkeypatch):
    chrome = executable(tmp_path / "opt" / "chrome")
    executable(tmp_path / "bin" / "chromium")
    monkeypatch.setenv("CHROME_BIN", str(chrome))
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert find_browser() == str(chrome)


@pytest.mark.parametrize("present", [["chromium-browser", "google-chrome"], ["google-chrome"]])
def test_path_is_searched_in_order(tmp_path, monkeypatch, present):
    for name in present:
        executable(tmp_path / "bin" / name)
    monkeypatch.delenv("CHROME_BIN", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert find_browser() == str(tmp_path / "bin" / present[0])


def test_no_browser_fails_with_what_to_install(tmp_path, monkeypatch):
    monkeypatch.delenv("CHROME_BIN", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match=r"need Chromium or Google Chrome: install one .* CHROME_BIN"):
        find_browser()
    monkeypatch.setenv("CHROME_BIN", str(tmp_path / "missing"))
    with pytest.raises(pytest.fail.Exception, match=r"CHROME_BIN is '.*missing', which is not an executable file"):
        find_browser()


def measure_in_a_thread_of_its_own(site: Path) -> None:
    """The bench's page weighing, in a thread where no event loop runs: Playwright's synchronous API refuses to start
    in a thread where the session's browser (the ``browser`` fixture, started by an earlier test) keeps its loop."""
    from bench.page_weight import measure_site

    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(measure_site, site, pages=[]).result()


def test_the_bench_drives_the_browser_the_tests_find(tmp_path, monkeypatch):
    """`make bench` weighs pages in the browser CHROME_BIN or PATH gives, as the tests do (it had a fixed path):
    here a stand-in that notes that it was started, then exits; and with none, one sentence says what to install."""
    started = tmp_path / "started"
    stand_in = executable(tmp_path / "opt" / "chrome")
    stand_in.write_text(f"#!/bin/sh\ntouch '{started}'\nexit 1\n")
    (tmp_path / "site").mkdir()
    monkeypatch.setenv("CHROME_BIN", str(stand_in))
    with pytest.raises(PlaywrightError, match="exit|closed"):
        measure_in_a_thread_of_its_own(tmp_path / "site")
    assert started.exists()
    monkeypatch.delenv("CHROME_BIN")
    monkeypatch.setenv("PATH", str(tmp_path / "opt" / "nothing"))
    with pytest.raises(SystemExit, match=r"^bench: The browser tests and the bench need Chromium or Google Chrome"):
        measure_in_a_thread_of_its_own(tmp_path / "site")


def make_chromium(tmp_path: Path, path: str, **variables: str) -> subprocess.CompletedProcess:
    """`make chromium` from a copy of the Makefile, with only ``path`` on PATH and ``variables`` set."""
    (tmp_path / "Makefile").write_bytes((PROJECT_ROOT / "Makefile").read_bytes())
    environment = {"PATH": path, **variables}
    return subprocess.run([MAKE, "-s", "chromium", f"OS_RELEASE={tmp_path / 'os-release'}"], cwd=tmp_path,
                          env=environment, capture_output=True, text=True)


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_make_uses_chrome_bin_or_a_browser_on_path_without_installing(tmp_path):
    tools = tmp_path / "tools"
    for tool in ("grep", "id"):
        tools.mkdir(exist_ok=True)
        (tools / tool).symlink_to(shutil.which(tool))
    (tmp_path / "os-release").write_text("ID=debian\n")  # would install, were a browser missing
    assert make_chromium(tmp_path, str(tools), CHROME_BIN="/opt/chrome/chrome").stdout == ""
    executable(tmp_path / "bin" / "google-chrome")
    result = make_chromium(tmp_path, f"{tools}{os.pathsep}{tmp_path / 'bin'}")
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_make_names_what_to_install_where_it_cannot_install(tmp_path):
    tools = tmp_path / "tools"
    tools.mkdir()
    for tool in ("grep", "id"):
        (tools / tool).symlink_to(shutil.which(tool))
    (tmp_path / "os-release").write_text('NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n')
    result = make_chromium(tmp_path, str(tools))
    assert result.returncode != 0
    assert result.stdout.strip() == (
        "The browser tests need Chromium or Google Chrome: install one so that chromium, chromium-browser or "
        "google-chrome is on PATH, or set CHROME_BIN to its path."
    )


def disabled_features(browser) -> set[str]:
    """The features the running browser was told to turn off: its last --disable-features switch (the one Chromium
    obeys), as chrome://version shows its command line."""
    page = browser.new_page()
    page.goto("chrome://version")
    switches = [word for word in page.inner_text("#command_line").split() if word.startswith("--disable-features=")]
    page.close()
    return set(switches[-1].split("=", 1)[1].split(",")) if switches else set()


@pytest.mark.browser
def test_chromium_keeps_playwrights_switches_and_opens_no_address_bar_popup(browser):
    plain = browser.browser_type.launch(executable_path=find_browser(), args=SWITCHES)
    playwrights_own = disabled_features(plain)
    plain.close()
    assert playwrights_own, "Playwright turns features off: the test reads the wrong switch"
    assert playwrights_own <= disabled_features(browser), "update PLAYWRIGHT_DISABLED_FEATURES in bench/chromium.py"

    context = browser.new_context()
    context.new_page().goto("about:blank")
    session = browser.new_browser_cdp_session()
    pages = [target["url"] for target in session.send("Target.getTargets")["targetInfos"]]
    context.close()
    assert "about:blank" in pages and not [url for url in pages if url.startswith("chrome://")], pages


@pytest.mark.browser
def test_the_test_browser_reaches_the_site_server_and_no_name(browser, site_url):
    """The site server answers at 127.0.0.1; the same server under the name localhost is out of reach, as is every
    other host, so a page that would load something from elsewhere fails here even on a machine online."""
    context = browser.new_context()
    page = context.new_page()
    try:
        assert page.goto(site_url).ok
        with pytest.raises(PlaywrightError, match="ERR_NAME_NOT_RESOLVED"):
            page.goto(site_url.replace("127.0.0.1", "localhost"))
    finally:
        context.close()

"""How the browser tests and the benchmarks find and start Chromium: headless, offline, and without the browser's own
pages.

Playwright drives the machine's Chromium (it never downloads one): ``find_browser()`` says which, and
``launch_arguments()`` gives the switches to add to Playwright's own.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Where the browser comes from: CHROME_BIN (GitHub's runners set it), else the first of these on PATH.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome")


class NoBrowser(Exception):
    """There is no browser to drive; the message says, in one sentence, what to install or set."""


def find_browser() -> str:
    """The Chromium or Chrome to drive: CHROME_BIN when set, else the first of BROWSER_NAMES on PATH.

    Raises NoBrowser when CHROME_BIN names no executable file, or when it is unset and none is on PATH.
    """
    configured = os.environ.get("CHROME_BIN", "")
    if configured:
        if not (Path(configured).is_file() and os.access(configured, os.X_OK)):
            raise NoBrowser(f"CHROME_BIN is {configured!r}, which is not an executable file: point it at Chromium or "
                            f"Chrome, or unset it to use {', '.join(BROWSER_NAMES)} from PATH.")
        return configured
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise NoBrowser(f"The browser tests and the bench need Chromium or Google Chrome: install one so that "
                    f"{', '.join(BROWSER_NAMES)} is on PATH (`make test` installs Debian's chromium), or set "
                    f"CHROME_BIN to its path.")

SWITCHES = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright starts Chromium with a --disable-features list of its own, and Chromium obeys only the last
# --disable-features switch on its command line. So ours repeats Playwright's list (that of the pinned
# playwright==1.65.2; tests/browser/test_find_browser.py fails if a new Playwright turns off anything missing here)
# and adds to it.
PLAYWRIGHT_DISABLED_FEATURES = [
    "AimEnabled", "AvoidCorsURLLoaderRestartOnRedirect", "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose", "HttpsFirstBalancedModeAutoEnable", "HttpsUpgrades", "LensOverlay",
    "MediaRouter", "NetworkTimeServiceQuerying", "OptimizationHints", "PaintHolding", "PreconnectToSearch",
    "TcpPortRandomizationWin", "ThirdPartyStoragePartitioning", "msEdgeUpdateLaunchServicesPreferredVersion",
    "msForceBrowserSignIn",
]
# Headless Chromium 156 still loads the address bar's drop-down (two chrome://omnibox-popup pages, in a renderer of
# their own) for every new window, and every test and weighed page opens one: 0.6 CPU-seconds each, for a popup
# that a headless browser never shows.
UNUSED_BROWSER_PAGES = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup"]


# The browser resolves no name but the address 127.0.0.1 itself (not even localhost), where the site is served: a
# page's request to any other host fails at once, offline or not, and is listed by whoever watches requests.
ONLY_THIS_MACHINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


def launch_arguments(*extra: str) -> list[str]:
    """The switches to pass to Playwright's ``chromium.launch(args=...)``, then ``extra``."""
    disabled = ",".join([*PLAYWRIGHT_DISABLED_FEATURES, *UNUSED_BROWSER_PAGES])
    return [*SWITCHES, f"--disable-features={disabled}", *extra]

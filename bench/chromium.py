"""How the browser tests and the benchmarks start Chromium: headless, offline, and without the browser's own pages.

Playwright drives the machine's Chromium (it never downloads one). ``launch_arguments()`` gives the switches to add to
Playwright's own.
"""

from __future__ import annotations

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


def launch_arguments(*extra: str) -> list[str]:
    """The switches to pass to Playwright's ``chromium.launch(args=...)``, then ``extra``."""
    disabled = ",".join([*PLAYWRIGHT_DISABLED_FEATURES, *UNUSED_BROWSER_PAGES])
    return [*SWITCHES, f"--disable-features={disabled}", *extra]

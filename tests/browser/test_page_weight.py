"""What a reader downloads for a lesson page, measured in Chromium: within budget, math drawn, no other host."""

from __future__ import annotations

import json
from dataclasses import asdict
from urllib.parse import urljoin

import pytest

from bench.page_weight import PageWeight, recording_server, weigh_pages
from course.engine.lock import build_lock
from tests.browser.conftest import SCREENSHOTS
from tests.conftest import PROJECT_ROOT, run_folder

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSONS = sorted(path.stem for path in (PROJECT_ROOT / "tutorials_src").glob("*.py"))
LESSONS_WITH_MATH = ["01_layers", "02_activations"]


@pytest.fixture(scope="session")
def weigh(request, tmp_path_factory, built_site, browser):
    """``weigh(name)``: that lesson page's first, search and repeat visit, weighed once per test run. Under
    pytest-xdist the first worker to ask for a page weighs it and leaves the figures in the run's folder; the
    workers weigh different pages at the same time."""
    folder = run_folder(request, tmp_path_factory) / "page-weights"
    folder.mkdir(exist_ok=True)

    def get(name: str) -> PageWeight:
        record = folder / f"{name}.json"
        with build_lock(folder / f"{name}.lock"):
            if not record.exists():
                with recording_server(built_site) as (base_url, server):
                    [measured] = weigh_pages(browser, base_url, server, [f"lessons/{name}/"])
                record.write_text(json.dumps(asdict(measured)))
        return PageWeight.from_dict(json.loads(record.read_text()))

    return get


def listing(visit) -> str:
    return ", ".join(f"{path} {size / 1024:.1f} KB" for path, size in sorted(visit.files.items(), key=lambda i: -i[1]))


SEARCH_INDEX = "/search/search_index.json"


def search_worker(files) -> list[str]:
    """The search worker's script among the fetched files (its name carries a content hash)."""
    return [path for path in files if path.startswith("/assets/javascripts/workers/search.")]


@pytest.mark.parametrize("name", LESSONS)
def test_first_visit_fetches_the_page_and_nothing_from_another_host(weigh, name):
    """The weight itself is a target, not a test: `make bench` prints every page's first and repeat visit against
    the budget (BUDGET_BYTES). Here: the visit was measured, and no request left the site."""
    weight = weigh(name)
    first = weight.first
    assert f"/lessons/{name}/" in first.files, listing(first)
    assert first.foreign == [] and weight.search.foreign == [] and weight.repeat.foreign == []


@pytest.mark.parametrize("name", LESSONS)
def test_the_search_index_and_worker_are_fetched_when_search_opens_not_before(weigh, name):
    weight = weigh(name)
    assert SEARCH_INDEX not in weight.first.files, listing(weight.first)
    assert search_worker(weight.first.files) == [], listing(weight.first)
    assert SEARCH_INDEX in weight.search.files, listing(weight.search)
    assert search_worker(weight.search.files), listing(weight.search)


@pytest.mark.parametrize("name", LESSONS)
def test_repeat_visit_downloads_almost_nothing(weigh, name):
    weight = weigh(name)
    # Hashed files come from the cache, the page and the search index are revalidated (a bodiless 304).
    assert weight.repeat.gzip_bytes < weight.first.gzip_bytes / 10, listing(weight.repeat)


@pytest.mark.parametrize("name", LESSONS_WITH_MATH)
def test_math_is_drawn_as_mathml_with_no_math_script_or_font(site_url, visit, name):
    opened = visit()
    fetched: list[str] = []
    opened.page.on("request", lambda request: fetched.append(request.url))
    opened.page.goto(urljoin(site_url, f"lessons/{name}/"))
    opened.page.wait_for_load_state("networkidle")
    maths = opened.page.evaluate("""() => [...document.querySelectorAll('article .katex')].map(span => {
        const math = span.querySelector(':scope > math');
        const box = math && math.getBoundingClientRect();
        return {math: !!math, tex: math && math.querySelector('annotation[encoding="application/x-tex"]')
                    ? math.querySelector('annotation').textContent : null,
                width: box ? box.width : 0, height: box ? box.height : 0,
                display: math ? getComputedStyle(math).display : null};
    })""")
    assert len(maths) >= 3, maths
    for math in maths:
        assert math["math"] and math["tex"], math
        assert math["width"] > 4 and math["height"] > 8, f"math not drawn: {math}"
    # MathML display equations compute to "block math": on a line of their own.
    assert any(math["display"].startswith("block") for math in maths), maths
    assert not [url for url in fetched if "katex" in url.lower() or url.endswith((".woff", ".woff2"))], fetched
    assert opened.console_errors == [] and opened.foreign_requests == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    equation = opened.page.locator("article math[display=block]").first
    equation.scroll_into_view_if_needed()
    opened.page.screenshot(path=str(SCREENSHOTS / f"{name}-math.png"))

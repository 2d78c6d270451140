"""What a reader downloads for a lesson page, measured in Chromium: within budget, math drawn, no other host."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from bench.page_weight import PageWeight, weigh_pages
from tests.browser.conftest import SCREENSHOTS
from tests.conftest import PROJECT_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSONS = sorted(path.stem for path in (PROJECT_ROOT / "tutorials_src").glob("*.py"))
LESSONS_WITH_MATH = ["01_layers", "02_activations"]


def weigh(weighing_server, browser, name: str, open_search: bool = False) -> PageWeight:
    """That lesson page's first visit, first search if ``open_search``, and repeat visit, in a fresh browser
    profile."""
    with weighing_server() as (base_url, server):
        [measured] = weigh_pages(browser, base_url, server, [f"lessons/{name}/"], open_search=open_search)
    return measured


def listing(visit) -> str:
    return ", ".join(f"{path} {size / 1024:.1f} KB" for path, size in sorted(visit.files.items(), key=lambda i: -i[1]))


SEARCH_INDEX = "/search/search_index.json"


def search_worker(files) -> list[str]:
    """The search worker's script among the fetched files (its name carries a content hash)."""
    return [path for path in files if path.startswith("/assets/javascripts/workers/search.")]


@pytest.mark.parametrize("name", LESSONS)
def test_a_reader_fetches_each_lesson_from_this_site_alone_without_search_and_little_on_return(weighing_server,
                                                                                               browser, name):
    """The weight itself is a target, not a test: `make bench` prints every page's first and repeat visit against
    the budget (BUDGET_BYTES). Here, of one visit per lesson page (the checks share it, so each page is loaded
    once): no request left the site; the search index and worker did not come with the page; and the repeat visit
    fetched almost nothing. (Search is opened on one page, below: it is the same bundle on every page, and its
    index changes with every edit of any page's prose, which would make these checks run again.)"""
    weight = weigh(weighing_server, browser, name)
    first, repeat = weight.first, weight.repeat
    assert f"/lessons/{name}/" in first.files, listing(first)
    assert first.foreign == [] and repeat.foreign == [], (first.foreign, repeat.foreign)
    assert SEARCH_INDEX not in first.files, listing(first)
    assert search_worker(first.files) == [], listing(first)
    # Hashed files come from the cache, the page is revalidated (a bodiless 304).
    assert repeat.gzip_bytes < first.gzip_bytes / 10, listing(repeat)


def test_search_comes_when_the_reader_opens_it_from_this_site_alone_and_little_on_return(weighing_server, browser):
    weight = weigh(weighing_server, browser, LESSONS[-1], open_search=True)
    first, search, repeat = weight.first, weight.search, weight.repeat
    assert SEARCH_INDEX not in first.files and search_worker(first.files) == [], listing(first)
    assert SEARCH_INDEX in search.files, listing(search)
    assert search_worker(search.files), listing(search)
    assert search.foreign == [] and repeat.foreign == [], (search.foreign, repeat.foreign)
    assert repeat.gzip_bytes < first.gzip_bytes / 10, listing(repeat)


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

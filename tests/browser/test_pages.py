"""The published site in a real browser: figures show, search, theme toggle, downloads. (That every page loads
cleanly, with no request to another host, is checked on the same visit as its accessibility: test_accessibility.py.)"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urljoin, urlsplit

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from course.engine.glue import ROLE
from course.engine.wording import words
from tests.browser.conftest import SCREENSHOTS
from tests.conftest import PROJECT_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSONS = sorted(path.stem for path in (PROJECT_ROOT / "tutorials_src").glob("*.py"))


def nav_pages(built_site) -> list[str]:
    """Every page the navigation links to, as site-relative paths."""
    html = (built_site / "index.html").read_text()
    links = re.findall(r'class="md-nav__link[^"]*"\s+href="([^"#]*)"|href="([^"#]*)"\s+class="md-nav__link', html)
    pages = {href for pair in links for href in pair if href}
    pages = {re.sub(r"^(\./|\.\./)+", "", page) for page in pages} | {""}
    return sorted(pages)


def test_navigation_covers_every_lesson(built_site):
    pages = nav_pages(built_site)
    for name in LESSONS:
        assert f"lessons/{name}/" in pages


def scroll_through(page):
    """Reveal folded solutions, as a reader would, and scroll to the bottom so lazily loaded figures load."""
    page.evaluate("""async () => {
        document.querySelectorAll('details').forEach(details => { details.open = true; });
        for (let y = 0; y < document.body.scrollHeight; y += 600) { window.scrollTo(0, y); await new Promise(r => setTimeout(r, 30)); }
        window.scrollTo(0, 0);
    }""")
    page.wait_for_load_state("networkidle")
    # Figures requested during the last steps of the scroll may still be arriving: wait until each has finished
    # (loaded or failed; the caller checks which).
    page.wait_for_function("() => [...document.querySelectorAll('article img')].every(img => img.complete)")


def reading_order(page) -> list[str]:
    """The first three things in the article's reading order: its title, the download bar, the lesson's text."""
    return page.evaluate("""() => {
        const article = document.querySelector('article');
        const walker = document.createTreeWalker(article, NodeFilter.SHOW_ELEMENT);
        const seen = [];
        for (let node = walker.nextNode(); node && seen.length < 3; node = walker.nextNode()) {
            if (node.matches('h1')) seen.push('title');
            else if (node.matches('nav.course-downloads')) seen.push('downloads');
            else if (node.matches('p') && !node.closest('nav, .admonition')) seen.push('lesson');
        }
        return seen;
    }""")


def check_downloads(page, name: str) -> None:
    """The download bar's notebook and source links return a valid notebook and the lesson's script: its source, with
    the prose quoting the page's values where the source has glue roles."""
    links = page.locator(".course-downloads a")
    hrefs = {links.nth(index).inner_text(): links.nth(index).get_attribute("href") for index in range(links.count())}
    assert "Notebook (.ipynb)" in hrefs and "Source (.py)" in hrefs
    for label, href in hrefs.items():
        response = page.request.get(urljoin(page.url, href))
        assert response.status == 200, (label, href)
        if href.endswith(".ipynb"):
            notebook = nbformat.reads(response.text(), as_version=4)
            nbformat.validate(notebook)
        else:
            source = (PROJECT_ROOT / "tutorials_src" / f"{name}.py").read_text(encoding="utf-8")
            assert response.text().count("\n") == source.count("\n") and not ROLE.search(response.text()), name
            assert [line for line in source.splitlines() if "%%" in line or line.startswith("import")] == [
                line for line in response.text().splitlines() if "%%" in line or line.startswith("import")], name


# The copy button sits over the top right corner of a code cell: the ends of the first lines of code that run
# under it, each with the line's right edge and the button's left edge in pixels.
FIRST_LINES_UNDER_THE_COPY_BUTTON = r"""() => {
    const covered = [];
    for (const icon of document.querySelectorAll('.jp-InputArea .clipboard-copy-icon')) {
        const button = icon.parentElement.getBoundingClientRect();
        const pre = icon.closest('.jp-InputArea').querySelector('.highlight-ipynb pre');
        const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
        let top = null, right = null;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const rect of range.getClientRects()) {
                if (rect.width === 0) continue;
                top = top ?? rect.top;
                if (rect.top < top + 2 && rect.top < button.bottom) right = Math.max(right ?? rect.right, rect.right);
            }
        }
        if (right !== null && right > button.left) {
            covered.push([pre.textContent.trim().split('\n')[0].slice(-40), Math.round(right), Math.round(button.left)]);
        }
    }
    return covered;
}"""


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_page_reads_in_order_and_shows_outputs_figures_and_downloads(site_url, visit, name):
    """One visit per lesson: what a screen reader reads first, the download links, then the lesson's outputs and
    figures as a reader scrolls through them."""
    opened = visit()
    opened.page.goto(urljoin(site_url, f"lessons/{name}/"))
    assert reading_order(opened.page) == ["title", "downloads", "lesson"]
    assert opened.page.locator("nav.course-downloads").get_attribute("aria-label")
    check_downloads(opened.page, name)
    scroll_through(opened.page)
    images = opened.page.evaluate("""() => [...document.querySelectorAll('article img')].map(img => ({
        src: img.src, alt: img.alt, loaded: img.complete && img.naturalWidth > 0}))""")
    assert images, "a lesson page without figures"
    for image in images:
        assert image["loaded"], image["src"]
        assert len(image["alt"].split()) >= 3, f"alt text should describe the figure: {image}"
    assert opened.page.locator(".jp-OutputArea-output").count() > 0
    # Code, wide text outputs such as model.summary() tables, and pandas tables fit the content column at 1280 px:
    # no horizontal scrolling.
    overflowing = opened.page.evaluate("""() => [
        ...document.querySelectorAll('.highlight-ipynb pre, .jp-OutputArea-output pre, .jp-RenderedHTMLCommon')]
        .filter(block => block.scrollWidth > block.clientWidth + 1).map(block => block.textContent.slice(0, 80))""")
    assert overflowing == []
    headings = opened.page.evaluate("() => [...document.querySelectorAll('article h1, article h2, article h3, article h4')].map(h => +h.tagName[1])")
    assert headings[0] == 1 and all(later - earlier <= 1 for earlier, later in zip(headings, headings[1:])), headings
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    opened.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    opened.page.evaluate("() => document.querySelectorAll('details').forEach(details => { details.open = true; })")
    covered = opened.page.evaluate(FIRST_LINES_UNDER_THE_COPY_BUTTON)
    assert covered == [], f"the copy button covers the end of these first lines of code (shorten them): {covered}"
    assert opened.console_errors == [] and opened.foreign_requests == []


# Each figure of the page: the file the browser chose, the pixel width of that file (read from a plain <img> of it:
# an <img>'s own naturalWidth is divided by its srcset density), and its width attribute.
FIGURES_SHOWN = """async () => Promise.all([...document.querySelectorAll('article img.course-figure')]
  .map(async img => {
    const file = new Image();
    file.src = img.currentSrc;
    await file.decode();
    return {current: img.currentSrc, src: img.src, srcset: img.srcset, width: +img.getAttribute('width'),
            natural: img.naturalWidth, drawn: file.naturalWidth, shown: img.getBoundingClientRect().width};
}))"""


@pytest.mark.parametrize("density", [1, 2])
def test_a_screen_downloads_only_the_figure_file_drawn_for_its_pixels(browser, site_url, density):
    """Figures are drawn at twice their shown size: a 2x screen (most laptops and phones) gets that file, sharp, a 1x
    screen the one scaled down to the shown size, and neither downloads the other's; both show at the same size."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=density)
    try:
        page = context.new_page()
        fetched: list[str] = []
        page.on("request", lambda request: "/assets/figures/" in request.url and fetched.append(request.url))
        page.goto(urljoin(site_url, "lessons/02_activations/"))
        scroll_through(page)
        downloaded = set(fetched)
        figures = page.evaluate(FIGURES_SHOWN)
    finally:
        context.close()
    assert figures, "a lesson page without figures"
    for figure in figures:
        high, descriptor = figure["srcset"].split(" ")
        assert descriptor == "2x" and urljoin(figure["src"], high) != figure["src"], figure
        wanted = urljoin(figure["src"], high) if density == 2 else figure["src"]
        assert figure["current"] == wanted, figure
        assert figure["drawn"] == density * figure["width"], figure
        assert figure["natural"] == figure["width"] and abs(figure["shown"] - figure["width"]) < 1, figure
    assert downloaded == {figure["current"] for figure in figures}, downloaded


def test_math_is_typeset_at_build_time_as_mathml(site_url, visit):
    opened = visit()
    opened.page.goto(urljoin(site_url, "lessons/02_activations/"))
    opened.page.wait_for_load_state("networkidle")
    assert opened.page.locator(".katex > math").count() > 0
    assert opened.page.locator("script[src*=katex]").count() == 0
    assert opened.foreign_requests == []


def test_model_summary_table_is_shown(site_url, visit):
    opened = visit()
    opened.page.goto(urljoin(site_url, "lessons/03_stacking/"))
    summary = opened.page.locator(".jp-OutputArea-output pre", has_text="Total params")
    assert summary.count() >= 1
    assert "31" in summary.first.inner_text()


# Where a text output wraps (a line longer than the column), the characters on either side of each break the
# browser made: a break inside a word has a letter or digit on both sides.
SOFT_BREAKS_INSIDE_WORDS = r"""() => {
    const inside = [];
    for (const pre of document.querySelectorAll('.jp-OutputArea-output pre')) {
        const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
        let previous = null;  // [character, its line's top]
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.length; i++) {
                const character = node.data[i];
                if (character === '\n') { previous = null; continue; }
                const range = document.createRange();
                range.setStart(node, i); range.setEnd(node, i + 1);
                const rect = range.getClientRects()[0];
                if (!rect) continue;
                if (previous && rect.top > previous[1] + 1 && /[\p{L}\p{N}]/u.test(previous[0] + character)
                        && /[\p{L}\p{N}]/u.test(previous[0]) && /[\p{L}\p{N}]/u.test(character)) {
                    inside.push(node.data.slice(Math.max(0, i - 12), i) + '|' + node.data.slice(i, i + 12));
                }
                previous = [character, rect.top];
            }
        }
    }
    return inside;
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_a_long_output_line_wraps_between_words_and_quoted_code_has_the_code_cells_size(site_url, visit, width):
    opened = visit()
    opened.page.set_viewport_size({"width": width, "height": 900})
    opened.page.goto(urljoin(site_url, "lessons/00_a_single_neuron/"))
    broken = opened.page.evaluate(SOFT_BREAKS_INSIDE_WORDS)
    assert broken == [], f"text outputs broken inside a word at {width} px: {broken[:5]}"
    opened.page.goto(urljoin(site_url, "lessons/03_stacking/"))  # its "In older code" note quotes a code block
    sizes = opened.page.evaluate("""() => [
        getComputedStyle(document.querySelector('.highlight-ipynb pre')).fontSize,
        ...[...document.querySelectorAll('.jp-RenderedMarkdown .highlight pre')].map(pre => getComputedStyle(pre).fontSize)]""")
    assert len(sizes) > 1 and set(sizes) == {sizes[0]}, f"code cells, then code quoted in the prose: {sizes}"


def test_on_a_phone_a_lessons_text_code_and_figures_keep_the_margins_of_every_other_page(site_url, visit):
    """At 390 px the notebook's own side padding must not come on top of the theme's margin: it took 15-20 px a
    side from the text, code and figures of a lesson (a figure was 318 px wide in a 358 px column)."""
    opened = visit()
    opened.page.set_viewport_size({"width": 390, "height": 844})
    opened.page.goto(urljoin(site_url, "about/"))
    text_edges = "() => { const box = document.querySelector('article p').getBoundingClientRect(); " \
                 "return [Math.round(box.left), Math.round(box.right)]; }"
    page_text = opened.page.evaluate(text_edges)
    opened.page.goto(urljoin(site_url, "lessons/06_stochastic_gradient_descent/"))
    lesson = opened.page.evaluate("""() => Object.fromEntries(
        ['.jp-MarkdownCell p', '.jp-InputArea-editor', 'img.course-figure'].map(selector => {
            const box = document.querySelector('article ' + selector).getBoundingClientRect();
            return [selector, [Math.round(box.left), Math.round(box.right)]];
        }))""")
    for selector, edges in lesson.items():
        assert abs(edges[0] - page_text[0]) <= 1 and abs(edges[1] - page_text[1]) <= 1, (
            f"{selector} spans {edges} px on a 390 px phone, the about page's text {page_text}")


def test_search_for_relu_finds_the_activations_lesson(site_url, visit):
    opened = visit()
    opened.page.goto(site_url)
    opened.page.wait_for_load_state("networkidle")
    # The index and the search worker load when search opens; here by the keyboard shortcut, as a keyboard user
    # opens it. Wait until the worker has indexed the site (Material then says "Type to start searching"): on a
    # busy machine that takes longer than the results do.
    opened.page.keyboard.press("/")
    opened.page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta')?.textContent.trim() === 'Type to start searching'",
        timeout=60_000)
    opened.page.keyboard.type("ReLU")  # key by key, as a reader types: the search listens to keyboard events
    results = opened.page.locator(".md-search-result__item a")
    results.first.wait_for(state="attached", timeout=10_000)
    # All at once: the list is rendered in steps, so counting first and then reading each one can miss.
    hrefs = results.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert any("02_activations" in href for href in hrefs), hrefs
    # The results are styled as the theme draws them (the trimmed stylesheet keeps the rules for what its scripts
    # put in the results): titles in small print, matches underlined in the accent colour, not highlighted yellow.
    title_size, mark_background = opened.page.evaluate("""() => {
        const title = document.querySelector('.md-search-result__article h1');
        const mark = document.querySelector('.md-search-result mark');
        return [parseFloat(getComputedStyle(title).fontSize), getComputedStyle(mark).backgroundColor]; }""")
    assert title_size < 20 and mark_background in ("rgba(0, 0, 0, 0)", "transparent"), (title_size, mark_background)
    # A screen reader hears the dialog's name, the count of matches as it changes, and each result by its title
    # and text (the theme's markup named the results nothing: "link, link").
    dialog = opened.page.locator(".md-search[role=dialog]")
    expect(dialog).to_have_accessible_name("Search")
    expect(opened.page.get_by_role("status").filter(has_text="matching")).to_have_count(1)
    opened.page.keyboard.press("ArrowDown")
    focused = opened.page.locator(".md-search-result__link:focus")
    title = focused.locator("h1, h2").first.inner_text()
    expect(focused).to_have_accessible_name(re.compile("^" + re.escape(title.strip())))
    # Esc closes search, and the keyboard goes on to what the page shows, not into the closed results.
    opened.page.keyboard.press("Escape")
    opened.page.keyboard.press("Tab")
    focused = opened.page.evaluate("""() => { const box = document.activeElement.getBoundingClientRect();
        return [document.activeElement.className, !!document.activeElement.closest('.md-search__output'),
                box.width * box.height]; }""")
    assert not focused[1] and focused[2] > 0, f"after Esc the focus went to a hidden element: {focused}"


@pytest.mark.parametrize("width", [390, 1280])
def test_esc_closes_search_and_gives_the_focus_back_to_where_the_reader_was(site_url, visit, width):
    """From the search field and from a result alike: the theme had left the focus on the page as a whole."""
    opened = visit()
    opened.page.set_viewport_size({"width": width, "height": 800})
    opened.page.goto(site_url + "lessons/02_activations/")
    opened.page.wait_for_load_state("networkidle")
    download = opened.page.locator("a.course-download").first
    focused = "() => [document.activeElement === document.querySelector('a.course-download'), " \
              "!!document.activeElement.closest('.md-search')]"
    for into_results in (False, True):
        download.focus()
        opened.page.keyboard.press("/")
        opened.page.wait_for_function("() => document.activeElement.matches('.md-search__input')")
        if into_results:
            opened.page.wait_for_function("() => document.querySelector('.md-search-result__meta')"
                                          "?.textContent.trim() === 'Type to start searching'", timeout=60_000)
            opened.page.keyboard.type("ReLU")
            opened.page.wait_for_function("() => [...document.querySelectorAll('.md-search-result__item mark')]"
                                          ".some(mark => mark.textContent.toLowerCase() === 'relu')", timeout=10_000)
            # The theme moves the focus into the results when it handles the key, which on a busy machine comes a
            # moment after the press returns. Under load it also, about once in 25 tries, draws the results again
            # just after, and the focused result goes with them: the focus falls to the page, and the next
            # ArrowDown, as a reader would press again, brings it back into search. This test is about Esc.
            for _ in range(3):
                opened.page.keyboard.press("ArrowDown")
                try:
                    opened.page.wait_for_function(f"() => ({focused})()[1]", timeout=3_000)
                    break
                except PlaywrightTimeout:
                    continue
            assert opened.page.evaluate(focused) == [False, True]
        opened.page.keyboard.press("Escape")
        opened.page.wait_for_function(f"() => ({focused})()[0]", timeout=5_000)
        assert opened.page.evaluate(focused) == [True, False]
        assert not opened.page.is_checked("#__search")
        opened.page.evaluate("() => { document.querySelector('.md-search__input').value = ''; }")


def test_esc_gives_the_focus_back_even_after_the_results_were_drawn_again_under_it(site_url, visit):
    """The theme draws the results again as a search goes on, and the focused result goes with them: the focus
    falls to the page, and ArrowDown brings it back. Esc then still returns the reader to where they were (the
    focus coming back from nowhere had made the page forget where that was)."""
    opened = visit()
    opened.page.goto(site_url + "lessons/02_activations/")
    opened.page.wait_for_load_state("networkidle")
    download = opened.page.locator("a.course-download").first
    download.focus()
    opened.page.keyboard.press("/")
    opened.page.wait_for_function("() => document.querySelector('.md-search-result__meta')"
                                  "?.textContent.trim() === 'Type to start searching'", timeout=60_000)
    opened.page.keyboard.type("ReLU")
    opened.page.locator(".md-search-result__item mark").first.wait_for(timeout=10_000)
    opened.page.evaluate("() => document.activeElement.blur()")  # as when the focused result is drawn again
    opened.page.keyboard.press("ArrowDown")
    opened.page.wait_for_function("() => document.activeElement.closest('.md-search-result')", timeout=5_000)
    opened.page.keyboard.press("Escape")
    opened.page.wait_for_function("() => !document.getElementById('__search').checked", timeout=5_000)
    opened.page.wait_for_timeout(100)  # the focus goes back just after the theme's own Esc
    assert download.evaluate("link => link === document.activeElement")


def test_search_for_a_chinese_term_on_the_chinese_site_finds_the_activations_lesson(site_url, visit):
    opened = visit()
    opened.page.goto(urljoin(site_url, "zh/"))
    opened.page.locator(".md-search__input").click()
    # Wait until the search worker has indexed the edition (Material then says "type to start searching").
    opened.page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta')?.textContent.trim() === '键入以开始搜索'",
        timeout=60_000)
    # A Chinese word arrives as one inserted text, as an input method commits it, and the key that commits it
    # (here End) is the keyboard event the search reacts to.
    opened.page.keyboard.type("激活函数")
    opened.page.keyboard.press("End")
    results = opened.page.locator(".md-search-result__item a")
    results.first.wait_for(state="attached", timeout=10_000)
    hrefs = results.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert any("zh/lessons/02_activations" in href for href in hrefs), hrefs
    # The word is searched whole, and the page a result opens marks it: the theme's worker split a query that is
    # one word of the index into shorter ones (激活 and 函数), and the page marked every 激活.
    # (A page listed for its matching sections carries no h.)
    marked = {parse_qs(urlsplit(href).query).get("h", [""])[0] for href in hrefs} - {""}
    assert marked == {"激活函数"}, marked


def test_colour_scheme_toggle_switches_and_figures_stay_visible(site_url, visit):
    opened = visit()
    opened.page.goto(urljoin(site_url, "lessons/02_activations/"))
    scheme = lambda: opened.page.get_attribute("body", "data-md-color-scheme")  # noqa: E731
    assert scheme() == "default"
    opened.page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    opened.page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    scroll_through(opened.page)
    figure = opened.page.locator("article img").first
    assert figure.is_visible()
    background = figure.evaluate("img => getComputedStyle(img).backgroundColor")
    assert background == "rgb(255, 255, 255)", "figures keep their white card on the dark scheme"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    opened.page.screenshot(path=str(SCREENSHOTS / "02_activations-dark.png"), full_page=True)
    assert opened.console_errors == []
    # The choice holds in the other edition too, and back: one reader, one scheme.
    opened.page.goto(urljoin(site_url, "zh/lessons/02_activations/"))
    assert scheme() == "slate"
    opened.page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    opened.page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    opened.page.goto(urljoin(site_url, "lessons/02_activations/"))
    assert scheme() == "default"


def test_an_address_the_site_lacks_gets_the_styled_404_page_whose_links_and_search_work(site_url, visit):
    """As GitHub Pages publishes the site: below a path, with 404.html sent for a missing address at any depth.
    Its styles and scripts load from there, and its links lead into the site."""
    opened = visit()
    missing = urljoin(site_url, "lessons/no_such_lesson/figure/")
    response = opened.page.goto(missing)
    opened.page.wait_for_load_state("networkidle")
    assert response.status == 404
    # The page's own status is the one failure (Chromium logs it as a console error): every file it uses came.
    assert opened.failed_responses == [f"404 {missing}"], opened.failed_responses
    assert len(opened.console_errors) == 1 and "404" in opened.console_errors[0], opened.console_errors
    assert opened.page.locator("article h1").inner_text() == "Page not found"
    header = opened.page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position")
    assert header == "sticky"  # the theme's stylesheet applied
    languages = opened.page.evaluate(
        "() => [...document.querySelectorAll('.md-select__link')].map(link => link.href)")
    assert languages == [site_url, urljoin(site_url, "zh/")]
    # Pages sends this page for a missing Chinese address too: it says so in Chinese, linking the Chinese home page.
    chinese = opened.page.locator("article p[lang=zh-Hans] a")
    assert chinese.evaluate("link => link.href") == urljoin(site_url, "zh/")
    opened.page.locator(".md-search__input").click()
    opened.page.keyboard.type("dropout")
    first_result = opened.page.locator(".md-search-result__link").first
    first_result.wait_for()
    assert first_result.get_attribute("href").startswith(site_url), first_result.get_attribute("href")
    opened.page.keyboard.press("Escape")
    opened.page.get_by_role("link", name="home page").click()
    opened.page.wait_for_load_state("networkidle")
    assert opened.page.url == site_url
    assert opened.page.locator("article table").count() == 1  # the home page's lesson table


@pytest.mark.parametrize(("edition", "scheme", "shown", "names", "switched"),
                         [("", "dark", "slate", ["Dark mode", "Switch to light mode"], "default"),
                          ("", "light", "default", ["Light mode", "Switch to dark mode"], "slate"),
                          ("zh/", "light", "default", ["浅色模式", "切换到深色模式"], "slate")])
def test_the_scheme_toggle_is_the_checked_button_of_the_scheme_on_screen_and_space_switches_it(
        site_url, visit, edition, scheme, shown, names, switched):
    """From the keyboard the toggle is a radio button. Before the first switch it is the one of the scheme on
    screen (the theme left both unchecked, so the tab stop in the dark scheme was the light one), checked and named
    after that scheme: the theme's name, what the other button does, made a screen reader say "Switch to light
    mode, checked" in the dark scheme. The icon's tooltip still says what a
    click does. Space switches the scheme as Enter does. The language selector's links carry their language."""
    opened = visit(scheme)
    opened.page.goto(urljoin(site_url, f"{edition}about/"))
    opened.page.wait_for_load_state("networkidle")
    assert opened.page.get_attribute("body", "data-md-color-scheme") == shown
    for _ in range(6):  # skip link, (menu button in a narrow window,) then the toggle
        opened.page.keyboard.press("Tab")
        if opened.page.evaluate("() => document.activeElement.matches('input.md-option')"):
            break
    toggle = opened.page.evaluate("""() => [document.activeElement.checked, document.activeElement.ariaLabel,
        document.querySelector('label.md-header__button[for^=__palette]:not([hidden])')?.title]""")
    assert toggle == [True, *names], toggle
    opened.page.keyboard.press(" ")
    opened.page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{switched}'")
    languages = opened.page.evaluate("() => [...document.querySelectorAll('.md-select__link')].map(link => link.lang)")
    assert languages == ["en", "zh-Hans"], languages


def test_the_language_selector_opens_and_closes_from_its_button_and_esc_and_a_mouse_still_opens_it(site_url, visit):
    """A disclosure: closed, its links are no tab stops (the theme opened it on focus, so they always were); its
    button says whether it is open; Enter opens it and Tab goes in; Esc closes it and gives the focus back."""
    opened = visit()
    opened.page.goto(urljoin(site_url, "about/"))
    opened.page.wait_for_load_state("networkidle")
    button = opened.page.locator(".md-select button")
    focused_link = "() => document.activeElement.matches('.md-select__link') && document.activeElement.hreflang"
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    opened.page.keyboard.press("Tab")
    assert opened.page.evaluate(focused_link) is False, "Tab went into the closed list"
    button.focus()
    opened.page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    opened.page.keyboard.press("Tab")
    assert opened.page.evaluate(focused_link) == "en"
    assert opened.page.locator(".md-select__link[hreflang=zh-Hans]").is_visible()
    opened.page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert opened.page.evaluate("() => document.activeElement.matches('.md-select button')")
    opened.page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.md-select__inner')).visibility === 'hidden'")
    opened.page.mouse.move(10, 400)
    button.hover()
    opened.page.locator(".md-select__link[hreflang=zh-Hans]").click()
    opened.page.wait_for_load_state("networkidle")
    assert opened.page.url == urljoin(site_url, "zh/about/")


def _luminance(rgb: str) -> float:
    channels = [int(value) / 255 for value in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_focused_button_reads_at_aa_contrast_and_an_opened_solution_turns_its_arrow(site_url, visit, scheme):
    """States the reader brings about, which a page audit at rest does not see: a download button focused from the
    keyboard, and a folded solution opened."""
    opened = visit(scheme)
    opened.page.goto(site_url + "lessons/04_exercise_concrete/")
    opened.page.wait_for_load_state("networkidle")
    button = opened.page.locator(".course-downloads .md-button").first
    button.focus()
    opened.page.keyboard.press("Shift+Tab")
    opened.page.keyboard.press("Tab")  # focus from the keyboard, so that :focus-visible applies
    opened.page.wait_for_timeout(400)  # the colours change in a short transition
    colour, background = button.evaluate("b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]")
    lighter, darker = sorted((_luminance(colour), _luminance(background)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5, (colour, background)
    # A code cell's copy button is drawn by its icon alone, which must stand out from the cell at 3:1 (WCAG 1.4.11;
    # the notebook stylesheet's dark-scheme grey was 2.2:1).
    icon, under = opened.page.locator(".jp-CodeCell span.clipboard-copy-icon").first.evaluate(r"""icon => {
        let element = icon.parentElement;
        while (element && /rgba\(.*, 0\)|transparent/.test(getComputedStyle(element).backgroundColor)) {
            element = element.parentElement;
        }
        return [getComputedStyle(icon).color, getComputedStyle(element).backgroundColor];
    }""")
    lighter, darker = sorted((_luminance(icon), _luminance(under)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 3, f"copy icon {icon} on {under}"
    summary = opened.page.locator("details.course-solution > summary").first
    arrow = "s => getComputedStyle(s, '::after').transform"
    closed = summary.evaluate(arrow)
    summary.click()
    opened.page.wait_for_timeout(400)  # the arrow turns in a short transition
    assert summary.evaluate(arrow) != closed


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_a_copy_button_copies_its_cell_and_a_screen_reader_hears_copied(site_url, visit, edition):
    """The button's "Copied" notice appeared without a word to a screen reader; a status line says it."""
    opened = visit()
    opened.context.grant_permissions(["clipboard-read", "clipboard-write"])
    opened.page.goto(urljoin(site_url, ("zh/" if edition == "zh" else "") + "lessons/03_stacking/"))
    status = opened.page.locator("[role=status].course-copy-status")
    expect(status).to_have_text("")
    opened.page.locator(".jp-CodeCell clipboard-copy").first.focus()
    opened.page.keyboard.press("Enter")
    expect(status).to_have_text(words(edition)["copied"])
    code = opened.page.locator(".jp-CodeCell .highlight-ipynb pre").first.text_content()
    assert opened.page.evaluate("navigator.clipboard.readText()") == code


def test_switching_language_keeps_the_page_even_when_the_other_editions_sitemap_arrives_first(site_url, visit):
    """The theme's script maps a language link through the editions' sitemaps (empty without a site_url) and, when
    the other edition's arrives first, sent the reader to that edition's home page. Hold the English sitemap back,
    so that the Chinese one is there first, and switch from an English lesson."""
    opened = visit()
    held = []
    opened.page.route(site_url + "sitemap.xml", lambda route: held.append(route))  # never answered in the test
    with opened.page.expect_response(lambda response: response.url.endswith("/zh/sitemap.xml")):
        opened.page.goto(site_url + "lessons/05_training/")
    opened.page.locator(".md-header__option .md-select").hover()
    with opened.page.expect_navigation():
        opened.page.locator('a.md-select__link[hreflang="zh-Hans"]').click()
    assert opened.page.url == site_url + "zh/lessons/05_training/"


def test_a_page_opened_from_a_search_result_highlights_the_term(site_url, visit):
    opened = visit()
    opened.page.goto(site_url + "lessons/08_dropout_and_batch_normalization/?h=dropout")
    opened.page.wait_for_function("document.querySelectorAll('article mark').length > 0", timeout=30_000)
    marks = opened.page.locator("article mark").evaluate_all("marks => marks.map(mark => mark.textContent)")
    assert {mark.lower() for mark in marks} == {"dropout"}, marks[:5]


@pytest.mark.parametrize("width", [1280, 390])
def test_only_blocks_that_scroll_are_tab_stops_and_a_narrower_window_gives_them_back(site_url, visit, width):
    """Every code and output block comes with a tab stop so that a keyboard can scroll it; a block that fits its
    column gives it up (lesson 8 took 96 presses to cross), and takes it back when the window narrows. Lesson 04
    has code, text outputs and a table, which scrolls on a phone. Every block keeps its name, as a region when it
    scrolls and a group when it does not, so that a screen reader tells a cell's code from its output."""
    opened = visit()
    opened.page.set_viewport_size({"width": width, "height": 900})
    opened.page.goto(site_url + "lessons/04_exercise_concrete/")
    opened.page.wait_for_load_state("networkidle")
    blocks = """() => [...document.querySelectorAll('.jupyter-wrapper [role=group], .jupyter-wrapper [role=region]')]
        .map(block => [block.scrollWidth > block.clientWidth + 1, block.getAttribute('tabindex') === '0',
                       block.getAttribute('role') === 'region', block.getAttribute('aria-label')])"""
    states = opened.page.evaluate(blocks)
    assert states and all(scrolls == stop == region for scrolls, stop, region, _ in states), states
    labels = [label for *_, label in states]
    assert all(labels) and labels[:3] == ["Code cell 1", "Code cell 2", "Output of code cell 2"], labels[:4]
    # No named block inside another: a model summary (a text block inside an HTML output) was named twice over.
    nested = opened.page.evaluate("""() => [...document.querySelectorAll('.jupyter-wrapper [role][aria-label]')]
        .filter(block => block.parentElement.closest('[role=group][aria-label], [role=region][aria-label]'))
        .map(block => block.getAttribute('aria-label'))""")
    assert nested == [], nested
    unnamed = opened.page.evaluate("""() => [...document.querySelectorAll('.jupyter-wrapper [tabindex]')]
        .filter(element => !element.getAttribute('aria-label')).map(element => element.outerHTML.slice(0, 80))""")
    assert unnamed == [], "every tab stop in the lesson is named"
    table = opened.page.locator(".jp-OutputArea-output:has(table.dataframe)")
    assert table.get_attribute("aria-label") == "Output of code cell 2"
    if width == 1280:
        assert sum(stop for _, stop, *_ in states) < len(states) / 2
        opened.page.set_viewport_size({"width": 390, "height": 900})
        opened.page.wait_for_timeout(400)
        narrow = opened.page.evaluate(blocks)
        assert all(scrolls == stop == region for scrolls, stop, region, _ in narrow)
        assert sum(stop for _, stop, *_ in narrow) > sum(stop for _, stop, *_ in states)
        assert [label for *_, label in narrow] == labels
    else:
        # A block cut off at the column's edge says so: a shadow on the side where more of it lies, which moves as
        # the reader scrolls (the table hid the column the lesson predicts, with nothing to show it was there).
        shadows = "t => [t.className.match(/course-more-\\w+/g), getComputedStyle(t).boxShadow]"
        sides, shadow = table.evaluate(shadows)
        assert sides == ["course-more-right"] and shadow != "none", (sides, shadow)
        rows = table.evaluate("t => [...t.querySelectorAll('tr')].map(row => getComputedStyle(row).backgroundColor)")
        assert all(colour.startswith("rgba(") for colour in rows), f"opaque rows paint over the shadow: {rows}"
        table.evaluate("t => { t.scrollLeft = t.scrollWidth; }")
        opened.page.wait_for_timeout(100)
        assert table.evaluate(shadows)[0] == ["course-more-left"]
        # On a phone no code lies under a cell's copy button, even at the end of a cell's scroll.
        opened.page.evaluate("() => document.querySelectorAll('details').forEach(details => { details.open = true; })")
        opened.page.evaluate("() => document.querySelectorAll('.highlight-ipynb').forEach(block => {"
                             " block.scrollLeft = block.scrollWidth; })")
        covered = opened.page.evaluate(FIRST_LINES_UNDER_THE_COPY_BUTTON)
        assert covered == [], f"at 390 px the copy button covers the end of these first lines: {covered}"
        # Code quoted in the text scrolls on a phone too, and Chromium makes a block that scrolls a tab stop even
        # without a tabindex: lesson 03's Keras 2 example must be a named stop, not a bare one.
        opened.page.goto(site_url + "lessons/03_stacking/")
        opened.page.wait_for_load_state("networkidle")
        quoted = opened.page.evaluate("""() => [...document.querySelectorAll('.jp-RenderedMarkdown pre')]
            .filter(pre => pre.scrollWidth > pre.clientWidth + 1)
            .map(pre => [pre.getAttribute('tabindex'), pre.getAttribute('aria-label')])""")
        assert quoted == [["0", "Code example 1"]], quoted


def test_code_and_outputs_grow_with_the_readers_text_size_and_a_dark_page_prints_light_without_buttons(
        site_url, visit):
    """WCAG 1.4.4: text resized to 200 % resizes code, outputs and tables too (the notebook stylesheet fixed them in
    px). On paper: the light scheme whatever the screen shows, no copy or download buttons, outputs wrapped."""
    opened = visit("dark")
    opened.page.goto(site_url + "lessons/04_exercise_concrete/")
    opened.page.wait_for_load_state("networkidle")
    parts = ["article p", ".jp-CodeCell .highlight-ipynb pre", ".jp-OutputArea-output pre", "table.dataframe"]
    sizes = f"() => {json.dumps(parts)}.map(s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))"
    before = opened.page.evaluate(sizes)
    opened.page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    after = opened.page.evaluate(sizes)
    opened.page.evaluate("() => { document.documentElement.style.fontSize = ''; }")
    assert [round(b / a, 2) for a, b in zip(before, after)] == [round(after[0] / before[0], 2)] * len(parts), (
        dict(zip(parts, zip(before, after))))

    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    opened.page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert opened.page.evaluate(scheme) == "default"
    opened.page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert opened.page.evaluate(scheme) == "slate"
    opened.page.emulate_media(media="print")
    printed = opened.page.evaluate("""() => [
        getComputedStyle(document.querySelector('.zeroclipboard-container')).display,
        getComputedStyle(document.querySelector('.course-downloads')).display,
        getComputedStyle(document.querySelector('.jp-OutputArea-output pre')).whiteSpace]""")
    assert printed == ["none", "none", "pre-wrap"], printed


@pytest.mark.parametrize("width", [390, 1280])
def test_a_phone_gets_the_narrow_drawing_of_a_wide_figure_and_a_desktop_the_wide_one(site_url, visit, width):
    """A 6.4-inch figure in a phone's column is scaled to about half, its labels to about 7 px: where the figure
    also fits 4 inches it is drawn that wide too, and a phone shows that drawing at nearly its size."""
    opened = visit()
    opened.page.set_viewport_size({"width": width, "height": 900})
    opened.page.goto(site_url + "lessons/02_activations/")
    opened.page.wait_for_load_state("networkidle")
    pictures = "[...document.querySelectorAll('article picture > img.course-figure')]"
    opened.page.evaluate(f"() => {pictures}.forEach(img => img.loading = 'eager')")
    opened.page.wait_for_function(f"() => {pictures}.every(img => img.complete && img.naturalWidth > 0)")
    figures = opened.page.evaluate(f"""() => {pictures}.map(img => [img.currentSrc.split('/').pop(),
        img.getBoundingClientRect().width, img.naturalWidth, img.parentElement.querySelector('source').srcset,
        img.alt])""")
    assert len(figures) >= 2, "lesson 02's line plots have phone drawings"
    for current, shown, natural, phone_files, alt in figures:
        assert alt, "the phone drawing is described by the same alt text"
        if width == 390:
            assert current in phone_files and shown / natural > 0.8, (current, shown, natural)
        else:
            assert current not in phone_files and shown == natural == 640, (current, shown, natural)


def test_on_a_phone_an_equation_a_little_too_wide_is_set_smaller_and_one_much_too_wide_still_scrolls(site_url, visit):
    """At 360 px lesson 09's cross-entropy is a few pixels wider than the column: it is set at most 8 % smaller
    instead of scrolling for those pixels. At 320 px it is far too wide, keeps its size and scrolls; at 1280 px it
    fits as the stylesheet sets it. The window's width changes on the same page, as when a phone turns."""
    opened = visit()
    opened.page.set_viewport_size({"width": 360, "height": 800})
    opened.page.goto(site_url + "lessons/09_binary_classification/")
    opened.page.wait_for_load_state("networkidle")
    equations = """() => [...document.querySelectorAll('article math[display=block]')].map(equation =>
        [equation.style.fontSize, equation.scrollWidth > equation.clientWidth + 1])"""
    at_360 = opened.page.evaluate(equations)
    fitted = [float(size.removesuffix("em")) for size, _ in at_360 if size]
    assert fitted and all(0.92 <= size < 1 for size in fitted), at_360  # the phone's size is 1em (course.css)
    assert not any(scrolls for _, scrolls in at_360), at_360
    opened.page.set_viewport_size({"width": 320, "height": 800})
    opened.page.wait_for_function(f"() => ({equations})().every(([size, scrolls]) => size === '') ")
    at_320 = opened.page.evaluate(equations)
    assert [scrolls for _, scrolls in at_320] == [bool(size) for size, _ in at_360], at_320
    opened.page.set_viewport_size({"width": 1280, "height": 800})
    opened.page.wait_for_function(f"() => ({equations})().every(([size, scrolls]) => !scrolls && size === '')")


def test_a_printed_page_shows_the_solutions_the_reader_opened_and_no_other(site_url, visit):
    """The theme opens every fold for printing, which printed each exercise's answer under its question: a
    solution prints folded unless the reader opened it, and the page is as it was once printing is over."""
    opened = visit()
    opened.page.goto(site_url + "lessons/04_exercise_concrete/")
    opened.page.wait_for_load_state("networkidle")
    solutions = opened.page.locator("details.course-solution")
    assert solutions.count() >= 2
    shown = "() => [...document.querySelectorAll('details.course-solution')].map(solution => solution.open)"
    # Printing at once after the click, before the browser's "toggle" event for it has fired (it comes as a later
    # task): the page must know the fold is open already.
    on_screen = opened.page.evaluate(f"""() => {{
        document.querySelectorAll('details.course-solution summary')[1].click();
        const opened = ({shown})();
        window.dispatchEvent(new Event('beforeprint'));
        return opened;
    }}""")
    assert on_screen.count(True) == 1 and on_screen[1], on_screen
    assert opened.page.evaluate(shown) == on_screen
    opened.page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert opened.page.evaluate(shown) == on_screen

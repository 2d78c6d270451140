"""WCAG 2.1 AA on the published site: axe-core on every page in both colour schemes, keyboard, reading order, math.

axe-core comes bundled in the pinned ``axe-playwright-python`` package (nothing is downloaded at test time). A
serious or critical violation fails the test with the rule, the page, the scheme and the offending elements.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import PROJECT_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
LESSONS = sorted(path.stem for path in (PROJECT_ROOT / "tutorials_src").glob("[0-9][0-9]_*.py"))


def site_pages(built_site: Path) -> list[str]:
    """Every HTML page of the built site (lessons, hand-written and generated pages), as site-relative paths."""
    pages = []
    for index in sorted(built_site.rglob("index.html")):
        relative = index.parent.relative_to(built_site).as_posix()
        if relative.startswith(("assets", "search", "downloads")):
            continue
        pages.append("" if relative == "." else f"{relative}/")
    return pages


def open_everything(page) -> None:
    """Open folded solutions, as a reader would before reading them."""
    page.evaluate("() => document.querySelectorAll('details').forEach(details => { details.open = true; })")


def describe(path: str, scheme: str, violation: dict) -> str:
    nodes = "\n".join(
        f"    {' '.join(node['target'])}: {' '.join(node['html'].split())[:160]}\n"
        f"      {(node.get('any') or node.get('all') or node.get('none') or [{'message': ''}])[0]['message'][:220]}"
        for node in violation["nodes"][:8]
    )
    more = f"\n    ... and {len(violation['nodes']) - 8} more" if len(violation["nodes"]) > 8 else ""
    return (f"{violation['id']} ({violation['impact']}) on /{path} [{scheme} scheme], {len(violation['nodes'])} "
            f"element(s): {violation['help']}\n{nodes}{more}")


# Every page of both editions, named here so that each is a test of its own (pytest-xdist spreads them).
PAGES = [f"{edition}{page}" for edition in ("", "zh/")
         for page in ("", "about/", "execution-times/", *(f"lessons/{name}/" for name in LESSONS))]


def test_the_checked_pages_are_every_page_of_the_site(built_site):
    assert sorted(site_pages(built_site)) == sorted(PAGES)


# The dark scheme changes colours and nothing else (the same HTML, the palette's custom properties swapped), so in it
# only axe's rules about colour run again: text contrast, and links told from the text around them.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_axe_violation(site_url, visit, scheme, path):
    rules = ({"type": "tag", "values": WCAG_AA_TAGS} if scheme == "light"
             else {"type": "rule", "values": COLOUR_RULES})
    options = {"runOnly": rules, "resultTypes": ["violations"]}
    opened = visit(scheme)
    opened.page.goto(urljoin(site_url, path))
    opened.page.wait_for_load_state("networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert opened.page.get_attribute("body", "data-md-color-scheme") == expected, path
    open_everything(opened.page)
    results = Axe().run(opened.page, options=options).response
    failures = [describe(path, scheme, v) for v in results["violations"] if v["impact"] in BLOCKING]
    assert failures == [], "axe-core found serious or critical WCAG 2.1 A/AA violations:\n" + "\n".join(failures)


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_reads_title_then_download_bar_then_lesson(site_url, visit, name):
    opened = visit()
    opened.page.goto(urljoin(site_url, f"lessons/{name}/"))
    order = opened.page.evaluate("""() => {
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
    assert order == ["title", "downloads", "lesson"]
    assert opened.page.locator("nav.course-downloads").get_attribute("aria-label")


def test_every_scrolling_block_is_reachable_by_keyboard_with_a_visible_focus_ring(site_url, visit):
    opened = visit()
    opened.page.goto(urljoin(site_url, "lessons/03_stacking/"))
    unreachable = opened.page.evaluate("""() => [...document.querySelectorAll(
            '.highlight-ipynb, .jp-OutputArea-output pre')]
        .filter(block => block.tabIndex < 0 || !block.getAttribute('aria-label'))
        .map(block => block.outerHTML.slice(0, 80))""")
    assert unreachable == []
    first_block = opened.page.locator(".highlight-ipynb").first
    first_block.scroll_into_view_if_needed()
    unfocused = first_block.screenshot()
    # Tab from the download bar until a code block has focus, as a keyboard user would.
    opened.page.locator("nav.course-downloads a").last.focus()
    for _ in range(40):
        opened.page.keyboard.press("Tab")
        if opened.page.evaluate("() => document.activeElement.matches('.highlight-ipynb')"):
            break
    assert first_block.evaluate("block => block === document.activeElement")
    assert first_block.screenshot() != unfocused, "the focus ring is not visible (clipped or missing)"
    focused = opened.page.evaluate("""() => { const style = getComputedStyle(document.activeElement);
        return {label: document.activeElement.getAttribute('aria-label'),
                role: document.activeElement.getAttribute('role'),
                outline: style.outlineStyle, width: parseFloat(style.outlineWidth)}; }""")
    assert focused["label"] and focused["label"].startswith("Code cell") and focused["role"] == "region", focused
    assert focused["outline"] == "solid" and focused["width"] >= 2, focused


def test_exercise_verdicts_are_text_a_screen_reader_announces(site_url, visit):
    opened = visit("dark")
    opened.page.goto(urljoin(site_url, "lessons/04_exercise_concrete/"))
    open_everything(opened.page)
    verdicts = opened.page.evaluate("""() => [...document.querySelectorAll('.course-check')].map(line => ({
        role: line.getAttribute('role'), label: line.querySelector('.course-check-label').innerText}))""")
    labels = {verdict["label"] for verdict in verdicts}
    assert {"Correct:", "Not answered yet:"} <= labels, labels
    assert {verdict["role"] for verdict in verdicts} == {"status"}


def test_math_has_mathml_for_screen_readers(site_url, visit):
    opened = visit()
    opened.page.goto(urljoin(site_url, "lessons/02_activations/"))
    opened.page.wait_for_load_state("networkidle")
    # Math is MathML typeset at build time: the form screen readers speak is the one on screen, with its TeX.
    counts = opened.page.evaluate("""() => ({katex: document.querySelectorAll('.katex').length,
        mathml: document.querySelectorAll('.katex > math annotation[encoding="application/x-tex"]').length,
        visualOnly: document.querySelectorAll('.katex-html').length})""")
    assert counts["katex"] > 0 and counts["mathml"] == counts["katex"] and counts["visualOnly"] == 0, counts


def test_links_in_running_text_are_underlined(site_url, visit):
    opened = visit("dark")
    opened.page.goto(site_url)
    decorations = opened.page.evaluate("""() => [...document.querySelectorAll('article p a:not(.headerlink)')]
        .map(link => getComputedStyle(link).textDecorationLine)""")
    assert decorations and set(decorations) == {"underline"}, decorations


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figures_are_shown_no_narrower_than_the_house_style_assumes(site_url, visit, scheme):
    """course.plotting sizes figure text for this width; a narrower column would shrink it below the small print."""
    from course.plotting.style import NARROWEST_SHOWN_PX

    opened = visit(scheme)
    opened.page.goto(urljoin(site_url, "lessons/02_activations/"))
    opened.page.wait_for_load_state("networkidle")
    widths = opened.page.evaluate("""() => [...document.querySelectorAll('article img.course-figure')].map(img => {
        const style = getComputedStyle(img);
        return img.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    })""")
    assert widths and min(widths) >= NARROWEST_SHOWN_PX - 0.5, widths

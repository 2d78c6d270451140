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
         for page in ("", "about/", "glossary/", "execution-times/", *(f"lessons/{name}/" for name in LESSONS))]


def test_the_checked_pages_are_every_page_of_the_site(built_site):
    assert sorted(site_pages(built_site)) == sorted(PAGES)


# The dark scheme changes colours and nothing else (the same HTML, the palette's custom properties swapped), so in it
# only axe's rules about colour run again: text contrast, and links told from the text around them.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]

# Highlighted code is most of a lesson page's text elements (2,500 tokens on lesson 09), and axe's contrast rule spends
# about 2 s per page and scheme on them. A token's contrast depends only on its colour, font size and weight, text
# shadow and what lies behind it (backgrounds and opacities up to the first opaque one), so the rule checks the first
# token of each such combination on the page (lesson 09 has 10) and leaves out the others, which would get the same
# verdict. A code block holding text outside leaf tokens is checked whole.
SAMPLE_CODE_COLOURS = r"""() => {
    document.querySelectorAll('[data-axe-sample], [data-axe-sampled]').forEach(element => {
        element.removeAttribute('data-axe-sample'); element.removeAttribute('data-axe-sampled'); });
    const ownText = element => [...element.childNodes].some(node => node.nodeType === 3 && node.textContent.trim());
    const backdrop = element => {
        const layers = [];
        for (let node = element; node; node = node.parentElement) {
            const style = getComputedStyle(node);
            if (style.opacity !== '1') layers.push(`opacity ${style.opacity}`);
            const colour = style.backgroundColor;
            const transparent = colour === 'transparent' || /^rgba\(.*, 0\)$/.test(colour);
            if (transparent && style.backgroundImage === 'none') continue;
            layers.push(`${colour} ${style.backgroundImage}`);
            if (style.backgroundImage === 'none' && !colour.startsWith('rgba')) break;
        }
        return layers.join(' over ');
    };
    const seen = new Set();
    let sampled = 0, skipped = 0;
    for (const block of document.querySelectorAll('.highlight-ipynb')) {
        const tokens = [block, ...block.querySelectorAll('*')].filter(ownText);
        if (tokens.some(token => token.children.length > 0)) continue;
        block.setAttribute('data-axe-sampled', '');
        for (const token of tokens) {
            // axe checks no hidden text (a folded solution) and no text without a letter or digit (a bracket):
            // such a token can stand for no other.
            if (!token.checkVisibility() || !/[\p{L}\p{N}]/u.test(token.textContent)) continue;
            const style = getComputedStyle(token);
            const key = [style.color, style.fontSize, style.fontWeight, style.textShadow, backdrop(token)].join(' | ');
            if (seen.has(key)) { skipped += 1; continue; }
            seen.add(key);
            token.setAttribute('data-axe-sample', '');
            sampled += 1;
        }
    }
    return {sampled, skipped};
}"""
SAMPLED_CONTEXT = {"include": [["html"], ["[data-axe-sample]"]], "exclude": [["[data-axe-sampled]"]]}


AXE_SCRIPT = Axe().axe_script  # axe-core's source, as the pinned package bundles it


def run_axe(page, options: dict, context: dict | None = None) -> dict:
    """axe-core's results for the page as it is now. Its 500 KB script is injected once per page load, not once per
    run (the audit runs it up to four times on a page)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate("([context, options]) => axe.run(context || document, options)", [context, options])


def axe_failures(page, path: str, scheme: str, run_only: dict) -> list[str]:
    """The serious and critical violations axe-core finds on the page as it is now, described for a person:
    ``run_only`` (axe's option: WCAG tags, or rule ids) in one run, then its contrast rule on the sampled code."""
    contrast_checked = run_only["type"] == "tag" or "color-contrast" in run_only["values"]
    if run_only["type"] == "rule":
        run_only = {"type": "rule", "values": [rule for rule in run_only["values"] if rule != "color-contrast"]}
    violations = []
    if run_only["values"]:
        options = {"runOnly": run_only, "rules": {"color-contrast": {"enabled": False}}, "resultTypes": ["violations"]}
        violations += run_axe(page, options)["violations"]
    if contrast_checked:
        page.evaluate(SAMPLE_CODE_COLOURS)
        options = {"runOnly": {"type": "rule", "values": ["color-contrast"]}, "resultTypes": ["violations"]}
        violations += run_axe(page, options, SAMPLED_CONTEXT)["violations"]
    return [describe(path, scheme, v) for v in violations if v["impact"] in BLOCKING]


def switch_colour_scheme(page, to: str) -> None:
    """Click the header's palette toggle, as a reader does, and wait until the page shows the other scheme."""
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{to}'")


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_and_axe_finds_no_serious_or_critical_violation_in_either_scheme(site_url, visit, path):
    """One visit per page: it opens in the reader's system scheme (dark here), then the palette toggle switches it to
    light. Every request counts, the theme's own too (it fetches each edition's sitemap.xml for its language
    selector): a failed one is a fault of the site."""
    opened = visit("dark")
    response = opened.page.goto(urljoin(site_url, path))
    opened.page.wait_for_load_state("networkidle")
    assert response.status == 200, path
    assert opened.page.get_attribute("html", "lang") == ("zh-Hans" if path.startswith("zh/") else "en")
    assert opened.page.get_attribute("body", "data-md-color-scheme") == "slate", "the system's dark preference"
    open_everything(opened.page)
    # A notebook cell clips what overflows it, so a display equation wider than the text column loses its end.
    clipped = opened.page.evaluate("""() => [...document.querySelectorAll('article math[display=block]')]
        .filter(math => math.scrollWidth > math.closest('.jp-RenderedMarkdown, article').clientWidth + 1)
        .map(math => (math.querySelector('annotation') || math).textContent.slice(0, 80))""")
    assert clipped == [], f"{path}: display math wider than the text column, its end cut off: {clipped}"
    failures = axe_failures(opened.page, path, "dark", {"type": "rule", "values": COLOUR_RULES})
    switch_colour_scheme(opened.page, "default")
    failures += axe_failures(opened.page, path, "light", {"type": "tag", "values": WCAG_AA_TAGS})
    assert failures == [], ("axe-core found serious or critical WCAG 2.1 A/AA violations (in code, one token of "
                            "each colour combination is checked and named):\n" + "\n".join(failures))
    assert opened.console_errors == [], f"{path}: {opened.console_errors}"
    assert opened.foreign_requests == [], f"{path}: {opened.foreign_requests}"
    assert opened.failed_responses == [], f"{path}: {opened.failed_responses}"


def test_code_colour_sampling_checks_a_token_of_every_colour_and_skips_only_repeats(site_url, visit):
    """The contrast rule's sample covers every text colour the page's code shows, axe checks each sampled token, and
    the only elements it leaves out are repeats inside sampled code blocks."""
    opened = visit()
    opened.page.goto(urljoin(site_url, "lessons/09_binary_classification/"))
    opened.page.evaluate(SAMPLE_CODE_COLOURS)  # with the solution folded: hidden tokens cannot stand for others
    assert opened.page.evaluate("() => [...document.querySelectorAll('[data-axe-sample]')].every(token => "
                                "token.checkVisibility())")
    open_everything(opened.page)
    counts = opened.page.evaluate(SAMPLE_CODE_COLOURS)
    assert counts["sampled"] >= 5 and counts["skipped"] > 10 * counts["sampled"], counts
    # The text colours of leaf elements with a letter or digit (what axe checks), in all code and in the sample.
    colours = opened.page.evaluate(r"""() => [document.querySelectorAll('.highlight-ipynb *'),
                                              document.querySelectorAll('[data-axe-sample]')]
        .map(elements => new Set([...elements]
            .filter(element => !element.children.length && /[\p{L}\p{N}]/u.test(element.textContent))
            .map(element => getComputedStyle(element).color)).size)""")
    assert colours[0] == colours[1], colours
    opened.page.evaluate(AXE_SCRIPT)
    checked = opened.page.evaluate("""async context => {
        const results = await axe.run(context, {runOnly: {type: 'rule', values: ['color-contrast']}, elementRef: true,
                                                resultTypes: ['passes', 'violations', 'incomplete']});
        const nodes = ['passes', 'violations', 'incomplete'].flatMap(kind => results[kind])
            .flatMap(rule => rule.nodes.map(node => node.element));
        return {samples: nodes.filter(node => node.hasAttribute('data-axe-sample')).length,
                repeats: nodes.filter(node => node.closest('[data-axe-sampled]')
                                              && !node.hasAttribute('data-axe-sample')).length,
                elsewhere: nodes.filter(node => !node.closest('[data-axe-sampled]')).length};
    }""", SAMPLED_CONTEXT)
    assert checked["samples"] == counts["sampled"] and checked["repeats"] == 0, (checked, counts)
    assert checked["elsewhere"] > 100, "the prose and outputs are still checked"


def test_every_scrolling_block_is_reachable_by_keyboard_with_a_visible_focus_ring(site_url, visit):
    """A code or output block wider than its column scrolls sideways: a keyboard reaches it (a tab stop and a
    name) and sees where it is. On a phone's width most code blocks scroll."""
    opened = visit()
    opened.page.set_viewport_size({"width": 390, "height": 844})
    opened.page.goto(urljoin(site_url, "lessons/03_stacking/"))
    opened.page.wait_for_load_state("networkidle")
    unreachable = opened.page.evaluate("""() => [...document.querySelectorAll(
            '.highlight-ipynb, .jp-OutputArea-output pre')]
        .filter(block => block.scrollWidth > block.clientWidth + 1)
        .filter(block => block.tabIndex < 0 || !block.getAttribute('aria-label'))
        .map(block => block.outerHTML.slice(0, 80))""")
    assert unreachable == []
    first_block = opened.page.locator(".highlight-ipynb[tabindex='0']").first
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


FOCUSED = """() => { const element = document.activeElement; const box = element.getBoundingClientRect();
    const seen = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {inDrawer: !!element.closest('.md-sidebar--primary'), download: element.matches('.course-download'),
            inClosedSearch: !!element.closest('.md-search__output') && !document.getElementById('__search').checked,
            menu: element.matches("label[for='__drawer']"), role: element.getAttribute('role'),
            name: element.getAttribute('aria-label'), expanded: element.getAttribute('aria-expanded'),
            href: element.getAttribute('href'), shown: box.width > 0 && !!seen && element.contains(seen),
            text: element.textContent.trim().slice(0, 40)}; }"""


@pytest.mark.parametrize(("edition", "scheme"), [("", "light"), ("zh/", "dark")])
def test_in_a_narrow_window_the_closed_drawer_has_no_tab_stops_and_its_button_opens_a_list_of_every_page(
        site_url, visit, edition, scheme):
    """Below 76.25em the navigation is a drawer. Closed, none of its links is a tab stop (they were about 40 presses
    through links off screen); the menu icon is a button that opens it and puts the focus inside. Open, it is one
    list: every stop in it is in view, every lesson among them, and axe finds nothing serious in it. Shift+Tab from
    its first link returns to the button, Tab past its last link closes it and goes on into the page, and Esc
    closes it and gives the focus back to the button."""
    opened = visit(scheme)
    opened.page.set_viewport_size({"width": 390, "height": 844})
    opened.page.goto(urljoin(site_url, f"{edition}lessons/05_training/"))
    opened.page.wait_for_load_state("networkidle")
    stops = []
    while len(stops) < 20 and not (stops and stops[-1]["download"]):
        opened.page.keyboard.press("Tab")
        stops.append(opened.page.evaluate(FOCUSED))
    assert stops[-1]["download"], f"the download bar is not reached: {[stop['text'] for stop in stops]}"
    assert [stop["text"] for stop in stops if stop["inDrawer"]] == [], "tab stops in the closed drawer"
    assert [stop["text"] for stop in stops if stop["inClosedSearch"]] == [], "tab stops in the closed search"
    [menu] = [stop for stop in stops if stop["menu"]]
    assert menu["role"] == "button" and menu["name"] and menu["expanded"] == "false", menu

    opened.page.locator(".md-header label[for='__drawer']").focus()
    opened.page.keyboard.press("Enter")
    opened.page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary')")
    assert opened.page.get_attribute(".md-header label[for='__drawer']", "aria-expanded") == "true"
    failures = axe_failures(opened.page, f"{edition}lessons/05_training/ (drawer open)", scheme,
                            {"type": "tag", "values": WCAG_AA_TAGS})
    assert failures == [], "\n".join(failures)
    # Shift+Tab from the first link goes back to the button (the hidden search field lies between them).
    opened.page.keyboard.press("Shift+Tab")
    assert opened.page.evaluate(FOCUSED)["menu"] and opened.page.is_checked("#__drawer")
    reached = []
    for _ in range(60):
        opened.page.keyboard.press("Tab")
        stop = opened.page.evaluate(FOCUSED)
        if not stop["inDrawer"]:
            break
        opened.page.wait_for_timeout(50)  # the list scrolls the link into view
        stop = opened.page.evaluate(FOCUSED)
        assert stop["shown"], f"a stop in the open drawer is covered or off screen: {stop}"
        reached.append(stop["href"])
    lessons = {f"../{name}/" for name in LESSONS if name != "05_training"} | {"./"}
    assert lessons <= set(reached), f"lessons the keyboard cannot reach in the drawer: {lessons - set(reached)}"
    # Tab past the last link closes the drawer and goes on into the page.
    assert not opened.page.is_checked("#__drawer")
    opened.page.wait_for_timeout(400)  # the drawer slides out
    stop = opened.page.evaluate(FOCUSED)
    assert stop["shown"] and not stop["inDrawer"], stop

    # Esc closes the drawer wherever the focus is, and gives it to the menu button.
    opened.page.locator(".md-header label[for='__drawer']").focus()
    opened.page.keyboard.press("Enter")
    opened.page.evaluate("() => document.activeElement.blur()")
    opened.page.keyboard.press("Escape")
    assert opened.page.evaluate(FOCUSED)["menu"], "Esc gives the focus back to the menu button"
    assert not opened.page.is_checked("#__drawer")

    # A tap on a table-of-contents entry in the drawer closes it over the heading it jumps to (the theme left it
    # open over the Chinese pages, whose headings' ids it looked up still percent-encoded).
    opened.page.locator(".md-header label[for='__drawer']").click()
    entry = opened.page.locator(".md-sidebar--primary .md-nav--secondary a[href^='#']").nth(1)
    entry.click()
    opened.page.wait_for_timeout(400)  # the theme's own closing, where it happens, is not immediate
    assert not opened.page.is_checked("#__drawer"), f"the drawer stays open after {entry.get_attribute('href')}"
    heading = opened.page.evaluate("() => document.getElementById(decodeURIComponent(location.hash.slice(1)))"
                                   ".getBoundingClientRect().top")
    assert 0 < heading < 844, heading


def test_on_a_phone_the_keyboard_focus_stays_below_the_header_and_a_scrolling_equation_shows_it(site_url, visit):
    """Shift+Tab scrolls the focused element to the window's top edge, where the header that stays on screen hid
    it; and a display equation wider than a phone's column is a tab stop (the browser makes any scrolling box one),
    which had no focus ring. Lesson 09 has such an equation at 320 px, the narrowest phone width in use (at 360 px
    it is now set a little smaller instead: test_pages.py)."""
    opened = visit()
    opened.page.set_viewport_size({"width": 320, "height": 800})
    opened.page.goto(urljoin(site_url, "lessons/09_binary_classification/"))
    opened.page.wait_for_load_state("networkidle")
    for _ in range(120):
        opened.page.keyboard.press("Tab")
        if opened.page.evaluate("() => document.activeElement.matches('math')"):
            break
    ring = opened.page.evaluate("() => [getComputedStyle(document.activeElement).outlineStyle, "
                                "document.activeElement.tagName]")
    assert ring == ["solid", "math"], ring
    header_bottom = opened.page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom")
    for _ in range(8):
        opened.page.keyboard.press("Shift+Tab")
        top, label = opened.page.evaluate("() => [document.activeElement.getBoundingClientRect().top, "
                                          "document.activeElement.outerHTML.slice(0, 80)]")
        assert top >= header_bottom, f"{label} is focused under the header ({top} < {header_bottom})"

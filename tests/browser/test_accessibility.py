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

# Axe's contrast rule spends about 1.6 ms on each text element (3,900 elements and 380 checked texts on lesson 09,
# 2,500 of them code tokens), about 2 s per page and scheme before any sampling. A text's contrast depends only on its
# colour, font size and weight, text shadow and what lies behind it: the backgrounds, background images, pseudo-
# element backgrounds and opacities of it and its ancestors up to the first opaque background. So the rule checks the
# first visible text of each such combination on the page (lesson 09 has about 60) and leaves out the others, which
# would get the same verdict. Text that axe skips anyway (hidden, or with no letter or digit) stands for no other.
SAMPLE_TEXT_COLOURS = r"""() => {
    const FIELDS = 'input:not([type=hidden], [type=radio], [type=checkbox]), select, textarea';
    document.querySelectorAll('[data-axe-sample], [data-axe-sampled]').forEach(element => {
        element.removeAttribute('data-axe-sample'); element.removeAttribute('data-axe-sampled'); });
    const ownText = element => [...element.childNodes].some(node => node.nodeType === 3
                                                                  && /[\p{L}\p{N}]/u.test(node.textContent));
    const layersOf = new Map();
    const backdrop = element => {
        if (!element) return '';
        if (layersOf.has(element)) return layersOf.get(element);
        const style = getComputedStyle(element);
        const layers = [];
        if (style.opacity !== '1') layers.push(`opacity ${style.opacity}`);
        for (const pseudo of ['::before', '::after']) {
            const drawn = getComputedStyle(element, pseudo);
            if (drawn.content !== 'none' && (drawn.backgroundImage !== 'none' || !/^rgba\(.*, 0\)$/.test(
                    drawn.backgroundColor))) layers.push(`${pseudo} ${drawn.backgroundColor} ${drawn.backgroundImage}`);
        }
        const colour = style.backgroundColor;
        const transparent = colour === 'transparent' || /^rgba\(.*, 0\)$/.test(colour);
        if (!transparent || style.backgroundImage !== 'none') layers.push(`${colour} ${style.backgroundImage}`);
        const opaque = style.backgroundImage === 'none' && !transparent && !colour.startsWith('rgba')
                       && style.opacity === '1';
        const result = layers.join(' ') + (opaque ? '' : ' over ' + backdrop(element.parentElement));
        layersOf.set(element, result);
        return result;
    };
    const seen = new Set();
    let sampled = 0, skipped = 0;
    for (const element of document.body.querySelectorAll('*')) {
        // axe checks no hidden text (a folded solution, a closed menu) and no text without a letter or digit (a
        // bracket), but every text field.
        if (!(ownText(element) || element.matches(FIELDS))
            || !element.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
        const style = getComputedStyle(element);
        const key = [style.color, style.fontSize, style.fontWeight, style.textShadow, backdrop(element)].join(' | ');
        if (seen.has(key)) {
            element.setAttribute('data-axe-sampled', '');
            skipped += 1;
        } else {
            seen.add(key);
            element.setAttribute('data-axe-sample', '');
            sampled += 1;
        }
    }
    return {sampled, skipped};
}"""
# Only the samples, and of what lies inside them (a link in a sampled paragraph) the repeats left out: axe takes an
# element as in or out of the check by the nearest of it and its ancestors that the context names. (Naming the whole
# page and excluding every repeat costs axe twice the time, in resolving the context alone.)
SAMPLED_CONTEXT = {"include": [["[data-axe-sample]"]], "exclude": [["[data-axe-sample] [data-axe-sampled]"]]}


AXE_SCRIPT = Axe().axe_script  # axe-core's source, as the pinned package bundles it


def run_axe(page, options: dict, context: dict | None = None) -> dict:
    """axe-core's results for the page as it is now. Its 500 KB script is injected once per page load, not once per
    run (the audit runs it up to four times on a page)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate("([context, options]) => axe.run(context || document, options)", [context, options])


def axe_failures(page, path: str, scheme: str, run_only: dict) -> list[str]:
    """The serious and critical violations axe-core finds on the page as it is now, described for a person:
    ``run_only`` (axe's option: WCAG tags, or rule ids) in one run, then its contrast rule on the sampled text."""
    contrast_checked = run_only["type"] == "tag" or "color-contrast" in run_only["values"]
    if run_only["type"] == "rule":
        run_only = {"type": "rule", "values": [rule for rule in run_only["values"] if rule != "color-contrast"]}
    violations = []
    if run_only["values"]:
        options = {"runOnly": run_only, "rules": {"color-contrast": {"enabled": False}}, "resultTypes": ["violations"]}
        violations += run_axe(page, options)["violations"]
    if contrast_checked:
        page.evaluate(SAMPLE_TEXT_COLOURS)
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


def test_contrast_sampling_checks_one_text_of_every_colour_combination_and_leaves_out_only_repeats(site_url, visit):
    """Of every text that axe's contrast rule checks on the whole page, the sample holds one of each combination of
    colour, size, weight, shadow and backdrop; axe checks every sample and no repeat; every other checked text is
    a repeat of a sample."""
    opened = visit()
    opened.page.goto(urljoin(site_url, "lessons/09_binary_classification/"))
    opened.page.evaluate(SAMPLE_TEXT_COLOURS)  # with the solution folded: hidden text cannot stand for others
    assert opened.page.evaluate("() => [...document.querySelectorAll('[data-axe-sample]')].every(element => "
                                "element.checkVisibility())")
    open_everything(opened.page)
    counts = opened.page.evaluate(SAMPLE_TEXT_COLOURS)
    assert counts["sampled"] >= 20 and counts["skipped"] > 10 * counts["sampled"], counts
    opened.page.evaluate(AXE_SCRIPT)
    checked = opened.page.evaluate(r"""async sampledContext => {
        const checkedBy = async context => {
            const results = await axe.run(context, {runOnly: {type: 'rule', values: ['color-contrast']},
                elementRef: true, resultTypes: ['passes', 'violations', 'incomplete']});
            return ['passes', 'violations', 'incomplete'].flatMap(kind => results[kind])
                .flatMap(rule => rule.nodes.map(node => node.element));
        };
        const looks = element => { const style = getComputedStyle(element);
            return [style.color, style.fontSize, style.fontWeight].join(' '); };
        const hasText = element => element.matches('input, select, textarea') || [...element.childNodes].some(
            node => node.nodeType === 3 && /[\p{L}\p{N}]/u.test(node.textContent));
        const everything = await checkedBy(document);
        const sampled = await checkedBy(sampledContext);
        return {
            everything: everything.length,
            samples: sampled.filter(element => element.hasAttribute('data-axe-sample')).length,
            repeats: sampled.filter(element => element.hasAttribute('data-axe-sampled')).length,
            unmarked: everything.filter(element => hasText(element) && !element.hasAttribute('data-axe-sample')
                                        && !element.hasAttribute('data-axe-sampled'))
                .map(element => element.outerHTML.slice(0, 100)),
            looks: [new Set(everything.map(looks)).size, new Set(sampled.map(looks)).size],
        };
    }""", SAMPLED_CONTEXT)
    assert checked["samples"] == counts["sampled"] and checked["repeats"] == 0, (checked, counts)
    assert checked["unmarked"] == [], "texts the contrast rule checks that the sample neither holds nor repeats"
    assert checked["looks"][0] == checked["looks"][1], checked["looks"]
    assert checked["everything"] > 10 * checked["samples"], checked


def test_the_sampled_contrast_check_finds_pale_text_in_the_prose_and_the_table_of_contents(site_url, visit):
    opened = visit()
    opened.page.goto(urljoin(site_url, "lessons/03_stacking/"))
    opened.page.evaluate("""() => {
        const paragraphs = document.querySelectorAll('article p');
        paragraphs[paragraphs.length - 1].insertAdjacentHTML('beforeend', ' <span style="color: #c8c8c8">pale</span>');
        document.querySelector('.md-sidebar--secondary a').style.color = '#d0d0d0'; }""")
    failures = axe_failures(opened.page, "lessons/03_stacking/", "light", {"type": "rule", "values": COLOUR_RULES})
    assert len(failures) == 1 and failures[0].startswith("color-contrast (serious)") and "2 element(s)" in failures[0]
    assert "pale</span>" in failures[0] and "md-nav__link" in failures[0], failures[0]


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

"""The theme's stylesheets are cut to what the built site can use, pages link to the cuts, nothing in use is lost."""

from __future__ import annotations

from pathlib import Path

from course.engine.styles import used_css
from course.engine.theme_css import trim_theme_stylesheets
from tests.engine.test_styles import PAGE

MAIN = ("body{margin:0;color:var(--md-primary-fg-color)}.md-typeset .admonition.note{border:1px}.md-typeset .admonition.abstract{border:2px}"
        ".md-dialog{position:fixed}.md-header[data-md-state=shadow]{box-shadow:none}"
        ":root{--md-code-bg-color:#eee;--md-unused:1px;--md-note-icon:url(x.svg)}"
        ".md-typeset .admonition.note{-webkit-mask-image:var(--md-note-icon)}")
PALETTE = ("[data-md-color-primary=indigo]{--md-primary-fg-color:#3f51b5}"
           "[data-md-color-primary=red]{--md-primary-fg-color:#f00}")
PAGE_HTML = ('<html><head><link rel="stylesheet" href="../assets/stylesheets/main.0123abcd.min.css">'
             '<link rel="stylesheet" href="../assets/stylesheets/palette.4567cdef.min.css">'
             '<link rel="stylesheet" href="../assets/stylesheets/course.css"></head>'
             '<body data-md-color-primary="indigo"><header class="md-header"></header><pre>course.css</pre>'
             '<article class="md-typeset"><div class="admonition note">n</div></article></body></html>')


def site(tmp_path: Path) -> tuple[Path, Path]:
    styles = tmp_path / "assets" / "stylesheets"
    styles.mkdir(parents=True)
    (styles / "main.0123abcd.min.css").write_text(MAIN)
    (styles / "palette.4567cdef.min.css").write_text(PALETTE)
    (styles / "course.css").write_text("/* why */ pre,.md-dialog{background:var(--md-code-bg-color)}.gone{a:b}")
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir()
    (scripts / "bundle.89abcdef.min.js").write_text('function d(){return h("div",{class:"md-dialog md-typeset"})}')
    page = tmp_path / "lesson" / "index.html"
    page.parent.mkdir()
    page.write_text(PAGE_HTML)
    return tmp_path, page


def test_main_keeps_what_pages_and_scripts_use_and_pages_link_to_the_cut(tmp_path):
    root, page = site(tmp_path)
    main, palette = trim_theme_stylesheets(root, [page, root / "404.html"])
    cut = main.read_text()
    assert ".admonition.note{border:1px}" in cut and "abstract" not in cut
    assert ".md-dialog{position:fixed}" in cut  # only a script adds it
    assert "[data-md-state=shadow]" in cut  # Material's scripts set data-md-state
    assert "--md-code-bg-color:#eee" in cut  # course.css reads it
    assert "--md-note-icon" in cut and "--md-unused" not in cut
    html = page.read_text()
    assert main.name in html and palette.name in html and "main.0123abcd.min.css" not in html
    assert main.name.startswith("main.") and main.name.endswith(".cut.min.css")


def test_a_rule_for_a_class_that_only_the_pages_own_script_adds_is_kept(tmp_path):
    """The course's template adds classes from a script written into each page (the language selector's
    ``course-select``); a cut that dropped their rules would undo what the script is for."""
    root, page = site(tmp_path)
    (root / "assets" / "stylesheets" / "course.css").write_text(".course-select .md-header{a:b}.course-other .md-header{a:c}")
    page.write_text(PAGE_HTML.replace("</body>", '<script>el.classList.add("course-select")</script></body>'))
    cuts = trim_theme_stylesheets(root, [page], extra_css=("assets/stylesheets/course.css",))
    [course] = [cut for cut in cuts if cut.name.startswith("course.")]
    assert ".course-select .md-header{a:b}" in course.read_text() and "course-other" not in course.read_text()


def test_palette_keeps_the_colours_the_site_is_set_in(tmp_path):
    root, page = site(tmp_path)
    _, palette = trim_theme_stylesheets(root, [page])
    assert palette.read_text() == "[data-md-color-primary=indigo]{--md-primary-fg-color:#3f51b5}"


def test_the_same_site_gives_the_same_cut_names(tmp_path):
    first = [path.name for path in trim_theme_stylesheets(*_site_and_pages(tmp_path / "a"))]
    second = [path.name for path in trim_theme_stylesheets(*_site_and_pages(tmp_path / "b"))]
    assert first == second


def test_a_site_without_theme_stylesheets_is_left_alone(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<p>plain</p>")
    assert trim_theme_stylesheets(tmp_path, [page]) == []
    assert page.read_text() == "<p>plain</p>"


def test_scripted_classes_keep_rules_only_when_the_rest_of_the_selector_can_exist():
    css = ".md-dialog{a:b}.jp-Cell .md-dialog{c:d}.bp3-x .md-dialog{e:f}"
    assert used_css(css, PAGE, scripted_classes=frozenset({"md-dialog"})) == ".md-dialog{a:b}.jp-Cell .md-dialog{c:d}"


def _site_and_pages(root: Path) -> tuple[Path, list[Path]]:
    root.mkdir()
    built, page = site(root)
    return built, [page]


def test_the_sites_own_stylesheet_is_cut_and_named_by_its_content_too(tmp_path):
    root, page = site(tmp_path)
    cuts = trim_theme_stylesheets(root, [page], ("assets/stylesheets/course.css",))
    course = cuts[-1]
    assert course.name.startswith("course.") and course.name.endswith(".cut.min.css")
    assert course.read_text() == "pre,.md-dialog{background:var(--md-code-bg-color)}"
    html = page.read_text()
    assert f'href="../assets/stylesheets/{course.name}"' in html and "<pre>course.css</pre>" in html


def test_rules_for_scripted_features_the_site_leaves_off_go():
    from course.engine.theme_css import scripted_features_off

    off = scripted_features_off(["content.code.copy"], ["admonition"], ["material/search"], None, None)
    assert off == ("md-annotation", "md-tooltip", "tabbed-", "md-tag", "md-version", "md-source", "mermaid")
    on = scripted_features_off(["content.code.annotate"], ["pymdownx.tabbed"], ["material/tags"], "https://x.y/z",
                               {"provider": "mike"}, ["mermaid"])
    assert on == ()
    css = ".md-dialog{a:b}.md-annotation__index{c:d}"
    assert used_css(css, PAGE, scripted_classes=frozenset({"md-dialog"})) == ".md-dialog{a:b}"


def test_trimming_drops_the_rules_of_features_off(tmp_path):
    root, page = site(tmp_path)
    (root / "assets" / "javascripts" / "bundle.89abcdef.min.js").write_text('h("div",{class:"md-dialog"});'
                                                                           'h("span",{class:"md-annotation"})')
    (root / "assets" / "stylesheets" / "main.0123abcd.min.css").write_text(".md-dialog{a:b}.md-annotation{c:d}")
    main = trim_theme_stylesheets(root, [page], features_off=("md-annotation",))[0]
    assert main.read_text() == ".md-dialog{a:b}"


def test_a_kept_cut_is_copied_without_judging_and_any_change_to_the_pages_judges_again(tmp_path, monkeypatch):
    from course.engine import theme_css

    cache = tmp_path / "cuts"
    root, page = site(tmp_path / "first")
    first = trim_theme_stylesheets(root, [page], ("assets/stylesheets/course.css",), cache_dir=cache)
    assert len(list(cache.glob("*.css"))) == 3

    def judge_again(*args, **kwargs):
        raise AssertionError("a cut with the same inputs is copied from the cache, not judged again")

    with monkeypatch.context() as patched:
        patched.setattr(theme_css, "used_css", judge_again)
        root, page = site(tmp_path / "second")
        second = trim_theme_stylesheets(root, [page], ("assets/stylesheets/course.css",), cache_dir=cache)
    assert [(path.name, path.read_bytes()) for path in second] == [(path.name, path.read_bytes()) for path in first]
    assert first[0].name in page.read_text()

    root, page = site(tmp_path / "third")
    page.write_text(PAGE_HTML.replace('<div class="admonition note">n</div>',
                                      '<div class="admonition abstract">a</div>'))
    main = trim_theme_stylesheets(root, [page], cache_dir=cache)[0]
    assert ".admonition.abstract{border:2px}" in main.read_text() and ".admonition.note" not in main.read_text()


def test_a_damaged_kept_cut_is_judged_again_and_each_stylesheet_keeps_its_newest_cuts(tmp_path):
    from course.engine.theme_css import KEEP_CUTS, clear_theme_cuts

    cache = tmp_path / "cuts"
    root, page = site(tmp_path / "first")
    expected = trim_theme_stylesheets(root, [page], cache_dir=cache)[0].read_bytes()
    kept = next(cache.glob("main-*.css"))
    kept.write_bytes(b".md-dialog{position:fixed}")  # no longer what its name's digest says
    root, page = site(tmp_path / "second")
    assert trim_theme_stylesheets(root, [page], cache_dir=cache)[0].read_bytes() == expected
    for number in range(KEEP_CUTS + 2):
        root, page = site(tmp_path / f"edit{number}")
        page.write_text(PAGE_HTML.replace(">n<", f">{number}<"))
        trim_theme_stylesheets(root, [page], cache_dir=cache)
    assert len(list(cache.glob("main-*.css"))) == KEEP_CUTS and len(list(cache.glob("palette-*.css"))) == KEEP_CUTS
    clear_theme_cuts(cache)
    assert list(cache.glob("*.css")) == []


def test_custom_properties_that_scripts_read_for_a_feature_that_is_off_go(tmp_path):
    root, page = site(tmp_path)
    (root / "assets" / "javascripts" / "bundle.89abcdef.min.js").write_text(
        'getComputedStyle(e).getPropertyValue("--md-mermaid-font-family");x.style("--md-code-bg-color")')
    (root / "assets" / "stylesheets" / "main.0123abcd.min.css").write_text(
        ":root>*{--md-mermaid-font-family:sans-serif;--md-code-bg-color:#eee}")
    off = trim_theme_stylesheets(root, [page], features_off=("mermaid",))[0].read_text()
    assert off == ":root>*{--md-code-bg-color:#eee}"
    root, page = site(tmp_path / "on")
    (root / "assets" / "javascripts" / "bundle.89abcdef.min.js").write_text(
        'getComputedStyle(e).getPropertyValue("--md-mermaid-font-family")')
    (root / "assets" / "stylesheets" / "main.0123abcd.min.css").write_text(":root>*{--md-mermaid-font-family:serif}")
    assert trim_theme_stylesheets(root, [page])[0].read_text() == ":root>*{--md-mermaid-font-family:serif}"


def test_a_build_that_changed_one_page_parses_that_page_alone_and_cuts_as_a_fresh_judgement_would(tmp_path,
                                                                                                  monkeypatch):
    from course.engine import site_index

    parsed = []
    real_soup = site_index.BeautifulSoup
    monkeypatch.setattr(site_index, "BeautifulSoup",
                        lambda html, parser: parsed.append(html) or real_soup(html, parser))
    cache = tmp_path / "cuts"
    other = PAGE_HTML.replace('<div class="admonition note">n</div>', "<p>other</p>")
    root, page = site(tmp_path / "first")
    (root / "other.html").write_text(other)
    trim_theme_stylesheets(root, [page, root / "other.html"], cache_dir=cache)
    assert len(parsed) == 2

    parsed.clear()
    edited = PAGE_HTML.replace('<div class="admonition note">n</div>', '<div class="admonition abstract">a</div>')
    root, page = site(tmp_path / "second")
    page.write_text(edited)
    (root / "other.html").write_text(other)
    main = trim_theme_stylesheets(root, [page, root / "other.html"], cache_dir=cache)[0].read_text()
    assert parsed == [edited], "the unchanged page is judged from what the first build learned"

    root, page = site(tmp_path / "fresh")
    page.write_text(edited)
    (root / "other.html").write_text(other)
    assert main == trim_theme_stylesheets(root, [page, root / "other.html"])[0].read_text()
    assert ".admonition.abstract{border:2px}" in main and ".admonition.note" not in main

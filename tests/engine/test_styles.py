"""The notebook stylesheet is cut to the rules a page can use, and nothing a page uses is lost."""

from __future__ import annotations

from bs4 import BeautifulSoup

from course.engine.styles import used_css

PAGE = BeautifulSoup(
    '<div class="jupyter-wrapper"><div class="jp-Cell"><pre class="out">x</pre>'
    '<a href="#">link</a></div><table class="dataframe"><tr><td>1</td></tr></table></div>',
    "html.parser",
)


def test_rules_for_absent_elements_are_dropped_and_present_ones_kept():
    css = (".jupyter-wrapper .jp-Cell{margin:0}.jupyter-wrapper .bp3-button{color:red}"
           ".jp-Toolbar,.jp-Cell pre{padding:1px}")
    assert used_css(css, PAGE) == ".jupyter-wrapper .jp-Cell{margin:0}.jp-Cell pre{padding:1px}"


def test_interaction_states_and_both_colour_schemes_keep_their_rules():
    css = ("a:hover{color:red}.jp-Cell::before{content:''}.jp-Toolbar:hover{color:blue}"
           "[data-md-color-scheme=slate] table.dataframe{color:white}[data-md-color-scheme=slate] .bp3-dark{x:y}")
    kept = used_css(css, PAGE)
    assert "a:hover{color:red}" in kept and ".jp-Cell::before" in kept
    assert "[data-md-color-scheme=slate] table.dataframe{color:white}" in kept
    assert "jp-Toolbar" not in kept and "bp3-dark" not in kept


def test_states_in_a_selector_list_an_opened_details_and_script_filled_results_keep_their_rules():
    page = BeautifulSoup('<a class="md-button" href="#">get</a><details><summary>Solution</summary></details>'
                         '<div class="md-search-result"></div>', "html.parser")
    css = (".md-button:is(:hover, :focus-visible){color:#fff}details[open]>summary:after{transform:rotate(90deg)}"
           ".md-search-result .md-typeset h1{font-size:1em}.md-search-result mark{color:red}"
           ".bp3-button:is(:hover){color:blue}")
    kept = used_css(css, page)
    assert ".md-button:is(:hover, :focus-visible){color:#fff}" in kept
    assert "details[open]>summary:after" in kept
    assert ".md-search-result .md-typeset h1" in kept and ".md-search-result mark" in kept
    assert "bp3-button" not in kept


def test_only_custom_properties_in_use_survive_including_those_used_through_others():
    css = (".jupyter-wrapper{--jp-unused:1px;--jp-base:2px;--jp-derived:calc(var(--jp-base) * 2)}"
           ".jp-Cell{padding:var(--jp-derived)}")
    kept = used_css(css, PAGE)
    assert "--jp-derived" in kept and "--jp-base:2px" in kept and "--jp-unused" not in kept


def test_media_queries_are_trimmed_inside_and_dropped_when_empty():
    css = "@media print{.jp-Cell{color:black}.jp-Toolbar{display:none}}@media (max-width:10px){.bp3-x{a:b}}"
    assert used_css(css, PAGE) == "@media print{.jp-Cell{color:black}}"


def test_keyframes_only_when_a_kept_rule_animates_with_them():
    css = ("@keyframes spin{to{transform:rotate(1turn)}}@keyframes fade{to{opacity:0}}"
           ".jp-Cell{animation:spin 1s}.bp3-x{animation:fade 1s}")
    kept = used_css(css, PAGE)
    assert "@keyframes spin" in kept and "fade" not in kept


def test_a_selector_the_matcher_cannot_read_is_kept():
    css = ".jp-Cell:unknown-state(3){color:red}.jp-Cell:not(:hover)>pre{color:blue}"
    kept = used_css(css, PAGE)
    assert "unknown-state" in kept and ":not(:hover)>pre" in kept


def test_important_declarations_stay_important():
    assert used_css(".jp-Cell{color:red !important}", PAGE) == ".jp-Cell{color:red!important}"


def test_a_selector_is_judged_by_the_elements_its_last_compound_names_as_by_a_full_search():
    page = BeautifulSoup('<div class="a"><pre class="x">1</pre></div><p title="t"><span>2</span></p>', "html.parser")
    css = ".a > pre.x{color:red}.b pre.x{color:blue}p>span{margin:0}div>span{padding:0}[title] span{top:0}" \
          "[title] b{left:0}"
    kept = used_css(css, page)
    assert "color:red" in kept and "margin:0" in kept and "top:0" in kept
    assert "color:blue" not in kept and "padding:0" not in kept and "left:0" not in kept
    assert used_css(css, page) == kept  # the stylesheet is read once and reused untouched


def test_stylesheets_read_piece_by_piece_give_what_their_joined_text_gives():
    closed = [".jp-Cell{color:red}", "@media print{.jp-Cell pre{margin:0}}", "a{padding:1px}"]
    assert used_css(closed, PAGE) == used_css("\n".join(closed), PAGE) == (
        ".jp-Cell{color:red}@media print{.jp-Cell pre{margin:0}}a{padding:1px}")
    # Pieces that leave a comment, a block or a selector open change how the next piece is read.
    for opener in ("/* a comment", ".jp-Cell{color:red", ".bp3-x,", '.jp-Cell{content:"x'):
        pieces = [opener, ".jp-Cell pre{margin:0}", "a{padding:1px}"]
        assert used_css(pieces, PAGE) == used_css("\n".join(pieces), PAGE)
    assert "margin" not in used_css(["/* a comment", ".jp-Cell pre{margin:0}"], PAGE)
    for opener in ("/* a comment", ".jp-Cell{color:red", ".bp3-x,"):  # the last piece: nothing follows it
        pieces = [".jp-Cell pre{margin:0}", opener]
        assert used_css(pieces, PAGE) == used_css("\n".join(pieces), PAGE)

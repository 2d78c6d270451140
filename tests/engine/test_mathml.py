"""Math is typeset at build time by the site's KaTeX copy, as MathML carrying its TeX for screen readers."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from course.engine.mathml import KatexTypesetter, MathError, typeset_html, typeset_math
from tests.conftest import PROJECT_ROOT

KATEX = PROJECT_ROOT / "docs" / "assets" / "katex" / "katex.min.js"
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js runs KaTeX at build time")


def recording_typeset(calls):
    def typeset(expressions):
        calls.append(expressions)
        return [f"<math data-tex='{tex}' data-display='{display}'></math>" for tex, display in expressions]
    return typeset


def test_inline_and_display_math_in_markdown_cells_only():
    soup = BeautifulSoup('<div class="jp-MarkdownOutput"><p>a $x^2$ b &lt; c</p><p>$$ y = xW $$</p>'
                         '<p><code>$not math$</code></p></div><pre>$ echo $HOME</pre>', "html.parser")
    calls = []
    assert typeset_math(soup, recording_typeset(calls)) == 2
    assert calls == [[("x^2", False), ("y = xW", True)]]
    maths = soup.find_all("math")
    assert [(m["data-tex"], m["data-display"]) for m in maths] == [("x^2", "False"), ("y = xW", "True")]
    assert "a " in soup.p.get_text() and " b < c" in soup.p.get_text()
    assert soup.code.get_text() == "$not math$" and soup.pre.get_text() == "$ echo $HOME"


def test_arithmatex_spans_of_hand_written_pages():
    calls = []
    html = typeset_html('<p><span class="arithmatex">\\(a+b\\)</span></p><div class="arithmatex">\\[c\\]</div>',
                        recording_typeset(calls))
    assert calls == [[("a+b", False), ("c", True)]]
    assert html.count("<math") == 2


def test_a_page_without_math_is_returned_unchanged():
    html = "<p>No   math <b>here</b></p>"
    assert typeset_html(html, recording_typeset([])) == html


@needs_node
def test_katex_writes_mathml_with_the_tex_as_annotation():
    inline, display = KatexTypesetter(KATEX)([("W = W_1W_2", False), ("\\frac{a}{b}", True)])
    tree = BeautifulSoup(inline, "html.parser")
    assert tree.find("math") is not None and tree.find("msub") is not None
    assert tree.find("annotation", encoding="application/x-tex").get_text() == "W = W_1W_2"
    assert 'display="block"' in display and "<mfrac>" in display


@needs_node
def test_the_tex_annotation_is_left_out_of_the_search_index():
    html = typeset_html('<div class="jp-MarkdownOutput"><p>So $y = w x + b$.</p></div>', KatexTypesetter(KATEX))
    annotation = BeautifulSoup(html, "html.parser").find("annotation")
    assert annotation.get_text() == "y = w x + b" and annotation.has_attr("data-search-exclude")


@needs_node
@pytest.mark.parametrize(("tex", "text"), [
    ("3^2", "3^2"),  # the MathML's own text read "32"
    ("1 \\cdot (3 - \\frac{1}{2})", "1 ⋅ (3 − 1/2)"),  # and "1⋅(3−12)"
    ("\\frac{1}{n} \\sum_i e_i^2", "1/n ∑_i e_i^2"),
    ("-\\log \\hat{p}", "− log p̂"),
    ("x_{i}^{(n+1)}", "x_i^(n + 1)"),
    ("\\begin{array}{ll} \\text{hidden 1:} & 8 \\cdot 512 \\\\ \\text{output:} & 513 \\end{array}",
     "hidden 1: 8 ⋅ 512; output: 513"),
])
def test_search_reads_a_formula_as_one_line_of_plain_text_and_skips_its_mathml(tex, text):
    html = typeset_html(f'<div class="jp-MarkdownOutput"><p>So ${tex}$.</p></div>', KatexTypesetter(KATEX))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("math").has_attr("data-search-exclude")
    for_search = soup.find("span", class_="course-math-text")
    assert for_search.has_attr("hidden") and for_search.get_text() == text


@needs_node
def test_bad_tex_stops_with_a_sentence_naming_the_expression():
    with pytest.raises(MathError, match=r"The math '\\\\frac\{' cannot be typeset"):
        KatexTypesetter(KATEX)([("\\frac{", False)])


def test_missing_node_is_explained():
    typesetter = KatexTypesetter(KATEX)
    typesetter.node = None
    with pytest.raises(MathError, match="needs Node.js"):
        typesetter([("x", False)])

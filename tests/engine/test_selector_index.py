"""The page index's shortcuts give the answer a full search of the page gives, only sooner."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from course.engine.selector_index import PageIndex, split_last

PAGE = BeautifulSoup(
    '<div class="wrapper" dir="ltr"><div class="highlight"><pre><span class="n">x</span><span class="o">=</span>'
    '<span class="mi">1</span></pre></div><table><tr><td><p>a</p><b>b</b></td></tr></table>'
    '<div class="arithmatex">t</div><ul class="typeset"><li>one</li><li><code>two</code></li></ul></div>',
    "html.parser",
)
SELECTORS = [
    ".wrapper .highlight :is(.n, .nn)", ".wrapper .highlight :is(.ne, .err)", "pre span:is(.mi, .o)",
    "pre :where(.gr, .gt)", "table th>:first-child", "table td>:first-child", "table td>:last-child",
    ".wrapper table:not([class]) td>*", "div.arithmatex>*", "td>p+*", "td>b+*", "td>p~*", "li:first-child~li",
    ":root>*", ":root", ".wrapper :root", "[dir=ltr] .typeset li", "[dir=rtl] .typeset li", "[lang] li",
    "[hidden]", ".typeset li code", ".typeset ol li", "svg", ".wrapper *", "td :is(.n, p)", "li:not(td)",
    ":is(td, th)>p", ".wrapper>:is(.highlight, .x)", "table:not(.a .b) td", ".highlight>pre>.o+.mi",
    ".highlight .o+.n", "div:has(> table) ul", "[dir='ltr'] pre", "li:nth-child(2n+1)>code", "li:nth-child(2)>code",
]


@pytest.mark.parametrize("selector", SELECTORS)
def test_the_index_answers_as_a_search_of_every_element_does(selector):
    assert PageIndex(PAGE).any_match(selector) == (PAGE.select_one(selector) is not None)


def test_a_selector_naming_a_tag_or_attribute_the_page_lacks_is_answered_without_a_search(monkeypatch):
    index = PageIndex(PAGE)
    monkeypatch.setattr(index, "candidates", lambda selector: pytest.fail(f"searched for {selector}"))
    assert not index.any_match("table th>:first-child")
    assert not index.any_match(".typeset [hidden] li")


def test_candidates_are_few_for_class_lists_and_for_children_of_a_named_element():
    index = PageIndex(PAGE)
    assert [element.name for element in index.candidates(":is(.n, .mi, .absent)")] == ["span", "span"]
    assert [element.name for element in index.candidates("div.arithmatex>*")] == []
    assert [element.name for element in index.candidates("td>*")] == ["p", "b"]
    assert [element.name for element in index.candidates(":root>*")] == ["div", "table", "div", "ul"]
    assert index.candidates(".wrapper *") is None  # every element: left to soupsieve's own search


def test_the_last_compound_is_what_the_element_itself_must_be():
    assert split_last(".a > div pre.x:not(.y z)")[2] == "pre.x:not(.y z)"
    assert split_last("li:nth-child(2n+1)")[2] == "li:nth-child(2n+1)"
    assert split_last("a [title='p q']")[2] == "[title='p q']"
    assert split_last(".a>.b")[2] == ".b"


def test_a_selector_soupsieve_cannot_read_still_raises():
    with pytest.raises(Exception):
        PageIndex(PAGE).any_match("table th:unknown-state(3)")


MANY = BeautifulSoup(
    '<main dir="ltr"><nav class="nav"><ul class="list">' + '<li class="item"><a class="link">x</a></li>' * 20
    + '</ul></nav><h2 class="head">h</h2><section class="body">' + '<p><a class="link">y</a></p>' * 20
    + '</section><div class="nav"><div class="nav"><a class="link">z</a></div></div></main>',
    "html.parser",
)


@pytest.mark.parametrize("selector", [
    ".nav .list .link", ".nav .body .link", ".head + .body .link", ".head ~ .body p > .link", ".list + .body .link",
    "[dir=ltr] .nav .link", "[dir=rtl] .nav .link", "main > .body .link", "nav > .body .link", "section .item .link",
    ".nav .nav .link", ".nav .nav .nav .link", "li > .link", "p > .link", "[dir] > .body > p > .link",
])
def test_elements_outside_the_ancestors_a_selector_names_are_ruled_out_as_a_full_search_would(selector):
    assert PageIndex(MANY).any_match(selector) == (MANY.select_one(selector) is not None)

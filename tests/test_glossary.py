"""The glossary as built, in both editions: each term links to the lesson section that explains it, and the Chinese
page is the English one entry by entry, each twin leading to the same section of the Chinese lesson."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import Tag

from tests.conftest import PROJECT_ROOT
from tests.helpers import built_page as page
from tests.helpers import resolve

pytestmark = pytest.mark.slow

EDITIONS = {"en": "", "zh": "zh/"}
HEADINGS = "article h2[id], article h3[id]"
SEARCH_TERMS = PROJECT_ROOT / "docs" / "zh" / "search_terms.txt"


def entries(site: Path, edition: str) -> list[tuple[str, Tag]]:
    """The glossary's (term, meaning) pairs in page order."""
    terms = page(site, EDITIONS[edition] + "glossary/").select("article dl > dt")
    return [(term.get_text().strip(), term.find_next_sibling("dd")) for term in terms]


def lesson_links(meaning: Tag) -> list[tuple[str, str]]:
    """The lesson pages (``lessons/NN_name/``) and section ids that a meaning's links lead to, in order."""
    found = []
    for link in meaning.select("a[href]"):
        target, _, anchor = link["href"].partition("#")
        lesson = resolve("glossary/", target)
        if lesson.startswith("lessons/"):
            found.append((lesson, anchor))
    assert found, f"no link to a lesson in {meaning.get_text(' ', strip=True)!r}"
    return found


def section_position(site: Path, edition: str, lesson: str, anchor: str) -> int:
    """Where section ``anchor`` comes among the lesson page's headings; fails when the page has no such section."""
    ids = [heading["id"] for heading in page(site, EDITIONS[edition] + lesson).select(HEADINGS)]
    assert anchor in ids, f"{EDITIONS[edition]}{lesson} has no section #{anchor}; its sections: {ids}"
    return ids.index(anchor)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_term_links_to_an_existing_section_of_a_lesson_in_its_own_edition(built_site, edition):
    found = entries(built_site, edition)
    assert len(found) >= 20, f"the glossary lists {len(found)} terms"
    for term, meaning in found:
        assert meaning is not None and meaning.get_text(strip=True), f"{term!r} has no meaning"
        for lesson, anchor in lesson_links(meaning):
            assert (built_site / EDITIONS[edition] / lesson / "index.html").is_file(), (term, lesson)
            section_position(built_site, edition, lesson, anchor)


def test_the_chinese_glossary_is_the_english_one_entry_by_entry(built_site):
    """Same terms in the same order, each Chinese term naming its English one, and each pair linking the same
    sections (the headings at the same places) of the same lessons, each in its own edition."""
    english, chinese = entries(built_site, "en"), entries(built_site, "zh")
    assert len(chinese) == len(english), ([term for term, _ in english], [term for term, _ in chinese])
    for (term, meaning), (twin, twin_meaning) in zip(english, chinese):
        named = re.fullmatch(r"(?P<chinese>[^（]+)（(?P<english>[^）]+)）", twin)
        assert named and re.search(r"[\u4e00-\u9fff]", named["chinese"]), f"{twin!r}: 中文术语（English term）"
        assert named["english"].lower() == term.lower(), (term, twin)
        links, twin_links = lesson_links(meaning), lesson_links(twin_meaning)
        assert [lesson for lesson, _ in twin_links] == [lesson for lesson, _ in links], (term, links, twin_links)
        for (lesson, anchor), (_, twin_anchor) in zip(links, twin_links):
            assert (section_position(built_site, "zh", lesson, twin_anchor)
                    == section_position(built_site, "en", lesson, anchor)), (term, anchor, twin_anchor)


def test_the_chinese_glossary_defines_every_term_the_chinese_search_keeps_whole(built_site):
    """docs/zh/search_terms.txt lists the course's terms for the search's word splitting: each is one of the names a
    glossary entry gives (线性单元、神经元 gives two), or the word a named term is built on (交叉熵 in 二元交叉熵)."""
    listed = [line.split()[0] for line in SEARCH_TERMS.read_text(encoding="utf-8").splitlines() if line.strip()]
    names = {name for term, _ in entries(built_site, "zh") for name in term.split("（")[0].split("、")}
    assert [term for term in listed if not any(term == name or name.endswith(term) for name in names)] == []


def test_the_english_name_of_each_chinese_term_is_marked_english(built_site):
    """A screen reader reads "（activation function）" with an English voice, the Chinese term with the page's."""
    terms = page(built_site, "zh/glossary").select("article dl > dt")
    unmarked = [term.get_text() for term in terms if not term.select_one("span[lang=en]")]
    assert terms and unmarked == []

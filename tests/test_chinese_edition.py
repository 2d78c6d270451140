"""The Simplified Chinese edition as built: every page, in Chinese, around the English build's own outputs."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import pytest
from bs4 import BeautifulSoup

from course.engine.downloads import has_solutions
from course.engine.sources import read_tutorial
from tests.conftest import PUBLISHED_PATH, TUTORIALS
from tests.helpers import built_page as page
from tests.helpers import resolve

pytestmark = pytest.mark.slow

LESSONS = sorted(path.stem for path in TUTORIALS.glob("*.py"))
TRANSLATIONS = TUTORIALS / "zh"
HAN = re.compile(r"[\u4e00-\u9fff]")
PAGES = ["", "about/", "glossary/", "execution-times/", *(f"lessons/{name}/" for name in LESSONS)]


def selector_links(soup: BeautifulSoup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in soup.select("a.md-select__link")}


def test_every_lesson_has_a_translation_with_the_english_code():
    missing = [f"tutorials_src/zh/{name}.py" for name in LESSONS if not (TRANSLATIONS / f"{name}.py").is_file()]
    assert missing == []


@pytest.mark.parametrize("path", PAGES)
def test_every_page_of_the_chinese_edition_is_marked_simplified_chinese(built_site, path):
    """zh-Hans, not the theme's plain zh, which says nothing of the script; the English page stays en."""
    soup = page(built_site / "zh", path)
    assert soup.html["lang"] == "zh-Hans"
    assert page(built_site, path).html["lang"] == "en"
    assert HAN.search(soup.select_one("article").get_text()), f"/zh/{path} shows no Chinese"


@pytest.mark.parametrize("name", LESSONS)
def test_a_chinese_lesson_page_has_no_empty_prose_cell(built_site, name):
    """Cells that held only a figure's alt comment are gone, not left as blank gaps."""
    cells = page(built_site / "zh", f"lessons/{name}").select(".jp-MarkdownCell")
    assert cells and [cell.get("id") for cell in cells if not cell.get_text(strip=True)] == []


def test_the_chinese_build_executes_nothing_and_follows_the_english_build(built_site):
    log = (built_site / "zh" / "build.log").read_text()
    assert f"Lessons: executed 0 of {len(LESSONS)} ({len(LESSONS)} cached)" in log
    assert re.search(r"Lessons \(zh\): \d+ of \d+ translated.*executed 0", log), log


def test_the_chinese_404_page_speaks_chinese_and_links_within_the_chinese_edition(built_site):
    """Published at PUBLISHED_PATH, the Chinese edition's 404 page links to its own pages and styles, which start
    at PUBLISHED_PATH + "zh/", and its language selector to each edition's home page."""
    soup = BeautifulSoup((built_site / "zh" / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "zh-Hans"
    assert soup.select_one("article h1").get_text() == "找不到这个页面"
    editions = soup.select("a.md-select__link, link[rel=alternate]")
    links = [tag.get("href") or tag.get("src") for tag in soup.select("[href], [src]") if tag not in editions]
    own = [link for link in links if link.startswith("/")]
    assert own and all(link.startswith(f"{PUBLISHED_PATH}zh/") for link in own), own
    assert selector_links(soup) == {"en": PUBLISHED_PATH, "zh-Hans": f"{PUBLISHED_PATH}zh/"}
    assert soup.select_one("article a")["href"].rstrip(".") == f"{PUBLISHED_PATH}zh/"


@pytest.mark.parametrize("path", PAGES)
def test_the_language_selector_leads_to_the_same_page_in_the_other_edition(built_site, path):
    english, chinese = page(built_site, path), page(built_site / "zh", path)
    assert resolve(path, selector_links(english)["zh-Hans"]) == f"zh/{path}"
    assert resolve(f"zh/{path}", selector_links(chinese)["en"]) == path
    assert (built_site / resolve(path, selector_links(english)["zh-Hans"]) / "index.html").is_file()


@pytest.mark.parametrize("name", [path.stem for path in sorted(TRANSLATIONS.glob("*.py"))])
def test_a_translated_lesson_reads_chinese_with_chinese_figure_descriptions(built_site, name):
    soup = page(built_site / "zh", f"lessons/{name}")
    article = soup.select_one("article")
    assert not article.select(".course-untranslated")
    prose = [cell.get_text(" ", strip=True) for cell in article.select(".jp-MarkdownCell")]
    english_only = [text[:80] for text in prose if text and not HAN.search(text) and not text.startswith("$")]
    assert english_only == [], "Markdown cells without a Chinese word"
    figures = article.select("img.course-figure")
    assert figures and all(HAN.search(figure["alt"]) for figure in figures), [f["alt"][:60] for f in figures]
    ids = [heading["id"] for heading in article.find_all(re.compile("^h[1-4]$")) if heading.has_attr("id")]
    assert all(ids) and len(ids) == len(set(ids)), ids
    assert any(HAN.search(heading_id) for heading_id in ids)


@pytest.mark.parametrize("name", [name for name in LESSONS
                                  if has_solutions(read_tutorial(TUTORIALS / f"{name}.py").notebook)])
def test_exercise_feedback_speaks_each_editions_language(built_site, name):
    english = page(built_site, f"lessons/{name}").select(".course-check-label")
    chinese = page(built_site / "zh", f"lessons/{name}").select(".course-check-label")
    assert english and len(english) == len(chinese)
    assert all(not HAN.search(label.get_text()) for label in english)
    assert all(HAN.search(label.get_text()) for label in chinese), [label.get_text() for label in chinese]


def test_the_chinese_learners_copy_turns_on_chinese_feedback(built_site):
    copies = sorted((built_site / "zh" / "downloads").glob("*_learner.ipynb"))
    assert copies
    for copy in copies:
        assert 'set_language(\\"zh\\")' in copy.read_text(encoding="utf-8"), PurePosixPath(copy).name


def test_chinese_home_page_lists_the_lessons_by_their_chinese_titles(built_site):
    table = page(built_site / "zh", "").select_one("article table")
    titles = [link.get_text() for link in table.select("a")]
    expected = [read_tutorial(TRANSLATIONS / f"{name}.py").title if (TRANSLATIONS / f"{name}.py").exists()
                else read_tutorial(TUTORIALS / f"{name}.py").title for name in LESSONS]
    assert titles == expected

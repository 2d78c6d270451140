"""One list of lessons: tutorials_src/. The nav, the home page's table, the README and the lesson tests follow it."""

from __future__ import annotations

import re
from html import unescape

import pytest
from mkdocs.utils.yaml import yaml_load

from course.engine.lesson_index import TABLE_MARKER, check_nav, lesson_names
from course.engine.sources import read_tutorial
from tests.conftest import PROJECT_ROOT, TESTS, TUTORIALS

LESSONS = lesson_names(TUTORIALS)
LESSON_NAME = re.compile(r"\b\d{2}_[a-z0-9]+(?:_[a-z0-9]+)*\b")


def readme_sections() -> dict[str, str]:
    """The README's text by ``## `` heading (the part before the first heading under "")."""
    sections: dict[str, str] = {}
    heading = ""
    for line in (PROJECT_ROOT / "README.md").read_text().splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
        sections[heading] = sections.get(heading, "") + line + "\n"
    return sections


def test_the_nav_lists_every_lesson_source_and_nothing_else_in_order():
    with open(PROJECT_ROOT / "mkdocs.yml", encoding="utf-8") as config:
        nav = yaml_load(config)["nav"]
    assert LESSONS, "tutorials_src/ holds the lessons"
    check_nav(TUTORIALS, nav)  # raises NavError, naming the lesson, when they disagree


@pytest.mark.parametrize("name", LESSONS)
def test_every_lesson_has_its_test_file(name):
    assert (TESTS / "lessons" / f"test_{name}.py").is_file(), (
        f"tests/lessons/test_{name}.py is missing: the README's 'Adding a lesson' says what it tests."
    )


def test_the_home_page_table_is_generated_not_typed():
    home = (PROJECT_ROOT / "docs" / "index.md").read_text()
    assert home.count(TABLE_MARKER) == 1
    typed = sorted(set(LESSON_NAME.findall(home.split("## Run a lesson yourself")[0])))
    assert typed == [], f"the home page names lessons by hand ({typed}); the build writes the table"


def test_the_readme_names_only_lessons_that_exist_and_points_to_the_generated_list():
    sections = readme_sections()
    named = {
        name
        for heading, text in sections.items()
        if heading != "Adding a lesson"  # its example is a lesson you are about to write
        for name in LESSON_NAME.findall(text)
    }
    assert named <= set(LESSONS), f"the README names lessons that tutorials_src/ does not hold: {named - set(LESSONS)}"
    assert "docs/index.md" in "".join(sections.values()) and "tutorials_src/" in sections[""]


@pytest.mark.slow
def test_the_built_home_page_lists_each_lesson_with_its_title_and_description(built_site):
    html = unescape((built_site / "index.html").read_text())
    assert TABLE_MARKER not in html
    for name in LESSONS:
        tutorial = read_tutorial(TUTORIALS / f"{name}.py")
        assert f'href="lessons/{name}/">{tutorial.title}</a>' in html, name
        description = re.sub(r"`([^`]*)`", r"<code>\1</code>", tutorial.description)
        # Math in a description ($y = wx + b$) is typeset as MathML at build time: its TeX stays as an annotation.
        for piece in re.split(r"\$([^$]+)\$", description):
            assert piece.strip() in html, (name, piece)


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["", "zh/"])
def test_each_lesson_page_describes_itself_to_search_engines_with_its_own_description(built_site, edition):
    home = re.search(r'<meta name="description" content="([^"]*)"', (built_site / edition / "index.html").read_text())
    descriptions = set()
    for name in LESSONS:
        page = (built_site / edition / "lessons" / name / "index.html").read_text()
        [content] = re.findall(r'<meta name="description" content="([^"]*)"', page)
        source = TUTORIALS / edition.rstrip("/") / f"{name}.py"
        words = re.findall(r"\w+", read_tutorial(source).description)
        assert re.findall(r"\w+", unescape(content)) == words, (name, content)
        descriptions.add(content)
    assert home and home[1] not in descriptions and len(descriptions) == len(LESSONS)


@pytest.mark.slow
def test_a_source_missing_from_the_nav_stops_the_build_with_one_sentence(tmp_path):
    from tests.test_site_build import GOOD, fixture_site, mkdocs_build

    root = fixture_site(tmp_path, GOOD)
    (root / "tutorials_src" / "02_extra.py").write_text(GOOD.replace("# # Only", "# # Extra"))
    result = mkdocs_build(root)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert ("tutorials_src/02_extra.py is not in mkdocs.yml's nav: add `- lessons/02_extra.ipynb` "
            "under its topic, in number order." in output)
    assert "Traceback" not in output and "executed" not in output, "the check comes before any lesson runs"

"""The one list of lessons: sources checked against the nav, and the home page's table made from their headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.engine.lesson_index import (
    TABLE_MARKER,
    NavError,
    check_nav,
    fill_lesson_table,
    lesson_names,
    meta_description,
    nav_lessons,
    translate_nav_titles,
)
from course.engine.sources import find_tutorials, read_tutorial


def write_lessons(folder: Path, *headers: tuple[str, str, str]) -> Path:
    folder.mkdir()
    for name, title, description in headers:
        (folder / f"{name}.py").write_text(f"# %% [markdown]\n# # {title}\n# {description}\n\n# %%\nprint(1)\n")
    return folder


def nav_of(*names: str) -> list:
    return [{"Home": "index.md"}, {"Lessons": [f"lessons/{name}.ipynb" for name in names]}, "about.md"]


@pytest.fixture
def source_dir(tmp_path) -> Path:
    return write_lessons(tmp_path / "tutorials_src", ("00_intro", "Intro", "Where we start."),
                         ("01_layers", "Layers", "Units | weights."))


def test_nav_lessons_reads_titled_and_untitled_entries_in_order():
    nav = [{"Home": "index.md"}, {"Lessons": ["lessons/01_a.ipynb", {"Second": "lessons/02_b.ipynb"}]},
           {"Times": "execution-times.md"}]
    assert nav_lessons(nav) == ["01_a", "02_b"]


def test_a_nav_that_matches_the_sources_passes(source_dir):
    assert lesson_names(source_dir) == ["00_intro", "01_layers"]
    check_nav(source_dir, nav_of("00_intro", "01_layers"))
    check_nav(source_dir, None)  # no nav: MkDocs lists every page itself


def test_a_lesson_missing_from_the_nav_is_named_with_the_line_to_add(source_dir):
    with pytest.raises(NavError) as raised:
        check_nav(source_dir, nav_of("00_intro"))
    assert str(raised.value) == (
        "tutorials_src/01_layers.py is not in mkdocs.yml's nav: add `- lessons/01_layers.ipynb` "
        "under its topic, in number order."
    )


def test_a_nav_entry_without_a_source_is_named(source_dir):
    with pytest.raises(NavError) as raised:
        check_nav(source_dir, nav_of("00_intro", "01_layers", "02_gone", "03_lost"))
    assert str(raised.value) == (
        "mkdocs.yml's nav lists lessons/02_gone.ipynb and lessons/03_lost.ipynb but tutorials_src/02_gone.py and "
        "tutorials_src/03_lost.py do not exist: add the source or remove the nav line."
    )


def test_lessons_out_of_order_in_the_nav_are_refused(source_dir):
    with pytest.raises(NavError, match=r"out of order: .*\(00_intro, 01_layers\)\.$"):
        check_nav(source_dir, nav_of("01_layers", "00_intro"))


def test_the_marker_becomes_a_table_of_titles_and_description_lines(source_dir):
    page = f"# Home\n\n{TABLE_MARKER}\n\nAfter.\n"
    tutorials = [read_tutorial(path) for path in reversed(find_tutorials(source_dir))]  # in build order
    filled = fill_lesson_table(page, tutorials)
    assert filled == (
        "# Home\n\n"
        "| # | Lesson | What it covers |\n|---|---|---|\n"
        "| 0 | [Intro](lessons/00_intro.ipynb) | Where we start. |\n"
        "| 1 | [Layers](lessons/01_layers.ipynb) | Units \\| weights. |\n"
        "\nAfter.\n"
    )
    assert fill_lesson_table("# No marker here\n", tutorials) == "# No marker here\n"


def test_an_edition_shares_the_english_nav_with_its_titles_translated():
    nav = [{"Home": "index.md"}, {"Layers": ["lessons/01_layers.ipynb", {"Odd": "x.md"}]}, "about.md"]
    titles = {"Home": "首页", "Layers": "层", "Odd": "其他"}
    assert translate_nav_titles(nav, titles) == [{"首页": "index.md"}, {"层": ["lessons/01_layers.ipynb",
                                                                               {"其他": "x.md"}]}, "about.md"]
    with pytest.raises(NavError, match="The nav title 'Odd' has no translation: add 'Odd: ...' under"):
        translate_nav_titles(nav, {"Home": "首页", "Layers": "层"})


def test_a_meta_description_is_the_description_as_plain_escaped_text(tmp_path):
    folder = write_lessons(tmp_path / "src", ("01_a", "A", 'The unit $y = wx + b$ and `Dense(1)`, a "neuron" (see '
                                                            '[lesson 2](02_b.ipynb)) & **why** it learns.'))
    [tutorial] = [read_tutorial(path) for path in find_tutorials(folder)]
    assert meta_description(tutorial) == ("The unit y = wx + b and Dense(1), a &quot;neuron&quot; (see lesson 2) "
                                          "&amp; why it learns.")

"""A translated edition: the translation's prose around the English execution's outputs, nothing executed."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from bs4 import BeautifulSoup

from course.engine.anchors import readable_heading_ids, retarget_toc
from course.engine.downloads import learner_copy, notebook_download_bytes, source_download
from course.engine.outputs import TRANSLATIONS_KEY, choose_language
from course.engine.runner import BuildReport, LessonResult
from course.engine.settings import BuildSettings, SettingsError, read_options
from course.engine.sources import read_tutorial
from course.engine.translations import (
    TranslationError,
    code_lines,
    edition_site_url,
    first_code_difference,
    home_page_links,
    mark_page_language,
    translate_lessons,
    translated_notebook,
    twin_page_links,
)
from course.engine.wording import words
from course.glue import GLUE_PREFIX
from course.plotting.display import figure_bundle

ENGLISH = """# %% [markdown]
# # Lines
# A lesson with a figure and a glued value.

# %%
slope = 2.5

# %% [markdown]
# The slope is {glue:text}`slope:.1f`.

# %%
show_the_line()  # draws it

# %% [markdown]
# That was the line.
"""

CHINESE = """# %% [markdown]
# # 直线
# 一课：一张图和一个粘贴的数值。

# %%
slope = 2.5

# %% [markdown]
# 斜率是 {glue:text}`slope:.1f`。

# %%
show_the_line()  # draws it

# %% [markdown]
# <!-- alt: 一条斜率为 {glue:text}`slope:.1f` 的直线。 -->
# 这就是那条直线。
"""

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def executed(tutorial, *, verdict: bool = False) -> nbformat.NotebookNode:
    """The English lesson as a kernel would leave it: a hidden glued value, a figure, maybe a bilingual verdict."""
    notebook = nbformat.from_dict(nbformat.reads(nbformat.writes(tutorial.notebook), as_version=4))
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    code[0].outputs = [nbformat.v4.new_output(
        "display_data", data={GLUE_PREFIX + "text/plain": "2.5"},
        metadata={"scrapbook": {"name": "slope", "mime_prefix": GLUE_PREFIX}})]
    data, metadata = figure_bundle(PNG, "A line with slope 2.5.")
    code[1].outputs = [nbformat.v4.new_output("display_data", data=data, metadata=metadata)]
    if verdict:
        bundles = {"en": {"text/plain": "Correct: well done."}, "zh": {"text/plain": "正确：做得好。"}}
        code[1].outputs.append(nbformat.v4.new_output(
            "execute_result", data=bundles["en"], metadata={TRANSLATIONS_KEY: bundles}, execution_count=2))
    return notebook


@pytest.fixture
def project(tmp_path: Path):
    english = read_tutorial(write(tmp_path / "tutorials_src", "01_lines.py", ENGLISH))
    settings = BuildSettings.for_project(tmp_path, {"language": "zh"})
    return SimpleNamespace(root=tmp_path, english=english, settings=settings)


def test_the_translation_shows_the_english_outputs_with_its_own_prose_and_descriptions(project):
    chinese = read_tutorial(write(project.settings.translation_dir, "01_lines.py", CHINESE))
    notebook = translated_notebook(project.settings, project.english, chinese, executed(project.english, verdict=True))

    prose = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    assert "斜率是 2.5。" in prose
    assert "<!--" not in prose and "这就是那条直线。" in prose
    figure = next(output for cell in notebook.cells for output in cell.get("outputs", [])
                  if "image/png" in output.get("data", {}))
    assert 'alt="一条斜率为 2.5 的直线。"' in figure.data["text/html"]
    assert figure.metadata["image/png"]["alt"] == "一条斜率为 2.5 的直线。"
    verdict = next(output for cell in notebook.cells for output in cell.get("outputs", [])
                   if output.output_type == "execute_result")
    assert verdict.data == {"text/plain": "正确：做得好。"}
    assert TRANSLATIONS_KEY not in verdict.metadata


def test_a_translation_whose_code_differs_is_refused_naming_the_cell_and_both_lines(project):
    changed = CHINESE.replace("slope = 2.5", "slope = 3.0")
    chinese = read_tutorial(write(project.settings.translation_dir, "01_lines.py", changed))
    message = first_code_difference(project.english, chinese)
    assert message is not None
    assert "01_lines.py" in message and "code cell 1 (line 6)" in message and "01_lines.py (line 6)" in message
    with pytest.raises(TranslationError, match="code cell 1"):
        translated_notebook(project.settings, project.english, chinese, executed(project.english))


def test_a_translation_missing_or_adding_a_code_cell_is_refused(project):
    shorter = CHINESE.split("# %%\nshow_the_line()")[0]
    chinese = read_tutorial(write(project.settings.translation_dir, "01_lines.py", shorter))
    assert "stops after 1 code cells; the English lesson has 2" in first_code_difference(project.english, chinese)
    longer = CHINESE + "\n# %%\nprint('extra')\n"
    chinese = read_tutorial(write(project.settings.translation_dir, "01_lines.py", longer))
    assert "code cell 3" in first_code_difference(project.english, chinese)


def test_comments_are_translated_in_place_and_published_but_code_lines_and_tags_must_match(project):
    spaced = CHINESE.replace("slope = 2.5\n", "slope = 2.5   \n")
    assert first_code_difference(project.english, read_tutorial(
        write(project.settings.translation_dir, "01_lines.py", spaced))) is None
    commented = CHINESE.replace("# draws it", "# 画出直线")
    chinese = read_tutorial(write(project.settings.translation_dir, "01_lines.py", commented))
    assert first_code_difference(project.english, chinese) is None
    notebook = translated_notebook(project.settings, project.english, chinese, executed(project.english))
    assert [cell.source for cell in notebook.cells if cell.cell_type == "code"][1] == "show_the_line()  # 画出直线"

    moved = CHINESE.replace("show_the_line()  # draws it", "# 画出直线\nshow_the_line()")
    assert "differs from code cell 2 of 01_lines.py (line 12), at the cell's line 1" in first_code_difference(
        project.english, read_tutorial(write(project.settings.translation_dir, "01_lines.py", moved)))
    edited = CHINESE.replace("show_the_line()  # draws it", "show_the_line('红')  # 画出直线")
    assert "at the cell's line 1" in first_code_difference(
        project.english, read_tutorial(write(project.settings.translation_dir, "01_lines.py", edited)))
    tagged = CHINESE.replace("# %%\nshow_the_line()", '# %% tags=["hide-input"]\nshow_the_line()')
    assert "in its tags (none in English)" in first_code_difference(
        project.english, read_tutorial(write(project.settings.translation_dir, "01_lines.py", tagged)))


def test_code_lines_take_out_comments_but_keep_hashes_in_strings_and_untokenizable_cells_whole():
    assert code_lines("x = 1  # one\n# a note\ny = '#2'  # two") == ["x = 1", "", "y = '#2'"]
    assert code_lines('text = """\n# not a comment\n"""  # 注释') == ['text = """', "# not a comment", '"""']
    assert code_lines("def broken(:\n    pass  # kept") == ["def broken(:", "    pass  # kept"]


def test_code_lines_take_out_the_text_of_docstrings_but_keep_their_lines_and_every_other_string():
    english = 'def f(x):\n    """Twice ``x``,\n    as a float."""  # why\n    return "twice" and 2.0 * x'
    chinese = 'def f(x):\n    """``x`` 的两倍，\n    浮点数。"""  # 原因\n    return "twice" and 2.0 * x'
    assert code_lines(english) == code_lines(chinese) == [
        "def f(x):", '    """..."""', "", '    return "twice" and 2.0 * x']
    shorter = 'def f(x):\n    """``x`` 的两倍，浮点数。"""\n    return "twice" and 2.0 * x'
    assert code_lines(shorter) != code_lines(english), "the code after a docstring keeps its line numbers"
    assert code_lines('class A:\n    "文档"\n    name = "a"') == ["class A:", '    """..."""', '    name = "a"']
    returned = 'def f(x):\n    """Twice ``x``,\n    as a float."""\n    return "两倍" and 2.0 * x'
    assert code_lines(returned) != code_lines(english), "only a docstring is taken out, not another string"
    # A string opening a cell is no docstring: alone in the cell, it is the cell's output.
    assert code_lines('"shown as the output"') == ['"shown as the output"']


def test_a_figure_without_its_description_stops_the_build_naming_the_cell(project):
    undescribed = CHINESE.replace("# <!-- alt: 一条斜率为 {glue:text}`slope:.1f` 的直线。 -->\n", "")
    chinese = read_tutorial(write(project.settings.translation_dir, "01_lines.py", undescribed))
    with pytest.raises(TranslationError, match=r"line 12 shows 1 figure\(s\) but .* has 0"):
        translated_notebook(project.settings, project.english, chinese, executed(project.english))


def test_translate_lessons_publishes_translations_and_shows_untranslated_lessons_in_english(project):
    second = read_tutorial(write(project.root / "tutorials_src", "02_more.py", ENGLISH.replace("# Lines", "# More")))
    write(project.settings.translation_dir, "01_lines.py", CHINESE)
    results = [LessonResult(tutorial, project.root / f"{tutorial.name}.ipynb", "cached", 1.5,
                            executed=executed(tutorial)) for tutorial in (project.english, second)]
    lines: list[str] = []
    edition = translate_lessons(project.settings, BuildReport(results, 2.0), log=lines.append)

    assert edition.untranslated == ("02_more",)
    first, other = edition.report.results
    assert first.tutorial.title == "直线" and first.notebook_path.parent == project.settings.translation_output_dir
    assert other is results[1]
    assert lines == ["Lessons (zh): 1 of 2 translated, 1 shown in English; executed 0 (every output comes from the "
                     "English build)"]


def test_a_translation_of_no_lesson_is_refused(project):
    write(project.settings.translation_dir, "07_nothing.py", CHINESE)
    results = [LessonResult(project.english, project.root / "x.ipynb", "cached", 1.0, executed=executed(project.english))]
    with pytest.raises(TranslationError, match="07_nothing.py: there is no English lesson tutorials_src/07_nothing.py"):
        translate_lessons(project.settings, BuildReport(results, 1.0), log=lambda line: None)


def test_english_pages_drop_the_other_languages_copies():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("q_1.check()")])
    bundles = {"en": {"text/plain": "Correct"}, "zh": {"text/plain": "正确"}}
    notebook.cells[0].outputs = [nbformat.v4.new_output("execute_result", data=bundles["en"],
                                                        metadata={TRANSLATIONS_KEY: bundles}, execution_count=1)]
    choose_language(notebook, "en")
    assert notebook.cells[0].outputs[0].data == {"text/plain": "Correct"}
    assert notebook.cells[0].outputs[0].metadata == {}


@pytest.mark.parametrize(("language", "url", "selector", "roots"), [
    ("en", "lessons/02_activations/", ("./", "../../zh/lessons/02_activations/"), ("../../", "../../zh/")),
    ("zh", "lessons/02_activations/", ("../../../lessons/02_activations/", "./"), ("../../../", "../../")),
    ("en", "", ("./", "zh/"), ("./", "zh/")),
    ("zh", "", ("../", "./"), ("../", "./")),
])
def test_the_language_selector_leads_to_the_same_page_and_the_head_to_each_editions_root(language, url, selector,
                                                                                         roots):
    """The selector's links keep the reader's place; the head's hreflang links name each edition's root, beside
    which the theme's script fetches that edition's sitemap.xml."""
    page = ('<link rel="alternate" href="./" hreflang="en"><link rel="alternate" href="./zh/" hreflang="zh-Hans">'
            '<a href="./" hreflang="en" class="md-select__link">English</a>'
            '<a href="./zh/" hreflang="zh-Hans" class="md-select__link">中文</a>')
    soup = BeautifulSoup(twin_page_links(page, url, language), "html.parser")
    assert tuple(soup.find("a", hreflang=edition)["href"] for edition in ("en", "zh-Hans")) == selector
    assert all(link["target"] == "_self" for link in soup.find_all("a", class_="md-select__link"))
    assert tuple(soup.find("link", hreflang=edition)["href"] for edition in ("en", "zh-Hans")) == roots


@pytest.mark.parametrize(("site_url", "language", "expected"), [
    (None, "en", None),
    (None, "zh", None),
    ("https://owner.github.io/course/", "en", "https://owner.github.io/course/"),
    ("https://owner.github.io/course/", "zh", "https://owner.github.io/course/zh/"),
    ("https://owner.github.io/course", "zh", "https://owner.github.io/course/zh/"),
    ("https://course.example.org/", "zh", "https://course.example.org/zh/"),
])
def test_each_edition_is_published_at_its_own_address_below_the_sites(site_url, language, expected):
    assert edition_site_url(site_url, language) == expected


@pytest.mark.parametrize(("edition_url", "language", "roots"), [
    ("https://owner.github.io/course/", "en", ("/course/", "/course/zh/")),
    ("https://owner.github.io/course/zh/", "zh", ("/course/", "/course/zh/")),
    ("https://course.example.org/zh/", "zh", ("/", "/zh/")),
    (None, "en", ("/", "/zh/")),
])
def test_the_404_pages_language_links_lead_to_each_editions_home_page(edition_url, language, roots):
    """The 404 page has no twin, and it is served at any depth: its links start at the site's path."""
    base = "/course/zh/" if language == "zh" else "/course/"
    page = (f'<link rel="alternate" href="{base}./" hreflang="en"><link rel="alternate" href="{base}./zh/" '
            f'hreflang="zh-Hans"><a href="{base}./" hreflang="en" class="md-select__link">English</a>'
            f'<a href="{base}./zh/" hreflang="zh-Hans" class="md-select__link">中文</a>')
    soup = BeautifulSoup(home_page_links(page, edition_url, language), "html.parser")
    assert tuple(soup.find("a", hreflang=edition)["href"] for edition in ("en", "zh-Hans")) == roots
    assert tuple(soup.find("link", hreflang=edition)["href"] for edition in ("en", "zh-Hans")) == roots
    assert all(link["target"] == "_self" for link in soup.find_all("a", class_="md-select__link"))


def test_chinese_headings_get_readable_unique_ids_and_the_contents_follow():
    soup = BeautifulSoup('<h1 id="">层<a class="anchor-link" href="#">¶</a></h1><h2 id="">权重</h2>'
                         '<h2 id="">权重</h2><h2 id="a-dense-layer">A `Dense` layer</h2>', "html.parser")
    ids = readable_heading_ids(soup)
    assert [heading["id"] for heading in soup.find_all(["h1", "h2"])] == ["层", "权重", "权重_1", "a-dense-layer"]
    assert soup.find("a", class_="anchor-link")["href"] == "#层"
    toc = [SimpleNamespace(title="层", id="", children=[SimpleNamespace(title="权重", id="_1", children=[]),
                                                         SimpleNamespace(title="权重", id="_2", children=[])])]
    retarget_toc(toc, ids)
    assert [toc[0].id, toc[0].children[0].id, toc[0].children[1].id] == ["层", "权重", "权重_1"]


def test_the_chinese_learners_copy_chooses_chinese_feedback_first():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 练习"),
                                               nbformat.v4.new_code_cell("q_1.check()")])
    copy = learner_copy(notebook, setup=words("zh")["learner.language"])
    assert copy.cells[1].cell_type == "code" and 'set_language("zh")' in copy.cells[1].source
    assert len(learner_copy(notebook).cells) == 2


def test_the_edition_setting_accepts_the_published_languages_only():
    assert read_options({"language": "zh"}) == {"language": "zh"}
    with pytest.raises(SettingsError, match="'course: language: fr' is invalid; it accepts en or zh"):
        read_options({"language": "fr"})
    assert words("fr")["solution"] == "Solution" and words("zh")["solution"] == "参考答案"


ALT_ONLY = CHINESE.replace("# <!-- alt: 一条斜率为 {glue:text}`slope:.1f` 的直线。 -->\n# 这就是那条直线。\n",
                           "# <!-- alt: 一条斜率为 {glue:text}`slope:.1f` 的直线。 -->\n")


def test_a_figures_plain_text_fallback_is_in_the_editions_language(project):
    chinese = read_tutorial(write(project.settings.translation_dir, "01_lines.py", CHINESE))
    notebook = translated_notebook(project.settings, project.english, chinese, executed(project.english))
    figure = next(output for cell in notebook.cells for output in cell.get("outputs", [])
                  if "image/png" in output.get("data", {}))
    assert figure.data["text/plain"] == "（图：一条斜率为 2.5 的直线。）"


def test_a_cell_that_held_only_an_alt_comment_is_neither_published_nor_downloaded(project):
    """The comment moves onto the figure; the cell, left empty, would be a blank gap on the page and in downloads."""
    chinese = read_tutorial(write(project.settings.translation_dir, "01_lines.py", ALT_ONLY))
    notebook = translated_notebook(project.settings, project.english, chinese, executed(project.english))
    executed_bytes = nbformat.writes(notebook).encode("utf-8")
    for published in (notebook, nbformat.reads(notebook_download_bytes(executed_bytes).decode("utf-8"), as_version=4),
                      learner_copy(notebook)):
        assert all(cell.source.strip() for cell in published.cells if cell.cell_type == "markdown")
        assert len(published.cells) == len(chinese.notebook.cells) - 1


SETUP = words("zh")["learner.language"]


def test_the_chinese_full_notebook_and_source_choose_chinese_feedback_first():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 练习"),
                                               nbformat.v4.new_code_cell("q_1.check()")])
    notebook.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="正确：做得好。\n")]
    executed_bytes = nbformat.writes(notebook).encode("utf-8")
    full = nbformat.reads(notebook_download_bytes(executed_bytes, SETUP).decode("utf-8"), as_version=4)
    assert [cell.cell_type for cell in full.cells] == ["markdown", "code", "code"]
    assert 'set_language("zh")' in full.cells[1].source and full.cells[1].outputs == []
    assert full.cells[2].outputs == notebook.cells[1].outputs, "the lesson's outputs are kept"
    nbformat.validate(full)
    assert notebook_download_bytes(executed_bytes) == executed_bytes, "nothing to add: the same bytes"

    script = "# %% [markdown]\n# # 练习\n# 一课。\n\n# %%\nq_1.check()\n"
    source = source_download(script, SETUP)
    assert source.startswith("# %% [markdown]\n# # 练习\n# 一课。\n\n# %%\n# 让练习的检查结果")
    assert source.endswith('set_language("zh")\n\n# %%\nq_1.check()\n')
    assert source_download(script) == script


@pytest.mark.parametrize(("language", "tag"), [("en", "en"), ("zh", "zh-Hans")])
def test_a_page_is_marked_with_its_languages_tag_and_nothing_else_changes(language, tag):
    page = '<!doctype html>\n<html lang="zh" class="no-js"><head></head><body><p lang="zh">文</p></body></html>'
    marked = mark_page_language(page, language)
    assert marked == page.replace('<html lang="zh"', f'<html lang="{tag}"', 1)

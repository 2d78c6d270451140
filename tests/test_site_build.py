"""The MkDocs build as a whole: the real site builds strictly, and a broken lesson fails it with a readable message."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, TUTORIALS
from tests.helpers import built_page

pytestmark = pytest.mark.slow

LESSONS = sorted(path.stem for path in (PROJECT_ROOT / "tutorials_src").glob("*.py"))


def test_build_log_reports_each_lesson_and_a_summary(built_site):
    log = (built_site / "build.log").read_text()
    for name in LESSONS:
        assert f"{name}.py  " in log
    assert f"Lessons: executed " in log and f" of {len(LESSONS)} (" in log


@pytest.mark.parametrize("name", LESSONS)
def test_each_lesson_page_carries_executed_outputs(built_site, name):
    html = (built_site / "lessons" / name / "index.html").read_text()
    assert "jp-OutputArea-output" in html
    assert "data:image/png;base64" not in html, "figures must be published as files"
    assert "<style" not in html.split('<div class="jupyter-wrapper">', 1)[-1], "notebook CSS must be a shared file"
    assert "No description has been provided for this image" not in html
    assert (built_site / "downloads" / f"{name}.ipynb").exists()


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_a_downloaded_script_is_its_source_with_the_prose_quoting_the_pages_values(built_site, edition):
    """Readers get the lesson's code as it is (glue calls too, so it runs) and prose that reads like the page's:
    every glue role replaced by the value shown there, line for line."""
    from course.engine.glue import ROLE

    from course.engine.downloads import has_solutions
    from course.engine.sources import read_tutorial
    from course.engine.wording import words

    # A translation's exercise lessons start, after the title cell, with a cell choosing the checker's language.
    setup = words(edition.strip("/") or "en")["learner.language"]
    for name in LESSONS:
        source = (TUTORIALS / edition / f"{name}.py").read_text(encoding="utf-8").splitlines()
        script = (built_site / edition / "downloads" / f"{name}.py").read_text(encoding="utf-8").splitlines()
        if setup and has_solutions(read_tutorial(TUTORIALS / f"{name}.py").notebook):
            cell = ["# %%", *setup.splitlines(), ""]
            at = script.index("# %%")
            assert script[at:at + len(cell)] == cell and script.count("# %%") == source.count("# %%") + 1, name
            del script[at:at + len(cell)]
        assert len(script) == len(source) and not any(ROLE.search(line) for line in script), name
        changed = [(was, now) for was, now in zip(source, script) if was != now]
        assert all(ROLE.search(was) for was, _ in changed), f"{edition}{name}: only lines with glue roles differ"
    # Lesson 5's prose quotes the deep network's parameter count (three Dense(512) on 8 features, one output), as
    # its page does.
    count = f"{(8 * 512 + 512) + 2 * (512 * 512 + 512) + (512 + 1):,}"
    script = (built_site / edition / "downloads" / "05_training.py").read_text(encoding="utf-8")
    assert count in script and count in (built_site / edition / "lessons/05_training/index.html").read_text()


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_lesson_pages_leave_the_glue_statements_out_and_the_downloads_keep_them(built_site, edition):
    for name in LESSONS:
        source = (PROJECT_ROOT / "tutorials_src" / f"{name}.py").read_text(encoding="utf-8")
        if "glue(" not in source:
            continue
        page = built_page(built_site / edition, f"lessons/{name}/")
        shown = "\n".join(pre.get_text() for pre in page.select(".jp-CodeCell .highlight-ipynb pre"))
        assert not re.search(r"\bglue\b", shown), f"{edition}{name}: the page shows glue statements"
        assert "keras" in shown, f"{edition}{name}: the page lost its code"
        assert "glue(" in (built_site / edition / "downloads" / f"{name}.ipynb").read_text(), name


def test_execution_time_page_lists_every_lesson(built_site):
    html = (built_site / "execution-times" / "index.html").read_text()
    for name in LESSONS:
        assert f"{name}.py" in html


# Ways a page, stylesheet or script loads something (links a reader may follow are fine, and so is the page's
# canonical address, which the browser does not fetch).
REMOTE_LOADS = re.compile(
    r"""<(?:script|img|iframe|source)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|<(?:img|source)\b[^>]*\bsrcset=["']?[^"'>]*(?:https?:)?//"""
    r"""|<link\b(?![^>]*\brel=["']?canonical\b)[^>]*\bhref=["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//"""
    r"""|@import\s+["'](?:https?:)?//"""
    r"""|import\(\s*["'](?:https?:)?//""",
    re.IGNORECASE,
)


def test_nothing_in_the_site_loads_from_another_host(built_site):
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            for match in REMOTE_LOADS.finditer(path.read_text(errors="replace")):
                offenders.append(f"{path.relative_to(built_site)}: {match.group(0)}")
    assert offenders == []


def fixture_site(tmp_path: Path, lesson: str, extra_config: str = "") -> Path:
    """A minimal site using the project's hook, with one lesson."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "tutorials_src").mkdir()
    (tmp_path / "tutorials_src" / "01_only.py").write_text(lesson)
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: Fixture
        {extra_config}
        theme: {{name: material, font: false, features: [content.action.edit]}}
        plugins:
          - mkdocs-jupyter:
              execute: false
              allow_errors: false
              include: ["lessons/*.ipynb"]
        hooks:
          - {PROJECT_ROOT / "hooks" / "tutorials.py"}
        nav:
          - index.md
          - lessons/01_only.ipynb
        """))
    return tmp_path


def mkdocs_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


GOOD = "# %% [markdown]\n# # Only\n# The only lesson.\n\n# %%\nprint(6 * 7)\n"


def test_fixture_site_builds_and_renders_the_lesson(tmp_path):
    root = fixture_site(tmp_path, GOOD)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert "42" in (root / "site" / "lessons" / "01_only" / "index.html").read_text()


def test_a_failing_cell_stops_the_build_with_one_readable_message(tmp_path):
    root = fixture_site(tmp_path, GOOD.replace("print(6 * 7)", "values = [1, 2]\nvalues[5]"))
    result = mkdocs_build(root)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "tutorials_src/01_only.py, line 7 (cell 2) raised IndexError: list index out of range" in output
    assert ">   7 | values[5]" in output
    assert "Traceback" not in output
    assert not (root / "site" / "lessons" / "01_only" / "index.html").exists()


def test_an_invalid_source_stops_the_build_with_its_message(tmp_path):
    root = fixture_site(tmp_path, "# %%\nprint('no title')\n")
    result = mkdocs_build(root)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "01_only.py: the first cell must be a Markdown cell" in output
    assert "Traceback" not in output


def test_every_figure_the_site_published_is_kept_for_the_next_build(built_site):
    """A build that finishes a page again from unchanged outputs (after an engine edit, or the Chinese edition's)
    finds its figures already reduced (course/engine/figure_cache.py)."""
    kept = {path.read_bytes() for path in (PROJECT_ROOT / ".cache" / "figures").glob("*.webp")}
    published = sorted((built_site / "assets" / "figures").glob("*.webp"))
    assert published, "the site has figures"
    assert [path.name for path in published if path.read_bytes() not in kept] == []


def test_helper_package_download_installs_and_works(built_site, tmp_path):
    """A learner with only the downloaded zip can install `course` and load the data and the checker."""
    archive = built_site / "downloads" / "course-helpers.zip"
    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--target", str(target), str(archive)],
        check=True, capture_output=True, text=True,
    )
    probe = (
        "import course, course.data\n"
        "from course.exercises.deep_neural_networks import q_1\n"
        f"assert course.__file__.startswith({str(target)!r}), course.__file__\n"
        "print(course.data.load_concrete().shape, q_1.check([8]).passed)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(target)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(1030, 9) True"


def test_edit_links_open_each_pages_own_file_on_the_main_branch(tmp_path):
    """A lesson's link opens its source in tutorials_src/, a hand-written page's its Markdown file (MkDocs'
    default named the branch master), and a generated page, which has no file, has none."""
    root = fixture_site(tmp_path, GOOD, extra_config="repo_url: https://github.com/example/course")
    assert mkdocs_build(root).returncode == 0
    edit_links = {page: re.findall(r'href="(https://github\.com/example/course/[^"]*)"',
                                   (root / "site" / page / "index.html").read_text())
                  for page in ("lessons/01_only", ".", "execution-times")}
    assert edit_links == {"lessons/01_only": ["https://github.com/example/course/edit/main/tutorials_src/01_only.py"],
                          ".": ["https://github.com/example/course/edit/main/docs/index.md"],
                          "execution-times": []}, edit_links


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_a_lesson_page_shows_each_verdict_once_and_an_answer_in_one_fold(built_site, edition):
    """An open question's check prints a model reading both under the learner's cell and in the solution; the page
    shows it once, in the fold (the learner's cell is tagged remove-output). An answer given in two cells, code
    and then its reading, is one fold."""
    for name in LESSONS:
        soup = built_page(built_site / edition, f"lessons/{name}/")
        verdicts = [verdict.get_text(" ", strip=True) for verdict in soup.select(
            ".course-check-correct, .course-check-incorrect, .course-check-not-answered-yet, .course-check-open")]
        repeated = sorted({text[:60] for text in verdicts if verdicts.count(text) > 1})
        assert repeated == [], f"{edition}{name} shows these verdicts twice: {repeated}"
        folds = soup.select("details.course-solution")
        adjacent = [fold for fold in folds if fold.find_previous_sibling(True) in folds]
        assert adjacent == [], f"{edition}{name}: two Solution folds in a row"


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_search_results_are_titled_by_the_headings_words_alone(built_site, edition):
    """A result's title is its heading's words: not the heading's "¶" link, and the page title's section does not
    start with the download buttons' labels."""
    import json

    from course.engine.wording import words

    index = json.loads((built_site / edition / "search" / "search_index.json").read_text(encoding="utf-8"))
    lessons = [entry for entry in index["docs"] if "lessons/" in entry["location"]]
    assert lessons, "the index holds the lesson pages"
    pilcrows = sorted({entry["title"] for entry in lessons if "¶" in entry["title"]})
    assert pilcrows == [], f"{edition or 'en'}: result titles with a pilcrow: {pilcrows[:5]}"
    button_label = words("zh" if edition else "en")["notebook"]
    in_text = sorted({entry["location"] for entry in lessons if button_label in entry["text"]})
    assert in_text == [], f"{edition or 'en'}: the download buttons are indexed on {in_text[:3]}"


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_search_holds_each_formula_once_as_readers_see_it_not_again_as_tex(built_site, edition):
    """A formula is indexed once, as plain text: the TeX annotation it carries would repeat it in every result
    preview ("y=wx+by = w x + b")."""
    import json

    index = json.loads((built_site / edition / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "\n".join(entry["text"] for entry in index["docs"])
    pages = ["", *(f"lessons/{name}/" for name in LESSONS)]
    formulas = [annotation.get_text() for page in pages
                for annotation in built_page(built_site / edition, page).find_all("annotation")]
    spelled_as_tex = [tex for tex in formulas if "\\" in tex and tex in text]  # a plain one reads the same either way
    assert len(formulas) > 20, "the home page and the lessons have math"
    assert spelled_as_tex == [], f"{edition or 'en'}: formulas indexed as TeX: {spelled_as_tex[:5]}"
    # ... and as one line of plain text: the MathML's own text ran 3² together into "32" in the previews.
    lesson = "\n".join(entry["text"] for entry in index["docs"] if "06_stochastic" in entry["location"])
    assert "3^2 = 9" in lesson and "1 ⋅ (3 − 1/2) = 2.5" in lesson, lesson[:300]


def test_heading_links_are_titled_in_the_editions_language(built_site):
    titles = {edition: set(re.findall(r'class="headerlink"[^>]*title="([^"]*)"',
                                      (built_site / edition / "about" / "index.html").read_text()))
              for edition in ("", "zh/")}
    assert titles == {"": {"Permanent link"}, "zh/": {"永久链接"}}, titles

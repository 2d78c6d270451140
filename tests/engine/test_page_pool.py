"""Lesson pages finished in worker processes come back as finishing them in the build's process gives."""

from __future__ import annotations

import multiprocessing
import os
import posixpath
from pathlib import Path

import pytest

from course.engine.mathml import KatexTypesetter, MathError
from course.engine.page_pool import LessonLinks, PagePool, SiteAssets, finish_lesson_page
from course.engine.pages import finish_lesson_html
from tests.engine.test_pages import PAGE


def relative_url(path: str, page_url: str) -> str:
    return posixpath.relpath(path, page_url or ".")


def test_work_runs_in_other_processes_and_comes_back_by_key_and_the_workers_stop():
    pool = PagePool(2)
    pool.submit("a", os.getpid)
    pool.submit("b", divmod, 17, 5)
    assert pool.result("b") == (3, 2)
    worker = pool.result("a")
    assert worker != os.getpid()
    pool.close()
    assert multiprocessing.active_children() == []
    with pytest.raises(ProcessLookupError):
        os.kill(worker, 0)  # gone, not left behind


def test_one_worker_means_the_work_is_done_on_the_spot():
    pool = PagePool(1)
    pool.submit("a", os.getpid)
    assert pool.result("a") == os.getpid()


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_page_raises_its_own_error_when_collected(tmp_path, workers):
    pool = PagePool(workers)
    page = '<div class="jp-MarkdownOutput"><p>Math: $x^2$</p></div>'
    pool.submit("lessons/01.ipynb", finish_lesson_page, page, None, publish=SiteAssets(tmp_path, "", relative_url),
                typeset=KatexTypesetter(tmp_path / "missing" / "katex.min.js", node="node"))
    with pytest.raises(MathError, match="katex.min.js is missing"):
        pool.result("lessons/01.ipynb")
    pool.close()


def test_a_page_finished_by_a_worker_is_the_page_finished_here(tmp_path):
    here, there = tmp_path / "here", tmp_path / "there"
    pool = PagePool(2)
    options = dict(after_title="<p>downloads</p>", resolve_link=LessonLinks({"02_b.ipynb": "../02_b/"}))
    pool.submit("page", finish_lesson_page, PAGE, {}, publish=SiteAssets(there, "lessons/a/", relative_url),
                **options)
    ids: dict = {}
    expected = finish_lesson_html(PAGE, SiteAssets(here, "lessons/a/", relative_url), heading_ids=ids, **options)
    finished = pool.result("page")
    assert (finished.html, finished.heading_ids) == (expected, ids)
    pool.close()
    written = sorted(path.relative_to(here) for path in here.rglob("*") if path.is_file())
    assert written and written == sorted(path.relative_to(there) for path in there.rglob("*") if path.is_file())
    # What the page published, as the page cache stores it to publish again.
    assert {Path(path) for path in finished.published} == set(written)
    assert all((there / path).read_bytes() == data for path, data in finished.published.items())


def test_assets_are_written_once_under_their_name_and_linked_from_the_page(tmp_path):
    publish = SiteAssets(tmp_path, "lessons/a/", relative_url)
    assert publish("assets/figures/f.webp", b"one") == "../../assets/figures/f.webp"
    assert publish("assets/figures/f.webp", b"two") == "../../assets/figures/f.webp"
    assert (tmp_path / "assets/figures/f.webp").read_bytes() == b"one"
    assert [path.name for path in (tmp_path / "assets/figures").iterdir()] == ["f.webp"]  # no file left aside


def test_links_to_lesson_notebooks_lead_to_their_pages_and_others_are_left_alone():
    links = LessonLinks({"02_activations.ipynb": "../02_activations/"})
    assert links("02_activations.ipynb") == "../02_activations/"
    assert links("02_activations.ipynb#relu") == "../02_activations/#relu"
    assert links("other/02_activations.ipynb") is None
    assert links("03_stacking.ipynb") is None
    assert links("https://keras.io/") is None


def test_a_pages_key_follows_the_lessons_it_links_to_and_no_others(tmp_path):
    from course.engine.page_cache import PageCache
    from course.engine.page_pool import LessonPages

    page = PAGE + '<p><a href="02_b.ipynb#part">lesson 2</a></p>'
    pages = LessonPages(PagePool(1), PageCache(tmp_path / "cache"), "en")
    typeset = KatexTypesetter(tmp_path / "katex.min.js")

    def build(links: dict[str, str]) -> str:
        publish = SiteAssets(tmp_path / "site", "lessons/a/", relative_url)
        pages.submit("01_a", page, None, publish=publish, after_title="", resolve_link=LessonLinks(links),
                     typeset=typeset, language="en")
        return pages.result("01_a").html

    first = build({"02_b.ipynb": "../02_b/"})
    assert 'href="../02_b/#part"' in first and pages.copied == []
    assert build({"02_b.ipynb": "../02_b/", "03_c.ipynb": "../03_c/"}) == first, "a lesson it does not link to"
    assert pages.copied == ["01_a"]
    moved = build({"02_b.ipynb": "../02_moved/", "03_c.ipynb": "../03_c/"})
    assert 'href="../02_moved/#part"' in moved and pages.copied == ["01_a"], "the lesson it links to moved"
    assert LessonLinks({"02_b.ipynb": "x", "03_c.ipynb": "y"}).used_in(page) == {"02_b.ipynb": "x"}

"""Finished lesson pages are kept between builds: a page whose inputs did not change is copied, byte for byte, with
the files it published; anything that changes it finishes it again; a damaged entry is a miss, never an error."""

from __future__ import annotations

import ast
import os
import re
import shutil
import sys
from importlib import metadata
from pathlib import Path

import pytest

from course.engine import page_cache
from course.engine.page_cache import KEEP_PER_PAGE, FinishedPage, PageCache
from tests.engine.test_hook import mkdocs_build, site

PAGE = FinishedPage("<h1>Lesson</h1><img src='../../assets/figures/f.webp'>", {"Lesson": "lesson"},
                    {"assets/figures/f.webp": b"figure bytes", "assets/notebook/s.css": b"p{}"})


def test_a_stored_page_comes_back_with_what_it_published(tmp_path):
    cache = PageCache(tmp_path)
    key = cache.key("01_a.en", "<h1>Lesson</h1>", page_url="lessons/01_a/")
    assert cache.get("01_a.en", key) is None
    cache.put("01_a.en", key, PAGE)
    assert PageCache(tmp_path).get("01_a.en", key) == PAGE
    assert cache.get("01_a.zh", key) is None, "each edition's page is its own"


def test_the_key_covers_the_rendered_page_and_every_argument(tmp_path):
    cache = PageCache(tmp_path)
    key = cache.key("01_a.en", "<h1>Lesson</h1>", page_url="lessons/01_a/", after_title="<nav>downloads</nav>")
    assert key == cache.key("01_a.en", "<h1>Lesson</h1>", after_title="<nav>downloads</nav>", page_url="lessons/01_a/")
    assert len({key,
                cache.key("01_a.en", "<h1>Lesson!</h1>", page_url="lessons/01_a/", after_title="<nav>downloads</nav>"),
                cache.key("01_a.en", "<h1>Lesson</h1>", page_url="lessons/01_b/", after_title="<nav>downloads</nav>"),
                cache.key("01_a.en", "<h1>Lesson</h1>", page_url="lessons/01_a/", after_title="<nav>banner</nav>"),
                }) == 4


def test_editing_any_engine_module_changes_every_key(tmp_path, monkeypatch):
    engine = tmp_path / "engine"
    shutil.copytree(Path(page_cache.__file__).parent, engine, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(page_cache, "__file__", str(engine / "page_cache.py"))
    before = PageCache(tmp_path / "cache").key("01_a.en", "<h1>Lesson</h1>")
    with (engine / "figures.py").open("a") as module:
        module.write("\n# a comment\n")
    assert PageCache(tmp_path / "cache").key("01_a.en", "<h1>Lesson</h1>") != before


def test_the_key_names_every_library_an_engine_module_imports():
    imported = set()
    for module in Path(page_cache.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.partition(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.partition(".")[0])
    distributions = metadata.packages_distributions()
    libraries = {distribution for name in imported - set(sys.stdlib_module_names) - {"course"}
                 for distribution in distributions.get(name, [name])}
    assert "tinycss2" in libraries and "beautifulsoup4" in libraries, "the imports were read"
    assert libraries - set(page_cache.LIBRARIES) == set()


def test_a_damaged_entry_or_stored_file_is_a_miss(tmp_path):
    cache = PageCache(tmp_path)
    cache.put("01_a.en", "k1", PAGE)
    cache.put("02_b.en", "k2", FinishedPage("<p>b</p>", None, {"assets/b.css": b"b{}"}))
    entry = tmp_path / "01_a.en-k1.json"
    entry.write_text(entry.read_text()[:40])
    assert cache.get("01_a.en", "k1") is None
    [stored] = [path for path in (tmp_path / "files").iterdir() if path.read_bytes() == b"b{}"]
    stored.write_bytes(b"b{color:red}")
    assert cache.get("02_b.en", "k2") is None


def test_each_page_keeps_its_newest_entries_and_no_file_outlives_them(tmp_path):
    cache = PageCache(tmp_path)
    for number in range(KEEP_PER_PAGE + 2):
        stored = {"assets/f.css": f"{number}".encode()}
        cache.put("01_a.en", f"k{number}", FinishedPage(f"<p>{number}</p>", None, stored))
        os.utime(tmp_path / f"01_a.en-k{number}.json", (1000 + number, 1000 + number))  # builds are seconds apart
    kept = sorted(path.name for path in tmp_path.glob("01_a.en-*.json"))
    assert kept == [f"01_a.en-k{number}.json" for number in range(2, KEEP_PER_PAGE + 2)]
    assert sorted(path.read_bytes() for path in (tmp_path / "files").iterdir()) == [
        f"{number}".encode() for number in range(2, KEEP_PER_PAGE + 2)]


def lesson_pages_line(result) -> str:
    [line] = [line for line in result.stderr.splitlines() if "Lesson pages:" in line]
    return re.sub(r"\s+\(.*\)$", "", line.split("Lesson pages: ", 1)[1])


def published(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root / "site").as_posix(): path.read_bytes()
            for path in sorted((root / "site").rglob("*")) if path.is_file() and path.name != "sitemap.xml.gz"}


@pytest.mark.slow
def test_a_rebuild_copies_the_finished_page_and_an_edit_finishes_it_again(tmp_path):
    root = site(tmp_path / "project")
    first = mkdocs_build(root, None, "-v")
    assert first.returncode == 0, first.stderr
    assert lesson_pages_line(first) == "1 finished, 0 from the page cache"
    site_before = published(root)
    assert any(path.startswith("assets/notebook/") for path in site_before), "the page publishes its stylesheet"
    again = mkdocs_build(root, None, "-v")
    assert lesson_pages_line(again) == "0 finished, 1 from the page cache"
    assert published(root) == site_before, "the copied page and its files are the finished ones, byte for byte"

    source = root / "tutorials_src" / "01_only.py"
    source.write_text(source.read_text().replace("The only lesson.", "The only lesson, edited."))
    edited = mkdocs_build(root, None, "-v")
    assert lesson_pages_line(edited) == "1 finished, 0 from the page cache"
    assert "executed 0 of 1" in edited.stderr, "a prose edit executes nothing"
    assert "The only lesson, edited." in (root / "site" / "lessons" / "01_only" / "index.html").read_text()
    assert len(list((root / ".cache" / "pages").glob("01_only.en-*.json"))) == 2, "the page before the edit is kept"


def test_a_stored_page_is_served_even_where_its_use_cannot_be_marked(tmp_path, monkeypatch):
    cache = PageCache(tmp_path)
    key = cache.key("01_a.en", "<h1>Lesson</h1>")
    cache.put("01_a.en", key, PAGE)

    def read_only(*args, **kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(os, "utime", read_only)
    assert cache.get("01_a.en", key) == PAGE, "pruning order is all a read-only cache loses"

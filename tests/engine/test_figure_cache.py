import io
import os

import pytest
from PIL import Image

from course.engine import figure_cache, figures
from course.engine.figure_cache import FigureCache
from course.engine.pages import finish_lesson_html
from tests.engine.test_pages import PAGE


def drawing(colour: str = "#1f77b4") -> bytes:
    """A small figure like the course's: a coloured line across white, drawn at twice its shown size."""
    image = Image.new("RGB", (40, 20), "white")
    for x in range(40):
        image.putpixel((x, 10), Image.new("RGB", (1, 1), colour).getpixel((0, 0)))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def reductions(monkeypatch):
    """The (size) of every figure actually reduced, through the real ``site_figure``."""
    made: list = []
    real = figures.site_figure

    def counting(png, size=None):
        made.append(size)
        return real(png, size)

    monkeypatch.setattr(figures, "site_figure", counting)
    return made


def test_a_figure_is_reduced_once_and_found_again_with_the_same_bytes(tmp_path, reductions):
    cache = FigureCache(tmp_path / "figures")
    png = drawing()
    first = cache(png, (20, 10))
    assert cache(png, (20, 10)) == first == figures.site_figure(png, (20, 10))
    assert reductions == [(20, 10), (20, 10)], "the second call came from the cache, the third is the check"
    full = cache(png, None)
    assert full != first and Image.open(io.BytesIO(full)).size == (40, 20), "each size is its own entry"
    assert cache(drawing("#d62728"), (20, 10)) != first, "another drawing is another entry"
    assert len(reductions) == 4


def test_a_damaged_entry_is_reduced_again_and_replaced(tmp_path, reductions):
    cache = FigureCache(tmp_path)
    png = drawing()
    good = cache(png)
    [stored] = tmp_path.glob("*.webp")
    stored.write_bytes(good[:-7])
    assert cache(png) == good and len(reductions) == 2
    assert [path.read_bytes() for path in tmp_path.glob("*.webp")] == [good]


def test_a_folder_that_cannot_be_written_leaves_figures_uncached_not_failed(tmp_path, reductions):
    blocker = tmp_path / "figures"
    blocker.write_text("a file where the folder should be")
    cache = FigureCache(blocker)
    assert cache(drawing()) == cache(drawing()) and len(reductions) == 2


def test_the_most_recently_used_figures_are_kept_and_clear_forgets_them(tmp_path, monkeypatch, reductions):
    monkeypatch.setattr(figure_cache, "KEEP", 2)
    cache = FigureCache(tmp_path)
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e"]
    for number, colour in enumerate(colours):
        cache(drawing(colour))
        for path in tmp_path.glob("*.webp"):  # builds are seconds apart; files written in one ms may share a time
            if path.stat().st_mtime > 10_000:
                os.utime(path, (1000 + number, 1000 + number))
    assert len(list(tmp_path.glob("*.webp"))) == 2
    cache(drawing(colours[-1]))
    assert len(reductions) == 4, "the newest is still there"
    cache(drawing(colours[0]))
    assert len(reductions) == 5, "the oldest was dropped"
    cache.clear()
    assert list(tmp_path.glob("*.webp")) == []


def test_a_page_finished_with_the_cache_is_the_page_finished_without_it(tmp_path, reductions):
    def finish(**options):
        published: dict[str, bytes] = {}
        html = finish_lesson_html(PAGE, lambda path, data: published.setdefault(path, data) and path, **options)
        return html, published

    plain = finish()
    cache = FigureCache(tmp_path)
    assert finish(figures=cache) == plain
    done = len(reductions)
    assert finish(figures=cache) == plain and len(reductions) == done, "the second page reduced nothing"

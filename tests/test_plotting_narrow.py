"""The phone drawing of a wide figure: made when its layout fits 4 inches, left out when it does not."""

from __future__ import annotations

import base64
import io
import re
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from course import plotting
from course.engine.pages import finish_lesson_html
from course.plotting import display as display_module
from course.plotting.narrow import (
    NARROW_WIDTH,
    PHONE_DRAWING,
    PHONE_MEDIA,
    _reflow_small_multiples,
    fits,
    render_narrow_png,
)
from course.plotting import narrow as narrow_module
from course.plotting.nodes import canvas, node
from course.plotting.text_fit import evenly_broken
from course.plotting.render import figure_copy

ALT = "A line rising from 0 to 9."


def line_figure(label: str = "y"):
    fig, ax = plt.subplots()
    ax.plot(np.arange(10), np.arange(10), label=label)
    ax.set(title="A line", xlabel="x", ylabel="y")
    ax.legend()
    return fig


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_a_plot_that_fits_four_inches_gets_a_phone_drawing_with_the_same_text_size():
    fig = line_figure()
    png = render_narrow_png(fig, scale=2)
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (round(NARROW_WIDTH * plotting.DPI) * 2, round(3.6 * plotting.DPI) * 2)
    assert tuple(fig.get_size_inches()) == (6.4, 3.6), "the figure itself is left as it was"
    assert render_narrow_png(fig, scale=2) == png, "the same figure gives the same bytes"


def test_labels_that_would_collide_or_leave_the_figure_get_no_phone_drawing():
    crowded, ax = plt.subplots()
    ax.plot(range(12), range(12))
    ax.set_xticks(range(12), [f"category {n}" for n in range(12)])  # twelve long labels in 4 inches
    assert render_narrow_png(crowded) is None
    labelled = line_figure()
    labelled.axes[0].set_xlabel("an axis label far too long to stay inside a figure four inches wide, at ten points")
    assert render_narrow_png(labelled) is None


def test_a_plot_squeezed_by_a_wide_legend_beside_it_gets_no_phone_drawing():
    fig, ax = plt.subplots(layout="constrained")
    ax.plot(range(3), range(3), label="a legend entry long enough to take most of a phone's width")
    fig.legend(loc="outside right center")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the check stays silent: a lesson's output would show the warning
        assert not fits(_at_width(fig, NARROW_WIDTH))


def test_a_plot_title_too_long_for_four_inches_breaks_between_words_in_the_phone_drawing():
    fig = line_figure()
    fig.axes[0].set_title("530,433 parameters, 50 training tests")
    assert not fits(_at_width(figure_copy(fig), NARROW_WIDTH)), "on one line it runs off the figure"
    png = render_narrow_png(fig)
    assert png is not None
    assert not fig.axes[0].title.get_wrap(), "the figure itself is left as it was"


def test_a_figure_title_too_long_for_four_inches_breaks_between_words_in_the_phone_drawing():
    fig = line_figure()
    fig.suptitle("Activation functions on inputs from -3 to 3, drawn by Keras")
    assert not fits(_at_width(figure_copy(fig), NARROW_WIDTH)), "on one line it runs off the figure"
    assert render_narrow_png(fig) is not None
    assert not fig._suptitle.get_wrap(), "the figure itself is left as it was"


def test_a_title_too_long_for_a_phone_breaks_into_two_even_lines_leaving_no_word_alone(monkeypatch):
    title = "Dense(128), Dense(64), with and without dropout"
    first, second = evenly_broken(title, NARROW_WIDTH - 0.3, 12.5, bold=True).split("\n")
    assert (first, second) == ("Dense(128), Dense(64),", "with and without dropout")
    assert evenly_broken("A short title", NARROW_WIDTH - 0.3, 12.5) == "A short title"
    kept = evenly_broken("A dense layer: 2\N{NO-BREAK SPACE}linear units sharing 2\N{NO-BREAK SPACE}inputs", 3.7, 12.5)
    assert "2\N{NO-BREAK SPACE}inputs" in kept.split("\n")[-1], "a no-break space holds"
    drawn = []
    monkeypatch.setattr(narrow_module, "render_png", lambda fig, scale: drawn.append(fig) or b"png")
    fig = line_figure()
    fig.axes[0].set_title(title)
    assert render_narrow_png(fig) == b"png"
    assert drawn[0].axes[0].get_title() == "Dense(128), Dense(64),\nwith and without dropout"
    assert fig.axes[0].get_title() == title, "the figure itself is left as it was"


def test_a_diagram_gets_no_phone_drawing_which_would_squash_its_circles_into_ovals():
    fig, ax = canvas(2.0)
    node(ax, (3.2, 1.0), 0.4, kind="input", label="x")
    assert render_narrow_png(fig) is None
    assert fits(_at_width(fig, NARROW_WIDTH)), "its labels alone would pass the layout check"


def seven_panels():
    x = np.linspace(-3, 3, 50)
    return plotting.function_grid(x, {f"panel {n}": {"y": np.sin(x + n)} for n in range(7)}, suptitle="Seven")


def test_small_multiples_in_four_columns_get_a_phone_drawing_in_two_taller():
    fig = seven_panels()
    wide_height = fig.get_size_inches()[1]
    png = render_narrow_png(fig)
    assert png is not None, "four panels side by side in 4 inches are too narrow: only two columns fit"
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (round(NARROW_WIDTH * plotting.DPI), round(2 * wide_height * plotting.DPI))
    assert fig.axes[0].get_subplotspec().get_geometry()[:2] == (2, 4), "the figure itself is left as it was"


def test_the_two_column_phone_grid_keeps_reading_order_and_labels_on_the_outer_plots():
    narrow = figure_copy(seven_panels())
    _reflow_small_multiples(narrow)
    plots = [axes for axes in narrow.axes if axes.get_visible()]
    assert len(narrow.axes) == 7, "the wide grid's empty cell is gone"
    cells = [axes.get_subplotspec().get_geometry() for axes in plots]
    assert [(title.get_title(), cell[2]) for title, cell in zip(plots, cells)] == [
        (f"panel {n}", n) for n in range(7)] and {cell[:2] for cell in cells} == {(4, 2)}
    bottom = [axes.get_title() for axes in plots if axes.xaxis.get_tick_params()["labelbottom"]]
    left = [axes.get_title() for axes in plots if axes.yaxis.get_tick_params()["labelleft"]]
    assert bottom == ["panel 5", "panel 6"], "the plot over the empty cell keeps its x ticks"
    assert left == ["panel 0", "panel 2", "panel 4", "panel 6"]
    assert [axes.get_xlabel() for axes in plots] == ["", "", "", "", "", "x", "x"]


def test_plots_that_do_not_share_their_axes_keep_their_places():
    fig, axes = plt.subplots(1, 3, figsize=(9, 3))
    _reflow_small_multiples(fig)
    assert [plot.get_subplotspec().get_geometry() for plot in axes] == [(1, 3, n, n) for n in range(3)]
    assert tuple(fig.get_size_inches()) == (9, 3)


def test_a_diagram_gets_the_phone_drawing_it_carries_when_its_labels_fit():
    fig, ax = canvas(2.0)
    node(ax, (3.2, 1.0), 0.4, kind="input", label="x")
    phone, phone_ax = canvas(2.0, NARROW_WIDTH)
    node(phone_ax, (2.0, 1.0), 0.4, kind="input", label="x")
    setattr(fig, PHONE_DRAWING, phone)
    with Image.open(io.BytesIO(render_narrow_png(fig))) as image:
        assert image.size == (round(NARROW_WIDTH * plotting.DPI), round(2.0 * plotting.DPI))
    phone_ax.text(0.1, 0.2, "a caption far too long to stay inside a drawing four inches wide, at ten points")
    assert render_narrow_png(fig) is None


def test_a_figure_no_wider_than_the_phone_drawing_gets_none():
    fig, _ = plt.subplots(figsize=(NARROW_WIDTH, 3))
    assert render_narrow_png(fig) is None


def _at_width(fig, width: float):
    fig.set_size_inches(width, fig.get_size_inches()[1])
    return fig


def test_show_puts_the_phone_drawing_in_a_picture_source_and_the_site_publishes_both(monkeypatch):
    shown = []
    monkeypatch.setattr(display_module, "_in_ipython", lambda: True)
    monkeypatch.setattr("IPython.display.display", lambda *args, **kwargs: shown.append(args[0]))
    plotting.show(line_figure(), alt=ALT)
    [data] = shown
    page = BeautifulSoup(data["text/html"], "html.parser")
    source, img = page.select_one("picture > source"), page.select_one("picture > img")
    assert source["media"] == PHONE_MEDIA and (source["width"], source["height"]) == ("400", "360")
    assert img["alt"] == ALT and (img["width"], img["height"]) == ("640", "360")
    files = {}
    finished = BeautifulSoup(finish_lesson_html(data["text/html"], lambda path, body: files.setdefault(path, body)
                                                and path), "html.parser")
    srcset = finished.select_one("source")["srcset"]
    assert re.fullmatch(r"assets/figures/\w+\.webp 1x, assets/figures/\w+\.webp 2x", srcset), srcset
    sizes = {Image.open(io.BytesIO(files[entry.split()[0]])).size for entry in srcset.split(", ")}
    assert sizes == {(400, 360), (800, 720)}
    assert not any(address.startswith("data:") for address in (finished.img["src"], srcset))
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")  # Jupyter's own copy stays the wide PNG



def numbered_ticks(count: int):
    fig, ax = plt.subplots(figsize=(NARROW_WIDTH, 3.6))
    ax.plot(range(count), range(count))
    ax.set_xticks(range(count), [str(10 + k) for k in range(count)])
    return fig


def test_tick_labels_a_hair_apart_count_as_touching(monkeypatch):
    """Labels that do not overlap but nearly touch read as one ("1113" for 11 and 13): the phone drawing needs a
    visible gap between them (18 two-digit ticks in 4 inches come closer than that; 16 do not)."""
    assert fits(numbered_ticks(16))
    assert not fits(numbered_ticks(18))
    monkeypatch.setattr("course.plotting.narrow.GAP", 0.0)
    assert fits(numbered_ticks(18)), "without the gap, the same labels would pass"

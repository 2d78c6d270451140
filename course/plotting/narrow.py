"""A second drawing of a figure for phones: the same figure laid out again at ``NARROW_WIDTH`` inches.

A 6.4-inch figure shown in a phone's 358 px column is scaled to 56 %, and its 10-point labels come out about 7 px
high. Drawn again 4 inches wide, the same text in the same points takes a larger share of the figure, and scaled
to that column it reads at about 12 px. Not every figure survives the narrower layout (a diagram's column titles
run into each other, a wide legend squeezes its plot to nothing), so the narrow drawing is kept only when its
layout checks out (``fits``): every label inside the figure, no two labels closer than ``GAP``, every plot at least
``SMALLEST_AXES`` inches each way. A title may take two lines there, and small multiples of more than two
columns are laid out again in two, the drawing taller. A diagram's shapes are placed for its own width, so it is
never narrowed: it gets the phone drawing that its drawing function made for phones (``PHONE_DRAWING``), if any,
under the same checks. Otherwise phones get the wide drawing scaled down, as before.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Callable

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import weight_dict
from matplotlib.text import Text

from course.plotting.render import figure_copy, render_png
from course.plotting.style import FIGSIZE
from course.plotting.text_fit import evenly_broken

__all__ = ["NARROW_WIDTH", "PHONE_DRAWING", "PHONE_MEDIA", "fits", "render_narrow_png", "with_phone_drawing"]

NARROW_WIDTH = 4.0
"""Width in inches of the phone drawing: 400 px at the house DPI, which a 320–430 px wide phone shows at 80–100 %."""

PHONE_MEDIA = "(max-width: 30em)"
"""The CSS media condition under which a page shows the phone drawing: windows up to 480 px wide."""

PHONE_DRAWING = "course_phone_drawing"
"""The attribute under which a diagram carries its own phone drawing: a figure ``NARROW_WIDTH`` inches wide that
its drawing function laid out for that width (``draw_network`` and ``draw_dense_layer`` do). Narrowing the wide
drawing itself would squash its circles into ovals."""

SMALLEST_AXES = 1.2
"""Smallest width and height, in inches, that a plot keeps in the phone drawing."""

GAP = 2.0
"""Least space, in pixels at the house DPI, between two labels of the phone drawing: tick labels closer than that
run together ("1113" for 11 and 13). Lesson 06's epoch ticks, when they ran 1 to 15 in steps of 2, kept 2 px and
not 3 (they are now 5 apart)."""


def with_phone_drawing(draw: Callable[[float], Figure]) -> Figure:
    """The figure ``draw(width)`` makes at the house width, carrying what it makes at ``NARROW_WIDTH`` as its phone
    drawing (``PHONE_DRAWING``): for a diagram, whose drawing function lays it out for either width."""
    fig = draw(FIGSIZE[0])
    setattr(fig, PHONE_DRAWING, draw(NARROW_WIDTH))
    return fig


def render_narrow_png(fig: Figure, *, scale: int = 1) -> bytes | None:
    """PNG bytes of ``fig`` drawn ``NARROW_WIDTH`` inches wide (same height, text and DPI as ``render_png``), or
    None when the figure is no wider than that or its narrow layout does not fit (see the module's notes).
    ``fig`` itself is left as it was; the same figure always gives the same bytes."""
    width, height = fig.get_size_inches()
    if width <= NARROW_WIDTH:
        return None
    if _is_diagram(fig):
        return _render_if_fits(getattr(fig, PHONE_DRAWING, None), scale)
    narrow = figure_copy(fig)
    if narrow is None:
        return None
    try:
        narrow.set_size_inches(NARROW_WIDTH, height)
        _reflow_small_multiples(narrow)
        # A title too long for the narrow figure breaks between words rather than run off it, into two even lines
        # (and more only if two are still too long). A plot's title is centred over the plot, not the figure, and
        # matplotlib wraps it within twice its distance to the nearer edge: about 3 inches beside a y axis label.
        for axes in narrow.axes:
            _break_evenly(axes.title, NARROW_WIDTH - 1.0)
        if narrow._suptitle is not None:  # noqa: SLF001 - the figure's title has no public getter
            _break_evenly(narrow._suptitle, NARROW_WIDTH - 0.3)  # noqa: SLF001
        trial = figure_copy(narrow)  # laid out and checked; `narrow` stays undrawn, as render_png expects
        try:
            if not fits(trial):
                return None
        finally:
            plt.close(trial)
        return render_png(narrow, scale=scale)
    finally:
        plt.close(narrow)


def _break_evenly(title: Text, room: float) -> None:
    """Break ``title`` into two even lines when it is wider than ``room`` inches (``evenly_broken``); matplotlib
    still wraps a line that is too long after that."""
    weight = title.get_fontweight()
    bold = (weight if isinstance(weight, (int, float)) else weight_dict.get(weight, 400)) >= 600
    title.set_text(evenly_broken(title.get_text(), room, title.get_fontsize(), bold=bold))
    title.set_wrap(True)


def _render_if_fits(drawing: Figure | None, scale: int) -> bytes | None:
    """PNG bytes of a diagram's own phone drawing, or None when it has none or its layout does not fit."""
    if drawing is None:
        return None
    trial = figure_copy(drawing)
    if trial is None:
        return None
    try:
        return render_png(drawing, scale=scale) if fits(trial) else None
    finally:
        plt.close(trial)


def _reflow_small_multiples(fig: Figure) -> None:
    """Lay small multiples (plots in one grid of more than two columns, sharing both axes, one plot per cell) out
    again in two columns, in the same reading order, the figure taller by the rows it gains. Four panels side by
    side in 4 inches are each too narrow to read; two keep them about as wide as on a wide screen. Tick labels and
    axis labels stay on the outer plots only, as on the wide drawing. Any other figure is left as it is."""
    plots = [axes for axes in fig.axes if axes.get_visible()]
    specs = [axes.get_subplotspec() for axes in plots]
    if len(plots) < 3 or None in specs:
        return
    grid = specs[0].get_gridspec()
    rows, columns = grid.get_geometry()
    one_cell_each = all(spec.get_gridspec() is grid and spec.num1 == spec.num2 for spec in specs)
    shared = all(first.get_shared_x_axes().joined(first, other) and first.get_shared_y_axes().joined(first, other)
                 for first, other in itertools.pairwise(plots))
    if columns <= 2 or not one_cell_each or not shared:
        return
    for axes in fig.axes:
        if not axes.get_visible():  # the grid's empty cells
            axes.remove()
    plots.sort(key=lambda axes: axes.get_subplotspec().num1)
    xlabel = next((axes.get_xlabel() for axes in plots if axes.get_xlabel()), "")
    ylabel = next((axes.get_ylabel() for axes in plots if axes.get_ylabel()), "")
    new_rows = math.ceil(len(plots) / 2)
    width, height = fig.get_size_inches()
    fig.set_size_inches(width, height * new_rows / rows)
    cells = fig.add_gridspec(new_rows, 2)
    for index, axes in enumerate(plots):
        axes.set_subplotspec(cells[index // 2, index % 2])
        at_bottom = index + 2 >= len(plots)  # nothing below it
        at_left = index % 2 == 0
        axes.xaxis.set_tick_params(labelbottom=at_bottom)
        axes.yaxis.set_tick_params(labelleft=at_left)
        axes.set_xlabel(xlabel if at_bottom else "")
        axes.set_ylabel(ylabel if at_left else "")


def _is_diagram(fig: Figure) -> bool:
    """Whether ``fig`` holds a diagram: an axes with its axis turned off, such as ``course.plotting.nodes`` draws,
    whose shapes are placed in inches for the figure's own width. Drawn narrower, its circles became ovals."""
    return any(axes.get_visible() and not axes.axison for axes in fig.axes)


def fits(fig: Figure) -> bool:
    """Whether ``fig``, drawn at its size, has every label inside it, no two labels overlapping, and every visible
    plot at least ``SMALLEST_AXES`` inches wide and high. Draws ``fig`` (on an Agg canvas) to find out."""
    canvas = FigureCanvasAgg(fig)
    with warnings.catch_warnings():  # a layout that collapses warns; here that is an answer, not news for the reader
        warnings.simplefilter("ignore")
        fig.draw_without_rendering()
    renderer = canvas.get_renderer()
    inside = fig.bbox.padded(1)
    boxes = [text.get_window_extent(renderer) for text in _labels(fig)]
    if any(not (inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1)) for box in boxes):
        return False
    apart = [box.padded(GAP / 2) for box in boxes]
    if any(first.overlaps(second) for first, second in itertools.combinations(apart, 2)):
        return False
    smallest = SMALLEST_AXES * fig.dpi
    return all(axes.bbox.width >= smallest and axes.bbox.height >= smallest
               for axes in fig.axes if axes.get_visible() and axes.axison)


def _labels(fig: Figure) -> list[Text]:
    """The figure's visible texts that hold something: titles, axis labels, the tick labels shown, legends'
    entries and titles, and texts placed on the figure or a plot."""
    texts: list[Text] = list(fig.texts)
    if fig._suptitle is not None:  # noqa: SLF001 - matplotlib keeps the suptitle here, not in fig.texts
        texts.append(fig._suptitle)  # noqa: SLF001
    for axes in fig.axes:
        texts += _axes_labels(axes)
    for legend in fig.legends:
        texts += [*legend.get_texts(), legend.get_title()]
    return [text for text in dict.fromkeys(texts) if text.get_visible() and text.get_text().strip()]


def _axes_labels(axes: Axes) -> list[Text]:
    if not axes.get_visible():
        return []
    texts = [axes.title, axes._left_title, axes._right_title, *axes.texts]  # noqa: SLF001 - no public getters
    if axes.axison:
        texts += [axes.xaxis.label, axes.yaxis.label, *_shown_ticks(axes)]
    legend = axes.get_legend()
    if legend is not None:
        texts += [*legend.get_texts(), legend.get_title()]
    return texts


def _shown_ticks(axes: Axes) -> list[Text]:
    """The tick labels drawn: those of ticks within the axis' view (matplotlib keeps others, undrawn)."""
    shown = []
    for axis in (axes.xaxis, axes.yaxis):
        low, high = sorted(axis.get_view_interval())
        for tick in axis.get_major_ticks() + axis.get_minor_ticks():
            if low - 1e-9 * (abs(low) + 1) <= tick.get_loc() <= high + 1e-9 * (abs(high) + 1):
                shown += [label for label in (tick.label1, tick.label2) if label.get_visible()]
    return shown

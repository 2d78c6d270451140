"""Drawing primitives shared by the layer and network diagrams: a canvas measured in inches, nodes and edges.

A diagram's axes fill its figure and one data unit is one inch, so node sizes, gaps and text (in points, 72 to
the inch) can be laid out together and nothing is squeezed by an automatic layout.
"""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.patches import Circle, FancyArrowPatch

from course.plotting.style import DIAGRAM_COLORS, FIGSIZE, TEXT_COLOR
from course.plotting.text_fit import evenly_broken

__all__ = ["TITLE_LINE_HEIGHT", "TITLE_SIZE", "canvas", "connect", "diagram_title", "node", "vertical_ellipsis"]

TITLE_SIZE = 12.5
"""Points of a diagram's title, which is bold."""

TITLE_LINE_HEIGHT = 0.25
"""Inches that each line of a diagram's title after its first adds to the diagram's height."""


def canvas(height: float, width: float = FIGSIZE[0]) -> tuple[Figure, Axes]:
    """A blank figure ``width`` × ``height`` inches whose axes fill it, in inch coordinates from the bottom left."""
    # A do-nothing layout engine, not layout="none": savefig restores "no engine" as the rcParams default, which
    # is constrained layout in the house style, and that would then complain about these hand-placed axes.
    engine = PlaceHolderLayoutEngine(adjust_compatible=True, colorbar_gridspec=False)
    fig = Figure(figsize=(width, height), layout=engine)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    return fig, ax


def node(
    ax: Axes,
    center: tuple[float, float],
    radius: float,
    *,
    kind: str,
    label: str | None = None,
    fontsize: float = 10,
) -> None:
    """A circle filled with the colour of its ``kind`` (see ``DIAGRAM_COLORS``), with ``label`` centred in it."""
    ax.add_patch(
        Circle(center, radius, facecolor=DIAGRAM_COLORS[kind], edgecolor=DIAGRAM_COLORS["outline"], linewidth=1.1,
               zorder=4)
    )
    if label:
        ax.text(*center, label, ha="center", va="center_baseline", fontsize=fontsize, color=TEXT_COLOR, zorder=5)


def connect(
    ax: Axes,
    start: tuple[float, float],
    end: tuple[float, float],
    *,
    start_radius: float = 0.0,
    end_radius: float = 0.0,
    arrow: bool = False,
    color: str | None = None,
    linewidth: float = 0.9,
    alpha: float = 1.0,
) -> None:
    """A straight line from the rim of the node at ``start`` to the rim of the node at ``end``, optionally an arrow."""
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    tail = (x0 + ux * start_radius, y0 + uy * start_radius)
    head = (x1 - ux * end_radius, y1 - uy * end_radius)
    ax.add_patch(
        FancyArrowPatch(
            tail,
            head,
            arrowstyle="-|>,head_length=5,head_width=2.5" if arrow else "-",
            shrinkA=0,
            shrinkB=0,
            color=color or DIAGRAM_COLORS["edge"],
            linewidth=linewidth,
            alpha=alpha,
            zorder=2,
        )
    )


def vertical_ellipsis(ax: Axes, center: tuple[float, float], spacing: float, *, size: float = 0.025) -> None:
    """Three dots stacked around ``center``, ``spacing`` inches apart: "and more nodes here"."""
    x, y = center
    for offset in (-spacing, 0.0, spacing):
        ax.add_patch(Circle((x, y + offset), size, facecolor=DIAGRAM_COLORS["outline"], edgecolor="none", zorder=4))


def diagram_title(heading: str, width: float) -> str:
    """``heading`` as a diagram ``width`` inches wide shows it: as it is at the house width, and on a narrower
    drawing broken into two even lines where it does not fit (``evenly_broken``)."""
    if width >= FIGSIZE[0]:
        return heading
    return evenly_broken(heading, width - 0.3, TITLE_SIZE, bold=True)

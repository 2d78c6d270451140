"""Plots of functions of one variable: one plot of labelled curves, or a grid of small multiples.

Made for activation functions and their derivatives. Curves keep their colour and line style across panels by
label, so "f(x)" is the same solid blue everywhere and "f'(x)" the same dashed vermilion: every curve differs from
the others by its line pattern as well as its colour, for readers who cannot tell the colours apart.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator
from numpy.typing import ArrayLike

from course.plotting.style import COLORS, FIGSIZE, LINESTYLES

__all__ = ["function_grid", "plot_functions"]

_ZERO_LINE = {"color": "#A8A8A8", "linewidth": 0.8, "zorder": 1}


def _as_curve(x: np.ndarray, y: ArrayLike, label: str) -> np.ndarray:
    values = np.asarray(y, dtype=float).reshape(-1)
    if values.shape != x.shape:
        raise ValueError(f"curve {label!r} has {values.size} values but x has {x.size}: give one y per x")
    return values


def _as_x(x: ArrayLike) -> np.ndarray:
    values = np.asarray(x, dtype=float).reshape(-1)
    if values.size < 2:
        raise ValueError("x needs at least two points to draw a curve")
    return values


def _zero_lines(ax: Axes, x: np.ndarray, ys: Sequence[np.ndarray]) -> None:
    """Faint axis lines through 0, drawn only where 0 is inside the data's range."""
    if x.min() < 0 < x.max():
        ax.axvline(0, **_ZERO_LINE)
    low = min(float(np.nanmin(y)) for y in ys)
    high = max(float(np.nanmax(y)) for y in ys)
    if low <= 0 <= high:
        ax.axhline(0, **_ZERO_LINE)


def _style_of(label: str, order: dict[str, int]) -> dict[str, object]:
    index = order.setdefault(label, len(order))
    return {"color": COLORS[index % len(COLORS)], "linestyle": LINESTYLES[index % len(LINESTYLES)]}


def plot_functions(
    x: ArrayLike,
    curves: Mapping[str, ArrayLike],
    *,
    title: str,
    xlabel: str = "x",
    ylabel: str = "y",
    ax: Axes | None = None,
) -> Figure:
    """Line plot of each labelled curve ``curves[label]`` against ``x``; returns the figure.

    A legend names the curves when there are two or more. Faint lines mark x = 0 and y = 0 when they fall inside
    the data. The x axis spans the data with 1% of room at each end. With ``ax`` the curves go into that axes (and
    its figure is returned); otherwise a new figure of the house size is made. Curves with a different length from
    ``x`` raise ``ValueError``.
    """
    xs = _as_x(x)
    if not curves:
        raise ValueError("curves is empty: give at least one {label: y values}")
    ys = {label: _as_curve(xs, y, label) for label, y in curves.items()}
    if ax is None:
        fig = Figure(figsize=FIGSIZE)
        ax = fig.add_subplot()
    else:
        fig = ax.get_figure(root=True)
    order: dict[str, int] = {}
    for label, y in ys.items():
        ax.plot(xs, y, label=label, zorder=3, **_style_of(label, order))
    _zero_lines(ax, xs, list(ys.values()))
    # A hair of room at both ends: points a lesson scatters over the curves at the first and last x show whole.
    room = 0.01 * (xs.max() - xs.min())
    ax.set_xlim(xs.min() - room, xs.max() + room)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if len(ys) > 1:
        ax.legend(loc="best")
    return fig


def function_grid(
    x: ArrayLike,
    panels: Mapping[str, Mapping[str, ArrayLike]],
    *,
    ncols: int = 4,
    xlabel: str = "x",
    suptitle: str | None = None,
) -> Figure:
    """Small multiples: one panel per name in ``panels``, each holding its labelled curves against ``x``.

    All panels share x and y limits so shapes compare at a glance; each is titled with its name. A curve label
    keeps its colour and line style in every panel (first label solid, second dashed, ...), and one legend at the
    bottom of the figure names them when there are two or more labels. The figure is the house width and
    1.75 inches tall per row of panels, plus room for the titles and legend.
    """
    xs = _as_x(x)
    if not panels:
        raise ValueError("panels is empty: give at least one {panel name: {label: y values}}")
    if ncols < 1:
        raise ValueError(f"ncols must be at least 1, got {ncols}")
    data = {name: {label: _as_curve(xs, y, f"{name}: {label}") for label, y in curves.items()}
            for name, curves in panels.items()}
    ncols = min(ncols, len(data))
    nrows = math.ceil(len(data) / ncols)
    header = (0.35 if suptitle else 0.0) + 0.3
    fig = Figure(figsize=(FIGSIZE[0], 1.75 * nrows + header))
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel()
    order: dict[str, int] = {}
    handles: dict[str, Line2D] = {}
    for ax, (name, curves) in zip(axes, data.items()):
        for label, y in curves.items():
            (line,) = ax.plot(xs, y, label=label, zorder=3, linewidth=1.8, **_style_of(label, order))
            handles.setdefault(label, line)
        if curves:
            _zero_lines(ax, xs, list(curves.values()))
        ax.set_title(name, fontsize=10.5)
        ax.tick_params(labelsize=9.5)
    for ax in axes[len(data):]:
        ax.set_visible(False)
    for index, ax in enumerate(axes[: len(data)]):
        below_is_empty = index + ncols >= len(data)
        if below_is_empty:
            ax.set_xlabel(xlabel, fontsize=10)
            ax.xaxis.set_tick_params(labelbottom=True)
    axes[0].set_xlim(xs.min(), xs.max())
    # A tick at every whole unit where the range allows: in panels this small the automatic choice kept two (0 and
    # 2), and a reader could not read off the limits at -1 and 1 or a slope of 1 that the lessons point out.
    axes[0].yaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 5, 10], integer=True))
    if suptitle:
        fig.suptitle(suptitle)
    if len(handles) > 1:
        # Below the panels: "outside upper center" would collide with the suptitle.
        fig.legend(handles.values(), handles.keys(), loc="outside lower center", ncols=len(handles), frameon=False)
    return fig

"""``draw_dense_layer()``: one dense layer drawn as linear units that share their inputs.

Inputs x0, x1, ... and a bias input "1" on the left; on the right each unit is a Σ that sums its weighted
inputs into its output y0, y1, .... Edge ``w_ij`` carries input i to unit j, as in Keras, where ``kernel[i, j]``
is that weight and ``bias[j]`` is ``b_j``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from course.plotting.narrow import NARROW_WIDTH, with_phone_drawing
from course.plotting.nodes import TITLE_LINE_HEIGHT, TITLE_SIZE, canvas, connect, diagram_title, node
from course.plotting.style import COLORS, DIAGRAM_COLORS, FIGSIZE, TEXT_COLOR, readable_text_color

__all__ = ["draw_dense_layer"]

MAX_NODES = 8
"""Widest layer drawn node by node; wider ones belong in ``draw_network``."""
MAX_LABELLED_EDGES = 9
"""Weights are labelled only up to this many edges; beyond it the labels would cover each other."""

_COLUMNS_X = {FIGSIZE[0]: (1.35, 4.35, 5.55), NARROW_WIDTH: (0.55, 2.8, 3.45)}
"""Where the inputs, the units and the outputs' arrowheads stand, in inches, for each width the layer is drawn at:
the wide drawing and the phone drawing (``course.plotting.narrow``)."""
_LABEL_W, _LABEL_H = 0.36, 0.22  # inches taken by a weight label such as w01, with its white backing
_LABEL_CLEARANCE = 0.65  # inches from a label's centre to the centre of its edge's unit, at the least

Point = tuple[float, float]


def _labels(given: Sequence[str] | None, prefix: str, count: int, what: str) -> list[str]:
    if given is None:
        return [f"${prefix}_{{{i}}}$" for i in range(count)]
    labels = [str(label) for label in given]
    if len(labels) != count:
        raise ValueError(f"{what} has {len(labels)} labels for {count} nodes: give one label per node")
    return labels


def _column(count: int, pitch: float, middle: float) -> np.ndarray:
    return middle + pitch * ((count - 1) / 2 - np.arange(count))


def _crossings(segments: list[tuple[Point, Point]]) -> list[Point]:
    """Where the straight edges cross one another, away from their ends."""
    points = []
    for a, ((ax0, ay0), (ax1, ay1)) in enumerate(segments):
        for (bx0, by0), (bx1, by1) in segments[a + 1:]:
            d = (ax1 - ax0) * (by1 - by0) - (ay1 - ay0) * (bx1 - bx0)
            if abs(d) < 1e-9:
                continue
            t = ((bx0 - ax0) * (by1 - by0) - (by0 - ay0) * (bx1 - bx0)) / d
            u = ((bx0 - ax0) * (ay1 - ay0) - (by0 - ay0) * (ax1 - ax0)) / d
            if 0.05 < t < 0.95 and 0.05 < u < 0.95:
                points.append((ax0 + t * (ax1 - ax0), ay0 + t * (ay1 - ay0)))
    return points


def _label_positions(segments: list[tuple[Point, Point]]) -> list[Point]:
    """A spot on each edge for its weight label, placed greedily clear of other labels and of edge crossings.

    Candidates run along the middle of the edge; each label takes the candidate farthest (in label sizes) from
    the labels already placed and from crossings, preferring the middle on ties. Deterministic.
    """
    crossings = _crossings(segments)
    placed: list[Point] = []
    for (x0, y0), (x1, y1) in segments:
        best, best_score = (0.0, 0.0), -np.inf
        # Never nearer the unit than _LABEL_CLEARANCE, where the arrowheads gather (it matters on short edges).
        farthest = min(0.78, 1 - _LABEL_CLEARANCE / float(np.hypot(x1 - x0, y1 - y0)))
        for t in np.linspace(0.28, farthest, 11):
            x, y = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
            clear = min((max(abs(x - px) / _LABEL_W, abs(y - py) / _LABEL_H) for px, py in placed), default=9.0)
            off_cross = min((np.hypot(x - cx, y - cy) / _LABEL_H for cx, cy in crossings), default=9.0)
            score = min(clear, 2.0) + 0.5 * min(off_cross, 2.0) - 0.3 * abs(t - 0.55)
            if score > best_score:
                best, best_score = (float(x), float(y)), score
        placed.append(best)
    return placed


def draw_dense_layer(
    n_inputs: int = 2,
    n_units: int = 2,
    *,
    bias: bool = True,
    input_labels: Sequence[str] | None = None,
    unit_labels: Sequence[str] | None = None,
    title: str | None = None,
) -> Figure:
    """Diagram of a dense layer with ``n_inputs`` inputs and ``n_units`` units; returns the figure.

    Every input (and the bias input "1", unless ``bias=False``) connects to every unit. Weights are labelled
    ``w_ij`` (and biases ``b_j``) while there are at most ``MAX_LABELLED_EDGES`` edges. ``input_labels`` and
    ``unit_labels`` replace the default x0, x1, ... and y0, y1, ... (one per node). Layers wider than
    ``MAX_NODES`` on either side raise ``ValueError``: draw those with ``draw_network``. The figure carries the
    same layer drawn for phones as its ``PHONE_DRAWING`` attribute (see ``course.plotting.narrow``).
    """
    for name, count in (("n_inputs", n_inputs), ("n_units", n_units)):
        if not 1 <= count <= MAX_NODES:
            raise ValueError(
                f"{name} must be between 1 and {MAX_NODES}, got {count}; draw wider layers with draw_network"
            )
    inputs = _labels(input_labels, "x", n_inputs, "input_labels")
    outputs = _labels(unit_labels, "y", n_units, "unit_labels")
    # No-break spaces keep a count with its noun when the phone drawing breaks the title.
    inputs_word = f"{n_inputs}\N{NO-BREAK SPACE}input{'s' * (n_inputs != 1)}"
    default = (f"A dense layer with one linear unit and {inputs_word}" if n_units == 1
               else f"A dense layer: {n_units}\N{NO-BREAK SPACE}linear units sharing {inputs_word}")
    heading = title if title is not None else default
    return with_phone_drawing(lambda width: _draw(inputs, outputs, bias, heading, width))


def _draw(inputs: list[str], outputs: list[str], bias: bool, heading: str, width: float) -> Figure:
    """The layer ``width`` inches wide (one of ``_COLUMNS_X``); the title breaks between words where it must."""
    x_input, x_unit, x_output = _COLUMNS_X[width]
    n_inputs, n_units = len(inputs), len(outputs)
    rows = n_inputs + (1 if bias else 0)
    pitch = min(0.85, 3.2 / max(rows - 1, n_units - 1, 1))
    radius = min(0.24, 0.34 * pitch)
    body = (max(rows, n_units) - 1) * pitch + 2 * radius
    heading = diagram_title(heading, width)
    height = 0.8 + TITLE_LINE_HEIGHT * heading.count("\n") + body + 0.75
    fig, ax = canvas(height, width)
    middle = 0.75 + body / 2

    left = _column(rows, pitch, middle)
    right = _column(n_units, pitch, middle)
    sources = [(x_input, y) for y in left]
    units = [(x_unit, y) for y in right]

    edges = [(i, j) for j in range(n_units) for i in range(rows)]
    crowded = len(edges) > 16  # arrowheads would pile up on the units: plain lines, thinner
    for i, j in edges:
        connect(ax, sources[i], units[j], start_radius=radius, end_radius=radius, arrow=not crowded,
                color=COLORS[j % len(COLORS)], linewidth=0.9 if crowded else 1.3, alpha=0.85)
    if len(edges) <= MAX_LABELLED_EDGES:
        segments = [(sources[i], units[j]) for i, j in edges]
        for (i, j), (x, y) in zip(edges, _label_positions(segments)):
            text = f"$b_{{{j}}}$" if bias and i == rows - 1 else f"$w_{{{i}{j}}}$"
            ax.text(x, y, text, ha="center", va="center", fontsize=10,
                    color=readable_text_color(COLORS[j % len(COLORS)]), zorder=6,
                    bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none"})
    for i, (source, label) in enumerate(zip(sources, [*inputs, "1"] if bias else inputs)):
        node(ax, source, radius, kind="bias" if bias and i == rows - 1 else "input", label=label, fontsize=11)
    for j, (unit, label) in enumerate(zip(units, outputs)):
        node(ax, unit, radius, kind="hidden", label="Σ", fontsize=13)
        end = (x_output, unit[1])
        connect(ax, unit, end, start_radius=radius, arrow=True, color=DIAGRAM_COLORS["outline"], linewidth=1.3)
        ax.text(x_output + 0.1, unit[1], label, ha="left", va="center", fontsize=11, color=TEXT_COLOR)

    top = middle + body / 2
    ax.text(x_input, top + 0.1, "inputs", ha="center", va="bottom", fontsize=10, color="#666666")
    ax.text(x_unit, top + 0.1, "units", ha="center", va="bottom", fontsize=10, color="#666666")
    formula = r"$y_j = \sum_i\, w_{ij}\, x_i + b_j$" if bias else r"$y_j = \sum_i\, w_{ij}\, x_i$"
    ax.text(width / 2, 0.22, formula, ha="center", va="bottom", fontsize=11.5, color=TEXT_COLOR)
    ax.text(width / 2, height - 0.12, heading, ha="center", va="top", fontsize=TITLE_SIZE, fontweight="bold",
            color=TEXT_COLOR, multialignment="center")
    return fig

"""``draw_network(model)``: the diagram of a stack of dense layers, read from the Keras model itself.

Columns of nodes left to right (input, hidden layers, output), every node joined to every node of the next
column, each column headed by its role and activation and footed by its width and parameter count. A column
wider than ``max_nodes_per_layer`` shows its first and last few nodes around a vertical ellipsis.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from course.plotting.architecture import Column, describe_model
from course.plotting.narrow import with_phone_drawing
from course.plotting.nodes import (TITLE_LINE_HEIGHT, TITLE_SIZE, canvas, connect, diagram_title, node,
                                   vertical_ellipsis)
from course.plotting.text_fit import text_width
from course.plotting.style import FIGSIZE, MIN_FONT_SIZE, TEXT_COLOR

__all__ = ["column_header", "draw_network"]

_MUTED = "#666666"
_TITLE_BAND = 0.5  # inches above the headers for the title
_HEADER_BAND = 0.42  # inches for the column headers
_FOOTER_BAND = 0.62  # inches for width and parameter count under each column
_TOTAL_BAND = 0.34  # inches for the total at the bottom
_TEXT_FILL = 0.8  # share of the distance between columns that a column's text may take
_MANY_EDGES = 120  # past this many edges, lines get thinner and lighter so the nodes stay readable


def column_header(columns: list[Column], index: int) -> str:
    """The text above column ``index``: "input", "hidden 1 · relu" or "output · linear"."""
    column = columns[index]
    if column.kind == "input":
        return "input"
    name = "output" if column.kind == "output" else f"hidden {index}"
    return f"{name} · {column.activation}"


def _width_text(column: Column) -> str:
    noun = ("feature" if column.kind == "input" else "unit") + ("" if column.width == 1 else "s")
    return f"{column.width:,} {noun}"


def _params_text(column: Column) -> str:
    if column.kind == "input":
        return ""
    return f"{column.params:,} param{'' if column.params == 1 else 's'}"


def _slots(width: int, max_nodes: int) -> list[int | None]:
    """Which nodes a column shows, top to bottom: their indices, with ``None`` where the ellipsis goes."""
    if width <= max_nodes:
        return list(range(width))
    head = max_nodes // 2
    tail = max_nodes - head - 1
    return [*range(head), None, *range(width - tail, width)]


def _fit_size(texts: list[str], room: float, *, largest: float, smallest: float, bold: bool = False) -> float:
    """The largest font size (points) at which every text fits in ``room`` inches, within the given bounds."""
    widest = max(text_width(t, 10, bold=bold) for t in texts)
    return max(smallest, min(largest, 10 * room / widest))


def _stacked(text: str) -> str:
    """``text`` broken into lines for a narrow column: "hidden 1 · relu", "131,328 params" and "dropout 0.25" over
    two each."""
    return text.replace(" · ", "\n").replace(" param", "\nparam").replace("dropout ", "dropout\n")


def draw_network(model: Any, *, title: str | None = None, max_nodes_per_layer: int = 8) -> Figure:
    """Diagram of a built Keras model made of ``Dense`` layers (``Activation`` layers attach to the layer before).

    Reads the input width, each layer's ``units``, activation and ``count_params()``; the model is not changed.
    Raises ``ValueError`` if the model is not built (make it with ``keras.Input``) or holds other kinds of layers.
    ``title`` defaults to the layer widths, e.g. "2 → 4 → 3 → 1". The figure carries the same diagram laid out
    for phones, ``NARROW_WIDTH`` inches wide with each column's texts over several lines, as its
    ``PHONE_DRAWING`` attribute (see ``course.plotting.narrow``).
    """
    if max_nodes_per_layer < 3:
        raise ValueError(f"max_nodes_per_layer must be at least 3, got {max_nodes_per_layer}")
    columns = describe_model(model)
    heading = title if title is not None else " → ".join(f"{c.width:,}" for c in columns)
    return with_phone_drawing(lambda width: _draw(columns, heading, max_nodes_per_layer, width))


def _draw(columns: list[Column], heading: str, max_nodes_per_layer: int, width: float) -> Figure:
    """The diagram ``width`` inches wide; narrower than the house width, each column's texts break into lines (see
    ``_stacked``) and the title into two even ones where it must."""
    stacked = width < FIGSIZE[0]
    lines = _stacked if stacked else str
    heading = diagram_title(heading, width)
    headers = [lines(column_header(columns, i)) for i in range(len(columns))]
    footers = [[_width_text(c), lines(_params_text(c)), lines(" · ".join(c.notes))] for c in columns]
    all_footers = [text for texts in footers for text in texts]

    # Horizontal layout: columns evenly spaced, text sized to leave a clear gap between neighbours. The margins
    # depend on the outer texts' widths, which depend on the size: two passes settle it.
    spacing = (width - 1.2) / max(len(columns) - 1, 1)
    for _ in range(2):
        header_size = _fit_size(headers, _TEXT_FILL * spacing, largest=10.5, smallest=MIN_FONT_SIZE, bold=True)
        footer_size = _fit_size(all_footers, _TEXT_FILL * spacing, largest=10, smallest=MIN_FONT_SIZE)
        outer = [text_width(headers[k], header_size, bold=True) for k in (0, -1)]
        outer += [text_width(text, footer_size) for k in (0, -1) for text in footers[k]]
        margin = max(0.45, max(outer) / 2 + 0.12)
        spacing = (width - 2 * margin) / max(len(columns) - 1, 1)
    xs = [margin + i * spacing for i in range(len(columns))]

    # Vertical layout: every column centred on the same line; the tallest sets the figure's height.
    slots = [_slots(c.width, max_nodes_per_layer) for c in columns]
    tallest = max(len(s) for s in slots)
    pitch = min(0.52, 2.5 / max(tallest - 1, 1))  # distance between node centres, inches
    radius = min(0.16, 0.36 * pitch)
    body = (tallest - 1) * pitch + 2 * radius
    line_height = 0.2  # inches per added line of a column's text
    header_lines = max(header.count("\n") for header in headers)
    params_lines = max(text.count("\n") for _, text, _ in footers)
    notes_lines = max(notes.count("\n") + 1 if notes else 0 for _, _, notes in footers)
    footer_band = _FOOTER_BAND + line_height * (params_lines + notes_lines)
    height = (_TITLE_BAND + TITLE_LINE_HEIGHT * heading.count("\n") + _HEADER_BAND + line_height * header_lines + body + footer_band
              + _TOTAL_BAND + 0.1)
    fig, ax = canvas(height, width)
    middle = _TOTAL_BAND + footer_band + body / 2
    centres = [
        [None if s is None else (x, middle + ((len(col) - 1) / 2 - k) * pitch) for k, s in enumerate(col)]
        for x, col in zip(xs, slots)
    ]

    many = sum(len(a) * len(b) for a, b in zip(slots, slots[1:])) > _MANY_EDGES
    for left, right in zip(centres, centres[1:]):
        for start in filter(None, left):
            for end in filter(None, right):
                connect(ax, start, end, start_radius=radius, end_radius=radius,
                        linewidth=0.6 if many else 0.9, alpha=0.55 if many else 0.9)

    label_inputs = columns[0].width <= max_nodes_per_layer and radius >= 0.1
    top = middle + body / 2
    bottom = middle - body / 2
    for x, column, column_slots, column_centres, header, (units, params, notes) in zip(
            xs, columns, slots, centres, headers, footers):
        for k, (slot, centre) in enumerate(zip(column_slots, column_centres)):
            if centre is None:
                ellipsis_y = middle + ((len(column_slots) - 1) / 2 - k) * pitch
                vertical_ellipsis(ax, (x, ellipsis_y), pitch * 0.22)
                continue
            label = f"$x_{{{slot}}}$" if column.kind == "input" and label_inputs else None
            node(ax, centre, radius, kind=column.kind, label=label, fontsize=9.5 if radius >= 0.14 else MIN_FONT_SIZE)
        ax.text(x, top + 0.16, header, ha="center", va="bottom", fontsize=header_size, fontweight="bold",
                color=TEXT_COLOR, multialignment="center")
        ax.text(x, bottom - 0.12, units, ha="center", va="top", fontsize=footer_size, color=TEXT_COLOR)
        if column.kind != "input":
            ax.text(x, bottom - 0.34, params, ha="center", va="top", fontsize=footer_size, color=_MUTED,
                    multialignment="center")
        if notes:
            ax.text(x, bottom - 0.54 - line_height * params_lines, notes, ha="center", va="top",
                    fontsize=footer_size, color=_MUTED, style="italic", multialignment="center")

    total = sum(c.params for c in columns)
    ax.text(width / 2, 0.12, f"{total:,} parameters in total (weights and biases)", ha="center", va="bottom",
            fontsize=9.5, color=_MUTED, style="italic", wrap=stacked)
    ax.text(width / 2, height - 0.14, heading, ha="center", va="top", fontsize=TITLE_SIZE, fontweight="bold",
            color=TEXT_COLOR, multialignment="center")
    return fig

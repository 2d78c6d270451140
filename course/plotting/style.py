"""The course's figure style: one set of matplotlib rcParams, sizes and colours that every figure uses.

Rules: no seaborn, no downloaded fonts (DejaVu Sans ships with matplotlib), white figure backgrounds so a figure
reads the same on Material's light and dark schemes, and a fixed DPI so the same figure always renders the same.
"""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
from matplotlib import cycler

__all__ = [
    "COLORS",
    "DIAGRAM_COLORS",
    "DPI",
    "FIGSIZE",
    "LINESTYLES",
    "MIN_FONT_SIZE",
    "PIXEL_RATIO",
    "PNG_METADATA",
    "TEXT_COLOR",
    "apply_house_style",
    "readable_text_color",
]

FIGSIZE: tuple[float, float] = (6.4, 3.6)
"""Width and height in inches of a single plot; grids and diagrams keep the width and grow taller."""

DPI: int = 100
"""Pixels per inch at which a figure is shown (CSS pixels on the site): a 6.4-inch figure shows 640 px wide, just
inside Material's 648 px text column, so a desktop browser shows it at its size instead of scaling it down (which
blurs it and costs bytes)."""

PIXEL_RATIO: int = 2
"""Screen pixels per shown pixel that ``show`` draws for: it renders at ``PIXEL_RATIO * DPI`` (the same inches and
layout, twice the pixels each way) and gives the size at ``DPI``, so a figure keeps its size on the page and in
Jupyter and is sharp on high-DPI screens (most laptops and phones) and when zoomed. The site also serves each figure
scaled down to its shown size, for 1x screens (``course.engine.figures``)."""

COLORS: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermilion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#9933E6",  # violet
    "#555555",  # dark grey
)
"""The colour cycle, for readers with and without a colour-vision deficiency. Okabe & Ito's colour-blind-safe
palette keeps its four colours that stand out from white at 3:1 or more (WCAG's minimum for lines and marks);
its orange, sky blue and yellow are too pale for that and make way for a violet and a dark grey. Under simulated
protanopia, deuteranopia and tritanopia every two colours stay at least 15 CIELAB units apart (about 17 at the
closest, under tritanopia; tests/test_plotting.py checks 15)."""

LINESTYLES: tuple[str | tuple[float, tuple[float, ...]], ...] = (
    "-",
    "--",
    "-.",
    ":",
    (0, (7, 2.5)),  # long dashes
    (0, (4, 1.5, 1, 1.5, 1, 1.5)),  # dash, dot, dot
)
"""One line style per colour, cycled together with ``COLORS``: lines differ by their pattern too, so a reader
who cannot tell two colours apart (or prints the page in grey) still can."""

SMALL_PRINT_PX: float = 12.4
"""The site's smallest running text in CSS pixels: output blocks, 0.62rem of Material's 20 px root (course.css)."""

NARROWEST_SHOWN_PX: float = 632
"""Narrowest width at which a desktop browser shows a figure: Material's 648 px text column less the dark scheme's
white frame. Figures are shown a little wider (FIGSIZE × DPI CSS pixels) and scaled down to it there."""

MIN_FONT_SIZE: float = SMALL_PRINT_PX * 72 / (NARROWEST_SHOWN_PX / FIGSIZE[0])
"""Smallest font size (points) any figure text may have so that, scaled into the page, it is no smaller than the
page's small print (about 9.0 pt). Measured at the shown size (CSS pixels per figure inch), so it does not depend on
how many pixels the figure is rendered with (``PIXEL_RATIO``)."""

TEXT_COLOR: str = "#222222"
"""Text, tick and spine colour: near-black, softer than pure black on a white page."""

DIAGRAM_COLORS: dict[str, str] = {
    "input": "#DCEBF7",  # pale blue fill
    "bias": "#EBEBEB",  # pale grey fill
    "hidden": "#FBE3D3",  # pale vermilion fill
    "output": "#D5F0E6",  # pale green fill
    "edge": "#9AA5B1",  # connections: visible, never louder than the nodes
    "outline": "#333333",  # node outlines
}
"""Fills of the node kinds in layer and network diagrams, and the colours of their lines."""

PNG_METADATA: dict[str, str | None] = {"Software": None}
"""``savefig(metadata=...)`` for PNGs: matplotlib otherwise stamps its version into every file. Together with
Agg's deterministic rendering this makes the same figure give the same bytes on every run."""

_RC: dict[str, Any] = {
    # Clean, seaborn-free look. (matplotlib's old "seaborn-whitegrid" style is now "seaborn-v0_8-whitegrid"; we set
    # the few parameters we want here instead of depending on a style whose name has already changed once.)
    "figure.figsize": FIGSIZE,
    "figure.dpi": DPI,
    "figure.facecolor": "white",
    "figure.edgecolor": "white",
    "figure.constrained_layout.use": True,  # titles, labels and legends never overlap or get clipped
    "figure.titlesize": 13,
    "figure.titleweight": "bold",
    "savefig.dpi": DPI,
    "savefig.facecolor": "white",
    "savefig.edgecolor": "white",
    "savefig.transparent": False,
    "savefig.bbox": None,  # keep the exact figure size: every figure is FIGSIZE[0] inches wide
    "savefig.format": "png",
    "svg.hashsalt": "course",  # SVG ids stay the same between runs, should anyone save SVG
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 10.5,
    "mathtext.fontset": "dejavusans",
    "text.color": TEXT_COLOR,
    "axes.facecolor": "white",
    "axes.edgecolor": "#BBBBBB",
    "axes.linewidth": 0.8,
    "axes.labelcolor": TEXT_COLOR,
    "axes.labelsize": 11,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlepad": 8,
    "axes.titlelocation": "center",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=list(COLORS)) + cycler(linestyle=list(LINESTYLES)),
    "grid.color": "#E6E6E6",
    "grid.linewidth": 0.8,
    "grid.linestyle": "-",
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "xtick.color": "#555555",
    "ytick.color": "#555555",
    "xtick.labelcolor": TEXT_COLOR,
    "ytick.labelcolor": TEXT_COLOR,
    "xtick.direction": "out",
    "ytick.direction": "out",
    "lines.linewidth": 2.0,
    "lines.solid_capstyle": "round",
    "legend.fontsize": 10,
    "legend.frameon": True,
    "legend.framealpha": 0.9,
    "legend.edgecolor": "#DDDDDD",
    "legend.fancybox": False,
    "image.cmap": "viridis",
}


def _contrast_on_white(color: str) -> float:
    channels = [int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 1.05 / (0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2] + 0.05)


def readable_text_color(color: str) -> str:
    """``color`` (``#RRGGBB``) darkened just enough to read as text on white at 4.5:1 (WCAG AA); same hue."""
    value = color
    factor = 1.0
    while _contrast_on_white(value) < 4.5:
        factor *= 0.95
        value = "#" + "".join(f"{round(int(color[i:i + 2], 16) * factor):02x}" for i in (1, 3, 5))
    return value.upper()


def apply_house_style() -> None:
    """Set matplotlib's rcParams to the course style. Idempotent: calling it again changes nothing.

    ``course.plotting`` calls it on import, so a lesson only needs ``from course import plotting``. Only the
    parameters above are touched; anything else a lesson sets stays as it is.
    """
    mpl.rcParams.update(_RC)

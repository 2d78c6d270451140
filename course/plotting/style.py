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
    "PNG_METADATA",
    "TEXT_COLOR",
    "apply_house_style",
]

FIGSIZE: tuple[float, float] = (6.4, 3.6)
"""Width and height in inches of a single plot; grids and diagrams keep the width and grow taller."""

DPI: int = 110
"""Pixels per inch of every rendered figure: a 6.4-inch figure is 704 px wide, the width of Material's text column."""

COLORS: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermilion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#555555",  # dark grey
)
"""The colour cycle: Okabe & Ito's colour-blind-safe palette without its yellow, which is too pale on white."""

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
    "axes.prop_cycle": cycler(color=list(COLORS)),
    "grid.color": "#E6E6E6",
    "grid.linewidth": 0.8,
    "grid.linestyle": "-",
    "xtick.labelsize": 9.5,
    "ytick.labelsize": 9.5,
    "xtick.color": "#555555",
    "ytick.color": "#555555",
    "xtick.labelcolor": TEXT_COLOR,
    "ytick.labelcolor": TEXT_COLOR,
    "xtick.direction": "out",
    "ytick.direction": "out",
    "lines.linewidth": 2.0,
    "lines.solid_capstyle": "round",
    "legend.fontsize": 9.5,
    "legend.frameon": True,
    "legend.framealpha": 0.9,
    "legend.edgecolor": "#DDDDDD",
    "legend.fancybox": False,
    "image.cmap": "viridis",
}


def apply_house_style() -> None:
    """Set matplotlib's rcParams to the course style. Idempotent: calling it again changes nothing.

    ``course.plotting`` calls it on import, so a lesson only needs ``from course import plotting``. Only the
    parameters above are touched; anything else a lesson sets stays as it is.
    """
    mpl.rcParams.update(_RC)

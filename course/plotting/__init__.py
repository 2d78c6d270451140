"""The course's figures: one house style, ``show(fig, alt)`` to publish, plots and diagrams drawn from Keras models.

Importing this package applies the house style. Every function that makes a figure returns a matplotlib
``Figure`` that pyplot does not track (so nothing is displayed twice); a lesson publishes it with ``show``::

    from course import plotting
    plotting.show(plotting.draw_network(model), alt="Two inputs feed four ReLU units, then three, then one output.")
"""

from __future__ import annotations

from course.plotting.display import show
from course.plotting.functions import function_grid, plot_functions
from course.plotting.history import plot_history
from course.plotting.layer_diagram import draw_dense_layer
from course.plotting.network_diagram import draw_network
from course.plotting.probabilities import plot_probabilities
from course.plotting.render import render_png, save_png
from course.plotting.style import COLORS, DPI, FIGSIZE, LINESTYLES, MIN_FONT_SIZE, PIXEL_RATIO, apply_house_style

__all__ = [
    "COLORS",
    "DPI",
    "FIGSIZE",
    "LINESTYLES",
    "MIN_FONT_SIZE",
    "PIXEL_RATIO",
    "apply_house_style",
    "draw_dense_layer",
    "draw_network",
    "function_grid",
    "plot_functions",
    "plot_history",
    "plot_probabilities",
    "render_png",
    "save_png",
    "show",
]

apply_house_style()

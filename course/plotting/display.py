"""``show(fig, alt)``: the one way a lesson publishes a figure, with alternative text, then closes it.

The output carries the PNG twice over, on purpose. ``image/png`` with ``{"alt": ...}`` metadata is the standard
(IPython's ``Image(alt=...)`` writes the same), but nbconvert's *lab* template, which mkdocs-jupyter renders
with, ignores that metadata and writes "No description has been provided for this image". So the bundle also has
a ``text/html`` ``<img alt=...>``, which nbconvert prefers to ``image/png``: the page gets the alt text and one copy
of the image. Outside IPython (a plain script) ``show`` prints ``[figure: alt]`` instead.
"""

from __future__ import annotations

import base64
import html

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from course.plotting.render import render_png

__all__ = ["FIGURE_CLASS", "figure_bundle", "show"]

FIGURE_CLASS = "course-figure"
"""CSS class on the ``<img>`` of every published figure, so the site's stylesheet can frame them."""


def _check_alt(alt: object) -> str:
    if not isinstance(alt, str):
        raise TypeError(f"alt must be a sentence (str) describing the figure, got {type(alt).__name__}")
    text = " ".join(alt.split())
    if not text:
        raise ValueError(
            "alt must be a non-empty sentence describing what the figure shows, for readers who cannot see it, "
            'e.g. show(fig, alt="ReLU is zero for negative inputs and the identity for positive ones.")'
        )
    return text


def _in_ipython() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # a plain Python without IPython installed
        return False
    return get_ipython() is not None


def figure_bundle(png: bytes, alt: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The display data and metadata that ``show`` publishes for ``png`` described by ``alt``."""
    text = _check_alt(alt)
    encoded = base64.b64encode(png).decode("ascii")
    img = (
        f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(text, quote=True)}" '
        f'class="{FIGURE_CLASS}" style="max-width: 100%; height: auto;">'
    )
    data = {"image/png": encoded, "text/html": img, "text/plain": f"[figure: {text}]"}
    return data, {"image/png": {"alt": text}}


def show(fig: Figure, alt: str) -> None:
    """Publish ``fig`` as a PNG described by ``alt``, then close it.

    ``alt`` is a sentence saying what the figure shows (not its title); empty or blank raises ``ValueError``
    (the figure is closed all the same).
    In IPython the figure is displayed once (it is closed, so the inline backend does not show it again); in a
    plain Python process ``[figure: alt]`` is printed. The same figure always gives the same PNG bytes.
    """
    try:
        text = _check_alt(alt)
        png = render_png(fig)
    finally:  # closed even on error, so the inline backend never shows it without its description
        if isinstance(fig, Figure):
            plt.close(fig)
    if not _in_ipython():
        print(f"[figure: {text}]")
        return
    from IPython.display import display

    data, metadata = figure_bundle(png, text)
    display(data, raw=True, metadata=metadata)

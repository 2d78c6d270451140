"""``show(fig, alt)``: the one way a lesson publishes a figure, with alternative text, then closes it.

The output carries the PNG twice over, on purpose. ``image/png`` with ``{"alt": ...}`` metadata is the standard
(IPython's ``Image(alt=...)`` writes the same), but nbconvert's *lab* template, which mkdocs-jupyter renders
with, ignores that metadata and writes "No description has been provided for this image". So the bundle also has
a ``text/html`` ``<img alt=...>``, which nbconvert prefers to ``image/png``: the page gets the alt text and one copy
of the image. Outside IPython (a plain script) ``show`` prints ``[figure: alt]`` instead.

The PNG has ``PIXEL_RATIO`` times the pixels of the figure's shown size, which both copies give (the metadata's
``width``/``height``, which Jupyter honours, and the ``<img>``'s attributes): the figure shows at its house size,
sharp on high-DPI screens. The site reads that size to publish a 1x and a 2x file (``course.engine.pages``).

A wide figure whose layout also fits ``NARROW_WIDTH`` inches is drawn a second time that wide, for phones
(``course.plotting.narrow``): the ``<img>`` sits in a ``<picture>`` whose ``<source>`` gives that drawing to windows
matching ``PHONE_MEDIA``, where the wide one would be scaled to about half and its labels to about 7 px.
"""

from __future__ import annotations

import base64
import html
import io

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from PIL import Image

from course.plotting.narrow import PHONE_MEDIA, render_narrow_png
from course.plotting.render import render_png
from course.plotting.style import PIXEL_RATIO

__all__ = ["FIGURE_CLASS", "figure_bundle", "show", "shown_size"]

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


def shown_size(png: bytes, scale: int = 1) -> tuple[int, int] | None:
    """Width and height at which ``png``, rendered at ``scale`` times the house DPI, is shown (rounded up); None
    when ``png`` is not an image Pillow can read."""
    try:
        with Image.open(io.BytesIO(png)) as image:
            width, height = image.size
    except (OSError, ValueError):  # Pillow's UnidentifiedImageError is an OSError
        return None
    return -(-width // scale), -(-height // scale)


def figure_bundle(png: bytes, alt: str, *, scale: int = 1,
                  narrow: bytes | None = None) -> tuple[dict[str, str], dict[str, dict[str, object]]]:
    """The display data and metadata that ``show`` publishes for ``png`` described by ``alt``; ``png`` has ``scale``
    pixels per shown pixel each way, and both the ``<img>`` and the metadata give its shown size. With ``narrow``
    (the phone drawing, at the same ``scale``), the HTML is a ``<picture>`` that shows it under ``PHONE_MEDIA``."""
    text = _check_alt(alt)
    size = shown_size(png, scale)
    encoded = base64.b64encode(png).decode("ascii")
    dimensions = f'width="{size[0]}" height="{size[1]}" ' if size else ""
    img = (
        f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(text, quote=True)}" '
        f'{dimensions}class="{FIGURE_CLASS}" style="max-width: 100%; height: auto;">'
    )
    narrow_size = shown_size(narrow, scale) if narrow is not None else None
    if narrow_size:
        source = (f'<source media="{PHONE_MEDIA}" srcset="data:image/png;base64,'
                  f'{base64.b64encode(narrow).decode("ascii")}" width="{narrow_size[0]}" height="{narrow_size[1]}">')
        img = f"<picture>{source}{img}</picture>"
    data = {"image/png": encoded, "text/html": img, "text/plain": f"[figure: {text}]"}
    metadata: dict[str, object] = {"alt": text}
    if size:
        metadata["width"], metadata["height"] = size
    return data, {"image/png": metadata}


def show(fig: Figure, alt: str) -> None:
    """Publish ``fig`` as a PNG described by ``alt``, then close it.

    The PNG is rendered at ``PIXEL_RATIO`` times the house DPI and shown at the house size (see the module's notes).

    ``alt`` is a sentence saying what the figure shows (not its title); empty or blank raises ``ValueError``
    (the figure is closed all the same).
    In IPython the figure is displayed once (it is closed, so the inline backend does not show it again); in a
    plain Python process ``[figure: alt]`` is printed. The same figure always gives the same PNG bytes.
    """
    try:
        text = _check_alt(alt)
        png = render_png(fig, scale=PIXEL_RATIO)
        narrow = render_narrow_png(fig, scale=PIXEL_RATIO) if _in_ipython() else None
    finally:  # closed even on error, so the inline backend never shows it without its description
        if isinstance(fig, Figure):
            plt.close(fig)
    if not _in_ipython():
        print(f"[figure: {text}]")
        return
    from IPython.display import display

    data, metadata = figure_bundle(png, text, scale=PIXEL_RATIO, narrow=narrow)
    display(data, raw=True, metadata=metadata)

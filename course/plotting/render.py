"""Turn a matplotlib figure into the PNG bytes the course publishes: house DPI, small, and the same every run.

Agg draws the figure at ``DPI`` (times ``scale``: ``show`` draws at ``PIXEL_RATIO``) on white; Pillow stores it as
a palette PNG (at most 256 colours, no dithering) with ``optimize``. The palette comes from a fast octree whose
entries are then set to the commonest true colour they stand for, so white stays pure white and line and node
colours stay exact; only anti-aliasing shades move.
Measured at 704 px wide, before the house DPI became 100: a line plot 28 KB → 9 KB, the 8 → 512 × 3 → 1 network
186 KB → 40 KB (the site then stores them as lossless WebP with 12, 16 or 32 colours, full colour when none is
faithful: ``course.engine.figures``). Smooth
gradients would band in an octree palette: when it strays too far from the drawing, median cut (finer) is tried,
and a figure neither keeps faithfully (a large colour ramp) is stored as full RGB.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from course.palette import with_commonest_colours
from course.plotting.style import DPI, PNG_METADATA

__all__ = ["render_png", "save_png"]

PALETTE_COLORS = 256
"""Most colours a published PNG keeps."""

MAX_MEAN_ERROR = 1.0
"""Largest mean per-pixel error (0–255 scale, worst channel) the octree palette may make before median cut is
used; plots and diagrams come in at 0.2–0.7, a viridis heatmap at 1.6."""


def _mean_error(rgb: Image.Image, quantized: Image.Image) -> float:
    original = np.asarray(rgb, dtype=np.int16)
    approximated = np.asarray(quantized.convert("RGB"), dtype=np.int16)
    return float(np.abs(original - approximated).max(axis=2).mean())


def _smallest_faithful(rgb: Image.Image) -> Image.Image:
    """The octree palette image if it is faithful, else the median-cut one if that is, else ``rgb`` itself."""
    octree = rgb.quantize(PALETTE_COLORS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    candidates = (
        lambda: with_commonest_colours(rgb, octree),
        lambda: rgb.quantize(PALETTE_COLORS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE),
    )
    for make in candidates:
        quantized = make()
        if _mean_error(rgb, quantized) <= MAX_MEAN_ERROR:
            return quantized
    return rgb


def figure_copy(fig: Figure) -> Figure | None:
    """A copy of ``fig`` (registered with pyplot: close it when done), or None when it cannot be copied (say, it
    holds a lambda)."""
    try:
        return pickle.loads(pickle.dumps(fig))
    except (pickle.PicklingError, TypeError, AttributeError):
        return None


@contextmanager
def _untouched(fig: Figure) -> Iterator[Figure]:
    """A copy of ``fig`` to draw, so drawing leaves ``fig`` as it was.

    Constrained layout starts from the current axes positions and moves them: drawing the same figure again can
    shift it by a pixel. Drawing a fresh copy each time makes every render of a figure start from the same state.
    A figure that cannot be copied is drawn itself.
    """
    copy = figure_copy(fig)
    if copy is None:
        yield fig
        return
    try:
        yield copy
    finally:
        plt.close(copy)  # unpickling a pyplot figure registers the copy with pyplot


def render_png(fig: Figure, *, quantize: bool = True, scale: int = 1) -> bytes:
    """Render ``fig`` to PNG bytes at the house DPI; the figure is left open and unchanged (a copy is drawn).

    ``scale`` multiplies the DPI: the same inches and layout, ``scale`` times the pixels each way (``show`` uses
    ``PIXEL_RATIO``, for high-DPI screens). With ``quantize`` (the default) the image is stored with a palette of at
    most 256 colours when that is faithful to the drawing (always so for plots and diagrams), at a third to a quarter
    of the size. The bytes depend only on the figure and ``scale``: rendering the same figure twice, in one process
    or two, gives equal bytes (no timestamps, no version stamps, no dithering noise).
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"render_png expects a matplotlib Figure, got {type(fig).__name__}")
    if not isinstance(scale, int) or isinstance(scale, bool) or scale < 1:
        raise ValueError(f"scale must be a whole number of pixels per house pixel (1 or more), got {scale!r}")
    buffer = io.BytesIO()
    with _untouched(fig) as drawable:
        drawable.savefig(buffer, format="png", dpi=DPI * scale, facecolor="white", metadata=PNG_METADATA)
    with Image.open(io.BytesIO(buffer.getvalue())) as drawn:
        rgb = drawn.convert("RGB")  # the background is opaque white: an alpha channel only adds bytes
    image = _smallest_faithful(rgb) if quantize else rgb
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)  # no pnginfo: no text chunks
    return out.getvalue()


def save_png(fig: Figure, path: str | Path, *, quantize: bool = True, scale: int = 1) -> Path:
    """Write ``render_png(fig)`` to ``path`` (parents created) and return the path; for previews and docs assets."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(render_png(fig, quantize=quantize, scale=scale))
    return target

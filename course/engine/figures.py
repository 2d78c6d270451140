"""A lesson figure as the site serves it: the notebook's PNG redrawn with few colours and stored as lossless WebP.

The course's figures are flat colours on white (lines, markers, text, diagram fills) plus the anti-aliased edges
between them. The figure is reduced to the fewest colours of ``PALETTE_SIZES`` that keeps it faithful: its
commonest colours (as many as half the palette: white, then each line, marker, fill and text colour) kept exactly,
and every pixel off by less than ``MAX_MEAN_ERROR`` on average. Each palette entry is set to the commonest true
colour among the pixels it stands for, so only edge shades move. Lossless WebP then stores those pixels in about a
third fewer bytes than the optimised palette PNG. The notebook downloads keep the PNG. A figure no palette keeps
faithful (a colour ramp, a photograph) is stored as lossless WebP with all its colours.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

PALETTE_SIZES = (12, 16, 32)
"""Palette sizes tried, smallest first."""

MAX_MEAN_ERROR = 1.0
"""Largest mean per-pixel error (0–255, worst channel) allowed for the reduced figure."""


def site_figure(png: bytes) -> bytes:
    """The WebP bytes the site publishes for ``png``; the same PNG always gives the same bytes."""
    with Image.open(io.BytesIO(png)) as drawn:
        rgb = drawn.convert("RGB")
    image = next((reduced for size in PALETTE_SIZES if _faithful(rgb, reduced := _fewer_colours(rgb, size), size)), rgb)
    out = io.BytesIO()
    # Effort 4 of 6: effort 6 takes about a hundred times longer for the same size.
    image.save(out, format="WEBP", lossless=True, quality=100, method=4)
    return out.getvalue()


def _faithful(rgb: Image.Image, reduced: Image.Image, size: int) -> bool:
    """Every pixel off by less than MAX_MEAN_ERROR on average, and the figure's main colours all kept exactly."""
    original = np.asarray(rgb, dtype=np.int16)
    approximated = np.asarray(reduced.convert("RGB"), dtype=np.int16)
    if float(np.abs(original - approximated).max(axis=2).mean()) > MAX_MEAN_ERROR:
        return False
    by_count = sorted(rgb.getcolors(rgb.width * rgb.height), reverse=True)
    kept = {colour for _, colour in reduced.convert("RGB").getcolors(256)}
    return all(colour in kept for _, colour in by_count[: size // 2])


def _fewer_colours(rgb: Image.Image, size: int) -> Image.Image:
    """Median cut to ``size`` entries (no dithering), each entry then set to its commonest original colour."""
    quantized = rgb.quantize(size, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    pixels = np.asarray(rgb, dtype=np.uint32).reshape(-1, 3)
    packed = (pixels[:, 0] << 16) | (pixels[:, 1] << 8) | pixels[:, 2]
    entries = np.asarray(quantized, dtype=np.uint32).reshape(-1)
    keys, counts = np.unique((entries.astype(np.uint64) << 24) | packed, return_counts=True)
    order = np.lexsort((-counts, keys >> 24))  # by entry, commonest colour first
    keys = keys[order]
    first = np.r_[True, (keys[1:] >> 24) != (keys[:-1] >> 24)]
    palette = np.zeros((256, 3), dtype=np.uint8)
    used = quantized.getpalette() or []
    palette.flat[: len(used)] = used[: palette.size]
    for key in keys[first]:
        colour = int(key) & 0xFFFFFF
        palette[int(key) >> 24] = (colour >> 16, (colour >> 8) & 255, colour & 255)
    quantized.putpalette(palette.tobytes())
    return quantized

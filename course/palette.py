"""Palette images that keep the drawing's own colours: shared by the figures a lesson renders (course.plotting) and
the copies the site publishes (course.engine.figures), without importing matplotlib."""

from __future__ import annotations

import numpy as np
from PIL import Image

__all__ = ["with_commonest_colours"]


def with_commonest_colours(rgb: Image.Image, quantized: Image.Image) -> Image.Image:
    """``quantized`` (a palette image made from ``rgb``) with each palette entry set to the commonest colour of
    ``rgb`` among the pixels it stands for, so white stays pure white and a line's colour stays exact; the entries
    no pixel uses keep their colours. Changed in place and returned."""
    pixels = np.asarray(rgb, dtype=np.uint64)
    packed = (pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]
    keys, counts = np.unique((np.asarray(quantized, dtype=np.uint64) << 24) | packed, return_counts=True)
    entries, colours = keys >> 24, keys & 0xFFFFFF
    order = np.lexsort((-counts, entries))  # by palette entry, commonest colour first
    entries, colours = entries[order], colours[order]
    first = np.r_[True, entries[1:] != entries[:-1]]
    used = (quantized.getpalette() or [])[: 3 * 256]
    palette = np.zeros((max(len(used) // 3, int(entries.max()) + 1), 3), dtype=np.uint8)
    palette.flat[: len(used)] = used
    for entry, colour in zip(entries[first], colours[first]):
        palette[int(entry)] = ((int(colour) >> 16) & 255, (int(colour) >> 8) & 255, int(colour) & 255)
    quantized.putpalette(palette.tobytes())
    return quantized

"""A lesson figure as the site serves it: the notebook's PNG redrawn with few colours and stored as lossless WebP.

The course's figures are flat colours on white (lines, markers, text, diagram fills) plus the anti-aliased edges
between them. The figure is reduced to the fewest colours of ``PALETTE_SIZES`` that keeps it faithful: every pixel
of a drawn colour (white, each line, marker, fill and text colour: ``DRAWN_SHARE``) kept exactly, and every pixel
off by less than ``MAX_MEAN_ERROR`` on average. Two palettes are tried, and the smaller file kept: median cut, each
entry then set to the commonest true colour among the pixels it stands for, so only edge shades move; and the
drawn colours themselves plus median cut's other entries, each pixel taking the nearest (median cut can put two
drawn colours in one entry, which then fails). Lossless WebP then stores those pixels in about a
third fewer bytes than the optimised palette PNG. The notebook downloads keep the PNG. A figure no palette keeps
faithful (a colour ramp, a photograph) is stored as lossless WebP with all its colours.

``course.plotting.show`` renders figures at twice the size they are shown at (for high-DPI screens); the site
serves that as the 2x file and, for 1x screens, the figure scaled down to its shown ``size``: each pixel the mean of
the pixels it covers (for halving, exactly what anti-aliasing by supersampling does; Lanczos or bicubic filters
ring around lines and text, which costs palette entries and bytes and looks no sharper), then given the palette a
1x render gets (256 colours, each its commonest true colour: ``course.plotting.render``), so that it reduces as
compactly as a figure drawn at 1x, and then reduced as above.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from course.palette import with_commonest_colours

PALETTE_SIZES = (12, 16, 32)
"""Palette sizes tried, smallest first."""

MAX_MEAN_ERROR = 1.0
"""Largest mean per-pixel error (0–255, worst channel) allowed for the reduced figure."""


DRAWN_SHARE = 1 / 2000
"""A colour on at least this share of a figure's pixels is a drawn colour (a line, marker, text or fill), not an
edge shade: every pixel that has it keeps it exactly. (Kept only "in the palette", a scaled-down figure's blue line
could turn green: its edge shades outnumber it, and one line's pixels barely move the mean error.)"""

RENDER_PALETTE = 256
"""Colours of the palette a scaled-down figure is first given, as ``course.plotting.render`` gives a 1x render."""


def site_figure(png: bytes, size: tuple[int, int] | None = None) -> bytes:
    """The WebP bytes the site publishes for ``png``, scaled down to ``size`` (width, height) when that is given and
    differs from the PNG's; the same PNG and size always give the same bytes. Raises ValueError when ``size`` is
    larger than the PNG or below 1."""
    with Image.open(io.BytesIO(png)) as drawn:
        rgb = drawn.convert("RGB")
    if size is not None and tuple(size) != rgb.size:
        rgb = _scaled_down(rgb, (int(size[0]), int(size[1])))
    original = _Original(rgb)
    cut_found = main_found = None  # each method's smallest faithful palette; one median cut per size serves both
    for size in PALETTE_SIZES:
        cut = _fewer_colours(rgb, size)
        if cut_found is None and original.faithful(cut):
            cut_found = cut
        if main_found is None:
            main = _keeping_main_colours(rgb, size, cut=cut, drawn=original.drawn)
            main_found = main if original.faithful(main) else None
        if cut_found is not None and main_found is not None:
            break
    reduced = [image for image in (cut_found, main_found) if image is not None]
    return min((_webp(image) for image in reduced or [rgb]), key=len)  # the first, of two the same size


def _webp(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # Effort 4 of 6: effort 6 takes about a hundred times longer for the same size.
    image.save(out, format="WEBP", lossless=True, quality=100, method=4)
    return out.getvalue()


def _scaled_down(rgb: Image.Image, size: tuple[int, int]) -> Image.Image:
    """``rgb`` at ``size``, each pixel the mean of those it covers, snapped to a 256-colour palette when faithful."""
    if size[0] > rgb.width or size[1] > rgb.height or min(size) < 1:
        raise ValueError(f"a figure of {rgb.width} x {rgb.height} px can only be scaled down, not to {size}")
    small = rgb.resize(size, Image.Resampling.BOX)
    snapped = _fewer_colours(small, RENDER_PALETTE).convert("RGB")
    return snapped if _Original(small).faithful(snapped) else small


def _faithful(rgb: Image.Image, reduced: Image.Image) -> bool:
    """Every pixel off by less than MAX_MEAN_ERROR on average, and every pixel of a drawn colour (``DRAWN_SHARE``)
    unchanged."""
    return _Original(rgb).faithful(reduced)


class _Original:
    """A figure's pixels, packed once, and its drawn colours: what each candidate reduction is checked against."""

    def __init__(self, rgb: Image.Image):
        self.packed = _packed(rgb)
        self.shifted = self.packed.astype(np.uint64) << 24
        self.drawn = _drawn_colours(self.packed)

    def faithful(self, reduced: Image.Image) -> bool:
        """``_faithful``, worked out on the distinct (original, reduced) colour pairs rather than on every pixel."""
        pairs, counts = np.unique(self.shifted | _packed(reduced.convert("RGB")), return_counts=True)
        before, after = pairs >> 24, pairs & 0xFFFFFF
        error = np.abs(_channels(before) - _channels(after)).max(axis=1)
        if float((error * counts).sum()) / self.packed.size > MAX_MEAN_ERROR:
            return False
        drawn = np.isin(before, self.drawn)
        return bool(np.array_equal(before[drawn], after[drawn]))


def _channels(packed: np.ndarray) -> np.ndarray:
    return np.stack([(packed >> 16) & 255, (packed >> 8) & 255, packed & 255], axis=1).astype(np.int32)


def _packed(rgb: Image.Image) -> np.ndarray:
    pixels = np.asarray(rgb, dtype=np.uint32)
    return ((pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]).reshape(-1)


def _drawn_colours(packed: np.ndarray) -> np.ndarray:
    """The packed colours on at least DRAWN_SHARE of the pixels, commonest first."""
    colours, counts = np.unique(packed, return_counts=True)
    order = np.argsort(-counts, kind="stable")
    return colours[order][counts[order] >= DRAWN_SHARE * packed.size]


def _fewer_colours(rgb: Image.Image, size: int) -> Image.Image:
    """Median cut to ``size`` entries (no dithering), each entry then set to its commonest original colour."""
    return with_commonest_colours(rgb, rgb.quantize(size, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE))


def _keeping_main_colours(rgb: Image.Image, size: int, *, cut: Image.Image | None = None,
                          drawn: np.ndarray | None = None) -> Image.Image:
    """A palette of the drawn colours (``DRAWN_SHARE``), then the other entries of median cut's ``cut`` (made here
    when not given; by how many pixels they stand for); each pixel becomes its nearest entry (no dithering)."""
    drawn = _drawn_colours(_packed(rgb)) if drawn is None else drawn
    main = [(int(c) >> 16, (int(c) >> 8) & 255, int(c) & 255) for c in drawn][:size]
    cut = _fewer_colours(rgb, size) if cut is None else cut
    by_count = sorted(cut.convert("RGB").getcolors(size) or [], reverse=True)
    colours = (main + [colour for _, colour in by_count if colour not in main])[:size]
    # The nearest entry of each distinct colour, computed exactly: Pillow's quantize(palette=...) looks colours up
    # at reduced precision, so a drawn colour could take a close entry instead of its own.
    distinct, inverse = np.unique(_packed(rgb), return_inverse=True)
    channels = np.stack([(distinct >> 16) & 255, (distinct >> 8) & 255, distinct & 255], axis=1).astype(np.int32)
    entries = np.asarray(colours, dtype=np.int32)
    nearest = ((channels[:, None, :] - entries[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    indexed = Image.fromarray(nearest[inverse].reshape(rgb.height, rgb.width).astype(np.uint8), mode="P")
    indexed.putpalette([value for colour in colours for value in colour])
    return indexed

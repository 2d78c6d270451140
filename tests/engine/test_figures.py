"""Figures as the site serves them: few colours, exact main colours, lossless WebP, same bytes every time."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageColor, ImageDraw

from course.engine.figures import PALETTE_SIZES, site_figure


def png_of(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def line_plot(scale: int = 1) -> Image.Image:
    """White, two anti-aliased coloured lines and dark text: the course's kind of figure (``scale`` times the
    pixels each way, as ``show`` draws for high-DPI screens)."""
    big = Image.new("RGB", (1200, 640), "white")
    draw = ImageDraw.Draw(big)
    draw.line([(40, 600), (600, 100), (1160, 300)], fill="#0072B2", width=20)
    draw.line([(40, 100), (600, 500), (1160, 200)], fill="#D55E00", width=20)
    draw.text((60, 40), "training loss", fill="#222222", font_size=40)
    # each pixel the mean of the big one's it covers: solid cores, soft edges
    return big.resize((300 * scale, 160 * scale), Image.Resampling.BOX)


def decoded(webp: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(webp))
    assert image.format == "WEBP"
    return image.convert("RGB")


def test_a_plot_keeps_white_and_its_line_colours_exactly_with_few_colours():
    original = line_plot()
    served = decoded(site_figure(png_of(original)))
    colours = {colour for _, colour in served.getcolors(1 << 16)}
    assert len(colours) <= max(PALETTE_SIZES)
    assert {(255, 255, 255), (0x00, 0x72, 0xB2), (0xD5, 0x5E, 0x00)} <= colours
    error = np.abs(np.asarray(original, np.int16) - np.asarray(served, np.int16)).max(axis=2).mean()
    assert error < 1.0
    assert served.size == original.size


def test_the_same_figure_gives_the_same_bytes_and_fewer_than_the_png():
    png = png_of(line_plot().quantize(256, dither=Image.Dither.NONE))
    assert site_figure(png) == site_figure(png)
    assert len(site_figure(png)) < len(png)


def test_a_colour_ramp_that_few_colours_would_band_keeps_every_pixel():
    ramp = np.tile(np.linspace(0, 255, 256, dtype=np.uint8), (40, 1))
    original = Image.fromarray(np.stack([ramp, 255 - ramp, ramp // 2], axis=2))
    served = decoded(site_figure(png_of(original)))
    assert served.tobytes() == original.tobytes()


def test_a_figure_with_more_main_colours_than_a_small_palette_holds_keeps_them_all():
    image = Image.new("RGB", (240, 120), "white")
    draw = ImageDraw.Draw(image)
    hues = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#9933E6", "#555555", "#222222", "#E69F00",
            "#56B4E9", "#F0E442", "#000000"]
    for index, hue in enumerate(hues):
        draw.rectangle([10 + 20 * index, 10, 24 + 20 * index, 110], fill=hue)
    served = decoded(site_figure(png_of(image)))
    colours = {colour for _, colour in served.getcolors(1 << 16)}
    assert {ImageColor.getrgb(hue) for hue in hues} <= colours


def test_a_high_resolution_figure_scaled_down_to_its_shown_size_stays_faithful_with_few_colours():
    drawn = line_plot(scale=2)
    served = decoded(site_figure(png_of(drawn), size=(300, 160)))
    assert served.size == (300, 160)
    colours = {colour for _, colour in served.getcolors(1 << 16)}
    assert len(colours) <= max(PALETTE_SIZES)
    assert {(255, 255, 255), (0x00, 0x72, 0xB2), (0xD5, 0x5E, 0x00)} <= colours
    # each pixel about the mean of the four it covers: no ringing, no shift
    mean = drawn.resize((300, 160), Image.Resampling.BOX)
    assert np.abs(np.asarray(mean, np.int16) - np.asarray(served, np.int16)).max(axis=2).mean() < 1.0
    assert site_figure(png_of(drawn), size=(300, 160)) == site_figure(png_of(drawn), size=(300, 160))
    # the size it is drawn at changes nothing
    assert site_figure(png_of(drawn), size=drawn.size) == site_figure(png_of(drawn))


def test_a_figure_is_only_ever_scaled_down():
    with pytest.raises(ValueError, match="can only be scaled down"):
        site_figure(png_of(line_plot()), size=(600, 320))


def test_the_smaller_of_the_two_faithful_palettes_is_kept():
    from course.engine.figures import _faithful, _fewer_colours, _keeping_main_colours, _webp

    rgb = line_plot(scale=2).resize((300, 160), Image.Resampling.BOX)
    served = site_figure(png_of(rgb))
    for fewer in (_fewer_colours, _keeping_main_colours):
        reduced = next((image for size in PALETTE_SIZES if _faithful(rgb, image := fewer(rgb, size))), None)
        assert reduced is None or len(served) <= len(_webp(reduced))
    kept = decoded(_webp(_keeping_main_colours(rgb, 12)))
    main = {colour for _, colour in sorted(rgb.getcolors(1 << 16), reverse=True)[:6]}
    assert main <= {colour for _, colour in kept.getcolors(1 << 16)} and len(kept.getcolors(1 << 16)) <= 12



def test_every_pixel_of_each_line_colour_keeps_it_in_a_course_plot_scaled_down():
    """A course plot scaled down to its shown size has more pixels of edge shades (grid lines, blends) than of some
    of its lines' colours. A line colour that is only "in the palette" could still have its pixels painted in a
    neighbouring entry's colour: lesson 2's blue ReLU line turned green this way."""
    from course.plotting import plot_functions, render_png

    grid = np.linspace(-3, 3, 601)
    curves = {f"w = {w:g}, b = {b:g}": np.maximum(0, w * grid + b)
              for w, b in [(1.0, 0.0), (1.0, 1.0), (2.0, -2.0), (-1.0, 0.5)]}
    drawn_png = render_png(plot_functions(grid, curves, title="A ReLU unit, max(0, wx + b)"), scale=2)
    drawn = Image.open(io.BytesIO(drawn_png)).convert("RGB")
    size = (drawn.width // 2, drawn.height // 2)
    shown = np.asarray(drawn.resize(size, Image.Resampling.BOX))
    served = np.asarray(decoded(site_figure(drawn_png, size=size)))
    for hue in ("#0072B2", "#D55E00", "#009E73", "#CC79A7"):  # the house palette's first four line colours
        pixels = np.all(shown == ImageColor.getrgb(hue), axis=2)
        assert pixels.sum() > 0, hue
        assert np.all(served[pixels] == ImageColor.getrgb(hue)), f"{hue} pixels took another colour"


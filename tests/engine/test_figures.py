"""Figures as the site serves them: few colours, exact main colours, lossless WebP, same bytes every time."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageColor, ImageDraw

from course.engine.figures import PALETTE_SIZES, site_figure


def png_of(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def line_plot() -> Image.Image:
    """White, two anti-aliased coloured lines and dark text: the course's kind of figure."""
    image = Image.new("RGB", (300, 160), "white")
    big = image.resize((1200, 640))
    draw = ImageDraw.Draw(big)
    draw.line([(40, 600), (600, 100), (1160, 300)], fill="#0072B2", width=20)
    draw.line([(40, 100), (600, 500), (1160, 200)], fill="#D55E00", width=20)
    draw.text((60, 40), "training loss", fill="#222222")
    return big.resize((300, 160), Image.Resampling.BOX)  # each pixel the mean of 4 x 4: solid cores, soft edges


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

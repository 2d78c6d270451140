"""course.plotting: the house style, show() publishing with alt text, and plots and diagrams drawn from Keras models."""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before TensorFlow is first imported (by the keras fixtures)
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import base64
import hashlib
import io
import math
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from course import plotting
from course.plotting import display as display_module
from course.plotting import style
from course.plotting.display import figure_bundle

ALT = "A straight line rising from left to right."


def texts(fig: Figure) -> list[str]:
    """Every piece of text drawn in ``fig``: titles, labels, legends, annotations."""
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def line_figure() -> Figure:
    fig, ax = plt.subplots()
    ax.plot([0, 1, 2], [0, 1, 2])
    ax.set_title("A line")
    return fig


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def displayed(monkeypatch):
    """Pretend to run in IPython and record what show() passes to IPython.display.display."""
    calls = []
    monkeypatch.setattr(display_module, "_in_ipython", lambda: True)
    monkeypatch.setattr("IPython.display.display", lambda *args, **kwargs: calls.append((args, kwargs)))
    return calls


@pytest.fixture(scope="module")
def keras():
    import keras

    return keras


@pytest.fixture(scope="module")
def small_model(keras):
    layers = keras.layers
    return keras.Sequential(
        [keras.Input(shape=(2,)), layers.Dense(4, activation="relu"), layers.Dense(3, activation="relu"),
         layers.Dense(1)]
    )


# --- style ---------------------------------------------------------------------------------------------------------


def test_house_style_is_applied_on_import_and_idempotent():
    before = dict(mpl.rcParams)
    plotting.apply_house_style()
    plotting.apply_house_style()
    assert dict(mpl.rcParams) == before
    assert mpl.rcParams["savefig.dpi"] == plotting.DPI
    assert mpl.rcParams["font.sans-serif"][0] == "DejaVu Sans"
    assert mpl.colors.to_hex(mpl.rcParams["figure.facecolor"]) == "#ffffff"
    assert mpl.rcParams["axes.prop_cycle"].by_key()["color"] == list(plotting.COLORS)


# --- render and show -----------------------------------------------------------------------------------------------


def test_render_is_deterministic_house_sized_and_free_of_text_chunks():
    first, second = plotting.render_png(line_figure()), plotting.render_png(line_figure())
    assert first == second
    with Image.open(io.BytesIO(first)) as image:
        assert image.size == (round(6.4 * plotting.DPI), round(3.6 * plotting.DPI))
    assert b"tEXt" not in first and b"iTXt" not in first and b"Matplotlib" not in first


def test_palette_keeps_white_white_and_gradients_smooth():
    with Image.open(io.BytesIO(plotting.render_png(line_figure()))) as image:
        assert image.mode == "P" and image.convert("RGB").getpixel((0, 0)) == (255, 255, 255)
    fig = Figure()
    fig.add_subplot().imshow(np.linspace(0, 1, 256)[None, :].repeat(64, axis=0), aspect="auto")
    exact = np.asarray(Image.open(io.BytesIO(plotting.render_png(fig, quantize=False))).convert("RGB"), dtype=int)
    small = np.asarray(Image.open(io.BytesIO(plotting.render_png(fig))).convert("RGB"), dtype=int)
    assert np.abs(exact - small).max(axis=2).mean() <= 1.0  # no visible banding in a colour ramp


def image_figure() -> Figure:
    fig = Figure()
    fig.add_subplot().imshow(np.linspace(0, 1, 64).reshape(8, 8))
    return fig


@pytest.mark.parametrize("make", [plotting.draw_dense_layer, line_figure, image_figure])
def test_rendering_the_same_figure_again_gives_the_same_bytes(make):
    fig = make()  # constrained layout moves axes a little on every draw: render_png must not let that show
    renders = {plotting.render_png(fig) for _ in range(3)}
    assert len(renders) == 1


def test_renders_are_the_same_in_another_process():
    script = (
        "import hashlib; from course import plotting; "
        "print(hashlib.sha256(plotting.render_png(plotting.draw_dense_layer())).hexdigest())"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == hashlib.sha256(plotting.render_png(plotting.draw_dense_layer())).hexdigest()


def test_show_displays_png_with_alt_text_and_closes_the_figure(displayed):
    fig = line_figure()
    plotting.show(fig, alt=ALT)
    assert plt.get_fignums() == []
    [(args, kwargs)] = displayed
    data = args[0]
    assert kwargs["raw"] is True
    assert kwargs["metadata"] == {"image/png": {"alt": ALT, "width": 640, "height": 360}}
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    assert f'alt="{ALT}"' in data["text/html"]
    assert data["image/png"] in data["text/html"]


def test_show_draws_twice_the_pixels_and_gives_the_house_size_to_show_them_at(displayed):
    plotting.show(line_figure(), alt=ALT)
    [((data,), kwargs)] = displayed
    png = base64.b64decode(data["image/png"])
    with Image.open(io.BytesIO(png)) as image:
        assert plotting.PIXEL_RATIO == 2
        assert image.size == (round(6.4 * plotting.DPI) * 2, round(3.6 * plotting.DPI) * 2)
    # Same inches and layout, twice the pixels: the drawing at 2x is the 1x drawing in finer detail.
    assert png == plotting.render_png(line_figure(), scale=2) != plotting.render_png(line_figure())
    assert (kwargs["metadata"]["image/png"]["width"], kwargs["metadata"]["image/png"]["height"]) == (640, 360)
    img = re.search(r"<img[^>]*>", data["text/html"]).group(0)
    assert ' width="640" ' in img and ' height="360" ' in img


def test_a_shown_size_is_rounded_up_from_an_odd_number_of_pixels():
    odd = io.BytesIO()
    Image.new("RGB", (1280, 947), "white").save(odd, format="PNG")
    data, metadata = figure_bundle(odd.getvalue(), ALT, scale=2)
    assert (metadata["image/png"]["width"], metadata["image/png"]["height"]) == (640, 474)
    assert 'width="640" height="474"' in data["text/html"]


@pytest.mark.parametrize("scale", [0, 1.5, True])
def test_render_rejects_a_scale_that_is_not_a_whole_number_of_pixels(scale):
    with pytest.raises(ValueError, match="scale must be a whole number"):
        plotting.render_png(line_figure(), scale=scale)


def test_show_gives_the_same_bytes_for_the_same_figure(displayed):
    plotting.show(line_figure(), alt=ALT)
    plotting.show(line_figure(), alt=ALT)
    assert displayed[0][0][0]["image/png"] == displayed[1][0][0]["image/png"]


@pytest.mark.parametrize("alt", ["", "   ", "\n"])
def test_show_rejects_empty_alt_text_and_still_closes(displayed, alt):
    with pytest.raises(ValueError, match="alt must be a non-empty sentence"):
        plotting.show(line_figure(), alt=alt)
    assert displayed == []
    assert plt.get_fignums() == []


def test_show_rejects_alt_that_is_not_text():
    with pytest.raises(TypeError, match="alt must be a sentence"):
        plotting.show(line_figure(), alt=None)  # type: ignore[arg-type]


def test_show_outside_ipython_prints_the_alt_text(capsys):
    plotting.show(line_figure(), alt=ALT)
    assert capsys.readouterr().out == f"[figure: {ALT}]\n"
    assert plt.get_fignums() == []


def test_show_in_a_plain_python_script():
    script = "from course import plotting; plotting.show(plotting.draw_dense_layer(), alt='One dense layer.')"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout == "[figure: One dense layer.]\n"


def test_nbconvert_lab_html_carries_the_alt_text():
    nbformat = pytest.importorskip("nbformat")
    nbconvert = pytest.importorskip("nbconvert")
    data, metadata = figure_bundle(plotting.render_png(line_figure()), 'Line & "quotes" <escaped>.')
    cell = nbformat.v4.new_code_cell("plotting.show(fig, alt=...)")
    cell.outputs = [nbformat.v4.new_output("display_data", data=data, metadata=metadata)]
    notebook = nbformat.v4.new_notebook(cells=[cell])
    html, _ = nbconvert.HTMLExporter(template_name="lab").from_notebook_node(notebook)
    images = re.findall(r"<img[^>]*>", html)
    assert len(images) == 1
    assert "alt='Line &amp; \"quotes\" &lt;escaped&gt;.'" in images[0] or (
        'alt="Line &amp; &quot;quotes&quot; &lt;escaped&gt;."' in images[0]
    )
    assert "No description has been provided" not in html


# --- function plots ------------------------------------------------------------------------------------------------


def test_plot_functions_labels_and_legend():
    x = np.linspace(-3, 3, 61)
    fig = plotting.plot_functions(x, {"relu": np.maximum(0, x), "tanh": np.tanh(x)}, title="Two", ylabel="f(x)")
    (ax,) = fig.axes
    assert ax.get_title() == "Two" and ax.get_xlabel() == "x" and ax.get_ylabel() == "f(x)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["relu", "tanh"]
    assert tuple(fig.get_size_inches()) == plotting.FIGSIZE


def test_plot_functions_single_curve_has_no_legend_and_can_draw_into_given_axes():
    x = np.linspace(-1, 1, 11)
    fig, ax = plt.subplots()
    assert plotting.plot_functions(x, {"x²": x**2}, title="One", ax=ax) is fig
    assert ax.get_legend() is None


def test_plot_functions_leaves_room_for_points_at_the_ends_of_x():
    ax = plotting.plot_functions(np.linspace(1.5, 5.5, 9), {"line": np.arange(9.0)}, title="t").axes[0]
    low, high = ax.get_xlim()
    assert low < 1.5 and high > 5.5
    assert (1.5 - low) <= 0.05 and (high - 5.5) <= 0.05  # a hair, not matplotlib's default 5% margins


def test_plot_functions_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="'bad' has 3 values but x has 5"):
        plotting.plot_functions(np.arange(5), {"bad": [1, 2, 3]}, title="t")


def test_function_grid_panels_share_limits_and_one_legend():
    x = np.linspace(-3, 3, 31)
    names = ["relu", "elu", "selu", "softplus", "sigmoid", "tanh", "swish", "leaky_relu"]
    panels = {name: {"f(x)": np.tanh(x) * (k + 1), "f'(x)": 1 - np.tanh(x) ** 2} for k, name in enumerate(names)}
    fig = plotting.function_grid(x, panels, suptitle="Activations")
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == names
    assert len({ax.get_ylim() for ax in visible}) == 1 and len({ax.get_xlim() for ax in visible}) == 1
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["f(x)", "f'(x)"]
    assert fig.get_suptitle() == "Activations"
    assert [line.get_linestyle() for line in visible[0].get_lines()[:2]] == ["-", "--"]


def test_function_grid_marks_every_whole_unit_of_a_small_range():
    """Activations span a few units: a tick at each, so a reader can read off a limit of -1 or a slope of 1."""
    x = np.linspace(-3, 3, 31)
    fig = plotting.function_grid(x, {name: {"f": np.tanh(x) * 2.4 + 0.6} for name in "abcdefgh"})
    fig.canvas.draw()
    low, high = fig.axes[0].get_ylim()
    shown = [tick for tick in fig.axes[0].get_yticks() if low <= tick <= high]
    assert shown == list(range(int(np.ceil(low)), int(np.floor(high)) + 1)), (low, high, shown)


def test_function_grid_hides_unused_cells():
    x = np.linspace(0, 1, 5)
    fig = plotting.function_grid(x, {f"p{k}": {"f": x} for k in range(5)}, ncols=4)
    assert sum(ax.get_visible() for ax in fig.axes) == 5
    assert fig.legends == []


# --- learning curves -----------------------------------------------------------------------------------------------


def test_plot_history_from_a_history_object():
    history = SimpleNamespace(history={"loss": [1.0, 0.5, 0.3], "val_loss": [1.1, 0.7, 0.6]})
    fig = plotting.plot_history(history)
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["training", "validation"]
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "loss" and ax.get_title() == "Learning curves"
    assert list(ax.get_lines()[0].get_xdata()) == [1, 2, 3]


def test_plot_history_several_metrics_from_a_dict():
    record = {"mae": [3, 2], "val_mae": [4, 3], "loss": [9, 4], "val_loss": [10, 5]}
    fig = plotting.plot_history(record, metrics=("mae", "val_mae"), ylabel="MAE", title="Error")
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["training", "validation"]
    fig = plotting.plot_history(record, metrics=tuple(record), ylabel="value")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["training mae", "validation mae", "training loss", "validation loss"]


def test_plot_history_reads_accuracy_in_percent_and_loss_as_it_is():
    record = {"binary_accuracy": [0.61, 0.9], "val_binary_accuracy": [0.7, 0.95], "loss": [0.7, 0.3]}
    accuracy = plotting.plot_history(record, metrics=("binary_accuracy", "val_binary_accuracy")).axes[0]
    loss = plotting.plot_history(record, metrics=("loss",)).axes[0]
    for ax in (accuracy, loss):
        ax.figure.canvas.draw()
    accuracy_ticks = [t.get_text() for t in accuracy.get_yticklabels() if t.get_text()]
    assert accuracy_ticks and all(text.endswith("%") for text in accuracy_ticks), accuracy_ticks
    assert not any("%" in t.get_text() for t in loss.get_yticklabels())


def test_plot_history_names_what_is_missing():
    with pytest.raises(KeyError, match="no 'val_loss'; it has 'loss'"):
        plotting.plot_history({"loss": [1.0]})


# --- diagrams ------------------------------------------------------------------------------------------------------


def test_draw_dense_layer_shows_inputs_bias_units_and_weights():
    drawn = texts(plotting.draw_dense_layer())
    for expected in ["$x_{0}$", "$x_{1}$", "1", "Σ", "$y_{0}$", "$y_{1}$", "$w_{01}$", "$w_{10}$", "$b_{1}$"]:
        assert expected in drawn
    assert drawn.count("Σ") == 2


def test_draw_dense_layer_options():
    drawn = texts(plotting.draw_dense_layer(3, 1, bias=False, input_labels=["a", "b", "c"], unit_labels=["out"]))
    assert {"a", "b", "c", "out", "$w_{20}$"} <= set(drawn)
    assert "1" not in drawn and not any(t.startswith("$b_") for t in drawn)
    crowded = texts(plotting.draw_dense_layer(4, 3))
    assert not any(t.startswith("$w_") for t in crowded)  # 15 edges: too many to label legibly


def test_draw_dense_layer_is_drawn_again_for_phones_with_the_same_labels():
    from course.plotting.narrow import NARROW_WIDTH, PHONE_DRAWING, render_narrow_png

    fig = plotting.draw_dense_layer(2, 2)
    phone = getattr(fig, PHONE_DRAWING)
    assert phone.get_size_inches()[0] == NARROW_WIDTH
    assert sorted(text.replace("\n", " ") for text in texts(phone)) == sorted(texts(fig)), "the title may break"
    assert render_narrow_png(fig) is not None, "its labels fit 4 inches without touching"
    drawn = phone.axes[0].texts  # positions in inches: a diagram's data unit is an inch
    units = [text.get_position() for text in drawn if text.get_text() == "Σ"]
    weights = [text.get_position() for text in drawn if text.get_text().startswith(("$w_", "$b_"))]
    assert len(units) == 2 and len(weights) == 6
    assert min(math.dist(w, u) for w in weights for u in units) >= 0.6, "clear of the arrowheads at the units"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"n_inputs": 0}, "n_inputs must be between 1 and 8"), ({"n_units": 9}, "n_units must be between 1 and 8"),
     ({"input_labels": ["a"]}, "input_labels has 1 labels for 2 nodes")],
)
def test_draw_dense_layer_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        plotting.draw_dense_layer(**kwargs)


def test_draw_network_reads_the_model(small_model):
    weights = [w.copy() for w in small_model.get_weights()]
    fig = plotting.draw_network(small_model)
    assert isinstance(fig, Figure)
    drawn = texts(fig)
    for expected in ["input", "hidden 1 · relu", "hidden 2 · relu", "output · linear", "2 features", "4 units",
                     "3 units", "1 unit", "12 params", "15 params", "4 params", "2 → 4 → 3 → 1"]:
        assert expected in drawn
    assert any(t.startswith("31 parameters in total") for t in drawn)
    assert all(np.array_equal(a, b) for a, b in zip(weights, small_model.get_weights()))
    assert len(small_model.layers) == 3


def test_draw_network_elides_wide_layers(keras):
    layers = keras.layers
    model = keras.Sequential(
        [keras.Input(shape=(8,))] + [layers.Dense(512, activation="relu") for _ in range(3)] + [layers.Dense(1)]
    )
    drawn = texts(plotting.draw_network(model, title="The concrete model"))
    assert drawn.count("512 units") == 3
    assert "262,656 params" in drawn and "4,608 params" in drawn and "513 params" in drawn
    assert "The concrete model" in drawn and "$x_{7}$" in drawn


def test_draw_network_attaches_activation_layers(keras):
    layers = keras.layers
    model = keras.Sequential(
        [keras.Input(shape=(3,)), layers.Dense(4), layers.Activation("relu"), layers.Dropout(0.25),
         layers.Dense(1, activation="sigmoid")]
    )
    drawn = texts(plotting.draw_network(model))
    assert {"hidden 1 · relu", "output · sigmoid", "dropout 0.25", "16 params", "5 params"} <= set(drawn)


def test_draw_network_lays_the_diagram_out_again_for_phones(keras):
    from course.plotting.narrow import NARROW_WIDTH, PHONE_DRAWING, render_narrow_png

    layers = keras.layers
    model = keras.Sequential(  # lesson 04's network: five columns, the widest texts of the course's diagrams
        [keras.Input(shape=(8,))] + [layers.Dense(512, activation="relu") for _ in range(3)]
        + [layers.Dropout(0.25), layers.Dense(1)]
    )
    fig = plotting.draw_network(model)
    phone = getattr(fig, PHONE_DRAWING)
    assert phone.get_size_inches()[0] == NARROW_WIDTH
    assert {"hidden 1\nrelu", "output\nlinear", "262,656\nparams", "dropout\n0.25"} <= set(texts(phone))
    assert {"hidden 1 · relu", "262,656 params"} <= set(texts(fig)), "the wide drawing keeps one line each"
    png = render_narrow_png(fig)
    assert png is not None, "its columns' texts fit 4 inches without touching"
    with Image.open(io.BytesIO(png)) as image:
        assert image.width == round(NARROW_WIDTH * plotting.DPI)


def test_draw_network_needs_a_built_model(keras):
    unbuilt = keras.Sequential([keras.layers.Dense(4, activation="relu"), keras.layers.Dense(1)])
    with pytest.raises(ValueError, match=r"is not built.*keras\.Input"):
        plotting.draw_network(unbuilt)
    assert not unbuilt.built


def test_draw_network_names_layers_it_cannot_draw(keras):
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3), keras.layers.BatchNormalization()])
    with pytest.raises(ValueError, match="is a BatchNormalization"):
        plotting.draw_network(model)


# --- figures for every reader: colour vision, line patterns, text size -----------------------------------------------

# Machado, Oliveira & Fernandes (2009) simulation of full protanopia, deuteranopia and tritanopia on linear RGB.
DEFICIENCIES = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}


def linear_rgb(color: str) -> np.ndarray:
    srgb = np.asarray(mpl.colors.to_rgb(color))
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def cielab(linear: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def contrast_on_white(color: str) -> float:
    return 1.05 / (float(np.dot([0.2126, 0.7152, 0.0722], linear_rgb(color))) + 0.05)


@pytest.mark.parametrize("vision", ["typical", *DEFICIENCIES])
def test_every_two_house_colours_stay_apart_under_colour_vision_deficiencies(vision):
    matrix = np.eye(3) if vision == "typical" else np.asarray(DEFICIENCIES[vision])
    seen = {color: cielab(np.clip(matrix @ linear_rgb(color), 0, 1)) for color in plotting.COLORS}
    distances = {(a, b): float(np.linalg.norm(seen[a] - seen[b]))
                 for i, a in enumerate(plotting.COLORS) for b in plotting.COLORS[i + 1:]}
    closest = min(distances, key=distances.get)
    assert distances[closest] >= 15, f"{closest} are only {distances[closest]:.1f} CIELAB units apart ({vision})"


def test_house_colours_stand_out_from_white_and_text_variants_read_at_aa():
    assert [c for c in plotting.COLORS if contrast_on_white(c) < 3.0] == []  # WCAG 1.4.11, lines and marks
    for color in [*plotting.COLORS, "#E69F00", "#56B4E9"]:
        text = style.readable_text_color(color)
        assert contrast_on_white(text) >= 4.5
        assert contrast_on_white(text) < 5.0 or text == color.upper()  # darkened no further than needed


def test_curves_differ_by_line_pattern_not_only_by_colour():
    x = np.linspace(-3, 3, 61)
    curves = {f"curve {k}": np.tanh(x) * k for k in range(len(plotting.COLORS))}
    ax = plotting.plot_functions(x, curves, title="Many").axes[0]
    patterns = [(line.get_linestyle(), tuple(line._unscaled_dash_pattern[1] or ())) for line in ax.get_lines()
                if not line.get_label().startswith("_")]
    assert len(set(patterns)) == len(curves), patterns
    history = {"loss": [3, 2, 1], "val_loss": [3.5, 2.5, 2], "mae": [2, 1, 0.5], "val_mae": [2, 1.5, 1]}
    for metrics in [("loss", "val_loss"), tuple(history)]:
        ax = plotting.plot_history(history, metrics=metrics).axes[0]
        styles = [(line.get_linestyle(), line.get_marker(), line.get_color()) for line in ax.get_lines()]
        assert len(set(styles)) == len(metrics)
        training, validation = styles[0], styles[1]
        assert training[:2] != validation[:2], "training and validation must differ by more than colour"
    # A plain ax.plot in a lesson gets the same help from the house cycle.
    fig = Figure()
    plain = fig.add_subplot()
    for k in range(len(plotting.COLORS)):
        plain.plot([0, 1], [k, k + 1])
    assert len({(line.get_linestyle(), tuple(line._unscaled_dash_pattern[1] or ())) for line in plain.get_lines()}) \
        == len(plotting.COLORS)


def drawn_text_sizes(fig: Figure) -> dict[str, float]:
    """Every visible, non-empty text of ``fig`` after drawing (tick labels included), with its size in points."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    return {text.get_text(): text.get_fontsize() for text in fig.findobj(Text)
            if text.get_visible() and text.get_text().strip()}


def test_figure_text_is_at_least_the_pages_small_print(small_model, keras):
    css = (Path(__file__).resolve().parent.parent / "docs/assets/stylesheets/course.css").read_text()
    output_rem = float(re.search(r"\.jp-OutputArea-output pre \{\s*font-size: ([\d.]+)rem", css).group(1))
    assert style.SMALL_PRINT_PX == pytest.approx(output_rem * 20)  # Material's root is 20 px
    x = np.linspace(-3, 3, 31)
    wide = keras.Sequential([keras.Input(shape=(8,)), *[keras.layers.Dense(512, activation="relu") for _ in range(3)],
                             keras.layers.Dropout(0.2), keras.layers.Dense(1)])
    figures = {
        "plot_functions": plotting.plot_functions(x, {"a": x, "b": -x}, title="Two"),
        "function_grid": plotting.function_grid(x, {f"p{k}": {"f": x, "g": -x} for k in range(8)}, suptitle="Grid"),
        "plot_history": plotting.plot_history({"loss": [2, 1], "val_loss": [3, 2]}),
        "draw_dense_layer": plotting.draw_dense_layer(3, 2),
        "draw_network": plotting.draw_network(small_model),
        "draw_network wide": plotting.draw_network(wide),
    }
    for name, fig in figures.items():
        small = {text: size for text, size in drawn_text_sizes(fig).items() if size < plotting.MIN_FONT_SIZE}
        assert small == {}, f"{name}: text smaller than {plotting.MIN_FONT_SIZE:.1f} pt"

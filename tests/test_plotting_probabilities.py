"""course.plotting.plot_probabilities: one dot per example in its true class's row, the threshold drawn, the
mistakes counted over each row, the same figure for the same data, and plain errors for inputs it cannot draw."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from course.plotting import plot_probabilities, render_png

PROBABILITIES = [0.02, 0.3, 0.7, 0.95, 0.4, 0.99, 0.5]
LABELS = [0, 0, 0, 1, 1, 1, 1]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def draw() -> Figure:
    return plot_probabilities(PROBABILITIES, LABELS, class_names=("benign", "malignant"),
                              xlabel="predicted probability of malignant")


def test_one_dot_per_example_in_its_class_row():
    ax = draw().axes[0]
    dots = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(dots) == 2
    benign, malignant = (d.get_offsets() for d in dots)
    assert sorted(benign[:, 0]) == [0.02, 0.3, 0.7]
    assert sorted(malignant[:, 0]) == [0.4, 0.5, 0.95, 0.99]
    assert np.all(np.abs(benign[:, 1]) < 0.5) and np.all(np.abs(malignant[:, 1] - 1) < 0.5)


def test_a_line_over_each_row_counts_its_examples_and_mistakes():
    # 0.7 is a benign mass above the threshold; 0.4 a malignant one below it; 0.5, at the threshold, is predicted
    # benign, as Keras counts it: a malignant mass missed.
    ax = draw().axes[0]
    counts = {text.get_text(): text.get_position()[1] for text in ax.texts if "wrong side" in text.get_text()}
    assert counts.keys() == {"1 of 3 on the wrong side", "2 of 4 on the wrong side"}
    benign_dots, malignant_dots = (dots.get_offsets()[:, 1] for dots in ax.collections)
    assert benign_dots.max() < counts["1 of 3 on the wrong side"] < malignant_dots.min()
    assert malignant_dots.max() < counts["2 of 4 on the wrong side"] < ax.get_ylim()[1]
    assert [tick.get_text() for tick in ax.get_yticklabels()] == ["benign", "malignant"]
    assert ax.get_xlabel() == "predicted probability of malignant" and ax.get_ylabel() == "true class"


def test_the_mistakes_drawn_are_those_keras_binary_accuracy_counts():
    import keras

    accuracy = keras.metrics.BinaryAccuracy()
    accuracy.update_state(np.array(LABELS, dtype="float32"), np.array(PROBABILITIES, dtype="float32"))
    wrong = sum(int(text.get_text().split()[0]) for text in draw().axes[0].texts if "wrong side" in text.get_text())
    assert wrong == round((1 - float(accuracy.result())) * len(LABELS))


def test_threshold_is_drawn_and_labelled():
    fig = plot_probabilities(PROBABILITIES, LABELS, threshold=0.25)
    ax = fig.axes[0]
    assert any(list(line.get_xdata()) == [0.25, 0.25] for line in ax.get_lines())
    assert "threshold 0.25" in [text.get_text() for text in ax.texts]


def test_same_data_same_png():
    assert render_png(draw()) == render_png(draw())


@pytest.mark.parametrize(
    ("probabilities", "labels", "kwargs", "message"),
    [
        ([0.1, 0.2], [0], {}, "2 probabilities but 1 labels"),
        ([0.1], [2], {}, "labels must be 0 or 1"),
        ([1.5], [1], {}, "between 0 and 1"),
        ([0.5], [1], {"threshold": 1.0}, "threshold must lie strictly between 0 and 1"),
        ([0.5], [1], {"class_names": ("only one",)}, "exactly two names"),
    ],
    ids=["lengths", "labels", "probability", "threshold", "names"],
)
def test_inputs_it_cannot_draw_are_refused_with_a_reason(probabilities, labels, kwargs, message):
    with pytest.raises(ValueError, match=message):
        plot_probabilities(probabilities, labels, **kwargs)


def test_classes_differ_by_shape_and_text_is_no_smaller_than_the_pages_small_print():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from course.plotting import MIN_FONT_SIZE

    fig = draw()
    dots = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    assert dots[0].get_paths()[0].vertices.tolist() != dots[1].get_paths()[0].vertices.tolist()
    FigureCanvasAgg(fig).draw()
    sizes = {t.get_text(): t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()}
    assert {text: size for text, size in sizes.items() if size < MIN_FONT_SIZE} == {}


def test_it_gets_a_phone_drawing():
    from course.plotting.narrow import render_narrow_png

    rng = np.random.default_rng(1)  # lesson 09's validation set: 105 benign and 66 malignant masses
    probabilities, labels = np.r_[rng.beta(1, 6, 105), rng.beta(6, 1, 66)], np.r_[np.zeros(105), np.ones(66)]
    fig = plot_probabilities(probabilities, labels, class_names=("benign", "malignant"),
                             title="Predicted probability of malignant, validation masses",
                             xlabel="predicted probability of malignant")
    assert render_narrow_png(fig) is not None, "every label fits a phone's 4 inches"

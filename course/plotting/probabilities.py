"""What a binary classifier says about each example: its predicted probability, one dot per example, one row per
true class, with the decision threshold drawn across. Dots on the wrong side of the line are the mistakes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from course.plotting.style import COLORS, FIGSIZE, MIN_FONT_SIZE, TEXT_COLOR

__all__ = ["plot_probabilities"]

_JITTER = 0.28  # half the height of a class's band: dots spread out instead of piling up, and bands never touch
_MARKERS = ("o", "s")  # classes differ by shape as well as by colour and row


def plot_probabilities(
    probabilities: ArrayLike,
    labels: ArrayLike,
    *,
    class_names: Sequence[str] = ("class 0", "class 1"),
    threshold: float = 0.5,
    title: str = "Predicted probabilities",
    xlabel: str = "predicted probability of class 1",
) -> Figure:
    """A strip plot of ``probabilities`` (one per example, between 0 and 1), in one row per true label (0 or 1).

    ``class_names[k]`` names the row of label ``k``; a line above each row says how many of its examples fall on the
    wrong side of ``threshold`` (a probability above it predicts class 1, as Keras's binary accuracy counts). Dots
    are spread vertically by a fixed random jitter, so the same data always gives the same figure. Raises
    ``ValueError`` for mismatched lengths, labels other than 0 and 1, probabilities outside [0, 1] or a threshold
    outside (0, 1).
    """
    p = np.asarray(probabilities, dtype=float).reshape(-1)
    y = np.asarray(labels, dtype=float).reshape(-1)
    if p.shape != y.shape:
        raise ValueError(f"{p.size} probabilities but {y.size} labels: give one label per probability")
    if not np.isin(y, (0, 1)).all():
        raise ValueError(f"labels must be 0 or 1, got {sorted(set(y.tolist()) - {0.0, 1.0})[:5]}")
    if p.size and (np.isnan(p).any() or p.min() < 0 or p.max() > 1):
        raise ValueError("probabilities must lie between 0 and 1 (a sigmoid output); got values outside")
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must lie strictly between 0 and 1, got {threshold}")
    if len(class_names) != 2:
        raise ValueError(f"class_names needs exactly two names, for labels 0 and 1; got {len(class_names)}")

    fig = Figure(figsize=FIGSIZE)
    ax = fig.add_subplot()
    jitter = np.random.default_rng(0).uniform(-_JITTER, _JITTER, size=p.size)
    for label in (0, 1):
        row = y == label
        wrong = int(np.sum((p[row] > threshold) != bool(label)))
        ax.scatter(p[row], label + jitter[row], s=16, alpha=0.7, color=COLORS[label], marker=_MARKERS[label],
                   edgecolors="none", zorder=3)
        # The count sits just above its row, where a reader's eye already is: a legend naming the rows again was
        # wider than the plot on a phone. The white box keeps the threshold line from striking through it.
        ax.text(0.01, label + _JITTER + 0.04, f"{wrong} of {int(row.sum())} on the wrong side",
                transform=ax.get_yaxis_transform(), ha="left", va="bottom", fontsize=MIN_FONT_SIZE, zorder=4,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
    ax.axvline(threshold, color=TEXT_COLOR, linestyle="--", linewidth=1.2, zorder=2)
    ax.annotate(f"threshold {threshold:g}", xy=(threshold, 0.0), xycoords=("data", "axes fraction"),
                xytext=(4, 3), textcoords="offset points", ha="left", va="bottom", fontsize=MIN_FONT_SIZE)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.6, 1.6)  # room below the bottom row for the threshold's label, above the top row for its count
    ax.set_yticks([0, 1], [class_names[0], class_names[1]])
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("true class")
    ax.set_title(title)
    return fig

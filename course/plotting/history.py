"""Learning curves: a metric per epoch from a Keras ``History`` (what ``model.fit`` returns) or its dict."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from course.plotting.style import COLORS, FIGSIZE

__all__ = ["plot_history"]


def _series(history: Any) -> Mapping[str, Sequence[float]]:
    record = getattr(history, "history", history)  # keras.callbacks.History keeps its dict in .history
    if not isinstance(record, Mapping):
        raise TypeError(
            "plot_history expects the History that model.fit returns, or its .history dict; "
            f"got {type(history).__name__}"
        )
    return record


def _label(metric: str, metrics: Sequence[str]) -> str:
    split = "validation" if metric.startswith("val_") else "training"
    base = metric.removeprefix("val_")
    several = len({m.removeprefix("val_") for m in metrics}) > 1
    return f"{split} {base}" if several else split


def plot_history(
    history: Any,
    *,
    metrics: Sequence[str] = ("loss", "val_loss"),
    ylabel: str = "loss",
    title: str | None = None,
) -> Figure:
    """One curve per name in ``metrics`` against the epoch (1, 2, ...); returns the figure.

    ``history`` is a Keras ``History`` or its ``.history`` dict. Curves are labelled "training" and "validation"
    (``val_`` prefix), with the metric's name added when several metrics are plotted; then each metric has its
    colour. Validation curves are dashed with square marks (while epochs are few enough to mark), training curves
    solid with round ones, so they differ by more than colour. A metric the history does not have raises
    ``KeyError`` naming the ones it does. The title defaults to "Learning curves". When every curve is an accuracy
    (a name ending in ``accuracy``), the y axis reads in percent, as the lessons' text quotes accuracies.
    """
    record = _series(history)
    if isinstance(metrics, str):
        metrics = (metrics,)
    if not metrics:
        raise ValueError("metrics is empty: name at least one series of the history, e.g. ('loss', 'val_loss')")
    missing = [m for m in metrics if m not in record]
    if missing:
        raise KeyError(
            f"history has no {', '.join(map(repr, missing))}; it has {', '.join(map(repr, record)) or 'nothing'}"
            " (validation metrics need model.fit(..., validation_data=...) or validation_split)"
        )
    fig = Figure(figsize=FIGSIZE)
    ax = fig.add_subplot()
    n_epochs = max(len(record[m]) for m in metrics)
    bases = list(dict.fromkeys(m.removeprefix("val_") for m in metrics))
    for metric in metrics:
        values = np.asarray(record[metric], dtype=float)
        epochs = np.arange(1, values.size + 1)
        marker = "o" if n_epochs <= 30 else None  # dots show single epochs while they are few enough to see
        validation = metric.startswith("val_")
        # Validation is dashed with square marks, training solid with round ones: told apart without colour.
        pattern = {"linestyle": "--" if validation else "-", "marker": ("s" if validation else "o") if marker else None}
        if len(bases) == 1:  # one metric: training and validation in the first two colours
            style = {"color": COLORS[1 if validation else 0], **pattern}
        else:  # several: a colour per metric
            style = {"color": COLORS[bases.index(metric.removeprefix("val_")) % len(COLORS)], **pattern}
        ax.plot(epochs, values, label=_label(metric, metrics), markersize=4, **style)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    pad = 0.5 if n_epochs <= 1 else 0.02 * (n_epochs - 1)
    ax.set_xlim(1 - pad, max(n_epochs, 1) + pad)
    if all(metric.endswith("accuracy") for metric in metrics):
        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1))
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.set_title(title if title is not None else "Learning curves")
    ax.legend(loc="best", handlelength=3)  # long enough to show the dashes
    return fig

"""Exercise: overfitting and underfitting, on the concrete data. ``q_1`` … ``q_4``, declared here; each has
``check()``, ``hint()`` and ``solution()``. ``q_1`` and ``q_4`` are open; ``q_2`` reads ``model`` and ``q_3``
reads ``early_stopping``. Importing this does not import Keras or TensorFlow.
"""

from __future__ import annotations

from typing import Any

from course.data import EXPECTED_ROWS, FEATURES, TARGET
from course.exercises.callback_checks import CallbackSpec
from course.exercises.placeholder import ____
from course.exercises.question import Question
from course.exercises.result import CheckResult, correct
from course.exercises.sequence_checks import DenseLayer, LayerSequenceSpec
from course.exercises.shape_checks import InputShapeSpec

__all__ = ["____", "q_1", "q_2", "q_3", "q_4"]

CONCRETE = InputShapeSpec(features=len(FEATURES), rows=EXPECTED_ROWS, target=TARGET)


def _read_the_linear_curves(value: Any) -> CheckResult:
    """An open question: any answer, or none, is fine; the feedback says how to read the curves."""
    return correct(
        "there is no single right wording; here is one reading. Both curves level off after a few epochs and "
        "stay close together, at an error far above what the networks of lesson 5 reached. Training longer "
        "would not help: the curves are flat. A gap this small means the model is not memorising anything, "
        "it simply cannot express how the recipe drives the strength. That is underfitting: the model needs "
        "more capacity, which the next question gives it."
    )


q_1 = Question(
    name="q_1",
    prompt="Open: train the linear model (one `Dense(1)` unit) and read its learning curves. Is it underfitting "
    "or overfitting, and what would help?",
    variable=None,
    check_answer=_read_the_linear_curves,
    hint_text="Look at two things: do the curves still go down at the last epoch, and how far apart are they? "
    "Flat curves close together mean the model has learned all it can, which may be little.",
    solution_code="""\
# Both curves flatten out early, close together and high: the linear model has too little
# capacity to follow how the strength depends on the recipe. It underfits; a bigger model helps.""",
)

_WIDER_AND_DEEPER = LayerSequenceSpec(
    CONCRETE, (DenseLayer(128, "relu"), DenseLayer(64, "relu"), DenseLayer(1))
)
q_2 = Question(
    name="q_2",
    prompt="Build a `keras.Sequential` model with two hidden layers, `Dense(128)` then `Dense(64)`, both with "
    "the ReLU activation, and a linear output `Dense(1)`. Start it with `keras.Input(shape=input_shape)`. "
    "Assign it to `model`.",
    variable="model",
    check_answer=_WIDER_AND_DEEPER.check,
    hint_text='The list holds `keras.Input(shape=input_shape)`, `layers.Dense(128, activation="relu")`, '
    '`layers.Dense(64, activation="relu")` and `layers.Dense(1)`; pass it to `keras.Sequential`.',
    solution_code="""\
model = keras.Sequential([
    keras.Input(shape=input_shape),
    layers.Dense(128, activation="relu"),
    layers.Dense(64, activation="relu"),
    layers.Dense(1),
])""",
)

_EARLY_STOPPING = CallbackSpec("EarlyStopping", {"min_delta": 0.001, "patience": 5, "restore_best_weights": True})
q_3 = Question(
    name="q_3",
    prompt="Create a `keras.callbacks.EarlyStopping` callback that stops when the validation loss has not "
    "improved by at least 0.001 for 5 epochs, and then puts back the weights of the best epoch. Assign it to "
    "`early_stopping`.",
    variable="early_stopping",
    check_answer=_EARLY_STOPPING.check,
    hint_text="Three keyword arguments: `min_delta` (the smallest change that counts as an improvement), "
    "`patience` (how many epochs to wait for one) and `restore_best_weights`. `EarlyStopping` watches "
    '`monitor="val_loss"` by default.',
    solution_code="""\
early_stopping = keras.callbacks.EarlyStopping(
    min_delta=0.001,
    patience=5,
    restore_best_weights=True,
)""",
    solution_note="Pass it to `fit` in a list: `model.fit(..., callbacks=[early_stopping])`.",
)


def _read_the_stopping_point(value: Any) -> CheckResult:
    """An open question: any answer, or none, is fine; the feedback says what to compare."""
    return correct(
        "there is nothing to get wrong here; compare your numbers. When early stopping ends training, it does so "
        "`patience` epochs after the best validation loss, and `restore_best_weights=True` puts the weights of "
        "that best epoch back, so the model you keep is the one from the lowest point of the validation curve, "
        "not from the last epoch. With a larger patience training runs longer and has more chances to find a "
        "lower point; with a smaller one it stops sooner, sometimes on a wobble that was not the real minimum."
    )


q_4 = Question(
    name="q_4",
    prompt="Open: at which epoch did training stop, which epoch's weights does the model keep, and how does its "
    "validation error compare with the last epoch's?",
    variable=None,
    check_answer=_read_the_stopping_point,
    hint_text="`len(history.history['val_loss'])` is the number of epochs trained; `np.argmin` of the same list "
    "gives the best epoch (add 1, as epochs are counted from 1). `model.evaluate(valid_batches, verbose=0)` "
    "measures the weights the model has now.",
    solution_code="""\
val_loss = history.history["val_loss"]
print("epochs trained:", len(val_loss))
print("best epoch:", int(np.argmin(val_loss)) + 1)
print("validation MAE at the last epoch:", round(val_loss[-1], 2))
print("validation MAE of the weights kept:", round(model.evaluate(valid_batches, verbose=0), 2))""",
)

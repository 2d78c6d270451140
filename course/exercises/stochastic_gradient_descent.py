"""Exercise: stochastic gradient descent, on the Auto MPG data. ``q_1`` … ``q_4``, declared here; each has
``check()``, ``hint()`` and ``solution()``. ``q_2`` reads how ``model`` was compiled (optimizer and loss, given as
strings or objects, Keras 3 or tf_keras) without changing it. Importing this does not import Keras.
"""

from __future__ import annotations

from typing import Any

from course.data.auto_mpg import FEATURES, TARGET
from course.exercises.auto_mpg_checks import check_input_shape
from course.exercises.compile_checks import CompileSpec
from course.exercises.placeholder import ____
from course.exercises.question import Question
from course.exercises.result import CheckResult, correct

__all__ = ["____", "q_1", "q_2", "q_3", "q_4"]

_N = len(FEATURES)
_COMPILE = 'model.compile(optimizer="adam", loss="mae")'

_COMPILED = CompileSpec(optimizer="adam", loss="mean_absolute_error")


q_1 = Question(
    name="q_1",
    prompt=f"What is the input shape of a model that reads `X_train`, the {_N} standardised features? "
    "Set `input_shape` to it, as a list.",
    variable="input_shape",
    check_answer=check_input_shape,
    hint_text=f"One car is one row of `X_train`: count its columns, or read `X_train.shape[1:]`. The target "
    f"`{TARGET}` is not an input.",
    solution_code=f"input_shape = [{_N}]",
    solution_note="The same as `list(X_train.shape[1:])`.",
)

q_2 = Question(
    name="q_2",
    prompt="Compile `model` with the Adam optimizer and the mean absolute error as its loss.",
    variable="model",
    check_answer=_COMPILED.check,
    hint_text='`model.compile` takes `optimizer=` and `loss=`, as names (`"adam"`, `"mae"`) or objects '
    "(`keras.optimizers.Adam()`, `keras.losses.MeanAbsoluteError()`).",
    solution_code=_COMPILE,
    solution_note="`keras.optimizers.Adam()` and `keras.losses.MeanAbsoluteError()` are the same choice written "
    "as objects; objects let you set options, such as the learning rate.",
)


def _read_the_curves(value: Any) -> CheckResult:
    """An open question: any answer is fine; the feedback says what to look for in the learning curves."""
    return correct(
        "there is nothing to get wrong here; read your curves. Where do they fall steeply, and from which epoch "
        "on do they flatten? A curve still falling at the last epoch says more epochs would help. Is the "
        "validation curve above the training curve, and does the gap grow? Compare the last validation error "
        "with the spread of the mpg: an error of a few mpg on cars that range over tens of mpg is useful."
    )


q_3 = Question(
    name="q_3",
    prompt="Train the compiled model and plot its learning curves. How far did the loss fall, and is it still "
    "falling at the end?",
    variable=None,
    check_answer=_read_the_curves,
    hint_text="`plot_history(history)` draws `loss` and `val_loss` per epoch. Look at where the curves flatten "
    "and at the last validation value.",
    solution_code="""\
history = model.fit(X_train, y_train, validation_data=(X_valid, y_valid),
                    batch_size=64, epochs=20, verbose=0)
show(plot_history(history, ylabel="MAE (mpg)"), alt="Learning curves of the fuel-economy model.")""",
)


def _compare_settings(value: Any) -> CheckResult:
    """An open question: any settings are fine; the feedback says what they usually do."""
    return correct(
        "there is nothing to get wrong here; compare your curves with the first run. A larger learning rate "
        "takes bigger steps: the loss falls faster at first but may jump around or stall higher; a smaller "
        "one is smoother and slower. A smaller batch gives more, noisier steps per epoch, so curves fall "
        "further per epoch but wobble; a larger batch gives fewer, steadier steps."
    )


q_4 = Question(
    name="q_4",
    prompt="Train a fresh model again with another learning rate and batch size, and compare the learning curves.",
    variable=None,
    check_answer=_compare_settings,
    hint_text="Change `learning_rate` and `batch_size` at the top of the cell, run it, and compare where the "
    "curves start to flatten and how smooth they are. Try a learning rate 10 times larger and 10 times smaller.",
    solution_code="""\
for learning_rate, batch_size in [(0.01, 16), (0.0001, 256)]:
    model = make_model()
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mae")
    history = model.fit(X_train, y_train, validation_data=(X_valid, y_valid),
                        batch_size=batch_size, epochs=20, verbose=0)
    show(plot_history(history, ylabel="MAE (mpg)"),
         alt=f"Learning curves with learning rate {learning_rate} and batch size {batch_size}.")""",
)

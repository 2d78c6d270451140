"""Exercise: stochastic gradient descent, on the Auto MPG data. ``q_1`` … ``q_4``, declared here; each has
``check()``, ``hint()`` and ``solution()``. ``q_2`` reads how ``model`` was compiled (optimizer and loss, given as
strings or objects, Keras 3 or tf_keras) without changing it. Importing this does not import Keras.
"""

from __future__ import annotations

import re
from typing import Any

from course.data.auto_mpg import FEATURES, TARGET
from course.exercises.auto_mpg_checks import check_input_shape
from course.exercises.model_checks import not_a_sequential_model
from course.exercises.placeholder import ____
from course.exercises.question import Question
from course.exercises.result import CheckResult, correct, incorrect, not_attempted

__all__ = ["____", "loss_name", "q_1", "q_2", "q_3", "q_4"]

_N = len(FEATURES)
_COMPILE = 'model.compile(optimizer="adam", loss="mae")'

# Every spelling Keras accepts for a loss, mapped to the name the feedback uses.
_LOSS_NAMES = {
    "mae": "MAE", "mean_absolute_error": "MAE",
    "mse": "MSE", "mean_squared_error": "MSE",
    "huber": "Huber", "huber_loss": "Huber",
    "mape": "MAPE", "mean_absolute_percentage_error": "MAPE",
    "msle": "MSLE", "mean_squared_logarithmic_error": "MSLE",
    "log_cosh": "log-cosh", "logcosh": "log-cosh",
}


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def loss_name(loss: Any) -> str | None:
    """``MAE`` for ``"mae"``, ``"mean_absolute_error"``, ``keras.losses.MeanAbsoluteError()`` or the function
    ``keras.losses.mean_absolute_error``; the given name for other losses; ``None`` when there is no loss."""
    if loss is None:
        return None
    if isinstance(loss, str):
        key = loss
    elif isinstance(getattr(loss, "__name__", None), str):  # a function
        key = loss.__name__
    else:  # a Loss object: its class says what it computes
        key = type(loss).__name__
    key = _snake(key)
    return _LOSS_NAMES.get(key, key)


def _check_compiled(value: Any) -> CheckResult:
    problem = not_a_sequential_model(value)
    if problem:
        return incorrect(problem)
    optimizer = getattr(value, "optimizer", None)
    if optimizer is None:
        return not_attempted(f"`model` is not compiled yet: call `{_COMPILE}`, then `q_2.check()`.")
    problems = []
    optimizer_class = type(optimizer).__name__
    if optimizer_class != "Adam":
        problems.append(f"the optimizer is {optimizer_class}; this exercise uses Adam: `optimizer=\"adam\"`.")
    loss = getattr(value, "loss", None)
    name = loss_name(loss)
    if isinstance(loss, (list, tuple, dict)):
        problems.append("the loss is given as a collection, one per output; this model has one output: "
                        '`loss="mae"`.')
    elif name is None:
        problems.append('the model has no loss: pass `loss="mae"` to `model.compile`.')
    elif name != "MAE":
        problems.append(f"the loss is {name}; this exercise trains on the mean absolute error: `loss=\"mae\"`.")
    if problems:
        return incorrect(" ".join(problem[:1].upper() + problem[1:] for problem in problems))
    return correct("compiled with Adam and the mean absolute error, in mpg like the target.")


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
    check_answer=_check_compiled,
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
                    batch_size=64, epochs=25, verbose=0)
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
                        batch_size=batch_size, epochs=25, verbose=0)
    show(plot_history(history, ylabel="MAE (mpg)"),
         alt=f"Learning curves with learning rate {learning_rate} and batch size {batch_size}.")""",
)

"""Exercise: a single neuron, on the Auto MPG data. ``q_1`` … ``q_4``, declared here; each has ``check()``,
``hint()`` and ``solution()``. ``q_3`` reads two variables, ``w`` and ``b``. Importing this does not import Keras.
"""

from __future__ import annotations

from typing import Any

from course.data.auto_mpg import FEATURES, TARGET
from course.exercises.auto_mpg_checks import AUTO_MPG, check_input_shape, check_linear_unit
from course.exercises.placeholder import ____
from course.exercises.question import Question
from course.exercises.result import CheckResult, correct
from course.exercises.weight_checks import WeightsSpec

__all__ = ["____", "q_1", "q_2", "q_3", "q_4"]

_N = len(FEATURES)


q_1 = Question(
    name="q_1",
    prompt=f"`X` holds the {_N} feature columns of the Auto MPG data. What is the model's input shape? "
    "Set `input_shape` to it, as a list.",
    variable="input_shape",
    check_answer=check_input_shape,
    hint_text=f"One car is one row of `X`; count its columns, or read `X.shape[1:]`. The target `{TARGET}`, "
    "`origin` and `name` are not inputs. A shape is a list of sizes: `[number_of_features]`.",
    solution_code=f"input_shape = [{_N}]",
    solution_note="The same as `list(X.shape[1:])`: the shape of one car, without the rows.",
)

q_2 = Question(
    name="q_2",
    prompt="Build a linear model: a `keras.Sequential` of `keras.Input(shape=input_shape)` and one `Dense` "
    "layer with a single unit and no activation. Assign it to `model`.",
    variable="model",
    check_answer=check_linear_unit,
    hint_text="A single neuron is `layers.Dense(1)`. Put it in a list after `keras.Input(shape=input_shape)` "
    "and pass the list to `keras.Sequential`.",
    solution_code="""\
model = keras.Sequential([
    keras.Input(shape=input_shape),
    layers.Dense(1),
])""",
)

q_3 = Question(
    name="q_3",
    prompt="A Dense layer keeps its weights in `model.weights`: the kernel, then the bias. Unpack them into "
    "`w` and `b`.",
    variable="w, b",
    check_answer=WeightsSpec(AUTO_MPG, units=1).check,
    hint_text="`model.weights` is a list of two variables, so `w, b = model.weights` unpacks it. Print their "
    "`.shape` to see which is which.",
    solution_code="w, b = model.weights",
    solution_note=f"`w` has shape ({_N}, 1), one weight per input; `b` has shape (1,), the unit's bias.",
)


def _look_at_the_line(value: Any) -> CheckResult:
    """An open question: any plot is an answer; the feedback says what to look for."""
    return correct(
        "there is nothing to get wrong here; look at your plots. The untrained line crosses x = 0 at the bias, "
        "which starts at 0, and its slope is the one weight, a random number: run the cell again with another "
        "seed and the slope changes, the crossing does not. Its predictions are nowhere near the cars' mpg: "
        "nothing has fitted the weight yet. Lesson 6 lets training find it."
    )


q_4 = Question(
    name="q_4",
    prompt="Optional: build an untrained model with one input, feed it values of one feature and plot its "
    "predictions against the data. Try other seeds and other features.",
    variable=None,
    check_answer=_look_at_the_line,
    hint_text="`keras.Sequential([keras.Input(shape=[1]), layers.Dense(1)])` is a unit with one input. "
    "`model.predict(x, verbose=0)` on a column of values gives its line. Change `keras.utils.set_random_seed`.",
    solution_code="""\
import matplotlib.pyplot as plt
import numpy as np

keras.utils.set_random_seed(1)
one_input = keras.Sequential([keras.Input(shape=[1]), layers.Dense(1)])
x = np.linspace(1.5, 5.5, 50).reshape(-1, 1)  # weight in thousands of pounds
plt.scatter(auto["weight"] / 1000, auto["mpg"], s=8)
plt.plot(x, one_input.predict(x, verbose=0), color="C1")
plt.xlabel("weight (1000 lb)")
plt.ylabel("mpg")
plt.show()""",
)

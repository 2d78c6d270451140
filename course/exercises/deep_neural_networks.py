"""Exercise: Deep Neural Networks, on the concrete data. ``q_1`` … ``q_4``, declared here; each has ``check()``,
``hint()`` and ``solution()``. Importing this does not import Keras or TensorFlow: models are read by class name.
"""

from __future__ import annotations

from typing import Any

from course.data import EXPECTED_ROWS, FEATURES, TARGET
from course.exercises.model_checks import SequentialSpec
from course.exercises.placeholder import ____
from course.exercises.question import Question
from course.exercises.result import CheckResult, correct
from course.exercises.shape_checks import InputShapeSpec

__all__ = ["____", "q_1", "q_2", "q_3", "q_4"]

CONCRETE = InputShapeSpec(features=len(FEATURES), rows=EXPECTED_ROWS, target=TARGET)

q_1 = Question(
    name="q_1",
    prompt=(
        f"The target is the column `{TARGET}`; the other columns are the features, the model's inputs. "
        "What is the input shape for this data? Set `input_shape` to it."
    ),
    variable="input_shape",
    check_answer=CONCRETE.check,
    hint_text=(
        f"Count the feature columns: every column except the target `{TARGET}`. `X.shape[1:]` gives the same "
        "count without the rows. A shape is a list of sizes: `[number_of_features]`."
    ),
    solution_code="input_shape = [8]",
    solution_note="The same as `list(X.shape[1:])`: 8 features per sample; the rows and the target are not part of it.",
)

_DEEP = SequentialSpec(CONCRETE, hidden_units=(512, 512, 512))
q_2 = Question(
    name="q_2",
    prompt=(
        "Create a `keras.Sequential` model with three hidden layers, each of 512 units with the ReLU activation, "
        "and an output layer of one unit with no activation. Start it with `keras.Input(shape=(8,))`. "
        "Assign it to `model`."
    ),
    variable="model",
    check_answer=_DEEP.check,
    hint_text=(
        'Put in a list: `keras.Input(shape=(8,))`, three times `layers.Dense(512, activation="relu")`, and '
        "`layers.Dense(1)`, which has no activation. Pass the list to `keras.Sequential`."
    ),
    solution_code="""\
model = keras.Sequential([
    keras.Input(shape=(8,)),
    layers.Dense(512, activation="relu"),
    layers.Dense(512, activation="relu"),
    layers.Dense(512, activation="relu"),
    layers.Dense(1),
])""",
)

_ACTIVATION_LAYERS = SequentialSpec(CONCRETE, hidden_units=(32, 32), activation_layers=True)
q_3 = Question(
    name="q_3",
    prompt=(
        'Rewrite this model so that each activation is its own `layers.Activation("relu")` layer, and assign it '
        'to `model`: `keras.Sequential([keras.Input(shape=(8,)), layers.Dense(32, activation="relu"), '
        'layers.Dense(32, activation="relu"), layers.Dense(1)])`.'
    ),
    variable="model",
    check_answer=_ACTIVATION_LAYERS.check,
    hint_text=(
        'Split each `layers.Dense(32, activation="relu")` in two: `layers.Dense(32)`, with no activation, followed '
        'by `layers.Activation("relu")`. The output layer stays `layers.Dense(1)`.'
    ),
    solution_code="""\
model = keras.Sequential([
    keras.Input(shape=(8,)),
    layers.Dense(32),
    layers.Activation("relu"),
    layers.Dense(32),
    layers.Activation("relu"),
    layers.Dense(1),
])""",
    solution_note="A Dense layer and the Activation layer after it compute the same as one Dense layer with that "
    "activation; the separate layer leaves room for something in between, such as batch normalization.",
)


def _look_at_the_plots(value: Any) -> CheckResult:
    """An open question: any answer, or none, is fine; the feedback says what to look for."""
    return correct(
        "there is nothing to get wrong here; compare your plots. Where is each curve exactly zero, and where "
        "only close to it? Which are smooth at 0 and which have a kink there, like relu? What happens to "
        "negative inputs: cut to 0 (relu), levelling off at a negative value (elu, selu), or dipping below "
        "zero and coming back (swish)? And for large inputs: growing without bound, or flattening out "
        "(sigmoid, tanh)?"
    )


q_4 = Question(
    name="q_4",
    prompt=(
        "Optional: plot `layers.Activation(name)` applied to `tf.linspace(-3.0, 3.0, 100)` for `relu`, `elu`, "
        "`selu`, `swish` and others from `keras.activations`, and compare their shapes."
    ),
    variable=None,
    check_answer=_look_at_the_plots,
    hint_text=(
        'Change the name in `layers.Activation("relu")` and plot again; keep the range -3 to 3 so the plots '
        "compare. Other names to try: `softplus`, `sigmoid`, `tanh`, `gelu`."
    ),
    solution_code="""\
import matplotlib.pyplot as plt
import tensorflow as tf

x = tf.linspace(-3.0, 3.0, 100)
names = ["relu", "elu", "selu", "swish", "softplus", "sigmoid", "tanh", "gelu"]
fig, axes = plt.subplots(2, 4, figsize=(10, 5), sharex=True, sharey=True)
for name, ax in zip(names, axes.flat):
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.plot(x, layers.Activation(name)(x))
    ax.set_title(name)
plt.show()""",
)

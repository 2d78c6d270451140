"""Exercise: dropout and batch normalization, on the concrete data. ``q_1`` … ``q_4``, declared here; each has
``check()``, ``hint()`` and ``solution()``. ``q_1`` and ``q_3`` read ``model``; ``q_2`` and ``q_4`` are open.
Importing this does not import Keras or TensorFlow.
"""

from __future__ import annotations

from typing import Any

from course.data import EXPECTED_ROWS, FEATURES, TARGET
from course.exercises.placeholder import ____
from course.exercises.question import Question
from course.exercises.result import CheckResult, correct
from course.exercises.sequence_checks import BatchNormLayer, DenseLayer, DropoutLayer, LayerSequenceSpec
from course.exercises.shape_checks import InputShapeSpec

__all__ = ["____", "q_1", "q_2", "q_3", "q_4"]

CONCRETE = InputShapeSpec(features=len(FEATURES), rows=EXPECTED_ROWS, target=TARGET)

_WITH_DROPOUT = LayerSequenceSpec(
    CONCRETE,
    (DenseLayer(128, "relu"), DropoutLayer(0.3), DenseLayer(64, "relu"), DropoutLayer(0.3), DenseLayer(1)),
)
q_1 = Question(
    name="q_1",
    prompt="Build the network of lesson 7's question 2, hidden `Dense(128)` and `Dense(64)` with ReLU and a "
    "linear `Dense(1)` output, with a `layers.Dropout(0.3)` after each hidden layer. Assign it to `model`.",
    variable="model",
    check_answer=_WITH_DROPOUT.check,
    hint_text="A `Dropout` layer acts on the output of the layer before it, so it goes right after each hidden "
    '`Dense`: `layers.Dense(128, activation="relu"), layers.Dropout(0.3), ...`. The output layer gets none.',
    solution_code="""\
model = keras.Sequential([
    keras.Input(shape=input_shape),
    layers.Dense(128, activation="relu"),
    layers.Dropout(0.3),
    layers.Dense(64, activation="relu"),
    layers.Dropout(0.3),
    layers.Dense(1),
])""",
)


def _read_the_dropout_curves(value: Any) -> CheckResult:
    """An open question: any answer, or none, is fine; the feedback says what to compare."""
    return correct(
        "there is no single right wording; here is what to compare. With dropout the training error is measured "
        "on a network that is missing 30 % of its hidden units at every step, so it sits higher than without "
        "dropout, sometimes even above the validation error, which Keras measures with every unit in place. "
        "What counts is the validation curve: compare its lowest point and its last epochs with the run "
        "without dropout. Dropout pays off when a network overfits; on a network that has little noise left to learn, it mostly "
        "slows training down."
    )


q_2 = Question(
    name="q_2",
    prompt="Open: train the dropout network and compare its learning curves with those of the same network "
    "without dropout. What changed, in the training curve and in the validation curve?",
    variable=None,
    check_answer=_read_the_dropout_curves,
    hint_text="Look at the two curves separately. Keras computes the training loss with dropout switched on and "
    "the validation loss with it switched off.",
    solution_code="""\
# With dropout the training error sits higher: it is measured while 30 % of the hidden units
# are dropped. The validation error is the one to compare between the two runs.""",
)

_BATCH_NORMALIZED = LayerSequenceSpec(
    CONCRETE,
    (
        BatchNormLayer(),
        DenseLayer(512, "relu"),
        BatchNormLayer(),
        DenseLayer(512, "relu"),
        BatchNormLayer(),
        DenseLayer(512, "relu"),
        BatchNormLayer(),
        DenseLayer(1),
    ),
)
q_3 = Question(
    name="q_3",
    prompt="Build a `keras.Sequential` model that starts with `layers.BatchNormalization()`, then has three "
    "hidden `Dense(512)` layers with ReLU, each followed by `layers.BatchNormalization()`, and a linear "
    "`Dense(1)` output. Assign it to `model`.",
    variable="model",
    check_answer=_BATCH_NORMALIZED.check,
    hint_text="After `keras.Input(shape=input_shape)`: `layers.BatchNormalization()`, then three times the pair "
    '`layers.Dense(512, activation="relu"), layers.BatchNormalization()`, then `layers.Dense(1)`.',
    solution_code="""\
model = keras.Sequential([
    keras.Input(shape=input_shape),
    layers.BatchNormalization(),
    layers.Dense(512, activation="relu"),
    layers.BatchNormalization(),
    layers.Dense(512, activation="relu"),
    layers.BatchNormalization(),
    layers.Dense(512, activation="relu"),
    layers.BatchNormalization(),
    layers.Dense(1),
])""",
    solution_note="The first `BatchNormalization` standardises the raw features batch by batch, much as the "
    "scaling of lesson 5 did once for the whole training set.",
)


def _read_the_rescue(value: Any) -> CheckResult:
    """An open question: any answer, or none, is fine; the feedback says what to look at."""
    return correct(
        "there is nothing to get wrong here; here is one reading. Without batch normalization, the raw features "
        "(hundreds of kg/m³ next to a few days of age) give gradients so large that the first SGD steps throw "
        "the weights far off and the loss overflows to `inf` or `nan`. The first `BatchNormalization` layer "
        "rescales every feature of each batch to mean 0 and standard deviation 1 before the first Dense layer "
        "sees it, and the ones between the Dense layers keep their outputs on that scale, so the same optimizer and "
        "learning rate now make steady progress."
    )


q_4 = Question(
    name="q_4",
    prompt="Open: the same network trained with SGD on the unscaled features failed without batch normalization. "
    "How did the batch-normalized network do, and why does it train?",
    variable=None,
    check_answer=_read_the_rescue,
    hint_text="Compare the two runs' losses in their first epoch. Which layer sees the raw features first, in "
    "each network?",
    solution_code="""\
# Without batch normalization the loss overflowed in the first epoch. With it, the loss falls
# from epoch to epoch: the first BatchNormalization layer puts every raw feature on one scale.""",
)

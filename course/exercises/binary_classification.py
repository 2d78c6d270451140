"""Exercise: Binary Classification, on the breast cancer data. ``q_1`` … ``q_3``, declared here; each has
``check()``, ``hint()`` and ``solution()``. Importing this does not import Keras: models are read by class name.
"""

from __future__ import annotations

from typing import Any

from course.data import BREAST_CANCER_FEATURES, BREAST_CANCER_ROWS, BREAST_CANCER_TARGET
from course.exercises.compile_checks import CompileSpec, compiled_settings
from course.exercises.keras_models import keras_kind
from course.exercises.placeholder import ____
from course.exercises.question import Question
from course.exercises.result import CheckResult, correct, not_attempted
from course.exercises.sequence_checks import BatchNormLayer, DenseLayer, DropoutLayer, LayerSequenceSpec
from course.exercises.shape_checks import InputShapeSpec

__all__ = ["____", "q_1", "q_2", "q_3"]

BREAST_CANCER = InputShapeSpec(features=len(BREAST_CANCER_FEATURES), rows=BREAST_CANCER_ROWS,
                               target=BREAST_CANCER_TARGET)
_FEATURES = BREAST_CANCER.features

_MODEL = LayerSequenceSpec(
    BREAST_CANCER,
    (
        BatchNormLayer(),
        DenseLayer(256, "relu"),
        BatchNormLayer(),
        DropoutLayer(0.3),
        DenseLayer(256, "relu"),
        BatchNormLayer(),
        DropoutLayer(0.3),
        DenseLayer(1, "sigmoid"),
    ),
)

q_1 = Question(
    name="q_1",
    prompt=(
        f"Build a `keras.Sequential` model on `keras.Input(shape=input_shape)` (input_shape is `[{_FEATURES}]`) with "
        "these layers in order: BatchNormalization; Dense(256, relu); BatchNormalization; Dropout(0.3); "
        "Dense(256, relu); BatchNormalization; Dropout(0.3); and the output Dense(1) with the sigmoid activation. "
        "Assign it to `model`."
    ),
    variable="model",
    check_answer=_MODEL.check,
    hint_text=(
        "Write the layers as a list, in the order of the question, and pass it to `keras.Sequential`. The "
        "first item is `keras.Input(shape=input_shape)`; then `layers.BatchNormalization()`, "
        '`layers.Dense(256, activation="relu")`, `layers.Dropout(0.3)` and so on. The output is one unit whose '
        'sigmoid turns its sum into a probability: `layers.Dense(1, activation="sigmoid")`.'
    ),
    solution_code="""\
model = keras.Sequential([
    keras.Input(shape=input_shape),
    layers.BatchNormalization(),
    layers.Dense(256, activation="relu"),
    layers.BatchNormalization(),
    layers.Dropout(0.3),
    layers.Dense(256, activation="relu"),
    layers.BatchNormalization(),
    layers.Dropout(0.3),
    layers.Dense(1, activation="sigmoid"),
])""",
    solution_note="The first BatchNormalization standardises the raw features as the model trains; the later ones "
    "do the same for the hidden layers' outputs, and dropout guards the wide hidden layers against overfitting.",
)

_COMPILE = CompileSpec(optimizer="adam", loss="binary_crossentropy", metrics=("binary_accuracy",))


def _check_compiled(value: Any) -> CheckResult:
    """A model that was never compiled is an unanswered question here (the blank line leaves it so); the message
    asks for the call without giving its arguments away, since the page shows it under the blank."""
    if keras_kind(value) in {"sequential", "functional", "model"} and not compiled_settings(value).compiled:
        return not_attempted(
            "`model` is not compiled yet: replace `____` with "
            '`model.compile(optimizer=..., loss=..., metrics=[...])` and run `q_2.check()` again.'
        )
    return _COMPILE.check(value)


q_2 = Question(
    name="q_2",
    prompt=(
        "Compile `model` with the Adam optimizer, the binary cross-entropy loss and the binary accuracy metric."
    ),
    variable="model",
    check_answer=_check_compiled,
    hint_text=(
        'Call `model.compile` with three arguments: `optimizer="adam"`, `loss="binary_crossentropy"` and a list '
        'of metrics, `metrics=["binary_accuracy"]`.'
    ),
    solution_code="""\
model.compile(
    optimizer="adam",
    loss="binary_crossentropy",
    metrics=["binary_accuracy"],
)""",
    solution_note='`metrics=["accuracy"]` works too: with a binary cross-entropy loss, Keras takes "accuracy" to '
    "mean binary accuracy.",
)


def _read_the_curves(value: Any) -> CheckResult:
    """An open question: any answer, or none, is fine; the feedback says what to look for."""
    return correct(
        "there is no single right answer here; compare your reading with these questions. Does the validation "
        "loss keep falling to the last epoch, level off, or turn up again while the training loss keeps falling "
        "(overfitting)? Does the validation accuracy move in steps, and why can it only take certain values on "
        "this validation set? How do these curves compare with the small network's from the first part of the "
        "lesson: lower validation loss, higher accuracy, or about the same?"
    )


q_3 = Question(
    name="q_3",
    prompt=(
        "Open question: read the learning curves of the model you trained. Is it overfitting or underfitting, and "
        "did dropout and batch normalization help compared with the small network of the tutorial?"
    ),
    variable=None,
    check_answer=_read_the_curves,
    hint_text=(
        "Look at the gap between the training and the validation curves, and at where each one is heading in the "
        "last epochs. A validation loss that rises while the training loss falls is the sign of overfitting; "
        "two curves that are both still falling mean more epochs would help."
    ),
    solution_code="""\
# Compare the two networks' validation results side by side.
print("small network: ", history.history["val_loss"][-1], history.history["val_binary_accuracy"][-1])
print("wider network: ", exercise_history.history["val_loss"][-1],
      exercise_history.history["val_binary_accuracy"][-1])""",
    solution_note="The text under this question on the course page reads the curves of the run shown there.",
)

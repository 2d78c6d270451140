"""Exercise checking for the course: the ``____`` blank, ``Question`` and the ``CheckResult`` it returns.

Exercises live in submodules (``course.exercises.deep_neural_networks``) and declare their questions as data;
``check()`` never raises, gives up on an answer after ``CHECK_SECONDS`` where ``SIGALRM`` works, and returns a result that shows itself in Jupyter and in a
terminal. Importing a question module does not import Keras: models are read by class name.

How to declare a question: a ``Question`` names the learner's variable and a check function; the check
function is usually the ``check`` method of one of these specs (``data`` is an ``InputShapeSpec`` built from the
lesson's dataset, e.g. ``InputShapeSpec(features=len(FEATURES), rows=EXPECTED_ROWS, target=TARGET)``)::

    InputShapeSpec(features=8, rows=1030, target="CompressiveStrength")      # input_shape = [8]
    SequentialSpec(data, hidden_units=(512, 512, 512))                       # Dense(512, relu) x3 → Dense(1)
    LayerSequenceSpec(data, layers=(BatchNormLayer(), DenseLayer(256, "relu"), DropoutLayer(0.3),
                                    DenseLayer(1, "sigmoid")))               # any order of these layers
    CompileSpec(optimizer="adam", loss="binary_crossentropy", metrics=("binary_accuracy",))
    CallbackSpec("EarlyStopping", {"min_delta": 0.001, "patience": 5, "restore_best_weights": True})
    WeightsSpec(data, units=1)                                               # w, b = model.weights

    q_2 = Question(name="q_2", prompt=Text("...", "..."), variable="model",
                   check_answer=LayerSequenceSpec(...).check, hint_text=Text("...", "..."),
                   solution_code="model = keras.Sequential([...])")

``variable="w, b"`` reads both variables and checks the tuple ``(w, b)``. Losses, optimizers and metrics are
named in snake case as Keras's functions are (``"mean_absolute_error"``, ``"adam"``, ``"binary_accuracy"``);
the learner may give them as strings, short names (``"mae"``), functions or objects. An open question has
``variable=None`` and a check function that accepts anything and returns ``open_answer(what to look for)``.

Every word a learner sees exists in English and Simplified Chinese: messages, hints, prompts and notes are
``Text(en, zh)`` values, and results show themselves in ``current_language()`` (``set_language("zh")`` or the
environment variable ``COURSE_LANGUAGE``) while carrying both languages in their output's metadata.
"""

from course.exercises.callback_checks import CallbackSpec
from course.exercises.compile_checks import CompileSpec
from course.exercises.model_checks import SequentialSpec
from course.exercises.placeholder import ____, is_blank
from course.exercises.question import MISSING, Question
from course.exercises.result import CORRECT, INCORRECT, NOT_ATTEMPTED, OPEN, CheckResult, Hint, Solution
from course.exercises.sequence_checks import BatchNormLayer, DenseLayer, DropoutLayer, LayerSequenceSpec
from course.exercises.shape_checks import InputShapeSpec
from course.exercises.text import Text
from course.exercises.weight_checks import WeightsSpec
from course.language import current_language, set_language

__all__ = [
    "CORRECT",
    "INCORRECT",
    "MISSING",
    "NOT_ATTEMPTED",
    "OPEN",
    "BatchNormLayer",
    "CallbackSpec",
    "CheckResult",
    "CompileSpec",
    "DenseLayer",
    "DropoutLayer",
    "Hint",
    "InputShapeSpec",
    "LayerSequenceSpec",
    "Question",
    "SequentialSpec",
    "Solution",
    "Text",
    "WeightsSpec",
    "____",
    "current_language",
    "is_blank",
    "set_language",
]

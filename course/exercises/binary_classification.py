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
from course.exercises.result import CheckResult, not_attempted, open_answer
from course.exercises.sequence_checks import BatchNormLayer, DenseLayer, DropoutLayer, LayerSequenceSpec
from course.exercises.shape_checks import InputShapeSpec
from course.exercises.text import Text, commented_code

__all__ = ["____", "q_1", "q_2", "q_3"]

BREAST_CANCER = InputShapeSpec(features=len(BREAST_CANCER_FEATURES), rows=BREAST_CANCER_ROWS,
                               target=BREAST_CANCER_TARGET, data_name="X_train")
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
        Text(
        f"Build a `keras.Sequential` model on `keras.Input(shape=input_shape)` (input_shape is `[{_FEATURES}]`) with "
        "these layers in order: BatchNormalization; Dense(256, relu); BatchNormalization; Dropout(0.3); "
        "Dense(256, relu); BatchNormalization; Dropout(0.3); and the output Dense(1) with the sigmoid activation. "
        "Assign it to `model`.",
        f"在 `keras.Input(shape=input_shape)`（input_shape 是 `[{_FEATURES}]`）上搭建一个 `keras.Sequential` 模型，"
        "依次包含这些层：BatchNormalization；Dense(256, relu)；BatchNormalization；Dropout(0.3)；"
        "Dense(256, relu)；BatchNormalization；Dropout(0.3)；以及使用 sigmoid 激活函数的输出层 Dense(1)。"
        "把它赋给 `model`。",
    )
    ),
    variable="model",
    check_answer=_MODEL.check,
    hint_text=(
        Text(
        "Write the layers as a list, in the order of the question, and pass it to `keras.Sequential`. The "
        "first item is `keras.Input(shape=input_shape)`; then `layers.BatchNormalization()`, "
        '`layers.Dense(256, activation="relu")`, `layers.BatchNormalization()`, `layers.Dropout(0.3)` and so on. '
        'The output is one unit whose '
        'sigmoid turns its sum into a probability: `layers.Dense(1, activation="sigmoid")`.',
        "按题目中的顺序把各层写成列表，再传给 `keras.Sequential`。第一项是 `keras.Input(shape=input_shape)`；"
        "然后是 `layers.BatchNormalization()`、`layers.Dense(256, activation=\"relu\")`、"
        "`layers.BatchNormalization()`、`layers.Dropout(0.3)`，依此类推。"
        "输出是一个单元，它的 sigmoid 把加权和变成概率：`layers.Dense(1, activation=\"sigmoid\")`。",
    )
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
    solution_note=Text(
        "The first BatchNormalization standardises the raw features as the model trains; the later ones "
        "do the same for the hidden layers' outputs, and dropout guards the wide hidden layers against overfitting.",
        "第一个 BatchNormalization 在训练时标准化原始特征；后面的几个对隐藏层的输出做同样的事，"
        "而丢弃法保护较宽的隐藏层免于过拟合。",
    ),
)

_COMPILE = CompileSpec(optimizer="adam", loss="binary_crossentropy", metrics=("binary_accuracy",))
# The tutorial's small network, which the page compiles the same way: still in `model` when question 1's cell
# did not run, or raised before it assigned the new one.
_TUTORIAL_MODEL = LayerSequenceSpec(
    BREAST_CANCER, (DenseLayer(16, "relu"), DenseLayer(16, "relu"), DenseLayer(1, "sigmoid")),
)


def _check_compiled(value: Any) -> CheckResult:
    """A model that was never compiled is an unanswered question here (the blank line leaves it so); the message
    asks for the call without giving its arguments away, since the page shows it under the blank. The tutorial's
    own network, compiled above, does not answer it either."""
    if keras_kind(value) in {"sequential", "functional", "model"} and _TUTORIAL_MODEL.check(value).passed:
        return not_attempted(Text(
            "`model` is still the small network from earlier in the lesson, not yours: run question 1's cell until "
            "`q_1.check()` says Correct, then compile that model here.",
            "`model` 仍是本课前面的那个小网络，而不是你的模型：先运行第 1 题的单元格，直到 `q_1.check()` 显示正确，"
            "再在这里编译那个模型。",
        ))
    if keras_kind(value) in {"sequential", "functional", "model"} and not compiled_settings(value).compiled:
        return not_attempted(Text(
        "`model` is not compiled yet: replace `____` with "
        '`model.compile(optimizer=..., loss=..., metrics=[...])` and run `q_2.check()` again.',
        "`model` 还没有编译：把 `____` 换成 `model.compile(optimizer=..., loss=..., metrics=[...])`，"
        "再运行一次 `q_2.check()`。",
    ))
    return _COMPILE.check(value)


q_2 = Question(
    name="q_2",
    prompt=(
        Text(
        "Compile `model` with the Adam optimizer, the binary cross-entropy loss and the binary accuracy metric.",
        "用 Adam 优化器、二元交叉熵损失函数和二元准确率指标编译 `model`。",
    )
    ),
    variable="model",
    check_answer=_check_compiled,
    hint_text=(
        Text(
        'Call `model.compile` with three arguments: `optimizer="adam"`, `loss="binary_crossentropy"` and a list '
        'of metrics, `metrics=["binary_accuracy"]`.',
        "调用 `model.compile` 时给三个参数：`optimizer=\"adam\"`、`loss=\"binary_crossentropy\"`，"
        "以及一个指标列表 `metrics=[\"binary_accuracy\"]`。",
    )
    ),
    solution_code="""\
model.compile(
    optimizer="adam",
    loss="binary_crossentropy",
    metrics=["binary_accuracy"],
)""",
    solution_note=Text(
        'With this one-unit sigmoid output, `metrics=["accuracy"]` computes binary accuracy too, but Keras then '
        'records it as "accuracy", and the cells after this one read "binary_accuracy" from the history.',
        "输出只有一个 sigmoid 单元时，`metrics=[\"accuracy\"]` 算的也是二元准确率，但 Keras 会把它记作 `\"accuracy\"`，"
        "而这之后的单元格从训练历史里读取的是 `\"binary_accuracy\"`。",
    ),
)


def _read_the_curves(value: Any) -> CheckResult:
    """An open question: any answer, or none, is fine; the feedback says what to look for."""
    return open_answer(Text(
        "there is no single right answer here; compare your reading with these questions. Does the validation "
        "loss keep falling to the last epoch, level off, or turn up again while the training loss keeps falling "
        "(overfitting)? Does the validation accuracy move in steps, and why can it only take certain values on "
        "this validation set? How do these curves compare with the small network's from the first part of the "
        "lesson: lower validation loss, higher accuracy, or about the same?",
        "这里没有唯一的正确答案，用下面这些问题对照你的解读。验证损失是一直降到最后一轮、趋于平稳，"
        "还是在训练损失继续下降时又回升（过拟合）？验证准确率是否呈阶梯状变化，为什么在这个验证集上它只能取某些值？"
        "这些曲线与本课第一部分中小网络的曲线相比如何：验证损失更低、准确率更高，还是差不多？",
    ))


q_3 = Question(
    name="q_3",
    prompt=(
        Text(
        "Open question: read the learning curves of the model you trained. Is it overfitting or underfitting, and "
        "is it better than the small network above? (It is wider as well, so one run cannot say whether "
        "dropout or batch normalization made the difference.)",
        "开放题：读一读你训练的模型的学习曲线。它是过拟合还是欠拟合？它比上面的小网络更好吗？"
        "（它也更宽，所以仅凭一次运行说不清起作用的是丢弃法还是批量归一化。）",
    )
    ),
    variable=None,
    check_answer=_read_the_curves,
    hint_text=(
        Text(
        "Look at the gap between the training and the validation curves, and at where each one is heading in the "
        "last epochs. A validation loss that rises while the training loss falls is the sign of overfitting; "
        "two curves that are both still falling mean more epochs would help.",
        "看训练曲线和验证曲线之间的差距，以及各自在最后几轮的走向。训练损失下降而验证损失上升，是过拟合的信号；"
        "两条曲线都还在下降，说明再多训练几轮会有帮助。",
    )
    ),
    solution_code=commented_code("""\
# Compare the two networks' validation results side by side.
print("small network: ", history.history["val_loss"][-1], history.history["val_binary_accuracy"][-1])
print("wider network: ", exercise_history.history["val_loss"][-1],
      exercise_history.history["val_binary_accuracy"][-1])""",
        {"Compare the two networks' validation results side by side.": "把两个网络的验证结果并排比较。"}),
    solution_note=Text(
        "The text under this question on the course page reads the curves of the run shown there.",
        "课程页面上这道题下方的文字解读的是页面中所示那次运行的曲线。",
    ),
)

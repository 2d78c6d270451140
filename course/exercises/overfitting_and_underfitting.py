"""Exercise: overfitting and underfitting, on the concrete data. ``q_1`` … ``q_4``, declared here; each has
``check()``, ``hint()`` and ``solution()``. ``q_1`` and ``q_4`` are open; ``q_2`` reads ``model`` and ``q_3``
reads ``early_stopping``. Importing this does not import Keras or TensorFlow.
"""

from __future__ import annotations

from typing import Any

from course.data import EXPECTED_ROWS, FEATURES, TARGET
from course.exercises.callback_checks import CallbackSpec, KeptSetting
from course.exercises.placeholder import ____
from course.exercises.question import Question
from course.exercises.result import CheckResult, open_answer
from course.exercises.sequence_checks import DenseLayer, LayerSequenceSpec
from course.exercises.shape_checks import InputShapeSpec
from course.exercises.text import Text

__all__ = ["____", "q_1", "q_2", "q_3", "q_4"]

CONCRETE = InputShapeSpec(features=len(FEATURES), rows=EXPECTED_ROWS, target=TARGET, data_name="X_train")


def _read_the_linear_curves(value: Any) -> CheckResult:
    """An open question: any answer, or none, is fine; the feedback says how to read the curves."""
    return open_answer(Text(
        "there is no single right wording; here is one reading. Both curves fall for a few epochs, then level "
        "off close together, at an error far above what the networks of lesson 5 reached. Training longer "
        "would not help: by the last epochs the curves are flat. A gap this small means the model is not memorising anything, "
        "it simply cannot express how the recipe drives the strength. That is underfitting: the model needs "
        "more capacity, which the next question gives it.",
        "措辞没有唯一的标准答案，这里给出一种解读。两条曲线先下降几轮，然后趋于平稳，而且挨得很近，"
        "误差却远高于第 5 课中那些网络达到的水平。训练更久也没有用：到最后几轮，曲线已经平了。差距这么小，说明模型没有死记任何东西，"
        "它只是无法表达配方如何决定强度。这就是欠拟合：模型需要更大的容量，下一题就会给它。",
    ))


q_1 = Question(
    name="q_1",
    prompt=Text(
        "Open: train the linear model (one `Dense(1)` unit) and read its learning curves. Is it underfitting "
        "or overfitting, and what would help?",
        "开放题：训练线性模型（一个 `Dense(1)` 单元），读一读它的学习曲线。它是欠拟合还是过拟合？什么会有帮助？",
    ),
    variable=None,
    check_answer=_read_the_linear_curves,
    hint_text=Text(
        "Look at two things: do the curves still go down at the last epoch, and how far apart are they? "
        "Flat curves close together mean the model has learned all it can, which may be little.",
        "看两件事：到最后一轮曲线是否仍在下降，两条曲线相距多远？平坦且挨得很近的曲线说明模型已经学到了它能学的全部，"
        "而那可能很少。",
    ),
    solution_code=Text(
        "# Both curves fall for a few epochs, then level off close together and high: the linear model\n"
        "# has too little capacity to follow how the strength depends on the recipe. It underfits; a\n"
        "# bigger model helps.",
        "# 两条曲线先下降几轮，然后趋于平稳，彼此靠近，而且位置很高：\n"
        "# 线性模型的容量太小，跟不上强度随配方变化的关系。\n"
        "# 它欠拟合；更大的模型会有帮助。",
    ),
)

_WIDER_AND_DEEPER = LayerSequenceSpec(
    CONCRETE, (DenseLayer(128, "relu"), DenseLayer(64, "relu"), DenseLayer(1))
)
q_2 = Question(
    name="q_2",
    prompt=Text(
        "Build a `keras.Sequential` model with two hidden layers, `Dense(128)` then `Dense(64)`, both with "
        "the ReLU activation, and a linear output `Dense(1)`. Start it with `keras.Input(shape=input_shape)`. "
        "Assign it to `model`.",
        "搭建一个 `keras.Sequential` 模型：两个隐藏层，先 `Dense(128)` 后 `Dense(64)`，都使用 ReLU 激活函数，"
        "再加一个线性输出层 `Dense(1)`。模型以 `keras.Input(shape=input_shape)` 开头。把它赋给 `model`。",
    ),
    variable="model",
    check_answer=_WIDER_AND_DEEPER.check,
    hint_text=Text(
        'The list holds `keras.Input(shape=input_shape)`, `layers.Dense(128, activation="relu")`, '
        '`layers.Dense(64, activation="relu")` and `layers.Dense(1)`; pass it to `keras.Sequential`.',
        "列表中依次是 `keras.Input(shape=input_shape)`、`layers.Dense(128, activation=\"relu\")`、"
        "`layers.Dense(64, activation=\"relu\")` 和 `layers.Dense(1)`；把它传给 `keras.Sequential`。",
    ),
    solution_code="""\
model = keras.Sequential([
    keras.Input(shape=input_shape),
    layers.Dense(128, activation="relu"),
    layers.Dense(64, activation="relu"),
    layers.Dense(1),
])""",
)

_EARLY_STOPPING = CallbackSpec(
    "EarlyStopping",
    {"min_delta": 0.001, "patience": 5, "restore_best_weights": True},
    kept=(
        KeptSetting("monitor", ("val_loss",), Text("watch the validation loss, as the question says",
                                                  "像题目说的那样监视验证损失")),
        KeptSetting("mode", ("auto", "min"), Text("count a fall of the loss as an improvement",
                                                 "把损失的下降算作改善")),
    ),
)
q_3 = Question(
    name="q_3",
    prompt=Text(
        "Create a `keras.callbacks.EarlyStopping` callback that stops when the validation loss has not "
        "improved by at least 0.001 for 5 epochs, and then puts back the weights of the best epoch. Assign it to "
        "`early_stopping`.",
        "创建一个 `keras.callbacks.EarlyStopping` 回调：当验证损失连续 5 轮都没有至少改善 0.001 时停止训练，"
        "然后恢复最佳那一轮的权重。把它赋给 `early_stopping`。",
    ),
    variable="early_stopping",
    check_answer=_EARLY_STOPPING.check,
    hint_text=Text(
        "Three keyword arguments: `min_delta` (the smallest change that counts as an improvement), "
        "`patience` (how many epochs to wait for one) and `restore_best_weights`. `EarlyStopping` watches "
        '`monitor="val_loss"` by default.',
        "三个关键字参数：`min_delta`（算作改善的最小变化）、`patience`（等待改善最多等几轮）"
        "和 `restore_best_weights`。`EarlyStopping` 默认监视 `monitor=\"val_loss\"`。",
    ),
    solution_code="""\
early_stopping = keras.callbacks.EarlyStopping(
    min_delta=0.001,
    patience=5,
    restore_best_weights=True,
)""",
    solution_note=Text(
        "Pass it to `fit` in a list: `model.fit(..., callbacks=[early_stopping])`.",
        "把它放进列表传给 `fit`：`model.fit(..., callbacks=[early_stopping])`。",
    ),
)


def _read_the_stopping_point(value: Any) -> CheckResult:
    """An open question: any answer, or none, is fine; the feedback says what to compare."""
    return open_answer(Text(
        "there is nothing to get wrong here; compare your numbers. When early stopping ends training, it does so "
        "after `patience` epochs in a row that did not beat its best validation loss by more than `min_delta`, "
        "and `restore_best_weights=True` puts the weights of that best epoch back, so the model you keep is the "
        "one from the lowest point of the validation curve (give or take `min_delta`), not from the last epoch. "
        "With a larger patience training runs longer and has more chances to find a lower point; with a smaller "
        "one it stops sooner, sometimes on a wobble that was not the real minimum.",
        "这里没有错误答案，比较一下你的数字就好。早停结束训练时，是因为连续 `patience` 轮都没有把最佳验证损失再降低超过 "
        "`min_delta`，而 `restore_best_weights=True` 会把最佳那一轮的权重放回去，所以你留下的模型来自验证曲线的最低点"
        "（相差不超过 `min_delta`），而不是最后一轮。"
        "`patience` 越大，训练越久，找到更低点的机会越多；`patience` 越小，停得越早，有时停在一次并非真正最小值的波动上。",
    ))


q_4 = Question(
    name="q_4",
    prompt=Text(
        "Open: at which epoch did training stop, which epoch's weights does the model keep, and how does its "
        "validation error compare with the last epoch's?",
        "开放题：训练在第几轮停止？模型保留的是哪一轮的权重？它的验证误差与最后一轮的相比如何？",
    ),
    variable=None,
    check_answer=_read_the_stopping_point,
    hint_text=Text(
        "`len(history.history['val_loss'])` is the number of epochs trained. The callback records the epoch whose "
        "weights it restores as `early_stopping.best_epoch`, counted from 0 (add 1): usually the lowest point of "
        "the same list, unless a later epoch beat it by less than `min_delta`. "
        "`model.evaluate(valid_batches, verbose=0)` measures the weights the model has now.",
        "`len(history.history['val_loss'])` 是训练的轮数。回调把它要恢复权重的那一轮记在 `early_stopping.best_epoch` 里，"
        "从 0 开始计（要加 1）：通常就是同一个列表的最低点，除非之后某一轮比它低，但低得不到 `min_delta`。"
        "`model.evaluate(valid_batches, verbose=0)` 衡量的是模型当前的权重。",
    ),
    solution_code="""\
val_loss = history.history["val_loss"]
print("epochs trained:", len(val_loss))
print("epoch whose weights were restored:", early_stopping.best_epoch + 1)
print("validation MAE at the last epoch:", round(val_loss[-1], 2))
print("validation MAE of the weights kept:", round(model.evaluate(valid_batches, verbose=0), 2))""",
)

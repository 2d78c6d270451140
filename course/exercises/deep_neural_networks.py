"""Exercise: Deep Neural Networks, on the concrete data. ``q_1`` … ``q_4``, declared here; each has ``check()``,
``hint()`` and ``solution()``. Importing this does not import Keras or TensorFlow: models are read by class name.
"""

from __future__ import annotations

from typing import Any

from course.data import EXPECTED_ROWS, FEATURES, TARGET
from course.exercises.model_checks import SequentialSpec
from course.exercises.placeholder import ____
from course.exercises.question import Question
from course.exercises.result import CheckResult, open_answer
from course.exercises.shape_checks import InputShapeSpec
from course.exercises.text import Text

__all__ = ["____", "q_1", "q_2", "q_3", "q_4"]

CONCRETE = InputShapeSpec(features=len(FEATURES), rows=EXPECTED_ROWS, target=TARGET)

q_1 = Question(
    name="q_1",
    prompt=(
        Text(
        f"The target is the column `{TARGET}`; the other columns are the features, the model's inputs. "
        "What is the input shape for this data? Set `input_shape` to it.",
        f"目标是 `{TARGET}` 这一列；其余各列是特征，即模型的输入。这份数据的输入形状是什么？请把 `input_shape` 设为它。",
    )
    ),
    variable="input_shape",
    check_answer=CONCRETE.check,
    hint_text=(
        Text(
        f"Count the feature columns: every column except the target `{TARGET}`. `X.shape[1:]` gives the same "
        "count without the rows. A shape is a list of sizes: `[number_of_features]`.",
        f"数一数特征列：除目标 `{TARGET}` 以外的每一列。`X.shape[1:]` 也给出同样的个数，但不含行数。"
        "形状是由大小组成的列表：`[number_of_features]`。",
    )
    ),
    solution_code="input_shape = [8]",
    solution_note=Text(
        "The same as `list(X.shape[1:])`: 8 features per sample; the rows and the target are not part of it.",
        "与 `list(X.shape[1:])` 相同：每个样本 8 个特征；行数和目标都不算在内。",
    ),
)

_DEEP = SequentialSpec(CONCRETE, hidden_units=(512, 512, 512))
q_2 = Question(
    name="q_2",
    prompt=(
        Text(
        "Create a `keras.Sequential` model with three hidden layers, each of 512 units with the ReLU activation, "
        "and an output layer of one unit with no activation. Start it with `keras.Input(shape=input_shape)`. "
        "Assign it to `model`.",
        "创建一个 `keras.Sequential` 模型：三个隐藏层，每层 512 个单元、使用 ReLU 激活函数，"
        "再加一个只有一个单元、没有激活函数的输出层。模型以 `keras.Input(shape=input_shape)` 开头。把它赋给 `model`。",
    )
    ),
    variable="model",
    check_answer=_DEEP.check,
    hint_text=(
        Text(
        'Put in a list: `keras.Input(shape=input_shape)`, three times `layers.Dense(512, activation="relu")`, and '
        "`layers.Dense(1)`, which has no activation. Pass the list to `keras.Sequential`.",
        "在列表中依次放入：`keras.Input(shape=input_shape)`、三次 `layers.Dense(512, activation=\"relu\")`，"
        "以及没有激活函数的 `layers.Dense(1)`。再把列表传给 `keras.Sequential`。",
    )
    ),
    solution_code="""\
model = keras.Sequential([
    keras.Input(shape=input_shape),
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
        Text(
        'Rewrite this model so that each activation is its own `layers.Activation("relu")` layer, and assign it '
        'to `model`: `keras.Sequential([keras.Input(shape=[8]), layers.Dense(32, activation="relu"), '
        'layers.Dense(32, activation="relu"), layers.Dense(1)])`.',
        "改写下面这个模型，让每个激活函数都成为单独的 `layers.Activation(\"relu\")` 层，并把它赋给 `model`："
        "`keras.Sequential([keras.Input(shape=[8]), layers.Dense(32, activation=\"relu\"), "
        "layers.Dense(32, activation=\"relu\"), layers.Dense(1)])`。",
    )
    ),
    variable="model",
    check_answer=_ACTIVATION_LAYERS.check,
    hint_text=(
        Text(
        'Split each `layers.Dense(32, activation="relu")` in two: `layers.Dense(32)`, with no activation, followed '
        'by `layers.Activation("relu")`. The output layer stays `layers.Dense(1)`.',
        "把每个 `layers.Dense(32, activation=\"relu\")` 拆成两层：没有激活函数的 `layers.Dense(32)`，"
        "后面紧跟 `layers.Activation(\"relu\")`。输出层仍是 `layers.Dense(1)`。",
    )
    ),
    solution_code="""\
model = keras.Sequential([
    keras.Input(shape=[8]),
    layers.Dense(32),
    layers.Activation("relu"),
    layers.Dense(32),
    layers.Activation("relu"),
    layers.Dense(1),
])""",
    solution_note=Text(
        "A Dense layer and the Activation layer after it compute the same as one Dense layer with that "
        "activation; the separate layer leaves room for something in between, such as batch normalization.",
        "一个 Dense 层加上紧随其后的 Activation 层，与一个带该激活函数的 Dense 层计算的结果相同；"
        "单独的激活层让中间可以插入别的东西，例如批量归一化（batch normalization）。",
    ),
)


def _look_at_the_plots(value: Any) -> CheckResult:
    """An open question: any answer, or none, is fine; the feedback says what to look for."""
    return open_answer(Text(
        "there is nothing to get wrong here; compare your plots. Where is each curve exactly zero, and where "
        "only close to it? Which are smooth at 0 and which have a kink there, like relu? What happens to "
        "negative inputs: cut to 0 (relu), levelling off at a negative value (elu, selu), or dipping below "
        "zero and coming back (swish)? And for large inputs: growing without bound, or flattening out "
        "(sigmoid, tanh)?",
        "这里没有错误答案，比较一下你的图就好。每条曲线在哪里恰好为零，在哪里只是接近零？"
        "哪些在 0 处是光滑的，哪些像 relu 一样在那里有一个折点？负输入会怎样：被截成 0（relu），"
        "趋于一个负值（elu、selu），还是先降到零以下再回来（swish）？大输入又会怎样：无限增长，"
        "还是逐渐变平（sigmoid、tanh）？",
    ))


q_4 = Question(
    name="q_4",
    prompt=(
        Text(
        "Optional: plot `layers.Activation(name)` applied to `np.linspace(-3.0, 3.0, 100)` for `relu`, `elu`, "
        "`selu`, `swish` and others from `keras.activations`, and compare their shapes.",
        "选做：把 `layers.Activation(name)` 作用在 `np.linspace(-3.0, 3.0, 100)` 上并画出来，"
        "`name` 取 `relu`、`elu`、`selu`、`swish` 以及 `keras.activations` 中的其他函数，比较它们的形状。",
    )
    ),
    variable=None,
    check_answer=_look_at_the_plots,
    hint_text=(
        Text(
        'Set `activation_name` to another name, such as `activation_name = "elu"`, and run the cell again; keep '
        "the range -3 to 3 so the plots compare. Other names to try: `softplus`, `sigmoid`, `tanh`, `gelu`.",
        "把 `activation_name` 改成另一个名字，例如 `activation_name = \"elu\"`，再运行一次这个单元格；范围保持在 "
        "-3 到 3，方便比较。"
        "还可以试试这些名字：`softplus`、`sigmoid`、`tanh`、`gelu`。",
    )
    ),
    solution_code="""\
import matplotlib.pyplot as plt
import numpy as np

x = np.linspace(-3.0, 3.0, 100, dtype="float32")
names = ["relu", "elu", "selu", "swish", "softplus", "sigmoid", "tanh", "gelu"]
fig, axes = plt.subplots(2, 4, figsize=(10, 5), sharex=True, sharey=True)
for name, ax in zip(names, axes.flat):
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.plot(x, layers.Activation(name)(x))
    ax.set_title(name)
plt.show()""",
)

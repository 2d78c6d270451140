"""Exercise: a single neuron, on the Auto MPG data. ``q_1`` … ``q_4``, declared here; each has ``check()``,
``hint()`` and ``solution()``. ``q_3`` reads two variables, ``w`` and ``b``. Importing this does not import Keras.
"""

from __future__ import annotations

from typing import Any

from course.data.auto_mpg import FEATURES, TARGET
from course.exercises.auto_mpg_checks import AUTO_MPG, check_input_shape, check_linear_unit
from course.exercises.placeholder import ____
from course.exercises.question import Question
from course.exercises.result import CheckResult, open_answer
from course.exercises.text import Text, commented_code
from course.exercises.weight_checks import WeightsSpec

__all__ = ["____", "q_1", "q_2", "q_3", "q_4"]

_N = len(FEATURES)


q_1 = Question(
    name="q_1",
    prompt=Text(
        f"`X` holds the {_N} feature columns of the Auto MPG data. What is the model's input shape? "
        "Set `input_shape` to it, as a list.",
        f"`X` 存放着 Auto MPG 数据的 {_N} 个特征列。模型的输入形状是什么？请把 `input_shape` 设为它（写成列表）。",
    ),
    variable="input_shape",
    check_answer=check_input_shape,
    hint_text=Text(
        f"One car is one row of `X`; count its columns, or read `X.shape[1:]`. The target `{TARGET}`, "
        "`origin` and `name` are not inputs. A shape is a list of sizes: `[number_of_features]`.",
        f"一辆车就是 `X` 的一行；数一数它有几列，或者读取 `X.shape[1:]`。目标 `{TARGET}`、`origin` 和 `name` "
        "都不是输入。形状是由大小组成的列表：`[number_of_features]`。",
    ),
    solution_code=f"input_shape = [{_N}]",
    solution_note=Text(
        "The same as `list(X.shape[1:])`: the shape of one car, without the rows.",
        "与 `list(X.shape[1:])` 相同：一辆车的形状，不含行数。",
    ),
)

q_2 = Question(
    name="q_2",
    prompt=Text(
        "Build a linear model: a `keras.Sequential` of `keras.Input(shape=input_shape)` and one `Dense` "
        "layer with a single unit and no activation. Assign it to `model`.",
        "搭建一个线性模型：由 `keras.Input(shape=input_shape)` 和一个只有单个单元、没有激活函数的 `Dense` 层"
        "组成的 `keras.Sequential`。把它赋给 `model`。",
    ),
    variable="model",
    check_answer=check_linear_unit,
    hint_text=Text(
        "A single neuron is `layers.Dense(1)`. Put it in a list after `keras.Input(shape=input_shape)` "
        "and pass the list to `keras.Sequential`.",
        "单个神经元就是 `layers.Dense(1)`。把它放进列表，排在 `keras.Input(shape=input_shape)` 之后，"
        "再把列表传给 `keras.Sequential`。",
    ),
    solution_code="""\
model = keras.Sequential([
    keras.Input(shape=input_shape),
    layers.Dense(1),
])""",
)

q_3 = Question(
    name="q_3",
    prompt=Text(
        "A Dense layer keeps its weights in `model.weights`: the kernel, then the bias. Unpack them into "
        "`w` and `b`.",
        "Dense 层把它的权重保存在 `model.weights` 中：先是核（kernel），然后是偏置。把它们解包到 `w` 和 `b`。",
    ),
    variable="w, b",
    check_answer=WeightsSpec(AUTO_MPG, units=1).check,
    hint_text=Text(
        "`model.weights` is a list of two variables, so `w, b = model.weights` unpacks it. Print their "
        "`.shape` to see which is which.",
        "`model.weights` 是由两个变量组成的列表，所以 `w, b = model.weights` 就能解包。打印它们的 `.shape`，"
        "看看哪个是哪个。",
    ),
    solution_code="w, b = model.weights",
    solution_note=Text(
        f"`w` has shape ({_N}, 1), one weight per input; `b` has shape (1,), the unit's bias.",
        f"`w` 的形状是 ({_N}, 1)，每个输入一个权重；`b` 的形状是 (1,)，即这个单元的偏置。",
    ),
)


def _look_at_the_line(value: Any) -> CheckResult:
    """An open question: any plot is an answer; the feedback says what to look for."""
    return open_answer(Text(
        "there is nothing to get wrong here; look at your plots. At x = 0 (extend the line there if your plot stops "
        "short of it), the untrained line meets the bias, which starts at 0, and its slope is the one weight, a "
        "random number: run the cell again with another seed and the slope changes, the value at x = 0 does not. "
        "Its predictions are nowhere near the cars' mpg: nothing has fitted the weight yet. Lesson 6 lets "
        "training find it.",
        "这里没有错误答案，看看你的图就好。在 x = 0 处（如果你的图没有画到那里，就把直线延长过去），"
        "未经训练的直线的取值就是偏置，而偏置初始为 0；它的斜率就是那唯一的权重，一个随机数："
        "换一个随机种子再运行这个单元格，斜率会变，x = 0 处的取值不会变。"
        "它的预测离汽车的 mpg 还差得远：还没有任何东西去拟合这个权重。第 6 课会让训练把它找出来。",
    ))


q_4 = Question(
    name="q_4",
    prompt=Text(
        "Optional: build an untrained model with one input, feed it values of one feature and plot its "
        "predictions against the data. Try other seeds and other features.",
        "选做：搭建一个只有一个输入、未经训练的模型，给它输入某个特征的取值，并把它的预测与数据画在一起。"
        "试试别的随机种子和别的特征。",
    ),
    variable=None,
    check_answer=_look_at_the_line,
    hint_text=Text(
        "`keras.Sequential([keras.Input(shape=[1]), layers.Dense(1)])` is a unit with one input. "
        "`model.predict(x, verbose=0)` on a column of values gives its line. Change `keras.utils.set_random_seed`.",
        "`keras.Sequential([keras.Input(shape=[1]), layers.Dense(1)])` 是一个只有一个输入的单元。"
        "对一列取值调用 `model.predict(x, verbose=0)`，就得到它的直线。改一改 `keras.utils.set_random_seed`。",
    ),
    solution_code=commented_code("""\
import matplotlib.pyplot as plt
import numpy as np

keras.utils.set_random_seed(1)
one_input = keras.Sequential([keras.Input(shape=[1]), layers.Dense(1)])
x = np.linspace(1.5, 5.5, 50).reshape(-1, 1)  # weight in thousands of pounds
plt.scatter(auto["weight"] / 1000, auto["mpg"], s=8)
plt.plot(x, one_input.predict(x, verbose=0), color="C1")
plt.xlabel("weight (1000 lb)")
plt.ylabel("mpg")
plt.show()""", {"weight in thousands of pounds": "车重，以千磅为单位"}),
)

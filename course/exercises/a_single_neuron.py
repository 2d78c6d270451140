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
        "Optional: run the cell that plots an untrained one-input unit with other seeds, or on another feature. "
        "What stays the same from run to run, and what changes?",
        "选做：换几个随机种子，或者换一个特征，运行画出未经训练的单输入单元的那个单元格。"
        "每次运行之间，什么保持不变，什么会变？",
    ),
    variable=None,
    check_answer=_look_at_the_line,
    hint_text=Text(
        "Change the number in `keras.utils.set_random_seed` and run the cell again, a few times. "
        "`one_input.weights` holds the slope and the bias: print them each time. Where does each line cross x = 0?",
        "改一改 `keras.utils.set_random_seed` 里的数字，多运行几次这个单元格。`one_input.weights` 存放着斜率和偏置："
        "每次都把它们打印出来。每条直线在哪里穿过 x = 0？",
    ),
    solution_code=commented_code("""\
for seed in [1, 2, 3, 4]:
    keras.utils.set_random_seed(seed)
    one_input = keras.Sequential([keras.Input(shape=[1]), layers.Dense(1)])
    slope, bias = (variable.numpy().item() for variable in one_input.weights)
    # the line's height where the input is 0
    at_zero = one_input.predict(np.zeros((1, 1)), verbose=0).item()
    print(f"seed {seed}: slope {slope:+.2f}, bias {bias:.2f}, at x = 0: {at_zero:.2f}")""",
                                 {"the line's height where the input is 0": "输入为 0 处直线的高度"}),
    solution_note=Text(
        "The slope is the one weight, drawn at random: each seed gives another, between -√3 and √3, "
        "about ±1.73 (Glorot uniform, with one input and one unit). The bias starts at 0 whatever the seed, so "
        "every untrained line passes through 0 at x = 0. No seed puts the line near the cars' mpg: finding the "
        "weight and the bias is training's work.",
        "斜率就是那唯一的权重，是随机抽取的：每个种子给出一个不同的斜率，介于 -√3 和 √3 之间，"
        "约为 ±1.73（一个输入、一个单元时的 Glorot 均匀分布）。无论种子是什么，偏置都从 0 开始，"
        "所以每条未经训练的直线在 x = 0 处都取 0。没有哪个种子能让直线靠近汽车的 mpg：找到权重和偏置是训练的工作。",
    ),
)

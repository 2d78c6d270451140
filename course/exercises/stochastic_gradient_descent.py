"""Exercise: stochastic gradient descent, on the Auto MPG data. ``q_1`` … ``q_4``, declared here; each has
``check()``, ``hint()`` and ``solution()``. ``q_2`` reads how ``model`` was compiled (optimizer and loss, given as
strings or objects, Keras 3 or tf_keras) without changing it. Importing this does not import Keras.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from course.data.auto_mpg import FEATURES, TARGET
from course.exercises.auto_mpg_checks import AUTO_MPG, check_input_shape
from course.exercises.compile_checks import CompileSpec
from course.exercises.placeholder import ____
from course.exercises.question import Question
from course.exercises.result import CheckResult, open_answer
from course.exercises.text import Text, commented_code

__all__ = ["____", "q_1", "q_2", "q_3", "q_4"]

_N = len(FEATURES)
_COMPILE = 'model.compile(optimizer="adam", loss="mae")'

_COMPILED = CompileSpec(optimizer="adam", loss="mean_absolute_error")


q_1 = Question(
    name="q_1",
    prompt=Text(
        f"What is the input shape of a model that reads `X_train`, the {_N} standardised features? "
        "Set `input_shape` to it, as a list.",
        f"一个读取 `X_train`（{_N} 个标准化后的特征）的模型，输入形状是什么？请把 `input_shape` 设为它（写成列表）。",
    ),
    variable="input_shape",
    check_answer=partial(check_input_shape, data=replace(AUTO_MPG, data_name="X_train")),
    hint_text=Text(
        f"One car is one row of `X_train`: count its columns, or read `X_train.shape[1:]`. The target "
        f"`{TARGET}` is not an input.",
        f"一辆车就是 `X_train` 的一行：数一数它有几列，或者读取 `X_train.shape[1:]`。目标 `{TARGET}` 不是输入。",
    ),
    solution_code=f"input_shape = [{_N}]",
    solution_note=Text(
        "The same as `list(X_train.shape[1:])`.",
        "与 `list(X_train.shape[1:])` 相同。",
    ),
)

q_2 = Question(
    name="q_2",
    prompt=Text(
        "Compile `model` with the Adam optimizer and the mean absolute error as its loss.",
        "用 Adam 优化器编译 `model`，损失函数用平均绝对误差（MAE）。",
    ),
    variable="model",
    check_answer=_COMPILED.check,
    hint_text=Text(
        '`model.compile` takes `optimizer=` and `loss=`, as names (`"adam"`, `"mae"`) or objects '
        "(`keras.optimizers.Adam()`, `keras.losses.MeanAbsoluteError()`).",
        "`model.compile` 接受 `optimizer=` 和 `loss=`，可以写成名字（`\"adam\"`、`\"mae\"`），"
        "也可以写成对象（`keras.optimizers.Adam()`、`keras.losses.MeanAbsoluteError()`）。",
    ),
    solution_code=_COMPILE,
    solution_note=Text(
        "`keras.optimizers.Adam()` and `keras.losses.MeanAbsoluteError()` are the same choice written "
        "as objects; objects let you set options, such as the learning rate.",
        "`keras.optimizers.Adam()` 和 `keras.losses.MeanAbsoluteError()` 是写成对象的同一种选择；"
        "对象可以设置选项，例如学习率。",
    ),
)


def _read_the_curves(value: Any) -> CheckResult:
    """An open question: any answer is fine; the feedback says what to look for in the learning curves."""
    return open_answer(Text(
        "there is nothing to get wrong here; read your curves. Where do they fall steeply, and from which epoch "
        "on do they flatten? A curve still falling at the last epoch says more epochs would help. Is the "
        "validation curve above the training curve, and does the gap grow? Compare the last validation error "
        "with the spread of the mpg: an error of a few mpg on cars that range over tens of mpg is useful.",
        "这里没有错误答案，读一读你的曲线就好。它们在哪里陡降，从第几轮起变平？"
        "如果到最后一轮曲线仍在下降，说明再多训练几轮会有帮助。验证曲线是否在训练曲线之上，两者的差距是否在变大？"
        "把最后的验证误差与 mpg 的分布范围比一比：汽车的 mpg 相差几十，误差只有几 mpg 的模型就是有用的。",
    ))


q_3 = Question(
    name="q_3",
    prompt=Text(
        "Run the cell that trains the compiled model for 20 epochs and plots its learning curves. How far did the "
        "loss fall, where does it flatten, and is it still falling at the end?",
        "运行那个把编译好的模型训练 20 轮并画出学习曲线的单元格。损失下降了多少，从哪里开始变平，到最后是否仍在下降？",
    ),
    variable=None,
    check_answer=_read_the_curves,
    hint_text=Text(
        "The cell has trained the model already: read `history.history`, whose `loss` and `val_loss` hold one "
        "value per epoch, and the plot. Running the cell again would train the same model further, from where "
        "it stopped.",
        "这个单元格已经训练过模型了：读一读 `history.history`（其中的 `loss` 和 `val_loss` 每轮各有一个值）和那张图。"
        "再运行一次这个单元格，会让同一个模型从停下的地方接着训练。",
    ),
    solution_code=commented_code("""\
for name, curve in history.history.items():
    recent = curve[-1] - curve[-6]  # clearly below 0: more epochs would help
    print(f"{name}: {curve[0]:.2f} after epoch 1, {curve[-1]:.2f} after epoch "
          f"{len(curve)}, {recent:+.2f} over the last 5 epochs")""",
        {"clearly below 0: more epochs would help": "明显小于 0：多训练几轮会有帮助"}),
    solution_note=Text(
        "The loss falls most in the first epochs, then the curves flatten: there, each further epoch buys less. "
        "A change over the last epochs that is still clearly below 0 says that training longer would help; one "
        "near 0 says these settings have got about as far as they will. Set the last validation error against "
        "the spread of mpg: the cars differ by tens of mpg, so an error of a few mpg makes a useful model.",
        "损失在最初几轮下降得最多，然后曲线变平：从那里起，每多训练一轮，收获就更少。如果最后几轮的变化仍明显小于 0，"
        "说明训练更久会有帮助；如果接近 0，说明在这些设置下模型已经差不多到头了。把最后的验证误差与 mpg 的分布范围比一比："
        "汽车的 mpg 相差几十，误差只有几 mpg 的模型就是有用的。",
    ),
)


def _compare_settings(value: Any) -> CheckResult:
    """An open question: any settings are fine; the feedback says what they usually do."""
    return open_answer(Text(
        "there is nothing to get wrong here; compare your curves with question 3's run. A larger learning rate "
        "takes bigger steps: the loss falls faster at first but may jump around or stall higher; a smaller "
        "one is smoother and slower. A smaller batch gives more, noisier steps per epoch, so curves fall "
        "further per epoch but wobble; a larger batch gives fewer, steadier steps.",
        "这里没有错误答案，把你的曲线和第 3 题的运行比一比就好。学习率越大，步子越大：损失一开始下降得更快，"
        "但可能来回跳动，或停在更高的位置；学习率越小，曲线越平滑，也越慢。批量越小，每轮的步数越多、噪声也越大，"
        "所以曲线每轮下降得更多，但会抖动；批量越大，步数越少、越平稳。",
    ))


q_4 = Question(
    name="q_4",
    prompt=Text(
        "Train a fresh model with other settings, one at a time, and compare its learning curves with question 3's.",
        "换一种设置训练一个新模型，一次只改一个设置，并把它的学习曲线与第 3 题的比较。",
    ),
    variable=None,
    check_answer=_compare_settings,
    hint_text=Text(
        "Change `learning_rate` or `batch_size` at the top of the cell, one at a time, run it, and compare where "
        "the curves start to flatten and how smooth they are with question 3's run (learning rate 0.001, batches "
        "of 64). Try learning rates of 0.01 and 0.0001, then batches of 16 and of 256.",
        "每次只修改单元格开头的 `learning_rate` 或 `batch_size` 中的一个，运行它，再与第 3 题的运行（学习率 0.001，"
        "批量大小 64）比较曲线从哪里开始变平、有多平滑。试试学习率 0.01 和 0.0001，再试试批量大小 16 和 256。",
    ),
    solution_code=commented_code("""\
# One setting changed at a time from question 3's run (0.001, batches of 64)
settings = [(0.01, 64), (0.0001, 64), (0.001, 16), (0.001, 256)]
for learning_rate, batch_size in settings:
    # question 3's starting weights: only the setting differs
    keras.utils.set_random_seed(0)
    model = make_model()
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mae")
    history = model.fit(X_train, y_train, validation_data=(X_valid, y_valid),
                        batch_size=batch_size, epochs=20, verbose=0)
    show(plot_history(history, ylabel="MAE (mpg)"),
         alt=f"Learning curves with learning rate {learning_rate} and batch size {batch_size}.")""",
        {"One setting changed at a time from question 3's run (0.001, batches of 64)":
         "与第 3 题的运行（学习率 0.001，批量大小 64）相比，一次只改一个设置",
         "question 3's starting weights: only the setting differs": "与第 3 题相同的初始权重：只有设置不同"}),
)

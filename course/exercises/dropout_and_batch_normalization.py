"""Exercise: dropout and batch normalization, on the concrete data. ``q_1`` … ``q_4``, declared here; each has
``check()``, ``hint()`` and ``solution()``. ``q_1`` and ``q_3`` read ``model``; ``q_2`` and ``q_4`` are open.
Importing this does not import Keras or TensorFlow.
"""

from __future__ import annotations

from typing import Any

from course.data import EXPECTED_ROWS, FEATURES, TARGET
from course.exercises.placeholder import ____
from course.exercises.question import Question
from course.exercises.result import CheckResult, open_answer
from course.exercises.sequence_checks import BatchNormLayer, DenseLayer, DropoutLayer, LayerSequenceSpec
from course.exercises.shape_checks import InputShapeSpec
from course.exercises.text import Text

__all__ = ["____", "q_1", "q_2", "q_3", "q_4"]

# The lesson keeps the feature columns in `train[features]` (it has no `X`), which messages name.
CONCRETE = InputShapeSpec(features=len(FEATURES), rows=EXPECTED_ROWS, target=TARGET, data_name="train[features]")

_WITH_DROPOUT = LayerSequenceSpec(
    CONCRETE,
    (DenseLayer(128, "relu"), DropoutLayer(0.3), DenseLayer(64, "relu"), DropoutLayer(0.3), DenseLayer(1)),
)
q_1 = Question(
    name="q_1",
    prompt=Text(
        "Build the network of lesson 7's question 2, hidden `Dense(128)` and `Dense(64)` with ReLU and a "
        "linear `Dense(1)` output, with a `layers.Dropout(0.3)` after each hidden layer. Assign it to `model`.",
        "搭建第 7 课第 2 题的网络：带 ReLU 的隐藏层 `Dense(128)` 和 `Dense(64)`，加上线性输出层 `Dense(1)`，"
        "并在每个隐藏层之后加一个 `layers.Dropout(0.3)`。把它赋给 `model`。",
    ),
    variable="model",
    check_answer=_WITH_DROPOUT.check,
    hint_text=Text(
        "A `Dropout` layer acts on the output of the layer before it, so it goes right after each hidden "
        '`Dense`: `layers.Dense(128, activation="relu"), layers.Dropout(0.3), ...`. The output layer gets none.',
        "`Dropout` 层作用于它前一层的输出，所以它紧跟在每个隐藏的 `Dense` 层之后："
        "`layers.Dense(128, activation=\"relu\"), layers.Dropout(0.3), ...`。输出层后面不加。",
    ),
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
    return open_answer(Text(
        "there is no single right wording; here is what to compare. With dropout the training error is measured "
        "on a network that is missing 30% of its hidden units at every step, so it sits higher than without "
        "dropout, sometimes even above the validation error, which Keras measures with every unit in place. "
        "What counts is the validation curve: compare its last epochs with the run without dropout, not only its "
        "lowest point, which can be an early dip. If the two validation curves end together, dropout made no "
        "difference to this network at the end. One run on 50 tests is noisy: whether dropout helps a network that "
        "overfits shows over many runs, not in one. On a network that has little noise left to learn, it mostly "
        "slows training down.",
        "措辞没有唯一的标准答案，这里说说该比较什么。用了丢弃法后，训练误差是在每一步都缺少 30% 隐藏单元的网络上测得的，"
        "所以它比不用丢弃法时高，有时甚至高于验证误差，而 Keras 测验证误差时所有单元都在。"
        "真正要看的是验证曲线：把它的最后几轮与不用丢弃法的那次运行比较，而不只是看最低点，最低点可能只是早期的一次下探。"
        "如果两条验证曲线最后走到了一起，丢弃法在最后就没有给这个网络带来任何差别。"
        "只在 50 次试验上跑一次，结果的噪声很大：丢弃法对过拟合的网络有没有帮助，要看许多次运行，而不是一次。"
        "对于已经没剩多少噪声可学的网络，它主要是让训练变慢。",
    ))


q_2 = Question(
    name="q_2",
    prompt=Text(
        "Open: train the dropout network and compare its learning curves with those of the same network "
        "without dropout. What changed, in the training curve and in the validation curve?",
        "开放题：训练带丢弃法的网络，把它的学习曲线与不带丢弃法的同一网络比较。训练曲线和验证曲线各有什么变化？",
    ),
    variable=None,
    check_answer=_read_the_dropout_curves,
    hint_text=Text(
        "Look at the two curves separately. Keras computes the training loss with dropout switched on and "
        "the validation loss with it switched off.",
        "把两条曲线分开看。Keras 计算训练损失时丢弃法是打开的，计算验证损失时是关闭的。",
    ),
    solution_code=Text(
        "# With dropout the training error sits higher: it is measured while 30% of the hidden units\n"
        "# are dropped. The validation error is the one to compare between the two runs.",
        "# 使用丢弃法时训练误差偏高：它是在 30% 的隐藏单元被丢弃的情况下测得的。\n"
        "# 两次运行之间应当比较的是验证误差。",
    ),
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
    prompt=Text(
        "Build a `keras.Sequential` model that starts with `layers.BatchNormalization()`, then has three "
        "hidden `Dense(512)` layers with ReLU, each followed by `layers.BatchNormalization()`, and a linear "
        "`Dense(1)` output. Assign it to `model`.",
        "搭建一个 `keras.Sequential` 模型：以 `layers.BatchNormalization()` 开头，然后是三个带 ReLU 的隐藏层 "
        "`Dense(512)`，每层后面跟一个 `layers.BatchNormalization()`，最后是线性输出层 `Dense(1)`。把它赋给 `model`。",
    ),
    variable="model",
    check_answer=_BATCH_NORMALIZED.check,
    hint_text=Text(
        "After `keras.Input(shape=input_shape)`: `layers.BatchNormalization()`, then three times the pair "
        '`layers.Dense(512, activation="relu"), layers.BatchNormalization()`, then `layers.Dense(1)`.',
        "在 `keras.Input(shape=input_shape)` 之后：先是 `layers.BatchNormalization()`，"
        "然后三次 `layers.Dense(512, activation=\"relu\"), layers.BatchNormalization()`，最后是 `layers.Dense(1)`。",
    ),
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
    solution_note=Text(
        "While training, the first `BatchNormalization` standardises the raw features batch by batch; unlike "
        "the scaling of lesson 5, it predicts with moving averages of those statistics, which take many steps "
        "to reach the features' real means and variances.",
        "训练时，第一个 `BatchNormalization` 逐批标准化原始特征；与第 5 课的缩放不同，它预测时用的是这些统计量的"
        "滑动平均，而滑动平均要经过许多步才能接近特征真实的均值和方差。",
    ),
)


def _read_the_rescue(value: Any) -> CheckResult:
    """An open question: any answer, or none, is fine; the feedback says what to look at."""
    return open_answer(Text(
        "there is nothing to get wrong here; here is one reading. Without batch normalization, the raw features "
        "(cement, water and the aggregates in the hundreds of kg/m³) give gradients so large that the first SGD "
        "steps throw the weights far off and the loss overflows to `inf` or `nan`. The first `BatchNormalization` "
        "layer rescales every feature of each batch to mean 0 and standard deviation 1 before the first Dense layer "
        "sees it, and the ones between the Dense layers keep their outputs on that scale, so the same optimizer and "
        "learning rate now bring the training loss down. The validation error stays well above it, and not mainly "
        "from overfitting: at inference each layer standardises with moving averages of the batch statistics, "
        "which move only 1% of the way per step (`momentum=0.99`) and after ten epochs on raw features in the "
        "hundreds still lag behind the real ones.",
        "这里没有错误答案，下面给出一种解读。没有批量归一化时，原始特征（水泥、水和骨料的用量都是几百 kg/m³）"
        "产生的梯度非常大，最初几步 SGD 就把权重甩得很远，损失溢出为 `inf` 或 `nan`。第一个 `BatchNormalization` 层"
        "在第一个 Dense 层看到数据之前，把每一批中的每个特征都缩放到均值 0、标准差 1，而 Dense 层之间的那几个"
        " BatchNormalization 层让各 Dense 层的输出保持在这个尺度上，所以同样的优化器和学习率现在能让训练损失降下来。验证误差仍然比它高出不少，"
        "而这主要不是过拟合造成的：推理时，每一层用批量统计量的滑动平均做标准化，而滑动平均每一步只前进 1%"
        "（`momentum=0.99`），在数值达几百的原始特征上训练十轮之后，仍然落后于真实值。",
    ))


q_4 = Question(
    name="q_4",
    prompt=Text(
        "Open: the same network trained with SGD on the unscaled features failed without batch normalization. "
        "How did the batch-normalized network do, and why does it train?",
        "开放题：同一个网络在未缩放的特征上用 SGD 训练，没有批量归一化时失败了。加了批量归一化的网络表现如何？它为什么能训练？",
    ),
    variable=None,
    check_answer=_read_the_rescue,
    hint_text=Text(
        "Compare the two runs' losses in their first epoch. Which layer sees the raw features first, in "
        "each network?",
        "比较两次运行在第一轮的损失。在每个网络中，哪一层最先看到原始特征？",
    ),
    solution_code=Text(
        "# Without batch normalization the loss overflowed in the first epoch. With it, the training loss\n"
        "# comes down over the epochs: the first BatchNormalization layer puts every raw feature on one scale.\n"
        "# The validation error stays higher: at inference the layers use their moving averages, which still lag.",
        "# 没有批量归一化时，损失在第一轮就溢出了。有了它，训练损失随着轮数下降：\n"
        "# 第一个 BatchNormalization 层把每个原始特征都放到同一尺度上。\n"
        "# 验证误差仍然更高：推理时各层用的是滑动平均，而滑动平均仍然滞后。",
    ),
)

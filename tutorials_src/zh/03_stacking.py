# %% [markdown]
# # 堆叠全连接层
# 隐藏层与输出层，以及如何在 Keras 中搭建一个由全连接层堆叠而成的小网络、统计它的参数并把它画出来。

# %% [markdown]
# 单个全连接层只能计算输入的加权和，再由激活函数弯折一次。要对更有意思的关系建模，就要把一层的输出送进下一层。本课搭建这样一个堆叠，分别用手算和代码统计它的参数，并介绍在 Keras 中写出它的几种方式。
#
# 首先导入所需的库，并设置一次随机种子，这样每次运行时 Keras 抽取的权重都相同。

# %%
import keras
import numpy as np
from keras import layers

from course.glue import glue  # 记录本页正文引用的数值
from course.plotting import draw_network, show

keras.utils.set_random_seed(0)

# %% [markdown]
# ## 隐藏层与输出层
#
# 由多层堆叠而成的网络有三种层：
#
# - **输入**，它其实算不上一层：它只说明每个样本包含多少个数；
# - 位于中间的**隐藏层**（hidden layer）；
# - 位于末端的**输出层**（output layer），它的输出就是网络的预测。
#
# 中间的层之所以叫*隐藏*层，是因为我们从来不直接看到它们的输出。数据给出的是输入，以及我们希望得到的输出，即目标；隐藏层产生的是网络在训练过程中自己摸索出来的中间结果。
#
# 每个隐藏层都会施加一个非线性激活函数，例如 ReLU。正因为如此，堆叠才有意义：没有激活函数，一堆全连接层就会坍缩成一个大的线性函数；有了激活函数，每一层都能把上一层的结果弯折、组合，一个由全连接层组成的堆叠就能表示输入与输出之间复杂的关系。
#
# ## 输出层的激活函数取决于任务
#
# 输出层要根据我们想预测的东西来选择：
#
# - **回归**（regression），即预测一个任意的数，比如价格或强度：输出单元*不*使用激活函数。它保持线性，因此输出可以是任何实数。
# - **二分类**（binary classification）：用 *sigmoid* 激活函数把输出压缩到 $(0, 1)$ 之间，这样输出就可以理解为一个概率。
# - **多分类**，即分成多个类别：每个类别一个单元，并使用 *softmax* 激活函数，它把各个输出变成加起来等于 1 的概率。
#
# 在讲分类的第 9 课之前，本课程做的都是回归，所以我们的输出层都是线性的。

# %% [markdown]
# ## 有两个隐藏层的网络
#
# 下面是一个用于回归任务的小网络，有两个输入特征：第一个隐藏层有 4 个 ReLU 单元，第二个隐藏层有 3 个 ReLU 单元，最后是一个线性输出单元。`keras.Sequential` 接收一个由层组成的**列表**，并按顺序把每一层连到下一层。

# %%
model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        layers.Dense(4, activation="relu"),
        layers.Dense(3, activation="relu"),
        layers.Dense(1),
    ]
)
model.summary()

# %% [markdown]
# 摘要（summary）列出了这三个全连接层，以及它们的输出形状（`None` 代表批量大小，可以是任意值）和参数个数。
#
# ## 统计参数
#
# 一个有 $n$ 个输入、$m$ 个单元的全连接层，每一对输入与单元都有一个权重，共 $n \cdot m$ 个权重，另外每个单元还有一个偏置，共 $m$ 个偏置。每一层的输入就是上一层的输出，因此：
#
# $$
# \begin{array}{ll}
# \text{第一个隐藏层：} & 2 \cdot 4 + 4 = 12 \\
# \text{第二个隐藏层：} & 4 \cdot 3 + 3 = 15 \\
# \text{输出层：} & 3 \cdot 1 + 1 = 4
# \end{array}
# $$
#
# 整个网络共有 $12 + 15 + 4 = 31$ 个参数。Keras 把每一层的权重保存在形状为“输入数 × 单元数”的 `kernel` 矩阵和长度为单元数的 `bias` 向量中。我们可以读出这些形状，把参数重新数一遍：

# %%
for layer in model.layers:
    n_inputs, n_units = layer.kernel.shape
    print(
        f"{layer.name:8} kernel {n_inputs}x{n_units}"
        f" + bias {layer.bias.shape[0]}"
        f" = {n_inputs * n_units + n_units:2}"
        f"  (count_params: {layer.count_params()})"
    )
print("total:", model.count_params())
glue("total_params", model.count_params())

# %% [markdown]
# 手算的结果、权重的形状以及 Keras 自己的 `count_params()` 三者一致：{glue}`total_params` 个参数，全部在训练中学习得到。
#
# ## 画出网络
#
# `draw_network` 是本课程提供的辅助函数之一，它读取一个已构建模型的各层并把模型画出来：每个单元是一个圆圈，每个权重是一条从某个单元连到下一层某个单元的线。每一列的上方标出该层的角色和激活函数，下方标出它的单元数和参数个数。

# %%
fig = draw_network(model)
first, second, output = model.layers
glue("first_hidden_params", first.count_params())
glue("second_hidden_params", second.count_params())
glue("output_params", output.count_params())
show(fig, alt=f"Network diagram 2 → 4 → 3 → 1: 2 inputs, a hidden layer of 4 "
     f"ReLU units ({first.count_params()} params), a hidden layer of 3 ReLU "
     f"units ({second.count_params()} params) and 1 linear output unit "
     f"({output.count_params()} params), each unit connected to every unit "
     f"of the next layer; {model.count_params()} parameters in total.")

# %% [markdown]
# <!-- alt: 网络结构图 2 → 4 → 3 → 1：2 个输入；一个有 4 个 ReLU 单元的隐藏层（{glue}`first_hidden_params` 个参数）；一个有 3 个 ReLU 单元的隐藏层（{glue}`second_hidden_params` 个参数）；1 个线性输出单元（{glue}`output_params` 个参数）。每个单元都与下一层的每个单元相连，共 {glue}`total_params` 个参数。 -->
#
# 每条线代表一个权重：共 $2 \cdot 4 + 4 \cdot 3 + 3 \cdot 1 = 23$ 条线。图中没有画出偏置；把它们加上，每个单元一个，共 $4 + 3 + 1 = 8$ 个，就又回到了摘要中的 {glue}`total_params` 个参数。
#
# ## 层要放在列表里
#
# 一个常见的失误是把各层逐个传给 `keras.Sequential`，而不是放在一个列表里：

# %% tags=["raises-exception"]
keras.Sequential(layers.Dense(4, activation="relu"), layers.Dense(1))

# %% [markdown]
# 错误信息的最后一行是 ``ValueError: Expected `trainable` to be a boolean``（`trainable` 应为布尔值），并说它收到的值是一个 `Dense` 层。这听起来和我们做的事毫不相干，这也正是这个失误让人困惑的地方。回溯信息（traceback）中第一个位于 Keras 内部的帧揭示了原因，就在它的箭头正上方：`Sequential` 构造函数的签名 `def __init__(self, layers=None, trainable=True, name=None):`。第一个参数是层的列表；第二个参数是一个开关，表示模型的权重是否可以训练。逐个传入时，第一个 `Dense` 落到了 `layers` 上，第二个落到了 `trainable` 上，而 `trainable` 必须是 `True` 或 `False`。修正方法是在这些层外面加一对方括号。
#
# 还有一种逐步搭建同一个模型的方式：从一个空的 `Sequential` 开始，按顺序用 `add` 一次添加一层。当各层是在循环中创建时，这种写法很方便。

# %%
model_by_add = keras.Sequential()
model_by_add.add(keras.Input(shape=(2,)))
model_by_add.add(layers.Dense(4, activation="relu"))
model_by_add.add(layers.Dense(3, activation="relu"))
model_by_add.add(layers.Dense(1))
print("parameters:", model_by_add.count_params())

# %% [markdown]
# ## 把激活函数单独作为一层
#
# `layers.Dense(8, activation="relu")` 做了两件事：先算线性部分 $xW + b$，再做 ReLU。Keras 也可以把它们拆成两层：`layers.Dense(8)` 后面接 `layers.Activation("relu")`。为了验证两种写法计算的是同一个东西，我们在 2 个输入上各建一个模型，并把第一个模型中全连接层的权重复制到第二个模型中，让两者从同样的 $W$ 和 $b$ 出发。

# %%
combined = keras.Sequential(
    [keras.Input(shape=(2,)), layers.Dense(8, activation="relu")]
)
separate = keras.Sequential(
    [keras.Input(shape=(2,)), layers.Dense(8), layers.Activation("relu")]
)

separate.layers[0].set_weights(combined.layers[0].get_weights())

# %% [markdown]
# 现在在同一批四个样本上运行这两个模型，比较它们的输出。

# %%
x = np.array([[0.5, -1.0], [2.0, 0.3], [-1.5, -0.7], [0.0, 1.2]],
             dtype="float32")
y_combined = combined.predict(x, verbose=0)
y_separate = separate.predict(x, verbose=0)

print("output shape:", y_combined.shape)
print("max abs difference:", np.max(np.abs(y_combined - y_separate)))
print("identical:", np.array_equal(y_combined, y_separate))

# %% [markdown]
# 两者的输出不只是接近，而是完全相同。当线性部分和激活函数*之间*需要插入别的东西时，拆开的写法就很方便，比如批量归一化（batch normalization）层，[丢弃法与批量归一化](08_dropout_and_batch_normalization.ipynb)一课会介绍它。
#
# > **在旧代码中：`input_shape`。** Keras 2 的代码常常在第一层上声明输入，而不是使用 `keras.Input`：
# >
# > ```python
# > layers.Dense(4, activation="relu", input_shape=[2])
# > ```
# >
# > 在 `Sequential` 中，Keras 只读取第一层上的 `input_shape`；之后的每一层都从前一层得知自己的输入宽度。Keras 3 仍然接受这种写法，但会打印一条警告，要求改为把 `keras.Input(shape=(2,))` 作为第一层，这也正是本课程采用的写法。
#
# ## 接下来
#
# 在练习中，你将亲手搭建一个深度网络，根据混凝土的配料和龄期预测它的抗压强度：这是一个回归任务，所以输出层是线性的。准备好了就[去做练习](04_exercise_concrete.ipynb)吧。

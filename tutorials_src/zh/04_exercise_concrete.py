# %% [markdown]
# # 练习：混凝土的抗压强度
# 弄清一个真实数据集的输入形状，为它搭建一个深度网络，并试一试几种激活函数。

# %% [markdown]
# 混凝土能达到多高的强度，取决于它的配方：拌合时放了多少水泥、水、砂和碎石，以及它已经凝固了多久。在这个练习中，你要准备一个根据配方预测强度的网络：算出网络的输入形状，搭建一个深度模型，把一个模型改写成激活函数单独成层的形式，再观察几种激活函数。下一课会训练你在这里搭建的模型。
#
# ## 练习怎么做
#
# 每道题都有一个检查器，从 `q_1` 到 `q_4`。作答时，在代码单元格里把空白 `____` 换成你的代码。单元格的最后一行是检查，例如 `q_1.check()`：它读取你的变量（第 1 题是 `input_shape`，第 2、3 题是 `model`），然后给出判定：**正确**；**不正确**，并说明哪里不对；空白还没填时则是**尚未作答**。卡住了？`q_1.hint()` 给出提示，`q_1.solution()` 显示参考代码。每道题都有一个单元格，里面是这两行被注释掉的代码：去掉其中一行的注释，再运行这个单元格即可。
#
# 在课程网站上，每道题的答案都折叠在题目下方的**参考答案**里。想自己动手做这个练习，请从本课页面顶部下载*练习笔记本*：里面只有空白，没有答案。
#
# 首先是导入、检查器和随机种子：

# %%
import keras
import numpy as np
from keras import layers

from course.data import FEATURES, TARGET, load_concrete
from course.exercises import ____
from course.exercises.deep_neural_networks import q_1, q_2, q_3, q_4
from course.glue import glue  # 记录本页正文引用的数值
from course.plotting import draw_network, function_grid, plot_functions, show

keras.utils.set_random_seed(0)

# %% [markdown]
# ## 数据
#
# 数据集的每一行对应一次试验：按一组混凝土配合比拌制、浇筑成试块，凝固若干天后在压力机上压碎。有八列描述这次试验：七种原料在每立方米混合料中的用量，单位为 kg（Cement 水泥、BlastFurnaceSlag 高炉矿渣、FlyAsh 粉煤灰、Water 水、Superplasticizer 高效减水剂、CoarseAggregate 粗骨料、FineAggregate 细骨料），以及试验时的龄期 Age，单位为天。最后一列 CompressiveStrength 是试块被压碎时单位面积上的荷载，单位为 MPa，也就是它的抗压强度。

# %%
concrete = load_concrete()
print("shape:", concrete.shape)
glue("row_count", len(concrete))
glue("column_count", concrete.shape[1])
concrete.head()

# %% [markdown]
# 这张表有 {glue}`row_count` 行，每行一次试验，共 {glue}`column_count` 列。同一组配合比可能出现不止一次，在不同的龄期接受试验。
#
# > **关于数据。** I-Cheng Yeh, "Modeling of strength of high performance concrete using artificial neural networks", *Cement and Concrete Research* 28(12):1797–1808 (1998)。该数据以“Concrete Compressive Strength”为名发布在 UCI 机器学习数据库（UCI Machine Learning Repository），采用 CC BY 4.0 许可协议。
#
# 我们要预测的那一列是**目标**（target）；其余各列是**特征**（feature），也就是模型的输入。`course.data` 把它们分别命名为 `TARGET` 和 `FEATURES`。我们据此把表拆开：`X` 存放特征，`y` 存放目标。

# %%
X = concrete[list(FEATURES)]
y = concrete[TARGET]
print("target:", TARGET)

# %% [markdown]
# ## 1. 输入形状
#
# 模型的**输入形状**（input shape）是*一个*样本在模型看来的形状。表里有两样东西不属于它：
#
# - **目标。** 目标正是模型要预测的量，所以它不能同时作为输入：如果模型拿到了强度，它只会照抄过来，而面对一组从没人测过强度的新配合比，这样的模型毫无用处。
# - **行数。** 每一行是一个样本，模型分批读取样本，每批多大由我们指定。Keras 会自己加上这个批量轴（也就是模型摘要里的 `None`），所以输入形状只描述单独一行，同一个模型既能处理 1 次试验，也能处理全部 {glue}`row_count` 次。
#
# 形状是一个由各轴大小组成的列表或元组，每个轴一个数；本课写成列表：`[3]` 与 `(3,)` 相同，表示每个样本是由 3 个数组成的一行。
#
# **第 1 题。** 混凝土数据的输入形状是什么？把它赋给 `input_shape`。

# %%
input_shape = ____  # 由各轴大小组成的列表，例如 [3]
q_1.check()

# %%
# q_1.hint()
# q_1.solution()

# %% tags=["solution"]
input_shape = [len(FEATURES)]  # 等同于 list(X.shape[1:])
q_1.check()

# %% [markdown]
# ## 2. 深度网络
#
# **第 2 题。** 搭建一个 `keras.Sequential` 模型，它包括：
#
# - 输入 `keras.Input(shape=input_shape)`；
# - 三个隐藏的 `Dense` 层，每层 512 个单元，使用 ReLU 激活函数；
# - 一个只有一个单元、不带激活函数的输出 `Dense` 层，因为这是回归问题：预测的是强度，一个可以取任意值的数。
#
# 把它赋给 `model`。别忘了 `keras.Sequential` 接收的是由各层组成的列表。

# %%
model = ____  # keras.Sequential([...])
q_2.check()

# %%
# q_2.hint()
# q_2.solution()

# %% tags=["solution"]
model = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Dense(512, activation="relu"),
        layers.Dense(512, activation="relu"),
        layers.Dense(512, activation="relu"),
        layers.Dense(1),
    ]
)
model.summary()
fig = draw_network(model)
input_count = model.input_shape[-1]
show(fig, alt=f"Diagram of the network: {input_count} inputs, three hidden "
     "layers of 512 ReLU units each, of which only a few are drawn, and 1 "
     "linear output unit; every unit is connected to every unit of the next "
     "layer. Under each layer its parameter count, and "
     f"{model.count_params():,} parameters in total.")
glue("input_count", input_count)
glue("parameter_count", model.count_params())
q_2.check()

# %% [markdown]
# <!-- alt: 网络结构示意图：{glue}`input_count` 个输入，三个隐藏层，每层 512 个 ReLU 单元（图中只画出其中几个），以及 1 个线性输出单元；每个单元都与下一层的每个单元相连。每层下方标出该层的参数数量，全网共 {glue:text}`parameter_count:,` 个参数。 -->
#
# 要核对模型的大小，可以运行 `model.summary()`：它应当报告 {glue:text}`parameter_count:,` 个参数。这比上一课那个小网络的参数多得多，而且几乎全都在隐藏层之间。逐层数一数权重和偏置：
#
# $$
# \begin{array}{ll}
# \text{隐藏层 1：} & 8 \cdot 512 + 512 = 4{,}608 \\
# \text{隐藏层 2、3，每层：} & 512 \cdot 512 + 512 = 262{,}656 \\
# \text{输出层：} & 512 \cdot 1 + 1 = 513
# \end{array}
# $$
#
# 合计 $4{,}608 + 2 \cdot 262{,}656 + 513 = 530{,}433$。
#
# > **在旧代码中。** Keras 2 的代码改在第一层上声明输入：`layers.Dense(512, activation="relu", input_shape=input_shape)`。Keras 只读取这第一层上的 `input_shape`；后面各层的输入宽度来自前一层。Keras 3 仍然能构建这样的模型，但会发出警告，要求把 `keras.Input` 作为第一层。
# >
# > **一个要避免的失误。** 你也可能见到 `input_shape=(input_shape,)`。只有当 `input_shape` 存的是一个数（比如 `8`）时，这种写法才对：元组 `(8,)` 把它变成一个形状。而我们的 `input_shape` 本来就是列表 `[8]`，于是 `(input_shape,)` 就成了 `([8],)`，一个套在元组里的列表，Keras 会拒绝它，抛出 `ValueError`："Cannot convert '([8],)' to a shape"。直接传入这个列表即可：`keras.Input(shape=input_shape)`。

# %% [markdown]
# ## 3. 把激活函数写成层
#
# 上一课讲过，`layers.Dense(8, activation="relu")` 的计算与 `layers.Dense(8)` 后接 `layers.Activation("relu")` 完全相同，单元数换成多少都一样。下面是用第一种写法写成的一个小模型：
#
# ```python
# keras.Sequential([
#     keras.Input(shape=[8]),
#     layers.Dense(32, activation="relu"),
#     layers.Dense(32, activation="relu"),
#     layers.Dense(1),
# ])
# ```
#
# **第 3 题。** 改写这个模型，让每个激活函数单独成为一层 `layers.Activation("relu")`，然后把它赋给 `model`。

# %%
model = ____  # keras.Sequential([...])
q_3.check()

# %%
# q_3.hint()
# q_3.solution()

# %% tags=["solution"]
model = keras.Sequential(
    [
        keras.Input(shape=[8]),
        layers.Dense(32),
        layers.Activation("relu"),
        layers.Dense(32),
        layers.Activation("relu"),
        layers.Dense(1),
    ]
)
model.summary()
glue("rewritten_parameter_count", model.count_params())
q_3.check()

# %% [markdown]
# 在改写后模型的 `model.summary()` 中，每个 `Activation` 层都有 0 个参数：它只是应用自己的函数，不持有任何权重。所以参数总数 {glue:text}`rewritten_parameter_count:,` 与原来的模型相同。

# %% [markdown]
# ## 4. 探索激活函数
#
# ReLU 只是众多激活函数中的一种。激活层可以直接作用在数上，让你看清它的形状。下面的单元格把 `layers.Activation("relu")` 应用到从 $-3$ 到 $3$ 的 100 个点上，并画出结果。
#
# **第 4 题（开放题）。** 修改 `activation_name`，分别取 `"elu"`、`"selu"`、`"swish"`，以及你感兴趣的其他激活函数（`"softplus"`、`"sigmoid"`、`"tanh"`、`"gelu"`），每次都重新运行这个单元格。这道题没有错误答案；`q_4.check()` 会告诉你该注意观察什么。
#
# > **较早的笔记本。** 你可能会遇到用 `plt.style.use("seaborn-whitegrid")` 设置绘图样式的练习。Matplotlib 在 3.6 版中把这个样式改名为 `seaborn-v0_8-whitegrid`，当前版本已经不认识旧名字了。这里的图改用课程自己在 `course.plotting` 中定义的样式。

# %%
activation_name = "relu"

x = np.linspace(-3.0, 3.0, 100, dtype="float32")
activation = layers.Activation(activation_name)
fig = plot_functions(x, {activation_name: activation(x)},
                     title=f"The {activation_name} activation",
                     ylabel=f"{activation_name}(x)")
# 给屏幕阅读器的描述：曲线的起点、最低点和终点
values = keras.ops.convert_to_numpy(activation(x))
at_zero = keras.ops.convert_to_numpy(activation(np.zeros(1, "float32")))[0]
# 曲线取最低值的输入：一个点，或者像 relu 那样的一段平底
floor = np.flatnonzero(values == values.min())
where = f"at {x[floor[0]]:.2f}"
if len(floor) > 1:
    where = f"from {x[floor[0]]:.2f} to {x[floor[-1]]:.2f}"
show(fig, alt=f"The {activation_name} activation applied to 100 inputs "
     f"from -3 to 3: {values[0]:.2f} at -3, {at_zero:.2f} at 0, "
     f"{values[-1]:.2f} at 3, lowest {values.min():.2f} {where}.")
glue("q4_activation", activation_name)
glue("q4_start", values[0])
glue("q4_at_zero", at_zero)
glue("q4_lowest", values.min())
glue("q4_lowest_first", x[floor[0]])
glue("q4_lowest_last", x[floor[-1]])
glue("q4_end", values[-1])
q_4.check()

# %% [markdown]
# <!-- alt: {glue}`q4_activation` 激活函数作用于从 -3 到 3 的 100 个输入上的结果：-3 处为 {glue:text}`q4_start:.2f`，0 处为 {glue:text}`q4_at_zero:.2f`，3 处为 {glue:text}`q4_end:.2f`，最低为 {glue:text}`q4_lowest:.2f`，最早在 {glue:text}`q4_lowest_first:.2f` 处取得，最晚在 {glue:text}`q4_lowest_last:.2f` 处。 -->

# %%
# q_4.hint()
# q_4.solution()

# %% tags=["solution"]
# 八种激活函数并排画出，共用坐标轴。
names = ["relu", "elu", "selu", "swish",
         "softplus", "gelu", "sigmoid", "tanh"]
panels = {name: {"activation": layers.Activation(name)(x)} for name in names}
fig = function_grid(x, panels, ncols=4,
                    suptitle="Activation functions on inputs from -3 to 3")
show(
    fig,
    alt="Eight activation functions on inputs from -3 to 3. relu is zero "
    "for negative inputs with a kink at 0; elu and selu bend down to a "
    "negative floor, elu smoothly and selu with a kink at 0; swish and gelu "
    "dip slightly below zero before rising; softplus is a smooth version of "
    "relu; sigmoid and tanh are S-shaped and flatten out on both sides.",
)

# %% [markdown]
# <!-- alt: 八种激活函数在 -3 到 3 的输入上的曲线。relu 对负输入为零，在 0 处有一个折点；elu 和 selu 向下弯，趋近一个负的下限，其中 elu 是平滑的，selu 在 0 处有一个折点；swish 和 gelu 先略微降到零以下，然后上升；softplus 是 relu 的平滑版本；sigmoid 和 tanh 呈 S 形，两端都趋于平坦。 -->
#
# ## 接下来
#
# 现在你有了一个用于混凝土数据的深度网络，但它的 {glue:text}`parameter_count:,` 个参数仍是随机的初始值，所以它的预测目前还没有任何意义。[下一课](05_training.ipynb)会在混凝土数据上训练这个模型。

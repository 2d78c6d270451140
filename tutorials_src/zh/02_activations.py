# %% [markdown]
# # 激活函数
# 为什么神经网络需要非线性的激活函数，以及 ReLU 和它的各种变体是什么样子。

# %% [markdown]
# 上一课搭建了一个全连接层（dense layer），发现它计算的只是 $xW + b$，仅此而已。本课来看把两个这样的层串联起来会怎样：答案令人失望；随后我们用**激活函数**（activation function）解决这个问题。
#
# 和往常一样，先导入所需的库，再设置随机种子。

# %%
import keras
import numpy as np
import tensorflow as tf
from keras import layers

from course.glue import glue  # 记录本页正文引用的数值
from course.plotting import function_grid, plot_functions, show

keras.utils.set_random_seed(0)
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 两个线性层等于一个
#
# 先建一个有 2 个输入、3 个单元的全连接层，再把它的输出送进一个有 2 个单元的全连接层。Keras 默认把偏置初始化为零；这里我们改用较小的随机值（`bias_initializer="random_normal"`），好让偏置也参与这个实验。

# %%
# 一批 5 个样本，每个样本 2 个特征
x = np.random.normal(size=(5, 2)).astype("float32")

first = layers.Dense(3, bias_initializer="random_normal")
second = layers.Dense(2, bias_initializer="random_normal")
two_layers = keras.ops.convert_to_numpy(second(first(x)))
print(two_layers)

# %% [markdown]
# 把这两层合起来的计算写出来。第一层给出 $h = xW_1 + b_1$，第二层给出
#
# $$
# \begin{array}{ll}
# hW_2 + b_2 & = (xW_1 + b_1)W_2 + b_2 \\
#  & = x\,(W_1 W_2) + (b_1 W_2 + b_2) .
# \end{array}
# $$
#
# 这正是*单个*全连接层的公式：它的核（kernel）是 $W = W_1W_2$（形状为 $2\times3$ 乘以 $3\times2$，得到 $2\times2$），偏置是 $b = b_1W_2 + b_2$。我们来建这样一个单层，并用 `set_weights` 把这些权重装进去：

# %%
W1, b1 = first.get_weights()
W2, b2 = second.get_weights()

one = layers.Dense(2)
# 按 2 个输入创建它的权重，这样才能替换它们
one.build((None, 2))
one.set_weights([W1 @ W2, b1 @ W2 + b2])
one_layer = keras.ops.convert_to_numpy(one(x))
print(one_layer)
difference = np.abs(one_layer - two_layers).max()
print("largest difference:", difference)
glue("composition_difference", difference)

# %% [markdown]
# 数字相同。最大的差值约为 {glue:text}`composition_difference:.0e`，只是 float32 的舍入误差：两种算法把各个乘积相加的顺序不同。
#
# 这个道理是普遍成立的：线性映射的复合仍然是线性映射。无论堆叠多少个全连接层，只要层与层之间不做任何别的处理，整个堆叠就只是一个 $xW + b$：它只能用一条直线（输入更多时是一个平面或超平面）去拟合数据。加深网络没有带来任何好处。
#
# ## 整流函数
#
# 解决办法是用一个非线性函数把每个单元的输出“掰弯”，这个函数就是**激活函数**。最常用的激活函数是**整流函数**（rectifier）$\max(0, x)$：负值变为 0，正值原样通过。后面接上整流函数的单元叫作*整流线性单元*（rectified linear unit），简称 **ReLU**。在 Keras 中它是 `keras.activations.relu`：

# %%
grid = np.linspace(-3, 3, 601, dtype="float32")
relu = keras.ops.convert_to_numpy(keras.activations.relu(grid))
matches_max = np.array_equal(relu, np.maximum(0, grid))
print("equal to max(0, x) at all", grid.size, "points:", matches_max)

fig = plot_functions(grid, {"relu(x)": relu},
                     title="The rectifier, max(0, x)", ylabel="relu(x)")
show(fig, alt="The rectifier: zero for every negative x, then the line y = x "
     "for positive x, with a kink at 0.")

# %% [markdown]
# <!-- alt: 整流函数的图像：x 为负时输出恒为零，x 为正时是直线 y = x，两段在 0 处相接，形成一个折点。 -->
#
# ## 一个 ReLU 单元
#
# 在单输入的线性单元后面接上整流函数，就得到 $\max(0, wx + b)$。在 Keras 中，这样的单元就是 `layers.Dense(1, activation="relu")`。我们手动设置它的权重和偏置，看看它们各起什么作用：

# %%
unit = layers.Dense(1, activation="relu")
unit.build((None, 1))

curves = {}
for w, b in [(1.0, 0.0), (1.0, 1.0), (2.0, -2.0), (-1.0, 0.5)]:
    unit.set_weights([np.array([[w]]), np.array([b])])
    # 601 个样本，每个样本一个特征
    output = keras.ops.convert_to_numpy(unit(grid[:, None]))
    curves[f"w = {w:g}, b = {b:g}"] = output[:, 0]

fig = plot_functions(grid, curves, title="A ReLU unit, max(0, wx + b)",
                     ylabel="output")
show(
    fig,
    alt="Four ReLU units max(0, wx + b): changing b moves the kink left or "
    "right, a larger w makes the rising part steeper, and a negative w makes "
    "the unit active for small x instead of large x.",
)

# %% [markdown]
# <!-- alt: 四个 ReLU 单元 max(0, wx + b) 的曲线：改变 b 使折点左右移动，w 越大上升部分越陡，w 为负时单元在 x 较小时激活，而不是在 x 较大时。 -->
#
# 折点位于 $wx + b = 0$ 处，即 $x = -b/w$。**偏置移动折点**：取 $w = 1$、$b = 1$ 时，折点从 0 移到了 $-1$。**权重改变上升部分的倾斜程度**：$w = 2$ 的曲线上升速度是原来的两倍（又因为 $b = -2$，它的折点在 $x = 1$）。**负权重让单元翻转过来**，于是它在 $x$ 较小时激活，而不是在 $x$ 较大时。
#
# 由这样的单元组成的层，每个单元都有各自的折点，给出多段折线，其后的单元再把它们叠加成几乎任意的形状；训练算法则可以把这些折点挪到数据需要的位置。这正是线性堆叠所缺少的能力。
#
# ## 激活函数一览
#
# ReLU 是隐藏层（位于网络的输入与输出层之间的层，见[第 3 课](03_stacking.ipynb)）的常用选择，但 Keras 还提供了许多其他激活函数。每一个都可以按名称使用，写成 `layers.Activation(name)` 或 `Dense(..., activation=name)` 都行。有些名称是别名：`"swish"` 和 `"silu"` 是同一个函数，Keras 3 称之为 `silu`：

# %%
for name in ["relu", "swish", "silu"]:
    function = keras.activations.get(name)
    print(f"{name!r:8} -> keras.activations.{function.__name__}")

# %% [markdown]
# 下面的每条曲线都由 Keras 本身计算。每条曲线旁边的虚线是它的**斜率**（导数），训练正是依据斜率来决定如何调整激活函数之前的权重。斜率由 TensorFlow 的 `tf.GradientTape` 求得，它会记录一段计算，再对这段计算求导。每个输出只依赖于它自己的那个输入，所以 TensorFlow 返回的梯度，也就是输出对输入的导数，恰好就是每一点处的斜率。（第 6 课会讲训练如何使用这样的梯度。）

# %%
def value_and_slope(layer):
    """该层在网格上的输出及其在那里的导数，
    两者都是一维数组。"""
    inputs = tf.constant(grid[:, None])  # 601 个样本，每个样本一个特征
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        outputs = layer(inputs)
    slope = tape.gradient(outputs, inputs)
    return outputs.numpy()[:, 0], slope.numpy()[:, 0]


built_in = ["relu", "sigmoid", "tanh", "elu", "selu", "silu", "gelu"]
gallery = {name: layers.Activation(name) for name in built_in}
gallery["leaky relu (0.1)"] = layers.LeakyReLU(negative_slope=0.1)
gallery["PReLU"] = layers.PReLU()

def slopes_beside_zero(layer) -> tuple[float, float]:
    """该层在 0 的左侧紧邻处和右侧紧邻处的斜率。"""
    inputs = tf.constant([[-1e-4], [1e-4]])
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        outputs = layer(inputs)
    left, right = tape.gradient(outputs, inputs).numpy()[:, 0]
    return float(left), float(right)


panels = {}
for name, layer in gallery.items():
    value, slope = value_and_slope(layer)
    panels[name] = {"activation": value, "slope": slope}

beside_zero = {name: slopes_beside_zero(layer)
               for name, layer in gallery.items()}
jumping = [name for name, (left, right) in beside_zero.items()
           if abs(right - left) > 0.01]
prelu_curve = panels["PReLU"]["activation"]
relu_curve = panels["relu"]["activation"]
prelu_is_relu = np.array_equal(prelu_curve, relu_curve)
print("slopes that jump at 0:", ", ".join(jumping))
glue("selu_slope_left", beside_zero["selu"][0])
glue("selu_slope_right", beside_zero["selu"][1])
# 中文的替代文本引用这两个列表，用顿号连接
glue("gallery_names", "、".join(gallery))
glue("jumping_slopes", "、".join(jumping))
glue("prelu_relu_difference", float(np.abs(prelu_curve - relu_curve).max()))

fig = function_grid(grid, panels, ncols=3)
prelu_note = ("The untrained PReLU looks exactly like relu." if prelu_is_relu
              else "The untrained PReLU differs from relu.")
show(
    fig,
    alt=f"Nine panels, each an activation computed by Keras on x from -3 to 3 "
    f"(solid) with its slope (dashed): {', '.join(gallery)}. The slopes of "
    f"{', '.join(jumping)} jump at 0; the others change smoothly. "
    + prelu_note,
)

# %% [markdown]
# <!-- alt: 九个子图，每个子图是 Keras 在 x 从 -3 到 3 的范围上计算出的一个激活函数（实线）及其斜率（虚线），依次为：{glue}`gallery_names`。其中 {glue}`jumping_slopes` 的斜率在 0 处发生跳变，其余的斜率都平滑变化。未经训练的 PReLU 与 relu 的输出最大相差 {glue:text}`prelu_relu_difference:g`。 -->
#
# 用一句话说明各自的用途：
#
# - **relu**，$\max(0, x)$：隐藏层的常用选择（Keras 的 `Dense` 默认不用激活函数）；计算开销小，而且在激活的区域里斜率恰好为 1。
# - **sigmoid**，$1/(1 + e^{-x})$：把任意数压缩到 $(0, 1)$ 之间，因此用于预测概率的输出单元；用在隐藏层时，它的斜率在两端都逐渐趋于 0，会拖慢学习。
# - **tanh**：和 sigmoid 一样是 S 形曲线，但以 0 为中心，输出在 $(-1, 1)$ 之间；它是 `layers.LSTM` 等循环层内部的默认激活函数。
# - **elu**：$x$ 为正时与 ReLU 相同，$x$ 为负时则平滑地向下弯向 $-1$，因此负的输入仍然有斜率。
# - **selu**：一种经过缩放的 ELU，它的常数经过专门选取，使层层堆叠后各层的输出仍保持在均值 0、方差 1 附近，即与均值的典型距离为 1（“自归一化”，self-normalizing）。这要同时满足几个条件才成立：权重由 `lecun_normal` 初始化器初始化（`Dense(..., activation="selu", kernel_initializer="lecun_normal")`），输入经过标准化（平移并缩放到均值 0、方差 1，[第 5 课](05_training.ipynb)就是这样做的），并且各层的单元足够多，使加权和能够相互平均；如果用 Keras 的默认初始化器，它就只是一个缩放过的 ELU。与 elu 不同，它的斜率在 0 处有跳变：从 0 左侧的约 {glue:text}`selu_slope_left:.2f` 跳到 0 右侧的约 {glue:text}`selu_slope_right:.2f`。
# - **silu**（swish），$x \cdot \mathrm{sigmoid}(x)$：一种平滑版的 ReLU，在 0 以下有一个小小的凹陷，用于 EfficientNet 等图像网络。
# - **gelu**，$x \cdot \Phi(x)$，其中 $\Phi$ 是正态分布的累积分布函数（CDF）：另一种平滑版的 ReLU，常见于 BERT、GPT-2 等 Transformer 模型内部。
# - **leaky relu**：让负输入按一个小比例通过（这里斜率为 0.1）。如果一个 ReLU 单元对每个样本的输入都是负的，它就只输出 0，斜率也是 0，训练再也无法改变它的权重：它已经“死掉”了。leaky 单元在那里仍然有斜率，可以恢复过来。
# - **PReLU**：一种负半轴斜率本身就是权重、在训练中学习得到的 leaky ReLU。因为带有权重，它是一个层 `layers.PReLU()`，没有可以传给 `activation=` 的名字。Keras 把这个斜率的初始值设为 0，所以未经训练的 PReLU 输出与 ReLU 完全相同，从它的子图中也能看出这一点。
#
# > **在旧代码中。** Keras 2 的 `LeakyReLU` 用参数 `alpha=` 接收斜率；Keras 3 把它改名为 `negative_slope=`，并会对 `alpha` 给出警告。
#
# 如果不指定斜率，Keras 3 有两个不同的默认值：`LeakyReLU` *层*用 0.3，而函数 `keras.activations.leaky_relu`（因而 `activation="leaky_relu"` 也一样）用 0.2：

# %%
minus_one = np.array([[-1.0]], dtype="float32")
from_layer = layers.LeakyReLU()(minus_one)
from_name = layers.Activation("leaky_relu")(minus_one)
print("layers.LeakyReLU():", keras.ops.convert_to_numpy(from_layer)[0, 0])
print('activation="leaky_relu":', keras.ops.convert_to_numpy(from_name)[0, 0])

# %% [markdown]
# ## 接下来
#
# 现在我们已经有了神经网络的两种基本组成部分：全连接层，以及放在层与层之间的激活函数。下一课[堆叠全连接层](03_stacking.ipynb)将用 `keras.Sequential` 搭建一个带有 ReLU 隐藏层的网络。

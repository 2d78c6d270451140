# %% [markdown]
# # 层
# 全连接层是一组共享输入的线性单元：在 Keras 中搭建一个，并亲手验证它的运算。

# %% [markdown]
# ## 从一个单元到一层
#
# [单个神经元](00_a_single_neuron.ipynb)介绍了线性单元：它把输入乘以一个权重，再加上一个偏置，$y = wx + b$。有两个输入时，它给每个输入配一个自己的权重，再把结果加起来（和 Python 一样，我们从 0 开始计数）：
#
# $$ y = w_0 x_0 + w_1 x_1 + b $$
#
# 现在把几个这样的单元并排放在一起，让每一个都读取**相同的输入**。每个单元保留自己的权重和自己的偏置，因此各自算出不同的和。这样一组单元就是一个**全连接层**（dense layer）：之所以叫“全连接”，是因为每个输入都连接到每个单元。
#
# 本课的所有代码都建立在下面的导入和随机种子之上。有了种子，“随机”的初始权重在每次运行时都相同。

# %%
import keras
import numpy as np
from keras import layers

from course.plotting import draw_dense_layer, show

keras.utils.set_random_seed(0)
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# 下面是一个有两个输入、两个单元的全连接层。偏置被画成一个恒为 1 的额外输入，因此每个单元的偏置就是这个常数输入上的权重。

# %%
fig = draw_dense_layer(2, 2)
show(
    fig,
    alt="A dense layer: inputs x0 and x1 and a constant bias input 1 each "
    "connect to both of two summing units, which output y0 and y1; the edge "
    "from input i to unit j is labelled w_ij, the edges from the 1 are b0 "
    "and b1.",
)

# %% [markdown]
# <!-- alt: 一个全连接层：输入 x0、x1 和一个恒为 1 的偏置输入各自连接到两个求和单元，这两个单元分别输出 y0 和 y1；从输入 i 到单元 j 的边标为 w_ij，从 1 出发的两条边标为 b0 和 b1。 -->
#
# 记 $w_{ij}$ 为从输入 $i$ 到单元 $j$ 的连接上的权重，$b_j$ 为单元 $j$ 的偏置。这两个单元计算的是
#
# $$
# \begin{array}{l}
# y_0 = x_0 w_{00} + x_1 w_{10} + b_0, \\
# y_1 = x_0 w_{01} + x_1 w_{11} + b_1 .
# \end{array}
# $$
#
# 把权重排成矩阵 $W$，**每个输入一行**、**每个单元一列**，再把偏置排成向量 $b$。于是整个层只是一行线性代数：
#
# $$ y = xW + b $$
#
# ## Keras 中的全连接层
#
# `layers.Dense(2)` 是有两个单元的全连接层。它还不知道自己会得到多少个输入；它在第一次见到数据时才创建权重。我们给它一个小**批量**（batch）：三个样本，每个样本有两个特征，每行一个样本。层返回的是一个**张量**（tensor），即 Keras 用来计算的数组；`keras.ops.convert_to_numpy` 能把任何张量（无论是输出还是权重）转换成 NumPy 数组以便打印（第 0 课用的是 `.numpy()`，这是权重变量自带的方法）。

# %%
# 3 个样本（行），每个样本 2 个特征
x = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 0.5]], dtype="float32")
layer = layers.Dense(2)
y = layer(x)
print("input x, shape", x.shape)
print(x)
print("output y, shape", tuple(y.shape))
print(keras.ops.convert_to_numpy(y))

# %% [markdown]
# 调用这个层时，它创建了自己的两个权重张量。**核**（kernel）就是矩阵 $W$，**偏置**（bias）就是向量 $b$：

# %%
print("kernel W, shape", tuple(layer.kernel.shape))
print(keras.ops.convert_to_numpy(layer.kernel))
print("bias b, shape", tuple(layer.bias.shape))
print(keras.ops.convert_to_numpy(layer.bias))

# %% [markdown]
# Keras 把偏置初始化为零，把核初始化为随机值：它默认的 *Glorot uniform* 初始化器（initializer）在区间 $\pm\sqrt{6 / (n_\text{in} + n_\text{out})}$ 内均匀地抽取这些值，其中 $n_\text{in}$ 是输入个数，$n_\text{out}$ 是单元个数。对这个核来说，有 2 个输入和 2 个单元，区间就是 $\pm\sqrt{6/4} \approx \pm 1.22$：初始权重与输入的大小相当，并不是很小的数。层越宽，这个区间越窄，这样一个单元对许多输入求和之后，结果仍保持在适中的大小。我们的核的每个元素都落在这个区间内：

# %%
limit = np.sqrt(6 / (2 + 2))  # 扇入 + 扇出
kernel = keras.ops.convert_to_numpy(layer.kernel)
print("Glorot uniform range: +/-", round(float(limit), 4))
print("every kernel entry inside it:", bool(np.all(np.abs(kernel) <= limit)))

# %% [markdown]
# 训练会同时改变核和偏置；对网络来说，学习指的就是这件事。为了让下面的验证也检验到偏置，我们手动把它设为自己选的两个值：

# %%
layer.bias.assign([0.5, -1.0])
y = keras.ops.convert_to_numpy(layer(x))
print(y)

# %% [markdown]
# 现在直接按公式 $y = xW + b$，用 NumPy 自己再算一遍。`get_weights()` 以 NumPy 数组的形式返回核和偏置。

# %%
W, b = layer.get_weights()
by_hand = x @ W + b
print(by_hand)
print("same as the layer:", np.allclose(by_hand, y))
print("largest difference:", np.abs(by_hand - y).max())

# %% [markdown]
# 两者完全一致：全连接层不过就是 $xW + b$。
#
# ## 读懂形状
#
# 上面的每个形状都有含义，而读懂形状就是搭建网络的大部分工作。
#
# - **输入 `(3, 2)`**：第一个轴是**批量**（三个样本）；第二个轴存放一个样本的**特征**（两个）。一个层可以一次处理任意多个样本；固定的只有特征的个数。
# - **核 `(2, 2)`**：输入的特征数 × 输出的单元数。第 $i$ 行是从输入 $i$ 出发的权重；第 $j$ 列是到达单元 $j$ 的权重。元素 $w_{ij}$ 连接输入 $i$ 和单元 $j$。
# - **偏置 `(2,)`**：每个单元一个偏置。
# - **输出 `(3, 2)`**：仍然是每个样本一行，现在每个单元一列。
#
# 所以这个层有 $2 \times 2 + 2 = 6$ 个要学习的数，Keras 也确认了这一点：

# %%
print("parameters:", layer.count_params())

# %% [markdown]
# ## 一般意义上的层
#
# 一般来说，Keras 的层就是一种**数据变换**：数组进去，数组出来。全连接层把每个输入连接到每个单元；其他种类的层区别在于*如何*把输入连接到输出：卷积层（`layers.Conv2D`）用共享的权重观察图像中的小邻域，循环层（`layers.LSTM`）沿着序列传递一个状态，预处理层则负责准备原始数据。例如 `layers.Rescaling` 把每个值乘以一个固定的因子，这里把 0–255 的像素强度变成 0–1：

# %%
pixels = np.array([[0.0, 127.5, 255.0]])
print(keras.ops.convert_to_numpy(layers.Rescaling(1 / 255)(pixels)))

# %% [markdown]
# 网络就是由这样的层串成的一条链。在训练良好的网络中，每一层都让数据向答案靠近一步：原始特征被一层一层地改造，最终变成最后一层可以从中直接读出预测的形式。
#
# ## 声明输入宽度
#
# 我们的 `Dense(2)` 是等到看见数据才知道自己有两个输入的。在模型中，通常用 `keras.Input` 预先说明这一点，这样权重会立即创建：

# %%
model = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(2)])
print("kernel shape:", tuple(model.layers[0].kernel.shape))

# %% [markdown]
# `shape=(2,)` 描述的是**一个样本**：两个特征。`(2,)` 是只有一个元素的 Python 元组（是逗号使它成为元组）；列表 `[2]`，即第 0 课的写法，意思相同。批量大小不作规定。
#
# > **在旧代码中。** Keras 2 的示例把输入宽度写在第一层上，即 `layers.Dense(2, input_shape=[2])`。Keras 只读取 `Sequential` 第一层上的 `input_shape`；之后的每一层都从前一层得到自己的输入宽度。Keras 3 仍然接受这种写法，但会发出警告，并建议使用 `keras.Input`。
#
# ## 接下来
#
# 单纯把全连接层叠起来并不能带来新东西：两个线性层连在一起，能算的不会超出一个线性层。让深度发挥作用的，是在层与层之间施加的一个小小的非线性函数，即**激活函数**（activation function）。下一课[激活函数](02_activations.ipynb)会说明其中的原因，并介绍整流线性单元（ReLU）及其变体。

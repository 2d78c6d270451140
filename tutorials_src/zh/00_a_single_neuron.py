# %% [markdown]
# # 单个神经元
# 线性单元 $y = wx + b$：Keras 中的一个 `Dense(1)` 层、它的权重和偏置，以及模型的输入形状。

# %% [markdown]
# 本课程中的每个网络都由同一个小部件搭建而成：**线性单元**（linear unit），也叫**神经元**（neuron）。它接收一个数 $x$，乘以一个**权重**（weight）$w$，再加上一个**偏置**（bias）$b$：
#
# $$ y = wx + b $$
#
# 这正是直线的方程：$w$ 是直线的斜率，$b$ 是直线与 $x = 0$ 相交处的高度。在下图中，单元（Σ）把到达它的量加在一起。和大多数教材一样，偏置被画成一个恒为 1 的额外输入上的权重。这与直接加上 $b$ 得到的和相同，而 Keras 正是直接加上 $b$：它把偏置单独存为一个变量。图中的标注沿用整个层的写法，层要到[第 1 课](01_layers.ipynb)才搭建：$w_{00}$ 是从输入 0 到单元 0 的权重，$b_0$ 是单元 0 的偏置。只有一个输入、一个单元时，它们就是这里的 $w$ 和 $b$，图中的公式 $y_j = \sum_i w_{ij} x_i + b_j$ 也就是 $y = wx + b$。
#
# 单元通过改变 $w$ 和 $b$ 来**学习**。训练之前，它们取初始值；训练不断调整它们，直到单元的输出接近数据中的答案。本课在 Keras 中搭建一个单元，查看它的权重和偏置，并画出它在任何训练之前算出的直线。训练如何找到更好的取值，是[第 6 课](06_stochastic_gradient_descent.ipynb)的主题。
#
# 先是导入和随机种子。有了种子，随机的初始权重在每次运行时都相同。

# %%
import keras
import numpy as np
from keras import layers

from course.data.auto_mpg import FEATURES, TARGET, load_auto_mpg
from course.exercises import ____
from course.exercises.a_single_neuron import q_1, q_2, q_3, q_4
from course.glue import glue  # 记录本页正文引用的数值
from course.plotting import draw_dense_layer, plot_functions, show

keras.utils.set_random_seed(0)
np.set_printoptions(precision=3, suppress=True)

# %%
fig = draw_dense_layer(1, 1, input_labels=["x"], unit_labels=["y"],
                       title="A linear unit")
show(fig, alt="A linear unit: the input x and a constant input 1 both connect "
     "to one summing unit Σ that outputs y; the edge from x carries the "
     "weight, labelled w00, and the edge from the 1 carries the bias, "
     "labelled b0.")

# %% [markdown]
# <!-- alt: 一个线性单元：输入 x 和一个恒为 1 的输入都连接到同一个求和单元 Σ，由它输出 y；从 x 出发的边承载权重，标为 w00，从 1 出发的边承载偏置，标为 b0。 -->
#
# ## 数据：汽车的燃油经济性
#
# 我们的例子是 Auto MPG 数据集：{glue}`first_year` 年至 {glue}`last_year` 年间的 {glue}`n_cars` 款车型，包括每款车实际达到的燃油经济性，单位是**英里每美制加仑**（`mpg`，越高越省油），以及这款车的几项测量值。

# %%
auto = load_auto_mpg()
print("shape:", auto.shape)
glue("n_cars", len(auto))
glue("n_columns", auto.shape[1])
# 车型年份只保存了最后两位数字
glue("year_min", auto["year"].min())
glue("first_year", 1900 + auto["year"].min())
glue("last_year", 1900 + auto["year"].max())
auto.head()

# %% [markdown]
# 每一行是一款车型；{glue}`n_columns` 列依次是：mpg、气缸数、发动机排量（立方英寸）、马力、车重（磅）、加速时间（从 0 加速到 60 英里/小时所用的秒数）、车型年份（{glue}`year_min` 表示 {glue}`first_year` 年）、产地和车名。
#
# > **关于数据。** 来自卡内基梅隆大学的 StatLib 数据库；J. R. Quinlan, "Combining Instance-Based and Model-Based Learning", *Proceedings of the Tenth International Conference on Machine Learning* (1993)。以“Auto MPG”之名发布于 UCI 机器学习数据库（UCI Machine Learning Repository），采用 CC BY 4.0 许可协议。这里用的是 *An Introduction to Statistical Learning* 一书所附的版本，其中去掉了马力未知的车。
#
# ## 单个输入：由车重预测燃油经济性
#
# 车越重，耗油越多，所以一辆车的重量应当能透露它的 mpg。把以千磅为单位的车重作为输入 $x$，把 mpg 作为输出 $y$。于是线性单元预测 $\text{mpg} = w \cdot \text{weight} + b$：一条穿过汽车散点的直线。
#
# 在用 Keras 之前，可以先用最小二乘法直接算出与这些车拟合得最好的直线。有了它，就能拿未经训练的单元来作比较。

# %%
weight = auto["weight"].to_numpy() / 1000  # 以千磅为单位：输入值是个位数大小
mpg = auto[TARGET].to_numpy()
best_w, best_b = np.polyfit(weight, mpg, deg=1)
print(f"best line: mpg = {best_w:.2f} * weight + {best_b:.2f}")
glue("best_w", best_w)
glue("best_b", best_b)
glue("best_cost", -best_w)

# %% [markdown]
# 最佳斜率 {glue:text}`best_w:.2f` 是负数：车重每增加一千磅，每加仑大约少跑 {glue:text}`best_cost:.2f` 英里。最佳偏置 {glue:text}`best_b:.1f` 是这条直线在车重为 0 时给出的 mpg，而这样的车不可能存在：直线只需要在有车的地方准确，偏置的作用就是把直线放到那里的合适高度。
#
# ## Keras 中的线性单元
#
# 在 Keras 中，由线性单元组成的层就是 `layers.Dense`，它的第一个参数是单元的个数。单个神经元就是 `layers.Dense(1)`。模型还需要知道输入的形状，这要用 `keras.Input` 给出；这里每辆车只是一个数，即它的重量，所以形状是 `[1]`。`keras.Sequential` 用一个列表构建模型：先是输入，然后按数据流经的顺序排列各层（[第 3 课](03_stacking.ipynb)会进一步介绍）。

# %%
model = keras.Sequential([
    keras.Input(shape=[1]),
    layers.Dense(1),
])
model.summary()
glue("params_one_input", model.count_params())

# %% [markdown]
# 摘要显示有 {glue}`params_one_input` 个参数：单元的权重和偏置。输出形状 `(None, 1)` 表示每辆车对应一个数；其中的 `None` 是批量轴，即模型一次接收的车辆数，Keras 不把它固定下来。
#
# ## 权重和偏置
#
# `model.weights` 列出模型的变量：先是**核**（kernel），也就是权重，然后是**偏置**（bias）。

# %%
w, b = model.weights
print("kernel:", w.shape, w.numpy().ravel())
print("bias:  ", b.shape, b.numpy())
glue("start_w", float(w.numpy()[0, 0]))

# %% [markdown]
# 核的形状是 `(1, 1)`，每个输入一行、每个单元一列；偏置的形状是 `(1,)`，每个单元一个。偏置从 0 开始。权重则从一个随机值开始：Keras 在 $-\sqrt{6/(n_\text{in} + n_\text{out})}$ 与 $+\sqrt{6/(n_\text{in} + n_\text{out})}$ 之间均匀地抽取 `Dense` 的核（即 *Glorot uniform* 初始化器），其中 $n_\text{in}$ 和 $n_\text{out}$ 分别是该层的输入个数和单元个数。这里两者都是 1，所以权重的初始值落在 $-\sqrt{3}$ 与 $\sqrt{3}$ 之间，约为 $\pm 1.73$；在这个种子下，抽到的是 {glue:text}`start_w:.2f`。
#
# 这个单元确实在计算 $wx + b$。给它输入三个车重，再与公式的结果对比（`verbose=0` 让 `predict` 不打印进度条）：

# %%
x = np.array([[2.0], [3.0], [4.0]])  # 三辆车：2000、3000 和 4000 磅
print("model:  ", model.predict(x, verbose=0).ravel())
print("w*x + b:", (x * w.numpy() + b.numpy()).ravel())

# %% [markdown]
# ## 未经训练的模型画出的直线
#
# 把从最轻的车到最重的车之间的一系列车重输入模型，它就画出了自己的直线。把它与汽车散点和最佳直线放在一起，就能看出一个单元在训练之前知道些什么：什么也不知道。

# %%
grid = np.linspace(weight.min(), weight.max(), 50).reshape(-1, 1)
untrained = model.predict(grid, verbose=0).ravel()
fig = plot_functions(
    grid.ravel(),
    {"untrained unit": untrained, "best line": best_w * grid.ravel() + best_b},
    title="Fuel economy against weight",
    xlabel="weight (1000 lb)",
    ylabel="fuel economy (mpg)",
)
fig.axes[0].scatter(weight, mpg, s=6, color="#999999", label="cars", zorder=2)
fig.axes[0].legend(loc="best")
start_w = float(w.numpy()[0, 0])
trend = "lower" if best_w < 0 else "higher"
show(fig, alt=(
    f"{len(auto)} cars as grey dots, weighing {weight.min():.1f} to "
    f"{weight.max():.1f} thousand pounds, with {mpg.min():.0f} to "
    f"{mpg.max():.0f} mpg, {trend} for heavier cars. The best line has "
    f"slope {best_w:.2f}. The untrained unit's line has slope {start_w:.2f} "
    f"and passes through 0, predicting {untrained.min():.1f} to "
    f"{untrained.max():.1f} mpg, below every car."
))
glue("weight_min", weight.min(), display=False)
glue("weight_max", weight.max(), display=False)
glue("mpg_min", mpg.min(), display=False)
glue("mpg_max", mpg.max(), display=False)
glue("untrained_min", untrained.min(), display=False)
glue("untrained_max", untrained.max(), display=False)
# |w| <= sqrt(3)，且 b = 0
glue("untrained_bound", np.sqrt(3) * weight.max(), display=False)

# %% [markdown]
# <!-- alt: {glue:text}`n_cars` 辆车画成灰色圆点，车重从 {glue:text}`weight_min:.1f` 到 {glue:text}`weight_max:.1f` 千磅，mpg 从 {glue:text}`mpg_min:.0f` 到 {glue:text}`mpg_max:.0f`，车越重 mpg 越低。最佳直线的斜率为 {glue:text}`best_w:.2f`。未经训练的单元的直线斜率为 {glue:text}`start_w:.2f`，经过原点，预测值从 {glue:text}`untrained_min:.1f` 到 {glue:text}`untrained_max:.1f` mpg，低于每一辆车。 -->
#
# 未经训练的直线有一个随机的斜率 {glue:text}`start_w:.2f`，并且在车重为 0 处经过 0，因为偏置从 0 开始。无论种子抽到什么斜率，它的预测值都低于每一辆车：斜率的绝对值最多为 $\sqrt{3}$，而最重的车重 {glue:text}`weight_max:.2f` 千磅，所以这条直线始终不超出 ±{glue:text}`untrained_bound:.1f` mpg，而最耗油的车也能跑 {glue:text}`mpg_min:.0f` mpg。训练会不断调整 $w$ 和 $b$，直到直线穿过这些车。
#
# ## 多个输入
#
# 一辆车的测量值不止重量一项。线性单元可以接收任意多个输入，给每个输入配一个自己的权重，再把它们与偏置加在一起：
#
# $$ y = w_0 x_0 + w_1 x_1 + \dots + w_5 x_5 + b $$
#
# 我们使用六个数值量的列（其中包括车型年份），也就是 `course.data.auto_mpg` 中称为 `FEATURES` 的那些列。另外两列不用：
#
# - `name` 是文本，比如 `"chevrolet chevelle malibu"`。单元是把数乘以权重，而车名不是数；它甚至不是对车的测量，只是一个标签，而且大多数车名只出现在一两行中。
# - `origin` 是数，但它是一种编码：1 表示美国车，2 表示欧洲车，3 表示日本车。给它配一个权重，就等于把日本当作美国的“三倍”，把欧洲当作两者的中间；这些数是标签，不是数量。（这类编码可以转换为每个产地一列“是/否”；这里我们只用测量值。）
#
# **输入形状**（input shape）是模型接收到的单个样本的形状：一辆车是一行 6 个数，所以形状是 `[6]`。车辆的数目（Keras 会自己加上批量轴）和目标 `mpg`（单元要预测的答案，而不是输入）都不在其中。

# %%
X = auto[list(FEATURES)]
y = auto[TARGET]
print("features:", list(X.columns))
print("one car: ", X.shape[1:])

# %% [markdown]
# 一个单元接收六个输入的模型有 6 个权重和 1 个偏置，共 7 个参数；它的核的形状是 `(6, 1)`。
#
# > **在旧代码中。** Keras 2 的代码不用 `keras.Input`，而是把输入形状交给第一层：`layers.Dense(1, input_shape=[6])`。Keras 只在 `Sequential` 模型的第一层读取这个参数；Keras 3 在那里仍然接受它，但会发出警告，要求改为把 `keras.Input(shape=...)` 作为第一项。本课程始终写 `keras.Input`。
#
# ## 练习：燃油经济性的线性模型
#
# 现在请你自己搭建这个模型。每道题都有一个检查器，从 `q_1` 到 `q_4`。在第 1 到第 3 题中，把空白 `____` 换成你的代码，然后运行这个单元格，单元格的最后一行会做检查，例如 `q_1.check()`。它的回答是**正确**、**不正确**（并说明错在哪里），或者在空白还没有填时回答**尚未作答**。标有“（开放题）”的题没有错误答案：它的检查会回答**开放题**，并说明该看什么。`q_1.hint()` 给出提示，`q_1.solution()` 显示答案；每道题都有一个单元格，里面是这两行被注释掉的代码。
#
# 在课程网站上，每道有空白的题，其答案都折叠在题目后面的**参考答案**之下。想自己动手完成练习，请下载本页顶部的*练习笔记本*：其中只有空白，没有答案。
#
# ### 1. 输入形状
#
# **第 1 题。** `X` 包含六个特征列。读取它们的模型，输入形状是什么？把 `input_shape` 设为这个形状，写成列表。

# %%
input_shape = ____  # 由各轴大小组成的列表，例如 [3]
q_1.check()

# %%
# q_1.hint()
# q_1.solution()

# %% tags=["solution"]
input_shape = list(X.shape[1:])
print(input_shape)
q_1.check()

# %% [markdown]
# ### 2. 线性模型
#
# **第 2 题。** 搭建一个 `keras.Sequential` 模型，输入为 `keras.Input(shape=input_shape)`，只有一个线性单元 `layers.Dense(1)`。把它赋给 `model`。

# %%
model = ____  # keras.Sequential([...])
q_2.check()

# %%
# q_2.hint()
# q_2.solution()

# %% tags=["solution"]
model = keras.Sequential([
    keras.Input(shape=input_shape),
    layers.Dense(1),
])
model.summary()
q_2.check()

# %% [markdown]
# ### 3. 查看权重
#
# **第 3 题。** `model.weights` 依次存放核和偏置。把它们解包到 `w` 和 `b`，并打印出来。运行之前先想一想：你预期它们是什么形状？

# %%
w, b = ____, ____  # 从 model.weights 中取出
q_3.check()

# %%
# q_3.hint()
# q_3.solution()

# %% tags=["solution"]
w, b = model.weights
print("kernel:", w.shape, "\n", w.numpy())
print("bias:  ", b.shape, b.numpy())
q_3.check()

# %% [markdown]
# 核的形状是 `(6, 1)`：对这唯一的单元，每个特征一个权重，顺序与 `FEATURES` 相同。偏置的形状是 `(1,)`，从 0 开始。有 6 个输入和 1 个单元时，*Glorot uniform* 在 $\pm\sqrt{6/7}$（约 $\pm 0.93$）之间抽取权重。
#
# ### 4. 画出未经训练的单元（开放题）
#
# **第 4 题（开放题）。** 下面的单元格搭建一个只有一个输入（以百为单位的马力）的单元，并像前面对车重那样，把它的直线画在汽车散点上。换几个种子运行，或者换一个特征。每次运行之间，什么保持不变，什么会变？这道题没有错误答案；`q_4.check()` 会告诉你该留意什么。

# %%
keras.utils.set_random_seed(1)
feature, scale = "horsepower", 100  # 或 "displacement", 100
                                    # 或 "acceleration", 10
one_input = keras.Sequential([keras.Input(shape=[1]), layers.Dense(1)])
values = auto[feature].to_numpy() / scale
line_x = np.linspace(values.min(), values.max(), 50).reshape(-1, 1)
line_y = one_input.predict(line_x, verbose=0).ravel()
fig = plot_functions(line_x.ravel(), {"untrained unit": line_y},
                     title=f"An untrained unit on {feature}",
                     xlabel=f"{feature} / {scale}", ylabel="mpg")
fig.axes[0].scatter(values, mpg, s=6, color="#999999", zorder=2)
slope = float(one_input.weights[0].numpy()[0, 0])
show(fig, alt=f"The cars' mpg against {feature} / {scale} as grey dots, and "
     f"the straight line of an untrained unit, with slope {slope:.2f}, "
     f"predicting from {line_y.min():.1f} to {line_y.max():.1f} mpg.")
glue("q4_feature", feature, display=False)
glue("q4_scale", scale, display=False)
glue("q4_slope", slope, display=False)
glue("q4_pred_min", line_y.min(), display=False)
glue("q4_pred_max", line_y.max(), display=False)
q_4.check()

# %% [markdown]
# <!-- alt: 汽车的 mpg 对 {glue:text}`q4_feature` / {glue:text}`q4_scale` 的散点（灰色圆点），以及一个未经训练的单元画出的直线，斜率为 {glue:text}`q4_slope:.2f`，预测值从 {glue:text}`q4_pred_min:.1f` 到 {glue:text}`q4_pred_max:.1f` mpg。 -->

# %%
# q_4.hint()
# q_4.solution()

# %% [markdown]
# ## 接下来
#
# 单个线性单元只能画出一条直线，有六个输入时则是一个超平面（更高维度中的平面）。下一课[层](01_layers.ipynb)把许多单元并排组成一个全连接层；之后的课程会把层堆叠起来，并加入激活函数，让网络能够弯曲。

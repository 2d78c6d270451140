# %% [markdown]
# # 随机梯度下降
# `fit` 如何降低损失：损失函数、一步一步的梯度下降、小批量与轮，以及学习率和批量大小。

# %% [markdown]
# 在[第 5 课](05_training.ipynb)中，`compile` 选定了损失函数和优化器，`fit` 让损失降了下来。这一课就来打开 `fit` 看个究竟。我们回到[第 0 课](00_a_single_neuron.ipynb)的单个线性单元和 Auto MPG 数据：只有一个权重时，训练的每一步都能画出来——**损失**（loss）衡量的是什么，**梯度**（gradient）如何指明权重该往哪个方向移动，训练为什么每次只看一个**小批量**（minibatch）的样本，以及**学习率**（learning rate）和**批量大小**（batch size）会改变什么。最后的练习会在这份燃油经济性数据上训练一个网络。
#
# 先是导入、随机种子和数据：按 70/30 划分，并用训练集的统计量做标准化，与第 5 课处理混凝土数据的方式完全相同。

# %%
import keras
import numpy as np
import pandas as pd
import tensorflow as tf
from keras import layers
from matplotlib.figure import Figure

from course.data.auto_mpg import FEATURES, TARGET, load_auto_mpg
from course.exercises import ____
from course.exercises.stochastic_gradient_descent import q_1, q_2, q_3, q_4
from course.glue import glue  # 记录本页正文引用的数值
from course.plotting import FIGSIZE, plot_functions, plot_history, show

keras.utils.set_random_seed(0)

auto = load_auto_mpg()
train = auto.sample(frac=0.7, random_state=0)
valid = auto.drop(train.index)
features = list(FEATURES)
mean, std = train[features].mean(), train[features].std()
X_train = (train[features] - mean) / std
X_valid = (valid[features] - mean) / std
y_train, y_valid = train[TARGET], valid[TARGET]
print(f"{len(train)} cars for training, {len(valid)} for validation")
glue("n_train", len(train))

# %% [markdown]
# ## 损失：预测错了多少？
#
# 训练需要一个数来表示模型的预测 $\hat{y}_i$ 离目标 $y_i$ 有多远，这个数就是**损失**。它是对每个误差 $e_i = y_i - \hat{y}_i$ 所施加的惩罚在全部样本上的平均。回归问题中有三种常见的选择，都在 `keras.losses` 里：
#
# - **平均绝对误差**（mean absolute error，MAE），`"mae"`：$\frac{1}{n}\sum_i |e_i|$。每 1 mpg 的误差代价都相同，损失的单位和目标一样，也是 mpg。
# - **均方误差**（mean squared error，MSE），`"mse"`：$\frac{1}{n}\sum_i e_i^2$。平方之后，一个大误差的代价远远超过几个小误差，所以少数几辆预测得很差的车会把模型拉得很厉害。它的单位是 mpg 的平方。
# - **Huber 损失**，`keras.losses.Huber(delta=1.0)`：误差小于 $\delta$ 时取平方（再减半），超出之后取绝对值，即 $|e| \le \delta$ 时为 $\frac{1}{2}e^2$，否则为 $\delta(|e| - \frac{1}{2}\delta)$。它在 0 附近像 MSE 一样平滑，对大误差又不比 MAE 更严厉。
#
# 下面是每种损失对单个误差施加的惩罚，由 Keras 的损失函数本身算出：

# %%
errors = np.linspace(-3, 3, 121).reshape(-1, 1)
zeros = np.zeros_like(errors)
huber = keras.losses.Huber(delta=1.0, reduction=None)
penalties = {
    "MAE": keras.losses.mean_absolute_error(zeros, errors),
    "MSE": keras.losses.mean_squared_error(zeros, errors),
    "Huber (delta = 1)": huber(zeros, errors),
}
fig = plot_functions(
    errors.ravel(),
    penalties,
    title="Penalty on one prediction",
    xlabel="error: target minus prediction (mpg)",
    ylabel="loss",
)
at_3 = {
    name: float(np.asarray(values)[-1]) for name, values in penalties.items()
}
glue("at_3_mae", at_3["MAE"])
glue("at_3_mse", at_3["MSE"])
glue("at_3_huber", at_3["Huber (delta = 1)"])
show(
    fig,
    alt=(
        "The penalty of three losses against an error from -3 to 3: MAE is a "
        "V with its point at 0, MSE a parabola, Huber a parabola between -1 "
        "and 1 that continues as straight lines. At an error of 3, MAE gives "
        f"{at_3['MAE']:g}, MSE {at_3['MSE']:g} and Huber "
        f"{at_3['Huber (delta = 1)']:g}."
    ),
)

# %% [markdown]
# <!-- alt: 三种损失的惩罚随误差（从 -3 到 3）变化的曲线：MAE 是尖点在 0 处的 V 形，MSE 是一条抛物线，Huber 在 -1 到 1 之间是抛物线，之外延续为直线。误差为 3 时，MAE 为 {glue:text}`at_3_mae:g`，MSE 为 {glue:text}`at_3_mse:g`，Huber 为 {glue:text}`at_3_huber:g`。 -->
#
# 误差为 3 mpg 时，MAE 计 {glue:text}`at_3_mae:g`，MSE 计 $3^2$ = {glue:text}`at_3_mse:g`，Huber 计 $1 \cdot (3 - \frac{1}{2})$ = {glue:text}`at_3_huber:g`。选哪种损失，取决于大误差应当占多大分量；对燃油经济性来说，不应让少数不寻常的车左右模型，所以 MAE 是个好选择，练习里用的也是它。
#
# ## 单个权重上的梯度下降
#
# 损失取决于权重：改变一个权重，预测随之改变，损失也随之改变。训练就是寻找使损失最小的那组权重。只有一个权重时，这个过程可以画出来。
#
# 取一个输入，即汽车标准化后的重量 $x$，用一个只有权重、没有偏置的单元来预测标准化后的 mpg：$\hat{y} = wx$。（两者都经过标准化，均值都是 0，最佳直线经过原点，所以不需要偏置。）使用均方误差时，损失作为 $w$ 的函数是
#
# $$ L(w) = \frac{1}{n}\sum_i (y_i - w x_i)^2, $$
#
# 一条抛物线。它在 $w$ 处的斜率，也就是**梯度**，为
#
# $$ \frac{dL}{dw} = -\frac{2}{n}\sum_i x_i (y_i - w x_i). $$
#
# 梯度指向上坡。**梯度下降**（gradient descent）朝相反的方向迈一步，步长按**学习率** $\eta$ 缩放：$w \leftarrow w - \eta \frac{dL}{dw}$。坡陡，步子大；坡缓，步子小；到了谷底，梯度为 0，$w$ 就不再移动。
#
# 梯度由 TensorFlow（本课程中 Keras 所用的后端）替我们计算：`tf.GradientTape` 记录损失的计算过程，`tape.gradient` 对它求导；再由优化器（这里是最朴素的 `keras.optimizers.SGD`）执行这一步。`fit` 在每一步做的正是这些。我们从 $w = 1.5$ 出发，走 8 步：

# %%
x = X_train[["weight"]].to_numpy(dtype="float32")
y = (
    ((y_train - y_train.mean()) / y_train.std())
    .to_numpy(dtype="float32")
    .reshape(-1, 1)
)
mse = keras.losses.MeanSquaredError()


def descend(
    learning_rate: float, steps: int = 8, start: float = 1.5
) -> pd.DataFrame:
    """在训练集的全部汽车上，对单元 y = w x 做梯度下降。

    每一步返回一行：权重、该处的损失及其梯度。
    """
    unit = keras.Sequential(
        [keras.Input(shape=[1]), layers.Dense(1, use_bias=False)]
    )
    unit.layers[0].kernel.assign([[start]])
    optimizer = keras.optimizers.SGD(learning_rate=learning_rate)
    rows = []
    for step in range(steps + 1):
        with tf.GradientTape() as tape:
            loss = mse(y, unit(x))
        gradient = tape.gradient(loss, unit.trainable_weights)
        rows.append(
            {
                "w": float(unit.layers[0].kernel.numpy()[0, 0]),
                "loss": float(loss),
                "gradient": float(gradient[0].numpy()[0, 0]),
            }
        )
        if step < steps:
            optimizer.apply_gradients(zip(gradient, unit.trainable_weights))
    return pd.DataFrame(rows).rename_axis("step")


slow = descend(learning_rate=0.1)
slow.round(3)

# %% [markdown]
# 每一行是一步：此时的权重、该处的损失及其梯度。$w$ 越接近谷底，梯度越小，步子也随之变小。起点处 tape 算出的梯度与公式给出的一致：

# %%
by_formula = float(-2 * np.mean(x * (y - 1.5 * x)))
print(f"formula: {by_formula:.4f}   tape: {slow['gradient'][0]:.4f}")
# 抛物线的谷底，即 dL/dw = 0 处：
best = float(np.sum(x * y) / np.sum(x * x))
print(f"the best weight: {best:.3f}")
glue("best_w", best)
glue("slow_w8", slow["w"].iloc[-1])
# 学习率为 0.1 时，每走一步，到最佳权重的距离
# 还剩原来的多少：
glue("shrink", 1 - 2 * 0.1 * float(np.mean(x * x)))

# %% [markdown]
# 令梯度为 0，就能直接得到最佳权重 $w^* = \sum_i x_i y_i / \sum_i x_i^2$，这里是 {glue:text}`best_w:.3f`：车越重，mpg 越低。以 $\eta = 0.1$ 走了 8 步之后，权重到了 {glue:text}`slow_w8:.3f`，仍在半路上。对于这个损失，前进的速度可以算出来：每一步把 $w$ 移到 $w^* + (1 - 2\eta m)(w - w^*)$，其中 $m$ 是各辆车 $x_i^2$ 的平均值。标准化后的 $x$ 的 $m$ 略小于 1，所以每走一步，到谷底的距离只剩原来的 {glue:text}`shrink:.2f`：每步走掉约五分之一。
#
# 学习率更大，就能用更少的步数到达谷底，但太大就会冲过头：一步跨过谷底，落到抛物线的另一侧。下面把 $\eta = 0.1$ 和 $\eta = 0.9$ 的同一下降过程画在损失曲线上：

# %%
fast = descend(learning_rate=0.9)
glue("fast_w8", fast["w"].iloc[-1])
path_ends = pd.concat([slow["w"], fast["w"]])
w_grid = np.linspace(path_ends.min() - 0.2, path_ends.max() + 0.2, 100)
loss_curve = np.mean(
    (y.reshape(1, -1) - w_grid.reshape(-1, 1) * x.reshape(1, -1)) ** 2, axis=1
)
fig = Figure(figsize=(FIGSIZE[0], FIGSIZE[1] * 1.1))
for ax, (rate, path) in zip(
    fig.subplots(1, 2, sharey=True), [(0.1, slow), (0.9, fast)]
):
    plot_functions(
        w_grid,
        {"loss L(w)": loss_curve},
        title=f"learning rate {rate}",
        xlabel="weight w",
        ylabel="mean squared error",
        ax=ax,
    )
    ax.plot(
        path["w"],
        path["loss"],
        "o-",
        color="#D55E00",
        markersize=4,
        linewidth=1,
        zorder=4,
    )
    ax.annotate(
        "start",
        (path["w"][0], path["loss"][0]),
        textcoords="offset points",
        xytext=(-30, 4),
    )
# 两幅图共用纵轴：它的标签只在左边写一次
for ax in fig.axes:
    ax.label_outer()
show(
    fig,
    alt=(
        "Two copies of the loss parabola over the weight, lowest at "
        f"w = {best:.2f}, each with 9 dots joined by lines for gradient "
        "descent from w = 1.5. With learning rate 0.1 the dots walk down one "
        f"side, in shrinking steps, to w = {slow['w'].iloc[-1]:.2f}. With "
        "learning rate 0.9 they jump from side to side of the bottom, ending "
        f"at w = {fast['w'].iloc[-1]:.2f}."
    ),
)

# %% [markdown]
# <!-- alt: 两幅相同的损失抛物线，横轴为权重，最低点在 w = {glue:text}`best_w:.2f`；每幅上有 9 个用线段相连的点，表示从 w = 1.5 出发的梯度下降。学习率为 0.1 时，这些点沿一侧往下走，步子越来越小，走到 w = {glue:text}`slow_w8:.2f`。学习率为 0.9 时，它们在谷底两侧来回跳，最后落在 w = {glue:text}`fast_w8:.2f`。 -->
#
# $\eta = 0.9$ 时，因子 $1 - 2\eta m$ 为负，但大于 $-1$：每一步都冲过谷底，落到另一侧，每次离谷底更近一点。当 $\eta$ 大于 $1/m$（这里略大于 1）时，因子小于 $-1$：每一跳都比上一跳落得更高，损失无止境地增长，训练**发散**（diverge）。好的学习率要足够大，才能取得进展，又要足够小，才不会冲过头；权重很多时，损失不再是一条抛物线，而是一片起伏的地形，但道理相同。
#
# ## 小批量与轮
#
# 上面每一步都在全部训练车辆上计算损失。数据集很大时，这样做很慢，而且没有必要：在随机抽取的一小撮样本（一个**小批量**）上算出的梯度，方向大致相同。（第 5 课里 `fit` 用来训练的那些批量就是小批量；`batch_size` 设定它们的大小。）**随机梯度下降**（stochastic gradient descent，SGD）每一步只用一个小批量；称为“随机”，是因为小批量是随机抽取的。它的梯度带有噪声，小批量越小，噪声越大。我们在 $w = 1.5$ 处，对每种大小各取 500 个随机小批量计算梯度，并与完整的梯度比较：

# %%
rng = np.random.default_rng(0)
full_gradient = slow["gradient"][0]
spread = {}
for batch_size in (8, 32, 128):
    grads = []
    for _ in range(500):
        pick = rng.choice(len(x), size=batch_size, replace=False)
        xb, yb = x[pick], y[pick]
        grads.append(-2 * np.mean(xb * (yb - 1.5 * xb)))
    spread[batch_size] = {
        "mean gradient": np.mean(grads),
        "spread (std)": np.std(grads),
    }
spread = pd.DataFrame(spread).T.rename_axis("batch size")
print(f"full gradient: {full_gradient:.3f}")
spread.round(3)

# %%
glue("noisiest", spread["spread (std)"].idxmax())
glue("steadiest", spread["spread (std)"].idxmin())

# %% [markdown]
# 平均而言，小批量梯度与完整梯度一致；它们的离散程度在批量为 {glue}`noisiest` 时最大，在批量为 {glue}`steadiest` 时最小。（粗略地说，样本数变为四倍，噪声减半：平均值的离散程度随参与平均的数值个数的平方根而下降。当一个批量占了训练集的很大一部分时，例如这里最大的批量，离散程度下降得还要快一些：批量越接近整个训练集，它的梯度就越接近完整梯度。）带噪声的步子并不是灾难：每一步的计算量都很小，平均而言都指向下坡，而且噪声会在许多步中相互抵消。
#
# `fit` 先打乱训练集，再把它切成每批 `batch_size` 个样本的小批量，最后一批取剩下的部分。把所有小批量都过一遍，称为一**轮**（epoch）。对于我们的 {glue}`n_train` 辆训练车，下面的代码算出每种批量大小下一轮的步数（steps per epoch）、完整小批量的个数（full batches）和最后剩下的样本数（examples left over）：

# %%
# 每个完整小批量走一步，剩下的样本再走较小的一步。
batch_sizes = pd.Index([8, 32, 128], name="batch size")
steps = pd.DataFrame(
    {
        "full batches": len(X_train) // batch_sizes,
        "examples left over": len(X_train) % batch_sizes,
    },
    index=batch_sizes,
)
has_leftover = steps["examples left over"] > 0
steps.insert(0, "steps per epoch", steps["full batches"] + has_leftover)
glue("steps_8", steps.loc[8, "steps per epoch"])
glue("steps_128", steps.loc[128, "steps per epoch"])
steps

# %% [markdown]
# 所以在轮数相同时，批量越小，步数越多，每一步的噪声更大、代价更低。
#
# ## 学习曲线上的学习率与批量大小
#
# 现在来真的：一个使用全部六个特征的网络，由 `fit` 用朴素的 SGD 和 MAE 损失训练，每种设置各训练一次。我们每次只改变一项设置：先在批量大小 32 下比较三种学习率，再在学习率 0.01 下比较三种批量大小。曲线画的是**训练**损失，也就是优化器努力降低的那个数；验证损失反映网络在新车上表现如何，留到练习里再画。

# %%
# 只训练 15 轮、不做验证，让这五次运行不超出本页的时间预算
# （在 fit 中，每一轮不论大小都有一笔固定开销）；到那时，曲线的
# 形状已经很清楚了。
EPOCHS = 15
glue("EPOCHS", EPOCHS)


def make_network() -> keras.Sequential:
    return keras.Sequential(
        [
            keras.Input(shape=[len(features)]),
            layers.Dense(32, activation="relu"),
            layers.Dense(32, activation="relu"),
            layers.Dense(1),
        ]
    )


def training_curve(learning_rate: float, batch_size: int) -> list[float]:
    """用普通 SGD 训练一个新网络；返回它每一轮的训练 MAE。"""
    # 每种设置都使用相同的初始权重和相同的批量顺序：
    keras.utils.set_random_seed(0)
    network = make_network()
    network.compile(
        optimizer=keras.optimizers.SGD(learning_rate=learning_rate), loss="mae"
    )
    history = network.fit(
        X_train, y_train, batch_size=batch_size, epochs=EPOCHS, verbose=0
    )
    return history.history["loss"]


by_rate = {
    f"rate {rate}": training_curve(rate, 32) for rate in (0.001, 0.01, 0.1)
}
by_batch = {f"batch {size}": training_curve(0.01, size) for size in (8, 128)}
# 同一次运行：学习率 0.01，批量大小 32。
by_batch["batch 32"] = by_rate["rate 0.01"]
by_batch = {
    name: by_batch[name] for name in ("batch 8", "batch 32", "batch 128")
}

# %%
epochs = np.arange(1, EPOCHS + 1)
fig = Figure(figsize=(FIGSIZE[0], FIGSIZE[1] * 1.1))
left, right = fig.subplots(1, 2, sharey=True)
plot_functions(
    epochs,
    by_rate,
    title="batch size 32",
    xlabel="epoch",
    ylabel="training MAE (mpg)",
    ax=left,
)
plot_functions(
    epochs,
    by_batch,
    title="learning rate 0.01",
    xlabel="epoch",
    ylabel="training MAE (mpg)",
    ax=right,
)
for ax in (left, right):
    ax.set_xticks(range(5, EPOCHS + 1, 5))  # 整数轮，每 5 轮一个刻度
    # 图例放在图的下方：放在图内会挡住一段曲线
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), borderaxespad=3.2)
    # 两幅图共用纵轴：它的标签只在左边写一次
    ax.label_outer()
final = {name: curve[-1] for name, curve in {**by_rate, **by_batch}.items()}
for name, error in final.items():  # 例如 final_rate_0_001、final_batch_8
    glue("final_" + name.replace(" ", "_").replace(".", "_"), error)
show(
    fig,
    alt=(
        f"Training MAE over {EPOCHS} epochs. Left, three learning rates with "
        f"batches of 32: rate 0.001 ends at {final['rate 0.001']:.1f} mpg, "
        f"rate 0.01 at {final['rate 0.01']:.1f} and rate 0.1 at "
        f"{final['rate 0.1']:.1f}. Right, three batch sizes with learning "
        f"rate 0.01: batch 8 ends at {final['batch 8']:.1f} mpg, batch 32 at "
        f"{final['batch 32']:.1f} and batch 128 at {final['batch 128']:.1f}."
    ),
)


# %% [markdown]
# <!-- alt: {glue}`EPOCHS` 轮中的训练 MAE。左图是批量大小 32 下的三种学习率：学习率 0.001 最终为 {glue:text}`final_rate_0_001:.1f` mpg，0.01 为 {glue:text}`final_rate_0_01:.1f`，0.1 为 {glue:text}`final_rate_0_1:.1f`。右图是学习率 0.01 下的三种批量大小：批量 8 最终为 {glue:text}`final_batch_8:.1f` mpg，批量 32 为 {glue:text}`final_batch_32:.1f`，批量 128 为 {glue:text}`final_batch_128:.1f`。 -->


# %%
table = pd.Series(final, name=f"training MAE in epoch {EPOCHS} (mpg)")
# 始终预测训练集平均 mpg 的误差：
glue("baseline", baseline := float((y_train - y_train.mean()).abs().mean()))
glue("smallest_rate_vs_baseline",
     "above" if final["rate 0.001"] > baseline else "below")
glue("largest_batch_vs_baseline",
     "above" if final["batch 128"] > baseline else "below")
# 每幅图中的设置按最终损失从低到高排列，例如
# rate_rank_1 = "0.01"，其损失在 rate_rank_1_mae 中：
for kind, curves in (("rate", by_rate), ("batch", by_batch)):
    for rank, name in enumerate(
        sorted(curves, key=lambda name: curves[name][-1]), start=1
    ):
        glue(f"{kind}_rank_{rank}", name.split()[1])
        glue(f"{kind}_rank_{rank}_mae", curves[name][-1])
table.round(2).to_frame()

# %% [markdown]
# 始终预测训练集的平均 mpg，在训练车辆上的误差是 {glue:text}`baseline:.1f` mpg，这是衡量网络是否学到东西的基线。第 {glue}`EPOCHS` 轮的训练误差如下：
#
# - **学习率**（批量大小 32）：学习率 0.001、0.01、0.1 的误差分别为 {glue:text}`final_rate_0_001:.1f`、{glue:text}`final_rate_0_01:.1f` 和 {glue:text}`final_rate_0_1:.1f` mpg；误差最低的是学习率 {glue}`rate_rank_1`，其次是 {glue}`rate_rank_2`，最高的是 {glue}`rate_rank_3`。学习率为 0.001 时步子很小：{glue}`EPOCHS` 轮之后，它的误差{glue:pick}`smallest_rate_vs_baseline|above=仍高于始终预测平均值的基线|below=已经低于始终预测平均值的基线`。学习率太小会白白浪费轮数；太大则会让步子在谷底附近来回跳，而不是稳稳落进谷底。在那条抛物线上，即使 $\eta = 0.9$ 也在不断逼近谷底，每一跳都比上一跳短，因为 MSE 的梯度在谷底附近会变小；而用 MAE 时，不论误差多小，每辆车的惩罚的斜率大小都是 1（上面那个 V 形），所以学习率大时步子始终很大。
# - **批量大小**（学习率 0.01）：批量为 8、32、128 时，误差分别为 {glue:text}`final_batch_8:.1f`、{glue:text}`final_batch_32:.1f` 和 {glue:text}`final_batch_128:.1f` mpg；误差最低的是批量 {glue}`batch_rank_1`，其次是 {glue}`batch_rank_2`，最高的是 {glue}`batch_rank_3`。每一轮里，批量为 8 时走 {glue}`steps_8` 步，批量为 128 时只走 {glue}`steps_128` 步，所以在相同的学习率下，小的批量更新权重的次数多得多；批量为 128 时，误差{glue:pick}`largest_batch_vs_baseline|above=仍高于始终预测平均值的基线|below=已经低于始终预测平均值的基线`。不过，大批量的每一步更稳定。大批量很常用，因为在 GPU 上，用它走一步所花的时间几乎不比用小的批量多；它通常搭配更大的学习率：更稳定的步子可以放心地迈得更长，以弥补步数较少。
#
# 这些都是在一种划分、一个随机种子下的单次运行，所以相近曲线之间的细小差别说明不了什么；该记住的是大的差别。实践中，第 5 课用过的优化器 **Adam** 会在训练过程中为每个权重调整步长，这让学习率不再那么难选；它的默认值 0.001 是个稳妥的起点。

# %% [markdown]
# ## 练习：在燃油经济性数据上训练网络
#
# 轮到你了：在同一份数据上准备、编译并训练一个网络，再试验不同的学习率和批量大小。每道题都有一个检查器，`q_1` 到 `q_4`；把 `____` 换成你的代码，然后运行单元格，单元格最后会做检查，例如 `q_1.check()`。它会回答**正确**、**不正确**（并指出哪里不对）或**尚未作答**。`q_1.hint()` 和 `q_1.solution()` 可以帮你；在网站上，答案折叠在**参考答案**下面，页面顶部的*练习笔记本*只有空白，没有答案。
#
# ### 1. 输入形状
#
# **第 1 题。** 读取 `X_train` 的模型，其输入形状是什么？把 `input_shape` 设为它，写成列表。

# %%
input_shape = ____  # 由各轴大小组成的列表
q_1.check()

# %%
# q_1.hint()
# q_1.solution()

# %% tags=["solution"]
input_shape = list(X_train.shape[1:])
q_1.check()

# %% [markdown]
# ### 2. 编译
#
# 下面是一个有两个隐藏层、每层 64 个 ReLU 单元的网络。`make_model` 每次都构建一个新网络，这样下面的每个实验都从新的随机权重开始。


# %%
def make_model() -> keras.Sequential:
    return keras.Sequential(
        [
            keras.Input(shape=input_shape),
            layers.Dense(64, activation="relu"),
            layers.Dense(64, activation="relu"),
            layers.Dense(1),
        ]
    )


keras.utils.set_random_seed(0)
model = make_model()

# %% [markdown]
# **第 2 题。** 用 Adam 优化器编译 `model`，损失函数用平均绝对误差。

# %%
____  # model.compile(...)
q_2.check()

# %%
# q_2.hint()
# q_2.solution()

# %% tags=["solution"]
model.compile(optimizer="adam", loss="mae")
q_2.check()

# %% [markdown]
# ### 3. 训练并解读学习曲线（开放题）
#
# **第 3 题（开放题）。** 运行这个单元格，以批量大小 64 把模型训练 20 轮，并画出它的学习曲线。损失降了多少？从哪里开始变平？到最后是否还在下降？`q_3.check()` 会告诉你该看什么。

# %%
# 只训练 20 轮，让页面构建得快一些；在你自己的机器上，可以多训练几轮，
# 看看曲线是否还在下降。
history = model.fit(
    X_train,
    y_train,
    validation_data=(X_valid, y_valid),
    batch_size=64,
    epochs=20,
    verbose=0,
)
curves = history.history
glue("adam_epochs", len(curves["loss"]))
glue("adam_train_first", curves["loss"][0])
glue("adam_train_last", curves["loss"][-1])
glue("adam_valid_first", curves["val_loss"][0])
glue("adam_valid_last", curves["val_loss"][-1])
show(
    plot_history(history, ylabel="MAE (mpg)"),
    alt=(
        f"Learning curves of the fuel-economy network with Adam over "
        f"{len(curves['loss'])} epochs: the training MAE goes from "
        f"{curves['loss'][0]:.1f} to {curves['loss'][-1]:.1f} mpg and the "
        f"validation MAE from {curves['val_loss'][0]:.1f} to "
        f"{curves['val_loss'][-1]:.1f} mpg."
    ),
)
q_3.check()


# %% [markdown]
# <!-- alt: 燃油经济性网络用 Adam 训练 {glue}`adam_epochs` 轮的学习曲线：训练 MAE 由 {glue:text}`adam_train_first:.1f` mpg 变为 {glue:text}`adam_train_last:.1f` mpg，验证 MAE 由 {glue:text}`adam_valid_first:.1f` mpg 变为 {glue:text}`adam_valid_last:.1f` mpg。 -->


# %%
# q_3.hint()
# q_3.solution()

# %% [markdown]
# ### 4. 学习率与批量大小（开放题）
#
# **第 4 题（开放题）。** 换一种设置训练一个新模型，并把它的曲线与第 3 题的比较；第 3 题用的是 Adam 的默认学习率 0.001 和大小为 64 的批量。一次只改一个设置，才能看出每个设置的作用：单元格一开始的学习率是默认值的 10 倍；也试试默认值的十分之一，即 0.0001；然后把学习率改回 0.001，依次试试大小为 16 和 256 的批量。曲线有什么变化？`q_4.check()` 会告诉你该看什么。

# %%
learning_rate = 0.01  # 第 3 题用的是 Adam 的默认值 0.001
batch_size = 64  # 与第 3 题相同

keras.utils.set_random_seed(0)
model = make_model()
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=learning_rate), loss="mae"
)
history = model.fit(
    X_train,
    y_train,
    validation_data=(X_valid, y_valid),
    batch_size=batch_size,
    epochs=20,
    verbose=0,
)
curves = history.history
glue("tuned_rate", learning_rate)
glue("tuned_batch", batch_size)
glue("tuned_epochs", len(curves["loss"]))
glue("tuned_valid_first", curves["val_loss"][0])
glue("tuned_valid_last", curves["val_loss"][-1])
show(
    plot_history(history, ylabel="MAE (mpg)"),
    alt=(
        f"Learning curves with Adam at learning rate {learning_rate} and "
        f"batches of {batch_size} over {len(curves['loss'])} epochs: the "
        f"validation MAE goes from {curves['val_loss'][0]:.1f} to "
        f"{curves['val_loss'][-1]:.1f} mpg."
    ),
)
q_4.check()


# %% [markdown]
# <!-- alt: 用 Adam、学习率 {glue}`tuned_rate`、批量大小 {glue}`tuned_batch` 训练 {glue}`tuned_epochs` 轮的学习曲线：验证 MAE 由 {glue:text}`tuned_valid_first:.1f` mpg 变为 {glue:text}`tuned_valid_last:.1f` mpg。 -->


# %%
# q_4.hint()
# q_4.solution()

# %% [markdown]
# ## 接下来
#
# 现在你知道了 `fit` 在每一步做什么：在一个小批量上计算损失，求出它的梯度，再把每个权重都朝下坡方向挪一点，一轮接一轮。学习曲线记录了这一过程的结果。下一课[过拟合与欠拟合](07_overfitting_and_underfitting.ipynb)会更仔细地解读这些曲线：训练曲线仍在下降而验证曲线不再下降时意味着什么，网络的大小如何影响这一点，以及如何在恰当的一轮停止训练。

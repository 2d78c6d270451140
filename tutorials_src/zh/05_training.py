# %% [markdown]
# # 训练混凝土模型
# 留出验证数据，把特征标准化，训练练习中搭建的深度网络，并比较不同的激活函数。

# %% [markdown]
# 在练习的最后，我们得到了一个用于混凝土数据的深度网络：八个输入，三个各有 512 个 ReLU 单元的隐藏层，以及一个线性输出。它的 {glue:text}`parameter_count:,` 个参数当时还是随机的初始值。在这一课中，我们来训练它，看看它的预测能好到什么程度，并在同一个任务上试几种激活函数。训练内部是如何运作的，是[随机梯度下降](06_stochastic_gradient_descent.ipynb)一课的主题；这里我们直接使用 Keras 提供的训练功能。
#
# 首先是导入和随机种子。种子让初始权重以及训练遍历样本的顺序在每次运行时都相同。你在下面正文中读到的每个结果，都是本页代码计算出来的。

# %%
import keras
import numpy as np
import pandas as pd
from keras import layers

from course.data import FEATURES, TARGET, load_concrete
from course.glue import glue  # 记录本页正文引用的数值
from course.plotting import plot_functions, plot_history, show

keras.utils.set_random_seed(0)

# %% [markdown]
# ## 留出一部分数据
#
# 一个有五十多万个参数的网络，几乎可以把几百个样本背下来。这时，它在训练所用样本上的误差，就很难说明它在一组从没见过的配合比上表现如何，而这恰恰是我们唯一关心的。所以在训练之前，我们先把一部分数据放到一边：模型只从**训练集**学习，我们在**验证集**上衡量它，验证集里的试验它永远学不到。
#
# 我们随机取 70% 的试验（也就是表中的行）作为训练集，其余 30% 留作验证。固定的 `random_state` 让每次运行的划分都相同。

# %%
concrete = load_concrete()
train = concrete.sample(frac=0.7, random_state=0)
valid = concrete.drop(train.index)
print(f"{len(train)} tests for training, {len(valid)} for validation")

# 一个配合比（配方：除龄期以外的全部特征）常在几个龄期各测一次。
RECIPE = [name for name in FEATURES if name != "Age"]
training_mixes = set(train[RECIPE].itertuples(index=False))
seen_mix = [
    mix in training_mixes for mix in valid[RECIPE].itertuples(index=False)
]
glue("n_valid", len(valid))
glue("valid_seen_mix", sum(seen_mix))
# 有的验证试验甚至与某次训练试验的配合比和龄期都相同，有的连强度也相同。
glue(
    "valid_same_age",
    valid[list(FEATURES)]  # 配合比和龄期
    .apply(tuple, axis=1)
    .isin(set(train[list(FEATURES)].apply(tuple, axis=1)))
    .sum(),
)
glue(
    "valid_identical",
    valid[[*FEATURES, TARGET]]  # 再加上强度
    .apply(tuple, axis=1)
    .isin(set(train[[*FEATURES, TARGET]].apply(tuple, axis=1)))
    .sum(),
)

# %% [markdown]
# 回想第 4 课：每一行是一次试验，即一组配合比在某一个龄期接受的试验，而同一组配合比常常在几个龄期都出现。因此，随机划分这些行之后，{glue}`n_valid` 次验证试验中有 {glue}`valid_seen_mix` 次，同一配合比的试验被分进了训练集；其中 {glue}`valid_same_age` 次的龄期也相同，这当中又有 {glue}`valid_identical` 次连强度都相同：同一行出现了两次。验证误差衡量的是模型对训练集以外的试验预测得有多好（其中有几次与训练集中的行完全相同），而这些试验大多来自模型见过的配合比。一组从没见过的配合比很可能更难预测；训练之后，我们会分别测量这两类试验上的误差。（如果只想测量新配合比上的误差，就改为按配合比划分，让同一配合比的所有试验都落在同一边。）
#
# ## 把特征放到同一个尺度上
#
# 各个特征的单位和取值范围差别很大：水泥的用量以几百 kg/m³ 计，高效减水剂只有几 kg/m³，龄期则以天计。输入的大小相近时，网络更容易训练，所以我们把每个特征**标准化**（standardise）：减去它的均值，再除以它的标准差，
#
# $$
# x' = \frac{x - \text{均值}}{\text{标准差}},
# $$
#
# 这样每个特征的均值都是 0，标准差都是 1。
#
# 均值和标准差**只用训练集**来计算。验证集代表模型将来会遇到的配合比，而那些配合比我们事先无从得知；如果用全部数据来计算这些统计量，就会让验证配合比的一点信息泄漏到训练中。在这里泄漏会很小，但这条规则简单，值得坚持：只有当验证数据完全没有参与模型的准备和拟合时，验证得分才可信。

# %%
features = list(FEATURES)
mean = train[features].mean()
std = train[features].std()

X_train = (train[features] - mean) / std
X_valid = (valid[features] - mean) / std
y_train = train[TARGET]
y_valid = valid[TARGET]

scales = pd.DataFrame(
    {
        "mean": mean,
        "std": std,
        "scaled mean": X_train.mean(),
        "scaled std": X_train.std(),
    }
)
glue("smallest_mean", f"{mean.min():.0f}")
glue("smallest_mean_name", mean.idxmin())
glue("largest_mean", f"{mean.max():.0f}")
glue("largest_mean_name", mean.idxmax())
glue("smallest_std", f"{std.min():.0f}")
glue("smallest_std_name", std.idxmin())
glue("largest_std", f"{std.max():.0f}")
glue("largest_std_name", std.idxmax())
scales.round(2) + 0.0  # 加上 0.0，把四舍五入得到的 -0.00 变成 0.00

# %% [markdown]
# 缩放之前，各特征在训练集上的均值从大约 {glue}`smallest_mean`（{glue}`smallest_mean_name`） 到大约 {glue}`largest_mean`（{glue}`largest_mean_name`），标准差从大约 {glue}`smallest_std`（{glue}`smallest_std_name`） 到大约 {glue}`largest_std`（{glue}`largest_std_name`）。缩放之后，训练集的每个特征均值都是 0，标准差都是 1。
#
# 验证集的特征用的是同一套训练集统计量，所以它们接近均值 0、标准差 1，但并不恰好等于：

# %%
valid_mean = X_valid.mean()
valid_std = X_valid.std()
print(f"validation means: {valid_mean.min():.2f} to {valid_mean.max():.2f}")
print(
    "validation standard deviations: "
    f"{valid_std.min():.2f} to {valid_std.max():.2f}"
)

# %% [markdown]
# 这点小偏差在意料之中：换一批配合比作样本，均值和离散程度就会略有不同。
#
# 目标，即以 MPa 为单位的强度，保持原样不变，这样模型的预测值和误差都仍以 MPa 为单位。
#
# ## 编译与拟合
#
# 模型就是练习中的那个：

# %%
model = keras.Sequential(
    [
        keras.Input(shape=(len(features),)),
        layers.Dense(512, activation="relu"),
        layers.Dense(512, activation="relu"),
        layers.Dense(512, activation="relu"),
        layers.Dense(1),
    ]
)
print(f"{model.count_params():,} parameters")
glue("parameter_count", model.count_params())

# %% [markdown]
# 训练之前，先用 `compile` 说明怎样训练。这里有两个选择很重要：
#
# - **损失**（loss），即训练要尽量减小的那个数。我们使用**平均绝对误差**（mean absolute error，`"mae"`），也就是预测强度与实测强度之间的平均距离 $\frac{1}{n}\sum_{i=1}^{n} |y_i - \hat{y}_i|$，其中 $y_i$ 是第 $i$ 个样本的实测强度，$\hat{y}_i$（读作“y hat”）是模型对它的预测。它和强度本身一样，以 MPa 为单位。
# - **优化器**（optimizer），即改变权重以降低损失的算法。`"adam"` 是一个可靠的默认选择。
#
# 然后由 `fit` 进行训练。它把训练集分成每批 64 次试验的**批量**（batch）依次处理，每处理完一批就调整一次权重；把整个训练集完整过一遍称为一**轮**（epoch），我们一共训练 `EPOCHS` 轮。传入 `validation_data` 后，Keras 还会在每轮结束时计算验证集上的损失，但不会从中学习。`verbose=0` 关闭进度条。

# %%
EPOCHS = 30
glue("epochs", EPOCHS)

model.compile(optimizer="adam", loss="mae")
history = model.fit(
    X_train,
    y_train,
    validation_data=(X_valid, y_valid),
    batch_size=64,
    epochs=EPOCHS,
    verbose=0,
)

# %% [markdown]
# `fit` 返回一个 `History` 对象，它的 `.history` 字典保存了每一轮之后的损失：`"loss"` 是训练集上的，`"val_loss"` 是验证集上的。把它们画出来，就得到**学习曲线**（learning curve）。这张图的文字描述（供看不到图的读者使用）也是由代码根据同样的数字写出的。

# %%
train_mae = history.history["loss"]
val_mae = history.history["val_loss"]
best_epoch = int(np.argmin(val_mae)) + 1  # 轮次从 1 开始计数

fig = plot_history(history, ylabel="mean absolute error (MPa)")
show(
    fig,
    alt=(
        f"Learning curves of the concrete model over {EPOCHS} epochs: "
        "the training mean absolute error goes from "
        f"{train_mae[0]:.1f} MPa in the first epoch "
        f"to {train_mae[-1]:.1f} MPa in the last, the validation error "
        f"from {val_mae[0]:.1f} to {val_mae[-1]:.1f} MPa, "
        f"lowest at epoch {best_epoch} with {min(val_mae):.1f} MPa."
    ),
)
glue("last_train_mae", train_mae[-1])
glue("best_epoch", best_epoch)
glue("lowest_val_mae", min(val_mae))

# %% [markdown]
# <!-- alt: 混凝土模型在 {glue}`epochs` 轮训练中的学习曲线：训练集上的平均绝对误差从第一轮的 {glue:text}`first_train_mae:.1f` MPa 变为最后一轮的 {glue:text}`last_train_mae:.1f` MPa，验证误差从 {glue:text}`first_val_mae:.1f` MPa 变为 {glue:text}`val_mae:.1f` MPa，在第 {glue}`best_epoch` 轮最低，为 {glue:text}`lowest_val_mae:.1f` MPa。 -->
#
# ## 效果如何？
#
# 最后一轮的验证损失，就是模型在没学过的试验上的典型误差。要评判它，我们需要有东西来比较：一是强度本身的波动有多大，用它们的标准差来衡量；二是最偷懒的模型的误差，这个模型不看配方，总是预测训练集的平均强度。

# %%
baseline_mae = (y_valid - y_train.mean()).abs().mean()
strength_std = concrete[TARGET].std()

print(f"validation MAE after {len(val_mae)} epochs: {val_mae[-1]:.2f} MPa")
print(
    f"lowest validation MAE: {min(val_mae):.2f} MPa, after epoch {best_epoch}"
)
print(f"standard deviation of the strength: {strength_std:.2f} MPa")
print(f"MAE of always predicting the mean: {baseline_mae:.2f} MPa")

# 同一个验证误差，按训练集里有没有同一配合比分开计算
errors = (model.predict(X_valid, verbose=0)[:, 0] - y_valid).abs()
seen = np.array(seen_mix)
print(f"MAE on tests of a mix in training: {errors[seen].mean():.2f} MPa")
print(f"MAE on tests of a new mix: {errors[~seen].mean():.2f} MPa")

glue("val_mae", val_mae[-1])
glue("baseline_mae", baseline_mae)
glue("strength_std", strength_std)
glue("share_of_baseline", val_mae[-1] / baseline_mae)
glue("share_of_std", val_mae[-1] / strength_std)
glue("mae_seen_mix", errors[seen].mean())
glue("mae_new_mix", errors[~seen].mean())
glue("valid_new_mix", int((~seen).sum()))
glue(
    "new_mix_error",
    "higher" if errors[~seen].mean() > errors[seen].mean() else "not higher",
)

# %% [markdown]
# 经过 {glue}`epochs` 轮训练，模型在从没学过的试验上的平均误差为 {glue:text}`val_mae:.2f` MPa。总是预测平均值，平均误差为 {glue:text}`baseline_mae:.2f` MPa，所以网络的误差是它的 {glue:text}`share_of_baseline:.0%`，是强度标准差 {glue:text}`strength_std:.2f` MPa 的 {glue:text}`share_of_std:.0%`。这两个比例越小，说明网络对配方和龄期如何决定强度学到的越多。
#
# 有 {glue}`valid_seen_mix` 次验证试验的配合比在训练集里出现过，模型在这些试验上的误差为 {glue:text}`mae_seen_mix:.2f` MPa；另外 {glue}`valid_new_mix` 次试验的配合比是模型从没见过的，误差为 {glue:text}`mae_new_mix:.2f` MPa，{glue:pick}`new_mix_error|higher=比前者高：新配合比是更难的考验|not higher=在这次划分上并不比前者高`。
#
# 曲线里有几处值得学会解读。下面的代码找出验证误差最低的位置，数一数在后期各轮中训练误差低于验证误差的轮数，并比较两者在第一轮的值。

# %%
# 训练的后半段，即最初陡降之后的部分
late = len(val_mae) // 2
late_epochs = len(val_mae) - late
train_below = sum(t < v for t, v in zip(train_mae[late:], val_mae[late:]))
print(f"lowest validation MAE at epoch {best_epoch} of {len(val_mae)}")
print(
    f"training error below the validation error in {train_below} "
    f"of the last {late_epochs} epochs"
)
print(
    f"first epoch: training {train_mae[0]:.2f} MPa, "
    f"validation {val_mae[0]:.2f} MPa"
)

glue("train_below", train_below)
glue("late_epochs", late_epochs)
glue("first_train_mae", train_mae[0])
glue("first_val_mae", val_mae[0])
glue(
    "first_epoch_order",
    "above" if train_mae[0] > val_mae[0] else "not above",
)

# %% [markdown]
# - 验证误差在第 {glue}`best_epoch` 轮最低，为 {glue:text}`lowest_val_mae:.2f` MPa；在最后一轮（第 {glue}`epochs` 轮）为 {glue:text}`val_mae:.2f` MPa。验证误差在相邻两轮之间有些小的起伏，这很正常，所以最低点不一定落在最后一轮。
# - 在最后 {glue}`late_epochs` 轮中，有 {glue}`train_below` 轮的训练误差低于验证误差。模型在它学习过的配合比上通常比在新配合比上表现稍好一些；如果两条曲线之间的差距越拉越大，那就是*过拟合*（overfitting）的迹象，这是[过拟合与欠拟合](07_overfitting_and_underfitting.ipynb)一课的主题。
# - 在第一轮中，训练误差（{glue:text}`first_train_mae:.1f` MPa）{glue:pick}`first_epoch_order|above=高于|not above=不高于`验证误差（{glue:text}`first_val_mae:.1f` MPa）。这两者的测量方式并不相同：训练损失是在整轮过程中求平均的，而那时权重还在快速变化；验证损失则在每轮结束时、用已经改进过的权重测量一次。在训练初期，这种差别对验证误差有利。

# %% [markdown]
# ## 激活函数有影响吗？
#
# 在练习中你观察过几种激活函数。现在我们可以看看它们对训练好的模型有什么影响。我们为每种激活函数各训练一个网络，使用同样的数据划分。为了让页面运行得快一些，这些网络比上面的小，训练轮数更少、步子更大；代码里的注释说明了各缩减了多少。
#
# 只训练一次不足以比较它们：单是偶然因素，即初始权重和批量的顺序，就会让结果变动，两种激活函数之间的差别，只有大于这种变动时才有意义。所以每种激活函数都训练 {glue}`runs` 次，每次都是一个有自己随机初始权重的新网络，我们同时看这些运行结果的均值和离散程度。
#
# 候选之一是 `"linear"`，即不使用任何激活函数。正如激活函数那一课所讲，线性层堆叠起来仍只是输入的一个线性函数，所以这几次运行能告诉我们一个普通线性模型能做到什么程度。另外，`"selu"` 使用 `"lecun_normal"` 初始化器，这是它的自归一化（self-normalising）设计所假定的初始权重；其他激活函数保持 Keras 的默认值 `"glorot_uniform"`。

# %%
# 为每种激活函数训练 RUNS 个和上面的模型一样大的网络，而且训练同样多轮，
# 这个页面会花太长时间，所以每次运行都做了缩减：
# 隐藏层用 64 个单元而不是 512 个，只训练 COMPARISON_EPOCHS 轮，
# 并且为了让这么少的轮数就够用，把 Adam 的学习率（它按比例决定步子的大小）
# 设为默认值的 10 倍（0.01 而不是 0.001）。每次运行的设置都相同：
# 比较的是激活函数之间的差别。
ACTIVATIONS = ["relu", "elu", "selu", "silu", "linear"]
RUNS = 3
COMPARISON_EPOCHS = 10
glue("runs", RUNS)
glue("comparison_epochs", COMPARISON_EPOCHS)


def comparison_network(activation: str) -> keras.Sequential:
    """一个小网络：三个各有 64 个单元、使用 `activation` 的隐藏层，
    加一个线性输出单元，每次都用新的随机初始权重。"""
    start = "lecun_normal" if activation == "selu" else "glorot_uniform"
    return keras.Sequential(
        [
            keras.Input(shape=(len(features),)),
            layers.Dense(64, activation=activation, kernel_initializer=start),
            layers.Dense(64, activation=activation, kernel_initializer=start),
            layers.Dense(64, activation=activation, kernel_initializer=start),
            layers.Dense(1),
        ]
    )

# %% [markdown]
# 先进行各次运行，然后列出一张表：每次运行训练 {glue}`comparison_epochs` 轮后的验证误差、它们的均值，以及它们的离散程度（最大值减最小值）。表头是英文：run 1 到 run {glue}`runs` 是各次运行，mean 是均值，spread 是离散程度：

# %%
curves = {}  # 每种激活函数：各次运行训练误差的平均值，逐轮
finals = {}  # 每种激活函数：每次运行结束时的验证误差
for activation in ACTIVATIONS:
    training_errors, validation_errors = [], []
    for run in range(RUNS):
        network = comparison_network(activation)
        network.compile(
            optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mae"
        )
        fitted = network.fit(
            X_train,
            y_train,
            batch_size=64,
            epochs=COMPARISON_EPOCHS,
            verbose=0,
        )
        training_errors.append(fitted.history["loss"])
        # 直接算出验证集上的 MAE：`evaluate` 结果相同，但更慢
        predictions = network(X_valid.to_numpy())[:, 0]
        errors = keras.ops.convert_to_numpy(predictions) - y_valid.to_numpy()
        validation_errors.append(np.abs(errors).mean())
    curves[activation] = np.mean(training_errors, axis=0)
    finals[activation] = validation_errors

run_names = [f"run {number}" for number in range(1, RUNS + 1)]
runs = pd.DataFrame(finals, index=run_names).T
comparison = runs.assign(
    mean=runs.mean(axis=1), spread=runs.max(axis=1) - runs.min(axis=1)
)
comparison.index.name = "activation"
comparison.round(2)

# %% [markdown]
# 再看每种激活函数的各次运行是怎样达到这个结果的：它们逐轮的平均训练误差。（验证误差只在最后测量一次，这样页面运行得快。）

# %%
order = comparison["mean"].sort_values().index.tolist()  # 均值最低的排在最前

last_epoch_order = sorted(curves, key=lambda name: curves[name][-1])
last_epoch_errors = " < ".join(
    f"{name} {curves[name][-1]:.1f} MPa" for name in last_epoch_order
)
lowest_mean = comparison["mean"].min()
highest_mean = comparison["mean"].max()
fig = plot_functions(
    np.arange(1, COMPARISON_EPOCHS + 1),
    curves,
    title=f"Training error by activation, mean of {RUNS} runs",
    xlabel="epoch",
    ylabel="training MAE (MPa)",
)
show(
    fig,
    alt=(
        f"Mean training absolute error of {RUNS} runs per activation "
        f"over {COMPARISON_EPOCHS} epochs, for small networks that differ "
        "only in their activation. "
        "In the last epoch, from lowest to highest: "
        + last_epoch_errors
        + "; the validation means in the table run "
        f"from {lowest_mean:.1f} ({order[0]}) "
        f"to {highest_mean:.1f} MPa ({order[-1]})."
    ),
)
glue("last_epoch_errors", last_epoch_errors)
glue("lowest_mean", lowest_mean)
glue("lowest_mean_name", order[0])
glue("highest_mean", highest_mean)
glue("highest_mean_name", order[-1])

# %% [markdown]
# <!-- alt: 每种激活函数 {glue}`runs` 次运行的平均训练绝对误差在 {glue}`comparison_epochs` 轮中的变化，这些小网络只有激活函数不同。最后一轮中，从低到高依次为：{glue}`last_epoch_errors`；表中验证误差的均值从 {glue:text}`lowest_mean:.1f`（{glue}`lowest_mean_name`）到 {glue:text}`highest_mean:.1f` MPa（{glue}`highest_mean_name`）。 -->
#
# 两个均值之间的差别，只有大于各次运行本身的离散程度时才说明问题。下面的代码按平均误差从低到高依次处理各个激活函数；如果某个激活函数的运行结果与前一组重叠（它最低的一次运行低于该组中最高的一次运行），就把它并入前一组：同一组里的激活函数，这个实验无法区分。

# %%
def groups_by_overlap(runs: pd.DataFrame) -> list[list[str]]:
    """按平均误差从低到高排列的激活函数（各行），运行结果与前一组
    重叠的就并入前一组。"""
    groups: list[list[str]] = []
    for name in runs.mean(axis=1).sort_values().index:
        if groups and runs.loc[name].min() < max(
            runs.loc[other].max() for other in groups[-1]
        ):
            groups[-1].append(name)
        else:
            groups.append([name])
    return groups


groups = groups_by_overlap(runs)
nonlinear = [name for name in ACTIVATIONS if name != "linear"]
lowest_linear = runs.loc["linear"].min()
below_linear = [
    name for name in nonlinear if runs.loc[name].max() < lowest_linear
]
print("lowest mean first, overlapping runs grouped:", groups)
print("every run below every linear run:", below_linear)

glue("ranking_groups", " < ".join(f"[{', '.join(group)}]" for group in groups))
glue("group_total", len(groups))
glue("linear_mean", comparison.loc["linear", "mean"])
glue("below_linear_list", f"[{', '.join(below_linear)}]")
glue("below_linear_total", len(below_linear))
glue("nonlinear_total", len(nonlinear))
glue("largest_spread", comparison["spread"].max())
glue("largest_spread_name", comparison["spread"].idxmax())
glue(
    "single_run_case",
    "overlap" if any(len(group) > 1 for group in groups) else "apart",
)
glue(
    "linear_case",
    "all below" if len(below_linear) == len(nonlinear) else "not all below",
)

# %% [markdown]
# 表格和曲线说明了什么，又没有说明什么：
#
# - 按平均误差从低到高排列，运行结果相互重叠的激活函数放在同一对方括号里：{glue}`ranking_groups`。也就是说，这个实验能区分开 {glue}`group_total` 组，但分不开同一组里的激活函数。
# - 线性网络的平均误差为 {glue:text}`linear_mean:.2f` MPa。在 {glue}`nonlinear_total` 种非线性激活函数中，有 {glue}`below_linear_total` 种的每一次运行都比线性网络的任何一次运行误差更低：{glue}`below_linear_list`。{glue:pick}`linear_case|all below=配方的线性函数无法刻画强度对配方的真实依赖关系，正是激活函数让网络能够“弯曲”|not all below=其余的在这么少的轮数内没有明显低于线性网络：激活函数让网络能够“弯曲”，但这种弯曲还得靠训练学出来`。
# - 离散程度很重要：仅仅由于偶然（初始权重和批量的顺序不同），{glue}`largest_spread_name` 的各次运行之间就相差多达 {glue:text}`largest_spread:.2f` MPa。{glue:pick}`single_run_case|overlap=如果每种激活函数只运行一次，同一组里的激活函数完全可能排出另一种顺序|apart=这里各组之间的差距都大于离散程度，所以每种激活函数只运行一次也会得到同样的顺序，但这一点不能指望`；换一种随机的数据划分，顺序也可能改变。
# - 这张表排的是每个小网络在 {glue}`comparison_epochs` 轮内达到了什么程度，而不是经过更长时间训练后它能有多好：从训练曲线可以看出，训练停止时某种激活函数是否仍在改进。
#
# 还要注意，全尺寸的 ReLU 网络以 Adam 的默认步长训练 {glue}`epochs` 轮后，达到了 {glue:text}`val_mae:.2f` MPa。
#
# ## 接下来
#
# 现在你已经完整走了一遍训练网络的流程：留出验证数据，用训练集的统计量标准化特征，在 `compile` 中选择损失函数和优化器，用 `fit` 训练，解读学习曲线，并把结果与一个简单的基线相比较。在这个过程中，`fit` 是一个能让损失下降的黑箱；[随机梯度下降](06_stochastic_gradient_descent.ipynb)一课会打开它。

# %% [markdown]
# # 丢弃法与批量归一化
# 两种自身不含神经元的层：丢弃法（dropout）让网络更难过拟合，批量归一化（batch normalization）让训练保持平稳，即使特征从未经过缩放也是如此。

# %% [markdown]
# [第 7 课](07_overfitting_and_underfitting.ipynb)是从外部在欠拟合与过拟合之间寻找平衡的：选择模型的容量，并及时停止训练。本课介绍两种从内部起作用的特殊层。它们都不像 `Dense` 那样包含单元，而是改变流经它们的数据。本页后半部分是一个练习，答案会被自动检查。

# %%
import keras
import numpy as np
import tensorflow as tf
from keras import layers

from course.data import FEATURES, TARGET, load_concrete
from course.exercises import ____
from course.exercises.dropout_and_batch_normalization import q_1, q_2, q_3, q_4
from course.glue import glue  # 记录本页正文引用的数值
from course.plotting import plot_history, show

keras.utils.set_random_seed(0)

# %% [markdown]
# 数据的划分与第 5 课和第 7 课相同：{glue}`n_train` 次试验用于训练，{glue}`n_valid` 次用于验证。这一次我们保留两个版本的特征：一个用训练集的统计量做了标准化，另一个是原始特征，保持原来的单位；原始特征会在后半部分再次出场。

# %%
concrete = load_concrete()
train = concrete.sample(frac=0.7, random_state=0)
valid = concrete.drop(train.index)
features = list(FEATURES)
mean, std = train[features].mean(), train[features].std()
input_shape = [len(features)]


def batches(frame, batch_size, scaled=True, shuffle=True):
    """``frame`` 的（特征，强度）批量。

    除非 ``scaled=False``，特征都经过标准化。
    """
    X = frame[features]
    if scaled:
        X = (X - mean) / std
    y = frame[TARGET]
    dataset = tf.data.Dataset.from_tensor_slices(
        (X.to_numpy("float32"), y.to_numpy("float32"))
    )
    if shuffle:
        dataset = dataset.shuffle(len(frame))
    return dataset.batch(batch_size)


print(f"{len(train)} tests for training, {len(valid)} for validation")
glue("n_train", len(train))
glue("n_valid", len(valid))

# %% [markdown]
# 和第 7 课一样，`fit` 接收的是 `tf.data.Dataset` 的批量而不是数组，这样 Keras 每一轮要做的工作更少。
#
# ## 丢弃法
#
# 网络过拟合，是因为它学到了训练样本中的噪声，而噪声是以非常特定的权重组合学到的：几个单元联合起来认出某一次训练试验。**丢弃法**（dropout）专门打破这种“合谋”。训练时，`layers.Dropout(rate)` 层把它的每个输入都以概率 `rate` 置为零，每一步重新抽取：大约有比例为 `rate` 的输入被丢弃，每一步丢弃的都不一样。任何单元都不能指望某个特定的搭档一定在场，于是网络只能把学到的东西分散到许多单元上；而许多单元共同认可的模式，远比少数单元的巧合更可能是真正的信号。
#
# 保留下来的单元会乘以 $1 / (1 - \text{rate})$，这样流经该层的总和在平均意义上保持不变。下面把一个 `Dropout(0.5)` 层作用在二十个 1 上，分别使用训练模式和推理模式（训练好的模型做预测时所处的模式）：

# %%
dropout = layers.Dropout(0.5)
ones = np.ones((1, 20), dtype="float32")
during_training = keras.ops.convert_to_numpy(dropout(ones, training=True))[0]
at_inference = keras.ops.convert_to_numpy(dropout(ones))[0]
print("training: ", during_training)
print("inference:", at_inference)

glue("dropped", int(np.sum(during_training == 0)))
glue("kept_value", float(during_training[during_training > 0][0]))

# %% [markdown]
# 在训练模式下，这一次 20 个值中有 {glue}`dropped` 个被置为零，其余的变成了 {glue:text}`kept_value:g`，也就是 $1 / (1 - 0.5)$。推理时（`predict`、`evaluate` 以及 `fit` 期间计算验证损失时用的都是推理模式），该层让所有值原样通过：训练好的网络以完整的形态参与预测。
#
# `Dropout` 层作用于它前一层的输出，所以它紧跟在需要丢弃其单元的那一层后面：
#
# ```python
# keras.Sequential([
#     keras.Input(shape=input_shape),
#     layers.Dense(128, activation="relu"),
#     layers.Dropout(0.3),  # 丢弃这 128 个输出中的 30%
#     layers.Dense(1),
# ])
# ```
#
# 它不增加任何参数。可以把丢弃法理解为训练一大群“变瘦”的网络（每一步一个，它们共享权重），再用它们的平均来做预测；一群网络比其中任何一个成员都更不容易被蒙骗。练习中会在一个过拟合的网络上试用它。
#
# ## 批量归一化
#
# 第 5 课在训练前对特征做了标准化，因为输入的大小相差悬殊时，网络学得很慢，甚至根本学不会。在网络内部，同样的问题可能卷土重来：随着权重的变化，某一层的输出可能漂移到任意的尺度。`layers.BatchNormalization()` 层就在它所在的位置把尺度固定下来。训练时，它对自己的每个输入计算当前批量上的均值和标准差，并据此做标准化；然后乘以缩放系数 $\gamma$、再加上偏移量 $\beta$。每个输入都有这样两个权重，由训练学习得到，因此网络仍然可以选择它需要的尺度。
#
# 下面在训练模式下，把一个批量归一化层作用在一批 64 次试验的原始特征上：

# %%
normalize = layers.BatchNormalization()
raw_batch = train[features].to_numpy("float32")[:64]
normalized = keras.ops.convert_to_numpy(normalize(raw_batch, training=True))
print("raw means:         ", raw_batch.mean(axis=0).round(1))
# + 0.0 把 -0.00 变成 0.00
print("normalized means:  ", normalized.mean(axis=0).round(2) + 0.0)
print("normalized std devs:", normalized.std(axis=0).round(2))

glue("raw_mean_min", float(raw_batch.mean(axis=0).min()))
glue("raw_mean_max", float(raw_batch.mean(axis=0).max()))

# %% [markdown]
# 这一批中，原始特征的均值从 {glue:text}`raw_mean_min:.1f` 到 {glue:text}`raw_mean_max:.1f` 不等；经过该层之后，每个特征的均值都是 0，标准差都是 1（打印出来的 1 其实略小于 1：该层在相除之前会给方差加上一个很小的 `epsilon`，这样就永远不会除以零）。
#
# 推理时，单个样本没有批量可以求均值，所以该层还会保存训练期间见过的均值和方差的**滑动平均**（moving average），推理时改用它们。它们也是权重，但不可训练：`fit` 不会通过梯度下降改变它们，而是由该层自己来更新。对于我们的 8 个特征，这样一共有 4 × 8 = 32 个参数，其中 16 个（$\gamma$ 和 $\beta$）可训练：

# %%
# 层本身没有 summary；用一个只含这一层的模型
# 来显示它的参数个数。
keras.Sequential([keras.Input(shape=input_shape), normalize]).summary()

# %% [markdown]
# 批量归一化可以紧接在 `Dense` 层之后，也可以放在 `Dense` 层和它的激活函数之间（`layers.Dense(512)`、`layers.BatchNormalization()`、`layers.Activation("relu")`）；两种做法都很常见。作为模型的第一层时，它在训练时逐批地对原始特征做标准化；与第 5 课的缩放不同，它预测时用的是自己的滑动平均，而滑动平均要经过许多步才能接近特征真实的统计量。
#
# ### 当特征没有缩放时
#
# 为了看看它能带来什么，我们在**原始**特征上训练第 4 课的深度网络，使用朴素的随机梯度下降（`keras.optimizers.SGD`，见[第 6 课](06_stochastic_gradient_descent.ipynb)），每批 64 次试验。水泥用量以数百 kg/m³ 计，所以最初的梯度极大，一步 SGD 就可能把权重甩得太远，使损失溢出。回调 `keras.callbacks.TerminateOnNaN()` 会在损失变成无穷大或“非数”（`nan`，not a number）时立即停止训练，并打印出发生这种情况的批量：

# %%
raw_train = batches(train, 64, scaled=False)
raw_valid = batches(valid, len(valid), scaled=False, shuffle=False)


def train_raw(model, epochs):
    """在原始特征上训练：SGD，学习率 0.1，MAE 损失。"""
    sgd = keras.optimizers.SGD(learning_rate=0.1)
    model.compile(optimizer=sgd, loss="mae")
    # shuffle=False：数据集每一轮都会自己重新打乱，
    # 若再让 Keras 打乱一次，它会发出警告。
    return model.fit(
        raw_train, validation_data=raw_valid,
        epochs=epochs, shuffle=False,
        verbose=0, callbacks=[keras.callbacks.TerminateOnNaN()],
    )


keras.utils.set_random_seed(0)
plain = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Dense(512, activation="relu"),
        layers.Dense(512, activation="relu"),
        layers.Dense(512, activation="relu"),
        layers.Dense(1),
    ]
)
plain_history = train_raw(plain, epochs=10)
plain_loss = plain_history.history["loss"]
print("training loss per epoch:", plain_loss)
glue("plain_epochs", len(plain_loss))
# "inf" 或 "nan"：损失溢出了
glue("plain_loss", str(plain_loss[-1]))

# %% [markdown]
# 训练只进行了 10 轮中的 {glue}`plain_epochs` 轮就结束了，最后的训练损失为 {glue:pick}`plain_loss|inf=<code>inf</code>（无穷大）|nan=<code>nan</code>（非数）`：损失溢出了，网络什么也没学到。把学习率从 0.1 降到 SGD 的默认值 0.01 也救不了它：损失同样会溢出。练习中会给同一个网络加上批量归一化，再用完全相同的设置来训练它。
#
# ## 练习
#
# 每道题都有一个检查器，从 `q_1` 到 `q_4`。把空白 `____` 替换成你的答案，然后运行该单元格：`q_1.check()` 会读取你的 `model`，并给出**正确**、**不正确**（同时说明错在哪里）或**尚未作答**。`q_1.hint()` 给出提示，`q_1.solution()` 显示参考答案。在本页中，每个答案都折叠在**参考答案**之下；页面顶部的*练习笔记本*只有空白，没有答案。
#
# ### 1. 加入丢弃法
#
# 丢弃法帮助的是过拟合的网络，所以我们像第 7 课那样，先让一个网络过拟合：第 7 课第 2 题中的网络只从 50 次训练试验中学习。
#
# **第 1 题。** 构建一个 `keras.Sequential` 模型，输入为 `keras.Input(shape=input_shape)`，包含一个隐藏层 `Dense(128)` 和一个隐藏层 `Dense(64)`，两者都使用 ReLU，且各自后面跟一个 `layers.Dropout(0.3)`，最后是线性输出层 `Dense(1)`。把它赋给 `model`。

# %%
keras.utils.set_random_seed(0)
model = ____  # keras.Sequential([...])
q_1.check()

# %%
# q_1.hint()
# q_1.solution()

# %% tags=["solution"]
keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Dense(128, activation="relu"),
        layers.Dropout(0.3),
        layers.Dense(64, activation="relu"),
        layers.Dropout(0.3),
        layers.Dense(1),
    ]
)
q_1.check()

# %% [markdown]
# 下一个单元格会训练你的模型，同时训练去掉丢弃层的同一个网络作为对照，两者都在同样的 50 次试验上各训练 30 轮，然后把两次运行画在同一张图上：

# %%
# 用 50 次训练试验，让网络在本页承受得起的 30 轮之内
# 就过拟合（见第 7 课）。
few_batches = batches(train.sample(n=50, random_state=0), 10)
scaled_valid = batches(valid, len(valid), shuffle=False)


def train_scaled(model, epochs):
    """在 50 次标准化后的试验上训练：Adam，学习率 0.01，MAE 损失。"""
    adam = keras.optimizers.Adam(learning_rate=0.01)
    model.compile(optimizer=adam, loss="mae")
    return model.fit(
        few_batches, validation_data=scaled_valid,
        epochs=epochs, shuffle=False, verbose=0,
    )


history = train_scaled(model, epochs=30)
keras.utils.set_random_seed(0)
without = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Dense(128, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(1),
    ]
)
history_without = train_scaled(without, epochs=30)

curves = {
    "loss": history.history["loss"],
    "val_loss": history.history["val_loss"],
    "loss_without": history_without.history["loss"],
    "val_loss_without": history_without.history["val_loss"],
}
runs = {
    "with dropout": curves["loss"],
    "val_with dropout": curves["val_loss"],
    "without dropout": curves["loss_without"],
    "val_without dropout": curves["val_loss_without"],
}
fig = plot_history(
    runs,
    metrics=("with dropout", "val_with dropout",
             "without dropout", "val_without dropout"),
    ylabel="mean absolute error (MPa)",
    title="Dense(128), Dense(64), with and without dropout",
)
with_best = min(curves["val_loss"])
without_best = min(curves["val_loss_without"])
# 轮数从 1 开始计
with_best_epoch = int(np.argmin(curves["val_loss"])) + 1
without_best_epoch = int(np.argmin(curves["val_loss_without"])) + 1
show(
    fig,
    alt=(
        "Learning curves of two networks trained on 50 tests for "
        f"{len(curves['loss'])} epochs. With dropout the training error "
        f"ends at {curves['loss'][-1]:.1f} MPa and the validation error is "
        f"lowest at {with_best:.1f} MPa, in epoch {with_best_epoch}, and ends "
        f"at {curves['val_loss'][-1]:.1f} MPa; without dropout the training "
        f"error ends at {curves['loss_without'][-1]:.1f} MPa and the "
        f"validation error is lowest at {without_best:.1f} MPa, in epoch "
        f"{without_best_epoch}, and ends at "
        f"{curves['val_loss_without'][-1]:.1f} MPa."
    ),
)
glue("dropout_epochs", len(curves["loss"]))
for name, values in curves.items():
    glue(f"{name}_last", values[-1])
glue("with_best", with_best)
glue("without_best", without_best)
glue("with_best_epoch", with_best_epoch)
glue("without_best_epoch", without_best_epoch)
# 两条验证曲线在两次下探中较晚的那一次之后相距多远
glue("val_apart", float(np.mean(np.abs(
    np.subtract(curves["val_loss"], curves["val_loss_without"])
    [max(with_best_epoch, without_best_epoch):]
))))
# 比较最终的验证误差：相差不到 0.5 MPa 算作相同。
if abs(curves["val_loss"][-1] - curves["val_loss_without"][-1]) < 0.5:
    glue("dropout_final", "same")
elif curves["val_loss"][-1] < curves["val_loss_without"][-1]:
    glue("dropout_final", "lower")
else:
    glue("dropout_final", "higher")

# %% [markdown]
# <!-- alt: 两个网络在 50 次试验上训练 {glue}`dropout_epochs` 轮的学习曲线。使用丢弃法时，训练误差最终为 {glue:text}`loss_last:.1f` MPa，验证误差在第 {glue}`with_best_epoch` 轮最低，为 {glue:text}`with_best:.1f` MPa，最终为 {glue:text}`val_loss_last:.1f` MPa；不使用丢弃法时，训练误差最终为 {glue:text}`loss_without_last:.1f` MPa，验证误差在第 {glue}`without_best_epoch` 轮最低，为 {glue:text}`without_best:.1f` MPa，最终为 {glue:text}`val_loss_without_last:.1f` MPa。 -->
# ### 2. 丢弃法改变了什么（开放题）
#
# **第 2 题（开放题）。** 比较这两次运行。丢弃法让训练曲线发生了什么变化？验证曲线又有什么变化？如果愿意，可以把你的解读写成注释，然后运行 `q_2.check()`。

# %% tags=["remove-output"]
# 你对曲线的解读：
q_2.check()

# %%
# q_2.hint()
# q_2.solution()

# %% tags=["solution"]
# 使用丢弃法时训练误差偏高：它是在 30% 的隐藏单元
# 被丢弃的情况下测得的。两次运行之间应当比较的是
# 验证误差。
q_2.check()

# %% [markdown]
# 在最后一轮，使用丢弃法时训练误差为 {glue:text}`loss_last:.2f` MPa，不使用时为 {glue:text}`loss_without_last:.2f` MPa；验证误差分别为 {glue:text}`val_loss_last:.2f` MPa 和 {glue:text}`val_loss_without_last:.2f` MPa：{glue:pick}`dropout_final|same=几乎相等，所以在这次运行中，丢弃法在最后没有带来任何差别|lower=使用丢弃法时更低|higher=使用丢弃法时更高`。最低的验证误差，使用丢弃法时为 {glue:text}`with_best:.2f` MPa（第 {glue}`with_best_epoch` 轮），不使用时为 {glue:text}`without_best:.2f` MPa（第 {glue}`without_best_epoch` 轮），都只是早期的下探；在那之后，两条验证曲线基本重合，平均只相差 {glue:text}`val_apart:.1f` MPa。只在 50 次试验上跑一次，测量结果的噪声很大：丢弃法对过拟合的网络（这个网络正是如此）有没有帮助，要看许多次运行，而不是一次。不过两条训练曲线之所以不同，有一个每次都成立的原因：Keras 测量训练损失时丢弃法是开启的，测量验证损失时则是关闭的。
#
# ### 3. 批量归一化拯救原始特征
#
# **第 3 题。** 构建一个 `keras.Sequential` 模型：先是输入 `keras.Input(shape=input_shape)`，然后是 `layers.BatchNormalization()`，接着是三个使用 ReLU 的隐藏层 `Dense(512)`，每个后面都跟一个 `layers.BatchNormalization()`，最后是线性输出层 `Dense(1)`。把它赋给 `model`。

# %%
keras.utils.set_random_seed(0)
model = ____  # keras.Sequential([...])
q_3.check()

# %%
# q_3.hint()
# q_3.solution()

# %% tags=["solution"]
keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.BatchNormalization(),
        layers.Dense(512, activation="relu"),
        layers.BatchNormalization(),
        layers.Dense(512, activation="relu"),
        layers.BatchNormalization(),
        layers.Dense(512, activation="relu"),
        layers.BatchNormalization(),
        layers.Dense(1),
    ]
)
q_3.check()

# %% [markdown]
# 下一个单元格完全按照上面普通网络的方式训练它：原始特征，学习率为 0.1 的 SGD，每批 64 次试验，最多 10 轮。

# %%
bn_history = train_raw(model, epochs=10)
bn_loss, bn_valid = bn_history.history["loss"], bn_history.history["val_loss"]
glue("bn_epochs", len(bn_loss))
glue("bn_loss_first", bn_loss[0])
glue("bn_loss_last", bn_loss[-1])
glue("bn_valid_last", bn_valid[-1])
glue("bn_gap", bn_valid[-1] - bn_loss[-1])
glue("bn_valid_peak", max(bn_valid))
# 轮数从 1 开始计
glue("bn_valid_peak_epoch", int(np.argmax(bn_valid)) + 1)
fig = plot_history(bn_history, ylabel="mean absolute error (MPa)",
                   title="Batch normalization, raw features")
show(
    fig,
    alt=(
        "Learning curves of the batch-normalized network trained with SGD "
        f"on the raw features over {len(bn_loss)} epochs: the training "
        f"error goes from {bn_loss[0]:.1f} to {bn_loss[-1]:.1f} MPa; the "
        f"validation error peaks at {max(bn_valid):.1f} MPa after epoch "
        f"{int(np.argmax(bn_valid)) + 1} and ends at {bn_valid[-1]:.1f} MPa."
    ),
)

# %% [markdown]
# <!-- alt: 带批量归一化的网络在原始特征上用 SGD 训练 {glue}`bn_epochs` 轮的学习曲线：训练误差从 {glue:text}`bn_loss_first:.1f` MPa 降到 {glue:text}`bn_loss_last:.1f` MPa，验证误差在第 {glue}`bn_valid_peak_epoch` 轮后达到最高的 {glue:text}`bn_valid_peak:.1f` MPa，最终为 {glue:text}`bn_valid_last:.1f` MPa。 -->
# ### 4. 它为什么能训练（开放题）
#
# **第 4 题（开放题）。** 在这些设置下，普通网络的损失溢出了。带批量归一化的网络表现如何？它为什么能训练起来？想好之后运行 `q_4.check()`。

# %% tags=["remove-output"]
# 你的答案：
q_4.check()

# %%
# q_4.hint()
# q_4.solution()

# %% tags=["solution"]
# 没有批量归一化时，损失在第一轮就溢出了。
# 有了它，训练能正常进行，训练损失随着轮数下降：
# 第一个 BatchNormalization 层把每个原始特征都放到
# 同一尺度上。验证误差仍然更高：推理时各层用的是
# 它们的滑动平均，而滑动平均仍然滞后。
q_4.check()

# %% [markdown]
# 带批量归一化的网络完整地训练了全部 {glue}`bn_epochs` 轮：训练误差从 {glue:text}`bn_loss_first:.2f` MPa 降到 {glue:text}`bn_loss_last:.2f` MPa，验证误差最终为 {glue:text}`bn_valid_last:.2f` MPa。它用的是从未缩放过的特征，以及让普通网络的损失溢出的那一套优化器设置。它的验证误差最终比训练误差高出 {glue:text}`bn_gap:.2f` MPa，但这个差距大部分并不是过拟合。训练时，每个 `BatchNormalization` 层用当前批量的统计量做标准化；推理时（`evaluate` 和验证误差用的都是推理模式），它用自己的滑动平均做标准化，而滑动平均跟得很慢：每一步只朝批量的值前进 {glue:text}`moving_step:.0%`（该层的 `momentum` 是 {glue}`bn_momentum`）。下面在推理模式下，用网络自己的训练集来评估它，并把第一层的滑动均值与训练特征真实的均值并排列出：

# %%
raw_train_once = batches(train, len(train), scaled=False, shuffle=False)
bn_train_inference = model.evaluate(raw_train_once, verbose=0)
moving_means = keras.ops.convert_to_numpy(model.layers[0].moving_mean)
real_means = train[features].mean().to_numpy()
print(f"training set, inference mode: {bn_train_inference:.2f} MPa")
print("moving means:", moving_means.round(1))
print("real means:  ", real_means.round(1))
glue("bn_train_inference", bn_train_inference)
glue("bn_steps", int(model.optimizer.iterations))
glue("bn_momentum", model.layers[0].momentum)
glue("moving_step", 1 - model.layers[0].momentum)
glue("moving_share", float(np.median(moving_means / real_means)))

# %% [markdown]
# 在它训练过的这些试验上，网络在推理模式下的误差为 {glue:text}`bn_train_inference:.2f` MPa，而 `fit` 用批量统计量报告的是 {glue:text}`bn_loss_last:.2f` MPa：与验证误差之间的差距，大部分来自这两种模式，而不是过拟合。滑动均值从 0 开始，经过 {glue}`bn_steps` 步之后，仍然只有真实均值的大约 {glue:text}`moving_share:.0%`。在第 {glue}`bn_valid_peak_epoch` 轮，滑动平均落后得更远，这正是验证误差在那一轮跃升到 {glue:text}`bn_valid_peak:.0f` MPa 的原因。在这里，是批量归一化让训练成为可能；但像第 5 课那样缩放特征，仍然是首先要做的事。
#
# > **在旧代码中**，Keras 2 的示例把输入形状写在第一层上，即使这一层是 `BatchNormalization`：`layers.BatchNormalization(input_shape=input_shape)`。Keras 3 仍然接受 `input_shape=`，但会发出警告，而且只在 `Sequential` 的第一层上使用它；请改为以 `keras.Input(shape=input_shape)` 作为层列表的开头。
#
# ## 接下来
#
# 到目前为止，每个模型预测的都是一个数：汽车的燃油经济性，或混凝土配合比的强度。[第 9 课](09_binary_classification.ipynb)改为预测两个类别中的一个，并在分类器中用上丢弃法和批量归一化。

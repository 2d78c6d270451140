# %% [markdown]
# # 过拟合与欠拟合
# 读懂模型的学习曲线，判断它的容量是太小还是太大；通过加宽或加深来增加容量；用早停在恰当的时机结束训练。

# %% [markdown]
# 在[第 5 课](05_training.ipynb)中，我们在混凝土数据上训练了一个网络，并看了它的学习曲线；[第 6 课](06_stochastic_gradient_descent.ipynb)展示了优化器如何让损失一路走下坡。这一课讲的是如何解读这些曲线：它们说明了模型的什么情况，曲线看起来不对劲时又该改什么。页面的后半部分是一个带答案检查的练习。
#
# 先是导入和随机种子：

# %%
import keras
import numpy as np
import tensorflow as tf
from keras import layers

from course.data import FEATURES, TARGET, load_concrete
from course.exercises import ____
from course.exercises.overfitting_and_underfitting import q_1, q_2, q_3, q_4
from course.glue import glue  # 记录本页正文引用的数值
from course.plotting import plot_history, show

keras.utils.set_random_seed(0)

# %% [markdown]
# ## 数据
#
# 我们再次使用混凝土数据，像第 5 课那样划分并标准化：{glue}`n_train` 次试验用于学习，{glue}`n_valid` 次用于验证，每个特征都用训练集的统计量缩放。

# %%
concrete = load_concrete()
train = concrete.sample(frac=0.7, random_state=0)
valid = concrete.drop(train.index)

features = list(FEATURES)
mean, std = train[features].mean(), train[features].std()
X_train = ((train[features] - mean) / std).to_numpy("float32")
X_valid = ((valid[features] - mean) / std).to_numpy("float32")
y_train = train[TARGET].to_numpy("float32")
y_valid = valid[TARGET].to_numpy("float32")
input_shape = [len(features)]
print(f"{len(X_train)} tests for training, {len(X_valid)} for validation")
glue("n_train", len(X_train))
glue("n_valid", len(X_valid))
# 有多少次验证试验与某次训练试验的配合比（除龄期以外的全部特征）相同，
# 即第 5 课的那个计数：把验证配合比与去重后的训练配合比连接，
# 每个这样的验证试验留下一行。
glue(
    "valid_seen_mix",
    len(
        valid[features].drop(columns="Age")
        .merge(train[features].drop(columns="Age").drop_duplicates())
    ),
)

# %% [markdown]
# `fit` 可以直接接收这些数组，就像第 5 课里它直接接收 DataFrame 那样。这里我们改为传给它一个 `tf.data.Dataset`，里面是同样的样本，已经切成每批 64 个（并在每一轮重新打乱）。对于这样的小数据集，Keras 遍历它时每一轮的开销比遍历数组更小，而这个页面要训练好几个模型。函数 `train_model` 用第 5 课的损失（平均绝对误差）编译模型，再拟合它。除非另行指定，它使用学习率为 0.01 的 Adam，这是 Adam 默认学习率的十倍，好让这些小规模的训练在不多的几轮里就达到目标：

# %%
train_batches = tf.data.Dataset.from_tensor_slices((X_train, y_train))
train_batches = train_batches.shuffle(len(X_train)).batch(64)
valid_batches = tf.data.Dataset.from_tensor_slices((X_valid, y_valid))
valid_batches = valid_batches.batch(len(X_valid))


def train_model(model, epochs, learning_rate=0.01, callbacks=(), batches=None):
    """用 Adam 和 MAE 损失编译；在 ``batches`` 上训练。

    ``batches`` 默认为全部训练试验。
    """
    optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
    model.compile(optimizer=optimizer, loss="mae")
    # shuffle=False：数据集每一轮都会自己重新打乱，
    # 若再让 Keras 打乱一次，它会发出警告。
    return model.fit(
        batches or train_batches,
        validation_data=valid_batches,
        epochs=epochs,
        callbacks=list(callbacks),
        shuffle=False,
        verbose=0,
    )


# %% [markdown]
# ## 信号与噪声
#
# 训练数据包含两类信息。**信号**（signal）是能够泛化的部分：水泥、水和龄期如何决定*任何*一个配合比的强度。**噪声**（noise）只属于这些特定的试验：测量的离散、某个试块碰巧在稍暖的环境里养护，以及配方解释不了的一切。模型分不清这两者；凡是能降低训练损失的东西，它都会学。
#
# 学习曲线能显示它在学哪一种：
#
# - 模型学到信号*或*噪声时，**训练损失**都会下降；
# - 只有学到信号时，**验证损失**才会下降，因为训练试验里的噪声说明不了验证试验的任何情况。在我们的划分上，这一点只部分成立：{glue}`n_valid` 次验证试验中有 {glue}`valid_seen_mix` 次，与某次训练试验的配合比相同（见第 5 课），所以记住训练配合比也会降低验证损失，验证损失也就让网络在新配合比上的表现显得比实际更好。
#
# 所以，两条曲线之间的差距大致衡量了模型学到了多少噪声（在这次划分上，这个差距如果有偏差，也是低估了学到的噪声）。由此会出现两种失败：
#
# - **欠拟合**（underfitting）：验证损失高，因为模型没有学到足够的信号。训练损失也高，两条曲线靠得很近。
# - **过拟合**（overfitting）：模型学了太多噪声，验证损失比它本可以达到的更高。训练损失持续下降，验证损失却停滞或回升，差距越拉越大。
#
# 训练得好，就是尽可能多地学到信号、尽可能少地学到噪声。有两个旋钮可以调节这一点：模型的**容量**（capacity），以及训练**多长时间**。
#
# ## 容量：更宽与更深
#
# 模型的容量是指它能表示的模式的规模和复杂程度。网络可以通过两种方式获得更多容量：
#
# - **更宽**：层中有更多单元，例如用 `Dense(512)` 代替 `Dense(16)`；宽的层可以并排表示许多近乎线性的关系；
# - **更深**：有更多的层，例如用三个 `Dense(64)` 代替一个；深网络用较简单的部件，一层一层地搭建出强非线性的关系。
#
# 哪一种适合某个任务，要两种都试过才知道。下面的练习给线性模型加上两个隐藏层；改用一个宽的隐藏层试试，就留给你了。
#
# 两种方式都会增加参数，但增加的数量不同。在我们的 8 个特征上，一个 512 单元的隐藏层有 $8 \cdot 512 + 512 = 4{,}608$ 个参数，其后的输出单元有 $512 + 1 = 513$ 个，总共 5,121 个；三个 64 单元的隐藏层先有 $8 \cdot 64 + 64 = 576$ 个，接着两层各有 $64 \cdot 64 + 64 = 4{,}160$ 个，再加上输出单元的 $65$ 个，网络共有 8,961 个参数：

# %%
wide = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Dense(512, activation="relu"),
        layers.Dense(1),
    ]
)
deep = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(1),
    ]
)
print(
    f"wide: {wide.count_params():,} parameters; "
    f"deep: {deep.count_params():,} parameters"
)

# %% [markdown]
# ## 容量过大的模型
#
# 第 4 课的深度网络有三个 512 单元的隐藏层和 {glue:text}`big_params:,` 个参数，容量很大。容量是否过大取决于数据：模型学习的样本越少，就越早耗尽信号，开始学习噪声。为了亲眼看到这一点，我们只用 50 次训练试验来训练它，并照常在同样的 {glue}`n_valid` 次验证试验上验证。它用 Adam 的默认学习率 0.001 训练（这是 `train_model` 平时所用学习率的十分之一），好让曲线变化得慢一些、便于阅读：

# %%
# 只用 50 次试验，而不是全部训练试验：大网络要把它们全部过拟合，
# 需要的轮数远超本页所能承受的。这 50 次试验放在同一批里，
# 所以每一步都沿着同一个损失的坡度走，曲线显示的是训练的走向，
# 而不是小批量带来的抖动。
few = train.sample(n=50, random_state=0)
X_few = ((few[features] - mean) / std).to_numpy("float32")
y_few = few[TARGET].to_numpy("float32")
few_batches = tf.data.Dataset.from_tensor_slices((X_few, y_few)).batch(50)

big = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Dense(512, activation="relu"),
        layers.Dense(512, activation="relu"),
        layers.Dense(512, activation="relu"),
        layers.Dense(1),
    ]
)
big_params = big.count_params()
glue("big_params", big_params)
big_history = train_model(
    big, epochs=100, learning_rate=0.001, batches=few_batches
)

big_train = big_history.history["loss"]
big_valid = big_history.history["val_loss"]
best_epoch = int(np.argmin(big_valid)) + 1
glue("big_epochs", len(big_train))
glue("big_train_first", big_train[0])
glue("big_train_last", big_train[-1])
glue("big_valid_best", min(big_valid))
glue("big_best_epoch", best_epoch)
glue("big_train_at_best", big_train[best_epoch - 1])
glue(
    "big_gap_at_best",
    abs(big_valid[best_epoch - 1] - big_train[best_epoch - 1]),
)
glue("big_valid_last", big_valid[-1])
glue("big_gap_size", abs(big_valid[-1] - big_train[-1]))
glue("big_gap_side", "above" if big_valid[-1] > big_train[-1] else "below")

fig = plot_history(
    big_history,
    ylabel="mean absolute error (MPa)",
    title=f"{big_params:,} parameters, {len(few)} training tests",
)
show(
    fig,
    alt=(
        f"Learning curves of the {big_params:,}-parameter network over "
        f"{len(big_train)} epochs, trained on {len(few)} tests. The training "
        f"error falls from {big_train[0]:.1f} to {big_train[-1]:.1f} MPa; the "
        f"validation error is lowest, {min(big_valid):.1f} MPa, at epoch "
        f"{best_epoch} and ends at {big_valid[-1]:.1f} MPa."
    ),
)

# %% [markdown]
# <!-- alt: {glue:text}`big_params:,` 个参数的网络在 50 次试验上训练 {glue}`big_epochs` 轮的学习曲线。训练误差从 {glue:text}`big_train_first:.1f` MPa 降到 {glue:text}`big_train_last:.1f` MPa；验证误差在第 {glue}`big_best_epoch` 轮最低，为 {glue:text}`big_valid_best:.1f` MPa，最终为 {glue:text}`big_valid_last:.1f` MPa。 -->
#
# 在这 {glue}`big_epochs` 轮中，训练误差从 {glue:text}`big_train_first:.2f` MPa 降到了 {glue:text}`big_train_last:.2f` MPa。验证误差起初随之下降，在第 {glue}`big_best_epoch` 轮最低，为 {glue:text}`big_valid_best:.2f` MPa。此后模型继续降低训练误差（在那一轮是 {glue:text}`big_train_at_best:.2f` MPa），把这 50 次试验拟合得越来越紧，这在一定程度上靠的是记住它们；验证误差却没有跟着下降，最终为 {glue:text}`big_valid_last:.2f` MPa，比训练误差{glue:pick}`big_gap_side|above=高出|below=低` {glue:text}`big_gap_size:.2f` MPa，而在最佳一轮，两条曲线只相距 {glue:text}`big_gap_at_best:.2f` MPa。模型已经耗尽了这 50 次试验中的信号，开始学习其中的噪声。这就是过拟合。如果两条曲线在几轮里一起上升，那是优化器冲过了头又折了回来；过拟合的表现是两条曲线越拉越开。
#
# ## 早停
#
# 如果验证损失不再改善，而训练损失还在下降，那么最佳一轮之后的那些轮增加的是噪声，而不是信号。与其事先猜测合适的轮数，不如让 Keras 盯着验证损失，在它不再改善时停止训练。这就是**早停**（early stopping），它是一个**回调**（callback）：一个传给 `fit` 的对象，`fit` 在训练中的特定时刻调用它；早停在每一轮结束时起作用：
#
# ```python
# early_stopping = keras.callbacks.EarlyStopping(
#     min_delta=0.001,  # 比这更小的下降不算改善
#     patience=5,  # 连续 5 轮没有改善就停止
#     restore_best_weights=True,  # 然后回到最佳的一轮
# )
# model.fit(..., epochs=100, callbacks=[early_stopping])
# ```
#
# 除非另行指定，它监视的是 `monitor="val_loss"`。用了早停，传给 `fit` 的轮数就成了上限：把它设得宽裕些，让回调去找终点。没有 `restore_best_weights=True` 时，模型保留的是最后一轮的权重，而那时已经比最佳权重晚了 `patience` 轮。
#
# 早停防止的是训练时间过长。它治不了容量太小的模型：这样的模型无论训练多久，曲线都会在一个仍然很高的误差上变平，早停只能在那里结束训练。练习里两种模型各训练一个：需要更多容量的线性模型，以及容量足够、用早停训练的网络。

# %% [markdown]
# ## 练习
#
# 每道题都有一个检查器，`q_1` 到 `q_4`。把空白 `____` 换成你的答案并运行单元格：`q_2.check()` 会读取你的 `model`，回答**正确**、**不正确**（并指出哪里不对）或**尚未作答**。`q_2.hint()` 给出提示，`q_2.solution()` 显示参考答案。在本页上，每个答案都折叠在**参考答案**下面；页面顶部的*练习笔记本*只有空白，没有答案。
#
# ### 1. 线性模型
#
# 单个 `Dense(1)` 单元计算 8 个特征的加权和再加上偏置：这是网络所能有的最小容量。下面的单元格训练这样一个模型，并画出它的曲线。
#
# **第 1 题（开放题）。** 运行它并解读曲线：这个模型是欠拟合还是过拟合？然后运行 `q_1.check()`，看看一种解读。

# %%
# 线性模型的学习率是 0.5 而不是 0.01：它的偏置要从 0 一路移动到
# 平均强度，约 35 MPa，而 Adam 每一步大约把每个权重移动一个学习率；
# 用 0.01 的话要几千步才能到达，曲线显示的将是缓慢的移动，
# 而不是模型的极限。
keras.utils.set_random_seed(0)
linear = keras.Sequential([keras.Input(shape=input_shape), layers.Dense(1)])
linear_history = train_model(linear, epochs=10, learning_rate=0.5)

linear_train = linear_history.history["loss"]
linear_valid = linear_history.history["val_loss"]
glue("linear_train_last", linear_train[-1])
glue("linear_valid_last", linear_valid[-1])
glue("linear_epochs", len(linear_train))
glue("linear_train_first", linear_train[0])
glue("linear_valid_first", linear_valid[0])
fig = plot_history(
    linear_history,
    ylabel="mean absolute error (MPa)",
    title="One linear unit",
)
show(
    fig,
    alt=(
        f"Learning curves of the linear model over {len(linear_train)} "
        "epochs: training and validation error fall from "
        f"{linear_train[0]:.1f} and {linear_valid[0]:.1f} MPa and end at "
        f"{linear_train[-1]:.1f} and {linear_valid[-1]:.1f} MPa."
    ),
)

# %% [markdown]
# <!-- alt: 线性模型训练 {glue}`linear_epochs` 轮的学习曲线：训练误差和验证误差分别从 {glue:text}`linear_train_first:.1f` MPa 和 {glue:text}`linear_valid_first:.1f` MPa 开始下降，最终为 {glue:text}`linear_train_last:.1f` MPa 和 {glue:text}`linear_valid_last:.1f` MPa。 -->
#
# 愿意的话，可以把你的解读作为注释写在下面的单元格里；然后运行 `q_1.check()`。

# %% tags=["remove-output"]
# 你对曲线的解读：
q_1.check()

# %%
# q_1.hint()
# q_1.solution()

# %% tags=["solution"]
# 两条曲线先下降几轮，然后趋于平稳，彼此靠近，而且位置很高：
# 线性模型的容量太小，跟不上强度随配方变化的关系。
# 它欠拟合；更大的模型会有帮助。
q_1.check()

# %% [markdown]
# 线性模型最终在训练试验上为 {glue:text}`linear_train_last:.2f` MPa，在验证试验上为 {glue:text}`linear_valid_last:.2f` MPa：差距很小，误差却很高。
#
# ### 2. 更多容量
#
# **第 2 题。** 构建一个 `keras.Sequential` 模型：输入为 `keras.Input(shape=input_shape)`，接着是一个 128 单元和一个 64 单元的隐藏 `Dense` 层，都使用 ReLU 激活函数，最后是线性输出 `Dense(1)`。把它赋给 `model`。它会在第 3 题之后，用第 3 题构建的回调来训练。
#
# > **在旧代码中**，输入形状写在第一层上，而不是放在 `keras.Input` 里：`layers.Dense(128, activation="relu", input_shape=[8])`。Keras 3 仍然接受 `input_shape=`，但会给出警告，而且只在 `Sequential` 的第一层上使用它；`q_2.check()` 也接受这样的模型。

# %%
keras.utils.set_random_seed(0)
model = ____  # keras.Sequential([...])
q_2.check()

# %%
# q_2.hint()
# q_2.solution()

# %% tags=["solution"]
keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Dense(128, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(1),
    ]
)
q_2.check()

# %% [markdown]
# ### 3. 早停
#
# **第 3 题。** 创建上面“早停”一节中的早停回调：验证损失连续 5 轮都没有至少改善 0.001 时停止训练，并恢复最佳一轮的权重。把它赋给 `early_stopping`。

# %%
early_stopping = ____  # keras.callbacks.EarlyStopping(...)
q_3.check()

# %%
# q_3.hint()
# q_3.solution()

# %% tags=["solution"]
early_stopping = keras.callbacks.EarlyStopping(
    min_delta=0.001,
    patience=5,
    restore_best_weights=True,
)
q_3.check()

# %% [markdown]
# 下一个单元格用这个回调训练你在第 2 题中构建的网络，最多 60 轮：

# %%
history = train_model(model, epochs=60, callbacks=[early_stopping])

stopped_valid = history.history["val_loss"]
glue("stopped_epochs", len(stopped_valid))
glue("stopped_best_epoch", int(np.argmin(stopped_valid)) + 1)
glue("more_valid_best", min(stopped_valid))
glue("more_train_last", history.history["loss"][-1])
glue("more_valid_last", stopped_valid[-1])
fig = plot_history(history, ylabel="mean absolute error (MPa)",
                   title="Dense(128), Dense(64), early stopping")
show(
    fig,
    alt=(
        "Learning curves of the question 2 network trained with early "
        f"stopping: training stopped after {len(stopped_valid)} of at most 60 "
        "epochs; the validation error was lowest, "
        f"{min(stopped_valid):.1f} MPa, at epoch "
        f"{int(np.argmin(stopped_valid)) + 1}."
    ),
)

# %% [markdown]
# <!-- alt: 第 2 题的网络在早停下训练的学习曲线：训练在最多 60 轮中进行了 {glue}`stopped_epochs` 轮后停止；验证误差在第 {glue}`stopped_best_epoch` 轮最低，为 {glue:text}`more_valid_best:.1f` MPa。 -->
#
# 训练在允许的 60 轮中进行了 {glue}`stopped_epochs` 轮后停止；最佳验证损失出现在第 {glue}`stopped_best_epoch` 轮。
#
# 有了两个隐藏层，网络把验证误差降到了 {glue:text}`more_valid_best:.2f` MPa，而线性模型是 {glue:text}`linear_valid_last:.2f` MPa：增加的容量让它学到了线性模型学不到的信号。在最后一轮，训练误差为 {glue:text}`more_train_last:.2f` MPa，验证误差为 {glue:text}`more_valid_last:.2f` MPa；把这个差距和线性模型的比一比。
#
# ### 4. 在哪里停下的？
#
# **第 4 题（开放题）。** 训练在哪一轮停止？模型保留的是哪一轮的权重？这些权重的验证误差与最后一轮的相比如何？`history.history["val_loss"]` 保存了每一轮的验证损失，`model.evaluate(valid_batches, verbose=0)` 衡量模型当前的权重。在下面的单元格里试一试，然后运行 `q_4.check()`。愿意的话，可以换一个 `patience` 试试：运行第 2 题的单元格得到一个新网络，用新的值运行第 3 题的单元格，再运行训练的单元格（对已经训练过的网络调用 `fit`，会从它当前的权重接着训练）。

# %% tags=["remove-output"]
# 你的代码：
q_4.check()

# %%
# q_4.hint()
# q_4.solution()

# %% tags=["solution"]
val_loss = history.history["val_loss"]
kept = model.evaluate(valid_batches, verbose=0)
restored = early_stopping.best_epoch + 1  # 回调的轮数从 0 开始计
print("epochs trained:", len(val_loss))
print("epoch whose weights were restored:", restored)
print(f"validation MAE at the last epoch: {val_loss[-1]:.2f} MPa")
print(f"validation MAE of the weights kept: {kept:.2f} MPa")
glue("restored_epoch", restored)
glue("kept_valid", kept)
glue("last_valid", val_loss[-1])
glue("kept_epoch", "last" if restored == len(val_loss) else "earlier")
q_4.check()

# %% [markdown]
# 在本页的这次运行中，模型保留的是它最佳一轮（第 {glue}`restored_epoch` 轮）的权重：其验证误差为 {glue:text}`kept_valid:.2f` MPa；而训练停止时最后一轮（第 {glue}`stopped_epochs` 轮）的权重，验证误差为 {glue:text}`last_valid:.2f` MPa{glue:pick}`kept_epoch|earlier=，这组权重被训练丢弃了|last=，两者是同一组权重`。
#
# ## 接下来
#
# 容量和训练时长，是在欠拟合与过拟合之间掌舵的两种办法。[第 8 课](08_dropout_and_batch_normalization.ipynb)会加入两种从网络内部起作用的层：丢弃法（dropout），让死记硬背变得更难；批量归一化（batch normalization），让训练更平稳。

# %% [markdown]
# # 二分类
# 预测两个类别中的一个：sigmoid 输出给出概率，用二元交叉熵训练它，用准确率衡量它。

# %% [markdown]
# 到目前为止，本课程中的每个网络预测的都是一个数：汽车的燃油经济性（单位是英里每加仑），或混凝土配合比的强度（单位是 MPa）。这类任务称为**回归**（regression）。但很多问题的答案是“是”或“否”：这封邮件是垃圾邮件吗？这位客户会退订吗？这个肿瘤是恶性的吗？预测一个样本属于一组固定类别中的哪一个，称为**分类**（classification）；只有两个类别时，就是**二分类**（binary classification）。
#
# 需要改变的地方少得出奇。隐藏层、[第 8 课](08_dropout_and_batch_normalization.ipynb)的丢弃法和批量归一化、[第 5 课](05_training.ipynb)的验证集和特征缩放、`compile` 和 `fit`：这些全都保留。新的只有三样：
#
# 1. **输出层**以 *sigmoid* 结尾，因此网络预测的是一个概率，而不是以 MPa 为单位的数；
# 2. **损失函数**是*二元交叉熵*，它衡量这些概率有多好；
# 3. 我们查看的**指标**是*准确率*，即被分到正确类别的样本所占的比例。
#
# 本页先在一个小网络上逐一讲解这三样，最后是一个练习：你将构建、编译并训练一个更大的网络。

# %%
import keras
import numpy as np
import pandas as pd
from keras import layers

from course.data import (
    BREAST_CANCER_FEATURES,
    BREAST_CANCER_TARGET,
    load_breast_cancer,
)
from course.glue import glue  # 记录本页正文引用的数值
from course.plotting import (
    plot_functions,
    plot_history,
    plot_probabilities,
    show,
)

keras.utils.set_random_seed(0)

# %% [markdown]
# ## 数据：乳腺癌诊断
#
# 这个数据集的每一行对应一个乳腺肿块，医生用细针从中抽取了少量细胞。这些细胞在显微镜下拍成图像，图像中每个细胞核的轮廓都被描绘出来，再由软件测量细胞核的十项特性：半径、纹理（灰度值的变化程度）、周长、面积、平滑度、紧密度、凹度、轮廓上凹点的数量、对称性和分形维数。每项测量都出现三次：图像中各细胞核的平均值（`radius_mean`）、它的标准误（`radius_se`），以及最大的三个值的平均值（`radius_worst`），一共 {glue}`n_features` 个特征。最后一列 `diagnosis` 说明这个肿块最终被确诊为**恶性**（癌症）还是**良性**。

# %%
cancer = load_breast_cancer()
print("shape:", cancer.shape)
glue("n_masses", len(cancer))
glue("n_columns", cancer.shape[1])
glue("n_features", len(BREAST_CANCER_FEATURES))
some_columns = [
    "radius_mean", "texture_mean", "area_mean",
    "concave_points_mean", "radius_worst", "diagnosis",
]
cancer[some_columns].head()

# %% [markdown]
# 这张表有 {glue}`n_masses` 行（每个肿块一行）和 {glue}`n_columns` 列：{glue}`n_features` 个特征加上诊断结果（上表只显示了其中六列）。
#
# > **关于数据。** William H. Wolberg, W. Nick Street and Olvi L. Mangasarian, "Breast Cancer Wisconsin (Diagnostic)"，发布于 UCI 机器学习数据库（UCI Machine Learning Repository，1995），采用 CC BY 4.0 许可协议。测量方法的描述见 W. N. Street, W. H. Wolberg and O. L. Mangasarian, "Nuclear feature extraction for breast tumor diagnosis", *IS&T/SPIE Symposium on Electronic Imaging* (1993)。
#
# 每个类别各有多少个肿块？

# %%
counts = cancer[BREAST_CANCER_TARGET].value_counts()
print(counts.to_string())
glue("n_malignant", counts["malignant"])
glue("n_benign", counts["benign"])
glue("malignant_share", counts["malignant"] / len(cancer))

# %% [markdown]
# 在 {glue}`n_masses` 个肿块中，{glue}`n_malignant` 个是恶性的，{glue}`n_benign` 个是良性的，所以数据中有 {glue:text}`malignant_share:.0%` 属于恶性类别。两个类别并不平衡，这一点在我们评判模型的准确率时会很重要。
#
# ## 把类别变成数
#
# 网络计算的是数，所以两个类别要变成两个数：**1 表示恶性**，**0 表示良性**。哪个类别取 1 由我们决定。我们把 1 给要寻找的那个类别，这样网络的输出就可以读作“这个肿块是恶性的概率”。
#
# 其余的准备工作沿用[第 5 课](05_training.ipynb)的常规做法：随机取 70% 的肿块用于训练，其余的留作验证，并用训练集的均值和标准差对每个特征做标准化。这些特征确实需要标准化：平均面积有好几百，而平滑度只有十分之一左右。

# %%
train = cancer.sample(frac=0.7, random_state=0)
valid = cancer.drop(train.index)

features = list(BREAST_CANCER_FEATURES)
mean = train[features].mean()
std = train[features].std()
X_train = (train[features] - mean) / std
X_valid = (valid[features] - mean) / std

# 1 表示恶性，0 表示良性
y_train = (train[BREAST_CANCER_TARGET] == "malignant").astype("float32")
y_valid = (valid[BREAST_CANCER_TARGET] == "malignant").astype("float32")

print(f"{len(train)} masses for training, {len(valid)} for validation")
print(
    f"malignant: {y_train.mean():.1%} of the training set, "
    f"{y_valid.mean():.1%} of the validation set"
)
glue("n_train", len(train))
glue("n_valid", len(valid))

# %% [markdown]
# 模型将从 {glue}`n_train` 个肿块中学习，并在另外 {glue}`n_valid` 个肿块上接受评判。
#
# ## 输出层给出概率：sigmoid 函数
#
# 回归网络以一个线性单元结尾：输入的加权和加上偏置，可以是任何数。而概率必须位于 0 和 1 之间。**sigmoid 函数**能把任何数映射到这个范围内：
#
# $$
# \sigma(z) = \frac{1}{1 + e^{-z}}.
# $$
#
# 当 $z$ 是很大的正数时，$e^{-z}$ 极小，$\sigma(z)$ 接近 1；当 $z$ 是很大的负数时，$e^{-z}$ 极大，$\sigma(z)$ 接近 0；而 $\sigma(0) = 1/(1 + 1) = 1/2$。下面是这条曲线，由 Keras 自己的 `keras.activations.sigmoid` 计算得到：

# %%
z = np.linspace(-6, 6, 121)
sigmoid = keras.ops.convert_to_numpy(keras.activations.sigmoid(z))
fig = plot_functions(
    z,
    {"sigmoid": sigmoid},
    title="The sigmoid function",
    xlabel="z",
    ylabel="σ(z)",
)
show(
    fig,
    alt=(
        "The sigmoid function of z from -6 to 6: an S-shaped curve rising "
        f"from {sigmoid[0]:.4f} at z = -6 through {sigmoid[60]:.2f} at z = 0 "
        f"to {sigmoid[-1]:.4f} at z = 6, never reaching 0 or 1."
    ),
)
glue("sigmoid_at_minus_6", sigmoid[0])
glue("sigmoid_at_0", sigmoid[60])
glue("sigmoid_at_6", sigmoid[-1])

# %% [markdown]
# <!-- alt: z 从 -6 到 6 的 sigmoid 函数：一条 S 形曲线，从 z = -6 处的 {glue:text}`sigmoid_at_minus_6:.4f` 上升，经过 z = 0 处的 {glue:text}`sigmoid_at_0:.2f`，到 z = 6 处的 {glue:text}`sigmoid_at_6:.4f`，始终不会达到 0 或 1。 -->
# 因此，二分类器的输出层是一个使用 sigmoid 激活函数的单元：`layers.Dense(1, activation="sigmoid")`。和每个 `Dense` 单元一样，这个单元仍然计算前一层输出的加权和 $z$，再加上偏置；sigmoid 把 $z$ 变成预测概率 $\hat{p} = \sigma(z)$，即该样本属于类别 1 的概率。
#
# 要得到类别而不是概率，就把 $\hat{p}$ 与一个**阈值**（threshold）比较，阈值通常取二分之一：当 $\hat{p} > 1/2$ 时预测为恶性，否则预测为良性，Keras 也是这样做的。由于 $\sigma$ 严格单调递增，且 $\sigma(0) = 1/2$，这等价于判断是否 $z > 0$。
#
# ## 适用于概率的损失函数：二元交叉熵
#
# 训练需要一个损失函数，它在预测概率好的时候取值小。对于一个标签为 $y$（1 或 0）、预测概率为 $\hat{p}$ 的样本，**二元交叉熵**（binary cross-entropy）定义为
#
# $$
# L(y, \hat{p}) = -\bigl(y \log \hat{p} + (1 - y) \log (1 - \hat{p})\bigr).
# $$
#
# 两项之中每次只有一项起作用。对于恶性肿块（$y = 1$），损失是 $-\log \hat{p}$：网络有把握且判断正确（$\hat{p} = 1$）时为零，随着 $\hat{p}$ 趋近 0 而无限增大。对于良性肿块（$y = 0$），损失是 $-\log(1 - \hat{p})$，正好是前者的镜像。对一个批量，Keras 取其中各样本损失的平均值。下面的曲线直接由 `keras.losses.binary_crossentropy` 计算得到：

# %%
p_hat = np.linspace(0.005, 0.995, 199).reshape(-1, 1)


def cross_entropy(label: float, probabilities: np.ndarray) -> np.ndarray:
    """对标签为 ``label`` 的样本，Keras 为每个概率计算的
    二元交叉熵。
    """
    labels = np.full_like(probabilities, label)
    losses = keras.losses.binary_crossentropy(labels, probabilities)
    return keras.ops.convert_to_numpy(losses)


loss_if_malignant = cross_entropy(1.0, p_hat)
loss_if_benign = cross_entropy(0.0, p_hat)
loss_at_one_half = cross_entropy(1.0, np.array([[0.5]]))[0]
fig = plot_functions(
    p_hat,
    {
        "malignant mass (y = 1)": loss_if_malignant,
        "benign mass (y = 0)": loss_if_benign,
    },
    title="Binary cross-entropy of one example",
    xlabel="predicted probability of malignant",
    ylabel="loss",
)
fig.axes[0].legend(loc="upper center")  # 放在两条曲线都很低的地方
show(
    fig,
    alt=(
        "Binary cross-entropy against the predicted probability of malignant, "
        "from 0.005 to 0.995. For a malignant mass the loss falls from "
        f"{loss_if_malignant[0]:.1f} to {loss_if_malignant[-1]:.3f}; for a "
        f"benign mass it rises from {loss_if_benign[0]:.3f} to "
        f"{loss_if_benign[-1]:.1f}; the curves cross at a probability of one "
        f"half, where both are {loss_at_one_half:.3f}."
    ),
)
glue("p_hat_min", float(p_hat[0, 0]))
glue("p_hat_max", float(p_hat[-1, 0]))
glue("loss_if_malignant_first", loss_if_malignant[0])
glue("loss_if_malignant_last", loss_if_malignant[-1])
glue("loss_if_benign_first", loss_if_benign[0])
glue("loss_if_benign_last", loss_if_benign[-1])
glue("loss_at_one_half", loss_at_one_half)

# %% [markdown]
# <!-- alt: 二元交叉熵随预测的恶性概率变化的曲线，概率从 {glue:text}`p_hat_min:.3f` 到 {glue:text}`p_hat_max:.3f`。对恶性肿块，损失从 {glue:text}`loss_if_malignant_first:.1f` 降到 {glue:text}`loss_if_malignant_last:.3f`；对良性肿块，损失从 {glue:text}`loss_if_benign_first:.3f` 升到 {glue:text}`loss_if_benign_last:.1f`；两条曲线在概率为二分之一处相交，此时两者都是 {glue:text}`loss_at_one_half:.3f`。 -->
# 恶性肿块曲线上的两个点，一个预测接近正确，一个接近完全错误：

# %%
loss_right = float(cross_entropy(1.0, np.array([[0.9]]))[0])
loss_wrong = float(cross_entropy(1.0, np.array([[0.1]]))[0])
predicted = "malignant mass predicted malignant with probability"
print(f"{predicted} 0.9: loss {loss_right:.3f}")
print(f"{predicted} 0.1: loss {loss_wrong:.3f}")
glue("loss_confident_right", loss_right)
glue("loss_confident_wrong", loss_wrong)

# %% [markdown]
# 曲线的形状才是关键。对一个确实是恶性的肿块，预测它有十分之九的可能是恶性，代价是 {glue:text}`loss_confident_right:.2f`；对同一个肿块只预测十分之一的可能，代价是 {glue:text}`loss_confident_wrong:.2f`。有把握的错误比犹豫的错误受到重得多的惩罚，所以训练会在网络错得最离谱的样本上用力最大。
#
# 为什么不直接用准确率来训练？准确率只有在某个预测越过阈值时才会改变。权重的微小变化会让每个 $\hat{p}$ 都移动一点，但通常没有任何预测越过阈值，于是准确率保持不变，它的梯度为零：它没有给[随机梯度下降](06_stochastic_gradient_descent.ipynb)留下任何可以遵循的方向。交叉熵则随每个概率平滑地变化，因此每一步都有方向可循。我们用交叉熵来训练，而把准确率作为**指标**（metric）来*报告*：Keras 在每一轮中为我们计算它，但从不用它来更新权重。和训练损失一样（[第 5 课](05_training.ipynb)），训练准确率是这一轮各个批量上的累计平均，计算时权重还在变化；验证准确率则在这一轮结束时测量，所以它一开始可能高于训练准确率。
#
# ## 构建、编译、训练
#
# 这个网络有两个各含 16 个 ReLU 单元的小隐藏层，以及 sigmoid 输出层。在 `compile` 中，损失函数为 `"binary_crossentropy"`，而 `metrics=["binary_accuracy"]` 会加上以二分之一为阈值的准确率。
#
# > **在旧代码中**，你会看到第一层写成 `layers.Dense(16, activation="relu", input_shape=(len(features),))`，而不是使用 `keras.Input`。Keras 只在 `Sequential` 的第一层上读取 `input_shape=`；Keras 3 仍然能构建这样的模型，但会发出警告，要求改用 `keras.Input(shape=...)`，也就是本课程的写法。

# %%
# 只训练 20 轮，不再多，这样整个页面（两个网络）几秒钟
# 就能运行完；下面的学习曲线会显示再多训练几轮
# 是否还有帮助。
EPOCHS = 20

model = keras.Sequential(
    [
        keras.Input(shape=(len(features),)),
        layers.Dense(16, activation="relu"),
        layers.Dense(16, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(
    optimizer="adam",
    loss="binary_crossentropy",
    metrics=["binary_accuracy"],
)
history = model.fit(
    X_train,
    y_train,
    validation_data=(X_valid, y_valid),
    batch_size=64,
    epochs=EPOCHS,
    verbose=0,
)

# %% [markdown]
# 现在历史记录中有四条曲线：`loss` 和 `val_loss`（交叉熵），以及 `binary_accuracy` 和 `val_binary_accuracy`。先看损失：

# %%
record = history.history
val_loss = np.array(record["val_loss"])
best_epoch = int(np.argmin(val_loss)) + 1
fig = plot_history(history, ylabel="binary cross-entropy")
show(
    fig,
    alt=(
        f"Learning curves over {EPOCHS} epochs: the training cross-entropy "
        f"goes from {record['loss'][0]:.2f} to {record['loss'][-1]:.3f} and "
        f"the validation cross-entropy from {val_loss[0]:.2f} to "
        f"{val_loss[-1]:.3f}, lowest at epoch {best_epoch} "
        f"({val_loss.min():.3f})."
    ),
)
glue("epochs", EPOCHS)
glue("loss_first", record["loss"][0])
glue("loss_last", record["loss"][-1])
glue("val_loss_first", val_loss[0])
glue("val_loss_last", val_loss[-1])
glue("val_loss_min", val_loss.min())
glue("best_epoch", best_epoch)
glue("val_loss_best_when", "last" if best_epoch == EPOCHS else "earlier")

# %% [markdown]
# <!-- alt: {glue}`epochs` 轮训练的学习曲线：训练交叉熵从 {glue:text}`loss_first:.2f` 变为 {glue:text}`loss_last:.3f`，验证交叉熵从 {glue:text}`val_loss_first:.2f` 变为 {glue:text}`val_loss_last:.3f`，在第 {glue}`best_epoch` 轮最低（{glue:text}`val_loss_min:.3f`）。 -->
# 在这 {glue}`epochs` 轮中，验证交叉熵从第一轮后的 {glue:text}`val_loss_first:.2f` 变为最后一轮后的 {glue:text}`val_loss_last:.3f`，最低值出现在第 {glue}`best_epoch` 轮{glue:pick}`val_loss_best_when|last=，也就是最后一轮，所以它还没有停止改善|earlier=，而不是最后一轮`。再看准确率，即被正确分类的肿块所占的比例：

# %%
accuracy = np.array(record["binary_accuracy"])
val_accuracy = np.array(record["val_binary_accuracy"])
fig = plot_history(
    history,
    metrics=("binary_accuracy", "val_binary_accuracy"),
    ylabel="accuracy",
    title="Accuracy",
)
show(
    fig,
    alt=(
        f"Accuracy over {EPOCHS} epochs: training accuracy goes from "
        f"{accuracy[0]:.1%} to {accuracy[-1]:.1%}, validation accuracy from "
        f"{val_accuracy[0]:.1%} to {val_accuracy[-1]:.1%}, moving in steps."
    ),
)
glue("accuracy_first", accuracy[0])
glue("accuracy_last", accuracy[-1])
glue("val_accuracy_first", val_accuracy[0])
glue("val_accuracy_last", val_accuracy[-1])

# %% [markdown]
# <!-- alt: {glue}`epochs` 轮训练中的准确率：训练准确率从 {glue:text}`accuracy_first:.1%` 变为 {glue:text}`accuracy_last:.1%`，验证准确率从 {glue:text}`val_accuracy_first:.1%` 变为 {glue:text}`val_accuracy_last:.1%`，呈阶梯状变化。 -->
# 验证准确率呈阶梯状变化：多分对或少分对一个肿块，它就变化 1/{glue}`n_valid`；只要没有预测越过阈值，它从一轮到下一轮就保持不变。这正是那种平坦而跳跃的量，它不会给梯度下降留下任何可以遵循的方向。
#
# ## 这个结果有多好？
#
# 准确率需要一个比较对象。一个无视测量值、总是回答训练集中较常见类别（良性）的“模型”，对每个良性肿块都判断正确，对每个恶性肿块都判断错误。

# %%
_, val_accuracy_final = model.evaluate(  # 先是损失，然后是准确率
    X_valid, y_valid, verbose=0
)
majority_accuracy = float((y_valid == 0).mean())  # 总是回答“良性”
print(f"validation accuracy of the network:   {val_accuracy_final:.1%}")
print(f"validation accuracy of always benign: {majority_accuracy:.1%}")
glue("val_accuracy", val_accuracy_final)
glue("majority_accuracy", majority_accuracy)
glue("val_errors", round((1 - val_accuracy_final) * len(valid)))

# %% [markdown]
# 该网络正确分类了 {glue:text}`val_accuracy:.1%` 的验证肿块，也就是在 {glue}`n_valid` 个肿块中错了 {glue}`val_errors` 个。而总是回答“良性”就已经能达到 {glue:text}`majority_accuracy:.1%`：类别不平衡时，单凭高准确率说明不了多少问题，这个基线（baseline）才是需要超越的数字。
#
# ## 网络对每个肿块的判断
#
# 准确率掩盖了网络有多大把握。`model.predict` 给出每个验证肿块的概率本身。在下图中，每个点代表一个肿块：横向位置是它被预测为恶性的概率；纵向位置是它的真实类别（点在纵向上略微错开，以免相互遮挡）。虚线是阈值。位于虚线右侧的良性肿块和位于虚线左侧的恶性肿块就是判断错误的样本。

# %%
probabilities = model.predict(X_valid, verbose=0).reshape(-1)
labels = y_valid.to_numpy()
# 恶性，却预测为良性
missed = int(((probabilities <= 0.5) & (labels == 1)).sum())
# 良性，却预测为恶性
false_alarms = int(((probabilities > 0.5) & (labels == 0)).sum())
valid_benign = int((labels == 0).sum())
valid_malignant = int(labels.sum())
confident_share = np.mean((probabilities < 0.1) | (probabilities > 0.9))
fig = plot_probabilities(
    probabilities,
    labels,
    class_names=("benign", "malignant"),
    title="Predicted probability of malignant, validation masses",
    xlabel="predicted probability of malignant",
)
show(
    fig,
    alt=(
        f"Strip plot of the {len(labels)} validation masses by predicted "
        "probability of malignant, one row per true class, with the threshold "
        f"one half as a dashed line. {valid_benign} benign masses, "
        f"{false_alarms} of them right of the threshold; {valid_malignant} "
        f"malignant masses, {missed} of them left of it. "
        f"{confident_share:.0%} of all the predictions are below 0.1 or "
        "above 0.9."
    ),
)
glue("confident_share", confident_share)
glue("missed", missed)
glue("false_alarms", false_alarms)
glue("valid_benign", valid_benign)
glue("valid_malignant", valid_malignant)

# %% [markdown]
# <!-- alt: {glue}`n_valid` 个验证肿块按预测的恶性概率排列的条带图，每个真实类别一行，阈值二分之一画成虚线。良性肿块 {glue}`valid_benign` 个，其中 {glue}`false_alarms` 个在阈值右侧；恶性肿块 {glue}`valid_malignant` 个，其中 {glue}`missed` 个在阈值左侧。所有预测中有 {glue:text}`confident_share:.0%` 低于十分之一或高于十分之九。 -->
# 对于 {glue:text}`confident_share:.0%` 的验证肿块，预测概率低于十分之一或高于十分之九：在这些肿块上，网络几乎是确定的。以二分之一为阈值，它漏掉了 {glue}`valid_malignant` 个恶性肿块中的 {glue}`missed` 个（预测为良性），并对 {glue}`valid_benign` 个良性肿块中的 {glue}`false_alarms` 个发出了误报（预测为恶性）。
#
# 这两种错误的代价并不相同。误报意味着再做一次检查；漏诊的癌症则可能意味着治疗开始得太晚。阈值正是设定这种权衡的地方，它不一定要取二分之一。降低阈值只会把“良性”的回答变成“恶性”：它永远不会漏掉更多的癌症，也永远不会减少误报。下表统计了几个阈值下两种错误各有多少（表头是英文：threshold 为阈值，malignant missed 为漏诊的恶性肿块数，false alarms 为误报数）：

# %%
thresholds = [0.9, 0.75, 0.5, 0.25, 0.1]
pd.DataFrame(
    {
        "malignant missed": [
            int(((probabilities <= t) & (labels == 1)).sum())
            for t in thresholds
        ],
        "false alarms": [
            int(((probabilities > t) & (labels == 0)).sum())
            for t in thresholds
        ],
    },
    index=pd.Index(thresholds, name="threshold"),
)

# %% [markdown]
# 阈值的选择不是网络能回答的问题：它取决于每种错误的代价，应当由使用这些预测的人来决定。无论他们怎么选，损失函数和训练过程都保持不变。
#
# ## 练习：带丢弃法和批量归一化的更宽网络
#
# 现在轮到你了。你将为同样的数据构建一个更大的网络，加入[第 8 课](08_dropout_and_batch_normalization.ipynb)的丢弃层和批量归一化层，为二分类编译它、训练它，并解读它的学习曲线。
#
# 每道题都有一个检查器，从 `q_1` 到 `q_3`，用法与前面的练习相同：把单元格中的空白 `____` 替换成你的代码并运行；单元格末尾的检查会给出**正确**、**不正确**（同时说明错在哪里）或**尚未作答**。`q_1.hint()` 给出提示，`q_1.solution()` 给出参考代码。在课程网站上，每个答案都折叠在题目下方的**参考答案**之中；页面顶部提供的*练习笔记本*只有空白，没有答案。

# %%
from course.exercises import ____
from course.exercises.binary_classification import q_1, q_2, q_3

input_shape = [len(features)]
print("input_shape:", input_shape)

# %% [markdown]
# ### 1. 定义模型
#
# **第 1 题。** 在 `keras.Input(shape=input_shape)` 之上构建一个 `keras.Sequential` 模型，按以下顺序包含这些层，并把它赋给 `model`：
#
# - `BatchNormalization`；
# - 一个有 256 个单元、使用 ReLU 激活函数的 `Dense`，之后是 `BatchNormalization` 和 `Dropout(0.3)`；
# - 一个有 256 个单元、使用 ReLU 激活函数的 `Dense`，之后是 `BatchNormalization` 和 `Dropout(0.3)`；
# - 输出层：一个只有一个单元、使用 sigmoid 激活函数的 `Dense`。
#
# 第一个 `BatchNormalization` 在训练过程中对模型的输入重新缩放，与上面数据准备时对特征的缩放很相似；后面的几个则对隐藏层的输出做同样的事。
#
# > **在旧代码中**，第一层带有输入形状：`layers.BatchNormalization(input_shape=input_shape)`。和 `Dense` 一样，Keras 只在 `Sequential` 的第一层上读取 `input_shape=`；请改写为 `keras.Input(shape=input_shape)`。

# %%
model = ____  # keras.Sequential([...])
q_1.check()

# %%
# q_1.hint()
# q_1.solution()

# %% tags=["solution"]
model = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.BatchNormalization(),
        layers.Dense(256, activation="relu"),
        layers.BatchNormalization(),
        layers.Dropout(0.3),
        layers.Dense(256, activation="relu"),
        layers.BatchNormalization(),
        layers.Dropout(0.3),
        layers.Dense(1, activation="sigmoid"),
    ]
)
q_1.check()

# %% [markdown]
# ### 2. 加上优化器、损失函数和指标
#
# **第 2 题。** 用 Adam 优化器、二元交叉熵损失函数和二元准确率（binary accuracy）指标编译 `model`。把 `____` 替换为对 `model.compile(...)` 的调用。

# %%
____  # model.compile(...)
q_2.check()

# %%
# q_2.hint()
# q_2.solution()

# %% tags=["solution"]
model.compile(
    optimizer="adam",
    loss="binary_crossentropy",
    metrics=["binary_accuracy"],
)
q_2.check()

# %% [markdown]
# ### 3. 训练并解读曲线
#
# 运行下一个单元格，在与小网络相同的数据划分上、以相同的轮数训练你的模型，并画出它的损失和准确率。它会先检查你对第 1 题和第 2 题的答案，因为它需要用到那个模型。

# %%
def show_curves(history: keras.callbacks.History) -> None:
    """更宽网络的损失曲线和准确率曲线，以及由曲线数值
    生成的替代文本。"""
    curves = history.history
    epochs = len(curves["loss"])
    lowest_epoch = int(np.argmin(curves["val_loss"])) + 1
    fig = plot_history(
        history,
        ylabel="binary cross-entropy",
        title="Learning curves, wider network",
    )
    show(
        fig,
        alt=(
            f"Learning curves of the wider network over {epochs} epochs: "
            f"training cross-entropy from {curves['loss'][0]:.2f} to "
            f"{curves['loss'][-1]:.3f}, validation cross-entropy from "
            f"{curves['val_loss'][0]:.2f} to {curves['val_loss'][-1]:.3f}, "
            f"lowest at epoch {lowest_epoch}."
        ),
    )
    fig = plot_history(
        history,
        metrics=("binary_accuracy", "val_binary_accuracy"),
        ylabel="accuracy",
        title="Accuracy, wider network",
    )
    show(
        fig,
        alt=(
            f"Accuracy of the wider network over {epochs} epochs: training "
            f"accuracy from {curves['binary_accuracy'][0]:.1%} to "
            f"{curves['binary_accuracy'][-1]:.1%}, validation accuracy "
            f"{curves['val_binary_accuracy'][0]:.1%} after the first epoch "
            f"and {curves['val_binary_accuracy'][-1]:.1%} after the last, "
            f"between {min(curves['val_binary_accuracy']):.1%} and "
            f"{max(curves['val_binary_accuracy']):.1%} on the way."
        ),
    )
    glue("wider_loss_first", curves["loss"][0])
    glue("wider_loss_last", curves["loss"][-1])
    glue("wider_val_loss_first", curves["val_loss"][0])
    glue("wider_val_loss_last", curves["val_loss"][-1])
    glue("wider_best_epoch", lowest_epoch)
    glue("wider_accuracy_first", curves["binary_accuracy"][0])
    glue("wider_accuracy_last", curves["binary_accuracy"][-1])
    glue("wider_val_accuracy_first", curves["val_binary_accuracy"][0])
    glue("wider_val_accuracy_last", curves["val_binary_accuracy"][-1])
    glue("wider_val_accuracy_lowest", min(curves["val_binary_accuracy"]))
    glue("wider_val_accuracy_highest", max(curves["val_binary_accuracy"]))


if q_1.check().passed and q_2.check().passed:
    exercise_history = model.fit(
        X_train,
        y_train,
        validation_data=(X_valid, y_valid),
        batch_size=64,
        epochs=EPOCHS,
        verbose=0,
    )
    show_curves(exercise_history)
else:
    print(
        "Questions 1 and 2 first: this cell trains the model you build and "
        "compile there."
    )

# %% [markdown]
# <!-- alt: 更宽的网络训练 {glue}`epochs` 轮的学习曲线：训练交叉熵从 {glue:text}`wider_loss_first:.2f` 变为 {glue:text}`wider_loss_last:.3f`，验证交叉熵从 {glue:text}`wider_val_loss_first:.2f` 变为 {glue:text}`wider_val_loss_last:.3f`，在第 {glue}`wider_best_epoch` 轮最低。 -->
# <!-- alt: 更宽的网络训练 {glue}`epochs` 轮的准确率：训练准确率从 {glue:text}`wider_accuracy_first:.1%` 变为 {glue:text}`wider_accuracy_last:.1%`，验证准确率第一轮后为 {glue:text}`wider_val_accuracy_first:.1%`，最后一轮后为 {glue:text}`wider_val_accuracy_last:.1%`，其间在 {glue:text}`wider_val_accuracy_lowest:.1%` 和 {glue:text}`wider_val_accuracy_highest:.1%` 之间变化。 -->
# **第 3 题（开放题）。** 解读这些曲线。更宽的网络是过拟合还是欠拟合？它比上面的小网络更好吗？（它同时也更宽，所以仅凭一次运行，无法判断差别是不是丢弃法或批量归一化带来的。）写下你的解读，然后运行 `q_3.check()`，看看应该关注哪些方面。

# %%
q_3.check()

# %%
# q_3.hint()
# q_3.solution()

# %% tags=["solution"]
exercise_record = exercise_history.history
small_val = np.array(record["val_loss"])
wider_val = np.array(exercise_record["val_loss"])
small_accuracy = record["val_binary_accuracy"][-1]
wider_accuracy = exercise_record["val_binary_accuracy"][-1]
small_best = int(np.argmin(small_val)) + 1
wider_best = int(np.argmin(wider_val)) + 1
comparison = pd.DataFrame(
    {
        "validation loss": [small_val[-1], wider_val[-1]],
        "validation accuracy": [small_accuracy, wider_accuracy],
        "lowest validation loss": [small_val.min(), wider_val.min()],
        "epoch of the lowest": [small_best, wider_best],
    },
    index=pd.Index(
        ["small network", "wider network"], name=f"after {EPOCHS} epochs"
    ),
)
if wider_val[-1] < small_val[-1]:
    glue("wider_vs_small", "lower")
elif wider_val[-1] > small_val[-1]:
    glue("wider_vs_small", "higher")
else:
    glue("wider_vs_small", "same")
# 单有差距是正常的（第 5 课）；差距扩大时才是过拟合的信号：
# 验证损失上升，而训练损失仍在下降。
if wider_val[-1] > exercise_record["loss"][-1]:
    if wider_val[-1] > wider_val.min():
        glue("wider_gap_case", "growing")
    else:
        glue("wider_gap_case", "normal")
else:
    glue("wider_gap_case", "above")
glue("wider_gap_size", abs(wider_val[-1] - exercise_record["loss"][-1]))
glue("wider_best_when", "last" if wider_best == EPOCHS else "earlier")
glue("wider_val_loss", wider_val[-1])
glue("small_val_loss", small_val[-1])
glue("wider_val_accuracy", wider_accuracy)
glue("small_val_accuracy", small_accuracy)
comparison.round(3)

# %% [markdown] tags=["solution"]
# 这是对本次运行的一种解读（上表的表头是英文：small network 是小网络，wider network 是更宽的网络，lowest validation loss 是最低验证损失，epoch of the lowest 是它出现在第几轮）。训练 {glue}`epochs` 轮后，更宽网络的验证损失为 {glue:text}`wider_val_loss:.3f`，小网络为 {glue:text}`small_val_loss:.3f`；更宽网络的验证准确率为 {glue:text}`wider_val_accuracy:.1%`，小网络为 {glue:text}`small_val_accuracy:.1%`。更宽网络的最低验证损失出现在第 {glue}`wider_best_epoch` 轮{glue:pick}`wider_best_when|last=，也就是最后一轮，所以再多训练几轮也许还能让它继续下降|earlier=：之后没有哪一轮比它更低，早停本会在那里结束训练`（早停是[第 7 课](07_overfitting_and_underfitting.ipynb)的主题）。最后一轮它的训练损失为 {glue:text}`wider_loss_last:.3f`，验证损失为 {glue:text}`wider_val_loss:.3f`，训练损失{glue:pick}`wider_gap_case|growing=较低，而且验证损失已经从最低点回升：差距正在扩大，这是过拟合的最初迹象|normal=较低。单有差距是正常的，因为网络见过那些肿块；验证损失仍在最低点，所以还没有过拟合|above=反而较高。这并不意味着欠拟合：训练损失是在丢弃法开启时测得的，这让每个训练批量都更难`。
#
# 在这么小的验证集上，几个肿块的差别都还在不同运行之间的噪声范围之内：要确切地区分这两个网络，应当用多个随机种子和多种数据划分重复每次运行，再比较平均值。

# %% [markdown]
# ## 课程到此结束
#
# 这是本课程的最后一课。回头看，你已经认识了深度网络的每个组成部分，以及如何训练它：
#
# - 单个神经元和全连接层（[第 0 课](00_a_single_neuron.ipynb)、[第 1 课](01_layers.ipynb)），激活函数和层的堆叠（[第 2 课](02_activations.ipynb)、[第 3 课](03_stacking.ipynb)）；
# - 在真实数据上的第一个网络及其训练（[第 4 课](04_exercise_concrete.ipynb)、[第 5 课](05_training.ipynb)）；
# - 优化器如何沿着损失前进（[第 6 课](06_stochastic_gradient_descent.ipynb)），如何从学习曲线判断欠拟合和过拟合（[第 7 课](07_overfitting_and_underfitting.ipynb)），以及丢弃法和批量归一化（[第 8 课](08_dropout_and_batch_normalization.ipynb)）；
# - 还有本课的分类：sigmoid 输出、二元交叉熵和准确率。
#
# 有了这些组件，你就可以在自己的表格数据上训练网络，无论是预测一个数，还是回答“是”或“否”。接下来有两个不错的练习：用早停训练那个更宽的网络，看看它在第几轮停下；或者为这份数据选一个阈值，先想清楚多发现一例癌症值得承受多少次误报。

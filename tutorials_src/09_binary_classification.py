# %% [markdown]
# # Binary classification
# Predict one of two classes: a sigmoid output gives a probability, binary cross-entropy trains it, accuracy measures it.

# %% [markdown]
# Every network in this course so far has predicted a number: a car's fuel economy in miles per gallon, or the
# strength of a concrete mix in MPa. That task
# is called **regression**. Many questions have a yes-or-no answer instead: is this e-mail spam, will this
# customer cancel, is this tumour malignant? Predicting which of a fixed set of groups an example belongs to is
# **classification**, and with two groups it is **binary classification**.
#
# Surprisingly little changes. The hidden layers, dropout and batch normalization from
# [lesson 8](08_dropout_and_batch_normalization.ipynb), the validation set and the feature scaling from
# [lesson 5](05_training.ipynb), `compile` and `fit`: all of it stays. Three things are new:
#
# 1. the **output layer** ends in a *sigmoid*, so the network predicts a probability instead of a number of MPa;
# 2. the **loss** is *binary cross-entropy*, which measures how good those probabilities are;
# 3. the **metric** we read is *accuracy*, the share of examples put in the right class.
#
# The page first walks through all three on a small network, then ends with an exercise in which you build,
# compile and train a bigger one.

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
from course.glue import glue  # records values that the page's text quotes
from course.plotting import (
    plot_functions,
    plot_history,
    plot_probabilities,
    show,
)

keras.utils.set_random_seed(0)

# %% [markdown]
# ## The data: breast cancer diagnoses
#
# Each row of this dataset is one breast mass from which a doctor drew a few cells with a fine needle. The cells
# were photographed under a microscope, the outline of each cell nucleus was traced in the image, and software
# measured ten things about the nuclei: their radius, texture (how much the grey levels vary), perimeter, area, smoothness,
# compactness, concavity, the number of concave points on the outline, symmetry and fractal dimension. Each
# measurement appears three times, as the mean over the nuclei in the image (`radius_mean`), its standard error
# (`radius_se`) and the mean of the three largest values (`radius_worst`): {glue}`n_features` features in all.
# The last column, `diagnosis`, says whether the mass turned out to be **malignant** (cancer) or **benign**.

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
# The table has {glue}`n_masses` rows, one per mass, and {glue}`n_columns` columns: the {glue}`n_features`
# features and the diagnosis (the table above shows six of them).
#
# > **About the data.** William H. Wolberg, W. Nick Street and Olvi L. Mangasarian, "Breast Cancer Wisconsin
# > (Diagnostic)", UCI Machine Learning Repository (1995), under the CC BY 4.0 licence. The measurements are
# > described in W. N. Street, W. H. Wolberg and O. L. Mangasarian, "Nuclear feature extraction for breast tumor
# > diagnosis", *IS&T/SPIE Symposium on Electronic Imaging* (1993).
#
# How many masses are in each class?

# %%
counts = cancer[BREAST_CANCER_TARGET].value_counts()
print(counts.to_string())
glue("n_malignant", counts["malignant"])
glue("n_benign", counts["benign"])
glue("malignant_share", counts["malignant"] / len(cancer))

# %% [markdown]
# Of the {glue}`n_masses` masses, {glue}`n_malignant` were malignant and {glue}`n_benign` benign, so
# {glue:text}`malignant_share:.0%` of the data is in the malignant class. The classes are not balanced, and
# that will matter when we judge the model's accuracy.
#
# ## Classes as numbers
#
# A network computes numbers, so the two classes become two numbers: **1 for malignant** and **0 for benign**.
# Which class gets the 1 is our choice. We give it to the class we are looking for, so the network's output will
# read as "the probability that this mass is malignant".
#
# The rest of the preparation is the routine from [lesson 5](05_training.ipynb): a random 70 % of the masses for
# training, the others held out for validation, and every feature standardised with the mean and standard
# deviation of the training set. The features need it: the mean areas are in the hundreds, the smoothness values
# are around a tenth.

# %%
train = cancer.sample(frac=0.7, random_state=0)
valid = cancer.drop(train.index)

features = list(BREAST_CANCER_FEATURES)
mean = train[features].mean()
std = train[features].std()
X_train = (train[features] - mean) / std
X_valid = (valid[features] - mean) / std

# 1 malignant, 0 benign
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
# The model will learn from {glue}`n_train` masses and be judged on the other {glue}`n_valid`.
#
# ## A probability from the output layer: the sigmoid
#
# A regression network ends in a linear unit: a weighted sum of its inputs plus a bias, which can be any number.
# A probability has to lie between 0 and 1. The **sigmoid** function takes any number to that range:
#
# $$
# \sigma(z) = \frac{1}{1 + e^{-z}}.
# $$
#
# For a large positive $z$, $e^{-z}$ is tiny and $\sigma(z)$ is close to 1; for a large negative $z$, $e^{-z}$ is
# huge and $\sigma(z)$ is close to 0; and $\sigma(0) = 1/(1 + 1) = 1/2$. Here is the curve, computed by Keras's
# own `keras.activations.sigmoid`:

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
# The output layer of a binary classifier is therefore one unit with the sigmoid activation,
# `layers.Dense(1, activation="sigmoid")`. The unit still computes a weighted sum $z$ of the previous layer's
# outputs plus a bias, as every `Dense` unit does; the sigmoid turns $z$ into the predicted probability
# $\hat{p} = \sigma(z)$ that the example is in class 1.
#
# To get a class rather than a probability, compare $\hat{p}$ with a **threshold**, usually one half: predict
# malignant when $\hat{p} > 1/2$ and benign otherwise, as Keras does. Since $\sigma$ only ever rises and
# $\sigma(0) = 1/2$, that is the same as asking whether $z > 0$.
#
# ## A loss for probabilities: binary cross-entropy
#
# Training needs a loss that is small when the predicted probabilities are good. For one example with label $y$
# (1 or 0) and predicted probability $\hat{p}$, **binary cross-entropy** is
#
# $$
# L(y, \hat{p}) = -\bigl(y \log \hat{p} + (1 - y) \log (1 - \hat{p})\bigr).
# $$
#
# Only one of the two terms is ever switched on. For a malignant mass ($y = 1$) the loss is $-\log \hat{p}$: zero
# when the network is sure and right ($\hat{p} = 1$), and growing without limit as $\hat{p}$ goes to 0. For a
# benign mass ($y = 0$) it is $-\log(1 - \hat{p})$, the mirror image. Over a batch, Keras averages the losses of
# its examples. The curves below come from `keras.losses.binary_crossentropy` itself:

# %%
p_hat = np.linspace(0.005, 0.995, 199).reshape(-1, 1)


def cross_entropy(label: float, probabilities: np.ndarray) -> np.ndarray:
    """Keras's binary cross-entropy of each probability, for an example whose
    label is ``label``.
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
fig.axes[0].legend(loc="upper center")  # where both curves are low
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
# Two points on the curve of a malignant mass, one prediction nearly right and one nearly wrong:

# %%
loss_right = float(cross_entropy(1.0, np.array([[0.9]]))[0])
loss_wrong = float(cross_entropy(1.0, np.array([[0.1]]))[0])
predicted = "malignant mass predicted malignant with probability"
print(f"{predicted} 0.9: loss {loss_right:.3f}")
print(f"{predicted} 0.1: loss {loss_wrong:.3f}")
glue("loss_confident_right", loss_right)
glue("loss_confident_wrong", loss_wrong)

# %% [markdown]
# The shape of the curves is the point. Predicting nine chances in ten for a mass that really is malignant costs
# {glue:text}`loss_confident_right:.2f`; predicting one chance in ten for the same mass costs
# {glue:text}`loss_confident_wrong:.2f`. A confident mistake is punished far more than a hesitant one, so
# training pushes hardest on the examples the network gets most wrong.
#
# Why not train on accuracy directly? Accuracy only changes when a prediction crosses the threshold. A small
# change to the weights moves every $\hat{p}$ a little, but usually no prediction crosses, so the accuracy stays
# the same and its gradient is zero: it gives [stochastic gradient descent](06_stochastic_gradient_descent.ipynb)
# nothing to follow. Cross-entropy changes smoothly with every probability, so every step gets a direction.
# We train on cross-entropy and *report* accuracy, as a **metric**: Keras computes it for us in every epoch, but
# never uses it to change the weights. Like the training loss ([lesson 5](05_training.ipynb)), the training
# accuracy is a running mean over the epoch's batches, taken while the weights still change; the validation
# accuracy is measured at the end of the epoch, which is why it can start above the training accuracy.
#
# ## Build, compile, train
#
# The network has two small hidden layers of 16 ReLU units and the sigmoid output. In `compile`, the loss is
# `"binary_crossentropy"` and `metrics=["binary_accuracy"]` adds the accuracy at the threshold one half.
#
# > **In older code** you will meet `layers.Dense(16, activation="relu", input_shape=(len(features),))` as the
# > first layer instead of `keras.Input`. Keras reads `input_shape=` only on the first layer of a `Sequential`;
# > Keras 3 still builds such a model but warns and asks for `keras.Input(shape=...)`, as this course writes it.

# %%
# 20 epochs, and not more, so that the whole page (two networks) executes
# in seconds; the learning curves below show whether more epochs would still
# help.
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
# The history now holds four curves: `loss` and `val_loss` (the cross-entropy) and `binary_accuracy` and
# `val_binary_accuracy`. Loss first:

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
# Over {glue}`epochs` epochs the validation cross-entropy went from {glue:text}`val_loss_first:.2f` after the
# first epoch to {glue:text}`val_loss_last:.3f` after the last. It was lowest after epoch {glue}`best_epoch`,
# {glue:pick}`val_loss_best_when|last=the last one, so it had not stopped improving|earlier=not the last one`. And
# the accuracy, the share of masses classified correctly:

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
# The validation accuracy moves in steps: one mass more or less classified correctly changes it by one part in
# {glue}`n_valid`, and it stays flat from one epoch to the next whenever no prediction crosses the threshold. That
# is the flat, jumpy quantity that would give gradient descent nothing to follow.
#
# ## How good is that?
#
# Accuracy needs a comparison. A "model" that ignores the measurements and always answers with the more common
# class of the training set, benign, is right for every benign mass and wrong for every malignant one.

# %%
_, val_accuracy_final = model.evaluate(  # the loss, then the accuracy
    X_valid, y_valid, verbose=0
)
majority_accuracy = float((y_valid == 0).mean())  # always answering "benign"
print(f"validation accuracy of the network:   {val_accuracy_final:.1%}")
print(f"validation accuracy of always benign: {majority_accuracy:.1%}")
glue("val_accuracy", val_accuracy_final)
glue("majority_accuracy", majority_accuracy)
glue("val_errors", round((1 - val_accuracy_final) * len(valid)))

# %% [markdown]
# The network classifies {glue:text}`val_accuracy:.1%` of the validation masses correctly, which means
# it gets {glue}`val_errors` of the {glue}`n_valid` wrong. Always answering "benign" would already reach
# {glue:text}`majority_accuracy:.1%`: with unbalanced classes a high accuracy alone proves little, and this
# baseline is the number to beat.
#
# ## What the network says about each mass
#
# Accuracy hides how sure the network is. `model.predict` gives the probability itself for each validation mass.
# In the plot below, each dot is one mass: across, its predicted probability of being malignant; up and down,
# its true class (the dots are spread a little vertically so they do not hide each other). The dashed line is
# the threshold. Benign masses to the right of it and malignant masses to its left are the mistakes.

# %%
probabilities = model.predict(X_valid, verbose=0).reshape(-1)
labels = y_valid.to_numpy()
# malignant, predicted benign
missed = int(((probabilities <= 0.5) & (labels == 1)).sum())
# benign, predicted malignant
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
# For {glue:text}`confident_share:.0%` of the validation masses the predicted probability is below one tenth or
# above nine tenths: there the network is close to certain. At the threshold one half it missed
# {glue}`missed` of the {glue}`valid_malignant` malignant masses (predicted benign) and raised a false alarm for
# {glue}`false_alarms` of the {glue}`valid_benign` benign ones (predicted malignant).
#
# Those two kinds of mistake do not cost the same. A false alarm means another test; a missed cancer can mean a
# treatment that starts too late. The threshold is where that trade-off is set, and it need not be one half.
# Lowering it can only turn "benign" answers into "malignant" ones: it never misses more cancers, and it never
# raises fewer false alarms. The table counts both kinds of mistake for a few thresholds:

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
# Choosing the threshold is not a question the network can answer: it depends on what each mistake costs, which
# is for the people who use the predictions to decide. The loss and the training stay the same whatever they
# choose.
#
# ## Exercise: a wider network with dropout and batch normalization
#
# Now it is your turn. You will build a bigger network for the same data, with the dropout and batch
# normalization layers of [lesson 8](08_dropout_and_batch_normalization.ipynb), compile it for binary
# classification, train it and read its learning curves.
#
# Each question has a checker, `q_1` to `q_3`, that works as in the earlier exercises: replace the blank `____`
# in the cell with your code and run it; the check at the end of the cell answers **Correct**, **Incorrect** with
# what is wrong, or **Not answered yet**. `q_1.hint()` gives a hint and `q_1.solution()` the reference code. On
# the course site each answer is folded under **Solution**, below its question; the *Exercise notebook* offered
# at the top of the page has the blanks and no answers.

# %%
from course.exercises import ____
from course.exercises.binary_classification import q_1, q_2, q_3

input_shape = [len(features)]
print("input_shape:", input_shape)

# %% [markdown]
# ### 1. Define the model
#
# **Question 1.** Build a `keras.Sequential` model on `keras.Input(shape=input_shape)` with these layers, in this
# order, and assign it to `model`:
#
# - `BatchNormalization`,
# - `Dense` with 256 units and the ReLU activation, then `BatchNormalization` and `Dropout(0.3)`,
# - `Dense` with 256 units and the ReLU activation, then `BatchNormalization` and `Dropout(0.3)`,
# - the output: `Dense` with one unit and the sigmoid activation.
#
# The first `BatchNormalization` rescales the model's inputs as it trains, much as the data preparation above
# rescaled the features; the later ones do the same for the outputs of the hidden layers.
#
# > **In older code** the first layer carries the input shape: `layers.BatchNormalization(input_shape=input_shape)`.
# > As with `Dense`, Keras reads `input_shape=` only on the first layer of a `Sequential`; write
# > `keras.Input(shape=input_shape)` instead.

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
# ### 2. Add the optimizer, loss and metric
#
# **Question 2.** Compile `model` with the Adam optimizer, the binary cross-entropy loss and the binary accuracy
# metric. Replace `____` with the call to `model.compile(...)`.

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
# ### 3. Train and read the curves
#
# Run the next cell to train your model on the same split as the small network, for the same number of epochs,
# and to plot its loss and accuracy. It checks your answers to questions 1 and 2 first, since it needs that model.

# %%
def show_curves(history: keras.callbacks.History) -> None:
    """The loss and accuracy curves of the wider network, with alt texts
    built from their values."""
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
# **Question 3 (open).** Read the curves. Is the wider network overfitting or underfitting? Is it better than the
# small network above? (It is wider as well, so one run cannot say whether dropout or batch
# normalization made the difference.) Write down your reading, then run `q_3.check()` for what to look for.

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
# A gap alone is normal (lesson 5); it signals overfitting when it grows,
# the validation loss rising while the training loss goes on falling.
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
# One reading of this run. After {glue}`epochs` epochs the wider network's validation loss,
# {glue:text}`wider_val_loss:.3f`, is {glue:pick}`wider_vs_small|lower=lower than|higher=higher than|same=the same as`
# the small network's {glue:text}`small_val_loss:.3f`, and its validation accuracy is
# {glue:text}`wider_val_accuracy:.1%` against {glue:text}`small_val_accuracy:.1%`. Its lowest validation loss
# came at epoch {glue}`wider_best_epoch`,
# {glue:pick}`wider_best_when|last=the last one, so more epochs might lower it further|earlier=and the epochs after it did not improve on it: early stopping would have ended training there`
# (early stopping is the subject of [lesson 7](07_overfitting_and_underfitting.ipynb)). Its training loss ended
# {glue:text}`wider_gap_size:.3f` {glue:pick}`wider_gap_case|growing=below its validation loss, and the validation loss has risen since its lowest: the gap is growing, the first sign of overfitting|normal=below its validation loss. A gap alone is normal, since the network has seen those masses; with the validation loss still at its lowest, it is not overfitting yet|above=above its validation loss. That is not underfitting: the training loss is measured with dropout switched on, which makes each training batch harder`.
#
# On a validation set this small, a difference of a few masses is within the noise between runs: to tell
# the two networks apart for sure, repeat each run with several seeds and splits and compare the averages.

# %% [markdown]
# ## Where the course leaves you
#
# This was the last lesson of the course. Looking back, you have met every part of a deep network and how it is
# trained:
#
# - the single neuron and the dense layer ([lesson 0](00_a_single_neuron.ipynb), [lesson 1](01_layers.ipynb)),
#   activations and stacked layers ([lesson 2](02_activations.ipynb), [lesson 3](03_stacking.ipynb));
# - a first network on real data and its training ([lesson 4](04_exercise_concrete.ipynb),
#   [lesson 5](05_training.ipynb));
# - how the optimizer follows the loss ([lesson 6](06_stochastic_gradient_descent.ipynb)), how to read learning
#   curves for under- and overfitting ([lesson 7](07_overfitting_and_underfitting.ipynb)), dropout and batch
#   normalization ([lesson 8](08_dropout_and_batch_normalization.ipynb));
# - and, here, classification: a sigmoid output, binary cross-entropy and accuracy.
#
# With these pieces you can train a network on your own table of data, for a number or for a yes-or-no answer.
# Two good exercises from here: train the wider network with early stopping and see at which epoch it stops, or
# choose a threshold for this data by deciding how many false alarms one caught cancer is worth.

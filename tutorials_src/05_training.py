# %% [markdown]
# # Going further: train the concrete model
# Hold out validation data, standardise the features, fit the deep network from the exercise and compare activations.

# %% [markdown]
# At the end of the exercise we had a deep network for the concrete data: eight inputs, three hidden layers of
# 512 ReLU units and one linear output. Its 530,433 parameters still held random starting values. In this lesson
# we train it, see how good its predictions get, and try a few activation functions on the same task. How
# training works on the inside is the subject of the next lesson; here we use it as Keras gives it to us.
#
# First the imports and the seed, which makes the starting weights and the order in which training visits the
# examples the same on every run.

# %%
import keras
import numpy as np
import pandas as pd
from keras import layers

from course.data import FEATURES, TARGET, load_concrete
from course.plotting import plot_functions, plot_history, show

keras.utils.set_random_seed(0)

# %% [markdown]
# ## Hold some data out
#
# A network with half a million parameters can come close to memorising a few hundred examples. Its error on
# the examples it was trained on then says little about how it will do on a mix it has never seen, which is the
# only thing we care about. So before training we set part of the data aside: the model learns from the
# **training set** only, and we measure it on the **validation set**, mixes it never gets to learn from.
#
# We put a random 70 % of the mixes in the training set and keep the other 30 % for validation. A fixed
# `random_state` makes the split the same on every run.

# %%
concrete = load_concrete()
train = concrete.sample(frac=0.7, random_state=0)
valid = concrete.drop(train.index)
print(f"{len(train)} mixes for training, {len(valid)} for validation")

# %% [markdown]
# ## Put the features on one scale
#
# The features have very different units and ranges: cement is measured in hundreds of kg/m³, superplasticizer
# in a few kg/m³, age in days. A network trains more easily when its inputs are of similar size, so we
# **standardise** each feature: subtract its mean and divide by its standard deviation,
#
# $$
# x' = \frac{x - \text{mean}}{\text{std}},
# $$
#
# which gives every feature mean 0 and standard deviation 1.
#
# The mean and standard deviation come from the **training set only**. The validation set stands in for mixes
# the model will meet in the future, and we will not know those in advance; computing the statistics on all the
# data would let a little information about the validation mixes leak into training. Here the leak would be
# small, but the rule is simple and worth keeping: the validation score can only be trusted if the validation
# data played no part in preparing or fitting the model.

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
scales.round(2) + 0.0  # + 0.0 turns a rounded -0.00 into 0.00

# %% [markdown]
# Before scaling, the training means run from about 6 (Superplasticizer) to about 975 (CoarseAggregate), and the
# standard deviations from about 6 to about 105 (Cement). After scaling, every training feature has mean 0 and
# standard deviation 1.
#
# The validation features were scaled with the same training statistics, so they land near mean 0 and standard
# deviation 1 but not exactly on them:

# %%
print(f"validation means: {X_valid.mean().min():.2f} to {X_valid.mean().max():.2f}")
print(f"validation standard deviations: {X_valid.std().min():.2f} to {X_valid.std().max():.2f}")

# %% [markdown]
# That small mismatch is expected: a different sample of mixes has a slightly different mean and spread.
#
# The target, the strength in MPa, is left as it is, so the model's predictions and its errors stay in MPa.
#
# ## Compile and fit
#
# The model is the one from the exercise:

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

# %% [markdown]
# Before training, `compile` says how. Two choices matter here:
#
# - the **loss**, the number training tries to make small. We use the **mean absolute error** (`"mae"`), the
#   average distance between the predicted and the measured strength,
#   $\frac{1}{n}\sum_{i=1}^{n} |y_i - \hat{y}_i|$; it is in MPa, like the strength itself.
# - the **optimizer**, the algorithm that changes the weights to lower the loss. `"adam"` is a reliable default.
#
# `fit` then trains. It goes through the training set in **batches** of 64 mixes, adjusting the weights after
# each batch; one pass through the whole training set is an **epoch**, and we train for 50 of them. With
# `validation_data`, Keras also computes the loss on the validation set at the end of every epoch, without
# learning from it. `verbose=0` turns off the progress bar.

# %%
model.compile(optimizer="adam", loss="mae")
history = model.fit(
    X_train,
    y_train,
    validation_data=(X_valid, y_valid),
    batch_size=64,
    epochs=50,
    verbose=0,
)

# %% [markdown]
# `fit` returns a `History`, whose `.history` dictionary holds the loss after every epoch: `"loss"` on the
# training set and `"val_loss"` on the validation set. Plotting them gives the **learning curves**.

# %%
fig = plot_history(history, ylabel="mean absolute error (MPa)")
show(
    fig,
    alt="Learning curves of the concrete model over 50 epochs: the training and the validation mean absolute "
    "error both fall steeply in the first dozen epochs and then level off around 4 to 5 MPa; after the first few "
    "epochs the validation error stays a little above the training error.",
)

# %% [markdown]
# ## How good is that?
#
# The last epoch's validation loss is the model's typical error on mixes it has not learned from. To judge it
# we need something to compare it with: how much the strengths vary, measured by their standard deviation, and
# the error of the laziest possible model, one that ignores the recipe and always predicts the training set's
# mean strength.

# %%
val_mae = history.history["val_loss"]
baseline_mae = (y_valid - y_train.mean()).abs().mean()

print(f"validation MAE after {len(val_mae)} epochs: {val_mae[-1]:.2f} MPa")
print(f"lowest validation MAE: {min(val_mae):.2f} MPa, after epoch {np.argmin(val_mae) + 1}")
print(f"standard deviation of the strength: {concrete[TARGET].std():.2f} MPa")
print(f"MAE of always predicting the mean: {baseline_mae:.2f} MPa")

# %% [markdown]
# After 50 epochs the model is off by 4.27 MPa on average on mixes it never learned from. Always predicting the
# mean is off by 13.60 MPa, so the network's error is about a third of that, and about a quarter of the
# strengths' standard deviation of 16.71 MPa. The network has learned a good deal about how the recipe and the
# age drive the strength.
#
# A few things in the curves are worth knowing how to read:
#
# - The validation error is not lowest at the last epoch: it wobbles a little from epoch to epoch, and its lowest
#   point, 4.14 MPa, came at epoch 46. Small ups and downs like these are normal.
# - After the first few epochs the training error is below the validation error. The model does a little better
#   on the mixes it learns from than on new ones. A gap between the two curves that keeps growing is the sign
#   of *overfitting*, a topic of its own.
# - In the first epoch the training error is far above the validation error. That is a quirk of how they are
#   measured: the training loss is averaged over the epoch while the weights are still changing fast, and the
#   validation loss is measured once, at the end of the epoch, with the improved weights.

# %% [markdown]
# ## Does the activation matter?
#
# In the exercise you looked at a few activation functions. Now we can see what they do to a trained model. We
# train the same kind of network once per activation, on the same split; to keep the page quick, a smaller one
# than above, trained for fewer epochs with bigger steps, as the comment in the code explains. Calling
# `keras.utils.set_random_seed(0)` before building each model gives every run the same starting point and the
# same order of batches, so the activation is the only thing that changes.
#
# One of the candidates is `"linear"`, which means no activation at all. As the lesson on activations showed, a
# stack of linear layers is just one linear function of the inputs, so this run tells us how well a plain linear
# model does.

# %%
# Five networks of 530,433 parameters trained for 50 epochs would take too long for this page, so each run is cut
# down: hidden layers of 64 units instead of 512 (8,961 parameters), 10 epochs instead of 50, and the validation
# loss measured only every 2nd epoch (validation_freq=2). So that 10 epochs are enough, Adam's learning rate,
# which scales its steps, is 10 times its default (0.01 instead of 0.001). Every run gets the same settings: the
# comparison is between activations.
ACTIVATIONS = ["relu", "elu", "selu", "silu", "linear"]
EPOCHS = 10
CHECKED_EPOCHS = np.arange(2, EPOCHS + 1, 2)  # 2, 4, ..., 10


def validation_curve(activation: str) -> list[float]:
    """Train a network with three hidden layers of 64 units; return its validation MAE at CHECKED_EPOCHS."""
    keras.utils.set_random_seed(0)
    small = keras.Sequential(
        [
            keras.Input(shape=(len(features),)),
            layers.Dense(64, activation=activation),
            layers.Dense(64, activation=activation),
            layers.Dense(64, activation=activation),
            layers.Dense(1),
        ]
    )
    small.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mae")
    fitted = small.fit(
        X_train,
        y_train,
        validation_data=(X_valid, y_valid),
        validation_freq=2,
        batch_size=64,
        epochs=EPOCHS,
        verbose=0,
    )
    return fitted.history["val_loss"]

# %% [markdown]
# One run per activation, then a table of each network's validation error after its 10 epochs:

# %%
curves = {name: validation_curve(name) for name in ACTIVATIONS}
comparison = pd.DataFrame(
    {"validation MAE (MPa)": [curve[-1] for curve in curves.values()]},
    index=pd.Index(ACTIVATIONS, name="activation"),
)
comparison.round(2)

# %% [markdown]
# And how each validation error got there, measured every 2 epochs:

# %%
fig = plot_functions(
    CHECKED_EPOCHS,
    curves,
    title="Validation error by activation",
    xlabel="epoch",
    ylabel="validation MAE (MPa)",
)
show(
    fig,
    alt="Validation mean absolute error, measured every 2 epochs up to epoch 10, for five small networks that "
    "differ only in their activation. The linear network levels off at about 8.3 MPa from epoch 6 on. relu falls "
    "slowly, stays above the linear network up to epoch 8 and ends at about 7.3 MPa. elu, selu and silu are below "
    "the linear network from epoch 4 on and end between about 5.2 and 5.5 MPa; elu's curve rises between epochs "
    "6 and 8 before it ends lowest.",
)

# %% [markdown]
# What the table and the curves show, and what they do not:
#
# - Every non-linear activation ends below the linear network's 8.32 MPa, and the linear network's curve goes
#   flat early: a linear function of the recipe cannot follow how the strength really depends on it. The
#   activations are what let the network bend.
# - Among the non-linear ones, elu (5.15 MPa) ends lowest, then selu (5.42 MPa) and silu (5.50 MPa), close
#   together, and relu (7.33 MPa) well behind. But the relu and silu curves are still going down steadily at
#   epoch 10, and relu only got below the linear network in the last two epochs, so the table ranks how far each
#   small network got in 10 epochs, not how good it could become with longer training.
# - This is one split of the data and one seed, and a single measurement can move by more than the gaps between
#   the close results: elu's validation error went up between epochs 6 and 8 before it fell to the lowest value,
#   so at epoch 8 it was behind selu and silu. With another random split or other starting weights, close
#   results can change places; a careful comparison repeats the runs over several splits or seeds and looks at
#   the average and the spread.
#
# Note also that the full-size ReLU network, trained for 50 epochs at Adam's default step size, reached 4.27 MPa,
# lower than any of these small, briefly trained networks.
#
# ## What's next
#
# You have now gone through the whole routine of training a network: hold out validation data, standardise the
# features with the training statistics, choose a loss and an optimizer in `compile`, train with `fit`, read the
# learning curves, and judge the result against a simple baseline. Along the way `fit` was a black box that made
# the loss go down.
#
# The next lesson opens it. It explains how the optimizer uses the loss to change the weights, the idea called
# **stochastic gradient descent**, and the settings that steer it: the **learning rate**, which sets how big each
# step is (Adam's default for the main model, 10 times that for the comparison), the **batch size**, how many
# examples each step looks at (64 here), and the number of **epochs**, how many times training goes through the
# data (50 for the main model).

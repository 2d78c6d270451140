# %% [markdown]
# # Training the concrete model
# Hold out validation data, standardise the features, fit the deep network from the exercise and compare activations.

# %% [markdown]
# At the end of the exercise we had a deep network for the concrete data: eight inputs, three hidden layers of
# 512 ReLU units and one linear output. Its {glue:text}`parameter_count:,` parameters still held random starting
# values. In this lesson we train it, see how good its predictions get, and try a few activation functions on the
# same task. How training works on the inside is the subject of
# [Stochastic gradient descent](06_stochastic_gradient_descent.ipynb); here we use it as Keras gives it to us.
#
# First the imports and the seed, which makes the starting weights and the order in which training visits the
# examples the same on every run. Every result you read in the prose below is the one the code on this page
# computed.

# %%
import keras
import numpy as np
import pandas as pd
from keras import layers

from course.data import FEATURES, TARGET, load_concrete
from course.glue import glue  # records values that the page's text quotes
from course.plotting import plot_functions, plot_history, show

keras.utils.set_random_seed(0)

# %% [markdown]
# ## Hold some data out
#
# A network with half a million parameters can come close to memorising a few hundred examples. Its error on
# the examples it was trained on then says little about how it will do on a mix it has never seen, which is the
# only thing we care about. So before training we set part of the data aside: the model learns from the
# **training set** only, and we measure it on the **validation set**, tests it never gets to learn from.
#
# We put a random 70 % of the tests (the rows) in the training set and keep the other 30 % for validation. A fixed
# `random_state` makes the split the same on every run.

# %%
concrete = load_concrete()
train = concrete.sample(frac=0.7, random_state=0)
valid = concrete.drop(train.index)
print(f"{len(train)} tests for training, {len(valid)} for validation")

# A mix (a recipe: every feature but the age) is often tested at several ages.
RECIPE = [name for name in FEATURES if name != "Age"]
training_mixes = set(train[RECIPE].itertuples(index=False))
seen_mix = [
    mix in training_mixes for mix in valid[RECIPE].itertuples(index=False)
]
glue("n_valid", len(valid))
glue("valid_seen_mix", sum(seen_mix))
# Some even repeat a training test's mix and age, some its strength too.
glue(
    "valid_same_age",
    valid[list(FEATURES)]  # the mix and the age
    .apply(tuple, axis=1)
    .isin(set(train[list(FEATURES)].apply(tuple, axis=1)))
    .sum(),
)
glue(
    "valid_identical",
    valid[[*FEATURES, TARGET]]  # and the strength
    .apply(tuple, axis=1)
    .isin(set(train[[*FEATURES, TARGET]].apply(tuple, axis=1)))
    .sum(),
)

# %% [markdown]
# Remember from lesson 4 that a row is one test: a mix tested at one age, and the same mix often appears at
# several ages. A random split of the rows therefore leaves {glue}`valid_seen_mix` of the {glue}`n_valid`
# validation tests with a test of the same mix in the training set. For {glue}`valid_same_age` of them that
# training test is even at the same age, and {glue}`valid_identical` of these have the same strength too: the same
# row twice. The validation error measures how well the model predicts tests outside its training set (a few of
# them copies of training rows), most of them of mixes it has met. A
# mix it has never met may well be harder; after training we measure the error on both kinds. (To measure the
# error on new mixes alone, split by mix instead, keeping all the tests of a mix on the same side.)
#
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
glue("smallest_mean", f"{mean.min():.0f}")
glue("smallest_mean_name", mean.idxmin())
glue("largest_mean", f"{mean.max():.0f}")
glue("largest_mean_name", mean.idxmax())
glue("smallest_std", f"{std.min():.0f}")
glue("smallest_std_name", std.idxmin())
glue("largest_std", f"{std.max():.0f}")
glue("largest_std_name", std.idxmax())
scales.round(2) + 0.0  # + 0.0 turns a rounded -0.00 into 0.00

# %% [markdown]
# Before scaling, the training means run from about {glue}`smallest_mean` ({glue}`smallest_mean_name`) to about
# {glue}`largest_mean` ({glue}`largest_mean_name`), and the standard deviations from about {glue}`smallest_std`
# ({glue}`smallest_std_name`) to about {glue}`largest_std` ({glue}`largest_std_name`). After scaling, every training
# feature has mean 0 and standard deviation 1.
#
# The validation features were scaled with the same training statistics, so they land near mean 0 and standard
# deviation 1 but not exactly on them:

# %%
valid_mean = X_valid.mean()
valid_std = X_valid.std()
print(f"validation means: {valid_mean.min():.2f} to {valid_mean.max():.2f}")
print(
    "validation standard deviations: "
    f"{valid_std.min():.2f} to {valid_std.max():.2f}"
)

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
glue("parameter_count", model.count_params())

# %% [markdown]
# Before training, `compile` says how. Two choices matter here:
#
# - the **loss**, the number training tries to make small. We use the **mean absolute error** (`"mae"`), the
#   average distance between the predicted and the measured strength,
#   $\frac{1}{n}\sum_{i=1}^{n} |y_i - \hat{y}_i|$, where $y_i$ is the measured strength of example $i$ and
#   $\hat{y}_i$ ("y hat") the model's prediction for it. It is in MPa, like the strength itself.
# - the **optimizer**, the algorithm that changes the weights to lower the loss. `"adam"` is a reliable default.
#
# `fit` then trains. It goes through the training set in **batches** of 64 tests, adjusting the weights after
# each batch; one pass through the whole training set is an **epoch**, and we train for `EPOCHS` of them. With
# `validation_data`, Keras also computes the loss on the validation set at the end of every epoch, without
# learning from it. `verbose=0` turns off the progress bar.

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
# `fit` returns a `History`, whose `.history` dictionary holds the loss after every epoch: `"loss"` on the
# training set and `"val_loss"` on the validation set. Plotting them gives the **learning curves**. The figure's
# description, for readers who cannot see it, is written by the code from the same numbers.

# %%
train_mae = history.history["loss"]
val_mae = history.history["val_loss"]
best_epoch = int(np.argmin(val_mae)) + 1  # epochs count from 1

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
# ## How good is that?
#
# The last epoch's validation loss is the model's typical error on tests it has not learned from. To judge it
# we need something to compare it with: how much the strengths vary, measured by their standard deviation, and
# the error of the laziest possible model, one that ignores the recipe and always predicts the training set's
# mean strength.

# %%
baseline_mae = (y_valid - y_train.mean()).abs().mean()
strength_std = concrete[TARGET].std()

print(f"validation MAE after {len(val_mae)} epochs: {val_mae[-1]:.2f} MPa")
print(
    f"lowest validation MAE: {min(val_mae):.2f} MPa, after epoch {best_epoch}"
)
print(f"standard deviation of the strength: {strength_std:.2f} MPa")
print(f"MAE of always predicting the mean: {baseline_mae:.2f} MPa")

# The same validation error, apart for tests of mixes the training set holds
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
# After {glue}`epochs` epochs the model is off by {glue:text}`val_mae:.2f` MPa on average on tests it never
# learned from. Always predicting the mean is off by {glue:text}`baseline_mae:.2f` MPa, so the network's error is
# {glue:text}`share_of_baseline:.0%` of that, and {glue:text}`share_of_std:.0%` of the strengths' standard
# deviation of {glue:text}`strength_std:.2f` MPa. The smaller these shares, the more the network has learned about
# how the recipe and the age drive the strength.
#
# On the {glue}`valid_seen_mix` validation tests whose mix the training set holds, the error is
# {glue:text}`mae_seen_mix:.2f` MPa; on the {glue}`valid_new_mix` tests of mixes the model has never met, it is
# {glue:text}`mae_new_mix:.2f` MPa,
# {glue:pick}`new_mix_error|higher=higher: a new mix is the harder test|not higher=no higher on this split`.
#
# A few things in the curves are worth knowing how to read. The code below finds where the validation error was
# lowest, counts the late epochs in which the training error is below the validation error, and compares the two
# in the first epoch.

# %%
# the second half of training, after the steep first fall
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
# - The validation error is lowest at epoch {glue}`best_epoch`, {glue:text}`lowest_val_mae:.2f` MPa; at the last
#   epoch, epoch {glue}`epochs`, it is {glue:text}`val_mae:.2f` MPa. Small ups and downs from one epoch to the next
#   are normal, so the lowest point need not come at the last epoch.
# - In {glue}`train_below` of the last {glue}`late_epochs` epochs the training error is below the validation
#   error. A model usually does a little better on the mixes it learns from than on new ones; a gap between the
#   two curves that keeps growing is the sign of *overfitting*, the subject of
#   [Overfitting and underfitting](07_overfitting_and_underfitting.ipynb).
# - In the first epoch the training error, {glue:text}`first_train_mae:.1f` MPa, is {glue}`first_epoch_order`
#   the validation error, {glue:text}`first_val_mae:.1f` MPa. The two are not measured alike: the training loss
#   is averaged over the epoch while the weights are still changing fast, and the validation loss is measured
#   once, at the end of the epoch, with the improved weights. Early in training that favours the validation error.

# %% [markdown]
# ## Does the activation matter?
#
# In the exercise you looked at a few activation functions. Now we can see what they do to a trained model. We
# train a network with each activation, on the same split. To keep the page quick, the networks are smaller than
# the one above and trained for fewer epochs with bigger steps; the comment in the code says by how much.
#
# One training run is not enough to compare them: chance alone, in the starting weights and in the order of the
# batches, moves the result, and a difference between two activations means little unless it is larger than that.
# So each activation gets {glue}`runs` runs, each a new network with its own random starting weights, and we look
# at their mean and at their spread.
#
# One of the candidates is `"linear"`, which means no activation at all. As the lesson on activations showed, a
# stack of linear layers is just one linear function of the inputs, so these runs tell us how well a plain linear
# model does. And `"selu"` gets the `"lecun_normal"` initializer, the starting weights its self-normalising
# design assumes; the others keep Keras's default, `"glorot_uniform"`.

# %%
# RUNS networks per activation as large as the model above, trained as
# long, would take too long for this page, so each run is cut down: hidden
# layers of 64 units instead of 512, COMPARISON_EPOCHS epochs, and, so that so
# few epochs are enough, Adam's learning rate, which scales its steps, at 10
# times its default (0.01 instead of 0.001). Every run gets the same settings:
# the comparison is between activations.
ACTIVATIONS = ["relu", "elu", "selu", "silu", "linear"]
RUNS = 3
COMPARISON_EPOCHS = 10
glue("runs", RUNS)
glue("comparison_epochs", COMPARISON_EPOCHS)


def comparison_network(activation: str) -> keras.Sequential:
    """A small network: three hidden layers of 64 units with `activation`,
    and one linear output unit, with new random starting weights."""
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
# The runs, then a table of each run's validation error after its {glue}`comparison_epochs` epochs, their mean,
# and their spread (the highest minus the lowest):

# %%
curves = {}  # per activation: its runs' mean training error, epoch by epoch
finals = {}  # per activation: each run's validation error at the end
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
        # validation MAE, computed directly: `evaluate` gives the same, slower
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
# And how each activation's runs got there: their mean training error, epoch by epoch. (The validation error is
# measured once, at the end, which keeps the page quick.)

# %%
order = comparison["mean"].sort_values().index.tolist()  # lowest mean first

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
# A difference between two means says something only when it is larger than the runs' own spread. The code below
# goes down the activations in order of their mean error and groups each one with those before it when their runs
# overlap (its lowest run is below the highest run of the group): activations in one group cannot be told apart by
# this experiment.

# %%
def groups_by_overlap(runs: pd.DataFrame) -> list[list[str]]:
    """Activations (rows) in order of mean error, each added to the group
    before it when their runs overlap."""
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
# What the table and the curves show, and what they do not:
#
# - In order of mean error, with activations whose runs overlap in the same brackets: {glue}`ranking_groups`.
#   This experiment can tell the brackets apart, {glue}`group_total` of them, but not the activations inside one.
# - Every run ends below every run of the linear network, whose mean is {glue:text}`linear_mean:.2f` MPa, for
#   {glue}`below_linear_total` of the {glue}`nonlinear_total` non-linear activations: {glue}`below_linear_list`.
#   {glue:pick}`linear_case|all below=A linear function of the recipe cannot follow how the strength really depends on it; the activations are what let the network bend|not all below=The others did not get clearly below it in so few epochs: an activation lets a network bend, but the bending still has to be learned`.
# - The spread matters: the runs of {glue}`largest_spread_name` differ by up to {glue:text}`largest_spread:.2f`
#   MPa, from chance alone: their starting weights and the order of their batches.
#   {glue:pick}`single_run_case|overlap=A single run per activation could have put the activations inside a bracket in another order|apart=Here every gap between the groups is larger than the spreads, so a single run would have given the same order, but that is not something to count on`;
#   another random split of the data could change the order too.
# - The table ranks how far each small network got in {glue}`comparison_epochs` epochs, not how good it could
#   become with longer training: the training curves show whether an activation was still improving when
#   training stopped.
#
# Note also that the full-size ReLU network, trained for {glue}`epochs` epochs at Adam's default step size,
# reached {glue:text}`val_mae:.2f` MPa.
#
# ## What's next
#
# You have now gone through the whole routine of training a network: hold out validation data, standardise the
# features with the training statistics, choose a loss and an optimizer in `compile`, train with `fit`, read the
# learning curves, and judge the result against a simple baseline. Along the way `fit` was a black box that made
# the loss go down; [Stochastic gradient descent](06_stochastic_gradient_descent.ipynb) opens it.

# %% [markdown]
# # Stochastic gradient descent
# How `fit` lowers the loss: loss functions, gradient descent step by step, minibatches and epochs, and the
# learning rate and batch size.

# %% [markdown]
# In [lesson 5](05_training.ipynb) `compile` chose a loss and an optimizer and `fit` made the loss go down. This
# lesson opens `fit`. We go back to the single linear unit of [lesson 0](00_a_single_neuron.ipynb) and the Auto
# MPG data, because with one weight every step of training can be drawn: what the **loss** measures, how the
# **gradient** says which way to move the weight, why training looks at a **minibatch** of examples at a time,
# and what the **learning rate** and the **batch size** change. At the end, an exercise trains a network on the
# fuel-economy data.
#
# The imports, the seed, and the data: split 70/30 and standardised with the training statistics, exactly as the
# concrete data was in lesson 5.

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
from course.glue import glue  # records values that the page's text quotes
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
# ## The loss: how wrong is a prediction?
#
# Training needs one number that says how far the model's predictions $\hat{y}_i$ are from the targets $y_i$: the
# **loss**. It is an average over the examples of a penalty on each error $e_i = y_i - \hat{y}_i$. Three common
# choices for regression, all in `keras.losses`:
#
# - **mean absolute error**, `"mae"`: $\frac{1}{n}\sum_i |e_i|$. Every mpg of error costs the same, and the loss
#   is in mpg, like the target.
# - **mean squared error**, `"mse"`: $\frac{1}{n}\sum_i e_i^2$. Squaring makes a large error cost far more than
#   several small ones, so a few badly predicted cars pull hard on the model. It is in squared mpg.
# - **Huber**, `keras.losses.Huber(delta=1.0)`: squared (halved) for errors smaller than $\delta$ and absolute
#   beyond it, $\frac{1}{2}e^2$ if $|e| \le \delta$, else $\delta(|e| - \frac{1}{2}\delta)$. Smooth near 0
#   like MSE, and no harder on large errors than MAE.
#
# The penalty each one puts on a single error, computed by the Keras losses themselves:

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
# At an error of 3 mpg, MAE charges {glue:text}`at_3_mae:g`, MSE $3^2$ = {glue:text}`at_3_mse:g` and Huber
# $1 \cdot (3 - \frac{1}{2})$ = {glue:text}`at_3_huber:g`. Which loss to pick depends on how much a large
# error should count; for fuel economy, where a few unusual cars should not dominate, MAE is a good choice, and
# it is the one the exercise uses.
#
# ## Gradient descent on one weight
#
# The loss depends on the weights: change a weight and the predictions change, and so does the loss. Training
# looks for the weights where the loss is smallest. With a single weight we can draw this.
#
# Take one input, the car's standardised weight $x$, and predict the standardised mpg with one unit that has a
# weight and no bias, $\hat{y} = wx$. (Both are standardised, so both have mean 0 and the best line passes
# through 0: a bias is not needed.) With the mean squared error, the loss as a function of $w$ is
#
# $$ L(w) = \frac{1}{n}\sum_i (y_i - w x_i)^2, $$
#
# a parabola. Its slope at $w$, the **gradient**, is
#
# $$ \frac{dL}{dw} = -\frac{2}{n}\sum_i x_i (y_i - w x_i). $$
#
# The gradient points uphill. **Gradient descent** takes a step the other way, scaled by the **learning rate**
# $\eta$: $w \leftarrow w - \eta \frac{dL}{dw}$. Steep slope, big step; flat slope, small step; at the bottom
# the gradient is 0 and $w$ stops moving.
#
# TensorFlow, the backend Keras runs on here, computes gradients for us: `tf.GradientTape` records the computation
# of the loss and `tape.gradient` differentiates it; an optimizer, here plain `keras.optimizers.SGD`, applies the
# step. This is what `fit` does at every step. We start from $w = 1.5$ and take 8 steps:

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
    """Gradient descent on all training cars for the unit y = w x.

    Returns a row per step: the weight, the loss there and its gradient.
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
# Each row is one step: the weight, the loss there and its gradient. The gradient shrinks as $w$ nears the
# bottom, so the steps shrink too. The tape's gradient at the start is the formula's:

# %%
by_formula = float(-2 * np.mean(x * (y - 1.5 * x)))
print(f"formula: {by_formula:.4f}   tape: {slow['gradient'][0]:.4f}")
# The bottom of the parabola, where dL/dw = 0:
best = float(np.sum(x * y) / np.sum(x * x))
print(f"the best weight: {best:.3f}")
glue("best_w", best)
glue("slow_w8", slow["w"].iloc[-1])
# How much of the distance to the best weight each step keeps, at
# learning rate 0.1:
glue("shrink", 1 - 2 * 0.1 * float(np.mean(x * x)))

# %% [markdown]
# Setting the gradient to 0 gives the best weight directly, $w^* = \sum_i x_i y_i / \sum_i x_i^2$, here
# {glue:text}`best_w:.3f`: heavier cars, lower mpg. After 8 steps with $\eta = 0.1$ the weight is at
# {glue:text}`slow_w8:.3f`, still on its way. For this loss the pace can be worked out: a step moves $w$ to
# $w^* + (1 - 2\eta m)(w - w^*)$, where $m$ is the mean of $x_i^2$ over the cars. Our standardised $x$ has $m$
# just under 1, so each step keeps a fraction {glue:text}`shrink:.2f` of the distance to the bottom: a fifth of it
# goes per step.
#
# A larger learning rate gets there in fewer steps, but too large a one overshoots: the step jumps past the bottom
# to the other side of the parabola. Here is the same descent with $\eta = 0.1$ and $\eta = 0.9$, drawn on the
# loss curve:

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
# the y axis is shared: its label once, on the left
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
# With $\eta = 0.9$ the factor $1 - 2\eta m$ is negative but above $-1$: every step overshoots the
# bottom and lands on the other side, a little closer each time. With $\eta$ above $1/m$, here just
# over 1, the factor drops below $-1$: each jump lands higher than the last, and the loss grows without end:
# training **diverges**. A good learning rate is large enough to make progress and small enough not
# to overshoot; with many weights, the loss is a landscape instead of a parabola, but the idea is the same.
#
# ## Minibatches and epochs
#
# Above, every step computed the loss over all the training cars. With a large dataset that is slow, and it is
# not needed: the gradient on a random handful of examples, a **minibatch**, points roughly the same way. (The
# batches `fit` trained on in lesson 5 were minibatches; `batch_size` sets their size.)
# **Stochastic gradient descent** (SGD) takes each step on one minibatch: "stochastic" because the minibatch is
# random. Its gradient is noisy, and the smaller the minibatch, the noisier. We compute the gradient at
# $w = 1.5$ on 500 random minibatches of each size and compare with the full gradient:

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
# On average the minibatch gradients agree with the full gradient; their spread is largest for batches of
# {glue}`noisiest` and smallest for batches of {glue}`steadiest`. (Roughly, four times the examples give half the
# noise: the spread of an average falls with the square root of the number of values averaged. It falls a little
# faster once a batch is a large share of the training set, as the largest batch here is: the closer a batch comes
# to the whole training set, the closer its gradient comes to the full one.) Noisy steps are not a disaster: each is cheap, they point downhill on average, and the noise
# averages out over many steps.
#
# `fit` shuffles the training set and cuts it into minibatches of `batch_size` examples; the last one takes what
# is left. One pass through all of them is an **epoch**. How many steps an epoch
# takes with our {glue}`n_train` training cars:

# %%
# One step per full batch, plus a smaller one for the examples left over.
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
# So with the same number of epochs, a smaller batch takes more steps, each noisier and cheaper.
#
# ## Learning rate and batch size on learning curves
#
# Now the real thing: a network on all six features, trained by `fit` with plain SGD and the MAE loss, once per
# setting. We change one setting at a time: three learning rates with batches of 32, then three batch sizes with
# the learning rate 0.01. The curves are the **training** loss, the number the optimizer works to lower; the
# validation loss, which tells how well the network does on new cars, is what the exercise plots.

# %%
# 15 epochs and no validation pass keep the five runs within this page's time
# budget (each epoch has a fixed cost in fit, whatever its size); the curves'
# shapes are clear by then.
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
    """Train a fresh network with plain SGD; its training MAE per epoch."""
    # The same starting weights and order of batches for every setting:
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
# The same run: rate 0.01, batches of 32.
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
    ax.set_xticks(range(5, EPOCHS + 1, 5))  # whole epochs, 5 apart
    # the legend under the plot: inside, it hid part of a curve
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), borderaxespad=3.2)
    # the y axis is shared: its label once, on the left
    ax.label_outer()
final = {name: curve[-1] for name, curve in {**by_rate, **by_batch}.items()}
for name, error in final.items():  # e.g. final_rate_0_001, final_batch_8
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

# %%
table = pd.Series(final, name=f"training MAE in epoch {EPOCHS} (mpg)")
# The error of always predicting the training set's mean mpg:
glue("baseline", baseline := float((y_train - y_train.mean()).abs().mean()))
glue("smallest_rate_vs_baseline",
     "above" if final["rate 0.001"] > baseline else "below")
glue("largest_batch_vs_baseline",
     "above" if final["batch 128"] > baseline else "below")
# Each panel's settings from lowest final loss to highest, e.g.
# rate_rank_1 = "0.01", with its loss in rate_rank_1_mae:
for kind, curves in (("rate", by_rate), ("batch", by_batch)):
    for rank, name in enumerate(
        sorted(curves, key=lambda name: curves[name][-1]), start=1
    ):
        glue(f"{kind}_rank_{rank}", name.split()[1])
        glue(f"{kind}_rank_{rank}_mae", curves[name][-1])
table.round(2).to_frame()

# %% [markdown]
# Always predicting the training set's mean mpg would be off by {glue:text}`baseline:.1f` mpg on the training
# cars. From lowest to highest training error in epoch {glue}`EPOCHS`:
#
# - **Learning rate**, with batches of 32: rate {glue}`rate_rank_1` ({glue:text}`rate_rank_1_mae:.1f` mpg),
#   then rate {glue}`rate_rank_2` ({glue:text}`rate_rank_2_mae:.1f` mpg), then rate {glue}`rate_rank_3`
#   ({glue:text}`rate_rank_3_mae:.1f` mpg). With 0.001 the steps are tiny; after
#   {glue}`EPOCHS` epochs its error is {glue:pick}`smallest_rate_vs_baseline|above=still higher|below=already lower`
#   than that of always predicting the mean. Too small a rate wastes epochs; too large a one
#   makes the steps jump around the bottom instead of settling into it. On the parabola even $\eta = 0.9$ kept
#   closing in, each jump shorter than the last, because the gradient of the MSE shrinks near the bottom; with the
#   MAE, each car's penalty has a slope of the same size, 1, however small its error (the V above), so a large rate
#   keeps taking large steps.
# - **Batch size**, with the learning rate 0.01: batch {glue}`batch_rank_1` ({glue:text}`batch_rank_1_mae:.1f`
#   mpg), then batch {glue}`batch_rank_2` ({glue:text}`batch_rank_2_mae:.1f` mpg), then batch
#   {glue}`batch_rank_3` ({glue:text}`batch_rank_3_mae:.1f` mpg). In an epoch, batches of 8 take
#   {glue}`steps_8` steps and batches of 128 only {glue}`steps_128`, so at the same learning rate the small
#   batches move the weights far more often; with batches of 128 the error is
#   {glue:pick}`largest_batch_vs_baseline|above=still higher|below=already lower` than always predicting the mean. Each
#   large-batch step is steadier, though. Large batches are common because on a GPU a step on one costs hardly
#   more time than on a small one, and they are usually paired with a larger learning rate: their steadier steps
#   can safely be longer, which makes up for having fewer of them.
#
# These are single runs on one split and one seed, so small differences between close curves say little; the
# large ones are what to take away. In practice **Adam**, the optimizer of
# lesson 5, adapts the step size of each weight as it goes, which makes the learning rate much less delicate to
# choose; its default, 0.001, is a sound start.

# %% [markdown]
# ## Exercise: train a network on fuel economy
#
# Your turn: prepare, compile and train a network on the same data, then experiment with the learning rate and the
# batch size. Each question has a checker, `q_1` to `q_4`; replace the `____` with your code and run the cell,
# which ends with a check such as `q_1.check()`. It answers **Correct**, **Incorrect** with what is wrong, or
# **Not answered yet**. `q_1.hint()` and `q_1.solution()` help; on the site, answers are folded under
# **Solution**, and the *Exercise notebook* at the top of the page has the blanks and no answers.
#
# ### 1. Input shape
#
# **Question 1.** What is the input shape of a model that reads `X_train`? Set `input_shape` to it, as a list.

# %%
input_shape = ____  # a list of sizes
q_1.check()

# %%
# q_1.hint()
# q_1.solution()

# %% tags=["solution"]
input_shape = list(X_train.shape[1:])
q_1.check()

# %% [markdown]
# ### 2. Compile
#
# Here is a network of two hidden layers of 64 ReLU units. `make_model` builds a fresh one, so that each
# experiment below starts from new random weights.


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
# **Question 2.** Compile `model` with the Adam optimizer and the mean absolute error as its loss.

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
# ### 3. Train and read the learning curves (open)
#
# **Question 3 (open).** Run the cell to train the model for 20 epochs with batches of 64 and plot its learning curves.
# How far did the loss fall, where does it flatten, and is it still falling at the end? `q_3.check()` says what
# to look for.

# %%
# 20 epochs keep the page quick to build; on your own machine, try more
# and see whether the curves still fall.
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

# %%
# q_3.hint()
# q_3.solution()

# %% [markdown]
# ### 4. Learning rate and batch size (open)
#
# **Question 4 (open).** Train a fresh model with other settings and compare its curves with those of question 3, which
# used Adam's default learning rate, 0.001, and batches of 64. Change one setting at a time, so that you can tell
# what each does: the cell starts with a learning rate ten times the default; try a tenth of the default, 0.0001,
# too; then put the rate back to 0.001 and try batches of 16, then of 256. How do the curves change?
# `q_4.check()` says what to look for.

# %%
learning_rate = 0.01  # question 3 used Adam's default, 0.001
batch_size = 64  # as in question 3

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

# %%
# q_4.hint()
# q_4.solution()

# %% [markdown]
# ## What's next
#
# You now know what `fit` does at every step: compute the loss on a minibatch, take its gradient, and move every
# weight a little downhill, epoch after epoch. The learning curves show how that went. The next lesson,
# [overfitting and underfitting](07_overfitting_and_underfitting.ipynb), reads them more closely: what it means
# when the validation curve stops falling while the training curve goes on, how a network's size changes that, and
# how to stop training at the right epoch.

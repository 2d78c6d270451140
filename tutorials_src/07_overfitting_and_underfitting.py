# %% [markdown]
# # Overfitting and underfitting
# Read a model's learning curves to tell whether it has too little capacity or too much, add capacity by making
# it wider or deeper, and stop training at the right time with early stopping.

# %% [markdown]
# In [lesson 5](05_training.ipynb) we trained a network on the concrete data and looked at its learning curves,
# and [lesson 6](06_stochastic_gradient_descent.ipynb) showed how the optimizer walks the loss downhill. This
# lesson is about reading those curves: what they say about the model, and what to change when they look wrong.
# The second half of the page is an exercise with checked answers.
#
# First the imports and the seed:

# %%
import keras
import numpy as np
import tensorflow as tf
from keras import layers

from course.data import FEATURES, TARGET, load_concrete
from course.exercises import ____
from course.exercises.overfitting_and_underfitting import q_1, q_2, q_3, q_4
from course.glue import glue  # records values that the page's text quotes
from course.plotting import plot_history, show

keras.utils.set_random_seed(0)

# %% [markdown]
# ## The data
#
# We use the concrete data again, split and standardised as in lesson 5: {glue}`n_train` tests to learn from,
# {glue}`n_valid` to validate on, every feature scaled with the training statistics.

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
# How many validation tests share their mix (every feature but the age)
# with a training test, the count of lesson 5: joining the validation mixes
# to the distinct training mixes keeps one row for each.
glue(
    "valid_seen_mix",
    len(
        valid[features].drop(columns="Age")
        .merge(train[features].drop(columns="Age").drop_duplicates())
    ),
)

# %% [markdown]
# `fit` accepts these arrays directly, as it accepted lesson 5's DataFrames. Here we hand it a `tf.data.Dataset`
# instead, which holds the same examples already cut into batches of 64 (and reshuffled at every epoch). Keras
# goes through a small dataset like this one with less work per epoch than through arrays, and this page trains
# several models. The function `train_model` compiles a model with the loss of lesson 5, the mean absolute error,
# and fits it. It uses Adam with a learning rate of 0.01 unless told otherwise, ten times Adam's default, so that
# these small runs get where they are going in few epochs:

# %%
train_batches = tf.data.Dataset.from_tensor_slices((X_train, y_train))
train_batches = train_batches.shuffle(len(X_train)).batch(64)
valid_batches = tf.data.Dataset.from_tensor_slices((X_valid, y_valid))
valid_batches = valid_batches.batch(len(X_valid))


def train_model(model, epochs, learning_rate=0.01, callbacks=(), batches=None):
    """Compile with Adam and the MAE loss; fit on ``batches``.

    ``batches`` defaults to all the training tests.
    """
    optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
    model.compile(optimizer=optimizer, loss="mae")
    # shuffle=False: the dataset reshuffles itself at every epoch, and Keras
    # warns when asked to shuffle it again.
    return model.fit(
        batches or train_batches,
        validation_data=valid_batches,
        epochs=epochs,
        callbacks=list(callbacks),
        shuffle=False,
        verbose=0,
    )


# %% [markdown]
# ## Signal and noise
#
# The training data holds two kinds of information. The **signal** is what generalises: how cement, water and
# age drive the strength of *any* mix. The **noise** is what belongs to these particular tests only: measurement
# scatter, a sample that happened to be cured a little warmer, everything the recipe does not explain. A model
# cannot tell them apart; it learns whatever lowers the training loss.
#
# The learning curves show which of the two it is learning:
#
# - the **training loss** goes down when the model learns signal *or* noise;
# - the **validation loss** goes down only when it learns signal, since the noise of the training tests says
#   nothing about the validation tests. On our split that holds only in part: {glue}`valid_seen_mix` of the
#   {glue}`n_valid` validation tests share their mix with a training test (lesson 5), so remembering the training
#   mixes lowers the validation loss too, which then overstates how well the network would do on new mixes.
#
# So the gap between the two curves measures roughly how much noise the model has learned (on this split the gap,
# if anything, understates it). Two failures follow:
#
# - **Underfitting**: the validation loss is high because the model has not learned enough signal. The training
#   loss is high too, and the curves are close together.
# - **Overfitting**: the validation loss is higher than it could be because the model has learned too much
#   noise. The training loss keeps falling while the validation loss stalls or turns up, and the gap grows.
#
# Training well means learning as much signal and as little noise as possible. Two knobs steer this: the
# model's **capacity**, and **how long** it trains.
#
# ## Capacity: wider and deeper
#
# A model's capacity is the size and complexity of the patterns it can represent. A network gains capacity in
# two ways:
#
# - **wider**: more units in its layers, for example `Dense(512)` instead of `Dense(16)`; a wide layer can
#   represent many nearly linear relations side by side;
# - **deeper**: more layers, for example three `Dense(64)` instead of one; a deep network builds strongly
#   non-linear relations from simpler pieces, one layer at a time.
#
# Which suits a task is found by trying both. The exercise below gives a linear model two hidden layers; trying
# one wide layer instead is left to you.
#
# Both add parameters, in different amounts. A hidden layer of 512 units on our 8 features has
# $8 \cdot 512 + 512 = 4{,}608$ parameters, and the output unit after it $512 + 1 = 513$, so 5,121 in all;
# three hidden layers of 64 units have $8 \cdot 64 + 64 = 576$, then $64 \cdot 64 + 64 = 4{,}160$ twice, and
# with the output's $65$ the network has 8,961:

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
# ## A model with too much capacity
#
# The deep network of lesson 4, three hidden layers of 512 units and {glue:text}`big_params:,` parameters, has a
# lot of capacity. Whether that is too much depends on the data: the fewer examples a model learns from, the
# sooner it runs out of signal and starts learning noise. To see that happen, we train it on only 50 of the
# training tests and validate it on the same {glue}`n_valid` validation tests as always. It trains with Adam's
# default learning rate, 0.001, a tenth of the one `train_model` uses otherwise, so that its curves change slowly
# enough to read:

# %%
# 50 tests instead of all the training tests: a big network needs many more
# epochs than this page can afford before it overfits all of them. The 50 go
# in one batch, so every step follows the slope of the same loss and the
# curves show where training heads rather than the jitter of small batches.
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
# Over the {glue}`big_epochs` epochs the training error fell from {glue:text}`big_train_first:.2f` to
# {glue:text}`big_train_last:.2f` MPa. The validation error fell with it at first and was lowest,
# {glue:text}`big_valid_best:.2f` MPa, at epoch {glue}`big_best_epoch`. After that the model went on lowering its
# training error, from {glue:text}`big_train_at_best:.2f` MPa at that epoch, by fitting its 50 tests ever more
# closely, partly by remembering them; the validation error did not follow and ended at
# {glue:text}`big_valid_last:.2f` MPa, {glue:text}`big_gap_size:.2f` MPa
# {glue:pick}`big_gap_side|above=above|below=below` the training error, where at the best epoch the two curves
# had lain only {glue:text}`big_gap_at_best:.2f` MPa apart. The model had run out of signal in its 50 tests and
# was learning their noise. That is overfitting. Where both curves rise for a
# few epochs together, the optimizer overshot and came back; overfitting shows as the curves drawing apart.
#
# ## Early stopping
#
# If the validation loss stops improving while the training loss goes on falling, the epochs after the best one
# add noise, not signal. Rather than guessing the right number of epochs in advance, we can let Keras watch the
# validation loss and stop when it no longer improves. That is **early stopping**, a **callback**: an object
# passed to `fit`, which calls it at set points of training; this one acts at the end of every epoch:
#
# ```python
# early_stopping = keras.callbacks.EarlyStopping(
#     min_delta=0.001,  # a smaller decrease is no improvement
#     patience=5,  # stop after 5 epochs in a row without one
#     restore_best_weights=True,  # then go back to the best epoch
# )
# model.fit(..., epochs=100, callbacks=[early_stopping])
# ```
#
# It watches `monitor="val_loss"` unless told otherwise. With early stopping, the number of epochs passed to
# `fit` becomes an upper limit: set it generously and let the callback find the end. Without
# `restore_best_weights=True` the model keeps the weights of its last epoch, which by then are `patience` epochs
# past the best ones.
#
# Early stopping guards against training too long. It does not fix a model with too little capacity: however
# long such a model trains, its curves flatten at an error that is still high, and early stopping can only end
# the training there. The exercise trains one model of each kind: the linear model, which needs more capacity,
# and a network that has it, trained with early stopping.

# %% [markdown]
# ## Exercise
#
# Each question has a checker, `q_1` to `q_4`. Replace the blank `____` with your answer and run the cell:
# `q_2.check()` reads your `model` and says **Correct**, **Incorrect** with what is wrong, or **Not answered
# yet**. `q_2.hint()` gives a hint and `q_2.solution()` shows the reference answer. On this page every answer is
# folded under **Solution**; the *Exercise notebook* at the top of the page has the blanks and no answers.
#
# ### 1. A linear model
#
# A single `Dense(1)` unit computes a weighted sum of the 8 features plus a bias: the least capacity a network
# can have. The cell below trains one and plots its curves.
#
# **Question 1 (open).** Run it and read the curves: is the model underfitting or overfitting? Then run
# `q_1.check()` for one reading.

# %%
# The linear model's learning rate is 0.5, not 0.01: its bias has to travel
# from 0 to the average strength, about 35 MPa, and Adam moves each weight by
# about one learning rate per step; at 0.01 it would need thousands of steps
# to get there, and the curves would show slow travel, not the model's limit.
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
# Write your reading as a comment in the cell below if you like; then run `q_1.check()`.

# %% tags=["remove-output"]
# Your reading of the curves:
q_1.check()

# %%
# q_1.hint()
# q_1.solution()

# %% tags=["solution"]
# Both curves fall for a few epochs, then level off together and high:
# the linear model has too little capacity to follow how the strength depends
# on the recipe. It underfits; a bigger model helps.
q_1.check()

# %% [markdown]
# The linear model ended at {glue:text}`linear_train_last:.2f` MPa on the training tests and
# {glue:text}`linear_valid_last:.2f` MPa on the validation tests: a small gap, at a high error.
#
# ### 2. More capacity
#
# **Question 2.** Build a `keras.Sequential` model with the input `keras.Input(shape=input_shape)`, a hidden
# `Dense` layer of 128 units and one of 64 units, both with the ReLU activation, and a linear output
# `Dense(1)`. Assign it to `model`. It trains after question 3, with the callback that question builds.
#
# > **In older code** the input shape sits on the first layer instead of in a `keras.Input`:
# > `layers.Dense(128, activation="relu", input_shape=[8])`. Keras 3 still accepts `input_shape=`, with a warning,
# > but uses it only on the first layer of a `Sequential`; `q_2.check()` accepts that model too.

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
# ### 3. Early stopping
#
# **Question 3.** Create the early-stopping callback from the Early stopping section above: it stops when the
# validation loss has not improved by at least 0.001 for 5 epochs, and restores the weights of the best epoch.
# Assign it to `early_stopping`.

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
# The next cell trains your question 2 network with the callback, allowing up to 60 epochs:

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
# Training stopped after {glue}`stopped_epochs` of the 60 epochs allowed; the best validation loss came at
# epoch {glue}`stopped_best_epoch`.
#
# With its two hidden layers the network got its validation error down to {glue:text}`more_valid_best:.2f` MPa,
# against {glue:text}`linear_valid_last:.2f` MPa for the linear model: the added capacity let it learn signal
# the linear model could not. At its last epoch the training error was {glue:text}`more_train_last:.2f` MPa and
# the validation error {glue:text}`more_valid_last:.2f` MPa; compare that gap with the linear model's.
#
# ### 4. Where did it stop?
#
# **Question 4 (open).** At which epoch did training stop, which epoch's weights does the model keep, and how
# does their validation error compare with the last epoch's? `history.history["val_loss"]` holds the
# validation loss of every epoch, and `model.evaluate(valid_batches, verbose=0)` measures the weights the model
# has now. Try it in the cell below, then run `q_4.check()`. If you like, try another `patience`: run question 2's
# cell for a fresh network, question 3's with the new value, then the training cell (`fit` on a trained network
# would go on from its current weights).

# %% tags=["remove-output"]
# Your code:
q_4.check()

# %%
# q_4.hint()
# q_4.solution()

# %% tags=["solution"]
val_loss = history.history["val_loss"]
kept = model.evaluate(valid_batches, verbose=0)
restored = early_stopping.best_epoch + 1  # the callback counts epochs from 0
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
# In the run on this page, the weights the model kept are those of its best epoch, epoch
# {glue}`restored_epoch`: their validation error is {glue:text}`kept_valid:.2f` MPa, against
# {glue:text}`last_valid:.2f` MPa for the weights of the last epoch, epoch {glue}`stopped_epochs`,
# {glue:pick}`kept_epoch|earlier=which training threw away|last=the same weights`.
#
# ## What's next
#
# Capacity and training time are two ways to steer between underfitting and overfitting.
# [Lesson 8](08_dropout_and_batch_normalization.ipynb) adds two kinds of layers that help from inside the
# network: dropout, which makes memorising harder, and batch normalization, which makes training steadier.

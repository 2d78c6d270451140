# %% [markdown]
# # Dropout and batch normalization
# Two layers that hold no neurons of their own: dropout, which makes a network harder to overfit, and batch
# normalization, which keeps training steady, even on features nobody scaled.

# %% [markdown]
# [Lesson 7](07_overfitting_and_underfitting.ipynb) steered between underfitting and overfitting from the
# outside, by choosing a model's capacity and stopping its training in time. This lesson adds two special layers
# that work from the inside. Neither contains units like `Dense`; each changes what passes through it. The
# second half of the page is an exercise with checked answers.

# %%
import keras
import numpy as np
import tensorflow as tf
from keras import layers

from course.data import FEATURES, TARGET, load_concrete
from course.exercises import ____
from course.exercises.dropout_and_batch_normalization import q_1, q_2, q_3, q_4
from course.glue import glue  # records values that the page's text quotes
from course.plotting import plot_history, show

keras.utils.set_random_seed(0)

# %% [markdown]
# The data is split as in lessons 5 and 7: {glue}`n_train` tests for training and {glue}`n_valid` for
# validation. This time we keep two versions of the features, standardised with the training statistics and
# raw, in their original units; the raw ones come back in the second half.

# %%
concrete = load_concrete()
train = concrete.sample(frac=0.7, random_state=0)
valid = concrete.drop(train.index)
features = list(FEATURES)
mean, std = train[features].mean(), train[features].std()
input_shape = [len(features)]


def batches(frame, batch_size, scaled=True, shuffle=True):
    """(features, strength) batches of ``frame``.

    The features are standardised unless ``scaled=False``.
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
# As in lesson 7, `fit` receives `tf.data.Dataset` batches rather than arrays, which costs Keras less work per
# epoch.
#
# ## Dropout
#
# A network overfits by learning the noise of its training examples, and noise is learned in very particular
# combinations of weights: a few units that together recognise one training test. **Dropout** breaks such conspiracies.
# During training, a `layers.Dropout(rate)` layer sets each of its inputs to zero with probability `rate`, drawn
# anew at every step: about a fraction `rate` of them is dropped, a different set each time. No unit can rely on
# one particular partner being there, so the network has to spread what it learns over many units, and patterns
# that many units agree on are far more likely to be signal.
#
# The units that survive are multiplied by $1 / (1 - \text{rate})$, so the sum of what passes through stays
# the same on average. Here is a `Dropout(0.5)` layer applied to twenty ones, in training mode and in inference
# mode, the mode in which a trained model makes its predictions:

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
# In training mode, {glue}`dropped` of the 20 values were set to zero this time, and the others became
# {glue:text}`kept_value:g`, that is $1 / (1 - 0.5)$. At inference, which is what `predict`, `evaluate` and the
# validation loss during `fit` use, the layer passes everything through unchanged: the trained network is used
# whole.
#
# A `Dropout` layer acts on the output of the layer before it, so it goes right after the layer whose units it
# should drop:
#
# ```python
# keras.Sequential([
#     keras.Input(shape=input_shape),
#     layers.Dense(128, activation="relu"),
#     layers.Dropout(0.3),  # drops 30% of the 128 outputs
#     layers.Dense(1),
# ])
# ```
#
# It adds no parameters. You can think of dropout as training a crowd of thinned networks, one per step, that
# share their weights, and predicting with their average; crowds are less easily fooled than any of their
# members. The exercise tries it on a network that overfits.
#
# ## Batch normalization
#
# Lesson 5 standardised the features before training, because a network learns slowly or not at all when its
# inputs come in very different sizes. Inside the network the same problem can come back: the outputs of a layer
# can drift to any scale while the weights change. A `layers.BatchNormalization()` layer fixes the scale where
# it stands. During training it takes each of its inputs, computes its mean and standard deviation over the
# current batch, and standardises it; then it multiplies by a scale $\gamma$ and adds an offset $\beta$, two
# weights per input that training learns, so the network can still choose the scale it needs.
#
# Here is one on a batch of 64 tests with raw features, in training mode:

# %%
normalize = layers.BatchNormalization()
raw_batch = train[features].to_numpy("float32")[:64]
normalized = keras.ops.convert_to_numpy(normalize(raw_batch, training=True))
print("raw means:         ", raw_batch.mean(axis=0).round(1))
# + 0.0 turns -0.00 into 0.00
print("normalized means:  ", normalized.mean(axis=0).round(2) + 0.0)
print("normalized std devs:", normalized.std(axis=0).round(2))

glue("raw_mean_min", float(raw_batch.mean(axis=0).min()))
glue("raw_mean_max", float(raw_batch.mean(axis=0).max()))

# %% [markdown]
# The raw means in this batch run from {glue:text}`raw_mean_min:.1f` to {glue:text}`raw_mean_max:.1f`; after
# the layer every feature has mean 0 and standard deviation 1 (the printed 1s are a shade under 1: the layer adds
# a small `epsilon` to the variance before dividing, so it never divides by zero).
#
# At inference a single example has no batch to compute a mean over, so the layer also keeps a **moving
# average** of the means and variances it saw during training and uses those instead. They are weights too, but
# not trainable ones: `fit` does not change them by gradient descent, the layer updates them itself. For our 8
# features that makes 4 × 8 = 32 parameters, of which 16 ($\gamma$ and $\beta$) are trainable:

# %%
# A layer has no summary of its own; a model holding only this layer
# shows its counts.
keras.Sequential([keras.Input(shape=input_shape), normalize]).summary()

# %% [markdown]
# Batch normalization can go right after a `Dense` layer, or between a `Dense` layer and its activation
# (`layers.Dense(512)`, `layers.BatchNormalization()`, `layers.Activation("relu")`); both are common. As the
# first layer of a model it standardises the raw features batch by batch while training; unlike the scaling of
# lesson 5, it predicts with its moving averages, which take many steps to reach the features' real statistics.
#
# ### When the features are not scaled
#
# To see what this buys, we train the deep network of lesson 4 on the **raw** features, with plain stochastic
# gradient descent (`keras.optimizers.SGD`, from [lesson 6](06_stochastic_gradient_descent.ipynb)) and batches of
# 64 tests. Cement comes in hundreds of kg/m³, so the first gradients are enormous, and one SGD step can throw the
# weights so far that the loss overflows. The callback `keras.callbacks.TerminateOnNaN()` stops training as soon
# as the loss is infinite or not a number (`nan`), and prints the batch where that happened:

# %%
raw_train = batches(train, 64, scaled=False)
raw_valid = batches(valid, len(valid), scaled=False, shuffle=False)


def train_raw(model, epochs):
    """Fit on the raw features: SGD, learning rate 0.1, MAE loss."""
    sgd = keras.optimizers.SGD(learning_rate=0.1)
    model.compile(optimizer=sgd, loss="mae")
    # shuffle=False: the dataset reshuffles itself at every epoch, and Keras
    # warns when asked to shuffle it again.
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
# "inf" or "nan": the loss overflowed
glue("plain_loss", str(plain_loss[-1]))

# %% [markdown]
# Training ended after {glue}`plain_epochs` of the 10 epochs, with a training loss of
# {glue:pick}`plain_loss|inf=<code>inf</code>, infinite|nan=<code>nan</code>, not a number`: the
# loss overflowed and the network learned nothing. Lowering the rate from 0.1 to SGD's default, 0.01, does not
# save it either: the loss overflows just the same. The
# exercise rebuilds the same network with batch normalization and trains it with exactly these settings.
#
# ## Exercise
#
# Each question has a checker, `q_1` to `q_4`. Replace the blank `____` with your answer and run the cell:
# `q_1.check()` reads your `model` and says **Correct**, **Incorrect** with what is wrong, or **Not answered
# yet**. `q_1.hint()` gives a hint and `q_1.solution()` shows the reference answer. On this page every answer is
# folded under **Solution**; the *Exercise notebook* at the top of the page has the blanks and no answers.
#
# ### 1. Add dropout
#
# Dropout helps a network that overfits, so we make one overfit, as in lesson 7: the network of lesson 7's
# question 2 learns from only 50 of the training tests.
#
# **Question 1.** Build a `keras.Sequential` model with the input `keras.Input(shape=input_shape)`, a hidden
# `Dense(128)` and a hidden `Dense(64)`, both with ReLU, each followed by `layers.Dropout(0.3)`, and a linear
# output `Dense(1)`. Assign it to `model`.

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
# The next cell trains your model and, for comparison, the same network without the dropout layers, on the same
# 50 tests for 30 epochs each, and plots both runs:

# %%
# 50 training tests, so that the network overfits within the 30 epochs
# this page can afford (see lesson 7).
few_batches = batches(train.sample(n=50, random_state=0), 10)
scaled_valid = batches(valid, len(valid), shuffle=False)


def train_scaled(model, epochs):
    """Fit on the 50 standardised tests: Adam, learning rate 0.01, MAE loss."""
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
# epochs counted from 1
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
# how far apart the validation curves are after the later of the two dips
glue("val_apart", float(np.mean(np.abs(
    np.subtract(curves["val_loss"], curves["val_loss_without"])
    [max(with_best_epoch, without_best_epoch):]
))))
# The final validation errors, compared: within 0.5 MPa counts as the same.
if abs(curves["val_loss"][-1] - curves["val_loss_without"][-1]) < 0.5:
    glue("dropout_final", "same")
elif curves["val_loss"][-1] < curves["val_loss_without"][-1]:
    glue("dropout_final", "lower")
else:
    glue("dropout_final", "higher")

# %% [markdown]
# ### 2. What dropout changed (open)
#
# **Question 2 (open).** Compare the two runs. What did dropout change in the training curve, and what in the
# validation curve? Write your reading as a comment if you like, then run `q_2.check()`.

# %% tags=["remove-output"]
# Your reading of the curves:
q_2.check()

# %%
# q_2.hint()
# q_2.solution()

# %% tags=["solution"]
# With dropout the training error sits higher: it is measured while 30%
# of the hidden units are dropped. The validation error is the one to
# compare between the two runs.
q_2.check()

# %% [markdown]
# At the last epoch the training error was {glue:text}`loss_last:.2f` MPa with dropout and
# {glue:text}`loss_without_last:.2f` MPa without; the validation error was {glue:text}`val_loss_last:.2f` and
# {glue:text}`val_loss_without_last:.2f` MPa,
# {glue:pick}`dropout_final|same=practically equal, so dropout made no difference at the end|lower=lower with dropout|higher=higher with dropout`.
# The lowest
# validation errors, {glue:text}`with_best:.2f` MPa with dropout (epoch {glue}`with_best_epoch`) and
# {glue:text}`without_best:.2f` MPa without (epoch {glue}`without_best_epoch`), are early dips; after them the
# two validation curves run together, {glue:text}`val_apart:.1f` MPa apart on average. One run on 50 tests is a
# noisy measurement: whether dropout helps a network that overfits, as this one does, shows over many runs, not in
# one. The training curves, though, differ for a reason that holds every time: Keras measures the training loss
# with dropout on and the validation loss with it off.
#
# ### 3. Batch normalization rescues the raw features
#
# **Question 3.** Build a `keras.Sequential` model with the input `keras.Input(shape=input_shape)`, then
# `layers.BatchNormalization()`, then three hidden `Dense(512)` layers with ReLU, each followed by
# `layers.BatchNormalization()`, and a linear output `Dense(1)`. Assign it to `model`.

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
# The next cell trains it exactly as the plain network above: raw features, SGD with learning rate 0.1,
# batches of 64, at most 10 epochs.

# %%
bn_history = train_raw(model, epochs=10)
bn_loss, bn_valid = bn_history.history["loss"], bn_history.history["val_loss"]
glue("bn_epochs", len(bn_loss))
glue("bn_loss_first", bn_loss[0])
glue("bn_loss_last", bn_loss[-1])
glue("bn_valid_last", bn_valid[-1])
glue("bn_gap", bn_valid[-1] - bn_loss[-1])
glue("bn_valid_peak", max(bn_valid))
# epochs counted from 1
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
# ### 4. Why it trains (open)
#
# **Question 4 (open).** The plain network's loss overflowed on these settings. How did the batch-normalized
# network do, and why does it train? Then run `q_4.check()`.

# %% tags=["remove-output"]
# Your answer:
q_4.check()

# %%
# q_4.hint()
# q_4.solution()

# %% tags=["solution"]
# Without batch normalization the loss overflowed in the first epoch.
# With it, training works and the training loss comes down over the
# epochs: the first BatchNormalization layer puts every raw feature on
# one scale. The validation error stays higher: at inference the layers
# use their moving averages, which still lag behind.
q_4.check()

# %% [markdown]
# The batch-normalized network trained for all {glue}`bn_epochs` epochs; its training error went from
# {glue:text}`bn_loss_first:.2f` to {glue:text}`bn_loss_last:.2f` MPa and its validation error ended at
# {glue:text}`bn_valid_last:.2f` MPa, on features nobody scaled, with the optimizer settings that made the plain
# network's loss overflow. Its validation error ended {glue:text}`bn_gap:.2f` MPa above its training error, but
# that gap is mostly not overfitting. While training, each `BatchNormalization` layer standardises with the
# statistics of the current batch; at inference, which `evaluate` and the validation error use, it standardises
# with its moving averages, and those follow slowly: each step moves them only {glue:text}`moving_step:.0%` of the
# way towards the batch's values (the layer's `momentum` is {glue}`bn_momentum`). Here is the network evaluated
# in inference mode on its own training set, and the first layer's moving means next to the real means of the
# training features:

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
# On the very tests it trained on, the network errs by {glue:text}`bn_train_inference:.2f` MPa in inference
# mode, against the {glue:text}`bn_loss_last:.2f` MPa that `fit` reported with batch statistics: most of the gap
# to the validation error comes from the two modes, not from overfitting. The moving means started at 0, and after
# {glue}`bn_steps` steps they are still only about {glue:text}`moving_share:.0%` of the real ones. In epoch
# {glue}`bn_valid_peak_epoch` the moving averages lagged further still, which is why the validation error jumped
# to {glue:text}`bn_valid_peak:.0f` MPa there. Batch normalization made training possible here; scaling the
# features, as in lesson 5, is still the first thing to do.
#
# > **In older code.** Keras 2 examples put the input shape on the first layer, even when that layer is a
# > `BatchNormalization`: `layers.BatchNormalization(input_shape=input_shape)`. Keras 3 still accepts `input_shape=`,
# > with a warning, but uses it only on the first layer of a `Sequential`; start the list with
# > `keras.Input(shape=input_shape)` instead.
#
# ## What's next
#
# Until now every model predicted a number: a car's fuel economy or a concrete mix's strength. [Lesson 9](09_binary_classification.ipynb)
# predicts one of two classes instead, and puts dropout and batch normalization to work in a classifier.

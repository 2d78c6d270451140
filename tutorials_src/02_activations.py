# %% [markdown]
# # Activation functions
# Why a network needs non-linear activations, and what ReLU and its relatives look like.

# %% [markdown]
# The last lesson built a dense layer and found that it computes $xW + b$, nothing more.
# This lesson asks what happens when we put two of them in a row, finds the answer disappointing,
# and fixes it with an **activation function**.
#
# As always, the imports and the seed come first.

# %%
import keras
import numpy as np
import tensorflow as tf
from keras import layers

from course.glue import glue  # records values that the page's text quotes
from course.plotting import function_grid, plot_functions, show

keras.utils.set_random_seed(0)
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## Two linear layers make one
#
# Build a dense layer with 3 units on 2 inputs, and feed its output to a dense layer with 2 units.
# Keras starts biases at zero; we ask for small random ones instead (`bias_initializer="random_normal"`)
# so that the biases take part in the experiment too.

# %%
# a batch of 5 examples, 2 features each
x = np.random.normal(size=(5, 2)).astype("float32")

first = layers.Dense(3, bias_initializer="random_normal")
second = layers.Dense(2, bias_initializer="random_normal")
two_layers = keras.ops.convert_to_numpy(second(first(x)))
print(two_layers)

# %% [markdown]
# Write out what the pair computes. The first layer gives $h = xW_1 + b_1$, the second gives
#
# $$
# \begin{array}{ll}
# hW_2 + b_2 & = (xW_1 + b_1)W_2 + b_2 \\
#  & = x\,(W_1 W_2) + (b_1 W_2 + b_2) .
# \end{array}
# $$
#
# That is the formula of a *single* dense layer, with kernel $W = W_1W_2$ (shape $2\times3$ times $3\times2$,
# so $2\times2$) and bias $b = b_1W_2 + b_2$. Let's build that single layer and load these weights into it with
# `set_weights`:

# %%
W1, b1 = first.get_weights()
W2, b2 = second.get_weights()

one = layers.Dense(2)
# create its weights for 2 inputs, so they can be replaced
one.build((None, 2))
one.set_weights([W1 @ W2, b1 @ W2 + b2])
one_layer = keras.ops.convert_to_numpy(one(x))
print(one_layer)
difference = np.abs(one_layer - two_layers).max()
print("largest difference:", difference)
glue("composition_difference", difference)

# %% [markdown]
# Same numbers. The largest difference, about {glue:text}`composition_difference:.0e`, is float32 rounding: the two
# routes add up the products in a different order.
#
# The reason is general: a composition of linear maps is linear. However many dense layers we stack, as long as
# nothing happens between them the whole stack is one $xW + b$: it can only fit a straight line (a flat plane or
# hyperplane, with more inputs) to the data. Depth buys nothing.
#
# ## The rectifier
#
# The fix is to bend each unit's output with a non-linear function, the **activation function**. The most
# common one is the **rectifier**, $\max(0, x)$: negative values become 0, positive values pass unchanged.
# A unit followed by it is a *rectified linear unit*, or **ReLU**. Keras has it as `keras.activations.relu`:

# %%
grid = np.linspace(-3, 3, 601, dtype="float32")
relu = keras.ops.convert_to_numpy(keras.activations.relu(grid))
matches_max = np.array_equal(relu, np.maximum(0, grid))
print("equal to max(0, x) at all", grid.size, "points:", matches_max)

fig = plot_functions(grid, {"relu(x)": relu},
                     title="The rectifier, max(0, x)", ylabel="relu(x)")
show(fig, alt="The rectifier: zero for every negative x, then the line y = x "
     "for positive x, with a kink at 0.")

# %% [markdown]
# ## A ReLU unit
#
# Put the rectifier after a one-input linear unit and you get $\max(0, wx + b)$. In Keras that unit is
# `layers.Dense(1, activation="relu")`. We set its weight and bias by hand to see what they do:

# %%
unit = layers.Dense(1, activation="relu")
unit.build((None, 1))

curves = {}
for w, b in [(1.0, 0.0), (1.0, 1.0), (2.0, -2.0), (-1.0, 0.5)]:
    unit.set_weights([np.array([[w]]), np.array([b])])
    # 601 examples with one feature each
    output = keras.ops.convert_to_numpy(unit(grid[:, None]))
    curves[f"w = {w:g}, b = {b:g}"] = output[:, 0]

fig = plot_functions(grid, curves, title="A ReLU unit, max(0, wx + b)",
                     ylabel="output")
show(
    fig,
    alt="Four ReLU units max(0, wx + b): changing b moves the kink left or "
    "right, a larger w makes the rising part steeper, and a negative w makes "
    "the unit active for small x instead of large x.",
)

# %% [markdown]
# The kink sits where $wx + b = 0$, at $x = -b/w$. The **bias moves it**: with $w = 1$, $b = 1$ the kink moves
# from 0 to $-1$. The **weight tilts** the rising part: $w = 2$ climbs twice as fast (and with $b = -2$ its
# kink is at $x = 1$). A **negative weight** flips the unit, so it is active for small $x$ instead of large.
#
# A layer of such units, each with its own kink, gives bent lines that a unit after it adds up into almost any
# shape, and a training algorithm can move the kinks to where the data needs them. That is the power the linear
# stack lacked.
#
# ## A gallery of activations
#
# ReLU is the usual choice for hidden layers (the layers between a network's input and its output layer; see
# [lesson 3](03_stacking.ipynb)), but Keras offers many others. Each one is available by name, as
# `layers.Activation(name)` or as `Dense(..., activation=name)`. Some names are aliases; `"swish"` and `"silu"`
# are the same function, which Keras 3 calls `silu`:

# %%
for name in ["relu", "swish", "silu"]:
    function = keras.activations.get(name)
    print(f"{name!r:8} -> keras.activations.{function.__name__}")

# %% [markdown]
# Below, every curve is computed by Keras itself. Dashed next to each is its **slope** (derivative), which is
# what training uses to decide how to change the weights before the activation. We get it from TensorFlow's
# `tf.GradientTape`, which records a computation and differentiates it. Each output depends only on its own
# input, so the gradient TensorFlow returns, the derivative of the outputs with respect to the inputs, is exactly
# the slope at each point. (Lesson 6 shows how training uses such gradients.)

# %%
def value_and_slope(layer):
    """The layer's output on the grid and its derivative there,
    both as 1-D arrays."""
    inputs = tf.constant(grid[:, None])  # 601 examples with one feature each
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        outputs = layer(inputs)
    slope = tape.gradient(outputs, inputs)
    return outputs.numpy()[:, 0], slope.numpy()[:, 0]


built_in = ["relu", "sigmoid", "tanh", "elu", "selu", "silu", "gelu"]
gallery = {name: layers.Activation(name) for name in built_in}
gallery["leaky relu (0.1)"] = layers.LeakyReLU(negative_slope=0.1)
gallery["PReLU"] = layers.PReLU()

def slopes_beside_zero(layer) -> tuple[float, float]:
    """The layer's slope just left and just right of 0."""
    inputs = tf.constant([[-1e-4], [1e-4]])
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        outputs = layer(inputs)
    left, right = tape.gradient(outputs, inputs).numpy()[:, 0]
    return float(left), float(right)


panels = {}
for name, layer in gallery.items():
    value, slope = value_and_slope(layer)
    panels[name] = {"activation": value, "slope": slope}

beside_zero = {name: slopes_beside_zero(layer)
               for name, layer in gallery.items()}
jumping = [name for name, (left, right) in beside_zero.items()
           if abs(right - left) > 0.01]
prelu_curve = panels["PReLU"]["activation"]
relu_curve = panels["relu"]["activation"]
prelu_is_relu = np.array_equal(prelu_curve, relu_curve)
print("slopes that jump at 0:", ", ".join(jumping))
glue("selu_slope_left", beside_zero["selu"][0])
glue("selu_slope_right", beside_zero["selu"][1])
# the Chinese alt text quotes these lists, joined with its list comma
glue("gallery_names", "、".join(gallery))
glue("jumping_slopes", "、".join(jumping))
glue("prelu_relu_difference", float(np.abs(prelu_curve - relu_curve).max()))

fig = function_grid(grid, panels, ncols=3)
prelu_note = ("The untrained PReLU looks exactly like relu." if prelu_is_relu
              else "The untrained PReLU differs from relu.")
show(
    fig,
    alt=f"Nine panels, each an activation computed by Keras on x from -3 to 3 "
    f"(solid) with its slope (dashed): {', '.join(gallery)}. The slopes of "
    f"{', '.join(jumping)} jump at 0; the others change smoothly. "
    + prelu_note,
)

# %% [markdown]
# What each is for, in one sentence:
#
# - **relu**, $\max(0, x)$: the usual choice for hidden layers (Keras's `Dense` defaults to no activation); cheap,
#   and its slope is exactly 1 wherever it is active.
# - **sigmoid**, $1/(1 + e^{-x})$: squashes any number into $(0, 1)$, so it is used on an output unit that
#   predicts a probability; in hidden layers its slope fades towards 0 at both ends, which slows learning.
# - **tanh**: an S-curve like sigmoid but centred on 0, with outputs in $(-1, 1)$; the default inside
#   recurrent layers such as `layers.LSTM`.
# - **elu**: like ReLU for positive $x$, but bends smoothly down towards $-1$ for negative $x$, so negative
#   inputs still get a slope.
# - **selu**: a scaled ELU whose constants are chosen so that stacked layers keep their outputs near mean 0 and
#   variance 1, a typical distance of 1 from the mean ("self-normalizing"). That only holds when the weights start
#   from the `lecun_normal` initializer (`Dense(..., activation="selu", kernel_initializer="lecun_normal")`), the
#   inputs are standardised (shifted and scaled to mean 0 and variance 1, as [lesson 5](05_training.ipynb) does)
#   and the layers have enough units for their sums to average out; with Keras's default initializer it is just a
#   scaled ELU. Unlike elu, its slope jumps at 0: from about {glue:text}`selu_slope_left:.2f` just left of 0 to
#   about {glue:text}`selu_slope_right:.2f` just right.
# - **silu** (swish), $x \cdot \mathrm{sigmoid}(x)$: a smooth ReLU with a small dip below 0, used in
#   image networks such as EfficientNet.
# - **gelu**, $x \cdot \Phi(x)$ with $\Phi$ the normal distribution's CDF: another smooth ReLU, common inside
#   Transformer models such as BERT and GPT-2.
# - **leaky relu**: lets a small fraction of negative inputs through (here slope 0.1). A ReLU unit whose input
#   is negative for every example outputs 0 with slope 0, so training can no longer change its weights: it has
#   "died". A leaky unit still has a slope there and can recover.
# - **PReLU**: a leaky ReLU whose negative slope is itself a weight, learned in training. Having a weight, it
#   is a layer, `layers.PReLU()`, and has no name to give `activation=`. Keras starts that slope at 0, so an
#   untrained PReLU gives exactly the same output as ReLU, as its panel shows.
#
# > **Older code.** In Keras 2, `LeakyReLU` took its slope as `alpha=`; Keras 3 renamed it `negative_slope=`
# > and warns about `alpha`.
#
# If you give no slope, Keras 3 has two defaults: the `LeakyReLU` *layer* uses 0.3, while the function
# `keras.activations.leaky_relu`, and so `activation="leaky_relu"`, uses 0.2:

# %%
minus_one = np.array([[-1.0]], dtype="float32")
from_layer = layers.LeakyReLU()(minus_one)
from_name = layers.Activation("leaky_relu")(minus_one)
print("layers.LeakyReLU():", keras.ops.convert_to_numpy(from_layer)[0, 0])
print('activation="leaky_relu":', keras.ops.convert_to_numpy(from_name)[0, 0])

# %% [markdown]
#
# ## What's next
#
# We now have both ingredients of a network: dense layers, and activations to put between them.
# The next lesson, [Stacking dense layers](03_stacking.ipynb), builds a network with hidden ReLU layers using `keras.Sequential`.

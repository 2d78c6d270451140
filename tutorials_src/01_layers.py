# %% [markdown]
# # Layers
# A dense layer is a set of linear units that share their inputs: build one in Keras and check its arithmetic by hand.

# %% [markdown]
# ## From one unit to a layer
#
# [A single neuron](00_a_single_neuron.ipynb) introduced the linear unit: it multiplies its input by a weight and
# adds a bias, $y = wx + b$. With two inputs it gives each input its own weight and adds up the results
# (we count from 0, as Python does):
#
# $$ y = w_0 x_0 + w_1 x_1 + b $$
#
# Now put several such units side by side and let every one of them read **the same inputs**.
# Each unit keeps its own weights and its own bias, so each computes a different sum.
# That group of units is a **dense layer**: "dense" because every input is connected to every unit.
#
# Everything in this lesson runs on the imports and the seed below. The seed makes the "random"
# starting weights the same on every run.

# %%
import keras
import numpy as np
from keras import layers

from course.plotting import draw_dense_layer, show

keras.utils.set_random_seed(0)
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# Here is a dense layer with two inputs and two units. The bias is drawn as an extra input that is always 1,
# so each unit's bias is just the weight on that constant input.

# %%
fig = draw_dense_layer(2, 2)
show(
    fig,
    alt="A dense layer: inputs x0 and x1 and a constant bias input 1 each "
    "connect to both of two summing units, which output y0 and y1; the edge "
    "from input i to unit j is labelled w_ij, the edges from the 1 are b0 "
    "and b1.",
)

# %% [markdown]
# Write $w_{ij}$ for the weight on the connection from input $i$ to unit $j$, and $b_j$ for unit $j$'s bias.
# The two units compute
#
# $$
# \begin{array}{l}
# y_0 = x_0 w_{00} + x_1 w_{10} + b_0, \\
# y_1 = x_0 w_{01} + x_1 w_{11} + b_1 .
# \end{array}
# $$
#
# Stack the weights in a matrix $W$ with one **row per input** and one **column per unit**, and the biases in a
# vector $b$. Then the whole layer is one line of linear algebra:
#
# $$ y = xW + b $$
#
# ## A dense layer in Keras
#
# `layers.Dense(2)` is a dense layer with two units. It does not know yet how many inputs it will get;
# it creates its weights the first time it sees data. Let's give it a small **batch**: three examples,
# each with two features, one example per row. The layer returns a **tensor**, the array Keras computes with;
# `keras.ops.convert_to_numpy` turns any tensor, output or weight, into a NumPy array for printing (lesson 0 used
# `.numpy()`, a method the weight variables have).

# %%
# 3 examples (rows), 2 features each
x = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 0.5]], dtype="float32")
layer = layers.Dense(2)
y = layer(x)
print("input x, shape", x.shape)
print(x)
print("output y, shape", tuple(y.shape))
print(keras.ops.convert_to_numpy(y))

# %% [markdown]
# Calling the layer created its two weight tensors. The **kernel** is the matrix $W$ and the **bias** is the
# vector $b$:

# %%
print("kernel W, shape", tuple(layer.kernel.shape))
print(keras.ops.convert_to_numpy(layer.kernel))
print("bias b, shape", tuple(layer.bias.shape))
print(keras.ops.convert_to_numpy(layer.bias))

# %% [markdown]
# Keras starts the bias at zero and the kernel at random values, drawn by its default "Glorot uniform"
# initializer evenly from the range $\pm\sqrt{6 / (n_\text{in} + n_\text{out})}$, where $n_\text{in}$ is the
# number of inputs and $n_\text{out}$ the number of units. For this kernel, 2 inputs and 2 units, that is
# $\pm\sqrt{6/4} \approx \pm 1.22$: the starting weights are of the same size as the inputs, not tiny. The range
# shrinks as layers get wider, so that a unit's sum of many inputs stays of a moderate size. Every entry of our
# kernel lies inside it:

# %%
limit = np.sqrt(6 / (2 + 2))  # fan in + fan out
kernel = keras.ops.convert_to_numpy(layer.kernel)
print("Glorot uniform range: +/-", round(float(limit), 4))
print("every kernel entry inside it:", bool(np.all(np.abs(kernel) <= limit)))

# %% [markdown]
# Training will change both the kernel and the bias; that is what learning means for a network. So that the check
# below tests the bias too, let's set it by hand to two values of our own choosing:

# %%
layer.bias.assign([0.5, -1.0])
y = keras.ops.convert_to_numpy(layer(x))
print(y)

# %% [markdown]
# Now compute the same thing ourselves with NumPy, straight from the formula $y = xW + b$.
# `get_weights()` returns the kernel and bias as NumPy arrays.

# %%
W, b = layer.get_weights()
by_hand = x @ W + b
print(by_hand)
print("same as the layer:", np.allclose(by_hand, y))
print("largest difference:", np.abs(by_hand - y).max())

# %% [markdown]
# They agree exactly: a dense layer is nothing more than $xW + b$.
#
# ## Reading the shapes
#
# Every shape above has a meaning, and reading shapes is most of the work of building networks.
#
# - **Input `(3, 2)`**: the first axis is the **batch** (three examples); the second holds the **features**
#   of one example (two). A layer handles any number of examples at once; only the feature count is fixed.
# - **Kernel `(2, 2)`**: features in × units out. Row $i$ holds the weights leaving input $i$;
#   column $j$ holds the weights arriving at unit $j$. The entry $w_{ij}$ connects input $i$ to unit $j$.
# - **Bias `(2,)`**: one bias per unit.
# - **Output `(3, 2)`**: still one row per example, now with one column per unit.
#
# So this layer has $2 \times 2 + 2 = 6$ numbers to learn, which Keras confirms:

# %%
print("parameters:", layer.count_params())

# %% [markdown]
# ## Layers in general
#
# A Keras layer is, in general, a **transformation of data**: arrays go in, arrays come out.
# Dense layers connect every input to every unit. Other kinds differ in *how* they connect inputs to outputs:
# convolutional layers (`layers.Conv2D`) look at small neighbourhoods of an image with shared weights,
# recurrent layers (`layers.LSTM`) carry a state along a sequence, and preprocessing layers prepare raw data.
# `layers.Rescaling`, for instance, multiplies every value by a fixed factor, here turning pixel intensities
# 0–255 into 0–1:

# %%
pixels = np.array([[0.0, 127.5, 255.0]])
print(keras.ops.convert_to_numpy(layers.Rescaling(1 / 255)(pixels)))

# %% [markdown]
# A network is a chain of such layers. In a well-trained network each layer moves the data a step closer to
# the answer: the raw features are reshaped, layer by layer, into something from which the last layer can
# read off the prediction.
#
# ## Declaring the input width
#
# Our `Dense(2)` waited for data to learn that it has two inputs. In a model you usually say so up front with
# `keras.Input`, and the weights are created at once:

# %%
model = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(2)])
print("kernel shape:", tuple(model.layers[0].kernel.shape))

# %% [markdown]
# `shape=(2,)` describes **one example**: two features. `(2,)` is a Python tuple with one item (the comma makes
# it a tuple); the list `[2]`, the form lesson 0 wrote, means the same. The batch size is left open.
#
# > **Older code.** Keras 2 examples put the input width on the first layer instead, as
# > `layers.Dense(2, input_shape=[2])`. Keras reads `input_shape` only on the first layer of a `Sequential`;
# > every later layer gets its input width from the layer before it. Keras 3 still accepts this but warns and recommends
# > `keras.Input`.
#
# ## What's next
#
# Stacking dense layers on their own gets us nowhere new: two linear layers in a row compute nothing that one
# linear layer could not. What makes depth pay off is a small non-linear function applied between the layers,
# an **activation function**. The next lesson, [Activation functions](02_activations.ipynb), shows why and meets ReLU and its relatives.

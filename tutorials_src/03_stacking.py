# %% [markdown]
# # Stacking dense layers
# Hidden layers, output layers, and how to build, count and draw a small stack of dense layers in Keras.

# %% [markdown]
# A single dense layer can only compute weighted sums of its inputs, bent once by its activation. To model
# anything more interesting, we feed the outputs of one layer into the next. This lesson builds such a stack,
# counts its parameters by hand and in code, and looks at a few ways of writing it down in Keras.
#
# We start with the imports and set the random seed once, so the weights Keras draws are the same on every run.

# %%
import keras
import numpy as np
from keras import layers

from course.glue import glue  # records values that the page's text quotes
from course.plotting import draw_network, show

keras.utils.set_random_seed(0)

# %% [markdown]
# ## Hidden layers and the output layer
#
# A network made of stacked layers has three kinds of layer:
#
# - the **input**, which is not really a layer: it only says how many numbers each example has;
# - the **hidden layers** in the middle;
# - the **output layer** at the end, whose outputs are the network's predictions.
#
# The layers in the middle are called *hidden* because we never see their outputs directly. The data gives us
# inputs and the targets we want as outputs; what a hidden layer produces is an intermediate result the network
# works out for itself during training.
#
# Each hidden layer applies a non-linear activation such as ReLU. That is what makes stacking worth it: without
# the activations, a stack of dense layers would collapse into one big linear function. With them, every layer
# can bend and combine what the layer before it produced, and a stack of dense layers can represent complicated
# relationships between inputs and outputs.
#
# ## The output layer's activation depends on the task
#
# The output layer is chosen for what we want to predict:
#
# - **Regression**, predicting an arbitrary number such as a price or a strength: the output unit has *no*
#   activation. It stays linear, so its output can be any real number.
# - **Binary classification**: a *sigmoid* activation squeezes the output into $(0, 1)$, so it can be read as a
#   probability.
# - **Classification into several classes**: one unit per class and a *softmax* activation, which turns the
#   outputs into probabilities that add up to 1.
#
# Until lesson 9, which classifies, this course does regression, so our output layers will be linear.

# %% [markdown]
# ## A network with two hidden layers
#
# Here is a small network for a regression task with two input features: a hidden layer of 4 ReLU units, a
# second hidden layer of 3 ReLU units, and one linear output unit. `keras.Sequential` takes a **list** of
# layers and connects each one to the next, in order.

# %%
model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        layers.Dense(4, activation="relu"),
        layers.Dense(3, activation="relu"),
        layers.Dense(1),
    ]
)
model.summary()

# %% [markdown]
# The summary lists the three dense layers with their output shapes (`None` stands for the batch size, which
# can be anything) and their number of parameters.
#
# ## Counting the parameters
#
# A dense layer with $n$ inputs and $m$ units has one weight for every input–unit pair, $n \cdot m$ weights in
# all, plus one bias per unit, $m$ biases. Each layer's inputs are the outputs of the layer before it, so:
#
# $$
# \begin{array}{ll}
# \text{first hidden:} & 2 \cdot 4 + 4 = 12 \\
# \text{second hidden:} & 4 \cdot 3 + 3 = 15 \\
# \text{output:} & 3 \cdot 1 + 1 = 4
# \end{array}
# $$
#
# and $12 + 15 + 4 = 31$ parameters in the whole network. Keras keeps each layer's weights in a `kernel` matrix
# of shape (inputs, units) and a `bias` vector of shape (units,). We can read the shapes and redo the count:

# %%
for layer in model.layers:
    n_inputs, n_units = layer.kernel.shape
    print(
        f"{layer.name:8} kernel {n_inputs}x{n_units}"
        f" + bias {layer.bias.shape[0]}"
        f" = {n_inputs * n_units + n_units:2}"
        f"  (count_params: {layer.count_params()})"
    )
print("total:", model.count_params())
glue("total_params", model.count_params())

# %% [markdown]
# The hand count, the shapes and Keras's own `count_params()` agree: {glue}`total_params` parameters, all of them
# learned during training.
#
# ## Drawing the network
#
# `draw_network`, one of this course's helpers, reads the layers of a built model and draws it: every unit is a
# circle, every weight a line from one unit to a unit of the next layer. Each column is headed by its role and
# activation and footed by its size and parameter count.

# %%
fig = draw_network(model)
first, second, output = model.layers
glue("first_hidden_params", first.count_params())
glue("second_hidden_params", second.count_params())
glue("output_params", output.count_params())
show(fig, alt=f"Network diagram 2 → 4 → 3 → 1: 2 inputs, a hidden layer of 4 "
     f"ReLU units ({first.count_params()} params), a hidden layer of 3 ReLU "
     f"units ({second.count_params()} params) and 1 linear output unit "
     f"({output.count_params()} params), each unit connected to every unit "
     f"of the next layer; {model.count_params()} parameters in total.")

# %% [markdown]
# Every line is one weight: $2 \cdot 4 + 4 \cdot 3 + 3 \cdot 1 = 23$ lines. The biases are not drawn; add
# them, $4 + 3 + 1 = 8$, one per unit, and we are back at the {glue}`total_params` parameters of the summary.
#
# ## Layers go in a list
#
# A common slip is to pass the layers to `keras.Sequential` one by one instead of in a list:

# %% tags=["raises-exception"]
keras.Sequential(layers.Dense(4, activation="relu"), layers.Dense(1))

# %% [markdown]
# The last line of the error says ``ValueError: Expected `trainable` to be a boolean``, and that the value it
# received is a `Dense` layer. It sounds unrelated to what we did, which is what makes this slip confusing. The
# traceback's first frame inside Keras shows the cause, just above its arrow: the signature of `Sequential`'s
# constructor, `def __init__(self, layers=None, trainable=True, name=None):`. The first argument is the list of
# layers; the second is a flag saying whether the model's weights can be trained. Passed one by one, the first `Dense` lands
# in `layers` and the second in `trainable`, which must be `True` or `False`. The fix is a pair of square
# brackets around the layers.
#
# There is also an incremental way to build the same model: start from an empty `Sequential` and `add` one layer
# at a time, in order. This is handy when the layers are made in a loop.

# %%
model_by_add = keras.Sequential()
model_by_add.add(keras.Input(shape=(2,)))
model_by_add.add(layers.Dense(4, activation="relu"))
model_by_add.add(layers.Dense(3, activation="relu"))
model_by_add.add(layers.Dense(1))
print("parameters:", model_by_add.count_params())

# %% [markdown]
# ## The activation as a layer of its own
#
# `layers.Dense(8, activation="relu")` does two things: the linear part $xW + b$, then ReLU. Keras can also
# split them into two layers, `layers.Dense(8)` followed by `layers.Activation("relu")`. To check that the two
# forms compute the same thing, we build one of each on 2 inputs and copy the weights of the first dense layer
# into the second, so both start from the same $W$ and $b$.

# %%
combined = keras.Sequential(
    [keras.Input(shape=(2,)), layers.Dense(8, activation="relu")]
)
separate = keras.Sequential(
    [keras.Input(shape=(2,)), layers.Dense(8), layers.Activation("relu")]
)

separate.layers[0].set_weights(combined.layers[0].get_weights())

# %% [markdown]
# Now we run both on the same batch of four examples and compare the outputs.

# %%
x = np.array([[0.5, -1.0], [2.0, 0.3], [-1.5, -0.7], [0.0, 1.2]],
             dtype="float32")
y_combined = combined.predict(x, verbose=0)
y_separate = separate.predict(x, verbose=0)

print("output shape:", y_combined.shape)
print("max abs difference:", np.max(np.abs(y_combined - y_separate)))
print("identical:", np.array_equal(y_combined, y_separate))

# %% [markdown]
# The outputs are not just close, they are identical. The separate form is handy when something has to go
# *between* the linear part and the activation, for example a batch normalization layer, which
# [Dropout and batch normalization](08_dropout_and_batch_normalization.ipynb) introduces.
#
# > **In older code: `input_shape`.** Keras 2 code often declares the input on the first layer instead of with
# > `keras.Input`:
# >
# > ```python
# > layers.Dense(4, activation="relu", input_shape=[2])
# > ```
# >
# > Keras reads `input_shape` only on the first layer of a `Sequential`; every later layer gets its input width
# > from the layer before it. Keras 3 still accepts this, but prints a warning asking for a `keras.Input(shape=(2,))` as
# > the first layer instead, which is the form this course uses.
#
# ## What's next
#
# In the exercise you will build a deep network of your own, for predicting the compressive strength of concrete
# from its ingredients and age: a regression task, so the output layer is linear.
# [Go to the exercise](04_exercise_concrete.ipynb) when you are ready.

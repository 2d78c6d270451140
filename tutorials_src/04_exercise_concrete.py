# %% [markdown]
# # Exercise: concrete compressive strength
# Work out the input shape of a real dataset, build a deep network for it, and try out activation functions.

# %% [markdown]
# How strong concrete gets depends on its recipe: how much cement, water, sand and gravel went into the mix, and
# how long it has set. In this exercise you prepare a network that predicts that strength from the recipe. You
# will work out the network's input shape, build a deep model, rewrite a model with separate activation layers,
# and look at a few activation functions. The next lesson trains the model you build here.
#
# ## How the exercise works
#
# Each question has a checker, `q_1` to `q_4`. You answer in a code cell by replacing the blank `____` with your
# code. The cell ends with a check such as `q_1.check()`, which reads your variable (`input_shape` for question 1,
# `model` for questions 2 and 3) and gives its verdict: **Correct**, **Incorrect** with what is wrong, or
# **Not answered yet** while the blank is still there. Stuck? `q_1.hint()` gives a hint and `q_1.solution()`
# shows the reference code. Each question has a cell with both lines commented out: uncomment one of them and run
# the cell.
#
# On the course site, every answer is folded under **Solution**, below its question. To work through the
# exercise yourself, download the *Exercise notebook* from the top of the lesson's page: it has the blanks and no
# solutions.
#
# First the imports, the checkers and the seed:

# %%
import keras
import numpy as np
from keras import layers

from course.data import FEATURES, TARGET, load_concrete
from course.exercises import ____
from course.exercises.deep_neural_networks import q_1, q_2, q_3, q_4
from course.glue import glue  # records values that the page's text quotes
from course.plotting import draw_network, function_grid, plot_functions, show

keras.utils.set_random_seed(0)

# %% [markdown]
# ## The data
#
# Each row of the dataset is one test: a sample of a concrete mix that was cast, left to set for a number of days
# and then crushed in a press. Eight columns describe it: seven ingredients in kg per m³ of mixture (Cement, BlastFurnaceSlag, FlyAsh, Water,
# Superplasticizer, CoarseAggregate, FineAggregate) and its Age at testing, in days. The last column,
# CompressiveStrength, is the load per unit area, in MPa, at which the sample broke.

# %%
concrete = load_concrete()
print("shape:", concrete.shape)
glue("row_count", len(concrete))
glue("column_count", concrete.shape[1])
concrete.head()

# %% [markdown]
# The table has {glue}`row_count` rows, one per test, and {glue}`column_count` columns. The same mix can appear
# more than once, tested at different ages.
#
# > **About the data.** I-Cheng Yeh, "Modeling of strength of high performance concrete using artificial neural
# > networks", *Cement and Concrete Research* 28(12):1797–1808 (1998). Published in the UCI Machine Learning
# > Repository as "Concrete Compressive Strength", under the CC BY 4.0 licence.
#
# The column we want to predict is the **target**; the other columns are the **features**, the model's inputs.
# `course.data` names them `TARGET` and `FEATURES`. We split the table along them: `X` holds the features,
# `y` the target.

# %%
X = concrete[list(FEATURES)]
y = concrete[TARGET]
print("target:", TARGET)

# %% [markdown]
# ## 1. The input shape
#
# A model's **input shape** is the shape of *one* example, as the model receives it. Two things that sit in the
# table are not part of it:
#
# - **The target.** It is what the model has to predict, so it cannot also be an input: a model that received
#   the strength would simply copy it, and it would be useless on a new mix whose strength nobody has measured.
# - **The number of rows.** Rows are examples, and the model sees them in batches of whatever size we pass.
#   Keras adds that batch axis itself (it is the `None` in a model summary), so the input shape describes a single
#   row and the same model works on 1 test or on all {glue}`row_count`.
#
# A shape is a list or a tuple of sizes, one per axis; this lesson writes lists: `[3]`, the same as `(3,)`, would
# mean each example is a row of 3 numbers.
#
# **Question 1.** What is the input shape for the concrete data? Set `input_shape` to it.

# %%
input_shape = ____  # a list of sizes, like [3]
q_1.check()

# %%
# q_1.hint()
# q_1.solution()

# %% tags=["solution"]
input_shape = [len(FEATURES)]  # the same as list(X.shape[1:])
q_1.check()

# %% [markdown]
# ## 2. A deep network
#
# **Question 2.** Build a `keras.Sequential` model with
#
# - the input `keras.Input(shape=input_shape)`,
# - three hidden `Dense` layers of 512 units each, with the ReLU activation,
# - an output `Dense` layer of one unit and no activation, since this is regression: the prediction is a
#   strength, a number that can take any value.
#
# Assign it to `model`. Remember that `keras.Sequential` takes the layers as a list.

# %%
model = ____  # keras.Sequential([...])
q_2.check()

# %%
# q_2.hint()
# q_2.solution()

# %% tags=["solution"]
model = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Dense(512, activation="relu"),
        layers.Dense(512, activation="relu"),
        layers.Dense(512, activation="relu"),
        layers.Dense(1),
    ]
)
model.summary()
fig = draw_network(model)
input_count = model.input_shape[-1]
show(fig, alt=f"Diagram of the network: {input_count} inputs, three hidden "
     "layers of 512 ReLU units each, of which only a few are drawn, and 1 "
     "linear output unit; every unit is connected to every unit of the next "
     "layer. Under each layer its parameter count, and "
     f"{model.count_params():,} parameters in total.")
glue("input_count", input_count)
glue("parameter_count", model.count_params())
q_2.check()

# %% [markdown]
# To check your model's size, run `model.summary()`: it should report {glue:text}`parameter_count:,` parameters.
# That is far more than the small network of the last lesson had, and almost all of them sit between the hidden
# layers.
# Counting weights and biases layer by layer:
#
# $$
# \begin{array}{ll}
# \text{hidden 1:} & 8 \cdot 512 + 512 = 4{,}608 \\
# \text{hidden 2 and 3, each:} & 512 \cdot 512 + 512 = 262{,}656 \\
# \text{output:} & 512 \cdot 1 + 1 = 513
# \end{array}
# $$
#
# and $4{,}608 + 2 \cdot 262{,}656 + 513 = 530{,}433$.
#
# > **In older code.** Keras 2 code declares the input on the first layer instead:
# > `layers.Dense(512, activation="relu", input_shape=input_shape)`. Keras reads `input_shape` only on that first layer;
# > the later layers get their input width from the layer before. Keras 3 still builds that model, but warns
# > and asks for a `keras.Input` as the first layer.
# >
# > **A slip to avoid.** You may also meet `input_shape=(input_shape,)`. That is right only when `input_shape`
# > holds a number, like `8`, and the tuple `(8,)` turns it into a shape. Our `input_shape` is already a list,
# > `[8]`, so `(input_shape,)` is `([8],)`, a list inside a tuple, and Keras refuses it with a `ValueError`:
# > "Cannot convert '([8],)' to a shape". Pass the list as it is: `keras.Input(shape=input_shape)`.

# %% [markdown]
# ## 3. Activations as layers
#
# The last lesson showed that `layers.Dense(8, activation="relu")` computes the same as `layers.Dense(8)`
# followed by `layers.Activation("relu")`, and the same holds for any number of units. Here is a small model
# written the first way:
#
# ```python
# keras.Sequential([
#     keras.Input(shape=[8]),
#     layers.Dense(32, activation="relu"),
#     layers.Dense(32, activation="relu"),
#     layers.Dense(1),
# ])
# ```
#
# **Question 3.** Rewrite it so that each activation is a layer of its own, `layers.Activation("relu")`, and
# assign it to `model`.

# %%
model = ____  # keras.Sequential([...])
q_3.check()

# %%
# q_3.hint()
# q_3.solution()

# %% tags=["solution"]
model = keras.Sequential(
    [
        keras.Input(shape=[8]),
        layers.Dense(32),
        layers.Activation("relu"),
        layers.Dense(32),
        layers.Activation("relu"),
        layers.Dense(1),
    ]
)
model.summary()
glue("rewritten_parameter_count", model.count_params())
q_3.check()

# %% [markdown]
# In the rewritten model's `model.summary()`, each `Activation` layer has 0 parameters: it only applies its
# function and holds no weights. So the total, {glue:text}`rewritten_parameter_count:,`, is the same as for the
# original model.

# %% [markdown]
# ## 4. Explore activation functions
#
# ReLU is one activation among many, and you can call an activation layer directly on numbers to see its shape.
# The cell below applies `layers.Activation("relu")` to 100 points from $-3$ to $3$ and plots the result.
#
# **Question 4 (open).** Change `activation_name` and run the cell again, for `"elu"`, `"selu"`, `"swish"`, and
# any others you like: `"softplus"`, `"sigmoid"`, `"tanh"`, `"gelu"`. There is no wrong answer here;
# `q_4.check()` tells you what to look for.
#
# > **Older notebooks.** You may meet exercises that style their plots with `plt.style.use("seaborn-whitegrid")`.
# > Matplotlib renamed that style `seaborn-v0_8-whitegrid` in version 3.6 and current versions no longer know the
# > old name. The plots here use the course's own style from `course.plotting` instead.

# %%
activation_name = "relu"

x = np.linspace(-3.0, 3.0, 100, dtype="float32")
activation = layers.Activation(activation_name)
fig = plot_functions(x, {activation_name: activation(x)},
                     title=f"The {activation_name} activation",
                     ylabel=f"{activation_name}(x)")
# for a screen reader: where the curve starts, bottoms out and ends
values = keras.ops.convert_to_numpy(activation(x))
at_zero = keras.ops.convert_to_numpy(activation(np.zeros(1, "float32")))[0]
# the inputs where the curve is lowest: one point, or a flat floor (relu)
floor = np.flatnonzero(values == values.min())
where = f"at {x[floor[0]]:.2f}"
if len(floor) > 1:
    where = f"from {x[floor[0]]:.2f} to {x[floor[-1]]:.2f}"
show(fig, alt=f"The {activation_name} activation applied to 100 inputs "
     f"from -3 to 3: {values[0]:.2f} at -3, {at_zero:.2f} at 0, "
     f"{values[-1]:.2f} at 3, lowest {values.min():.2f} {where}.")
glue("q4_activation", activation_name)
glue("q4_start", values[0])
glue("q4_at_zero", at_zero)
glue("q4_lowest", values.min())
glue("q4_lowest_first", x[floor[0]])
glue("q4_lowest_last", x[floor[-1]])
glue("q4_end", values[-1])
q_4.check()

# %%
# q_4.hint()
# q_4.solution()

# %% tags=["solution"]
# Eight activations side by side, on shared axes.
names = ["relu", "elu", "selu", "swish",
         "softplus", "gelu", "sigmoid", "tanh"]
panels = {name: {"activation": layers.Activation(name)(x)} for name in names}
fig = function_grid(x, panels, ncols=4,
                    suptitle="Activation functions on inputs from -3 to 3")
show(
    fig,
    alt="Eight activation functions on inputs from -3 to 3. relu is zero "
    "for negative inputs with a kink at 0; elu and selu bend down to a "
    "negative floor, elu smoothly and selu with a kink at 0; swish and gelu "
    "dip slightly below zero before rising; softplus is a smooth version of "
    "relu; sigmoid and tanh are S-shaped and flatten out on both sides.",
)

# %% [markdown]
# ## What's next
#
# You now have a deep network for the concrete data, but its {glue:text}`parameter_count:,` parameters still hold
# their random starting values, so its predictions mean nothing yet. [The next lesson](05_training.ipynb) trains
# this model on the concrete data.

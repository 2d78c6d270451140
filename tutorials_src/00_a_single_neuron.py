# %% [markdown]
# # A single neuron
# The linear unit $y = wx + b$: one `Dense(1)` layer in Keras, its weight and bias, and a model's input shape.

# %% [markdown]
# Every network in this course is built from one small piece: the **linear unit**, or **neuron**. It takes a
# number $x$, multiplies it by a **weight** $w$ and adds a **bias** $b$:
#
# $$ y = wx + b $$
#
# That is the equation of a line: $w$ is its slope and $b$ is its height at $x = 0$. In the diagram below the
# unit (Σ) adds up what reaches it. As in most texts, the bias is drawn as the weight on an extra input that is
# always 1. That gives the same sum as adding $b$, which is what Keras does: it keeps the bias as a variable of
# its own. The diagram uses the labels of a whole layer, which [lesson 1](01_layers.ipynb) builds: $w_{00}$ is the
# weight from input 0 to unit 0 and $b_0$ is the bias of unit 0. With one input and one unit they are our $w$ and
# $b$, and the formula under the diagram, $y_j = \sum_i w_{ij} x_i + b_j$, is $y = wx + b$.
#
# The unit **learns** by changing $w$ and $b$. Before training they hold starting values; training changes them
# until the unit's outputs come close to the answers in the data. This lesson builds a unit in Keras, looks at its
# weight and bias, and draws the line it computes before any training. How training finds better values is the
# subject of [lesson 6](06_stochastic_gradient_descent.ipynb).
#
# First the imports and the seed. The seed makes the random starting weights the same on every run.

# %%
import keras
import numpy as np
from keras import layers

from course.data.auto_mpg import FEATURES, TARGET, load_auto_mpg
from course.exercises import ____
from course.exercises.a_single_neuron import q_1, q_2, q_3, q_4
from course.glue import glue  # records values that the page's text quotes
from course.plotting import draw_dense_layer, plot_functions, show

keras.utils.set_random_seed(0)
np.set_printoptions(precision=3, suppress=True)

# %%
fig = draw_dense_layer(1, 1, input_labels=["x"], unit_labels=["y"],
                       title="A linear unit")
show(fig, alt="A linear unit: the input x and a constant input 1 both connect "
     "to one summing unit Σ that outputs y; the edge from x carries the "
     "weight, labelled w00, and the edge from the 1 carries the bias, "
     "labelled b0.")

# %% [markdown]
# ## The data: fuel economy of cars
#
# Our example is the Auto MPG data: {glue}`n_cars` car models from the years {glue}`first_year` to
# {glue}`last_year`, with the fuel economy each one achieved, in **miles per US gallon** (`mpg`, higher is
# thriftier), and a few measurements of the car.

# %%
auto = load_auto_mpg()
print("shape:", auto.shape)
glue("n_cars", len(auto))
glue("n_columns", auto.shape[1])
# model years are stored as their last two digits
glue("year_min", auto["year"].min())
glue("first_year", 1900 + auto["year"].min())
glue("last_year", 1900 + auto["year"].max())
auto.head()

# %% [markdown]
# Each row is one car model; the {glue}`n_columns` columns are its mpg, the number of cylinders, the engine
# displacement (cubic inches), the horsepower, the weight (pounds), the acceleration (seconds from 0 to 60 mph),
# the model year ({glue}`year_min` for {glue}`first_year`), the region it came from and its name.
#
# > **About the data.** From the StatLib library at Carnegie Mellon University; J. R. Quinlan, "Combining
# > Instance-Based and Model-Based Learning", *Proceedings of the Tenth International Conference on Machine
# > Learning* (1993). Published in the UCI Machine Learning Repository as "Auto MPG" under the CC BY 4.0 licence.
# > The copy here is the one of the book *An Introduction to Statistical Learning*, which leaves out the cars
# > whose horsepower is unknown.
#
# ## One input: fuel economy from weight
#
# Heavier cars burn more fuel, so a car's weight should say something about its mpg. Take the weight in thousands
# of pounds as the input $x$ and the mpg as the output $y$. A linear unit then predicts
# $\text{mpg} = w \cdot \text{weight} + b$: a line through the scatter of cars.
#
# Before Keras, the line that fits the cars best can be computed directly, with least squares. It gives us
# something to compare an untrained unit with.

# %%
weight = auto["weight"].to_numpy() / 1000  # in 1000 lb: inputs of a few units
mpg = auto[TARGET].to_numpy()
best_w, best_b = np.polyfit(weight, mpg, deg=1)
print(f"best line: mpg = {best_w:.2f} * weight + {best_b:.2f}")
glue("best_w", best_w)
glue("best_b", best_b)
glue("best_cost", -best_w)

# %% [markdown]
# The best slope, {glue:text}`best_w:.2f`, is negative: every extra thousand pounds costs about
# {glue:text}`best_cost:.2f` miles per gallon. The best bias, {glue:text}`best_b:.1f`, is the mpg the line gives at
# a weight of 0, a car that cannot exist: the line only has to be right where the cars are, and the bias is what
# puts it at the right height there.
#
# ## A linear unit in Keras
#
# In Keras a layer of linear units is `layers.Dense`, and its first argument is the number of units. A single
# neuron is `layers.Dense(1)`. A model also needs to know the shape of its input, given with `keras.Input`; here
# each car is one number, its weight, so the shape is `[1]`. `keras.Sequential` builds the model from a list: the
# input first, then the layers in the order the data passes through them ([lesson 3](03_stacking.ipynb) says more).

# %%
model = keras.Sequential([
    keras.Input(shape=[1]),
    layers.Dense(1),
])
model.summary()
glue("params_one_input", model.count_params())

# %% [markdown]
# The summary shows {glue}`params_one_input` parameters: the unit's weight and its bias. The output shape
# `(None, 1)` is one number per car; the `None` is the batch axis, the number of cars the model gets at once,
# which Keras leaves open.
#
# ## Weights and bias
#
# `model.weights` lists the model's variables: first the **kernel**, the weights, then the **bias**.

# %%
w, b = model.weights
print("kernel:", w.shape, w.numpy().ravel())
print("bias:  ", b.shape, b.numpy())
glue("start_w", float(w.numpy()[0, 0]))

# %% [markdown]
# The kernel has shape `(1, 1)`, one row per input and one column per unit, and the bias has shape `(1,)`, one
# per unit. The bias starts at 0. The weight starts at a random value: Keras draws a `Dense` kernel uniformly
# between $-\sqrt{6/(n_\text{in} + n_\text{out})}$ and $+\sqrt{6/(n_\text{in} + n_\text{out})}$ (the
# *Glorot uniform* initializer), where $n_\text{in}$ and $n_\text{out}$ count the layer's inputs and units. Here
# both are 1, so the weight starts somewhere between $-\sqrt{3}$ and $\sqrt{3}$, about $\pm 1.73$; with this seed
# it drew {glue:text}`start_w:.2f`.
#
# The unit really computes $wx + b$. Feed it three car weights and compare with the formula (`verbose=0` stops
# `predict` from printing a progress bar):

# %%
x = np.array([[2.0], [3.0], [4.0]])  # three cars: 2000, 3000 and 4000 lb
print("model:  ", model.predict(x, verbose=0).ravel())
print("w*x + b:", (x * w.numpy() + b.numpy()).ravel())

# %% [markdown]
# ## The untrained model's line
#
# Feed the model car weights all the way from the lightest car to the heaviest and it draws its line. Next to the
# cars and the best line, it shows what a unit knows before training: nothing.

# %%
grid = np.linspace(weight.min(), weight.max(), 50).reshape(-1, 1)
untrained = model.predict(grid, verbose=0).ravel()
fig = plot_functions(
    grid.ravel(),
    {"untrained unit": untrained, "best line": best_w * grid.ravel() + best_b},
    title="Fuel economy against weight",
    xlabel="weight (1000 lb)",
    ylabel="fuel economy (mpg)",
)
fig.axes[0].scatter(weight, mpg, s=6, color="#999999", label="cars", zorder=2)
fig.axes[0].legend(loc="best")
start_w = float(w.numpy()[0, 0])
trend = "lower" if best_w < 0 else "higher"
show(fig, alt=(
    f"{len(auto)} cars as grey dots, weighing {weight.min():.1f} to "
    f"{weight.max():.1f} thousand pounds, with {mpg.min():.0f} to "
    f"{mpg.max():.0f} mpg, {trend} for heavier cars. The best line has "
    f"slope {best_w:.2f}. The untrained unit's line has slope {start_w:.2f} "
    f"and passes through 0, predicting {untrained.min():.1f} to "
    f"{untrained.max():.1f} mpg, below every car."
))
glue("weight_min", weight.min(), display=False)
glue("weight_max", weight.max(), display=False)
glue("mpg_min", mpg.min(), display=False)
glue("mpg_max", mpg.max(), display=False)
glue("untrained_min", untrained.min(), display=False)
glue("untrained_max", untrained.max(), display=False)
# |w| <= sqrt(3) and b = 0
glue("untrained_bound", np.sqrt(3) * weight.max(), display=False)

# %% [markdown]
# The untrained line has a random slope, {glue:text}`start_w:.2f`, and crosses 0 at weight 0, because the bias
# starts at 0. Whatever slope the seed draws, its predictions stay below every car: the slope is at most $\sqrt{3}$
# either way and the heaviest car weighs {glue:text}`weight_max:.2f` thousand pounds, so the line never leaves
# ±{glue:text}`untrained_bound:.1f` mpg, and the thirstiest car makes {glue:text}`mpg_min:.0f` mpg. Training will
# move $w$ and $b$ until the line runs through the cars.
#
# ## Several inputs
#
# A car has more measurements than its weight. A linear unit takes any number of inputs and gives each its own
# weight, then adds them up with the bias:
#
# $$ y = w_0 x_0 + w_1 x_1 + \dots + w_5 x_5 + b $$
#
# We use the six columns that are numeric quantities (the model year among them), the ones `course.data.auto_mpg`
# names `FEATURES`. The other two columns are left out:
#
# - `name` is text, like "chevrolet chevelle malibu". A unit multiplies numbers by weights, and a name is not a
#   number; it is not even a measurement of the car, only a label, and most names belong to one or two rows.
# - `origin` is a number, but a code: 1 for American, 2 for European and 3 for Japanese cars. A weight on it
#   would treat Japan as "three times" America and Europe as halfway between; the numbers are labels, not
#   amounts. (Codes like this can be turned into one yes-or-no column per region; we keep to the measurements.)
#
# The **input shape** is the shape of one example, as the model receives it: one car is a row of 6 numbers, so
# the shape is `[6]`. Neither the number of cars (Keras adds the batch axis itself) nor the target `mpg` (the
# answer the unit must predict, not an input) is part of it.

# %%
X = auto[list(FEATURES)]
y = auto[TARGET]
print("features:", list(X.columns))
print("one car: ", X.shape[1:])

# %% [markdown]
# A model with one unit on six inputs has 6 weights and 1 bias, 7 parameters; its kernel has shape `(6, 1)`.
#
# > **In older code.** Keras 2 code gives the input shape to the first layer instead of using `keras.Input`:
# > `layers.Dense(1, input_shape=[6])`. Keras reads that argument only on the first layer of a `Sequential`
# > model; Keras 3 still accepts it there, with a warning that asks for `keras.Input(shape=...)` as the first
# > item instead. This course always writes `keras.Input`.
#
# ## Exercise: a linear model of fuel economy
#
# Now build that model yourself. Each question has a checker, `q_1` to `q_4`. In questions 1 to 3, replace the blank
# `____` with your code and run the cell, which ends with a check such as `q_1.check()`. It answers **Correct**,
# **Incorrect** with what is wrong, or **Not answered yet** while the blank is still there. A question marked *(open)*
# has no wrong answer: its check says **Open question** and what to look for. `q_1.hint()` gives a hint and
# `q_1.solution()` shows the answer; each question has a cell with both lines commented out.
#
# On the course site the answer to each question with a blank is folded under **Solution**, after the question. To
# work through the exercise yourself, download the *Exercise notebook* at the top of this page: it has the blanks
# and no answers.
#
# ### 1. Input shape
#
# **Question 1.** `X` holds the six feature columns. What is the input shape of a model that reads them? Set
# `input_shape` to it, as a list.

# %%
input_shape = ____  # a list of sizes, like [3]
q_1.check()

# %%
# q_1.hint()
# q_1.solution()

# %% tags=["solution"]
input_shape = list(X.shape[1:])
print(input_shape)
q_1.check()

# %% [markdown]
# ### 2. A linear model
#
# **Question 2.** Build a `keras.Sequential` model with the input `keras.Input(shape=input_shape)` and a single
# linear unit, `layers.Dense(1)`. Assign it to `model`.

# %%
model = ____  # keras.Sequential([...])
q_2.check()

# %%
# q_2.hint()
# q_2.solution()

# %% tags=["solution"]
model = keras.Sequential([
    keras.Input(shape=input_shape),
    layers.Dense(1),
])
model.summary()
q_2.check()

# %% [markdown]
# ### 3. Look at the weights
#
# **Question 3.** `model.weights` holds the kernel and then the bias. Unpack them into `w` and `b`, and print
# them. Before you run it: what shapes do you expect?

# %%
w, b = ____, ____  # take them from model.weights
q_3.check()

# %%
# q_3.hint()
# q_3.solution()

# %% tags=["solution"]
w, b = model.weights
print("kernel:", w.shape, "\n", w.numpy())
print("bias:  ", b.shape, b.numpy())
q_3.check()

# %% [markdown]
# The kernel has shape `(6, 1)`: one weight per feature, in the order of `FEATURES`, for the one unit. The bias
# has shape `(1,)` and starts at 0. With 6 inputs and 1 unit, Glorot uniform draws the weights between
# $\pm\sqrt{6/7}$, about $\pm 0.93$.
#
# ### 4. Plot an untrained unit (open)
#
# **Question 4 (open).** The cell below builds a unit with one input, the horsepower in hundreds, and plots its line
# over the cars, as we did for the weight. Run it with other seeds, or change the feature. What stays the same from
# run to run, and what changes? There is no wrong answer; `q_4.check()` says what to look for.

# %%
keras.utils.set_random_seed(1)
feature, scale = "horsepower", 100  # or "displacement", 100
                                    # or "acceleration", 10
one_input = keras.Sequential([keras.Input(shape=[1]), layers.Dense(1)])
values = auto[feature].to_numpy() / scale
line_x = np.linspace(values.min(), values.max(), 50).reshape(-1, 1)
line_y = one_input.predict(line_x, verbose=0).ravel()
fig = plot_functions(line_x.ravel(), {"untrained unit": line_y},
                     title=f"An untrained unit on {feature}",
                     xlabel=f"{feature} / {scale}", ylabel="mpg")
fig.axes[0].scatter(values, mpg, s=6, color="#999999", zorder=2)
slope = float(one_input.weights[0].numpy()[0, 0])
show(fig, alt=f"The cars' mpg against {feature} / {scale} as grey dots, and "
     f"the straight line of an untrained unit, with slope {slope:.2f}, "
     f"predicting from {line_y.min():.1f} to {line_y.max():.1f} mpg.")
glue("q4_feature", feature, display=False)
glue("q4_scale", scale, display=False)
glue("q4_slope", slope, display=False)
glue("q4_pred_min", line_y.min(), display=False)
glue("q4_pred_max", line_y.max(), display=False)
q_4.check()

# %%
# q_4.hint()
# q_4.solution()

# %% [markdown]
# ## What's next
#
# A single linear unit can only draw a straight line, or, with six inputs, a hyperplane (a flat plane in more
# dimensions). The next lesson, [Layers](01_layers.ipynb), puts many units side by side into a dense layer; later
# lessons stack layers and add activation functions, so that the network can bend.

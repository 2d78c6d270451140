# %% [markdown]
# # Layers
# A dense layer is a set of linear units that share their inputs.

# %%
import keras

keras.utils.set_random_seed(0)
layer = keras.layers.Dense(2)
print(layer(keras.ops.ones((1, 3))))

"""Lesson 01 (Layers): a dense layer computes x @ W + b, with the shapes and numbers the text states."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tests.helpers import outputs_text, stderr_outputs

LESSON = "01_layers"


@pytest.mark.slow
def test_dense_layer_is_x_times_kernel_plus_bias():
    import keras

    keras.utils.set_random_seed(0)
    x = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 0.5]], dtype="float32")
    layer = keras.layers.Dense(2)
    layer(x)
    layer.bias.assign([0.5, -1.0])
    W, b = layer.get_weights()

    assert W.shape == (2, 2)
    assert b.shape == (2,)
    assert layer.count_params() == 2 * 2 + 2
    np.testing.assert_allclose(keras.ops.convert_to_numpy(layer(x)), x @ W + b, rtol=0, atol=1e-6)


@pytest.mark.slow
def test_lesson_prints_shapes_and_an_exact_match(executed_lesson):
    text = outputs_text(executed_lesson(LESSON))

    assert "input x, shape (3, 2)" in text
    assert "output y, shape (3, 2)" in text
    assert "kernel W, shape (2, 2)" in text
    assert "bias b, shape (2,)" in text
    assert "parameters: 6" in text
    assert "same as the layer: True" in text
    # The text says the hand computation and the layer agree exactly.
    difference = re.search(r"largest difference: (\S+)", text)
    assert difference is not None
    assert float(difference.group(1)) == 0.0
    # Rescaling(1/255) maps 0, 127.5, 255 to 0, 0.5, 1.
    assert "[[0.  0.5 1. ]]" in text


@pytest.mark.slow
def test_lesson_writes_nothing_to_stderr(executed_lesson):
    assert stderr_outputs(executed_lesson(LESSON)) == []


def _prose() -> str:
    from course.engine.sources import read_tutorial
    from tests.conftest import TUTORIALS

    notebook = read_tutorial(TUTORIALS / f"{LESSON}.py").notebook
    return " ".join("\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown").split())


def test_glorot_range_stated_for_a_2x2_kernel_is_sqrt_6_over_4():
    # The text derives the range by hand: sqrt(6 / (2 + 2)), about 1.22.
    assert round(float(np.sqrt(6 / (2 + 2))), 2) == 1.22
    assert r"\pm\sqrt{6/4} \approx \pm 1.22" in _prose()


@pytest.mark.slow
def test_glorot_uniform_draws_inside_the_stated_range(executed_lesson):
    import keras

    limit = np.sqrt(6 / (300 + 200))
    kernel = keras.ops.convert_to_numpy(keras.initializers.GlorotUniform(seed=0)((300, 200)))
    assert np.abs(kernel).max() <= limit and np.abs(kernel).max() > 0.95 * limit  # the range, filled to its edge
    text = outputs_text(executed_lesson(LESSON))
    assert "Glorot uniform range: +/- 1.2247" in text
    assert "every kernel entry inside it: True" in text


def test_the_linear_unit_is_lesson_0_and_input_shape_belongs_to_the_first_layer_only():
    prose = _prose()
    assert "[A single neuron](00_a_single_neuron.ipynb)" in prose
    assert "You have met" not in prose
    # Every layer accepts the argument (with a warning); Keras reads it on the first (test_09 checks a later one).
    assert "Keras reads `input_shape` only on the first layer of a `Sequential`" in prose


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:__array__ implementation:DeprecationWarning")  # NumPy 2 on a Keras variable
def test_a_one_item_tuple_and_a_list_declare_the_same_input_and_convert_to_numpy_takes_outputs_and_weights():
    import keras

    # The text: (2,), a tuple with one item, and the list [2] declare the same input.
    as_tuple = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(2)])
    as_list = keras.Sequential([keras.Input(shape=[2]), keras.layers.Dense(2)])
    assert as_tuple.input_shape == as_list.input_shape == (None, 2)
    assert as_tuple.layers[0].kernel.shape == as_list.layers[0].kernel.shape == (2, 2)
    # keras.ops.convert_to_numpy turns a layer's output and its weight variables alike into NumPy arrays.
    output = as_list(np.ones((1, 2), dtype="float32"))
    assert isinstance(keras.ops.convert_to_numpy(output), np.ndarray)
    assert isinstance(keras.ops.convert_to_numpy(as_list.layers[0].kernel), np.ndarray)
    prose = _prose()
    assert "`(2,)` is a Python tuple with one item" in prose and "the list `[2]`" in prose
    assert "The layer returns a **tensor**" in prose

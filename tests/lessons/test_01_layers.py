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

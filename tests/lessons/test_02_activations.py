"""Lesson 02 (Activation functions): linear layers compose to one, ReLU is max(0, x), and the figures are there."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tests.helpers import alt_text, image_outputs, outputs_text, stderr_outputs

LESSON = "02_activations"


@pytest.mark.slow
def test_two_linear_layers_equal_one():
    import keras

    keras.utils.set_random_seed(1)
    x = np.random.normal(size=(7, 2)).astype("float32")
    first = keras.layers.Dense(3, bias_initializer="random_normal")
    second = keras.layers.Dense(2, bias_initializer="random_normal")
    stacked = keras.ops.convert_to_numpy(second(first(x)))

    (W1, b1), (W2, b2) = first.get_weights(), second.get_weights()
    one = keras.layers.Dense(2)
    one.build((None, 2))
    one.set_weights([W1 @ W2, b1 @ W2 + b2])

    np.testing.assert_allclose(keras.ops.convert_to_numpy(one(x)), stacked, rtol=0, atol=1e-5)


@pytest.mark.slow
def test_relu_is_max_of_zero_and_x():
    import keras

    grid = np.linspace(-3, 3, 601, dtype="float32")
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(keras.activations.relu(grid)), np.maximum(0, grid))


@pytest.mark.slow
def test_facts_the_gallery_states():
    import keras

    grid = np.linspace(-3, 3, 601, dtype="float32")[:, None]
    # swish is an alias of silu; an untrained PReLU equals ReLU; LeakyReLU's default slope is 0.3.
    assert keras.activations.get("swish") is keras.activations.get("silu")
    prelu = keras.ops.convert_to_numpy(keras.layers.PReLU()(grid))
    np.testing.assert_array_equal(prelu, np.maximum(0, grid))
    leaky = keras.ops.convert_to_numpy(keras.layers.LeakyReLU()(np.array([-1.0, 2.0], dtype="float32")))
    np.testing.assert_allclose(leaky, [-0.3, 2.0], rtol=1e-6)


@pytest.mark.slow
def test_lesson_shows_the_composition_and_relu_checks(executed_lesson):
    text = outputs_text(executed_lesson(LESSON))

    # The text says the difference is about 2e-7 (float32 rounding).
    difference = re.search(r"largest difference: (\S+)", text)
    assert difference is not None
    assert 1e-7 <= float(difference.group(1)) < 3e-7
    assert "equal to max(0, x) at all 601 points: True" in text
    assert "'swish'  -> keras.activations.silu" in text
    assert "'silu'   -> keras.activations.silu" in text


@pytest.mark.slow
def test_lesson_has_three_figures_with_alt_text(executed_lesson):
    images = image_outputs(executed_lesson(LESSON))
    assert len(images) >= 3
    assert all(alt_text(image).strip() for image in images)


@pytest.mark.slow
def test_lesson_writes_nothing_to_stderr(executed_lesson):
    assert stderr_outputs(executed_lesson(LESSON)) == []

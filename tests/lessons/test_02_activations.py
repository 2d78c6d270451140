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

    difference = re.search(r"largest difference: (\S+)", text)
    assert difference is not None
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


def _resolved_prose(nb) -> str:
    from course.engine.glue import resolve_glue
    from course.engine.sources import read_tutorial
    from tests.conftest import TUTORIALS

    resolved = resolve_glue(nb, read_tutorial(TUTORIALS / f"{LESSON}.py"))
    return " ".join("\n".join(cell.source for cell in resolved.cells if cell.cell_type == "markdown").split())


@pytest.mark.slow
def test_leaky_relu_has_two_defaults_and_the_text_says_both(executed_lesson):
    import keras

    minus_one = np.array([[-1.0]], dtype="float32")
    assert keras.ops.convert_to_numpy(keras.layers.LeakyReLU()(minus_one))[0, 0] == pytest.approx(-0.3)
    assert keras.ops.convert_to_numpy(keras.activations.leaky_relu(minus_one))[0, 0] == pytest.approx(-0.2)
    assert keras.activations.get("leaky_relu") is keras.activations.leaky_relu
    nb = executed_lesson(LESSON)
    text = outputs_text(nb)
    assert re.search(r"layers\.LeakyReLU\(\): -0\.3\d*$", text, flags=re.MULTILINE)
    assert re.search(r'activation="leaky_relu": -0\.2\d*$', text, flags=re.MULTILINE)
    prose = _resolved_prose(nb)
    assert "the `LeakyReLU` *layer* uses 0.3" in prose and "uses 0.2" in prose


@pytest.mark.slow
def test_selu_slope_jumps_at_zero_and_the_text_and_alt_say_so(executed_lesson):
    import keras

    # Keras's selu: scale * x for x > 0, scale * alpha * (exp(x) - 1) below, so the slope jumps from scale * alpha
    # to scale at 0.
    scale, alpha = 1.0507009873554805, 1.6732632423543772
    nb = executed_lesson(LESSON)
    prose = _resolved_prose(nb)
    assert f"from about {scale * alpha:.2f} just left of 0 to about {scale:.2f} just right" in prose
    assert "lecun_normal" in prose and "enough units" in prose
    gallery = [image for image in image_outputs(nb) if "Nine panels" in alt_text(image)]
    assert len(gallery) == 1
    jumping = re.search(r"The slopes of (.+?) jump at 0", alt_text(gallery[0])).group(1).split(", ")
    assert jumping == ["relu", "selu", "leaky relu (0.1)", "PReLU"]
    assert "The untrained PReLU looks exactly like relu." in alt_text(gallery[0])
    x = np.array([-1e-3, 1e-3], dtype="float32")
    assert np.allclose(keras.ops.convert_to_numpy(keras.activations.selu(x)), [scale * alpha * np.expm1(-1e-3), scale * 1e-3])


@pytest.mark.slow
def test_relu_is_called_the_usual_choice_because_dense_defaults_to_no_activation(executed_lesson):
    import keras

    assert keras.layers.Dense(1).activation is keras.activations.linear
    prose = _resolved_prose(executed_lesson(LESSON))
    assert "the usual choice for hidden layers (Keras's `Dense` defaults to no activation)" in prose
    assert "default for hidden layers" not in prose


@pytest.mark.slow
def test_lists_glued_for_the_chinese_alt_text_are_joined_with_the_chinese_list_comma(executed_lesson):
    from course.engine.glue import glued_values

    values = glued_values(executed_lesson(LESSON))
    assert values["gallery_names"].text == "、".join(
        ["relu", "sigmoid", "tanh", "elu", "selu", "silu", "gelu", "leaky relu (0.1)", "PReLU"])
    assert values["jumping_slopes"].text == "、".join(["relu", "selu", "leaky relu (0.1)", "PReLU"])


@pytest.mark.slow
def test_composition_difference_is_glued_and_is_float32_rounding(executed_lesson):
    from course.engine.glue import glued_values

    nb = executed_lesson(LESSON)
    difference = float(glued_values(nb)["composition_difference"].text)
    assert 0 < difference < 1e-5
    assert f"The largest difference, about {difference:.0e}, is float32 rounding" in _resolved_prose(nb)

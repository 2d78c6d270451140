"""Lesson 03, stacking dense layers: the facts its text states, recomputed here and read from its executed outputs."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tests.helpers import image_outputs, outputs_text

LESSON = "03_stacking"
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")

pytestmark = pytest.mark.slow


def _stack():
    import keras
    from keras import layers

    return keras.Sequential(
        [
            keras.Input(shape=(2,)),
            layers.Dense(4, activation="relu"),
            layers.Dense(3, activation="relu"),
            layers.Dense(1),
        ]
    )


# --- the facts, recomputed --------------------------------------------------------------------------------------


def test_the_2_4_3_1_stack_has_12_15_and_4_parameters_31_in_all():
    model = _stack()
    assert [tuple(layer.kernel.shape) for layer in model.layers] == [(2, 4), (4, 3), (3, 1)]
    assert [layer.count_params() for layer in model.layers] == [2 * 4 + 4, 4 * 3 + 3, 3 * 1 + 1] == [12, 15, 4]
    assert model.count_params() == 31
    # The diagram's arithmetic: 23 weights (lines) plus 8 biases (one per unit).
    weights = sum(int(np.prod(layer.kernel.shape)) for layer in model.layers)
    biases = sum(int(layer.bias.shape[0]) for layer in model.layers)
    assert (weights, biases) == (23, 8)


def test_passing_layers_as_separate_arguments_raises_value_error_about_trainable():
    import keras
    from keras import layers

    with pytest.raises(ValueError, match="Expected `trainable` to be a boolean"):
        keras.Sequential(layers.Dense(4, activation="relu"), layers.Dense(1))


def test_dense_then_activation_equals_dense_with_activation():
    import keras
    from keras import layers

    keras.utils.set_random_seed(1)
    combined = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(8, activation="relu")])
    separate = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(8), layers.Activation("relu")])
    separate.layers[0].set_weights(combined.layers[0].get_weights())
    x = np.random.default_rng(1).normal(size=(64, 2)).astype("float32")
    y_combined = combined.predict(x, verbose=0)
    y_separate = separate.predict(x, verbose=0)
    assert np.array_equal(y_combined, y_separate)
    # Meaningful only if ReLU cut some outputs to zero and let others through.
    assert 0 < np.mean(y_combined == 0) < 1


# --- the executed lesson ----------------------------------------------------------------------------------------


def _code_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def test_summary_shows_31_total_params(executed_lesson):
    text = ANSI_ESCAPE.sub("", outputs_text(executed_lesson(LESSON)))
    assert re.search(r"Total params: 31\b", text)
    assert re.search(r"Trainable params: 31\b", text)


def test_parameter_breakdown_and_comparisons_are_printed(executed_lesson):
    text = outputs_text(executed_lesson(LESSON))
    for line in (
        "kernel 2x4 + bias 4 = 12  (count_params: 12)",
        "kernel 4x3 + bias 3 = 15  (count_params: 15)",
        "kernel 3x1 + bias 1 =  4  (count_params: 4)",
        "total: 31",
        "parameters: 31",  # the same model built with model.add
        "max abs difference: 0.0",
        "identical: True",
    ):
        assert line in text


def test_raises_exception_cell_shows_the_value_error(executed_lesson):
    cells = _code_cells(executed_lesson(LESSON))
    tagged = [cell for cell in cells if "raises-exception" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1
    errors = [output for output in tagged[0].outputs if output.output_type == "error"]
    assert len(errors) == 1
    assert errors[0].ename == "ValueError"
    assert errors[0].evalue.startswith("Expected `trainable` to be a boolean. Received: trainable=<Dense")


def test_network_diagram_has_alt_text(executed_lesson):
    images = image_outputs(executed_lesson(LESSON))
    assert len(images) == 1
    alt = images[0].metadata["image/png"]["alt"]
    for fact in ("2 inputs", "4 ReLU units (12 params)", "3 ReLU units (15 params)", "output unit (4 params)", "31"):
        assert fact in alt


def test_the_text_restates_the_total_from_glue_and_counts_the_layers_by_hand(executed_lesson):
    from course.engine.glue import glued_values, resolve_glue
    from course.engine.sources import read_tutorial
    from tests.conftest import TUTORIALS

    notebook = executed_lesson(LESSON)
    assert int(glued_values(notebook)["total_params"].text) == _stack().count_params()
    resolved = resolve_glue(notebook, read_tutorial(TUTORIALS / f"{LESSON}.py"))
    prose = " ".join("\n".join(cell.source for cell in resolved.cells if cell.cell_type == "markdown").split())
    assert "and $12 + 15 + 4 = 31$ parameters in the whole network" in prose
    assert "`count_params()` agree: 31 parameters" in prose
    assert "back at the 31 parameters of the summary" in prose


def test_no_cell_writes_to_stderr(executed_lesson):
    for cell in _code_cells(executed_lesson(LESSON)):
        assert not [output for output in cell.outputs if output.get("name") == "stderr"], cell.source


def _prose() -> str:
    from course.engine.sources import read_tutorial
    from tests.conftest import TUTORIALS

    notebook = read_tutorial(TUTORIALS / f"{LESSON}.py").notebook
    return " ".join("\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown").split())


def test_text_writes_the_layer_as_xw_plus_b_and_points_at_real_lessons():
    prose = _prose()
    assert "$xW + b$" in prose and "Wx + b" not in prose
    assert "[Dropout and batch normalization](08_dropout_and_batch_normalization.ipynb)" in prose
    assert "later lesson" not in prose
    assert "Keras reads `input_shape` only on the first layer of a `Sequential`" in prose


def test_traceback_sentence_matches_the_published_traceback(executed_lesson):
    # The text says the signature shows just above the arrow of the first frame inside Keras.
    error = next(output for cell in executed_lesson(LESSON).cells for output in cell.get("outputs", [])
                 if output.output_type == "error")
    frames = ANSI_ESCAPE.sub("", "\n".join(error.traceback)).split("File ")
    keras_frame = next(frame for frame in frames[1:] if "sequential.py" in frame).splitlines()
    arrow = next(index for index, line in enumerate(keras_frame) if line.lstrip().startswith("--->"))
    assert "def __init__(self, layers=None, trainable=True, name=None):" in keras_frame[arrow - 1]
    assert "just above its arrow" in _prose()

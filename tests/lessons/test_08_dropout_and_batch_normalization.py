"""Lesson 08 (dropout and batch normalization): the facts its text states, recomputed here and read from its
outputs.
"""

from __future__ import annotations

import ast
import re
import warnings

import numpy as np
import pytest

from course.engine.glue import ROLE, glued_values
from tests.helpers import alt_text, image_outputs, outputs_text

LESSON = "08_dropout_and_batch_normalization"

pytestmark = pytest.mark.slow


def _glued(nb) -> dict[str, object]:
    return {name: ast.literal_eval(value.data["text/plain"]) for name, value in glued_values(nb).items()}


def _prose(nb) -> str:
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def _code(nb) -> str:
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")


def _raw_split():
    from course.data import FEATURES, TARGET, load_concrete

    concrete = load_concrete()
    train = concrete.sample(frac=0.7, random_state=0)
    return train, concrete.drop(train.index), list(FEATURES), TARGET


# --- facts about the layers, recomputed ------------------------------------------------------------------------


def test_dropout_scales_survivors_and_adds_no_parameters():
    import keras
    from keras import layers

    keras.utils.set_random_seed(1)
    dropout = layers.Dropout(0.3)
    out = keras.ops.convert_to_numpy(dropout(np.ones((1, 1000), dtype="float32"), training=True))
    values = np.unique(out)
    assert len(values) == 2 and values[0] == 0 and values[1] == pytest.approx(1 / 0.7)
    assert np.array_equal(keras.ops.convert_to_numpy(dropout(np.ones((1, 5), dtype="float32"))), np.ones((1, 5)))
    model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(128), layers.Dropout(0.3)])
    assert model.count_params() == 8 * 128 + 128


def test_batch_normalization_standardises_a_batch_just_under_std_1():
    import keras
    from keras import layers

    train, _, features, _ = _raw_split()
    batch = train[features].to_numpy("float32")[:64]
    out = keras.ops.convert_to_numpy(layers.BatchNormalization()(batch, training=True))
    np.testing.assert_allclose(out.mean(axis=0), 0, atol=1e-3)
    assert np.all(out.std(axis=0) < 1) and np.all(out.std(axis=0) > 0.99)  # epsilon in the variance


def test_batch_normalization_parameter_counts():
    import keras
    from keras import layers

    model = keras.Sequential([keras.Input(shape=(8,)), layers.BatchNormalization()])
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    assert model.count_params() == 4 * 8 == 32 and trainable == 16


def test_cement_comes_in_hundreds_of_kg():
    train, _, _, _ = _raw_split()
    assert 100 < train["Cement"].mean() < 1000


def test_the_plain_network_also_overflows_at_sgds_default_learning_rate():
    import keras
    import tensorflow as tf
    from keras import layers

    train, _, features, target = _raw_split()
    keras.utils.set_random_seed(0)
    data = tf.data.Dataset.from_tensor_slices(
        (train[features].to_numpy("float32"), train[target].to_numpy("float32"))
    ).batch(64)
    plain = keras.Sequential([keras.Input(shape=(8,)), *(layers.Dense(512, activation="relu") for _ in range(3)),
                              layers.Dense(1)])
    assert float(keras.optimizers.SGD().learning_rate) == pytest.approx(0.01)
    plain.compile(optimizer=keras.optimizers.SGD(), loss="mae")
    history = plain.fit(data, epochs=1, shuffle=False, verbose=0, callbacks=[keras.callbacks.TerminateOnNaN()])
    assert not np.isfinite(history.history["loss"][-1])


def test_batch_normalization_moving_averages_start_at_0_and_1_and_move_1_percent_per_step():
    import keras
    from keras import layers

    layer = layers.BatchNormalization()
    assert layer.momentum == pytest.approx(0.99)
    batch = np.full((4, 2), 100.0, dtype="float32") + np.array([[0, 0], [1, 1], [2, 2], [3, 3]], dtype="float32")
    layer(batch, training=True)
    np.testing.assert_allclose(layer.moving_mean.numpy(), 0.01 * batch.mean(axis=0), rtol=1e-5)


def test_keras_3_accepts_the_legacy_input_shape_on_the_first_layer_with_a_warning():
    import keras
    from keras import layers

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = keras.Sequential([layers.BatchNormalization(input_shape=[8]), layers.Dense(1)])
    assert model.input_shape == (None, 8)
    assert any("input_shape" in str(warning.message) for warning in caught)


# --- the executed lesson ---------------------------------------------------------------------------------------


def test_every_glue_role_in_the_prose_names_a_glued_value(executed_lesson):
    nb = executed_lesson(LESSON)
    # a name ends at the format spec of a text role (":") or at the choices of a pick role ("|")
    names = {re.split(r"[:|]", match.group("content"))[0].strip() for match in ROLE.finditer(_prose(nb))}
    assert names and names <= set(glued_values(nb))


def test_dropout_demo(executed_lesson):
    nb = executed_lesson(LESSON)
    glued = _glued(nb)
    text = outputs_text(nb)
    training = re.search(r"training:\s+\[([^\]]*)\]", text).group(1).split()
    assert len(training) == 20 and training.count("0.") == glued["dropped"]
    assert glued["kept_value"] == 2.0 == 1 / (1 - 0.5)
    assert re.search(r"inference: \[(1\. ?){20}\]", text.replace("\n", " "))


def test_batch_normalization_demo_and_summary(executed_lesson):
    nb = executed_lesson(LESSON)
    text = outputs_text(nb)
    glued = _glued(nb)
    assert "normalized means:   [0. 0. 0. 0. 0. 0. 0. 0.]" in text
    assert "normalized std devs: [1. 1. 1. 1. 1. 1. 1. 1.]" in text
    assert glued["raw_mean_min"] < 10 and glued["raw_mean_max"] > 900
    assert re.search(r"Total params: \S*32\b", text) and re.search(r"Trainable params: \S*16\b", text)


def test_the_plain_network_overflows_in_its_first_epoch(executed_lesson):
    glued = _glued(executed_lesson(LESSON))
    assert glued["plain_epochs"] == 1
    assert glued["plain_loss"] in {"nan", "inf"}  # the cases the prose's pick words


def test_dropout_comparison(executed_lesson):
    nb = executed_lesson(LESSON)
    glued = _glued(nb)
    # q_2's reading: with dropout the training error sits higher than without.
    assert glued["loss_last"] > glued["loss_without_last"]
    difference = glued["val_loss_last"] - glued["val_loss_without_last"]
    assert glued["dropout_final"] == ("same" if abs(difference) < 0.5 else "lower" if difference < 0 else "higher")
    # "The lowest validation errors ... are early dips; after them the two validation curves run together."
    for best, epoch, last in (("with_best", "with_best_epoch", "val_loss_last"),
                              ("without_best", "without_best_epoch", "val_loss_without_last")):
        assert epoch_is_early(glued[epoch], glued["dropout_epochs"]) and glued[best] < glued[last]
    assert glued["val_apart"] < 1.0
    assert "few_batches = batches(train.sample(n=50, random_state=0), 10)" in _code(nb)
    assert "history = train_scaled(model, epochs=30)" in _code(nb) and "30 epochs each" in _prose(nb)


def epoch_is_early(epoch: int, epochs: int) -> bool:
    return 1 <= epoch <= epochs // 3


def test_batch_normalization_rescues_the_raw_features(executed_lesson):
    nb = executed_lesson(LESSON)
    glued = _glued(nb)
    # "trained for all 10 epochs", with a falling loss, on the settings that overflowed the plain network.
    assert glued["bn_epochs"] == 10
    assert glued["bn_loss_last"] < glued["bn_loss_first"] / 2
    assert np.isfinite(glued["bn_valid_last"])
    # "Its validation error ended ... above its training error, but that gap is mostly not overfitting."
    assert glued["bn_gap"] == glued["bn_valid_last"] - glued["bn_loss_last"] and glued["bn_gap"] > 0
    # On its own training set, in inference mode, the error is nearer the validation error than fit's training
    # loss: most of the gap comes from batch statistics against moving averages.
    modes = glued["bn_train_inference"] - glued["bn_loss_last"]
    assert modes > glued["bn_gap"] / 2
    # 10 epochs of ceil(721 / 64) batches; the moving means, from 0 at 1% a step, are still about
    # 1 - 0.99 ** steps of the real ones.
    assert glued["bn_momentum"] == pytest.approx(0.99)  # Keras's default
    assert glued["bn_steps"] == 10 * -(-glued["n_train"] // 64)
    assert glued["moving_share"] == pytest.approx(1 - glued["bn_momentum"] ** glued["bn_steps"], abs=0.05)
    assert glued["moving_share"] < 0.8
    assert _code(nb).count("train_raw(") == 3  # defined once, used for the plain and the batch-normalized network


def test_the_validation_jump_comes_from_the_moving_averages(executed_lesson):
    """"In epoch 2 the moving averages lagged further still, which is why the validation error jumped to 54 MPa
    there": rerun the lesson's own cells (the dropout exercise left out: it draws nothing this run depends on) to
    the glued epoch, and give the same weights the training set's real statistics instead of the moving averages.
    """
    import keras

    nb = executed_lesson(LESSON)
    glued = _glued(nb)
    epoch, peak = glued["bn_valid_peak_epoch"], glued["bn_valid_peak"]
    assert epoch > 1 and peak > 3 * glued["bn_valid_last"]  # a jump, after the first epoch
    cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    plain = next(i for i, cell in enumerate(cells) if "plain_history = train_raw(" in cell.source)
    fit = next(i for i, cell in enumerate(cells) if cell.source.startswith("bn_history = train_raw("))
    solution = cells[fit - 1]  # the q_3 solution, which builds the model
    assert "solution" in solution.metadata.get("tags", []) and "BatchNormalization()" in solution.source
    namespace: dict[str, object] = {}
    for cell in [*cells[:plain + 1], solution]:
        exec(cell.source, namespace)  # glue records nothing outside a notebook
    model, train, valid = namespace["model"], namespace["train"], namespace["valid"]
    features, target = namespace["features"], namespace["TARGET"]
    namespace["train_raw"](model, epochs=epoch)

    def valid_error() -> float:
        predicted = keras.ops.convert_to_numpy(model(valid[features].to_numpy("float32")))[:, 0]
        return float(np.mean(np.abs(predicted - valid[target].to_numpy("float32"))))

    assert valid_error() == pytest.approx(peak, rel=0.01)  # the lesson's run, reproduced to this epoch
    normalizations = [layer for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)]
    for layer in normalizations:
        layer.momentum = 0.0  # one pass in training mode sets the moving averages to the real statistics
    model(train[features].to_numpy("float32"), training=True)
    assert valid_error() < peak / 2


def test_figures_and_alt_texts(executed_lesson):
    nb = executed_lesson(LESSON)
    glued = _glued(nb)
    alts = [alt_text(output) for output in image_outputs(nb)]
    assert len(alts) == 2
    assert f"lowest at {glued['with_best']:.1f} MPa, in epoch {glued['with_best_epoch']}" in alts[0]
    assert f"ends at {glued['val_loss_without_last']:.1f} MPa." in alts[0]
    assert f"from {glued['bn_loss_first']:.1f} to {glued['bn_loss_last']:.1f} MPa" in alts[1]


def test_solutions_report_correct(executed_lesson):
    text = outputs_text(executed_lesson(LESSON))
    assert text.count("Correct:") >= 2 and text.count("Open question:") >= 2  # two checked, two open
    assert "Incorrect" not in text


def test_links_point_at_neighbouring_lessons(executed_lesson):
    prose = _prose(executed_lesson(LESSON))
    for target in ("07_overfitting_and_underfitting.ipynb", "06_stochastic_gradient_descent.ipynb",
                   "09_binary_classification.ipynb"):
        assert f"]({target})" in prose

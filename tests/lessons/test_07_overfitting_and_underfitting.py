"""Lesson 07 (overfitting and underfitting): the facts its text states, recomputed here and read from its outputs."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pytest

from course.engine.glue import ROLE, glued_values, resolve_glue
from course.engine.sources import read_tutorial
from tests.helpers import alt_text, image_outputs, outputs_text

LESSON = "07_overfitting_and_underfitting"
SOURCE = Path(__file__).resolve().parents[2] / "tutorials_src" / f"{LESSON}.py"

pytestmark = pytest.mark.slow


def _glued(nb) -> dict[str, object]:
    return {name: ast.literal_eval(value.data["text/plain"]) for name, value in glued_values(nb).items()}


def _prose(nb) -> str:
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def _resolved_prose(nb) -> str:
    """The page's prose with the glued values in place, its lines joined."""
    resolved = resolve_glue(nb, read_tutorial(SOURCE))
    return " ".join(_prose(resolved).split())


def _code(nb) -> str:
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")


# --- facts derived by hand, recomputed -------------------------------------------------------------------------


def test_parameter_counts_in_the_text():
    import keras
    from keras import layers

    wide = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(512, activation="relu"), layers.Dense(1)])
    deep = keras.Sequential([keras.Input(shape=(8,)), *(layers.Dense(64, activation="relu") for _ in range(3)),
                             layers.Dense(1)])
    assert wide.count_params() == 8 * 512 + 512 + 512 + 1 == 5121
    assert deep.count_params() == 576 + 2 * 4160 + 65 == 8961
    assert 8 * 64 + 64 == 576 and 64 * 64 + 64 == 4160 and 8 * 512 + 512 == 4608


def test_split_and_subset_sizes():
    from course.data import TARGET, load_concrete

    concrete = load_concrete()
    train = concrete.sample(frac=0.7, random_state=0)
    few = train.sample(n=50, random_state=0)
    assert (len(train), len(concrete) - len(train), len(few)) == (721, 309, 50)
    assert set(few.index) <= set(train.index)
    # "its bias has to travel from 0 to the average strength, about 35 MPa"
    assert abs(train[TARGET].mean() - 35) < 1.5


def _seen_mix_count() -> int:
    """Validation tests whose mix (every feature but the age) a training test shares, counted as lesson 5 does."""
    from course.data import FEATURES, load_concrete

    concrete = load_concrete()
    train = concrete.sample(frac=0.7, random_state=0)
    valid = concrete.drop(train.index)
    recipe = [name for name in FEATURES if name != "Age"]
    return int(valid[recipe].apply(tuple, axis=1).isin(set(train[recipe].apply(tuple, axis=1))).sum())


def test_most_validation_tests_share_their_mix_with_a_training_test():
    # The caveat of "Signal and noise": remembering training mixes helps on these validation tests.
    assert _seen_mix_count() == 225 > 309 / 2


def test_early_stopping_watches_the_validation_loss_by_default():
    import keras

    assert keras.callbacks.EarlyStopping().monitor == "val_loss"


# --- the executed lesson ---------------------------------------------------------------------------------------


def test_printed_sizes_and_counts(executed_lesson):
    text = outputs_text(executed_lesson(LESSON))
    assert "721 tests for training, 309 for validation" in text
    assert "wide: 5,121 parameters; deep: 8,961 parameters" in text


def test_glued_sizes_are_the_split_and_the_big_networks_parameters(executed_lesson):
    nb = executed_lesson(LESSON)
    glued = _glued(nb)
    assert re.search(rf"\b{glued['n_train']} tests for training, {glued['n_valid']} for validation", outputs_text(nb))
    # Three Dense(512) on 8 features and an output unit:
    assert glued["big_params"] == (8 * 512 + 512) + 2 * (512 * 512 + 512) + (512 + 1) == 530_433
    assert f"{glued['big_params']:,}-parameter network" in alt_text(image_outputs(nb)[0])


def test_the_signal_and_noise_caveat_quotes_the_shared_mixes(executed_lesson):
    nb = executed_lesson(LESSON)
    glued = _glued(nb)
    assert glued["valid_seen_mix"] == _seen_mix_count()
    prose = " ".join(_prose(nb).split())
    assert ("{glue}`valid_seen_mix` of the {glue}`n_valid` validation tests share their mix with a training test"
            in prose)
    assert "mixes" not in prose.split("## Signal and noise")[0], "a row is a test, not a mix"


def test_every_glue_role_in_the_prose_names_a_glued_value(executed_lesson):
    nb = executed_lesson(LESSON)
    names = {re.split(r"[:|]", match.group("content"))[0] for match in ROLE.finditer(_prose(nb))}
    assert names and names <= set(glued_values(nb))


def test_epoch_counts_in_the_text_match_the_code(executed_lesson):
    nb = executed_lesson(LESSON)
    code, prose = _code(nb), " ".join(_prose(nb).split())
    assert "big, epochs=100, learning_rate=0.001, batches=few_batches" in code
    assert "Adam's default learning rate, 0.001, a tenth of the one `train_model` uses otherwise" in prose
    assert "def train_model(model, epochs, learning_rate=0.01," in code
    assert "train_model(linear, epochs=10, learning_rate=0.5)" in code
    assert "epochs=60, callbacks=[early_stopping]" in code and "of the 60 epochs allowed" in prose
    assert ".batch(64)" in code and "batches of 64" in prose
    assert ".batch(50)" in code and "few = train.sample(n=50," in code and "fitting its 50 tests" in prose


def test_the_big_network_overfits_its_50_mixes(executed_lesson):
    nb = executed_lesson(LESSON)
    glued = _glued(nb)
    # The lesson's reading, its own definition of overfitting: after the best validation epoch the
    # training error goes on falling while the validation error does not, and the gap between them grows.
    assert glued["big_best_epoch"] < glued["big_epochs"] == 100
    assert glued["big_train_last"] < glued["big_train_at_best"] < glued["big_train_first"]
    assert glued["big_valid_best"] < glued["big_valid_last"]
    assert glued["big_gap_side"] == "above"
    assert (f"ended at {glued['big_valid_last']:.2f} MPa, {glued['big_gap_size']:.2f} MPa above the training error"
            in _resolved_prose(nb))
    assert glued["big_gap_size"] == pytest.approx(glued["big_valid_last"] - glued["big_train_last"])
    assert glued["big_gap_at_best"] < glued["big_gap_size"] / 4, "the curves draw apart after the best epoch"


def test_the_linear_model_underfits(executed_lesson):
    nb = executed_lesson(LESSON)
    glued = _glued(nb)
    linear_valid, more_best = glued["linear_valid_last"], glued["more_valid_best"]
    # q_1's reading: flat curves, close together, far above what a network reaches.
    assert abs(linear_valid - glued["linear_train_last"]) < 1.5
    assert linear_valid > 1.3 * more_best
    assert glued["linear_valid_last"] - glued["linear_train_last"] < glued["big_valid_last"] - glued["big_train_last"]
    alt = alt_text(image_outputs(nb)[1])
    ends = [float(x) for x in re.findall(r"end at (\d+\.\d) and (\d+\.\d) MPa", alt)[0]]
    assert ends == [round(glued["linear_train_last"], 1), round(linear_valid, 1)]


def test_early_stopping_keeps_the_best_epoch(executed_lesson):
    nb = executed_lesson(LESSON)
    glued = _glued(nb)
    text = outputs_text(nb)
    epochs = int(re.search(r"epochs trained: (\d+)", text).group(1))
    best = int(re.search(r"epoch whose weights were restored: (\d+)", text).group(1))
    assert epochs == glued["stopped_epochs"] and best == glued["restored_epoch"]
    assert best == glued["stopped_best_epoch"], "on this run the restored epoch is the lowest point of the curve"
    assert epochs < 60 and epochs - best == 5  # stopped by the callback, patience epochs after the best one
    # restore_best_weights=True: the kept weights score the best epoch's validation loss, below the last epoch's.
    assert glued["kept_valid"] < glued["last_valid"]
    assert glued["kept_epoch"] == "earlier"
    assert (f"best epoch, epoch {best}: their validation error is {glued['kept_valid']:.2f} MPa, against "
            f"{glued['last_valid']:.2f} MPa for the weights of the last epoch, epoch {epochs}, which training "
            "threw away.") in _resolved_prose(nb)


def test_figures_have_alt_texts_built_from_the_runs(executed_lesson):
    nb = executed_lesson(LESSON)
    glued = _glued(nb)
    alts = [alt_text(output) for output in image_outputs(nb)]
    assert len(alts) == 3
    assert f"lowest, {glued['big_valid_best']:.1f} MPa, at epoch {glued['big_best_epoch']}" in alts[0]
    assert f"after {glued['stopped_epochs']} of at most 60 epochs" in alts[2]


def test_solutions_report_correct(executed_lesson):
    text = outputs_text(executed_lesson(LESSON))
    assert text.count("Correct:") >= 2 and text.count("Open question:") >= 2  # two checked, two open
    assert "Incorrect" not in text


def test_links_point_at_neighbouring_lessons(executed_lesson):
    prose = _prose(executed_lesson(LESSON))
    for target in ("05_training.ipynb", "06_stochastic_gradient_descent.ipynb",
                   "08_dropout_and_batch_normalization.ipynb"):
        assert f"]({target})" in prose


def test_the_legacy_input_shape_builds_the_same_model_with_a_warning():
    import warnings

    import keras
    from keras import layers

    from course.exercises.overfitting_and_underfitting import q_2

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = keras.Sequential([layers.Dense(128, activation="relu", input_shape=[8]),
                                  layers.Dense(64, activation="relu"), layers.Dense(1)])
    assert any("input_shape" in str(warning.message) for warning in caught)
    assert model.count_params() == (8 * 128 + 128) + (128 * 64 + 64) + 65
    assert q_2.check(model).passed

"""Lesson 05 (training the concrete model): the facts its text states, recomputed here and read from its outputs."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tests.helpers import image_outputs, outputs_text

LESSON = "05_training"
ACTIVATIONS = ("relu", "elu", "selu", "silu", "linear")
NUMBER = r"(\d+(?:\.\d+)?)"

pytestmark = pytest.mark.slow


def _split():
    """The lesson's split and scaling, verbatim."""
    from course.data import FEATURES, TARGET, load_concrete

    concrete = load_concrete()
    train = concrete.sample(frac=0.7, random_state=0)
    valid = concrete.drop(train.index)
    features = list(FEATURES)
    mean = train[features].mean()
    std = train[features].std()
    return concrete, train, valid, (train[features] - mean) / std, (valid[features] - mean) / std, TARGET


# --- the facts, recomputed --------------------------------------------------------------------------------------


def test_split_is_70_30_disjoint_and_covers_every_mix():
    concrete, train, valid, *_ = _split()
    assert (len(train), len(valid)) == (721, 309)
    assert not set(train.index) & set(valid.index)
    assert set(train.index) | set(valid.index) == set(concrete.index)


def test_scaling_with_training_statistics_gives_training_features_mean_0_and_std_1():
    _, _, _, X_train, X_valid, _ = _split()
    np.testing.assert_allclose(X_train.mean().to_numpy(), 0.0, atol=1e-12)
    np.testing.assert_allclose(X_train.std().to_numpy(), 1.0, atol=1e-12)
    # The validation features, scaled with the training statistics, are near 0 and 1 but not on them.
    assert np.abs(X_valid.mean().to_numpy()).max() < 0.2
    assert np.abs(X_valid.std().to_numpy() - 1).max() < 0.1
    assert not np.allclose(X_valid.mean().to_numpy(), 0.0, atol=1e-3)


def test_raw_features_have_very_different_scales():
    from course.data import FEATURES

    _, train, *_ = _split()
    means = train[list(FEATURES)].mean()
    stds = train[list(FEATURES)].std()
    assert means.idxmin() == "Superplasticizer" and round(means.min()) == 6
    assert means.idxmax() == "CoarseAggregate" and abs(means.max() - 975) < 1
    assert stds.idxmax() == "Cement" and round(stds.max()) == 105
    assert round(stds.min()) == 6


def test_a_linear_model_of_the_recipe_stays_far_above_the_networks():
    # The text says a linear function of the recipe cannot follow the strength: even the least-squares linear fit
    # (with intercept) on the training set is off by more than 7.5 MPa on validation, above every non-linear run.
    _, train, valid, X_train, X_valid, target = _split()
    design = np.column_stack([X_train.to_numpy(), np.ones(len(X_train))])
    coefficients, *_ = np.linalg.lstsq(design, train[target].to_numpy(), rcond=None)
    predictions = np.column_stack([X_valid.to_numpy(), np.ones(len(X_valid))]) @ coefficients
    assert np.mean(np.abs(valid[target].to_numpy() - predictions)) > 7.5


def test_small_comparison_network_has_8961_parameters():
    import keras
    from keras import layers

    small = keras.Sequential(
        [keras.Input(shape=(8,)), *(layers.Dense(64, activation="relu") for _ in range(3)), layers.Dense(1)]
    )
    assert small.count_params() == 8 * 64 + 64 + 2 * (64 * 64 + 64) + 64 + 1 == 8961


# --- the executed lesson ----------------------------------------------------------------------------------------


def _code_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def _strings(value):
    """Every string inside an output, however deeply nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _printed(text: str, label: str) -> float:
    match = re.search(rf"^{re.escape(label)}: {NUMBER} MPa", text, flags=re.MULTILINE)
    assert match, f"the lesson no longer prints {label!r}"
    return float(match.group(1))


def test_validation_mae_is_positive_and_below_the_predict_the_mean_baseline(executed_lesson):
    text = outputs_text(executed_lesson(LESSON))
    final = _printed(text, "validation MAE after 50 epochs")
    lowest = _printed(text, "lowest validation MAE")
    baseline = _printed(text, "MAE of always predicting the mean")
    spread = _printed(text, "standard deviation of the strength")
    assert 0 < lowest <= final < baseline < spread


def test_baseline_and_spread_match_the_data(executed_lesson):
    concrete, train, valid, _, _, target = _split()
    text = outputs_text(executed_lesson(LESSON))
    assert _printed(text, "MAE of always predicting the mean") == round(
        float((valid[target] - train[target].mean()).abs().mean()), 2
    )
    assert _printed(text, "standard deviation of the strength") == round(float(concrete[target].std()), 2)
    assert "721 mixes for training, 309 for validation" in text


def test_scale_table_and_validation_ranges_are_printed(executed_lesson):
    text = outputs_text(executed_lesson(LESSON))
    assert re.search(r"^Cement\s+281\.35\s+104\.51\s+0\.0\s+1\.0$", text, flags=re.MULTILINE)
    assert re.search(r"^validation means: -?\d\.\d\d to -?\d\.\d\d$", text, flags=re.MULTILINE)
    assert "530,433 parameters" in text


def _activation_table(text: str) -> dict[str, float]:
    return {
        name: float(mae)
        for name, mae in re.findall(rf"^(\w+)\s+{NUMBER}\s*$", text, flags=re.MULTILINE)
        if name in ACTIVATIONS
    }


def _prose(nb) -> str:
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def test_activation_table_lists_every_activation_with_its_mae(executed_lesson):
    text = outputs_text(executed_lesson(LESSON))
    assert "validation MAE (MPa)" in text
    rows = _activation_table(text)
    assert set(rows) == set(ACTIVATIONS)
    assert all(mae > 0 for mae in rows.values())
    # What the text says of the table: every non-linear activation ends below the linear (no activation) one.
    assert all(rows[name] < rows["linear"] for name in ACTIVATIONS if name != "linear")


def test_prose_about_the_activation_table_matches_it(executed_lesson):
    nb = executed_lesson(LESSON)
    rows = _activation_table(outputs_text(nb))
    prose = " ".join(_prose(nb).split())
    # Each "name (x.xx MPa)" in the text is that activation's row of the table.
    cited = dict(re.findall(rf"\b(relu|elu|selu|silu) \({NUMBER} MPa\)", prose))
    assert set(cited) == {"relu", "elu", "selu", "silu"}
    assert all(float(cited[name]) == rows[name] for name in cited)
    assert f"the linear network's {rows['linear']:.2f} MPa" in prose
    # The order the text gives: elu lowest, then selu and silu, then relu; all below linear.
    assert sorted(rows, key=rows.get) == ["elu", "selu", "silu", "relu", "linear"]
    # The full-size network's final error is lower than every small network's.
    full = _printed(outputs_text(nb), "validation MAE after 50 epochs")
    assert full < min(rows.values())


def test_comparison_settings_in_the_text_match_the_code(executed_lesson):
    nb = executed_lesson(LESSON)
    code = "\n".join(cell.source for cell in _code_cells(nb))
    prose = " ".join(_prose(nb).split())
    assert "EPOCHS = 10" in code and "validation_freq=2" in code and "learning_rate=0.01" in code
    assert "Dense(64, activation=activation)" in code and "batch_size=64" in code
    assert "after its 10 epochs" in prose and "measured every 2 epochs" in prose
    assert "got in 10 epochs" in prose
    images = image_outputs(nb)
    alt = images[1].get("metadata", {}).get("image/png", {}).get("alt") or images[1].data["text/plain"]
    assert "every 2 epochs up to epoch 10" in alt


def test_adam_default_learning_rate_is_a_tenth_of_the_comparisons():
    import keras

    assert float(keras.optimizers.Adam().learning_rate) * 10 == pytest.approx(0.01)


def test_every_mpa_figure_in_the_text_is_a_printed_output(executed_lesson):
    nb = executed_lesson(LESSON)
    text = outputs_text(nb)
    prose = _prose(nb)
    cited = re.findall(r"(\d+\.\d\d) MPa", prose)
    assert len(cited) >= 8  # 4.27, 13.60, 16.71, 4.14 and the activation table's numbers
    for number in cited:
        assert re.search(rf"(?<![\d.]){re.escape(number)}(?!\d)", text), f"{number} MPa is in the text, not the output"
    assert "after epoch 46" in text and "epoch 46" in prose


def test_learning_curves_and_comparison_figures_have_alt_text(executed_lesson):
    images = image_outputs(executed_lesson(LESSON))
    assert len(images) == 2
    alts = [image.get("metadata", {}).get("image/png", {}).get("alt") or image.data["text/plain"] for image in images]
    assert "Learning curves" in alts[0] and "validation" in alts[0]
    assert all(name in alts[1] for name in ACTIVATIONS)


def test_no_stderr_and_no_progress_bars(executed_lesson):
    for cell in _code_cells(executed_lesson(LESSON)):
        assert not [output for output in cell.outputs if output.get("name") == "stderr"], cell.source
        for output in cell.outputs:
            for text in _strings(dict(output)):
                assert "\x08" not in text and "━━" not in text, cell.source

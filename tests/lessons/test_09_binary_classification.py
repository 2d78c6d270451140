"""Lesson 09 (binary classification): the facts its text states, recomputed here; the glued values its prose quotes,
checked against the outputs they come from; the verdicts its checks show; and the learner's copy made from it.
"""

from __future__ import annotations

import ast
import math
import re
import warnings

import numpy as np
import pandas as pd
import pytest

from course.exercises import CORRECT, NOT_ATTEMPTED, OPEN, CheckResult
from tests.helpers import alt_text, image_outputs, outputs_text

LESSON = "09_binary_classification"
CHECK_CALL = re.compile(r"^(?:.*\b)?q_([1-3])\.check\(\)$", re.MULTILINE)
CORRECT_LABEL = CheckResult(CORRECT, "").label
NOT_ATTEMPTED_LABEL = CheckResult(NOT_ATTEMPTED, "").label
OPEN_LABEL = CheckResult(OPEN, "").label  # "Open question"

pytestmark = pytest.mark.slow


def _split():
    """The lesson's split, scaling and labels, verbatim."""
    from course.data import BREAST_CANCER_FEATURES, BREAST_CANCER_TARGET, load_breast_cancer

    cancer = load_breast_cancer()
    train = cancer.sample(frac=0.7, random_state=0)
    valid = cancer.drop(train.index)
    features = list(BREAST_CANCER_FEATURES)
    mean, std = train[features].mean(), train[features].std()
    y_train = (train[BREAST_CANCER_TARGET] == "malignant").astype("float32")
    y_valid = (valid[BREAST_CANCER_TARGET] == "malignant").astype("float32")
    return cancer, train, valid, (train[features] - mean) / std, y_train, y_valid


def _code_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def _prose(nb) -> str:
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def _words(text: str) -> str:
    """``text`` with each run of whitespace (the source's line breaks) as one space."""
    return " ".join(text.split())


def _glued(nb) -> dict[str, object]:
    """Every glued value of the executed lesson, as the Python value it was."""
    from course.engine.glue import glued_values

    return {name: ast.literal_eval(value.data["text/plain"]) for name, value in glued_values(nb).items()}


@pytest.fixture(scope="module")
def lesson(executed_lesson):
    return executed_lesson(LESSON)


@pytest.fixture(scope="module")
def glued(lesson) -> dict[str, object]:
    return _glued(lesson)


@pytest.fixture(scope="module")
def page(lesson):
    """The lesson as its page shows it: glue roles resolved."""
    from course.engine.glue import resolve_glue
    from course.engine.sources import read_tutorial
    from tests.conftest import TUTORIALS

    return resolve_glue(lesson, read_tutorial(TUTORIALS / f"{LESSON}.py"))


# --- the facts, recomputed --------------------------------------------------------------------------------------


def test_data_has_569_masses_30_features_212_malignant_357_benign():
    cancer, *_ = _split()
    assert cancer.shape == (569, 31)
    assert cancer["diagnosis"].value_counts().to_dict() == {"benign": 357, "malignant": 212}
    # Ten measurements, each as a mean, a standard error and a "worst" value.
    assert len({name.rsplit("_", 1)[0] for name in cancer.columns[:-1]}) == 10
    assert {name.rsplit("_", 1)[1] for name in cancer.columns[:-1]} == {"mean", "se", "worst"}


def test_features_have_very_different_scales_before_standardising():
    _, train, *_ = _split()
    assert 100 < train["area_mean"].mean() < 1000  # "the mean areas are in the hundreds"
    assert 0.05 < train["smoothness_mean"].mean() < 0.2  # "the smoothness values are around a tenth"


def test_split_is_70_30_disjoint_and_standardised_with_training_statistics():
    cancer, train, valid, X_train, y_train, _ = _split()
    assert (len(train), len(valid)) == (398, 171)
    assert not set(train.index) & set(valid.index)
    assert len(train) + len(valid) == len(cancer)
    np.testing.assert_allclose(X_train.mean().to_numpy(), 0.0, atol=1e-12)
    np.testing.assert_allclose(X_train.std().to_numpy(), 1.0, atol=1e-12)
    # 1 is malignant, and benign is the more common class of the training set (the baseline's answer).
    assert set(y_train.unique()) == {0.0, 1.0} and y_train.mean() < 0.5
    assert (train["diagnosis"] == "malignant").sum() == y_train.sum()


def test_sigmoid_of_zero_is_one_half_rises_and_stays_inside_0_and_1():
    import keras

    z = np.linspace(-6, 6, 121)
    sigmoid = keras.ops.convert_to_numpy(keras.activations.sigmoid(z))
    assert sigmoid[60] == pytest.approx(0.5)
    assert np.all(np.diff(sigmoid) > 0)
    assert 0 < sigmoid.min() and sigmoid.max() < 1
    np.testing.assert_allclose(sigmoid, 1 / (1 + np.exp(-z)), rtol=1e-6)


def test_keras_binary_cross_entropy_is_the_formula_in_the_text():
    import keras

    p = np.linspace(0.01, 0.99, 99).reshape(-1, 1)
    for label in (0.0, 1.0):
        keras_loss = keras.ops.convert_to_numpy(keras.losses.binary_crossentropy(np.full_like(p, label), p))
        formula = -(label * np.log(p) + (1 - label) * np.log(1 - p)).reshape(-1)
        np.testing.assert_allclose(keras_loss, formula, rtol=1e-5)
    # Over a batch Keras averages: the loss of two examples is the mean of their losses.
    pair = keras.losses.BinaryCrossentropy()(np.array([[1.0], [0.0]]), np.array([[0.9], [0.2]]))
    assert float(pair) == pytest.approx((-math.log(0.9) - math.log(0.8)) / 2, rel=1e-5)


def test_binary_accuracy_uses_the_threshold_one_half_and_accuracy_means_binary_accuracy():
    import keras

    assert keras.metrics.BinaryAccuracy().threshold == 0.5
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.evaluate(np.zeros((4, 2)), np.zeros(4), verbose=0)
    assert any(type(m).__name__ == "BinaryAccuracy" for m in model.metrics[-1].metrics)


def test_binary_accuracy_predicts_malignant_only_above_one_half():
    import keras

    labels = np.array([[1.0], [0.0], [1.0]])
    probabilities = np.array([[0.5], [0.5], [0.5001]])
    # Exactly one half counts as benign: "malignant when p > 1/2", as the lesson's mistake counts apply it.
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(keras.metrics.binary_accuracy(labels, probabilities)).reshape(-1),
                                  [0.0, 1.0, 1.0])


def test_training_accuracy_is_the_mean_over_the_epochs_batches_before_each_step():
    """The training accuracy of an epoch averages each batch's accuracy as the weights were when the batch was
    seen, not the accuracy of the weights at the end of the epoch, which the validation accuracy measures."""
    import keras

    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 3)).astype("float32")
    y = (x[:, 0] > 0).astype("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=1.0), loss="binary_crossentropy",
                  metrics=["binary_accuracy"])
    before = []  # each batch's accuracy, with the weights before its step

    def on_batch_begin(batch, logs=None):
        part = slice(16 * batch, 16 * (batch + 1))
        before.append(np.mean((model.predict(x[part], verbose=0).reshape(-1) > 0.5) == y[part]))

    record = model.fit(x, y, batch_size=16, epochs=1, shuffle=False, verbose=0,
                       callbacks=[keras.callbacks.LambdaCallback(on_train_batch_begin=on_batch_begin)]).history
    assert len(before) == 4
    assert record["binary_accuracy"][0] == pytest.approx(np.mean(before))
    _, at_the_end = model.evaluate(x, y, verbose=0)
    assert at_the_end != pytest.approx(np.mean(before))


def test_input_shape_is_read_only_on_the_first_layer_and_keras_3_warns():
    import keras
    from keras import layers

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = keras.Sequential([layers.Dense(16, activation="relu", input_shape=[30]), layers.Dense(1)])
        first_bn = keras.Sequential([layers.BatchNormalization(input_shape=[30]), layers.Dense(1)])
        later = keras.Sequential([keras.Input(shape=(30,)), layers.Dense(16), layers.Dense(1, input_shape=[5])])
    assert model.input_shape == first_bn.input_shape == later.input_shape == (None, 30)
    assert any("Input(shape)" in str(warning.message) for warning in caught)


# --- the executed lesson: what the prose quotes ----------------------------------------------------------------


def test_every_glue_role_resolves_and_nothing_is_left_unresolved(page):
    prose = _prose(page)
    assert "{glue" not in prose
    assert "next lesson" not in prose.lower(), "this is the last lesson: it promises nothing after it"


def test_code_glues_numbers_and_case_names_never_english_phrases(glued):
    """The words live in the Markdown (a pick per case), so both editions word them; the code glues no prose."""
    words = {name: value for name, value in glued.items() if isinstance(value, str)}
    assert words and all(re.fullmatch(r"[a-z]+", value) for value in words.values()), words


def test_class_share_and_split_sizes(glued):
    assert glued["malignant_share"] == pytest.approx(212 / 569)
    assert (glued["n_train"], glued["n_valid"]) == (398, 171)


def test_confident_mistakes_cost_far_more(glued):
    assert glued["loss_confident_right"] == pytest.approx(-math.log(0.9), rel=1e-4)
    assert glued["loss_confident_wrong"] == pytest.approx(-math.log(0.1), rel=1e-4)
    assert glued["loss_confident_wrong"] > 10 * glued["loss_confident_right"]


def _history_from_alt(alt: str) -> tuple[float, float]:
    match = re.search(r"validation cross-entropy from (\d+\.\d+) to (\d+\.\d+)", alt)
    assert match, alt
    return float(match.group(1)), float(match.group(2))


def test_learning_curve_sentence_matches_the_history(lesson, glued, page):
    images = image_outputs(lesson)
    curves = alt_text(images[2])
    assert curves.startswith(f"Learning curves over {glued['epochs']} epochs")
    first, last = _history_from_alt(curves)
    assert round(glued["val_loss_first"], 2) == first and round(glued["val_loss_last"], 3) == last
    best = int(re.search(r"lowest at epoch (\d+)", curves).group(1))
    sentence = f"It was lowest after epoch {best}, "
    if best == glued["epochs"]:
        sentence += "the last one, so it had not stopped improving."
    else:
        sentence += "not the last one."
    assert sentence in _words(_prose(page))
    # Both editions word the same case with a pick.
    assert glued["val_loss_best_when"] == ("last" if best == glued["epochs"] else "earlier")
    assert glued["best_epoch"] == best
    # The best epoch against the history's own numbers: its loss is the lowest, and the first and last epochs are
    # the best only when their losses are.
    lowest = glued["val_loss_min"]
    assert (best == glued["epochs"]) == (glued["val_loss_last"] == lowest)
    assert (best == 1) == (glued["val_loss_first"] == lowest)


def test_validation_accuracy_moves_in_steps_of_one_mass(lesson, glued):
    accuracy_alt = alt_text(image_outputs(lesson)[3])
    assert accuracy_alt.startswith(f"Accuracy over {glued['epochs']} epochs")
    n_valid = glued["n_valid"]
    for value in (glued["val_accuracy"], glued["majority_accuracy"]):
        assert value * n_valid == pytest.approx(round(value * n_valid), abs=1e-3)


def test_accuracy_baseline_and_mistakes(lesson, glued, page):
    _, _, _, _, _, y_valid = _split()
    assert glued["majority_accuracy"] == pytest.approx(float((y_valid == 0).mean()))
    text = outputs_text(lesson)
    assert f"validation accuracy of always benign: {glued['majority_accuracy']:.1%}" in text
    assert f"validation accuracy of the network:   {glued['val_accuracy']:.1%}" in text
    errors = round((1 - glued["val_accuracy"]) * glued["n_valid"])
    assert glued["val_errors"] == errors
    missed, false_alarms = glued["missed"], glued["false_alarms"]
    assert missed + false_alarms == errors
    prose = _words(_prose(page))
    assert f"which means it gets {errors} of the {glued['n_valid']} wrong." in prose
    assert (f"it missed {missed} of the {glued['valid_malignant']} malignant masses (predicted benign) and raised a "
            f"false alarm for {false_alarms} of the {glued['valid_benign']} benign ones (predicted malignant).") in prose


def test_strip_plot_alt_text_counts_the_same_mistakes(lesson, glued):
    alt = alt_text(image_outputs(lesson)[4])
    missed, false_alarms = glued["missed"], glued["false_alarms"]
    _, _, _, _, _, y_valid = _split()
    benign, malignant = int((y_valid == 0).sum()), int(y_valid.sum())
    assert (glued["valid_benign"], glued["valid_malignant"]) == (benign, malignant)
    assert f"{benign} benign masses, {false_alarms} of them right of the threshold" in alt
    assert f"{malignant} malignant masses, {missed} of them left of it" in alt
    assert f"{glued['confident_share']:.0%} of all the predictions" in alt


def test_mistakes_are_counted_with_keras_rule_malignant_above_the_threshold(lesson, page):
    code = "\n".join(cell.source for cell in _code_cells(lesson))
    assert "probabilities <= 0.5" in code and "probabilities > 0.5" in code
    assert ">= 0.5" not in code and "< 0.5)" not in code and ">= t)" not in code and "< t)" not in code
    prose = _prose(page)
    assert r"malignant when $\hat{p} > 1/2$" in prose and r"\ge" not in prose


def test_lowering_the_threshold_never_misses_more_and_never_alarms_less(lesson):
    table = next(cell for cell in _code_cells(lesson) if cell.source.startswith("thresholds = "))
    rows = re.findall(r"^(0\.\d+)\s+(\d+)\s+(\d+)$", table.outputs[0].data["text/plain"], flags=re.MULTILINE)
    thresholds = [float(row[0]) for row in rows]
    missed = [int(row[1]) for row in rows]
    alarms = [int(row[2]) for row in rows]
    assert thresholds == sorted(thresholds, reverse=True) and len(rows) == 5
    assert missed == sorted(missed, reverse=True)
    assert alarms == sorted(alarms)


def test_exercise_reading_matches_the_comparison(lesson, glued, page):
    epochs = glued["epochs"]
    wider, small = glued["wider_val_loss"], glued["small_val_loss"]
    expected = "lower" if wider < small else "higher" if wider > small else "same"
    assert glued["wider_vs_small"] == expected
    prose = _words(_prose(page))
    compared = {"lower": "lower than", "higher": "higher than", "same": "the same as"}[expected]
    assert f"validation loss, {wider:.3f}, is {compared} the small network's {small:.3f}," in prose
    solution = next(cell for cell in _code_cells(lesson) if cell.source.startswith("exercise_record = "))
    table = solution.outputs[-1].data["text/plain"]
    wider_row = re.search(r"^wider network\s+(\d\.\d+)\s+(\d\.\d+)", table, flags=re.MULTILINE)
    assert float(wider_row.group(1)) == round(wider, 3)
    assert float(wider_row.group(2)) == round(glued["wider_val_accuracy"], 3)
    best = int(re.search(r"lowest at epoch (\d+)", alt_text(image_outputs(lesson)[5])).group(1))
    assert glued["wider_best_epoch"] == best
    ending = "the last one, so more epochs" if best == epochs else "and the epochs after it did not improve on it"
    assert f"Its lowest validation loss came at epoch {best}, {ending}" in prose
    # The gap of the last epoch, from the alt text's training loss and the table's validation loss.
    training_last = float(re.search(r"training cross-entropy from \d+\.\d+ to (\d+\.\d+)",
                                    alt_text(image_outputs(lesson)[5])).group(1))
    gap = wider - glued["wider_loss_last"]
    assert round(glued["wider_loss_last"], 3) == training_last
    assert glued["wider_gap_size"] == pytest.approx(abs(gap))
    side = "below" if gap > 0 else "above"
    assert f"Its training loss ended {abs(gap):.3f} {side} its validation loss" in prose
    # Overfitting is named only when the gap grows: the validation loss has risen from its lowest (lesson 5).
    assert ("the first sign of overfitting" in prose) == (gap > 0 and best < epochs)
    assert ("That is not underfitting" in prose) == (gap <= 0)


def test_figures_have_alt_texts_built_from_their_values(lesson):
    images = image_outputs(lesson)
    assert len(images) == 7  # sigmoid, cross-entropy, loss, accuracy, strip plot, the wider network's two
    alts = [alt_text(image) for image in images]
    assert alts[0].startswith("The sigmoid function") and "0.50 at z = 0" in alts[0]
    assert f"where both are {math.log(2):.3f}" in alts[1]
    assert alts[5].startswith("Learning curves of the wider network") and alts[6].startswith("Accuracy of the wider")


# --- the exercise -----------------------------------------------------------------------------------------------


def _is_solution(cell) -> bool:
    return "solution" in cell.metadata.get("tags", [])


def _check_cells(nb, *, solution: bool) -> dict[int, object]:
    found = {}
    for cell in _code_cells(nb):
        match = CHECK_CALL.search(cell.source.strip())
        if match and _is_solution(cell) == solution and cell.source.strip().endswith(f"q_{match.group(1)}.check()"):
            found[int(match.group(1))] = cell
    return found


def _verdict(cell) -> str:
    results = [output for output in cell.outputs if output.output_type == "execute_result"]
    assert len(results) == 1, cell.source
    return results[0].data["text/plain"]


def test_solutions_say_correct_and_blanks_say_not_answered_yet(lesson):
    solutions = _check_cells(lesson, solution=True)
    learner = _check_cells(lesson, solution=False)
    assert sorted(solutions) == [1, 2] and sorted(learner) == [1, 2, 3]
    for number in (1, 2):
        assert _verdict(solutions[number]).startswith(f"{CORRECT_LABEL}:"), number
        assert "____" in learner[number].source
        assert _verdict(learner[number]).startswith(f"{NOT_ATTEMPTED_LABEL}:"), number
    assert "Dense(1, sigmoid)" in _verdict(solutions[1])
    assert _verdict(learner[3]).startswith(f"{OPEN_LABEL}:")  # open question


def test_wider_network_trains_for_the_same_epochs(lesson, glued):
    training = next(cell for cell in _code_cells(lesson) if "def show_curves" in cell.source)
    assert "epochs=EPOCHS" in training.source
    alts = [alt_text(output) for output in training.outputs if "image/png" in output.get("data", {})]
    assert len(alts) == 2 and all(f"over {glued['epochs']} epochs" in alt for alt in alts)


def test_each_question_has_a_commented_hint_and_solution_cell(lesson):
    sources = [cell.source.strip() for cell in _code_cells(lesson)]
    for number in range(1, 4):
        assert f"# q_{number}.hint()\n# q_{number}.solution()" in sources


def test_data_is_credited_on_the_page(lesson):
    prose = _prose(lesson)
    for part in ("Wolberg", "Street", "Mangasarian", "UCI Machine Learning Repository", "CC BY 4.0"):
        assert part in prose


@pytest.fixture(scope="module")
def learner(lesson):
    from course.engine.downloads import learner_copy

    return learner_copy(lesson)


def test_learner_copy_has_blanks_and_no_answers(learner):
    assert not [cell for cell in learner.cells if _is_solution(cell)]
    code = "\n".join(cell.source for cell in _code_cells(learner))
    assert "model = ____" in code and "\n____  # model.compile(...)" in code
    for answer in ("Dense(256", "layers.BatchNormalization()", "layers.Dropout(0.3)"):
        assert answer not in code, answer
    # One compile call: the lesson's small network's; question 2's is the learner's to write.
    assert len(re.findall(r"^model\.compile\(", code, flags=re.MULTILINE)) == 1
    assert "One reading of this run" not in _prose(learner)


def test_learner_copy_runs_top_to_bottom_and_asks_for_answers(learner, learner_execution):
    executed = learner_execution(LESSON, learner)
    checks = _check_cells(executed, solution=False)
    for number in (1, 2):
        assert _verdict(checks[number]).startswith(f"{NOT_ATTEMPTED_LABEL}:"), number
    # Without answers, the training cell says why it does not train instead of failing.
    training = next(cell for cell in _code_cells(executed) if "def show_curves" in cell.source)
    printed = "".join(output.text for output in training.outputs if output.output_type == "stream")
    assert printed.startswith("Questions 1 and 2 first")

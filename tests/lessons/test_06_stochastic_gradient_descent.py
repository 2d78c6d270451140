"""Lesson 06 (stochastic gradient descent): the facts its text states, recomputed here; its glued values and
phrases checked against the computation; the verdicts its checks show; its figures' alt texts.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from course.engine.glue import glued_values, resolve_glue
from course.engine.sources import read_tutorial
from course.exercises import CORRECT, NOT_ATTEMPTED, OPEN, CheckResult
from tests.helpers import alt_text, check_cells, image_outputs, outputs_text, stderr_outputs, verdict

LESSON = "06_stochastic_gradient_descent"
CORRECT_LABEL = CheckResult(CORRECT, "").label
NOT_ATTEMPTED_LABEL = CheckResult(NOT_ATTEMPTED, "").label
OPEN_LABEL = CheckResult(OPEN, "").label  # "Open question"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def data():
    """The lesson's split, scaling and one-weight problem, verbatim."""
    from course.data.auto_mpg import FEATURES, TARGET, load_auto_mpg

    auto = load_auto_mpg()
    train = auto.sample(frac=0.7, random_state=0)
    valid = auto.drop(train.index)
    mean, std = train[list(FEATURES)].mean(), train[list(FEATURES)].std()
    x = ((train[["weight"]] - mean[["weight"]]) / std[["weight"]]).to_numpy(dtype="float64")
    y = ((train[TARGET] - train[TARGET].mean()) / train[TARGET].std()).to_numpy(dtype="float64").reshape(-1, 1)
    return {"train": train, "valid": valid, "x": x, "y": y, "target": TARGET}


def _descend(x, y, rate, steps=8, start=1.5):
    path = [start]
    for _ in range(steps):
        w = path[-1]
        path.append(w - rate * float(-2 * np.mean(x * (y - w * x))))
    return np.array(path)


# --- the facts, recomputed --------------------------------------------------------------------------------------


def test_split_is_274_and_118(data):
    assert (len(data["train"]), len(data["valid"])) == (274, 118)


def test_penalties_at_an_error_of_3():
    import keras

    truth, prediction = np.zeros((1, 1)), np.full((1, 1), 3.0)
    assert float(keras.losses.mean_absolute_error(truth, prediction)[0]) == 3
    assert float(keras.losses.mean_squared_error(truth, prediction)[0]) == 9 == 3**2
    assert float(keras.losses.Huber(delta=1.0, reduction=None)(truth, prediction)[0]) == 2.5 == 1 * (3 - 0.5)


def test_the_best_weight_is_negative_and_where_the_gradient_vanishes(data):
    x, y = data["x"], data["y"]
    best = float(np.sum(x * y) / np.sum(x * x))
    assert best < 0  # heavier cars, lower mpg
    assert abs(float(-2 * np.mean(x * (y - best * x)))) < 1e-12


def test_each_step_keeps_four_fifths_of_the_distance_at_rate_0_1(data):
    x, y = data["x"], data["y"]
    mean_square = float(np.mean(x * x))
    assert 0.99 < mean_square < 1  # "just under 1"
    assert round(1 - 2 * 0.1 * mean_square, 2) == 0.80  # "a fifth of it goes per step"
    best = float(np.sum(x * y) / np.sum(x * x))
    path = _descend(x, y, 0.1)
    distances = path - best
    assert np.all(distances > 0) and np.all(np.diff(distances) < 0)  # walks down one side, shrinking steps
    assert distances[-1] > 0.1  # "still on its way" after 8 steps


def test_rate_0_9_overshoots_but_closes_in_and_above_1_over_mean_square_it_diverges(data):
    x, y = data["x"], data["y"]
    best = float(np.sum(x * y) / np.sum(x * x))
    distances = _descend(x, y, 0.9) - best
    assert np.all(np.sign(distances[1:]) == -np.sign(distances[:-1]))  # side to side
    assert np.all(np.diff(np.abs(distances)) < 0)  # a little closer each time
    limit = 1 / float(np.mean(x * x))
    assert 1 < limit < 1.01  # "just over 1"
    growing = np.abs(_descend(x, y, limit * 1.02, steps=20) - best)
    assert np.all(np.diff(growing) > 0)


def test_the_mae_slope_keeps_its_size_near_the_bottom_and_the_mse_slope_shrinks():
    import keras
    import tensorflow as tf

    truth = tf.zeros((3, 1))
    prediction = tf.Variable([[0.01], [0.5], [3.0]])  # small to large errors
    slopes = {}
    for name, loss in (("mae", keras.losses.mean_absolute_error), ("mse", keras.losses.mean_squared_error)):
        with tf.GradientTape() as tape:
            penalties = loss(truth, prediction)  # one penalty per car
        slopes[name] = np.abs(tape.jacobian(penalties, prediction).numpy().reshape(3, 3).diagonal())
    np.testing.assert_allclose(slopes["mae"], 1.0)  # "a slope of the same size, 1, however small its error"
    assert np.all(np.diff(slopes["mse"]) > 0) and slopes["mse"][0] < 0.05


def test_the_largest_rate_jumps_around_the_bottom_instead_of_settling(data, executed_lesson):
    """The lesson's rate-0.1 run, recomputed: its training MAE goes up again at some epochs and ends above its
    lowest, the jumping the wrap-up describes."""
    import keras
    from keras import layers

    from course.data.auto_mpg import FEATURES

    train = data["train"]
    features = list(FEATURES)
    mean, std = train[features].mean(), train[features].std()
    keras.utils.set_random_seed(0)
    network = keras.Sequential([keras.Input(shape=[len(features)]), layers.Dense(32, activation="relu"),
                                layers.Dense(32, activation="relu"), layers.Dense(1)])
    network.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mae")
    curve = np.array(network.fit((train[features] - mean) / std, train[data["target"]], batch_size=32, epochs=15,
                                 verbose=0).history["loss"])
    shown = float(glued_values(executed_lesson(LESSON))["final_rate_0_1"].text)
    assert curve[-1] == pytest.approx(shown, abs=0.01)  # the run the page shows
    assert np.sum(np.diff(curve) > 0) >= 2 and curve[-1] > curve.min()


def test_minibatch_gradients_average_to_the_full_one_and_four_times_the_batch_about_halves_the_noise(data):
    x, y = data["x"], data["y"]
    rng = np.random.default_rng(0)
    full = float(-2 * np.mean(x * (y - 1.5 * x)))
    spread = {}
    for size in (8, 32, 128):
        picks = [rng.choice(len(x), size=size, replace=False) for _ in range(500)]
        grads = [float(-2 * np.mean(x[p] * (y[p] - 1.5 * x[p]))) for p in picks]
        assert np.mean(grads) == pytest.approx(full, rel=0.05)
        spread[size] = np.std(grads)
    assert 1.6 < spread[8] / spread[32] < 2.8 and 1.6 < spread[32] / spread[128] < 2.8


def test_adam_default_learning_rate_is_0_001():
    import keras

    assert float(keras.optimizers.Adam().learning_rate) == pytest.approx(0.001)


# --- the executed lesson ----------------------------------------------------------------------------------------


def test_solutions_say_correct_and_blanks_say_not_answered_yet(executed_lesson):
    nb = executed_lesson(LESSON)
    solutions, learner = check_cells(nb, solution=True), check_cells(nb, solution=False)
    assert sorted(solutions) == [1, 2] and sorted(learner) == [1, 2, 3, 4]
    for cell in solutions.values():
        assert verdict(cell).startswith(f"{CORRECT_LABEL}:"), verdict(cell)
    for number in (1, 2):
        assert "____" in learner[number].source
        assert verdict(learner[number]).startswith(f"{NOT_ATTEMPTED_LABEL}:"), number
    for number in (3, 4):  # open questions: training runs in the learner's cell, the check says what to look for
        assert verdict(learner[number]).startswith(f"{OPEN_LABEL}:")
        assert "model.fit(" in learner[number].source


def test_tape_gradient_equals_the_formula_and_minibatch_noise_falls_with_batch_size(executed_lesson, data):
    text = outputs_text(executed_lesson(LESSON))
    formula, tape = re.search(r"formula: (-?[\d.]+)\s+tape: (-?[\d.]+)", text).groups()
    assert formula == tape
    x, y = data["x"], data["y"]
    assert float(formula) == pytest.approx(-2 * np.mean(x * (y - 1.5 * x)), abs=1e-3)
    assert "274 cars for training, 118 for validation" in text


def test_steps_per_epoch_are_the_full_batches_and_one_more_for_the_rest(executed_lesson, data):
    nb = executed_lesson(LESSON)
    values = glued_values(nb)
    cars = len(data["train"])
    assert int(values["n_train"].text) == cars
    table = next(cell for cell in nb.cells if cell.cell_type == "code" and cell.source.rstrip().endswith("\nsteps"))
    shown = "\n".join(output.get("data", {}).get("text/plain", "") for output in table.outputs)
    rows = re.findall(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$", shown, re.MULTILINE)
    assert [int(size) for size, *_ in rows] == [8, 32, 128]
    for size, steps, full, left in ([int(n) for n in row] for row in rows):
        assert steps == math.ceil(cars / size) and full * size + left == cars and 0 <= left < size
    for size in (8, 128):  # the prose quotes these two
        assert int(values[f"steps_{size}"].text) == math.ceil(cars / size)


def test_glued_values_and_phrases_match_the_computation(executed_lesson, data, project_root):
    nb = executed_lesson(LESSON)
    values = glued_values(nb)
    x, y = data["x"], data["y"]
    assert float(values["best_w"].text) == pytest.approx(np.sum(x * y) / np.sum(x * x), abs=1e-4)
    assert float(values["slow_w8"].text) == pytest.approx(_descend(x, y, 0.1)[-1], abs=1e-4)
    assert (values["noisiest"].text, values["steadiest"].text) == ("8", "128")
    assert values["EPOCHS"].text == "15"
    train = data["train"][data["target"]]
    baseline = float((train - train.mean()).abs().mean())
    assert float(values["baseline"].text) == pytest.approx(baseline)
    finals = {}
    for kind, names in (("rate", {"rate 0.001", "rate 0.01", "rate 0.1"}),
                        ("batch", {"batch 8", "batch 32", "batch 128"})):
        ranked = [f"{kind} {values[f'{kind}_rank_{rank}'].text}" for rank in (1, 2, 3)]
        errors = [float(values[f"{kind}_rank_{rank}_mae"].text) for rank in (1, 2, 3)]
        assert set(ranked) == names
        assert errors == sorted(errors)  # "from lowest to highest"
        for name, error in zip(ranked, errors):
            assert float(values["final_" + name.replace(" ", "_").replace(".", "_")].text) == error
        finals.update(zip(ranked, errors))
    assert finals["rate 0.01"] == finals["batch 32"]  # the same run serves both panels
    for side, name in (("smallest_rate_vs_baseline", "rate 0.001"), ("largest_batch_vs_baseline", "batch 128")):
        assert values[side].text == ("above" if finals[name] > baseline else "below")
    resolved = resolve_glue(nb, read_tutorial(project_root / "tutorials_src" / f"{LESSON}.py"))
    prose = "\n".join(cell.source for cell in resolved.cells if cell.cell_type == "markdown")
    assert "{glue" not in prose
    for kind in ("rate", "batch"):  # the prose lists each panel's settings from lowest error to highest
        order = sorted((name for name in finals if name.startswith(kind)), key=finals.get)
        listed = ", then ".join(f"{name} ({finals[name]:.1f} mpg)" for name in order)
        assert listed in " ".join(prose.split())


def test_figures_have_alt_texts_and_there_is_no_stderr(executed_lesson):
    nb = executed_lesson(LESSON)
    alts = [alt_text(image) for image in image_outputs(nb)]
    assert len(alts) == 5 and all(alt.strip() for alt in alts)
    assert "MAE gives 3, MSE 9 and Huber 2.5" in alts[0]
    assert "jump from side to side" in alts[1] and "shrinking steps" in alts[1]
    assert alts[2].startswith("Training MAE over 15 epochs")
    assert stderr_outputs(nb) == []


def test_the_last_cell_hands_over_to_lesson_7(project_root):
    source = (project_root / "tutorials_src" / f"{LESSON}.py").read_text(encoding="utf-8")
    last = source.rsplit("# %% [markdown]", 1)[1]
    assert "(07_overfitting_and_underfitting.ipynb)" in last
    assert "next lesson" in last.lower()


def test_the_learners_copy_has_the_blanks_and_no_answers(executed_lesson):
    from course.engine.downloads import learner_copy

    copy = learner_copy(executed_lesson(LESSON))
    code = [cell.source for cell in copy.cells if cell.cell_type == "code"]
    assert not any("solution" in cell.metadata.get("tags", []) for cell in copy.cells)
    assert all(not cell.get("outputs") for cell in copy.cells if cell.cell_type == "code")
    assert sum("____" in source for source in code) >= 2
    assert not any(source.startswith("input_shape = list(") for source in code)

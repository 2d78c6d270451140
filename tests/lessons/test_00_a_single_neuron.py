"""Lesson 00 (a single neuron): the facts its text states, recomputed here; its glued values resolved; the verdicts
its checks show on the executed page; and its figures' alt texts.
"""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest

from course.engine.glue import glued_values, resolve_glue
from course.engine.sources import read_tutorial
from course.exercises import CORRECT, NOT_ATTEMPTED, OPEN, CheckResult
from tests.helpers import alt_text, check_cells, image_outputs, outputs_text, stderr_outputs, verdict

LESSON = "00_a_single_neuron"
CORRECT_LABEL = CheckResult(CORRECT, "").label
NOT_ATTEMPTED_LABEL = CheckResult(NOT_ATTEMPTED, "").label
OPEN_LABEL = CheckResult(OPEN, "").label  # "Open question"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def auto():
    from course.data.auto_mpg import load_auto_mpg

    return load_auto_mpg()


# --- the facts, recomputed --------------------------------------------------------------------------------------


def test_the_data_is_392_cars_of_1970_to_1982_in_9_columns(auto):
    assert auto.shape == (392, 9)
    assert (auto["year"].min(), auto["year"].max()) == (70, 82)
    assert sorted(auto["origin"].unique()) == [1, 2, 3]  # 1 American, 2 European, 3 Japanese


def test_six_features_without_origin_and_name_and_why_name_is_no_input(auto):
    from course.data.auto_mpg import FEATURES, TARGET

    assert list(FEATURES) == ["cylinders", "displacement", "horsepower", "weight", "acceleration", "year"]
    assert TARGET == "mpg" and "origin" not in FEATURES and "name" not in FEATURES
    assert auto["name"].map(type).eq(str).all()
    counts = auto["name"].value_counts()
    assert (counts <= 2).mean() > 0.5  # "most names belong to one or two rows"
    assert list(auto[list(FEATURES)].shape[1:]) == [6]


def test_the_best_line_slopes_down(auto):
    slope, intercept = np.polyfit(auto["weight"] / 1000, auto["mpg"], deg=1)
    assert slope < 0 < intercept


def test_an_untrained_line_stays_below_every_car_whatever_the_seed(auto):
    # |w| <= sqrt(6 / (1 + 1)) = sqrt(3) and the bias starts at 0, so |prediction| <= sqrt(3) * heaviest weight.
    heaviest = auto["weight"].max() / 1000
    assert math.sqrt(3) * heaviest < auto["mpg"].min()
    assert round(math.sqrt(3), 2) == 1.73


def test_one_unit_on_one_input_has_a_1x1_kernel_a_zero_bias_and_2_parameters():
    import keras
    from keras import layers

    keras.utils.set_random_seed(3)
    model = keras.Sequential([keras.Input(shape=[1]), layers.Dense(1)])
    assert model.count_params() == 2 and model.output_shape == (None, 1)
    w, b = model.weights
    assert tuple(w.shape) == (1, 1) and tuple(b.shape) == (1,)
    assert float(b.numpy()[0]) == 0.0 and abs(float(w.numpy()[0, 0])) <= math.sqrt(3)
    x = np.array([[2.0], [3.0], [4.0]])
    np.testing.assert_allclose(model.predict(x, verbose=0), x * w.numpy() + b.numpy(), rtol=1e-6)


def test_one_unit_on_six_inputs_has_7_parameters_and_glorot_range_sqrt_6_over_7():
    import keras
    from keras import layers

    model = keras.Sequential([keras.Input(shape=[6]), layers.Dense(1)])
    assert model.count_params() == 7
    assert tuple(model.weights[0].shape) == (6, 1)
    assert np.abs(model.weights[0].numpy()).max() <= math.sqrt(6 / 7)
    assert round(math.sqrt(6 / 7), 2) == 0.93


def test_legacy_input_shape_on_the_first_layer_builds_with_a_warning():
    import keras
    from keras import layers

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = keras.Sequential([layers.Dense(1, input_shape=[6])])
    assert model.count_params() == 7
    assert any("Input(shape)" in str(warning.message) for warning in caught)


# --- the executed lesson ----------------------------------------------------------------------------------------


def test_solutions_say_correct_and_blanks_say_not_answered_yet(executed_lesson):
    nb = executed_lesson(LESSON)
    solutions, learner = check_cells(nb, solution=True), check_cells(nb, solution=False)
    assert sorted(solutions) == [1, 2, 3] and sorted(learner) == [1, 2, 3, 4]
    for number, cell in solutions.items():
        assert verdict(cell).startswith(f"{CORRECT_LABEL}:"), (number, verdict(cell))
    for number in (1, 2, 3):
        assert "____" in learner[number].source
        assert verdict(learner[number]).startswith(f"{NOT_ATTEMPTED_LABEL}:"), number
    assert verdict(learner[4]).startswith(f"{OPEN_LABEL}:")  # open: any plot is an answer
    sources = [cell.source.strip() for cell in nb.cells if cell.cell_type == "code"]
    for number in range(1, 5):
        assert f"# q_{number}.hint()\n# q_{number}.solution()" in sources


def test_outputs_show_what_the_text_says(executed_lesson):
    text = re.sub(r"\x1b\[[0-9;]*m", "", outputs_text(executed_lesson(LESSON)))
    assert "shape: (392, 9)" in text
    assert re.search(r"Total params: 2\b", text) and re.search(r"Total params: 7\b", text)
    assert "kernel: (1, 1)" in text and "bias:   (1,) [0.]" in text
    assert "kernel: (6, 1)" in text
    assert "one car:  (6,)" in text
    model_line = re.search(r"model:\s+\[([^\]]+)\]", text).group(1)
    formula_line = re.search(r"w\*x \+ b:\s+\[([^\]]+)\]", text).group(1)
    assert model_line.split() == formula_line.split()


def test_glued_values_match_the_computation_and_every_role_resolves(executed_lesson, auto, project_root):
    nb = executed_lesson(LESSON)
    values = glued_values(nb)
    slope, intercept = np.polyfit(auto["weight"] / 1000, auto["mpg"], deg=1)
    assert float(values["best_w"].text) == pytest.approx(slope)
    assert float(values["best_b"].text) == pytest.approx(intercept)
    assert float(values["best_cost"].text) == pytest.approx(-slope)
    assert abs(float(values["start_w"].text)) <= math.sqrt(3)
    assert [int(values[name].text) for name in ("n_cars", "n_columns", "params_one_input")] == [len(auto), 9, 2]
    years = auto["year"].min(), auto["year"].max()
    assert [int(values[name].text) for name in ("year_min", "first_year", "last_year")] == [
        years[0], 1900 + years[0], 1900 + years[1]]
    bound, thirstiest = float(values["untrained_bound"].text), float(values["mpg_min"].text)
    assert bound == pytest.approx(math.sqrt(3) * auto["weight"].max() / 1000)
    assert round(bound, 1) < round(thirstiest)  # rounded as the text quotes them, still "below every car"
    resolved = resolve_glue(nb, read_tutorial(project_root / "tutorials_src" / f"{LESSON}.py"))
    prose = " ".join("\n".join(cell.source for cell in resolved.cells if cell.cell_type == "markdown").split())
    assert "{glue" not in prose
    assert f"The best slope, {slope:.2f}, is negative" in prose
    assert f"every extra thousand pounds costs about {-slope:.2f} miles per gallon" in prose  # the slope's precision
    assert f"{len(auto)} car models from the years {1900 + years[0]} to {1900 + years[1]}" in prose
    assert f"the model year ({years[0]} for {1900 + years[0]})" in prose
    assert f"never leaves ±{bound:.1f} mpg, and the thirstiest car makes {thirstiest:.0f} mpg" in prose


def test_figures_have_alt_texts_built_from_the_values_and_no_stderr(executed_lesson, auto):
    nb = executed_lesson(LESSON)
    alts = [alt_text(image) for image in image_outputs(nb)]
    assert len(alts) == 3 and all(alt.strip() for alt in alts)
    assert alts[1].startswith("392 cars as grey dots") and "lower for heavier cars" in alts[1]
    assert "below every car" in alts[1]
    assert stderr_outputs(nb) == []


def test_the_last_cell_points_at_a_lesson_that_exists(project_root):
    source = (project_root / "tutorials_src" / f"{LESSON}.py").read_text(encoding="utf-8")
    last = source.rsplit("# %% [markdown]", 1)[1]
    assert "(01_layers.ipynb)" in last and (project_root / "tutorials_src" / "01_layers.py").is_file()


def test_the_learners_copy_has_the_blanks_and_no_answers(executed_lesson):
    from course.engine.downloads import learner_copy

    copy = learner_copy(executed_lesson(LESSON))
    code = [cell.source for cell in copy.cells if cell.cell_type == "code"]
    assert not any("solution" in cell.metadata.get("tags", []) for cell in copy.cells)
    assert all(not cell.get("outputs") for cell in copy.cells if cell.cell_type == "code")
    assert sum("____" in source for source in code) >= 2
    assert not any(source.startswith("input_shape = list(") for source in code)


def test_the_diagram_labels_one_unit_as_a_layer_and_the_text_reads_the_labels_for_the_reader(executed_lesson):
    import matplotlib.pyplot as plt

    from course.plotting import draw_dense_layer

    fig = draw_dense_layer(1, 1, input_labels=["x"], unit_labels=["y"], title="A linear unit")
    texts = {text.get_text() for ax in fig.axes for text in ax.texts}
    plt.close(fig)
    # The one weight and the one bias carry a layer's double and single indices, under a layer's formula.
    assert {"$w_{00}$", "$b_{0}$", r"$y_j = \sum_i\, w_{ij}\, x_i + b_j$"} <= texts
    nb = executed_lesson(LESSON)
    prose = " ".join("\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown").split())
    assert "$w_{00}$ is the weight from input 0 to unit 0 and $b_0$ is the bias of unit 0" in prose
    assert "With one input and one unit they are our $w$ and $b$" in prose


def test_sequential_and_verbose_are_explained_before_the_code_first_uses_them(project_root):
    notebook = read_tutorial(project_root / "tutorials_src" / f"{LESSON}.py").notebook

    def first(kind: str, text: str) -> int:
        return next(i for i, cell in enumerate(notebook.cells) if cell.cell_type == kind and text in cell.source)

    assert first("markdown", "`keras.Sequential` builds the model from a list") < first("code", "keras.Sequential(")
    assert first("markdown", "`verbose=0` stops") < first("code", "verbose=0")
    prose = " ".join("\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown").split())
    assert "every weight from the lightest car" not in prose  # car weights, not the model's weights

"""Lesson 04 (exercise: concrete compressive strength): the facts its text states, recomputed here; the verdicts
its checks show on the executed page; and the learner's copy made from it, which must hold the blanks and no
answers, and run from top to bottom.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest

from course.engine.glue import resolve_glue
from course.engine.sources import read_tutorial
from course.exercises import CORRECT, NOT_ATTEMPTED, OPEN, CheckResult
from tests.conftest import TUTORIALS
from tests.helpers import image_outputs, outputs_text

LESSON = "04_exercise_concrete"
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
CHECK_CALL = re.compile(r"^q_([1-4])\.check\(\)$", re.MULTILINE)
CORRECT_LABEL = CheckResult(CORRECT, "").label  # "Correct", as the checker shows it
NOT_ATTEMPTED_LABEL = CheckResult(NOT_ATTEMPTED, "").label  # "Not answered yet"
OPEN_LABEL = CheckResult(OPEN, "").label  # "Open question"

pytestmark = pytest.mark.slow


def _deep_model():
    import keras
    from keras import layers

    return keras.Sequential(
        [
            keras.Input(shape=[8]),
            layers.Dense(512, activation="relu"),
            layers.Dense(512, activation="relu"),
            layers.Dense(512, activation="relu"),
            layers.Dense(1),
        ]
    )


# --- the facts, recomputed --------------------------------------------------------------------------------------


def test_dataset_has_1030_mixes_eight_features_one_target_and_nothing_missing():
    from course.data import FEATURES, TARGET, load_concrete

    concrete = load_concrete()
    assert concrete.shape == (1030, 9)
    assert list(FEATURES) == [
        "Cement", "BlastFurnaceSlag", "FlyAsh", "Water", "Superplasticizer", "CoarseAggregate", "FineAggregate", "Age",
    ]
    assert TARGET == "CompressiveStrength"
    assert list(concrete.columns) == [*FEATURES, TARGET]
    assert not concrete.isna().any().any()
    # The answer to question 1: one example is a row of the feature columns, without the target.
    assert list(concrete[list(FEATURES)].shape[1:]) == [len(FEATURES)] == [8]


def test_deep_model_has_530_433_parameters_as_counted_in_the_text():
    model = _deep_model()
    assert [layer.count_params() for layer in model.layers] == [
        8 * 512 + 512, 512 * 512 + 512, 512 * 512 + 512, 512 * 1 + 1
    ] == [4_608, 262_656, 262_656, 513]
    assert model.count_params() == 4_608 + 2 * 262_656 + 513 == 530_433


def test_activation_layers_add_no_parameters_both_small_models_have_1377():
    import keras
    from keras import layers

    inside = keras.Sequential([
        keras.Input(shape=[8]),
        layers.Dense(32, activation="relu"),
        layers.Dense(32, activation="relu"),
        layers.Dense(1),
    ])
    separate = keras.Sequential([
        keras.Input(shape=[8]),
        layers.Dense(32),
        layers.Activation("relu"),
        layers.Dense(32),
        layers.Activation("relu"),
        layers.Dense(1),
    ])
    assert inside.count_params() == separate.count_params() == 1_377
    assert [layer.count_params() for layer in separate.layers if isinstance(layer, layers.Activation)] == [0, 0]


def test_a_list_inside_a_tuple_is_not_a_shape():
    import keras

    input_shape = [8]
    with pytest.raises(ValueError, match=re.escape("Cannot convert '([8],)' to a shape")):
        keras.Input(shape=(input_shape,))
    # The forms the text recommends are the same shape.
    assert keras.Input(shape=input_shape).shape == keras.Input(shape=(8,)).shape == (None, 8)


def test_a_shape_is_a_list_or_a_tuple_and_question_1_takes_either():
    import keras

    from course.exercises.deep_neural_networks import q_1

    # The text: a shape is a list or a tuple of sizes, and [3] is the same as (3,).
    assert keras.Input(shape=[3]).shape == keras.Input(shape=(3,)).shape == (None, 3)
    assert q_1.check([8]).status == q_1.check((8,)).status == CORRECT
    prose = " ".join("\n".join(cell.source for cell in read_tutorial(TUTORIALS / f"{LESSON}.py").notebook.cells
                               if cell.cell_type == "markdown").split())
    assert "A shape is a list or a tuple of sizes, one per axis; this lesson writes lists" in prose
    assert "a list of sizes, one per axis: `[3]`" not in prose


def test_input_shape_on_a_dense_layer_still_builds_but_warns():
    import keras
    from keras import layers

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = keras.Sequential([layers.Dense(512, activation="relu", input_shape=[8]), layers.Dense(1)])
    assert model.count_params() == 4_608 + 513
    assert any("Input(shape)" in str(warning.message) for warning in caught)


# --- the executed lesson ----------------------------------------------------------------------------------------


def _code_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def _is_solution(cell) -> bool:
    return "solution" in cell.metadata.get("tags", [])


def _check_cells(nb, *, solution: bool) -> dict[int, object]:
    """Question number -> the code cell that ends with ``q_N.check()``, among solution or learner cells."""
    found = {}
    for cell in _code_cells(nb):
        match = CHECK_CALL.search(cell.source)
        if match and _is_solution(cell) == solution:
            number = int(match.group(1))
            assert number not in found, f"two {'solution' if solution else 'learner'} cells for q_{number}"
            found[number] = cell
    return found


def _verdict(cell) -> str:
    """The plain text of the cell's result, the ``CheckResult`` its last line returns."""
    results = [output for output in cell.outputs if output.output_type == "execute_result"]
    assert len(results) == 1, cell.source
    data = results[0].data
    assert "text/html" in data and "text/markdown" in data, "the verdict should render as a coloured line"
    return data["text/plain"]


def test_every_solution_cell_says_correct(executed_lesson):
    solutions = _check_cells(executed_lesson(LESSON), solution=True)
    # Question 4 is open: what its check says is shown under the learner's cell, so its solution does not repeat it.
    assert sorted(solutions) == [1, 2, 3]
    for number, cell in solutions.items():
        verdict = _verdict(cell)
        assert verdict.startswith(f"{CORRECT_LABEL}:"), (number, verdict)
    assert "[8]" in _verdict(solutions[1])


def test_learner_cells_hold_blanks_and_say_not_answered_yet(executed_lesson):
    learner = _check_cells(executed_lesson(LESSON), solution=False)
    assert sorted(learner) == [1, 2, 3, 4]
    for number in (1, 2, 3):
        assert "____" in learner[number].source
        assert _verdict(learner[number]).startswith(f"{NOT_ATTEMPTED_LABEL}:"), number
    # Question 4 is open: any plot is an answer, and the check says what to look for.
    assert _verdict(learner[4]).startswith(f"{OPEN_LABEL}:")
    assert 'activation_name = "relu"' in learner[4].source


def test_each_question_has_a_commented_hint_and_solution_cell(executed_lesson):
    sources = [cell.source.strip() for cell in _code_cells(executed_lesson(LESSON))]
    for number in range(1, 5):
        assert f"# q_{number}.hint()\n# q_{number}.solution()" in sources


def _resolved_prose(nb) -> str:
    """The page's Markdown as the reader reads it, glue roles replaced by the values they quote."""
    resolved = resolve_glue(nb, read_tutorial(TUTORIALS / f"{LESSON}.py"))
    return " ".join("\n".join(cell.source for cell in resolved.cells if cell.cell_type == "markdown").split())


def test_outputs_show_the_numbers_the_text_states(executed_lesson):
    nb = executed_lesson(LESSON)
    text = ANSI_ESCAPE.sub("", outputs_text(nb))
    assert "shape: (1030, 9)" in text
    # The two summaries: the deep model of question 2, then the rewritten small model of question 3.
    assert re.findall(r"Total params: ([\d,]+)", text) == ["530,433", "1,377"]
    for params in ("4,608", "262,656", "513"):
        assert params in text
    prose = _resolved_prose(nb)
    assert "The table has 1030 rows, one per test, and 9 columns." in prose
    assert "works on 1 test or on all 1030." in prose
    assert "it should report 530,433 parameters" in prose
    assert "$4{,}608 + 2 \\cdot 262{,}656 + 513 = 530{,}433$" in prose  # the hand count, written out
    assert "So the total, 1,377, is the same as for the original model." in prose
    assert "its 530,433 parameters still hold their random starting values" in prose


def test_figures_have_alt_text(executed_lesson):
    images = image_outputs(executed_lesson(LESSON))
    assert len(images) == 3  # the network, the learner's relu plot, the gallery of eight
    for image in images:
        alt = image.get("metadata", {}).get("image/png", {}).get("alt", "")
        assert alt.strip()
        assert 'alt="' in image.data["text/html"]
    alts = [image.metadata["image/png"]["alt"] for image in images]
    assert alts[0].startswith("Diagram of the network: 8 inputs, three hidden layers of 512 ReLU units each")
    assert alts[0].endswith("530,433 parameters in total.")
    # relu is at its lowest on a whole stretch of inputs, not at one point: the description gives the stretch.
    negative = np.linspace(-3.0, 3.0, 100)
    negative = negative[negative < 0]
    assert alts[1].startswith("The relu activation applied to 100 inputs from -3 to 3")
    assert alts[1].endswith(f"lowest 0.00 from {negative[0]:.2f} to {negative[-1]:.2f}."), alts[1]
    assert alts[2].startswith("Eight activation functions")
    assert "elu and selu bend down to a negative floor, elu smoothly and selu with a kink at 0" in alts[2]


def test_elu_is_smooth_at_zero_and_selu_has_a_kink_as_the_gallery_alt_says():
    import keras

    def slopes_beside_zero(name: str, step: float = 1e-3) -> tuple[float, float]:
        x = np.array([-2 * step, -step, 0.0, step, 2 * step], dtype="float64")
        y = keras.ops.convert_to_numpy(keras.activations.get(name)(x)).astype("float64")
        return (y[2] - y[0]) / (2 * step), (y[4] - y[2]) / (2 * step)

    elu_left, elu_right = slopes_beside_zero("elu")
    selu_left, selu_right = slopes_beside_zero("selu")
    assert abs(elu_right - elu_left) < 0.01  # both about 1
    assert selu_left - selu_right > 0.5  # about 1.76 on the left, 1.05 on the right
    negative = keras.ops.convert_to_numpy(keras.activations.get("selu")(np.array([-3.0, -30.0])))
    assert -1.8 < negative[1] < negative[0] < 0  # bending down to a negative floor


def test_the_lesson_imports_no_tensorflow(project_root):
    source = (project_root / "tutorials_src" / f"{LESSON}.py").read_text(encoding="utf-8")
    assert "tensorflow" not in source and "tf." not in source
    assert 'x = np.linspace(-3.0, 3.0, 100, dtype="float32")' in source


def test_no_cell_writes_to_stderr_or_fails(executed_lesson):
    for cell in _code_cells(executed_lesson(LESSON)):
        assert not [o for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"], cell.source
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source


def test_data_is_credited_on_the_page(executed_lesson):
    prose = "\n".join(cell.source for cell in executed_lesson(LESSON).cells if cell.cell_type == "markdown")
    for part in ("I-Cheng Yeh", "Cement and Concrete Research", "28(12):1797–1808 (1998)", "UCI Machine Learning",
                 "CC BY 4.0"):
        assert part in prose


# --- the learner's copy -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def learner(executed_lesson):
    from course.engine.downloads import learner_copy

    return learner_copy(executed_lesson(LESSON))


def test_learner_copy_has_blanks_and_no_solutions_or_outputs(learner):
    code = _code_cells(learner)
    assert sum(" = ____" in cell.source for cell in code) == 3  # questions 1 to 3
    assert not [cell for cell in learner.cells if _is_solution(cell)]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)


def test_learner_copy_code_gives_no_answer_away(learner):
    code = "\n".join(cell.source for cell in _code_cells(learner))
    for answer in ("Dense(512", "input_shape = [", "len(FEATURES)", 'Activation("relu")', "layers.Dense(32",
                   "function_grid("):
        assert answer not in code, answer


def test_learner_copy_runs_top_to_bottom_and_asks_for_answers(learner, learner_execution):
    executed = learner_execution(LESSON, learner)
    checks = _check_cells(executed, solution=False)
    assert sorted(checks) == [1, 2, 3, 4]
    for number in (1, 2, 3):
        assert _verdict(checks[number]).startswith(f"{NOT_ATTEMPTED_LABEL}:"), number


def test_input_shape_note_says_keras_reads_it_only_on_the_first_layer(executed_lesson):
    prose = " ".join("\n".join(cell.source for cell in executed_lesson(LESSON).cells
                               if cell.cell_type == "markdown").split())
    assert "Keras reads `input_shape` only on that first layer" in prose

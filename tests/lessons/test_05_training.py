"""Lesson 05 (training the concrete model): the facts its text states, recomputed here and read from its outputs."""

from __future__ import annotations

import ast
import re

import numpy as np
import pytest

from course.engine.glue import glued_values, resolve_glue
from course.engine.sources import read_tutorial
from tests.conftest import TUTORIALS
from tests.helpers import alt_text, image_outputs, outputs_text

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
    epochs = int(_glued(executed_lesson(LESSON))["epochs"])
    final = _printed(text, f"validation MAE after {epochs} epochs")
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
    assert "721 tests for training, 309 for validation" in text


def test_scale_sentence_names_the_extremes(executed_lesson):
    from course.data import FEATURES

    _, train, *_ = _split()
    means, stds = train[list(FEATURES)].mean(), train[list(FEATURES)].std()
    prose = _resolved_prose(executed_lesson(LESSON))
    assert f"from about {means.min():.0f} (Superplasticizer) to about {means.max():.0f} (CoarseAggregate)" in prose
    assert f"to about {stds.max():.0f} (Cement)" in prose


def test_scale_table_and_validation_ranges_are_printed(executed_lesson):
    text = outputs_text(executed_lesson(LESSON))
    assert re.search(r"^Cement\s+281\.35\s+104\.51\s+0\.0\s+1\.0$", text, flags=re.MULTILINE)
    assert re.search(r"^validation means: -?\d\.\d\d to -?\d\.\d\d$", text, flags=re.MULTILINE)
    assert "530,433 parameters" in text


def _glued(nb) -> dict[str, str]:
    """Each glued value's text form, by name."""
    return {name: value.text for name, value in glued_values(nb).items()}


def _resolved_prose(nb) -> str:
    resolved = resolve_glue(nb, read_tutorial(TUTORIALS / f"{LESSON}.py"))
    return " ".join("\n".join(cell.source for cell in resolved.cells if cell.cell_type == "markdown").split())


def _source_prose() -> str:
    notebook = read_tutorial(TUTORIALS / f"{LESSON}.py").notebook
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def _comparison_rows(text: str) -> dict[str, list[float]]:
    """The comparison table: per activation, its runs then mean and spread, as printed."""
    rows = {}
    for line in text.splitlines():
        parts = line.split()
        if parts and parts[0] in ACTIVATIONS and len(parts) >= 6:
            rows[parts[0]] = [float(value) for value in parts[1:]]
    return rows


def test_glued_values_are_the_printed_ones(executed_lesson):
    nb = executed_lesson(LESSON)
    glued, text = glued_values(nb), outputs_text(nb)
    epochs = glued["epochs"].text
    assert f"validation MAE after {epochs} epochs: {glued['val_mae'].formatted('.2f')} MPa" in text
    assert f"MAE of always predicting the mean: {glued['baseline_mae'].formatted('.2f')} MPa" in text
    assert f"standard deviation of the strength: {glued['strength_std'].formatted('.2f')} MPa" in text
    share = float(glued["share_of_baseline"].text)
    assert share == pytest.approx(float(glued["val_mae"].text) / float(glued["baseline_mae"].text))
    assert f"first epoch: training {glued['first_train_mae'].formatted('.2f')} MPa" in text


def test_the_opening_quotes_the_parameter_count_the_model_prints(executed_lesson):
    nb = executed_lesson(LESSON)
    printed = re.search(r"^([\d,]+) parameters$", outputs_text(nb), flags=re.MULTILINE).group(1)
    assert printed == "530,433"  # the exercise's model, as lesson 4 counts it by hand
    assert f"Its {printed} parameters still held random starting values." in _resolved_prose(nb)


def test_the_prose_quotes_at_least_eight_glued_values_and_resolves(executed_lesson):
    nb = executed_lesson(LESSON)
    quoted = {match.split(":")[0] for match in re.findall(r"\{glue(?::text)?\}`([^`]+)`", _source_prose())}
    assert len(quoted) >= 8
    assert quoted <= set(glued_values(nb)), "every quoted name is glued"
    prose = _resolved_prose(nb)
    glued = glued_values(nb)
    assert f"off by {glued['val_mae'].formatted('.2f')} MPa on average" in prose
    assert f"Always predicting the mean is off by {glued['baseline_mae'].formatted('.2f')} MPa" in prose


def test_the_lowest_point_sentence_matches_the_curve(executed_lesson):
    nb = executed_lesson(LESSON)
    text = outputs_text(nb)
    match = re.search(r"^lowest validation MAE at epoch (\d+) of (\d+)$", text, flags=re.MULTILINE)
    best, total = int(match.group(1)), int(match.group(2))
    lowest = _printed(text, "lowest validation MAE")
    final = _printed(text, f"validation MAE after {total} epochs")
    prose = _resolved_prose(nb)
    assert (f"The validation error is lowest at epoch {best}, {lowest:.2f} MPa; at the last epoch, epoch {total}, "
            f"it is {final:.2f} MPa.") in prose


def test_the_first_epoch_sentence_matches_the_outputs(executed_lesson):
    nb = executed_lesson(LESSON)
    match = re.search(r"first epoch: training ([\d.]+) MPa, validation ([\d.]+) MPa", outputs_text(nb))
    train, valid = float(match.group(1)), float(match.group(2))
    order = "above" if train > valid else "not above"
    assert f"In the first epoch the training error, {train:.1f} MPa, is {order} the validation error" in _resolved_prose(nb)


def test_comparison_repeats_every_activation_at_least_three_times_with_mean_and_spread(executed_lesson):
    nb = executed_lesson(LESSON)
    rows = _comparison_rows(outputs_text(nb))
    assert set(rows) == set(ACTIVATIONS)
    for name, values in rows.items():
        runs, mean, spread = values[:-2], values[-2], values[-1]
        assert len(runs) >= 3
        assert mean == pytest.approx(np.mean(runs), abs=0.011), name
        assert spread == pytest.approx(max(runs) - min(runs), abs=0.011), name


def test_ranking_sentences_follow_the_table(executed_lesson):
    nb = executed_lesson(LESSON)
    rows = _comparison_rows(outputs_text(nb))
    by_mean = sorted(rows, key=lambda name: rows[name][-2])
    prose = _resolved_prose(nb)
    ranking = re.search(r"in the same brackets: (.+?)\. This experiment", prose).group(1)
    assert re.findall(r"[a-z]+", ranking) == by_mean
    # The groups are the ones the code printed, as many as the sentence counts.
    printed = re.search(r"^lowest mean first, overlapping runs grouped: (.+)$", outputs_text(nb), flags=re.MULTILINE)
    groups = ast.literal_eval(printed.group(1))
    assert ranking == " < ".join(f"[{', '.join(group)}]" for group in groups)
    assert f"tell the brackets apart, {len(groups)} of them, but not the activations inside one" in prose
    # The linear network's runs sit above every non-linear run: the claim the bullet makes for the listed ones.
    below = [name for name in ACTIVATIONS if name != "linear" and max(rows[name][:-2]) < min(rows["linear"][:-2])]
    assert (f"whose mean is {rows['linear'][-2]:.2f} MPa, for {len(below)} of the 4 non-linear activations: "
            f"[{', '.join(below)}].") in prose
    # The verdict after it: only when every non-linear activation beat the linear one does the text say why.
    says_why = "A linear function of the recipe cannot follow how the strength really depends on it" in prose
    assert says_why == (len(below) == 4)
    # A single run could swap activations only when some bracket holds more than one.
    warns = "A single run per activation could have put the activations inside a bracket in another order" in prose
    assert warns == any(len(group) > 1 for group in groups)


def _comparison_code():
    """The lesson's imports and the cell that defines its comparison, executed with the lesson's split."""
    cells = [cell.source for cell in read_tutorial(TUTORIALS / f"{LESSON}.py").notebook.cells if cell.cell_type == "code"]
    _, train, valid, x_train, x_valid, target = _split()
    namespace = {"features": list(x_train.columns), "X_train": x_train, "y_train": train[target],
                 "X_valid": x_valid, "y_valid": valid[target]}
    exec(cells[0], namespace)  # the imports and the seed
    exec(next(cell for cell in cells if "def comparison_network(" in cell), namespace)
    return namespace


def test_each_run_is_a_new_small_network_with_the_activation_and_its_starting_weights():
    """SELU starts from "lecun_normal", the others from Keras's default; every call draws new weights."""
    lesson = _comparison_code()
    assert tuple(lesson["ACTIVATIONS"]) == ACTIVATIONS and lesson["RUNS"] >= 3
    for activation in ACTIVATIONS:
        network, another = lesson["comparison_network"](activation), lesson["comparison_network"](activation)
        assert [layer.units for layer in network.layers] == [64, 64, 64, 1]
        assert [layer.activation.__name__ for layer in network.layers] == [activation] * 3 + ["linear"]
        initializer = "LecunNormal" if activation == "selu" else "GlorotUniform"
        assert {type(layer.kernel_initializer).__name__ for layer in network.layers[:3]} == {initializer}
        assert network.count_params() == (8 * 64 + 64) + 2 * (64 * 64 + 64) + (64 + 1)
        first, first_again = (np.asarray(model.layers[0].kernel) for model in (network, another))
        assert not np.allclose(first, first_again), "each run starts from its own random weights"


def test_alt_texts_state_the_computed_values(executed_lesson):
    nb = executed_lesson(LESSON)
    images = image_outputs(nb)
    assert len(images) == 2
    curves, comparison = alt_text(images[0]), alt_text(images[1])
    glued = glued_values(nb)
    assert f"over {glued['epochs'].text} epochs" in curves
    assert f"lowest at epoch" in curves and f"{float(glued['val_mae'].text):.1f} MPa" in curves
    rows = _comparison_rows(outputs_text(nb))
    lowest = min(rows, key=lambda name: rows[name][-2])
    highest = max(rows, key=lambda name: rows[name][-2])
    assert f"run from {rows[lowest][-2]:.1f} ({lowest}) to {rows[highest][-2]:.1f} MPa ({highest})" in comparison
    assert all(f"{name} " in comparison for name in ACTIVATIONS)


def test_the_lesson_hands_over_to_lesson_6_without_promising_it(executed_lesson):
    prose = _source_prose()
    assert "(06_stochastic_gradient_descent.ipynb)" in prose
    assert not re.search(r"next lesson", prose, flags=re.IGNORECASE)
    assert "learning rate" not in prose.split("## What's next")[1], "lesson 6 explains the settings, not this one"


def test_no_stderr_and_no_progress_bars(executed_lesson):
    for cell in _code_cells(executed_lesson(LESSON)):
        assert not [output for output in cell.outputs if output.get("name") == "stderr"], cell.source
        for output in cell.outputs:
            for text in _strings(dict(output)):
                assert "\x08" not in text and "━━" not in text, cell.source


def test_the_validation_error_is_split_by_whether_the_training_set_holds_the_tests_mix(executed_lesson):
    """The caveat about mixes tested at several ages is measured, not assumed: the two parts are the validation
    error itself, weighted by their sizes, and the verdict the prose words follows them."""
    nb = executed_lesson(LESSON)
    glued = {name: value.text for name, value in glued_values(nb).items()}
    seen, new, total = int(glued["valid_seen_mix"]), int(glued["valid_new_mix"]), int(glued["n_valid"])
    assert seen + new == total and 0 < seen < total
    mae_seen, mae_new = float(glued["mae_seen_mix"]), float(glued["mae_new_mix"])
    assert (seen * mae_seen + new * mae_new) / total == pytest.approx(float(glued["val_mae"]), abs=0.01)
    assert glued["new_mix_error"] == ("higher" if mae_new > mae_seen else "not higher")
    text = outputs_text(nb)
    assert f"MAE on tests of a mix in training: {mae_seen:.2f} MPa" in text
    assert f"MAE on tests of a new mix: {mae_new:.2f} MPa" in text


def test_the_repeated_tests_are_counted_as_the_prose_says(executed_lesson):
    """Some validation tests repeat a training test's mix and age, most of those its strength too: recomputed
    with pandas, and quoted in the prose."""
    from course.data import FEATURES

    _, train, valid, _, _, target = _split()
    test, row = list(FEATURES), [*FEATURES, target]
    same_age = valid[test].apply(tuple, axis=1).isin(set(train[test].apply(tuple, axis=1)))
    identical = valid[row].apply(tuple, axis=1).isin(set(train[row].apply(tuple, axis=1)))
    assert (int(same_age.sum()), int(identical.sum())) == (19, 15)
    nb = executed_lesson(LESSON)
    glued = _glued(nb)
    assert (glued["valid_same_age"], glued["valid_identical"]) == ("19", "15")
    assert int(glued["valid_identical"]) <= int(glued["valid_same_age"]) < int(glued["valid_seen_mix"])
    assert (f"For {glued['valid_same_age']} of them that training test is even at the same age, and "
            f"{glued['valid_identical']} of these have the same strength too") in _resolved_prose(nb)


def _quoted_names(source, *, alt: bool) -> set[str]:
    """The glued names a lesson source's prose quotes, in its figure descriptions (``alt``) or outside them."""
    prose = "\n".join(cell.source for cell in read_tutorial(source).notebook.cells if cell.cell_type == "markdown")
    descriptions = re.findall(r"<!-- alt:.*?-->", prose, flags=re.DOTALL)
    parts = descriptions if alt else [re.sub(r"<!-- alt:.*?-->", "", prose, flags=re.DOTALL)]
    roles = [role for part in parts for role in re.findall(r"\{glue[:a-z]*\}`([^`]+)`", part)]
    return {re.split(r"[|:]", role)[0].strip() for role in roles}


def test_both_editions_quote_the_same_findings(executed_lesson):
    """No glued value is there for one edition's wording: the prose of both quotes the same names, counts and cases
    (the Chinese figure descriptions quote the values the English ones take from the code), every glued value is
    quoted, and the list of last-epoch errors is the English description's, lowest first."""
    nb = executed_lesson(LESSON)
    glued = _glued(nb)
    english, chinese = TUTORIALS / f"{LESSON}.py", TUTORIALS / "zh" / f"{LESSON}.py"
    assert _quoted_names(english, alt=False) == _quoted_names(chinese, alt=False)
    assert set(glued) == _quoted_names(english, alt=False) | _quoted_names(chinese, alt=True)
    errors = [float(value) for value in re.findall(r" (\d+\.\d) MPa", glued["last_epoch_errors"])]
    assert len(errors) == len(ACTIVATIONS) and errors == sorted(errors)
    assert f"from lowest to highest: {glued['last_epoch_errors']};" in alt_text(image_outputs(nb)[1])
    all_below = glued["below_linear_total"] == glued["nonlinear_total"]
    assert glued["linear_case"] == ("all below" if all_below else "not all below")

"""The lessons' prose never copies an output: computed numbers reach the text through glue, and no sentence
promises a lesson after the last one."""

from __future__ import annotations

import re

import pytest

from course.engine.glue import ROLE, resolve_glue
from course.engine.sources import find_tutorials, read_tutorial
from tests.conftest import TUTORIALS
from tests.helpers import outputs_text

LESSONS = [path.stem for path in find_tutorials(TUTORIALS)]

# A decimal written as digits, a point and digits (not part of a longer number, a version or a name).
DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.]*\d)")

# Decimals a lesson states on purpose: facts it derives by hand or that Keras documents, which its code also prints
# to show them. Each needs a reason; the test below fails on any other decimal its outputs also contain.
DELIBERATELY_LITERAL = {
    "02_activations": {
        "0.1": "the leaky relu slope the lesson chooses in its code, named in the gallery's labels",
        "0.3": "the LeakyReLU layer's documented default slope, printed to show it",
        "0.2": "keras.activations.leaky_relu's documented default slope, printed to show it",
    },
    "06_stochastic_gradient_descent": {
        "0.001": "a learning rate the lesson sets in its code and compares",
        "0.01": "a learning rate the lesson sets in its code and compares",
        "0.1": "a learning rate the lesson sets in its code (the first descent drawn)",
        "0.9": "a learning rate the lesson sets in its code (the descent that overshoots)",
        "1.5": "the starting weight the lesson chooses in its code",
        "2.5": "Huber's penalty at an error of 3, worked out by hand in the text",
    },
    "07_overfitting_and_underfitting": {
        "0.001": "EarlyStopping's min_delta, the setting question 3 asks for, which the checker's verdict names",
    },
    "08_dropout_and_batch_normalization": {
        "0.3": "the dropout rate that question 1 asks for, Dropout(0.3), which the checker's verdict names",
    },
    "09_binary_classification": {
        "0.3": "the dropout rate that question 1 asks for, Dropout(0.3), which the checker's verdict names",
    },
}

FORWARD_PROMISE = re.compile(r"\b(next|later|coming|following|future) lessons?\b", re.IGNORECASE)


def prose(notebook) -> str:
    """The Markdown of a notebook with its glue roles taken out (their format specs hold digits too)."""
    return "\n".join(ROLE.sub(" ", cell.source) for cell in notebook.cells if cell.cell_type == "markdown")


def decimals(text: str) -> set[str]:
    return set(DECIMAL.findall(text))


def test_decimal_pattern_finds_copied_numbers_but_not_versions_or_names():
    assert decimals("off by 4.27 MPa, about 13.60; spread 0.5.") == {"4.27", "13.60", "0.5"}
    assert decimals("Matplotlib 3.6.1, Keras 3.15.1, seaborn-v0_8, 530,433 parameters, 2e-07") == set()


@pytest.mark.slow
@pytest.mark.parametrize("name", LESSONS)
def test_prose_quotes_no_decimal_from_its_outputs(executed_lesson, name):
    """A decimal in the Markdown that the lesson also prints was copied from an output: glue it instead."""
    notebook = executed_lesson(name)
    copied = decimals(prose(read_tutorial(TUTORIALS / f"{name}.py").notebook)) & decimals(outputs_text(notebook))
    allowed = set(DELIBERATELY_LITERAL.get(name, {}))
    assert copied <= allowed, (
        f"{name}: the text states {', '.join(sorted(copied - allowed))}, which its outputs print; quote it with "
        f"glue (see README, 'Adding a lesson'), or list it in DELIBERATELY_LITERAL with the reason"
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", LESSONS)
def test_every_glue_role_resolves_and_every_literal_exception_is_still_needed(executed_lesson, name):
    notebook = executed_lesson(name)
    tutorial = read_tutorial(TUTORIALS / f"{name}.py")
    resolved = resolve_glue(notebook, tutorial)  # raises GlueError naming the line of any role that cannot resolve
    assert not any(ROLE.search(cell.source) for cell in resolved.cells if cell.cell_type == "markdown")
    for number in DELIBERATELY_LITERAL.get(name, {}):
        assert number in decimals(prose(tutorial.notebook)), f"{name}: {number} is no longer in the text; unlist it"


def test_the_last_lesson_promises_no_lesson_after_it():
    last = read_tutorial(TUTORIALS / f"{LESSONS[-1]}.py")
    promises = [match.group(0) for match in FORWARD_PROMISE.finditer(prose(last.notebook))]
    assert promises == [], f"{LESSONS[-1]} is the course's last lesson but its text promises: {promises}"


@pytest.mark.parametrize("name", LESSONS)
def test_lessons_link_other_lessons_by_notebook_name(name):
    """Links to other lessons name their notebook (NN_topic.ipynb), which Jupyter opens and the site maps to a page."""
    text = prose(read_tutorial(TUTORIALS / f"{name}.py").notebook)
    for target in re.findall(r"\]\(([^)#\s]+)", text):
        if re.match(r"^\d{2}_", target):
            assert re.fullmatch(r"\d{2}_[a-z0-9_]+\.ipynb", target), f"{name}: link {target!r} is not NN_topic.ipynb"


TRANSLATED = [path.stem for path in find_tutorials(TUTORIALS / "zh")] if (TUTORIALS / "zh").is_dir() else []
FORWARD_PROMISE_ZH = re.compile(r"下一课|后面的课|之后的课|以后的课|后续课程")


@pytest.mark.slow
@pytest.mark.parametrize("name", TRANSLATED)
def test_translated_prose_quotes_no_decimal_from_the_outputs_either(executed_lesson, name):
    """A translation shares the English outputs, so the same rule holds: numbers come through glue."""
    copied = decimals(prose(read_tutorial(TUTORIALS / "zh" / f"{name}.py").notebook)) & decimals(
        outputs_text(executed_lesson(name)))
    allowed = set(DELIBERATELY_LITERAL.get(name, {}))
    assert copied <= allowed, f"zh/{name}: the text states {', '.join(sorted(copied - allowed))}: quote it with glue"


def test_the_last_lessons_translation_promises_no_lesson_after_it():
    path = TUTORIALS / "zh" / f"{LESSONS[-1]}.py"
    if not path.exists():
        pytest.skip(f"{LESSONS[-1]} has no translation yet")
    promises = FORWARD_PROMISE_ZH.findall(prose(read_tutorial(path).notebook))
    assert promises == [], f"zh/{LESSONS[-1]} is the course's last lesson but its text promises: {promises}"


@pytest.mark.parametrize("name", LESSONS)
def test_english_lessons_hold_no_chinese_so_code_shared_with_the_translation_reads_in_english(name):
    """Translations share the English code cells, so a Chinese phrase a translation needs is built from glued
    numbers and names in its own prose, never by Chinese strings in the shared code."""
    text = (TUTORIALS / f"{name}.py").read_text(encoding="utf-8")
    chinese = sorted({line.strip()[:60] for line in text.splitlines() if re.search(r"[\u4e00-\u9fff]", line)})
    assert chinese == [], f"{name}: {chinese}"

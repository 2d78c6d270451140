"""The lessons' prose never copies an output: computed numbers reach the text through glue, and no sentence
promises a lesson after the last one."""

from __future__ import annotations

import ast
import io
import re
import tokenize

import nbformat
import pytest

from course.engine.glue import ROLE, pick_choices, resolve_glue
from course.engine.sources import find_tutorials, read_tutorial
from tests.conftest import TUTORIALS
from tests.helpers import outputs_text

LESSONS = [path.stem for path in find_tutorials(TUTORIALS)]

# A number written as digits: a decimal (4.27), or a whole number of two or more digits with its thousands grouped
# by commas or not (530,433 or 1030); not part of a name, a version (3.15.1), a lesson's file name (05_training) or
# an exponent (2e-07). Single digits are words in all but spelling ("3 layers") and too common to tell apart.
NUMBER = re.compile(r"(?<![A-Za-z0-9_.,])(?<![eE][-+])(?:\d+\.\d+|\d{1,3}(?:,\d{3})+|\d{2,})(?![A-Za-z0-9_]|[.,]\d)")
# Any number in an output, however it is written there (530433, 530,433, 4.27).
OUTPUT_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")

# Numbers a lesson states on purpose although its outputs print them too: facts it derives by hand in the text, or
# that Keras documents. Each needs a reason. (A setting the lesson's code writes as a number, such as Dense(512) or
# learning_rate=0.01, needs no entry: the reader sees it in the code, and the prose restates it.)
DELIBERATELY_LITERAL = {
    "02_activations": {
        "0.3": "the LeakyReLU layer's documented default slope, printed to show it",
        "0.2": "keras.activations.leaky_relu's documented default slope, printed to show it",
    },
    "03_stacking": {
        "12": "the first hidden layer's parameters, 2·4 + 4, counted by hand before Keras counts them",
        "15": "the second hidden layer's parameters, 4·3 + 3, counted by hand before Keras counts them",
        "31": "the network's parameters, 12 + 15 + 4, added up by hand before Keras counts them",
    },
    "04_exercise_concrete": {
        "28": "the journal volume in the dataset's citation, 28(12), not an output",
        "4,608": "the first hidden layer's parameters, 8 · 512 + 512, counted by hand in the text",
        "262,656": "each further hidden layer's parameters, 512 · 512 + 512, counted by hand in the text",
        "513": "the output layer's parameters, 512 · 1 + 1, counted by hand in the text",
        "530,433": "the sum of that hand count, which shows where the total of model.summary() comes from",
    },
    "07_overfitting_and_underfitting": {
        "5,121": "the wide network's parameter count, added up by hand in the text before Keras prints it",
        "8,961": "the deep network's parameter count, added up by hand in the text before Keras prints it",
    },
    "08_dropout_and_batch_normalization": {
        "32": "batch normalization's parameter count for 8 features (4 × 8), worked out by hand before the summary",
        "16": "the trainable part of that count (γ and β, 2 × 8), worked out by hand before the summary",
    },
}


FORWARD_PROMISE = re.compile(r"\b(next|later|coming|following|future) lessons?\b", re.IGNORECASE)


def prose(notebook) -> str:
    """The Markdown of a notebook with its glue roles taken out (their format specs hold digits too), but the
    wordings a pick role chooses from kept: they are text the reader reads."""
    return "\n".join(ROLE.sub(_readable_part, cell.source) for cell in notebook.cells if cell.cell_type == "markdown")


def _readable_part(role: re.Match) -> str:
    if role.group("kind") != "pick":
        return " "
    choices = pick_choices(role.group("content").partition("|")[2])
    return " ".join(choices.values()) if choices else " "


def code_tokens(notebook) -> list[tokenize.TokenInfo]:
    tokens = []
    for cell in notebook.cells:
        if cell.cell_type == "code":
            tokens += tokenize.generate_tokens(io.StringIO(cell.source + "\n").readline)
    return tokens


def reader_text(notebook) -> str:
    """What a reader reads as text: the Markdown, and the comments and strings (titles, labels, alt texts) of the
    code cells."""
    words = [token.string for token in code_tokens(notebook) if token.type in (tokenize.COMMENT, tokenize.STRING)]
    return prose(notebook) + "\n" + "\n".join(words)


def canonical(number: str) -> str:
    """One spelling per value: 530,433 and 530433 alike, 0.010 and 0.01 alike."""
    plain = number.replace(",", "").replace("_", "")
    return str(float(plain)) if "." in plain or "e" in plain.lower() else str(int(plain))


def numbers(text: str) -> dict[str, str]:
    """The numbers NUMBER finds in ``text``, by their canonical value (LaTeX's thousands comma {,} read as one)."""
    return {canonical(match): match for match in NUMBER.findall(text.replace("{,}", ","))}


def code_settings(notebook) -> set[str]:
    """The numbers the code cells write as numbers (not in comments or strings), canonical."""
    return {canonical(token.string) for token in code_tokens(notebook)
            if token.type == tokenize.NUMBER and not token.string.lower().endswith("j")}


def output_numbers(notebook) -> set[str]:
    return {canonical(number) for number in OUTPUT_NUMBER.findall(outputs_text(notebook))}


def copied_numbers(source_notebook, executed) -> set[str]:
    """The numbers a reader reads in ``source_notebook``'s text that ``executed``'s outputs print and its code does
    not write as a setting: as written in the text."""
    stated = numbers(reader_text(source_notebook))
    copied = set(stated) & output_numbers(executed) - code_settings(source_notebook)
    return {stated[value] for value in copied}


def test_number_pattern_finds_copied_numbers_but_not_versions_names_or_exponents():
    found = numbers("off by 4.27 MPa, about 13.60; spread 0.5. 530,433 parameters, 1030 mixes, 4{,}608 in all.")
    assert sorted(found.values()) == ["0.5", "1030", "13.60", "4,608", "4.27", "530,433"]
    assert numbers("Matplotlib 3.6.1, Keras 3.15.1, seaborn-v0_8, 05_training.ipynb, 2e-07, 3 layers, rate_1") == {}
    assert numbers("训练了 309 个配合比，共 530,433 个参数") == {"309": "309", "530433": "530,433"}


def test_a_setting_the_code_writes_is_no_copy_but_a_computed_value_is(tmp_path):
    path = tmp_path / "01_case.py"
    path.write_text("# %% [markdown]\n# # Case\n# A test lesson.\n\n# %% [markdown]\n# 512 units, 0.010 as rate, 2,565 weights.\n\n# %%\n"
                    "model = Dense(512)  # 2565 weights\nrate = 0.01\nprint(model.count_params(), 'weights')\n")
    source = read_tutorial(path).notebook
    executed = read_tutorial(path).notebook
    executed.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="2565 weights 512 0.01\n")]
    # 512 and 0.010 restate settings the code writes; 2,565 (in the text and in a comment) is a computed count.
    assert {canonical(number) for number in copied_numbers(source, executed)} == {"2565"}


@pytest.mark.slow
@pytest.mark.parametrize("name", LESSONS)
def test_text_quotes_no_number_from_its_outputs(executed_lesson, name):
    """A number in the text that the lesson also prints, and its code does not set, was copied from an output:
    glue it instead."""
    copied = copied_numbers(read_tutorial(TUTORIALS / f"{name}.py").notebook, executed_lesson(name))
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
    stated, settings = numbers(reader_text(tutorial.notebook)), code_settings(tutorial.notebook)
    for number in DELIBERATELY_LITERAL.get(name, {}):
        assert canonical(number) in stated, f"{name}: {number} is no longer in the text; unlist it"
        assert canonical(number) not in settings, f"{name}: the code sets {number}, so it needs no entry; unlist it"
        assert canonical(number) in output_numbers(notebook), (
            f"{name}: no output prints {number} any more, so the text copies nothing; unlist it")


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
def test_translated_text_quotes_no_number_from_the_outputs_either(executed_lesson, name):
    """A translation shares the English outputs, so the same rule holds: numbers come through glue."""
    copied = copied_numbers(read_tutorial(TUTORIALS / "zh" / f"{name}.py").notebook, executed_lesson(name))
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


# TeX that the site's MathML draws wrongly in Chromium, and what to write instead.
MISDRAWN_TEX = {
    r"\underbrace": "Chromium draws the brace shorter than what it stands under (a term or a bracket past its end); "
                    "name the parts in words, or list them in \\begin{array}{ll} rows",
    r"\begin{aligned}": "Chromium centres each column (it ignores columnalign); write \\begin{array}{ll} rows, "
                         "whose left-aligned columns the stylesheet keeps",
    r"\overline": "Chromium draws the bar one character wide, a tick beside the term rather than over it; name the "
                   "quantity with a letter and say in words what it is",
}


@pytest.mark.parametrize("path", sorted(TUTORIALS.glob("**/*.py")),
                         ids=lambda path: path.relative_to(TUTORIALS).as_posix())
def test_lessons_write_no_math_that_chromium_draws_wrongly(path):
    text = path.read_text(encoding="utf-8")
    found = [f"line {number}: {command}: {why}" for number, line in enumerate(text.splitlines(), start=1)
             for command, why in MISDRAWN_TEX.items() if command in line]
    assert found == [], "\n".join(found)


def untranslated_comment(comment: str) -> bool:
    """Whether a code comment is English prose: two or more words, no Chinese, and not Python a learner uncomments
    (``# q_1.hint()``, ``# keras.Sequential([...])``)."""
    text = comment.lstrip("#").strip()
    if re.search(r"[\u4e00-\u9fff]", text) or len(re.findall(r"[A-Za-z]{2,}", text)) < 2:
        return False
    try:
        compile(text, "<comment>", "exec")
    except SyntaxError:
        return True
    return False


@pytest.mark.parametrize("name", TRANSLATED)
def test_a_translations_code_comments_read_chinese_unless_they_are_code(name):
    """A translation translates the comments of its code cells where they stand (the build checks that the code
    itself is the English lesson's); one left in English is a slip."""
    notebook = read_tutorial(TUTORIALS / "zh" / f"{name}.py").notebook
    english = [token.string for token in code_tokens(notebook)
               if token.type == tokenize.COMMENT and untranslated_comment(token.string)]
    assert english == [], f"zh/{name}: translate these comments: {english}"


def docstrings(notebook) -> list[str]:
    """The docstrings of the functions and classes defined in the notebook's code cells."""
    found = []
    for cell in notebook.cells:
        if cell.cell_type == "code":
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                continue
            found += [ast.get_docstring(node) for node in ast.walk(tree)
                      if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                      and ast.get_docstring(node)]
    return found


@pytest.mark.parametrize("name", TRANSLATED)
def test_a_translations_docstrings_read_chinese(name):
    """A translation translates the docstrings of the functions its code defines, as it does their comments (the
    build lets both differ from the English lesson and nothing else)."""
    english = [text for text in docstrings(read_tutorial(TUTORIALS / "zh" / f"{name}.py").notebook)
               if not re.search(r"[\u4e00-\u9fff]", text)]
    assert english == [], f"zh/{name}: translate these docstrings: {english}"


def test_english_prose_in_a_comment_is_told_from_commented_out_code():
    assert untranslated_comment("# the distance left after each step")
    assert untranslated_comment("# Your code:")
    assert not untranslated_comment("# q_1.hint()")
    assert not untranslated_comment("# keras.Sequential([...])")
    assert not untranslated_comment("# 从 model.weights 中取出")
    assert not untranslated_comment("# |w|")

"""Results, hints and solutions show the current language and carry every language in their output metadata,
so the Chinese page can show the output of the one English execution."""

from __future__ import annotations

import pytest
from IPython.core.formatters import DisplayFormatter

from course.exercises import Hint, Solution, Text, set_language
from course.exercises.question import MAX_MESSAGE, Question
from course.exercises.result import TRANSLATIONS_KEY, CheckResult, correct, incorrect, not_attempted, open_answer
from course.language import ENVIRONMENT_VARIABLE

LABELS = {  # status -> English label, Chinese label, the class a page styles in either language
    "correct": ("Correct", "正确", "course-check-correct"),
    "incorrect": ("Incorrect", "不正确", "course-check-incorrect"),
    "not attempted": ("Not answered yet", "尚未作答", "course-check-not-answered-yet"),
    "open": ("Open question", "开放题", "course-check-open"),
}
MAKERS = {"correct": correct, "incorrect": incorrect, "not attempted": not_attempted, "open": open_answer}
MESSAGE = Text("the model has `Dense(1)` and <no> activation.", "模型有 `Dense(1)`，没有<激活函数>。")


@pytest.mark.parametrize("status", list(LABELS))
def test_each_status_carries_both_languages(status: str) -> None:
    english, chinese, kind = LABELS[status]
    data, metadata = MAKERS[status](MESSAGE)._repr_mimebundle_()
    translations = metadata[TRANSLATIONS_KEY]
    assert set(translations) == {"en", "zh"}
    assert data == translations["en"], "English unless asked"
    assert set(translations["zh"]) == set(data) == {"text/plain", "text/html", "text/markdown"}
    assert translations["en"]["text/plain"] == f"{english}: The model has `Dense(1)` and <no> activation."
    assert translations["zh"]["text/plain"] == f"{chinese}：模型有 `Dense(1)`，没有<激活函数>。"
    for language, lang, label in (("en", "en", f"{english}:"), ("zh", "zh-Hans", f"{chinese}：")):
        line = translations[language]["text/html"]
        assert line.startswith("<div ") and f'lang="{lang}"' in line.split(">", 1)[0]
        assert 'role="status"' in line and f"{label}</strong>" in line, "the label is text, not colour alone"
        assert "<code>Dense(1)</code>" in line and "&lt;" in line and "<no>" not in line
        assert f'class="course-check {kind}"' in line


def test_set_language_makes_repr_and_the_bundle_chinese() -> None:
    result = incorrect(MESSAGE)
    set_language("zh")
    assert repr(result) == str(result) == "不正确：模型有 `Dense(1)`，没有<激活函数>。"
    assert result.label == "不正确" and result.message == MESSAGE.zh
    data, metadata = result._repr_mimebundle_()
    assert data == metadata[TRANSLATIONS_KEY]["zh"]
    assert metadata[TRANSLATIONS_KEY]["en"]["text/plain"].startswith("Incorrect: The model")
    set_language("en")
    assert repr(result).startswith("Incorrect: The model")


def test_the_environment_variable_makes_output_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "zh")
    assert repr(not_attempted(MESSAGE)).startswith("尚未作答：")
    assert repr(Hint(Text("Count the columns.", "数一数列。"))) == "提示：数一数列。"


def test_jupyter_shows_the_current_language_and_keeps_the_others_in_metadata() -> None:
    """What IPython's display machinery (the kernel's) makes of a result: these become the notebook output."""
    data, metadata = DisplayFormatter().format(correct(MESSAGE))
    assert data["text/plain"].startswith("Correct: ") and 'lang="en"' in data["text/html"]
    assert metadata[TRANSLATIONS_KEY]["zh"]["text/plain"].startswith("正确：")
    set_language("zh")
    data, _ = DisplayFormatter().format(correct(MESSAGE))
    assert data["text/plain"].startswith("正确：") and 'lang="zh-Hans"' in data["text/html"]


def test_include_and_exclude_filter_the_data_not_the_translations() -> None:
    data, metadata = correct(MESSAGE)._repr_mimebundle_(include=["text/plain", "text/html"], exclude=["text/html"])
    assert set(data) == {"text/plain"}
    assert set(metadata[TRANSLATIONS_KEY]["zh"]) == {"text/plain", "text/html", "text/markdown"}


def test_hint_in_both_languages() -> None:
    hint = Hint(Text("Count the `X` columns.", "数一数 `X` 的列。"))
    data, metadata = hint._repr_mimebundle_()
    zh = metadata[TRANSLATIONS_KEY]["zh"]
    assert data["text/markdown"] == "**Hint:** Count the `X` columns."
    assert zh["text/plain"] == "提示：数一数 `X` 的列。" and zh["text/markdown"] == "**提示：**数一数 `X` 的列。"
    assert 'lang="zh-Hans"' in zh["text/html"] and 'role="status"' in zh["text/html"]
    assert hint.text == "Count the `X` columns."


def test_solution_code_is_shared_and_its_note_translated() -> None:
    solution = Solution("model = keras.Sequential([\n    layers.Dense(1),\n])", Text("One unit.", "一个单元。"))
    data, metadata = solution._repr_mimebundle_()
    zh = metadata[TRANSLATIONS_KEY]["zh"]
    assert set(data) == set(zh) == {"text/plain", "text/markdown"}
    assert zh["text/plain"] == "参考答案：\n    model = keras.Sequential([\n        layers.Dense(1),\n    ])\n一个单元。"
    assert zh["text/markdown"].startswith("**参考答案：**\n\n```python\nmodel = keras.Sequential([")
    assert data["text/plain"].startswith("Solution:\n    model") and data["text/plain"].endswith("\nOne unit.")


def test_a_plain_string_reads_the_same_in_both_languages() -> None:
    assert CheckResult("correct", "ok").text == Text("ok", "ok")
    assert Solution("x = 1").explanation == Text("", "")


def test_a_long_message_is_cut_in_each_language() -> None:
    question = Question("q_x", Text("?", "？"), "answer", lambda value: correct(Text("a" * 5000, "中" * 5000)),
                        Text("Think.", "想一想。"), "answer = 1")
    result = question.check(1)
    assert len(result.text.en) == len(result.text.zh) == MAX_MESSAGE
    assert result.text.zh.endswith("中…")


def test_text_joins_each_language_with_its_own_spacing() -> None:
    joined = Text.join([Text("One.", "一。"), Text("Two.", "二。")]) + " `x`"
    assert joined == Text("One. Two. `x`", "一。二。 `x`")
    with pytest.raises(ValueError):
        MESSAGE.in_language("fr")

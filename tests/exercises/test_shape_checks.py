"""``InputShapeSpec`` and ``explain_shape``, without Keras: messages name the lesson's own feature table
(``X_train.shape[1:]`` where there is no ``X``), a size that is not a whole number comes with the shape to write,
and the Chinese names a Python type in Chinese or as code, never as a bare English word.
"""

from __future__ import annotations

import collections
import re
from typing import Any

import numpy as np
import pandas as pd
import pytest

from course.exercises.a_single_neuron import q_1 as lesson_0_q_1
from course.exercises.auto_mpg_checks import AUTO_MPG
from course.exercises.binary_classification import BREAST_CANCER
from course.exercises.model_checks import input_problems
from course.exercises.shape_checks import InputShapeSpec
from course.exercises.stochastic_gradient_descent import q_1 as lesson_6_q_1

CONCRETE = InputShapeSpec(features=8, rows=1030, target="CompressiveStrength")  # as lesson 4 builds it
# As in lesson 9, where the standardised features are `X_train` and no `X` exists.
CANCER = InputShapeSpec(features=30, rows=569, target="diagnosis", data_name="X_train")

NAMING_THE_DATA: list[tuple[str, Any]] = [
    ("the rows too", [569, 30]),
    ("the training rows too", (398, 30)),
    ("too few features", [29]),
    ("data, not a shape", [1, 2, 3, 4, 5, 6]),
    ("a long list", list(range(100))),
    ("a DataFrame", pd.DataFrame(np.zeros((3, 30)))),
    ("a 2-D array", np.zeros((569, 30))),
]


@pytest.mark.parametrize("value", [c[1] for c in NAMING_THE_DATA], ids=[c[0] for c in NAMING_THE_DATA])
def test_messages_name_the_lessons_feature_table(value: Any) -> None:
    result = CANCER.check(value)
    assert not result.passed, result
    for wording in (result.text.en, result.text.zh):
        assert "`X_train.shape" in wording and "`X." not in wording and "`X`" not in wording, wording


def test_by_default_messages_name_X() -> None:
    result = CONCRETE.check([1030, 8])
    assert result.message.endswith("leave the rows out: `[8]` (that is `X.shape[1:]`)."), result


def test_a_models_input_shape_names_the_lessons_feature_table() -> None:
    [problem] = input_problems((569, 30), CANCER)
    assert "(that is `X_train.shape[1:]`)" in problem.en and "（即 `X_train.shape[1:]`）" in problem.zh, problem


NOT_WHOLE: list[tuple[str, Any, str, str]] = [
    # id, answer, end of the English message, end of the Chinese one
    ("a float", [8.0], "`[8.0]` is not a shape. Write it with whole numbers: `[8]`.", "用整数来写：`[8]`。"),
    ("a NumPy float", [np.float32(8)], "Write it with whole numbers: `[8]`.", "用整数来写：`[8]`。"),
    ("quoted", ["8"], "`['8']` is not a shape. Remove the quotes: `[8]`.", "去掉引号：`[8]`。"),
    ("nan", [float("nan")], "`[nan]` is not a shape. Give one whole size per axis; for this data, `[8]`.",
     "对这份数据来说，就是 `[8]`。"),
    ("inf", [float("inf")], "Give one whole size per axis; for this data, `[8]`.", "就是 `[8]`。"),
    ("a fraction", [8.5], "Give one whole size per axis; for this data, `[8]`.", "就是 `[8]`。"),
    ("a word", ["eight"], "Give one whole size per axis, without quotes; for this data, `[8]`.",
     "每个轴给一个整数大小，不加引号；对这份数据来说，就是 `[8]`。"),
    ("a truth value", [True], "for this data, `[8]`.", "就是 `[8]`。"),
    # Whole but wrong: what is wrong with the whole numbers follows.
    ("a float miscount", [9.0], "As whole numbers it is `[9]`, and that is not right either: 9 counts the target "
     "column `CompressiveStrength` too. The input is only the features: leave the target out, `[8]`.",
     "去掉目标，即 `[8]`。"),
    ("quoted rows", ["1030", "8"], "As whole numbers it is `[1030, 8]`, and that is not right either: `[1030, 8]` "
     "includes the number of rows (1030). The input shape describes one sample, so leave the rows out: `[8]` "
     "(that is `X.shape[1:]`).", "（即 `X.shape[1:]`）。"),
]


@pytest.mark.parametrize(("value", "en", "zh"), [c[1:] for c in NOT_WHOLE], ids=[c[0] for c in NOT_WHOLE])
def test_a_size_that_is_not_a_whole_number_comes_with_the_shape_to_write(value: Any, en: str, zh: str) -> None:
    result = CONCRETE.check(value)
    assert result.status == "incorrect", result
    assert result.message.startswith("Sizes in a shape are whole numbers;"), result
    assert result.message.endswith(en), result
    assert result.text.zh.endswith(zh), result.text.zh


# Words the Chinese may keep in Latin letters outside code: names of libraries and of their objects.
_NAMES = {"Keras", "NumPy", "TensorShape", "pandas", "DataFrame", "Series"}
NOT_SHAPES: list[tuple[str, Any]] = [
    ("dict", {"shape": 8}), ("set", {8}), ("range", range(8)), ("function", lambda: 8), ("built-in", len),
    ("OrderedDict", collections.OrderedDict()), ("pandas Index", pd.Index(list("abcdefgh"))),
    ("complex", 8j), ("object", object()), ("wrapped list", [[8]]), ("wrapped tuple", ([8],)),
    ("long tuple", tuple(range(100))), ("DataFrame", pd.DataFrame(np.zeros((3, 8)))), ("bytes", b"8"),
]


@pytest.mark.parametrize("value", [c[1] for c in NOT_SHAPES], ids=[c[0] for c in NOT_SHAPES])
def test_the_chinese_names_a_python_type_in_chinese_or_as_code(value: Any) -> None:
    zh = CONCRETE.check(value).text.zh
    words = set(re.findall(r"[A-Za-z_]+", re.sub(r"`[^`]*`", "", zh)))
    assert words <= _NAMES, zh


@pytest.mark.parametrize(("value", "zh"), [({"shape": 8}, "字典不是形状"), (range(8), "`range` 对象不是形状"),
                                          (pd.Index([1]), "`pandas.Index` 对象不是形状")], ids=["dict", "range", "Index"])
def test_a_type_that_is_not_a_shape_is_named_in_chinese(value: Any, zh: str) -> None:
    assert CONCRETE.check(value).text.zh.startswith(zh)


# Lessons 6 and 9 have `X_train` and no `X`: their checkers name it.
def test_lesson_6_names_X_train() -> None:
    assert "(that is `X_train.shape[1:]`)" in lesson_6_q_1.check([274, 6]).message


def test_lesson_9_names_X_train() -> None:
    [problem] = input_problems((569, 30), BREAST_CANCER)
    assert "(that is `X_train.shape[1:]`)" in problem.en


# Lessons 0 and 6 leave `origin` and `name` out as well as the target: a miscount names the lesson's feature table,
# never "every column except the target", which would be 8 columns there.
@pytest.mark.parametrize(("question", "answer", "table"), [
    (lesson_0_q_1, [5], "X"), (lesson_0_q_1, [2], "X"), (lesson_6_q_1, [5], "X_train"), (lesson_6_q_1, [3], "X_train"),
], ids=["lesson 0, [5]", "lesson 0, [2]", "lesson 6, [5]", "lesson 6, [3]"])
def test_a_miscount_names_the_columns_of_the_feature_table(question: Any, answer: list[int], table: str) -> None:
    result = question.check(answer)
    assert not result.passed, result
    assert result.text.en.endswith(f"the data has 6, the columns of `{table}`: count them, or use "
                                   f"`{table}.shape[1:]`."), result.text.en
    assert f"数据有 6 个特征，即 `{table}` 的各列" in result.text.zh, result.text.zh
    assert "except" not in result.text.en and "除目标" not in result.text.zh


def test_a_models_miscounted_input_names_the_feature_table() -> None:
    [problem] = input_problems((5,), AUTO_MPG)
    assert "the columns of `X`" in problem.en and "except" not in problem.en, problem.en

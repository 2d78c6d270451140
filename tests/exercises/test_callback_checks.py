"""``CallbackSpec`` on Keras 3 and tf_keras: the declared EarlyStopping passes, each wrong or missing setting is
named with its fix, and things that are not the callback (its class, a list, another callback, a model) are
explained. Settings the question does not ask for that change when training stops (``baseline``,
``start_from_epoch``) are named with their fix; settings that do not (``verbose``) pass. The callback is only read:
its attributes are the same after the check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from course.exercises import CallbackSpec
from course.exercises.callback_checks import KeptSetting
from course.exercises.overfitting_and_underfitting import q_3
from course.exercises.text import Text

EARLY_STOPPING = CallbackSpec("EarlyStopping", {"min_delta": 0.001, "patience": 5, "restore_best_weights": True})
# As lesson 7 asks for it: watching the validation loss, where a fall is an improvement.
ON_VALIDATION_LOSS = CallbackSpec(
    "EarlyStopping", {"patience": 5},
    kept=(KeptSetting("monitor", ("val_loss",), Text("watch the validation loss", "监视验证损失")),
          KeptSetting("mode", ("auto", "min"), Text("count a fall as an improvement", "把下降算作改善"))),
)
CORRECT, INCORRECT = "correct", "incorrect"
FIX = "`keras.callbacks.EarlyStopping(min_delta=0.001, patience=5, restore_best_weights=True)`"
Build = Callable[[Any], Any]


def early_stopping(**settings: Any) -> Build:
    return lambda K: K.module.callbacks.EarlyStopping(**settings)


RIGHT = {"min_delta": 0.001, "patience": 5, "restore_best_weights": True}

CASES: list[tuple[str, Build, str, str]] = [
    # id, build, status, fragment of the message
    ("solution", early_stopping(**RIGHT), CORRECT, "min_delta=0.001, patience=5, restore_best_weights=True"),
    ("other settings too", early_stopping(**RIGHT, monitor="val_loss", verbose=0), CORRECT, "`EarlyStopping`"),
    ("watching a metric to maximise", early_stopping(**RIGHT, monitor="val_accuracy", mode="max"), CORRECT,
     "min_delta=0.001"),
    ("a subclass", lambda K: type("Patient", (K.module.callbacks.EarlyStopping,), {})(**RIGHT), CORRECT,
     "patience=5"),
    ("patience", early_stopping(min_delta=0.001, patience=10, restore_best_weights=True), INCORRECT,
     "`patience` is `10`; set `patience=5`"),
    ("min_delta", early_stopping(min_delta=0.01, patience=5, restore_best_weights=True), INCORRECT,
     "`min_delta` is `0.01`; set `min_delta=0.001`"),
    ("talking", early_stopping(**RIGHT, verbose=1), CORRECT, "patience=5"),
    ("the defaults of when it stops written out", early_stopping(**RIGHT, baseline=None, start_from_epoch=0), CORRECT,
     "patience=5"),
    # With a baseline, training stops after `patience` epochs unless the loss beats it: at an MAE near 5, 1.0 never is.
    ("a baseline", early_stopping(**RIGHT, baseline=1.0), INCORRECT,
     "`baseline` is `1.0`, but it must be left unset (with a baseline, training stops after `patience` epochs"),
    ("a later start", early_stopping(**RIGHT, start_from_epoch=10), INCORRECT,
     "`start_from_epoch` is `10`, but it must be 0 (early stopping ignores the epochs before"),
    ("restore_best_weights left out", early_stopping(min_delta=0.001, patience=5), INCORRECT,
     "`restore_best_weights` is `False`; set `restore_best_weights=True`"),
    # Keras tests the switch for truth, so 1 restores the best weights as True does; 0 does not.
    ("restore_best_weights=1", early_stopping(min_delta=0.001, patience=5, restore_best_weights=1), CORRECT,
     "restore_best_weights=True"),
    ("restore_best_weights=0", early_stopping(min_delta=0.001, patience=5, restore_best_weights=0), INCORRECT,
     "`restore_best_weights` is `0`; set `restore_best_weights=True`"),
    ("restore_best_weights as a word", early_stopping(min_delta=0.001, patience=5, restore_best_weights="True"),
     INCORRECT, "set `restore_best_weights=True`"),
    ("defaults", early_stopping(), INCORRECT, f"all together: {FIX}"),
    ("the class", lambda K: K.module.callbacks.EarlyStopping, INCORRECT, "the class `EarlyStopping` itself: call it"),
    ("in a list", lambda K: [K.module.callbacks.EarlyStopping(**RIGHT)], INCORRECT, "not a list of callbacks"),
    ("another callback", lambda K: K.module.callbacks.History(), INCORRECT, "a `History` callback"),
    ("a model", lambda K: K.Sequential([K.Input((3,)), K.Dense(1)]), INCORRECT, "this is a model"),
    ("None", lambda K: None, INCORRECT, "`None` is not a Keras callback"),
    ("a dict of settings", lambda K: dict(RIGHT), INCORRECT, f"a dict is not a Keras callback: create one with {FIX}"),
]


@pytest.mark.parametrize(("build", "status", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_callbacks(keras_api: Any, build: Build, status: str, fragment: str) -> None:
    value = build(keras_api)
    before = dict(vars(value)) if hasattr(value, "__dict__") and not isinstance(value, type) else None
    result = EARLY_STOPPING.check(value)
    assert result.status == status, result
    assert fragment.lower() in result.message.lower(), result
    if before is not None:
        assert vars(value) == before


# A class that reads as keras.callbacks.EarlyStopping by its package and names, but lacks the settings.
_Callback = type("Callback", (), {"__module__": "keras.src.callbacks.callback"})
_BareEarlyStopping = type("EarlyStopping", (_Callback,), {"__module__": "keras.src.callbacks.early_stopping"})


def test_a_setting_the_object_lacks_is_named() -> None:
    result = EARLY_STOPPING.check(_BareEarlyStopping())
    assert result.status == INCORRECT and "has no `min_delta` setting" in result.message, result


@pytest.mark.parametrize(
    ("settings", "fragment"),
    [({"monitor": "loss"}, "`monitor` is `'loss'`, but it must watch the validation loss: leave `monitor` out"),
     ({"monitor": "val_mae"}, "`monitor` is `'val_mae'`"),
     ({"mode": "max"}, "`mode` is `'max'`, but it must count a fall as an improvement")],
    ids=["training loss", "a metric the model lacks", "maximising"],
)
def test_a_setting_left_at_its_default_must_stay_so(keras_api: Any, settings: dict, fragment: str) -> None:
    result = ON_VALIDATION_LOSS.check(early_stopping(patience=5, **settings)(keras_api))
    assert result.status == INCORRECT and fragment in result.message, result


@pytest.mark.parametrize(
    "settings", [{}, {"monitor": "val_loss"}, {"mode": "min"}], ids=["defaults", "val_loss", "min"]
)
def test_the_defaults_written_out_pass(keras_api: Any, settings: dict) -> None:
    assert ON_VALIDATION_LOSS.check(early_stopping(patience=5, **settings)(keras_api)).passed


@pytest.mark.parametrize(
    ("settings", "setting", "default"),
    [({"baseline": 1.0}, "baseline", "None"), ({"start_from_epoch": 10}, "start_from_epoch", "0"),
     ({"baseline": 5.0, "start_from_epoch": 3}, "start_from_epoch", "0")],
    ids=["baseline", "start_from_epoch", "both"],
)
def test_lesson_7_rejects_settings_that_change_when_training_stops(
    keras_api: Any, settings: dict, setting: str, default: str
) -> None:
    result = q_3.check(early_stopping(**RIGHT, **settings)(keras_api))
    assert result.status == INCORRECT, result
    assert f"leave `{setting}` out, and it is `{default}`" in result.message, result
    assert result.message.endswith(f"All together: {FIX}."), result
    assert result.text.zh.endswith(f"合起来：{FIX}。"), result.text.zh


def test_a_setting_the_question_asks_for_is_not_held_at_its_default(keras_api: Any) -> None:
    with_baseline = CallbackSpec("EarlyStopping", {"patience": 5, "baseline": 1.0})
    assert with_baseline.check(early_stopping(patience=5, baseline=1.0)(keras_api)).passed
    result = with_baseline.check(early_stopping(patience=5)(keras_api))
    assert result.status == INCORRECT and "`baseline` is `None`; set `baseline=1.0`" in result.message, result


@pytest.mark.parametrize(
    ("value", "zh"),
    [({"patience": 5}, "答案是字典，"), ({5}, "答案是集合，"), (range(5), "答案是 `range` 对象，"), (print, "答案是函数，")],
    ids=["dict", "set", "range", "a built-in function"],
)
def test_the_chinese_names_a_python_type_in_chinese_or_as_code(value: Any, zh: str) -> None:
    assert EARLY_STOPPING.check(value).text.zh.startswith(zh)

"""The stochastic-gradient-descent exercise: each question's solution passes, ``____`` is "not attempted", typical
wrong answers say what is wrong, hostile answers get a verdict, and checking never compiles or changes a model —
on Keras 3 and tf_keras alike.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from course.exercises import ____, CheckResult
from course.exercises.stochastic_gradient_descent import q_1, q_2, q_3, q_4
from tests.conftest import TUTORIALS

CORRECT, INCORRECT, NOT_ATTEMPTED = "correct", "incorrect", "not attempted"


def _network(K: Any) -> Any:
    return K.Sequential([K.Input((6,)), K.Dense(64, activation="relu"), K.Dense(64, activation="relu"), K.Dense(1)])


def _compiled(K: Any, **settings: Any) -> Any:
    model = _network(K)
    model.compile(**settings)
    return model


@pytest.mark.parametrize(
    ("answer", "status", "fragment"),
    [
        ([6], CORRECT, "6 features"),
        ([7], INCORRECT, "the target `mpg`"),
        ([274, 6], INCORRECT, "includes the number of rows (274)"),
        ([392, 6], INCORRECT, "number of rows (392)"),
        (____, NOT_ATTEMPTED, "replace `____`"),
    ],
    ids=repr,
)
def test_q1(answer: Any, status: str, fragment: str) -> None:
    result = q_1.check(answer)
    assert result.status == status, result
    assert fragment.lower() in result.message.lower(), result


Q2_CASES = [
    ("strings", dict(optimizer="adam", loss="mae"), CORRECT, "Adam"),
    ("long name", dict(optimizer="adam", loss="mean_absolute_error"), CORRECT, "mean absolute error"),
    ("objects", lambda K: dict(optimizer=K.module.optimizers.Adam(), loss=K.module.losses.MeanAbsoluteError()),
     CORRECT, "Adam"),
    ("function and learning rate", lambda K: dict(optimizer=K.module.optimizers.Adam(learning_rate=0.01),
                                                  loss=K.module.losses.mean_absolute_error), CORRECT, "MAE"),
    ("sgd", dict(optimizer="sgd", loss="mae"), INCORRECT, "the optimizer is SGD; this exercise uses Adam"),
    ("mse", dict(optimizer="adam", loss="mse"), INCORRECT, "the loss is mean squared error (MSE)"),
    ("huber", lambda K: dict(optimizer="adam", loss=K.module.losses.Huber()), INCORRECT, "the loss is Huber"),
    ("both wrong", dict(optimizer="rmsprop", loss="mse"), INCORRECT, "RMSprop"),
]


@pytest.mark.parametrize(("settings", "status", "fragment"), [c[1:] for c in Q2_CASES], ids=[c[0] for c in Q2_CASES])
def test_q2(keras_api: Any, settings: Any, status: str, fragment: str) -> None:
    settings = settings(keras_api) if callable(settings) else settings
    result = q_2.check(keras_api.build(lambda K: _compiled(K, **settings)))
    assert result.status == status, result
    assert fragment.lower() in result.message.lower(), result


def test_q2_a_model_not_compiled_yet_is_not_attempted(keras_api: Any) -> None:
    """The learner's cell runs `____` where the compile call goes, so `model` is still uncompiled."""
    namespace = {"question": q_2, "model": _network(keras_api)}
    exec("____ = None\nresult = question.check()", namespace)
    result = namespace["result"]
    assert result.status == NOT_ATTEMPTED and "not compiled yet" in result.message, result


def test_q2_solution_passes_and_checking_changes_nothing(keras_api: Any) -> None:
    model = _network(keras_api)
    namespace = {"model": model, "keras": keras_api.module}
    exec(q_2.solution().code, namespace)
    optimizer, loss = model.optimizer, model.loss
    assert q_2.check(model).passed
    assert model.optimizer is optimizer and model.loss is loss and model.built


@pytest.mark.parametrize("question", [q_1, q_2], ids=["q_1", "q_2"])
def test_the_blank_is_not_attempted(question: Any) -> None:
    assert question.check(____).status == NOT_ATTEMPTED


class _Hostile:
    def __getattribute__(self, name: str) -> Any:
        if name in {"__class__", "__dict__"}:
            return object.__getattribute__(self, name)
        raise RuntimeError("no attributes here")


def _subclassed(K: Any) -> Any:
    class Net(K.module.Model):
        def call(self, inputs: Any) -> Any:
            return inputs

    model = Net()
    model.compile(optimizer="adam", loss="mae")
    return model


@pytest.mark.parametrize(
    ("build", "fragment"),
    [(lambda K: _Hostile(), "not a keras model"), (lambda K: None, "returns `none`"),
     (lambda K: K.Dense(1), "not a keras model")],
    ids=["hostile", "None", "layer"],
)
def test_q2_odd_answers_get_a_verdict(keras_api: Any, build: Any, fragment: str) -> None:
    result = q_2.check(keras_api.build(build))
    assert isinstance(result, CheckResult) and result.status == INCORRECT, result
    assert fragment in result.message.lower()


def test_q2_accepts_any_compiled_keras_model_and_leaves_an_unbuilt_one_unbuilt(keras_api: Any) -> None:
    # The question is about compile(); a subclassed model compiled the same way is judged on its settings.
    assert q_2.check(_subclassed(keras_api)).passed
    unbuilt = keras_api.Sequential([keras_api.Dense(1)])
    unbuilt.compile(optimizer="adam", loss="mae")
    for question in (q_1, q_2, q_3, q_4):
        question.check(unbuilt)
    assert not unbuilt.built


@pytest.mark.parametrize("question, words", [(q_3, ("flatten", "validation")), (q_4, ("learning rate", "batch"))],
                         ids=["q_3", "q_4"])
def test_open_questions_accept_anything_and_say_what_to_look_for(question: Any, words: tuple[str, ...]) -> None:
    for value in (____, None, 3.5, "anything"):
        result = question.check(value)
        assert result.passed
        assert all(word in result.message for word in words), result
    assert question.check().passed


def test_q3_solution_reads_the_curves_the_cell_drew_without_training_again(capsys) -> None:
    """The lesson's cell has trained the model: the solution reports how far each curve fell and how much in the
    last epochs (re-running fit would train the same model further, from where it stopped)."""
    curves = {"loss": [9.0, 6.0, 4.0, 3.5, 3.2, 3.0, 2.9, 2.8], "val_loss": [8.0, 5.0, 4.5, 4.0, 3.9, 3.8, 3.8, 3.7]}
    fitted: list[Any] = []
    model = SimpleNamespace(fit=lambda *args, **kwargs: fitted.append(kwargs))
    exec(q_3.solution().code, {"history": SimpleNamespace(history=curves), "model": model})
    assert fitted == []
    assert capsys.readouterr().out.splitlines() == [
        "loss: 9.00 after epoch 1, 2.80 after epoch 8, -1.20 over the last 5 epochs",
        "val_loss: 8.00 after epoch 1, 3.70 after epoch 8, -0.80 over the last 5 epochs",
    ]


def test_q4_solution_starts_every_run_from_question_3s_weights() -> None:
    """One setting at a time means the same starting weights in every run: the lesson seeds 0 before question 3's
    model, and the solution seeds 0 before each of its models."""
    events: list[tuple] = []

    class Model:
        def compile(self, **settings: Any) -> None:
            events.append(("compile",))

        def fit(self, *data: Any, **settings: Any) -> Any:
            events.append(("fit", settings["batch_size"]))
            return SimpleNamespace(history={"loss": [1.0], "val_loss": [1.0]})

    fake_keras = SimpleNamespace(utils=SimpleNamespace(set_random_seed=lambda seed: events.append(("seed", seed))),
                                 optimizers=SimpleNamespace(Adam=lambda *args, **kwargs: "adam"))
    namespace = {"keras": fake_keras, "make_model": lambda: events.append(("model",)) or Model(),
                 "X_train": None, "y_train": None, "X_valid": None, "y_valid": None,
                 "show": lambda *args, **kwargs: None, "plot_history": lambda *args, **kwargs: None}
    exec(q_4.solution().code, namespace)
    models = [number for number, event in enumerate(events) if event == ("model",)]
    assert len(models) == 4 and all(events[number - 1] == ("seed", 0) for number in models), events
    lesson = (TUTORIALS / "06_stochastic_gradient_descent.py").read_text(encoding="utf-8")
    assert "keras.utils.set_random_seed(0)\nmodel = make_model()" in lesson

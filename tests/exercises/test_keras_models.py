"""Reading models: the same model gives the same description from Keras 3 and from tf_keras."""

from __future__ import annotations

from typing import Any

import pytest

from course.exercises.keras_models import (
    LayerInfo,
    ModelDescription,
    activation_code,
    activation_name,
    activation_words,
    describe_model,
    keras_kind,
)


def test_a_model_reads_as_its_layers_and_input_shape(keras_api: Any) -> None:
    model = keras_api.build(
        lambda K: K.Sequential(
            [K.Input((8,)), K.layers.BatchNormalization(), K.Dense(4, activation="relu"), K.Dense(4),
             K.Activation("elu"), K.layers.Dropout(0.1), K.layers.Flatten(), K.Dense(1)]
        )
    )
    assert describe_model(model) == ModelDescription(
        input_shape=(8,),
        layers=(
            LayerInfo("batch_normalization", "BatchNormalization"),
            LayerInfo("dense", "Dense", 4, "relu"),
            LayerInfo("dense", "Dense", 4, "linear"),
            LayerInfo("activation", "Activation", activation="elu"),
            LayerInfo("dropout", "Dropout", rate=0.1),
            LayerInfo("other", "Flatten"),
            LayerInfo("dense", "Dense", 1, "linear"),
        ),
    )


def test_the_legacy_input_shape_argument_counts_as_an_input(keras_api: Any) -> None:
    model = keras_api.build(lambda K: K.Sequential([K.Dense(4, input_shape=[8]), K.Dense(1)]))
    assert describe_model(model).input_shape == (8,)


@pytest.mark.parametrize(
    ("make", "legacy"),
    [
        (lambda K: K.Sequential([K.Dense(4, input_shape=[8]), K.Dense(1)]), True),
        (lambda K: K.Sequential([K.Dense(4, input_dim=8), K.Dense(1)]), True),
        (lambda K: K.Sequential([K.layers.BatchNormalization(input_shape=(8,)), K.Dense(1)]), True),
        (lambda K: K.Sequential([K.Input((8,)), K.Dense(4), K.Dense(1)]), False),
        (lambda K: K.Sequential([K.Dense(4), K.Dense(1)]), False),
        (lambda K: K.Sequential(), False),
    ],
    ids=["input_shape", "input_dim", "on BatchNormalization", "keras.Input", "no input", "no layers"],
)
def test_the_legacy_input_shape_argument_is_told_apart_from_keras_input(keras_api: Any, make: Any,
                                                                         legacy: bool) -> None:
    assert describe_model(keras_api.build(make)).legacy_input is legacy


def test_an_unbuilt_model_has_no_input_shape(keras_api: Any) -> None:
    model = keras_api.build(lambda K: K.Sequential([K.Dense(4), K.Dense(1)]))
    assert describe_model(model).input_shape is None
    assert not model.built


def test_relu_layers_read_as_relu_unless_configured(keras_api: Any) -> None:
    ReLU = keras_api.layers.ReLU
    model = keras_api.build(lambda K: K.Sequential([K.Input((8,)), ReLU(), ReLU(max_value=6.0)]))
    assert [layer.activation for layer in describe_model(model).layers] == ["relu", "relu(max_value=6)"]


def test_kinds(keras_api: Any) -> None:
    inputs = keras_api.Input((8,))
    assert keras_kind(keras_api.Sequential()) == "sequential"
    assert keras_kind(keras_api.module.Model(inputs, keras_api.Dense(1)(inputs))) == "functional"
    assert keras_kind(keras_api.Dense(1)) == "layer"
    assert keras_kind(inputs) == "tensor"
    assert keras_kind([1]) is None and keras_kind(None) is None


def test_activation_names() -> None:
    def relu(x: Any) -> Any:
        return x

    class LeakyReLU:
        def __call__(self, x: Any) -> Any:
            return x

    assert activation_name(None) == "linear"
    assert activation_name("relu") == "relu"
    assert activation_name(relu) == "relu"
    assert activation_name(LeakyReLU()) == "leaky_relu"


def test_a_lambda_activation_is_named_in_words() -> None:
    name = activation_name(lambda x: x)
    assert activation_words(name).en == "a function of your own (`lambda`)"
    assert activation_words(name).zh == "你自己写的函数（`lambda`）"
    assert activation_code(name) == "lambda …"
    assert (activation_words("relu").en, activation_code("relu")) == ("relu", '"relu"')

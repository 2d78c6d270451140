"""Judge a learner's Keras model against a ``SequentialSpec``: input shape, hidden Dense layers (units and
activation, inside the layer or as a separate ``Activation`` layer) and a linear output. Every problem found gets
its own sentence naming the layer; anything that is not a Sequential model gets a sentence saying what it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from course.exercises.answers import not_a_sequential_model, report, with_notes
from course.exercises.keras_models import LayerInfo, ModelDescription, activation_code, activation_words, describe_model
from course.exercises.result import CheckResult, correct, incorrect
from course.exercises.shape_checks import InputShapeSpec, explain_shape
from course.exercises.text import Text, count_of

__all__ = ["SequentialSpec", "input_notes", "input_problems"]


@dataclass
class _Block:
    """A Dense layer and the activation layers that follow it."""

    units: int | None
    inner: str
    after: list[str] = field(default_factory=list)

    @property
    def activations(self) -> list[str]:
        """The activations this block applies, linear ones (which change nothing) left out."""
        return [name for name in [self.inner, *self.after] if name != "linear"]


@dataclass(frozen=True)
class SequentialSpec:
    """A Sequential regression model: ``data.features`` inputs, Dense hidden layers of ``hidden_units`` with
    ``activation``, and a linear Dense output of ``output_units``. ``activation_layers`` asks for every hidden
    activation as its own ``layers.Activation`` after a Dense layer that has none.
    """

    data: InputShapeSpec
    hidden_units: tuple[int, ...]
    activation: str = "relu"
    output_units: int = 1
    activation_layers: bool = False

    def summary(self, language: str = "en") -> str:
        """The layers in one line: ``8 inputs → Dense(512, relu) → … → Dense(1)``, in ``language``."""
        act = f'Activation("{self.activation}")'
        if self.activation_layers:
            hidden = " → ".join(f"Dense({units}) → {act}" for units in self.hidden_units)
        else:
            hidden = " → ".join(f"Dense({units}, {self.activation})" for units in self.hidden_units)
        inputs = f"{self.data.features} inputs" if language == "en" else f"{self.data.features} 个输入"
        return f"{inputs} → {hidden} → Dense({self.output_units})"

    def check(self, value: Any) -> CheckResult:
        problem = not_a_sequential_model(value)
        if problem:
            return incorrect(problem)
        model = describe_model(value)
        problems = self.problems(model)
        if problems:
            return incorrect(report(problems))
        return correct(with_notes(
            Text(f"{self.summary()}, with a linear output.", f"{self.summary('zh')}，输出为线性。"),
            input_notes(model, self.data),
        ))

    def problems(self, model: ModelDescription) -> list[Text]:
        """What is wrong with ``model``, one sentence each, top of the model first."""
        if not model.layers and model.input_shape is None:  # `keras.Sequential()`: one sentence, not two
            return [empty_model_problem(self.data, self.summary(), self.summary("zh"))]
        problems = self._input_problems(model.input_shape)
        blocks, layer_problems = _blocks(model.layers)
        problems += layer_problems
        if not blocks:
            return [*problems, Text(
                f"the model has no Dense layers; it needs {self.summary()}.",
                f"这个模型没有 Dense 层；它需要 {self.summary('zh')}。",
            )]
        hidden, output = blocks[:-1], blocks[-1]
        if self._is_missing_output(hidden, output):
            problems.append(Text(
                f"the model ends with a hidden layer (Dense({output.units}) with {output.activations[0]}): "
                f"add the output layer `layers.Dense({self.output_units})` at the end.",
                f"模型以一个隐藏层结尾（带 {output.activations[0]} 的 Dense({output.units})）："
                f"请在最后加上输出层 `layers.Dense({self.output_units})`。",
            ))
            hidden, output = blocks, None
        expected = len(self.hidden_units)
        misplaced = [number for number, block in enumerate(hidden, start=1) if self._looks_like_output(block)]
        ends_right = output is not None and self._looks_like_output(output)
        if misplaced and (len(hidden) > expected or not ends_right):
            # An output layer among the hidden ones: the model needs it once, at the end.
            layer = f"layers.Dense({self.output_units})"
            for number in misplaced:
                problems.append(Text(
                    f"hidden layer {number} is a `{layer}` with no activation, an output layer: "
                    + ("the model already ends with one, so remove this one." if ends_right
                       else "move it to the end of the model, after the last hidden layer."),
                    f"第 {number} 个隐藏层是没有激活函数的 `{layer}`，也就是输出层："
                    + ("模型最后已经有一个了，请去掉这一个。" if ends_right else "请把它移到模型末尾，放在最后一个隐藏层之后。"),
                ))
            kept = [block for number, block in enumerate(hidden, start=1) if number not in misplaced]
            if not ends_right and output is not None:
                hidden, output = [*kept, output], None
            else:
                hidden = kept
        if len(hidden) != expected:
            problems.append(Text(
                f"the model has {count_of(len(hidden), 'hidden Dense layer')}; it needs {expected}, "
                f"then the output layer.",
                f"模型有 {len(hidden)} 个隐藏的 Dense 层；它需要 {expected} 个，然后是输出层。",
            ))
        style = self._activation_style_problems(hidden)
        problems += style
        for number, block in enumerate(hidden, start=1):
            problems += self._hidden_problems(number, block, said_inner=bool(style))
        if output is not None:
            problems += self._output_problems(output)
        return problems

    def _input_problems(self, shape: tuple[int | None, ...] | None) -> list[Text]:
        return input_problems(shape, self.data)

    def _looks_like_output(self, block: _Block) -> bool:
        return block.units == self.output_units and not block.activations

    def _is_missing_output(self, hidden: list[_Block], output: _Block) -> bool:
        """The last Dense layer looks like one more hidden layer, and one hidden layer is still to come."""
        return (
            output.units != self.output_units
            and output.activations == [self.activation]
            and len(hidden) < len(self.hidden_units)
        )

    def _activation_style_problems(self, hidden: list[_Block]) -> list[Text]:
        """With ``activation_layers``: one sentence when every hidden Dense still has its own activation and not
        every one is followed by an Activation layer already (those get a sentence each: remove the inner one)."""
        if not (self.activation_layers and hidden and all(block.inner != "linear" for block in hidden)
                and not all(block.after for block in hidden)):
            return []
        return [Text(
            f"the hidden Dense layers still use `activation=` inside them. Give each Dense layer no activation "
            f'and follow it with its own `layers.Activation("{self.activation}")`.',
            f"隐藏的 Dense 层里仍然用了 `activation=`。去掉每个 Dense 层的激活函数，"
            f'并在它后面单独加一个 `layers.Activation("{self.activation}")`。',
        )]

    def _hidden_problems(self, number: int, block: _Block, said_inner: bool = False) -> list[Text]:
        """Sentences about one hidden layer; ``said_inner``: its activation inside Dense is already reported."""
        name, zh = f"hidden layer {number}", f"第 {number} 个隐藏层"
        want_units = self.hidden_units[min(number, len(self.hidden_units)) - 1]
        act = self.activation
        problems = []
        if block.units != want_units:
            problems.append(Text(
                f"{name} has {count_of(block.units, 'unit')}; it should have {want_units}.",
                f"{zh}有 {block.units} 个单元；应该有 {want_units} 个。",
            ))
        wrong = [a for a in block.activations if a != act]
        if self.activation_layers:
            if block.inner != "linear":
                if said_inner:
                    return problems
                if block.after:
                    problems.append(Text(
                        f"{name} has `activation={activation_code(block.inner)}` inside Dense as well as a "
                        f"separate Activation layer: remove the one inside Dense.",
                        f"{zh}在 Dense 里有 `activation={activation_code(block.inner)}`，后面又有单独的 Activation 层："
                        f"去掉 Dense 里的那个。",
                    ))
                else:
                    problems.append(Text(
                        f"{name} still sets `activation={activation_code(block.inner)}` inside Dense: remove it "
                        f'and put `layers.Activation("{act}")` right after the Dense layer.',
                        f"{zh}仍在 Dense 里设置了 `activation={activation_code(block.inner)}`：去掉它，"
                        f'并在这个 Dense 层后面紧接着加上 `layers.Activation("{act}")`。',
                    ))
                return problems  # the sentence above names the fix; more would repeat it
            if not block.activations:
                problems.append(Text(
                    f'{name} has no activation: add `layers.Activation("{act}")` right after it.',
                    f'{zh}没有激活函数：在它后面紧接着加上 `layers.Activation("{act}")`。',
                ))
            elif len(block.activations) > 1:
                problems.append(Text(
                    f"{name} is followed by {len(block.activations)} activations; keep one.",
                    f"{zh}后面跟了 {len(block.activations)} 个激活函数；只保留一个。",
                ))
            elif wrong:
                problems.append(Text(f"{name} uses ", f"{zh}用的是") + activation_words(wrong[0]) + Text(
                    f'; it should use `layers.Activation("{act}")`.', f'；应该用 `layers.Activation("{act}")`。',
                ))
            return problems
        if not block.activations:
            problems.append(Text(
                f'{name} has no activation: give it `activation="{act}"`.',
                f'{zh}没有激活函数：给它加上 `activation="{act}"`。',
            ))
        elif len(block.activations) > 1:
            problems.append(Text(
                f"{name} applies {len(block.activations)} activations ({', '.join(block.activations)}), "
                f"inside Dense and as separate layers; keep one, {act}.",
                f"{zh}用了 {len(block.activations)} 个激活函数（{'、'.join(block.activations)}），"
                f"有的在 Dense 里，有的是单独的层；只保留一个：{act}。",
            ))
        elif wrong:
            problems.append(Text(f"{name} uses ", f"{zh}用的是") + activation_words(wrong[0]) + Text(
                f'; it should use `activation="{act}"`.', f'；应该用 `activation="{act}"`。',
            ))
        return problems

    def _output_problems(self, block: _Block) -> list[Text]:
        problems = []
        if block.units != self.output_units:
            problems.append(Text(
                f"the output layer has {count_of(block.units, 'unit')}; it should have {self.output_units}: one "
                f"number, the predicted {self.data.target}.",
                f"输出层有 {block.units} 个单元；应该有 {self.output_units} 个：一个数，即预测的 {self.data.target}。",
            ))
        if block.inner != "linear":
            problems.append(Text(
                f"the output layer has `activation={activation_code(block.inner)}`; leave it out, so the output is "
                f"linear and can take any value: `layers.Dense({self.output_units})`.",
                f"输出层有 `activation={activation_code(block.inner)}`；去掉它，让输出保持线性、可以取任意值："
                f"`layers.Dense({self.output_units})`。",
            ))
        extra = [name for name in block.after if name != "linear"]
        if extra:
            problems.append(Text(
                f"the model ends with an activation ({extra[-1]}) after the output layer: remove it, the "
                f"output should be linear.",
                f"模型在输出层之后还有一个激活函数（{extra[-1]}）：去掉它，输出应该是线性的。",
            ))
        return problems


def empty_model_problem(data: InputShapeSpec, needed: str, needed_zh: str) -> Text:
    """The one sentence for a model with no input and no layers (``keras.Sequential()``): where to start, and the
    model ``needed`` (in each language), rather than two sentences on the missing input and the missing layers."""
    start = f"keras.Input(shape=({data.features},))"
    return Text(
        f"the model is empty: it has no input and no layers. Start the list with `{start}`; the model needs {needed}.",
        f"模型是空的：既没有输入，也没有任何层。在列表开头放上 `{start}`；模型需要 {needed_zh}。",
    )


def input_problems(shape: tuple[int | None, ...] | None, data: InputShapeSpec) -> list[Text]:
    """What is wrong with a model's input ``shape`` (without the batch axis) for ``data``; empty if nothing."""
    features = data.features
    if shape is None:
        return [Text(
            f"the model has no input shape: start the list with `keras.Input(shape=({features},))`.",
            f"模型没有输入形状：在列表开头放上 `keras.Input(shape=({features},))`。",
        )]
    problem = explain_shape(shape, data)
    if problem is None:
        return []
    return [Text(f"the model's input shape is {_show(shape)}: ", f"模型的输入形状是 {_show(shape)}：") + problem]


def input_notes(model: ModelDescription, data: InputShapeSpec) -> list[Text]:
    """Gentle notes on the input of a model that is right: the older ``input_shape=`` form still works, so it is
    no error, but Keras 3 warns about it and the course writes ``keras.Input``. Empty when there is nothing to say."""
    if not model.legacy_input:
        return []
    start = f"keras.Input(shape=({data.features},))"
    return [Text(
        f"giving the first layer `input_shape=` (or `input_dim=`) is the older Keras 2 form; Keras 3 still reads it "
        f"but warns. Keras 3 writes the input as the first item of the list: `{start}`, with no `input_shape=`.",
        f"给第一层写 `input_shape=`（或 `input_dim=`）是旧的 Keras 2 写法；Keras 3 仍能读懂，但会发出警告。"
        f"Keras 3 把输入写成列表的第一项：`{start}`，不再写 `input_shape=`。",
    )]


def _blocks(layers: tuple[LayerInfo, ...]) -> tuple[list[_Block], list[Text]]:
    """Group layers into Dense blocks; sentences for layers that fit no block."""
    blocks: list[_Block] = []
    problems = []
    for position, layer in enumerate(layers, start=1):
        if layer.kind == "dense":
            blocks.append(_Block(layer.units, layer.activation or "linear"))
        elif layer.kind == "activation" and blocks:
            blocks[-1].after.append(layer.activation or "linear")
        elif layer.kind == "activation":
            problems.append(Text(
                f"layer {position} is an activation ({layer.activation}) before any Dense layer; an activation "
                f"belongs after the Dense layer it applies to.",
                f"第 {position} 层是一个激活函数（{layer.activation}），前面还没有任何 Dense 层；"
                f"激活函数应该放在它所作用的 Dense 层之后。",
            ))
        else:
            problems.append(Text(
                f"layer {position} is a `{layer.class_name}` layer; this model uses only Dense and Activation "
                f"layers, so remove it.",
                f"第 {position} 层是 `{layer.class_name}` 层；这个模型只用 Dense 和 Activation 层，请去掉它。",
            ))
    return blocks, problems


def _show(shape: tuple[int | None, ...]) -> str:
    return "(" + ", ".join(repr(dim) for dim in shape) + ("," if len(shape) == 1 else "") + ")"

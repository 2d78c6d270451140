"""Judge a ``keras.Sequential`` model against a declared sequence of layers — ``DenseLayer``, ``DropoutLayer``,
``BatchNormLayer`` — on the input width of the lesson's data. Layers are matched in order; a missing, extra,
misplaced or misconfigured layer each gets a sentence that names the learner's layer and the code that fixes it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar, Union

from course.exercises.answers import not_a_sequential_model, report
from course.exercises.keras_models import LayerInfo, ModelDescription, describe_model
from course.exercises.model_checks import input_problems
from course.exercises.result import CheckResult, correct, incorrect
from course.exercises.shape_checks import InputShapeSpec
from course.exercises.text import Text, count_of, with_article

__all__ = ["BatchNormLayer", "DenseLayer", "DropoutLayer", "LayerSequenceSpec", "LayerStep"]


@dataclass(frozen=True)
class DenseLayer:
    """``layers.Dense(units, activation=...)``; ``activation="linear"`` is a Dense layer with none."""

    units: int
    activation: str = "linear"
    kind: ClassVar[str] = "dense"

    def label(self) -> str:
        return f"Dense({self.units})" if self.activation == "linear" else f"Dense({self.units}, {self.activation})"

    def code(self) -> str:
        if self.activation == "linear":
            return f"layers.Dense({self.units})"
        return f'layers.Dense({self.units}, activation="{self.activation}")'


@dataclass(frozen=True)
class DropoutLayer:
    """``layers.Dropout(rate)``."""

    rate: float
    kind: ClassVar[str] = "dropout"

    def label(self) -> str:
        return f"Dropout({self.rate:g})"

    def code(self) -> str:
        return f"layers.Dropout({self.rate:g})"


@dataclass(frozen=True)
class BatchNormLayer:
    """``layers.BatchNormalization()``."""

    kind: ClassVar[str] = "batch_normalization"

    def label(self) -> str:
        return "BatchNormalization"

    def code(self) -> str:
        return "layers.BatchNormalization()"


LayerStep = Union[DenseLayer, DropoutLayer, BatchNormLayer]


@dataclass(frozen=True)
class _Seen:
    """One of the learner's layers, a Dense layer with the Activation layer right after it folded in."""

    position: int  # 1-based, counting the layers after `keras.Input`
    info: LayerInfo
    activation_layer: int | None = None  # the position of the Activation layer that gave a Dense layer its activation
    between: _Seen | None = None  # a BatchNormalization or Dropout layer the learner put before that Activation

    @property
    def kind(self) -> str:
        return self.info.kind if self.info.kind != "other" else f"other:{self.info.class_name}"

    def signature(self) -> tuple[Any, ...]:
        """What makes two layers the same layer: kind and settings."""
        info = self.info
        rate = None if info.rate is None else round(info.rate, 6)
        activation = (info.activation or "linear") if info.kind == "dense" else info.activation
        return (self.kind, info.units, activation, rate)

    def label(self) -> str:
        info = self.info
        if info.kind == "dense":
            units = "?" if info.units is None else info.units
            activation = info.activation or "linear"
            return f"Dense({units})" if activation == "linear" else f"Dense({units}, {activation})"
        if info.kind == "dropout":
            return f"Dropout({info.rate:g})" if info.rate is not None else "Dropout"
        if info.kind == "activation":
            return f"Activation({info.activation})"
        return info.class_name


@dataclass(frozen=True)
class LayerSequenceSpec:
    """A Sequential model on ``data.features`` inputs whose layers are exactly ``layers``, in order.

    A Dense layer may give its activation inside (``activation="relu"``) or as an ``Activation`` layer right
    after it; both read the same.
    """

    data: InputShapeSpec
    layers: tuple[LayerStep, ...]

    def summary(self, language: str = "en") -> str:
        """The layers in one line: ``30 inputs → BatchNormalization → Dense(256, relu) → …``, in ``language``."""
        inputs = f"{self.data.features} inputs" if language == "en" else f"{self.data.features} 个输入"
        return f"{inputs} → " + " → ".join(step.label() for step in self.layers)

    def check(self, value: Any) -> CheckResult:
        problem = not_a_sequential_model(value)
        if problem:
            return incorrect(problem)
        problems = self.problems(describe_model(value))
        if problems:
            return incorrect(report(problems))
        return correct(Text(f"{self.summary()}.", f"{self.summary('zh')}。"))

    def problems(self, model: ModelDescription) -> list[Text]:
        """What is wrong with ``model``, one sentence each, top of the model first."""
        problems = input_problems(model.input_shape, self.data)
        seen = _fold_activations(model.layers)
        swapped = [layer for layer in seen if layer.between is not None]
        if swapped:
            problems.append(_placement_problem(swapped))
        if not seen:
            return [*problems, Text(
                f"the model has no layers after its input; it needs {self.summary()}.",
                f"模型在输入之后没有任何层；它需要 {self.summary('zh')}。",
            )]
        order = self._order_problem(seen)
        if order:
            return [*problems, order]
        pending: list[LayerStep] = []  # needed layers not yet reported, all missing at the same place
        after = 0  # index in `seen` of the learner's layer they go after (0: at the start)
        for mine, index in _align(seen, self.layers):
            if mine is None:
                pending.append(self.layers[index])
                continue
            if pending:
                problems.append(self._missing(seen, after, tuple(pending)))
                pending = []
            after = seen.index(mine) + 1
            if index is None:
                problems.append(Text(
                    f"layer {mine.position} ({mine.label()}) is not part of this model: remove it.",
                    f"第 {mine.position} 层（{mine.label()}）不属于这个模型：请去掉它。",
                ))
            else:
                problems += self._layer_problems(mine, self.layers[index], index == len(self.layers) - 1)
        if pending:
            problems.append(self._missing(seen, after, tuple(pending)))
        return problems

    def _order_problem(self, seen: list[_Seen]) -> Text | None:
        """One sentence when the learner has the right layers in the wrong order."""
        mine, wanted = [s.kind for s in seen], [e.kind for e in self.layers]
        if mine == wanted or sorted(mine) != sorted(wanted):
            return None
        yours, needed = " → ".join(s.label() for s in seen), " → ".join(e.label() for e in self.layers)
        return Text(
            f"the layers are all there but in another order: yours go {yours}; this model needs {needed}.",
            f"层都有了，但顺序不对：你的顺序是 {yours}；这个模型需要 {needed}。",
        )

    @staticmethod
    def _missing(seen: list[_Seen], before: int, steps: tuple[LayerStep, ...]) -> Text:
        codes = ", ".join(f"`{step.code()}`" for step in steps)
        if before == 0:
            return Text(
                f"the model is missing {codes} at the start, right after `keras.Input`.",
                f"模型开头缺少 {codes}，它应紧跟在 `keras.Input` 之后。",
            )
        previous = seen[before - 1]
        return Text(
            f"the model is missing {codes} after layer {previous.position} ({previous.label()}).",
            f"模型在第 {previous.position} 层（{previous.label()}）之后缺少 {codes}。",
        )

    def _layer_problems(self, mine: _Seen, wanted: LayerStep, is_output: bool) -> list[Text]:
        name = Text(
            f"the output layer (layer {mine.position})" if is_output else f"layer {mine.position}",
            f"输出层（第 {mine.position} 层）" if is_output else f"第 {mine.position} 层",
        )
        info = mine.info
        if mine.kind != wanted.kind:
            return [name + Text(
                f" is {with_article(mine.label())} layer; here the model needs `{wanted.code()}`.",
                f"是 {mine.label()} 层；模型在这里需要 `{wanted.code()}`。",
            )]
        if isinstance(wanted, DropoutLayer):
            if info.rate is None or not math.isclose(info.rate, wanted.rate, abs_tol=1e-9):
                rate = Text("an unknown fraction", "未知比例") if info.rate is None else Text(
                    f"a fraction {info.rate:g}", f"比例为 {info.rate:g} ")
                return [name + Text(" drops ", "丢弃") + rate + Text(
                    f" of its inputs; it should drop {wanted.rate:g}: `{wanted.code()}`.",
                    f"的输入；应该丢弃 {wanted.rate:g}：`{wanted.code()}`。",
                )]
            return []
        if not isinstance(wanted, DenseLayer):
            return []
        problems = []
        if info.units != wanted.units:
            problems.append(name + Text(
                f" has {count_of(info.units, 'unit')}; it should have {wanted.units}: `{wanted.code()}`.",
                f"有 {info.units} 个单元；应该有 {wanted.units} 个：`{wanted.code()}`。",
            ))
        actual = info.activation or "linear"
        if actual != wanted.activation:
            problems.append(_activation_problem(name, actual, wanted, is_output, mine.activation_layer))
        return problems


def _signature(step: LayerStep) -> tuple[Any, ...]:
    if isinstance(step, DenseLayer):
        return (step.kind, step.units, step.activation, None)
    if isinstance(step, DropoutLayer):
        return (step.kind, None, None, round(float(step.rate), 6))
    return (step.kind, None, None, None)


def _align(seen: list[_Seen], wanted: tuple[LayerStep, ...]) -> list[tuple[_Seen | None, int | None]]:
    """The cheapest way to turn the learner's layers into the wanted ones, as pairs in order: (layer, index)
    for a layer kept (same or changed settings), (layer, ``None``) for one to remove, (``None``, index) for one
    to add. An edit distance, so a right layer is never reported as missing because a wrong one came first.
    """
    mine = [s.signature() for s in seen]
    theirs = [_signature(step) for step in wanted]

    def change(i: int, j: int) -> float:
        if mine[i] == theirs[j]:
            return 0.0
        # Same kind, other settings: one fix. Another kind: one sentence instead of remove plus add.
        return 1.0 if mine[i][0] == theirs[j][0] else 1.9

    rows, cols = len(mine), len(theirs)
    cost = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows + 1):
        for j in range(cols + 1):
            if i == 0 or j == 0:
                cost[i][j] = float(i + j)
                continue
            cost[i][j] = min(cost[i - 1][j - 1] + change(i - 1, j - 1), cost[i - 1][j] + 1, cost[i][j - 1] + 1)
    steps: list[tuple[_Seen | None, int | None]] = []
    i, j = rows, cols
    while i or j:  # walking back, "add" wins ties, so a learner's layer pairs with the earliest one it fits
        if j and cost[i][j] == cost[i][j - 1] + 1:
            steps.append((None, j - 1))
            j -= 1
        elif i and j and cost[i][j] == cost[i - 1][j - 1] + change(i - 1, j - 1):
            steps.append((seen[i - 1], j - 1))
            i, j = i - 1, j - 1
        else:
            steps.append((seen[i - 1], None))
            i -= 1
    return steps[::-1]


def _activation_problem(name: Text, actual: str, wanted: DenseLayer, is_output: bool,
                        activation_layer: int | None = None) -> Text:
    """``activation_layer``: the position of the learner's Activation layer the wrong activation came from."""
    if wanted.activation == "linear":
        why = " so the output is linear and can take any value" if is_output else ""
        why_zh = "，让输出保持线性、可以取任意值" if is_output else ""
        if activation_layer is not None:
            return name + Text(
                f' is followed by `Activation("{actual}")` (layer {activation_layer}); remove that layer{why}.',
                f'后面跟着 `Activation("{actual}")`（第 {activation_layer} 层）；请去掉那一层{why_zh}。',
            )
        return name + Text(
            f' has `activation="{actual}"`; leave it out{why}: `{wanted.code()}`.',
            f'有 `activation="{actual}"`；去掉它{why_zh}：`{wanted.code()}`。',
        )
    probability = is_output and wanted.activation == "sigmoid"
    why = " so it outputs a probability between 0 and 1" if probability else ""
    why_zh = "，让它输出 0 到 1 之间的概率" if probability else ""
    has = "no activation" if actual == "linear" else f"the {actual} activation"
    has_zh = "没有激活函数" if actual == "linear" else f"用的是 {actual} 激活函数"
    return name + Text(
        f' has {has}; it needs `activation="{wanted.activation}"`{why}: `{wanted.code()}`.',
        f'{has_zh}；它需要 `activation="{wanted.activation}"`{why_zh}：`{wanted.code()}`。',
    )


def _placement_problem(swapped: list[_Seen]) -> Text:
    """One sentence for the BatchNormalization or Dropout layers the learner put between a Dense layer and its
    Activation layer, where the model wants them after the activation."""
    if len(swapped) == 1:
        dense = swapped[0]
        middle, activation = dense.between, dense.info.activation
        return Text(
            f"layer {middle.position} ({middle.label()}) sits between the Dense layer {dense.position} and its "
            f'`Activation("{activation}")` (layer {dense.activation_layer}); in this model it comes after the '
            f'activation: `layers.Dense({dense.info.units}, activation="{activation}")`, then the {middle.label()}.',
            f"第 {middle.position} 层（{middle.label()}）夹在第 {dense.position} 层（Dense 层）和它的 "
            f'`Activation("{activation}")`（第 {dense.activation_layer} 层）之间；在这个模型里它应放在激活函数之后：'
            f'`layers.Dense({dense.info.units}, activation="{activation}")`，然后才是 {middle.label()}。',
        )
    positions = [str(dense.between.position) for dense in swapped]
    listed, listed_zh = ", ".join(positions[:-1]) + " and " + positions[-1], "、".join(positions)
    labels = " / ".join(dict.fromkeys(dense.between.label() for dense in swapped))
    return Text(
        f"layers {listed} ({labels}) each sit between a Dense layer and its Activation layer; in this model they "
        f"come after the activation: give each Dense layer its activation (`activation=\"...\"`) and put the "
        f"{labels} right after it.",
        f"第 {listed_zh} 层（{labels}）都夹在一个 Dense 层和它的 Activation 层之间；在这个模型里它们应放在激活函数之后："
        f"把激活函数写进每个 Dense 层（`activation=\"...\"`），再紧接着放 {labels}。",
    )


def _fold_activations(layers: tuple[LayerInfo, ...]) -> list[_Seen]:
    """The learner's layers, numbered; an Activation right after a Dense layer without one joins that layer. So
    does an Activation after such a Dense layer and one BatchNormalization or Dropout layer: the pair is then read
    in the order Dense with its activation, the other layer, and ``between`` records the swap."""
    seen: list[_Seen] = []
    for position, layer in enumerate(layers, start=1):
        previous = seen[-1].info if seen else None
        if layer.kind == "activation" and _plain_dense(previous):
            folded = LayerInfo("dense", previous.class_name, previous.units, layer.activation)
            seen[-1] = _Seen(seen[-1].position, folded, activation_layer=position)
            continue
        if (layer.kind == "activation" and len(seen) >= 2 and _plain_dense(seen[-2].info)
                and seen[-1].info.kind in ("batch_normalization", "dropout")):
            dense, middle = seen[-2], seen[-1]
            folded = LayerInfo("dense", dense.info.class_name, dense.info.units, layer.activation)
            seen[-2] = _Seen(dense.position, folded, activation_layer=position, between=middle)
            continue
        seen.append(_Seen(position, layer))
    return seen


def _plain_dense(layer: LayerInfo | None) -> bool:
    return layer is not None and layer.kind == "dense" and (layer.activation or "linear") == "linear"

"""Judge a ``keras.Sequential`` model against a declared sequence of layers — ``DenseLayer``, ``DropoutLayer``,
``BatchNormLayer`` — on the input width of the lesson's data. Layers are matched in order; a missing, extra,
misplaced or misconfigured layer each gets a sentence that names the learner's layer and the code that fixes it.
A right model in another valid form (the Keras 2 ``input_shape=``, Dropout before a ReLU) passes with a note.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, ClassVar, Union

from course.exercises.answers import not_a_sequential_model, report, with_notes
from course.exercises.keras_models import LayerInfo, ModelDescription, activation_code, activation_words, describe_model
from course.exercises.model_checks import empty_model_problem, input_notes, input_problems
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

# Activations f with f(c·x) = c·f(x) for every c > 0 and f(0) = 0. Dropout zeroes some values and multiplies the
# rest by 1 / (1 - rate) > 0, so with one of these, Dropout before the activation gives exactly the same numbers as
# Dropout after it, for the same dropped units.
_COMMUTE_WITH_DROPOUT = {"relu", "leaky_relu", "linear"}


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

    def code(self) -> str:
        """A BatchNormalization or Dropout layer as the learner would write it."""
        if self.info.kind == "dropout" and self.info.rate is not None:
            return f"layers.Dropout({self.info.rate:g})"
        return f"layers.{self.info.class_name}()"

    @property
    def commutes(self) -> bool:
        """A Dense layer with a Dropout layer ``between`` it and an activation that gives the same numbers either
        way (``_COMMUTE_WITH_DROPOUT``): the order then changes nothing."""
        return (self.between is not None and self.between.info.kind == "dropout"
                and self.info.activation in _COMMUTE_WITH_DROPOUT)


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
        model = describe_model(value)
        problems = self.problems(model)
        if problems:
            return incorrect(report(problems))
        return correct(with_notes(Text(f"{self.summary()}.", f"{self.summary('zh')}。"), self.notes(model)))

    def notes(self, model: ModelDescription) -> list[Text]:
        """Gentle notes on a right ``model`` written in another valid form than the lessons': the Keras 2
        ``input_shape=``, a Dropout layer before a ReLU instead of after it."""
        notes = input_notes(model, self.data)
        commuted = [layer for layer in _fold_activations(model.layers) if layer.commutes]
        if commuted:
            notes.append(_commuted_note(commuted))
        return notes

    def problems(self, model: ModelDescription) -> list[Text]:
        """What is wrong with ``model``, one sentence each, top of the model first."""
        seen = _fold_activations(model.layers)
        if not seen and model.input_shape is None:  # `keras.Sequential()`: one sentence, not two that disagree
            return [empty_model_problem(self.data, self.summary(), self.summary("zh"))]
        problems = input_problems(model.input_shape, self.data)
        swapped = [layer for layer in seen if layer.between is not None and not layer.commutes]
        problems += _placement_problems(swapped)
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
        """One sentence when the learner has the right layers in the wrong order, saying the one change that
        fixes it: two layers to swap, or one layer to move; else the first layer that is out of place. Layers are
        compared with their settings first (two Dense layers of other widths swapped), then by kind alone."""
        for mine, wanted in (
            ([s.signature() for s in seen], [_signature(step) for step in self.layers]),
            ([s.kind for s in seen], [step.kind for step in self.layers]),
        ):
            if mine != wanted and Counter(mine) == Counter(wanted):
                return Text(
                    "the layers are all there but in another order: ", "层都有了，但顺序不对："
                ) + self._reorder(seen, mine, wanted)
        return None

    def _reorder(self, seen: list[_Seen], mine: list[Hashable], wanted: list[Hashable]) -> Text:
        """The change that puts ``mine`` (one key per learner's layer) in the order of ``wanted``, in words."""
        first = next(index for index, (a, b) in enumerate(zip(mine, wanted)) if a != b)
        here = seen[first]
        swap = _swap_partner(mine, wanted, first)
        if swap is not None:
            other = seen[swap]
            return Text(
                f"swap layer {here.position} ({here.label()}) and layer {other.position} ({other.label()}); this "
                f"model has `{self.layers[first].code()}` first, then `{self.layers[swap].code()}`.",
                f"把第 {here.position} 层（{here.label()}）和第 {other.position} 层（{other.label()}）对调；"
                f"这个模型先是 `{self.layers[first].code()}`，然后才是 `{self.layers[swap].code()}`。",
            )
        move = _single_move(mine, wanted, first)
        if move is not None:
            source, after = move  # the layer to move, and the layer it goes right after (None: at the start)
            moved = seen[source]
            if after is None:
                return Text(
                    f"move layer {moved.position} ({moved.label()}) to the start, right after `keras.Input`.",
                    f"把第 {moved.position} 层（{moved.label()}）移到开头，紧跟在 `keras.Input` 之后。",
                )
            target = seen[after]
            return Text(
                f"move layer {moved.position} ({moved.label()}) so that it comes right after layer "
                f"{target.position} ({target.label()}).",
                f"把第 {moved.position} 层（{moved.label()}）移到第 {target.position} 层（{target.label()}）的紧后面。",
            )
        needed = " → ".join(step.label() for step in self.layers)
        return Text(
            f"the first layer out of place is layer {here.position} ({here.label()}), where this model needs "
            f"`{self.layers[first].code()}`. The whole order is {needed}.",
            f"第一个位置不对的是第 {here.position} 层（{here.label()}），这个模型在这里需要 "
            f"`{self.layers[first].code()}`。完整的顺序是 {needed}。",
        )

    @staticmethod
    def _missing(seen: list[_Seen], before: int, steps: tuple[LayerStep, ...]) -> Text:
        codes = [f"`{step.code()}`" for step in steps]
        listed, listed_zh = ", ".join(codes), "、".join(codes)
        if before == 0:
            return Text(
                f"the model is missing {listed} at the start, right after `keras.Input`.",
                f"模型开头缺少 {listed_zh}，它们应紧跟在 `keras.Input` 之后。" if len(codes) > 1
                else f"模型开头缺少 {listed_zh}，它应紧跟在 `keras.Input` 之后。",
            )
        previous = seen[before - 1]
        return Text(
            f"the model is missing {listed} after layer {previous.position} ({previous.label()}).",
            f"模型在第 {previous.position} 层（{previous.label()}）之后缺少 {listed_zh}。",
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
        code = activation_code(actual)
        if activation_layer is not None:
            return name + Text(
                f" is followed by `Activation({code})` (layer {activation_layer}); remove that layer{why}.",
                f"后面跟着 `Activation({code})`（第 {activation_layer} 层）；请去掉那一层{why_zh}。",
            )
        return name + Text(
            f" has `activation={code}`; leave it out{why}: `{wanted.code()}`.",
            f"有 `activation={code}`；去掉它{why_zh}：`{wanted.code()}`。",
        )
    probability = is_output and wanted.activation == "sigmoid"
    why = " so it outputs a probability between 0 and 1" if probability else ""
    why_zh = "，让它输出 0 到 1 之间的概率" if probability else ""
    if actual == "linear":
        has = Text(" has no activation", "没有激活函数")
    else:
        has = Text(" has ", "用的激活函数是") + activation_words(actual) + Text(" as its activation", "")
    return name + has + Text(
        f'; it needs `activation="{wanted.activation}"`{why}: `{wanted.code()}`.',
        f'；它需要 `activation="{wanted.activation}"`{why_zh}：`{wanted.code()}`。',
    )


def _placement_problems(swapped: list[_Seen]) -> list[Text]:
    """A sentence for the BatchNormalization layers and one for the Dropout layers that the learner put between a
    Dense layer and its Activation layer, where this model wants them after the activation."""
    problems = []
    for kind in ("batch_normalization", "dropout"):
        group = [dense for dense in swapped if dense.between.info.kind == kind]
        if group:
            problems.append(_where_it_goes(group) + _after_the_activation(group))
    return problems


def _where_it_goes(group: list[_Seen]) -> Text:
    """Where the learner's layers of one kind sit: between which Dense layer and which Activation layer."""
    if len(group) == 1:
        dense = group[0]
        middle, code = dense.between, activation_code(dense.info.activation)
        return Text(
            f"layer {middle.position} ({middle.label()}) sits between the Dense layer {dense.position} and its "
            f"`Activation({code})` (layer {dense.activation_layer}). ",
            f"第 {middle.position} 层（{middle.label()}）夹在第 {dense.position} 层（Dense 层）和它的 "
            f"`Activation({code})`（第 {dense.activation_layer} 层）之间。",
        )
    listed, listed_zh = _listed([dense.between.position for dense in group])
    labels = " / ".join(dict.fromkeys(dense.between.label() for dense in group))
    return Text(
        f"layers {listed} ({labels}) each sit between a Dense layer and its Activation layer. ",
        f"第 {listed_zh} 层（{labels}）都夹在一个 Dense 层和它的 Activation 层之间。",
    )


def _after_the_activation(group: list[_Seen]) -> Text:
    """Why this model wants the layers of ``group`` after the activation, and the code that puts them there."""
    dense = group[0]
    middle, code = dense.between, activation_code(dense.info.activation)
    pair = f"`layers.Dense({dense.info.units}, activation={code})`, then `{middle.code()}`"
    pair_zh = f"`layers.Dense({dense.info.units}, activation={code})`，然后是 `{middle.code()}`"
    if len(group) > 1:
        pair = f"give each Dense layer its activation and put `{middle.code()}` right after it, as in {pair}"
        pair_zh = f"把激活函数写进每个 Dense 层，再紧接着放 `{middle.code()}`，例如 {pair_zh}"
    if middle.info.kind == "batch_normalization":
        # Lesson 8 shows both placements as common: the question asks for one, so say so instead of calling it wrong.
        return Text(
            "Batch normalization before the activation and after it are both common, but this question asks for "
            f"it after the activation: {pair}.",
            f"批量归一化放在激活函数之前或之后都很常见，但这道题要的是放在激活函数之后：{pair_zh}。",
        )
    return Text(
        f"In this model the {middle.label()} comes after the activation: {pair}.",
        f"在这个模型里，{middle.label()} 应放在激活函数之后：{pair_zh}。",
    )


def _commuted_note(commuted: list[_Seen]) -> Text:
    """A note for Dropout layers put between a Dense layer and its ReLU: right, since the numbers are the same, but
    not the order the lessons write."""
    dense = commuted[0]
    middle, activation = dense.between, dense.info.activation
    code = activation_code(activation)
    if len(commuted) == 1:
        where = Text(
            f"layer {middle.position} ({middle.label()}) comes between the Dense layer {dense.position} and its "
            f"`Activation({code})` (layer {dense.activation_layer}). ",
            f"第 {middle.position} 层（{middle.label()}）位于第 {dense.position} 层（Dense 层）和它的 "
            f"`Activation({code})`（第 {dense.activation_layer} 层）之间。",
        )
    else:
        listed, listed_zh = _listed([layer.between.position for layer in commuted])
        where = Text(
            f"layers {listed} (Dropout) each come between a Dense layer and its Activation layer. ",
            f"第 {listed_zh} 层（Dropout）都位于一个 Dense 层和它的 Activation 层之间。",
        )
    return where + Text(
        f"With {activation} that gives exactly the same numbers as dropout after the activation: dropout sets some "
        f"values to 0 and multiplies the others by one positive number, and {activation} gives the same result "
        f"whichever comes first. The lessons write the Dense layer with its activation, then the Dropout: "
        f"`layers.Dense({dense.info.units}, activation={code}), {middle.code()}`.",
        f"对 {activation} 来说，这与把 Dropout 层放在激活函数之后算出的数完全相同：Dropout 把一些值设为 0，"
        f"把其余的值乘以同一个正数，而 {activation} 不论放在它之前还是之后，结果都一样。课程里的写法是先写带激活函数的 "
        f"Dense 层，再写 Dropout：`layers.Dense({dense.info.units}, activation={code}), {middle.code()}`。",
    )


def _listed(positions: list[int]) -> tuple[str, str]:
    """``3, 6 and 9`` in English and ``3、6、9`` in Chinese."""
    words = [str(position) for position in positions]
    return ", ".join(words[:-1]) + " and " + words[-1], "、".join(words)


def _swap_partner(mine: list[Hashable], wanted: list[Hashable], first: int) -> int | None:
    """The index ``j`` such that swapping items ``first`` and ``j`` of ``mine`` gives ``wanted``, if there is one."""
    for j in range(first + 1, len(mine)):
        if mine[j] == wanted[first] and mine[first] == wanted[j]:
            swapped = list(mine)
            swapped[first], swapped[j] = swapped[j], swapped[first]
            if swapped == wanted:
                return j
    return None


def _single_move(mine: list[Hashable], wanted: list[Hashable], first: int) -> tuple[int, int | None] | None:
    """One item of ``mine`` whose move gives ``wanted``, as (its index, the index of the item it then comes right
    after, ``None`` for the start); ``None`` if no single move does. ``first``: where the two lists first differ,
    so either that item moves down or a later one moves up to it."""
    rest = mine[:first] + mine[first + 1:]
    for k in range(first + 1, len(mine)):  # item `first` moves down, to index k of the list without it
        if rest[:k] + [mine[first]] + rest[k:] == wanted:
            return first, k  # it comes after rest[k - 1], which is item k of `mine`
    for j in range(first + 1, len(mine)):  # item j moves up, to index `first`
        if mine[:first] + [mine[j]] + mine[first:j] + mine[j + 1:] == wanted:
            return j, (first - 1 if first else None)
    return None


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

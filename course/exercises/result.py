"""What the checker hands back: a ``CheckResult`` per check, ``Hint`` and ``Solution`` for the other two calls.

Each shows itself: a coloured line in Jupyter (``_repr_html_``, ``_repr_markdown_``) and plain text in a terminal
(``__repr__``). Colours sit in a left border and the status word, so they read on light and dark pages alike.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "CORRECT",
    "INCORRECT",
    "NOT_ATTEMPTED",
    "CheckResult",
    "Hint",
    "Solution",
    "Status",
    "correct",
    "incorrect",
    "not_attempted",
    "sentence",
]

Status = Literal["correct", "incorrect", "not attempted"]
CORRECT: Status = "correct"
INCORRECT: Status = "incorrect"
NOT_ATTEMPTED: Status = "not attempted"

# status -> (label, colour): dark enough for text at 4.5:1 on a white notebook (WCAG AA); the course site maps
# them to lighter tones on its dark scheme through the classes _line_html adds.
_LOOK: dict[str, tuple[str, str]] = {
    CORRECT: ("Correct", "#1a7f37"),
    INCORRECT: ("Incorrect", "#c62828"),
    NOT_ATTEMPTED: ("Not answered yet", "#3d5f86"),
}
_HINT_COLOUR = "#b7860b"
_CODE = re.compile(r"`([^`]+)`")


def _inline_html(text: str) -> str:
    """Escape ``text`` for HTML and turn its `backticked` parts into <code>."""
    return _CODE.sub(r"<code>\1</code>", html.escape(text, quote=False))


def _line_html(label: str, colour: str, text: str) -> str:
    """One verdict line: the label is text a screen reader announces (``role="status"``), never colour alone.

    The border shows ``colour``; the label word uses it darkened, when needed, to 4.5:1 on white. The classes
    (``course-check course-check-correct`` ...) let a page restyle the line for its own background.
    """
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]

    def contrast_on_white(rgb: list[float]) -> float:
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 1.05 / (0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2] + 0.05)

    while contrast_on_white(channels) < 4.5:
        channels = [c * 0.95 for c in channels]
    text_colour = "#" + "".join(f"{round(c * 255):02x}" for c in channels)
    kind = "-".join(label.lower().split())
    return (
        f'<div class="course-check course-check-{kind}" role="status" '
        f'style="border-left: 4px solid {colour}; padding: 0.25em 0.75em; margin: 0.25em 0;">'
        f'<strong class="course-check-label" style="color: {text_colour};">{html.escape(label)}:</strong> '
        f"{_inline_html(text)}</div>"
    )


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one answer: ``status``, ``passed`` and a ``message`` saying why, for people."""

    status: Status
    message: str

    def __post_init__(self) -> None:
        if self.status not in _LOOK:
            raise ValueError(f"status must be one of {sorted(_LOOK)}, not {self.status!r}")

    @property
    def passed(self) -> bool:
        return self.status == CORRECT

    @property
    def label(self) -> str:
        """``Correct``, ``Incorrect`` or ``Not answered yet``."""
        return _LOOK[self.status][0]

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return f"{self.label}: {self.message}"

    __str__ = __repr__

    def _repr_html_(self) -> str:
        label, colour = _LOOK[self.status]
        return _line_html(label, colour, self.message)

    def _repr_markdown_(self) -> str:
        return self._repr_html_()


def sentence(text: str) -> str:
    """``text`` with its first letter in upper case, so messages built from parts read as sentences."""
    return text[:1].upper() + text[1:]


def correct(message: str) -> CheckResult:
    return CheckResult(CORRECT, sentence(message))


def incorrect(message: str) -> CheckResult:
    return CheckResult(INCORRECT, sentence(message))


def not_attempted(message: str) -> CheckResult:
    return CheckResult(NOT_ATTEMPTED, sentence(message))


@dataclass(frozen=True)
class Hint:
    """A hint, shown rather than printed, so a cell ending in ``q_1.hint()`` displays it."""

    text: str

    def __repr__(self) -> str:
        return f"Hint: {self.text}"

    __str__ = __repr__

    def _repr_html_(self) -> str:
        return _line_html("Hint", _HINT_COLOUR, self.text)

    def _repr_markdown_(self) -> str:
        return f"**Hint:** {self.text}"


@dataclass(frozen=True)
class Solution:
    """The reference answer as Python code: a highlighted block in Jupyter, indented text in a terminal."""

    code: str
    note: str = ""

    def __repr__(self) -> str:
        body = "\n".join("    " + line if line else "" for line in self.code.strip("\n").splitlines())
        note = f"\n{self.note}" if self.note else ""
        return f"Solution:\n{body}{note}"

    __str__ = __repr__

    def _repr_markdown_(self) -> str:
        note = f"\n\n{self.note}" if self.note else ""
        return f"**Solution:**\n\n```python\n{self.code.strip(chr(10))}\n```{note}"

"""What the checker hands back: a ``CheckResult`` per check, ``Hint`` and ``Solution`` for the other two calls.

Each carries its words in every language of the course (``Text``) and shows itself in the current one: a
coloured line in Jupyter, plain text in a terminal (``repr``). ``_repr_mimebundle_`` also puts the bundle of
every language in the output's metadata (``course_translations``), so a page in another language can show the
same output without running the lesson again. Colours sit in a left border and the label word, so they read
on light and dark pages alike, and the label is always text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Container
from dataclasses import dataclass, field
from typing import Any, Literal

from course.exercises.text import Text
from course.language import HTML_TAGS, LANGUAGES, current_language

__all__ = [
    "CORRECT",
    "INCORRECT",
    "NOT_ATTEMPTED",
    "OPEN",
    "TRANSLATIONS_KEY",
    "CheckResult",
    "Hint",
    "Solution",
    "Status",
    "Text",
    "correct",
    "incorrect",
    "not_attempted",
    "open_answer",
    "sentence",
]

Status = Literal["correct", "incorrect", "not attempted", "open"]
CORRECT: Status = "correct"
INCORRECT: Status = "incorrect"
NOT_ATTEMPTED: Status = "not attempted"
OPEN: Status = "open"  # an open question: any answer, or none, is fine, and the message says what to look for

TRANSLATIONS_KEY = "course_translations"
"""The output metadata key holding ``{language: {mime type: content}}`` for every language."""

# status -> (label, colour, class suffix): colours dark enough for text at 4.5:1 on a white notebook (WCAG AA);
# the course site maps them to lighter tones on its dark scheme through the classes _line_html adds, which stay
# the same in every language.
_LOOK: dict[str, tuple[Text, str, str]] = {
    CORRECT: (Text("Correct", "正确"), "#1a7f37", "correct"),
    INCORRECT: (Text("Incorrect", "不正确"), "#c62828", "incorrect"),
    NOT_ATTEMPTED: (Text("Not answered yet", "尚未作答"), "#3d5f86", "not-answered-yet"),
    OPEN: (Text("Open question", "开放题"), "#6a3d9a", "open"),
}
_HINT_LABEL = Text("Hint", "提示")
_HINT_COLOUR = "#b7860b"
_SOLUTION_LABEL = Text("Solution", "参考答案")
_COLON = {"en": ": ", "zh": "："}  # a full-width colon carries its own space
_GAP = {"en": " ", "zh": ""}  # after a label that ends in bold markup
_CODE = re.compile(r"`([^`]+)`")


def _inline_html(text: str) -> str:
    """Escape ``text`` for HTML and turn its `backticked` parts into <code>."""
    return _CODE.sub(r"<code>\1</code>", html.escape(text, quote=False))


def _text_colour(colour: str) -> str:
    """``colour``, darkened when needed until text in it reaches 4.5:1 on white."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]

    def contrast_on_white(rgb: list[float]) -> float:
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 1.05 / (0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2] + 0.05)

    while contrast_on_white(channels) < 4.5:
        channels = [c * 0.95 for c in channels]
    return "#" + "".join(f"{round(c * 255):02x}" for c in channels)


def _line_html(label: str, colour: str, kind: str, text: str, language: str) -> str:
    """One line: the label is text a screen reader announces (``role="status"``), never colour alone.

    The border shows ``colour``, the label word a darker tone of it; ``lang`` names the line's language. The
    classes (``course-check course-check-correct`` ...) let a page restyle the line for its own background.
    """
    return (
        f'<div class="course-check course-check-{kind}" role="status" lang="{HTML_TAGS[language]}" '
        f'style="border-left: 4px solid {colour}; padding: 0.25em 0.75em; margin: 0.25em 0;">'
        f'<strong class="course-check-label" style="color: {_text_colour(colour)};">'
        f"{html.escape(label)}{_COLON[language].rstrip()}</strong>{_GAP[language]}{_inline_html(text)}</div>"
    )


class _ShownInEveryLanguage:
    """Display for an object that can render itself in each language: ``_bundle(language)`` gives the MIME
    bundle of one language; Jupyter gets the current one as data and all of them as metadata.
    """

    def _bundle(self, language: str) -> dict[str, str]:
        raise NotImplementedError

    def _repr_mimebundle_(
        self, include: Container[str] | None = None, exclude: Container[str] | None = None
    ) -> tuple[dict[str, str], dict[str, Any]]:
        translations = {language: self._bundle(language) for language in LANGUAGES}
        data = {
            mime: content
            for mime, content in translations[current_language()].items()
            if (not include or mime in include) and (not exclude or mime not in exclude)
        }
        return data, {TRANSLATIONS_KEY: translations}

    def __repr__(self) -> str:
        return self._bundle(current_language())["text/plain"]

    def __str__(self) -> str:
        return self.__repr__()


def _as_text(owner: Any, name: str) -> None:
    """Store the field ``name`` of a frozen dataclass as a ``Text`` (a plain string reads the same everywhere)."""
    value = getattr(owner, name)
    if not isinstance(value, Text):
        object.__setattr__(owner, name, Text.of(value))


@dataclass(frozen=True, repr=False)
class CheckResult(_ShownInEveryLanguage):
    """The verdict on one answer: ``status``, ``passed`` and a ``text`` saying why, for people, in every
    language; ``message`` and ``label`` are the current language's wording.
    """

    status: Status
    text: Text

    def __post_init__(self) -> None:
        if self.status not in _LOOK:
            raise ValueError(f"status must be one of {sorted(_LOOK)}, not {self.status!r}")
        _as_text(self, "text")

    @property
    def passed(self) -> bool:
        """Whether the answer will do: a correct one, or any answer to an open question."""
        return self.status in (CORRECT, OPEN)

    @property
    def message(self) -> str:
        return str(self.text)

    @property
    def label(self) -> str:
        """``Correct``, ``Incorrect``, ``Not answered yet`` or ``Open question``, in the current language."""
        return str(_LOOK[self.status][0])

    def __bool__(self) -> bool:
        return self.passed

    def _bundle(self, language: str) -> dict[str, str]:
        label, colour, kind = _LOOK[self.status]
        message = self.text.in_language(language)
        line = _line_html(label.in_language(language), colour, kind, message, language)
        plain = f"{label.in_language(language)}{_COLON[language]}{message}"
        return {"text/plain": plain, "text/html": line, "text/markdown": line}

    def _repr_html_(self) -> str:
        return self._bundle(current_language())["text/html"]

    def _repr_markdown_(self) -> str:
        return self._bundle(current_language())["text/markdown"]


def sentence(text: Text | str) -> Text | str:
    """``text`` with its first English letter in upper case, so messages built from parts read as sentences."""
    if isinstance(text, Text):
        return text.map(lambda wording, language: sentence(wording) if language == "en" else wording)
    return text[:1].upper() + text[1:]


def correct(message: Text | str) -> CheckResult:
    return CheckResult(CORRECT, sentence(Text.of(message)))


def incorrect(message: Text | str) -> CheckResult:
    return CheckResult(INCORRECT, sentence(Text.of(message)))


def not_attempted(message: Text | str) -> CheckResult:
    return CheckResult(NOT_ATTEMPTED, sentence(Text.of(message)))


def open_answer(message: Text | str) -> CheckResult:
    """The verdict of an open question, which has no wrong answer: labelled as such, not "Correct", since the
    learner may not have done anything yet; ``message`` says what to look for."""
    return CheckResult(OPEN, sentence(Text.of(message)))


@dataclass(frozen=True, repr=False)
class Hint(_ShownInEveryLanguage):
    """A hint, shown rather than printed, so a cell ending in ``q_1.hint()`` displays it; ``text`` is the
    current language's wording, ``content`` every language's.
    """

    content: Text

    def __post_init__(self) -> None:
        _as_text(self, "content")

    @property
    def text(self) -> str:
        return str(self.content)

    def _bundle(self, language: str) -> dict[str, str]:
        label, text = _HINT_LABEL.in_language(language), self.content.in_language(language)
        return {
            "text/plain": f"{label}{_COLON[language]}{text}",
            "text/html": _line_html(label, _HINT_COLOUR, "hint", text, language),
            "text/markdown": f"**{label}{_COLON[language].rstrip()}**{_GAP[language]}{text}",
        }

    def _repr_html_(self) -> str:
        return self._bundle(current_language())["text/html"]

    def _repr_markdown_(self) -> str:
        return self._bundle(current_language())["text/markdown"]


@dataclass(frozen=True, repr=False)
class Solution(_ShownInEveryLanguage):
    """The reference answer as Python code and an ``explanation``, in each language: a highlighted block in
    Jupyter, indented text in a terminal. ``listing`` is the code with its comments in each language (the code
    itself is the same in all); ``code`` and ``note`` are the current language's.
    """

    listing: Text
    explanation: Text = field(default_factory=lambda: Text("", ""))

    def __post_init__(self) -> None:
        _as_text(self, "listing")
        _as_text(self, "explanation")

    @property
    def code(self) -> str:
        return str(self.listing)

    @property
    def note(self) -> str:
        return str(self.explanation)

    def _bundle(self, language: str) -> dict[str, str]:
        label, note = _SOLUTION_LABEL.in_language(language), self.explanation.in_language(language)
        code = self.listing.in_language(language).strip("\n")
        colon = _COLON[language].rstrip()
        body = "\n".join("    " + line if line else "" for line in code.splitlines())
        plain_note = f"\n{note}" if note else ""
        markdown_note = f"\n\n{note}" if note else ""
        return {
            "text/plain": f"{label}{colon}\n{body}{plain_note}",
            "text/markdown": f"**{label}{colon}**\n\n```python\n{code}\n```{markdown_note}",
        }

    def _repr_markdown_(self) -> str:
        return self._bundle(current_language())["text/markdown"]

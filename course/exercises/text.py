"""``Text``: one message in every language of the course, so an output computed once can be shown in each.

Build it with both wordings, ``Text("Correct.", "正确。")``; join and concatenate parts language by language.
``str(text)`` is the wording in the current language (``course.language``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from course.language import LANGUAGES, current_language

__all__ = ["Text", "commented_code", "count_of", "with_article"]


@dataclass(frozen=True)
class Text:
    """A message in English (``en``) and Simplified Chinese (``zh``)."""

    en: str
    zh: str

    def __post_init__(self) -> None:
        if type(self.en) is not str or type(self.zh) is not str:
            raise TypeError(f"Text takes two strings, not {type(self.en).__name__} and {type(self.zh).__name__}")

    @classmethod
    def of(cls, value: Text | str) -> Text:
        """``value`` itself, or a string that reads the same in every language (code, a number)."""
        return value if isinstance(value, Text) else cls(value, value)

    def in_language(self, code: str) -> str:
        """The wording in ``code``, one of ``course.language.LANGUAGES``."""
        if code not in LANGUAGES:
            raise ValueError(f"a Text speaks {', '.join(LANGUAGES)}, not {code!r}")
        return getattr(self, code)

    def map(self, change: Callable[[str, str], str]) -> Text:
        """``change(wording, language)`` applied to each language's wording."""
        return Text(change(self.en, "en"), change(self.zh, "zh"))

    def __str__(self) -> str:
        return self.in_language(current_language())

    def __add__(self, other: Text | str) -> Text:
        other = Text.of(other)
        return Text(self.en + other.en, self.zh + other.zh)

    def __radd__(self, other: str) -> Text:
        return Text.of(other) + self

    @staticmethod
    def join(parts: Iterable[Text | str], en: str = " ", zh: str = "") -> Text:
        """``parts`` joined by ``en`` in English and ``zh`` in Chinese (Chinese sentences need no space)."""
        texts = [Text.of(part) for part in parts]
        return Text(en.join(t.en for t in texts), zh.join(t.zh for t in texts))


def count_of(number: int, noun: str) -> str:
    """``1 unit``, ``3 units``: an English count with its noun in the right number."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def with_article(word: str) -> str:
    """``a Dropout``, ``an AlphaDropout``: the indefinite article an English reader expects before ``word``."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def commented_code(code: str, comments: dict[str, str]) -> Text:
    """``code`` in English, and in Chinese with each comment ``# <English>`` replaced by ``# <comments[English]>``:
    one listing whose comments speak each language while its code stays the same."""
    chinese = code
    for english, translation in comments.items():
        if f"# {english}" not in code:
            raise ValueError(f"the code has no comment '# {english}' to translate")
        chinese = chinese.replace(f"# {english}", f"# {translation}")
    return Text(code, chinese)

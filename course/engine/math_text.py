"""A formula as one line of plain text, for the search index: ``3^2 = 9``, ``1/2``, ``∑_i x_i^2``, ``p̂``.

Search indexes a page's text. The text of a MathML formula runs its parts together: 3² became "32" and ½ became
"12" in the results' previews. ``linear_text`` writes the MathML KaTeX produces (``course.engine.mathml``) the way
one types a formula in plain text: powers with ``^``, indices with ``_``, fractions with ``/``, grouped in
brackets when a part has more than one symbol.
"""

from __future__ import annotations

from bs4 import Tag

__all__ = ["linear_text"]

_SPACED_OPERATORS = set("=+−-·⋅×<>≤≥≈≠→←⇒∈")
_BIG_OPERATORS = set("∑∏∫")
_ACCENTS = {"^": "\u0302", "ˆ": "\u0302", "~": "\u0303", "˜": "\u0303", "‾": "\u0305", "¯": "\u0304", "→": "\u20d7"}
_SILENT = {"annotation", "annotation-xml", "mphantom"}


def linear_text(math: Tag) -> str:
    """The formula ``math`` (a ``<math>`` element) as one line of text."""
    return " ".join(_text(math).split()).replace("( ", "(").replace(" )", ")")


def _text(element: Tag) -> str:
    name = element.name
    parts = [child for child in element.children if isinstance(child, Tag)]
    if name in _SILENT:
        return ""
    if name in ("mi", "mn", "mtext", "ms"):
        text = element.get_text()
        return f" {text} " if name == "mi" and len(text) > 1 else text  # a function's name: log, max
    if name == "mo":
        operator = element.get_text().strip()
        if operator in _SPACED_OPERATORS:
            return f" {operator} "
        if operator in ("", "\u2061", "\u2062"):  # function application, invisible times
            return " "
        return f"{operator} " if operator == "," else operator
    if name == "mspace":
        return " "
    if name in ("msup", "msub") and len(parts) == 2:
        return _spaced_if_big(parts[0], _text(parts[0]) + ("^" if name == "msup" else "_") + _grouped(parts[1]))
    if name == "msubsup" and len(parts) == 3:
        return _spaced_if_big(parts[0], f"{_text(parts[0])}_{_grouped(parts[1])}^{_grouped(parts[2])}")
    if name == "mfrac" and len(parts) == 2:
        return f"{_grouped(parts[0])}/{_grouped(parts[1])} "
    if name == "msqrt":
        return f"√({''.join(_text(part) for part in parts)})"
    if name in ("mover", "munder", "munderover") and parts:
        return _under_over(name, element, parts)
    if name == "mtable":
        return "; ".join(_text(row) for row in parts)
    if name in ("mtr", "mlabeledtr"):
        return " ".join(_text(cell) for cell in parts)
    return "".join(_text(part) for part in parts)


def _under_over(name: str, element: Tag, parts: list[Tag]) -> str:
    base = _text(parts[0])
    if name == "mover" and len(parts) == 2 and element.get("accent") == "true":
        mark = _ACCENTS.get(parts[1].get_text().strip())
        if mark and len(base) == 1:
            return base + mark
    under = _grouped(parts[1]) if name in ("munder", "munderover") and len(parts) > 1 else ""
    over = _grouped(parts[-1]) if name in ("mover", "munderover") and len(parts) > 1 else ""
    return _spaced_if_big(parts[0], base + (f"_{under}" if under else "") + (f"^{over}" if over else ""))


def _spaced_if_big(base: Tag, text: str) -> str:
    """``text`` with a space either side when ``base`` is a sum, product or integral sign (``1/n ∑_i e_i``)."""
    return f" {text} " if base.get_text().strip() in _BIG_OPERATORS else text


def _grouped(element: Tag) -> str:
    """``element``'s text, in brackets when it is more than one symbol (``x^(n+1)``, ``(a+b)/2``)."""
    text = " ".join(_text(element).split())
    if len(text) <= 1 or text.isalnum() or text.replace(".", "", 1).isdigit():
        return text
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        return text
    return f"({text})"

"""How much room a figure's text takes, and how to break a title that does not fit: for the diagrams, which place
their texts by hand, and for the phone drawing's titles."""

from __future__ import annotations

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextPath

__all__ = ["evenly_broken", "text_width"]


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width in inches of ``text`` set in the house font at ``size`` points: of its longest line."""
    if not text:
        return 0.0
    font = FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal")
    return max(TextPath((0, 0), line, size=size, prop=font).get_extents().width / 72 for line in text.split("\n"))


def evenly_broken(text: str, room: float, size: float, *, bold: bool = False) -> str:
    """``text`` as it is when it fits ``room`` inches at ``size`` points, else broken between two words into two lines
    as nearly equal in width as can be. Matplotlib's own wrapping fills each line in turn and can leave one word
    alone on the last ("… with and without / dropout")."""
    words = text.split(" ")
    if "\n" in text or len(words) < 2 or text_width(text, size, bold=bold) <= room:
        return text

    def longer_line(cut: int) -> float:
        return max(text_width(" ".join(words[:cut]), size, bold=bold),
                   text_width(" ".join(words[cut:]), size, bold=bold))

    cut = min(range(1, len(words)), key=longer_line)
    return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])

"""Make a finished lesson page usable by keyboard and screen reader: scrolling blocks get a tab stop and a name.

Code cells, outputs (text, and HTML such as tables) and code quoted in a lesson's text scroll sideways when they are
wider than the content column (Chromium then makes such a block a tab stop of its own, with no name).
A reader without a mouse can only scroll a block that takes keyboard focus, so every code block and output gets
``tabindex="0"`` (the site's stylesheet draws the focus ring), ``role="region"`` and a label saying which cell it
belongs to, so a screen reader names the block it lands on. Blocks that already take focus keep their own attributes.
"""

from __future__ import annotations

from collections.abc import Mapping

from bs4 import BeautifulSoup, Tag

from course.engine.wording import words

__all__ = ["label_scrolling_blocks", "scrolling_blocks"]

CODE_BLOCK = "div.highlight-ipynb"
OUTPUT_BLOCK = ".jp-OutputArea-output pre"
HTML_OUTPUT_BLOCK = ".jp-OutputArea-output.jp-RenderedHTMLCommon"  # a table, say: the notebook gives it a bare tab stop
BANNER_BLOCK = ".admonition pre"
PROSE_CODE_BLOCK = ".jp-RenderedMarkdown div.highlight > pre"  # code quoted in a Markdown cell


def scrolling_blocks(soup: BeautifulSoup, say: Mapping[str, str] = words("en")) -> list[tuple[Tag, str]]:
    """Each block of the page that may scroll, in reading order, with the label it should carry, in the words of
    ``say`` (``course.engine.wording``).

    Code blocks are "Code cell N" (N counts the page's code cells from 1), outputs "Output of code cell N", code
    quoted in the text "Code example N" (counted on its own), and a preformatted block inside a banner (a build
    error, say) is "Message".
    """
    blocks: list[tuple[Tag, str]] = []
    cell_number = example_number = 0
    selector = f"{CODE_BLOCK}, {OUTPUT_BLOCK}, {HTML_OUTPUT_BLOCK}, {BANNER_BLOCK}, {PROSE_CODE_BLOCK}"
    for element in soup.select(selector):
        if element.find_parent(class_="jp-RenderedMarkdown") is not None:
            example_number += 1
            blocks.append((element, say["block.example"].format(number=example_number)))
        elif "highlight-ipynb" in element.get("class", ()):
            cell_number += 1
            blocks.append((element, say["block.code"].format(number=cell_number)))
        elif (element.find_parent(class_="jp-OutputArea-output") is not None
              or "jp-OutputArea-output" in element.get("class", ())):
            label = say["block.output"].format(number=cell_number) if cell_number else say["block.output.alone"]
            blocks.append((element, label))
        else:
            blocks.append((element, say["block.message"]))
    return blocks


def label_scrolling_blocks(soup: BeautifulSoup, say: Mapping[str, str] = words("en")) -> None:
    """Give every code block, text or HTML output, code example and banner message a tab stop, a region role and a
    label, in place. The notebook's own tab stop on the box around a text output goes: the ``pre`` inside is what
    scrolls, and the box was a second, unnamed stop for every printed output."""
    blocks = scrolling_blocks(soup, say)
    for element, label in blocks:
        element.attrs.setdefault("tabindex", "0")
        element.attrs.setdefault("role", "region")
        element.attrs.setdefault("aria-label", label)
    labelled = {id(element) for element, _ in blocks}
    for box in soup.select(".jp-OutputArea-output[tabindex]"):
        if id(box) not in labelled and box.find("pre") is not None:
            del box["tabindex"]
